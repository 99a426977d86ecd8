"""The built wheel carries the schemas and works from a non-editable install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import ROOT, SAMPLES


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("wiki_lint-*.whl")
    return built


def test_wheel_contains_the_schemas_and_the_entry_point(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        for schema in (ROOT / "schemas").glob("*.json"):
            assert f"wiki_lint/schemas/{schema.name}" in names
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "wiki-lint = wiki_lint.cli:main" in archive.read(entry_points).decode()


def test_installed_wheel_checks_pages_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import wiki_lint.schema as s; print(s.__file__); print(s.builtin_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, schema_dir = where.stdout.split()
    assert Path(module_file).is_relative_to(site) and Path(schema_dir).is_relative_to(site)
    result = subprocess.run(
        [sys.executable, "-m", "wiki_lint", "check", "--output-format", "json", str(SAMPLES / "interleukin-34.txt")],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert [f["line"] for f in json.loads(result.stdout) if f["name"] == "edit-marker"] == [3, 5, 7, 9]

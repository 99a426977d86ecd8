"""The pre-commit hook as content repositories use it.

The real run uses ``pre-commit try-repo``.  try-repo clones the repository at ``HEAD``
and adds *tracked* uncommitted changes, but never untracked files, so testing the
checkout directly would test whatever happens to be committed.  The test therefore
commits a snapshot of the working tree (tracked and untracked, minus ignored files) to
a temporary repository and points try-repo at that: what is tested is exactly the
code on disk.  try-repo builds the hook's environment in its own temporary store
(``pip install`` of this package, which needs the package registry); PRE_COMMIT_HOME
points at a temporary folder so nothing outside the test is touched.

A second real run installs the hook into a content repository exactly as the docs show
(``repo`` + ``rev`` tag + ``id``, then ``pre-commit install``) and checks that
``git commit`` of the seed page is refused.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT, SAMPLES, SEED

HOOK_FILE = ROOT / ".pre-commit-hooks.yaml"


def hook() -> dict[str, object]:
    from pre_commit.clientlib import load_manifest  # validates against pre-commit's own schema

    (found,) = [h for h in load_manifest(str(HOOK_FILE)) if h["id"] == "wiki-lint"]
    return dict(found)


def test_hook_manifest_is_valid_and_says_what_the_issue_asks() -> None:
    wiki_lint = hook()
    assert wiki_lint["language"] == "python"
    assert wiki_lint["entry"] == "wiki-lint check --force-exclude"
    assert wiki_lint["require_serial"] is False
    assert wiki_lint["types"] == ["text"]


@pytest.mark.parametrize(
    "name",
    ["page.md", "docs/Interleukin-6.MD", "a.markdown", "export.txt", "x/y/page.wiki", "p.wikitext", "p.mediawiki", "p.html", "P.HTM"],
)
def test_files_pattern_matches_pages(name: str) -> None:
    assert re.search(str(hook()["files"]), name)


@pytest.mark.parametrize(
    "name",
    ["script.py", "page.md.bak", "image.png", "README", "notes.mdx", "page.wikis", "archive.txt.gz", "style.css", "page.md/", "mdtxt"],
)
def test_files_pattern_rejects_other_files(name: str) -> None:
    assert not re.search(str(hook()["files"]), name)


def test_identify_tags_every_page_extension_as_text(tmp_path: Path) -> None:
    from identify import identify

    for ext in ("md", "markdown", "txt", "wiki", "wikitext", "mediawiki", "html", "htm"):
        page = tmp_path / f"page.{ext}"
        page.write_text("Interleukin 6\n", encoding="utf-8")
        assert "text" in identify.tags_from_path(str(page)), ext


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def init_repo(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main", cwd=path)
    git("config", "user.email", "test@example.com", cwd=path)
    git("config", "user.name", "wiki-lint test", cwd=path)
    git("config", "commit.gpgsign", "false", cwd=path)


def snapshot_of_this_checkout(target: Path) -> Path:
    """A git repository holding the working tree as it is on disk, committed."""
    if (ROOT / ".git").exists():
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
        files = [name for name in listed if name and (ROOT / name).is_file()]
    else:  # an unpacked source distribution
        files = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    for name in files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    init_repo(target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return target


def try_repo(hook_repo: Path, content: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "wiki-lint", "--color", "never", *args]
    return subprocess.run(command, cwd=content, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.precommit
def test_hook_blocks_the_defective_page_and_passes_the_complete_one(tmp_path: Path) -> None:
    hook_repo = snapshot_of_this_checkout(tmp_path / "wiki-lint")
    content = tmp_path / "content"
    init_repo(content)
    shutil.copy(SAMPLES / "interleukin-34.md", content / "defective.md")
    shutil.copy(SAMPLES / "interleukin-6.md", content / "complete.md")
    (content / "drafts").mkdir()
    shutil.copy(SAMPLES / "interleukin-34.md", content / "drafts" / "wip.md")
    (content / ".wiki-lint.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    (content / "notes.py").write_text("print('not a page')\n", encoding="utf-8")
    shutil.copy(SEED, content / "interleukin-34.txt")  # the scraped seed page, as exported
    git("add", "-A", cwd=content)
    git("commit", "-q", "-m", "pages", cwd=content)
    home = tmp_path / "pre-commit-home"

    defective = try_repo(hook_repo, content, home, "--files", "defective.md")
    output = defective.stdout + defective.stderr
    assert defective.returncode == 1, output
    assert re.search(r"wiki-lint\.+Failed", output), output
    assert "defective.md:10:12: WL601 warning" in output
    assert "defective.md:26:108: WL311 error" in output

    complete = try_repo(hook_repo, content, home, "--files", "complete.md")
    assert complete.returncode == 0, complete.stdout + complete.stderr
    assert re.search(r"wiki-lint\.+Passed", complete.stdout), complete.stdout

    everything = try_repo(hook_repo, content, home, "--all-files")
    output = everything.stdout + everything.stderr
    assert everything.returncode == 1, output
    assert "defective.md:" in output
    assert "interleukin-34.txt:11:108: WL311 error" in output  # the seed page is blocked
    assert "complete.md:" not in output
    assert "wip.md" not in output  # excluded by the content repo's configuration (--force-exclude)
    assert "notes.py" not in output


def test_hook_manifest_is_plain_yaml_list() -> None:
    data = yaml.safe_load(HOOK_FILE.read_text(encoding="utf-8"))
    assert [entry["id"] for entry in data] == ["wiki-lint", "wiki-lint-schema"]


def test_schema_hook_matches_schema_files_only() -> None:
    from pre_commit.clientlib import load_manifest

    (schema_hook,) = [h for h in load_manifest(str(HOOK_FILE)) if h["id"] == "wiki-lint-schema"]
    assert schema_hook["entry"] == "wiki-lint schema check"
    assert re.search(schema_hook["files"], "schemas/drug.schema.json")
    assert not re.search(schema_hook["files"], "package.json")
    assert not re.search(schema_hook["files"], "drug.schema.json.bak")


# --- this repository's own .pre-commit-config.yaml ----------------------------------------


def own_config() -> dict[str, object]:
    from pre_commit.clientlib import load_config  # validates against pre-commit's own schema

    return dict(load_config(str(ROOT / ".pre-commit-config.yaml")))


def test_own_config_runs_ruff_mypy_schema_check_and_wiki_lint() -> None:
    repos = {repo["repo"]: [hook["id"] for hook in repo["hooks"]] for repo in own_config()["repos"]}  # type: ignore[attr-defined]
    assert repos["https://github.com/astral-sh/ruff-pre-commit"] == ["ruff-check", "ruff-format"]
    assert repos["https://github.com/pre-commit/mirrors-mypy"] == ["mypy"]
    assert repos["local"] == ["wiki-lint-schema-check", "wiki-lint-samples"]


def repository_files() -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for folder in ("samples", "schemas") for p in (ROOT / folder).rglob("*") if p.is_file())


@pytest.mark.parametrize("hook_id", ["wiki-lint-schema-check", "wiki-lint-samples"])
def test_own_local_hooks_pass_on_this_repository(hook_id: str) -> None:
    """Run each local hook's entry on the files pre-commit would pass it (no hook install)."""
    (local,) = [repo for repo in own_config()["repos"] if repo["repo"] == "local"]  # type: ignore[attr-defined]
    (found,) = [h for h in local["hooks"] if h["id"] == hook_id]
    files = [name for name in repository_files() if re.search(found["files"], name) and not re.search(found["exclude"], name)]
    assert files, f"{hook_id} matches no file"
    entry = found["entry"].split()
    assert entry[:3] == ["python", "-m", "wiki_lint"]
    done = subprocess.run([sys.executable, *entry[1:], *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    if hook_id == "wiki-lint-samples":
        assert "samples/interleukin-6.md" in files
        assert not any("interleukin-34" in name for name in files)  # defective on purpose


@pytest.mark.precommit
def test_installed_hook_blocks_a_commit_of_the_seed_page(tmp_path: Path) -> None:
    """A content repo configured as docs/pre-commit.md shows: `git commit` of the seed fails."""
    hook_repo = snapshot_of_this_checkout(tmp_path / "wiki-lint")
    git("tag", "v0.0.0-test", cwd=hook_repo)
    content = tmp_path / "content"
    init_repo(content)
    config = {"repos": [{"repo": str(hook_repo), "rev": "v0.0.0-test", "hooks": [{"id": "wiki-lint"}]}]}
    (content / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git("add", "-A", cwd=content)
    git("commit", "-q", "-m", "pre-commit configuration", cwd=content)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_COLOR": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=content, env=env, check=True, capture_output=True)

    shutil.copy(SEED, content / "interleukin-34.txt")
    git("add", "interleukin-34.txt", cwd=content)
    blocked = subprocess.run(["git", "commit", "-m", "seed page"], cwd=content, env=env, capture_output=True, text=True, timeout=600)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "interleukin-34.txt:11:108: WL311 error" in output
    assert git("rev-list", "--count", "HEAD", cwd=content).strip() == "1"  # nothing was committed

    git("rm", "-q", "--cached", "interleukin-34.txt", cwd=content)
    shutil.copy(SAMPLES / "interleukin-6.md", content / "interleukin-6.md")
    git("add", "interleukin-6.md", cwd=content)
    passed = subprocess.run(["git", "commit", "-m", "complete page"], cwd=content, env=env, capture_output=True, text=True, timeout=600)
    assert passed.returncode == 0, passed.stdout + passed.stderr

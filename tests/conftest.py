"""pytest configuration: the golden-file update flag, hypothesis profiles, and the
``checks`` fixture (which pages a run really checked rather than took from the cache)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import wiki_lint.batch
from wiki_lint.check import FileResult, Settings, check_data

settings.register_profile("default", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("thorough", max_examples=3_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden reports in samples/golden/ from the current output (review the diff!)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages actually checked (not served from the cache) in this process."""
    checked: list[str] = []

    def counting(path: str, data: bytes | None, file_settings: Settings) -> FileResult:
        checked.append(Path(path).name)
        return check_data(path, data, file_settings)

    monkeypatch.setattr(wiki_lint.batch, "check_data", counting)
    return checked

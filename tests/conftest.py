"""Shared options for the test suite."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

_CACHE_HOME: list[tuple[str, str | None]] = []  # (the session's cache home, XDG_CACHE_HOME before)


def pytest_configure(config: pytest.Config) -> None:
    """The session's own per-user cache (verifier/syntax/cache.py), for this process and the
    irqverify processes the tests start: the tests neither read nor fill the user's."""
    home = tempfile.mkdtemp(prefix="irqverify-test-cache-")
    _CACHE_HOME.append((home, os.environ.get("XDG_CACHE_HOME")))
    os.environ["XDG_CACHE_HOME"] = home


def pytest_unconfigure(config: pytest.Config) -> None:
    while _CACHE_HOME:
        home, before = _CACHE_HOME.pop()
        if before is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = before
        shutil.rmtree(home, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files (tests/cases/*/*.expected) from the current output; read the diff before committing",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator[str]:
    """One small local Dask cluster for the whole test session (2 worker processes): its
    scheduler's address. Skipped where Dask's `distributed` is not installed."""
    pytest.importorskip("distributed")
    from verifier.engines import cluster

    cluster.connect("auto", 2)
    address = cluster.scheduler_address()
    assert address is not None
    try:
        yield address
    finally:
        cluster.disconnect()

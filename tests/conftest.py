"""Shared options for the test suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


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

"""Fixtures of the engine tests."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

import pytest


@pytest.fixture(scope="module")
def pool() -> Iterator[Executor]:
    """Worker processes for BMC runs, one per core: each run is independent and CPU-bound."""
    with ProcessPoolExecutor(os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn")) as workers:
        yield workers

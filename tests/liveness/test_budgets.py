"""Liveness budgets are work, not time: the same model and budget give the same outcome on an idle
machine and on one with a core kept busy, and the outer guard (`--timeout`) ends any phase of a
run with huge work budgets on time, as UNKNOWN (timeout)."""

from __future__ import annotations

import functools
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from support import prelude_parsed_once

from verifier.engines.liveness import LiveBudget, check_lasso, decide_liveness, default_prover
from verifier.engines.work import Guard, Meter
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.pipeline import check_spec
from verifier.result import Bounded, Outcome, Unknown, Violated

SPEC = "spec/resampler_mutex.irq"
PROP = "eventual_deassert"
GUARD = 5.0  # seconds


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


@functools.cache
def resampler(variant: str, nfd: int | None = None) -> TransitionSystem:
    return lower(check_spec(SPEC, {"NFD": nfd} if nfd else {}), variant)


@contextmanager
def busy() -> Iterator[None]:
    """A process burning a core beside the test while it runs."""
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        yield
    finally:
        burner.kill()
        burner.wait()


def decide(ts: TransitionSystem, budget: LiveBudget) -> tuple[Outcome, str]:
    ((o, _, engine),) = decide_liveness(ts, [PROP], budget).values()
    return o, engine


SMALL = LiveBudget(max_states=5_000, walk_steps=20_000, bmc_units=1.0, proof=Meter(0.0))
RUNS = [
    # (variant, NFD, budget, what it comes to): every phase, each stopped by its work
    ("early_unregister", None, SMALL, "a lasso from the walks, shortened"),
    ("merged", None, SMALL, "open: state budget, walks, lasso BMC out of work"),
    ("merged", None, LiveBudget(bmc_units=1.0, engine="bmc", proof=Meter(0.0)), "lasso BMC to its work's depth"),
    ("early_unregister", 1, SMALL, "a lasso from the complete search, then BMC's shortest"),
]


@pytest.mark.parametrize(("variant", "nfd", "budget", "what"), RUNS)
def test_the_same_work_gives_the_same_outcome_on_a_busy_machine(
    variant: str, nfd: int | None, budget: LiveBudget, what: str
) -> None:
    ts = resampler(variant, nfd)
    idle = decide(ts, budget)
    with busy():
        loaded = decide(ts, budget)
    assert idle == loaded, what
    o = idle[0]
    if isinstance(o, Violated):
        assert check_lasso(ts, PROP, o.trace) is None
    else:
        assert isinstance(o, Bounded), o
        assert o.reason, "an open verdict says what its budgets covered"
        if budget.engine == "auto":
            assert o.reason.startswith("state budget: 5,0"), o.reason
            assert "random walks" in o.reason and "lasso BMC" in o.reason, o.reason
        else:
            assert o.depth > 0 and f"none of 0..{o.depth} steps within 1 work units" in o.reason, o.reason


HUGE = {"max_states": 10**9, "walk_steps": 10**9, "bmc_units": 1e9}
PHASES = {
    # the phase the guard fires in: the budgets that let the run get there quickly
    "the product search": {},
    "the random walks": {"max_states": 5_000},
    "lasso BMC": {"max_states": 5_000, "walk_steps": 5_000},
    "the proof": {"max_states": 5_000, "walk_steps": 5_000, "bmc_units": 0.5},
}


@pytest.mark.parametrize("phase", list(PHASES))
def test_the_guard_ends_a_huge_budget_on_time(phase: str) -> None:
    ts = resampler("merged")
    start = time.monotonic()
    budget = LiveBudget(**{**HUGE, **PHASES[phase]}, proof=Meter(1e9, Guard.after(GUARD)))  # type: ignore[arg-type]
    ((o, _, _),) = decide_liveness(ts, [PROP], budget, default_prover()).values()
    took = time.monotonic() - start
    assert isinstance(o, Unknown) and o.reason.startswith("timeout"), o
    # the guard fires in this phase, or in an earlier one on a machine too loaded to get there in time
    reached = list(PHASES)[: list(PHASES).index(phase) + 1]
    assert any(p in o.reason for p in reached), o.reason
    assert took <= GUARD * 1.1 + 2, f"{took:.1f}s"

"""The BDD engines' budgets are work, not seconds; `--timeout` is a guard that stops them.

Symbolic reachability and the symbolic ranking charge their meter node work (verifier/symbolic/
encode.py), which depends only on the diagrams, never on the clock or on where CUDD's nodes sit
in memory: the same meter must give the same outcome and the same work spent on every run, with
the machine idle or busy. The guard stops them within 10% + 2 s of its deadline, in the middle of
a CUDD operation if need be; the models here (the resampler with two irqfds: 37.7 million
reachable states, a minute of CUDD work) are far from done when it fires.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from support import SPEC_DIR, prelude_parsed_once

from verifier.engines.symbolic import symbolic_reach
from verifier.engines.symrank import symbolic_rank
from verifier.engines.work import Guard, Meter
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.pipeline import check_spec
from verifier.proof.bdd import OUT_OF_TIME, step_check
from verifier.result import Outcome, Proved, Unknown
from verifier.symbolic.encode import Stop, SymbolicSystem

SAFETY = ["no_lost_interrupt", "use_after_free", "null_deref", "deadlock"]
GUARD = 5.0  # seconds
HUGE = 1e9  # work units: never the limit here


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


@pytest.fixture(scope="module")
def small() -> TransitionSystem:
    """The merged resampler with one irqfd: 12,438 reachable states, under a second of work."""
    return lower(check_spec(str(SPEC_DIR / "resampler_mutex.irq"), {"NFD": 1}), "merged")


@pytest.fixture(scope="module")
def big() -> TransitionSystem:
    """The merged resampler with two irqfds (the bundled spec): about a minute of work."""
    return lower(check_spec(str(SPEC_DIR / "resampler_mutex.irq")), "merged")


class _Busy:
    """Two processes spinning on the CPU (this machine has two cores), stopped on exit."""

    def __enter__(self) -> _Busy:
        self.procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
        return self

    def __exit__(self, *_: object) -> None:
        for p in self.procs:
            p.kill()
            p.wait()


def _reach(ts: TransitionSystem, units: float) -> tuple[dict[str, Outcome], float]:
    meter = Meter(units)
    return symbolic_reach(ts, SAFETY, meter), meter.spent


def _same(a: dict[str, Outcome], b: dict[str, Outcome]) -> bool:
    """The same verdict and reason for every property (a Proved's detail is not compared)."""
    return all(type(a[p]) is type(b[p]) and getattr(a[p], "reason", "") == getattr(b[p], "reason", "") for p in SAFETY)


def test_the_same_meter_gives_the_same_outcome_and_work_idle_or_busy(small: TransitionSystem) -> None:
    done, total = _reach(small, HUGE)
    assert all(isinstance(o, Proved) for o in done.values()), done
    # just enough work, and just too little: the outcome sits on the edge of the budget, where a
    # count that varied from run to run (or with the load) would fall one way or the other
    for units, proved in ((total * 1.0001, True), (total * 0.9999, False), (total * 0.5, False)):
        idle, spent = _reach(small, units)
        with _Busy():
            busy, spent_busy = _reach(small, units)
        assert _same(idle, busy), (idle, busy)
        assert spent == spent_busy
        for o in idle.values():
            if proved:
                assert isinstance(o, Proved), o
            else:
                assert isinstance(o, Unknown) and o.reason.startswith("work budget"), o


def test_work_running_out_gives_unknown_with_the_work_reason(small: TransitionSystem) -> None:
    total = _reach(small, HUGE)[1]
    for units in (total / 1000, total / 2):
        out, spent = _reach(small, units)
        assert spent >= units
        for o in out.values():
            assert isinstance(o, Unknown) and o.reason.startswith("work budget") and "spent" in o.reason, o
    # the ranking starts with the same search for the reachable states
    ranked = symbolic_rank(small, "eventual_deassert", Meter(total / 2))
    assert isinstance(ranked, Unknown) and ranked.reason.startswith("work budget") and "spent" in ranked.reason


def test_the_guard_can_stop_cudd_inside_an_operation(small: TransitionSystem) -> None:
    """The termination hook is there (a dd upgrade that moves CUDD's manager would disable it)."""
    sy = SymbolicSystem(small)
    assert sy.watch(time.monotonic() + 60.0)


def _within_guard(elapsed: float) -> None:
    assert elapsed <= GUARD * 1.1 + 2.0, f"the guard fired after {GUARD}s, the engine stopped after {elapsed:.1f}s"


def test_the_guard_stops_symbolic_reachability(big: TransitionSystem) -> None:
    meter = Meter(HUGE, Guard.after(GUARD))
    start = time.monotonic()
    out = symbolic_reach(big, SAFETY, meter)
    _within_guard(time.monotonic() - start)
    for o in out.values():
        assert isinstance(o, Unknown) and o.reason.startswith("timeout"), o


def test_the_guard_stops_the_symbolic_ranking(big: TransitionSystem) -> None:
    meter = Meter(HUGE, Guard.after(GUARD))
    start = time.monotonic()
    o = symbolic_rank(big, "eventual_deassert", meter)
    _within_guard(time.monotonic() - start)
    assert isinstance(o, Unknown) and o.reason.startswith("timeout"), o


def test_the_guard_stops_building_the_deadlock_predicate() -> None:
    """Over every state, not cut down to the reachable ones, the predicate takes CUDD minutes
    with three irqfds (390 actions; 9 s with two)."""
    ts = lower(check_spec(str(SPEC_DIR / "resampler_mutex.irq"), {"NFD": 3}), "merged")
    sy = SymbolicSystem(ts, meter=Meter(HUGE, Guard.after(GUARD)))
    start = time.monotonic()
    with pytest.raises(Stop) as stopped, sy.stoppable():
        sy.bad("deadlock")
    _within_guard(time.monotonic() - start)
    assert stopped.value.timeout


def test_the_bdd_step_check_keeps_to_its_deadline(small: TransitionSystem) -> None:
    out = symbolic_reach(small, ["deadlock"], Meter(HUGE))["deadlock"]
    assert isinstance(out, Proved)
    body = out.certificate.smt2  # type: ignore[union-attr]
    assert step_check(small, body, "bv", time.monotonic() + 60.0) == ""
    assert step_check(small, body, "bv", time.monotonic()) == OUT_OF_TIME

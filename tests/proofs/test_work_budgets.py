"""Budgets are work, not seconds: the same engine with the same meter on the same model gives the
same answer and spends the same work, however busy the machine; and the guard (`--timeout`) stops
every engine close to its deadline, with an Unknown whose reason starts with "timeout".

The model is the bundled resampler design (`merged`: 121 variables, 37.7 million reachable states),
on which every engine runs for minutes if let; exact strengthening, which first enumerates every
reachable state, is compared on its one-irqfd member (12,438 states). The meters of the comparison
are small enough that each run stops part way: where it stops shows whether the work was counted
the same. One of the two runs has a CPU-burning process beside it, so a budget read off the clock
would stop elsewhere.

The guard tests measure elapsed time, but only as the guard's upper bound, with a generous margin.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from support import SPEC_DIR, prelude_parsed_once

from verifier.engines.bmc import bmc
from verifier.engines.exact import exact_strengthen
from verifier.engines.kind import kinduction
from verifier.engines.localize import localize
from verifier.engines.pdr import pdr
from verifier.engines.prove import prove
from verifier.engines.strengthen import strengthen
from verifier.engines.work import Guard, Meter
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.pipeline import check_spec
from verifier.result import Outcome, Proved, Unknown, Violated

PROP = "no_lost_interrupt"
GUARD_SECONDS = 3.0
HUGE = 1e6  # work units: far more than any of these runs could spend before the guard


@dataclass(frozen=True)
class Systems:
    merged: TransitionSystem  # resampler_mutex / merged, two irqfds
    small: TransitionSystem  # the same with one irqfd
    flag: TransitionSystem  # flag_mutex / test_then_set: mutual exclusion fails


@pytest.fixture(scope="module")
def systems() -> Iterator[Systems]:
    with prelude_parsed_once():
        path = str(SPEC_DIR / "resampler_mutex.irq")
        yield Systems(
            lower(check_spec(path), "merged"),
            lower(check_spec(path, {"NFD": 1}), "merged"),
            lower(check_spec(str(SPEC_DIR / "flag_mutex.irq")), "test_then_set"),
        )


Run = Callable[[Systems, Meter], object]

# engine -> (its run, the work units of the comparison: each stops part way, but pdr_cex)
RUNS: dict[str, tuple[Run, float]] = {
    "kinduction": (lambda s, m: kinduction(s.merged, PROP, 12, m), 1.0),
    "bmc": (lambda s, m: bmc(s.merged, PROP, 40, m), 1.0),
    "pdr": (lambda s, m: pdr(s.merged, PROP, m), 0.5),
    "pdr_cex": (lambda s, m: pdr(s.flag, "mutual_exclusion", m), 20.0),
    "strengthen": (lambda s, m: strengthen(s.merged, [PROP, "use_after_free"], m, max_states=4_000), 4.0),
    "exact_strengthen": (lambda s, m: exact_strengthen(s.small, [PROP], m), 0.5),
    "localize": (lambda s, m: localize(s.merged, PROP, m), 1.0),
    "prove": (lambda s, m: prove(s.merged, [PROP, "unique_notifier"], m), 2.0),
}

# engine -> its run on a model where, unguarded, it would go on for minutes
GUARDED: dict[str, Run] = {
    "kinduction": lambda s, m: kinduction(s.merged, PROP, 40, m),
    "pdr": lambda s, m: pdr(s.merged, PROP, m),
    "strengthen": lambda s, m: strengthen(s.merged, [PROP], m),
    "exact_strengthen": lambda s, m: exact_strengthen(s.merged, [PROP], m),
    "localize": lambda s, m: localize(s.merged, PROP, m),
    "bmc": lambda s, m: bmc(s.merged, PROP, 60, m),
    "prove": lambda s, m: prove(s.merged, [PROP], m),
}


@contextmanager
def cpu_burner() -> Iterator[None]:
    """A process spinning on one core for as long as the block runs."""
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        burner.kill()
        burner.wait()


def outcomes(result: object) -> dict[str, Outcome | None]:
    """The outcomes of an engine's result: one, one per property, or prove's (outcome, seconds, why)."""
    if isinstance(result, dict):
        return {p: (v[0] if isinstance(v, tuple) else v) for p, v in result.items()}
    return {"": result}  # type: ignore[dict-item]


def summary(result: object) -> dict[str, tuple[object, ...]]:
    """What must not change from run to run: each outcome, its trace or certificate, and prove's
    reasons (not the seconds it reports)."""
    out: dict[str, tuple[object, ...]] = {}
    for p, o in outcomes(result).items():
        why = result[p][2] if isinstance(result, dict) and isinstance(result[p], tuple) else ""
        cert = getattr(getattr(o, "certificate", None), "smt2", None)
        out[p] = (o, cert, why)
    return out


@pytest.mark.parametrize("engine", list(RUNS))
def test_same_meter_same_answer_on_a_busy_machine(systems: Systems, engine: str) -> None:
    run, units = RUNS[engine]
    quiet_meter = Meter(units)
    quiet = run(systems, quiet_meter)
    with cpu_burner():
        busy_meter = Meter(units)
        busy = run(systems, busy_meter)
    assert summary(quiet) == summary(busy)
    assert quiet_meter.spent == busy_meter.spent
    # each run stopped on its work (so where it stopped is what is compared), or, for pdr_cex,
    # found the same counterexample
    for p, o in outcomes(quiet).items():
        if engine == "pdr_cex":
            assert isinstance(o, Violated), o
        elif engine != "prove":
            assert isinstance(o, Unknown) and o.reason.startswith("work budget"), (p, o)
    if engine == "prove":
        assert any("work budget" in why for _, _, why in quiet.values()), quiet  # type: ignore[attr-defined]


@pytest.mark.parametrize("engine", list(GUARDED))
def test_the_guard_stops_every_engine_near_its_deadline(systems: Systems, engine: str) -> None:
    meter = Meter(HUGE, Guard.after(GUARD_SECONDS))
    start = time.monotonic()
    result = GUARDED[engine](systems, meter)
    took = time.monotonic() - start
    assert took <= GUARD_SECONDS * 1.1 + 2.0, f"{engine} ran {took:.1f}s past a {GUARD_SECONDS:g}s guard"
    for p, o in outcomes(result).items():
        assert not isinstance(o, Proved | Violated), f"{engine}: {p} decided in {GUARD_SECONDS:g}s? {o}"
        assert isinstance(o, Unknown) and o.reason.startswith("timeout"), (engine, p, o)

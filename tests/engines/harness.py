"""What the engine tests share: transition systems from spec text, the verdicts of exhaustive
breadth-first search on the reference interpreter, and the comparison of an engine with them.

The reference verdict of a safety property is the depth of the shallowest reachable state that
violates it (docs/language.md, 3.4): a check is violated in a state where some thread is about to
take a step whose fault or warning condition of that check holds; an invariant or an `always`
property where its predicate is false; `deadlock` where `Interpreter.deadlocked` says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from support import check_path

from verifier.engines.bmc import bmc
from verifier.engines.explicit import Exploration, explore
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter, State, evaluate
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Outcome, Violated
from verifier.sema import typed as T

SPEC_PATH = Path("generated.irq")


def checked(text: str, path: Path = SPEC_PATH) -> T.CheckedSpec:
    """The checked spec of `text` (the kernel prelude included)."""
    return check_path(path, text, prelude=True)


def system(text: str, variant: str = "default") -> TransitionSystem:
    """The transition system of one variant of the spec `text`."""
    return lower(checked(text), variant)


def systems(spec: T.CheckedSpec) -> list[TransitionSystem]:
    """One transition system per variant."""
    return [lower(spec, v.name) for v in spec.variants]


def safety_properties(ts: TransitionSystem) -> list[str]:
    """Invariants, `always` properties and checks (the built-in ones, deadlock among them)."""
    return [
        *(i.name for i in ts.invariants),
        *(t.name for t in ts.temporals if t.kind == "always"),
        *(c.name for c in ts.checks),
    ]


def can_fail(ts: TransitionSystem, prop: str) -> bool:
    """False for a check that no step of any thread can fail (no fault or warning names it): both
    engines then have no bad state for it, whatever the depth."""
    if prop == "deadlock" or any(i.name == prop for i in ts.invariants) or any(t.name == prop for t in ts.temporals):
        return True
    return any(check == prop for a in ts.actions for check, _ in (*a.faults, *a.warnings))


def violations(it: Interpreter, s: State) -> set[str]:
    """Every safety property that state `s` violates (see the module docstring)."""
    ts = it.ts
    bad = {check for check, _, _ in it.faults(s)}
    bad |= {check for check, _, _ in it.warnings(s)}
    bad |= {i.name for i in ts.invariants if not evaluate(i.expr, s)}
    bad |= {t.name for t in ts.temporals if t.kind == "always" and not evaluate(t.body, s)}
    if it.deadlocked(s):
        bad.add("deadlock")
    return bad


@dataclass(frozen=True)
class Reference:
    """What exhaustive breadth-first search says about one transition system."""

    shortest: dict[str, int]  # property -> depth of its shallowest violation (violated ones only)
    diameter: int  # the largest breadth-first depth of a reachable state
    states: int


def reference(ts: TransitionSystem, max_states: int) -> Reference | None:
    """Explore every reachable state (None if there are more than `max_states`)."""
    it = Interpreter(ts)
    depth, complete = it.reachable(max_states)
    if not complete:
        return None
    shortest: dict[str, int] = {}
    for s, d in depth.items():  # in breadth-first order: depths never decrease
        for p in violations(it, s):
            shortest.setdefault(p, d)
    return Reference(shortest, max(depth.values()), len(depth))


def expected_outcome(ref: Reference, prop: str, cap: int) -> tuple[int, int | None]:
    """(bound to run BMC with, depth of the violation it must report or None for Bounded).

    A violated property: its shortest depth, if at most `cap`. A property that holds (or is
    violated only deeper than `cap`): the diameter + 1, at most `cap`; every reachable state
    lies within the diameter, so no depth beyond it can add a violation."""
    d = ref.shortest.get(prop)
    if d is not None and d <= cap:
        return d, d
    return min(ref.diameter + 1, cap), None


def describe(ts: TransitionSystem, actions: Iterable[int]) -> str:
    return " ; ".join(f"{ts.threads[ts.actions[a].thread].name}: {ts.actions[a].origin.text}" for a in actions)


def assert_trace_violates(ts: TransitionSystem, actions: tuple[int, ...], prop: str, context: str) -> None:
    """The trace replays on the interpreter, every step enabled, and ends in a state violating `prop`."""
    it = Interpreter(ts)
    states = it.replay(list(actions))
    assert prop in violations(it, states[-1]), f"{context}: trace ends in a state that satisfies {prop}: " + describe(
        ts, actions
    )


def assert_outcome(
    ts: TransitionSystem, prop: str, outcome: Outcome, bound: int, want: int | None, context: str
) -> None:
    """`outcome` is Violated at depth `want` with a trace that replays to a violation, or (want None)
    Bounded at `bound`."""
    where = f"{context}, variant {ts.variant}, property {prop}"
    if want is None:
        assert isinstance(outcome, Bounded) and outcome.depth == bound, (
            f"{where}: expected Bounded({bound}), got {outcome}"
        )
        return
    assert isinstance(outcome, Violated), f"{where}: expected Violated at depth {want}, got {outcome}"
    assert outcome.depth == want, f"{where}: expected depth {want}, got {outcome.depth}: " + describe(
        ts, outcome.trace.actions
    )
    assert len(outcome.trace.actions) == want, f"{where}: trace of {len(outcome.trace.actions)} steps at depth {want}"
    assert_trace_violates(ts, outcome.trace.actions, prop, where)


def compare_bmc(
    ts: TransitionSystem,
    ref: Reference,
    mode: str,
    por: bool,
    cap: int,
    context: str,
    pool: Executor | None = None,
) -> None:
    """BMC agrees with `ref` on every property that can fail (see `can_fail`). With a `pool`, the
    BMC runs (one per property) are spread over its worker processes."""
    jobs = []
    for prop in safety_properties(ts):
        if not can_fail(ts, prop):
            assert prop not in ref.shortest, f"{context}: {prop} has no failing site but is violated"
            continue
        bound, want = expected_outcome(ref, prop, cap)
        run = pool.submit(bmc, ts, prop, bound, Meter(600), mode, por=por) if pool is not None else None
        jobs.append((prop, bound, want, run))
    for prop, bound, want, run in jobs:
        outcome = run.result() if run is not None else bmc(ts, prop, bound, Meter(600), mode, por=por)
        assert_outcome(ts, prop, outcome, bound, want, f"{context} [bmc {mode}, por={por}]")


def compare_explicit(
    ts: TransitionSystem,
    ref: Reference,
    context: str,
    por: bool = False,
    props: list[str] | None = None,
    symmetry: bool = False,
) -> Exploration:
    """The explicit engine (with partial-order reduction if `por`, symmetry reduction if
    `symmetry`) finds every violation of the safety properties (or of `props`) at its shortest
    depth and nothing else."""
    props = safety_properties(ts) if props is None else props
    result = explore(ts, props, max_states=ref.states + 1, por=por, symmetry=symmetry)
    finished = result.complete or all(p in ref.shortest for p in props)  # it stops once all are violated
    assert finished, f"{context}: the explicit engine did not finish {ref.states} states"
    for prop in props:
        outcome = result.outcomes[prop]
        want = ref.shortest.get(prop)
        where = f"{context} [explicit], variant {ts.variant}, property {prop}"
        if want is None:
            assert isinstance(outcome, Bounded), f"{where}: expected no violation, got {outcome}"
        else:
            assert isinstance(outcome, Violated) and outcome.depth == want, (
                f"{where}: expected depth {want}, got {outcome}"
            )
            assert len(outcome.trace.actions) == want, f"{where}: a trace of {len(outcome.trace.actions)} steps"
            assert_trace_violates(ts, outcome.trace.actions, prop, where)
    return result


def explored_settings(text: str) -> Iterator[tuple[TransitionSystem, list[str], int | None, Exploration]]:
    """For each variant of a generated spec and each depth bound (half the diameter, none): the
    system, its safety properties, the bound and `explore`'s unreduced search, which another
    search of the same settings must reproduce."""
    for ts in systems(checked(text)):
        ref = reference(ts, 5_000)
        assert ref is not None
        props = safety_properties(ts)
        for bound in (max(1, ref.diameter // 2), None):
            yield ts, props, bound, explore(ts, props, 10**6, bound=bound)

"""Exhaustive explicit-state search for every safety property of a variant in one pass.

Breadth first, so the first state found violating a property is at its shortest depth. When the
whole reachable state space is explored, a property never violated holds in every reachable state
(for all depths). A state budget and a time budget bound the search; what they leave open is
reported as such, with the depth up to which every state was seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from verifier.ir.interp import Interpreter, State, evaluate
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Outcome, Trace, Violated


@dataclass(frozen=True, slots=True)
class Exploration:
    outcomes: dict[str, Outcome]
    states: int
    complete: bool
    depth: int  # every state of depth <= this was explored
    seconds: float
    frontier: tuple[State, ...] = ()  # the states of depth `depth` (when not complete)
    parent: dict[State, tuple[State, int] | None] | None = None

    def path_to(self, s: State) -> list[int]:
        """The actions of a shortest path from the initial state to explored state `s`."""
        assert self.parent is not None
        return list(_trace(self.parent, s))


def explore(
    ts: TransitionSystem,
    props: Sequence[str],
    max_states: int = 200_000,
    timeout: float = 30.0,
    progress: Callable[[int, int, float], None] | None = None,
) -> Exploration:
    """Search the reachable states breadth first, checking every property in `props` at each."""
    start = time.monotonic()
    it = Interpreter(ts)
    want = list(dict.fromkeys(props))
    found: dict[str, Outcome] = {}
    parent: dict[State, tuple[State, int] | None] = {ts.init: None}
    frontier = [ts.init]
    depth = 0
    _check(it, ts.init, want, found, parent, 0)
    complete = True
    while frontier and len(found) < len(want):
        nxt: list[State] = []
        for s in frontier:
            for step in it.successors(s):
                if step.state in parent:
                    continue
                parent[step.state] = (s, step.action)
                _check(it, step.state, want, found, parent, depth + 1)
                nxt.append(step.state)
            if len(parent) >= max_states or time.monotonic() - start > timeout:
                complete = False
                break
        if not complete:
            break
        depth += 1
        frontier = nxt
        if progress is not None:
            progress(depth, len(parent), time.monotonic() - start)
    if not frontier and complete:
        depth = max(depth - 1, 0)
    explored = depth
    outcomes: dict[str, Outcome] = {}
    for p in want:
        if p in found:
            outcomes[p] = found[p]
        elif complete and not frontier:
            outcomes[p] = Bounded(explored, f"all {len(parent)} reachable states")
        else:
            outcomes[p] = Bounded(explored, "")
    done_all = complete and not frontier
    return Exploration(
        outcomes,
        len(parent),
        done_all,
        explored,
        time.monotonic() - start,
        tuple(frontier) if not done_all else (),
        parent if not done_all else None,
    )


def _check(
    it: Interpreter,
    s: State,
    want: list[str],
    found: dict[str, Outcome],
    parent: dict[State, tuple[State, int] | None],
    depth: int,
) -> None:
    open_ = [p for p in want if p not in found]
    if not open_:
        return
    bad = bad_properties(it, s, open_)
    if bad:
        trace = _trace(parent, s)
        for p in bad:
            found[p] = Violated(depth, Trace(trace), engine="explicit")


def warnings(it: Interpreter, s: State) -> list[tuple[str, int, int]]:
    """The warnings that fail in `s`: (check, thread, action)."""
    out = []
    for t in it.ts.threads:
        for ai in it.actions_at(s, t.tid):
            for check, cond in it.ts.actions[ai].warnings:
                if evaluate(cond, s):
                    out.append((check, t.tid, ai))
    return out


def bad_properties(it: Interpreter, s: State, props: Sequence[str]) -> list[str]:
    """The safety properties among `props` that state `s` violates (faults evaluated once)."""
    bad: list[str] = []
    checks = {c for c, _, _ in it.faults(s)} | {c for c, _, _ in warnings(it, s)}
    invariants = {inv.name: inv.expr for inv in it.ts.invariants}
    always = {t.name: t.body for t in it.ts.temporals if t.kind == "always"}
    for p in props:
        if p in checks:
            bad.append(p)
        elif p in invariants:
            if not evaluate(invariants[p], s):
                bad.append(p)
        elif p in always:
            if not evaluate(always[p], s):
                bad.append(p)
        elif p == "deadlock" and it.deadlocked(s):
            bad.append(p)
    return bad


def _trace(parent: dict[State, tuple[State, int] | None], last: State) -> tuple[int, ...]:
    acts = []
    s = last
    while parent[s] is not None:
        prev, ai = parent[s]  # type: ignore[misc]
        acts.append(ai)
        s = prev
    return tuple(reversed(acts))

"""Exhaustive explicit-state search for every safety property of a variant in one pass.

Breadth first, so the first state found violating a property is at its shortest depth. When the
whole reachable state space is explored, a property never violated holds in every reachable state
(for all depths). A state budget bounds the search (work, not seconds: the same states are explored on an idle or
a loaded machine); an optional depth bound is the user's opt-in; the outer guard (`--timeout`)
only cuts a run short, and says so. What they leave open is reported as such, with the depth up
to which every state was seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from verifier.engines.work import NO_GUARD, Guard
from verifier.ir.interp import Interpreter, Space, State, over_states
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
    # the actions of a shortest path from the initial state to a frontier state
    path_to: Callable[[State], list[int]] | None = None
    # the actions taken from the states expanded, and those a failing check stopped (coverage)
    taken: frozenset[int] = frozenset()
    stopped: str = ""  # why an incomplete search stopped: "states", "bound" or "timeout"


def explore(
    ts: TransitionSystem,
    props: Sequence[str],
    max_states: int = 200_000,
    guard: Guard = NO_GUARD,
    progress: Callable[[int, int, float], None] | None = None,
    bound: int | None = None,
) -> Exploration:
    """Search the reachable states breadth first, checking every property in `props` at each,
    until every state is explored, every property is violated, `max_states` states are stored,
    depth `bound` (if given) is complete, or the guard fires.

    States are packed into one int each where the system allows (`Interpreter.packed`): a
    quarter of the memory and several times the speed of tuples; tuples otherwise."""
    it = Interpreter(ts)
    return over_states(it, lambda space: _explore(ts, props, max_states, guard, progress, bound, it, space))


def _explore(
    ts: TransitionSystem,
    props: Sequence[str],
    max_states: int,
    guard: Guard,
    progress: Callable[[int, int, float], None] | None,
    bound: int | None,
    it: Interpreter,
    space: Space,
) -> Exploration:
    start = time.monotonic()
    want = list(dict.fromkeys(props))
    # deadlock is decided where a state is expanded (no successors, a thread blocked), so the
    # successors are computed once per state, not twice
    deadlock = "deadlock" in want
    others = [p for p in want if p != "deadlock"]
    violated = space.checker(others)
    init, nexts, unpack = space.init, space.next_states, space.unpack
    found: dict[str, Outcome] = {}
    parent: dict[Any, tuple[Any, int] | None] = {init: None}
    taken: set[int] = set()

    def report(s: Any, depth: int, bad: list[str]) -> None:
        trace = Trace(_trace(parent, s))
        for p in bad:
            if p not in found:
                found[p] = Violated(depth, trace, engine="explicit")

    def check(s: Any, depth: int) -> None:
        bad = violated(s)
        if bad:
            report(s, depth, bad)
            # a statement whose check fails is reached, though its step is never taken
            taken.update(ai for _, _, ai in it.faults(unpack(s)))

    def dead(s: Any, succs: list[tuple[int, Any]], depth: int) -> None:
        if not succs and "deadlock" not in found and it.stuck(unpack(s)):
            report(s, depth, ["deadlock"])

    frontier = [init]
    depth = 0
    check(init, 0)
    complete = True
    stopped = ""
    expanded = 0  # how many states of the frontier were expanded (and checked for deadlock)
    while frontier and len(found) < len(want):
        if bound is not None and depth >= bound:
            stopped = "bound"
            break
        nxt: list[Any] = []
        expanded = 0
        for s in frontier:
            succs = nexts(s)
            expanded += 1
            if deadlock:
                dead(s, succs, depth)
            for ai, t in succs:
                taken.add(ai)
                if t in parent:
                    continue
                parent[t] = (s, ai)
                check(t, depth + 1)
                nxt.append(t)
            if expanded % 64 == 0 and (len(parent) >= max_states or guard.expired()):
                complete = False
                stopped = "states" if len(parent) >= max_states else "timeout"
                break
        if not complete:
            break
        depth += 1
        frontier = nxt
        expanded = 0
        if progress is not None:
            progress(depth, len(parent), time.monotonic() - start)
    if deadlock and stopped != "timeout":  # the last level's states not expanded yet
        for i, s in enumerate(frontier[expanded:]):
            if i % 64 == 0 and guard.expired():
                stopped = "timeout"
                break
            dead(s, nexts(s), depth)
    if not frontier and complete:
        depth = max(depth - 1, 0)
    explored = depth
    outcomes: dict[str, Outcome] = {}
    done_all = complete and not frontier
    for p in want:
        if p in found:
            outcomes[p] = found[p]
        elif done_all:
            outcomes[p] = Bounded(explored, f"all {len(parent)} reachable states")
        else:
            outcomes[p] = Bounded(explored, "")
    if done_all:
        return Exploration(outcomes, len(parent), True, explored, time.monotonic() - start, taken=frozenset(taken))
    states = {unpack(s): s for s in frontier}
    return Exploration(
        outcomes,
        len(parent),
        False,
        explored,
        time.monotonic() - start,
        tuple(states),
        lambda s: list(_trace(parent, states[s])),
        frozenset(taken),
        stopped or ("bound" if frontier else "states"),
    )


def _trace(parent: dict[Any, tuple[Any, int] | None], last: Any) -> tuple[int, ...]:
    acts = []
    s = last
    while parent[s] is not None:
        prev, ai = parent[s]  # type: ignore[misc]
        acts.append(ai)
        s = prev
    return tuple(reversed(acts))

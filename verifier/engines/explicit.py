"""Exhaustive explicit-state search for every safety property of a variant in one pass.

Breadth first, so the first state found violating a property is at its shortest depth. When the
whole reachable state space is explored, a property never violated holds in every reachable state
(for all depths). A state budget bounds the search (work, not seconds: the same states are explored on an idle or
a loaded machine); an optional depth bound is the user's opt-in; the outer guard (`--timeout`)
only cuts a run short, and says so. What they leave open is reported as such, with the depth up
to which every state was seen.

The visited states live in a `StateStore` (engines/store.py: about 60 bytes per packed state,
parents by index), level by level: the frontier is a range of store indices. The states of a
level are expanded in batches of `BATCH`; a batch's successors (each once, with the first state
that reached it) go into the store in one call, and only the new ones are checked. The state
budget is checked before each batch, so a search stops with at most one batch's successors past
`max_states`, the same on every run; the guard is asked every 64 states expanded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from verifier.engines.store import DictStore, StateStore
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
    bytes_per_state: float = 0.0  # the visited-state store's memory over the states it holds


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


# Frontier states expanded per batch: their successors are inserted into the store in one call,
# and the state budget is checked before each batch.
BATCH = 1024


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
    store = new_store(space, len(ts.actions))
    store.insert_batch([init], [-1], [0])
    taken: set[int] = set()
    add = taken.add

    def report(index: int, depth: int, bad: list[str]) -> None:
        trace = Trace(tuple(store.path(index)))
        for p in bad:
            if p not in found:
                found[p] = Violated(depth, trace, engine="explicit")

    def check(s: Any, index: int, depth: int) -> None:
        bad = violated(s)
        if bad:
            report(index, depth, bad)
            # a statement whose check fails is reached, though its step is never taken
            taken.update(ai for _, _, ai in it.faults(unpack(s)))

    def dead(s: Any, index: int, succs: list[tuple[int, Any]], depth: int) -> None:
        if not succs and "deadlock" not in found and it.stuck(unpack(s)):
            report(index, depth, ["deadlock"])

    # the frontier is the range lo..hi of store indices: the states of depth `depth`
    lo, hi = 0, 1
    depth = 0
    check(init, 0, 0)
    complete = True
    stopped = ""
    expanded = 0  # how many states of the frontier were expanded (and checked for deadlock)
    while lo < hi and len(found) < len(want):
        if bound is not None and depth >= bound:
            stopped = "bound"
            break
        store.new_level()
        expanded = 0
        for first in range(lo, hi, BATCH):
            if len(store) >= max_states:
                complete, stopped = False, "states"
                break
            # the batch's successors, each once: state -> the index of the first state reaching it
            succ: dict[Any, int] = {}
            actions: list[int] = []
            for index, s in enumerate(store.get_range(first, min(first + BATCH, hi)), first):
                succs = nexts(s)
                expanded += 1
                if deadlock:
                    dead(s, index, succs, depth)
                # (partial-order reduction goes here: `ample = reduction.ample(succs)`, kept only
                # if none of its states was stored before this level, i.e. with
                # `store.find_batch(...)` below `store.levels[-1]`, asked for a whole batch of
                # frontier states at once; otherwise every successor, as now)
                for ai, t in succs:
                    add(ai)
                    if t not in succ:
                        succ[t] = index
                        actions.append(ai)
                if expanded % 64 == 0 and guard.expired():
                    complete, stopped = False, "timeout"
                    break
            succ_states = list(succ)
            base = len(store)
            new = store.insert_batch(succ_states, list(succ.values()), actions, distinct=True)
            for k, pos in enumerate(new.tolist()):
                check(succ_states[pos], base + k, depth + 1)
            if not complete:
                break
        if not complete:
            break
        depth += 1
        lo, hi = hi, len(store)
        expanded = 0
        if progress is not None:
            progress(depth, len(store), time.monotonic() - start)
    if deadlock and stopped != "timeout" and "deadlock" not in found:  # the last level's states not expanded yet
        n = 0
        for first in range(lo + expanded, hi, BATCH):
            for index, s in enumerate(store.get_range(first, min(first + BATCH, hi)), first):
                if n % 64 == 0 and guard.expired():
                    stopped = "timeout"
                    break
                n += 1
                dead(s, index, nexts(s), depth)
            if stopped == "timeout":
                break
    frontier = lo < hi
    if not frontier and complete:
        depth = max(depth - 1, 0)
    explored = depth
    outcomes: dict[str, Outcome] = {}
    done_all = complete and not frontier
    for p in want:
        if p in found:
            outcomes[p] = found[p]
        elif done_all:
            outcomes[p] = Bounded(explored, f"all {len(store)} reachable states")
        else:
            outcomes[p] = Bounded(explored, "")
    if done_all:
        return Exploration(
            outcomes,
            len(store),
            True,
            explored,
            time.monotonic() - start,
            taken=frozenset(taken),
            bytes_per_state=store.bytes_per_state(),
        )
    states = {unpack(s): i for i, s in enumerate(store.get_range(lo, hi), lo)}
    return Exploration(
        outcomes,
        len(store),
        False,
        explored,
        time.monotonic() - start,
        tuple(states),
        lambda s: store.path(states[s]),
        frozenset(taken),
        stopped or ("bound" if frontier else "states"),
        store.bytes_per_state(),
    )


def new_store(space: Space, actions: int) -> StateStore | DictStore:
    """A numpy store for packed states, a dict for tuples."""
    if space.bits is None:
        return DictStore()
    return StateStore(space.bits, wide_actions=actions >= 2**16)

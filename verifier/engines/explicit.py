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
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from verifier.engines.por import Reduction
from verifier.engines.store import DictStore, StateStore
from verifier.engines.symmetry import Symmetry
from verifier.engines.symmetry import find as find_symmetry
from verifier.engines.work import NO_GUARD, Guard
from verifier.ir.interp import Interpreter, Space, State, over_states
from verifier.ir.model import TransitionSystem
from verifier.result import REACHABLE, REDUCED, SYMMETRIC, Bounded, Outcome, Trace, Violated


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
    # partial-order reduction: the first level where a state was expanded in part (None: none
    # was); every state of depth <= it was found, as an unreduced search finds them
    reduced: int | None = None
    # symmetry reduction: the scalarsets whose renamings the search stored one state of (README:
    # "Symmetry"); states then counts the states stored, one or a few per orbit
    symmetric: tuple[str, ...] = ()


def explore(
    ts: TransitionSystem,
    props: Sequence[str],
    max_states: int = 200_000,
    guard: Guard = NO_GUARD,
    progress: Callable[[int, int, float], None] | None = None,
    bound: int | None = None,
    por: bool = False,
    symmetry: bool = False,
) -> Exploration:
    """Search the reachable states breadth first, checking every property in `props` at each,
    until every state is explored, every property is violated, `max_states` states are stored,
    depth `bound` (if given) is complete, or the guard fires.

    States are packed into one int each where the system allows (`Interpreter.packed`): a
    quarter of the memory and several times the speed of tuples; tuples otherwise.

    With `por`, partial-order reduction (verifier/engines/por.py) expands only one thread's steps
    where that keeps every violation reachable; not with a depth `bound`, which counts the steps
    of the full graph. The results mean what the unreduced search's mean: violations at their
    shortest depth (found again by an unreduced search to the depth before; `minimal` is False
    where its budget ran out first), depths every state of which was seen, coverage of every
    action enabled somewhere. Where the reduced search runs out of states, the unreduced search
    runs instead, on the same budget; so it does at once where the reduction is seen to save
    little (POR_PROBE).

    With `symmetry`, where the system is invariant under renaming the values of a named range
    type that indexes a thread family (verifier/engines/symmetry.py checks it), one state per
    orbit is stored: the same verdicts, shortest depths and coverage, traces made concrete. Then
    there is no partial-order reduction."""
    it = Interpreter(ts)
    sym = _symmetry(ts, props, it) if symmetry else None
    if sym is not None:
        return over_states(
            it, lambda space: _explore(ts, props, max_states, guard, progress, bound, it, space, sym=sym)
        )
    if por and bound is None:
        red = Reduction(ts, props)
        if red.active:
            return over_states(
                it, lambda space: _explore_reduced(ts, props, max_states, guard, progress, it, space, red)
            )
    return over_states(it, lambda space: _explore(ts, props, max_states, guard, progress, bound, it, space))


def _explore_reduced(
    ts: TransitionSystem,
    props: Sequence[str],
    max_states: int,
    guard: Guard,
    progress: Callable[[int, int, float], None] | None,
    it: Interpreter,
    space: Space,
    red: Reduction,
) -> Exploration:
    """The reduced search, then what makes its results mean what an unreduced search's mean."""
    start = time.monotonic()
    reduce = red.chooser(*_pc_readers(ts, it, space))
    try:
        ex = _explore(ts, props, max_states, guard, progress, None, it, space, reduce)
    except _Unprofitable:
        return _explore(ts, props, max_states, guard, progress, None, it, space)
    if ex.reduced is None:
        return ex  # no state was expanded in part: the search was an unreduced one
    if ex.stopped == "states":  # a reduced search cut short says nothing past ex.reduced
        return _explore(ts, props, max_states, guard, progress, None, it, space)
    exact = ex.reduced  # up to this depth the reduced search saw every state
    outcomes = dict(ex.outcomes)
    done_all = ex.complete and not ex.frontier
    for p, o in outcomes.items():
        if isinstance(o, Bounded) and done_all:
            outcomes[p] = Bounded(o.depth, f"all {ex.states}{REDUCED}")
        elif isinstance(o, Bounded):
            outcomes[p] = Bounded(min(o.depth, exact), o.reason)
    deep = {p: o for p, o in outcomes.items() if isinstance(o, Violated) and o.depth > exact}
    if deep:
        # the shortest violations: an unreduced search of every state before the deepest one found
        again = _explore(ts, list(deep), max_states, guard, None, max(o.depth for o in deep.values()) - 1, it, space)
        for p, o in deep.items():
            short = again.outcomes.get(p)
            if isinstance(short, Violated) and short.depth < o.depth:
                outcomes[p] = short
            elif not (again.depth >= o.depth - 1 or (again.complete and not again.frontier)):
                seen = max(again.depth, exact)
                outcomes[p] = Violated(o.depth, o.trace, o.engine, minimal=False, none_up_to=seen)
    depth = ex.depth if done_all else min(ex.depth, exact)
    return Exploration(
        outcomes,
        ex.states,
        ex.complete,
        depth,
        time.monotonic() - start,
        () if not done_all else ex.frontier,
        None,
        ex.taken,
        ex.stopped,
        ex.bytes_per_state,
        ex.reduced,
    )


def _symmetry(ts: TransitionSystem, props: Sequence[str], it: Interpreter) -> Symmetry | None:
    """The checked symmetry of `ts` over its packed states, if it has one."""
    packed = it.packed()
    if packed is None or not ts.scalarsets:
        return None
    sym, _ = find_symmetry(ts, [p for p in props if p != "deadlock"])
    if sym is None or not sym.prepare(packed.layout.fields, packed.layout.bits):
        return None
    return sym


def _pc_readers(
    ts: TransitionSystem, it: Interpreter, space: Space
) -> tuple[Callable[[Any], Hashable], Callable[[Any], tuple[int, ...]]]:
    """A key for the threads' pcs in a state of `space` and a reader of them (see Reduction.chooser)."""
    pcs = [t.pc for t in ts.threads]
    packed = it.packed()
    if packed is not None and space.init == packed.init and isinstance(space.init, int):
        fields = [packed.layout.fields[v] for v in pcs]
        mask = 0
        for off, width, _, _ in fields:
            mask |= ((1 << width) - 1) << off
        unpack = space.unpack
        return (lambda s: s & mask), (lambda s: tuple(int(unpack(s)[v]) for v in pcs))
    return (lambda s: tuple(s[v] for v in pcs)), (lambda s: tuple(int(s[v]) for v in pcs))


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
    reduce: Callable[[Any, list[tuple[int, Any]]], list[tuple[int, Any]] | None] | None = None,
    sym: Symmetry | None = None,
) -> Exploration:
    start = time.monotonic()
    if space.bits is None:
        sym = None  # tuples: the values left their packing; searched without renaming
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
    reduced: int | None = None
    considered = partial = 0  # states expanded with `reduce`, and of them those expanded in part

    def path_of(index: int) -> list[int]:
        if sym is None:
            return store.path(index)
        chain = []
        while index >= 0:
            chain.append(store.get(index))
            index = store.parent(index)
        return sym.concrete(chain[::-1], init, nexts, unpack)

    def report(index: int, depth: int, bad: list[str]) -> None:
        trace = Trace(tuple(path_of(index)))
        for p in bad:
            if p not in found:
                found[p] = Violated(depth, trace, engine="explicit")

    def failed(s: Any, index: int, depth: int, bad: list[str]) -> None:
        report(index, depth, bad)
        # a statement whose check fails is reached, though its step is never taken
        taken.update(ai for _, _, ai in it.faults(unpack(s)))

    def dead(s: Any, index: int, succs: list[tuple[int, Any]], depth: int) -> None:
        if not succs and "deadlock" not in found and it.stuck(unpack(s)):
            report(index, depth, ["deadlock"])

    # the frontier is the range lo..hi of store indices: the states of depth `depth`
    lo, hi = 0, 1
    depth = 0
    bad = violated(init)
    if bad:
        failed(init, 0, 0, bad)
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
            expansions: list[tuple[int, list[tuple[int, Any]], list[tuple[int, Any]] | None]] = []
            for index, s in enumerate(store.get_range(first, min(first + BATCH, hi)), first):
                succs = nexts(s)
                expanded += 1
                if deadlock and not succs:
                    dead(s, index, succs, depth)
                if reduce is None:  # the common case, inline: every successor, first parent kept
                    for ai, t in succs:
                        add(ai)
                        if t not in succ:
                            succ[t] = index
                            actions.append(ai)
                    if expanded & 63 == 0 and guard.expired():
                        complete, stopped = False, "timeout"
                        break
                    continue
                considered += 1
                if considered == POR_PROBE and partial * POR_WORTH < considered:
                    raise _Unprofitable
                expansions.append((index, succs, reduce(s, succs)))
                if expanded & 63 == 0 and guard.expired():
                    complete, stopped = False, "timeout"
                    break
            if reduce is not None:
                # the cycle proviso: a state's ample successors are followed only if none of them
                # was stored before this level (each is new, or already found on the next level),
                # so every edge out of a state expanded in part goes one level deeper and every
                # cycle of the reduced graph has a fully expanded state on it; asked for the
                # whole batch at once
                asked = [t for _, _, some in expansions if some is not None for _, t in some]
                where = store.find_batch(asked) if asked else None
                old = ((where >= 0) & (where < store.levels[-1])).tolist() if where is not None else []
                at = 0
                for k, (index, succs, some) in enumerate(expansions):
                    if some is None:
                        continue
                    flags, at = old[at : at + len(some)], at + len(some)
                    if _closes_no_cycle(flags):
                        taken.update(ai for ai, _ in succs)  # coverage: every step enabled here (por.py says why)
                        partial += 1
                        if reduced is None:
                            reduced = depth
                        expansions[k] = (index, some, some)
            for index, succs, _ in expansions:
                for ai, t in succs:
                    add(ai)
                    if t not in succ:
                        succ[t] = index
                        actions.append(ai)
            succ_states = list(succ)
            base = len(store)
            if sym is None:
                new = store.insert_batch(succ_states, list(succ.values()), actions, distinct=True)
            else:  # one state per orbit: renamed successors may meet
                rows = sym.canon_rows(store.rows_of(succ_states))  # type: ignore[union-attr]
                new = store.insert_rows(rows, list(succ.values()), actions)  # type: ignore[union-attr]
            for k, pos in enumerate(new.tolist()):
                bad = violated(succ_states[pos])
                if bad:
                    failed(succ_states[pos], base + k, depth + 1, bad)
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
    if sym is not None:
        taken = set(sym.close(taken))
    ex = result(
        want, found, store, lo, hi, depth, complete, stopped, taken, unpack, start, reduced, path_of,
        whole=SYMMETRIC if sym is not None else REACHABLE,
    )  # fmt: skip
    return ex if sym is None else replace(ex, symmetric=sym.names)


def result(
    want: Sequence[str],
    found: dict[str, Outcome],
    store: StateStore | DictStore,
    lo: int,
    hi: int,
    depth: int,
    complete: bool,
    stopped: str,
    taken: set[int],
    unpack: Callable[[Any], State],
    start: float,
    reduced: int | None = None,
    path_of: Callable[[int], list[int]] | None = None,
    whole: str = REACHABLE,
) -> Exploration:
    """The Exploration of a level-by-level search over `store` that stopped with the level
    lo..hi (of depth `depth`) as its frontier: shared by this search and the parallel one."""
    frontier = lo < hi
    if not frontier and complete:
        depth = max(depth - 1, 0)
    done_all = complete and not frontier
    outcomes: dict[str, Outcome] = {}
    for p in want:
        if p in found:
            outcomes[p] = found[p]
        else:
            outcomes[p] = Bounded(depth, f"all {len(store)}{whole}" if done_all else "")
    seconds = time.monotonic() - start
    if done_all:
        return Exploration(
            outcomes, len(store), True, depth, seconds, taken=frozenset(taken),
            bytes_per_state=store.bytes_per_state(), reduced=reduced,
        )  # fmt: skip
    if stopped == "timeout":
        # the guard fired (time or an interrupt): nothing runs on from the last level (the
        # portfolio asks the guard first), and unpacking a level of millions of states would
        # hold the stop up for minutes
        return Exploration(
            outcomes, len(store), False, depth, seconds, taken=frozenset(taken), stopped=stopped,
            bytes_per_state=store.bytes_per_state(), reduced=reduced,
        )  # fmt: skip
    states = {unpack(s): i for i, s in enumerate(store.get_range(lo, hi), lo)}
    return Exploration(
        outcomes,
        len(store),
        False,
        depth,
        seconds,
        tuple(states),
        lambda s: (path_of or store.path)(states[s]),
        frozenset(taken),
        stopped or ("bound" if frontier else "states"),
        store.bytes_per_state(),
        reduced,
    )


def new_store(space: Space, actions: int) -> StateStore | DictStore:
    """A numpy store for packed states, a dict for tuples."""
    if space.bits is None:
        return DictStore()
    return StateStore(space.bits, wide_actions=actions >= 2**16)


# The reduced search gives up (for the unreduced one) if, of the first POR_PROBE states it
# expands, fewer than one in POR_WORTH is expanded in part: the reduction would not pay for the
# unreduced search it needs when it runs out of states. Its cost is bounded by these states.
POR_PROBE = 20_000
POR_WORTH = 10


class _Unprofitable(Exception):
    pass


def _closes_no_cycle(old: list[bool]) -> bool:
    """The cycle proviso of breadth-first search: was none of a state's ample successors stored
    before this level (`old`, one flag each)? Then expanding only these leads one level deeper."""
    return not any(old)

"""Timed runs of the engines on one transition system, as plain data for the tables.

- `run_bmc`: the BMC engine as shipped (`verifier.engines.bmc.bmc`), or, with incremental=False,
  the same encoding with a fresh solver per depth (there is no such option in the engine).
- `explore_all`: the product's exhaustive explicit search (`verifier.engines.explicit.explore`)
  over the same IR, one pass for all properties, up to the same bound; a property's time is when
  the level of its first violation was complete, or the time of the whole pass if none was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import z3

from verifier.engines.bmc import bmc
from verifier.engines.explicit import explore
from verifier.engines.work import Guard
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Outcome, Proved, Trace, Unknown, Violated
from verifier.smt.encode import Encoding


@dataclass(frozen=True)
class Measured:
    """One engine's answer for one property, and how long it took."""

    verdict: str  # violated | holds | unknown | exceeded | error
    depth: int  # violated: the counterexample's length; holds: the bound; else the depth fully done
    seconds: float
    detail: str = ""
    # depth d -> seconds by which every run (BMC) or every state (explicit) of d steps or fewer
    # had been searched, so two engines can be compared at a depth both reached
    searched: dict[int, float] = field(default_factory=dict, compare=False)
    all_depths: bool = False  # explicit: the state space ran out, every depth is searched

    @property
    def decided(self) -> bool:
        return self.verdict in ("violated", "holds")

    @property
    def deepest(self) -> int:
        """The deepest depth searched (every depth, if the state space ran out)."""
        if self.all_depths:
            return 1 << 30
        return max(self.searched, default=-1)

    def time_to(self, depth: int) -> float:
        """Seconds by which every depth <= `depth` was searched."""
        if depth in self.searched:
            return self.searched[depth]
        if self.all_depths and depth > max(self.searched, default=-1):
            return self.seconds
        raise KeyError(depth)

    def show(self) -> str:
        if self.verdict == "violated":
            return f"violated@{self.depth}"
        if self.verdict == "holds":
            return f"holds≤{self.depth}" if not self.detail else f"holds ({self.detail})"
        return f"{self.verdict}{f' ({self.detail})' if self.detail else ''}"


def _from_outcome(o: Outcome, seconds: float, searched: dict[int, float]) -> Measured:
    match o:
        case Violated(depth):
            return Measured("violated", depth, seconds, searched=searched)
        case Bounded(depth):
            return Measured("holds", depth, seconds, searched=searched)
        case Proved():
            return Measured("holds", -1, seconds, "proved", searched=searched)
        case Unknown(reason, depth):
            short = "timeout" if "timeout" in reason else reason
            detail = f"{short}, none ≤{depth}" if depth >= 0 else short
            return Measured(
                "unknown", depth, seconds, detail, searched={d: searched[d] for d in searched if d <= depth}
            )
    raise TypeError(o)


def run_bmc(
    ts: TransitionSystem,
    prop: str,
    bound: int,
    timeout: float,
    mode: str = "bv",
    por: bool = False,
    incremental: bool = True,
) -> Measured:
    """Time BMC on `prop` up to `bound` steps (the encoding is built inside the timed region)."""
    searched: dict[int, float] = {}
    start = time.perf_counter()

    def progress(k: int, _seconds: float) -> None:
        searched[k] = time.perf_counter() - start

    run = bmc if incremental else bmc_fresh
    try:
        o = run(ts, prop, bound, timeout, mode, progress=progress, por=por)
    except Exception as e:  # an engine bug: reported in the table, the run goes on
        return Measured("error", -1, time.perf_counter() - start, _short(e))
    return _from_outcome(o, time.perf_counter() - start, searched)


def _short(e: Exception) -> str:
    text = str(e).replace("|", "/").replace("\n", " ")
    return f"{type(e).__name__}: {text[:90]}{'…' if len(text) > 90 else ''}"


def bmc_fresh(
    ts: TransitionSystem,
    prop: str,
    bound: int,
    timeout: float = 60.0,
    mode: str = "bv",
    progress: Callable[[int, float], None] | None = None,
    por: bool = False,
) -> Outcome:
    """BMC with a new solver per depth k: T(0,1) ∧ … ∧ T(k-1,k) ∧ bad@k, asserted from scratch."""
    start = time.monotonic()
    enc = Encoding(ts, mode, por=por)
    steps: list[z3.BoolRef] = []
    for k in range(bound + 1):
        if k > 0:
            steps.append(enc.step(k - 1))
        left = timeout - (time.monotonic() - start)
        if left <= 0:
            return Unknown(f"timeout after {timeout:g}s", k - 1)
        solver = z3.SolverFor("QF_BV", ctx=enc.ctx) if mode == "bv" else z3.Solver(ctx=enc.ctx)
        solver.set("random_seed", 0)
        solver.set("timeout", max(1, int(left * 1000)))
        solver.add(*steps)
        solver.add(enc.bad_at(prop, k))
        answer = solver.check()
        if progress is not None:
            progress(k, time.monotonic() - start)
        if answer == z3.sat:
            return Violated(k, Trace(()))  # the bench needs the depth, not the trace
        if answer == z3.unknown:
            return Unknown(f"timeout after {timeout:g}s", k - 1)
    return Bounded(bound)


@dataclass(frozen=True)
class Exploration:
    """One explicit pass: per property its answer, and the pass as a whole."""

    results: dict[str, Measured]
    states: int
    complete: bool
    depth: int  # every state of depth <= this was explored
    seconds: float


def explore_all(
    ts: TransitionSystem,
    props: Sequence[str],
    bound: int,
    max_states: int,
    timeout: float,
) -> Exploration:
    """The product's exhaustive search (`verifier.engines.explicit.explore`, packed states, every
    property checked at every new state, one pass) to the same bound BMC is given: the same
    question BMC answers at that bound, timed from building the interpreter, as BMC's time
    includes building the encoding.

    The search goes level by level and stops after the level in which the last property was
    found, at the bound, when the states run out, or at `max_states` / `timeout`. A property
    violated at depth d is timed when level d was complete (for `deadlock`, found while level d
    is expanded: level d + 1), which is when the product could report it; one that is not, at
    the end of the pass."""
    start = time.perf_counter()
    levels: dict[int, float] = {}

    def progress(depth: int, _states: int, _seconds: float) -> None:
        levels[depth] = time.perf_counter() - start

    ex = explore(ts, props, max_states, Guard.after(timeout), progress=progress, bound=bound)
    seconds = time.perf_counter() - start
    levels = {d: t for d, t in levels.items() if d <= ex.depth}  # a level cut short is not searched
    n = ex.states
    results: dict[str, Measured] = {}
    for p, o in ex.outcomes.items():
        if isinstance(o, Violated):
            at = o.depth + 1 if p == "deadlock" else o.depth
            t = min(levels.get(at, seconds), seconds)
            upto = {d: levels[d] for d in levels if d < o.depth} | {o.depth: t}
            results[p] = Measured("violated", o.depth, t, searched=upto)
        elif ex.complete:
            results[p] = Measured("holds", -1, seconds, f"all {n:,} states", levels, all_depths=True)
        elif ex.depth >= bound:
            results[p] = Measured("holds", bound, seconds, f"≤{bound}, {n:,} states", levels)
        else:
            why = f"{n:,} states" if n >= max_states else f"timeout, {n:,} states"
            results[p] = Measured("exceeded", ex.depth, seconds, f"{why}, none ≤{ex.depth}", levels)
    return Exploration(results, n, ex.complete, ex.depth, seconds)


@dataclass(frozen=True)
class StoreRun:
    """One breadth-first pass with a visited-state store: states found, depth completed, seconds
    from building the interpreter, and the store's bytes per state."""

    states: int
    depth: int
    complete: bool
    seconds: float
    bytes_per_state: float


def store_search(ts: TransitionSystem, props: Sequence[str], max_states: int) -> StoreRun:
    """The product's search (`explore`: the numpy state store, batches of successors)."""
    start = time.perf_counter()
    ex = explore(ts, props, max_states)
    return StoreRun(ex.states, ex.depth, ex.complete, time.perf_counter() - start, ex.bytes_per_state)


def dict_search(ts: TransitionSystem, props: Sequence[str], max_states: int) -> StoreRun:
    """The same pass over a Python dict from packed state to (parent state, action), one state
    at a time, with the successor function as it was (`_successors_fn`, not remembered per thread),
    as exhaustive search stored its states before the numpy store: every property
    checked at every new state, the budget checked every 64 states expanded. Its bytes per
    state count the dict, its keys (the packed ints) and the (parent, action) tuples."""
    import sys

    from verifier.ir.interp import Interpreter

    start = time.perf_counter()
    it = Interpreter(ts)
    p = it.packed()
    assert p is not None
    violated = p.property_checker(props)
    nexts = it._successors_fn(p.layout)  # the generated function as it was, without remembering
    parent: dict[int, tuple[int, int] | None] = {p.init: None}
    violated(p.init)
    frontier = [p.init]
    depth = 0
    complete = True
    while frontier and complete:
        nxt: list[int] = []
        for n, s in enumerate(frontier, 1):
            for ai, t in nexts(s):
                if t in parent:
                    continue
                parent[t] = (s, ai)
                violated(t)
                nxt.append(t)
            if n % 64 == 0 and len(parent) >= max_states:
                complete = False
                break
        if complete:
            depth += 1
            frontier = nxt
    seconds = time.perf_counter() - start
    size = sys.getsizeof(parent) + sum(sys.getsizeof(k) for k in parent)
    size += sum(sys.getsizeof(v) + (sys.getsizeof(v[1]) if v[1] > 256 else 0) for v in parent.values() if v)
    return StoreRun(len(parent), max(depth - 1, 0) if complete else depth, complete, seconds, size / len(parent))

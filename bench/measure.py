"""Timed runs of the engines on one transition system, as plain data for the tables.

- `run_bmc`: the BMC engine as shipped (`verifier.engines.bmc.bmc`), or, with incremental=False,
  the same encoding with a fresh solver per depth (there is no such option in the engine).
- `explore_all`: one breadth-first pass of the explicit interpreter over the same IR, up to the
  same bound, checking every property at every new state; a property's time is when its first
  violation was found, or the time of the whole pass if none was.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import z3

from verifier.engines.bmc import bmc
from verifier.ir.interp import Interpreter, PackedRangeError
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

    @property
    def decided(self) -> bool:
        return self.verdict in ("violated", "holds")

    def show(self) -> str:
        if self.verdict == "violated":
            return f"violated@{self.depth}"
        if self.verdict == "holds":
            return f"holds≤{self.depth}" if not self.detail else f"holds ({self.detail})"
        return f"{self.verdict}{f' ({self.detail})' if self.detail else ''}"


def _from_outcome(o: Outcome, seconds: float) -> Measured:
    match o:
        case Violated(depth):
            return Measured("violated", depth, seconds)
        case Bounded(depth):
            return Measured("holds", depth, seconds)
        case Proved():
            return Measured("holds", -1, seconds, "proved")
        case Unknown(reason, depth):
            short = "timeout" if "timeout" in reason else reason
            return Measured("unknown", depth, seconds, f"{short}, none ≤{depth}" if depth >= 0 else short)
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
    start = time.perf_counter()
    run = bmc if incremental else bmc_fresh
    try:
        o = run(ts, prop, bound, timeout, mode, por=por)
    except Exception as e:  # an engine bug: reported in the table, the run goes on
        return Measured("error", -1, time.perf_counter() - start, _short(e))
    return _from_outcome(o, time.perf_counter() - start)


def _short(e: Exception) -> str:
    text = str(e).replace("|", "/").replace("\n", " ")
    return f"{type(e).__name__}: {text[:90]}{'…' if len(text) > 90 else ''}"


def bmc_fresh(
    ts: TransitionSystem, prop: str, bound: int, timeout: float = 60.0, mode: str = "bv", por: bool = False
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
    compile_seconds: float  # of which: generating and compiling the interpreter's functions


def explore_all(
    ts: TransitionSystem,
    props: Sequence[str],
    bound: int,
    max_states: int,
    timeout: float,
    compiled: bool = True,
) -> Exploration:
    """Breadth-first search of the states reachable in `bound` steps or fewer, checking every
    property at each new state: the same question BMC answers at that bound.

    Stops when every property is violated; when the states run out (the rest hold for all
    depths); when every state of depth <= bound is checked (the rest hold up to the bound); or at
    `max_states` / `timeout` (the rest are `exceeded`, with the depth fully checked)."""
    start = time.perf_counter()
    it = Interpreter(ts, compiled=compiled)
    p = it.packed()
    if p is not None:
        try:
            return _explore(p.init, p.next_states, p.property_checker(props), props, bound, max_states, timeout, start)
        except PackedRangeError:  # a variable outgrew its field: again, with tuples
            start = time.perf_counter()
    return _explore(ts.init, it.next_states, it.property_checker(props), props, bound, max_states, timeout, start)


def _explore(
    init: Any,
    nexts: Callable[[Any], list[tuple[int, Any]]],
    check: Callable[[Any], list[str]],
    props: Sequence[str],
    bound: int,
    max_states: int,
    timeout: float,
    start: float,
) -> Exploration:
    nexts(init)
    compile_seconds = time.perf_counter() - start
    found: dict[str, Measured] = {}

    def visit(s: Any, d: int) -> None:
        for p in check(s):
            if p not in found:
                found[p] = Measured("violated", d, time.perf_counter() - start)

    depth = {init: 0}
    visit(init, 0)
    queue = deque([init])
    stopped = ""  # why the search ended early: bound | budget
    done_depth = 0  # every state of depth <= done_depth has been checked
    n = 0
    while queue and len(found) < len(props):
        s = queue.popleft()
        d = depth[s]
        done_depth = d  # all of depth d were found when the first of them is taken off the queue
        if d >= bound:
            stopped = "bound"
            break
        for _, nxt in nexts(s):
            if nxt not in depth:
                depth[nxt] = d + 1
                visit(nxt, d + 1)
                queue.append(nxt)
        n += 1
        if len(depth) >= max_states or (n & 255 == 0 and time.perf_counter() - start > timeout):
            stopped = "budget"
            break
    seconds = time.perf_counter() - start
    exhausted = not queue and not stopped
    results: dict[str, Measured] = {}
    for p in props:
        if p in found:
            results[p] = found[p]
        elif exhausted:
            results[p] = Measured("holds", -1, seconds, f"all {len(depth):,} states")
        elif stopped == "bound":
            results[p] = Measured("holds", bound, seconds, f"≤{bound}, {len(depth):,} states")
        else:
            why = f"{len(depth):,} states" if len(depth) >= max_states else f"timeout, {len(depth):,} states"
            results[p] = Measured("exceeded", done_depth, seconds, f"{why}, none ≤{done_depth}")
    return Exploration(results, len(depth), exhausted, done_depth, seconds, compile_seconds)

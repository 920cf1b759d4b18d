"""A certificate from exhaustive explicit search: the reachable states themselves, as a formula.

When breadth-first search enumerates every reachable state, that set is closed under steps,
contains the initial state, and excludes every bad state of a property that holds: it is the
strongest inductive invariant. Written as a multi-valued decision diagram (variables in IR order;
identical sub-diagrams shared, so the formula stays small where states have common suffixes) it
is checked like any other certificate, by a solver that trusts neither the search nor the
interpreter: if the interpreter and the encoding disagreed about a step, the step check fails.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

import z3

from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter, State
from verifier.ir.model import Sort, TransitionSystem
from verifier.proof.certificate import Invariant, invariant_smt2
from verifier.result import Outcome, Proved, Trace, Unknown, Violated
from verifier.smt.encode import Encoding

# a successor computation over tuple states costs about three of explicit search's packed states
# (STATES_PER_UNIT): 37,000-48,000 a second against 83,000-137,000 (resampler, v9)
TUPLE_STATE = 3


def reachable_invariant(
    ts: TransitionSystem, props: Sequence[str], max_states: int = 5_000, mode: str = "bv", meter: Meter | None = None
) -> dict[str, Outcome]:
    """Each property that no reachable state violates: Proved with the reachable set as certificate;
    each one some reachable state violates: Violated, with a shortest trace (the search is breadth
    first, so the first violating state found is at the least depth); all Unknown if there are more
    than `max_states` states. The states visited are charged to `meter`, if given."""
    it = Interpreter(ts)
    check = it.property_checker(props)
    parent: dict[State, tuple[State, int] | None] = {ts.init: None}
    depth = {ts.init: 0}
    first: dict[str, State] = {p: ts.init for p in check(ts.init)}
    queue = deque([ts.init])
    complete = True
    while queue and complete:
        s = queue.popleft()
        for ai, nxt in it.next_states(s):
            if nxt in parent:
                continue
            if len(parent) >= max_states:
                complete = False
                break
            parent[nxt] = (s, ai)
            depth[nxt] = depth[s] + 1
            for p in check(nxt):
                first.setdefault(p, nxt)
            queue.append(nxt)
    if meter is not None:
        meter.spend_states(len(parent) * TUPLE_STATE)
    if not complete:
        return {p: Unknown(f"more than {max_states} reachable states") for p in props}
    out: dict[str, Outcome] = {}
    for p, bad in first.items():
        out[p] = Violated(depth[bad], Trace(tuple(_path(parent, bad))), engine="explicit")
    holds = [p for p in props if p not in first]
    if not holds:
        return out
    states = list(parent)
    enc = Encoding(ts, mode)
    body = diagram(enc, states)
    cert = Invariant(invariant_smt2(enc, body, enc.cur), 1, mode, len(states))
    for p in holds:
        out[p] = Proved("explicit", cert, f"all {len(states)} reachable states")
    return out


def _path(parent: dict[State, tuple[State, int] | None], last: State) -> list[int]:
    """The actions from the initial state to `last`, along the search's parent links."""
    acts = []
    while (link := parent[last]) is not None:
        last, ai = link
        acts.append(ai)
    return acts[::-1]


def diagram(enc: Encoding, states: Iterable[State], columns: Sequence[int] | None = None) -> z3.BoolRef:
    """The set `states` as a formula over enc.cur: a reduced multi-valued decision diagram.

    With `columns`, the states give the values of those variables only (the others are free).
    Variables are ordered with each thread's program counter just before its locals, so a
    thread's control and data sit together. Nodes are shared (a unique table over (level,
    branches)); a node whose branches cover its variable's whole domain with one child is that
    child. Built from the sorted states in one pass: time and memory linear in states x variables."""
    cols = list(range(len(enc.ts.vars))) if columns is None else list(columns)
    order = sorted(range(len(cols)), key=lambda i: _rank(enc.ts, cols[i]))
    rows = sorted({tuple(s[i] for i in order) for s in states})
    cols = [cols[i] for i in order]
    n = len(cols)
    # a node covering every value can be skipped only where the encoding has no other value
    sizes = [_full(enc.ts.vars[c].sort) for c in cols]
    true = z3.BoolVal(True, enc.ctx)
    unique: dict[tuple[int, tuple[tuple[object, int], ...]], int] = {}
    exprs: list[z3.BoolRef] = [true]  # node 0 is true
    vals = [_values(enc, c) for c in cols]
    cur = [enc.cur[c] for c in cols]

    def build(level: int, lo: int, hi: int) -> int:
        if level == n:
            return 0
        branches = []
        i = lo
        while i < hi:
            v = rows[i][level]
            j = i + 1
            while j < hi and rows[j][level] == v:
                j += 1
            branches.append((v, build(level + 1, i, j)))
            i = j
        if len(branches) == sizes[level] and len({c for _, c in branches}) == 1:
            return branches[0][1]
        key = (level, tuple(branches))
        node = unique.get(key)
        if node is None:
            node = len(exprs)
            unique[key] = node
            x = cur[level]
            terms = [x == vals[level](v) if c == 0 else z3.And(x == vals[level](v), exprs[c]) for v, c in branches]
            exprs.append(terms[0] if len(terms) == 1 else z3.Or(*terms))
        return node

    if not rows:
        return z3.BoolVal(False, enc.ctx)
    return exprs[build(0, 0, len(rows))]


def _full(sort: Sort) -> int:
    """How many values cover a variable's encoding (0: its encoding has values outside the sort)."""
    if sort.kind == "bool":
        return 2
    if sort.kind == "set" and sort.hi > 0:
        return 1 << sort.hi
    return 0


def _rank(ts: TransitionSystem, var: int) -> tuple[int, int, int]:
    """Globals first, in IR order; then per thread its pc, then its locals."""
    v = ts.vars[var]
    if v.owner is None:
        return (0, 0, var)
    pc = ts.threads[v.owner].pc
    return (1 + v.owner, 0 if var == pc else 1, var)


def _values(enc: Encoding, i: int):  # type: ignore[no-untyped-def]
    sort = enc.ts.vars[i].sort
    if sort.kind == "bool":
        return lambda v: z3.BoolVal(bool(v), enc.ctx)
    if sort.kind == "set":
        return lambda v: z3.BitVecVal(int(v), max(1, sort.hi), enc.ctx)
    return lambda v: enc.int_val(int(v))

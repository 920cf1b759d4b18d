"""A certificate from exhaustive explicit search: the reachable states themselves, as a formula.

When breadth-first search enumerates every reachable state, that set is closed under steps,
contains the initial state, and excludes every bad state of a property that holds: it is the
strongest inductive invariant. Written as a multi-valued decision diagram (variables in IR order;
identical sub-diagrams shared, so the formula stays small where states have common suffixes) it
is checked like any other certificate, by a solver that trusts neither the search nor the
interpreter: if the interpreter and the encoding disagreed about a step, the step check fails.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

import z3

from verifier.ir.interp import Interpreter, State
from verifier.ir.model import Sort, TransitionSystem
from verifier.proof.certificate import Invariant, invariant_smt2
from verifier.result import Outcome, Proved, Unknown
from verifier.smt.encode import Encoding


def reachable_invariant(
    ts: TransitionSystem, props: Sequence[str], max_states: int = 5_000, mode: str = "bv"
) -> dict[str, Outcome]:
    """Each property that no reachable state violates: Proved with the reachable set as certificate;
    the others (or all, if there are more than `max_states` states): Unknown."""
    start = time.monotonic()
    it = Interpreter(ts)
    depth, complete = it.reachable(max_states)
    if not complete:
        return {p: Unknown(f"more than {max_states} reachable states") for p in props}
    states = list(depth)
    violated: set[str] = set()
    check = it.property_checker(props)
    for s in states:
        violated.update(check(s))
    holds = [p for p in props if p not in violated]
    out: dict[str, Outcome] = {p: Unknown("violated in a reachable state") for p in props if p not in holds}
    if not holds:
        return out
    enc = Encoding(ts, mode)
    body = diagram(enc, states)
    cert = Invariant(invariant_smt2(enc, body, enc.cur), 1, mode, len(states))
    took = time.monotonic() - start
    for p in holds:
        out[p] = Proved("explicit", cert, f"all {len(states)} reachable states ({took:.1f}s)")
    return out


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

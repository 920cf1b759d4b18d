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
from collections.abc import Sequence

import z3

from verifier.ir.interp import Interpreter, State
from verifier.ir.model import TransitionSystem
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


def diagram(enc: Encoding, states: Sequence[State]) -> z3.BoolRef:
    """The set `states` as a formula over enc.cur: a decision diagram over the variables in order."""
    n = len(enc.ts.vars)
    cur = enc.cur
    memo: dict[frozenset[tuple], z3.BoolRef] = {}
    vals = [_values(enc, i) for i in range(n)]

    def node(level: int, suffixes: frozenset[tuple]) -> z3.BoolRef:
        if level == n:
            return z3.BoolVal(True, enc.ctx)
        hit = memo.get(suffixes)
        if hit is not None:
            return hit
        groups: dict[object, set[tuple]] = {}
        for s in suffixes:
            groups.setdefault(s[0], set()).add(s[1:])
        branches = [
            z3.And(cur[level] == vals[level](v), node(level + 1, frozenset(rest))) for v, rest in groups.items()
        ]
        out = branches[0] if len(branches) == 1 else z3.Or(*branches)
        memo[suffixes] = out
        return out

    return node(0, frozenset(tuple(s) for s in states))


def _values(enc: Encoding, i: int):  # type: ignore[no-untyped-def]
    sort = enc.ts.vars[i].sort
    if sort.kind == "bool":
        return lambda v: z3.BoolVal(bool(v), enc.ctx)
    if sort.kind == "set":
        return lambda v: z3.BitVecVal(int(v), max(1, sort.hi), enc.ctx)
    return lambda v: enc.int_val(int(v))

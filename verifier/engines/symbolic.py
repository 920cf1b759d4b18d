"""Symbolic reachability with BDDs: every reachable state, as one decision diagram.

Breadth-first search over sets of states instead of states: the frontier's image under each
action, until nothing new is found. The reachable set of a finite system is its strongest
inductive invariant; when it excludes a property's bad states, it is the certificate, written as
an if-then-else diagram over the bits of the IR's variables. Where explicit search stores tens of
millions of states one by one, the diagram shares what they have in common (the resampler with
two irqfds: 37.7 million states, 40,806 nodes).

A reachable bad state is not reported here: the engines that produce traces do that. The
certificate is re-checked by verifier/proof with the SMT encoding, which shares nothing with the
BDD one, so a fault in either shows up as a rejected certificate, not a wrong PROVED.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import z3

from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import Invariant, invariant_smt2
from verifier.result import Outcome, Proved, Unknown
from verifier.smt.encode import Encoding
from verifier.symbolic.encode import Bdd, SymbolicSystem

MAX_NODES = 1_000_000  # a larger diagram is not written as a certificate (tens of MB of SMT-LIB)


class OutOfTime(Exception):
    pass


def reachable_set(sy: SymbolicSystem, deadline: float) -> tuple[Bdd, int]:
    """Every reachable state, and the number of rounds. Each round applies every action to the
    states found so far in the round (chaining), so a round reaches further than one step; the
    set is the same. The variables start in FORCE order and are sifted between rounds whenever
    the live nodes have doubled since the last sifting, each next bit then put back under its
    current bit (on the resampler with two irqfds, 64 s, where CUDD's own reordering, triggered
    inside images, took 158 s)."""
    steps = sy.steps()
    sy.sift()
    sy.pair()
    sifted = sy.nodes()
    reach = sy.init()
    frontier = reach
    rounds = 0
    while frontier != sy.false:
        new = sy.false
        for st in steps:
            if time.monotonic() > deadline:
                raise OutOfTime
            new |= sy.image(frontier | new, st) & ~reach
        frontier = new
        reach |= new
        rounds += 1
        if sy.nodes() > 2 * sifted:
            sy.sift()
            sy.pair()
            sifted = sy.nodes()
    return reach, rounds


def symbolic_reach(ts: TransitionSystem, props: Sequence[str], timeout: float) -> dict[str, Outcome]:
    """Each property that no reachable state violates: Proved, the reachable set as certificate."""
    start = time.monotonic()
    sy = SymbolicSystem(ts)
    try:
        reach, rounds = reachable_set(sy, start + timeout)
    except OutOfTime:
        return {p: Unknown(f"symbolic reachability: not done in {timeout:g}s") for p in props}
    for st in sy.steps():
        if st.out_of_range & reach != sy.false:
            why = f"an update of action {st.action} leaves its variable's range"
            return {p: Unknown(f"symbolic reachability: {why}") for p in props}
    count = sy.count(reach)
    holds = [p for p in props if sy.bad(p) & reach == sy.false]
    out: dict[str, Outcome] = {p: Unknown("violated in a reachable state") for p in props if p not in holds}
    if not holds:
        return out
    if reach.dag_size > MAX_NODES:
        why = f"the reachable set's diagram has {reach.dag_size:,} nodes, too many to write and re-check"
        return out | {p: Unknown(f"symbolic reachability: {why}") for p in holds}
    enc = Encoding(ts, "bv")
    body = z3.And(*enc.domain(enc.cur), to_z3(sy, reach, enc))
    cert = Invariant(invariant_smt2(enc, body, enc.cur), 1, "bv", reach.dag_size, step="bdd")
    took = time.monotonic() - start
    detail = f"all {count:,} reachable states ({rounds} rounds), a diagram of {reach.dag_size:,} nodes ({took:.1f}s)"
    for p in holds:
        out[p] = Proved("symbolic", cert, detail)
    return out


def to_z3(sy: SymbolicSystem, u: Bdd, enc: Encoding) -> z3.BoolRef:
    """`u` as a Z3 formula over enc.cur: one if-then-else per node, each testing one bit of a
    variable's code (an int's value minus its lowest, a set's element, a bool itself). The bits
    say nothing of an int beyond its code's width: conjoin enc.domain for that."""
    owner: dict[str, tuple[int, int]] = {}
    for i, bits in enumerate(sy.cur):
        for j, b in enumerate(bits):
            owner[b] = (i, j)
    one = z3.BitVecVal(1, 1, enc.ctx)
    tests: dict[str, z3.BoolRef] = {}

    def test(name: str) -> z3.BoolRef:
        t = tests.get(name)
        if t is None:
            i, j = owner[name]
            sort = sy.ts.vars[i].sort
            x = enc.cur[i]
            if sort.kind == "bool":
                t = x
            elif sort.kind == "set":
                t = z3.Extract(j, j, x) == one
            else:
                t = z3.Extract(j, j, x - enc.int_val(sort.lo)) == one
            tests[name] = t
        return t

    true, false = z3.BoolVal(True, enc.ctx), z3.BoolVal(False, enc.ctx)
    memo: dict[int, z3.BoolRef] = {}

    def term(f: Bdd) -> z3.BoolRef:
        regular = ~f if f.negated else f
        key = int(regular)
        t = memo.get(key)
        if t is None:
            if regular == sy.true:
                t = true
            elif regular == sy.false:
                t = false
            else:
                t = z3.If(test(regular.var), term(regular.high), term(regular.low))
            memo[key] = t
        return z3.Not(t) if f.negated else t

    return term(u)

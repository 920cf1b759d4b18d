"""Symbolic reachability with BDDs: every reachable state, as one decision diagram.

Breadth-first search over sets of states instead of states: the frontier's image under each
action, until nothing new is found. The reachable set of a finite system is its strongest
inductive invariant; when it excludes a property's bad states, it is the certificate, written as
an if-then-else diagram over the bits of the IR's variables. Where explicit search stores tens of
millions of states one by one, the diagram shares what they have in common (the resampler with
two irqfds: 37.7 million states, 40,806 nodes).

Its budget is work, not time (verifier/symbolic/encode.py says what is counted): the same search
ends at the same point on every run, however busy the machine; the meter's guard (`--timeout`)
stops it within a fraction of a second, inside a CUDD operation if need be. The resampler with
two irqfds takes 71 work units (the search 69, the certificate 2), about 70 s of one core.

A reachable bad state is not reported here: the engines that produce traces do that. The
certificate is re-checked by verifier/proof with the SMT encoding, which shares nothing with the
BDD one, so a fault in either shows up as a rejected certificate, not a wrong PROVED.
"""

from __future__ import annotations

from collections.abc import Sequence

import z3

from verifier.engines.work import BDD_WORK_PER_UNIT, Meter
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import Invariant, invariant_smt2
from verifier.result import Outcome, Proved, Unknown
from verifier.smt.encode import Encoding
from verifier.symbolic.encode import OP_WORK, Bdd, Step, Stop, SymbolicSystem

MAX_NODES = 1_000_000  # a larger diagram is not written as a certificate (tens of MB of SMT-LIB)
CERTIFICATE_WORK = 250  # node work per node of a diagram written as a formula (Z3 terms, ~50 us each)
GUARD_EVERY = 4096  # to_z3 looks at the guard after this many nodes


def reachable_set(sy: SymbolicSystem, deadline: float | None = None) -> tuple[Bdd, int]:
    """Every reachable state, and the number of rounds; raises Stop when `sy`'s meter runs out
    or its guard fires (`deadline`, a time.monotonic() value, guards a system built without a meter).
    Each round applies every action to the states found so far in the round (chaining), so a
    round reaches further than one step; the set is the same. The variables start in FORCE
    order and are sifted between rounds whenever the live nodes have doubled since the last
    sifting, each next bit then put back under its current bit (on the resampler with two
    irqfds: 64 s and 69 work units, 33 of them sifting, where CUDD's own reordering, triggered
    inside images, took 158 s). Every decision here is taken from node counts, so the same
    system gives the same rounds, orders and work on every run."""
    if deadline is not None and sy.meter is None:
        sy.watch(deadline)
    with sy.stoppable():
        sy.progress = "while building the steps"
        steps = sy.steps()
        sy.progress = "in round 1 of the search"
        sy.sift()
        sy.pair()
        sifted = sy.nodes()
        reach = sy.init()
        frontier = reach
        rounds = 0
        while frontier != sy.false:
            sy.progress = f"in round {rounds + 1} of the search"
            new = _round(sy, steps, frontier, reach)
            frontier = new
            reach |= new
            rounds += 1
            if sy.nodes() > 2 * sifted:
                sy.sift()
                sy.pair()
                sifted = sy.nodes()
    return reach, rounds


def _round(sy: SymbolicSystem, steps: Sequence[Step], frontier: Bdd, reach: Bdd) -> Bdd:
    """The states outside `reach` that the steps lead to from `frontier`, chained: each step
    starts from the frontier and what the steps before it found. (A function of its own, so
    that no set of the round outlives it: the live nodes decide when to sift.)"""
    new = sy.false
    for k, st in enumerate(steps):
        start = frontier | new
        sy.spend_on(start, k)
        new |= sy.image(start, st) & ~reach
    return new


def symbolic_reach(ts: TransitionSystem, props: Sequence[str], meter: Meter) -> dict[str, Outcome]:
    """Each property that no reachable state violates: Proved, the reachable set as certificate.
    Unknown("work budget ...") when the meter's work runs out first (the same on every run),
    Unknown("timeout ...") when its guard fires; every diagram operation is charged (see
    verifier/symbolic/encode.py), and so is writing the certificate."""
    sy = SymbolicSystem(ts, meter=meter)
    out: dict[str, Outcome] = {}
    try:
        with sy.stoppable():
            reach, rounds = reachable_set(sy)
            sy.progress = "while checking the reachable set"
            for st in sy.steps():
                sy.spend(OP_WORK)
                if st.out_of_range != sy.false and st.out_of_range & reach != sy.false:
                    why = f"an update of action {st.action} leaves its variable's range"
                    return {p: Unknown(f"symbolic reachability: {why}") for p in props}
            holds = []
            for k, p in enumerate(props):
                sy.progress = f"while checking {p} in the reachable set"
                sy.spend_on(reach, k)
                if sy.bad_within(p, reach) == sy.false:
                    holds.append(p)
                else:
                    out[p] = Unknown("violated in a reachable state")
            if not holds:
                return out
            size = reach.dag_size
            if size > MAX_NODES:
                why = f"the reachable set's diagram has {size:,} nodes, too many to write and re-check"
                return out | {p: Unknown(f"symbolic reachability: {why}") for p in holds}
            sy.progress = "while writing the certificate"
            count = sy.count(reach)
            sy.spend(CERTIFICATE_WORK * size)
            enc = Encoding(ts, "bv")
            body = z3.And(*enc.domain(enc.cur), to_z3(sy, reach, enc))
            cert = Invariant(invariant_smt2(enc, body, enc.cur), 1, "bv", size, step="bdd")
    except Stop as e:
        why = e.reason(f"symbolic reachability stopped {sy.progress}", meter)
        return out | {p: Unknown(why) for p in props if p not in out}
    detail = (
        f"all {count:,} reachable states ({rounds} rounds), a diagram of {size:,} nodes"
        f" ({sy.work / BDD_WORK_PER_UNIT:.1f} work units)"
    )
    return out | {p: Proved("symbolic", cert, detail) for p in holds}


def to_z3(sy: SymbolicSystem, u: Bdd, enc: Encoding) -> z3.BoolRef:
    """`u` as a Z3 formula over enc.cur: one if-then-else per node, each testing one bit of a
    variable's code (an int's value minus its lowest, a set's element, a bool itself). The bits
    say nothing of an int beyond its code's width: conjoin enc.domain for that. Raises Stop when
    `sy`'s guard fires (a diagram of a million nodes takes about a minute)."""
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
            if len(memo) % GUARD_EVERY == 0 and sy.expired():
                raise Stop(timeout=True)
            if regular == sy.true:
                t = true
            elif regular == sy.false:
                t = false
            else:
                t = z3.If(test(regular.var), term(regular.high), term(regular.low))
            memo[key] = t
        return z3.Not(t) if f.negated else t

    return term(u)

"""Inductive strengthening guided by reachable states: IC3's lemmas, with sampled states as oracle.

An invariant is a set of states closed under steps that contains the initial state and no bad
state. Start from the properties themselves (and the proved domain of every variable); while a
state satisfying every lemma has a step to one that does not (a counterexample to induction), or
is bad, block it with a lemma. IC3 generalises a blocked state by relative induction, query after
query; here the explicit interpreter has already enumerated many reachable states (breadth first,
then random walks deep into the state space), and a cube of the blocked state's variable values
that matches none of them is a candidate lemma: the fewest literals, chosen greedily (each literal
the one that leaves the fewest sampled states matching), usually two to four.

A sampled state is reachable, so a lemma never excludes one. A counterexample to induction that
starts in a sampled state leads to a reachable state: the lemmas it violates are false, so they
are dropped and the state joins the sample. Lemmas are cheap guesses; only the final check makes
them a proof: when no counterexample to induction is left, the conjunction holds initially, is
preserved by every step and excludes every bad state. That conjunction is the certificate, and
verifier/proof checks it again, on its own, before anything is reported as proved.

Several properties are proved together, with one set of lemmas; each gets the whole conjunction as
its certificate. A property with a sampled bad state is violated, and is left to the engines that
report counterexamples.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import z3

from verifier.engines.kind import inductive_domain, metered_check, solver_unknown, stopped
from verifier.engines.reach import TUPLE_STATE
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter, State
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import Invariant, invariant_smt2
from verifier.result import Outcome, Proved, Unknown
from verifier.smt.encode import Encoding

Literal = tuple[int, int | bool]  # (variable, value)


@dataclass
class _Sample:
    """Reachable states, indexed by literal: bits[(var, value)] has bit n set if state n has it."""

    nvars: int
    bits: dict[Literal, int]
    count: int
    extra: list[State]  # states learned reachable while searching (checked one by one)

    @property
    def everything(self) -> int:
        return (1 << self.count) - 1

    def matches(self, cube: Sequence[Literal]) -> bool:
        """Some sampled state has every literal of `cube`."""
        cur = self.everything
        for lit in cube:
            cur &= self.bits.get(lit, 0)
            if not cur:
                break
        if cur:
            return True
        return any(all(s[i] == v for i, v in cube) for s in self.extra)


CORE_UNITS = 5.0  # the most work one relative-induction query may take (it only sharpens a cube)
CHUNK = 256  # states between two looks at the meter (and charges to it)
INDEX_STATE = 8  # indexing one sampled state costs about 8 packed states of search (resampler, v9)
# building a lemma's terms (about 0.4 ms on the resampler), and each lemma's share of a round's
# query (0.4 us), in the same packed states: thousands of mined lemmas take seconds to build
LEMMA_STATES = 40
TERMS_PER_STATE = 25


def sample_states(
    ts: TransitionSystem, max_states: int, walks: int, length: int, seed: int, meter: Meter
) -> _Sample | None:
    """Reachable states: breadth first from the initial state up to `max_states / 2`, then random
    walks (each from a random breadth-first state) up to `max_states`. Every state expanded and
    indexed is charged to `meter`; None if it runs out first."""
    it = Interpreter(ts)
    rng = random.Random(seed)
    seen: dict[State, None] = {ts.init: None}
    queue = deque([ts.init])
    half = max(1, max_states // 2)
    visited = 0
    while queue and len(seen) < half:
        s = queue.popleft()
        for _, nxt in it.next_states(s):
            if nxt not in seen:
                seen[nxt] = None
                queue.append(nxt)
        visited += 1
        if visited % CHUNK == 0:
            meter.spend_states(CHUNK * TUPLE_STATE)
            if meter.out():
                return None
    meter.spend_states(visited % CHUNK * TUPLE_STATE)
    starts = list(seen)
    for _ in range(walks):
        if len(seen) >= max_states or meter.out():
            break
        s = rng.choice(starts)
        steps = 0
        for _ in range(length):
            succ = it.next_states(s)
            steps += 1
            if not succ:
                break
            s = rng.choice(succ)[1]
            seen.setdefault(s, None)
        meter.spend_states(steps * TUPLE_STATE)
    if meter.out():
        return None
    index: dict[Literal, list[int]] = {}
    for n, s in enumerate(seen):
        for i, v in enumerate(s):
            index.setdefault((i, _norm(v)), []).append(n)
        if n % CHUNK == CHUNK - 1:
            meter.spend_states(CHUNK * INDEX_STATE)
            if meter.out():
                return None
    meter.spend_states(len(seen) % CHUNK * INDEX_STATE)
    bits = {lit: _bitset(ns) for lit, ns in index.items()}
    return _Sample(len(ts.vars), bits, len(seen), [])


def _bitset(ns: list[int]) -> int:
    out = bytearray((ns[-1] >> 3) + 1)
    for n in ns:
        out[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(out, "little")


def _norm(v: int | bool) -> int | bool:
    return bool(v) if isinstance(v, bool) else int(v)


def strengthen(
    ts: TransitionSystem,
    props: Sequence[str],
    meter: Meter,
    mode: str = "bv",
    max_states: int = 60_000,
    seed: int = 0,
    mine: bool = True,
) -> dict[str, Outcome]:
    """Prove `props` together with one learned invariant; each property's outcome (Proved with the
    shared certificate, or Unknown with the reason). Sampling counts states, the solver its
    resource limit, both charged to `meter`."""
    enc = Encoding(ts, mode)
    dom = inductive_domain(enc, meter, "strengthening, domain constraints")
    if isinstance(dom, Unknown):
        return dict.fromkeys(props, dom)
    sample = sample_states(ts, max_states, walks=max(1, max_states // 400), length=400, seed=seed, meter=meter)
    if sample is None:
        return {p: stopped(meter, "strengthening, sampling states") for p in props}
    cur, nxt = enc.cur, enc.nxt
    bad_terms = {p: enc.bad(p, cur) for p in props}

    def violates(p: str, state: State) -> bool:
        """The encoding's bad-state formula of `p`, evaluated in a concrete state."""
        pairs = [(x, enc.value(i, v)) for i, (x, v) in enumerate(zip(cur, state, strict=True))]
        return z3.is_true(z3.simplify(z3.substitute(bad_terms[p], *pairs)))

    failed: dict[str, str] = {p: "violated in the initial state" for p in props if violates(p, ts.init)}
    targets = list(props)
    solver = z3.SolverFor("QF_BV", ctx=enc.ctx) if mode == "bv" else z3.Solver(ctx=enc.ctx)
    solver.add(enc.transition(cur, enc.a, nxt))
    domain = enc.domain(cur)
    for i in dom:
        solver.add(domain[i])
    bad = {p: bad_terms[p] for p in targets}
    good_guard = {p: z3.Bool(f"good#{p}", enc.ctx) for p in targets}
    for p in targets:
        solver.add(z3.Implies(good_guard[p], z3.Not(bad[p])))
    lemmas: dict[int, tuple[Literal, ...]] = {}
    guard: dict[int, z3.BoolRef] = {}
    after: dict[int, z3.BoolRef] = {}  # each lemma's cube over the next state
    rounds = 0

    def cube_term(cube: tuple[Literal, ...], frame: list[z3.ExprRef]) -> z3.BoolRef:
        return z3.And(*[frame[i] == enc.value(i, v) for i, v in cube])

    def add_lemma(cube: tuple[Literal, ...]) -> None:
        meter.spend_states(LEMMA_STATES)
        n = len(guard)
        guard[n] = z3.Bool(f"lemma#{n}", enc.ctx)
        lemmas[n] = cube
        after[n] = cube_term(cube, nxt)
        solver.add(z3.Implies(guard[n], z3.Not(cube_term(cube, cur))))

    def relative_core(s: State) -> list[Literal]:
        """IC3's generalisation: if no state satisfying the lemmas, outside s, steps into s, the
        unsat core over s's literals (on the next state) is a cube whose negation is inductive
        relative to the lemmas; [] if some state does step into s."""
        lits = [(i, _norm(v)) for i, v in enumerate(s)]
        marks = [z3.FreshBool("lit", enc.ctx) for _ in lits]
        for m, (i, v) in zip(marks, lits, strict=True):
            solver.add(z3.Implies(m, nxt[i] == enc.value(i, v)))
        outside = z3.FreshBool("outside", enc.ctx)
        solver.add(z3.Implies(outside, z3.Not(cube_term(tuple(lits), cur))))
        assume = [guard[n] for n in lemmas] + [good_guard[p] for p in targets if p not in failed]
        if metered_check(solver, meter.share(at_most=CORE_UNITS), outside, *assume, *marks) != z3.unsat:
            return []
        core = {c.get_id() for c in solver.unsat_core()}
        return [lit for m, lit in zip(marks, lits, strict=True) if m.get_id() in core]

    seeds: set[int] = set()
    if mine:
        for cube in mined_lemmas(ts, sample):
            if meter.out():
                break
            seeds.add(len(guard))
            add_lemma(cube)

    while True:
        rounds += 1
        if meter.out():
            why = stopped(meter, f"strengthening, {len(lemmas)} lemmas, {rounds} rounds")
            return {p: Unknown(failed[p]) if p in failed else why for p in props}
        live = [p for p in targets if p not in failed]
        assume = [guard[n] for n in lemmas] + [good_guard[p] for p in live]
        # a step from a state satisfying every lemma and property to one that does not
        probe = z3.FreshBool("cti", enc.ctx)
        breaks = [after[n] for n in lemmas]
        breaks += [z3.substitute(bad[p], *zip(cur, nxt, strict=True)) for p in live]
        meter.spend_states(len(breaks) // TERMS_PER_STATE)
        solver.add(z3.Implies(probe, z3.Or(*breaks) if breaks else z3.BoolVal(False, enc.ctx)))
        r = metered_check(solver, meter, probe, *assume)
        if r == z3.unknown:
            why = solver_unknown(solver, meter, f"strengthening, {len(lemmas)} lemmas, {rounds} rounds")
            return {p: Unknown(failed[p]) if p in failed else why for p in props}
        if r == z3.unsat:
            break
        m = solver.model()
        t = enc.state(m, nxt)
        broken = [n for n in seeds & lemmas.keys() if all(t[i] == v for i, v in lemmas[n])]
        if broken:  # Houdini: a mined lemma that is not preserved is dropped, not strengthened
            for n in broken:
                del lemmas[n]
            continue
        s = enc.state(m, cur)
        cube = _generalize(s, sample, relative_core(s) if _is_fresh(s, sample) else ())
        if cube is not None:
            add_lemma(cube)
            continue
        # s is reachable, so its successor is: the lemmas it violates are false
        sample.extra.append(t)
        for n, c in list(lemmas.items()):
            if all(t[i] == v for i, v in c):
                del lemmas[n]
        for p in live:
            if violates(p, t):
                failed[p] = "violated in a reachable state"
    proved = [p for p in targets if p not in failed]
    out: dict[str, Outcome] = {p: Unknown(failed.get(p, "violated in a sampled state")) for p in props}
    if not proved:
        return out
    body = z3.And(
        *[z3.Not(bad[p]) for p in proved],
        *[domain[i] for i in dom],
        *[z3.Not(cube_term(c, cur)) for c in lemmas.values()],
    )
    cert = Invariant(invariant_smt2(enc, body, cur), 1, mode, len(lemmas))
    for p in proved:
        out[p] = Proved("strengthening", cert, f"{len(lemmas)} lemmas")
    return out


def mined_lemmas(ts: TransitionSystem, sample: _Sample, max_pairs: int = 60_000) -> list[tuple[Literal, ...]]:
    """Candidate lemmas no sampled state contradicts: a value a variable never takes (within its
    sort), and two values two variables never take together (the first `max_pairs`). Guesses:
    the caller keeps only the subset that is inductive (Houdini)."""
    out: list[tuple[Literal, ...]] = []
    observed: list[list[int | bool]] = [[] for _ in ts.vars]
    for i, v in sample.bits:
        observed[i].append(v)
    for i, var in enumerate(ts.vars):
        srt = var.sort
        if srt.kind == "bool":
            dom: list[int | bool] = [False, True]
        elif srt.kind == "int":
            dom = list(range(srt.lo, srt.hi + 1))
        elif srt.hi <= 4:
            dom = list(range(1 << srt.hi))
        else:
            dom = []
        seen = set(observed[i])
        out.extend(((i, v),) for v in dom if v not in seen)
    lits = sorted(sample.bits, key=lambda lit: (lit[0], int(lit[1])))
    pcs = {t.pc for t in ts.threads}
    pairs = 0
    for a in range(len(lits)):
        ia, _ = lits[a]
        if ia not in pcs:  # pairs with a program counter: where a protocol's facts live
            continue
        ba = sample.bits[lits[a]]
        for b in range(len(lits)):
            if lits[b][0] == ia or (lits[b][0] in pcs and lits[b][0] < ia):
                continue
            if not ba & sample.bits[lits[b]]:
                out.append((lits[a], lits[b]))
                pairs += 1
                if pairs >= max_pairs:
                    return out
    return out


def _is_fresh(s: State, sample: _Sample) -> bool:
    """`s` is not a sampled state (only then is it worth generalising)."""
    return not sample.matches([(i, _norm(v)) for i, v in enumerate(s)])


def _generalize(s: State, sample: _Sample, core: Sequence[Literal] = ()) -> tuple[Literal, ...] | None:
    """A small cube of `s`'s literals that no sampled state matches, starting from `core` (literals
    that relative induction found sufficient); None if `s` is sampled."""
    lits = [(i, _norm(v)) for i, v in enumerate(s)]
    cube: list[Literal] = list(core)
    cur = sample.everything
    for lit in cube:
        cur &= sample.bits.get(lit, 0)
    rest = [lit for lit in lits if lit not in cube]
    while cur:
        best, best_n = None, -1
        for lit in rest:
            n = (cur & sample.bits.get(lit, 0)).bit_count()
            if best is None or n < best_n:
                best, best_n = lit, n
                if n == 0:
                    break
        if best is None:
            break
        cube.append(best)
        rest.remove(best)
        cur &= sample.bits.get(best, 0)
        if not rest:
            break
    if cur:
        return None  # every literal taken and some sampled state still matches: s was sampled
    # the extra states were not indexed: extend the cube until none of them matches either
    for t in sample.extra:
        if all(t[i] == v for i, v in cube):
            diff = [lit for lit in rest if t[lit[0]] != lit[1]]
            if not diff:
                return None
            cube.append(diff[0])
            rest.remove(diff[0])
    # drop literals that are not needed (the greedy choice can overshoot)
    for lit in [x for x in cube if x not in core]:
        if len(cube) == 1:
            break
        trial = [x for x in cube if x != lit]
        if not sample.matches(trial):
            cube = trial
    return tuple(sorted(cube))

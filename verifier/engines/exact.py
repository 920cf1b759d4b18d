"""Inductive invariants learned against the complete set of reachable states.

Explicit search enumerates tens of millions of packed states in minutes, but such a set is no
certificate: written as a formula it is far too large to re-check. It is, however, an exact
oracle for the lemmas of an inductive invariant. A cube of literals (variable = value) that no
reachable state matches is false in every run, so its negation is a true lemma; never a guess
that has to be taken back, as the sampled lemmas of verifier/engines/strengthen.py are.

1. Enumerate the reachable states R (breadth first, packed), and store them as columns: one byte
   per variable and state (numpy), for counting which states match a cube.
2. Lemmas: each variable takes only the values it takes in R; two literals that no state of R
   has together never hold together.
3. While the lemmas and the properties are not inductive, the solver gives a step s -> t from a
   state that satisfies them all to one that does not (asked about one lemma or property at a
   time: one that survives every step from the others survives it for good, as lemmas are only
   added). Then s is not in R (else t would be, and t satisfies every true lemma and, unless
   the property is violated, the property). Block s with a smallest cube of its literals that
   no state of R matches, chosen greedily (each literal the one that leaves the fewest states
   matching), then pruned. If s is in R after all, t is a reachable bad state: the property t
   violates is not proved, and leaves the set (as does one the initial state violates).
   The cube is then generalised, still against R: each literal x = v widens to every value of x
   that no state of R has together with the rest (a box: one lemma where there would be one per
   program counter of a section), and if the box's variables take few combinations in R, the
   lemma is that they take only those (a decision diagram over them). Measured on the resampler
   with one irqfd (12,438 states, bench/prove.py): 9 learned lemmas and 4.1 s, where single
   cubes took 291 and 16 s.
4. The conjunction is the certificate (k = 1), shared by every property proved; verifier/proof
   checks it again before anything is reported as proved.
"""

from __future__ import annotations

import gc
import math
from collections import deque
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import z3

from verifier.engines.kind import inductive_domain, metered_check, solver_unknown, stopped
from verifier.engines.reach import diagram
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter, PackedRangeError, State
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import Invariant, invariant_smt2
from verifier.result import Outcome, Proved, Unknown
from verifier.smt.encode import Encoding

MAX_STATES = 20_000_000  # about 6 GB while searching, then a byte per variable and state
MAX_COMBINATIONS = 4_096  # a projection lemma with more is left as the box it came from
SAMPLE_ROWS = 400_000  # pairs seen together in this many random states need no exact test
CHUNK = 4_096  # states between two looks at the meter while enumerating
# the passes over the columns (a pair's exact test, blocking and widening a cube) are charged as
# explicit search's states by the bytes they touch: numpy goes through about 5 GB a second
# (compare, and, gather; measured), a unit's 100,000 states take a second
BYTES_PER_STATE = 50_000

Literal = tuple[int, int]  # (variable, value as stored: value - the field's lowest value)
Box = list[tuple[int, list[int]]]  # (variable, values as stored): the states with one of each


@dataclass
class Reachable:
    """The reachable states as columns: `cols[i][n]` is variable i of state n, offset by `lo[i]`
    (None where the variable has one value throughout)."""

    ts: TransitionSystem
    count: int
    cols: list[np.ndarray | None]
    lo: list[int]
    bits_cache: dict[Literal, np.ndarray]
    hist_cache: dict[int, np.ndarray] = field(default_factory=dict)

    def value(self, i: int, raw: int) -> int | bool:
        return bool(raw) if self.ts.vars[i].sort.kind == "bool" else raw + self.lo[i]

    def raw(self, i: int, v: int | bool) -> int:
        return int(v) - self.lo[i]

    def values(self, i: int) -> list[int | bool]:
        col = self.cols[i]
        if col is None:
            return [self.ts.init[i]]
        counts = np.bincount(col, minlength=256)
        return [self.value(i, r) for r in range(256) if counts[r]]

    def bits(self, lit: Literal) -> np.ndarray:
        """The states with literal `lit`, as a packed bit array."""
        b = self.bits_cache.get(lit)
        if b is None:
            col = self.cols[lit[0]]
            assert col is not None
            b = self.bits_cache[lit] = np.packbits(col == lit[1])
        return b

    def count_of(self, lit: Literal) -> int:
        """How many states have literal `lit` (a histogram per variable, made once)."""
        hist = self.hist_cache.get(lit[0])
        if hist is None:
            hist = self.hist_cache[lit[0]] = np.bincount(self.cols[lit[0]], minlength=256)  # type: ignore[arg-type]
        return int(hist[lit[1]]) if lit[1] < len(hist) else 0

    def any_matching(self, cube: Sequence[Literal]) -> bool:
        """Whether some state has every literal of `cube` (cached bit sets, one per literal)."""
        acc: np.ndarray | None = None
        for lit in sorted(cube, key=self.count_of):
            b = self.bits(lit)
            acc = b if acc is None else acc & b
            if not acc.any():
                return False
        return True

    def matching(self, cube: Sequence[Literal]) -> np.ndarray:
        """Indices of the states that have every literal of `cube` (rarest literal first)."""
        idx: np.ndarray | None = None
        for i, r in cube:
            col = self.cols[i]
            if col is None:
                continue
            idx = np.flatnonzero(col == r) if idx is None else idx[col[idx] == r]
            if not len(idx):
                break
        return np.arange(self.count) if idx is None else idx


def reachable(ts: TransitionSystem, max_states: int, meter: Meter) -> Reachable | str:
    """Every reachable state of `ts`, as columns; or why not (too many, the meter ran out, not
    packable). Each state expanded is charged to `meter`."""
    it = Interpreter(ts)
    packed = it.packed()
    if packed is None:
        return "the system cannot be packed"
    nexts = packed.next_states
    seen: dict[int, None] = {packed.init: None}
    frontier = [packed.init]
    try:
        while frontier:
            nxt: list[int] = []
            for n, s in enumerate(frontier):
                for _, t in nexts(s):
                    if t not in seen:
                        seen[t] = None
                        nxt.append(t)
                if n % CHUNK == CHUNK - 1:
                    meter.spend_states(CHUNK)
                    if len(seen) > max_states:
                        return too_many(len(seen), max_states)
                    if meter.out():
                        return stopped(meter, f"enumerating the reachable states, {len(seen):,} so far").reason
            meter.spend_states(len(frontier) % CHUNK)
            if len(seen) > max_states:
                return too_many(len(seen), max_states)
            frontier = nxt
    except PackedRangeError:
        return "a value leaves the room the packing gave it"
    del frontier
    rows = packed_rows(packed.layout, seen)
    del seen
    gc.collect()
    return as_columns(ts, packed.layout, rows)


def too_many(seen: int, max_states: int) -> str:
    """Why an enumeration stopped with `seen` states: more than the state budget allows."""
    return f"more than {max_states:,} reachable states (stopped at {seen:,})"


def packed_rows(layout: Any, states: Collection[int]) -> np.ndarray:
    """Packed states (Interpreter.packed's `layout`) as the rows of a byte matrix."""
    width = (layout.bits + 7) // 8
    data = b"".join(x.to_bytes(width, "little") for x in states)
    return np.frombuffer(data, dtype=np.uint8).reshape(len(states), width)


def as_columns(ts: TransitionSystem, layout: Any, rows: np.ndarray) -> Reachable:
    """The states of `rows` (see packed_rows) as one column per variable."""
    count = rows.shape[0]
    cols: list[np.ndarray | None] = []
    lo: list[int] = []
    for off, bits, low, _ in layout.fields:
        lo.append(low)
        if bits == 0:
            cols.append(None)
            continue
        first, shift = off // 8, off % 8
        acc = np.zeros(count, dtype=np.uint32)
        for k in range((shift + bits + 7) // 8):
            acc |= rows[:, first + k].astype(np.uint32) << np.uint32(8 * k)
        cols.append(((acc >> np.uint32(shift)) & np.uint32((1 << bits) - 1)).astype(np.uint8))
    return Reachable(ts, count, cols, lo, {})


def pair_lemmas(r: Reachable, seed: int = 0, meter: Meter | None = None) -> list[tuple[Literal, Literal]] | None:
    """Every two literals (of different variables) that no reachable state has together: pairs seen
    together in a random sample of states are skipped, the rest are tested on all of them. The
    column passes are charged to `meter` (see BYTES_PER_STATE); None if it runs out."""
    rng = np.random.default_rng(seed)
    rows = rng.choice(r.count, size=min(r.count, SAMPLE_ROWS), replace=False)
    sample = [None if c is None else c[rows] for c in r.cols]
    lits = [(i, r.raw(i, v)) for i, c in enumerate(r.cols) if c is not None for v in r.values(i)]
    masks = {lit: sample[lit[0]] == lit[1] for lit in lits}  # type: ignore[index]
    out = []
    touched = 0
    for a, la in enumerate(lits):
        ma = masks[la]
        for lb in lits[a + 1 :]:
            if lb[0] == la[0]:
                continue
            touched += 2 * len(rows)
            if np.any(ma & masks[lb]):
                continue
            touched += r.count // 4 + r.count * sum(lit not in r.bits_cache for lit in (la, lb))
            if not np.any(r.bits(la) & r.bits(lb)):
                out.append((la, lb))
        if meter is not None:
            meter.spend_states(touched // BYTES_PER_STATE)
            touched %= BYTES_PER_STATE
            if meter.out():
                r.bits_cache.clear()
                return None
    r.bits_cache.clear()
    return out


def block(r: Reachable, s: State, meter: Meter | None = None) -> list[Literal] | None:
    """A small cube of `s`'s literals that no reachable state matches; None if `s` is reachable.
    The bytes its passes touch are charged to `meter`, if given (see BYTES_PER_STATE)."""
    lits = [(i, r.raw(i, v)) for i, v in enumerate(s) if r.cols[i] is not None]
    counts = {lit: r.count_of(lit) for lit in lits}
    rest = sorted(lits, key=counts.__getitem__)
    cube = [rest.pop(0)]
    idx = r.matching(cube)
    touched = r.count
    try:
        while len(idx):
            if not rest:
                return None
            touched += 9 * len(idx) * (len(rest) + 1)  # a gather (index and byte) per literal tried
            best = min(rest, key=lambda lit: int(np.count_nonzero(r.cols[lit[0]][idx] == lit[1])))  # type: ignore[index]
            cube.append(best)
            rest.remove(best)
            idx = idx[r.cols[best[0]][idx] == best[1]]  # type: ignore[index]
        # the greedy choice can overshoot: drop each literal the others do not need
        for lit in list(cube):
            trial = [x for x in cube if x != lit]
            touched += len(trial) * r.count // 8 + r.count * sum(x not in r.bits_cache for x in trial)
            if trial and not r.any_matching(trial):
                cube = trial
        return cube
    finally:
        if meter is not None:
            meter.spend_states(touched // BYTES_PER_STATE)


def widen(r: Reachable, cube: Sequence[Literal], meter: Meter | None = None) -> Box:
    """`cube` with each literal x = v widened, in turn, to every value of x that no reachable state
    has together with the others (as widened so far): the box still matches no reachable state,
    and one lemma excludes what would otherwise take one cube per value (a thread at any of the
    program counters of a section, say). Charged to `meter` like `block`."""
    box: Box = [(i, [v]) for i, v in cube]
    if len(box) < 2:
        return box
    if meter is not None:  # per literal: the others' bit sets and-ed, unpacked, and one gather
        meter.spend_states(len(box) * (len(box) * r.count // 8 + 10 * r.count) // BYTES_PER_STATE)
    sets = [_bits_of(r, i, vs) for i, vs in box]
    for k, (i, _) in enumerate(box):
        acc = None
        for j, b in enumerate(sets):
            if j != k:
                acc = b if acc is None else acc & b
        idx = np.flatnonzero(np.unpackbits(acc, count=r.count))  # type: ignore[arg-type]
        col = r.cols[i]
        assert col is not None
        seen = np.bincount(col[idx], minlength=256)
        box[k] = (i, [r.raw(i, v) for v in r.values(i) if not seen[r.raw(i, v)]])
        sets[k] = _bits_of(r, i, box[k][1])
    return box


def combinations(r: Reachable, variables: Sequence[int], limit: int = MAX_COMBINATIONS) -> list[tuple[int, ...]] | None:
    """The value combinations (as stored) that `variables` take together in the reachable states;
    None if there are more than `limit` (or too many to count in an array)."""
    dims = []
    for i in variables:
        col = r.cols[i]
        assert col is not None
        dims.append(int(col.max()) + 1)
    size = math.prod(dims)
    if size > 1 << 26:
        return None
    key = np.ravel_multi_index([r.cols[i] for i in variables], dims)  # type: ignore[misc]
    found = np.flatnonzero(np.bincount(key, minlength=size))
    if len(found) > limit:
        return None
    return list(zip(*(a.tolist() for a in np.unravel_index(found, dims)), strict=True))


def _one_of(terms: list[z3.BoolRef]) -> z3.BoolRef:
    return terms[0] if len(terms) == 1 else z3.Or(*terms)


def _bits_of(r: Reachable, i: int, values: Sequence[int]) -> np.ndarray:
    """The states whose variable i has one of `values` (as stored), as a packed bit array."""
    acc = r.bits((i, values[0]))
    for v in values[1:]:
        acc = acc | r.bits((i, v))
    return acc


def exact_strengthen(
    ts: TransitionSystem,
    props: Sequence[str],
    meter: Meter,
    mode: str = "bv",
    max_states: int = MAX_STATES,
    reach: Reachable | None = None,
    extra: Callable[[Encoding], dict[str, z3.BoolRef]] | None = None,
    ctx: z3.Context | None = None,
) -> dict[str, Outcome]:
    """Prove `props` together with one invariant learned against every reachable state; each
    property's outcome (Proved with the shared certificate, or Unknown with the reason).

    `reach`: the reachable states, if the caller has them. `extra`: more properties, as their bad
    states over the encoding's `cur` (built in the encoding given, whose context is `ctx`).

    Enumeration counts states; the solver its resource limit; the column passes over the states
    their size (CELLS_PER_STATE): all charged to `meter`. Every property, `extra`'s too, has an
    outcome, whenever the work or the guard stops it."""
    enc = Encoding(ts, mode, ctx)
    more = extra(enc) if extra is not None else {}
    names = [*props, *more]
    r = reachable(ts, max_states, meter) if reach is None else reach
    if isinstance(r, str):
        return dict.fromkeys(names, Unknown(r))
    dom = inductive_domain(enc, meter, "exact strengthening, domain constraints")
    if isinstance(dom, Unknown):
        return dict.fromkeys(names, dom)
    cur, nxt = enc.cur, enc.nxt
    shift = list(zip(cur, nxt, strict=True))
    solver = z3.SolverFor("QF_BV", ctx=enc.ctx) if mode == "bv" else z3.Solver(ctx=enc.ctx)
    solver.add(enc.transition(cur, enc.a, nxt))
    domain = enc.domain(cur)
    for i in dom:
        solver.add(domain[i])
    # every lemma holds in the current state; its flag says it fails in the next one
    lemmas: list[z3.BoolRef] = []
    flags: list[z3.BoolRef] = []
    # the lemmas and properties not yet shown to survive a step: one query each, so the solver
    # aims at one target; a lemma shown inductive relative to the others stays so as lemmas are
    # added (the premise only grows), so each is settled once unless a property drops out
    todo: deque[z3.BoolRef] = deque()

    def add(term: z3.BoolRef, over: Collection[int]) -> None:
        """A lemma over the variables `over` (so only those are renamed to the next state: on a
        system of a hundred variables, renaming all of them dominates building a lemma)."""
        flag = z3.Bool(f"broken#{len(flags)}", enc.ctx)
        solver.add(term, z3.Implies(flag, z3.Not(z3.substitute(term, *[shift[i] for i in sorted(over)]))))
        lemmas.append(term)
        flags.append(flag)
        todo.append(flag)

    def box(b: Box) -> z3.BoolRef:
        """The states with one of the values of each variable of `b` (a cube: one value each)."""
        return z3.And(*[_one_of([cur[i] == enc.value(i, r.value(i, raw)) for raw in vs]) for i, vs in b])  # type: ignore[union-attr]

    for i in range(len(ts.vars)):
        add(z3.Or(*[cur[i] == enc.value(i, v) for v in r.values(i)]), (i,))
    pairs = pair_lemmas(r, meter=meter)
    if pairs is None:
        return dict.fromkeys(names, stopped(meter, "exact strengthening, pairs of literals"))
    for pair in pairs:
        add(z3.Not(box([(i, [v]) for i, v in pair])), [i for i, _ in pair])
    mined = len(lemmas)
    projected: set[tuple[int, ...]] = set()
    # a property is assumed in the current state while it is live (its guard), and checked in the next
    bad = {p: enc.bad(p, cur) for p in props} | more
    props = list(bad)
    guard = {p: z3.Bool(f"holds#{p}", enc.ctx) for p in props}
    fails = {p: z3.Bool(f"fails#{p}", enc.ctx) for p in props}
    for p in props:
        solver.add(z3.Implies(guard[p], z3.Not(bad[p])), z3.Implies(fails[p], z3.substitute(bad[p], *shift)))
    init = list(zip(cur, enc.frame(0), strict=True))
    failed = {
        p: "violated in the initial state" for p in props if z3.is_true(z3.simplify(z3.substitute(bad[p], *init)))
    }
    live = [p for p in props if p not in failed]
    todo.extend(fails[p] for p in live)
    rounds = 0
    while live and todo:
        rounds += 1
        res = metered_check(solver, meter, todo[0], *[guard[p] for p in live])
        if res == z3.unknown:
            what = (
                f"exact strengthening, {len(lemmas):,} lemmas; {len(todo):,} lemmas and properties"
                f" not yet settled; {rounds} rounds, {r.count:,} states"
            )
            why = solver_unknown(solver, meter, what)
            return {p: Unknown(failed[p]) if p in failed else why for p in props}
        if res == z3.unsat:
            todo.popleft()
            continue
        m = solver.model()
        c = block(r, enc.state(m, cur), meter)
        if c is not None:
            b = widen(r, c, meter)
            over = tuple(sorted(i for i, _ in b))
            combos = None if over in projected else combinations(r, over)
            meter.spend_states(9 * len(over) * r.count // BYTES_PER_STATE)  # the key, and its count
            if combos is None:
                add(z3.Not(box(b)), over)
            else:
                # the box's variables take only the combinations they take in R: one lemma for
                # every box over them (or fewer of them) that the solver could still ask for
                projected.add(over)
                seen = [tuple(r.value(i, raw) for i, raw in zip(over, k, strict=True)) for k in combos]
                add(diagram(enc, seen, over), over)
            continue
        # the state is reachable, so its successor is: a property that the successor violates fails
        gone = [p for p in live if z3.is_true(m.eval(fails[p], model_completion=True))]
        if not gone:
            raise AssertionError("a reachable state violates a lemma learned from the reachable states")
        for p in gone:
            live.remove(p)
            failed[p] = "violated in a reachable state"
        # what was settled assuming the properties that dropped out is open again
        todo.clear()
        todo.extend([*flags, *[fails[p] for p in live]])
    out: dict[str, Outcome] = {p: Unknown(failed[p]) for p in failed}
    if not live:
        return out
    body = z3.And(*[domain[i] for i in dom], *lemmas, *[z3.Not(bad[p]) for p in live])
    cert = Invariant(invariant_smt2(enc, body, cur), 1, mode, len(lemmas) + len(live))
    detail = f"{len(lemmas):,} lemmas ({len(lemmas) - mined:,} learned) against all {r.count:,} reachable states"
    for p in live:
        out[p] = Proved("exact strengthening", cert, detail)
    return out

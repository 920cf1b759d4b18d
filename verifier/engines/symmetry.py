"""Symmetry reduction for exhaustive search: interchangeable threads explored once.

A spec with `type fd_t = 0..N-1; thread irqfd(i: fd_t)` often treats its N irqfds alike; then
the N! renamings of fd_t (verifier/ir/scalarset.py proposes them, from the declared types) map
reachable states to reachable states, and breadth-first search needs to store one state of each
orbit. This module decides, over the IR, whether the system really is invariant, and if so
gives the search a representative of each state's orbit.

The check (`find`): for each generator g of the group (the transpositions of neighbouring values,
which generate all N! renamings), for every state x (every value the variables' proven ranges
allow, not just reachable ones)

- the initial state is fixed: g(init) = init;
- every action a has an image b (the same step of the renamed thread; of a thread outside the
  families, itself or another of its steps from the same location) with
  guard_a(x) = guard_b(g x), fault_a,i(x) = fault_b,i(g x) for each fault and warning (same
  check), assume_a(x) = assume_b(g x), and, where guard_a(x) holds, g(a(x)) = b(g x);
- every checked invariant and `always` property P has P(x) = P(g x);
- renamed threads agree on everything the scheduler reads (daemon, fairness, context, CPU).

An action is matched syntactically where it reads and writes no variable whose values the
renaming maps (its expressions, variables renamed, are the image's); otherwise Z3 decides, with
a resource limit: anything but "unsatisfiable" rejects the symmetry. Then g is an automorphism
of the labelled transition system (g is an involution, so the image inclusion is an equality):
successors, enabledness, failing checks, stopping and deadlock all commute with g, hence with
every renaming the generators compose.

Why storing one representative per orbit is exact for safety: by induction on depth, for every
state s reachable in d steps some renaming of s is stored at depth d (the stored representative
of its predecessor's orbit has the renamed successor among its successors); a property that is
violated in s is violated in every renaming of s. So the reduced search finds each violation at
its shortest depth, sees every depth's states up to renaming, and a complete search proves what
the unreduced one would. The representative (`canon`) need not be canonical for this: any state
of the orbit is sound; sorting the elements by their own state bits merges most of an orbit.

Traces are made concrete (`Symmetry.concrete`): the stored path is a path between orbits; from
the initial state, each step is the successor lying in the next stored state's orbit (found by
trying the renamings), and a final renaming makes the path end at the stored state itself.
Coverage: an action taken stands for its images under every renaming.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from verifier.ir.interp import State
from verifier.ir.model import (
    Action,
    And,
    Arith,
    Cmp,
    Const,
    Expr,
    Ite,
    Mask,
    Member,
    Not,
    Or,
    Ref,
    Scalarset,
    SetOp,
    Size,
    TransitionSystem,
    refs,
)

if TYPE_CHECKING:  # the solver is imported when a step is first matched by it (most never are)
    import z3

    from verifier.smt.encode import Encoding

MATCH_RLIMIT = 2_000_000  # Z3 resource limit of one "is b the image of a" query
MAX_GROUP = 5040  # renamings tried when a trace is made concrete (7!): larger groups are not used


@dataclass(frozen=True, slots=True)
class _Gen:
    """A transposition of values k and k+1 of one scalarset: how it moves variables and values."""

    ss: Scalarset
    perm: tuple[int, ...]
    pos: dict[int, int]  # variable -> the variable its value moves to (only those that move)
    threads: dict[int, int]  # thread -> renamed thread (only those that move)


def _perm_maps(ss: Scalarset, perm: Sequence[int]) -> tuple[dict[int, int], dict[int, int]]:
    pos = {orbit[k]: orbit[perm[k]] for orbit in ss.orbits for k in range(ss.size) if perm[k] != k}
    threads = {fam[k]: fam[perm[k]] for fam in ss.families for k in range(ss.size) if perm[k] != k}
    return pos, threads


def _map_value(groups: tuple[tuple[int, ...], ...], kind: str, perm: Sequence[int], x: int) -> int:
    """The renamed value of an int (`kind` int) or a set bit mask (`set`)."""
    if kind == "set":
        out = x
        for g in groups:
            for bit in g:
                out &= ~(1 << bit)
            for k, bit in enumerate(g):
                if x >> bit & 1:
                    out |= 1 << g[perm[k]]
        return out
    for g in groups:
        for k, v in enumerate(g):
            if x == v:
                return g[perm[k]]
    return x


class Symmetry:
    """A checked symmetry group of a system: the product of the full symmetric groups of its
    accepted scalarsets. Renames states (`apply`), gives representatives of packed states
    (`canon_rows`), makes traces concrete and closes coverage."""

    def __init__(self, ts: TransitionSystem, sets: list[Scalarset], images: list[dict[int, int]]):
        self.ts = ts
        self.sets = sets
        self.images = images  # per generator: action -> its image
        self.names = tuple(s.name for s in sets)
        self._kinds = [v.sort.kind for v in ts.vars]
        self._perms = [list(itertools.permutations(range(s.size))) for s in sets]
        self._layout: Any = None

    # ---- states as tuples --------------------------------------------------------------------
    def apply(self, s: State, which: int, perm: Sequence[int]) -> State:
        """Scalarset `which` renamed by `perm` in state s."""
        ss = self.sets[which]
        out = list(s)
        for var, groups in ss.values:
            out[var] = _map_value(groups, self._kinds[var], perm, int(s[var]))
        moved = list(out)
        for orbit in ss.orbits:
            for k in range(ss.size):
                moved[orbit[perm[k]]] = out[orbit[k]]
        return tuple(moved)

    def renamings(self) -> Iterable[tuple[tuple[int, ...], ...]]:
        """Every element of the group: one permutation per scalarset."""
        return itertools.product(*self._perms)

    def rename(self, s: State, g: tuple[tuple[int, ...], ...]) -> State:
        for which, perm in enumerate(g):
            if any(perm[k] != k for k in range(len(perm))):
                s = self.apply(s, which, perm)
        return s

    def renaming_to(self, x: State, c: State) -> tuple[tuple[int, ...], ...] | None:
        """A renaming taking x to c, or None if c is not in x's orbit."""
        for g in self.renamings():
            if self.rename(x, g) == c:
                return g
        return None

    def concrete(
        self,
        chain: Sequence[Any],
        init: Any,
        nexts: Callable[[Any], list[tuple[int, Any]]],
        unpack: Callable[[Any], State],
    ) -> list[int]:
        """The actions of a path from `init` to chain[-1] whose i-th state is in chain[i]'s orbit
        (chain: the stored states from the initial one, as the search holds them)."""
        xs = [init]
        for c in chain[1:]:
            target = unpack(c)
            step = next((y for _, y in nexts(xs[-1]) if self.renaming_to(unpack(y), target) is not None), None)
            if step is None:
                raise AssertionError("a stored path leaves the orbits of the system's successors")
            xs.append(step)
        last = self.renaming_to(unpack(xs[-1]), unpack(chain[-1]))
        assert last is not None
        path = [self.rename(unpack(x), last) for x in xs]
        actions: list[int] = []
        cur = init
        for want in path[1:]:
            hit = next(((ai, y) for ai, y in nexts(cur) if unpack(y) == want), None)
            if hit is None:
                raise AssertionError("a renamed path is not a path of the system")
            actions.append(hit[0])
            cur = hit[1]
        return actions

    def close(self, taken: Iterable[int]) -> frozenset[int]:
        """The actions taken and all their images (coverage up to renaming)."""
        out = set(taken)
        todo = list(out)
        while todo:
            a = todo.pop()
            for img in self.images:
                b = img.get(a, a)
                if b not in out:
                    out.add(b)
                    todo.append(b)
        return frozenset(out)

    # ---- packed states, vectorised -------------------------------------------------------------
    def prepare(self, fields: Sequence[tuple[int, int, int, bool]], bits: int) -> bool:
        """Set up `canon_rows` for states packed with `fields` ((off, width, lo, boolean) per
        variable, as verifier/ir/interp.py packs them). False if a renaming does not fit the
        packing (orbit fields of different shapes, a renamed value outside its field)."""
        plans = []
        for ss in self.sets:
            cols: list[list[int]] = [[] for _ in range(ss.size)]
            groups_of = dict(ss.values)
            for orbit in ss.orbits:
                shapes = {(fields[v][1:], groups_of.get(v)) for v in orbit}
                if len(shapes) != 1:
                    return False  # the members of an orbit are packed or renamed differently
                for k, v in enumerate(orbit):
                    off, width = fields[v][0], fields[v][1]
                    cols[k].extend(range(off, off + width))
            maps = []
            for var, groups in ss.values:
                off, width, lo, _ = fields[var]
                if not width:
                    return False
                kind = self._kinds[var]
                limit = width if kind == "set" else 1 << width
                flat = [x if kind == "set" else x - lo for g in groups for x in g]
                if any(x < 0 or x >= limit for x in flat):
                    return False
                if kind == "set" and width > 16:
                    return False
                maps.append((var, off, width, lo, kind, groups))
            key = np.array([c[:63] for c in cols], dtype=np.intp)  # (n, L): each element's first bits
            weights = np.int64(1) << np.arange(key.shape[1] - 1, -1, -1, dtype=np.int64)
            radix = ss.size ** np.arange(ss.size, dtype=np.int64)  # a permutation's code
            plans.append((ss, cols, maps, key, weights, radix, int(np.arange(ss.size) @ radix)))
        self._layout = (bits, plans, {})
        return True

    def canon_rows(self, rows: np.ndarray) -> np.ndarray:
        """A representative of each row's orbit (rows: little-endian packed states, one per row):
        per scalarset, its elements sorted by their own bits (the first 63)."""
        bits, plans, tables = self._layout
        nb = rows.shape[1]
        m = np.unpackbits(rows, axis=1, bitorder="little")
        for which, (_, cols, maps, key, weights, radix, ident) in enumerate(plans):
            keys = m[:, key].astype(np.int64) @ weights  # (rows, n)
            order = np.argsort(keys, axis=1, kind="stable")
            perm = np.argsort(order, axis=1)  # perm[r, k]: where element k goes
            code = perm @ radix
            for pc in np.unique(code):
                if pc == ident:
                    continue
                sel = np.nonzero(code == pc)[0]
                p = tuple(int(x) for x in perm[sel[0]])
                src = tables.get((which, p))
                if src is None:
                    src = self._plan(which, p, cols, maps, bits, nb)
                    tables[(which, p)] = src
                gather, value_maps = src
                sub = m[sel][:, gather]
                for off, width, table, place in value_maps:
                    vals = sub[:, off : off + width].astype(np.int64) @ place
                    new = table[vals]
                    sub[:, off : off + width] = ((new[:, None] >> np.arange(width)) & 1).astype(np.uint8)
                m[sel] = sub
        return np.packbits(m, axis=1, bitorder="little")[:, :nb]

    def _plan(
        self, which: int, p: tuple[int, ...], cols: list[list[int]], maps: list[Any], bits: int, nb: int
    ) -> tuple[np.ndarray, list[tuple[int, int, np.ndarray, np.ndarray]]]:
        """For renaming p of scalarset `which`: the bit gather (new column <- old column) and the
        value tables of the mapped fields (applied after the move, at the field's own place)."""
        gather = np.arange(nb * 8)
        for k in range(len(p)):
            gather[cols[p[k]]] = cols[k]
        value_maps = []
        for _, off, width, lo, kind, groups in maps:
            xs = np.arange(1 << width, dtype=np.int64)
            if kind == "set":
                table = np.array([_map_value(groups, "set", p, int(x)) for x in xs], dtype=np.int64)
            else:
                table = np.array([_map_value(groups, "int", p, int(x) + lo) - lo for x in xs], dtype=np.int64)
            value_maps.append((off, width, table, np.int64(1) << np.arange(width, dtype=np.int64)))
        return gather, value_maps


# ---- finding and checking a symmetry ------------------------------------------------------------


def find(ts: TransitionSystem, props: Sequence[str]) -> tuple[Symmetry | None, str]:
    """The symmetry of `ts` that the checked properties `props` respect, or None with why not."""
    if not ts.scalarsets:
        return None, "no thread family indexed by a named range type"
    checker = _Checker(ts, props)
    sets, images, why = [], [], []
    for ss in ts.scalarsets:
        imgs = checker.check(ss)
        if imgs is None:
            why.append(f"{ss.name}: {checker.why}")
            continue
        sets.append(ss)
        images.extend(imgs)
    if not sets:
        return None, "; ".join(why)
    size = 1
    for ss in sets:
        for k in range(2, ss.size + 1):
            size *= k
    if size > MAX_GROUP:
        return None, f"a group of {size} renamings"
    return Symmetry(ts, sets, images), ""


class _Checker:
    def __init__(self, ts: TransitionSystem, props: Sequence[str]):
        self.ts = ts
        self.props = set(props)
        self.why = ""
        self.by_thread: dict[int, list[int]] = {}
        for ai, a in enumerate(ts.actions):
            self.by_thread.setdefault(a.thread, []).append(ai)
        self._enc: Encoding | None = None
        self._x: list[z3.ExprRef] = []
        self._domain: list[z3.BoolRef] = []
        self._gx: dict[int, tuple[_Gen, list[Any]]] = {}
        self._solver: z3.Solver | None = None

    def check(self, ss: Scalarset) -> list[dict[int, int]] | None:
        ts = self.ts
        valued = {v for v, _ in ss.values}
        for fam in ss.families:
            first = ts.threads[fam[0]]
            for tid in fam[1:]:
                t = ts.threads[tid]
                if (t.daemon, t.fair, t.context, t.cpu, t.end) != (
                    first.daemon,
                    first.fair,
                    first.context,
                    first.cpu,
                    first.end,
                ) or len(self.by_thread.get(tid, [])) != len(self.by_thread.get(fam[0], [])):
                    self.why = f"threads {first.name} and {t.name} differ"
                    return None
        out = []
        for k in range(ss.size - 1):
            perm = list(range(ss.size))
            perm[k], perm[k + 1] = k + 1, k
            pos, threads = _perm_maps(ss, perm)
            gen = _Gen(ss, tuple(perm), pos, threads)
            sym = Symmetry(ts, [ss], [])
            moved = sym.apply(ts.init, 0, perm)
            if moved != ts.init:
                v = next(i for i, (x, y) in enumerate(zip(ts.init, moved, strict=True)) if x != y)
                self.why = (
                    f"the initial state is not symmetric: {ts.vars[v].name} is {ts.init[v]} in it and"
                    f" {moved[v]} in its renaming (a variable of type {ss.name} starting at one of its"
                    f" values breaks the symmetry; {ss.name}? starting at none keeps it)"
                )
                return None
            images = self._images(gen, valued)
            if images is None:
                return None
            if not self._props_symmetric(gen, valued):
                return None
            out.append(images)
        return out

    # -- actions --
    def _images(self, gen: _Gen, valued: set[int]) -> dict[int, int] | None:
        ts = self.ts
        images: dict[int, int] = {}
        for ai, a in enumerate(ts.actions):
            tid = gen.threads.get(a.thread, a.thread)
            if tid != a.thread:
                own = self.by_thread[a.thread]
                candidates = [self.by_thread[tid][own.index(ai)]]
            else:
                same = [
                    bi
                    for bi in self.by_thread[tid]
                    if bi != ai and ts.actions[bi].src == a.src and ts.actions[bi].dst == a.dst
                ]
                candidates = [ai, *same]
            shaped = [bi for bi in candidates if _same_shape(a, ts.actions[bi])]
            hit = next((bi for bi in shaped if self._renames_to(a, ts.actions[bi], gen, valued)), None)
            if hit is None:
                hit = next((bi for bi in shaped if self._solver_image(a, ts.actions[bi], gen)), None)
            if hit is None:
                self.why = f"no renamed step matches '{a.origin.text}' of {ts.threads[a.thread].name}"
                return None
            images[ai] = hit
        return images

    def _renames_to(self, a: Action, b: Action, gen: _Gen, valued: set[int]) -> bool:
        """Is b syntactically a with its variables moved (no mapped value read or written; the
        arguments of a conjunction or disjunction in any order)?"""
        head_a = _head(a)
        touched = refs(*head_a, *(e for _, e in a.updates)) | {v for v, _ in a.updates}
        if touched & valued:
            return False
        ren = _Renamer(gen.pos)
        if [_norm(ren.expr(e)) for e in head_a] != [_norm(e) for e in _head(b)]:
            return False
        return {gen.pos.get(v, v): _norm(ren.expr(e)) for v, e in a.updates} == {v: _norm(e) for v, e in b.updates}

    def _frames(self) -> tuple[Encoding, list[z3.ExprRef], list[z3.BoolRef]]:
        from verifier.smt.encode import Encoding

        if self._enc is None:
            self._enc = Encoding(self.ts, "int")
            self._x = self._enc.symbolic_frame("x")
            self._domain = self._enc.proven_domain(self._x)
        return self._enc, self._x, self._domain

    def _renamed_frame(self, gen: _Gen, x: list[z3.ExprRef], only: Iterable[int] | None = None) -> list[Any]:
        """g(x) as terms: values mapped, then moved (`only`: just these positions, others None)."""
        groups_of = dict(gen.ss.values)
        back = {w: v for v, w in gen.pos.items()}
        out: list[Any] = list(x) if only is None else [None] * len(x)
        for w in range(len(x)) if only is None else only:
            v = back.get(w, w)
            groups = groups_of.get(v)
            out[w] = x[v] if groups is None else self._map_term(v, groups, gen.perm, x[v])
        return out

    def _unsat(self, q: Any) -> bool:
        """Is q unsatisfiable over the states the variables' ranges allow? (one solver, reused)"""
        import z3

        if self._solver is None:
            enc, _, domain = self._frames()
            self._solver = z3.Solver(ctx=enc.ctx)
            self._solver.set("rlimit", MATCH_RLIMIT)
            self._solver.add(*domain)
        self._solver.push()
        try:
            self._solver.add(q)
            return self._solver.check() == z3.unsat
        finally:
            self._solver.pop()

    def _frame_of(self, gen: _Gen) -> list[Any]:
        """g(x) over the shared symbolic state x, built once per generator."""
        hit = self._gx.get(id(gen))
        if hit is None or hit[0] is not gen:
            hit = (gen, self._renamed_frame(gen, self._frames()[1]))
            self._gx[id(gen)] = hit
        return hit[1]

    def _map_term(self, var: int, groups: tuple[tuple[int, ...], ...], perm: tuple[int, ...], t: z3.ExprRef) -> Any:
        import z3

        enc = self._enc
        assert enc is not None
        if self.ts.vars[var].sort.kind == "set":
            width = t.size()  # type: ignore[attr-defined]
            keep = (1 << width) - 1
            out = t
            for g in groups:
                for bit in g:
                    keep &= ~(1 << bit)
            out = t & keep
            for g in groups:
                for k, bit in enumerate(g):
                    if perm[k] != k:
                        one = z3.LShR(t, bit) & 1
                        out = out | (one << g[perm[k]])
                    else:
                        out = out | (t & (1 << bit))
            return out
        out = t
        for g in groups:
            for k, v in enumerate(g):
                if perm[k] != k:
                    out = z3.If(t == enc.int_val(v), enc.int_val(g[perm[k]]), out)
        return out

    def _solver_image(self, a: Action, b: Action, gen: _Gen) -> bool:
        import z3

        try:
            enc, x, _ = self._frames()
            gx = self._frame_of(gen)
            ma: dict[int, z3.ExprRef] = {}
            mb: dict[int, z3.ExprRef] = {}
            ga, gb = enc.expr(a.guard, x, ma), enc.expr(b.guard, gx, mb)
            diffs = [ga != gb]
            for (_, fa), (_, fb) in zip((*a.faults, *a.warnings), (*b.faults, *b.warnings), strict=True):
                diffs.append(enc.expr(fa, x, ma) != enc.expr(fb, gx, mb))
            diffs.append(enc.expr(a.assume_fails, x, ma) != enc.expr(b.assume_fails, gx, mb))
            after_a = list(x)
            for v, e in a.updates:
                after_a[v] = enc.expr(e, x, ma)
            after_b = list(gx)
            for v, e in b.updates:
                after_b[v] = enc.expr(e, gx, mb)
            written = {gen.pos.get(v, v) for v, _ in a.updates} | {v for v, _ in b.updates}
            renamed_a = self._renamed_frame(gen, after_a, written)
            moved = [renamed_a[w] != after_b[w] for w in sorted(written)]
            if moved:
                diffs.append(z3.And(ga, z3.Or(*moved)))
            return self._unsat(z3.Or(*diffs))
        except (z3.Z3Exception, TypeError, ValueError, KeyError):
            return False

    # -- properties --
    def _props_symmetric(self, gen: _Gen, valued: set[int]) -> bool:
        preds: list[tuple[str, Expr]] = []
        for inv in self.ts.invariants:
            if inv.name in self.props:
                preds.append((inv.name, inv.expr))
        for tmp in self.ts.temporals:
            if tmp.name in self.props:
                preds.append((tmp.name, tmp.body))
                if tmp.trigger is not None:
                    preds.append((tmp.name, tmp.trigger))
        for name, e in preds:
            if not (refs(e) & valued) and _norm(_Renamer(gen.pos).expr(e)) == _norm(e):
                continue
            import z3

            try:
                enc, x, _ = self._frames()
                gx = self._frame_of(gen)
                if self._unsat(enc.expr(e, x, {}) != enc.expr(e, gx, {})):
                    continue
            except (z3.Z3Exception, TypeError, ValueError, KeyError):
                pass
            self.why = f"property {name} is not symmetric"
            return False
        return True


def _same_shape(a: Action, b: Action) -> bool:
    """Same locations, and the same checks in the same order."""
    return (a.src, a.dst, [c for c, _ in a.faults], [c for c, _ in a.warnings]) == (
        b.src,
        b.dst,
        [c for c, _ in b.faults],
        [c for c, _ in b.warnings],
    )


def _norm(e: Expr) -> Expr:
    """e with the arguments of every conjunction and disjunction in a fixed order (by hash: two
    equal arguments always sort alike; a clash of unequal ones only sends the pair to Z3)."""
    match e:
        case And(xs):
            return And(tuple(sorted((_norm(x) for x in xs), key=hash)))
        case Or(xs):
            return Or(tuple(sorted((_norm(x) for x in xs), key=hash)))
        case Not(x):
            return Not(_norm(x))
        case Ite(c, x, y):
            return Ite(_norm(c), _norm(x), _norm(y))
        case Cmp(op, x, y):
            return Cmp(op, _norm(x), _norm(y))
        case Arith(op, x, y):
            return Arith(op, _norm(x), _norm(y))
        case SetOp(op, x, y, n):
            return SetOp(op, _norm(x), _norm(y), n)
        case Member(st, i, n):
            return Member(_norm(st), _norm(i), n)
        case Size(st, n):
            return Size(_norm(st), n)
        case Mask(xs):
            return Mask(tuple(_norm(x) for x in xs))
    return e


def _head(a: Action) -> list[Expr]:
    """An action's conditions in a fixed order: guard, faults, warnings, false `assume`."""
    return [a.guard, *(c for _, c in a.faults), *(c for _, c in a.warnings), a.assume_fails]


class _Renamer:
    """An expression with every variable moved by a renaming (no value mapped: used only where
    no mapped variable is read)."""

    def __init__(self, pos: dict[int, int]):
        self.pos = pos
        self.memo: dict[int, Any] = {}

    def expr(self, e: Any) -> Any:
        hit = self.memo.get(id(e))
        if hit is not None:
            return hit
        out = self._expr(e)
        self.memo[id(e)] = out
        return out

    def _expr(self, e: Expr) -> Expr:
        match e:
            case Ref(v):
                return Ref(self.pos.get(v, v))
            case Const():
                return e
            case Not(x):
                return Not(self.expr(x))
            case And(xs):
                return And(tuple(self.expr(x) for x in xs))
            case Or(xs):
                return Or(tuple(self.expr(x) for x in xs))
            case Mask(xs):
                return Mask(tuple(self.expr(x) for x in xs))
            case Ite(c, x, y):
                return Ite(self.expr(c), self.expr(x), self.expr(y))
            case Cmp(op, x, y):
                return Cmp(op, self.expr(x), self.expr(y))
            case Arith(op, x, y):
                return Arith(op, self.expr(x), self.expr(y))
            case SetOp(op, x, y, n):
                return SetOp(op, self.expr(x), self.expr(y), n)
            case Member(s, i, n):
                return Member(self.expr(s), self.expr(i), n)
            case Size(s, n):
                return Size(self.expr(s), n)
        raise TypeError(f"no renaming for {type(e).__name__}")

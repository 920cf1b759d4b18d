"""Ample-set partial-order reduction for exhaustive breadth-first search (safety only).

Where threads interleave steps that do not interact, breadth-first search visits every order of
those steps. The reduction expands, in a state, only the enabled steps of one thread whose
current location is *safe*, when that is enough to keep every violation reachable.

Footprints are syntactic, over the IR: an action reads what its guard, update right-hand sides,
faults, warnings and false-`assume` condition read (`refs`) plus its own thread's pc, and writes
its update targets plus its thread's pc (always, even a step that keeps the pc: another thread's
guard may read the pc, through a thread predicate, `at()` or a CPU's scheduling gate, and it then
depends on every step of the thread). In a state where thread t is at pc p and every other
thread u at pc q_u, the location (t, p) is safe if every action a leaving it is

- independent of every action b that another thread u can still run: b is reachable from q_u
  in u's control-flow graph (a thread's pc changes only by its own steps, each to its `dst`,
  which `_moves_by_cfg` checks; otherwise all of u's actions count), and writes(a) meets neither
  reads(b) nor writes(b), and reads(a) meets no writes(b); and
- invisible: it cannot turn a state violating a checked invariant or `always` property into one
  satisfying it (an action writing nothing the property reads cannot; for one that does, the
  solver is asked, see `Reduction._invisible`).

Then the enabled actions of t at p form a persistent set: no other thread can enable, disable or
change the effect of any of them (C1), they never undo a violation (C2 as reachability of a bad
state needs it), and they are non-empty (C0: `ample` only picks a thread with an enabled step).
The cycle proviso (C3) for breadth-first search is in the caller
(verifier/engines/explicit.py): the ample successors are used only if none of them was
discovered at a level before the next one, so every edge out of a reduced state goes one level
deeper and every cycle of the reduced graph passes through a fully expanded state.

Why every violation stays reachable: take a shortest path s -a1-> ... -an-> x in the full graph
from a reduced state s (thread t at safe location p) to a state x violating a property.

1. If some ai is a step of t, let aj be the first: it leaves p, so it is independent of
   a1..a(j-1) and enabled in s; s -aj-> s' then reaches the very same x in n-1 steps, and s' is a
   successor the reduced search keeps.
2. If no ai is a step of t, take any kept successor s -a-> s': a commutes with every ai (each
   is a step another thread can still run), so s' reaches a(x) in n steps. a(x) still violates
   the property: a is enabled in x and invisible, so it does not repair an invariant or `always`
   body; another thread's failing check reads neither t's pc nor anything a writes (the check
   belongs to a step that thread can still run, whose reads include the check's condition); a
   failing check of t itself is at p in x, its condition reads nothing other threads write, so
   it fails in s already. Deadlock cannot be the violation: t's enabled step at p stays enabled
   along the path (nothing it reads is written by the ai), so x is not terminal.

Case 2 goes one level deeper each time (the proviso), and the levels are finite, so case 1 or a
fully expanded state (where a1 itself is kept) is eventually reached: by induction on n, x (or
a state violating the same property) is reached. The same argument, with "action b is enabled"
or "a check of action b fails" for the violation, shows that every action enabled in some
reachable state is enabled in some state the reduced search expands: coverage is exact when it
is read from the successors before reduction.

The reduced graph's depths are not the full graph's: a violation may be found deeper than its
shortest trace (see `explore`, which recovers minimal depths), and a reduced search cut short
says nothing about any depth past the first level where it reduced.

Liveness is not reduced (eventually-properties need stronger provisos); BMC's `--bmc-por` is an
unrelated encoding-level reduction.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from verifier.ir.model import Const, TransitionSystem, refs

if TYPE_CHECKING:
    import z3

    from verifier.smt.encode import Encoding

Succs = list[tuple[int, Any]]
REPAIR_RLIMIT = 2_000_000  # Z3 resource limit of one "may this step repair that property" query


@dataclass(frozen=True, slots=True)
class Footprint:
    reads: frozenset[int]
    writes: frozenset[int]


def footprints(ts: TransitionSystem) -> list[Footprint]:
    """Each action's reads and writes (its own pc counted as both)."""
    out = []
    for a in ts.actions:
        pc = ts.threads[a.thread].pc
        exprs = [a.guard, a.assume_fails, *(e for _, e in a.updates), *(c for _, c in a.faults)]
        exprs += [c for _, c in a.warnings]
        out.append(Footprint(frozenset(refs(*exprs) | {pc}), frozenset({v for v, _ in a.updates} | {pc})))
    return out


def _mask(vs: frozenset[int] | set[int]) -> int:
    m = 0
    for v in vs:
        m |= 1 << v
    return m


def _moves_by_cfg(ts: TransitionSystem) -> bool:
    """Does every thread's pc change only by its own steps, each setting it to the step's `dst`?
    (Then a thread at pc q can only ever run the steps its control-flow graph reaches from q.)"""
    pcs = {t.pc for t in ts.threads}
    for a in ts.actions:
        own = ts.threads[a.thread].pc
        for v, e in a.updates:
            if v in pcs and v != own:
                return False
            if v == own and not (isinstance(e, Const) and e.value == a.dst):
                return False
        if a.src != a.dst and own not in {v for v, _ in a.updates}:
            return False
    return True


class Reduction:
    """Which locations are safe for checking `props`, and the ample successors of a state.

    A location (t, p) is safe *in a state* if every action leaving it is invisible and independent
    of every action each other thread u can still run: those its control-flow graph reaches from
    u's current pc (a finished thread runs none). This is stronger than independence of all of
    u's actions (`static_safe_locations`, reported by `summary`): a thread that is past its last
    use of a lock, or done, no longer conflicts with anyone. Properties it does not know (anything
    but invariants, `always` properties, checks and deadlock) turn the reduction off."""

    def __init__(self, ts: TransitionSystem, props: Sequence[str]) -> None:
        self.ts = ts
        fps = footprints(ts)
        preds = {i.name: i.expr for i in ts.invariants}
        preds.update({t.name: t.body for t in ts.temporals if t.kind == "always"})
        checks = {c.name for c in ts.checks}
        known = all(p in preds or p in checks or p == "deadlock" for p in props)
        self._preds = [(preds[p], _mask(refs(preds[p]))) for p in dict.fromkeys(props) if p in preds]
        visible = _mask(refs(*(e for e, _ in self._preds)))
        n = len(ts.threads)
        # per location: the union of its actions' reads and writes, and whether all are invisible
        loc_r: dict[tuple[int, int], int] = {}
        loc_w: dict[tuple[int, int], int] = {}
        loc_ok: dict[tuple[int, int], bool] = {}
        # location -> its actions that write what a checked invariant or `always` property reads
        self._writes_visible: dict[tuple[int, int], list[int]] = {}
        succ_pcs: list[dict[int, set[int]]] = [{} for _ in range(n)]
        self._writes: list[int] = []
        for ai, (a, fp) in enumerate(zip(ts.actions, fps, strict=True)):
            key = (a.thread, a.src)
            r, w = _mask(fp.reads), _mask(fp.writes)
            self._writes.append(w)
            loc_r[key] = loc_r.get(key, 0) | r
            loc_w[key] = loc_w.get(key, 0) | w
            loc_ok[key] = known
            if w & visible:
                self._writes_visible.setdefault(key, []).append(ai)
            succ_pcs[a.thread].setdefault(a.src, set()).add(a.dst)
        self.locations = set(loc_ok)
        # per thread: reads and writes of all its actions, and of those reachable from each pc
        self._all_r = [0] * n
        self._all_w = [0] * n
        for (t, _), r in loc_r.items():
            self._all_r[t] |= r
            self._all_w[t] |= loc_w[(t, _)]
        by_cfg = _moves_by_cfg(ts)
        self._reach_r: list[dict[int, int]] = [{} for _ in range(n)]
        self._reach_w: list[dict[int, int]] = [{} for _ in range(n)]
        if by_cfg:
            for t in range(n):
                graph = succ_pcs[t]
                for q in set(graph) | {d for ds in graph.values() for d in ds}:
                    seen = {q}
                    stack = [q]
                    while stack:
                        for d in graph.get(stack.pop(), ()):
                            if d not in seen:
                                seen.add(d)
                                stack.append(d)
                    self._reach_r[t][q] = _or(loc_r.get((t, x), 0) for x in seen)
                    self._reach_w[t][q] = _or(loc_w.get((t, x), 0) for x in seen)
        self._loc_r, self._loc_w, self._loc_ok = loc_r, loc_w, loc_ok
        self._thread = [a.thread for a in ts.actions]
        self.active = n > 1 and known
        self._memo: dict[tuple[int, ...], frozenset[int]] = {}
        self._invisible_memo: dict[tuple[int, int], bool] = {}
        self._enc: Encoding | None = None
        self._cur: list[z3.ExprRef] = []
        self._domain: list[z3.BoolRef] = []
        self.queries = 0  # solver queries asked (see `_invisible`)

    def _invisible(self, loc: tuple[int, int]) -> bool:
        """Can no action at `loc` turn a state violating a checked invariant or `always` property
        into one satisfying it? That is what the proof needs of an ample step (case 2 of the
        module docstring: a(x) must still violate what x violates), and it is weaker than writing
        nothing the property reads: a step that only sets what the property wants (takes a
        lock, raises a flag) cannot repair a violation. Asked of the solver over all states (not
        just reachable ones), in the integer encoding, per action and property; anything but
        "unsatisfiable" counts as visible. The states are bounded by what `value_ranges` proves of
        every reachable state (each variable within an interval its writes never leave)."""
        hit = self._invisible_memo.get(loc)
        if hit is None:
            hit = all(not self._may_repair(ai) for ai in self._writes_visible.get(loc, ()))
            self._invisible_memo[loc] = hit
        return hit

    def _may_repair(self, ai: int) -> bool:
        import z3  # the solver only for a spec whose steps may repair a property: not at import

        from verifier.smt.encode import Encoding

        a = self.ts.actions[ai]
        if self._enc is None:
            self._enc = Encoding(self.ts, "int")
            self._cur = self._enc.symbolic_frame("x")
            self._domain = self._enc.proven_domain(self._cur)
        enc, cur = self._enc, self._cur
        try:
            memo: dict[int, z3.ExprRef] = {}
            nxt = list(cur)
            for v, e in a.updates:
                nxt[v] = enc.expr(e, cur, memo)
            enabled = enc.enabled_action(a, cur, memo)
            for pred, reads in self._preds:
                if not (self._writes[ai] & reads):
                    continue
                self.queries += 1
                solver = z3.Solver(ctx=enc.ctx)
                solver.set("rlimit", REPAIR_RLIMIT)
                solver.add(*self._domain, enabled, z3.Not(enc.expr(pred, cur, memo)), enc.expr(pred, nxt, {}))
                if solver.check() != z3.unsat:
                    return True
        except Exception:  # an expression the encoding cannot take: count the step visible
            return True
        return False

    def _conflict(self, t: int, p: int, u: int, q: int | None) -> bool:
        """Can an action at (t, p) and one thread u may still run (from pc q; None: any) interfere?"""
        r_u = self._reach_r[u].get(q, self._all_r[u]) if q is not None else self._all_r[u]
        w_u = self._reach_w[u].get(q, self._all_w[u]) if q is not None else self._all_w[u]
        return bool(self._loc_w[(t, p)] & (r_u | w_u) or self._loc_r[(t, p)] & w_u)

    def safe_threads(self, pcs: tuple[int, ...]) -> frozenset[int]:
        """The threads whose location is safe when the threads are at `pcs` (by thread)."""
        hit = self._memo.get(pcs)
        if hit is None:
            out = set()
            for t, p in enumerate(pcs):
                if not self._loc_ok.get((t, p), False):
                    continue
                independent = all(u == t or not self._conflict(t, p, u, q) for u, q in enumerate(pcs))
                if independent and self._invisible((t, p)):
                    out.add(t)
            hit = self._memo[pcs] = frozenset(out)
        return hit

    def ample(self, succs: Succs, pcs: tuple[int, ...]) -> Succs | None:
        """The successors of one thread at a safe location (the one with the fewest), or None if
        no thread at a safe location has an enabled step, or that thread's are all of them."""
        if len(succs) < 2:
            return None
        return self._pick(succs, self.safe_threads(pcs))

    def _pick(self, succs: Succs, safe: frozenset[int]) -> Succs | None:
        if not safe:
            return None
        thread = self._thread
        counts: dict[int, int] = {}
        for ai, _ in succs:
            t = thread[ai]
            if t in safe:
                counts[t] = counts.get(t, 0) + 1
        if not counts:
            return None
        tid = min(counts, key=counts.__getitem__)
        if counts[tid] == len(succs):
            return None
        return [x for x in succs if thread[x[0]] == tid]

    def chooser(
        self, key: Callable[[Any], Hashable], pcs_of: Callable[[Any], tuple[int, ...]]
    ) -> Callable[[Any, Succs], Succs | None]:
        """`ample` over a search's states: `key(s)` identifies the threads' pcs in s (for packed
        states, s with every other field masked out), `pcs_of(s)` reads them."""
        memo: dict[Hashable, frozenset[int]] = {}
        pick, safe_threads = self._pick, self.safe_threads

        def choose(s: Any, succs: Succs) -> Succs | None:
            if len(succs) < 2:
                return None
            k = key(s)
            safe = memo.get(k)
            if safe is None:
                safe = memo[k] = safe_threads(pcs_of(s))
            return pick(succs, safe)

        return choose

    def static_safe_locations(self) -> set[tuple[int, int]]:
        """The locations safe whatever the other threads' pcs (independent of all their steps)."""
        n = len(self.ts.threads)
        return {
            (t, p)
            for (t, p), ok in self._loc_ok.items()
            if ok and all(not self._conflict(t, p, u, None) for u in range(n) if u != t) and self._invisible((t, p))
        }

    def summary(self) -> str:
        """How much of the system the reduction can use (for measurements)."""
        writing = {ai for ais in self._writes_visible.values() for ai in ais}
        invisible = sum(self._invisible(loc) for loc in self.locations)
        return (
            f"{len(self.static_safe_locations())}/{len(self.locations)} locations safe against every other step, "
            f"{invisible} invisible; {len(writing)} actions write what a checked property reads"
        )


def _or(xs: Any) -> int:
    m = 0
    for x in xs:
        m |= x
    return m

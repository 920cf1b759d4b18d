"""Z3 terms for the IR: one copy of the state per time frame, and the step relation between frames.

The state at frame t is a function of the initial state and the scheduler's choices act@0..act@t-1:
each variable's next value is an if-then-else over the actions that update it (frame conditions only
for what an action may change), so the only free variables of an unrolling are the choices.

Two encodings of integers: `int` (Z3 integers) and `bv` (bit-vectors wide enough for every value an
expression can take). Sets are bit-vectors in both.
"""

from __future__ import annotations

from collections.abc import Callable

import z3

from verifier.ir.model import (
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
    SetOp,
    Size,
    Sort,
    TransitionSystem,
    is_false,
)


class Encoding:
    """Terms over frames 0..k of `ts` in one Z3 context."""

    def __init__(self, ts: TransitionSystem, mode: str = "bv", ctx: z3.Context | None = None, por: bool = False):
        self.ts = ts
        self.mode = mode
        self.por = independent_later(ts) if por else None
        self.ctx = ctx or z3.Context()
        self.width = _width(ts) if mode == "bv" else 0
        self.frames: list[list[z3.ExprRef]] = []
        self.acts: list[z3.ExprRef] = []
        self.by_thread_pc: dict[tuple[int, int], list[int]] = {}
        for i, a in enumerate(ts.actions):
            self.by_thread_pc.setdefault((a.thread, a.src), []).append(i)
        self.act_width = max(1, (len(ts.actions) - 1).bit_length())
        self.cur = self.symbolic_frame("cur")
        self.nxt = self.symbolic_frame("nxt")
        self.a = z3.BitVec("act@cur", self.act_width, self.ctx)
        self.a_prev = z3.BitVec("act@prev", self.act_width, self.ctx)
        self._rel: tuple[z3.BoolRef, z3.BoolRef] | None = None
        self._bad: dict[str, z3.BoolRef] = {}
        self._updates: dict[int, list[tuple[int, Expr]]] = {}
        for i, a in enumerate(ts.actions):
            for var, e in a.updates:
                self._updates.setdefault(var, []).append((i, e))

    # ---- sorts and constants -----------------------------------------------------
    def _sort(self, s: Sort) -> z3.SortRef:
        if s.kind == "bool":
            return z3.BoolSort(self.ctx)
        if s.kind == "set":
            return z3.BitVecSort(max(1, s.hi), self.ctx)
        return z3.BitVecSort(self.width, self.ctx) if self.mode == "bv" else z3.IntSort(self.ctx)

    def int_val(self, v: int) -> z3.ExprRef:
        return z3.BitVecVal(v, self.width, self.ctx) if self.mode == "bv" else z3.IntVal(v, self.ctx)

    def const(self, c: Const) -> z3.ExprRef:
        if c.sort.kind == "bool" or isinstance(c.value, bool):
            return z3.BoolVal(bool(c.value), self.ctx)
        if c.sort.kind == "set":
            return z3.BitVecVal(int(c.value), max(1, c.sort.hi), self.ctx)
        return self.int_val(int(c.value))

    def value(self, var: int, v: int | bool) -> z3.ExprRef:
        """The Z3 value of variable `var` being `v` (as the interpreter holds it)."""
        return self.const(Const(v, self.ts.vars[var].sort))

    def state(self, m: z3.ModelRef, frame: list[z3.ExprRef]) -> tuple[int | bool, ...]:
        """The state `frame` has in model `m`, as the interpreter holds it."""
        out: list[int | bool] = []
        for v, x in zip(self.ts.vars, frame, strict=True):
            val = m.eval(x, model_completion=True)
            if v.sort.kind == "bool":
                out.append(z3.is_true(val))
            elif v.sort.kind == "set" or self.mode != "bv":
                out.append(val.as_long())  # type: ignore[attr-defined]
            else:
                out.append(val.as_signed_long())  # type: ignore[attr-defined]
        return tuple(out)

    # ---- frames -------------------------------------------------------------------------
    def frame(self, t: int) -> list[z3.ExprRef]:
        """The state at frame t: frame 0 is the initial state; later frames are fresh constants
        that the step relation defines."""
        while len(self.frames) <= t:
            k = len(self.frames)
            if k == 0:
                self.frames.append(
                    [self.const(Const(v, var.sort)) for v, var in zip(self.ts.init, self.ts.vars, strict=True)]
                )
            else:
                self.frames.append(self.symbolic_frame(str(k)))
        return self.frames[t]

    def symbolic_frame(self, name: str) -> list[z3.ExprRef]:
        """A frame of free variables named `var@name`."""
        return [z3.Const(f"{v.name}@{name}", self._sort(v.sort)) for v in self.ts.vars]

    def act(self, t: int) -> z3.ExprRef:
        """The scheduler's choice at step t: which action runs (a bit-vector, so it bit-blasts)."""
        while len(self.acts) <= t:
            self.acts.append(z3.BitVec(f"act@{len(self.acts)}", self.act_width, self.ctx))
        return self.acts[t]

    def act_val(self, i: int) -> z3.ExprRef:
        return z3.BitVecVal(i, self.act_width, self.ctx)

    # ---- the step relation ----------------------------------------------------------------
    def _relation(self) -> tuple[z3.BoolRef, z3.BoolRef]:
        """T(cur, act, nxt) and the reduction constraint R(prev_act, act), built once."""
        if self._rel is None:
            cur, nxt, act = self.cur, self.nxt, self.a
            memo: dict[int, z3.ExprRef] = {}
            n = len(self.ts.actions)
            clauses = [z3.ULT(act, self.act_val(n))] if n < 2**self.act_width else []
            for ai, a in enumerate(self.ts.actions):
                clauses.append(z3.Implies(act == self.act_val(ai), self.enabled_action(a, cur, memo)))
            for i in range(len(self.ts.vars)):
                value = cur[i]
                for ai, e in reversed(self._updates.get(i, [])):
                    value = z3.If(act == self.act_val(ai), self.expr(e, cur, memo), value)
                clauses.append(nxt[i] == value)
            reduce = []
            if self.por is not None:
                for b, later in enumerate(self.por):
                    if later:
                        reduce.append(
                            z3.Implies(act == self.act_val(b), z3.And(*[self.a_prev != self.act_val(a) for a in later]))
                        )
            self._rel = (z3.And(*clauses), z3.And(*reduce) if reduce else z3.BoolVal(True, self.ctx))
        return self._rel

    def step(self, t: int) -> z3.BoolRef:
        """T(frame t, act@t, frame t+1): act@t is an enabled action (guard true, no fault) of frame t,
        and frame t+1 is its result; with the partial-order reduction between act@t-1 and act@t."""
        rel, reduce = self._relation()
        pairs = [
            *zip(self.cur, self.frame(t), strict=True),
            *zip(self.nxt, self.frame(t + 1), strict=True),
            (self.a, self.act(t)),
        ]
        out = z3.substitute(rel, *pairs)
        if t > 0 and self.por is not None:
            out = z3.And(out, z3.substitute(reduce, (self.a_prev, self.act(t - 1)), (self.a, self.act(t))))
        return out

    def transition(self, cur: list[z3.ExprRef], act: z3.ExprRef, nxt: list[z3.ExprRef]) -> z3.BoolRef:
        """T(cur, act, nxt) over any two frames (for induction, where frames are not tied to init)."""
        rel, _ = self._relation()
        pairs = [*zip(self.cur, cur, strict=True), *zip(self.nxt, nxt, strict=True), (self.a, act)]
        return z3.substitute(rel, *pairs)

    def domain(self, cur: list[z3.ExprRef]) -> list[z3.BoolRef]:
        """One constraint per variable whose encoding admits values outside its sort (integers out
        of lo..hi; a set of 0 elements): what a state of the IR can hold, as opposed to the encoding."""
        out = []
        for v, x in zip(self.ts.vars, cur, strict=True):
            if v.sort.kind == "int":
                out.append(z3.And(x >= self.int_val(v.sort.lo), x <= self.int_val(v.sort.hi)))
            elif v.sort.kind == "set" and v.sort.hi == 0:
                out.append(x == z3.BitVecVal(0, 1, self.ctx))
            else:
                out.append(z3.BoolVal(True, self.ctx))
        return out

    def proven_domain(self, cur: list[z3.ExprRef]) -> list[z3.BoolRef]:
        """Each integer variable within the interval `value_ranges` proves of every reachable
        state (those it could not bound are left free): the states a query over all states
        needs to consider, in the integer encoding."""
        from verifier.ir.interp import value_ranges

        ranges, unbounded = value_ranges(self.ts)
        return [
            z3.And(x >= lo, x <= hi)
            for i, (v, x, (lo, hi)) in enumerate(zip(self.ts.vars, cur, ranges, strict=True))
            if v.sort.kind == "int" and i not in unbounded
        ]

    def bad_at(self, prop: str, t: int) -> z3.BoolRef:
        """bad(prop) at frame t."""
        if prop not in self._bad:
            self._bad[prop] = self.bad(prop, self.cur)
        return z3.substitute(self._bad[prop], *zip(self.cur, self.frame(t), strict=True))

    def at_pc(self, thread: int, pc: int, cur: list[z3.ExprRef]) -> z3.BoolRef:
        return cur[self.ts.threads[thread].pc] == self.int_val(pc)

    def enabled_action(self, a, cur: list[z3.ExprRef], memo: dict[int, z3.ExprRef]) -> z3.BoolRef:  # type: ignore[no-untyped-def]
        parts = [self.at_pc(a.thread, a.src, cur), self.expr(a.guard, cur, memo)]
        parts += [z3.Not(self.expr(c, cur, memo)) for _, c in a.faults]
        return z3.And(*parts)

    # ---- bad states ------------------------------------------------------------------------
    def bad(self, prop: str, cur: list[z3.ExprRef]) -> z3.BoolRef:
        """A state that violates safety property `prop` (an invariant, a check, or deadlock)."""
        memo: dict[int, z3.ExprRef] = {}
        for inv in self.ts.invariants:
            if inv.name == prop:
                return z3.Not(self.expr(inv.expr, cur, memo))
        for tmp in self.ts.temporals:
            if tmp.name == prop and tmp.kind == "always":
                return z3.Not(self.expr(tmp.body, cur, memo))
        if prop == "deadlock":
            return self._deadlock(cur, memo)
        terms = []
        for a in self.ts.actions:
            for check, cond in (*a.faults, *a.warnings):
                if check == prop:
                    terms.append(z3.And(self.at_pc(a.thread, a.src, cur), self.expr(cond, cur, memo)))
        return z3.Or(*terms) if terms else z3.BoolVal(False, self.ctx)

    def _deadlock(self, cur: list[z3.ExprRef], memo: dict[int, z3.ExprRef]) -> z3.BoolRef:
        """No action enabled, no thread at all stopped (in front of a failing check, or at a false
        `assume`), and some non-daemon thread not done; the same definition as
        Interpreter.deadlocked."""
        enabled = [
            z3.And(
                self.at_pc(a.thread, a.src, cur),
                self.expr(a.guard, cur, memo),
                *[z3.Not(self.expr(c, cur, memo)) for _, c in a.faults],
            )
            for a in self.ts.actions
        ]
        stopped = [
            z3.And(self.at_pc(a.thread, a.src, cur), self.expr(cond, cur, memo))
            for a in self.ts.actions
            for cond in (*(c for _, c in a.faults), a.assume_fails)
            if not is_false(cond)
        ]
        running = [cur[t.pc] != self.int_val(t.end) for t in self.ts.threads if not t.daemon]
        return z3.And(
            z3.Not(z3.Or(*enabled)) if enabled else z3.BoolVal(True, self.ctx),
            z3.Not(z3.Or(*stopped)) if stopped else z3.BoolVal(True, self.ctx),
            z3.Or(*running) if running else z3.BoolVal(False, self.ctx),
        )

    # ---- expressions ----------------------------------------------------------------------------
    def expr(self, e: Expr, cur: list[z3.ExprRef], memo: dict[int, z3.ExprRef]) -> z3.ExprRef:
        """The Z3 term of IR expression `e` over state `cur` (memoised by node identity)."""
        key = id(e)
        hit = memo.get(key)
        if hit is not None:
            return hit
        out = self._expr(e, cur, memo)
        memo[key] = out
        memo.setdefault(-1 - key, e)  # type: ignore[arg-type]  # keep `e` alive while its id is a key
        return out

    def _expr(self, e: Expr, cur: list[z3.ExprRef], memo: dict[int, z3.ExprRef]) -> z3.ExprRef:
        rec: Callable[[Expr], z3.ExprRef] = lambda x: self.expr(x, cur, memo)  # noqa: E731
        match e:
            case Const():
                return self.const(e)
            case Ref(i):
                return cur[i]
            case Not(a):
                return z3.Not(rec(a))
            case And(args):
                return z3.And(*[rec(a) for a in args])
            case Or(args):
                return z3.Or(*[rec(a) for a in args])
            case Ite(c, a, b):
                return z3.If(rec(c), rec(a), rec(b))
            case Cmp(op, a, b):
                x, y = rec(a), rec(b)
                if op == "==":
                    return x == y
                if op == "!=":
                    return x != y
                if self.mode == "bv":
                    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]
                return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]
            case Arith(op, a, b):
                x, y = rec(a), rec(b)
                if op == "+":
                    return x + y
                if op == "-":
                    return x - y
                if op == "*":
                    return x * y
                zero = self.int_val(0)
                if self.mode == "bv":
                    q = z3.If(y == zero, zero, x / y)  # signed division truncates, as in C
                    return q if op == "/" else z3.If(y == zero, zero, z3.SRem(x, y))
                ax, ay = z3.If(x >= 0, x, -x), z3.If(y >= 0, y, -y)
                q = z3.If(y == zero, zero, z3.If((x >= 0) == (y > 0), ax / ay, -(ax / ay)))
                return q if op == "/" else z3.If(y == zero, zero, x - y * q)
            case SetOp(op, a, b, n):
                x, y = rec(a), rec(b)
                if op == "union":
                    return x | y
                if op == "diff":
                    return x & ~y
                return x & y
            case Member(st, idx, n):
                s = rec(st)
                if isinstance(idx, Const):
                    i = int(idx.value)
                    if not 0 <= i < n:
                        return z3.BoolVal(False, self.ctx)
                    return z3.Extract(i, i, s) == z3.BitVecVal(1, 1, self.ctx)
                ix = rec(idx)
                return z3.Or(
                    *[
                        z3.And(ix == self.int_val(i), z3.Extract(i, i, s) == z3.BitVecVal(1, 1, self.ctx))
                        for i in range(n)
                    ]
                )
            case Mask(bits):
                parts = [
                    z3.If(rec(b), z3.BitVecVal(1, 1, self.ctx), z3.BitVecVal(0, 1, self.ctx)) for b in reversed(bits)
                ]
                return parts[0] if len(parts) == 1 else z3.Concat(*parts)
            case Size(st, n):
                s = rec(st)
                terms = [
                    z3.If(z3.Extract(i, i, s) == z3.BitVecVal(1, 1, self.ctx), self.int_val(1), self.int_val(0))
                    for i in range(n)
                ]
                return z3.Sum(*terms) if len(terms) > 1 else terms[0]
        raise TypeError(f"cannot encode {e!r}")


def independent_later(ts: TransitionSystem) -> list[list[int]]:
    """For each action b, the actions a of higher-numbered threads that commute with b.

    Partial-order reduction for reachability: a path where such an `a` is immediately followed by
    `b` can be reordered (b first) to reach the same state in the same number of steps, and the
    thread-lexicographically least of all equivalent orders has no such pair. So forbidding the
    pair keeps every reachable state at its shortest depth. Independence is static: neither action
    writes a variable the other reads or writes (guards, faults and the pc included)."""
    reads: list[set[int]] = []
    writes: list[set[int]] = []
    for a in ts.actions:
        r: set[int] = {ts.threads[a.thread].pc}
        _refs(a.guard, r)
        for _, c in (*a.faults, *a.warnings):
            _refs(c, r)
        for _, e in a.updates:
            _refs(e, r)
        reads.append(r)
        writes.append({v for v, _ in a.updates})
    out: list[list[int]] = []
    for b, ab in enumerate(ts.actions):
        later = []
        for a, aa in enumerate(ts.actions):
            if aa.thread <= ab.thread:
                continue
            if writes[a] & (reads[b] | writes[b]) or writes[b] & reads[a]:
                continue
            later.append(a)
        out.append(later)
    return out


def _refs(e: Expr, acc: set[int], seen: set[int] | None = None) -> None:
    seen = set() if seen is None else seen
    stack = [e]
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        match x:
            case Ref(i):
                acc.add(i)
            case Not(a):
                stack.append(a)
            case And(args) | Or(args):
                stack.extend(args)
            case Ite(c, a, b):
                stack.extend((c, a, b))
            case Cmp(_, a, b) | Arith(_, a, b) | SetOp(_, a, b, _):
                stack.extend((a, b))
            case Member(st, idx, _):
                stack.extend((st, idx))
            case Mask(bits):
                stack.extend(bits)
            case Size(st, _):
                stack.append(st)


def _width(ts: TransitionSystem) -> int:
    """Bit-vector width for integers: every value any expression can take (by interval arithmetic
    over the actions, invariants and properties), plus a sign bit."""
    bound = 1
    memo: dict[int, tuple[int, int]] = {}

    def rng(e: Expr) -> tuple[int, int]:
        nonlocal bound
        key = id(e)
        if key in memo:
            return memo[key]
        match e:
            case Const(v) if not isinstance(v, bool):
                r = (int(v), int(v))
            case Ref(i):
                srt = ts.vars[i].sort
                r = (srt.lo, srt.hi) if srt.kind == "int" else (0, 1)
            case Ite(c, a, b):
                rng(c)
                (a0, a1), (b0, b1) = rng(a), rng(b)
                r = (min(a0, b0), max(a1, b1))
            case Arith(op, a, b):
                (a0, a1), (b0, b1) = rng(a), rng(b)
                if op == "+":
                    r = (a0 + b0, a1 + b1)
                elif op == "-":
                    r = (a0 - b1, a1 - b0)
                elif op == "*":
                    ps = [a0 * b0, a0 * b1, a1 * b0, a1 * b1]
                    r = (min(ps), max(ps))
                else:
                    m = max(abs(a0), abs(a1), abs(b0), abs(b1))
                    r = (-m, m)
            case Size(st, n):
                rng(st)
                r = (0, n)
            case Not(a):
                rng(a)
                r = (0, 1)
            case And(args) | Or(args):
                for x in args:
                    rng(x)
                r = (0, 1)
            case Cmp(_, a, b) | SetOp(_, a, b, _):
                rng(a)
                rng(b)
                r = (0, 1)
            case Member(st, idx, _):
                rng(st)
                rng(idx)
                r = (0, 1)
            case Mask(bits):
                for x in bits:
                    rng(x)
                r = (0, 1)
            case _:
                r = (0, 1)
        memo[key] = r
        memo.setdefault(-1 - key, e)  # type: ignore[arg-type]
        bound = max(bound, abs(r[0]), abs(r[1]))
        return r

    for v in ts.vars:
        if v.sort.kind == "int":
            bound = max(bound, abs(v.sort.lo), abs(v.sort.hi))
    for a in ts.actions:
        rng(a.guard)
        for _, e in a.updates:
            rng(e)
        for _, e in a.faults:
            rng(e)
    for inv in ts.invariants:
        rng(inv.expr)
    for t in ts.temporals:
        rng(t.body)
        if t.trigger is not None:
            rng(t.trigger)
    return max(4, bound.bit_length() + 2)

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
)


class Encoding:
    """Terms over frames 0..k of `ts` in one Z3 context."""

    def __init__(self, ts: TransitionSystem, mode: str = "int", ctx: z3.Context | None = None):
        self.ts = ts
        self.mode = mode
        self.ctx = ctx or z3.Context()
        self.width = _width(ts) if mode == "bv" else 0
        self.frames: list[list[z3.ExprRef]] = []
        self.acts: list[z3.ExprRef] = []
        self.by_thread_pc: dict[tuple[int, int], list[int]] = {}
        for i, a in enumerate(ts.actions):
            self.by_thread_pc.setdefault((a.thread, a.src), []).append(i)
        self.pending: list[z3.BoolRef] = []
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

    # ---- frames -------------------------------------------------------------------------
    def frame(self, t: int) -> list[z3.ExprRef]:
        """The state at frame t: frame 0 is the initial state, later frames follow from the choices."""
        while len(self.frames) <= t:
            k = len(self.frames)
            if k == 0:
                self.frames.append(
                    [self.const(Const(v, var.sort)) for v, var in zip(self.ts.init, self.ts.vars, strict=True)]
                )
            else:
                self.frames.append(self._next(k - 1))
        return self.frames[t]

    def symbolic_frame(self, name: str) -> list[z3.ExprRef]:
        """A frame of free variables (for induction and certificates)."""
        return [z3.Const(f"{v.name}@{name}", self._sort(v.sort)) for v in self.ts.vars]

    def act(self, t: int) -> z3.ExprRef:
        while len(self.acts) <= t:
            self.acts.append(z3.Int(f"act@{len(self.acts)}", self.ctx))
        return self.acts[t]

    def _next(self, t: int) -> list[z3.ExprRef]:
        cur = self.frame(t)
        act = self.act(t)
        out = []
        memo: dict[int, z3.ExprRef] = {}
        for i in range(len(self.ts.vars)):
            value = cur[i]
            for ai, e in reversed(self._updates.get(i, [])):
                value = z3.If(act == ai, self.expr(e, cur, memo), value)
            name = f"{self.ts.vars[i].name}@{t + 1}"
            fresh = z3.Const(name, self._sort(self.ts.vars[i].sort))
            self.pending.append(fresh == value)
            out.append(fresh)
        return out

    # ---- the step relation ----------------------------------------------------------------
    def step(self, t: int) -> z3.BoolRef:
        """act@t picks an enabled action of frame t (guard true, no fault), and defines frame t+1."""
        cur = self.frame(t)
        self.pending = []
        self.frame(t + 1)
        act = self.act(t)
        memo: dict[int, z3.ExprRef] = {}
        clauses = [act >= 0, act < len(self.ts.actions)]
        for ai, a in enumerate(self.ts.actions):
            pre = self.enabled_action(a, cur, memo)
            clauses.append(z3.Implies(act == ai, pre))
        return z3.And(*clauses, *self.pending)

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
            for check, cond in a.faults:
                if check == prop:
                    terms.append(z3.And(self.at_pc(a.thread, a.src, cur), self.expr(cond, cur, memo)))
        return z3.Or(*terms) if terms else z3.BoolVal(False, self.ctx)

    def _deadlock(self, cur: list[z3.ExprRef], memo: dict[int, z3.ExprRef]) -> z3.BoolRef:
        moving = []
        for a in self.ts.actions:
            at = self.at_pc(a.thread, a.src, cur)
            moving.append(z3.And(at, self.expr(a.guard, cur, memo)))
            for _, c in a.faults:
                moving.append(z3.And(at, self.expr(c, cur, memo)))
        stuck = []
        for t in self.ts.threads:
            if t.daemon:
                continue
            pcs = {a.src for a in self.ts.actions if a.thread == t.tid}
            assume_only = {
                pc for pc in pcs if all(self.ts.actions[i].blocks_at_assume for i in self.by_thread_pc[(t.tid, pc)])
            }
            cond = [cur[t.pc] != self.int_val(t.end)] + [cur[t.pc] != self.int_val(pc) for pc in assume_only]
            stuck.append(z3.And(*cond))
        return z3.And(
            z3.Not(z3.Or(*moving)) if moving else z3.BoolVal(True, self.ctx),
            z3.Or(*stuck) if stuck else z3.BoolVal(False, self.ctx),
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

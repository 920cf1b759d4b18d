"""The explicit-state interpreter of the IR: the reference semantics.

It evaluates expressions on concrete states, enumerates successors, replays counterexamples, and
searches small models exhaustively (breadth first, so the traces it finds are shortest).

`evaluate` walks an expression tree and is the reference. By default the interpreter runs Python
functions generated from the IR once (`compile_expr`, and one function per program counter for
successors, faults and properties); `Interpreter.packed` runs the same over states packed into
one int each, which search uses for its visited set.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

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
    SetOp,
    Size,
    TransitionSystem,
    c_div,
    children,
    is_false,
    is_true,
    refs,
)

State = tuple[int | bool, ...]


def evaluate(e: Expr, s: State) -> int | bool:
    """The value of `e` in state `s`."""
    match e:
        case Const(v):
            return v
        case Ref(i):
            return s[i]
        case Not(a):
            return not evaluate(a, s)
        case And(args):
            return all(evaluate(a, s) for a in args)
        case Or(args):
            return any(evaluate(a, s) for a in args)
        case Ite(c, a, b):
            return evaluate(a, s) if evaluate(c, s) else evaluate(b, s)
        case Cmp(op, a, b):
            x, y = evaluate(a, s), evaluate(b, s)
            if op == "==":
                return x == y
            if op == "!=":
                return x != y
            x, y = int(x), int(y)
            return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]
        case Arith(op, a, b):
            x, y = int(evaluate(a, s)), int(evaluate(b, s))
            if op == "+":
                return x + y
            if op == "-":
                return x - y
            if op == "*":
                return x * y
            if op == "/":
                return c_div(x, y)
            return x - y * c_div(x, y) if y else 0
        case SetOp(op, a, b, n):
            x, y = int(evaluate(a, s)), int(evaluate(b, s))
            v = x | y if op == "union" else x & ~y if op == "diff" else x & y
            return v & ((1 << n) - 1)
        case Member(st, idx, n):
            i = int(evaluate(idx, s))
            return 0 <= i < n and bool(int(evaluate(st, s)) >> i & 1)
        case Mask(bits):
            return sum(1 << i for i, b in enumerate(bits) if evaluate(b, s))
        case Size(st, _):
            return bin(int(evaluate(st, s))).count("1")
    raise TypeError(f"cannot evaluate {e!r}")


# ---- the compiled evaluator ----------------------------------------------------------------
#
# `evaluate` walks the tree on every call. The interpreter instead turns each expression, once,
# into Python source over the state tuple `s` (`s[12] == 3 and not s[40]`), and each action into
# one function that tests its guard and faults and builds the next state. `evaluate` stays the
# reference: tests/engines/test_compiled_eval.py checks that both agree.

# Parenthesised nesting in one generated expression before a subexpression moves into a helper
# function of its own (CPython's parser stops at 200).
_NEST_LIMIT = 60


def _c_mod(x: int, y: int) -> int:
    """The remainder that goes with c_div: x - y * (x / y), and 0 when y is 0."""
    return x - y * c_div(x, y) if y else 0


class _Emitter:
    """Collects generated function definitions and turns them into Python functions in one compile."""

    def __init__(self, layout: _Layout | None = None) -> None:
        self.layout = layout  # None: states are tuples; else packed into one int
        self.defs: list[str] = []
        self.helpers: dict[int, str] = {}
        self.keep: list[Expr] = []  # keeps hoisted nodes alive while their id() names a helper
        self.temps = 0
        self.bound: dict[int, str] = {}  # structural number -> the local variable holding its value
        self.keys: dict[int, int] = {}  # node id -> structural number
        self.numbers: dict[tuple[object, ...], int] = {}

    def key(self, e: Expr) -> int:
        """A number shared by structurally equal nodes (lowering builds many equal copies)."""
        k = self.keys.get(id(e))
        if k is None:
            match e:
                case Const(v):
                    own: tuple[object, ...] = (type(v), v)  # 1 and True are equal, not the same value
                case Ref(i):
                    own = (i,)
                case Cmp(op) | Arith(op) | SetOp(op):
                    own = (op, getattr(e, "n", 0))
                case Member(_, _, n) | Size(_, n):
                    own = (n,)
                case _:
                    own = ()
            kids = tuple(self.key(c) for c in children(e))
            k = self.numbers.setdefault((type(e), own, kids), len(self.numbers))
            self.keys[id(e)] = k
            self.keep.append(e)  # its id must not be reused while it is a key
        return k

    def let(self, exprs: Sequence[Expr]) -> list[str]:
        """Assignments `_cN = ...` of the subexpressions that `exprs` share (up to structural
        equality: nodes with two distinct parents or more, other than constants and variables),
        children first; until `release`, `expr` writes their names instead of their source.
        Lowering shares subexpressions heavily (a pool field selected by a selected index), so
        without this the source would grow with the expression tree, which can be exponentially
        larger than the DAG. Every IR operator is total, so computing a shared value before the
        branch that needs it changes no value."""
        parents: dict[int, int] = {}
        order: list[Expr] = []
        seen: set[int] = set()
        stack: list[tuple[Expr, bool]] = [(e, False) for e in reversed(exprs)]
        for e in exprs:
            parents[self.key(e)] = parents.get(self.key(e), 0) + 1
        while stack:
            x, expanded = stack.pop()
            if expanded:
                order.append(x)
                continue
            k = self.key(x)
            if k in seen or k in self.bound:
                continue
            seen.add(k)
            stack.append((x, True))
            for c in reversed(children(x)):
                parents[self.key(c)] = parents.get(self.key(c), 0) + 1
                stack.append((c, False))
        lines = []
        for x in order:
            k = self.key(x)
            if parents[k] > 1 and not isinstance(x, Const | Ref):
                name = f"_c{self.temps}"
                self.temps += 1
                lines.append(f"{name} = {self.expr(x)}")
                self.bound[k] = name
        return lines

    def mark(self) -> int:
        return len(self.bound)

    def release(self, mark: int) -> None:
        """Forget the bindings made since `mark` (they live in a block that has ended)."""
        for key in list(self.bound)[mark:]:
            del self.bound[key]

    def define(self, name: str, params: str, body: list[str]) -> None:
        self.defs.append(f"def {name}({params}):\n" + "".join(f"    {line}\n" for line in body))

    def build(self, env: dict[str, object] | None = None) -> dict[str, object]:
        """Compile every definition; returns the namespace holding them."""
        ns: dict[str, object] = {"_cdiv": c_div, "_cmod": _c_mod, "_fit": _fit, **(env or {})}
        exec(compile("\n".join(self.defs), "<irqverify: compiled IR>", "exec"), ns)
        return ns

    def expr(self, e: Expr, nest: int = 0) -> str:
        """Python source for the value of `e` in state `s`: the same value `evaluate(e, s)` gives."""
        name = self.bound.get(self.key(e))
        if name is not None:
            return name
        if nest > _NEST_LIMIT:
            return self._hoist(e)
        rec = functools.partial(self.expr, nest=nest + 1)
        match e:
            case Const(v):
                return repr(v) if isinstance(v, bool) or v >= 0 else f"({v!r})"
            case Ref(i):
                return f"s[{i}]" if self.layout is None else self.layout.read(i)
            case Not(a):
                return f"(not {rec(a)})"
            case And(args):
                return "(" + " and ".join(rec(a) for a in args) + ")" if args else "True"
            case Or(args):
                return "(" + " or ".join(rec(a) for a in args) + ")" if args else "False"
            case Ite(c, a, b):
                return f"({rec(a)} if {rec(c)} else {rec(b)})"
            case Cmp(op, a, b):
                if op not in ("==", "!=", "<", "<=", ">", ">="):
                    raise TypeError(f"cannot compile {e!r}")
                return f"({rec(a)} {op} {rec(b)})"
            case Arith(op, a, b):
                if op in ("+", "-", "*"):
                    return f"({rec(a)} {op} {rec(b)})"
                return f"{'_cdiv' if op == '/' else '_cmod'}({rec(a)}, {rec(b)})"
            case SetOp(op, a, b, n):
                mask = (1 << n) - 1
                if op == "union":
                    return f"(({rec(a)} | {rec(b)}) & {mask})"
                if op == "diff":
                    return f"({rec(a)} & ~{rec(b)} & {mask})"
                return f"({rec(a)} & {rec(b)} & {mask})"
            case Member(st, idx, n):
                if isinstance(idx, Const):
                    i = int(idx.value)
                    return f"(({rec(st)} & {1 << i}) != 0)" if 0 <= i < n else "False"
                t = f"_i{self.temps}"
                self.temps += 1
                return f"(0 <= ({t} := {rec(idx)}) < {n} and ({rec(st)} >> {t} & 1) == 1)"
            case Mask(bits):
                if not bits:
                    return "0"
                return "(" + " | ".join(f"({1 << i} if {rec(b)} else 0)" for i, b in enumerate(bits)) + ")"
            case Size(st, _):
                return f"({rec(st)}).bit_count()"
        raise TypeError(f"cannot compile {e!r}")

    def _hoist(self, e: Expr) -> str:
        name = self.helpers.get(id(e))
        if name is None:
            name = f"_h{len(self.helpers)}"
            self.helpers[id(e)] = name
            self.keep.append(e)
            outer, self.bound = self.bound, {}  # a helper cannot see the caller's locals
            lines = self.let([e])
            self.define(name, "s", [*lines, f"return {self.expr(e)}"])
            self.bound = outer
        return f"{name}(s)"


def compile_expr(e: Expr) -> Callable[[State], int | bool]:
    """A function of the state equal to `lambda s: evaluate(e, s)`, generated and compiled once."""
    em = _Emitter()
    lines = em.let([e])
    em.define("_value", "s", [*lines, f"return {em.expr(e)}"])
    return em.build()["_value"]  # type: ignore[return-value]


def _any_of(em: _Emitter, conds: list[Expr]) -> str:
    return "(" + " or ".join(em.expr(c, 1) for c in conds) + ")"


def _indent(lines: list[str]) -> list[str]:
    return [f"    {line}" for line in lines]


def _next_state(em: _Emitter, a: Action) -> tuple[list[str], str]:
    """Statements, and then an expression, for the state after `a` (updates all read `s`)."""
    if em.layout is not None:
        return [], em.layout.write(em, a.updates)
    return ["n = list(s)", *[f"n[{var}] = {em.expr(e)}" for var, e in a.updates]], "tuple(n)"


# ---- packed states ---------------------------------------------------------------------------


class _Layout:
    """Where each variable lives in a state packed into one int: a field of `width` bits at `off`
    holding value - lo (booleans: one bit). The ranges come from `value_ranges`, so every value an
    action can write fits its field. A tuple of 130 small ints takes about 1 KB and is hashed
    element by element; the same state packed is an int of a few dozen bytes."""

    def __init__(self, ts: TransitionSystem):
        ranges, self.checked = value_ranges(ts)
        self.fields: list[tuple[int, int, int, bool]] = []  # (off, width, lo, boolean)
        off = 0
        for v, (lo, hi) in zip(ts.vars, ranges, strict=True):
            boolean = v.sort.kind == "bool" and lo >= 0 and hi <= 1
            if boolean:
                lo, hi = 0, 1
            width = (hi - lo).bit_length()
            self.fields.append((off, width, lo, boolean))
            off += width
        self.bits = off
        em = _Emitter()
        parts = []
        for i, (off, width, lo, boolean) in enumerate(self.fields):
            if boolean:
                parts.append(f"({1 << off} if s[{i}] else 0)")
            elif width:
                parts.append(f"((s[{i}] - {lo}) << {off})" if lo else f"(s[{i}] << {off})")
        em.define("_pack", "s", [f"return {' | '.join(parts) or '0'}"])
        em.define("_unpack", "s", [f"return ({', '.join(self.read(i) for i in range(len(self.fields)))},)"])
        ns = em.build()
        self._pack: Callable[[State], int] = ns["_pack"]  # type: ignore[assignment]
        self.unpack: Callable[[int], State] = ns["_unpack"]  # type: ignore[assignment]

    def pack(self, s: State) -> int:
        x = self._pack(s)
        if self.unpack(x) != s:
            raise PackedRangeError("a value outside the range its variable was given")
        return x

    def read(self, i: int) -> str:
        """Python source for the value of variable i in packed state `s`."""
        off, width, lo, boolean = self.fields[i]
        if boolean:
            return f"((s & {1 << off}) != 0)"
        if not width:
            return f"{lo}" if lo >= 0 else f"({lo})"
        value = f"(s >> {off} & {(1 << width) - 1})" if off else f"(s & {(1 << width) - 1})"
        return f"({value} + {lo})" if lo else value

    def write(self, em: _Emitter, updates: tuple[tuple[int, Expr], ...]) -> str:
        """Python source for `s` with `updates` done (in parallel: every value reads `s`)."""
        clear = 0
        parts = []
        for var, e in updates:
            off, width, lo, boolean = self.fields[var]
            if not width:
                continue  # the only value it can take
            clear |= ((1 << width) - 1) << off
            if boolean:
                parts.append(f"({1 << off} if {em.expr(e, 1)} else 0)")
            else:
                value = em.expr(e, 1)
                if var in self.checked:
                    value = f"_fit({value}, {lo}, {lo + (1 << width) - 1})"
                value = f"({value} - {lo})" if lo else value
                parts.append(f"({value} << {off})" if off else value)
        return "(" + " | ".join([f"(s & {~clear})" if clear else "s", *parts]) + ")"


# Entries a thread's cache of step results holds before it is emptied (`_memo_successors_fn`).
_MEMO_LIMIT = 1 << 14

# A variable whose values no fixpoint bounds (a counter that only a warning, which lets the thread
# go on, keeps in range) gets this much room beyond its sort, and every write to it is checked.
_SLACK = 64


class PackedRangeError(Exception):
    """A value outside the field a packed state gives its variable: search again with tuples."""


def _fit(v: int, lo: int, hi: int) -> int:
    if not lo <= v <= hi:
        raise PackedRangeError(f"{v} is outside {lo}..{hi}")
    return v


def value_ranges(ts: TransitionSystem, rounds: int = 8) -> tuple[list[tuple[int, int]], set[int]]:
    """Per variable, an interval holding its initial value, its sort's values, and every value an
    action may write to it: interval arithmetic to a fixpoint, narrowed by the action's faults (an
    action whose fault `x < 0 || x > 2` is false writes x within 0..2). A variable still growing
    after `rounds` rounds is given its sort's range with `_SLACK` on each side and is returned in
    the second set: its writes must be checked."""
    ranges = []
    for v, init in zip(ts.vars, ts.init, strict=True):
        lo, hi = (0, 1) if v.sort.kind == "bool" else (0, (1 << v.sort.hi) - 1) if v.sort.kind == "set" else (
            v.sort.lo, v.sort.hi)  # fmt: skip
        ranges.append((min(lo, int(init)), max(hi, int(init))))
    start = list(ranges)
    checked: set[int] = set()
    n = 0
    while True:
        memo: dict[int, tuple[int, int]] = {}
        grew: set[int] = set()
        for a in ts.actions:
            facts = _fault_bounds(a)
            for var, e in a.updates:
                if var in checked:
                    continue
                lo, hi = _interval(e, ranges, memo)
                for x, flo, fhi in facts:
                    if x is e or x == e:
                        lo, hi = max(lo, flo), min(hi, fhi)
                if lo > hi:
                    continue  # never written: the action is disabled whenever it would be
                if lo < ranges[var][0] or hi > ranges[var][1]:
                    ranges[var] = (min(lo, ranges[var][0]), max(hi, ranges[var][1]))
                    grew.add(var)
        if not grew:
            return ranges, checked
        n += 1
        if n >= rounds:
            for var in grew:
                lo, hi = start[var]
                ranges[var] = (lo - _SLACK, hi + _SLACK)
            checked |= grew


def _fault_bounds(a: Action) -> list[tuple[Expr, int, int]]:
    """(x, lo, hi): the action is enabled only when lo <= x <= hi, because a fault holds if not
    (faults are disjunctions of comparisons of an expression with a constant)."""
    out: list[tuple[Expr, int, int]] = []
    for _, cond in (*a.faults,):
        for c in cond.args if isinstance(cond, Or) else (cond,):
            if isinstance(c, Cmp) and isinstance(c.right, Const) and not isinstance(c.right.value, bool):
                k = int(c.right.value)
                bound = {"<": (k, 2**70), "<=": (k + 1, 2**70), ">": (-(2**70), k), ">=": (-(2**70), k - 1)}.get(c.op)
                if bound is not None:
                    out.append((c.left, *bound))
    return out


def _interval(e: Expr, ranges: list[tuple[int, int]], memo: dict[int, tuple[int, int]]) -> tuple[int, int]:
    hit = memo.get(id(e))
    if hit is not None:
        return hit
    match e:
        case Const(v):
            r = (int(v), int(v))
        case Ref(i):
            r = ranges[i]
        case Ite(_, a, b):
            (a0, a1), (b0, b1) = _interval(a, ranges, memo), _interval(b, ranges, memo)
            r = (min(a0, b0), max(a1, b1))
        case Arith(op, a, b):
            (a0, a1), (b0, b1) = _interval(a, ranges, memo), _interval(b, ranges, memo)
            if op == "+":
                r = (a0 + b0, a1 + b1)
            elif op == "-":
                r = (a0 - b1, a1 - b0)
            elif op == "*":
                ps = (a0 * b0, a0 * b1, a1 * b0, a1 * b1)
                r = (min(ps), max(ps))
            else:  # a quotient or remainder is no larger than the dividend (and 0 for y == 0)
                m = max(abs(a0), abs(a1))
                r = (-m, m)
        case SetOp(_, _, _, n):
            r = (0, (1 << n) - 1)
        case Mask(bits):
            r = (0, (1 << len(bits)) - 1)
        case Size(_, n):
            r = (0, n)
        case _:  # Not, And, Or, Cmp, Member: booleans
            r = (0, 1)
    memo[id(e)] = r
    return r


@dataclass(frozen=True, slots=True)
class Step:
    """One transition: the action taken (index into ts.actions) and the state it leads to."""

    action: int
    state: State


class Interpreter:
    """Concrete semantics of one transition system.

    compiled=True (the default) evaluates through generated Python functions; compiled=False walks
    the expression trees with `evaluate`, the reference both are tested against."""

    def __init__(self, ts: TransitionSystem, compiled: bool = True):
        self.ts = ts
        self.compiled = compiled
        self.by_pc: dict[tuple[int, int], list[int]] = {}
        for i, a in enumerate(ts.actions):
            self.by_pc.setdefault((a.thread, a.src), []).append(i)
        self._pcs = tuple((t.tid, t.pc) for t in ts.threads)
        self._succ: dict[int, Callable[[Any], list[tuple[int, Any]]]] = {}  # by id of the layout (None: tuples)
        self._succ_ns: dict[int, dict[str, object]] = {}  # the namespace each was compiled into
        self._packed: Packed | bool | None = False  # False: not built yet
        self._enabled: list[Callable[[State], bool]] | None = None
        self._apply: list[Callable[[State], State]] | None = None
        self._failing: dict[str, Callable[[State], list[tuple[str, int, int]]]] = {}
        self._checkers: dict[tuple[tuple[str, ...], int], Callable[[Any], list[str]]] = {}
        self._bad: dict[tuple[str, int], Callable[[Any], bool]] = {}
        self._values: dict[int, tuple[Expr, Callable[[State], int | bool]]] = {}

    # ---- generated functions, each built on first use ------------------------------------
    def evaluator(self, e: Expr) -> Callable[[State], int | bool]:
        """`lambda s: evaluate(e, s)`, compiled once per expression (per node identity)."""
        if not self.compiled:
            return lambda s: evaluate(e, s)
        hit = self._values.get(id(e))
        if hit is None:
            hit = (e, compile_expr(e))
            self._values[id(e)] = hit
        return hit[1]

    def _dispatch(
        self, em: _Emitter, name: str, groups: dict[tuple[int, int], list[str]], result: str, tail: Sequence[str] = ()
    ) -> None:
        """def name(s): for each thread, run the body generated for its current pc; `out` collects.

        One function per (thread, pc) holds the code; per thread a dict maps the pc to it."""
        body = ["out = []"]
        env_lines = []
        for tid, pcvar in self._pcs:
            table = []
            for (t, pc), lines in groups.items():
                if t != tid or not lines:
                    continue
                fn = f"{name}_{tid}_{pc}"
                em.define(fn, "s, out", lines)
                table.append(f"{pc}: {fn}")
            if table:
                env_lines.append(f"{name}_at{tid} = {{{', '.join(table)}}}")
                body += [f"g = {name}_at{tid}.get({em.expr(Ref(pcvar))})", "if g is not None:", "    g(s, out)"]
        body += [*tail, f"return {result}"]
        em.define(name, "s", body)
        em.defs.extend(env_lines)

    def _successors_fn(self, layout: _Layout | None = None) -> Callable[[Any], list[tuple[int, Any]]]:
        """(action, next state) for each enabled action; over packed states if `layout` is given."""
        hit = self._succ.get(id(layout))
        if hit is None:
            em = _Emitter(layout)
            groups: dict[tuple[int, int], list[str]] = {}
            for key, acts in self.by_pc.items():
                # every guard of the pc is evaluated: what they share is computed once, up front
                lines: list[str] = em.let([self.ts.actions[ai].guard for ai in acts])
                for ai in acts:
                    a = self.ts.actions[ai]
                    if is_false(a.guard):
                        continue
                    mark = em.mark()
                    # if guard: (shared parts of faults and updates) if not faults: the next state
                    inner = em.let([*(c for _, c in a.faults), *(e for _, e in a.updates)])
                    stmts, value = _next_state(em, a)
                    step = [*stmts, f"out.append(({ai}, {value}))"]
                    if a.faults:
                        step = [f"if not {_any_of(em, [c for _, c in a.faults])}:", *_indent(step)]
                    inner += step
                    em.release(mark)
                    if not is_true(a.guard):
                        inner = [f"if {em.expr(a.guard, 1)}:", *_indent(inner)]
                    lines += inner
                em.release(0)
                groups[key] = lines
            self._dispatch(em, "_succ", groups, "out")
            ns = em.build()
            hit = ns["_succ"]  # type: ignore[assignment]
            self._succ[id(layout)] = hit  # type: ignore[assignment]
            self._succ_ns[id(layout)] = ns
        return hit  # type: ignore[return-value]

    def _memo_successors_fn(self, layout: _Layout) -> Callable[[int], list[tuple[int, int]]]:
        """The successors of a packed state, as `_successors_fn(layout)`, remembering per thread
        what its step does. The actions of thread t at pc p read only some variables (their guards,
        faults and updates: R) and write some (per action: W); so which of them are enabled, and the
        values they write, depend only on the bits of R. For each (t, R-bits) seen, it keeps the
        list of (action, mask clearing W, the bits written): a successor is then `s & clear | bits`.
        A handful of entries per thread cover millions of states (threads see little of the state);
        a cache past `_MEMO_LIMIT` entries is emptied, which changes no result."""
        self._successors_fn(layout)
        ns = self._succ_ns[id(layout)]
        ts = self.ts

        def field(v: int) -> int:
            off, width, _, _ = layout.fields[v]
            return ((1 << width) - 1) << off

        # per thread: (offset and mask of its pc's field, {raw pc field: (R mask, step, W masks)}, cache)
        threads: list[tuple[int, int, dict[int, tuple[int, Callable[..., None], dict[int, int]]], dict]] = []
        for t in ts.threads:
            off, width, lo, _ = layout.fields[t.pc]
            table = {}
            for (tid, pc), acts in self.by_pc.items():
                step = ns.get(f"_succ_{tid}_{pc}")
                if tid != t.tid or step is None:
                    continue
                a_s = [ts.actions[ai] for ai in acts]
                read = refs(*(a.guard for a in a_s), *(c for a in a_s for _, c in a.faults))
                read |= refs(*(e for a in a_s for _, e in a.updates)) | {t.pc}
                rmask = functools.reduce(int.__or__, map(field, read), 0)
                writes = {}
                for ai, a in zip(acts, a_s, strict=True):
                    writes[ai] = functools.reduce(int.__or__, (field(v) for v, _ in a.updates), 0)
                table[pc - lo] = (rmask, step, writes)  # type: ignore[assignment]
            if table:
                threads.append((off, (1 << width) - 1, table, {}))

        def successors(s: int) -> list[tuple[int, int]]:
            out: list[tuple[int, int]] = []
            for off, mask, table, cache in threads:
                at = table.get(s >> off & mask)
                if at is None:
                    continue
                key = s & at[0]
                hit = cache.get(key)
                if hit is None:
                    found: list[tuple[int, int]] = []
                    at[1](s, found)
                    writes = at[2]
                    hit = tuple((ai, ~writes[ai], t & writes[ai]) for ai, t in found)
                    if len(cache) >= _MEMO_LIMIT:
                        cache.clear()
                    cache[key] = hit
                for ai, clear, bits in hit:
                    out.append((ai, s & clear | bits))
            return out

        return successors

    def _enabled_fns(self) -> list[Callable[[State], bool]]:
        if self._enabled is None:
            em = _Emitter()
            for ai, a in enumerate(self.ts.actions):
                pre = em.let([a.guard, *(c for _, c in a.faults)])
                value = f"bool({em.expr(a.guard)})"
                if a.faults:
                    value += f" and not {_any_of(em, [c for _, c in a.faults])}"
                em.define(f"_en{ai}", "s", [*pre, f"return {value}"])
                em.release(0)
            ns = em.build()
            self._enabled = [ns[f"_en{ai}"] for ai in range(len(self.ts.actions))]  # type: ignore[misc]
        return self._enabled

    def _apply_fns(self) -> list[Callable[[State], State]]:
        if self._apply is None:
            em = _Emitter()
            for ai, a in enumerate(self.ts.actions):
                pre = em.let([e for _, e in a.updates])
                stmts, value = _next_state(em, a)
                em.define(f"_ap{ai}", "s", [*pre, *stmts, f"return {value}"])
                em.release(0)
            ns = em.build()
            self._apply = [ns[f"_ap{ai}"] for ai in range(len(self.ts.actions))]  # type: ignore[misc]
        return self._apply

    def _failing_fn(self, field: str) -> Callable[[State], list[tuple[str, int, int]]]:
        """The compiled `faults` (field "faults") or `warnings` (field "warnings")."""
        hit = self._failing.get(field)
        if hit is None:
            em = _Emitter()
            groups: dict[tuple[int, int], list[str]] = {}
            for (tid, pc), acts in self.by_pc.items():
                lines = em.let([cond for ai in acts for _, cond in getattr(self.ts.actions[ai], field)])
                for ai in acts:
                    for check, cond in getattr(self.ts.actions[ai], field):
                        lines += [f"if {em.expr(cond, 1)}:", f"    out.append(({check!r}, {tid}, {ai}))"]
                groups[(tid, pc)] = lines
                em.release(0)
            self._dispatch(em, "_failing", groups, "out")
            hit = em.build()["_failing"]  # type: ignore[assignment]
            self._failing[field] = hit  # type: ignore[assignment]
        return hit  # type: ignore[return-value]

    def property_checker(self, props: Sequence[str], layout: _Layout | None = None) -> Callable[[Any], list[str]]:
        """A function giving the properties among `props` that a state violates, in the order of
        `props`: a check whose fault or warning holds at a thread's pc, an invariant or `always`
        property that is false, or deadlock. The whole set is compiled into one function, once.
        With `layout` (see `packed`), the function takes packed states."""
        key = tuple(dict.fromkeys(props))
        hit = self._checkers.get((key, id(layout)))
        if hit is not None:
            return hit
        want = set(key)
        invariants = {i.name: i.expr for i in self.ts.invariants}
        invariants.update({t.name: t.body for t in self.ts.temporals if t.kind == "always"})
        deadlock = "deadlock" in want

        dead = self._deadlocked_fn(layout)

        def choose(found: set[str], s: Any) -> list[str]:
            if deadlock and "deadlock" not in found and dead(s):
                found.add("deadlock")
            return [p for p in key if p in found]

        fn: Callable[[State], list[str]]
        if not self.compiled:

            def fn(s: State) -> list[str]:
                found = {c for c, _, _ in (*self.faults(s), *self.warnings(s)) if c in want}
                found.update(p for p, e in invariants.items() if p in want and not evaluate(e, s))
                return choose(found, s)

        else:
            em = _Emitter(layout)
            groups: dict[tuple[int, int], list[str]] = {}
            for (tid, pc), acts in self.by_pc.items():
                by_check: dict[str, list[Expr]] = {}
                for ai in acts:
                    a = self.ts.actions[ai]
                    for check, cond in (*a.faults, *a.warnings):
                        if check in want and check not in invariants:
                            by_check.setdefault(check, []).append(cond)
                lines = em.let([c for conds in by_check.values() for c in conds])
                for check, conds in by_check.items():
                    lines += [f"if {_any_of(em, conds)}:", f"    out.append({check!r})"]
                groups[(tid, pc)] = lines
                em.release(0)
            checked = [(p, e) for p, e in invariants.items() if p in want]
            tail = em.let([e for _, e in checked])
            tail += [f"if not {em.expr(e, 1)}: out.append({p!r})" for p, e in checked]
            em.release(0)
            self._dispatch(em, "_violated", groups, "out", tail)
            raw: Callable[[State], list[str]] = em.build()["_violated"]  # type: ignore[assignment]
            if deadlock:

                def fn(s: State) -> list[str]:
                    return choose(set(raw(s)), s)

            else:

                def fn(s: State) -> list[str]:
                    found = raw(s)
                    return choose(set(found), s) if found else found

        self._checkers[(key, id(layout))] = fn
        return fn

    def _bad_fn(self, prop: str, layout: _Layout | None = None) -> Callable[[Any], bool]:
        """A function telling whether a state violates `prop` (as `violated` defines it)."""
        hit = self._bad.get((prop, id(layout)))
        if hit is not None:
            return hit
        em = _Emitter(layout)
        fn: Callable[[Any], bool]
        inv = self._state_predicates().get(prop)
        if inv is not None:
            pre = em.let([inv])
            em.define("_bad", "s", [*pre, f"return not {em.expr(inv, 1)}"])
            fn = em.build()["_bad"]  # type: ignore[assignment]
        elif prop == "deadlock":
            fn = self._deadlocked_fn(layout)
        else:
            groups: dict[tuple[int, int], list[str]] = {}
            for (tid, pc), acts in self.by_pc.items():
                a_s = [self.ts.actions[ai] for ai in acts]
                conds = [c for a in a_s for check, c in (*a.faults, *a.warnings) if check == prop]
                if conds:
                    groups[(tid, pc)] = [*em.let(conds), f"if {_any_of(em, conds)}:", "    out.append(True)"]
                    em.release(0)
            self._dispatch(em, "_bad", groups, "bool(out)")
            fn = em.build()["_bad"]  # type: ignore[assignment]
        self._bad[(prop, id(layout))] = fn
        return fn

    def _deadlocked_fn(self, layout: _Layout | None) -> Callable[[Any], bool]:
        if layout is None:
            return self.deadlocked
        succ, unpack = self._successors_fn(layout), layout.unpack
        return lambda x: not succ(x) and self.deadlocked(unpack(x))

    def packed(self) -> Packed | None:
        """This system over packed states (one int each); None if the interpreter is not compiled.
        Its functions raise PackedRangeError if a variable leaves the room it was given."""
        if self._packed is False:
            self._packed = Packed(self, _Layout(self.ts)) if self.compiled else None
        return self._packed  # type: ignore[return-value]

    # ---- the semantics ----------------------------------------------------------------------
    def actions_at(self, s: State, tid: int) -> list[int]:
        pc = int(s[self.ts.threads[tid].pc])
        return self.by_pc.get((tid, pc), [])

    def faults(self, s: State) -> list[tuple[str, int, int]]:
        """The checks violated in `s`: (check, thread, action) for every fault that holds."""
        if self.compiled:
            return self._failing_fn("faults")(s)
        out = []
        for t in self.ts.threads:
            for ai in self.actions_at(s, t.tid):
                for check, cond in self.ts.actions[ai].faults:
                    if evaluate(cond, s):
                        out.append((check, t.tid, ai))
        return out

    def warnings(self, s: State) -> list[tuple[str, int, int]]:
        """The checks that fail in `s` without stopping their thread: (check, thread, action)."""
        if self.compiled:
            return self._failing_fn("warnings")(s)
        out = []
        for t in self.ts.threads:
            for ai in self.actions_at(s, t.tid):
                for check, cond in self.ts.actions[ai].warnings:
                    if evaluate(cond, s):
                        out.append((check, t.tid, ai))
        return out

    def enabled(self, s: State, ai: int) -> bool:
        if self.compiled:
            return self._enabled_fns()[ai](s)
        a = self.ts.actions[ai]
        return bool(evaluate(a.guard, s)) and not any(evaluate(c, s) for _, c in a.faults)

    def apply(self, s: State, ai: int) -> State:
        if self.compiled:
            return self._apply_fns()[ai](s)
        a = self.ts.actions[ai]
        out = list(s)
        for var, e in a.updates:
            out[var] = evaluate(e, s)
        return tuple(out)

    def next_states(self, s: State) -> list[tuple[int, State]]:
        """(action, next state) for every action enabled in `s`, threads in order."""
        if self.compiled:
            return self._successors_fn()(s)
        return [
            (ai, self.apply(s, ai)) for t in self.ts.threads for ai in self.actions_at(s, t.tid) if self.enabled(s, ai)
        ]

    def successors(self, s: State) -> Iterator[Step]:
        for ai, nxt in self.next_states(s):
            yield Step(ai, nxt)

    def deadlocked(self, s: State) -> bool:
        """No thread can step, no thread at all (daemon or not) is stopped in front of a failing
        check or at a false `assume`, and some non-daemon thread is not done. A stopped thread's
        consequences (the others waiting on what it holds) are not a separate deadlock: the failing
        check is the bug, and a run cut by a false `assume` is not a run."""
        if self.compiled and self._successors_fn()(s):
            return False
        if not self.compiled and any(self.enabled(s, ai) for t in self.ts.threads for ai in self.actions_at(s, t.tid)):
            return False
        return self.stuck(s)

    def stuck(self, s: State) -> bool:
        """Given that no action is enabled in `s`: is it a deadlock (as `deadlocked` says)? Search
        calls this on the states it finds without successors."""
        if any(self.halted(s, t.tid) is not None for t in self.ts.threads):
            return False
        return any(not t.daemon and int(s[t.pc]) != t.end for t in self.ts.threads)

    def halted(self, s: State, tid: int) -> tuple[str, int] | None:
        """Is thread `tid` stopped in `s` rather than blocked: (the check failing in front of it, the
        action) -- that is the check's violation, not a deadlock -- or ("", the action) at a false
        `assume`, where the run is cut. None if it is neither."""
        acts = self.actions_at(s, tid)
        for ai in acts:
            for check, c in self.ts.actions[ai].faults:
                if self._holds(c, s):
                    return check, ai
        for ai in acts:
            if self._holds(self.ts.actions[ai].assume_fails, s):
                return "", ai
        return None

    def _holds(self, e: Expr, s: State) -> bool:
        return bool(self.evaluator(e)(s)) if self.compiled else bool(evaluate(e, s))

    def _state_predicates(self) -> dict[str, Expr]:
        """Invariants and `always` properties: violated where false."""
        preds = {i.name: i.expr for i in self.ts.invariants}
        preds.update({t.name: t.body for t in self.ts.temporals if t.kind == "always"})
        return preds

    def violated(self, prop: str, s: State) -> bool:
        """Does state `s` violate safety property `prop`: an invariant or `always` property that is
        false, a check whose fault or warning holds for a thread about to step, or deadlock?"""
        if self.compiled:
            return self._bad_fn(prop)(s)
        pred = self._state_predicates().get(prop)
        if pred is not None:
            return not evaluate(pred, s)
        if prop == "deadlock":
            return self.deadlocked(s)
        return any(check == prop for check, _, _ in (*self.faults(s), *self.warnings(s)))

    def search(
        self,
        prop: str,
        max_states: int = 2_000_000,
        stop: Callable[[int], bool] | None = None,
        seen: list[State] | None = None,
    ) -> tuple[list[Step] | None, int, bool]:
        """Breadth-first search for a state violating `prop`.

        Returns (shortest trace or None, states explored, complete) where `complete` says the
        whole reachable state space was explored (so None means the property holds for all depths).
        `stop`, if given, is told how many states were expanded every 1,024 of them (and the rest
        when the search ends); when it answers True the search ends incomplete. `seen`, if given,
        receives every reachable state when the search is complete without a violation.
        """
        try:
            return self._search(prop, max_states, self.packed(), stop, seen)
        except PackedRangeError:
            return self._search(prop, max_states, None, stop, seen)

    def _search(
        self,
        prop: str,
        max_states: int,
        p: Packed | None,
        stop: Callable[[int], bool] | None,
        seen: list[State] | None,
    ) -> tuple[list[Step] | None, int, bool]:
        init: Any = self.ts.init if p is None else p.init
        bad = (lambda s: self.violated(prop, s)) if p is None else self._bad_fn(prop, p.layout)
        if bad(init):
            return [], 1, True
        nexts = self.next_states if p is None else p.next_states
        parent: dict[Any, tuple[Any, int] | None] = {init: None}
        queue = deque([init])
        expanded = 0

        def rest() -> None:
            if stop is not None:
                stop(expanded % 1024)

        while queue:
            s = queue.popleft()
            for ai, nxt in nexts(s):
                if nxt in parent:
                    continue
                parent[nxt] = (s, ai)
                if bad(nxt):
                    rest()
                    trace = self._trace(parent, nxt)
                    if p is not None:
                        trace = [Step(step.action, p.unpack(step.state)) for step in trace]
                    return trace, len(parent), True
                if len(parent) >= max_states:
                    rest()
                    return None, len(parent), False
                queue.append(nxt)
            expanded += 1
            if stop is not None and expanded % 1024 == 0 and stop(1024):
                return None, len(parent), False
        rest()
        if seen is not None:
            seen.extend(parent if p is None else map(p.unpack, parent))
        return None, len(parent), True

    def reachable(self, max_states: int = 2_000_000) -> tuple[dict[State, int], bool]:
        """Every reachable state with its BFS depth; complete is False if max_states was hit."""
        p = self.packed()
        if p is not None:
            try:
                packed, complete = self._reachable(p.init, p.next_states, max_states)
                return {p.unpack(x): d for x, d in packed.items()}, complete
            except PackedRangeError:
                pass
        return self._reachable(self.ts.init, self.next_states, max_states)

    @staticmethod
    def _reachable(
        init: Any, nexts: Callable[[Any], list[tuple[int, Any]]], max_states: int
    ) -> tuple[dict[Any, int], bool]:
        depth = {init: 0}
        queue = deque([init])
        while queue:
            s = queue.popleft()
            d = depth[s] + 1
            for _, nxt in nexts(s):
                if nxt not in depth:
                    depth[nxt] = d
                    if len(depth) >= max_states:
                        return depth, False
                    queue.append(nxt)
        return depth, True

    def _trace(self, parent: dict[Any, tuple[Any, int] | None], last: Any) -> list[Step]:
        steps = []
        s = last
        while parent[s] is not None:
            prev, ai = parent[s]  # type: ignore[misc]
            steps.append(Step(ai, s))
            s = prev
        return steps[::-1]

    def replay(self, actions: list[int]) -> list[State]:
        """The states visited by taking `actions` from the initial state; raises ReplayError if an
        action is not enabled where the trace takes it."""
        states = [self.ts.init]
        for n, ai in enumerate(actions):
            s = states[-1]
            a = self.ts.actions[ai]
            if int(s[self.ts.threads[a.thread].pc]) != a.src or not self.enabled(s, ai):
                raise ReplayError(f"step {n + 1} ({self.ts.threads[a.thread].name}: {a.origin.text}) is not enabled")
            states.append(self.apply(s, ai))
        return states


class Packed:
    """The system of an Interpreter over states packed into one int each (`Interpreter.packed`):
    the same successors and verdicts, for breadth-first search over millions of states (an int
    of a few dozen bytes instead of a tuple of a kilobyte, and quicker to hash)."""

    def __init__(self, it: Interpreter, layout: _Layout):
        self.it = it
        self.layout = layout
        self.init: int = layout.pack(it.ts.init)
        self.next_states: Callable[[int], list[tuple[int, int]]] = it._memo_successors_fn(layout)
        self.unpack: Callable[[int], State] = layout.unpack

    def pack(self, s: State) -> int:
        return self.layout.pack(s)

    def property_checker(self, props: Sequence[str]) -> Callable[[int], list[str]]:
        """As Interpreter.property_checker, over packed states."""
        return self.it.property_checker(props, self.layout)


@dataclass(frozen=True, slots=True)
class Space:
    """The states as a search walks them: packed into ints, or plain tuples; the same successors
    and verdicts either way. `unpack` and `pack` convert to and from plain states."""

    init: Any
    next_states: Callable[[Any], list[tuple[int, Any]]]
    checker: Callable[[Sequence[str]], Callable[[Any], list[str]]]  # as Interpreter.property_checker
    unpack: Callable[[Any], State]
    pack: Callable[[State], Any]
    bits: int | None = None  # packed states are ints below 2**bits; None: tuples


R = TypeVar("R")


def over_states(it: Interpreter, search: Callable[[Space], R]) -> R:
    """Run `search` over packed states where the system allows (a fraction of the memory, several
    times the speed), and again over tuples if a value leaves the field packing gave it."""
    p = it.packed()
    if p is not None:
        try:
            return search(Space(p.init, p.next_states, p.property_checker, p.unpack, p.pack, p.layout.bits))
        except PackedRangeError:
            pass
    return search(Space(it.ts.init, it.next_states, it.property_checker, _same, _same))


def _same(s: Any) -> Any:
    return s


class ReplayError(Exception):
    """A counterexample that the reference semantics does not reproduce: an engine bug."""

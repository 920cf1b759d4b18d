"""The IR: a transition system over flat, finite, typed state variables.

Engines see only this. A state is a tuple of values, one per variable: `bool` for Bool, `int` for
Int (enums, pool references and threads are small ints; `none` is -1, a pointer to a freed object
is -2), and `int` bit masks for
Set(n). An action is a guarded parallel assignment of one thread, from one program counter value
to another; its faults are the checks that fail if the thread is about to take it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from verifier.source import Span

NONE = -1
# A pointer to an object that has been freed: `free` turns every copy of the freed pointer into
# this one value, which remembers neither the slot nor its generation, so slot reuse adds no states.
DANGLING = -2

# Checks after which the thread cannot go on; every other check (the prelude's) only warns.
STOPPING_CHECKS = frozenset(
    {"assertion", "use_after_free", "null_deref", "pool_exhausted", "out_of_range", "list_corruption"}
)


# ---- sorts and variables ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sort:
    """bool | int (lo..hi) | set (n elements, as a bit mask)."""

    kind: str
    lo: int = 0
    hi: int = 0

    @property
    def size(self) -> int:
        return self.hi - self.lo + 1 if self.kind == "int" else self.hi


BOOL = Sort("bool")


def int_sort(lo: int, hi: int) -> Sort:
    return Sort("int", lo, hi)


def set_sort(n: int) -> Sort:
    return Sort("set", 0, n)


@dataclass(frozen=True, slots=True)
class Display:
    """How to print a variable's values: plain, or named (enum members, pool slots, threads)."""

    names: tuple[str, ...] = ()
    elem_names: tuple[str, ...] = ()  # for sets: the element at each bit
    elem_lo: int = 0  # for sets of ints: the value of bit 0

    def show(self, sort: Sort, v: int | bool) -> str:
        if sort.kind == "bool":
            return "true" if v else "false"
        if sort.kind == "set":
            bits = [i for i in range(sort.hi) if int(v) >> i & 1]
            items = [self.elem_names[i] if i < len(self.elem_names) else str(i + self.elem_lo) for i in bits]
            return "{" + ", ".join(items) + "}"
        if v == NONE and self.names:
            return "none"
        if v == DANGLING and self.names:
            return "freed"
        if self.names and 0 <= int(v) < len(self.names):
            return self.names[int(v)]
        return str(v)


@dataclass(frozen=True, slots=True)
class Var:
    """A state variable. owner: the thread instance for locals and program counters, else None."""

    name: str
    sort: Sort
    owner: int | None = None
    display: Display = field(default_factory=Display)
    hidden: bool = False  # the trace never shows it (program counters, loop cursors)
    bookkeeping: bool = False  # kernel state (lock owners, preempt counts) shown only with -v or if read


# ---- expressions -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Expr:
    pass


@dataclass(frozen=True, slots=True)
class Const(Expr):
    value: int | bool
    sort: Sort


@dataclass(frozen=True, slots=True)
class Ref(Expr):
    var: int


@dataclass(frozen=True, slots=True)
class Not(Expr):
    arg: Expr


@dataclass(frozen=True, slots=True)
class And(Expr):
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or(Expr):
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Ite(Expr):
    cond: Expr
    then: Expr
    orelse: Expr


@dataclass(frozen=True, slots=True)
class Cmp(Expr):
    """== != < <= > >= on ints; == != on bools and sets."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Arith(Expr):
    """+ - * / % on ints (/ and % round toward zero, as in C)."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class SetOp(Expr):
    """union | diff | inter of two sets of n elements."""

    op: str
    left: Expr
    right: Expr
    n: int


@dataclass(frozen=True, slots=True)
class Member(Expr):
    """Bit `index` of `set` (false when index is outside 0..n-1)."""

    set: Expr
    index: Expr
    n: int


@dataclass(frozen=True, slots=True)
class Mask(Expr):
    """The set whose bit i is `bits[i]`."""

    bits: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Size(Expr):
    """Number of elements of a set of n elements."""

    set: Expr
    n: int


def children(e: Expr) -> tuple[Expr, ...]:
    match e:
        case Not(a):
            return (a,)
        case And(args) | Or(args) | Mask(args):
            return args
        case Ite(c, a, b):
            return (c, a, b)
        case Cmp(_, a, b) | Arith(_, a, b) | SetOp(_, a, b, _):
            return (a, b)
        case Member(st, idx, _):
            return (st, idx)
        case Size(st, _):
            return (st,)
    return ()


def refs(*exprs: Expr) -> set[int]:
    """The variables the expressions read (shared subterms are visited once)."""
    out: set[int] = set()
    seen: set[int] = set()
    stack = list(exprs)
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, Ref):
            out.add(x.var)
        else:
            stack.extend(children(x))
    return out


# ---- the transition system -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a step comes from: the statements it runs, with the user's line for each."""

    text: str
    span: Span | None
    via: tuple[str, ...] = ()  # inlined procs, outermost first
    sites: tuple[Span, ...] = ()  # their call sites, outermost first
    calls: tuple[int, ...] = ()  # an id for each of those calls (unrolled loops call anew)


@dataclass(frozen=True, slots=True)
class Action:
    """Thread `thread` at pc `src` may step to `dst`, doing `updates` in parallel, if `guard` holds and
    no fault holds. A fault (check, cond) means: at pc `src`, cond holds -> check is violated, and the
    thread stops there (undefined behaviour: a null or freed pointer, BUG_ON). A warning is violated
    the same way but the thread goes on, as the kernel does after might_sleep's or lockdep's splat."""

    thread: int
    src: int
    dst: int
    guard: Expr
    updates: tuple[tuple[int, Expr], ...]
    faults: tuple[tuple[str, Expr], ...]
    origin: Origin
    assume_fails: Expr = Const(False, BOOL)  # where the step stops at a false `assume`: not a deadlock
    warnings: tuple[tuple[str, Expr], ...] = ()  # checks that fail here but do not stop the thread
    # for reports only: each fault and warning with the statement that raises it (an `assert` that
    # reads only locals runs in the step of the statement after it, but is reported at itself)
    fault_origins: tuple[tuple[str, Expr, Origin], ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class Thread:
    tid: int
    name: str
    pc: int  # index of its program counter variable
    end: int  # the pc value of a finished thread
    daemon: bool
    fair: str | None
    pc_names: tuple[str, ...] = ()
    context: str = "task"  # task | hardirq | softirq
    cpu: int | None = None  # None: a CPU of its own
    # for reports: the variables of its execution context the scheduler reads (preempt_count,
    # irqs_off, bh_off, rcu_nesting) and, for a handler, the flag that says it is running
    counts: tuple[tuple[str, int], ...] = ()
    running: int | None = None


@dataclass(frozen=True, slots=True)
class Invariant:
    name: str
    expr: Expr
    span: Span | None


@dataclass(frozen=True, slots=True)
class Temporal:
    name: str
    kind: str  # always | eventually | always_eventually | leads_to
    body: Expr
    trigger: Expr | None
    span: Span | None


@dataclass(frozen=True, slots=True)
class CheckInfo:
    name: str
    description: str
    builtin: bool
    span: Span | None


@dataclass(frozen=True, slots=True)
class Lock:
    """A lock of the spec (the prelude's spinlock, mutex, rwlock or rw_semaphore): its name, the
    variable holding its owner (the writer of a reader-writer lock) and, for a reader-writer lock,
    each thread's read-acquisition count (thread code -> variable)."""

    name: str
    owner: int
    kind: str = "spinlock"
    readers: tuple[tuple[int, int], ...] = ()
    waiting: int | None = None  # a reader-writer lock's queued writer(s): thread? or set<thread>


@dataclass(frozen=True, slots=True)
class IrqLockUse:
    """An interrupt handler's code takes a lock (lockdep's {IN-HARDIRQ-W} / {IN-SOFTIRQ-W} usage),
    for the irq_inversion report: which lock, which handler (`context` hardirq | softirq), where."""

    lock: str
    owner: int
    context: str
    thread: int
    origin: Origin


@dataclass(frozen=True, slots=True)
class GracePeriod:
    """An RCU flavour of the spec, for reports: classic RCU (`domain` "") or an SRCU domain (the
    srcu_struct's name); per thread, its read-side nesting and the readers its synchronize_*
    still waits for (thread code -> variable)."""

    domain: str
    nesting: tuple[tuple[int, int], ...]
    gp_wait: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class WorkItem:
    """A work_struct of the spec, for reports: its name and the variables of its two flags."""

    name: str
    pending: int
    running: int


@dataclass(frozen=True, slots=True)
class ListVars:
    """A `list<E>` of the spec, for reports: the variables of its head, members and each element's
    next link (element code -> variable)."""

    name: str
    head: int
    members: int
    next: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Scalarset:
    """A candidate symmetry (verifier/ir/scalarset.py): renaming the `size` values of the named
    range type `name` by a permutation p moves the value of orbit[k] to orbit[p[k]] for every
    orbit, maps each listed variable's values (an int's value group[k] to group[p[k]]; a set's
    bit group[k] to bit group[p[k]]), and renames each family's thread family[k] to family[p[k]].
    Only a candidate: engines/symmetry.py checks that the system is invariant under it."""

    name: str
    size: int
    orbits: tuple[tuple[int, ...], ...]
    values: tuple[tuple[int, tuple[tuple[int, ...], ...]], ...]  # (variable, value or bit groups)
    families: tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True)
class TransitionSystem:
    spec: str
    variant: str
    vars: tuple[Var, ...]
    init: tuple[int | bool, ...]
    threads: tuple[Thread, ...]
    actions: tuple[Action, ...]
    invariants: tuple[Invariant, ...]
    temporals: tuple[Temporal, ...]
    checks: tuple[CheckInfo, ...]
    # what reports draw; engines never read them
    locks: tuple[Lock, ...] = ()
    lists: tuple[ListVars, ...] = ()
    irq_lock_uses: tuple[IrqLockUse, ...] = ()
    grace_periods: tuple[GracePeriod, ...] = ()
    work_items: tuple[WorkItem, ...] = ()
    initialised: tuple[int, ...] = ()  # variables an `init` block gave a value other than their default
    scalarsets: tuple[Scalarset, ...] = field(default=(), compare=False)  # candidate symmetries

    def var_index(self, name: str) -> int:
        for i, v in enumerate(self.vars):
            if v.name == name:
                return i
        raise KeyError(name)

    def property_names(self) -> list[str]:
        return [i.name for i in self.invariants] + [t.name for t in self.temporals] + [c.name for c in self.checks]

    def state_bits(self) -> int:
        total = 0
        for v in self.vars:
            if v.sort.kind == "bool":
                total += 1
            elif v.sort.kind == "set":
                total += v.sort.hi
            else:
                total += max(1, (v.sort.hi - v.sort.lo).bit_length())
        return total


# ---- smart constructors: fold constants so variants and thread parameters cost nothing ----

TRUE = Const(True, BOOL)
FALSE = Const(False, BOOL)


def const_int(v: int) -> Const:
    return Const(v, int_sort(v, v))


def is_true(e: Expr) -> bool:
    return isinstance(e, Const) and e.value is True


def is_false(e: Expr) -> bool:
    return isinstance(e, Const) and e.value is False


def mk_not(e: Expr) -> Expr:
    if isinstance(e, Const):
        return Const(not e.value, BOOL)
    if isinstance(e, Not):
        return e.arg
    return Not(e)


def mk_and(*args: Expr) -> Expr:
    out: list[Expr] = []
    for a in args:
        if is_true(a):
            continue
        if is_false(a):
            return FALSE
        if isinstance(a, And):
            out.extend(a.args)
        elif a not in out:
            out.append(a)
    if not out:
        return TRUE
    return out[0] if len(out) == 1 else And(tuple(out))


def mk_or(*args: Expr) -> Expr:
    out: list[Expr] = []
    for a in args:
        if is_false(a):
            continue
        if is_true(a):
            return TRUE
        if isinstance(a, Or):
            out.extend(a.args)
        elif a not in out:
            out.append(a)
    if not out:
        return FALSE
    return out[0] if len(out) == 1 else Or(tuple(out))


def mk_implies(a: Expr, b: Expr) -> Expr:
    return mk_or(mk_not(a), b)


def mk_ite(c: Expr, a: Expr, b: Expr) -> Expr:
    if is_true(c) or a == b:
        return a
    if is_false(c):
        return b
    if is_true(a) and is_false(b):
        return c
    if is_false(a) and is_true(b):
        return mk_not(c)
    return Ite(c, a, b)


def mk_eq(a: Expr, b: Expr) -> Expr:
    if isinstance(a, Const) and isinstance(b, Const):
        return Const(a.value == b.value, BOOL)
    if a == b:
        return TRUE
    if isinstance(b, Const) and isinstance(b.value, bool):
        return a if b.value else mk_not(a)
    if isinstance(a, Const) and isinstance(a.value, bool):
        return b if a.value else mk_not(b)
    return Cmp("==", a, b)


def mk_cmp(op: str, a: Expr, b: Expr) -> Expr:
    if op == "==":
        return mk_eq(a, b)
    if op == "!=":
        return mk_not(mk_eq(a, b))
    if isinstance(a, Const) and isinstance(b, Const):
        x, y = int(a.value), int(b.value)
        return Const({"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op], BOOL)
    return Cmp(op, a, b)


def c_div(a: int, b: int) -> int:
    """Division rounding toward zero (C semantics); division by zero gives 0 (flagged elsewhere)."""
    if b == 0:
        return 0
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def mk_arith(op: str, a: Expr, b: Expr) -> Expr:
    if isinstance(a, Const) and isinstance(b, Const):
        x, y = int(a.value), int(b.value)
        v = {
            "+": lambda: x + y,
            "-": lambda: x - y,
            "*": lambda: x * y,
            "/": lambda: c_div(x, y),
            "%": lambda: x - y * c_div(x, y) if y else 0,
        }[op]()
        return const_int(v)
    if op in ("+", "-") and isinstance(b, Const) and b.value == 0:
        return a
    return Arith(op, a, b)


def mk_member(s: Expr, index: Expr, n: int) -> Expr:
    if isinstance(index, Const):
        i = int(index.value)
        if not 0 <= i < n:
            return FALSE
        if isinstance(s, Const):
            return Const(bool(int(s.value) >> i & 1), BOOL)
        if isinstance(s, Mask):
            return s.bits[i]
    return Member(s, index, n)


def mk_mask(bits: tuple[Expr, ...]) -> Expr:
    if all(isinstance(b, Const) for b in bits):
        return Const(sum(1 << i for i, b in enumerate(bits) if b.value), set_sort(len(bits)))  # type: ignore[attr-defined]
    return Mask(bits)


def mk_setop(op: str, a: Expr, b: Expr, n: int) -> Expr:
    if isinstance(a, Const) and isinstance(b, Const):
        x, y = int(a.value), int(b.value)
        v = {"union": x | y, "diff": x & ~y, "inter": x & y}[op] & ((1 << n) - 1)
        return Const(v, set_sort(n))
    if op == "union" and isinstance(b, Const) and b.value == 0:
        return a
    if op == "diff" and isinstance(b, Const) and b.value == 0:
        return a
    return SetOp(op, a, b, n)


def mk_select(index: Expr, items: tuple[Expr, ...], lo: int = 0) -> Expr:
    """items[index - lo] as an if-then-else chain (the last item when index is out of range)."""
    if isinstance(index, Const):
        i = int(index.value) - lo
        return items[i] if 0 <= i < len(items) else items[-1]
    if all(x == items[0] for x in items):
        return items[0]
    out = items[-1]
    for i in range(len(items) - 2, -1, -1):
        out = mk_ite(mk_eq(index, const_int(i + lo)), items[i], out)
    return out


def substitute(e: Expr, leaf: Callable[[Expr], Expr], memo: dict[int, Expr]) -> Expr:
    """`e` rebuilt bottom-up through the smart constructors, so that it folds again, with every
    node that no constructor above builds (a Ref, a Const, an expression kind of another module)
    replaced by leaf(node). `memo`, by node identity, lets rebuilds of one shared DAG share work."""
    key = id(e)
    if key in memo:
        return memo[key]
    out: Expr
    match e:
        case Not(a):
            out = mk_not(substitute(a, leaf, memo))
        case And(args):
            out = mk_and(*(substitute(a, leaf, memo) for a in args))
        case Or(args):
            out = mk_or(*(substitute(a, leaf, memo) for a in args))
        case Ite(c, a, b):
            out = mk_ite(substitute(c, leaf, memo), substitute(a, leaf, memo), substitute(b, leaf, memo))
        case Cmp(op, a, b):
            out = mk_cmp(op, substitute(a, leaf, memo), substitute(b, leaf, memo))
        case Arith(op, a, b):
            out = mk_arith(op, substitute(a, leaf, memo), substitute(b, leaf, memo))
        case SetOp(op, a, b, n):
            out = mk_setop(op, substitute(a, leaf, memo), substitute(b, leaf, memo), n)
        case Member(st, idx, n):
            out = mk_member(substitute(st, leaf, memo), substitute(idx, leaf, memo), n)
        case Mask(bits):
            out = mk_mask(tuple(substitute(b, leaf, memo) for b in bits))
        case Size(st, n):
            inner = substitute(st, leaf, memo)
            out = Size(inner, n) if not isinstance(inner, Const) else const_int(bin(int(inner.value)).count("1"))
        case _:
            out = leaf(e)
    memo[key] = out
    return out

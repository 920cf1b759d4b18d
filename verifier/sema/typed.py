"""The checked spec: names resolved, types known, procs and funcs inlined, constants folded.

This is what the front end hands on. Every node keeps the span it was written at; a statement
that came from an inlined proc also sits inside an `Inline` naming the call site.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from verifier.sema.types import AnyT, ArrayT, ListT, OptionT, PoolT, RecordT, SetT, Type, domain_size, is_finite
from verifier.source import BUILTIN, Span

# ---- expressions ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TExpr:
    type: Type
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Lit(TExpr):
    """A constant: int, bool, enum member name (str), or None for `none`."""

    value: int | bool | str | None


@dataclass(frozen=True, slots=True)
class Var(TExpr):
    """A named value. kind: global | local | param (thread parameter) | bound | option."""

    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class Self(TExpr):
    pass


@dataclass(frozen=True, slots=True)
class FieldOf(TExpr):
    """`base.name`: a record or list field, or a pool object's field (base is a reference)."""

    base: TExpr
    name: str


@dataclass(frozen=True, slots=True)
class IndexOf(TExpr):
    base: TExpr
    index: TExpr


@dataclass(frozen=True, slots=True)
class Un(TExpr):
    op: str  # ! - unwrap (`e!`: the value of a `T?` as a `T`)
    operand: TExpr


@dataclass(frozen=True, slots=True)
class Bin(TExpr):
    """Binary operator. On sets, `+` is union and `-` difference."""

    op: str
    left: TExpr
    right: TExpr


@dataclass(frozen=True, slots=True)
class SetOf(TExpr):
    items: tuple[TExpr, ...]


@dataclass(frozen=True, slots=True)
class BinderOf(TExpr):
    """count | set | forall | exists over a finite domain; `var` is a unique bound name."""

    kind: str
    var: str
    domain: Type
    body: TExpr


@dataclass(frozen=True, slots=True)
class Builtin(TExpr):
    """live(o) | size(s) | done(t) | enabled(t) | quiescent (no argument)."""

    name: str
    args: tuple[TExpr, ...]


@dataclass(frozen=True, slots=True)
class ThreadLocal(TExpr):
    """Local `name` (its unique name in the thread's template) of thread instance `tid`, read from
    outside the thread: a property observing the thread's stored value."""

    tid: int
    name: str


@dataclass(frozen=True, slots=True)
class AtLabel(TExpr):
    """at(thread, label): `thread` is about to run the statement labelled `label` (a label of a
    proc inlined into the thread is `proc.label`)."""

    thread: TExpr
    label: str


def reads_shared(e: TExpr) -> bool:
    """Does evaluating `e` read shared state (a global, a pool object's field, a thread's progress)?"""
    match e:
        case Var(_, _, kind):
            return kind == "global"
        case FieldOf(_, base, _):
            return isinstance(base.type, PoolT | OptionT) or reads_shared(base)
        case IndexOf(_, base, index):
            return reads_shared(base) or reads_shared(index)
        case Un(_, _, x):
            return reads_shared(x)
        case Bin(_, _, a, b):
            return reads_shared(a) or reads_shared(b)
        case SetOf(_, items):
            return any(reads_shared(i) for i in items)
        case BinderOf(_, _, _, _, body):
            return reads_shared(body)
        case Builtin() | ThreadLocal() | AtLabel():
            return True
    return False


# ---- statements ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TStmt:
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Assign(TStmt):
    target: TExpr
    value: TExpr


@dataclass(frozen=True, slots=True)
class AllocTo(TStmt):
    target: TExpr
    pool: str


@dataclass(frozen=True, slots=True)
class Free(TStmt):
    ref: TExpr


@dataclass(frozen=True, slots=True)
class If(TStmt):
    cond: TExpr
    then: tuple[TStmt, ...]
    orelse: tuple[TStmt, ...]
    # `if let`: the local that the then-path binds, in the test's own step, to the value `cond`
    # tests (cond is `value != none`)
    bind: str | None = None


@dataclass(frozen=True, slots=True)
class While(TStmt):
    cond: TExpr
    body: tuple[TStmt, ...]


@dataclass(frozen=True, slots=True)
class Foreach(TStmt):
    """Iterate `var` (a local) over: kind 'domain' (every value of `domain`), 'set' (a snapshot of
    `source`, ascending) or 'list' (walk `source`'s head/next like list_for_each_entry_rcu)."""

    var: str
    kind: str
    domain: Type
    source: TExpr | None
    body: tuple[TStmt, ...]


@dataclass(frozen=True, slots=True)
class Atomic(TStmt):
    body: tuple[TStmt, ...]


@dataclass(frozen=True, slots=True)
class Await(TStmt):
    cond: TExpr


@dataclass(frozen=True, slots=True)
class Choose(TStmt):
    var: str
    domain: Type
    cond: TExpr | None


@dataclass(frozen=True, slots=True)
class Either(TStmt):
    branches: tuple[tuple[TStmt, ...], ...]


@dataclass(frozen=True, slots=True)
class Assert(TStmt):
    check: str
    cond: TExpr


@dataclass(frozen=True, slots=True)
class Assume(TStmt):
    cond: TExpr


@dataclass(frozen=True, slots=True)
class Skip(TStmt):
    pass


@dataclass(frozen=True, slots=True)
class Break(TStmt):
    pass


@dataclass(frozen=True, slots=True)
class Continue(TStmt):
    pass


@dataclass(frozen=True, slots=True)
class Return(TStmt):
    """Leave the innermost enclosing Inline (or end the thread)."""


@dataclass(frozen=True, slots=True)
class Label(TStmt):
    name: str
    stmt: TStmt


@dataclass(frozen=True, slots=True)
class Inline(TStmt):
    """The body of proc `proc`, inlined at the call written at `span`."""

    proc: str
    body: tuple[TStmt, ...]


# ---- the spec ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Global:
    name: str
    type: Type
    init: TExpr | None
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Pool:
    name: str
    size: int
    fields: tuple[tuple[str, Type], ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Check:
    """A named check: a property that fails when an assert (or a built-in rule) fails."""

    name: str
    description: str
    builtin: bool
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class ThreadTemplate:
    """A thread, or an interrupt handler: `context` "hardirq" | "softirq" runs `entry` (one step:
    the interrupt is delivered), `body`, then `exit` (it returns), and again, for ever."""

    name: str
    params: tuple[tuple[str, Type], ...]
    fair: str | None  # None | "weak" | "strong"
    daemon: bool
    locals: tuple[tuple[str, Type], ...]
    body: tuple[TStmt, ...]
    span: Span = field(compare=False)
    context: str = "task"
    cpu: TExpr | None = None  # over the parameters; None: a CPU of its own
    entry: tuple[TStmt, ...] = ()
    exit: tuple[TStmt, ...] = ()


@dataclass(frozen=True, slots=True)
class ThreadInstance:
    """One instance of a template: `name(args)`, numbered `tid` in the `thread` type."""

    tid: int
    template: str
    args: tuple[int | bool | str, ...]

    @property
    def display(self) -> str:
        if not self.args:
            return self.template
        return f"{self.template}({', '.join(_show_value(a) for a in self.args)})"


def _show_value(v: int | bool | str) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    type: Type
    default: int | bool | str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    settings: tuple[tuple[str, int | bool | str], ...]
    span: Span = field(compare=False)

    def values(self, options: tuple[Option, ...]) -> dict[str, int | bool | str]:
        """Every option's value in this variant (defaults filled in)."""
        out = {o.name: o.default for o in options}
        out.update(self.settings)
        return out


@dataclass(frozen=True, slots=True)
class TFormula:
    """A temporal property: always p | eventually p | always eventually p | p ~> q."""

    kind: str  # always | eventually | always_eventually | leads_to
    body: TExpr
    trigger: TExpr | None = None


@dataclass(frozen=True, slots=True)
class Invariant:
    name: str
    expr: TExpr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    formula: TFormula
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Expectation:
    variant: str
    property: str
    verdict: str  # holds | violated
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Init:
    """An `init` block: run once, in no thread, on the initial state; its locals are not state."""

    locals: tuple[tuple[str, Type], ...]
    body: tuple[TStmt, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class CheckedSpec:
    path: str
    consts: tuple[tuple[str, int], ...]
    globals: tuple[Global, ...]
    pools: tuple[Pool, ...]
    checks: tuple[Check, ...]
    templates: tuple[ThreadTemplate, ...]
    instances: tuple[ThreadInstance, ...]
    options: tuple[Option, ...]
    variants: tuple[Variant, ...]
    invariants: tuple[Invariant, ...]
    properties: tuple[Property, ...]
    expectations: tuple[Expectation, ...]
    inits: tuple[Init, ...] = ()  # in source order, includes first

    def property_names(self) -> list[str]:
        """Every property reported for this spec: invariants, temporal properties, then checks."""
        return [i.name for i in self.invariants] + [p.name for p in self.properties] + [c.name for c in self.checks]


# ---- what the IR cannot lay out ------------------------------------------


def untyped_sets(
    globals_: Iterable[Global],
    templates: Iterable[ThreadTemplate],
    invariants: Iterable[Invariant],
    properties: Iterable[Property],
) -> list[TExpr]:
    """The outermost set-valued expressions whose element type nothing fixed (a `{}` no context
    gave a type, or a set built only from such): a set is stored as one bit per element of its
    type, so the checker must reject these rather than hand them on."""
    found: list[TExpr] = []

    def expr(e: TExpr | None) -> None:
        if e is None:
            return
        if isinstance(e.type, SetT) and isinstance(e.type.elem, AnyT):
            found.append(e)
            return
        match e:
            case FieldOf(_, base, _):
                expr(base)
            case IndexOf(_, base, index):
                expr(base)
                expr(index)
            case Un(_, _, x):
                expr(x)
            case Bin(_, _, a, b):
                expr(a)
                expr(b)
            case SetOf(_, items) | Builtin(_, _, items):
                for i in items:
                    expr(i)
            case BinderOf(_, _, _, _, body):
                expr(body)

    def stmts(body: Iterable[TStmt]) -> None:
        for s in body:
            match s:
                case Assign(target, value):
                    expr(target)
                    expr(value)
                case AllocTo(target, _):
                    expr(target)
                case Free(ref):
                    expr(ref)
                case If(cond, then, orelse):
                    expr(cond)
                    stmts(then)
                    stmts(orelse)
                case While(cond, body):
                    expr(cond)
                    stmts(body)
                case Foreach(_, _, _, source, body):
                    expr(source)
                    stmts(body)
                case Atomic(body) | Inline(_, body):
                    stmts(body)
                case Await(cond) | Assert(_, cond) | Assume(cond) | Choose(_, _, cond):
                    expr(cond)
                case Either(branches):
                    for b in branches:
                        stmts(b)
                case Label(_, inner):
                    stmts((inner,))

    for g in globals_:
        expr(g.init)
    for t in templates:
        stmts(t.body)
    for i in invariants:
        expr(i.expr)
    for p in properties:
        expr(p.formula.trigger)
        expr(p.formula.body)
    return found


# ---- what the lowering can afford ----------------------------------------

MAX_STEP_PATHS = 400_000  # path prefixes the lowering explores for one step, at most


def atomic_paths(body: Iterable[TStmt], nthreads: int, cap: int = MAX_STEP_PATHS + 1) -> int:
    """How many path prefixes the lowering explores for an atomic block with this body (at most `cap`).

    The lowering runs an atomic block as one step, following every path through it and counting
    each statement it visits on each path (with the enter node, and the statement after the
    block on each way out); it gives up on a step beyond MAX_STEP_PATHS, where the statements the
    step runs around the block count too. This counts the block alone, the same way, without
    running anything: paths multiply through a sequence and add up through branches. A branch on
    a value the lowering knows (a literal, an option, a thread parameter, `self`, a foreach
    variable, or a local chosen or set to such a value earlier in the block) keeps the larger of
    its two sides, as each path takes one; any other branch counts both sides.
    """
    flow = _Flow(nthreads, cap, sum_branches=True, atomic=True)
    out, visits, _ = flow.block(tuple(body), frozenset())
    return min(cap, 1 + visits + out)


class _Flow:
    """Counts paths through statements as the lowering's exploration of one step does.

    block() gives, for one path in: the paths out, the statements visited along all of them, and
    the locals whose value every path knows on the way out. Both counts scale with the paths in,
    so every block is counted once, whatever it is nested in; counts stop growing at `cap`.
    """

    def __init__(self, nthreads: int, cap: int, sum_branches: bool, atomic: bool):
        self.nthreads = nthreads
        self.cap = cap
        # False: only what the lowering cannot fold adds paths (a branch, or a choice with a
        # condition, may keep one path), so the count is one the lowering reaches for certain
        self.sum_branches = sum_branches
        self.atomic = atomic  # inside an atomic block, where the lowering unrolls list walks too
        self._assigned: dict[int, frozenset[str]] = {}

    def block(self, body: tuple[TStmt, ...], known: frozenset[str]) -> tuple[int, int, frozenset[str]]:
        n, visits = 1, 0
        for s in body:
            out, v, known = self.stmt(s, known)
            visits = min(self.cap, visits + n * v)
            n = min(self.cap, n * out)
        return n, visits, known

    def stmt(self, s: TStmt, known: frozenset[str]) -> tuple[int, int, frozenset[str]]:
        cap = self.cap
        match s:
            case If(cond, then, orelse, bind):
                o1, v1, k1 = self.block(then, known - {bind} if bind else known)
                o2, v2, k2 = self.block(orelse, known)
                if not self.sum_branches or _constant(cond, known):
                    return max(o1, o2), 1 + max(v1, v2), k1 & k2
                return min(cap, o1 + o2), min(cap, 1 + v1 + v2), k1 & k2
            case While(_, body):
                # the test, then the body once: a path back at the test ends the step there
                o, v, _ = self.block(body, known - self.assigned(s))
                return 1, min(cap, 1 + v + o), known - self.assigned(s)
            case Either(branches) if branches:
                flows = [self.block(b, known) for b in branches]
                out = min(cap, sum(o for o, _, _ in flows))
                return out, min(cap, 1 + sum(v for _, v, _ in flows)), frozenset.intersection(*(k for _, _, k in flows))
            case Choose(var, domain, cond):
                if cond is not None and not self.sum_branches:
                    return 1, 1, known | {var}
                return min(cap, _domain(domain, self.nthreads)), 1, known | {var}
            case Assign(Var(_, name, "local"), value):
                return 1, 1, known | {name} if _constant(value, known) else known - {name}
            case AllocTo(Var(_, name, "local")):
                return 1, 1, known - {name}
            case Atomic(body):
                outside, self.atomic = self.atomic, True
                o, v, k = self.block(body, known)
                self.atomic = outside
                return o, min(cap, 1 + v), k
            case Inline(_, body):
                return self.block(body, known)
            case Label(_, inner):
                return self.stmt(inner, known)
            case Skip():
                return 1, 0, known
            case Foreach(var, kind, domain, _, body):
                return self._foreach(s, var, kind, _domain(domain, self.nthreads), body, known)
        return 1, 1, known  # one statement: other assignments, free, await, assume, assert, break, ...

    def _foreach(
        self, s: TStmt, var: str, kind: str, m: int, body: tuple[TStmt, ...], known: frozenset[str]
    ) -> tuple[int, int, frozenset[str]]:
        """An unrolled loop: `m` copies of the body, each counted like the first (the locals the
        body assigns are not known at the start of any copy)."""
        cap = self.cap
        inside = known - self.assigned(s)
        if kind == "list" and not self.atomic:  # a loop: read the head, then the body once
            o, v, _ = self.block(body, inside - {var})
            return 1, min(cap, 3 + v + 3 * o), inside  # head, test, bind, body, check, advance, test
        if kind == "list":
            o, v, _ = self.block(body, inside - {var})
            n, visits, out = 1, 1, 0  # read the head
            for _ in range(m):
                if visits >= cap:
                    break
                out += n  # the walk ends here
                visits += n * (2 + v + 2 * o)  # test, bind, body, poison check, advance
                n = min(cap, n * o)
            return min(cap, out + n), min(cap, visits + n), inside  # + the cycle check at the end
        o, v, _ = self.block(body, inside | {var})
        n, visits = 1, 1 if kind == "set" else 0  # the set's snapshot
        for _ in range(m):
            if visits >= cap:
                break
            if kind == "set":
                visits += n + n * v  # membership test, body
                n = min(cap, n + n * o)
            else:
                visits += n * v
                n = min(cap, n * o)
        return n, min(cap, visits), inside

    def assigned(self, s: TStmt) -> frozenset[str]:
        """The locals `s` may assign (memoised per statement, so nested loops cost their size)."""
        hit = self._assigned.get(id(s))
        if hit is not None:
            return hit
        match s:
            case Assign(target) | AllocTo(target):
                out = frozenset({_root_name(target)}) - {""}
            case Choose(var):
                out = frozenset({var})
            case If(bind=str(bind)):
                out = frozenset({bind}).union(*(self.assigned(x) for b in _child_blocks(s) for x in b))
            case _:
                out = frozenset().union(*(self.assigned(x) for b in _child_blocks(s) for x in b))
                if isinstance(s, Foreach):
                    out |= {s.var}
        self._assigned[id(s)] = out
        return out


def _root_name(target: TExpr) -> str:
    while isinstance(target, FieldOf | IndexOf):
        target = target.base
    return target.name if isinstance(target, Var) and target.kind == "local" else ""


def _domain(t: Type, nthreads: int) -> int:
    return domain_size(t, nthreads) if is_finite(t) else 1


def _constant(e: TExpr, known: frozenset[str]) -> bool:
    """Does the lowering know the value of `e` on each path (so a branch on it keeps one side)?"""
    match e:
        case Lit() | Self():
            return True
        case Var(_, name, kind):
            return kind in ("option", "param") or (kind == "local" and name in known)
        case Un(_, _, x):
            return _constant(x, known)
        case Bin(_, op, a, b) if op not in ("in", "notin"):
            scalar = not isinstance(a.type, SetT | RecordT | ArrayT | ListT | AnyT)
            return scalar and _constant(a, known) and _constant(b, known)
    return False


def crowded_steps(body: Iterable[TStmt], nthreads: int, limit: int = MAX_STEP_PATHS) -> list[TStmt]:
    """Where choices outside atomic blocks make one step of more than `limit` paths.

    A step runs one statement that touches shared state together with the thread-local statements
    before it and the choices right after it, and the lowering follows every path through them.
    Returns the first statement of each run of thread-local statements (within one block) whose
    paths exceed `limit` on their own, or with the shared statement that ends them and the choices
    after it. Only what the lowering cannot fold is counted (`choose` and `either`; a branch
    keeps its larger side), so these are runs the lowering certainly cannot take. A run that goes
    on into a compound statement that touches shared state is cut there.
    """
    shared: dict[int, bool] = {}
    found: dict[int, TStmt] = {}
    body = tuple(body)
    for s in body:
        _mark_shared(s, shared)
    _scan_runs(body, _Flow(nthreads, limit + 1, sum_branches=False, atomic=False), shared, found)
    return list(found.values())


def _mark_shared(s: TStmt, shared: dict[int, bool]) -> bool:
    """Does `s` (or anything in it) touch shared state? Recorded for every statement, bottom up."""
    inner = [_mark_shared(x, shared) for block in _child_blocks(s) for x in block]
    match s:
        case Assign(target, value):
            own = _writes_shared(target) or reads_shared(target) or reads_shared(value)
        case AllocTo() | Free():
            own = True
        case If(cond) | While(cond) | Await(cond) | Assume(cond) | Assert(_, cond):
            own = reads_shared(cond)
        case Choose(_, _, cond):
            own = cond is not None and reads_shared(cond)
        case Foreach(_, _, _, source):
            own = source is not None and reads_shared(source)
        case _:
            own = False
    shared[id(s)] = result = own or any(inner)
    return result


def _child_blocks(s: TStmt) -> tuple[tuple[TStmt, ...], ...]:
    match s:
        case If(_, then, orelse):
            return (then, orelse)
        case While(_, body) | Foreach(_, _, _, _, body) | Atomic(body) | Inline(_, body):
            return (body,)
        case Either(branches):
            return branches
        case Label(_, inner):
            return ((inner,),)
    return ()


def _writes_shared(target: TExpr) -> bool:
    match target:
        case Var(_, _, kind):
            return kind == "global"
        case FieldOf(_, base, _):
            return isinstance(base.type, PoolT | OptionT) or _writes_shared(base)
        case IndexOf(_, base, _):
            return _writes_shared(base)
    return False


def _scan_runs(body: tuple[TStmt, ...], flow: _Flow, shared: dict[int, bool], found: dict[int, TStmt]) -> None:
    cap = flow.cap
    first: TStmt | None = None  # first statement of the current run of thread-local statements
    out, visits = 1, 0  # paths out of the run, statements visited along them
    before: tuple[TStmt, int, int] | None = None  # (start, paths, visits) up to the last shared statement
    choosing = False  # still in the choices right after that shared statement: the same step
    for s in body:
        if not shared[id(s)]:
            o, v, _ = flow.stmt(s, frozenset())
            first = first or s
            visits = min(cap, visits + out * v)
            out = min(cap, out * o)
            choosing = choosing and (isinstance(s, Assign | Skip) or (isinstance(s, Choose) and s.cond is None))
            if choosing and before is not None and 1 + before[2] + before[1] * (1 + visits + out) > cap:
                found.setdefault(id(before[0]), before[0])
            continue
        if first is not None and 1 + visits + out > cap:
            found.setdefault(id(first), first)
        if isinstance(s, Atomic) or not _child_blocks(s):
            # one shared statement (an atomic block's own paths are atomic_paths'): the step that
            # reaches it runs it, then the choices after it
            o, v, _ = flow.stmt(s, frozenset()) if isinstance(s, Choose) else (1, 1, frozenset())
            before = (first or s, min(cap, out * o), min(cap, visits + out * v))
            choosing = True
        else:
            for block in _child_blocks(s):
                _scan_runs(block, flow, shared, found)
            before, choosing = None, False
        first, out, visits = None, 1, 0
    if first is not None and 1 + visits + out > cap:
        found.setdefault(id(first), first)


def labels_of(tmpl: ThreadTemplate) -> dict[str, bool]:
    """The labels of a thread's code, as at() names them (`proc.label` inside an inlined proc), each
    with whether it is inside an atomic block."""
    out: dict[str, bool] = {}

    def walk(body: Iterable[TStmt], via: tuple[str, ...], atomic: bool) -> None:
        for s in body:
            match s:
                case Label(name, inner):
                    key = ".".join((*via, name))
                    out[key] = out.get(key, False) or atomic
                    walk((inner,), via, atomic)
                case Inline(proc, inner_body):
                    walk(inner_body, (*via, proc), atomic)
                case Atomic(inner_body):
                    walk(inner_body, via, True)
                case If(_, then, orelse):
                    walk(then, via, atomic)
                    walk(orelse, via, atomic)
                case While(_, inner_body) | Foreach(_, _, _, _, inner_body):
                    walk(inner_body, via, atomic)
                case Either(branches):
                    for b in branches:
                        walk(b, via, atomic)

    walk(tmpl.body, (), False)
    return out

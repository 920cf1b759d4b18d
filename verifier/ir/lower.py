"""Lower a checked spec, for one variant, to a transition system.

Requires: a CheckedSpec (names resolved, types checked, procs inlined). Provides: a
TransitionSystem whose state is flat (records, arrays, lists and pools become one variable per
leaf), whose expressions are quantifier-free (quantifiers over finite domains are expanded), and
whose actions are the steps of DESIGN.md section 1: each step runs one statement that touches
shared state, together with the thread-local statements around it; an `atomic` block is one step;
asserts that read shared state are checked in the state where the thread is about to run them.

Steps are found by symbolic execution of each thread's control-flow graph from every step start.
Thread predicates (enabled, quiescent, at) are left as placeholders that verifier/ir/threadpreds.py
resolves once every step exists; verifier/ir/pointers.py says which pointers can dangle.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Union

from verifier.diagnostics import Diagnostic, Note
from verifier.ir.interp import evaluate
from verifier.ir.model import (
    BOOL,
    DANGLING,
    FALSE,
    NONE,
    STOPPING_CHECKS,
    TRUE,
    Action,
    Arith,
    CheckInfo,
    Const,
    Display,
    Expr,
    GracePeriod,
    Invariant,
    IrqLockUse,
    ListVars,
    Lock,
    Origin,
    Ref,
    Scalarset,
    Sort,
    Temporal,
    Thread,
    TransitionSystem,
    Var,
    WorkItem,
    children,
    const_int,
    int_sort,
    is_false,
    mk_and,
    mk_arith,
    mk_cmp,
    mk_eq,
    mk_implies,
    mk_ite,
    mk_mask,
    mk_member,
    mk_not,
    mk_or,
    mk_select,
    mk_setop,
    set_sort,
)
from verifier.ir.pointers import (
    compares_pointers,
    freed_pools,
    loop_var_can_dangle,
    make_dangling,
    pool_of,
    stmt_compares_pointers,
)
from verifier.ir.threadpreds import AtPh, EnabledPh, QuiescentPh, Resolver, at_labels
from verifier.sema import typed as T
from verifier.sema.types import (
    AnyT,
    ArrayT,
    BoolT,
    EnumT,
    IntT,
    ListT,
    OptionT,
    PoolT,
    RecordT,
    SetT,
    ThreadT,
    Type,
    list_fields,
)
from verifier.source import Span

END_PC = 0
MAX_PATHS = T.MAX_STEP_PATHS  # the checker keeps atomic blocks and choices well below this (IRQ404)


INIT_TID = -2  # the pseudo thread an `init` block is lowered in: it has no pc and no storage after init
MAX_INIT_STEPS = 1_000_000  # statements one init block may run (a corrupted list could loop)


class InitFailure(Exception):
    """A check that fails while an `init` block runs: a spec error (nothing ran yet, no trace)."""

    def __init__(self, check: str, message: str, span: Span | None, notes: tuple[Note, ...] = ()):
        super().__init__(message)
        self.check = check
        self.message = message
        self.span = span
        self.notes = notes


class LoweringError(Exception):
    """A construct the IR cannot represent (reported as an internal error with its span)."""

    def __init__(self, message: str, span: Span | None = None):
        super().__init__(message)
        self.span = span


# ---- layouts: where a typed value lives in the flat state ------------------------------


@dataclass(frozen=True, slots=True)
class Leaf:
    expr: Expr  # Ref(var) for storage; any expression for a value


@dataclass(frozen=True, slots=True)
class Rec:
    fields: tuple[tuple[str, Layout], ...]

    def get(self, name: str) -> Layout:
        for n, x in self.fields:
            if n == name:
                return x
        raise LoweringError(f"no field {name}")


@dataclass(frozen=True, slots=True)
class Arr:
    lo: int
    items: tuple[Layout, ...]


Layout = Union[Leaf, Rec, Arr]  # noqa: UP007 - a runtime alias used in isinstance-free code


def _leaves(x: Layout) -> list[Expr]:
    if isinstance(x, Leaf):
        return [x.expr]
    if isinstance(x, Rec):
        return [e for _, f in x.fields for e in _leaves(f)]
    return [e for i in x.items for e in _leaves(i)]


def _map(x: Layout, fn) -> Layout:  # type: ignore[no-untyped-def]
    if isinstance(x, Leaf):
        return Leaf(fn(x.expr))
    if isinstance(x, Rec):
        return Rec(tuple((n, _map(f, fn)) for n, f in x.fields))
    return Arr(x.lo, tuple(_map(i, fn) for i in x.items))


def _select_layout(index: Expr, items: tuple[Layout, ...], lo: int) -> Layout:
    """items[index - lo], element by element."""
    first = items[0]
    if isinstance(index, Const):
        i = int(index.value) - lo
        return items[i] if 0 <= i < len(items) else items[-1]
    if isinstance(first, Leaf):
        return Leaf(mk_select(index, tuple(i.expr for i in items), lo))  # type: ignore[union-attr]
    if isinstance(first, Rec):
        return Rec(
            tuple(
                (n, _select_layout(index, tuple(i.get(n) for i in items), lo))  # type: ignore[union-attr]
                for n, _ in first.fields
            )
        )
    return Arr(
        first.lo,
        tuple(
            _select_layout(index, tuple(i.items[k] for i in items), lo)  # type: ignore[union-attr]
            for k in range(len(first.items))
        ),
    )


def dom_lo(t: Type) -> int:
    """The code of the smallest value of a finite type (none is -1)."""
    if isinstance(t, OptionT):
        return NONE
    if isinstance(t, IntT):
        return t.lo
    return 0


def dom_codes(t: Type, nthreads: int) -> list[int]:
    match t:
        case BoolT():
            return [0, 1]
        case IntT(lo, hi):
            return list(range(lo, hi + 1))
        case EnumT(_, members):
            return list(range(len(members)))
        case PoolT(_, size):
            return list(range(size))
        case ThreadT():
            return list(range(nthreads))
        case OptionT(inner):
            return [NONE, *dom_codes(inner, nthreads)]
    raise LoweringError(f"not a finite type: {t}")


# ---- control-flow graph ---------------------------------------------------------------


@dataclass
class _Node:
    kind: str  # assign alloc free branch await assume assert choose either goto enter skip end
    stmt: T.TStmt | None = None
    next: int = -1
    alt: int = -1
    targets: tuple[int, ...] = ()
    depth: int = 0  # atomic nesting
    consts: dict[str, int] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # loop variable -> the local storing it
    visible: bool = False  # reads or writes shared state (for 'enter': the whole atomic region)
    sites: tuple[Span, ...] = ()
    via: tuple[str, ...] = ()
    calls: tuple[int, ...] = ()  # an id per inlined call, outermost first (for traces)
    extra: object = None


@dataclass
class _Path:
    pc: int
    sigma: dict[int, Expr]
    guard: Expr
    faults: list[tuple[str, Expr, _Node | None]]  # with the node raising each, for reports
    visited: frozenset[int]
    seen: bool
    origin: _Node | None
    assume_fails: Expr = FALSE  # where this path stops at a false `assume`


# The prelude's records that only say who holds a lock or is inside a read-side section: traces show
# the lock calls themselves, and these variables only when a property reads them.
LOCK_STATE_RECORDS = frozenset({"spinlock", "mutex", "srcu_struct", "rwlock", "rw_semaphore"})
# the prelude's locks: a field `owner: thread?` each, and `readers: [thread]...` for the
# reader-writer ones
LOCK_RECORDS = frozenset({"spinlock", "mutex", "rwlock", "rw_semaphore"})
SPINNING_LOCKS = frozenset({"spinlock", "rwlock"})  # the ones an interrupt handler may take
# the prelude's per-thread counts that keep a task on its CPU (docs/language.md, section 3.8)
CONTEXT_COUNTS = ("preempt_count", "irqs_off", "bh_off", "rcu_nesting")


def _takes(e: Expr, tid: int) -> bool:
    """Can the new owner value `e` be thread `tid` (an acquisition by it)?"""
    stack = [e]
    while stack:
        x = stack.pop()
        if isinstance(x, Const) and x.value == tid and not isinstance(x.value, bool):
            return True
        stack.extend(children(x))
    return False


def _raises(e: Expr, var: int) -> bool:
    """Is the new value `e` of counter `var` its old value plus something (an acquisition)?"""
    stack = [e]
    while stack:
        x = stack.pop()
        if isinstance(x, Arith) and x.op == "+" and Ref(var) in (x.left, x.right):
            return True
        stack.extend(children(x))
    return False


def _per_thread(x: Layout) -> tuple[tuple[int, int], ...]:
    """An array over `thread` of scalars: (thread code, variable) for each element."""
    assert isinstance(x, Arr)
    return tuple((x.lo + k, _leaf_var(item)) for k, item in enumerate(x.items))


def _leaf_var(x: Layout | None) -> int:
    assert isinstance(x, Leaf) and isinstance(x.expr, Ref)
    return x.expr.var


def lower(spec: T.CheckedSpec, variant: str) -> TransitionSystem:
    """The transition system of `spec` in `variant` (see module docstring)."""
    try:
        return _Lowerer(spec, variant).run()
    except InitFailure as e:  # the checker runs the init blocks first (init_diagnostics)
        raise LoweringError(f"init: {e.message}", e.span) from None


def init_diagnostics(spec: T.CheckedSpec) -> list[Diagnostic]:
    """Run the spec's `init` blocks in every variant: a check that fails there is a spec error
    (IRQ322), reported once per place, naming the variants where it fails if not all."""
    if not spec.inits:
        return []
    failures: dict[tuple[str, str], tuple[InitFailure, list[str]]] = {}
    for v in spec.variants:
        try:
            _Lowerer(spec, v.name).initial_state()
        except InitFailure as e:
            key = (e.message, str(e.span))
            failures.setdefault(key, (e, []))[1].append(v.name)
        except LoweringError as e:
            return [Diagnostic("IRQ501", f"cannot build the initial state of variant '{v.name}': {e}", e.span)]
    out = []
    for e, variants in failures.values():
        where = ""
        if len(variants) < len(spec.variants):
            where = " (in variant " + ", ".join(f"'{v}'" for v in variants) + ")"
        out.append(Diagnostic("IRQ322", f"{e.message}{where}", e.span, notes=e.notes))
    return out


class _Lowerer:
    def __init__(self, spec: T.CheckedSpec, variant: str):
        self.spec = spec
        v = next((x for x in spec.variants if x.name == variant), None)
        if v is None:
            raise LoweringError(f"no variant '{variant}'")
        self.variant = variant
        self.options = v.values(spec.options)
        self.option_types = {o.name: o.type for o in spec.options}
        self.nthreads = len(spec.instances)
        self.thread_names = tuple(i.display for i in spec.instances)
        self.vars: list[Var] = []
        self.init: list[int | bool] = []
        self.locks: list[Lock] = []
        self.lists: list[ListVars] = []
        self.irq_lock_uses: list[IrqLockUse] = []
        self.grace_periods: list[GracePeriod] = []
        self.work_items: list[WorkItem] = []
        self.globals: dict[str, Layout] = {}
        self.pools: dict[str, tuple[int, Arr, T.Pool]] = {}
        self.locals: dict[int, dict[str, Layout]] = {}
        self.pc_vars: dict[int, int] = {}
        self.templates = {t.name: t for t in spec.templates}
        # pools some `free` statement can free: only their pointers can be dangling
        self.freeable = freed_pools(spec)
        self.pointers: dict[str, list[int]] = {}  # pool -> every variable holding a pointer into it
        # evaluation state (per path)
        self.sigma: dict[int, Expr] = {}
        self.inst: T.ThreadInstance | None = None
        self.consts: dict[str, int] = {}
        self.aliases: dict[str, str] = {}
        self.bound: dict[str, Expr] = {}
        self.faults: list[tuple[str, Expr, _Node | None]] | None = None
        self.node: _Node | None = None  # the statement being lowered, for the faults it raises
        self.guard: Expr = TRUE
        self.initialised: tuple[int, ...] = ()
        self.at_labels = at_labels(spec)
        self.label_pcs: dict[int, dict[str, list[int]]] = {}  # thread -> label -> its pc values
        self._thread_preds = False  # some step reads enabled/quiescent/at (placeholders to resolve)
        self._preds: Resolver | None = None  # replaces the placeholders once every step exists
        self._final_actions: list[Action] = []
        self.local_types: dict[int, list[tuple[Layout, Type]]] = {}  # each thread's storage, typed

    # ---- state variables ----------------------------------------------------------
    def _new_var(
        self,
        name: str,
        sort: Sort,
        init: int | bool,
        owner: int | None,
        display: Display,
        hidden: bool = False,
        bookkeeping: bool = False,
    ) -> Leaf:
        self.vars.append(Var(name, sort, owner, display, hidden, bookkeeping))
        self.init.append(init)
        return Leaf(Ref(len(self.vars) - 1))

    def _display(self, t: Type) -> Display:
        match t:
            case EnumT(_, members):
                return Display(names=members)
            case PoolT(name, size):
                return Display(names=tuple(f"{name}#{i}" for i in range(size)))
            case ThreadT():
                return Display(names=self.thread_names)
            case OptionT(inner):
                d = self._display(inner)
                return d if d.names else Display(names=("",))  # names non-empty: show -1 as none
            case SetT(elem):
                d = self._display(elem)
                return Display(elem_names=d.names, elem_lo=dom_lo(elem))
        return Display()

    def _sort(self, t: Type) -> Sort:
        match t:
            case BoolT():
                return BOOL
            case IntT(lo, hi):
                return int_sort(lo, hi)
            case EnumT(_, members):
                return int_sort(0, len(members) - 1)
            case PoolT(name, size):
                return int_sort(DANGLING if name in self.freeable else 0, size - 1)
            case ThreadT():
                return int_sort(0, max(0, self.nthreads - 1))
            case OptionT(PoolT(name, size)):
                return int_sort(DANGLING if name in self.freeable else NONE, size - 1)
            case OptionT(inner):
                s = self._sort(inner)
                if s.kind != "int" or s.lo < 0:
                    raise LoweringError(f"optional '{t}' is not supported: use an enum or a pool reference")
                return int_sort(NONE, s.hi)
            case SetT(elem):
                return set_sort(len(dom_codes(elem, self.nthreads)))
        raise LoweringError(f"type '{t}' is not a scalar")

    def _default(self, t: Type) -> int | bool:
        match t:
            case BoolT():
                return False
            case IntT(lo, _):
                return lo
            case OptionT():
                return NONE
        return 0

    def _layout(self, name: str, t: Type, owner: int | None, hidden: bool = False, book: bool = False) -> Layout:
        match t:
            case RecordT(rname, _, fields):
                book = book or rname in LOCK_STATE_RECORDS
                rec = Rec(tuple((f, self._layout(f"{name}.{f}", ft, owner, hidden, book)) for f, ft in fields))
                if rname == "srcu_struct":
                    self.grace_periods.append(
                        GracePeriod(name, _per_thread(rec.get("nesting")), _per_thread(rec.get("gp_wait")))
                    )
                if rname == "work_struct":
                    self.work_items.append(WorkItem(name, _leaf_var(rec.get("pending")), _leaf_var(rec.get("running"))))
                if rname in LOCK_RECORDS:
                    readers: tuple[tuple[int, int], ...] = ()
                    if any(f == "readers" for f, _ in fields):
                        arr = rec.get("readers")
                        assert isinstance(arr, Arr)
                        readers = tuple((arr.lo + k, _leaf_var(x)) for k, x in enumerate(arr.items))
                    waiting = _leaf_var(rec.get("waiting")) if any(f == "waiting" for f, _ in fields) else None
                    self.locks.append(Lock(name, _leaf_var(rec.get("owner")), rname, readers, waiting))
                return rec
            case ListT(elem):
                fs = list_fields(elem)
                rec = Rec(tuple((f, self._layout(f"{name}.{f}", ft, owner, hidden, book)) for f, ft in fs))
                links = rec.get("next")
                assert isinstance(links, Arr)
                nexts = tuple((links.lo + k, _leaf_var(x)) for k, x in enumerate(links.items))
                self.lists.append(ListVars(name, _leaf_var(rec.get("head")), _leaf_var(rec.get("members")), nexts))
                return rec
            case ArrayT(key, value):
                codes = dom_codes(key, self.nthreads)
                disp = self._display(key)
                items = []
                for c in codes:
                    label = disp.show(self._sort(key), c) if disp.names or isinstance(key, BoolT) else str(c)
                    items.append(self._layout(f"{name}[{label}]", value, owner, hidden, book))
                return Arr(codes[0], tuple(items))
            case AnyT():
                raise LoweringError(f"'{name}' has no known type")
        leaf = self._new_var(name, self._sort(t), self._default(t), owner, self._display(t), hidden, book)
        pool = pool_of(t)
        if pool in self.freeable:
            self.pointers.setdefault(pool, []).append(leaf.expr.var)  # type: ignore[attr-defined]
        return leaf

    def _default_layout(self, t: Type) -> Layout:
        """The value a fresh object's field gets."""
        match t:
            case RecordT(_, _, fields):
                return Rec(tuple((f, self._default_layout(ft)) for f, ft in fields))
            case ListT(elem):
                return Rec(tuple((f, self._default_layout(ft)) for f, ft in list_fields(elem)))
            case ArrayT(key, value):
                codes = dom_codes(key, self.nthreads)
                return Arr(codes[0], tuple(self._default_layout(value) for _ in codes))
        return Leaf(Const(self._default(t), self._sort(t)))

    # ---- driver -------------------------------------------------------------------------
    def initial_state(self) -> None:
        """Lay out the shared state and compute its initial value: defaults, the variables' own
        initialisers, then the `init` blocks in order (raises InitFailure)."""
        for g in self.spec.globals:
            book = g.span.path.startswith("<prelude>")  # preempt_count, irqs_off, RCU nesting ...
            self.globals[g.name] = self._layout(g.name, g.type, None, book=book)
        for p in self.spec.pools:
            live = self._new_var(
                f"{p.name}.live",
                set_sort(p.size),
                0,
                None,
                Display(elem_names=tuple(f"{p.name}#{i}" for i in range(p.size))),
                bookkeeping=True,  # alloc and free say it; shown where a property reads it
            )
            slots = []
            for i in range(p.size):
                slots.append(Rec(tuple((f, self._layout(f"{p.name}#{i}.{f}", ft, None)) for f, ft in p.fields)))
            self.pools[p.name] = (live.expr.var, Arr(0, tuple(slots)), p)  # type: ignore[attr-defined]
        self._initialise_globals()
        before = list(self.init)
        for blk in self.spec.inits:
            self._run_init(blk)
        self.initialised = tuple(i for i, (a, b) in enumerate(zip(before, self.init, strict=True)) if a != b)

    def run(self) -> TransitionSystem:
        self.initial_state()
        if isinstance(self.globals.get("rcu_nesting"), Arr) and isinstance(self.globals.get("rcu_gp_wait"), Arr):
            self.grace_periods.append(
                GracePeriod("", _per_thread(self.globals["rcu_nesting"]), _per_thread(self.globals["rcu_gp_wait"]))
            )
        cfgs = {}
        for inst in self.spec.instances:
            tmpl = self.templates[inst.template]
            pc = self._new_var(f"{inst.display}.pc", int_sort(0, 0), 1, inst.tid, Display(), hidden=True)
            self.pc_vars[inst.tid] = pc.expr.var  # type: ignore[attr-defined]
            self.locals[inst.tid] = {}
            cfgs[inst.tid] = _CFG(self, inst, tmpl)
        for inst in self.spec.instances:
            cfg = cfgs[inst.tid]
            for name, t in [*self.templates[inst.template].locals, *cfg.extra_locals.items()]:
                if name not in cfg.const_locals:
                    hidden = "." in name or "#" in name
                    self.locals[inst.tid][name] = self._layout(f"{inst.display}.{name}", t, inst.tid, hidden)
                    self.local_types.setdefault(inst.tid, []).append((self.locals[inst.tid][name], t))
        actions: list[Action] = []
        threads: list[Thread] = []
        for inst in self.spec.instances:
            tmpl = self.templates[inst.template]
            acts, npcs, names = self._thread_actions(inst, cfgs[inst.tid])
            pcv = self.pc_vars[inst.tid]
            self.vars[pcv] = replace(self.vars[pcv], sort=int_sort(0, max(1, npcs - 1)))
            self.init[pcv] = 1 if npcs > 1 and tmpl.context == "task" else END_PC
            actions.extend(acts)
            threads.append(
                Thread(
                    inst.tid,
                    inst.display,
                    pcv,
                    END_PC,
                    tmpl.daemon,
                    tmpl.fair,
                    names,
                    tmpl.context,
                    self._cpu(inst),
                    self._counts(inst.tid),
                    self._running_flag(inst.tid, tmpl.context),
                )
            )
        actions = self._schedule(actions, threads)
        self._preds = Resolver(threads, self.label_pcs)
        if self._thread_preds:
            actions = self._preds.in_steps(actions)
        actions = self._irq_inversions(actions, threads)
        self._final_actions = actions
        invariants = tuple(Invariant(i.name, self._state_pred(i.expr), i.span) for i in self.spec.invariants)
        temporals = tuple(
            Temporal(
                p.name,
                p.formula.kind,
                self._state_pred(p.formula.body),
                self._state_pred(p.formula.trigger) if p.formula.trigger is not None else None,
                p.span,
            )
            for p in self.spec.properties
        )
        checks = tuple(CheckInfo(c.name, c.description, c.builtin, c.span) for c in self.spec.checks)
        return TransitionSystem(
            self.spec.path,
            self.variant,
            tuple(self.vars),
            tuple(self.init),
            tuple(threads),
            tuple(actions),
            invariants,
            temporals,
            checks,
            tuple(self.locks),
            tuple(self.lists),
            tuple(self.irq_lock_uses),
            tuple(self.grace_periods),
            tuple(self.work_items),
            self.initialised,
            self._scalarsets(),
        )

    def _scalarsets(self) -> tuple[Scalarset, ...]:
        from verifier.ir.scalarset import candidates  # it reads this module's layouts

        owned: dict[int, list[int]] = {}
        for i, v in enumerate(self.vars):
            if v.owner is not None:
                owned.setdefault(v.owner, []).append(i)
        pools = [(slots, p) for _, slots, p in self.pools.values()]
        return candidates(self.spec, self.globals, pools, self.local_types, owned)

    def _cpu(self, inst: T.ThreadInstance) -> int | None:
        """The CPU `inst` runs on, or None: a CPU of its own."""
        tmpl = self.templates[inst.template]
        if tmpl.cpu is None:
            return None
        self._reset_eval(inst)
        value = self._scalar(tmpl.cpu, TRUE)
        if not isinstance(value, Const):
            raise LoweringError("the CPU number is not constant", tmpl.cpu.span)
        return int(value.value)

    def _schedule(self, actions: list[Action], threads: list[Thread]) -> list[Action]:
        """Threads that share a CPU take turns on it (docs/language.md, "CPUs and interrupts"):
        every step of a thread is guarded by its CPU being its to use, faults and warnings too
        (a thread that cannot run cannot fail)."""
        by_cpu: dict[int, list[Thread]] = {}
        for t in threads:
            if t.cpu is not None:
                by_cpu.setdefault(t.cpu, []).append(t)
        gates: dict[int, Expr] = {}
        for group in by_cpu.values():
            if len(group) < 2:
                continue
            for t in group:
                gates[t.tid] = self._gate(t, [u for u in group if u.tid != t.tid])
        if not gates:
            return actions
        out = []
        for a in actions:
            g = gates.get(a.thread)
            if g is None:
                out.append(a)
                continue
            out.append(
                replace(
                    a,
                    guard=mk_and(a.guard, g),
                    faults=tuple((c, mk_and(e, g)) for c, e in a.faults),
                    warnings=tuple((c, mk_and(e, g)) for c, e in a.warnings),
                    assume_fails=mk_and(a.assume_fails, g),
                    fault_origins=tuple((c, mk_and(e, g), o) for c, e, o in a.fault_origins),
                )
            )
        return out

    def _irq_inversions(self, actions: list[Action], threads: list[Thread]) -> list[Action]:
        """lockdep's inconsistent lock state, as the warning `irq_inversion`: a spinning lock that a
        hard-IRQ (softirq) handler's code takes, taken elsewhere with hard IRQs (softirqs) enabled
        after the step -- for a reader-writer lock, a write in one place and a read or write in the
        other (reads are recursive: two reads do not conflict). A lock's uses are per instance
        (lockdep's are per class) and a handler's by its code, once its interrupt can be delivered
        at all, so the warning says "could deadlock if that interrupt arrived here", whether or
        not the model's CPUs let it: `deadlock` says whether it does."""
        context = {t.tid: t.context for t in threads}
        if "irq_inversion" not in {c.name for c in self.spec.checks} or set(context.values()) == {"task"}:
            return actions
        # every acquisition variable: (lock, "W" | "R", thread whose acquisition it records or None)
        sites: dict[int, tuple[Lock, str, int | None]] = {}
        for lk in self.locks:
            if lk.kind in SPINNING_LOCKS:
                sites[lk.owner] = (lk, "W", None)
                for tid, v in lk.readers:
                    sites[v] = (lk, "R", tid)

        def acquires(a: Action) -> list[tuple[Lock, str]]:
            out = []
            for v, e in a.updates:
                site = sites.get(v)
                if site is None:
                    continue
                lk, mode, tid = site
                if (mode == "W" and _takes(e, a.thread)) or (mode == "R" and tid == a.thread and _raises(e, v)):
                    out.append((lk, mode))
            return out

        # a handler whose delivery can never happen (its `when` is false in this variant) takes nothing
        deliverable = {
            a.thread for a in actions if a.src == END_PC and context[a.thread] != "task" and not is_false(a.guard)
        }
        taken: dict[tuple[str, str], set[str]] = {}  # (owner var's lock name, context) -> modes
        for a in actions:
            ctx = context[a.thread]
            if ctx == "task" or a.thread not in deliverable:
                continue
            for lk, mode in acquires(a):
                key = (lk.name, ctx)
                if key not in taken:
                    self.irq_lock_uses.append(IrqLockUse(lk.name, lk.owner, ctx, a.thread, a.origin))
                taken.setdefault(key, set()).add(mode)
        if not taken:
            return actions
        out = []
        for a in actions:
            ctx = context[a.thread]
            if ctx == "hardirq":
                out.append(a)
                continue
            updates = dict(a.updates)

            def after(name: str, tid: int = a.thread, updates: dict[int, Expr] = updates) -> Expr:
                var = self._context_var(name, tid)
                return mk_eq(updates.get(var.var, var), const_int(0))  # type: ignore[attr-defined]

            conds = []
            for lk, mode in acquires(a):
                hard = taken.get((lk.name, "hardirq"), set())
                soft = taken.get((lk.name, "softirq"), set()) if ctx == "task" else set()
                if "W" in hard or (mode == "W" and hard):
                    conds.append(after("irqs_off"))
                if "W" in soft or (mode == "W" and soft):
                    conds.append(mk_and(after("irqs_off"), after("bh_off")))
            if not conds:
                out.append(a)
                continue
            cond = mk_and(a.guard, mk_or(*conds))
            out.append(
                replace(
                    a,
                    warnings=(*a.warnings, ("irq_inversion", cond)),
                    fault_origins=(*a.fault_origins, ("irq_inversion", cond, a.origin)),
                )
            )
        return out

    def _counts(self, tid: int) -> tuple[tuple[str, int], ...]:
        out = []
        for name in CONTEXT_COUNTS:
            arr = self.globals.get(name)
            if isinstance(arr, Arr):
                out.append((name, _leaf_var(arr.items[tid - arr.lo])))
        return tuple(out)

    def _running_flag(self, tid: int, context: str) -> int | None:
        arr = self.globals.get(f"{context}_running")
        return _leaf_var(arr.items[tid - arr.lo]) if isinstance(arr, Arr) else None

    def _context_var(self, name: str, tid: int) -> Expr:
        arr = self.globals.get(name)
        if not isinstance(arr, Arr):
            raise LoweringError(f"the prelude's '{name}' is missing: CPUs and handlers need the prelude")
        leaf = arr.items[tid - arr.lo]
        assert isinstance(leaf, Leaf)
        return leaf.expr

    def _gate(self, t: Thread, others: list[Thread]) -> Expr:
        """When thread `t` may step, given the other threads on its CPU."""
        hard = [mk_not(self._context_var("hardirq_running", u.tid)) for u in others]
        soft = [mk_not(self._context_var("softirq_running", u.tid)) for u in others]

        def zero(name: str, u: Thread) -> Expr:
            return mk_eq(self._context_var(name, u.tid), const_int(0))

        if t.context == "hardirq":
            # delivered when no other hard IRQ runs and the CPU has interrupts on; once running,
            # nothing preempts it
            deliver = mk_and(*hard, *(zero("irqs_off", u) for u in others))
            return mk_or(self._context_var("hardirq_running", t.tid), deliver)
        if t.context == "softirq":
            deliver = mk_and(*hard, *soft, *(mk_and(zero("irqs_off", u), zero("bh_off", u)) for u in others))
            return mk_ite(self._context_var("softirq_running", t.tid), mk_and(*hard), deliver)
        # a task: no handler in progress, and no other task that cannot be switched away from
        busy = [mk_and(*(zero(n, u) for n in CONTEXT_COUNTS)) for u in others if u.context == "task"]
        return mk_and(*hard, *soft, *busy)

    def _initialise_globals(self) -> None:
        for g in self.spec.globals:
            if g.init is None:
                continue
            self._reset_eval(None)
            value = self.ev(g.init, TRUE)
            target = self.globals[g.name]
            for dst, src in zip(_leaves(target), _leaves(self._coerce(value, g.type)), strict=True):
                if not isinstance(src, Const):
                    raise LoweringError(f"the initial value of '{g.name}' is not constant", g.span)
                self.init[dst.var] = src.value  # type: ignore[attr-defined]

    def _run_init(self, blk: T.Init) -> None:
        """Run one `init` block concretely on the initial state so far, as one atomic step of a
        thread that is none: its locals get scratch variables, dropped once it has run."""
        marks = (len(self.vars), len(self.locks), len(self.lists), len(self.grace_periods), len(self.work_items))
        inst = T.ThreadInstance(INIT_TID, "init", ())
        body = (T.Atomic(blk.body, span=blk.span),)
        tmpl = T.ThreadTemplate("init", (), None, False, blk.locals, body, blk.span)
        self.locals[INIT_TID] = {}
        cfg = _CFG(self, inst, tmpl)
        for name, t in [*blk.locals, *cfg.extra_locals.items()]:
            if name not in cfg.const_locals:
                self.locals[INIT_TID][name] = self._layout(f"init.{name}", t, None, hidden=True)
        state = tuple(self.init)
        sigma: dict[int, Expr] = {
            i: Const(v, var.sort) for i, (v, var) in enumerate(zip(self.init, self.vars, strict=True))
        }
        p = _Path(cfg.entry, sigma, TRUE, [], frozenset(), False, None)
        steps = 0
        try:
            while p.pc != -1:
                steps += 1
                if steps > MAX_INIT_STEPS:
                    raise LoweringError(f"init runs more than {MAX_INIT_STEPS} statements", blk.span)
                node = cfg.nodes[p.pc]
                taken = [q for q in self._step(inst, node, p) if evaluate(q.guard, state)]
                if len(taken) != 1:  # the checker allows no choice in init
                    raise LoweringError("init has no single way on", node.stmt.span if node.stmt else blk.span)
                q = taken[0]
                for check, cond, at in q.faults[len(p.faults) :]:
                    if evaluate(cond, state):
                        raise self._init_failure(check, at or node)
                p = replace(q, guard=TRUE)
            for i in range(marks[0]):
                v = evaluate(p.sigma.get(i, sigma[i]), state)
                self.init[i] = bool(v) if self.vars[i].sort.kind == "bool" else int(v)
        finally:
            del self.vars[marks[0] :], self.init[marks[0] :], self.locks[marks[1] :], self.lists[marks[2] :]
            del self.grace_periods[marks[3] :], self.work_items[marks[4] :]
            del self.locals[INIT_TID]

    def _init_failure(self, check: str, node: _Node) -> InitFailure:
        info = next((c for c in self.spec.checks if c.name == check), None)
        what = f": {info.description}" if info is not None and info.description else ""
        span = node.stmt.span if node.stmt is not None and node.stmt.span.line else None
        notes = tuple(
            Note(f"in the call of '{proc}' here", site)
            for proc, site in reversed(tuple(zip(node.via, node.sites, strict=True)))
        )
        return InitFailure(
            check, f"init fails the check '{check}'{what} (there is no trace: no thread has run)", span, notes
        )

    def _state_pred(self, e: T.TExpr) -> Expr:
        self._reset_eval(None)
        self.faults = None  # raw reads: an invariant looks at storage, it does not fault
        v = self.ev(e, TRUE)
        assert isinstance(v, Leaf)
        if self._preds is None:
            return v.expr
        return self._preds.in_property(v.expr, self._final_actions)

    def _reset_eval(self, inst: T.ThreadInstance | None) -> None:
        self.node = None
        self.sigma = {}
        self.inst = inst
        self.consts = {}
        self.aliases = {}
        self.bound = {}
        self.faults = []
        self.guard = TRUE

    # ---- expressions ----------------------------------------------------------------------
    def read(self, x: Layout) -> Layout:
        return _map(x, lambda e: self.sigma.get(e.var, e) if isinstance(e, Ref) else e)

    def fault(self, check: str, cond: Expr) -> None:
        if self.faults is None:
            return
        c = mk_and(self.guard, cond)
        if not is_false(c):
            self.faults.append((check, c, self.node))

    def code(self, e: Expr, t: Type) -> Expr:
        """A finite value as an integer code (bools become 0/1)."""
        if isinstance(t, BoolT):
            return mk_ite(e, const_int(1), const_int(0))
        return e

    def ev(self, e: T.TExpr, ctx: Expr) -> Layout:
        """The value of `e` in the current symbolic state; faults are recorded under `ctx`."""
        match e:
            case T.Lit(t, value):
                if value is None:
                    return Leaf(const_int(NONE))
                if isinstance(value, bool):
                    return Leaf(Const(value, BOOL))
                if isinstance(value, str):
                    assert isinstance(t, EnumT)
                    return Leaf(const_int(t.members.index(value)))
                return Leaf(const_int(value))
            case T.Var(t, name, kind):
                return self._var(t, name, kind, e.span)
            case T.Self():
                if self.inst is None:
                    raise LoweringError("'self' outside a thread", e.span)
                return Leaf(const_int(self.inst.tid))
            case T.FieldOf(_, base, name):
                bt = base.type
                if isinstance(bt, PoolT) or (isinstance(bt, OptionT) and isinstance(bt.inner, PoolT)):
                    pool = bt.name if isinstance(bt, PoolT) else bt.inner.name  # type: ignore[attr-defined]
                    ref = self._scalar(base, ctx)
                    obj = self._deref(pool, ref, ctx)
                    return obj.get(name)  # type: ignore[union-attr]
                rec = self.ev(base, ctx)
                assert isinstance(rec, Rec)
                return rec.get(name)
            case T.IndexOf(_, base, index):
                arr = self.ev(base, ctx)
                assert isinstance(arr, Arr)
                i = self.code(self._scalar(index, ctx), index.type)
                self._index_fault(i, index.type, arr, ctx)
                return _select_layout(i, arr.items, arr.lo)
            case T.Un(_, "!", x):
                return Leaf(mk_not(self._scalar(x, ctx)))
            case T.Un(_, "-", x):
                return Leaf(mk_arith("-", const_int(0), self._scalar(x, ctx)))
            case T.Un(t, "unwrap", x):
                v = self._scalar(x, ctx)
                is_none = mk_eq(v, const_int(NONE))
                self.fault("null_deref", mk_and(ctx, is_none))
                # the step stops on the fault: any in-range value will do where it is none
                return Leaf(mk_ite(is_none, const_int(self._sort(t).lo), v))
            case T.Bin(t, op, l, r):
                return Leaf(self._binary(t, op, l, r, ctx))
            case T.SetOf(t, items):
                assert isinstance(t, SetT)
                n = len(dom_codes(t.elem, self.nthreads))
                lo = dom_lo(t.elem)
                codes = [self.code(self._scalar(i, ctx), i.type) for i in items]
                bits = tuple(mk_or(*(mk_eq(c, const_int(k + lo)) for c in codes)) for k in range(n))
                return Leaf(mk_mask(bits))
            case T.BinderOf(t, kind, var, dom, body):
                return Leaf(self._binder(t, kind, var, dom, body, ctx))
            case T.Builtin(_, name, args):
                return Leaf(self._builtin(name, args, ctx))
            case T.AtLabel(_, thread, label):
                self._thread_preds = True
                return Leaf(AtPh(self._scalar(thread, ctx), label))
            case T.ThreadLocal(_, tid, name):
                layout = self.locals[tid].get(name)
                if layout is None:
                    raise LoweringError(
                        f"local '{name}' of thread {self.thread_names[tid]} has no storage (a foreach variable "
                        "is a constant in each copy of the loop's body): read a local the thread assigns",
                        e.span,
                    )
                return layout
        raise LoweringError(f"cannot lower expression {type(e).__name__}", e.span)

    def _scalar(self, e: T.TExpr, ctx: Expr) -> Expr:
        v = self.ev(e, ctx)
        if not isinstance(v, Leaf):
            raise LoweringError("expected a scalar value", e.span)
        return v.expr

    def _var(self, t: Type, name: str, kind: str, span: Span) -> Layout:
        if kind == "global":
            if name not in self.globals:
                raise LoweringError(f"unknown global '{name}'", span)
            return self.read(self.globals[name])
        if kind == "option":
            v = self.options[name]
            if isinstance(v, bool):
                return Leaf(Const(v, BOOL))
            if isinstance(v, str):
                ot = self.option_types[name]
                assert isinstance(ot, EnumT)
                return Leaf(const_int(ot.members.index(v)))
            return Leaf(const_int(v))
        if kind == "bound":
            return Leaf(self.bound[name])
        if kind == "param":
            if self.inst is None:
                raise LoweringError(f"thread parameter '{name}' outside a thread", span)
            tmpl = self.templates[self.inst.template]
            idx = [p for p, _ in tmpl.params].index(name)
            value = self.inst.args[idx]
            ptype = tmpl.params[idx][1]
            if isinstance(value, bool):
                return Leaf(Const(value, BOOL))
            if isinstance(value, str):
                assert isinstance(ptype, EnumT)
                return Leaf(const_int(ptype.members.index(value)))
            return Leaf(const_int(value))
        # local
        if name in self.consts:
            return Leaf(
                const_int(self.consts[name]) if not isinstance(t, BoolT) else Const(bool(self.consts[name]), BOOL)
            )
        assert self.inst is not None
        layout = self.locals[self.inst.tid].get(self.aliases.get(name, name))
        if layout is None:
            raise LoweringError(f"local '{name}' has no storage", span)
        return self.read(layout)

    def _deref(self, pool: str, ref: Expr, ctx: Expr, write: bool = False) -> Layout:
        live_var, slots, _ = self.pools[pool]
        live = self.sigma.get(live_var, Ref(live_var))
        n = len(slots.items)
        is_none = mk_eq(ref, const_int(NONE))
        self.fault("null_deref", mk_and(ctx, is_none))
        # a dangling pointer (-2) is in no live set: its deref is a use after free, as is a
        # pointer to a slot freed but not yet reused
        self.fault("use_after_free", mk_and(ctx, mk_not(is_none), mk_not(mk_member(live, ref, n))))
        return _select_layout(ref, tuple(self.read(s) for s in slots.items), 0)

    def _index_fault(self, i: Expr, itype: Type, arr: Arr, ctx: Expr) -> None:
        if pool_of(itype) in self.freeable:
            # an array keyed by objects (a list's next pointers, per-object state) is part of
            # each object: reading or writing the entry of a freed one is a use after free
            self.fault("use_after_free", mk_and(ctx, mk_eq(i, const_int(DANGLING))))
        hi = arr.lo + len(arr.items) - 1
        if isinstance(itype, IntT) and arr.lo <= itype.lo and itype.hi <= hi:
            return
        if isinstance(itype, OptionT):
            self.fault("null_deref", mk_and(ctx, mk_eq(i, const_int(NONE))))
            return
        if isinstance(itype, IntT):
            self.fault(
                "out_of_range", mk_and(ctx, mk_or(mk_cmp("<", i, const_int(arr.lo)), mk_cmp(">", i, const_int(hi))))
            )

    def _binary(self, t: Type, op: str, l: T.TExpr, r: T.TExpr, ctx: Expr) -> Expr:
        if op == "&&":
            a = self._scalar(l, ctx)
            return mk_and(a, self._scalar(r, mk_and(ctx, a)))
        if op == "||":
            a = self._scalar(l, ctx)
            return mk_or(a, self._scalar(r, mk_and(ctx, mk_not(a))))
        if op == "==>":
            a = self._scalar(l, ctx)
            return mk_implies(a, self._scalar(r, mk_and(ctx, a)))
        if op in ("in", "notin"):
            s = self._scalar(r, ctx)
            st = r.type
            elem = st.elem if isinstance(st, SetT) else l.type
            n = len(dom_codes(elem, self.nthreads)) if not isinstance(elem, AnyT) else 0
            idx = mk_arith("-", self.code(self._scalar(l, ctx), l.type), const_int(dom_lo(elem)))
            m = mk_member(s, idx, n) if n else FALSE
            return m if op == "in" else mk_not(m)
        if op in ("==", "!=") and isinstance(l.type, SetT) and isinstance(r.type, SetT):
            lo, n = self._set_layout(l.type if not isinstance(l.type.elem, AnyT) else r.type)
            a_s = self.realign(self._scalar(l, ctx), l.type, lo, n, FALSE)
            b_s = self.realign(self._scalar(r, ctx), r.type, lo, n, FALSE)
            eq = mk_eq(a_s, b_s)
            return eq if op == "==" else mk_not(eq)
        if op in ("==", "!="):
            a, b = self.ev(l, ctx), self.ev(r, ctx)
            eq = mk_and(*(mk_eq(x, y) for x, y in zip(_leaves(a), _leaves(b), strict=True)))
            return eq if op == "==" else mk_not(eq)
        if isinstance(t, SetT):
            lo, n = self._set_layout(t)
            a = self.realign(self._scalar(l, ctx), l.type, lo, n, FALSE if op == "-" else ctx)
            b = self.realign(self._scalar(r, ctx), r.type, lo, n, FALSE if op == "-" else ctx)
            return mk_setop("union" if op == "+" else "diff", a, b, n)
        a, b = self._scalar(l, ctx), self._scalar(r, ctx)
        if op in ("/", "%"):
            self.fault("out_of_range", mk_and(ctx, mk_eq(b, const_int(0))))
        if op in ("<", "<=", ">", ">="):
            return mk_cmp(op, a, b)
        return mk_arith(op, a, b)

    def _binder(self, t: Type, kind: str, var: str, dom: Type, body: T.TExpr, ctx: Expr) -> Expr:
        values: list[Expr] = []
        codes = dom_codes(dom, self.nthreads)
        for c in codes:
            self.bound[var] = Const(bool(c), BOOL) if isinstance(dom, BoolT) else const_int(c)
            inner_ctx = ctx
            if kind == "forall":
                inner_ctx = mk_and(ctx, *[v for v in values])  # short-circuit: earlier values held
            values.append(self._scalar(body, inner_ctx))
        del self.bound[var]
        if kind == "forall":
            return mk_and(*values)
        if kind == "exists":
            return mk_or(*values)
        if kind == "count":
            total: Expr = const_int(0)
            for v in values:
                total = mk_arith("+", total, mk_ite(v, const_int(1), const_int(0)))
            return total
        return mk_mask(tuple(values))

    def _builtin(self, name: str, args: tuple[T.TExpr, ...], ctx: Expr) -> Expr:
        if name == "quiescent":
            self._thread_preds = True
            return QuiescentPh(self.inst.tid if self.inst is not None else None)
        (a,) = args
        if name == "enabled":
            self._thread_preds = True
            return EnabledPh(self._scalar(a, ctx))
        v = self._scalar(a, ctx)
        if name == "live":
            at = a.type
            pool = at.name if isinstance(at, PoolT) else at.inner.name  # type: ignore[attr-defined]
            live_var, slots, _ = self.pools[pool]
            live = self.sigma.get(live_var, Ref(live_var))
            return mk_member(live, v, len(slots.items))
        if name == "size":
            st = a.type
            assert isinstance(st, SetT)
            n = len(dom_codes(st.elem, self.nthreads))
            from verifier.ir.model import Size

            return Size(v, n) if not isinstance(v, Const) else const_int(bin(int(v.value)).count("1"))
        # done(t)
        outs = []
        for tid, pcv in self.pc_vars.items():
            pc = self.sigma.get(pcv, Ref(pcv))
            outs.append(mk_and(mk_eq(v, const_int(tid)), mk_eq(pc, const_int(END_PC))))
        return mk_or(*outs)

    def _coerce(self, value: Layout, t: Type) -> Layout:
        return value

    def realign(self, e: Expr, src: Type, lo: int, n: int, ctx: Expr) -> Expr:
        """Set `e` of type `src`, laid out as a set of `n` elements whose bit 0 is value `lo`; an
        element with no place there is an `out_of_range` violation."""
        if not isinstance(src, SetT) or isinstance(src.elem, AnyT):
            return e
        slo, sn = dom_lo(src.elem), len(dom_codes(src.elem, self.nthreads))
        if (slo, sn) == (lo, n):
            return e
        outside = [mk_member(e, const_int(k), sn) for k in range(sn) if not 0 <= k + slo - lo < n]
        if outside:
            self.fault("out_of_range", mk_and(ctx, mk_or(*outside)))
        return mk_mask(tuple(mk_member(e, const_int(k + lo - slo), sn) for k in range(n)))

    def _set_layout(self, t: Type) -> tuple[int, int]:
        assert isinstance(t, SetT)
        return dom_lo(t.elem), len(dom_codes(t.elem, self.nthreads))

    # ---- writes -------------------------------------------------------------------------------
    def targets(self, e: T.TExpr, ctx: Expr) -> list[tuple[Expr, Layout]]:
        """Where an assignment to lvalue `e` may write: (condition, storage layout) alternatives."""
        match e:
            case T.Var(_, name, "global"):
                return [(TRUE, self.globals[name])]
            case T.Var(_, name, "local"):
                assert self.inst is not None
                return [(TRUE, self.locals[self.inst.tid][name])]
            case T.FieldOf(_, base, name):
                bt = base.type
                if isinstance(bt, PoolT) or (isinstance(bt, OptionT) and isinstance(bt.inner, PoolT)):
                    pool = bt.name if isinstance(bt, PoolT) else bt.inner.name  # type: ignore[attr-defined]
                    ref = self._scalar(base, ctx)
                    self._deref(pool, ref, ctx)
                    _, slots, _ = self.pools[pool]
                    return [
                        (mk_eq(ref, const_int(i)), s.get(name))
                        for i, s in enumerate(slots.items)  # type: ignore[union-attr]
                        if not is_false(mk_eq(ref, const_int(i)))
                    ]
                return [(c, x.get(name)) for c, x in self.targets(base, ctx)]  # type: ignore[union-attr]
            case T.IndexOf(_, base, index):
                i = self.code(self._scalar(index, ctx), index.type)
                out = []
                for c, arr in self.targets(base, ctx):
                    assert isinstance(arr, Arr)
                    self._index_fault(i, index.type, arr, ctx)
                    for k, item in enumerate(arr.items):
                        cond = mk_and(c, mk_eq(i, const_int(k + arr.lo)))
                        if not is_false(cond):
                            out.append((cond, item))
                return out
        raise LoweringError("not an assignable expression", e.span)

    def write(self, alternatives: list[tuple[Expr, Layout]], value: Layout, vtype: Type, ctx: Expr) -> None:
        updates: dict[int, Expr] = {}
        for cond, storage in alternatives:
            for dst, src in zip(_leaves(storage), _leaves(value), strict=True):
                assert isinstance(dst, Ref)
                var = self.vars[dst.var]
                if var.sort.kind == "set" and isinstance(vtype, SetT):
                    src = self.realign(src, vtype, var.display.elem_lo, var.sort.hi, mk_and(ctx, cond))
                self._range_fault(var.sort, src, vtype, mk_and(ctx, cond))
                old = updates.get(dst.var, self.sigma.get(dst.var, dst))
                updates[dst.var] = mk_ite(cond, src, old)
        self.sigma.update(updates)

    def _range_fault(self, sort: Sort, value: Expr, vtype: Type, ctx: Expr) -> None:
        """Storing an int outside the target's range is an `out_of_range` violation."""
        if sort.kind != "int" or not isinstance(vtype, IntT):
            return  # bools, sets, and enums/references/threads of the target's own type
        if isinstance(value, Const):
            if sort.lo <= int(value.value) <= sort.hi:
                return
        elif sort.lo <= vtype.lo and vtype.hi <= sort.hi:
            return
        self.fault(
            "out_of_range",
            mk_and(ctx, mk_or(mk_cmp("<", value, const_int(sort.lo)), mk_cmp(">", value, const_int(sort.hi)))),
        )

    # ---- per-thread actions ---------------------------------------------------------------
    def _thread_actions(self, inst: T.ThreadInstance, cfg: _CFG) -> tuple[list[Action], int, tuple[str, ...]]:
        starts = [cfg.entry]
        # a handler waiting for its interrupt is at pc END_PC: it has finished the last one (not
        # blocked, for deadlock) and its delivery step starts there
        first = END_PC if self.templates[inst.template].context != "task" else 1
        index = {cfg.entry: first}
        raw: list[tuple[int, int, Expr, dict[int, Expr], list[tuple[str, Expr, _Node | None]], _Node | None, bool]] = []
        i = 0
        while i < len(starts):
            start = starts[i]
            i += 1
            for dst, guard, sigma, faults, origin, assume in self._explore(inst, cfg, start):
                if dst != -1 and dst not in index:
                    index[dst] = len(index) + first
                    starts.append(dst)
                raw.append((start, dst, guard, sigma, faults, origin, assume))
        if cfg.entry == -1:
            return [], 1, ("end",)
        pcv = self.pc_vars[inst.tid]
        actions = []
        for src, dst, guard, sigma, faults, origin, assume in raw:
            src_pc = index[src]
            dst_pc = END_PC if dst == -1 else index[dst]
            updates = {k: v for k, v in sigma.items() if not (isinstance(v, Ref) and v.var == k)}
            updates[pcv] = const_int(dst_pc)
            actions.append(
                Action(
                    inst.tid,
                    src_pc,
                    dst_pc,
                    guard,
                    tuple(sorted(updates.items())),
                    tuple((c, e) for c, e, _ in faults if c in STOPPING_CHECKS),
                    _origin(origin),
                    assume,
                    tuple((c, e) for c, e, _ in faults if c not in STOPPING_CHECKS),
                    tuple((c, e, _origin(n) if n is not None else _origin(origin)) for c, e, n in faults),
                )
            )
        self.label_pcs[inst.tid] = {
            key: [index[n] for n in nodes if n in index] for key, nodes in cfg.label_nodes.items()
        }
        names = ["end"] + [""] * (len(index) + first - 1)
        for node_pc, n in index.items():
            node = cfg.nodes[node_pc]
            names[n] = _origin(node).text
        return actions, len(index) + first, tuple(names)

    def _explore(self, inst: T.ThreadInstance, cfg: _CFG, start: int):  # type: ignore[no-untyped-def]
        """Every path of one step from `start`: (dst node or -1 for the end, guard, sigma, faults, origin)."""
        stack = [_Path(start, {}, TRUE, [], frozenset(), False, None)]
        count = 0
        while stack:
            p = stack.pop()
            count += 1
            if count > MAX_PATHS:
                raise LoweringError(f"thread {inst.display}: a step has more than {MAX_PATHS} paths")
            if p.pc == -1:
                yield (-1, p.guard, p.sigma, p.faults, p.origin, p.assume_fails)
                continue
            node = cfg.nodes[p.pc]
            if node.depth == 0:
                if node.kind == "end":
                    yield (-1, p.guard, p.sigma, p.faults, p.origin, p.assume_fails)
                    continue
                if node.kind == "label" and p.pc != start:
                    # a label that at() names: the step ends in front of it, so it has a pc of its own
                    yield (p.pc, p.guard, p.sigma, p.faults, p.origin, p.assume_fails)
                    continue
                if (p.seen and node.visible) or p.pc in p.visited:
                    yield (p.pc, p.guard, p.sigma, p.faults, p.origin, p.assume_fails)
                    continue
                if p.seen and node.kind not in ("branch", "goto", "skip", "either"):
                    # a thread-local statement after the shared one may run in the same step only if
                    # it can neither block (await, assume, choose ... where) nor fail a check: else
                    # it would hold back, or fault, the step that precedes it
                    trial = self._step(inst, node, replace(p, visited=p.visited | {p.pc}))
                    blocks = node.kind == "enter" or not trial
                    if blocks or any(q.guard is not p.guard or len(q.faults) != len(p.faults) for q in trial):
                        yield (p.pc, p.guard, p.sigma, p.faults, p.origin, p.assume_fails)
                        continue
                    stack.extend(trial)
                    continue
                p = replace(p, visited=p.visited | {p.pc})
                if node.visible and node.kind != "assert":
                    # the step is named after its one statement that touches shared state
                    p = replace(p, seen=True, origin=node)
                elif p.origin is None and node.kind not in ("goto", "skip"):
                    p = replace(p, origin=node)
            stack.extend(self._step(inst, node, p))

    def _step(self, inst: T.ThreadInstance, node: _Node, p: _Path) -> list[_Path]:
        self.inst = inst
        self.sigma = dict(p.sigma)
        self.consts = node.consts
        self.aliases = node.aliases
        self.bound = {}
        self.faults = list(p.faults)
        self.node: _Node | None = node
        self.guard = p.guard
        s = node.stmt

        def cont(pc: int, guard: Expr | None = None, assume_fails: Expr = FALSE) -> _Path:
            return replace(
                p,
                pc=pc,
                sigma=self.sigma,
                guard=self.guard if guard is None else guard,
                faults=self.faults or [],
                assume_fails=mk_or(p.assume_fails, assume_fails),
            )

        k = node.kind
        if k in ("goto", "skip", "enter", "label"):
            return [cont(node.next)]
        if k == "assign":
            assert isinstance(s, T.Assign)
            value = self.ev(s.value, TRUE)
            self.write(self.targets(s.target, TRUE), value, s.value.type, TRUE)
            return [cont(node.next)]
        if k == "alloc":
            assert isinstance(s, T.AllocTo)
            self._alloc(s)
            return [cont(node.next)]
        if k == "free":
            assert isinstance(s, T.Free)
            self._free(s)
            return [cont(node.next)]
        if k in ("branch", "await", "assume"):
            if isinstance(node.extra, _SetHas):
                snap = self.read(self.locals[inst.tid][node.extra.snapshot])
                assert isinstance(snap, Leaf)
                cond = mk_member(snap.expr, const_int(node.extra.index), node.extra.n)
            elif isinstance(s, T.If) and s.bind is not None:
                return self._if_let(inst, node, s, cont)
            else:
                cond = self._scalar(node.extra, TRUE)  # type: ignore[arg-type]
            if k == "branch":
                out = []
                for c, pc in ((cond, node.next), (mk_not(cond), node.alt)):
                    g = mk_and(self.guard, c)
                    if not is_false(g):
                        out.append(cont(pc, g))
                return out
            g = mk_and(self.guard, cond)
            stops = mk_and(self.guard, mk_not(cond)) if k == "assume" else FALSE
            return [cont(node.next, g, stops)]
        if k == "assert":
            assert isinstance(s, T.Assert)
            cond = self._scalar(s.cond, TRUE)
            self.fault(s.check, mk_not(cond))
            return [cont(node.next)]
        if k == "choose":
            assert isinstance(s, T.Choose)
            out = []
            storage = self.locals[inst.tid][s.var]
            base_sigma, base_faults, base_guard = self.sigma, self.faults, self.guard
            for c in dom_codes(s.domain, self.nthreads):
                self.sigma = dict(base_sigma)
                self.faults = list(base_faults)
                self.guard = base_guard
                value: Expr = Const(bool(c), BOOL) if isinstance(s.domain, BoolT) else const_int(c)
                self.write([(TRUE, storage)], Leaf(value), s.domain, TRUE)
                g = self.guard
                if s.cond is not None:
                    g = mk_and(g, self._scalar(s.cond, TRUE))
                if not is_false(g):
                    out.append(cont(node.next, g))
            return out
        if k == "either":
            return [cont(t) for t in node.targets]
        raise LoweringError(f"unknown node kind {k}")

    def _if_let(self, inst: T.ThreadInstance, node: _Node, s: T.If, cont) -> list[_Path]:  # type: ignore[no-untyped-def]
        """`if let`: the value is read once; the then-path stores it in the bound local, in this step."""
        assert isinstance(s.cond, T.Bin) and s.bind is not None
        value = self._scalar(s.cond.left, TRUE)
        present = mk_not(mk_eq(value, const_int(NONE)))
        base_sigma, base_guard = self.sigma, self.guard
        out = []
        g = mk_and(base_guard, present)
        if not is_false(g):
            self.sigma = dict(base_sigma)
            tested = s.cond.left.type  # `T?`: the bound local is its `T`
            btype = tested.inner if isinstance(tested, OptionT) else tested
            self.write([(TRUE, self.locals[inst.tid][s.bind])], Leaf(value), btype, TRUE)
            out.append(cont(node.next, g))
        g = mk_and(base_guard, mk_not(present))
        if not is_false(g):
            self.sigma = base_sigma
            out.append(cont(node.alt, g))
        return out

    def _alloc(self, s: T.AllocTo) -> None:
        live_var, slots, pool = self.pools[s.pool]
        live = self.sigma.get(live_var, Ref(live_var))
        n = pool.size
        free = [mk_not(mk_member(live, const_int(i), n)) for i in range(n)]
        self.fault("pool_exhausted", mk_not(mk_or(*free)))
        slot: Expr = const_int(n - 1)
        for i in range(n - 2, -1, -1):
            slot = mk_ite(free[i], const_int(i), slot)
        self.sigma[live_var] = mk_setop("union", live, mk_mask(tuple(mk_eq(slot, const_int(i)) for i in range(n))), n)
        for i, rec in enumerate(slots.items):
            assert isinstance(rec, Rec)
            for fname, storage in rec.fields:
                ftype = dict(pool.fields)[fname]
                default = self._default_layout(ftype)
                self.write([(mk_eq(slot, const_int(i)), storage)], default, ftype, TRUE)
        self.write(self.targets(s.target, TRUE), Leaf(slot), PoolT(s.pool, n), TRUE)

    def _free(self, s: T.Free) -> None:
        rt = s.ref.type
        pool = rt.name if isinstance(rt, PoolT) else rt.inner.name  # type: ignore[attr-defined]
        ref = self._scalar(s.ref, TRUE)
        self._deref(pool, ref, TRUE)
        live_var, _, p = self.pools[pool]
        live = self.sigma.get(live_var, Ref(live_var))
        self.sigma[live_var] = mk_setop(
            "diff", live, mk_mask(tuple(mk_eq(ref, const_int(i)) for i in range(p.size))), p.size
        )
        make_dangling(self.sigma, self.pointers.get(pool, ()), ref, p.size)


def _origin(node: _Node | None) -> Origin:
    if node is None or node.stmt is None:
        return Origin("(end)", None)
    span = node.stmt.span
    text = " ".join(span.text().split()) if span.line else type(node.stmt).__name__
    return Origin(text, span, node.via, node.sites, node.calls)


# ---- building the control-flow graph ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _SetHas:
    """Branch condition of an unrolled set foreach: element `code` is in the snapshot local."""

    snapshot: str
    index: int
    n: int


class _CFG:
    """A thread body as nodes; foreach over finite domains and sets is unrolled."""

    def __init__(self, low: _Lowerer, inst: T.ThreadInstance, tmpl: T.ThreadTemplate):
        self.low = low
        self.inst = inst
        self.nodes: dict[int, _Node] = {}
        self.counter = 0
        self.calls = 0  # inlined calls so far
        self.const_locals: set[str] = set()
        self.extra_locals: dict[str, Type] = {}
        self.label_nodes: dict[str, list[int]] = {}  # labels at() names -> their nodes
        self.loops = 0  # foreach iterations whose variable is stored, for unique local names
        if tmpl.context == "task":
            self.entry = self.block(tmpl.body, -1, _Ctx())
        else:
            # a handler: delivery, body, return, and round again; `return` in the body returns
            # from the handler
            head = self.new(_Node("skip"))
            exit_ = self.block(tmpl.exit, head, _Ctx())
            body = self.block(tmpl.body, exit_, _Ctx(ret=exit_))
            self.entry = self.block(tmpl.entry, body, _Ctx())
            self.nodes[head] = self._make("goto", tmpl.entry[0], self.entry, _Ctx())

    def new(self, node: _Node) -> int:
        self.counter += 1
        self.nodes[self.counter] = node
        return self.counter

    def block(self, body: tuple[T.TStmt, ...], k: int, ctx: _Ctx) -> int:
        for s in reversed(body):
            k = self.stmt(s, k, ctx)
        return k

    def _make(self, kind: str, s: T.TStmt, k: int, ctx: _Ctx, **kw: object) -> _Node:
        """A node for statement `s` in context `ctx`, going on to `k` (not yet numbered)."""
        return _Node(
            kind,
            s,
            next=k,
            depth=ctx.depth,
            consts=dict(ctx.consts),
            aliases=dict(ctx.aliases),
            sites=ctx.sites,
            via=ctx.via,
            calls=ctx.calls,
            **kw,
        )  # type: ignore[arg-type]

    def _node(self, kind: str, s: T.TStmt, k: int, ctx: _Ctx, **kw: object) -> int:
        node = self._make(kind, s, k, ctx, **kw)
        if kind not in ("goto", "either"):
            node.visible = _visible(s) or stmt_compares_pointers(s, self.low.freeable)
        return self.new(node)

    def stmt(self, s: T.TStmt, k: int, ctx: _Ctx) -> int:
        match s:
            case T.Assign() | T.AllocTo():
                return self._node("assign" if isinstance(s, T.Assign) else "alloc", s, k, ctx)
            case T.Free():
                return self._node("free", s, k, ctx)
            case T.If(cond, then, orelse):
                t = self.block(then, k, ctx)
                e = self.block(orelse, k, ctx)
                return self._node("branch", s, t, ctx, alt=e, extra=cond)
            case T.While(cond, body):
                head = self.new(_Node("skip"))
                entry = self.block(body, head, replace(ctx, brk=k, cont=head))
                node = self._make("branch", s, entry, ctx, alt=k, extra=cond)
                node.visible = T.reads_shared(cond) or compares_pointers(cond, self.low.freeable)
                self.nodes[head] = node
                return head
            case T.Foreach(var, "domain", dom, _, body):
                self.const_locals.add(var)
                after = k
                for c in reversed(dom_codes(dom, self.low.nthreads)):
                    k = self._iteration(s, var, dom, c, body, k, replace(ctx, brk=after, cont=k))
                return k
            case T.Foreach(var, "set", dom, source, body):
                return self._foreach_set(s, var, dom, source, body, k, ctx)
            case T.Foreach(var, "list", dom, source, body):
                return self._foreach_list(s, var, dom, source, body, k, ctx)
            case T.Atomic(body):
                first = self.counter
                inner = self.block(body, k, replace(ctx, depth=ctx.depth + 1))
                region = [n for pc, n in self.nodes.items() if pc > first]
                node = self._make("enter", s, inner, ctx)
                node.visible = any(n.visible for n in region)
                return self.new(node)
            case T.Await(cond):
                return self._node("await", s, k, ctx, extra=cond)
            case T.Assume(cond):
                return self._node("assume", s, k, ctx, extra=cond)
            case T.Assert():
                return self._node("assert", s, k, ctx)
            case T.Choose():
                return self._node("choose", s, k, ctx)
            case T.Either(branches):
                targets = tuple(self.block(b, k, ctx) for b in branches)
                return self._node("either", s, k, ctx, targets=targets)
            case T.Skip():
                return k
            case T.Break():
                return self._node("goto", s, ctx.brk, ctx)
            case T.Continue():
                return self._node("goto", s, ctx.cont, ctx)
            case T.Return():
                return self._node("goto", s, ctx.ret, ctx)
            case T.Label(name, inner):
                key = ".".join((*ctx.via, name))
                inner_pc = self.stmt(inner, k, ctx)
                if ctx.depth > 0 or key not in self.low.at_labels.get(self.inst.template, ()):
                    return inner_pc  # a label no at() names has no effect
                n = self.new(self._make("label", s, inner_pc, ctx))
                self.label_nodes.setdefault(key, []).append(n)
                return n
            case T.Inline(proc, body):
                self.calls += 1
                inner = replace(
                    ctx, ret=k, via=(*ctx.via, proc), sites=(*ctx.sites, s.span), calls=(*ctx.calls, self.calls)
                )
                return self.block(body, k, inner)
        raise LoweringError(f"cannot lower statement {type(s).__name__}", s.span)

    def _iteration(self, s: T.TStmt, var: str, dom: Type, c: int, body: tuple[T.TStmt, ...], k: int, ctx: _Ctx) -> int:
        """One unrolled iteration of a foreach over a domain or a set, with `var` bound to `c`.

        The loop variable is a constant unless it points into a pool that can be freed and a `free`
        could happen between binding it and using it (one in the body, or another thread's while
        the loop is not atomic): then it is a hidden local set at the start of the iteration, so
        that `free` makes it dangling like any other stored pointer."""
        bound = replace(ctx, consts={**ctx.consts, var: c})
        if not loop_var_can_dangle(s, dom, body, ctx.depth > 0, self.low.freeable):
            return self.block(body, k, bound)
        self.loops += 1
        store = f"{var}#{self.loops}"
        self.extra_locals[store] = dom
        consts = {n: v for n, v in ctx.consts.items() if n != var}
        entry = self.block(body, k, replace(ctx, consts=consts, aliases={**ctx.aliases, var: store}))
        bind = T.Assign(T.Var(dom, store, "local", span=s.span), T.Var(dom, var, "local", span=s.span), span=s.span)
        return self._node("assign", bind, entry, bound)

    def _foreach_set(
        self, s: T.TStmt, var: str, dom: Type, source: T.TExpr | None, body: tuple[T.TStmt, ...], k: int, ctx: _Ctx
    ) -> int:
        """Snapshot the set into a local, then visit each element present, in ascending order."""
        assert source is not None
        snap = f"{var}#snapshot"
        self.extra_locals[snap] = source.type
        self.const_locals.add(var)
        codes = dom_codes(dom, self.low.nthreads)
        lo = dom_lo(dom)
        after = k
        for c in reversed(codes):
            body_entry = self._iteration(s, var, dom, c, body, k, replace(ctx, brk=after, cont=k))
            k = self._node("branch", s, body_entry, ctx, alt=k, extra=_SetHas(snap, c - lo, len(codes)))
            self.nodes[k].visible = False
        take = T.Assign(T.Var(source.type, snap, "local", span=s.span), source, span=s.span)
        return self._node("assign", take, k, ctx)

    def _foreach_list(
        self, s: T.TStmt, var: str, dom: Type, source: T.TExpr | None, body: tuple[T.TStmt, ...], k: int, ctx: _Ctx
    ) -> int:
        """Walk a list like list_for_each_entry_rcu: read head, then each element's next after its body."""
        assert source is not None
        sp = s.span
        cur = f"{var}#cursor"
        opt = OptionT(dom)
        self.extra_locals[cur] = opt
        cur_ref = T.Var(opt, cur, "local", span=sp)
        head = T.FieldOf(opt, source, "head", span=sp)
        nxt = T.IndexOf(opt, T.FieldOf(ArrayT(dom, opt), source, "next", span=sp), cur_ref, span=sp)
        poisoned = T.FieldOf(SetT(dom), source, "poisoned", span=sp)
        not_none = T.Bin(_BOOL_T, "!=", cur_ref, T.Lit(opt, None, span=sp), span=sp)
        not_poisoned = T.Assert("list_corruption", T.Bin(_BOOL_T, "notin", cur_ref, poisoned, span=sp), span=sp)
        bind_stmt = T.Assign(T.Var(dom, var, "local", span=sp), cur_ref, span=sp)
        if ctx.depth > 0:
            # inside an atomic block: unrolled, one iteration per element the list can hold
            n = len(dom_codes(dom, self.low.nthreads))
            cycle = T.Assert("list_corruption", T.Un(_BOOL_T, "!", not_none, span=sp), span=sp)
            tail = self._node("assert", cycle, k, ctx)
            for _ in range(n):
                advance = self._node("assign", T.Assign(cur_ref, nxt, span=sp), tail, ctx)
                check = self._node("assert", not_poisoned, advance, ctx)
                b = self.block(body, check, replace(ctx, brk=k, cont=check))
                bind = self._node("assign", bind_stmt, b, ctx)
                tail = self._node("branch", s, bind, ctx, alt=k, extra=not_none)
            return self._node("assign", T.Assign(cur_ref, head, span=sp), tail, ctx)
        loop_head = self.new(_Node("skip"))
        advance = self._node("assign", T.Assign(cur_ref, nxt, span=sp), loop_head, ctx)
        check = self._node("assert", not_poisoned, advance, ctx)
        b = self.block(body, check, replace(ctx, brk=k, cont=check))
        bind = self._node("assign", bind_stmt, b, ctx)
        self.nodes[loop_head] = self._make("branch", s, bind, ctx, alt=k, extra=not_none)
        return self._node("assign", T.Assign(cur_ref, head, span=sp), loop_head, ctx)


@dataclass(frozen=True)
class _Ctx:
    depth: int = 0
    consts: dict[str, int] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    brk: int = -1
    cont: int = -1
    ret: int = -1
    sites: tuple[Span, ...] = ()
    via: tuple[str, ...] = ()
    calls: tuple[int, ...] = ()


_BOOL_T = BoolT()


def _locals_in(e: T.TExpr) -> list[str]:
    out: list[str] = []

    def walk(x: T.TExpr) -> None:
        match x:
            case T.Var(_, name, "local"):
                out.append(name)
            case T.FieldOf(_, base, _):
                walk(base)
            case T.IndexOf(_, base, index):
                walk(base)
                walk(index)
            case T.Un(_, _, a):
                walk(a)
            case T.Bin(_, _, a, b):
                walk(a)
                walk(b)
            case T.SetOf(_, items):
                for i in items:
                    walk(i)
            case T.BinderOf(_, _, _, _, body):
                walk(body)
            case T.Builtin(_, _, args):
                for a in args:
                    walk(a)
            case T.AtLabel(_, thread, _):
                walk(thread)

    walk(e)
    return out


def _writes_shared(target: T.TExpr) -> bool:
    match target:
        case T.Var(_, _, kind):
            return kind == "global"
        case T.FieldOf(_, base, _):
            return isinstance(base.type, PoolT | OptionT) or _writes_shared(base)
        case T.IndexOf(_, base, _):
            return _writes_shared(base)
    return False


def _visible(s: T.TStmt) -> bool:
    match s:
        case T.Assign(target, value):
            return _writes_shared(target) or T.reads_shared(target) or T.reads_shared(value)
        case T.AllocTo() | T.Free():
            return True
        case T.If(cond) | T.Await(cond) | T.Assume(cond) | T.Assert(_, cond):
            return T.reads_shared(cond)
        case T.Choose(_, _, cond):
            return cond is not None and T.reads_shared(cond)
    return False

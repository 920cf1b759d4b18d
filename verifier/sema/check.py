"""Check a parsed spec: resolve names and types, fold constants, inline procs and funcs.

Requires: the modules of one spec (prelude first). Provides: a CheckedSpec whose every expression
is typed and whose thread bodies call no procs (each call is an `Inline`), or a SpecError with
every diagnostic found in one pass. Errors do not cascade: an ill-typed expression gets type `?`
(AnyT), which fits anywhere.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from verifier.diagnostics import Diagnostic, Note, SpecError, did_you_mean
from verifier.sema import typed as T
from verifier.sema.types import (
    ANY,
    BOOL,
    THREAD,
    AnyT,
    ArrayT,
    BoolT,
    EnumT,
    IntT,
    ListT,
    OptionT,
    PoolT,
    ProcT,
    RecordT,
    SetT,
    ThreadT,
    Type,
    TypeVar,
    assignable,
    comparable,
    domain_size,
    is_finite,
    list_fields,
    same_shape,
    state_size,
)
from verifier.source import BUILTIN, Span
from verifier.syntax import ast

BUILTIN_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "deadlock",
        "no thread can step, none is stopped by a failing check or a false assume, "
        "and some non-daemon thread has not finished",
    ),
    ("assertion", "an assert without a check name failed"),
    ("use_after_free", "a freed pool object was accessed or freed again"),
    ("null_deref", "a field was accessed through none"),
    ("pool_exhausted", "alloc found no free object in its pool"),
    (
        "out_of_range",
        "a value did not fit the range it was stored in or indexed with, or was divided by zero",
    ),
    ("list_corruption", "a list walk followed the next pointer of an element removed by list_del"),
)
BUILTIN_FUNCS = ("live", "size", "done", "enabled", "at")
MAX_DOMAIN = 1 << 12
MAX_THREADS = 64
MAX_POOL = 64
# Limits that keep checking and lowering linear in the size of the spec (codes IRQ401..IRQ404).
MAX_INLINED = 100_000  # statements and expressions after inlining, unrolling, per thread instance
MAX_CALL_DEPTH = 64  # procs and funcs inlined inside one another
MAX_STATE_BITS = 1 << 16  # the state: shared variables, pool objects, every thread instance's locals
MAX_ATOMIC_PATHS = T.MAX_STEP_PATHS // 2  # an atomic block's own paths: its step may run more around it
MAX_STEP_PATHS = T.MAX_STEP_PATHS  # the lowering's limit for one step
MAX_SUGGESTION_WORK = 50_000  # names compared for "did you mean" hints, over the whole spec


class _LimitReached(Exception):
    """A limit that ends the check: going on would only repeat the work that is too large."""

    def __init__(self, code: str, span: Span, where: str, root: str | None):
        super().__init__(code)
        self.code = code
        self.span = span  # where the limit was reached
        self.where = where  # what was being checked, e.g. "thread 't'"
        self.root = root  # the thread or func whose body it was, if any
        self.calls: list[tuple[str, Span]] = []  # (callee, call site), innermost first


@dataclass
class _Frame:
    """One inlined proc (or the thread body itself) during elaboration."""

    name: str
    atomic_depth: int


@dataclass
class _Env:
    """What an expression or statement may see and do where it is checked."""

    scopes: list[dict[str, tuple]] = field(default_factory=list)
    tparams: dict[str, Type] = field(default_factory=dict)
    in_thread: bool = False
    state: bool = True  # may read shared state
    what: str = "expression"  # for messages: where state/self was not allowed
    atomic: int = 0
    loops: list[int] = field(default_factory=list)  # atomic depth at each enclosing loop
    frames: list[_Frame] = field(default_factory=list)
    inlining: tuple[str, ...] = ()
    thread: _ThreadCtx | None = None
    # locals of blocks that have ended: name -> (where declared, the block), for IRQ101's message
    ended: dict[str, tuple[Span, Span]] = field(default_factory=dict)
    init: bool = False  # in an `init` block: no thread, deterministic, one step

    def lookup(self, name: str) -> tuple | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def child(self, **changes: object) -> _Env:
        env = _Env(
            scopes=[*self.scopes, {}],
            tparams=self.tparams,
            in_thread=self.in_thread,
            state=self.state,
            what=self.what,
            atomic=self.atomic,
            loops=self.loops,
            frames=self.frames,
            inlining=self.inlining,
            thread=self.thread,
            ended=self.ended,
            init=self.init,
        )
        for k, v in changes.items():
            setattr(env, k, v)
        return env


@dataclass
class _ThreadCtx:
    locals: dict[str, Type] = field(default_factory=dict)
    readonly: set[str] = field(default_factory=set)

    def fresh(self, base: str, typ: Type) -> str:
        name = base
        n = 1
        while name in self.locals:
            n += 1
            name = f"{base}#{n}"
        self.locals[name] = typ
        return name


def check(modules: Sequence[ast.Module], overrides: dict[str, int] | None = None) -> T.CheckedSpec:
    """The checked spec of `modules` (the last is the main file); raises SpecError."""
    return _Checker(modules, overrides or {}).run()


class _Checker:
    def __init__(self, modules: Sequence[ast.Module], overrides: dict[str, int]):
        self.modules = modules
        self.path = modules[-1].path if modules else "<empty>"
        self.overrides = overrides
        self.diags: list[Diagnostic] = []
        self._seen: set[tuple[str, str, str]] = set()
        self.types: dict[str, ast.Decl] = {}
        self.values: dict[str, ast.Decl] = {}
        self.enum_members: dict[str, tuple[EnumT, Span]] = {}
        self.checks: dict[str, ast.CheckDecl | None] = {}
        self.props: dict[str, Span] = {}
        self.variants: dict[str, ast.VariantDecl] = {}
        self.const_values: dict[str, int | bool | str] = {}
        self._const_active: set[str] = set()  # the constants being evaluated
        self._const_failed: set[str] = set()  # evaluated once, with its error reported at its origin
        self._const_cycles: set[str] | None = None  # the constants on a cycle, found once
        self._type_stack: list[str] = []
        self._type_refs: list[Span] = []  # where each type on the stack was referred to
        self._type_memo: dict[str, Type] = {}  # non-generic named types, resolved once
        self._record_cache: dict[tuple[str, tuple[Type, ...]], RecordT] = {}
        self.nthreads = 0
        self.instances: list[T.ThreadInstance] = []
        # per template: its locals (unique name -> type) and labels (key -> inside an atomic block)
        self.template_locals: dict[str, dict[str, Type]] = {}
        self.template_labels: dict[str, dict[str, bool]] = {}
        self._at_uses: list[tuple[T.AtLabel, Span]] = []  # checked once every template's labels are known
        self._routine_alone = False  # a func checked on its own: thread locals are checked where it is used
        self._bound_counter = itertools.count(1)
        self._local_spans: dict[str, Span] = {}  # unique local name -> its declaration
        self._work = 0  # statements and expressions elaborated so far, see MAX_INLINED
        self._work_weight = 1  # how often each one counts: the instances of the thread being checked
        self._where = "the spec"  # what is being elaborated, for the message of MAX_INLINED
        self._where_root: str | None = None  # the thread (or func) whose body is being elaborated
        self._tree_sizes: dict[int, tuple[int, T.TExpr]] = {}  # id -> (nodes as a tree, the node)
        self._suggestions_left = MAX_SUGGESTION_WORK
        self.init_decls: list[ast.InitDecl] = []  # in source order, includes first
        self._init_calls: dict[int, _Frame] = {}  # calls from init already reported (one error each)

    # ---- diagnostics ---------------------------------------------------------
    def error(self, code: str, message: str, span: Span | None, notes: Sequence[Note] = ()) -> None:
        key = (code, message, str(span) if span is not None else "")
        if key in self._seen:
            return
        self._seen.add(key)
        self.diags.append(Diagnostic(code, message, span, notes=tuple(notes)))

    def _unknown(
        self, code: str, kind: str, name: str, span: Span, candidates: Callable[[], Sequence[str]] | Sequence[str]
    ) -> None:
        """Report an unknown name, with the closest known one as a hint while MAX_SUGGESTION_WORK
        lasts (a flood of unknown names gets plain messages rather than quadratic work)."""
        hint = ""
        if self._suggestions_left > 0:
            names = list(candidates() if callable(candidates) else candidates)
            self._suggestions_left -= len(names)
            if self._suggestions_left >= 0:
                hint = did_you_mean(name, names)
        self.error(code, f"unknown {kind} '{name}'{hint}", span)

    # ---- driver ----------------------------------------------------------------
    def run(self) -> T.CheckedSpec:
        try:
            return self._run()
        except _LimitReached as e:
            self.diags.append(self._limit_diagnostic(e))
            raise SpecError(sorted(self.diags, key=_position)) from None

    def _run(self) -> T.CheckedSpec:
        self._collect()
        consts = self._check_consts()
        pools = self._check_pools()
        self._check_type_decls()
        options = self._check_options()
        templates_ast = [d for d in self.values.values() if isinstance(d, ast.ThreadDecl)]
        instances = self._instances(templates_ast)
        self.nthreads = max(1, len(instances))
        self.instances = instances
        globals_ = self._check_globals()
        checks = self._check_checks()
        self._check_unused_routines()
        copies = {d.name: sum(1 for i in instances if i.template == d.name) for d in templates_ast}
        templates = tuple(self._check_thread(d, copies[d.name]) for d in templates_ast)
        self._check_state_size(globals_, pools, templates, copies)
        inits = tuple(self._check_init(d) for d in self.init_decls)
        for tmpl in templates:
            self.template_labels[tmpl.name] = T.labels_of(tmpl)
        invariants = self._check_invariants()
        properties = self._check_properties()
        self._check_at_uses()
        variants = self._check_variants(options)
        expectations = self._check_expectations(
            variants, [*(i.name for i in invariants), *(p.name for p in properties), *(c.name for c in checks)]
        )
        if not templates_ast and not self.diags:
            main = self.modules[-1].source if self.modules else None
            where = Span(main, 1, 1, 1, 2) if main is not None else None
            self.error("IRQ307", "the spec declares no thread: there is nothing to check", where)
        if not self.diags:
            for e in T.untyped_sets(globals_, templates, invariants, properties):
                what = "'{}'" if isinstance(e, T.SetOf) and not e.items else "this set"
                self.error(
                    "IRQ207", f"cannot infer the element type of {what}: use it where a set type is known", e.span
                )
        if self.diags:
            raise SpecError(sorted(self.diags, key=_position))
        spec = T.CheckedSpec(
            path=self.path,
            consts=tuple(consts.items()),
            globals=globals_,
            pools=pools,
            checks=checks,
            templates=templates,
            instances=tuple(instances),
            options=options,
            variants=variants,
            invariants=invariants,
            properties=properties,
            expectations=expectations,
            inits=inits,
        )
        if inits:
            from verifier.ir.lower import init_diagnostics  # the IR runs init: sema comes first

            failed = init_diagnostics(spec)
            if failed:
                raise SpecError(sorted(failed, key=_position))
        return spec

    # ---- collection ------------------------------------------------------------
    def _collect(self) -> None:
        for c_name, _ in BUILTIN_CHECKS:
            self.checks[c_name] = None
            self.props[c_name] = BUILTIN
        for module in self.modules:
            for decl in module.decls:
                self._collect_one(decl)
        for name in self.overrides:
            if not isinstance(self.values.get(name), ast.ConstDecl):
                self.error("IRQ101", f"--set {name}: the spec has no constant '{name}'", None)

    def _declare(
        self, table: dict, decl: ast.Decl, kind: str, name: str | None = None, span: Span | None = None
    ) -> bool:
        name = name or decl.name
        span = span or decl.name_span
        prev = table.get(name)
        if prev is not None:
            prev_span = prev.name_span if isinstance(prev, ast.Decl) else prev
            notes = [Note("first defined here", prev_span)] if isinstance(prev_span, Span) and prev_span.line else []
            self.error("IRQ102", f"{kind} '{name}' is defined twice", span, notes)
            return False
        table[name] = decl
        return True

    def _collect_one(self, decl: ast.Decl) -> None:
        match decl:
            case ast.Include():
                return
            case ast.TypeDecl() | ast.RecordDecl() | ast.PoolDecl():
                self._declare(self.types, decl, "type")
            case ast.EnumDecl():
                if self._declare(self.types, decl, "type"):
                    et = EnumT(decl.name, decl.members)
                    for m, sp in zip(
                        decl.members, decl.member_spans or [decl.name_span] * len(decl.members), strict=False
                    ):
                        if m in self.enum_members or m in self.values:
                            first = self.enum_members[m][1] if m in self.enum_members else self.values[m].name_span
                            notes = [Note("first defined here", first)] if first.line else []
                            self.error("IRQ102", f"enum member '{m}' is defined twice", sp, notes)
                        else:
                            self.enum_members[m] = (et, sp)
            case ast.CheckDecl():
                if decl.name in self.checks and self.checks[decl.name] is None:
                    self.error("IRQ102", f"check '{decl.name}' is built in and cannot be redeclared", decl.name_span)
                elif self._declare(self.checks, decl, "check"):
                    self._declare_prop(decl)
            case ast.InvariantDecl() | ast.PropertyDecl():
                self._declare_prop(decl)
            case ast.VariantDecl():
                self._declare(self.variants, decl, "variant")
            case ast.ExpectDecl():
                return
            case ast.InitDecl():
                self.init_decls.append(decl)
                return
            case _:
                if decl.name in self.enum_members:
                    first = self.enum_members[decl.name][1]
                    self.error(
                        "IRQ102",
                        f"'{decl.name}' is already an enum member",
                        decl.name_span,
                        [Note("first defined here", first)],
                    )
                self._declare(self.values, decl, "name")

    def _declare_prop(self, decl: ast.Decl) -> None:
        prev = self.props.get(decl.name)
        if prev is not None:
            what = "a built-in check" if prev.line == 0 else "a property"
            notes = [Note("first defined here", prev)] if prev.line else []
            self.error("IRQ102", f"'{decl.name}' is already {what}", decl.name_span, notes)
        else:
            self.props[decl.name] = decl.name_span

    # ---- constants --------------------------------------------------------------
    def _check_consts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for name, decl in self.values.items():
            if isinstance(decl, ast.ConstDecl):
                v = self._const(name)
                if isinstance(v, int) and not isinstance(v, bool):
                    out[name] = v
        return out

    def _const(self, name: str) -> int | bool | str | None:
        """The value of constant `name`, computed once: a failure is remembered too, so an error
        is reported once where it is, not again at every constant that uses it."""
        if name in self.const_values:
            return self.const_values[name]
        if name in self._const_active or name in self._const_failed:
            return None  # a cycle is reported once for each constant on it, below
        decl = self.values[name]
        assert isinstance(decl, ast.ConstDecl)
        if name in self.overrides:
            value: int | bool | str | None = self.overrides[name]
        else:
            self._const_active.add(name)
            value = self.const_eval(decl.value)
            self._const_active.discard(name)
            if name in self._cyclic_constants():
                self.error("IRQ204", f"constant '{name}' is defined in terms of itself", decl.name_span)
                value = None
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            self.error("IRQ201", f"constant '{name}' must be an integer", decl.value.span)
            value = None
        if value is None:
            self._const_failed.add(name)
        else:
            self.const_values[name] = value
        return value

    def _cyclic_constants(self) -> set[str]:
        """The constants defined in terms of themselves: those on a cycle of references, as
        const_eval follows them (found once, in linear time, whichever constant is asked first)."""
        if self._const_cycles is None:
            graph: dict[str, list[str]] = {}
            for name, decl in self.values.items():
                if isinstance(decl, ast.ConstDecl):
                    refs = [] if name in self.overrides else _const_refs(decl.value)
                    graph[name] = [r for r in refs if isinstance(self.values.get(r), ast.ConstDecl)]
            self._const_cycles = _on_cycles(graph)
        return self._const_cycles

    def const_eval(self, e: ast.Expr) -> int | bool | str | None:
        """The compile-time value of `e` (ints, bools, enum members), or None after an error."""
        match e:
            case ast.IntLit(value):
                return value
            case ast.BoolLit(value):
                return value
            case ast.NameRef(name):
                decl = self.values.get(name)
                if isinstance(decl, ast.ConstDecl):
                    return self._const(name)
                if name in self.enum_members:
                    return name
                if decl is not None:
                    self.error("IRQ204", f"'{name}' is not a constant", e.span)
                    return None
                self._unknown(
                    "IRQ101",
                    "constant",
                    name,
                    e.span,
                    lambda: [n for n, d in self.values.items() if isinstance(d, ast.ConstDecl)],
                )
                return None
            case ast.Unary("-", x):
                v = self.const_eval(x)
                return -v if isinstance(v, int) and not isinstance(v, bool) else None
            case ast.Unary("!", x):
                v = self.const_eval(x)
                return (not v) if isinstance(v, bool) else None
            case ast.Binary(op, l, r) if op in ("+", "-", "*", "/", "%"):
                a, b = self.const_eval(l), self.const_eval(r)
                if not (isinstance(a, int) and isinstance(b, int)) or isinstance(a, bool) or isinstance(b, bool):
                    if a is not None and b is not None:
                        self.error("IRQ201", f"'{op}' needs integers", e.span)
                    return None
                if op in ("/", "%") and b == 0:
                    self.error("IRQ206", "division by zero", e.span)
                    return None
                result = {
                    "+": lambda: a + b,
                    "-": lambda: a - b,
                    "*": lambda: a * b,
                    "/": lambda: _cdiv(a, b),
                    "%": lambda: a - b * _cdiv(a, b),
                }[op]()
                if abs(result) > 2**31 - 1:
                    self.error("IRQ008", f"constant value {result} is too large", e.span)
                    return None
                return result
        self.error("IRQ204", "expected a constant expression", e.span)
        return None

    def _const_int(self, e: ast.Expr, what: str) -> int | None:
        v = self.const_eval(e)
        if v is None:
            return None
        if not isinstance(v, int) or isinstance(v, bool):
            self.error("IRQ201", f"{what} must be an integer", e.span)
            return None
        return v

    # ---- types ------------------------------------------------------------------
    def resolve_type(self, te: ast.TypeExpr, tparams: dict[str, Type] | None = None, allow_proc: bool = False) -> Type:
        tparams = tparams or {}
        match te:
            case ast.BoolType():
                return BOOL
            case ast.RangeType(lo_e, hi_e):
                lo = self._const_int(lo_e, "a range bound")
                hi = self._const_int(hi_e, "a range bound")
                if lo is None or hi is None:
                    return ANY
                if lo > hi:
                    self.error("IRQ205", f"empty range {lo}..{hi}", te.span)
                    return ANY
                if hi - lo + 1 > MAX_DOMAIN:
                    self.error("IRQ205", f"range {lo}..{hi} has more than {MAX_DOMAIN} values", te.span)
                    return ANY
                return IntT(lo, hi)
            case ast.NamedType(name, args):
                return self._named_type(name, args, te.span, tparams)
            case ast.SetType(elem):
                return SetT(self._finite(self.resolve_type(elem, tparams), elem.span, "a set element"))
            case ast.ListType(elem):
                return ListT(self._finite(self.resolve_type(elem, tparams), elem.span, "a list element"))
            case ast.ArrayType(key, value):
                k = self._finite(self.resolve_type(key, tparams), key.span, "an array index")
                return ArrayT(k, self.resolve_type(value, tparams))
            case ast.OptionType(inner):
                i = self.resolve_type(inner, tparams)
                if isinstance(i, OptionT):
                    return i
                f = self._finite(i, inner.span, "an optional ('?') value")
                return ANY if isinstance(f, AnyT) else OptionT(f)  # after an error: no cascade
            case ast.ProcType(params):
                if not allow_proc:
                    self.error("IRQ201", "a proc type can only be the type of a proc parameter", te.span)
                    return ANY
                return ProcT(tuple(self.resolve_type(p, tparams) for p in params))
        self.error("IRQ501", f"unhandled type syntax {type(te).__name__}", te.span)
        return ANY

    def _finite(self, t: Type, span: Span, what: str) -> Type:
        if isinstance(t, TypeVar | AnyT) or is_finite(t):
            return t
        self.error("IRQ203", f"{what} must have a finite type (bool, range, enum, pool, thread), not '{t}'", span)
        return ANY

    def _named_type(self, name: str, args: tuple[ast.TypeExpr, ...], span: Span, tparams: dict[str, Type]) -> Type:
        if name in tparams:
            if args:
                self.error("IRQ108", f"type parameter '{name}' takes no arguments", span)
            return tparams[name]
        if name == "thread":
            return THREAD
        decl = self.types.get(name)
        if decl is None:
            self._unknown("IRQ103", "type", name, span, lambda: [*self.types, *tparams, "thread", "bool"])
            return ANY
        if not isinstance(decl, ast.RecordDecl) and args:
            self.error("IRQ108", f"type '{name}' takes no type arguments", span)
        # A type that takes no arguments means the same wherever it is used: resolve it once, so a
        # chain of aliases costs one step per alias and an error in it is reported once.
        plain = not args and not (isinstance(decl, ast.RecordDecl) and decl.type_params)
        if plain and name in self._type_memo:
            return self._type_memo[name]
        # Arguments first: `box<box<bool>>` uses box twice but does not contain itself.
        targs = tuple(self.resolve_type(a, tparams) for a in args) if isinstance(decl, ast.RecordDecl) else ()
        if name in self._type_stack:
            self._type_cycle(name, span)
            return ANY
        self._type_stack.append(name)
        self._type_refs.append(span)
        result: Type = ANY
        try:
            match decl:
                case ast.TypeDecl():
                    result = self.resolve_type(decl.type)
                    if isinstance(result, IntT) and isinstance(decl.type, ast.RangeType):
                        result = IntT(result.lo, result.hi, decl.name)
                case ast.EnumDecl():
                    result = EnumT(decl.name, decl.members)
                case ast.PoolDecl():
                    size = self._const_int(decl.size, "a pool size")
                    result = PoolT(decl.name, max(1, min(size or 1, MAX_POOL)))
                case ast.RecordDecl():
                    if len(args) != len(decl.type_params):
                        self.error(
                            "IRQ108",
                            f"record '{name}' takes {len(decl.type_params)} type argument(s), got {len(args)}",
                            span,
                        )
                    else:
                        result = self._record(decl, targs)
        finally:
            self._type_stack.pop()
            self._type_refs.pop()
        if plain:
            self._type_memo[name] = result
        return result

    def _type_cycle(self, name: str, span: Span) -> None:
        """Report that `name` (on the stack of types being resolved) contains itself.

        When the cycle is made of aliases only, each of them contains itself, and each is reported
        here, at the reference that leads to it along the cycle: an alias is resolved once, so the
        others would not find the cycle again from their own declarations.
        """
        self.error("IRQ203", f"type '{name}' contains itself", span)
        start = self._type_stack.index(name)
        cycle = self._type_stack[start:]
        if all(isinstance(self.types.get(n), ast.TypeDecl) for n in cycle):
            for member, ref in zip(cycle[1:], self._type_refs[start + 1 :], strict=True):
                self.error("IRQ203", f"type '{member}' contains itself", ref)

    def _record(self, decl: ast.RecordDecl, targs: tuple[Type, ...]) -> RecordT:
        key = (decl.name, targs)
        if key not in self._record_cache:
            binding = dict(zip(decl.type_params, targs, strict=True))
            fields = []
            seen: dict[str, Span] = {}
            for f in decl.fields:
                if f.name in seen:
                    self.error(
                        "IRQ102",
                        f"field '{f.name}' is defined twice",
                        f.span,
                        [Note("first defined here", seen[f.name])],
                    )
                    continue
                seen[f.name] = f.span
                fields.append((f.name, self.resolve_type(f.type, binding)))
            self._record_cache[key] = RecordT(decl.name, targs, tuple(fields))
        return self._record_cache[key]

    def _pool_fields(self, pool: PoolT) -> tuple[tuple[str, Type], ...]:
        decl = self.types[pool.name]
        assert isinstance(decl, ast.PoolDecl)
        key = (pool.name, ())
        if key not in self._record_cache:
            fields = []
            seen: dict[str, Span] = {}
            for f in decl.fields:
                if f.name in seen:
                    self.error(
                        "IRQ102",
                        f"field '{f.name}' is defined twice",
                        f.span,
                        [Note("first defined here", seen[f.name])],
                    )
                    continue
                seen[f.name] = f.span
                fields.append((f.name, self.resolve_type(f.type)))
            self._record_cache[key] = RecordT(pool.name, (), tuple(fields))
        return self._record_cache[key].fields

    # ---- top-level declarations --------------------------------------------------
    def _check_pools(self) -> tuple[T.Pool, ...]:
        out = []
        for name, decl in self.types.items():
            if isinstance(decl, ast.PoolDecl):
                size = self._const_int(decl.size, "a pool size")
                if size is not None and not 1 <= size <= MAX_POOL:
                    self.error("IRQ205", f"pool size must be 1..{MAX_POOL}, not {size}", decl.size.span)
                pt = PoolT(name, max(1, min(size or 1, MAX_POOL)))
                out.append(T.Pool(name, pt.size, self._pool_fields(pt), decl.span))
        return tuple(out)

    def _check_type_decls(self) -> None:
        """Resolve every type alias and record once, so their errors show even if they are never used."""
        for decl in list(self.types.values()):
            if isinstance(decl, ast.TypeDecl | ast.RecordDecl):
                tparams = {p: TypeVar(p) for p in getattr(decl, "type_params", ())}
                args = tuple(ast.NamedType(p, span=decl.name_span) for p in tparams)
                self._named_type(decl.name, args, decl.name_span, tparams)

    def _check_options(self) -> tuple[T.Option, ...]:
        out = []
        for name, decl in self.values.items():
            if not isinstance(decl, ast.OptionDecl):
                continue
            t = self.resolve_type(decl.type)
            if not isinstance(t, BoolT | IntT | EnumT | AnyT):
                self.error("IRQ106", f"option '{name}' must be a bool, a range or an enum, not '{t}'", decl.type.span)
                continue
            v = self._option_value(t, decl.default)
            if v is not None:
                out.append(T.Option(name, t, v, decl.span))
        return tuple(out)

    def _option_value(self, t: Type, e: ast.Expr) -> int | bool | str | None:
        v = self.const_eval(e)
        if v is None:
            return None
        ok = (
            (isinstance(t, BoolT) and isinstance(v, bool))
            or (isinstance(t, IntT) and isinstance(v, int) and not isinstance(v, bool) and t.lo <= v <= t.hi)
            or (isinstance(t, EnumT) and isinstance(v, str) and v in t.members)
            or isinstance(t, AnyT)
        )
        if not ok:
            self.error("IRQ201", f"value {_show(v)} does not fit option type '{t}'", e.span)
            return None
        return v

    def _instances(self, decls: list[ast.ThreadDecl]) -> list[T.ThreadInstance]:
        out: list[T.ThreadInstance] = []
        for decl in decls:
            domains: list[list[int | bool | str]] = []
            for p in decl.params:
                t = self.resolve_type(p.type)
                if isinstance(t, AnyT):
                    domains.append([])
                    continue
                if not isinstance(t, BoolT | IntT | EnumT):
                    self.error(
                        "IRQ203", f"thread parameter '{p.name}' must be a bool, range or enum, not '{t}'", p.type.span
                    )
                    domains.append([])
                    continue
                domains.append(_values(t))
            if len(out) + _product_size(domains) > MAX_THREADS:
                self.error("IRQ205", f"more than {MAX_THREADS} thread instances", decl.name_span)
                return out
            for combo in itertools.product(*domains):
                out.append(T.ThreadInstance(len(out), decl.name, tuple(combo)))
        return out

    def _check_globals(self) -> tuple[T.Global, ...]:
        out = []
        for name, decl in self.values.items():
            if not isinstance(decl, ast.VarDecl):
                continue
            t = self.resolve_type(decl.type)
            init = None
            if decl.init is not None:
                self._where = f"the initial value of '{name}'"
                env = _Env(scopes=[{}], state=False, what="an initial value")
                init = self.expr(decl.init, env)
                self._expect_assignable(init, t, decl.init.span)
                init = _retype_empty(init, t)
            out.append(T.Global(name, t, init, decl.span))
        self._where = "the spec"
        return tuple(out)

    def _check_checks(self) -> tuple[T.Check, ...]:
        out = [T.Check(n, d, True, BUILTIN) for n, d in BUILTIN_CHECKS]
        for name, decl in self.checks.items():
            if decl is not None:
                out.append(T.Check(name, decl.description, False, decl.span))
        return tuple(out)

    def _check_unused_routines(self) -> None:
        """Check non-generic procs and funcs once on their own, so errors show even if never called.
        The prelude's are a fixed cost of every spec, not the spec's: they do not count towards
        MAX_INLINED."""
        for name, decl in self.values.items():
            if isinstance(decl, ast.ProcDecl | ast.FuncDecl) and decl.span.path.startswith("<prelude>/"):
                work = self._work
                self._check_routine(name, decl)
                self._work = work
            else:
                self._check_routine(name, decl)
        self._where, self._where_root = "the spec", None

    def _check_routine(self, name: str, decl: ast.Decl) -> None:
        """Check one proc or func declaration on its own (generic ones are checked where called)."""
        if isinstance(decl, ast.ProcDecl | ast.FuncDecl):
            kind = "proc" if isinstance(decl, ast.ProcDecl) else "func"
            self._where = f"{kind} '{name}' (checked on its own)"
            self._where_root = name if kind == "func" else None  # a proc's own call names it
        if isinstance(decl, ast.ProcDecl) and not decl.type_params:
            env = _Env(scopes=[{}], in_thread=True, thread=_ThreadCtx(), frames=[_Frame("<check>", 0)])
            args = []
            for p in decl.params:
                pt = self.resolve_type(p.type, allow_proc=True)
                args.append(_Placeholder(pt, p))
            self._inline(decl, args, env, decl.name_span, placeholder=True)
        elif isinstance(decl, ast.FuncDecl) and not decl.type_params:
            env = _Env(scopes=[{}], in_thread=True, thread=_ThreadCtx(), what="a func")
            scope: dict[str, tuple] = {}
            for p in decl.params:
                if p.is_ref:
                    self.error("IRQ108", "func parameters cannot be 'ref'", p.span)
                pt = self.resolve_type(p.type)
                scope[p.name] = ("value", T.Var(pt, f"{name}.{p.name}", "bound", span=p.span))
            self._routine_alone = True
            try:
                body = self.expr(decl.body, env.child(scopes=[scope], inlining=(name,)))
            finally:
                self._routine_alone = False
            rt = self.resolve_type(decl.result)
            self._expect_assignable(body, rt, decl.body.span)

    def _check_thread(self, decl: ast.ThreadDecl, copies: int) -> T.ThreadTemplate:
        """The typed template of `decl`, of which there are `copies` instances (each counts towards
        MAX_INLINED: the lowering builds each instance's steps)."""
        self._where, self._where_root, self._work_weight = f"thread '{decl.name}'", decl.name, max(1, copies)
        try:
            return self._thread_template(decl)
        finally:
            self._where, self._where_root, self._work_weight = "the spec", None, 1

    def _thread_template(self, decl: ast.ThreadDecl) -> T.ThreadTemplate:
        mods = list(decl.modifiers)
        for m in set(mods):
            if mods.count(m) > 1:
                self.error("IRQ102", f"thread modifier '{m}' given twice", decl.name_span)
        if "fair" in mods and "strong_fair" in mods:
            self.error("IRQ201", "a thread is either 'fair' or 'strong_fair', not both", decl.name_span)
        fair = "strong" if "strong_fair" in mods else "weak" if "fair" in mods else None
        ctx = _ThreadCtx()
        scope: dict[str, tuple] = {}
        params = []
        for p in decl.params:
            if p.is_ref:
                self.error("IRQ108", "thread parameters cannot be 'ref'", p.span)
            t = self.resolve_type(p.type)
            if p.name in scope:
                self.error(
                    "IRQ102",
                    f"parameter '{p.name}' is defined twice",
                    p.span,
                    [Note("first defined here", scope[p.name][1].span)],
                )
            scope[p.name] = ("param", T.Var(t, p.name, "param", span=p.span))
            params.append((p.name, t))
        env = _Env(scopes=[scope], in_thread=True, thread=ctx, frames=[_Frame(decl.name, 0)])
        body = self.block(decl.body, env)
        self._check_atomic_paths(body)
        cpu = None
        if decl.cpu is not None:
            cpu_env = _Env(scopes=[scope], state=False, what="a CPU number")
            cpu = self.expr(decl.cpu, cpu_env)
            if not isinstance(cpu.type, IntT | AnyT):
                self.error("IRQ201", f"a CPU number must be an integer, not '{cpu.type}'", decl.cpu.span)
        entry: tuple[T.TStmt, ...] = ()
        exit_: tuple[T.TStmt, ...] = ()
        if decl.context != "task":
            entry, exit_ = self._handler_steps(decl, env)
        for first in T.crowded_steps(body, self.nthreads, MAX_STEP_PATHS):
            self.error(
                "IRQ404",
                f"the thread-local statements from here make one step of more than {MAX_STEP_PATHS} paths "
                "(each statement counted on each path): a step runs them with the next statement that "
                "touches shared state, so choose or branch on fewer values in a row",
                first.span,
            )
        self.template_locals[decl.name] = dict(ctx.locals)
        return T.ThreadTemplate(
            decl.name,
            tuple(params),
            fair,
            "daemon" in mods,
            tuple(ctx.locals.items()),
            body,
            decl.span,
            decl.context,
            cpu,
            entry,
            exit_,
        )

    def _check_init(self, decl: ast.InitDecl) -> T.Init:
        """The typed body of an `init` block: checked like a thread body, in an environment that
        rejects what needs a thread or a choice (IRQ320, IRQ321)."""
        self._where, self._where_root = "init", None
        try:
            ctx = _ThreadCtx()
            env = _Env(scopes=[{}], in_thread=True, thread=ctx, frames=[_Frame("<init>", 0)], init=True)
            body = self.block(decl.body, env)
            return T.Init(tuple(ctx.locals.items()), body, decl.span)
        finally:
            self._where, self._where_root = "the spec", None

    def _first_in_call(self, env: _Env) -> bool:
        """In init: is this the first error inside the current call from the init block? One error
        per call says the proc cannot run there; the rest of its body would only repeat it."""
        if len(env.frames) < 2:
            return True
        call = env.frames[1]
        if id(call) in self._init_calls:
            return False
        self._init_calls[id(call)] = call
        return True

    def _before_threads(self, env: _Env, sp: Span, what: str) -> bool:
        """Report a thread predicate used in an init block (IRQ320); true if it was. Init makes the
        state the threads start from: none has a program counter yet."""
        if not env.init:
            return False
        self.error("IRQ320", f"{what} cannot be used in init: it runs before any thread has started", sp)
        return True

    def _in_init(self, env: _Env, sp: Span, what: str, why: str) -> bool:
        """Report `what` used in an init block (IRQ321); true if it was."""
        if not env.init:
            return False
        if not self._first_in_call(env):
            return True
        where = f" (in proc '{env.frames[-1].name}')" if len(env.frames) > 1 else ""
        self.error("IRQ321", f"{what} cannot be used in init{where}: {why}", sp)
        return True

    def _handler_steps(self, decl: ast.ThreadDecl, env: _Env) -> tuple[tuple[T.TStmt, ...], tuple[T.TStmt, ...]]:
        """The steps around a handler's body: delivery (`when` holds; the handler is running) and
        return. Written in the language over the prelude's `hardirq_running`/`softirq_running`."""
        sp = decl.name_span
        flag = "hardirq_running" if decl.context == "hardirq" else "softirq_running"
        if not isinstance(self.values.get(flag), ast.VarDecl):
            self.error(
                "IRQ310",
                f"an interrupt handler needs the kernel prelude, which keeps each CPU's interrupt state ('{flag}')",
                sp,
            )
            return (), ()

        def mark(value: bool) -> ast.Stmt:
            target = ast.Index(ast.NameRef(flag, span=sp), ast.SelfRef(span=sp), span=sp)
            return ast.AssignStmt(target, "=", ast.BoolLit(value, span=sp), span=sp)

        when = decl.when if decl.when is not None else ast.BoolLit(True, span=sp)
        enter = ast.AtomicStmt(ast.Block((ast.AwaitStmt(when, span=when.span), mark(True)), span=sp), span=sp)
        entry = self.block(ast.Block((enter,), span=sp), env)
        exit_ = self.block(ast.Block((mark(False),), span=sp), env)
        return entry, exit_

    def _state_predicate(self, e: ast.Expr, what: str) -> T.TExpr:
        self._where = what
        env = _Env(scopes=[{}], in_thread=False, what=what)
        te = self.expr(e, env)
        self._expect_bool(te, e.span)
        return te

    def _check_invariants(self) -> tuple[T.Invariant, ...]:
        out = []
        for module in self.modules:
            for d in module.decls:
                if isinstance(d, ast.InvariantDecl):
                    out.append(T.Invariant(d.name, self._state_predicate(d.expr, "an invariant"), d.span))
        return tuple(out)

    def _check_properties(self) -> tuple[T.Property, ...]:
        out = []
        for module in self.modules:
            for d in module.decls:
                if isinstance(d, ast.PropertyDecl):
                    f = self._formula(d.formula)
                    if f is not None:
                        out.append(T.Property(d.name, f, d.span))
        return tuple(out)

    def _formula(self, f: ast.Temporal) -> T.TFormula | None:
        what = "a temporal property"
        match f:
            case ast.Always(ast.StateFormula(p)):
                return T.TFormula("always", self._state_predicate(p, what))
            case ast.Eventually(ast.StateFormula(p)):
                return T.TFormula("eventually", self._state_predicate(p, what))
            case ast.Always(ast.Eventually(ast.StateFormula(p))):
                return T.TFormula("always_eventually", self._state_predicate(p, what))
            case ast.LeadsTo(p, q) | ast.Always(ast.LeadsTo(p, q)):
                trig = self._state_predicate(p, what)
                return T.TFormula("leads_to", self._state_predicate(q, what), trig)
            case ast.StateFormula(p):
                self.error(
                    "IRQ309",
                    "a property needs 'always', 'eventually' or '~>'; "
                    "for a state predicate that must always hold, write an invariant",
                    f.span,
                )
                return None
        self.error(
            "IRQ309", "unsupported temporal formula: use always p, eventually p, always eventually p, or p ~> q", f.span
        )
        return None

    def _check_variants(self, options: tuple[T.Option, ...]) -> tuple[T.Variant, ...]:
        by_name = {o.name: o for o in options}
        out = []
        for name, decl in self.variants.items():
            settings: dict[str, int | bool | str] = {}
            for s in decl.settings:
                opt = by_name.get(s.name)
                if opt is None:
                    if not isinstance(self.values.get(s.name), ast.OptionDecl):
                        self._unknown("IRQ106", "option", s.name, s.span, list(by_name))
                    continue
                if s.name in settings:
                    self.error("IRQ102", f"option '{s.name}' is set twice in variant '{name}'", s.span)
                    continue
                v = self._option_value(opt.type, s.value)
                if v is not None:
                    settings[s.name] = v
            out.append(T.Variant(name, tuple(settings.items()), decl.span))
        if not out:
            out.append(T.Variant("default", (), BUILTIN))
        return tuple(out)

    def _check_expectations(self, variants: tuple[T.Variant, ...], props: list[str]) -> tuple[T.Expectation, ...]:
        vnames = [v.name for v in variants]
        out: dict[tuple[str, str], T.Expectation] = {}
        for module in self.modules:
            for d in module.decls:
                if not isinstance(d, ast.ExpectDecl):
                    continue
                vs = self._expand(d.variants, vnames, "variant")
                ps = self._expand(d.properties, [*props, *(n for n in self.props if n not in props)], "property")
                for v in vs:
                    for p in ps:
                        prev = out.get((v, p))
                        if prev is not None and prev.verdict != d.verdict:
                            self.error(
                                "IRQ102",
                                f"'{p}' in variant '{v}' is expected both to hold and to be violated",
                                d.span,
                                [Note("the other expectation", prev.span)],
                            )
                        out[(v, p)] = T.Expectation(v, p, d.verdict, d.span)
        return tuple(out.values())

    def _expand(self, names: tuple[tuple[str, Span], ...], known: list[str], kind: str) -> list[str]:
        out: list[str] = []
        for n, span in names:
            if n == "*":
                out.extend(known)
            elif n in known:
                out.append(n)
            else:
                self._unknown("IRQ105", kind, n, span, known)
        return out

    # ---- expressions ----------------------------------------------------------------
    def expr(self, e: ast.Expr, env: _Env) -> T.TExpr:
        """The typed form of `e`; errors are recorded and give an AnyT-typed placeholder."""
        sp = e.span
        self._count(1, sp)
        match e:
            case ast.IntLit(v):
                return T.Lit(IntT(v, v), v, span=sp)
            case ast.BoolLit(v):
                return T.Lit(BOOL, v, span=sp)
            case ast.NoneLit():
                return T.Lit(OptionT(ANY), None, span=sp)
            case ast.SelfRef():
                if env.init:
                    if not self._first_in_call(env):
                        return T.Lit(ANY, None, span=sp)
                    where = f"proc '{env.frames[-1].name}' uses 'self'" if len(env.frames) > 1 else "'self'"
                    self.error(
                        "IRQ320",
                        f"{where}: init runs before any thread, in none, so there is no running thread: "
                        "do this in a thread, or call a proc that takes no lock, does not sleep and uses no RCU",
                        sp,
                    )
                    return T.Lit(ANY, None, span=sp)
                if not env.in_thread:
                    self.error("IRQ306", f"'self' (the running thread) cannot be used in {env.what}", sp)
                    return T.Lit(ANY, None, span=sp)
                return T.Self(THREAD, span=sp)
            case ast.NameRef(name):
                return self._name(name, sp, env)
            case ast.FieldRef(base, name):
                tl = self._thread_local(e, env)
                if tl is not None:
                    return tl
                return self._field(self.expr(base, env), name, sp)
            case ast.Index(base, index):
                return self._index(self.expr(base, env), self.expr(index, env), sp)
            case ast.Unary(op, x):
                tx = self.expr(x, env)
                if op == "!":
                    self._expect_bool(tx, x.span)
                    return T.Un(BOOL, "!", tx, span=sp)
                t = tx.type
                if isinstance(t, IntT):
                    return T.Un(IntT(-t.hi, -t.lo), "-", tx, span=sp)
                self._expect_int(tx, x.span)
                return T.Un(ANY, "-", tx, span=sp)
            case ast.Binary(op, l, r):
                return self._binary(op, self.expr(l, env), self.expr(r, env), sp)
            case ast.Unwrap(x):
                return self._unwrap(self.expr(x, env), sp, env)
            case ast.SetLit(items):
                titems = tuple(self.expr(i, env) for i in items)
                elem: Type = ANY
                for ti in titems:
                    elem = self._join(elem, ti, "set elements")
                if not isinstance(elem, AnyT):
                    elem = self._finite(elem, sp, "a set element")
                return T.SetOf(SetT(elem), titems, span=sp)
            case ast.Binder(kind, var, dom, body):
                return self._binder(kind, var, dom, body, sp, env)
            case ast.Call(name, args):
                return self._call_expr(e, name, args, env)
            case ast.Alloc():
                self.error("IRQ304", "alloc(...) can only be the whole right-hand side of '=' or 'local'", sp)
                return T.Lit(ANY, None, span=sp)
        self.error("IRQ501", f"unhandled expression {type(e).__name__}", sp)
        return T.Lit(ANY, None, span=sp)

    def _name(self, name: str, sp: Span, env: _Env) -> T.TExpr:
        b = env.lookup(name)
        if b is not None:
            kind = b[0]
            if kind in ("value", "ref", "param"):
                te = b[1]
                self._count(self._tree_size(te) - 1, sp)  # the lowering reads a substituted argument at each use
                return _respan(te, sp) if kind != "ref" else te
            if kind in ("local", "bound"):
                return T.Var(b[2], b[1], kind, span=sp)
            if kind == "proc":
                self.error("IRQ109", f"'{name}' is a proc parameter, not a value", sp)
                return T.Lit(ANY, None, span=sp)
        decl = self.values.get(name)
        match decl:
            case ast.VarDecl():
                if not env.state:
                    self.error("IRQ204", f"{env.what} cannot read shared variable '{name}'", sp)
                    return T.Lit(ANY, None, span=sp)
                return T.Var(self.resolve_type(decl.type), name, "global", span=sp)
            case ast.ConstDecl():
                v = self._const(name)
                if v is None:
                    return T.Lit(ANY, None, span=sp)
                return T.Lit(IntT(int(v), int(v)), v, span=sp)
            case ast.OptionDecl():
                t = self.resolve_type(decl.type)
                return T.Var(t, name, "option", span=sp)
            case None:
                if name in self.enum_members:
                    return T.Lit(self.enum_members[name][0], name, span=sp)
                if name in env.ended:
                    declared, block = env.ended[name]
                    self.error(
                        "IRQ101",
                        f"unknown name '{name}': '{name}' was declared at {declared.line}:{declared.col} "
                        f"in a block that ends at {block.end_line}:{max(1, block.end_col - 1)}",
                        sp,
                    )
                    return T.Lit(ANY, None, span=sp)
                if name == "quiescent":
                    if self._before_threads(env, sp, "'quiescent'"):
                        return T.Lit(ANY, None, span=sp)
                    if not env.state:
                        self.error("IRQ204", f"{env.what} cannot read 'quiescent' (it reads every thread's state)", sp)
                    return T.Builtin(BOOL, "quiescent", (), span=sp)
                self._unknown("IRQ101", "name", name, sp, lambda: self._visible_values(env))
                return T.Lit(ANY, None, span=sp)
            case ast.ThreadDecl():
                return self._thread_value(decl, None, sp, env)
        kind = {ast.ProcDecl: "a proc", ast.FuncDecl: "a func (call it with '(...)')"}.get(type(decl), "not a value")
        self.error("IRQ109", f"'{name}' is {kind}, not a value", sp)
        return T.Lit(ANY, None, span=sp)

    def _unwrap(self, tx: T.TExpr, sp: Span, env: _Env) -> T.TExpr:
        """`e!`: a `T` from a `T?`. Only thread code may use it, where a none is a `null_deref`
        violation of the step that reads it; a state predicate has no step to fail."""
        t = tx.type
        if not env.in_thread:
            self.error(
                "IRQ209",
                f"'!' cannot be used in {env.what}: only a thread's step can fail on none; "
                "test for it instead, as in 'x != none && x.f == 1'",
                sp,
            )
            return T.Lit(ANY, None, span=sp)
        if isinstance(t, AnyT):
            return T.Un(ANY, "unwrap", tx, span=sp)
        if not isinstance(t, OptionT):
            self.error("IRQ208", f"'!' needs an optional value ('T?'), not '{t}'", sp)
            return tx
        if isinstance(t.inner, AnyT):
            self.error("IRQ208", "'!' on 'none': the value is always none", sp)
            return T.Lit(ANY, None, span=sp)
        return T.Un(t.inner, "unwrap", tx, span=sp)

    def _if_let(self, s: ast.IfLetStmt, env: _Env) -> T.TStmt:
        """`if let o = e {A} else {B}`: one test, like an `if`; `o` is bound on the then-path of that
        test, so it holds the value tested even if `e` reads shared state."""
        v = self.expr(s.value, env)
        vt = v.type
        inner: Type = ANY
        if isinstance(vt, OptionT) and not isinstance(vt.inner, AnyT):
            inner = vt.inner
        elif isinstance(vt, OptionT):
            self.error("IRQ208", "'if let' on 'none': the value is always none", s.value.span)
        elif not isinstance(vt, AnyT):
            self.error("IRQ208", f"'if let' needs an optional value ('T?'), not '{vt}'", s.value.span)
        cond = self._binary("!=", v, T.Lit(OptionT(ANY), None, span=s.value.span), s.value.span)
        then_env = env.child()
        unique = self._new_local(s.name, inner, s.name_span, then_env)
        then = self.block(s.then, then_env)
        env.ended[s.name] = (s.name_span, s.then.span)
        orelse = self.block(s.orelse, env) if s.orelse else ()
        return T.If(cond, then, orelse, bind=unique, span=s.span)

    # ---- threads as values --------------------------------------------------------
    def _thread_value(self, decl: ast.ThreadDecl, args: tuple[ast.Expr, ...] | None, sp: Span, env: _Env) -> T.TExpr:
        """A thread instance named in an expression: `a` (no parameters) or `user(0)` (constant
        arguments naming one instance), as a value of type `thread`."""
        name = decl.name
        insts = [i for i in self.instances if i.template == name]
        if args is None:
            if decl.params:
                example = insts[0].display if insts else f"{name}(...)"
                self.error(
                    "IRQ110",
                    f"'{name}' has parameters and names {len(insts)} threads, not one value: name an instance, "
                    f"as in '{example}', or quantify over them: 'forall t: thread :: ...'",
                    sp,
                )
                return T.Lit(ANY, None, span=sp)
            return T.Lit(THREAD, insts[0].tid, span=sp) if insts else T.Lit(ANY, None, span=sp)
        if len(args) != len(decl.params):
            self.error("IRQ108", f"thread '{name}' takes {len(decl.params)} argument(s), got {len(args)}", sp)
            return T.Lit(ANY, None, span=sp)
        values = [self.const_eval(a) for a in args]
        if any(v is None for v in values):
            return T.Lit(ANY, None, span=sp)
        for inst in insts:
            if all(type(a) is type(v) and a == v for a, v in zip(inst.args, values, strict=True)):
                return T.Lit(THREAD, inst.tid, span=sp)
        shown = ", ".join(_show(v) for v in values)  # type: ignore[arg-type]
        listed = ", ".join(i.display for i in insts[:8]) + (", ..." if len(insts) > 8 else "")
        self.error("IRQ111", f"'{name}({shown})' is not a thread of the spec; the instances are: {listed}", sp)
        return T.Lit(ANY, None, span=sp)

    def _thread_root(self, e: ast.Expr, env: _Env) -> tuple[ast.ThreadDecl, tuple[ast.Expr, ...] | None] | None:
        """The thread named by `e` (`a` or `user(0)`), unless a local or bound name hides it."""
        match e:
            case ast.NameRef(name) if env.lookup(name) is None and isinstance(self.values.get(name), ast.ThreadDecl):
                return self.values[name], None  # type: ignore[return-value]
            case ast.Call(name, args) if isinstance(self.values.get(name), ast.ThreadDecl):
                return self.values[name], tuple(args)  # type: ignore[return-value]
        return None

    def _thread_local(self, e: ast.FieldRef, env: _Env) -> T.TExpr | None:
        """`a.x`, `user(0).i`, `guest(0).proc.cur`: a thread's local (or parameter), read from a
        property. None when `e` does not start at a thread name."""
        names: list[str] = []
        x: ast.Expr = e
        while isinstance(x, ast.FieldRef):
            names.insert(0, x.name)
            x = x.base
        root = self._thread_root(x, env)
        if root is None:
            return None
        decl, args = root
        sp = e.span
        tv = self._thread_value(decl, args, x.span, env)
        if not isinstance(tv, T.Lit) or not isinstance(tv.value, int):
            return T.Lit(ANY, None, span=sp)
        if self._routine_alone:
            return T.Lit(ANY, None, span=sp)  # checked where the func is used
        inst = self.instances[tv.value]
        if env.in_thread or not env.state:
            where = "thread code" if env.in_thread else env.what
            self.error(
                "IRQ112",
                f"{where} cannot read the local '{'.'.join(names)}' of thread '{inst.display}': only invariants, "
                "temporal properties and the funcs they use can read other threads' locals",
                sp,
            )
            return T.Lit(ANY, None, span=sp)
        result: T.TExpr
        params = [p.name for p in decl.params]
        if names[0] in params:
            k = params.index(names[0])
            v = inst.args[k]
            pt = self.resolve_type(decl.params[k].type)
            result = T.Lit(pt if not isinstance(pt, IntT) else IntT(int(v), int(v)), v, span=sp)
            rest = names[1:]
        else:
            locs = self.template_locals.get(decl.name, {})
            found: list[str] = []
            k = 0
            for n in range(len(names), 0, -1):
                key = ".".join(names[:n])
                found = sorted(
                    (u for u in locs if u == key or (u.startswith(key + "#") and u[len(key) + 1 :].isdigit())),
                    key=len,
                )
                if found:
                    k = n
                    break
            if not found:
                known = sorted({u for u in locs if "#" not in u})
                listed = ", ".join(known) if known else "none"
                hint = did_you_mean(".".join(names), known)
                self.error(
                    "IRQ111",
                    f"thread '{inst.display}' has no local '{'.'.join(names)}' (its locals: {listed}){hint}",
                    sp,
                )
                return T.Lit(ANY, None, span=sp)
            if len(found) > 1:
                self.error(
                    "IRQ113",
                    f"'{'.'.join(names[:k])}' names {len(found)} locals of thread '{inst.display}' "
                    f"({', '.join(found)}: declared in several blocks, or by a proc inlined at several call sites); "
                    "give them different names to read one from a property",
                    sp,
                )
                return T.Lit(ANY, None, span=sp)
            result = T.ThreadLocal(locs[found[0]], inst.tid, found[0], span=sp)
            rest = names[k:]
        for n in rest:
            result = self._field(result, n, sp)
        return result

    def _at(self, args: tuple[ast.Expr, ...], sp: Span, env: _Env) -> T.TExpr:
        """at(t, label): t is about to run the statement labelled `@label`."""
        if len(args) != 2:
            self.error("IRQ108", f"at() takes 2 arguments (a thread and a label), got {len(args)}", sp)
            return T.Lit(ANY, None, span=sp)
        t = self.expr(args[0], env)
        if not isinstance(t.type, ThreadT | AnyT):
            self.error("IRQ201", f"at() needs a thread, not '{t.type}'", args[0].span)
        names: list[str] = []
        x = args[1]
        while isinstance(x, ast.FieldRef):
            names.insert(0, x.name)
            x = x.base
        if not isinstance(x, ast.NameRef):
            self.error("IRQ201", "the second argument of at() is a label name, as in 'at(t, enter)'", args[1].span)
            return T.Lit(ANY, None, span=sp)
        names.insert(0, x.name)
        if not env.state:
            self.error("IRQ204", f"{env.what} cannot read a thread's progress (at())", sp)
        node = T.AtLabel(BOOL, t, ".".join(names), span=sp)
        self._at_uses.append((node, args[1].span))
        return node

    def _check_at_uses(self) -> None:
        """Every at() names a label of its thread (of some thread, for a thread known only when the
        spec runs) that has a program counter of its own."""
        for node, lsp in self._at_uses:
            t = node.thread
            if isinstance(t, T.Lit) and isinstance(t.value, int) and not isinstance(t.value, bool):
                inst = self.instances[t.value]
                tmpls, who = [inst.template], f"thread '{inst.display}' has no label"
            else:
                tmpls, who = list(self.template_labels), "no thread has a label"
            labels = {k: v for tm in tmpls for k, v in self.template_labels.get(tm, {}).items()}
            if node.label not in labels:
                known = sorted(labels)
                listed = f"its labels are: {', '.join(known)}" if known else "it has no labels"
                if len(tmpls) != 1:
                    listed = f"the labels are: {', '.join(known)}" if known else "no thread has labels"
                hint = did_you_mean(node.label, known)
                self.error("IRQ114", f"{who} '{node.label}' ({listed}){hint}", lsp)
            elif labels[node.label]:
                self.error(
                    "IRQ330",
                    f"label '{node.label}' is inside an atomic block, which runs as one step: no thread is ever "
                    "about to run a statement inside it, so at() cannot name it; label the atomic block itself",
                    lsp,
                )

    def _visible_values(self, env: _Env) -> list[str]:
        names = [n for scope in env.scopes for n in scope]
        names += [n for n, d in self.values.items() if isinstance(d, ast.VarDecl | ast.ConstDecl | ast.OptionDecl)]
        return names + list(self.enum_members)

    def _field(self, base: T.TExpr, name: str, sp: Span) -> T.TExpr:
        t = base.type
        if isinstance(t, AnyT):
            return T.FieldOf(ANY, base, name, span=sp)
        target = t.inner if isinstance(t, OptionT) else t
        fields: tuple[tuple[str, Type], ...]
        if isinstance(target, RecordT):
            fields = target.fields
        elif isinstance(target, ListT):
            fields = list_fields(target.elem)
        elif isinstance(target, PoolT):
            fields = self._pool_fields(target)
        elif isinstance(target, TypeVar):
            self.error("IRQ201", f"field '{name}' of a value of generic type '{target}'", sp)
            return T.FieldOf(ANY, base, name, span=sp)
        else:
            self.error("IRQ104", f"'{t}' has no fields (asked for '{name}')", sp)
            return T.FieldOf(ANY, base, name, span=sp)
        if isinstance(t, OptionT) and not isinstance(target, PoolT):
            self.error("IRQ201", f"field '{name}' of an optional '{t}'", sp)
        for fname, ftype in fields:
            if fname == name:
                return T.FieldOf(ftype, base, name, span=sp)
        hint = did_you_mean(name, [f for f, _ in fields])
        self.error("IRQ104", f"'{target}' has no field '{name}'{hint}", sp)
        return T.FieldOf(ANY, base, name, span=sp)

    def _index(self, base: T.TExpr, index: T.TExpr, sp: Span) -> T.TExpr:
        t = base.type
        if isinstance(t, AnyT):
            return T.IndexOf(ANY, base, index, span=sp)
        if not isinstance(t, ArrayT):
            self.error("IRQ201", f"'{t}' is not an array and cannot be indexed", sp)
            return T.IndexOf(ANY, base, index, span=sp)
        if not assignable(index.type, t.key):
            self.error("IRQ201", f"array of '{t.key}' indexed with '{index.type}'", index.span)
        return T.IndexOf(t.value, base, index, span=sp)

    def _binary(self, op: str, l: T.TExpr, r: T.TExpr, sp: Span) -> T.TExpr:
        l, r = _retype_empty(l, r.type), _retype_empty(r, l.type)
        lt, rt = l.type, r.type
        if op in ("&&", "||", "==>"):
            self._expect_bool(l, l.span)
            self._expect_bool(r, r.span)
            return T.Bin(BOOL, op, l, r, span=sp)
        if op in ("==", "!="):
            if not comparable(lt, rt):
                self.error("IRQ201", f"cannot compare '{lt}' with '{rt}'", sp)
            return T.Bin(BOOL, op, l, r, span=sp)
        if op in ("<", "<=", ">", ">="):
            self._expect_int(l, l.span)
            self._expect_int(r, r.span)
            return T.Bin(BOOL, op, l, r, span=sp)
        if op in ("in", "notin"):
            if isinstance(rt, SetT):
                if not assignable(lt, rt.elem) and not isinstance(rt.elem, AnyT):
                    self.error("IRQ201", f"'{lt}' cannot be an element of '{rt}'", l.span)
            elif not isinstance(rt, AnyT):
                self.error("IRQ201", f"'in' needs a set on the right, not '{rt}'", r.span)
            return T.Bin(BOOL, op, l, r, span=sp)
        if op in ("+", "-") and (isinstance(lt, SetT) or isinstance(rt, SetT)):
            if not isinstance(lt, SetT | AnyT) or not isinstance(rt, SetT | AnyT) or not same_shape(lt, rt):
                self.error(
                    "IRQ201", f"'{op}' on sets needs two sets of the same element type, not '{lt}' and '{rt}'", sp
                )
                return T.Bin(ANY, op, l, r, span=sp)
            elem = (
                lt.elem
                if isinstance(lt, SetT) and not isinstance(lt.elem, AnyT)
                else (rt.elem if isinstance(rt, SetT) else ANY)
            )
            if (
                isinstance(lt, SetT)
                and isinstance(rt, SetT)
                and isinstance(lt.elem, IntT)
                and isinstance(rt.elem, IntT)
            ):
                elem = IntT(min(lt.elem.lo, rt.elem.lo), max(lt.elem.hi, rt.elem.hi))  # both fit in the result
            return T.Bin(SetT(elem), op, l, r, span=sp)
        # arithmetic
        ok = self._expect_int(l, l.span) & self._expect_int(r, r.span)
        if not ok or not isinstance(lt, IntT) or not isinstance(rt, IntT):
            return T.Bin(ANY, op, l, r, span=sp)
        if op == "+":
            rng = IntT(lt.lo + rt.lo, lt.hi + rt.hi)
        elif op == "-":
            rng = IntT(lt.lo - rt.hi, lt.hi - rt.lo)
        elif op == "*":
            ps = [lt.lo * rt.lo, lt.lo * rt.hi, lt.hi * rt.lo, lt.hi * rt.hi]
            rng = IntT(min(ps), max(ps))
        else:
            if rt.lo <= 0 <= rt.hi and isinstance(r, T.Lit):
                self.error("IRQ206", "division by zero", r.span)
            m = max(abs(lt.lo), abs(lt.hi))
            rng = IntT(-m, m) if op == "/" else IntT(-max(abs(rt.lo), abs(rt.hi)), max(abs(rt.lo), abs(rt.hi)))
        return T.Bin(rng, op, l, r, span=sp)

    def _join(self, acc: Type, item: T.TExpr, what: str) -> Type:
        t = item.type
        if isinstance(acc, AnyT):
            return t
        if isinstance(t, AnyT):
            return acc
        if isinstance(acc, IntT) and isinstance(t, IntT):
            return IntT(min(acc.lo, t.lo), max(acc.hi, t.hi))
        if not same_shape(acc, t):
            self.error("IRQ201", f"{what} mix '{acc}' and '{t}'", item.span)
        return acc

    def _binder(self, kind: str, var: str, dom: ast.TypeExpr, body: ast.Expr, sp: Span, env: _Env) -> T.TExpr:
        dt = self._finite(self.resolve_type(dom, env.tparams), dom.span, "a quantified variable")
        unique = f"{var}@{next(self._bound_counter)}"
        inner = env.child()
        inner.scopes[-1][var] = ("bound", unique, dt)
        before = self._work
        tb = self.expr(body, inner)
        self._count_copies(self._domain_count(dt) - 1, self._work - before, sp)  # expanded by the lowering
        self._expect_bool(tb, body.span)
        if kind == "count":
            n = self._size(dt)
            return T.BinderOf(IntT(0, n), kind, unique, dt, tb, span=sp)
        if kind == "set":
            return T.BinderOf(SetT(dt), kind, unique, dt, tb, span=sp)
        return T.BinderOf(BOOL, kind, unique, dt, tb, span=sp)

    def _size(self, t: Type) -> int:
        if isinstance(t, AnyT | TypeVar):
            return MAX_DOMAIN
        return domain_size(t, self.nthreads)

    def _call_expr(self, e: ast.Call, name: str, args: tuple[ast.Expr, ...], env: _Env) -> T.TExpr:
        sp = e.span
        if isinstance(self.values.get(name), ast.ThreadDecl):
            return self._thread_value(self.values[name], args, sp, env)  # type: ignore[arg-type]
        builtin = not isinstance(self.values.get(name), ast.FuncDecl)
        if name in ("at", "done", "enabled") and builtin and self._before_threads(env, sp, f"{name}()"):
            return T.Lit(ANY, None, span=sp)
        if name == "at" and not isinstance(self.values.get(name), ast.FuncDecl):
            return self._at(args, sp, env)
        if name in BUILTIN_FUNCS and not isinstance(self.values.get(name), ast.FuncDecl):
            targs = tuple(self.expr(a, env) for a in args)
            if len(targs) != 1:
                self.error("IRQ108", f"{name}() takes 1 argument, got {len(targs)}", sp)
                return T.Lit(ANY, None, span=sp)
            (a,) = targs
            at = a.type
            if name == "live":
                if not isinstance(at, PoolT | AnyT) and not (isinstance(at, OptionT) and isinstance(at.inner, PoolT)):
                    self.error("IRQ201", f"live() needs a pool object, not '{at}'", a.span)
                return T.Builtin(BOOL, name, targs, span=sp)
            if name == "size":
                if not isinstance(at, SetT | AnyT):
                    self.error("IRQ201", f"size() needs a set, not '{at}'", a.span)
                    return T.Builtin(ANY, name, targs, span=sp)
                n = self._size(at.elem) if isinstance(at, SetT) else MAX_DOMAIN
                return T.Builtin(IntT(0, n), name, targs, span=sp)
            if not isinstance(at, ThreadT | AnyT):
                self.error("IRQ201", f"{name}() needs a thread, not '{at}'", a.span)
            if not env.state:
                self.error("IRQ204", f"{env.what} cannot read a thread's progress ({name}())", sp)
            return T.Builtin(BOOL, name, targs, span=sp)
        decl = self.values.get(name)
        if not isinstance(decl, ast.FuncDecl):
            if isinstance(decl, ast.ProcDecl):
                self.error("IRQ109", f"'{name}' is a proc: call it as a statement, not in an expression", e.name_span)
            else:
                self._unknown(
                    "IRQ101",
                    "func",
                    name,
                    e.name_span,
                    lambda: [n for n, d in self.values.items() if isinstance(d, ast.FuncDecl)] + list(BUILTIN_FUNCS),
                )
            for a in args:
                self.expr(a, env)
            return T.Lit(ANY, None, span=sp)
        if name in env.inlining:
            self.error(
                "IRQ107",
                f"func '{name}' calls itself{_cycle(env.inlining, name)} (funcs are inlined: no recursion)",
                e.name_span,
            )
            return T.Lit(ANY, None, span=sp)
        targs = [self.expr(a, env) for a in args]
        if len(targs) != len(decl.params):
            self.error("IRQ108", f"func '{name}' takes {len(decl.params)} argument(s), got {len(targs)}", sp)
            return T.Lit(ANY, None, span=sp)
        self._check_depth(name, sp, env)
        binding = self._unify_call(decl.type_params, decl.params, targs, sp, name)
        if binding is None:
            return T.Lit(ANY, None, span=sp)
        scope: dict[str, tuple] = {}
        for p, a in zip(decl.params, targs, strict=True):
            pt = self.resolve_type(p.type, binding)
            if not assignable(a.type, pt):
                self.error(
                    "IRQ201",
                    f"argument '{p.name}' of '{name}' must be '{pt}', not '{a.type}'",
                    a.span,
                    _narrow_hint(a.type, pt),
                )
                a = T.Lit(ANY, None, span=a.span)  # no cascade into the body
            scope[p.name] = ("value", _retype_empty(a, pt))
        fenv = env.child(scopes=[scope], tparams=binding, inlining=(*env.inlining, name), ended={})
        start = len(self.diags)
        try:
            body = self.expr(decl.body, fenv)
        except _LimitReached as e:
            e.calls.append((name, sp))
            raise
        self._note_call(start, name, sp)
        rt = self.resolve_type(decl.result, binding)
        self._expect_assignable(body, rt, decl.body.span)
        return _respan(body, sp)

    def _unify_call(
        self,
        tparams: tuple[str, ...],
        params: tuple[ast.Param, ...],
        args: Sequence[T.TExpr | _Placeholder],
        sp: Span,
        name: str,
    ) -> dict[str, Type] | None:
        """Bind the type parameters of a generic proc or func from its arguments' types."""
        if not tparams:
            return {}
        pattern = {tp: TypeVar(tp) for tp in tparams}
        binding: dict[str, Type] = {}
        for p, a in zip(params, args, strict=True):
            pt = self.resolve_type(p.type, pattern, allow_proc=True)
            at = a.type
            if isinstance(pt, ProcT):
                continue
            _unify(pt, at, binding)
        missing = [tp for tp in tparams if tp not in binding]
        if missing:
            self.error(
                "IRQ207", f"cannot infer type parameter(s) {', '.join(missing)} of '{name}' from the arguments", sp
            )
            return None
        return binding

    # ---- statements -----------------------------------------------------------------
    def block(self, b: ast.Block, env: _Env, scope: bool = True) -> tuple[T.TStmt, ...]:
        """The statements of `b`; its locals end with it unless `scope` is false (an atomic block's
        locals belong to the enclosing block)."""
        inner = env.child() if scope else env
        out: list[T.TStmt] = []
        for s in b.body:
            out.extend(self.stmt(s, inner))
        if scope:
            for name, entry in inner.scopes[-1].items():
                declared = self._local_spans.get(entry[1]) if entry[0] == "local" else None
                if declared is not None:
                    inner.ended[name] = (declared, b.span)
        return tuple(out)

    def stmt(self, s: ast.Stmt, env: _Env) -> Iterator[T.TStmt]:
        sp = s.span
        self._count(1, sp)
        match s:
            case ast.LocalStmt(name, te, init):
                yield from self._local(name, te, init, sp, env)
            case ast.AssignStmt(target, op, value):
                yield from self._assign(target, op, value, sp, env)
            case ast.CallStmt(name, args):
                yield from self._call_stmt(s, name, args, env)
            case ast.IfStmt(cond, then, orelse):
                c = self.expr(cond, env)
                self._expect_bool(c, cond.span)
                yield T.If(c, self.block(then, env), self.block(orelse, env) if orelse else (), span=sp)
            case ast.IfLetStmt():
                yield self._if_let(s, env)
            case ast.WhileStmt(cond, body):
                c = self.expr(cond, env)
                self._expect_bool(c, cond.span)
                yield self._while(c, body, sp, env)
            case ast.LoopStmt(body):
                yield self._while(T.Lit(BOOL, True, span=sp), body, sp, env)
            case ast.ForStmt(var, lo_e, hi_e, body):
                lo, hi = self._const_int(lo_e, "a for-loop bound"), self._const_int(hi_e, "a for-loop bound")
                dom: Type = IntT(lo, hi) if lo is not None and hi is not None and lo <= hi else ANY
                if lo is not None and hi is not None and lo > hi:
                    self.error("IRQ205", f"empty range {lo}..{hi}", sp)
                elif lo is not None and hi is not None and hi - lo + 1 > MAX_DOMAIN:
                    self.error("IRQ205", f"range {lo}..{hi} has more than {MAX_DOMAIN} values", sp)
                    dom = ANY
                yield self._foreach(var, "domain", dom, None, body, sp, env)
            case ast.ForeachType(var, dom_e, body):
                dom = self._finite(self.resolve_type(dom_e, env.tparams), dom_e.span, "a foreach domain")
                yield self._foreach(var, "domain", dom, None, body, sp, env)
            case ast.ForeachIn(var, src, body):
                tsrc = self.expr(src, env)
                st = tsrc.type
                if isinstance(st, SetT):
                    yield self._foreach(var, "set", st.elem, tsrc, body, sp, env)
                elif isinstance(st, ListT):
                    yield self._foreach(var, "list", st.elem, tsrc, body, sp, env)
                else:
                    if not isinstance(st, AnyT):
                        self.error("IRQ201", f"foreach ... in needs a set or a list, not '{st}'", src.span)
                    yield self._foreach(var, "set", ANY, tsrc, body, sp, env)
            case ast.AtomicStmt(body):
                if len(env.frames) == 1:
                    self._in_init(env, sp, "'atomic'", "init runs as one step already")
                # no scope of its own: its locals stay visible after it, to the end of the enclosing block
                inner = env.child(atomic=env.atomic + 1)
                inner.scopes = env.scopes
                yield T.Atomic(self.block(body, inner, scope=False), span=sp)
            case ast.AwaitStmt(cond):
                self._in_init(env, sp, "'await'", "init runs before any thread, so nothing could wake it")
                c = self.expr(cond, env)
                self._expect_bool(c, cond.span)
                yield T.Await(c, span=sp)
            case ast.ChooseStmt(var, dom_e, cond):
                self._in_init(env, sp, "'choose'", "there is one initial state, so init makes no choices")
                dom = self._finite(self.resolve_type(dom_e, env.tparams), dom_e.span, "a chosen value")
                unique = self._new_local(var, dom, sp, env)
                tc = None
                if cond is not None:
                    tc = self.expr(cond, env)
                    self._expect_bool(tc, cond.span)
                yield T.Choose(unique, dom, tc, span=sp)
            case ast.EitherStmt(branches):
                self._in_init(env, sp, "'either'", "there is one initial state, so init makes no choices")
                yield T.Either(tuple(self.block(b, env) for b in branches), span=sp)
            case ast.AssertStmt(name, cond):
                check_name = name or "assertion"
                if name is not None and name not in self.checks:
                    self._unknown("IRQ101", "check", name, s.check_span or sp, lambda: list(self.checks))
                c = self.expr(cond, env)
                self._expect_bool(c, cond.span)
                yield T.Assert(check_name, c, span=sp)
            case ast.AssumeStmt(cond):
                self._in_init(env, sp, "'assume'", "there is one initial state: state it with assignments")
                c = self.expr(cond, env)
                self._expect_bool(c, cond.span)
                yield T.Assume(c, span=sp)
            case ast.SkipStmt():
                yield T.Skip(span=sp)
            case ast.BreakStmt() | ast.ContinueStmt():
                word = "break" if isinstance(s, ast.BreakStmt) else "continue"
                if not env.loops:
                    self.error("IRQ302", f"'{word}' outside a loop", sp)
                elif env.loops[-1] != env.atomic:
                    self.error("IRQ302", f"'{word}' cannot leave an atomic block", sp)
                yield T.Break(span=sp) if word == "break" else T.Continue(span=sp)
            case ast.ReturnStmt():
                if len(env.frames) == 1:
                    self._in_init(env, sp, "'return'", "init runs to its end")
                if env.frames and env.frames[-1].atomic_depth != env.atomic:
                    self.error("IRQ303", "'return' cannot leave an atomic block", sp)
                yield T.Return(span=sp)
            case ast.LabelledStmt(label, inner):
                stmts = list(self.stmt(inner, env))
                if stmts:
                    yield T.Label(label, stmts[0], span=sp)
                    yield from stmts[1:]
            case _:
                self.error("IRQ501", f"unhandled statement {type(s).__name__}", sp)

    def _while(self, cond: T.TExpr, body: ast.Block, sp: Span, env: _Env) -> T.TStmt:
        if self._in_init(env, sp, "an unbounded loop ('while'/'loop')", "use 'for' or 'foreach'"):
            pass
        elif env.atomic:
            self.error(
                "IRQ301",
                "an unbounded loop ('while'/'loop') cannot be inside an atomic block; use 'for' or 'foreach'",
                sp,
            )
        return T.While(cond, self.block(body, env.child(loops=[*env.loops, env.atomic])), span=sp)

    def _foreach(
        self, var: str, kind: str, dom: Type, src: T.TExpr | None, body: ast.Block, sp: Span, env: _Env
    ) -> T.TStmt:
        inner = env.child(loops=[*env.loops, env.atomic])
        unique = self._new_local(var, dom, sp, inner)
        if env.thread is not None:
            env.thread.readonly.add(unique)
        before = self._work
        tbody = self.block(body, inner)
        if kind != "list" or env.atomic:  # the lowering unrolls these, one copy of the body per value
            self._count_copies(self._domain_count(dom) - 1, self._work - before, sp)
        return T.Foreach(unique, kind, dom, src, tbody, span=sp)

    def _new_local(self, name: str, t: Type, sp: Span, env: _Env) -> str:
        if env.thread is None:
            self.error("IRQ306", "locals exist only in threads and procs", sp)
            return name
        if name in env.scopes[-1]:
            self.error("IRQ102", f"'{name}' is already defined in this block", sp)
        prefix = ".".join(f.name for f in env.frames[1:])
        unique = env.thread.fresh(f"{prefix}.{name}" if prefix else name, t)
        env.scopes[-1][name] = ("local", unique, t)
        self._local_spans[unique] = sp
        return unique

    def _local(self, name: str, te: ast.TypeExpr | None, init: ast.Expr, sp: Span, env: _Env) -> Iterator[T.TStmt]:
        declared = self.resolve_type(te, env.tparams) if te is not None else None
        if isinstance(init, ast.Alloc):
            pt = self._pool_type(init)
            t = declared or pt
            if declared is not None and not assignable(pt, declared):
                self.error("IRQ201", f"alloc({init.pool}) gives '{pt}', not '{declared}'", init.span)
            unique = self._new_local(name, t, sp, env)
            yield T.AllocTo(T.Var(t, unique, "local", span=sp), init.pool, span=sp)
            return
        value = self.expr(init, env)
        if declared is None:
            vt = value.type
            if isinstance(vt, IntT) and _constant_only(value):
                self.error("IRQ207", f"give '{name}' a range type: 'local {name}: lo..hi = ...'", sp)
                vt = ANY
            elif (isinstance(vt, OptionT) and isinstance(vt.inner, AnyT)) or (
                isinstance(vt, SetT) and isinstance(vt.elem, AnyT)
            ):
                self.error("IRQ207", f"cannot tell the type of '{name}' from its value: give it a type", sp)
                vt = ANY
            declared = vt
        else:
            self._expect_assignable(value, declared, init.span)
        unique = self._new_local(name, declared, sp, env)
        yield T.Assign(T.Var(declared, unique, "local", span=sp), _retype_empty(value, declared), span=sp)

    def _pool_type(self, a: ast.Alloc) -> Type:
        decl = self.types.get(a.pool)
        if not isinstance(decl, ast.PoolDecl):
            self._unknown(
                "IRQ103",
                "pool",
                a.pool,
                a.span,
                lambda: [n for n, d in self.types.items() if isinstance(d, ast.PoolDecl)],
            )
            return ANY
        return self._named_type(a.pool, (), a.span, {})

    def _assign(self, target: ast.Expr, op: str, value: ast.Expr, sp: Span, env: _Env) -> Iterator[T.TStmt]:
        tt = self.expr(target, env)
        if not self._check_value_param(target, tt, env):
            self._expect_lvalue(tt, target.span, env)
        if isinstance(value, ast.Alloc):
            if op != "=":
                self.error("IRQ304", f"alloc(...) cannot be used with '{op}'", value.span)
                return
            pt = self._pool_type(value)
            if not assignable(pt, tt.type):
                self.error("IRQ201", f"alloc({value.pool}) gives '{pt}', which cannot be stored in '{tt.type}'", sp)
            yield T.AllocTo(tt, value.pool, span=sp)
            return
        tv = self.expr(value, env)
        if op == "=":
            self._expect_assignable(tv, tt.type, value.span)
            yield T.Assign(tt, _retype_empty(tv, tt.type), span=sp)
            return
        bop = op[0]
        if isinstance(tt.type, SetT) and not isinstance(tv.type, SetT | AnyT):
            if not assignable(tv.type, tt.type.elem):
                self.error("IRQ201", f"'{tv.type}' cannot be an element of '{tt.type}'", tv.span)
            tv = T.SetOf(SetT(tt.type.elem), (tv,), span=tv.span)
        combined = self._binary(bop, tt, tv, sp)
        self._expect_assignable(combined, tt.type, sp)
        yield T.Assign(tt, combined, span=sp)

    def _check_value_param(self, target: ast.Expr, tt: T.TExpr, env: _Env) -> bool:
        """Report (and return True) if `target` writes a proc parameter passed by value.

        Such a parameter is its argument substituted or copied, so writing it would write the
        caller's local (or a copy): only `ref` parameters may be written, and pool objects' fields.
        """
        root = target
        while isinstance(root, ast.FieldRef | ast.Index):
            root = root.base
        b = env.lookup(root.name) if isinstance(root, ast.NameRef) else None
        if b is None or b[0] != "value":
            return False
        t = tt
        while isinstance(t, T.FieldOf | T.IndexOf):
            if isinstance(t, T.FieldOf) and isinstance(t.base.type, PoolT | OptionT | AnyT):
                return False  # a pool object's field: storage is the pool's (or a reported error)
            t = t.base
        if isinstance(t.type, AnyT):
            return False  # the argument was wrong, and that is reported at the call
        self.error(
            "IRQ202",
            f"cannot assign to parameter '{root.name}': it is passed by value (declare it 'ref' to write the "
            "caller's variable)",
            target.span,
        )
        return True

    def _expect_lvalue(self, t: T.TExpr, sp: Span, env: _Env) -> bool:
        """Is `t` storage that may be assigned? Reports IRQ202 if not."""
        root = t
        while True:
            match root:
                case T.FieldOf(_, base, _):
                    if isinstance(base.type, PoolT | OptionT):
                        return True  # a pool object's field: storage is the pool's
                    root = base
                case T.IndexOf(_, base, _):
                    root = base
                case _:
                    break
        if isinstance(root, T.Var) and root.kind == "global":
            return True
        if isinstance(root, T.Var) and root.kind == "local":
            if env.thread is not None and root.name in env.thread.readonly:
                self.error("IRQ202", "a loop variable cannot be assigned", sp)
                return False
            return True
        if isinstance(root.type, AnyT):
            return True
        what = {"param": "a thread parameter", "bound": "a bound variable", "option": "an option"}.get(
            getattr(root, "kind", ""), "this expression"
        )
        self.error("IRQ202", f"cannot assign to {what}", sp)
        return False

    def _call_stmt(self, s: ast.CallStmt, name: str, args: tuple[ast.Expr, ...], env: _Env) -> Iterator[T.TStmt]:
        sp = s.span
        b = env.lookup(name)
        if b is not None and b[0] == "proc":
            if b[1] == "<callback>":  # a proc checked on its own: its callback is not known yet
                for a in args:
                    self.expr(a, env)
                return
            name = b[1]
        decl = self.values.get(name)
        if name == "free" and not isinstance(decl, ast.ProcDecl):
            if len(args) != 1:
                self.error("IRQ108", f"free() takes 1 argument, got {len(args)}", sp)
                return
            a = self.expr(args[0], env)
            if not isinstance(a.type, PoolT | AnyT) and not (
                isinstance(a.type, OptionT) and isinstance(a.type.inner, PoolT)
            ):
                self.error("IRQ201", f"free() needs a pool object, not '{a.type}'", a.span)
            yield T.Free(a, span=sp)
            return
        if not isinstance(decl, ast.ProcDecl):
            if isinstance(decl, ast.FuncDecl):
                self.error("IRQ109", f"'{name}' is a func: use its value in an expression", s.name_span)
            elif name in BUILTIN_FUNCS:
                self.error("IRQ109", f"'{name}' is a built-in func: use its value in an expression", s.name_span)
            else:
                self._unknown("IRQ101", "proc", name, s.name_span, lambda: self._proc_names(env))
            return
        if name in env.inlining:
            self.error(
                "IRQ107",
                f"proc '{name}' calls itself{_cycle(env.inlining, name)} (procs are inlined: no recursion)",
                s.name_span,
            )
            return
        if len(args) != len(decl.params):
            self.error("IRQ108", f"proc '{name}' takes {len(decl.params)} argument(s), got {len(args)}", sp)
            return
        targs: list[T.TExpr | _Placeholder] = []
        for p, a in zip(decl.params, args, strict=True):
            if isinstance(p.type, ast.ProcType):
                targs.append(self._proc_arg(a, env))
            else:
                ta = self.expr(a, env)
                if p.is_ref and self._check_value_param(a, ta, env):
                    ta = T.Lit(ANY, None, span=ta.span)
                targs.append(ta)
        stmt = self._inline(decl, targs, env, sp)
        if stmt is not None:
            yield stmt

    def _proc_names(self, env: _Env) -> list[str]:
        procs = [n for n, d in self.values.items() if isinstance(d, ast.ProcDecl)] + ["free"]
        return procs + [n for scope in env.scopes for n, b in scope.items() if b[0] == "proc"]

    def _proc_arg(self, a: ast.Expr, env: _Env) -> _Placeholder:
        if isinstance(a, ast.NameRef):
            b = env.lookup(a.name)
            if b is not None and b[0] == "proc":
                return _Placeholder(ANY, None, proc=b[1], span=a.span)
            if isinstance(self.values.get(a.name), ast.ProcDecl):
                return _Placeholder(ANY, None, proc=a.name, span=a.span)
        self.error("IRQ108", "expected the name of a proc", a.span)
        return _Placeholder(ANY, None, proc=None, span=a.span)

    def _inline(
        self,
        decl: ast.ProcDecl,
        args: Sequence[T.TExpr | _Placeholder],
        env: _Env,
        call_span: Span,
        placeholder: bool = False,
    ) -> T.TStmt | None:
        name = decl.name
        self._check_depth(name, call_span, env)
        binding = self._unify_call(decl.type_params, decl.params, args, call_span, name)
        if binding is None:
            return None
        scope: dict[str, tuple] = {}
        pre: list[T.TStmt] = []
        frames = [*env.frames, _Frame(name, env.atomic)]
        penv = env.child(
            scopes=[scope], tparams=binding, inlining=(*env.inlining, name), frames=frames, loops=[], ended={}
        )
        ref_roots = [_root(a) for p, a in zip(decl.params, args, strict=True) if p.is_ref and isinstance(a, T.TExpr)]
        for p, a in zip(decl.params, args, strict=True):
            if p.name in scope:
                first = next(q.span for q in decl.params if q.name == p.name)
                self.error(
                    "IRQ102", f"parameter '{p.name}' is defined twice", p.span, [Note("first defined here", first)]
                )
            pt = self.resolve_type(p.type, binding, allow_proc=True)
            if isinstance(pt, ProcT):
                if isinstance(a, _Placeholder) and a.proc is not None:
                    ok = self._check_callback(a.proc, pt, a.span)
                    scope[p.name] = ("proc", a.proc if ok else "<callback>")
                elif isinstance(a, _Placeholder) and placeholder and a.param is not None:
                    scope[p.name] = ("proc", None)
                else:  # not a proc name (reported): calls through it are not checked
                    scope[p.name] = ("proc", "<callback>")
                continue
            if isinstance(a, _Placeholder):  # checking a proc on its own: parameters are opaque
                if p.is_ref:
                    scope[p.name] = ("ref", T.Var(pt, f"{name}.{p.name}", "global", span=p.span))
                else:
                    scope[p.name] = ("value", T.Var(pt, f"{name}.{p.name}", "param", span=p.span))
                continue
            if not assignable(a.type, pt):
                self.error(
                    "IRQ201",
                    f"argument '{p.name}' of '{name}' must be '{pt}', not '{a.type}'",
                    a.span,
                    _narrow_hint(a.type, pt),
                )
                # no cascade into the body: a `ref` parameter stays one, so writing it is no error
                scope[p.name] = ("ref" if p.is_ref else "value", T.Lit(ANY, None, span=a.span))
                continue
            a = _retype_empty(a, pt)  # `{}` takes the parameter's set type
            if p.is_ref:
                if not self._expect_lvalue(a, a.span, env):
                    scope[p.name] = ("ref", T.Lit(ANY, None, span=a.span))  # no cascade into the body
                    continue
                if _reads_state_in_path(a):
                    self.error(
                        "IRQ305",
                        f"the ref argument for '{p.name}' reads shared state to find its target; "
                        "copy the index or object into a local first",
                        a.span,
                    )
                scope[p.name] = ("ref", a)
            elif _stable(a) and not (isinstance(a, T.Var) and a.kind == "local" and _root(a) in ref_roots):
                scope[p.name] = ("value", a)
            else:
                local_type = pt if not isinstance(pt, AnyT) else a.type
                unique = self._new_local(p.name, local_type, p.span, penv)
                pre.append(T.Assign(T.Var(local_type, unique, "local", span=a.span), a, span=a.span))
        if placeholder and any(v[0] == "proc" and v[1] is None for v in scope.values()):
            # a callback parameter with no argument: the body is checked where the proc is called
            for k, v in list(scope.items()):
                if v[0] == "proc" and v[1] is None:
                    scope[k] = ("proc", "<callback>")
        start = len(self.diags)
        try:
            body = self._proc_body(decl, penv)
        except _LimitReached as e:
            e.calls.append((name, call_span))
            raise
        if not placeholder:
            self._note_call(start, name, call_span)
        return T.Inline(name, (*pre, *body), span=call_span)

    def _note_call(self, start: int, name: str, call_span: Span) -> None:
        """Errors found in the body of `name` only at this call (diagnostics from `start` on) name the call."""
        note = Note(f"in the call of '{name}' here", call_span)
        for i in range(start, len(self.diags)):
            self.diags[i] = replace(self.diags[i], notes=(*self.diags[i].notes, note))

    def _proc_body(self, decl: ast.ProcDecl, env: _Env) -> tuple[T.TStmt, ...]:
        out: list[T.TStmt] = []
        for s in decl.body.body:
            out.extend(self.stmt(s, env))
        return tuple(out)

    def _check_callback(self, proc: str, pt: ProcT, span: Span) -> bool:
        """Does proc `proc` fit a parameter of type `pt`? Reports why not."""
        decl = self.values.get(proc)
        if proc == "<callback>" or not isinstance(decl, ast.ProcDecl):
            return True
        if len(decl.params) != len(pt.params):
            self.error(
                "IRQ108", f"proc '{proc}' takes {len(decl.params)} argument(s), but a '{pt}' is expected here", span
            )
            return False
        if decl.type_params:
            return True
        for p, want in zip(decl.params, pt.params, strict=True):
            have = self.resolve_type(p.type, allow_proc=True)
            if not (assignable(want, have) and assignable(have, want)):
                self.error(
                    "IRQ201",
                    f"proc '{proc}' takes '{have}' for '{p.name}', but a '{pt}' is expected here",
                    span,
                )
                return False
        return True

    # ---- limits ------------------------------------------------------------------------
    def _count(self, n: int, span: Span) -> None:
        """Count `n` statements or expressions elaborated (once per instance of the thread being
        checked); past MAX_INLINED the check stops, as inlining has made the spec too large."""
        self._work += n * self._work_weight
        if self._work > MAX_INLINED:
            raise _LimitReached("IRQ401", span, self._where, self._where_root)

    def _count_copies(self, copies: int, work: int, span: Span) -> None:
        """Count `copies` more of what was just elaborated (`work`, already weighted): the copies
        the lowering makes of an unrolled loop body or an expanded quantifier."""
        if copies > 0 and work > 0:
            self._work += copies * work
            if self._work > MAX_INLINED:
                raise _LimitReached("IRQ401", span, self._where, self._where_root)

    def _domain_count(self, t: Type) -> int:
        return domain_size(t, self.nthreads) if is_finite(t) else 1

    def _tree_size(self, e: T.TExpr) -> int:
        """How many nodes `e` has as a tree, where a shared subexpression counts at each use
        (computed once per node, so a deep sharing costs no more than the nodes there are)."""
        hit = self._tree_sizes.get(id(e))
        if hit is not None:
            return hit[0]
        n = 1 + sum(self._tree_size(c) for c in _subexpressions(e))
        self._tree_sizes[id(e)] = (n, e)  # the node is kept, so its id stays its own
        return n

    def _check_depth(self, name: str, call_span: Span, env: _Env) -> None:
        """Stop at a call nested more than MAX_CALL_DEPTH procs and funcs deep."""
        if len(env.inlining) >= MAX_CALL_DEPTH:
            e = _LimitReached("IRQ402", call_span, self._where, self._where_root)
            e.calls.append((name, call_span))
            raise e

    def _limit_diagnostic(self, e: _LimitReached) -> Diagnostic:
        """The one error for a limit that stopped the check, naming the chain of calls it was in."""
        calls = list(reversed(e.calls))
        names = [n for n, _ in calls]
        if e.root is not None and (not names or names[0] != e.root):
            names.insert(0, e.root)
        chain = _chain_text(names)
        if e.code == "IRQ402":
            return Diagnostic(
                "IRQ402",
                f"calls nested more than {MAX_CALL_DEPTH} deep: {chain} (procs and funcs are inlined at each call)",
                e.span,
            )
        where = f"{e.where}, inlining {chain}" if len(names) > 1 else e.where
        message = (
            f"the spec is too large once procs and funcs are inlined: more than {MAX_INLINED} statements and "
            f"expressions (loops unrolled, quantifiers expanded, each thread instance counted); the limit was "
            f"reached in {where}"
        )
        if calls and calls[0][1] != e.span:
            return Diagnostic("IRQ401", message, calls[0][1], notes=(Note("the limit was reached here", e.span),))
        return Diagnostic("IRQ401", message, e.span)

    def _check_state_size(
        self,
        globals_: tuple[T.Global, ...],
        pools: tuple[T.Pool, ...],
        templates: tuple[T.ThreadTemplate, ...],
        copies: dict[str, int],
    ) -> None:
        """Reject a state of more than MAX_STATE_BITS bits (every stored value counts at least one):
        the lowering lays out one variable per stored value, and no engine searches such a state."""
        n = self.nthreads
        memo: dict[Type, int] = {}
        parts: list[tuple[str, int, Span]] = []
        for g in globals_:
            parts.append((f"shared variable '{g.name}'", state_size(g.type, n, memo), self.values[g.name].name_span))
        for p in pools:
            bits = p.size * (1 + sum(state_size(t, n, memo) for _, t in p.fields))
            parts.append((f"pool '{p.name}'", bits, self.types[p.name].name_span))
        for t in templates:
            bits = copies.get(t.name, 1) * sum(state_size(lt, n, memo) for _, lt in t.locals)
            parts.append((f"the locals of thread '{t.name}'", bits, self.values[t.name].name_span))
        total = 0
        for what, bits, span in parts:
            total += bits
            if total > MAX_STATE_BITS:
                self.error(
                    "IRQ403",
                    f"the state needs more than {MAX_STATE_BITS} bits: with {what} ({bits} bits) it needs {total} "
                    "(shared variables, pool objects and the locals of every thread instance count, each stored "
                    "value at least 1 bit)",
                    span,
                )
                return

    def _check_atomic_paths(self, body: Sequence[T.TStmt], calls: tuple[tuple[str, Span], ...] = ()) -> None:
        """Reject an atomic block with more paths than the lowering explores for one step."""
        for s in body:
            match s:
                case T.Atomic(inner):
                    if T.atomic_paths(inner, self.nthreads) > MAX_ATOMIC_PATHS:
                        self.error(
                            "IRQ404",
                            f"this atomic block has more than {MAX_ATOMIC_PATHS} paths through it (each statement "
                            "counted on each path); it runs as one step, so choose or branch outside it",
                            s.span,
                            [Note(f"in the call of '{n}' here", sp) for n, sp in reversed(calls)],
                        )
                case T.If(_, then, orelse):
                    self._check_atomic_paths(then, calls)
                    self._check_atomic_paths(orelse, calls)
                case T.While(_, inner) | T.Foreach(_, _, _, _, inner):
                    self._check_atomic_paths(inner, calls)
                case T.Either(branches):
                    for b in branches:
                        self._check_atomic_paths(b, calls)
                case T.Label(_, inner_stmt):
                    self._check_atomic_paths((inner_stmt,), calls)
                case T.Inline(proc, inner):
                    self._check_atomic_paths(inner, (*calls, (proc, s.span)))

    # ---- small helpers -----------------------------------------------------------------
    def _expect_bool(self, t: T.TExpr, sp: Span) -> None:
        if not isinstance(t.type, BoolT | AnyT):
            self.error("IRQ201", f"expected a bool, not '{t.type}'{self._thread_hint(t)}", sp)

    def _expect_int(self, t: T.TExpr, sp: Span) -> bool:
        if isinstance(t.type, AnyT):
            return False
        if not isinstance(t.type, IntT):
            self.error("IRQ201", f"expected an integer, not '{t.type}'{self._thread_hint(t)}", sp)
            return False
        return True

    def _expect_assignable(self, value: T.TExpr, target: Type, sp: Span) -> None:
        if not assignable(value.type, target):
            hint = self._thread_hint(value)
            if isinstance(value.type, OptionT) and not isinstance(target, OptionT):
                hint = f" (the value may be none: declare the target as '{target}?')"
            self.error("IRQ201", f"expected '{target}', not '{value.type}'{hint}", sp, _narrow_hint(value.type, target))

    def _thread_hint(self, t: T.TExpr) -> str:
        """For a thread named where another kind of value is wanted: what the name means there."""
        if isinstance(t, T.Lit) and isinstance(t.type, ThreadT) and isinstance(t.value, int):
            name = self.instances[t.value].display
            return (
                f" ('{name}' is a thread: as a value it is the thread itself; say done({name}), "
                f"enabled({name}), at({name}, label) or {name}.local to ask about it)"
            )
        return ""


@dataclass
class _Placeholder:
    """An argument that is not an expression: a proc name, or an opaque parameter."""

    type: Type
    param: ast.Param | None
    proc: str | None = None
    span: Span = BUILTIN


def _narrow_hint(actual: Type, target: Type) -> tuple[Note, ...]:
    """For a `T?` where a `T` is needed: the ways to narrow it."""
    if isinstance(actual, OptionT) and not isinstance(actual.inner, AnyT) and not isinstance(target, OptionT):
        return (
            Note(
                "narrow it: 'if let x = e { ... }' gives the value as x inside the block when it is not none, "
                "'e!' gives it directly (a null_deref violation if it is none)"
            ),
        )
    return ()


def _position(d: Diagnostic) -> tuple[int, str, int, int]:
    if d.span is None:
        return (0, "", 0, 0)
    return (1 if d.span.path.startswith("<prelude>") else 2, d.span.path, d.span.line, d.span.col)


def _retype_empty(e: T.TExpr, want: Type) -> T.TExpr:
    """`{}` takes the set type its context expects (its own element type is unknown)."""
    if isinstance(e, T.SetOf) and not e.items and isinstance(want, SetT) and not isinstance(want.elem, AnyT):
        return T.SetOf(want, (), span=e.span)
    return e


def _unify(pattern: Type, actual: Type, binding: dict[str, Type]) -> None:
    match pattern:
        case TypeVar(name):
            if name not in binding and not isinstance(actual, AnyT):
                binding[name] = actual
        case OptionT(p):
            _unify(p, actual.inner if isinstance(actual, OptionT) else actual, binding)
        case SetT(p) if isinstance(actual, SetT):
            _unify(p, actual.elem, binding)
        case ListT(p) if isinstance(actual, ListT):
            _unify(p, actual.elem, binding)
        case ArrayT(k, v) if isinstance(actual, ArrayT):
            _unify(k, actual.key, binding)
            _unify(v, actual.value, binding)
        case RecordT(n, args, _) if isinstance(actual, RecordT) and actual.name == n:
            for p, a in zip(args, actual.args, strict=False):
                _unify(p, a, binding)


def _const_refs(e: ast.Expr) -> list[str]:
    """The names const_eval looks up to evaluate `e`."""
    out: list[str] = []
    todo = [e]
    while todo:
        match todo.pop():
            case ast.NameRef(name):
                out.append(name)
            case ast.Unary("-" | "!", x):
                todo.append(x)
            case ast.Binary("+" | "-" | "*" | "/" | "%", l, r):
                todo.extend((l, r))
    return out


def _on_cycles(graph: dict[str, list[str]]) -> set[str]:
    """The nodes of `graph` that lie on a cycle (Tarjan's strongly connected components, without
    recursion, so a chain of any length fits the stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: set[str] = set()
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            succs = graph.get(node, [])
            if i < len(succs):
                work.append((node, i + 1))
                nxt = succs[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:  # back in the caller: pass the lowest index up
                caller = work[-1][0]
                low[caller] = min(low[caller], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, []):
                    out.update(component)
    return out


def _chain_text(names: Sequence[str]) -> str:
    """`a -> b -> c`, with the middle of a long chain left out."""
    if len(names) > 9:
        return " -> ".join([*names[:4], f"... ({len(names) - 8} more)", *names[-4:]])
    return " -> ".join(names)


def _subexpressions(e: T.TExpr) -> tuple[T.TExpr, ...]:
    match e:
        case T.FieldOf(_, base, _):
            return (base,)
        case T.IndexOf(_, base, index):
            return (base, index)
        case T.Un(_, _, x):
            return (x,)
        case T.Bin(_, _, a, b):
            return (a, b)
        case T.SetOf(_, items) | T.Builtin(_, _, items):
            return items
        case T.BinderOf(_, _, _, _, body):
            return (body,)
        case T.AtLabel(_, thread, _):
            return (thread,)
    return ()


def _cycle(inlining: tuple[str, ...], name: str) -> str:
    """' through a -> b -> a' for a recursion that goes through other procs or funcs, else ''."""
    chain = inlining[inlining.index(name) :]
    return f" through {' -> '.join((*chain, name))}" if len(chain) > 1 else ""


def _root(t: T.TExpr) -> T.TExpr:
    while isinstance(t, T.FieldOf | T.IndexOf):
        if isinstance(t, T.FieldOf) and isinstance(t.base.type, PoolT | OptionT):
            return t
        t = t.base
    return t


def _reads_state_in_path(t: T.TExpr) -> bool:
    """Does finding the storage of lvalue `t` read shared state (an index, or a pool reference)?"""
    match t:
        case T.FieldOf(_, base, _):
            if isinstance(base.type, PoolT | OptionT):
                return T.reads_shared(base)
            return _reads_state_in_path(base)
        case T.IndexOf(_, base, index):
            return T.reads_shared(index) or _reads_state_in_path(base)
    return False


def _stable(t: T.TExpr) -> bool:
    """Can a value argument be substituted instead of copied (its value cannot change during the call)?"""
    return isinstance(t, T.Lit | T.Self) or (isinstance(t, T.Var) and t.kind in ("param", "option", "local", "bound"))


def _constant_only(t: T.TExpr) -> bool:
    match t:
        case T.Lit():
            return True
        case T.Un(_, _, x):
            return _constant_only(x)
        case T.Bin(_, _, l, r):
            return _constant_only(l) and _constant_only(r)
    return False


def _respan(t: T.TExpr, sp: Span) -> T.TExpr:
    if isinstance(t, T.Lit | T.Var | T.Self):
        return type(t)(**{f: getattr(t, f) for f in t.__dataclass_fields__ if f != "span"}, span=sp)
    return t


def _values(t: Type) -> list[int | bool | str]:
    match t:
        case BoolT():
            return [False, True]
        case IntT(lo, hi):
            return list(range(lo, hi + 1))
        case EnumT(_, members):
            return list(members)
    return []


def _product_size(domains: list[list[int | bool | str]]) -> int:
    n = 1
    for d in domains:
        n *= len(d)
    return n


def _cdiv(a: int, b: int) -> int:
    """Integer division rounding toward zero, as in C."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _show(v: int | bool | str) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)

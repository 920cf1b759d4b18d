"""The checked spec: names resolved, types known, procs and funcs inlined, constants folded.

This is what the front end hands on. Every node keeps the span it was written at; a statement
that came from an inlined proc also sits inside an `Inline` naming the call site.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from verifier.sema.types import OptionT, PoolT, Type
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
    op: str  # ! -
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
    """live(o) | size(s) | done(t)."""

    name: str
    args: tuple[TExpr, ...]


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
        case Builtin():
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
    name: str
    params: tuple[tuple[str, Type], ...]
    fair: str | None  # None | "weak" | "strong"
    daemon: bool
    locals: tuple[tuple[str, Type], ...]
    body: tuple[TStmt, ...]
    span: Span = field(compare=False)


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

    def property_names(self) -> list[str]:
        """Every property reported for this spec: invariants, temporal properties, then checks."""
        return [i.name for i in self.invariants] + [p.name for p in self.properties] + [c.name for c in self.checks]

"""The abstract syntax of a spec: what the user wrote, with positions.

Class names match grammar rule names (grammar/irq.lark), so `to_ast` is one method per rule.
Spans ride along but take no part in equality.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from verifier.source import BUILTIN, SourceFile, Span

# ---- types ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TypeExpr:
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class BoolType(TypeExpr):
    pass


@dataclass(frozen=True, slots=True)
class RangeType(TypeExpr):
    lo: Expr
    hi: Expr


@dataclass(frozen=True, slots=True)
class NamedType(TypeExpr):
    name: str
    args: tuple[TypeExpr, ...] = ()


@dataclass(frozen=True, slots=True)
class SetType(TypeExpr):
    elem: TypeExpr


@dataclass(frozen=True, slots=True)
class ListType(TypeExpr):
    elem: TypeExpr


@dataclass(frozen=True, slots=True)
class ArrayType(TypeExpr):
    key: TypeExpr
    value: TypeExpr


@dataclass(frozen=True, slots=True)
class OptionType(TypeExpr):
    inner: TypeExpr


@dataclass(frozen=True, slots=True)
class ProcType(TypeExpr):
    params: tuple[TypeExpr, ...]


# ---- expressions ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Expr:
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class IntLit(Expr):
    value: int


@dataclass(frozen=True, slots=True)
class BoolLit(Expr):
    value: bool


@dataclass(frozen=True, slots=True)
class NoneLit(Expr):
    pass


@dataclass(frozen=True, slots=True)
class SelfRef(Expr):
    pass


@dataclass(frozen=True, slots=True)
class NameRef(Expr):
    name: str


@dataclass(frozen=True, slots=True)
class Call(Expr):
    name: str
    args: tuple[Expr, ...]
    name_span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Alloc(Expr):
    pool: str


@dataclass(frozen=True, slots=True)
class FieldRef(Expr):
    base: Expr
    name: str


@dataclass(frozen=True, slots=True)
class Index(Expr):
    base: Expr
    index: Expr


@dataclass(frozen=True, slots=True)
class Unwrap(Expr):
    """`e!`: the value of an optional, a `null_deref` fault where it is none."""

    operand: Expr


@dataclass(frozen=True, slots=True)
class Unary(Expr):
    op: str  # "!" or "-"
    operand: Expr


@dataclass(frozen=True, slots=True)
class Binary(Expr):
    op: str  # + - * / % == != < <= > >= && || ==> in notin
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class SetLit(Expr):
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Binder(Expr):
    """`count(x: T | c)`, `{x: T | c}`, `forall x: T :: c`, `exists x: T :: c`."""

    kind: str  # count | set | forall | exists
    var: str
    domain: TypeExpr
    body: Expr


# ---- statements ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stmt:
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Block(Stmt):
    body: tuple[Stmt, ...]


@dataclass(frozen=True, slots=True)
class LocalStmt(Stmt):
    name: str
    type: TypeExpr | None
    init: Expr


@dataclass(frozen=True, slots=True)
class AssignStmt(Stmt):
    target: Expr
    op: str  # = += -=
    value: Expr


@dataclass(frozen=True, slots=True)
class CallStmt(Stmt):
    name: str
    args: tuple[Expr, ...]
    name_span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class IfStmt(Stmt):
    cond: Expr
    then: Block
    orelse: Block | None


@dataclass(frozen=True, slots=True)
class IfLetStmt(Stmt):
    """`if let name = value { then } else { orelse }`: `then` sees `name`, the value when it is not none."""

    name: str
    value: Expr
    then: Block
    orelse: Block | None
    name_span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class WhileStmt(Stmt):
    cond: Expr
    body: Block


@dataclass(frozen=True, slots=True)
class LoopStmt(Stmt):
    body: Block


@dataclass(frozen=True, slots=True)
class ForStmt(Stmt):
    var: str
    lo: Expr
    hi: Expr
    body: Block


@dataclass(frozen=True, slots=True)
class ForeachIn(Stmt):
    var: str
    source: Expr
    body: Block


@dataclass(frozen=True, slots=True)
class ForeachType(Stmt):
    var: str
    domain: TypeExpr
    body: Block


@dataclass(frozen=True, slots=True)
class AtomicStmt(Stmt):
    body: Block


@dataclass(frozen=True, slots=True)
class AwaitStmt(Stmt):
    cond: Expr


@dataclass(frozen=True, slots=True)
class ChooseStmt(Stmt):
    var: str
    domain: TypeExpr
    cond: Expr | None


@dataclass(frozen=True, slots=True)
class EitherStmt(Stmt):
    branches: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class AssertStmt(Stmt):
    check: str | None
    cond: Expr
    check_span: Span | None = field(default=None, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class AssumeStmt(Stmt):
    cond: Expr


@dataclass(frozen=True, slots=True)
class SkipStmt(Stmt):
    pass


@dataclass(frozen=True, slots=True)
class BreakStmt(Stmt):
    pass


@dataclass(frozen=True, slots=True)
class ContinueStmt(Stmt):
    pass


@dataclass(frozen=True, slots=True)
class ReturnStmt(Stmt):
    pass


@dataclass(frozen=True, slots=True)
class LabelledStmt(Stmt):
    label: str
    stmt: Stmt


# ---- temporal formulas ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Temporal:
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class StateFormula(Temporal):
    expr: Expr


@dataclass(frozen=True, slots=True)
class Always(Temporal):
    body: Temporal


@dataclass(frozen=True, slots=True)
class Eventually(Temporal):
    body: Temporal


@dataclass(frozen=True, slots=True)
class LeadsTo(Temporal):
    trigger: Expr
    response: Expr


# ---- declarations --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decl:
    name: str
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)
    name_span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: TypeExpr
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: TypeExpr
    is_ref: bool = False
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Include(Decl):
    """`include "path";` (name is the path as written)."""


@dataclass(frozen=True, slots=True)
class ConstDecl(Decl):
    value: Expr


@dataclass(frozen=True, slots=True)
class TypeDecl(Decl):
    type: TypeExpr


@dataclass(frozen=True, slots=True)
class EnumDecl(Decl):
    members: tuple[str, ...]
    member_spans: tuple[Span, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class RecordDecl(Decl):
    type_params: tuple[str, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class PoolDecl(Decl):
    size: Expr
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class VarDecl(Decl):
    type: TypeExpr
    init: Expr | None


@dataclass(frozen=True, slots=True)
class CheckDecl(Decl):
    description: str


@dataclass(frozen=True, slots=True)
class FuncDecl(Decl):
    type_params: tuple[str, ...]
    params: tuple[Param, ...]
    result: TypeExpr
    body: Expr


@dataclass(frozen=True, slots=True)
class ProcDecl(Decl):
    type_params: tuple[str, ...]
    params: tuple[Param, ...]
    body: Block


@dataclass(frozen=True, slots=True)
class ThreadDecl(Decl):
    """A thread, or an interrupt handler (`context` "hardirq" or "softirq") that runs `body` each
    time its interrupt is delivered, on CPU `cpu`, when `when` holds."""

    modifiers: tuple[str, ...]
    params: tuple[Param, ...]
    body: Block
    context: str = "task"
    cpu: Expr | None = None
    when: Expr | None = None


@dataclass(frozen=True, slots=True)
class OptionDecl(Decl):
    type: TypeExpr
    default: Expr


@dataclass(frozen=True, slots=True)
class OptionSet:
    name: str
    value: Expr
    span: Span = field(default=BUILTIN, compare=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class VariantDecl(Decl):
    settings: tuple[OptionSet, ...]


@dataclass(frozen=True, slots=True)
class InvariantDecl(Decl):
    expr: Expr


@dataclass(frozen=True, slots=True)
class PropertyDecl(Decl):
    formula: Temporal


@dataclass(frozen=True, slots=True)
class ExpectDecl(Decl):
    """`expect v1, v2: p1, p2 holds;` (name is unused: "")."""

    variants: tuple[tuple[str, Span], ...]
    properties: tuple[tuple[str, Span], ...]
    verdict: str  # holds | violated


@dataclass(frozen=True, slots=True)
class InitDecl(Decl):
    """`init { ... }`: code run once, before any thread, to build the initial state (name is "")."""

    body: Block


@dataclass(frozen=True, slots=True)
class Module:
    """One file's declarations, in source order."""

    path: str
    decls: tuple[Decl, ...]
    source: SourceFile | None = field(default=None, compare=False, repr=False)

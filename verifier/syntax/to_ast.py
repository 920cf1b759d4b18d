"""Parse tree to AST: one method per grammar rule, positions kept as Spans."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from lark import Token, Transformer, Tree, v_args
from lark.exceptions import VisitError
from lark.tree import Meta

from verifier.diagnostics import Diagnostic, SpecError
from verifier.source import SourceFile, Span
from verifier.syntax import ast

MAX_INT = 2**31 - 1


def to_ast(src: SourceFile, tree: Tree[Token]) -> ast.Module:
    """The Module for one file's parse tree; raises SpecError on an out-of-range literal."""
    builder = _Builder(src)
    try:
        decls = builder.transform(tree)
    except VisitError as e:  # Lark wraps what a rule method raises; a stack overflow stays one
        if isinstance(e.orig_exc, RecursionError):
            raise e.orig_exc from None
        raise
    if builder.errors:
        raise SpecError(builder.errors)
    return ast.Module(src.path, tuple(decls), src)


@v_args(meta=True)
class _Builder(Transformer[Token, Any]):
    def __init__(self, src: SourceFile):
        super().__init__(visit_tokens=False)
        self.src = src
        self.errors: list[Diagnostic] = []

    # -- positions --------------------------------------------------------
    def _span(self, meta: Meta) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.src, 1, 1, 1, 1)
        return Span(self.src, meta.line, meta.column, meta.end_line, meta.end_column)

    def _tok(self, tok: Token) -> Span:
        line, col = tok.line or 1, tok.column or 1
        return Span(self.src, line, col, tok.end_line or line, tok.end_column or col + len(tok))

    # -- declarations -----------------------------------------------------
    def start(self, meta: Meta, c: list[Any]) -> list[ast.Decl]:
        return c

    def include(self, meta: Meta, c: list[Any]) -> ast.Include:
        return ast.Include(str(c[0])[1:-1], span=self._span(meta), name_span=self._tok(c[0]))

    def const_decl(self, meta: Meta, c: list[Any]) -> ast.ConstDecl:
        return ast.ConstDecl(str(c[0]), c[1], span=self._span(meta), name_span=self._tok(c[0]))

    def type_decl(self, meta: Meta, c: list[Any]) -> ast.TypeDecl:
        return ast.TypeDecl(str(c[0]), c[1], span=self._span(meta), name_span=self._tok(c[0]))

    def enum_decl(self, meta: Meta, c: list[Any]) -> ast.EnumDecl:
        return ast.EnumDecl(
            str(c[0]),
            tuple(str(t) for t in c[1:]),
            tuple(self._tok(t) for t in c[1:]),
            span=self._span(meta),
            name_span=self._tok(c[0]),
        )

    def type_params(self, meta: Meta, c: list[Token]) -> tuple[str, ...]:
        return tuple(str(t) for t in c)

    def field(self, meta: Meta, c: list[Any]) -> ast.Field:
        return ast.Field(str(c[0]), c[1], span=self._span(meta))

    def record_decl(self, meta: Meta, c: list[Any]) -> ast.RecordDecl:
        return ast.RecordDecl(str(c[0]), c[1] or (), tuple(c[2:]), span=self._span(meta), name_span=self._tok(c[0]))

    def pool_decl(self, meta: Meta, c: list[Any]) -> ast.PoolDecl:
        return ast.PoolDecl(str(c[0]), c[1], tuple(c[2:]), span=self._span(meta), name_span=self._tok(c[0]))

    def var_decl(self, meta: Meta, c: list[Any]) -> ast.VarDecl:
        return ast.VarDecl(str(c[0]), c[1], c[2], span=self._span(meta), name_span=self._tok(c[0]))

    def check_decl(self, meta: Meta, c: list[Any]) -> ast.CheckDecl:
        return ast.CheckDecl(str(c[0]), str(c[1])[1:-1], span=self._span(meta), name_span=self._tok(c[0]))

    def params(self, meta: Meta, c: list[ast.Param]) -> tuple[ast.Param, ...]:
        return tuple(c)

    def param(self, meta: Meta, c: list[Any]) -> ast.Param:
        return ast.Param(str(c[1]), c[2], c[0] is not None, span=self._span(meta))

    def ref(self, meta: Meta, c: list[Any]) -> bool:
        return True

    def func_decl(self, meta: Meta, c: list[Any]) -> ast.FuncDecl:
        name, tparams, params, result, body = c
        return ast.FuncDecl(
            str(name), tparams or (), params or (), result, body, span=self._span(meta), name_span=self._tok(name)
        )

    def proc_decl(self, meta: Meta, c: list[Any]) -> ast.ProcDecl:
        name, tparams, params, body = c
        return ast.ProcDecl(
            str(name), tparams or (), params or (), body, span=self._span(meta), name_span=self._tok(name)
        )

    def thread_mods(self, meta: Meta, c: list[str]) -> tuple[str, ...]:
        return tuple(c)

    def thread_mod(self, meta: Meta, c: list[Token]) -> str:
        return str(c[0])

    def thread_decl(self, meta: Meta, c: list[Any]) -> ast.ThreadDecl:
        mods, name, params, cpu, body = c
        return ast.ThreadDecl(
            str(name), mods, params or (), body, cpu=cpu, span=self._span(meta), name_span=self._tok(name)
        )

    def handler_kind(self, meta: Meta, c: list[Token]) -> str:
        return "hardirq" if str(c[0]) == "irq" else "softirq"

    def on_cpu(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return c[0]

    def handler_decl(self, meta: Meta, c: list[Any]) -> ast.ThreadDecl:
        kind, name, params, cpu, when, body = c
        return ast.ThreadDecl(
            str(name),
            (),
            params or (),
            body,
            context=kind,
            cpu=cpu,
            when=when,
            span=self._span(meta),
            name_span=self._tok(name),
        )

    def option_decl(self, meta: Meta, c: list[Any]) -> ast.OptionDecl:
        return ast.OptionDecl(str(c[0]), c[1], c[2], span=self._span(meta), name_span=self._tok(c[0]))

    def variant_decl(self, meta: Meta, c: list[Any]) -> ast.VariantDecl:
        return ast.VariantDecl(str(c[0]), c[1] or (), span=self._span(meta), name_span=self._tok(c[0]))

    def option_set_block(self, meta: Meta, c: list[ast.OptionSet]) -> tuple[ast.OptionSet, ...]:
        return tuple(c)

    def option_set(self, meta: Meta, c: list[Any]) -> ast.OptionSet:
        return ast.OptionSet(str(c[0]), c[1], span=self._span(meta))

    def invariant_decl(self, meta: Meta, c: list[Any]) -> ast.InvariantDecl:
        return ast.InvariantDecl(str(c[0]), c[1], span=self._span(meta), name_span=self._tok(c[0]))

    def property_decl(self, meta: Meta, c: list[Any]) -> ast.PropertyDecl:
        return ast.PropertyDecl(str(c[0]), c[1], span=self._span(meta), name_span=self._tok(c[0]))

    def expect_decl(self, meta: Meta, c: list[Any]) -> ast.ExpectDecl:
        return ast.ExpectDecl("", c[0], c[1], c[2], span=self._span(meta))

    def init_decl(self, meta: Meta, c: list[Any]) -> ast.InitDecl:
        sp = self._span(meta)
        keyword = replace(sp, end_line=sp.line, end_col=sp.col + len("init"))
        return ast.InitDecl("", c[0], span=sp, name_span=keyword)

    def name_list(self, meta: Meta, c: list[Any]) -> tuple[tuple[str, Span], ...]:
        out = []
        for t in c:
            if isinstance(t, Token):
                out.append((str(t), self._tok(t)))
            else:
                out.append(t)
        return tuple(out)

    def star(self, meta: Meta, c: list[Any]) -> tuple[str, Span]:
        return ("*", self._span(meta))

    def verdict(self, meta: Meta, c: list[Token]) -> str:
        return str(c[0])

    # -- types --------------------------------------------------------------
    def bool_type(self, meta: Meta, c: list[Any]) -> ast.TypeExpr:
        return ast.BoolType(span=self._span(meta))

    def range_type(self, meta: Meta, c: list[Any]) -> ast.TypeExpr:
        return ast.RangeType(c[0], c[1], span=self._span(meta))

    def named_type(self, meta: Meta, c: list[Any]) -> ast.TypeExpr:
        return ast.NamedType(str(c[0]), c[1] or (), span=self._span(meta))

    def type_args(self, meta: Meta, c: list[ast.TypeExpr]) -> tuple[ast.TypeExpr, ...]:
        return tuple(c)

    def set_type(self, meta: Meta, c: list[Any]) -> ast.TypeExpr:
        return ast.SetType(c[0], span=self._span(meta))

    def list_type(self, meta: Meta, c: list[Any]) -> ast.TypeExpr:
        return ast.ListType(c[0], span=self._span(meta))

    def array_type(self, meta: Meta, c: list[Any]) -> ast.TypeExpr:
        return ast.ArrayType(c[0], c[1], span=self._span(meta))

    def option_type(self, meta: Meta, c: list[Any]) -> ast.TypeExpr:
        return ast.OptionType(c[0], span=self._span(meta))

    def proc_type(self, meta: Meta, c: list[Any]) -> ast.TypeExpr:
        return ast.ProcType(tuple(t for t in c if t is not None), span=self._span(meta))

    # -- temporal -----------------------------------------------------------
    def always(self, meta: Meta, c: list[Any]) -> ast.Temporal:
        return ast.Always(c[0], span=self._span(meta))

    def eventually(self, meta: Meta, c: list[Any]) -> ast.Temporal:
        return ast.Eventually(c[0], span=self._span(meta))

    def leads_to(self, meta: Meta, c: list[Any]) -> ast.Temporal:
        return ast.LeadsTo(c[0], c[1], span=self._span(meta))

    def state_formula(self, meta: Meta, c: list[Any]) -> ast.Temporal:
        return ast.StateFormula(c[0], span=self._span(meta))

    # -- statements ---------------------------------------------------------
    def block(self, meta: Meta, c: list[ast.Stmt]) -> ast.Block:
        return ast.Block(tuple(c), span=self._span(meta))

    def local_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.LocalStmt(str(c[0]), c[1], c[2], span=self._span(meta))

    def assign_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.AssignStmt(c[0], c[1], c[2], span=self._span(meta))

    def assign_op(self, meta: Meta, c: list[Token]) -> str:
        return str(c[0])

    def call_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        args = tuple(c[1]) if c[1] is not None else ()
        return ast.CallStmt(str(c[0]), args, span=self._span(meta), name_span=self._tok(c[0]))

    def if_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        orelse = c[2]
        if isinstance(orelse, ast.IfStmt | ast.IfLetStmt):
            orelse = ast.Block((orelse,), span=orelse.span)
        return ast.IfStmt(c[0], c[1], orelse, span=self._span(meta))

    def if_let_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        orelse = c[3]
        if isinstance(orelse, ast.IfStmt | ast.IfLetStmt):
            orelse = ast.Block((orelse,), span=orelse.span)
        return ast.IfLetStmt(str(c[0]), c[1], c[2], orelse, span=self._span(meta), name_span=self._tok(c[0]))

    def while_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.WhileStmt(c[0], c[1], span=self._span(meta))

    def loop_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.LoopStmt(c[0], span=self._span(meta))

    def for_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.ForStmt(str(c[0]), c[1], c[2], c[3], span=self._span(meta))

    def foreach_in(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.ForeachIn(str(c[0]), c[1], c[2], span=self._span(meta))

    def foreach_type(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.ForeachType(str(c[0]), c[1], c[2], span=self._span(meta))

    def atomic_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.AtomicStmt(c[0], span=self._span(meta))

    def await_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.AwaitStmt(c[0], span=self._span(meta))

    def choose_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.ChooseStmt(str(c[0]), c[1], c[2], span=self._span(meta))

    def either_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.EitherStmt(tuple(c), span=self._span(meta))

    def assert_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        name = c[0]
        return ast.AssertStmt(
            str(name) if name is not None else None,
            c[1],
            span=self._span(meta),
            check_span=self._tok(name) if name is not None else None,
        )

    def assume_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.AssumeStmt(c[0], span=self._span(meta))

    def skip_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.SkipStmt(span=self._span(meta))

    def break_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.BreakStmt(span=self._span(meta))

    def continue_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.ContinueStmt(span=self._span(meta))

    def return_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.ReturnStmt(span=self._span(meta))

    def labelled_stmt(self, meta: Meta, c: list[Any]) -> ast.Stmt:
        return ast.LabelledStmt(str(c[0]), c[1], span=self._span(meta))

    # -- expressions --------------------------------------------------------
    def implies(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Binary("==>", c[0], c[1], span=self._span(meta))

    def or_expr(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Binary("||", c[0], c[1], span=self._span(meta))

    def and_expr(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Binary("&&", c[0], c[1], span=self._span(meta))

    def not_expr(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Unary("!", c[0], span=self._span(meta))

    def compare(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Binary(str(c[1]), c[0], c[2], span=self._span(meta))

    def cmp_op(self, meta: Meta, c: list[Token]) -> str:
        return str(c[0])

    add_op = mul_op = cmp_op

    def member(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Binary("in", c[0], c[1], span=self._span(meta))

    def not_member(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Binary("notin", c[0], c[1], span=self._span(meta))

    def binary(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Binary(str(c[1]), c[0], c[2], span=self._span(meta))

    def neg(self, meta: Meta, c: list[Any]) -> ast.Expr:
        if isinstance(c[0], ast.IntLit):
            return ast.IntLit(-c[0].value, span=self._span(meta))
        return ast.Unary("-", c[0], span=self._span(meta))

    def field_ref(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.FieldRef(c[0], str(c[1]), span=self._span(meta))

    def index(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Index(c[0], c[1], span=self._span(meta))

    def unwrap(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Unwrap(c[0], span=self._span(meta))

    def int_lit(self, meta: Meta, c: list[Token]) -> ast.Expr:
        span = self._span(meta)
        text = str(c[0])
        if len(text) > 10 or int(text) > MAX_INT:
            self.errors.append(
                Diagnostic(
                    "IRQ008", f"integer {text[:20]}{'...' if len(text) > 20 else ''} is larger than {MAX_INT}", span
                )
            )
            return ast.IntLit(0, span=span)
        return ast.IntLit(int(text), span=span)

    def true_lit(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.BoolLit(True, span=self._span(meta))

    def false_lit(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.BoolLit(False, span=self._span(meta))

    def none_lit(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.NoneLit(span=self._span(meta))

    def self_ref(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.SelfRef(span=self._span(meta))

    def name_ref(self, meta: Meta, c: list[Token]) -> ast.Expr:
        return ast.NameRef(str(c[0]), span=self._span(meta))

    def call(self, meta: Meta, c: list[Any]) -> ast.Expr:
        args = tuple(c[1]) if c[1] is not None else ()
        return ast.Call(str(c[0]), args, span=self._span(meta), name_span=self._tok(c[0]))

    def alloc(self, meta: Meta, c: list[Token]) -> ast.Expr:
        return ast.Alloc(str(c[0]), span=self._span(meta))

    def set_lit(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.SetLit(tuple(c[0]) if c[0] is not None else (), span=self._span(meta))

    def args(self, meta: Meta, c: list[ast.Expr]) -> list[ast.Expr]:
        return c

    def _binder(self, kind: str, meta: Meta, c: list[Any]) -> ast.Expr:
        return ast.Binder(kind, str(c[0]), c[1], c[2], span=self._span(meta))

    def set_compr(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return self._binder("set", meta, c)

    def count(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return self._binder("count", meta, c)

    def forall(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return self._binder("forall", meta, c)

    def exists(self, meta: Meta, c: list[Any]) -> ast.Expr:
        return self._binder("exists", meta, c)

"""verifier/syntax/to_ast.py: the AST for every grammar rule, with positions."""

from __future__ import annotations

import pytest

from verifier.diagnostics import SpecError
from verifier.source import SourceFile
from verifier.syntax import ast
from verifier.syntax.load import parse_source


def module(text: str) -> ast.Module:
    return parse_source(SourceFile("a.irq", text))


def decl(text: str) -> ast.Decl:
    (d,) = module(text).decls
    return d


def expr(text: str) -> ast.Expr:
    d = decl(f"const C = {text};")
    assert isinstance(d, ast.ConstDecl)
    return d.value


def type_(text: str) -> ast.TypeExpr:
    d = decl(f"type T = {text};")
    assert isinstance(d, ast.TypeDecl)
    return d.type


def stmt(text: str) -> ast.Stmt:
    d = decl(f"thread t {{ {text} }}")
    assert isinstance(d, ast.ThreadDecl)
    (s,) = d.body.body
    return s


def temporal(text: str) -> ast.Temporal:
    d = decl(f"property p: {text};")
    assert isinstance(d, ast.PropertyDecl)
    return d.formula


N = ast.NameRef
I = ast.IntLit


# ---- declarations ------------------------------------------------------------------------------


def test_module_keeps_path_source_and_order() -> None:
    m = module('include "lib.irq";\nconst A = 1;\nvar x: bool;\n')
    assert m.path == "a.irq"
    assert m.source is not None and m.source.text.startswith("include")
    assert [type(d).__name__ for d in m.decls] == ["Include", "ConstDecl", "VarDecl"]
    assert m.decls[0] == ast.Include("lib.irq")
    assert (m.decls[0].name_span.line, m.decls[0].name_span.col, m.decls[0].name_span.end_col) == (1, 9, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("const A = 1;", ast.ConstDecl("A", I(1))),
        ("type T = bool;", ast.TypeDecl("T", ast.BoolType())),
        ("enum E { A, B, }", ast.EnumDecl("E", ("A", "B"))),
        ("record R { f: bool; }", ast.RecordDecl("R", (), (ast.Field("f", ast.BoolType()),))),
        ("record R<X, Y> { }", ast.RecordDecl("R", ("X", "Y"), ())),
        ("pool P[2] { f: bool; }", ast.PoolDecl("P", I(2), (ast.Field("f", ast.BoolType()),))),
        ("var x: bool;", ast.VarDecl("x", ast.BoolType(), None)),
        ("var x: bool = true;", ast.VarDecl("x", ast.BoolType(), ast.BoolLit(True))),
        ('check c "what it means";', ast.CheckDecl("c", "what it means")),
        ("func f(): bool = true;", ast.FuncDecl("f", (), (), ast.BoolType(), ast.BoolLit(True))),
        (
            "func f<T>(x: T): T = x;",
            ast.FuncDecl("f", ("T",), (ast.Param("x", ast.NamedType("T")),), ast.NamedType("T"), N("x")),
        ),
        ("proc p() { }", ast.ProcDecl("p", (), (), ast.Block(()))),
        (
            "proc p<T>(ref a: T, cb: proc(T, bool), n: 0..1) { }",
            ast.ProcDecl(
                "p",
                ("T",),
                (
                    ast.Param("a", ast.NamedType("T"), True),
                    ast.Param("cb", ast.ProcType((ast.NamedType("T"), ast.BoolType()))),
                    ast.Param("n", ast.RangeType(I(0), I(1))),
                ),
                ast.Block(()),
            ),
        ),
        ("thread t { }", ast.ThreadDecl("t", (), (), ast.Block(()))),
        ("thread t() { }", ast.ThreadDecl("t", (), (), ast.Block(()))),
        (
            "fair daemon thread t(i: bool) { }",
            ast.ThreadDecl("t", ("fair", "daemon"), (ast.Param("i", ast.BoolType()),), ast.Block(())),
        ),
        ("strong_fair thread t { }", ast.ThreadDecl("t", ("strong_fair",), (), ast.Block(()))),
        ("option o: bool = false;", ast.OptionDecl("o", ast.BoolType(), ast.BoolLit(False))),
        ("variant v;", ast.VariantDecl("v", ())),
        ("variant v { }", ast.VariantDecl("v", ())),
        (
            "variant v { o = true; n = 2; };",
            ast.VariantDecl("v", (ast.OptionSet("o", ast.BoolLit(True)), ast.OptionSet("n", I(2)))),
        ),
        ("invariant i: true;", ast.InvariantDecl("i", ast.BoolLit(True))),
        ("property p: always true;", ast.PropertyDecl("p", ast.Always(ast.StateFormula(ast.BoolLit(True))))),
    ],
)
def test_declarations(text: str, expected: ast.Decl) -> None:
    assert decl(text) == expected


def test_expectation_lists_keep_names_stars_and_positions() -> None:
    d = decl("expect v1, *: p, q violated;")
    assert isinstance(d, ast.ExpectDecl)
    assert [n for n, _ in d.variants] == ["v1", "*"]
    assert [n for n, _ in d.properties] == ["p", "q"]
    assert d.verdict == "violated"
    assert [(s.col, s.end_col) for _, s in d.variants] == [(8, 10), (12, 13)]
    assert decl("expect v: p holds;").verdict == "holds"


def test_declaration_spans_cover_the_declaration_and_its_name() -> None:
    d = decl("\n  var counter: 0..3;")
    assert (d.span.line, d.span.col, d.span.end_line, d.span.end_col) == (2, 3, 2, 21)
    assert (d.name_span.line, d.name_span.col, d.name_span.end_col) == (2, 7, 14)
    e = decl("enum E { Alpha, Beta }")
    assert isinstance(e, ast.EnumDecl)
    assert [(s.col, s.end_col) for s in e.member_spans] == [(10, 15), (17, 21)]


# ---- types --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bool", ast.BoolType()),
        ("0..N-1", ast.RangeType(I(0), ast.Binary("-", N("N"), I(1)))),
        ("-1..1", ast.RangeType(I(-1), I(1))),
        ("state", ast.NamedType("state")),
        ("box<bool, E>", ast.NamedType("box", (ast.BoolType(), ast.NamedType("E")))),
        ("set<E>", ast.SetType(ast.NamedType("E"))),
        ("list<node>", ast.ListType(ast.NamedType("node"))),
        ("[E][bool]0..3", ast.ArrayType(ast.NamedType("E"), ast.ArrayType(ast.BoolType(), ast.RangeType(I(0), I(3))))),
        ("node?", ast.OptionType(ast.NamedType("node"))),
        ("set<E>?", ast.OptionType(ast.SetType(ast.NamedType("E")))),
        ("proc()", ast.ProcType(())),
        ("proc(bool, E)", ast.ProcType((ast.BoolType(), ast.NamedType("E")))),
        ("thread", ast.NamedType("thread")),
    ],
)
def test_types(text: str, expected: ast.TypeExpr) -> None:
    assert type_(text) == expected


# ---- temporal formulas --------------------------------------------------------------------------


def test_temporal_formulas() -> None:
    p = ast.StateFormula(N("p"))
    assert temporal("always p") == ast.Always(p)
    assert temporal("eventually p") == ast.Eventually(p)
    assert temporal("always eventually p") == ast.Always(ast.Eventually(p))
    assert temporal("p ~> q") == ast.LeadsTo(N("p"), N("q"))
    assert temporal("always p ~> q") == ast.Always(ast.LeadsTo(N("p"), N("q")))
    assert temporal("p") == p
    assert temporal("eventually always p") == ast.Eventually(ast.Always(p))


# ---- statements ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("local x = 1;", ast.LocalStmt("x", None, I(1))),
        ("local x: bool = true;", ast.LocalStmt("x", ast.BoolType(), ast.BoolLit(True))),
        ("x = 1;", ast.AssignStmt(N("x"), "=", I(1))),
        ("a[i].f += 1;", ast.AssignStmt(ast.FieldRef(ast.Index(N("a"), N("i")), "f"), "+=", I(1))),
        ("s -= x;", ast.AssignStmt(N("s"), "-=", N("x"))),
        ("p();", ast.CallStmt("p", ())),
        ("p(1, x);", ast.CallStmt("p", (I(1), N("x")))),
        ("free(o);", ast.CallStmt("free", (N("o"),))),
        ("if c { }", ast.IfStmt(N("c"), ast.Block(()), None)),
        ("if c { } else { skip; }", ast.IfStmt(N("c"), ast.Block(()), ast.Block((ast.SkipStmt(),)))),
        ("while c { }", ast.WhileStmt(N("c"), ast.Block(()))),
        ("loop { break; }", ast.LoopStmt(ast.Block((ast.BreakStmt(),)))),
        ("for i in 0..N { }", ast.ForStmt("i", I(0), N("N"), ast.Block(()))),
        ("foreach x in s { continue; }", ast.ForeachIn("x", N("s"), ast.Block((ast.ContinueStmt(),)))),
        ("foreach x: E { }", ast.ForeachType("x", ast.NamedType("E"), ast.Block(()))),
        ("atomic { }", ast.AtomicStmt(ast.Block(()))),
        ("await c;", ast.AwaitStmt(N("c"))),
        ("choose x: E;", ast.ChooseStmt("x", ast.NamedType("E"), None)),
        ("choose x: E where x != A;", ast.ChooseStmt("x", ast.NamedType("E"), ast.Binary("!=", N("x"), N("A")))),
        ("either { } or { }", ast.EitherStmt((ast.Block(()), ast.Block(())))),
        ("either { } or { } or { }", ast.EitherStmt((ast.Block(()),) * 3)),
        ("assert c;", ast.AssertStmt(None, N("c"))),
        ("assert[mine] c;", ast.AssertStmt("mine", N("c"))),
        ("assume c;", ast.AssumeStmt(N("c"))),
        ("skip;", ast.SkipStmt()),
        ("return;", ast.ReturnStmt()),
        ("@here skip;", ast.LabelledStmt("here", ast.SkipStmt())),
        ("@a @b skip;", ast.LabelledStmt("a", ast.LabelledStmt("b", ast.SkipStmt()))),
    ],
)
def test_statements(text: str, expected: ast.Stmt) -> None:
    assert stmt(text) == expected


def test_else_if_becomes_an_else_block_holding_the_if() -> None:
    s = stmt("if a { } else if b { } else { skip; }")
    inner = ast.IfStmt(N("b"), ast.Block(()), ast.Block((ast.SkipStmt(),)))
    assert s == ast.IfStmt(N("a"), ast.Block(()), ast.Block((inner,)))
    assert s.orelse is not None and s.orelse.span == s.orelse.body[0].span
    assert (s.orelse.span.col, s.orelse.span.end_col) == (26, 49)


def test_statement_and_name_spans() -> None:
    s = stmt("assert[mine] c;")
    assert isinstance(s, ast.AssertStmt) and s.check_span is not None
    assert (s.span.col, s.span.end_col) == (12, 27)
    assert (s.check_span.col, s.check_span.end_col) == (19, 23)
    call = stmt("p(1);")
    assert isinstance(call, ast.CallStmt)
    assert (call.name_span.col, call.name_span.end_col) == (12, 13)


# ---- expressions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", I(42)),
        ("true", ast.BoolLit(True)),
        ("false", ast.BoolLit(False)),
        ("none", ast.NoneLit()),
        ("self", ast.SelfRef()),
        ("x", N("x")),
        ("f()", ast.Call("f", ())),
        ("f(1, x)", ast.Call("f", (I(1), N("x")))),
        ("alloc(P)", ast.Alloc("P")),
        ("(x)", N("x")),
        ("{}", ast.SetLit(())),
        ("{1, 2}", ast.SetLit((I(1), I(2)))),
        ("{x: E | x != A}", ast.Binder("set", "x", ast.NamedType("E"), ast.Binary("!=", N("x"), N("A")))),
        ("count(x: E | c)", ast.Binder("count", "x", ast.NamedType("E"), N("c"))),
        ("forall x: E :: c", ast.Binder("forall", "x", ast.NamedType("E"), N("c"))),
        ("exists x: E :: c", ast.Binder("exists", "x", ast.NamedType("E"), N("c"))),
        ("a.b.c", ast.FieldRef(ast.FieldRef(N("a"), "b"), "c")),
        ("a[1][2]", ast.Index(ast.Index(N("a"), I(1)), I(2))),
        ("-x", ast.Unary("-", N("x"))),
        ("-3", I(-3)),
        ("- -3", I(3)),
        ("!c", ast.Unary("!", N("c"))),
        ("a in s", ast.Binary("in", N("a"), N("s"))),
        ("a not in s", ast.Binary("notin", N("a"), N("s"))),
        ("a ==> b ==> c", ast.Binary("==>", N("a"), ast.Binary("==>", N("b"), N("c")))),
        ("a || b && c", ast.Binary("||", N("a"), ast.Binary("&&", N("b"), N("c")))),
        ("!a && b", ast.Binary("&&", ast.Unary("!", N("a")), N("b"))),
        ("1 + 2 * 3", ast.Binary("+", I(1), ast.Binary("*", I(2), I(3)))),
        ("1 - 2 - 3", ast.Binary("-", ast.Binary("-", I(1), I(2)), I(3))),
        ("8 / 4 % 3", ast.Binary("%", ast.Binary("/", I(8), I(4)), I(3))),
        ("a + 1 < b", ast.Binary("<", ast.Binary("+", N("a"), I(1)), N("b"))),
    ],
)
def test_expressions(text: str, expected: ast.Expr) -> None:
    assert expr(text) == expected


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_comparisons(op: str) -> None:
    assert expr(f"a {op} b") == ast.Binary(op, N("a"), N("b"))


def test_expression_spans() -> None:
    e = expr("a + bb * 3")
    assert isinstance(e, ast.Binary)
    assert (e.span.col, e.span.end_col) == (11, 21)
    assert (e.right.span.col, e.right.span.end_col) == (15, 21)
    call = expr("f(1)")
    assert isinstance(call, ast.Call)
    assert (call.name_span.col, call.name_span.end_col, call.span.end_col) == (11, 12, 15)


def test_integer_literals_past_the_limit_are_errors() -> None:
    assert expr("2147483647") == I(2147483647)
    with pytest.raises(SpecError) as info:
        module("const A = 2147483648;\nconst B = 99999999999999999999999999;\n")
    messages = [(d.code, d.span.line, d.message) for d in info.value.diagnostics]
    assert messages == [
        ("IRQ008", 1, "integer 2147483648 is larger than 2147483647"),
        ("IRQ008", 2, "integer 99999999999999999999... is larger than 2147483647"),
    ]


def test_positions_do_not_take_part_in_equality() -> None:
    assert expr("x") == expr("   x")
    assert expr("x").span != expr("   x").span

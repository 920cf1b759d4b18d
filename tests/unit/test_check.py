"""verifier/sema/check.py: scoping, inlining, parameters, thread instances, overrides, reporting."""

from __future__ import annotations

import pytest
from support import check_path, diagnostics

from verifier.sema import typed as T
from verifier.sema.check import MAX_THREADS, check
from verifier.sema.types import BOOL, THREAD, ArrayT, EnumT, IntT, OptionT
from verifier.source import SourceFile
from verifier.syntax.load import parse_source


def spec(text: str) -> T.CheckedSpec:
    return check_path("c.irq", text)


def errors(text: str) -> list[tuple[int, str, str]]:
    return [(d.span.line if d.span else 0, d.code, d.message) for d in diagnostics("c.irq", text)]


def body(text: str, thread: str = "t") -> tuple[T.TStmt, ...]:
    return next(t for t in spec(text).templates if t.name == thread).body


def locals_of(text: str, thread: str = "t") -> dict[str, object]:
    return dict(next(t for t in spec(text).templates if t.name == thread).locals)


# ---- scoping -------------------------------------------------------------------------------------


def test_a_local_lives_until_the_end_of_its_block() -> None:
    text = "var g: bool;\nthread t {\n  if g {\n    local x: bool = true;\n    g = x;\n  }\n  g = x;\n}\n"
    assert errors(text) == [(7, "IRQ101", "unknown name 'x': 'x' was declared at 4:5 in a block that ends at 6:3")]


def test_a_local_of_an_atomic_block_lives_until_the_end_of_the_enclosing_block() -> None:
    text = "var g: bool;\nthread t {\n  atomic {\n    local x: bool = true;\n  }\n  g = x;\n  local x: bool = g;\n}\n"
    assert errors(text) == [(7, "IRQ102", "'x' is already defined in this block")]
    ok = "var g: bool;\nthread t {\n  atomic {\n    local x: bool = true;\n  }\n  g = x;\n}\n"
    assert errors(ok) == []


def test_locals_shadow_globals_and_outer_locals() -> None:
    text = """
var x: 0..3;
thread t {
  local x: bool = true;
  if x {
    local x: 0..1 = 1;
  }
}
"""
    stmts = body(text)
    assert stmts[0] == T.Assign(T.Var(BOOL, "x", "local"), T.Lit(BOOL, True))
    assert isinstance(stmts[1], T.If) and stmts[1].cond == T.Var(BOOL, "x", "local")
    assert stmts[1].then == (T.Assign(T.Var(IntT(0, 1), "x#2", "local"), T.Lit(IntT(1, 1), 1)),)


def test_procs_see_their_parameters_and_globals_not_the_callers_locals() -> None:
    text = """
var g: 0..3;
proc p() {
  g = secret;
}
thread t {
  local secret: 0..3 = 1;
  p();
}
"""
    assert errors(text) == [(4, "IRQ101", "unknown name 'secret'")]


def test_a_procs_locals_are_not_visible_to_its_caller() -> None:
    text = "var g: 0..3;\nproc p() { local inner: 0..3 = 1; }\nthread t { p(); g = inner; }\n"
    assert errors(text) == [(3, "IRQ101", "unknown name 'inner'")]


def test_bound_variables_are_scoped_to_their_binder() -> None:
    text = "var b: bool;\nthread t { b = exists x: bool :: x; b = x; }\n"
    assert errors(text) == [(2, "IRQ101", "unknown name 'x'")]


# ---- inlining ------------------------------------------------------------------------------------


INLINE = """
var g: 0..3;
proc inner(v: 0..3) {
  local tmp: 0..3 = v;
  g = tmp;
}
proc outer(v: 0..3) {
  local tmp: 0..3 = v;
  inner(tmp);
}
thread t {
  local tmp: bool = true;
  outer(1);
  outer(2);
}
"""


def test_locals_of_inlined_procs_are_renamed_by_call_path() -> None:
    assert list(locals_of(INLINE)) == [
        "tmp",
        "outer.tmp",
        "outer.inner.tmp",
        "outer.tmp#2",
        "outer.inner.tmp#2",
    ]


def test_each_call_is_an_inline_block_at_the_call_site() -> None:
    stmts = body(INLINE)
    first = stmts[1]
    assert isinstance(first, T.Inline) and first.proc == "outer" and first.span.line == 13
    set_tmp, call_inner = first.body
    assert set_tmp == T.Assign(T.Var(IntT(0, 3), "outer.tmp", "local"), T.Lit(IntT(1, 1), 1))
    assert isinstance(call_inner, T.Inline) and call_inner.proc == "inner" and call_inner.span.line == 9
    assert call_inner.body[0] == T.Assign(
        T.Var(IntT(0, 3), "outer.inner.tmp", "local"), T.Var(IntT(0, 3), "outer.tmp", "local")
    )


PARAMS = """
option opt: 0..3 = 1;
var g: 0..3;
var arr: [0..1]0..3;
proc use(v: 0..3) {
  g = v;
}
proc both(ref r: 0..3, v: 0..3) {
  r = v;
}
thread t(i: 0..1) {
  local l: 0..3 = 2;
  use(3);
  use(l);
  use(i);
  use(opt);
  use(g);
  use(g + 1);
  both(l, l);
  both(arr[i], l);
}
"""


def test_stable_value_arguments_are_substituted() -> None:
    stmts = body(PARAMS)
    g = T.Var(IntT(0, 3), "g", "global")
    substituted = [
        T.Lit(IntT(3, 3), 3),
        T.Var(IntT(0, 3), "l", "local"),
        T.Var(IntT(0, 1), "i", "param"),
        T.Var(IntT(0, 3), "opt", "option"),
    ]
    for call, value in zip(stmts[1:5], substituted, strict=True):
        assert call == T.Inline("use", (T.Assign(g, value),))


def test_arguments_that_read_shared_state_are_copied_first() -> None:
    stmts = body(PARAMS)
    g = T.Var(IntT(0, 3), "g", "global")
    copy = T.Var(IntT(0, 3), "use.v", "local")
    assert stmts[5] == T.Inline("use", (T.Assign(copy, g), T.Assign(g, copy)))
    copy2 = T.Var(IntT(0, 3), "use.v#2", "local")
    assert stmts[6].body[0] == T.Assign(copy2, T.Bin(IntT(1, 4), "+", g, T.Lit(IntT(1, 1), 1)))
    assert stmts[6].body[1] == T.Assign(g, copy2)


def test_a_local_also_passed_by_ref_is_copied() -> None:
    stmts = body(PARAMS)
    l = T.Var(IntT(0, 3), "l", "local")
    copy = T.Var(IntT(0, 3), "both.v", "local")
    assert stmts[7] == T.Inline("both", (T.Assign(copy, l), T.Assign(l, copy)))
    arr = T.Var(ArrayT(IntT(0, 1), IntT(0, 3)), "arr", "global")
    target = T.IndexOf(IntT(0, 3), arr, T.Var(IntT(0, 1), "i", "param"))
    assert stmts[8] == T.Inline("both", (T.Assign(target, l),))


def test_generic_procs_are_checked_per_call_site() -> None:
    text = """
enum E { A, B }
var e: E;
var n: 0..3;
proc put<T>(ref dst: T, v: T) {
  dst = v;
}
thread t {
  put(e, B);
  put(n, 2);
}
"""
    first, second = body(text)
    assert first == T.Inline(
        "put", (T.Assign(T.Var(EnumT("E", ("A", "B")), "e", "global"), T.Lit(EnumT("E", ("A", "B")), "B")),)
    )
    assert second.body[0].value == T.Lit(IntT(2, 2), 2)
    mixed = text.replace("put(n, 2);", "put(n, B);")
    assert [code for _, code, _ in errors(mixed)] == ["IRQ201"]


def test_callbacks_see_the_callers_arguments() -> None:
    text = """
var total: 0..7;
proc add(k: 0..3) {
  total += k;
}
proc each(f: proc(0..3)) {
  for i in 0..1 {
    f(i);
  }
}
thread t {
  each(add);
}
"""
    (call,) = body(text)
    loop = call.body[0]
    assert isinstance(loop, T.Foreach) and loop.var == "each.i"
    (inner,) = loop.body
    assert inner.proc == "add"
    assert inner.body[0].value.right == T.Var(IntT(0, 1), "each.i", "local")


# ---- threads -------------------------------------------------------------------------------------


def test_instances_cover_every_combination_of_parameter_values() -> None:
    text = """
enum side { Left, Right }
thread a { skip; }
thread b(s: side, k: -1..0, on: bool) { skip; }
"""
    instances = spec(text).instances
    assert [(i.tid, i.template, i.args) for i in instances] == [
        (0, "a", ()),
        (1, "b", ("Left", -1, False)),
        (2, "b", ("Left", -1, True)),
        (3, "b", ("Left", 0, False)),
        (4, "b", ("Left", 0, True)),
        (5, "b", ("Right", -1, False)),
        (6, "b", ("Right", -1, True)),
        (7, "b", ("Right", 0, False)),
        (8, "b", ("Right", 0, True)),
    ]
    assert instances[2].display == "b(Left, -1, true)"


def test_thread_parameters_are_values_of_their_domain() -> None:
    text = "var last: 0..3;\nthread t(k: 0..3) { last = k; }\n"
    (assign,) = body(text)
    assert assign == T.Assign(T.Var(IntT(0, 3), "last", "global"), T.Var(IntT(0, 3), "k", "param"))


def test_too_many_instances() -> None:
    side = MAX_THREADS.bit_length()
    text = f"thread t(a: 0..{2**side - 1}) {{ skip; }}\n"
    assert errors(text) == [(1, "IRQ205", f"more than {MAX_THREADS} thread instances")]


def test_self_and_the_thread_type() -> None:
    text = "var owner: thread?;\nvar flags: [thread]bool;\nthread t(k: 0..2) { owner = self; flags[self] = true; }\n"
    s = spec(text)
    owner, flag = s.templates[0].body
    assert owner == T.Assign(T.Var(OptionT(THREAD), "owner", "global"), T.Self(THREAD))
    assert isinstance(flag.target, T.IndexOf) and flag.target.index == T.Self(THREAD)
    assert len(s.instances) == 3


# ---- constants and overrides ---------------------------------------------------------------------


def modules(text: str) -> list:  # type: ignore[type-arg]
    return [parse_source(SourceFile("c.irq", text))]


def test_set_overrides_a_constant_everywhere() -> None:
    text = "const N = 2;\nconst M = N * 2;\nvar x: 0..M;\nthread t(k: 0..N) { skip; }\n"
    s = check(modules(text), {"N": 3})
    assert dict(s.consts) == {"N": 3, "M": 6}
    assert s.globals[0].type == IntT(0, 6)
    assert len(s.instances) == 4


def test_set_of_an_unknown_constant() -> None:
    from verifier.diagnostics import SpecError

    with pytest.raises(SpecError) as info:
        check(modules("const N = 2;\nvar NV: bool;\nthread t { skip; }\n"), {"NV": 1, "Q": 2})
    assert [(d.code, d.message, d.span) for d in info.value.diagnostics] == [
        ("IRQ101", "--set NV: the spec has no constant 'NV'", None),
        ("IRQ101", "--set Q: the spec has no constant 'Q'", None),
    ]


def test_integer_division_rounds_toward_zero_like_c() -> None:
    text = "const A = -7 / 2;\nconst B = -7 % 2;\nconst C = 7 / -2;\nconst D = 7 % -2;\nthread t { skip; }\n"
    assert dict(spec(text).consts) == {"A": -3, "B": -1, "C": -3, "D": 1}


# ---- reporting -----------------------------------------------------------------------------------


def test_every_error_in_one_run_sorted_by_position() -> None:
    text = "thread t {\n  x = 1;\n}\nvar y: Nope;\nconst C = D;\n"
    assert [(line, code) for line, code, _ in errors(text)] == [(2, "IRQ101"), (4, "IRQ103"), (5, "IRQ101")]


def test_an_error_does_not_cascade() -> None:
    text = "var b: bool;\nthread t {\n  b = (missing + 1) * 2 == 3 && missing.f;\n  local x = missing;\n}\n"
    assert [(line, code) for line, code, _ in errors(text)] == [(3, "IRQ101"), (3, "IRQ101"), (4, "IRQ101")]


def test_the_same_error_is_reported_once() -> None:
    text = "var b: bool;\nproc p() { b = missing; }\nthread t { p(); p(); }\n"
    assert errors(text) == [(2, "IRQ101", "unknown name 'missing'")]


def test_errors_in_the_prelude_come_first() -> None:
    prelude = parse_source(SourceFile("<prelude>/kernel.irq", "var p: Nope;\n"))
    main = parse_source(SourceFile("c.irq", "var q: Nope;\nthread t { skip; }\n"))
    from verifier.diagnostics import SpecError

    with pytest.raises(SpecError) as info:
        check([main, prelude])
    assert [d.span.path for d in info.value.diagnostics if d.span] == ["<prelude>/kernel.irq", "c.irq"]


def test_unused_procs_funcs_and_types_are_still_checked() -> None:
    text = """
type unused_t = Nope1;
record unused_r { f: Nope2; }
func unused_f(): bool = nope3;
proc unused_p() { nope4(); }
thread t { skip; }
"""
    assert [(line, code) for line, code, _ in errors(text)] == [
        (2, "IRQ103"),
        (3, "IRQ103"),
        (4, "IRQ101"),
        (5, "IRQ101"),
    ]


def test_a_spec_without_variants_has_the_default_one() -> None:
    (v,) = spec("thread t { skip; }\n").variants
    assert (v.name, v.settings) == ("default", ())

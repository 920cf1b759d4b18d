"""Hostile specs: the checker does linear work on them, or stops at a stated limit (IRQ4xx).

Each hostile shape has a generator below. Where the fix is linear work, the tests count the
checker's own steps (calls of the type resolver, of the constant evaluator, of the statement
checker) at size n and 2n, never wall-clock time. Where the fix is a limit, `irqverify check`
must exit 3 with the limit's code at a position, with the source line and a caret. The sizes
that once took 40 s or more (or ran out of memory) run together in one child process, whose
timeout is only a guard against a hang. The path limits are also checked against the lowering
itself: with both limits set to the same small number, the checker accepts an atomic block
exactly when the lowering can build its step.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from support import CARET_LINE, POSITIONED, SOURCE_LINE, check_path, diagnostics, run_bounded, run_cli

from verifier import diagnostics as diagnostics_module
from verifier.diagnostics import Diagnostic, SpecError
from verifier.ir import lower as lower_module
from verifier.ir.lower import LoweringError, lower
from verifier.pipeline import summarize
from verifier.sema import check as check_module
from verifier.sema import typed as T
from verifier.sema import types as types_module

HANG_GUARD = 60  # seconds for the child process; past it the check has hung, and the test fails

# The limits as docs/language.md (section 4.4) states them.
MAX_INLINED = 100_000
MAX_CALL_DEPTH = 64
MAX_STATE_BITS = 65_536
MAX_ATOMIC_PATHS = 200_000
MAX_STEP_PATHS = 400_000
MAX_SUGGESTION_WORK = 50_000

# ---- hostile shapes ----------------------------------------------------------------------------

THREAD = "var g: 0..3;\nthread main { g = 1; }\n"


def alias_chain(n: int, backwards: bool = False) -> str:
    """type t1 = t0; type t2 = t1; ... (or declared last to first)."""
    lines = ["type t0 = 0..3;", *(f"type t{i} = t{i - 1};" for i in range(1, n))]
    if backwards:
        lines.reverse()
    return "\n".join([*lines, f"var v: t{n - 1};", THREAD])


def alias_cycle(n: int) -> str:
    """type t0 = t{n-1}; type t1 = t0; ...: every alias contains itself."""
    lines = [f"type t0 = t{n - 1};", *(f"type t{i} = t{i - 1};" for i in range(1, n))]
    return "\n".join([*lines, THREAD])


def constant_fanout(n: int) -> str:
    """One undefined name in c0, which n - 1 other constants use."""
    lines = ["const c0 = missing + 1;", *(f"const c{i} = c0 + {i};" for i in range(1, n))]
    return "\n".join([*lines, THREAD])


def constant_chain(n: int) -> str:
    """c0 has an undefined name; each c(i) uses c(i-1), declared last first."""
    lines = [*(f"const c{i} = c{i - 1} + 1;" for i in range(n - 1, 0, -1)), "const c0 = missing + 1;"]
    return "\n".join([*lines, THREAD])


def proc_chain(n: int) -> str:
    """Each proc calls the previous one; the thread calls the last."""
    lines = ["var g: 0..3;", "proc p0() { g = 1; }", *(f"proc p{i}() {{ p{i - 1}(); }}" for i in range(1, n))]
    return "\n".join([*lines, f"thread main {{ p{n - 1}(); }}", ""])


def func_chain(n: int) -> str:
    lines = ["var g: bool;", "func f0(x: bool): bool = !x;"]
    lines += [f"func f{i}(x: bool): bool = f{i - 1}(x);" for i in range(1, n)]
    return "\n".join([*lines, f"thread main {{ g = f{n - 1}(g); }}", ""])


def proc_doubling(n: int) -> str:
    """Each proc calls the previous one twice: 2**n statements once inlined."""
    lines = ["var g: 0..3;", "proc p0() { g = 1; }"]
    lines += [f"proc p{i}() {{ p{i - 1}(); p{i - 1}(); }}" for i in range(1, n)]
    return "\n".join([*lines, f"thread main {{ p{n - 1}(); }}", ""])


def func_sharing(n: int) -> str:
    """d(x) = x && x nested n deep: few nodes built, 2**n nodes as the tree the lowering walks."""
    call = "g"
    for _ in range(n):
        call = f"d({call})"
    return f"var g: bool;\nfunc d(x: bool): bool = x && x;\nthread main {{ g = {call}; }}\n"


def ref_sharing(n: int) -> str:
    """A ref argument whose index reads the previous ref twice, n generic procs deep (checked
    only where called, with the thread's local array behind every ref)."""
    lines = ["var g: 0..3;", "var q: [0..3]0..3;", "proc r0<T>(ref a: T, ref t: [0..3]T) { g = a; }"]
    lines += [f"proc r{i}<T>(ref a: T, ref t: [0..3]T) {{ r{i - 1}(t[(a + a) % 4], t); }}" for i in range(1, n)]
    return "\n".join([*lines, f"thread main {{ local t: [0..3]0..3 = q; r{n - 1}(t[0], t); }}", ""])


def nested_records(n: int) -> str:
    """r(i) has two fields of type r(i-1): 2**(n+1) bits in all."""
    lines = ["record r0 { a: bool; b: bool; }", *(f"record r{i} {{ a: r{i - 1}; b: r{i - 1}; }}" for i in range(1, n))]
    return "\n".join([*lines, f"var big: r{n - 1};", THREAD])


def unrolled_loops(inner: int) -> str:
    return f"var g: bool;\nthread main {{\n  for i in 0..4095 {{\n    for j in 0..{inner - 1} {{ g = !g; }}\n  }}\n}}\n"


def expanded_quantifiers(inner: int) -> str:
    return (
        "var g: bool;\n"
        f"invariant wide: forall x: 0..4095 :: forall y: 0..{inner - 1} :: g || x == y;\n"
        "thread main { g = true; }\n"
    )


def atomic_branches(n: int) -> str:
    """An atomic block of n branches on shared state in a row: 2**n paths."""
    body = "\n".join("    if g { h = 1; } else { h = 2; }" for _ in range(n))
    return f"var g: bool;\nvar h: 0..3;\nthread main {{\n  atomic {{\n{body}\n  }}\n}}\n"


def chosen_branches(n: int, atomic: bool = False) -> str:
    """n times: choose a bool, branch on it (the lowering knows the chosen value on each path)."""
    body = "\n".join(f"    choose c{i}: bool; if c{i} {{ x = 1; }} else {{ x = 2; }}" for i in range(n))
    if atomic:
        body = f"    atomic {{\n{body}\n    }}"
    return f"var g: bool;\nthread main {{\n  local x: 0..3 = 0;\n  await g;\n{body}\n  g = false;\n}}\n"


def local_state_machine(n: int) -> str:
    """n branches on a local whose value the step knows: one path, however long."""
    body = "\n".join(f"  if c == {i % 4} {{ c = {(i + 1) % 4}; }} else {{ c = {(i + 2) % 4}; }}" for i in range(n))
    return f"var g: bool;\nthread main {{\n  local c: 0..3 = 0;\n  await g;\n{body}\n  g = false;\n}}\n"


def choices(n: int, values: int = 100) -> str:
    """n choices in a row before a shared write: values**n paths in one step."""
    body = "\n".join(f"  choose c{i}: 0..{values - 1};" for i in range(n))
    return f"var g: 0..{values - 1};\nthread main {{\n{body}\n  g = c0;\n}}\n"


def restricted_choices(n: int) -> str:
    """n choices in a row, each of one value only: one path, however many there are."""
    body = "\n".join(f"  choose c{i}: 0..99 where c{i} == {i};" for i in range(n))
    return f"var g: 0..99;\nthread main {{\n{body}\n  g = c0;\n}}\n"


def choices_around_a_write(n: int) -> str:
    """n choices, a shared write, n more choices: the step runs all of them."""
    before = "\n".join(f"  choose a{i}: 0..99;" for i in range(n))
    after = "\n".join(f"  choose b{i}: 0..99;" for i in range(n))
    return f"var g: 0..99;\nthread main {{\n{before}\n  g = a0;\n{after}\n  g = b0;\n}}\n"


def unknown_names(n: int) -> str:
    """n shared variables and n assignments to misspelt names."""
    lines = [f"var flag{i}: bool;" for i in range(n)]
    body = [f"  falg{i} = true;" for i in range(n)]
    return "\n".join([*lines, "thread main {", *body, "}", ""])


# ---- helpers -----------------------------------------------------------------------------------


def codes(text: str) -> list[str]:
    return [d.code for d in diagnostics("h.irq", text, prelude=True)]


def the_one(text: str, code: str) -> Diagnostic:
    diags = diagnostics("h.irq", text, prelude=True)
    assert [d.code for d in diags] == [code], [(d.code, d.message) for d in diags]
    return diags[0]


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Wrap `owner.name` so that each call adds one to the returned counter."""
    counter = [0]
    real = getattr(owner, name)

    def counting(*args: object, **kw: object) -> object:
        counter[0] += 1
        return real(*args, **kw)

    monkeypatch.setattr(owner, name, counting)
    return counter


def work(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, text: str) -> int:
    """How often `owner.name` is called while checking `text` (errors or not)."""
    with monkeypatch.context() as m:
        counter = count_calls(m, owner, name)
        diagnostics("h.irq", text)
    return counter[0]


def assert_linear(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, shape: Callable[[int], str], n: int
) -> None:
    """Doubling the size of `shape` at most (about) doubles the calls of `owner.name`."""
    small = work(monkeypatch, owner, name, shape(n))
    large = work(monkeypatch, owner, name, shape(2 * n))
    assert small > 0
    assert large <= 3 * small, (small, large)


def assert_cli_limit(tmp_path: Path, text: str, code: str) -> str:
    """`irqverify check` exits 3 with one positioned `code` error, source line and caret; returns it."""
    spec = tmp_path / "hostile.irq"
    spec.write_text(text, encoding="utf-8")
    result = run_cli("check", str(spec))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == 3, (result.exit_code, result.stderr[-2000:])
    lines = result.stderr.splitlines()
    heads = [i for i, line in enumerate(lines) if POSITIONED.match(line)]
    assert [lines[i] for i in heads if f"[{code}]" in lines[i]], result.stderr
    for i in heads:
        assert SOURCE_LINE.match(lines[i + 1]) and CARET_LINE.match(lines[i + 2]), result.stderr
    return next(lines[i] for i in heads if f"[{code}]" in lines[i])


def test_the_limits_are_the_documented_ones() -> None:
    documented = {
        "MAX_INLINED": MAX_INLINED,
        "MAX_CALL_DEPTH": MAX_CALL_DEPTH,
        "MAX_STATE_BITS": MAX_STATE_BITS,
        "MAX_ATOMIC_PATHS": MAX_ATOMIC_PATHS,
        "MAX_STEP_PATHS": MAX_STEP_PATHS,
        "MAX_SUGGESTION_WORK": MAX_SUGGESTION_WORK,
    }
    assert {name: getattr(check_module, name, None) for name in documented} == documented
    assert lower_module.MAX_PATHS == T.MAX_STEP_PATHS == MAX_STEP_PATHS  # the lowering's limit is the checker's


# ---- linear work -------------------------------------------------------------------------------


@pytest.mark.parametrize("backwards", [False, True], ids=["forwards", "backwards"])
def test_an_alias_chain_is_resolved_once_per_alias(monkeypatch: pytest.MonkeyPatch, backwards: bool) -> None:
    assert codes(alias_chain(200, backwards)) == []
    assert_linear(monkeypatch, check_module._Checker, "resolve_type", lambda n: alias_chain(n, backwards), 150)


def test_an_alias_cycle_reports_each_alias_once_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    diags = diagnostics("h.irq", alias_cycle(300))
    assert sorted(d.span.line for d in diags if d.span) == list(range(1, 301))
    assert {d.code for d in diags} == {"IRQ203"}
    assert_linear(monkeypatch, check_module._Checker, "resolve_type", alias_cycle, 150)


def test_an_error_in_a_constant_is_reported_once_at_its_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    for shape in (constant_fanout, constant_chain):
        diags = diagnostics("h.irq", shape(100))
        assert [(d.code, d.message) for d in diags] == [("IRQ101", "unknown constant 'missing'")]
        # the undefined name is looked up once, not again for each constant that uses it
        assert work(monkeypatch, check_module._Checker, "_unknown", shape(100)) == 1
    # (a chain short enough for the test's stack however it is evaluated)
    assert_linear(monkeypatch, check_module._Checker, "const_eval", constant_chain, 60)


def test_a_constant_cycle_reports_each_member_once() -> None:
    text = "const A = B + C;\nconst B = A;\nconst C = B * 2;\n" + THREAD
    diags = diagnostics("h.irq", text)
    assert sorted((d.span.line, d.message) for d in diags if d.span) == [
        (1, "constant 'A' is defined in terms of itself"),
        (2, "constant 'B' is defined in terms of itself"),
        (3, "constant 'C' is defined in terms of itself"),
    ]


def sizing_work(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    """How many finite values the checker and `summarize` size to find the state of `text`."""
    with monkeypatch.context() as m:
        counter = count_calls(m, types_module, "domain_size")
        with contextlib.suppress(SpecError):
            summarize(check_path("h.irq", text))
    return counter[0]


def test_nested_records_are_resolved_and_sized_once_per_record(monkeypatch: pytest.MonkeyPatch) -> None:
    assert codes(nested_records(10)) == []
    assert_linear(monkeypatch, check_module._Checker, "resolve_type", nested_records, 10)
    small, large = sizing_work(monkeypatch, nested_records(10)), sizing_work(monkeypatch, nested_records(20))
    assert small > 0 and large <= 3 * small, (small, large)


def test_the_state_size_of_a_deep_record_is_its_bits() -> None:
    summary = summarize(check_path("h.irq", nested_records(12)))
    assert summary.shared_bits == 2**12 + 2  # r11, and g: 0..3


def test_misspelt_names_get_hints_while_the_comparison_budget_lasts(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = [0]
    real = diagnostics_module.difflib.get_close_matches

    def counting(word: str, possibilities: list[str], *args: object, **kw: object) -> list[str]:
        compared[0] += len(possibilities)
        return real(word, possibilities, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(diagnostics_module.difflib, "get_close_matches", counting)
    diags = diagnostics("h.irq", unknown_names(3000))
    assert len(diags) == 3000 and {d.code for d in diags} == {"IRQ101"}
    assert compared[0] <= MAX_SUGGESTION_WORK
    assert diags[0].message == "unknown name 'falg0'; did you mean 'flag0'?"  # the first ones get a hint
    assert diags[-1].message == "unknown name 'falg2999'"


# ---- limits: inlining ----------------------------------------------------------------------------


def test_a_long_proc_chain_stops_at_the_call_depth(tmp_path: Path) -> None:
    head = assert_cli_limit(tmp_path, proc_chain(1500), "IRQ402")
    assert f"calls nested more than {MAX_CALL_DEPTH} deep: p64 -> p63" in head and "-> p1 -> p0" in head


def test_a_long_func_chain_stops_at_the_call_depth(tmp_path: Path) -> None:
    head = assert_cli_limit(tmp_path, func_chain(2000), "IRQ402")
    assert "-> f1 -> f0" in head


def test_calls_may_nest_exactly_to_the_depth_limit() -> None:
    assert codes(proc_chain(MAX_CALL_DEPTH)) == []  # p63 ... p0: 64 procs inside one another
    assert codes(func_chain(MAX_CALL_DEPTH)) == []
    assert codes(proc_chain(MAX_CALL_DEPTH + 1)) == ["IRQ402"]
    assert codes(func_chain(MAX_CALL_DEPTH + 1)) == ["IRQ402"]


def test_procs_that_double_stop_at_the_inlined_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    head = assert_cli_limit(tmp_path, proc_doubling(40), "IRQ401")
    assert f"more than {MAX_INLINED} statements and expressions" in head and "inlining p" in head
    # the work done before stopping is the limit's, not the spec's 2**40
    assert work(monkeypatch, check_module._Checker, "stmt", proc_doubling(40)) <= MAX_INLINED


def test_a_proc_that_doubles_within_the_limit_is_accepted() -> None:
    assert codes(proc_doubling(10)) == []


@pytest.mark.parametrize(
    ("shape", "small", "large"),
    [
        (unrolled_loops, 4, 64),
        (expanded_quantifiers, 4, 64),
        (func_sharing, 8, 40),
        (ref_sharing, 8, 40),
    ],
    ids=["unrolled loops", "expanded quantifiers", "shared func argument", "shared ref argument"],
)
def test_what_the_lowering_expands_counts_towards_the_inlined_size(
    tmp_path: Path, shape: Callable[[int], str], small: int, large: int
) -> None:
    assert codes(shape(small)) == []
    assert_cli_limit(tmp_path, shape(large), "IRQ401")


def test_each_thread_instance_counts_towards_the_inlined_size() -> None:
    body = "  for i in 0..{n} {{ g = !g; }}\n"
    per_instance = 4 * 500  # the loop unrolled: a statement, a target, a negation and its operand each time
    text = "var g: bool;\nthread worker(id: 0..{k}) {{\n" + body + "}}\n"
    fits = MAX_INLINED // per_instance - 2
    assert codes(text.format(n=499, k=fits - 1)) == []
    assert codes(text.format(n=499, k=fits + 4)) == ["IRQ401"]


def test_the_size_limit_names_the_chain_and_where_it_ran_out(tmp_path: Path) -> None:
    text = proc_doubling(30).replace("thread main", "proc unused() { skip; }\nthread main")
    diags = diagnostics("h.irq", text)
    (d,) = diags
    assert d.code == "IRQ401" and "proc 'p" in d.message and "(checked on its own)" in d.message
    assert d.notes and d.notes[0].message == "the limit was reached here"


# ---- limits: state size --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "decl",
    [
        "var big: [0..4095][0..4095][0..4095]bool;",  # 2**36 bits: lowering used to run out of memory
        "var nothing: [0..4095][0..4095]0..0;",  # no bits, but 2**24 stored values
        "pool objs[64] { slots: [0..4095]bool; }",
    ],
    ids=["array", "zero-bit values", "pool"],
)
def test_a_state_too_large_to_lay_out_is_a_spec_error(tmp_path: Path, decl: str) -> None:
    head = assert_cli_limit(tmp_path, decl + "\n" + THREAD, "IRQ403")
    assert f"more than {MAX_STATE_BITS} bits" in head


def test_nested_records_too_large_stop_at_the_state_size(tmp_path: Path) -> None:
    assert_cli_limit(tmp_path, nested_records(40), "IRQ403")


def test_every_thread_instance_counts_towards_the_state() -> None:
    text = (
        "var g: bool;\nvar zero: [0..4095][0..1]bool;\n"
        "thread t(i: 0..{k}) {{\n  local mine: [0..4095][0..1]bool = zero;\n  g = mine[0][0];\n}}\n"
    )
    assert codes(text.format(k=5)) == []  # 8192 bits shared, 6 * 8192 in the threads
    d = the_one(text.format(k=7), "IRQ403")  # 8192 and 8 * 8192
    assert "the locals of thread 't'" in d.message


def test_the_state_limit_is_on_what_summarize_reports_too() -> None:
    fits = check_path("h.irq", "var a: [0..4095][0..14]bool;\n" + THREAD, prelude=True)
    summary = summarize(fits)
    assert summary.shared_bits + summary.thread_bits <= MAX_STATE_BITS
    assert codes("var a: [0..4095][0..15]bool;\n" + THREAD) == ["IRQ403"]


# ---- limits: paths in one step -------------------------------------------------------------------


def test_an_atomic_block_with_too_many_paths_is_a_spec_error(tmp_path: Path) -> None:
    head = assert_cli_limit(tmp_path, atomic_branches(30), "IRQ404")
    assert f"more than {MAX_ATOMIC_PATHS} paths" in head
    assert codes(atomic_branches(15)) == []
    assert codes(atomic_branches(16)) == ["IRQ404"]


def test_choices_in_a_row_outside_atomic_are_a_spec_error(tmp_path: Path) -> None:
    assert codes(choices(2)) == []
    head = assert_cli_limit(tmp_path, choices(3), "IRQ404")
    assert f"more than {MAX_STEP_PATHS} paths" in head
    assert codes(choices_around_a_write(2)) == ["IRQ404"]


def test_branches_the_lowering_folds_are_not_counted_twice() -> None:
    assert codes(local_state_machine(200)) == []
    assert codes(restricted_choices(10)) == []
    assert codes(chosen_branches(16)) == []
    assert codes(chosen_branches(17)) == ["IRQ404"]


def lowers_within(spec: T.CheckedSpec, limit: int, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Does the lowering build every step of `spec` exploring at most `limit` paths per step?"""
    with monkeypatch.context() as m:
        m.setattr(lower_module, "MAX_PATHS", limit)
        try:
            for v in spec.variants:
                lower(spec, v.name)
        except LoweringError:
            return False
    return True


def checked_unlimited(text: str, monkeypatch: pytest.MonkeyPatch) -> T.CheckedSpec:
    """The checked spec, with the path limits out of the way (to ask the lowering instead)."""
    with monkeypatch.context() as m:
        m.setattr(check_module, "MAX_ATOMIC_PATHS", 10**12)
        m.setattr(check_module, "MAX_STEP_PATHS", 10**12)
        return check_path("h.irq", text)


def accepted_with(text: str, limit: int, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Does the checker accept `text` with its path limits scaled down to `limit` for a step
    (and half that for an atomic block's own paths, as with the real limits)?"""
    with monkeypatch.context() as m:
        m.setattr(check_module, "MAX_ATOMIC_PATHS", limit // 2)
        m.setattr(check_module, "MAX_STEP_PATHS", limit)
        try:
            check_path("h.irq", text)
        except SpecError as e:
            assert {d.code for d in e.diagnostics} == {"IRQ404"}
            return False
    return True


def whole_step(body: str, decls: str = "") -> str:
    """A thread whose only statement is an atomic block: the block is its whole step."""
    return f"var g: bool;\nvar h: 0..9;\n{decls}thread t {{ atomic {{ {body} }} }}\n"


EXACT: list[tuple[str, Callable[[int], str]]] = [
    ("branches on shared state", lambda n: whole_step(" ".join("if g { h = 1; } else { h = 2; }" for _ in range(n)))),
    (
        "chosen, then branched on",
        lambda n: whole_step(" ".join(f"choose c{i}: bool; if c{i} {{ h = 1; }} else {{ h = 2; }}" for i in range(n))),
    ),
    (
        "nested foreach over a set",
        lambda n: whole_step("foreach a in s { foreach b in s { h = 1; } }", f"var s: set<0..{n}>;\n"),
    ),
    (
        "either and choose",
        lambda n: whole_step(" ".join(f"either {{ h = 1; }} or {{ choose c{i}: 0..2; h = c{i}; }}" for i in range(n))),
    ),
    (
        "a list walk",
        lambda n: whole_step(
            "foreach o in l { if o.f { h = 1; } }", f"pool obj[{n}] {{ f: bool; }}\nvar l: list<obj>;\n"
        ),
    ),
    ("a loop unrolled", lambda n: whole_step(f"for i in 0..{n} {{ if g {{ h = 1; }} }}")),
]

UPPER_BOUND: list[tuple[str, Callable[[int], str]]] = [
    (
        "branches on an option",
        lambda n: whole_step(
            " ".join("if fast { h = 1; } else { if g { h = 2; } }" for _ in range(n)), "option fast: bool = true;\n"
        ),
    ),
    (
        "branches on a thread parameter",
        lambda n: (
            whole_step(" ".join("if g { h = 1; }" for _ in range(n)))
            .replace("thread t {", "thread t(i: 0..1) {")
            .replace("if g", "if i == 0 && g")
        ),
    ),
]


@pytest.mark.parametrize(("name", "shape"), EXACT, ids=[n for n, _ in EXACT])
def test_the_paths_of_an_atomic_block_are_those_the_lowering_explores(
    monkeypatch: pytest.MonkeyPatch, name: str, shape: Callable[[int], str]
) -> None:
    for n in range(1, 6):
        spec = checked_unlimited(shape(n), monkeypatch)
        (atomic,) = spec.templates[0].body
        assert isinstance(atomic, T.Atomic)
        count = T.atomic_paths(atomic.body, len(spec.instances))
        if count > 20_000:
            break  # (larger steps take the lowering a while)
        assert lowers_within(spec, count, monkeypatch), (name, n, count)
        assert not lowers_within(spec, count - 1, monkeypatch), (name, n, count)


@pytest.mark.parametrize(("name", "shape"), UPPER_BOUND, ids=[n for n, _ in UPPER_BOUND])
def test_a_branch_on_a_constant_counts_its_larger_side(
    monkeypatch: pytest.MonkeyPatch, name: str, shape: Callable[[int], str]
) -> None:
    for n in range(1, 6):
        spec = checked_unlimited(shape(n), monkeypatch)
        (atomic,) = spec.templates[0].body
        assert lowers_within(spec, T.atomic_paths(atomic.body, len(spec.instances)), monkeypatch), (name, n)


IN_CONTEXT: list[tuple[str, Callable[[int], str]]] = [
    ("an atomic block between shared statements", lambda n: chosen_branches(n, atomic=True)),
    ("choices", lambda n: choices(n, values=4)),
    ("choices, then branches on them", chosen_branches),
    ("choices around a write", lambda n: choices_around_a_write(n).replace("0..99", "0..3")),
    ("branches on a local the step knows", local_state_machine),
    ("choices of one value", restricted_choices),
    ("atomic branches", atomic_branches),
]


@pytest.mark.parametrize(("name", "shape"), IN_CONTEXT, ids=[n for n, _ in IN_CONTEXT])
def test_what_the_checker_accepts_the_lowering_builds(
    monkeypatch: pytest.MonkeyPatch, name: str, shape: Callable[[int], str]
) -> None:
    limit = 600  # for a step; the checker's limits scaled down alike
    verdicts = []
    for n in range(1, 11):
        text = shape(n)
        accepted = accepted_with(text, limit, monkeypatch)
        if accepted:
            assert lowers_within(checked_unlimited(text, monkeypatch), limit, monkeypatch), (name, n)
        verdicts.append(accepted)
    assert verdicts[0]


@pytest.mark.parametrize(
    ("name", "shape"),
    [("choices", lambda n: choices(n, values=4)), ("choices, then branches on them", chosen_branches)],
)
def test_thread_local_code_is_rejected_only_where_the_lowering_cannot_build_it(
    monkeypatch: pytest.MonkeyPatch, name: str, shape: Callable[[int], str]
) -> None:
    limit = 600
    verdicts = []
    for n in range(1, 11):
        text = shape(n)
        accepted = accepted_with(text, limit, monkeypatch)
        if not accepted:
            assert not lowers_within(checked_unlimited(text, monkeypatch), limit, monkeypatch), (name, n)
        verdicts.append(accepted)
    assert verdicts[0] and not verdicts[-1]


# ---- the sizes that once hung ----------------------------------------------------------------------

ONCE_SLOW: list[tuple[str, str, str | None]] = [
    ("aliases", alias_chain(2500), None),  # 47 s
    ("procs", proc_chain(1500), "IRQ402"),  # 38 s
    ("funcs", func_chain(2000), "IRQ402"),  # 52 s
    ("constants", constant_fanout(1000), "IRQ101"),  # 50 s
    ("doubling", proc_doubling(60), "IRQ401"),  # exponential
    ("records", nested_records(60), "IRQ403"),  # exponential
    ("array", "var big: [0..4095][0..4095][0..4095]bool;\n" + THREAD, "IRQ403"),  # out of memory when lowered
    ("atomic", atomic_branches(60), "IRQ404"),  # an internal error when lowered
    ("typos", unknown_names(4000), "IRQ101"),  # quadratic before
]


def test_specs_that_once_took_minutes_are_checked_at_once(tmp_path: Path) -> None:
    paths = []
    for name, text, _ in ONCE_SLOW:
        path = tmp_path / f"{name}.irq"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    done = run_bounded(["check", *paths], seconds=HANG_GUARD)
    assert "Traceback" not in done.stderr
    assert done.returncode == 3
    for (name, _, code), path in zip(ONCE_SLOW, paths, strict=True):
        if code is None:
            assert f"{path}: ok" in done.stdout
        else:
            assert f"{path}:" in done.stderr and f"[{code}]" in done.stderr, name
            mine = [line for line in done.stderr.splitlines() if line.startswith(f"{path}:") and "error: [" in line]
            assert mine and all(f"[{code}]" in line for line in mine), (name, mine[:3])

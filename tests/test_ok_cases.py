"""Accepted specs: tests/cases/ok/*.irq use every construct of the language between them.

Each is accepted by the command line (with the kernel prelude) and by the checker alone; the
checked output has the shape the later stages rely on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support import CASES, check_path, prelude_parsed_once, run_cli

from verifier.sema import typed as T
from verifier.sema.types import (
    BOOL,
    THREAD,
    ArrayT,
    EnumT,
    IntT,
    ListT,
    OptionT,
    PoolT,
    RecordT,
    SetT,
)
from verifier.source import SourceFile
from verifier.syntax.parse import parse, parser

OK = CASES / "ok"
CASE_FILES = sorted(OK.glob("*.irq"))


def spec_of(name: str) -> T.CheckedSpec:
    return check_path(OK / f"{name}.irq")


def template(spec: T.CheckedSpec, name: str) -> T.ThreadTemplate:
    return next(t for t in spec.templates if t.name == name)


def walk(stmts: tuple[T.TStmt, ...]) -> Iterator[T.TStmt]:
    """Every statement, nested ones included, in order."""
    for s in stmts:
        yield s
        match s:
            case T.If(_, then, orelse):
                yield from walk(then)
                yield from walk(orelse)
            case T.While(_, body) | T.Foreach(_, _, _, _, body) | T.Atomic(body) | T.Inline(_, body):
                yield from walk(body)
            case T.Either(branches):
                for b in branches:
                    yield from walk(b)
            case T.Label(_, inner):
                yield from walk((inner,))


def lit(value: int) -> T.Lit:
    return T.Lit(IntT(value, value), value)


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_accepted_by_the_command_line(case: Path) -> None:
    with prelude_parsed_once():
        result = run_cli("check", str(case))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"{case}: ok\n")


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_accepted_without_the_prelude(case: Path) -> None:
    spec = check_path(case)
    assert spec.templates and spec.instances


def test_the_cases_use_every_rule_of_the_grammar() -> None:
    rules = {str(r.alias or r.origin.name) for r in parser().rules if r.alias or not r.options.expand1}
    rules = {r for r in rules if not r.startswith("_")}
    used = {
        str(tree.data)
        for case in sorted(OK.glob("**/*.irq"))
        for tree in parse(SourceFile(str(case), case.read_text(encoding="utf-8"))).iter_subtrees()
    }
    assert rules - used == set()
    assert len(rules) > 90


def test_the_cases_use_every_statement_and_expression() -> None:
    stmt_kinds: set[str] = set()
    expr_kinds: set[str] = set()

    def exprs(node: object) -> None:
        if isinstance(node, T.TExpr):
            expr_kinds.add(type(node).__name__)
        if isinstance(node, T.TExpr | T.TStmt):
            for f in node.__dataclass_fields__:
                exprs(getattr(node, f))
        elif isinstance(node, tuple):
            for x in node:
                exprs(x)

    for case in CASE_FILES:
        spec = check_path(case)
        for tmpl in spec.templates:
            for s in walk(tmpl.body):
                stmt_kinds.add(type(s).__name__)
                exprs(s)
        for inv in spec.invariants:  # some expressions (a thread's local) exist only in properties
            exprs(inv.expr)
    stmt_classes = {c.__name__ for c in T.TStmt.__subclasses__()}
    expr_classes = {c.__name__ for c in T.TExpr.__subclasses__()}
    assert stmt_kinds == stmt_classes
    assert expr_kinds == expr_classes


# ---- declarations.irq ----------------------------------------------------------------------


def test_constants_are_folded_in_any_order() -> None:
    spec = spec_of("declarations")
    assert dict(spec.consts) == {"SIZE": 7, "SLOTS": 6, "NEG": -1, "MASK": 14}
    globals_ = {g.name: g for g in spec.globals}
    assert globals_["offset"].type == IntT(-1, 14)


def test_declared_types_resolve() -> None:
    spec = spec_of("declarations")
    state = EnumT("state", ("Idle", "Running", "Done"))
    colour = EnumT("colour", ("Red", "Green"))
    types = {g.name: g.type for g in spec.globals}
    assert types["phase"] == state
    assert types["phase2"] == OptionT(state)
    assert types["total"] == IntT(0, 3)
    assert types["grid"] == ArrayT(colour, ArrayT(BOOL, IntT(0, 3)))
    assert types["ctr"] == RecordT("counter", (), ())
    assert types["ctr"].fields == (("value", IntT(0, 3)), ("seen", SetT(colour)))
    assert types["buf"] == OptionT(PoolT("buffer", 2))
    (pool,) = spec.pools
    assert (pool.name, pool.size, pool.fields) == ("buffer", 2, (("owner", OptionT(THREAD)), ("used", BOOL)))


def test_initial_values_are_typed() -> None:
    globals_ = {g.name: g for g in spec_of("declarations").globals}
    assert globals_["phase"].init is None
    assert globals_["phase2"].init == T.Lit(EnumT("state", ("Idle", "Running", "Done")), "Running")
    assert globals_["total"].init == lit(2)


def test_options_and_variants() -> None:
    spec = spec_of("declarations")
    assert [(o.name, o.default) for o in spec.options] == [("fast", False), ("level", 1), ("start", "Idle")]
    variants = {v.name: v for v in spec.variants}
    assert list(variants) == ["baseline", "quick", "deep"]
    assert variants["baseline"].values(spec.options) == {"fast": False, "level": 1, "start": "Idle"}
    assert variants["quick"].values(spec.options) == {"fast": True, "level": 1, "start": "Idle"}
    assert variants["deep"].values(spec.options) == {"fast": False, "level": 3, "start": "Running"}


def test_properties_and_checks() -> None:
    spec = spec_of("declarations")
    assert [i.name for i in spec.invariants] == ["phase_known", "bounded"]
    kinds = {p.name: p.formula.kind for p in spec.properties}
    assert kinds == {
        "finishes": "eventually",
        "keeps_going": "always_eventually",
        "responds": "leads_to",
        "always_responds": "leads_to",
        "stays_bounded": "always",
    }
    responds = next(p for p in spec.properties if p.name == "responds").formula
    assert responds.trigger is not None and responds.trigger.type == BOOL
    user = [c for c in spec.checks if not c.builtin]
    assert [(c.name, c.description) for c in user] == [("no_overflow", "the counter never wraps")]
    assert spec.property_names()[:2] == ["phase_known", "bounded"]
    assert spec.property_names()[-1] == "no_overflow"


def test_expectations_expand_stars_and_merge() -> None:
    spec = spec_of("declarations")
    table = {(e.variant, e.property): e.verdict for e in spec.expectations}
    assert len(table) == len(spec.expectations)
    assert {p for v, p in table if v == "baseline"} == set(spec.property_names())
    assert table[("quick", "finishes")] == table[("deep", "finishes")] == "violated"
    assert table[("baseline", "finishes")] == "holds"
    assert {v for v, p in table if p == "no_overflow"} == {"baseline", "quick", "deep"}
    assert len(table) == len(spec.property_names()) + 4


def test_named_assert_uses_its_check() -> None:
    body = template(spec_of("declarations"), "worker").body
    assert [type(s).__name__ for s in body] == ["Assign", "Assert", "Assign", "Assign"]
    assert body[1].check == "no_overflow"


# ---- statements.irq ------------------------------------------------------------------------


def test_statement_shapes() -> None:
    tmpl = template(spec_of("statements"), "stepper")
    shapes = [type(s).__name__ for s in tmpl.body]
    assert shapes == [
        "Assign", "Assign", "Assign", "Assign", "Assign",  # locals, = += -=
        "Assign", "Assign", "Assign", "Assign",  # set += and -=
        "Inline",  # step(1)
        "If", "If", "While", "While",  # if/else if/else, if, while, loop
        "Foreach", "Foreach", "Foreach",  # for, foreach in set, foreach over a type
        "Atomic", "Choose", "Choose", "Either", "Either",
        "Assert", "Assume", "Label", "Label", "Return",
    ]  # fmt: skip
    assert dict(tmpl.locals) == {
        "a": IntT(0, 3),
        "b": BOOL,
        "i": IntT(0, 3),
        "x": IntT(0, 3),
        "v": EnumT("mode", ("Off", "On")),
        "j": IntT(1, 2),
        "c": IntT(0, 3),
        "d": EnumT("mode", ("Off", "On")),
    }


def test_compound_assignment_on_sets_is_union_and_difference() -> None:
    body = template(spec_of("statements"), "stepper").body
    s_type = SetT(IntT(0, 3))
    s = T.Var(s_type, "s", "global")
    assert body[5] == T.Assign(s, T.Bin(s_type, "+", s, T.SetOf(s_type, (lit(2),))))
    assert body[6] == T.Assign(s, T.Bin(s_type, "+", s, T.SetOf(SetT(IntT(0, 1)), (lit(0), lit(1)))))
    assert body[7] == T.Assign(s, T.Bin(s_type, "-", s, T.SetOf(s_type, (lit(1),))))
    assert body[8] == T.Assign(s, T.Bin(s_type, "-", s, T.SetOf(SetT(IntT(0, 0)), (lit(0),))))


def test_compound_assignment_on_ints_widens_the_range() -> None:
    body = template(spec_of("statements"), "stepper").body
    n = T.Var(IntT(0, 7), "n", "global")
    a = T.Var(IntT(0, 3), "a", "local")
    assert body[3] == T.Assign(n, T.Bin(IntT(0, 10), "+", n, a))
    assert body[4] == T.Assign(n, T.Bin(IntT(-1, 6), "-", n, lit(1)))


def test_proc_call_is_inlined_with_its_argument_substituted() -> None:
    body = template(spec_of("statements"), "stepper").body
    call = body[9]
    assert isinstance(call, T.Inline) and call.proc == "step"
    assert call.span.line == 25
    guard, add = call.body
    n = T.Var(IntT(0, 7), "n", "global")
    assert guard == T.If(T.Bin(BOOL, ">", T.Bin(IntT(1, 8), "+", n, lit(1)), lit(7)), (T.Return(),), ())
    assert add == T.Assign(n, T.Bin(IntT(1, 8), "+", n, lit(1)))


def test_else_if_nests_and_loop_is_while_true() -> None:
    body = template(spec_of("statements"), "stepper").body
    chain = body[10]
    assert isinstance(chain, T.If) and len(chain.orelse) == 1
    inner = chain.orelse[0]
    assert isinstance(inner, T.If) and inner.orelse == (T.Assign(T.Var(BOOL, "flag", "global"), T.Lit(BOOL, False)),)
    assert body[13] == T.While(T.Lit(BOOL, True), (T.Break(),))


def test_loops_and_choices() -> None:
    body = template(spec_of("statements"), "stepper").body
    for_loop, over_set, over_type = body[14:17]
    assert (for_loop.var, for_loop.kind, for_loop.domain, for_loop.source) == ("i", "domain", IntT(0, 3), None)
    assert (over_set.kind, over_set.source) == ("set", T.Var(SetT(IntT(0, 3)), "s", "global"))
    assert (over_type.kind, over_type.domain) == ("domain", EnumT("mode", ("Off", "On")))
    atomic = body[17]
    assert [type(s).__name__ for s in atomic.body] == ["Await", "Assign", "Foreach"]
    assert body[18] == T.Choose("c", IntT(0, 3), None)
    assert body[19].cond is not None
    assert [len(b) for b in body[20].branches] == [1, 1]
    assert len(body[21].branches) == 3
    assert body[22].check == "assertion"
    assert (body[24].name, type(body[24].stmt).__name__) == ("done_label", "Assign")
    assert body[25] == T.Label("skip_label", T.Skip())


# ---- expressions.irq -----------------------------------------------------------------------


def test_expression_types() -> None:
    body = template(spec_of("expressions"), "calc").body
    values = [s.value for s in body if isinstance(s, T.Assign)]
    assert values[0] == T.Bin(BOOL, "==>", T.Lit(BOOL, True), T.Lit(BOOL, False))
    assert values[2].op == "&&" and values[2].type == BOOL
    # (1 + 2) * 3 - 4 / 2 % 3: ranges follow the arithmetic, literals stay literals
    assert values[4].type == IntT(6, 12)
    # -(-n) + K: the constant K is folded to its value
    n = T.Var(IntT(0, 9), "n", "global")
    assert values[5] == T.Bin(IntT(2, 11), "+", T.Un(IntT(0, 9), "-", T.Un(IntT(-9, 0), "-", n)), lit(2))


def test_set_expressions_and_binders() -> None:
    light = EnumT("light", ("Red", "Amber", "Green"))
    body = template(spec_of("expressions"), "calc").body
    values = [s.value for s in body if isinstance(s, T.Assign)]
    assert values[7] == T.SetOf(SetT(light), ()), "'{}' takes the set type it is stored in"
    assert values[8] == T.SetOf(SetT(light), (T.Lit(light, "Red"), T.Lit(light, "Green")))
    compr, count, forall, exists = values[9:13]
    assert (compr.kind, compr.type, compr.domain) == ("set", SetT(light), light)
    assert (count.kind, count.type) == ("count", IntT(0, 3))
    assert (forall.kind, exists.kind) == ("forall", "exists")
    assert len({compr.var, count.var, forall.var, exists.var}) == 4, "bound variables get unique names"


def test_func_call_is_inlined_into_the_expression() -> None:
    light = EnumT("light", ("Red", "Amber", "Green"))
    body = template(spec_of("expressions"), "calc").body
    values = [s.value for s in body if isinstance(s, T.Assign)]
    assert values[13] == T.Bin(BOOL, "==", T.Var(light, "c", "global"), T.Lit(light, "Green"))


def test_pools_alloc_free_and_builtins() -> None:
    body = template(spec_of("expressions"), "calc").body
    cell = OptionT(PoolT("cell", 2))
    o = T.Var(cell, "o", "global")
    kinds = [type(s).__name__ for s in body]
    assert kinds.count("AllocTo") == 1 and kinds.count("Free") == 1
    assert T.AllocTo(o, "cell") in body
    assert T.Free(o) in body
    builtins = {s.value.name: s.value.type for s in body if isinstance(s, T.Assign) and isinstance(s.value, T.Builtin)}
    assert builtins == {"size": IntT(0, 3), "done": BOOL}
    assert T.Assign(T.Var(OptionT(THREAD), "who", "global"), T.Self(THREAD)) in body


# ---- generics.irq --------------------------------------------------------------------------


def test_generic_records_are_instantiated_per_use() -> None:
    types = {g.name: g.type for g in spec_of("generics").globals}
    colour = EnumT("colour", ("Red", "Blue"))
    assert types["cb"] == RecordT("box", (colour,), ())
    assert types["cb"].fields == (("item", colour), ("full", BOOL))
    assert types["nb"].fields == (("item", IntT(0, 3)), ("full", BOOL))
    assert types["pr"].fields == (("first", BOOL), ("second", colour))
    assert types["nested"] == RecordT("box", (RecordT("box", (colour,), ()),), ())
    assert types["nested"].fields[0] == ("item", types["cb"])


def test_generic_proc_with_ref_param_writes_the_callers_storage() -> None:
    colour = EnumT("colour", ("Red", "Blue"))
    body = template(spec_of("generics"), "user").body
    fill_cb, fill_nb = body[0], body[1]
    cb = T.Var(RecordT("box", (colour,), ()), "cb", "global")
    assert fill_cb == T.Inline(
        "fill",
        (
            T.Assign(T.FieldOf(colour, cb, "item"), T.Lit(colour, "Blue")),
            T.Assign(T.FieldOf(BOOL, cb, "full"), T.Lit(BOOL, True)),
        ),
    )
    assert fill_nb.body[0].target.type == IntT(0, 3)


def test_generic_funcs_are_inlined() -> None:
    colour = EnumT("colour", ("Red", "Blue"))
    body = template(spec_of("generics"), "user").body
    pr = T.Var(RecordT("pair", (BOOL, colour), ()), "pr", "global")
    cb = T.Var(RecordT("box", (colour,), ()), "cb", "global")
    assert body[2] == T.Assign(T.FieldOf(colour, pr, "second"), T.FieldOf(colour, cb, "item"))
    assert body[10] == T.Assign(T.Var(IntT(0, 3), "hits", "global"), lit(1))
    nested_item = T.FieldOf(
        RecordT("box", (colour,), ()),
        T.Var(RecordT("box", (RecordT("box", (colour,), ()),), ()), "nested", "global"),
        "item",
    )
    assert body[11] == T.Assign(T.FieldOf(colour, nested_item, "item"), T.FieldOf(colour, nested_item, "item"))


def test_ref_arguments_alias_globals_indexes_and_locals() -> None:
    colour = EnumT("colour", ("Red", "Blue"))
    body = template(spec_of("generics"), "user").body
    counts = T.Var(ArrayT(colour, IntT(0, 3)), "counts", "global")
    hits = T.Var(IntT(0, 3), "hits", "global")
    assert body[4].body == (T.Assign(hits, T.Bin(IntT(1, 4), "+", hits, lit(1))),)
    assert body[5].body[0].target == T.IndexOf(IntT(0, 3), counts, T.Lit(colour, "Red"))
    assert body[7].body[0].target == T.IndexOf(IntT(0, 3), counts, T.Var(colour, "c", "local"))


def test_callbacks_are_inlined_where_they_are_called() -> None:
    colour = EnumT("colour", ("Red", "Blue"))
    body = template(spec_of("generics"), "user").body
    twice = body[8]
    assert twice.proc == "twice"
    assert [(s.proc, len(s.body)) for s in twice.body] == [("hit", 1), ("hit", 1)]
    with_value = body[9]
    (inner,) = with_value.body
    assert inner.proc == "count_colour"
    assert inner.body[0].target.index == T.Lit(colour, "Red")


# ---- threads.irq ---------------------------------------------------------------------------


def test_thread_templates_are_instantiated_over_their_domains() -> None:
    spec = spec_of("threads")
    assert [i.display for i in spec.instances] == [
        "single",
        "pinned",
        "server(Reader, 0)",
        "server(Reader, 1)",
        "server(Writer, 0)",
        "server(Writer, 1)",
        "flagger(false)",
        "flagger(true)",
    ]
    assert [i.tid for i in spec.instances] == list(range(8))
    modes = {t.name: (t.fair, t.daemon) for t in spec.templates}
    assert modes == {
        "single": (None, False),
        "pinned": ("weak", False),
        "server": ("strong", True),
        "flagger": ("weak", True),
    }
    server = template(spec, "server")
    assert server.params == (("r", EnumT("role", ("Reader", "Writer"))), ("id", IntT(0, 1)))


# ---- lists.irq and diamond.irq -------------------------------------------------------------


def test_lists_and_pool_objects() -> None:
    spec = spec_of("lists")
    node = PoolT("node", 3)
    types = {g.name: g.type for g in spec.globals}
    assert types["l"] == ListT(node)
    body = template(spec, "lister").body
    walk_ = next(s for s in body if isinstance(s, T.Foreach))
    assert (walk_.kind, walk_.domain, walk_.source) == ("list", node, T.Var(ListT(node), "l", "global"))
    assert body[0] == T.AllocTo(T.Var(node, "a", "local"), "node")
    assert body[3].target == T.FieldOf(SetT(node), T.Var(ListT(node), "l", "global"), "members")
    (pool,) = spec.pools
    assert pool.fields == (("key", IntT(0, 3)), ("next", OptionT(node)))


def test_diamond_include_reads_the_shared_file_once() -> None:
    spec = spec_of("diamond")
    assert [g.name for g in spec.globals].count("base_counter") == 1
    assert ("WIDTH", 4) in spec.consts
    body = template(spec, "diamond_user").body
    assert [s.proc for s in body] == ["left_step", "right_step"]


# ---- handlers.irq --------------------------------------------------------------------------


def test_handlers_are_templates_with_delivery_and_return_steps() -> None:
    spec = check_path(OK / "prelude" / "handlers.irq", prelude=True)
    assert [i.display for i in spec.instances] == ["producer", "idle(1)", "dev", "tasklet(0)", "tasklet(1)"]
    shape = {t.name: (t.context, t.daemon, t.fair) for t in spec.templates}
    assert shape == {
        "producer": ("task", False, None),
        "idle": ("task", False, None),
        "dev": ("hardirq", False, None),
        "tasklet": ("softirq", False, None),
    }
    dev = template(spec, "dev")
    (enter,) = dev.entry
    assert isinstance(enter, T.Atomic)
    wait, mark = enter.body
    assert isinstance(wait, T.Await) and wait.cond == T.Var(BOOL, "raised", "global")
    assert isinstance(mark, T.Assign) and mark.value == T.Lit(BOOL, True)
    (leave,) = dev.exit
    assert isinstance(leave, T.Assign) and leave.value == T.Lit(BOOL, False)
    assert template(spec, "producer").entry == () and template(spec, "producer").cpu == T.Lit(IntT(0, 0), 0)

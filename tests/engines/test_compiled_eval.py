"""The compiled evaluator agrees with the tree-walking reference `evaluate`.

For every bundled spec and variant: every expression of every action (guard, updates, faults,
warnings), every invariant and temporal body, on a sample of reachable states (a breadth-first
prefix and seeded random walks, taken with the reference interpreter), gives the same value of
the same type; and the interpreter's successors, faults, warnings, deadlock and property
verdicts are the same either way, and agree with the harness's `violations` and `Interpreter.violated`.
Random expressions cover what the specs do not reach (division by zero and negative operands,
out-of-range set indices, nesting deep enough to be split into helper functions).
"""

from __future__ import annotations

import random
import sys
from collections import deque
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engines.harness import violations
from verifier.ir.interp import Interpreter, PackedRangeError, State, compile_expr, evaluate
from verifier.ir.lower import lower
from verifier.ir.model import (
    BOOL,
    TRUE,
    Action,
    And,
    Arith,
    Cmp,
    Const,
    Expr,
    Invariant,
    Ite,
    Mask,
    Member,
    Not,
    Or,
    Origin,
    Ref,
    SetOp,
    Size,
    Thread,
    TransitionSystem,
    Var,
    const_int,
    int_sort,
    set_sort,
)
from verifier.pipeline import check_spec, guarded

SPEC_DIR = Path(__file__).resolve().parents[2] / "spec"
SPECS = sorted(SPEC_DIR.glob("*.irq"))

BFS_PREFIX = 150
WALKS = 12
WALK_LENGTH = 60
PER_ACTION = 6  # sampled states per action where its thread stands at the action's pc
ANYWHERE = 2  # and states where it does not


def _cases() -> list[tuple[Path, str]]:
    out = []
    for path in SPECS:
        spec = guarded(lambda p=path: check_spec(str(p)))
        out += [(path, v.name) for v in spec.variants]
    return out


@cache
def _system(path: Path, variant: str) -> TransitionSystem:
    return guarded(lambda: lower(check_spec(str(path)), variant))


@cache
def _sample(path: Path, variant: str) -> list[State]:
    """Reachable states: a breadth-first prefix, then the states along seeded random walks."""
    ts = _system(path, variant)
    ref = Interpreter(ts, compiled=False)
    seen = {ts.init: None}
    queue = deque([ts.init])
    while queue and len(seen) < BFS_PREFIX:
        for step in ref.successors(queue.popleft()):
            if step.state not in seen:
                seen[step.state] = None
                queue.append(step.state)
    rng = random.Random(2012)
    for _ in range(WALKS):
        s = ts.init
        for _ in range(WALK_LENGTH):
            nxt = [step.state for step in ref.successors(s)]
            if not nxt:
                break
            s = rng.choice(nxt)
            seen[s] = None
    return list(seen)


def _same(e: Expr, s: State) -> None:
    want = evaluate(e, s)
    got = compile_expr(e)(s)
    assert got == want and type(got) is type(want), f"{e!r} in {s}: compiled {got!r}, reference {want!r}"


@pytest.fixture(autouse=True)
def _deep_stacks() -> Iterator[None]:
    # Lowering the bundled specs recurses deeper than Python's default allows (the CLI raises it too).
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 20_000))
    yield
    sys.setrecursionlimit(old)


@pytest.mark.parametrize(("path", "variant"), _cases(), ids=lambda x: x.stem if isinstance(x, Path) else x)
def test_every_expression_of_every_action(path: Path, variant: str) -> None:
    ts = _system(path, variant)
    states = _sample(path, variant)
    assert len(states) > 1
    for a in ts.actions:
        pcvar = ts.threads[a.thread].pc
        here = [s for s in states if s[pcvar] == a.src][:PER_ACTION]
        elsewhere = [s for s in states if s[pcvar] != a.src][:ANYWHERE]
        exprs = [a.guard, *(e for _, e in a.updates), *(c for _, c in (*a.faults, *a.warnings))]
        for s in here + elsewhere:
            for e in exprs:
                _same(e, s)
    for s in states:
        for inv in ts.invariants:
            _same(inv.expr, s)
        for t in ts.temporals:
            _same(t.body, s)
            if t.trigger is not None:
                _same(t.trigger, s)


@pytest.mark.parametrize(("path", "variant"), _cases(), ids=lambda x: x.stem if isinstance(x, Path) else x)
def test_interpreter_compiled_matches_reference(path: Path, variant: str) -> None:
    ts = _system(path, variant)
    fast, ref = Interpreter(ts), Interpreter(ts, compiled=False)
    props = ts.property_names()
    for s in _sample(path, variant):
        assert fast.next_states(s) == ref.next_states(s)
        assert fast.faults(s) == ref.faults(s)
        assert fast.warnings(s) == ref.warnings(s)
        bad = violations(ref, s)
        assert fast.property_checker(props)(s) == ref.property_checker(props)(s) == [p for p in props if p in bad]
        assert [p for p in props if ref.violated(p, s)] == [p for p in props if fast.violated(p, s)]
        assert fast.deadlocked(s) == ref.deadlocked(s)
        for p in props:
            assert fast.violated(p, s) == ref.violated(p, s), p
        for ai in fast.by_pc.get((0, s[ts.threads[0].pc]), []):
            assert fast.enabled(s, ai) == ref.enabled(s, ai)
            assert fast.apply(s, ai) == ref.apply(s, ai)


SMALL = [p for p in SPECS if p.stem in ("abba_deadlock", "flag_mutex", "rcu_list")]


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.stem)
def test_search_compiled_matches_reference(path: Path) -> None:
    """On the specs small enough to explore exhaustively: the same states, verdicts and traces."""
    spec = guarded(lambda: check_spec(str(path)))
    for v in spec.variants:
        ts = _system(path, v.name)
        fast, ref = Interpreter(ts), Interpreter(ts, compiled=False)
        assert fast.reachable() == ref.reachable()
        for p in ts.property_names():
            assert fast.search(p) == ref.search(p), (v.name, p)


@pytest.mark.parametrize(("path", "variant"), _cases(), ids=lambda x: x.stem if isinstance(x, Path) else x)
def test_packed_states_match_tuples(path: Path, variant: str) -> None:
    """States packed into one int: the same successors and verdicts, the same breadth-first prefix."""
    ts = _system(path, variant)
    it = Interpreter(ts)
    p = it.packed()
    assert p is not None and p.unpack(p.init) == ts.init
    props = ts.property_names()
    check, packed_check = it.property_checker(props), p.property_checker(props)
    for s in _sample(path, variant):
        x = p.pack(s)
        assert p.unpack(x) == s
        assert [(ai, p.unpack(y)) for ai, y in p.next_states(x)] == it.next_states(s)
        assert packed_check(x) == check(s)
    tuples, _ = Interpreter._reachable(ts.init, it.next_states, 3000)
    packed, _ = Interpreter._reachable(p.init, p.next_states, 3000)
    assert {p.unpack(x): d for x, d in packed.items()} == tuples


def _counter() -> TransitionSystem:
    """x: 0..1 incremented for ever, with nothing to stop it: no bound holds, so every write to x in
    a packed state is checked, and the search falls back to tuples when x outgrows its room."""
    step = Action(0, 0, 0, TRUE, ((0, Arith("+", Ref(0), const_int(1))),), (), Origin("x += 1", None))
    return TransitionSystem(
        "counter",
        "v",
        (Var("x", int_sort(0, 1)), Var("t.pc", int_sort(0, 0), owner=0)),
        (0, 0),
        (Thread(0, "t", 1, 1, True, None),),
        (step,),
        (Invariant("small", Cmp("<", Ref(0), const_int(100)), None),),
        (),
        (),
    )


def test_values_beyond_every_bound_fall_back_to_tuples() -> None:
    ts = _counter()
    fast, ref = Interpreter(ts), Interpreter(ts, compiled=False)
    p = fast.packed()
    assert p is not None and p.layout.checked == {0}
    with pytest.raises(PackedRangeError):
        Interpreter._reachable(p.init, p.next_states, 1000)
    assert fast.search("small") == ref.search("small")
    assert fast.search("small")[0] is not None and len(fast.search("small")[0]) == 100
    assert fast.reachable(150) == ref.reachable(150)


# ---- random expressions ------------------------------------------------------------------------

# A small state: three booleans, three ints (two of them able to go negative), two 3-element sets.
N = 3


def _states() -> st.SearchStrategy[State]:
    return st.tuples(
        st.booleans(), st.booleans(), st.booleans(),
        st.integers(-4, 4), st.integers(-4, 4), st.integers(0, 5),
        st.integers(0, 7), st.integers(0, 7),
    )  # fmt: skip


@st.composite
def _expr(draw: st.DrawFn, kind: str, depth: int = 4) -> Expr:
    """An expression of `kind` (bool | int | set) over the small state, at most `depth` deep."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        if kind == "bool":
            return draw(
                st.one_of(st.sampled_from([Ref(0), Ref(1), Ref(2)]), st.booleans().map(lambda b: Const(b, BOOL)))
            )
        if kind == "int":
            return draw(st.one_of(st.sampled_from([Ref(3), Ref(4), Ref(5)]), st.integers(-3, 3).map(const_int)))
        return draw(
            st.one_of(st.sampled_from([Ref(6), Ref(7)]), st.integers(0, 7).map(lambda v: Const(v, set_sort(N))))
        )
    sub = lambda k: _expr(k, depth - 1)  # noqa: E731
    if kind == "bool":
        shape = draw(st.sampled_from(["not", "and", "or", "ite", "cmp", "seteq", "member", "member_const"]))
        if shape == "not":
            return Not(draw(sub("bool")))
        if shape in ("and", "or"):
            args = tuple(draw(st.lists(sub("bool"), min_size=2, max_size=3)))
            return And(args) if shape == "and" else Or(args)
        if shape == "cmp":
            return Cmp(draw(st.sampled_from(["==", "!=", "<", "<=", ">", ">="])), draw(sub("int")), draw(sub("int")))
        if shape == "seteq":
            return Cmp(draw(st.sampled_from(["==", "!="])), draw(sub("set")), draw(sub("set")))
        if shape == "member":
            return Member(draw(sub("set")), draw(sub("int")), N)
        if shape == "member_const":
            return Member(draw(sub("set")), const_int(draw(st.integers(-1, N))), N)
    if kind == "int":
        shape = draw(st.sampled_from(["arith", "size", "ite"]))
        if shape == "arith":
            return Arith(draw(st.sampled_from(["+", "-", "*", "/", "%"])), draw(sub("int")), draw(sub("int")))
        if shape == "size":
            return Size(draw(sub("set")), N)
    if kind == "set":
        shape = draw(st.sampled_from(["setop", "mask", "ite"]))
        if shape == "setop":
            return SetOp(draw(st.sampled_from(["union", "diff", "inter"])), draw(sub("set")), draw(sub("set")), N)
        if shape == "mask":
            return Mask(tuple(draw(st.lists(sub("bool"), min_size=N, max_size=N))))
    return Ite(draw(sub("bool")), draw(sub(kind)), draw(sub(kind)))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["bool", "int", "set"]).flatmap(_expr), st.lists(_states(), min_size=1, max_size=8))
def test_random_expressions(e: Expr, states: list[State]) -> None:
    for s in states:
        _same(e, s)


def test_deep_nesting_is_split_into_helpers() -> None:
    """Deeper than CPython's 200 nested parentheses: still compiles, still agrees."""
    e: Expr = Ref(3)
    for k in range(250):
        e = Ite(Cmp("<", Ref(4), const_int(k % 5 - 2)), Arith("+", e, const_int(1)), const_int(k % 3))
    flags: Expr = Ref(0)
    for _ in range(250):
        flags = Not(And((flags, Or((Ref(1), Not(Ref(2)))))))
    for s in [(True, False, True, 1, -3, 0, 5, 2), (False, True, False, -4, 4, 5, 0, 7)]:
        _same(e, s)
        _same(flags, s)


def test_shared_subexpressions_are_computed_once() -> None:
    """A DAG whose tree has 2^60 nodes compiles (the reference could not evaluate it)."""
    e: Expr = Ref(3)
    for _ in range(60):
        e = Arith("+", e, e)
    for v in (-4, 0, 3):
        assert compile_expr(e)((True, False, True, v, 0, 0, 0, 0)) == v * 2**60


def test_equal_copies_share_a_value_but_1_is_not_true() -> None:
    def one() -> Expr:
        return Ite(Ref(0), const_int(1), const_int(0))

    def true() -> Expr:
        return Ite(Ref(0), Const(True, BOOL), Const(False, BOOL))

    e = Ite(Ref(1), Ite(Ref(2), one(), true()), Ite(Ref(2), true(), one()))
    for bits in range(8):
        _same(e, (bool(bits & 1), bool(bits & 2), bool(bits & 4), 0, 0, 0, 0, 0))

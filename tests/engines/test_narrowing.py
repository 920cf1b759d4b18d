"""`if let`, `e!` and locals that outlive an atomic block (docs/language.md, 3.x): hand-written
specs decided by exhaustive search on the reference interpreter, the explicit engine and BMC,
which must agree; generated specs with the same constructs; and `if let` inside an atomic block
against its spelled-out twin `if x != none { choose o: T where o == x; ... }`."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor

import pytest
from hypothesis import given
from strategies import fixed_settings, if_let_twin, specs
from support import prelude_parsed_once

from engines.harness import checked, compare_bmc, compare_explicit, reference, systems
from verifier.engines.explicit import explore
from verifier.ir.interp import Interpreter
from verifier.ir.model import TransitionSystem
from verifier.result import Violated

CAP = 10
STATE_BUDGET = 5_000


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def decide(text: str, pool: Executor | None = None) -> list[tuple[TransitionSystem, dict[str, int]]]:
    """Each variant's transition system with the shallowest violation of each violated safety
    property, after checking that BMC and the explicit engine agree with exhaustive search."""
    out = []
    for ts in systems(checked(text)):
        ref = reference(ts, STATE_BUDGET)
        assert ref is not None
        compare_bmc(ts, ref, "bv", False, CAP, text, pool)
        compare_explicit(ts, ref, text)
        out.append((ts, ref.shortest))
    return out


POOL = "pool node[2] { val: 0..3; }\n"

# `if let` binds the value it tested: a writer that makes `head` none between the test and the use
# cannot make the use fault, because the test and the binding are one step.
IF_LET_RACE = (
    POOL
    + """
var head: node?;
thread writer {
  atomic { local n = alloc(node); head = n; }
  head = none;
}
thread reader {
  if let h = head {
    h.val = 1;
  }
}
"""
)

# The same with '!' read twice: the second read may see none.
BANG_RACE = (
    POOL
    + """
var head: node?;
thread writer {
  atomic { local n = alloc(node); head = n; }
  head = none;
}
thread reader {
  if head != none {
    head!.val = 1;
  }
}
"""
)


def test_if_let_binds_the_value_it_tested(pool: Executor) -> None:
    [(_, shortest)] = decide(IF_LET_RACE, pool)
    assert "null_deref" not in shortest
    assert "use_after_free" not in shortest


def test_bang_on_none_is_a_null_deref_at_the_bang(pool: Executor) -> None:
    [(ts, shortest)] = decide(BANG_RACE, pool)
    assert "null_deref" in shortest
    # the explicit engine's trace replays, and ends where the reader is about to run the '!'
    result = explore(ts, ["null_deref"], max_states=STATE_BUDGET)
    outcome = result.outcomes["null_deref"]
    assert isinstance(outcome, Violated) and outcome.depth == shortest["null_deref"]
    it = Interpreter(ts)
    last = it.replay(list(outcome.trace.actions))[-1]
    failing = [ts.actions[a].origin.text for check, _, a in it.faults(last) if check == "null_deref"]
    assert failing == ["head!.val = 1;"]


def test_bang_in_a_local_and_in_a_guard(pool: Executor) -> None:
    text = (
        POOL
        + """
var head: node?;
var level: 0..3?;
thread t {
  atomic { local n = alloc(node); head = n; level = 2; }
  local h = head!;
  await level! == 2;
  h.val = level!;
  level = none;
  assert h.val == 2;
  local m: 0..3 = level!;
}
"""
    )
    [(_, shortest)] = decide(text, pool)
    assert set(shortest) == {"null_deref"}


def test_else_if_let_chains(pool: Executor) -> None:
    text = (
        POOL
        + """
var a: node?;
var b: node?;
var which: 0..2;
thread maker {
  either { atomic { local n = alloc(node); b = n; } } or { atomic { local n = alloc(node); a = n; } } or { skip; }
}
thread user {
  if let x = a {
    which = 1;
  } else if let y = b {
    y.val = 2;
    which = 2;
  } else {
    which = 0;
  }
}
invariant only_b: which != 1;
invariant not_b: which != 2;
"""
    )
    [(_, shortest)] = decide(text, pool)
    assert set(shortest) == {"only_b", "not_b"}


PUBLISH = (
    POOL
    + """
var g: node?;
thread t {
%s
}
"""
)


def steps_to_finish(body: str) -> int:
    """The number of steps the one thread of PUBLISH with `body` takes (the diameter of its
    state space, which is a single path)."""
    [ts] = systems(checked(PUBLISH % body))
    ref = reference(ts, STATE_BUDGET)
    assert ref is not None
    assert ref.states == ref.diameter + 1  # one path
    return ref.diameter


def test_allocate_and_publish_in_one_step(pool: Executor) -> None:
    new = "  atomic { local n = alloc(node); g = n; }\n  n.val = 1;"
    old = "  atomic { g = alloc(node); }\n  choose n: node where n == g;\n  n.val = 1;"
    assert steps_to_finish(new) == 2
    assert steps_to_finish(old) == 3
    for body in (new, old):
        [(_, shortest)] = decide(PUBLISH % body + "invariant set: g == none || g.val <= 1;\n", pool)
        assert shortest == {}


def test_atomic_local_used_after_the_block(pool: Executor) -> None:
    text = (
        POOL
        + """
var g: node?;
thread owner {
  atomic { local n = alloc(node); g = n; }
  n.val = 2;
  atomic { g = none; free(n); }
}
thread user {
  if let u = g {
    u.val = 3;
  }
}
"""
    )
    [(_, shortest)] = decide(text, pool)
    assert set(shortest) == {"use_after_free"}


@pytest.mark.parametrize("mode", ["anywhere"])
def test_bmc_agrees_with_explicit_search_on_generated_specs_with_narrowing(mode: str, pool: Executor) -> None:
    @fixed_settings(25, shrink=False)
    @given(specs(narrowing=mode))
    def check(text: str) -> None:
        for ts in systems(checked(text)):
            ref = reference(ts, STATE_BUDGET)
            assert ref is not None, f"more than {STATE_BUDGET} states:\n{text}"
            compare_bmc(ts, ref, "bv", False, CAP, f"generated spec\n{text}\n", pool)
            compare_explicit(ts, ref, f"generated spec\n{text}\n")

    check()


def test_if_let_in_an_atomic_block_is_its_choose_twin() -> None:
    seen = 0

    @fixed_settings(80, shrink=False)
    @given(specs(narrowing="atomic"))
    def check(text: str) -> None:
        nonlocal seen
        twin = if_let_twin(text)
        if twin == text:
            return
        seen += 1
        for ts, ts_twin in zip(systems(checked(text)), systems(checked(twin)), strict=True):
            ref, ref_twin = reference(ts, STATE_BUDGET), reference(ts_twin, STATE_BUDGET)
            assert ref is not None and ref_twin is not None
            assert ref.shortest == ref_twin.shortest, f"{text}\n---\n{twin}"
            assert (ref.states, ref.diameter) == (ref_twin.states, ref_twin.diameter), f"{text}\n---\n{twin}"

    check()
    assert seen >= 10

"""Partial-order reduction in exhaustive explicit search (verifier/engines/por.py).

- Generated specs: for every safety property and deadlock, the reduced search gives the verdict
  of exhaustive search on the reference interpreter, each violation at its shortest depth with a
  trace that replays, and the same coverage (the actions enabled somewhere) as the unreduced one.
- Hand-written specs where the reduction must not apply (a property reading a thread's local),
  where the cycle proviso matters (without it a violation is missed), where the reduced search
  first finds a violation deeper than its shortest trace, and one where it saves states.
- What the portfolio and a cut-short search make of a reduced search.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from strategies import fixed_settings, specs
from strategies_cpu import CpuSpec, cpu_specs
from support import prelude_parsed_once, run_cli

import verifier.engines.explicit as explicit
from engines.harness import checked, compare_explicit, reference, safety_properties, system, systems
from engines.test_thread_predicates import ORACLE_SPEC
from engines.test_thread_predicates import SPEC as THREAD_PREDS
from verifier.engines.explicit import Exploration, explore
from verifier.engines.por import Reduction
from verifier.engines.portfolio import Budget, decide
from verifier.engines.work import Guard
from verifier.ir.interp import Interpreter, over_states
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Violated

STATE_BUDGET = 5_000


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def _reduced_only(ts: TransitionSystem, props: list[str], chooser_props: list[str] | None = None) -> Exploration:
    """The reduced search alone, without the unreduced search that recovers shortest traces; the
    reduction computed for `chooser_props` (default: `props`)."""
    it = Interpreter(ts)
    red = Reduction(ts, props if chooser_props is None else chooser_props)

    def run(space: Any) -> Exploration:
        choose = red.chooser(*explicit._pc_readers(ts, it, space))
        return explicit._explore(ts, props, 100_000, explicit.NO_GUARD, None, None, it, space, choose)

    return over_states(it, run)


def _same_results(ts: TransitionSystem, context: str) -> bool:
    """The reduced search, for all safety properties at once and for each alone (the fewer
    properties, the more steps are invisible), agrees with the reference, and with the unreduced
    search's coverage. Whether some search was reduced."""
    ref = reference(ts, STATE_BUDGET)
    assert ref is not None, f"more than {STATE_BUDGET} states:\n{context}"
    props = safety_properties(ts)
    reduced_any = False
    for want in [props, *([p] for p in props)]:
        reduced = compare_explicit(ts, ref, context, por=True, props=want)
        full = explore(ts, want, max_states=ref.states + 1)
        where = f"{context}: properties {want}"
        if full.complete:  # (a search stops where every property is violated: its coverage is partial)
            assert reduced.taken == full.taken, f"{where}: coverage differs: {sorted(reduced.taken ^ full.taken)}"
            assert reduced.states <= full.states, where
        reduced_any |= reduced.reduced is not None
    return reduced_any


@pytest.mark.parametrize("thread_preds", [False, True], ids=["plain", "thread-preds"])
def test_reduction_agrees_with_exhaustive_search_on_generated_specs(thread_preds: bool) -> None:
    reduced_somewhere: list[bool] = []

    @fixed_settings(25 if not thread_preds else 10, shrink=False)
    @given(specs(thread_preds=thread_preds))
    def check(text: str) -> None:
        for ts in systems(checked(text)):
            reduced_somewhere.append(_same_results(ts, f"generated spec\n{text}\n"))

    check()
    # the comparison means something only where the reduction applied
    assert sum(reduced_somewhere) >= len(reduced_somewhere) // 4, f"reduced: {reduced_somewhere}"


def test_reduction_agrees_with_exhaustive_search_on_cpu_specs() -> None:
    """Threads sharing CPUs with interrupt handlers: the scheduling gates read other threads'
    pcs and flags, which the footprints must count."""
    reduced_somewhere: list[bool] = []

    @fixed_settings(10, shrink=False)
    @given(cpu_specs())
    def check(spec: CpuSpec) -> None:
        reduced_somewhere.append(_same_results(system(spec.cpu_text), f"generated spec\n{spec.cpu_text}\n"))

    check()
    assert any(reduced_somewhere), f"reduced: {reduced_somewhere}"


# `a` runs on its own (its local and y), `b` writes what the invariant reads: the violation (a
# between its two steps while b has written x) exists only where b runs between a's steps.
LOCAL_READ = """
var x: 0..1 = 0;
var y: 0..2 = 0;
thread a {
  local i: 0..2 = 0;
  y = 1;
  i = 1;
  y = 2;
  i = 2;
}
thread b {
  x = 1;
}
invariant no_mid: !(a.i == 1 && x == 1);
"""


def test_no_reduction_of_a_thread_whose_local_a_property_reads() -> None:
    ts = system(LOCAL_READ)
    red = Reduction(ts, ["no_mid"])
    it = Interpreter(ts)
    (first,) = it.actions_at(ts.init, 0)  # a's first step: it cannot repair a violation (i was 0)
    mid = it.apply(ts.init, first)
    # a's second step can (i from 1 to 2): a is not safe between its steps
    assert red.safe_threads(tuple(int(mid[t.pc]) for t in ts.threads)) == frozenset({1})
    ex = explore(ts, ["no_mid"], por=True)
    assert isinstance(ex.outcomes["no_mid"], Violated) and ex.outcomes["no_mid"].depth == 2
    # the test can fail: a reduction blind to the invariant's reads follows `a` alone and misses it
    blind = _reduced_only(ts, ["no_mid"], chooser_props=["deadlock"])
    assert isinstance(blind.outcomes["no_mid"], Bounded)


# `spin` flips a variable only it uses, forever; only `b`'s step (visible: it writes x) leads to
# the violation. A reduction following `spin` alone goes round its cycle and never runs `b`.
CYCLE = """
var x: 0..1 = 0;
var y: 0..1 = 0;
daemon thread spin {
  loop { y = 1 - y; }
}
thread b {
  x = 1;
}
invariant x_zero: x == 0;
"""


def test_cycle_proviso_keeps_the_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    ts = system(CYCLE)
    ex = explore(ts, ["x_zero"], por=True)
    assert isinstance(ex.outcomes["x_zero"], Violated) and ex.outcomes["x_zero"].depth == 1
    assert isinstance(_reduced_only(ts, ["x_zero"]).outcomes["x_zero"], Violated)
    monkeypatch.setattr(explicit, "_closes_no_cycle", lambda *_: True)
    missed = _reduced_only(ts, ["x_zero"])
    assert missed.reduced is not None and isinstance(missed.outcomes["x_zero"], Bounded)


# `a` takes three steps of its own before `b`'s one step can be seen to violate the invariant:
# the reduced search follows `a` first and finds the violation at depth 4, the shortest is 1.
DEEP = """
var x: 0..1 = 0;
var y: 0..3 = 0;
thread a {
  y = 1;
  y = 2;
  y = 3;
}
thread b {
  x = 1;
}
invariant x_zero: x == 0;
"""


def test_shortest_violation_recovered() -> None:
    ts = system(DEEP)
    raw = _reduced_only(ts, ["x_zero", "deadlock"])
    assert isinstance(raw.outcomes["x_zero"], Violated) and raw.outcomes["x_zero"].depth > 1
    ex = explore(ts, ["x_zero", "deadlock"], por=True)
    o = ex.outcomes["x_zero"]
    assert isinstance(o, Violated) and o.depth == 1 and len(o.trace.actions) == 1 and o.minimal
    Interpreter(ts).replay(list(o.trace.actions))
    assert isinstance(ex.outcomes["deadlock"], Bounded)


# three threads, each on its own variables: 4^3 states unreduced, a path's worth reduced
INDEPENDENT = """
var p: 0..3 = 0;
var q: 0..3 = 0;
var r: 0..3 = 0;
thread a { p = 1; p = 2; p = 3; }
thread b { q = 1; q = 2; q = 3; }
thread c { r = 1; r = 2; r = 3; }
invariant not4: p + q + r != 4;
"""


def test_reduction_saves_states() -> None:
    ts = system(INDEPENDENT)
    props = ["deadlock"]
    full = explore(ts, props)
    reduced = explore(ts, props, por=True)
    assert full.states == 64
    assert reduced.states < full.states // 2
    assert reduced.taken == full.taken
    assert isinstance(reduced.outcomes["deadlock"], Bounded)
    # every step may repair a violation of the invariant (a sum of 4 made 5): nothing is saved
    assert explore(ts, ["not4"], por=True).reduced is None


def test_hand_written_specs_agree_with_the_reference() -> None:
    # with the thread-predicate specs: invariants and guards that read other threads' pcs
    for text in (LOCAL_READ, CYCLE, DEEP, INDEPENDENT, THREAD_PREDS, ORACLE_SPEC):
        for ts in systems(checked(text)):
            _same_results(ts, text)


def test_portfolio_says_the_graph_was_reduced() -> None:
    ts = system(INDEPENDENT)
    out = decide(ts, ["deadlock"], Budget(engine="explicit"))
    o, _, engine = out["deadlock"]
    assert engine == "explicit" and isinstance(o, Bounded)
    assert o.reason.startswith("all ") and "partial-order reduced" in o.reason
    off = decide(ts, ["deadlock"], Budget(engine="explicit", explicit_por=False))["deadlock"][0]
    assert isinstance(off, Bounded) and off.reason == "all 64 reachable states"


# six threads, four of them counting on a shared `n` (each depends on the others), two on their
# own variables: 6^6 states unreduced, 6^4 + 10 reduced (the levels of the 6^4 stay wide enough
# for the state budget to cut the reduced search too)
WIDE = """
var n: 0..20 = 0;
var p: 0..5 = 0;
var q: 0..5 = 0;
var r: 0..5 = 0;
var u: 0..5 = 0;
var v: 0..5 = 0;
var w: 0..5 = 0;
thread a { for k in 1..5 { atomic { p = k; n = n + 1; } } }
thread b { for k in 1..5 { atomic { q = k; n = n + 1; } } }
thread c { for k in 1..5 { atomic { r = k; n = n + 1; } } }
thread d { for k in 1..5 { atomic { u = k; n = n + 1; } } }
thread e { v = 1; v = 2; v = 3; v = 4; v = 5; }
thread f { w = 1; w = 2; w = 3; w = 4; w = 5; }
invariant pqru: p + q + r + u <= 20;
"""


def test_cut_short_reduced_search_falls_back_to_the_unreduced_one() -> None:
    ts = system(WIDE)
    assert explore(ts, ["pqru"], por=True).states == 6**4 + 10
    full = explore(ts, ["pqru"], max_states=500)
    reduced = explore(ts, ["pqru"], max_states=500, por=True)
    assert not full.complete and not reduced.complete
    assert (reduced.depth, reduced.states, reduced.frontier) == (full.depth, full.states, full.frontier)
    assert reduced.outcomes == full.outcomes


def test_no_reduction_with_a_depth_bound() -> None:
    ts = system(INDEPENDENT)
    assert explore(ts, ["deadlock"], bound=3, por=True).states == explore(ts, ["deadlock"], bound=3).states


class _Fired(Guard):
    """A guard that has fired (a timeout) by the first time a search asks."""

    def expired(self) -> bool:
        return True


def test_reduced_search_cut_by_the_guard_claims_only_the_depth_it_saw_whole() -> None:
    ts = system(WIDE)
    ex = explore(ts, ["pqru"], guard=_Fired(), por=True)
    assert ex.stopped == "timeout" and not ex.complete and ex.reduced == 0
    # deeper levels of the reduced graph were searched, but they are not all states of their depth
    assert ex.depth == 0 and ex.frontier == () and ex.outcomes["pqru"] == Bounded(0, "")


def test_command_line_switches(tmp_path: Path) -> None:
    spec = tmp_path / "independent.irq"
    spec.write_text(INDEPENDENT)
    common = ("--engine", "explicit", "-q", "-p", "deadlock", str(spec))
    on = run_cli(*common)
    assert on.exit_code == 0 and "HOLDS (all 10 states, reduced)" in on.stdout, on.stdout + on.stderr
    off = run_cli("--no-explicit-por", *common)
    assert off.exit_code == 0 and "HOLDS (all 64 states)" in off.stdout, off.stdout + off.stderr
    for flag in ("--por", "--bmc-por", "--no-por", "--no-bmc-por"):  # BMC's reduction, old and new name
        assert run_cli(flag, *common).exit_code == 0


def test_reduction_that_saves_little_gives_way_early(monkeypatch: pytest.MonkeyPatch) -> None:
    ts = system(WIDE)
    # 6^4 states of the shared counters, 10 of the free threads: 10 states in 1306 reduced
    monkeypatch.setattr(explicit, "POR_PROBE", 200)
    ex = explore(ts, ["pqru"], por=True)
    assert ex.reduced is None and ex.states == 6**6 and ex.complete
    monkeypatch.setattr(explicit, "POR_WORTH", 1000)  # one in a thousand is enough
    assert explore(ts, ["pqru"], por=True).states == 6**4 + 10

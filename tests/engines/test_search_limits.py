"""Random walks and bounded search against exhaustive search on random specs.

Simulation never reports a violation that is not one: every trace it returns replays on the
interpreter to a violating state, is no shorter than the shortest counterexample, and a property
that holds in every reachable state is never reported. Explicit search stopped at a bound reports
exactly the violations of that depth or less, each at its shortest depth, and Bounded(bound) for
the rest; without a bound it settles every property. Preemption-bounded search with as many
preemptions as its budget allows finds every violation when the budget covers every run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from strategies import fixed_settings, specs
from support import prelude_parsed_once

from engines.harness import assert_trace_violates, checked, reference, safety_properties, systems
from verifier.engines.explicit import explore
from verifier.engines.preempt import preemption_bounded
from verifier.engines.simulate import simulate
from verifier.result import Bounded, Violated

STATE_BUDGET = 5_000
SETTINGS = fixed_settings(60)


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


@SETTINGS
@given(specs())
def test_simulation_reports_only_real_violations(text: str) -> None:
    for ts in systems(checked(text)):
        ref = reference(ts, STATE_BUDGET)
        assert ref is not None
        props = safety_properties(ts)
        found = simulate(ts, props, 60 * 40, length=40, max_walks=60, seed=3)
        for prop, o in found.items():
            where = f"generated spec\n{text}\nvariant {ts.variant}, property {prop}"
            assert prop in ref.shortest, f"{where}: simulation reports a property that holds: {o}"
            assert o.depth == len(o.trace.actions) >= ref.shortest[prop], where
            assert not o.minimal
            assert_trace_violates(ts, o.trace.actions, prop, where)


@SETTINGS
@given(specs())
def test_search_stops_at_an_asked_bound_and_settles_everything_without_one(text: str) -> None:
    for ts in systems(checked(text)):
        ref = reference(ts, STATE_BUDGET)
        assert ref is not None
        props = safety_properties(ts)
        for bound in (max(1, ref.diameter // 2), None):
            result = explore(ts, props, max_states=ref.states + 1, bound=bound)
            if bound is None:
                assert result.complete or set(result.outcomes) == set(ref.shortest), text
            for prop in props:
                o = result.outcomes[prop]
                want = ref.shortest.get(prop)
                where = f"generated spec\n{text}\nvariant {ts.variant}, property {prop}, bound {bound}"
                if want is not None and (bound is None or want <= bound):
                    assert isinstance(o, Violated) and o.depth == want, f"{where}: expected depth {want}, got {o}"
                    assert_trace_violates(ts, o.trace.actions, prop, where)
                elif result.complete:
                    assert isinstance(o, Bounded) and want is None, f"{where}: {o}"
                else:
                    assert bound is not None and isinstance(o, Bounded) and o.depth >= bound, f"{where}: {o}"
                    assert want is None or want > o.depth, f"{where}: violated at {want}, reported {o}"


@SETTINGS
@given(specs())
def test_preemption_bounded_search_finds_real_violations_and_all_when_unbounded(text: str) -> None:
    for ts in systems(checked(text)):
        ref = reference(ts, STATE_BUDGET)
        assert ref is not None
        props = safety_properties(ts)
        for bound in (0, 1, ref.diameter + 1, None):
            hunt = preemption_bounded(ts, props, max_preemptions=bound, max_states=10**9)
            where = f"generated spec\n{text}\nvariant {ts.variant}, at most {bound} preemptions"
            if bound is None:  # as many preemptions as it takes: every run is searched
                assert hunt.exhaustive or set(hunt.found) == set(props), where
            if hunt.exhaustive:  # a round cut no run: every reachable state was seen
                assert set(hunt.found) == set(ref.shortest), where
            for prop, o in hunt.found.items():
                assert prop in ref.shortest, f"{where}: {prop} holds but is reported {o}"
                assert o.depth == len(o.trace.actions) >= ref.shortest[prop], f"{where}, {prop}"
                assert_trace_violates(ts, o.trace.actions, prop, f"{where}, {prop}")
            if bound is None or bound > ref.diameter:  # as many preemptions as needed: every run is searched
                assert set(hunt.found) == set(ref.shortest), where

"""The search with each level expanded by worker processes against the one-process search.

explore_parallel reports exactly what verifier.engines.explicit.explore(..., por=False) reports,
for 1, 2 or 3 workers: the same outcomes (traces included: the store is filled in the same
order), state counts, depths, actions taken, last level and reason to stop, also where a depth
bound, the state budget or a violation ends the search part way. Only the guard cuts elsewhere
(between chunks), and what it reports is then sound.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pytest
from hypothesis import given
from strategies import fixed_settings, specs
from support import prelude_parsed_once

from engines.harness import explored_settings, safety_properties
from engines.test_partition import assert_same
from engines.test_partition import bundled as bundled_uncached
from verifier.engines.explicit import Exploration, explore
from verifier.engines.parallel import explore_parallel
from verifier.engines.work import Guard
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Violated


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


@functools.cache
def bundled(name: str) -> list[TransitionSystem]:
    return bundled_uncached(name)


def assert_identical(ts: TransitionSystem, props: list[str], a: Exploration, b: Exploration, where: str) -> None:
    """`b` reports what `a` reports, to the traces and the paths to the last level."""
    assert_same(ts, props, a, b, where)
    assert b.outcomes == a.outcomes, where
    assert b.frontier == a.frontier, where
    if a.path_to is not None:
        assert b.path_to is not None
        for s in a.frontier[:50]:
            assert b.path_to(s) == a.path_to(s), where


@fixed_settings(15)
@given(specs())
def test_parallel_search_reports_what_explore_reports_on_generated_specs(text: str) -> None:
    for ts, props, bound, a in explored_settings(text):
        for n in (1, 2, 3):
            # every level sent to the workers, however small (local_below=0); with 3, three
            # worker processes, else this process and n - 1 of them
            b = explore_parallel(ts, props, 10**6, bound=bound, workers=n, local_below=0, here=n != 3)
            assert_identical(ts, props, a, b, f"generated spec\n{text}\nvariant {ts.variant}, x{n}, bound {bound}")


@pytest.mark.parametrize("name", ["flag_mutex.irq", "abba_deadlock.irq", "rcu_list.irq"])
def test_parallel_search_on_bundled_specs(name: str) -> None:
    for ts in bundled(name):
        props = safety_properties(ts)
        for bound in (None, 4):
            a = explore(ts, props, 10**6, bound=bound)
            for n in (2, 3):
                b = explore_parallel(ts, props, 10**6, bound=bound, workers=n, local_below=0)
                assert_identical(ts, props, a, b, f"{name} {ts.variant} x{n} bound {bound}")


def test_deadlock_found_at_its_depth_with_the_same_trace() -> None:
    (ts,) = [t for t in bundled("abba_deadlock.irq") if t.variant == "abba"]
    for props in (["deadlock"], safety_properties(ts)):
        a = explore(ts, props, 10**6)
        assert isinstance(a.outcomes["deadlock"], Violated)
        b = explore_parallel(ts, props, 10**6, workers=2, local_below=0)
        assert_identical(ts, props, a, b, f"abba {props}")


@pytest.mark.parametrize("budget", [1, 9_000])
def test_the_state_budget_stops_where_explore_stops(budget: int) -> None:
    """The budget is asked before each batch of a level is inserted, as explore asks it: the
    same states, the same last level; the states explore checked on insertion are checked."""
    ts = bundled("resampler_mutex.irq")[0]
    props = [*safety_properties(ts), "deadlock"]
    a = explore(ts, props, budget)
    assert not a.complete and a.stopped == "states"
    for n in (1, 2):
        b = explore_parallel(ts, props, budget, workers=n, local_below=0)
        assert_identical(ts, props, a, b, f"budget {budget} x{n}")


def test_large_levels_split_into_chunks_at_a_depth_bound() -> None:
    """Levels of thousands of states: several chunks per worker, in flight together."""
    ts = bundled("resampler_mutex.irq")[0]
    props = safety_properties(ts)
    a = explore(ts, props, 10**6, bound=30)
    assert a.stopped == "bound" and len(a.frontier) > 4 * 1024
    for n in (2, 3):
        for here in (True, False):
            b = explore_parallel(ts, props, 10**6, bound=30, workers=n, here=here)
            assert_identical(ts, props, a, b, f"x{n} here {here}")


def test_an_expired_guard_stops_the_search_as_a_sound_timeout() -> None:
    ts = bundled("resampler_mutex.irq")[0]
    props = safety_properties(ts)
    full = explore(ts, props, 10**6, bound=6)
    b = explore_parallel(ts, props, 10**6, guard=Guard(deadline=0.0), workers=2)
    assert not b.complete and b.stopped == "timeout"
    assert b.depth == 0 and b.states >= 1
    assert b.frontier == () and b.path_to is None  # nothing runs on from a search the guard stopped
    for p, o in b.outcomes.items():  # nothing claimed past what was checked
        if isinstance(o, Violated):
            assert o.depth == full.outcomes[p].depth
        else:
            assert isinstance(o, Bounded) and o.reason == "" and o.depth == b.depth


def test_progress_reports_each_level() -> None:
    ts = bundled("flag_mutex.irq")[0]
    seen: list[tuple[int, int]] = []
    a = explore(ts, ["deadlock"], 10**6)
    explore_parallel(ts, ["deadlock"], 10**6, progress=lambda d, n, t: seen.append((d, n)), workers=2)
    assert [d for d, _ in seen] == list(range(1, len(seen) + 1))
    assert seen[-1][1] == a.states


@pytest.mark.parametrize("name", ["flag_mutex.irq", "rcu_list.irq"])
def test_the_search_stops_after_the_level_of_the_last_violation(name: str) -> None:
    """explore stops before expanding the level whose checks violate its last open property;
    here the level's expansion, done by then, is undone: the same states, the same last level."""
    undone = 0
    for ts in bundled(name):
        full = explore(ts, safety_properties(ts), 10**6)
        for p, o in full.outcomes.items():
            if not isinstance(o, Violated) or p == "deadlock":
                continue
            a = explore(ts, [p], 10**6)
            assert not a.complete or a.frontier
            b = explore_parallel(ts, [p], 10**6, workers=2, local_below=0)
            assert_identical(ts, [p], a, b, f"{name} {ts.variant} {p}")
            undone += 1
    assert undone

"""Hash-partitioned exhaustive search against the single-process search it splits.

With 1, 2 or 3 partitions (in this process, in worker processes, as actors on a local Dask
cluster), the partitioned search reports what verifier.engines.explicit.explore reports: the same
verdicts, each violation at the same (shortest) depth with a trace that replays to a violating
state, the same count of states and the same actions taken when it completes or stops at a depth
bound, and the same last level. With one partition even the traces are explore's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from strategies import fixed_settings, specs
from support import prelude_parsed_once

from engines.harness import assert_trace_violates, explored_settings, safety_properties
from verifier.engines.explicit import Exploration, explore
from verifier.engines.partition import InProcess, LocalProcesses, Workers, explore_partitioned, owner
from verifier.engines.work import Guard
from verifier.ir.model import TransitionSystem
from verifier.pipeline import _lower, check_spec
from verifier.result import Bounded, Violated

ROOT = Path(__file__).resolve().parents[2]
Start = Callable[[TransitionSystem, Sequence[str], int], Workers]


def in_process(ts: TransitionSystem, props: Sequence[str], n: int) -> Workers:
    return InProcess(ts, props, n)


def processes(ts: TransitionSystem, props: Sequence[str], n: int) -> Workers:
    return LocalProcesses(ts, props, n)


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def bundled(name: str) -> list[TransitionSystem]:
    spec = check_spec(str(ROOT / "spec" / name), {})
    return [_lower(spec, v.name) for v in spec.variants]


def assert_same(ts: TransitionSystem, props: list[str], a: Exploration, b: Exploration, where: str) -> None:
    """`b` (partitioned) reports what `a` (explore) reports; its traces replay."""
    assert b.complete == a.complete, where
    assert b.depth == a.depth, where
    assert b.stopped == a.stopped, where
    assert b.states == a.states, where
    assert b.taken == a.taken, where
    assert set(b.frontier) == set(a.frontier), where
    for p in props:
        x, y = a.outcomes[p], b.outcomes[p]
        assert type(x) is type(y) and x.depth == y.depth, f"{where}, {p}: {x} vs {y}"
        if isinstance(y, Violated):
            assert len(y.trace.actions) == y.depth, where
            assert_trace_violates(ts, y.trace.actions, p, f"{where}, {p}")
        else:
            assert isinstance(y, Bounded) and y.reason == x.reason, f"{where}, {p}: {x} vs {y}"
    if b.path_to is not None:
        assert a.path_to is not None
        for s in b.frontier[:20]:
            path = b.path_to(s)
            assert len(path) == b.depth == len(a.path_to(s)), where
            assert _replay_end(ts, path) == s, where


def _replay_end(ts: TransitionSystem, actions: list[int]) -> object:
    from verifier.ir.interp import Interpreter

    return Interpreter(ts).replay(actions)[-1]


SETTINGS = fixed_settings(10)


@SETTINGS
@given(specs())
def test_partitioned_search_reports_what_explore_reports_on_generated_specs(text: str) -> None:
    for ts, props, bound, a in explored_settings(text):
        for n in (1, 2, 3):
            b = explore_partitioned(ts, props, 10**6, bound=bound, workers=n, start=in_process, chunk=7)
            assert_same(ts, props, a, b, f"generated spec\n{text}\nvariant {ts.variant}, {n} partitions, bound {bound}")
            if n == 1:  # one partition searches in explore's order: the same traces
                assert b.outcomes == a.outcomes


@pytest.mark.parametrize("name", ["flag_mutex.irq", "abba_deadlock.irq", "rcu_list.irq"])
def test_partitioned_search_in_worker_processes_on_bundled_specs(name: str) -> None:
    for ts in bundled(name):
        props = safety_properties(ts)
        a = explore(ts, props, 10**6)
        assert a.complete
        for n in (2, 3):
            assert_same(
                ts,
                props,
                a,
                explore_partitioned(ts, props, 10**6, workers=n, start=processes),
                f"{name} {ts.variant} x{n}",
            )


def test_partitioned_search_stops_at_the_bound_as_explore_does_on_a_large_spec() -> None:
    ts = bundled("resampler_mutex.irq")[0]
    props = safety_properties(ts)
    a = explore(ts, props, 10**6, bound=10)
    assert a.stopped == "bound" and a.frontier
    for n in (1, 2):
        assert_same(ts, props, a, explore_partitioned(ts, props, 10**6, bound=10, workers=n, start=processes), f"x{n}")


def test_the_state_budget_stops_the_search_incomplete_and_sound() -> None:
    ts = bundled("resampler_mutex.irq")[0]
    props = safety_properties(ts)
    full = explore(ts, props, 10**6, bound=10)
    for n in (1, 3):
        b = explore_partitioned(ts, props, 2_000, workers=n, start=in_process, chunk=64)
        assert not b.complete and b.stopped == "states" and b.states >= 2_000, n
        assert b.frontier and all(len(b.path_to(s)) == b.depth for s in b.frontier[:10])  # type: ignore[misc]
        for p, o in b.outcomes.items():
            if isinstance(o, Violated):  # at its shortest depth, as the search to depth 10 finds it
                assert b.depth < 10 and o.depth == full.outcomes[p].depth
            else:
                assert o.reason == "" and o.depth == b.depth


def test_an_expired_guard_stops_the_search_as_a_timeout() -> None:
    ts = bundled("resampler_mutex.irq")[0]
    props = safety_properties(ts)
    b = explore_partitioned(ts, props, 10**6, guard=Guard(deadline=0.0), workers=2, start=in_process)
    assert not b.complete and b.stopped == "timeout"
    assert b.depth == 0 and b.states == 1
    assert all(isinstance(o, Bounded) and o.depth == 0 for o in b.outcomes.values())


def test_progress_reports_each_level() -> None:
    ts = bundled("flag_mutex.irq")[0]
    seen: list[tuple[int, int]] = []
    a = explore(ts, ["deadlock"], 10**6)
    explore_partitioned(
        ts, ["deadlock"], 10**6, progress=lambda d, n, t: seen.append((d, n)), workers=2, start=in_process
    )
    assert [d for d, _ in seen] == list(range(1, len(seen) + 1))
    assert seen[-1][1] == a.states


def test_the_owner_of_a_state_is_the_same_in_every_process() -> None:
    """Owners are computed by whichever process sends a state: a per-process hash would lose states."""
    states = [*range(0, 5000, 7), 2**100 + 3, (1, 2, 3), (0, (4, 5))]
    here = [owner(s, 3) for s in states]
    assert len(set(here)) == 3
    code = f"from verifier.engines.partition import owner;print([owner(s, 3) for s in {states!r}])"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(here)


@pytest.mark.parametrize("name", ["flag_mutex.irq", "abba_deadlock.irq"])
def test_partitioned_search_on_a_local_dask_cluster(name: str, dask_cluster: str) -> None:
    from verifier.engines.cluster import actors

    for ts in bundled(name):
        props = safety_properties(ts)
        a = explore(ts, props, 10**6)
        for n in (1, 2, 3):
            b = explore_partitioned(ts, props, 10**6, workers=n, start=actors(dask_cluster))
            assert_same(ts, props, a, b, f"{name} {ts.variant} x{n} on the cluster")

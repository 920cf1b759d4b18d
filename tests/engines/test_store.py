"""The state store of exhaustive search, and the search built on it.

The numpy store (`StateStore`) and the dict store (`DictStore`) against a plain dict model on
random batches: duplicates within a batch and across batches, growth past several doublings,
64-bit hash collisions, parents and paths. Then breadth-first search over the store against the
search it replaced (a dict from state to (parent state, action), kept below as the reference):
the same outcomes, traces, state counts, depths, frontier and coverage, on generated specs and on
the small bundled ones, with batches of every size down to one state.
"""

from __future__ import annotations

import pickle
import random
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import fixed_settings, specs
from support import SPEC_DIR, prelude_parsed_once

import verifier.engines.store as store_mod
from engines.harness import checked, safety_properties, systems
from verifier.engines import explicit
from verifier.engines.explicit import Exploration, explore
from verifier.engines.store import _MAX_LOAD, DictStore, StateStore
from verifier.engines.work import NO_GUARD, Guard
from verifier.ir.interp import Interpreter, PackedRangeError, Space, over_states
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Outcome, Trace, Violated

# ---- the store against a dict ----------------------------------------------------------------


class Model:
    """What a store must answer: a dict from state to index, and lists."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}
        self.states: list[Any] = []
        self.parents: list[int] = []
        self.actions: list[int] = []

    def insert(self, states: Sequence[Any], parents: Sequence[int], actions: Sequence[int]) -> list[int]:
        new = []
        for k, s in enumerate(states):
            if s not in self.index:
                self.index[s] = len(self.states)
                self.states.append(s)
                self.parents.append(parents[k])
                self.actions.append(actions[k])
                new.append(k)
        return new

    def path(self, i: int) -> list[int]:
        out = []
        while self.parents[i] >= 0:
            out.append(self.actions[i])
            i = self.parents[i]
        return out[::-1]


def run_batches(store: StateStore | DictStore, batches: list[list[int]], rng: random.Random) -> Model:
    """Insert `batches` into `store` and a model; check every answer on the way."""
    model = Model()
    for batch in batches:
        n = len(model.states)
        parents = [rng.randrange(-1, n) if n else -1 for _ in batch]
        actions = [rng.randrange(2**16) for _ in batch]
        before = [s for s in batch if s in model.index]
        assert store.contains_batch(batch).tolist() == [s in model.index for s in batch]
        want = model.insert(batch, parents, actions)
        got = store.insert_batch(batch, np.array(parents), np.array(actions))
        assert got.tolist() == want
        assert len(store) == len(model.states)
        assert store.find_batch(batch).tolist() == [model.index[s] for s in batch]
        assert store.find_batch(before).tolist() == [model.index[s] for s in before]
        store.new_level()
    assert store.get_range(0, len(store)) == model.states
    for i in range(len(model.states)):
        assert store.get(i) == model.states[i]
        assert store.parent(i) == model.parents[i]
        assert store.action(i) == model.actions[i]
        assert store.path(i) == model.path(i)
    return model


WIDTHS = st.sampled_from([1, 7, 64, 65, 130, 267])


@st.composite
def batches(draw: st.DrawFn) -> tuple[int, list[list[int]]]:
    """A width and batches of states of that width, drawn from a small pool so that states repeat
    within and across batches."""
    bits = draw(WIDTHS)
    pool = draw(st.lists(st.integers(0, 2**bits - 1), min_size=1, max_size=60))
    out = draw(st.lists(st.lists(st.sampled_from(pool), max_size=40), max_size=12))
    return bits, out


@fixed_settings(200)
@given(batches())
def test_numpy_store_agrees_with_a_dict(case: tuple[int, list[list[int]]]) -> None:
    bits, bs = case
    run_batches(StateStore(bits, capacity=16), bs, random.Random(1))


@fixed_settings(100)
@given(batches())
def test_dict_store_agrees_with_a_dict(case: tuple[int, list[list[int]]]) -> None:
    _, bs = case
    run_batches(DictStore(), bs, random.Random(1))


def test_store_grows_past_several_doublings() -> None:
    """From a 32-slot table and 16 rows to thousands of states, batches large and small."""
    rng = random.Random(7)
    store = StateStore(200, capacity=16)
    seen: list[int] = []
    bs = []
    for size in [1, 2, 5, 30, 200, 1000, 3000, 50, 7000]:
        fresh = [rng.getrandbits(200) for _ in range(size)]
        old = [rng.choice(seen) for _ in range(size // 3)] if seen else []
        batch = fresh + old + fresh[: size // 4]
        rng.shuffle(batch)
        bs.append(batch)
        seen += fresh
    model = run_batches(store, bs, rng)
    assert len(store) == len(set(seen)) == len(model.states)
    assert len(store._table) >= 2**14  # grown from 2**5
    assert store.levels == [0, *np.cumsum([len(set(b) - set().union(*bs[:i])) for i, b in enumerate(bs)]).tolist()]
    assert store.bytes_per_state() <= 1.125 * store.nbytes_state + 6 + 4 / (_MAX_LOAD / 2) + 1


def test_hash_collisions_are_compared_not_merged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every state hashing alike: lookups must compare rows, and deduplication within a batch
    must not merge distinct states that share a hash."""
    monkeypatch.setattr(store_mod, "_mix", lambda rows: np.zeros(len(rows), dtype=np.uint64))
    rng = random.Random(3)
    pool = [rng.getrandbits(90) for _ in range(40)]
    bs = [[rng.choice(pool) for _ in range(rng.randrange(30))] for _ in range(15)]
    run_batches(StateStore(90, capacity=16), bs, rng)


def test_store_pickles_and_rejects_what_does_not_fit() -> None:
    store = StateStore(70, capacity=16)
    store.insert_batch([5, 2**69, 5, 7], [-1, 0, 0, 1], [0, 1, 2, 3])
    copy = pickle.loads(pickle.dumps(store))
    assert copy.get_range(0, 3) == [5, 2**69, 7]
    assert copy.path(2) == [1, 3]
    assert copy.insert_batch([7, 8], [0, 0], [4, 4]).tolist() == [1]
    with pytest.raises(ValueError):
        store.insert_batch([2**70], [0], [0])
    with pytest.raises(ValueError):
        store.insert_batch([-1], [0], [0])
    with pytest.raises(ValueError):
        store.insert_batch([9], [0], [2**16])
    wide = StateStore(8, wide_actions=True)
    wide.insert_batch([1, 2], [-1, 0], [0, 70_000])
    assert wide.path(1) == [70_000]


# ---- search over the store against search over a dict -----------------------------------------


def dict_explore(
    ts: TransitionSystem, props: Sequence[str], max_states: int, bound: int | None = None, packed: bool = True
) -> Exploration:
    """The search as it was before the store: a dict from state to (parent state, action), one
    state at a time. The reference for `explore`."""
    it = Interpreter(ts)
    if packed:
        return over_states(it, lambda space: _dict_explore(ts, props, max_states, NO_GUARD, bound, it, space))
    space = Space(ts.init, it.next_states, it.property_checker, _same, _same)
    return _dict_explore(ts, props, max_states, NO_GUARD, bound, it, space)


def _same(s: Any) -> Any:
    return s


def _dict_explore(
    ts: TransitionSystem,
    props: Sequence[str],
    max_states: int,
    guard: Guard,
    bound: int | None,
    it: Interpreter,
    space: Space,
) -> Exploration:
    start = time.monotonic()
    want = list(dict.fromkeys(props))
    deadlock = "deadlock" in want
    others = [p for p in want if p != "deadlock"]
    violated = space.checker(others)
    init, nexts, unpack = space.init, space.next_states, space.unpack
    found: dict[str, Outcome] = {}
    parent: dict[Any, tuple[Any, int] | None] = {init: None}
    taken: set[int] = set()

    def trace(last: Any) -> tuple[int, ...]:
        acts = []
        s = last
        while parent[s] is not None:
            prev, ai = parent[s]  # type: ignore[misc]
            acts.append(ai)
            s = prev
        return tuple(reversed(acts))

    def report(s: Any, depth: int, bad: list[str]) -> None:
        for p in bad:
            if p not in found:
                found[p] = Violated(depth, Trace(trace(s)), engine="explicit")

    def check(s: Any, depth: int) -> None:
        bad = violated(s)
        if bad:
            report(s, depth, bad)
            taken.update(ai for _, _, ai in it.faults(unpack(s)))

    def dead(s: Any, succs: list[tuple[int, Any]], depth: int) -> None:
        if not succs and "deadlock" not in found and it.stuck(unpack(s)):
            report(s, depth, ["deadlock"])

    frontier = [init]
    depth = 0
    check(init, 0)
    complete = True
    stopped = ""
    expanded = 0
    while frontier and len(found) < len(want):
        if bound is not None and depth >= bound:
            stopped = "bound"
            break
        nxt: list[Any] = []
        expanded = 0
        for s in frontier:
            succs = nexts(s)
            expanded += 1
            if deadlock:
                dead(s, succs, depth)
            for ai, t in succs:
                taken.add(ai)
                if t in parent:
                    continue
                parent[t] = (s, ai)
                check(t, depth + 1)
                nxt.append(t)
            if expanded % 64 == 0 and (len(parent) >= max_states or guard.expired()):
                complete = False
                stopped = "states" if len(parent) >= max_states else "timeout"
                break
        if not complete:
            break
        depth += 1
        frontier = nxt
        expanded = 0
    if deadlock and stopped != "timeout":
        for s in frontier[expanded:]:
            dead(s, nexts(s), depth)
    if not frontier and complete:
        depth = max(depth - 1, 0)
    outcomes: dict[str, Outcome] = {}
    done_all = complete and not frontier
    for p in want:
        if p in found:
            outcomes[p] = found[p]
        elif done_all:
            outcomes[p] = Bounded(depth, f"all {len(parent)} reachable states")
        else:
            outcomes[p] = Bounded(depth, "")
    secs = time.monotonic() - start
    if done_all:
        return Exploration(outcomes, len(parent), True, depth, secs, taken=frozenset(taken))
    states = {unpack(s): s for s in frontier}
    return Exploration(
        outcomes,
        len(parent),
        False,
        depth,
        secs,
        tuple(states),
        lambda s: list(trace(states[s])),
        frozenset(taken),
        stopped or ("bound" if frontier else "states"),
    )


def same_search(new: Exploration, old: Exploration, where: str) -> None:
    """Everything but the seconds: outcomes (with their traces), counts, depth, frontier, paths."""
    assert new.outcomes == old.outcomes, where
    assert (new.states, new.complete, new.depth, new.stopped) == (old.states, old.complete, old.depth, old.stopped), (
        where
    )
    assert new.taken == old.taken, where
    assert new.frontier == old.frontier, where
    if new.frontier:
        assert new.path_to is not None and old.path_to is not None
        for s in new.frontier[:50]:
            assert new.path_to(s) == old.path_to(s), where


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


@pytest.fixture(params=[1, 3, 1024])
def batch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Search with batches of this many frontier states (1024: the product's)."""
    monkeypatch.setattr(explicit, "BATCH", request.param)
    return int(request.param)


def compare_on(ts: TransitionSystem, where: str, runs: Callable[[TransitionSystem], list[int | None]]) -> None:
    props = safety_properties(ts)
    for bound in runs(ts):
        label = f"{where}, bound {bound}"
        same_search(explore(ts, props, 10**9, bound=bound), dict_explore(ts, props, 10**9, bound), label)


@fixed_settings(40)
@given(specs())
def test_search_over_the_store_is_the_search_over_a_dict(text: str) -> None:
    for size in (1, 3, 1024):
        explicit.BATCH = size
        try:
            for ts in systems(checked(text)):
                where = f"generated spec\n{text}\nvariant {ts.variant}, batch {size}"
                compare_on(ts, where, lambda ts: [None, 2, 5])
        finally:
            explicit.BATCH = 1024


SMALL = ["abba_deadlock", "flag_mutex", "irq_inversion", "ioapic_eoi", "rcu_list"]


def _small() -> list[tuple[Path, str]]:
    out = []
    with prelude_parsed_once():
        for name in SMALL:
            path = SPEC_DIR / f"{name}.irq"
            out += [(path, v.name) for v in checked(path.read_text(encoding="utf-8"), path).variants]
    return out


@pytest.mark.parametrize(("path", "variant"), _small(), ids=lambda x: x.stem if isinstance(x, Path) else x)
def test_search_over_the_store_on_the_small_bundled_specs(path: Path, variant: str, batch: int) -> None:
    ts = lower(checked(path.read_text(encoding="utf-8"), path), variant)
    compare_on(ts, f"{path.name} {variant}, batch {batch}", lambda ts: [None, 1, 3])


def test_tuple_states_use_the_dict_store(batch: int) -> None:
    """A system searched over tuples (no packing) goes through `DictStore`, with the same answers."""
    path = SPEC_DIR / "rcu_list.irq"
    spec = checked(path.read_text(encoding="utf-8"), path)
    for v in spec.variants:
        ts = lower(spec, v.name)
        it = Interpreter(ts)
        props = safety_properties(ts)
        for bound in (None, 4):
            space = Space(ts.init, it.next_states, it.property_checker, _same, _same)
            new = explicit._explore(ts, props, 10**9, NO_GUARD, None, bound, it, space)
            old = dict_explore(ts, props, 10**9, bound, packed=False)
            same_search(new, old, f"{v.name} over tuples, bound {bound}")


def test_state_budget_is_checked_before_each_batch(batch: int) -> None:
    """The budget stops the search before the first batch that starts with `max_states` states
    or more stored; the frontier is the level being expanded, every state of it with a path."""
    path = SPEC_DIR / "rcu_list.irq"
    ts = lower(checked(path.read_text(encoding="utf-8"), path), "rcu")
    props = safety_properties(ts)
    full = explore(ts, props, 10**9)
    assert full.complete
    for budget in (1, 10, 40, full.states - 1):
        ex = explore(ts, props, budget)
        again = explore(ts, props, budget)
        assert (ex.states, ex.depth, ex.frontier) == (again.states, again.depth, again.frontier)
        assert not ex.complete and ex.stopped == "states" and ex.states >= budget
        assert ex.states < budget + batch * len(ts.actions) + 1
        assert ex.path_to is not None
        it = Interpreter(ts)
        for s in ex.frontier:
            assert len(ex.path_to(s)) == ex.depth
            assert it.replay(ex.path_to(s))[-1] == s


# ---- the remembered successor function -----------------------------------------------------


@fixed_settings(40)
@given(specs())
def test_remembered_successors_are_the_reference_successors(text: str) -> None:
    """Packed successors, remembered per thread and the bits its actions read, against the
    tree-walking reference over tuples, on every reachable state; each state twice, so the
    second answer comes from the cache."""
    for ts in systems(checked(text)):
        fast, ref = Interpreter(ts), Interpreter(ts, compiled=False)
        p = fast.packed()
        assert p is not None
        states, _ = ref.reachable(3000)
        for _ in range(2):
            for s in states:
                want = ref.next_states(s)
                try:
                    got = [(ai, p.unpack(y)) for ai, y in p.next_states(p.pack(s))]
                except PackedRangeError:
                    continue  # a value past its field: search falls back to tuples
                assert got == want, f"generated spec\n{text}\nvariant {ts.variant}, state {s}"


def test_truncate_forgets_the_states_past_it_and_finds_the_rest() -> None:
    store = StateStore(40)
    xs = [(k * 0x9E3779B1) % 2**40 for k in range(3000)]
    store.insert_batch(xs[:1000], [-1] * 1000, [0] * 1000)
    store.new_level()
    store.insert_batch(xs[1000:], list(range(2000)), [1] * 2000)
    store.truncate(1000)
    assert len(store) == 1000 and store.levels == [0, 1000]
    assert store.find_batch(xs).tolist() == [*range(1000), *([-1] * 2000)]
    # inserted again, as rows: the indices follow on
    new = store.insert_rows(store.rows_of(xs[1000:]), list(range(2000)), [1] * 2000, distinct=True)
    assert len(new) == 2000 and store.find_batch(xs).tolist() == list(range(3000))
    assert store.get_range(1000, 3000) == xs[1000:]

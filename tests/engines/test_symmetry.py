"""Symmetry reduction in exhaustive explicit search (verifier/engines/symmetry.py).

- Generated specs whose parameterised threads take a named range type: where the checker accepts
  the symmetry, the reduced search gives the reference interpreter's verdicts at their shortest
  depths, with traces that replay, and the unreduced search's coverage.
- Hand-written specs the checker must reject (a thread that treats one index specially, an
  asymmetric initial state or property, a non-family thread that does), and what a search that
  skipped the check would get wrong.
- Representatives lie in their state's orbit; the irqfd model of the Spin bench is reduced about
  N!-fold with the verdicts of the full search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given
from strategies import fixed_settings, specs
from support import prelude_parsed_once

from engines.harness import checked, compare_explicit, reference, safety_properties, system, systems
from verifier.engines import symmetry
from verifier.engines.explicit import explore
from verifier.ir.interp import Interpreter
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Violated

STATE_BUDGET = 5_000


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def _named(text: str) -> str:
    """The generated spec with its thread parameter's range named (`type idx = 0..1`)."""
    return "type idx = 0..1;\n" + re.sub(r"\(k: 0\.\.1\)", "(k: idx)", text)


def test_reduction_agrees_with_exhaustive_search_on_generated_specs() -> None:
    accepted: list[bool] = []

    @fixed_settings(40, shrink=False)
    @given(specs())
    def check(text: str) -> None:
        if "(k: 0..1)" not in text:
            return
        text = _named(text)
        for ts in systems(checked(text)):
            accepted.append(_same_results(ts, f"generated spec\n{text}\n"))

    check()
    # the comparison means something only where the checker accepted a symmetry
    assert sum(accepted) >= 5, f"accepted: {accepted}"


def _same_results(ts: TransitionSystem, context: str) -> bool:
    props = safety_properties(ts)
    sym, _ = symmetry.find(ts, [p for p in props if p != "deadlock"])
    if sym is None:
        return False
    ref = reference(ts, STATE_BUDGET)
    assert ref is not None, f"more than {STATE_BUDGET} states:\n{context}"
    reduced = compare_explicit(ts, ref, context, props=props, symmetry=True)
    full = explore(ts, props, max_states=ref.states + 1)
    if full.complete:
        assert reduced.taken == full.taken, f"{context}: coverage differs: {sorted(reduced.taken ^ full.taken)}"
        assert reduced.states <= full.states, context
    assert reduced.symmetric == ("idx",) or reduced.states == full.states, context
    return True


# irqfd-like: per-index state in arrays over the named type, a lock, a shared counter
IRQFDS = """
type fd_t = 0..NFD-1;
const NFD = 3;
enum st { IDLE, LIVE, GONE }
var state: [fd_t]st;
var pending: [fd_t]bool;
var owner: fd_t?;
var live: 0..NFD;
var seen: set<fd_t>;
thread irqfd(i: fd_t) {
  atomic { await owner == none; owner = i; }
  state[i] = LIVE;
  live = live + 1;
  seen += i;
  owner = none;
  pending[i] = true;
  atomic { await owner == none; owner = i; }
  state[i] = GONE;
  live = live - 1;
  owner = none;
}
invariant one_owner: forall j: fd_t :: owner == j ==> state[j] != GONE || live < NFD;
invariant counted: live <= count(j: fd_t | state[j] == LIVE);
"""


def test_interchangeable_threads_are_explored_once() -> None:
    ts = system(IRQFDS)
    sym, why = symmetry.find(ts, ["one_owner", "counted"])
    assert sym is not None, why
    props = safety_properties(ts)
    ref = reference(ts, 100_000)
    assert ref is not None
    reduced = compare_explicit(ts, ref, "irqfds", props=props, symmetry=True)
    full = explore(ts, props, max_states=ref.states + 1)
    assert full.complete and reduced.complete
    assert reduced.taken == full.taken
    # three interchangeable irqfds: most orbits have 3! = 6 states
    assert reduced.states * 4 < full.states, (reduced.states, full.states)
    for p in props:
        assert type(reduced.outcomes[p]) is type(full.outcomes[p]), p


def test_representatives_lie_in_their_orbit() -> None:
    ts = system(IRQFDS)
    it = Interpreter(ts)
    sym, _ = symmetry.find(ts, [])
    packed = it.packed()
    assert sym is not None and packed is not None and sym.prepare(packed.layout.fields, packed.layout.bits)
    depth, _ = it.reachable(3_000)
    import numpy as np

    states = list(depth)
    nb = (packed.layout.bits + 7) // 8
    rows = np.frombuffer(b"".join(packed.pack(s).to_bytes(nb, "little") for s in states), dtype=np.uint8).reshape(
        -1, nb
    )
    reps = sym.canon_rows(rows)
    changed = 0
    for s, row in zip(states, reps, strict=True):
        rep = packed.layout.unpack(int.from_bytes(row.tobytes(), "little"))
        assert sym.renaming_to(s, rep) is not None, s
        assert sym.renaming_to(rep, s) is not None
        changed += rep != s
    assert changed > len(states) // 4  # the renaming did something


ASYMMETRIC = {
    "a thread that treats index 0 specially": (
        "if i == 0 { pending[i] = true; }",
        "",
    ),
    "an asymmetric initial state": ("", "init { pending[0] = true; }"),
    "an invariant over one index": ("", "invariant first: !(state[0] == GONE && state[1] == LIVE);"),
    "a thread outside the family that favours one index": (
        "",
        "thread watcher { await state[1] == GONE; pending[0] = false; }",
    ),
    "arithmetic on the index": ("pending[(i + 1) % NFD] = true;", ""),
}


@pytest.mark.parametrize("case", sorted(ASYMMETRIC))
def test_asymmetric_systems_are_rejected(case: str) -> None:
    body, extra = ASYMMETRIC[case]
    text = IRQFDS.replace("  pending[i] = true;\n", f"  pending[i] = true;\n  {body}\n") + extra
    ts = system(text)
    props = safety_properties(ts)
    sym, why = symmetry.find(ts, [p for p in props if p != "deadlock"])
    assert sym is None, case
    assert why
    ex = explore(ts, props, max_states=200_000, symmetry=True)
    assert ex.symmetric == ()


# A violation only irqfd(1) can cause: with a search that trusted the candidate without checking,
# every state where irqfd(1) went first is stored as its renaming where irqfd(0) did.
ONLY_ONE = """
type fd_t = 0..1;
var order: 0..2;
var first: fd_t?;
thread irqfd(i: fd_t) {
  atomic { if first == none { first = i; } }
}
invariant zero_first: first != 1;
"""


def test_a_search_without_the_check_would_miss_a_violation() -> None:
    ts = system(ONLY_ONE)
    assert symmetry.find(ts, ["zero_first"])[0] is None
    ex = explore(ts, ["zero_first"], symmetry=True)
    assert isinstance(ex.outcomes["zero_first"], Violated)
    # the test can fail: the unchecked renaming stores only irqfd(0)'s orbit representative
    sym = symmetry.Symmetry(ts, list(ts.scalarsets), [{}])
    it = Interpreter(ts)
    packed = it.packed()
    assert packed is not None and sym.prepare(packed.layout.fields, packed.layout.bits)
    from verifier.engines import explicit
    from verifier.ir.interp import over_states

    blind = over_states(
        it,
        lambda space: explicit._explore(ts, ["zero_first"], 1000, explicit.NO_GUARD, None, None, it, space, sym=sym),
    )
    assert isinstance(blind.outcomes["zero_first"], Bounded)


def test_paths_to_the_frontier_end_at_the_stored_states() -> None:
    """A search cut short hands its last level on (to random walks): each state's path, made
    concrete, must replay to that very state, not just to one of its renamings."""
    ts = system(IRQFDS)
    ex = explore(ts, ["one_owner"], max_states=300, symmetry=True)
    assert not ex.complete and ex.frontier and ex.path_to is not None and ex.symmetric == ("fd_t",)
    it = Interpreter(ts)
    for s in ex.frontier[:40]:
        path = ex.path_to(s)
        assert len(path) == ex.depth
        assert it.replay(path)[-1] == s

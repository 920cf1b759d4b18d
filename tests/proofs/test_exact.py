"""The generalisations of exact strengthening (verifier/engines/exact.py) keep every lemma true.

A blocked state's cube is widened to a box, and a box's variables may become a projection lemma;
both are read off the reachable states, so on random columns (random "reachable sets") a widened
box must still match no state and contain the cube, and the combinations must be exactly those
the states have.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from strategies import fixed_settings

from verifier.engines.exact import Reachable, block, combinations, widen
from verifier.ir.model import Sort, TransitionSystem, Var

VARS = 4


def _reachable(rows: list[tuple[int, ...]]) -> Reachable:
    """Columns for `rows` (values 0..3 of int variables 0..3 of a stand-in system)."""
    ts = TransitionSystem(
        spec="t",
        variant="v",
        vars=tuple(Var(f"x{i}", Sort("int", 0, 3)) for i in range(VARS)),
        init=(0,) * VARS,
        threads=(),
        actions=(),
        invariants=(),
        temporals=(),
        checks=(),
    )
    cols: list[np.ndarray | None] = [np.array([r[i] for r in rows], dtype=np.uint8) for i in range(VARS)]
    return Reachable(ts, len(rows), cols, [0] * VARS, {})


rows_st = st.lists(st.tuples(*[st.integers(0, 3)] * VARS), min_size=1, max_size=40, unique=True)


@fixed_settings(200)
@given(rows_st, st.tuples(*[st.integers(0, 3)] * VARS))
def test_a_widened_box_contains_the_cube_and_matches_no_state(rows: list[tuple[int, ...]], s: tuple[int, ...]) -> None:
    r = _reachable(rows)
    cube = block(r, s)
    if s in rows:
        assert cube is None
        return
    assert cube is not None
    box = widen(r, cube)
    assert [i for i, _ in box] == [i for i, _ in cube]
    for (i, v), (_, vs) in zip(cube, box, strict=True):
        assert v in vs
        assert set(vs) <= {row[i] for row in rows} | {v}
    assert not any(all(row[i] in vs for i, vs in box) for row in rows)


@fixed_settings(200)
@given(rows_st, st.sets(st.integers(0, VARS - 1), min_size=1))
def test_combinations_are_the_projection_of_the_states(rows: list[tuple[int, ...]], over: set[int]) -> None:
    r = _reachable(rows)
    cols = sorted(over)
    found = combinations(r, cols)
    assert found is not None
    assert sorted(found) == sorted({tuple(row[i] for i in cols) for row in rows})
    if len(found) > 1:
        assert combinations(r, cols, limit=len(found) - 1) is None

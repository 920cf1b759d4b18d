"""The bundled specs' `eventual_deassert`: with one irqfd (--set NFD=1) the product search covers
every state and must match each expectation; with the bundled two, random walks with region
searches find the lassos of the violated variants, and each re-checks and replays; the pipeline
renders a lasso with its loop in text, JSON and ITF."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from support import prelude_parsed_once

from verifier.engines.liveness import _path, check_lasso, explore_liveness, walk_liveness
from verifier.engines.portfolio import Budget
from verifier.ir.lower import lower
from verifier.pipeline import Request, check_spec, verify
from verifier.render.machine import cell_json, itf
from verifier.render.text import render_result
from verifier.result import Violated

SPECS = ["spec/resampler_mutex.irq", "spec/oadn_v9.irq", "spec/oadn_irqlock.irq"]


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


@pytest.mark.parametrize("path", SPECS)
def test_one_irqfd_exhaustively_meets_the_expectations(path: str) -> None:
    spec = check_spec(path, {"NFD": 1})
    expected = {e.variant: e.verdict for e in spec.expectations if e.property == "eventual_deassert"}
    for v in spec.variants:
        ts = lower(spec, v.name)
        ex = explore_liveness(ts, "eventual_deassert", 100_000)
        assert ex.complete
        assert not ex.warnings
        violated = isinstance(ex.outcome, Violated)
        assert ("violated" if violated else "holds") == expected[v.name], v.name
        if violated:
            assert check_lasso(ts, "eventual_deassert", ex.outcome.trace) is None  # type: ignore[union-attr]


@pytest.mark.parametrize("variant", ["early_unregister", "merged_unfair_guest"])
def test_walks_find_the_resampler_lassos(variant: str) -> None:
    ts = lower(check_spec("spec/resampler_mutex.irq"), variant)
    ex = explore_liveness(ts, "eventual_deassert", 20_000)
    assert not ex.complete and ex.parent is not None
    found = walk_liveness(
        ts, "eventual_deassert", 200_000, none_up_to=ex.depth, starts=ex.frontier, path_to=lambda n: _path(ex.parent, n)
    )
    assert found is not None
    assert check_lasso(ts, "eventual_deassert", found.trace) is None


def test_pipeline_renders_a_lasso(tmp_path: object) -> None:
    budget = Budget(bound=20, timeout=20.0, max_states=20_000)
    (result,) = verify(
        ["spec/resampler_mutex.irq"],
        {},
        Request(("early_unregister",), ("eventual_deassert",), budget, jobs=1),
    )
    (cell,) = result.cells  # type: ignore[union-attr]
    assert cell.verdict == "violated" and cell.met
    assert cell.trace is not None and cell.trace.loop is not None
    text = render_result(result)  # type: ignore[arg-type]
    assert "-- loop starts here" in text and "repeat for ever" in text
    doc = cell_json(cell)
    assert doc["trace"]["loop"] == cell.trace.loop
    ts = lower(result.spec, "early_unregister")  # type: ignore[union-attr]
    assert json.loads(json.dumps(itf(cell.trace, ts)))["loop"] == cell.trace.loop

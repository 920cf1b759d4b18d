"""Vacuity warnings reach the text matrix and the JSON; a stopping lasso is drawn with its loop."""

from __future__ import annotations

from pathlib import Path

from liveness.cases import NEVER, SERVED
from verifier.engines.portfolio import Budget
from verifier.pipeline import Request, SpecResult, verify
from verifier.render.machine import cell_json
from verifier.render.text import render_result


def run(tmp_path: Path, text: str) -> SpecResult:
    path = tmp_path / "spec.irq"
    path.write_text(text, encoding="utf-8")
    (result,) = verify([str(path)], {}, Request(budget=Budget(timeout=10.0), jobs=1))
    assert isinstance(result, SpecResult)
    return result


def test_a_trigger_never_reached_is_a_loud_warning(tmp_path: Path) -> None:
    result = run(tmp_path, NEVER)
    (cell,) = [c for c in result.cells if c.property == "never_triggered"]
    assert cell.verdict in ("holds", "proved") and cell.warnings
    assert "WARNING [default] never_triggered: vacuous: the trigger" in render_result(result)
    assert cell_json(cell)["warnings"] == list(cell.warnings)


def test_a_run_that_stops_is_drawn_as_a_loop_without_steps(tmp_path: Path) -> None:
    result = run(tmp_path, SERVED.replace("FAIRNESS", ""))
    (cell,) = [c for c in result.cells if c.property == "served"]
    assert cell.verdict == "violated" and cell.depth == 1 and cell.minimal
    assert cell.trace is not None and cell.trace.loop == 1
    text = render_result(result)
    assert "-- loop: the last state repeats for ever (no step)" in text
    assert "only threads that are not fair can: device, handler" in " ".join(text.split())  # wrapped
    assert cell_json(cell)["trace"]["loop"] == 1

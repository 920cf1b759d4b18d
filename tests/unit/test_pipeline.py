"""verifier/pipeline.py: the stages chained, the state size, recursion turned into a diagnostic."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.diagnostics import SpecError
from verifier.pipeline import check_spec, guarded, summarize

SPEC = """
var a: 0..3;
var s: set<bool>;
pool P[2] { f: bool; }
thread t(k: bool) {
  local x: 0..7 = 1;
  skip;
}
"""


def test_check_spec_reads_the_file_or_takes_the_text(tmp_path: Path) -> None:
    path = tmp_path / "s.irq"
    path.write_text(SPEC, encoding="utf-8")
    from_file = check_spec(str(path))
    from_text = check_spec("elsewhere.irq", text=SPEC)
    assert from_file.globals == from_text.globals
    assert (from_file.path, from_text.path) == (str(path), "elsewhere.irq")


def test_check_spec_applies_overrides() -> None:
    spec = check_spec("o.irq", {"N": 3}, text="const N = 1;\nthread t(i: 0..N) { skip; }\n")
    assert len(spec.instances) == 4


def test_state_size_counts_shared_state_pools_locals_and_program_counters() -> None:
    spec = check_spec("s.irq", text=SPEC)
    summary = summarize(spec)
    own = {"a", "s"}
    prelude_bits = summary.shared_bits - (2 + 2 + 2 * (1 + 1))
    assert prelude_bits >= 0
    assert {g.name for g in spec.globals} >= own
    # per instance: x needs 3 bits; 2 statements + start + end = 4 program counters need 2 bits
    assert summary.thread_bits == 2 * (3 + 2)
    without_prelude = summarize(check_spec("s.irq", text=SPEC.replace("pool P[2] { f: bool; }", "")))
    assert summary.shared_bits - without_prelude.shared_bits == 2 * (1 + 1)


def test_guarded_turns_a_stack_overflow_into_irq007() -> None:
    def overflow() -> None:
        raise RecursionError

    with pytest.raises(SpecError) as info:
        guarded(overflow)
    (d,) = info.value.diagnostics
    assert (d.code, d.span) == ("IRQ007", None)


def test_guarded_passes_results_and_other_errors_through() -> None:
    assert guarded(lambda: 42) == 42
    with pytest.raises(ValueError):
        guarded(lambda: int("x"))


COVERAGE_SPEC = """
var x: 0..3;
var go: bool;
invariant small: x <= 2;
thread a() {
  x = 1;
  if x == 3 {
    go = true;
  }
}
thread b() {
  await go;
  x = 2;
}
"""


def test_statements_no_run_reaches_are_listed_with_their_line(tmp_path: Path) -> None:
    from verifier.pipeline import Request, verify
    from verifier.render.machine import cell_json
    from verifier.render.text import render_matrix

    path = tmp_path / "cov.irq"
    path.write_text(COVERAGE_SPEC, encoding="utf-8")
    (result,) = verify([str(path)], {}, Request(properties=("small",), jobs=1))
    u = result.unreached["default"]
    assert u.complete
    lines = {loc.rsplit(":", 1)[1]: (stmt, threads) for loc, stmt, threads in u.statements}
    # `go = true` (line 8) never runs, so b's await (line 12) never passes, nor does line 13 run
    assert set(lines) == {"8", "12", "13"}, lines
    assert lines["8"] == ("go = true;", ("a",))
    assert "NOT REACHED in any run" in render_matrix(result)
    assert cell_json(result.cells[0], u)["unreached"]["statements"][0]["location"].endswith(":8")


def test_a_run_with_no_safety_property_lists_no_statement_as_unreached(tmp_path: Path) -> None:
    from verifier.pipeline import Request, verify
    from verifier.render.text import render_matrix

    path = tmp_path / "cov.irq"
    path.write_text(COVERAGE_SPEC.replace("thread a()", "fair thread a()") + "property done: true ~> x >= 1;\n")
    (result,) = verify([str(path)], {}, Request(properties=("done",), jobs=1))
    assert [c.property for c in result.cells] == ["done"]
    assert "default" not in result.unreached  # no safety search ran, so none can say what it missed
    assert "NOT REACHED" not in render_matrix(result)

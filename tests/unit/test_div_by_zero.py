"""Division and remainder by zero are `out_of_range` faults like any other: the counterexample
leads to the dividing statement, names it, and says why; the statement counts as reached."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import ROOT, run_bounded

SHARED = """\
var n: 0..2;
var r: 0..2;

thread t {
  n = 1;
  n = 0;
}

thread u {
  local d: 0..2 = n;
  r = 2 / d;
}
"""

FIRST_STEP = """\
var r: 0..2;

thread u {
  local d: 0..2 = 0;
  r = 2 % d;
}
"""


@pytest.mark.parametrize(
    ("text", "stmt", "depth"), [(SHARED, "r = 2 / d;", 1), (FIRST_STEP, "r = 2 % d;", 0)], ids=["shared", "first"]
)
def test_the_trace_ends_at_the_division(tmp_path: Path, text: str, stmt: str, depth: int) -> None:
    path = tmp_path / "div.irq"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  {stmt}") + 1
    r = run_bounded([str(path), "-j", "1"], cwd=ROOT, seconds=120)
    assert "Traceback" not in r.stderr and r.returncode == 4, r.stderr + r.stdout
    out = " ".join(r.stdout.split())
    assert f"out_of_range VIOLATED at {depth}" in out, r.stdout
    assert f"=> out_of_range: u is about to run `{stmt}` ({path}:{line})" in out, r.stdout
    assert "divided by zero" in out, r.stdout
    assert f"in u L{line}" in out, r.stdout
    assert not any("NOT REACHED" in x and stmt in x for x in r.stdout.splitlines()), r.stdout

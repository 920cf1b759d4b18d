"""The default run decides: it explores until settled, gives every property the same search
whatever the spec expects, and gives the same answers on an idle or a loaded machine.

Budgets count work (states, pairs, steps, solver and BDD work), so the verdicts, depths and
traces of two runs with the same options are identical, even when one of them runs beside
processes that keep both cores busy; the outer guard (`--timeout`) is the only clock, and what it
cuts is UNKNOWN (timeout), never a result that looks normal.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from verifier.engines.explicit import explore
from verifier.engines.portfolio import Budget
from verifier.engines.preempt import preemption_bounded
from verifier.engines.work import Guard
from verifier.ir.lower import lower
from verifier.pipeline import Request, SpecResult, check_spec, verify

ROOT = Path(__file__).resolve().parents[2]
SPECS = sorted((ROOT / "spec").glob("*.irq"))

# small enough for the test suite, large enough that every engine of the default policy runs on
# the bundled irqfd specs (exhaustive search stops short, preemption bounding, walks and proofs go on)
SMALL = Budget(
    max_states=20_000, hunt_states=40_000, walk_steps=20_000, proof_work=2.0, settled_work=1.0, timeout=900.0
)

DEEP = """
// A bug 113 steps deep: a producer counts to 110 one shared step at a time, a watcher
// trips once it sees 110, a third thread toggles a flag meanwhile.
var n: 0..120;
var tripped: bool;
var flag: bool;
thread producer() {
  while n < 110 {
    n = n + 1;
  }
}
thread watcher() {
  await n >= 110;
  tripped = true;
}
thread toggler() {
  while true {
    flag = !flag;
  }
}
invariant never_tripped: !tripped;
"""


def _cells(results: list[SpecResult | object]) -> dict[tuple[str, str, str], tuple[str, int, object]]:
    out = {}
    for r in results:
        assert isinstance(r, SpecResult), r
        for c in r.cells:
            # a location names the spec's file, which differs between the two runs; its line does not
            trace = None if c.trace is None else tuple((s.thread, Path(s.location).name, s.text) for s in c.trace.steps)
            out[(Path(c.spec).name, c.variant, c.property)] = (c.verdict, c.depth, trace)
    return out


def test_every_verdict_is_the_same_without_the_specs_expect_lines(tmp_path: Path) -> None:
    stripped = []
    for spec in SPECS:
        text = spec.read_text()
        # every expect statement blanked out, its newlines kept so that line numbers stay the same
        without = re.sub(r"(?m)^[ \t]*expect\b[^;]*;", lambda m: "\n" * m.group(0).count("\n"), text)
        assert without.count("\n") == text.count("\n")
        assert without != text, f"{spec.name} has no expect line to strip"
        path = tmp_path / spec.name
        path.write_text(without)
        stripped.append(str(path))
    request = Request(budget=SMALL, jobs=2)
    with_expect = _cells(verify([str(s) for s in SPECS], {}, request))
    without_expect = _cells(verify(stripped, {}, request))
    assert with_expect.keys() == without_expect.keys()
    for key, got in with_expect.items():
        assert without_expect[key] == got, f"{key}: with expect lines {got[:2]}, without {without_expect[key][:2]}"


def test_a_bug_113_steps_deep_is_found_at_default_settings(tmp_path: Path) -> None:
    path = tmp_path / "deep.irq"
    path.write_text(DEEP)
    (result,) = verify([str(path)], {}, Request(jobs=1))
    assert isinstance(result, SpecResult)
    cell = next(c for c in result.cells if c.property == "never_tripped")
    assert cell.verdict == "violated" and cell.minimal, cell
    assert cell.depth >= 100
    assert cell.trace is not None and len(cell.trace.steps) == cell.depth


def test_a_small_model_is_settled_for_every_property_at_default_settings() -> None:
    (result,) = verify([str(ROOT / "spec" / "flag_mutex.irq")], {}, Request(jobs=1))
    assert isinstance(result, SpecResult)
    for c in result.cells:
        assert c.verdict in ("violated", "proved") or c.detail.startswith("all "), (c.variant, c.property, c.detail)


@contextmanager
def _cpu_hogs(n: int = 2) -> Iterator[None]:
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]
    try:
        yield
    finally:
        for h in hogs:
            h.kill()
            h.wait()


def _json_run(args: list[str]) -> list[dict[str, object]]:
    cmd = [sys.executable, "-m", "verifier", *args, "--format", "json", "-j", "1"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=1800, check=False)
    assert done.returncode in (0, 4), done.stderr
    cells = [c for s in json.loads(done.stdout)["specs"] for c in s["cells"]]
    for c in cells:  # what may differ between runs: the time taken
        c.pop("seconds", None)
    return cells


def test_the_same_answers_on_an_idle_and_a_loaded_machine() -> None:
    args = [
        "spec/oadn_v9.irq",
        "--max-states",
        "20000",
        "--hunt-states",
        "40000",
        "--walk-steps",
        "20000",
        "--proof-work",
        "3",
    ]
    idle = _json_run(args)
    with _cpu_hogs(2):
        loaded = _json_run(args)
    assert idle == loaded


@pytest.mark.parametrize("engine", ["explicit", "preemption-bounded"])
def test_the_guard_ends_a_search_on_time(engine: str) -> None:
    spec = check_spec(str(ROOT / "spec" / "resampler_mutex.irq"))
    ts = lower(spec, "merged")
    props = ["no_lost_interrupt", "deadlock"]
    start = time.monotonic()
    guard = Guard.after(3.0)
    if engine == "explicit":
        ex = explore(ts, props, 10**9, guard)
        assert not ex.complete and ex.stopped == "timeout"
    else:
        hunt = preemption_bounded(ts, props, None, 10**9, guard)
        assert hunt.timed_out
    assert time.monotonic() - start < 3.0 * 1.1 + 2.0


def test_a_run_cut_by_the_timeout_says_unknown_timeout() -> None:
    start = time.monotonic()
    cmd = [sys.executable, "-m", "verifier", "spec/resampler_mutex.irq", "-V", "merged", "-p", "no_lost_interrupt"]
    done = subprocess.run(
        [*cmd, "--timeout", "5", "--format", "json", "-j", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "1"},
    )
    elapsed = time.monotonic() - start
    ((cell,),) = [s["cells"] for s in json.loads(done.stdout)["specs"]]
    assert cell["verdict"] == "unknown" and str(cell["detail"]).startswith("timeout"), cell
    assert done.returncode == 6
    assert elapsed < 5 * 1.1 + 2 + 5  # the guard, and the start-up of the interpreter and the spec

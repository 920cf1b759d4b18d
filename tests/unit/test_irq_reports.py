"""Reports that know CPUs and interrupt handlers: a handler's delivery and return read as such in a
trace, columns name their CPU, the deadlock report lists a handler spinning mid-body and says why
the task it interrupted cannot run (lockdep's <Interrupt> scenario), the irq_inversion ending names
the lock and both usages, and irq_inversion is a warning, not a failure, where deadlock is settled."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.ir.lower import lower
from verifier.pipeline import Budget, Cell, Request, SpecResult, verify
from verifier.render.text import events, render_result, render_trace

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "irq_inversion.irq"
BUDGET = Budget(max_states=200_000, hunt_states=500_000, walk_steps=50_000, proof_work=2)

# a task and a hard-IRQ handler of one CPU that share a spinlock; `other` puts the task elsewhere
SHARED = """
option cpu: 0..1 = 0;
variant same { cpu = 0; }
variant other { cpu = 1; }
var l: spinlock;
var x: 0..3;
thread a on cpu cpu {
  spin_lock(l);
  x += 1;
  spin_unlock(l);
}
irq handler h on cpu 0 when x < 2 {
  spin_lock(l);
  x += 1;
  spin_unlock(l);
}
"""

# a task that cannot run because the other task of its CPU holds a spinlock, which a thread on
# another CPU waits for: the wait is for the CPU, not for a lock
NON_PREEMPTIBLE = """
var l: spinlock;
var m: mutex;
thread a on cpu 0 {
  mutex_lock(m);
  spin_lock(l);
  spin_unlock(l);
  mutex_unlock(m);
}
thread b on cpu 0 {
  spin_lock(l);
  mutex_lock(m);
  mutex_unlock(m);
  spin_unlock(l);
}
"""


def run(path: Path, variants: tuple[str, ...] = (), properties: tuple[str, ...] = ()) -> SpecResult:
    (r,) = verify([str(path)], {}, Request(variants=variants, properties=properties, budget=BUDGET, jobs=1))
    assert isinstance(r, SpecResult), r
    return r


def cell(r: SpecResult, variant: str, prop: str) -> Cell:
    return next(c for c in r.cells if c.variant == variant and c.property == prop)


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process; a hang fails the test through the timeout."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "irqverify"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def bundled() -> SpecResult:
    return run(SPEC, properties=("deadlock", "irq_inversion"))


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> SpecResult:
    p = tmp_path_factory.mktemp("irq") / "shared.irq"
    p.write_text(SHARED, encoding="utf-8")
    return run(p, properties=("deadlock", "irq_inversion"))


def test_delivery_and_return_read_as_such(bundled: SpecResult) -> None:
    c = cell(bundled, "plain", "deadlock")
    assert c.trace is not None
    ts = lower(bundled.spec, "plain")
    delivered = [s for s in c.trace.steps if s.handler == "deliver"]
    assert delivered, "the deadlock needs the interrupt"
    for s in delivered:
        assert s.text == ">>> rx_irq (hard IRQ on CPU 0)"
        assert s.interrupts == ("reader",)
        # the flag is stated by the text, not listed; the replay still has it
        assert not any(ch.var.startswith("hardirq_running[") for ch in s.shown)
        assert any(ch.var == "hardirq_running[rx_irq]" for ch in s.changes)
        assert ts.threads[ts.actions[s.action].thread].context == "hardirq"
    text = render_trace(c.trace)
    assert "hardirq_running" not in text.split("=> ")[0]
    head = next(line for line in text.splitlines() if "reader" in line and "rx_irq" in line)
    assert "reader (cpu 0)" in head and "rx_irq (irq, cpu 0)" in head
    row = next(line for line in text.splitlines() if ">>> rx_irq" in line)
    assert "interrupted" in row.split(">>>")[0], row  # the task's column shows it
    assert all(len(line) <= 80 for line in text.splitlines()), text


def test_a_return_reads_as_such(shared: SpecResult) -> None:
    """Over every counterexample: a step is a delivery or a return exactly when it sets or clears
    its handler's running flag, and its text says which."""
    for c in shared.cells:
        if c.trace is None:
            continue
        for s in c.trace.steps:
            flag = next((ch for ch in s.changes if ch.var == f"hardirq_running[{s.thread}]"), None)
            want = "" if flag is None else ("deliver" if flag.after == "true" else "return")
            assert s.handler == want, (c.property, s.index, s.text)
            if want == "return":
                assert s.text == f"<<< {s.thread} returns"
        evs = events(c.trace)
        assert [i for e in evs for i in range(e.first, e.last + 1)] == [s.index for s in c.trace.steps]


def test_deadlock_report_lists_the_spinning_handler(bundled: SpecResult) -> None:
    c = cell(bundled, "plain", "deadlock")
    assert c.trace is not None
    assert "rx_irq (hard IRQ on CPU 0)" in c.trace.final  # blocked, although a daemon
    report = c.trace.report
    assert "DEADLOCK: inconsistent lock state" in report
    assert "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage." in report
    assert "blocked: reader, rx_irq (hard IRQ, CPU 0)" in report
    assert "rx_irq (hard IRQ, CPU 0) spins on lock stats_lock:" in report
    assert "held by reader, which took it at step 1:" in report
    assert "reader cannot run: rx_irq interrupted it on CPU 0" in report
    assert "wait-for cycle: reader -> CPU 0 -> rx_irq -> stats_lock -> reader" in report
    table = report[report.index("the scenario that happened:") :].splitlines()
    body = [line.strip() for line in table if line.strip()]
    assert body[1:7] == ["CPU0", "----", "lock(stats_lock);", "<Interrupt>", "lock(stats_lock);", "*** DEADLOCK ***"]
    assert all(len(line) <= 80 for line in report.splitlines())


def test_a_task_behind_a_non_preemptible_task(tmp_path: Path) -> None:
    p = tmp_path / "np.irq"
    p.write_text(NON_PREEMPTIBLE, encoding="utf-8")
    r = run(p, properties=("deadlock",))
    c = cell(r, "default", "deadlock")
    assert c.verdict == "violated" and c.trace is not None
    report = " ".join(c.trace.report.split())
    assert "cannot be switched away from" in report, report
    assert "cannot run: b, a task of CPU 0, holds spinlock l" in report, report
    assert "<Interrupt>" not in report


def test_irq_inversion_ending_names_the_lock_and_both_usages(bundled: SpecResult) -> None:
    for variant in ("plain", "other_cpu"):
        c = cell(bundled, variant, "irq_inversion")
        assert c.verdict == "violated" and c.trace is not None
        report = c.trace.report
        assert "WARNING: inconsistent lock state" in report
        assert "reader takes lock stats_lock with hard IRQs enabled {HARDIRQ-ON-W}:" in report
        assert "spec/irq_inversion.irq:32: spin_lock(stats_lock);" in report
        assert "rx_irq (hard IRQ, CPU 0) takes it in the interrupt {IN-HARDIRQ-W}:" in report
        assert "spec/irq_inversion.irq:41: spin_lock(stats_lock);" in report
        assert "rx_irq L41 › spin_lock" in report  # the handler's call chain
        body = [line.strip() for line in report.splitlines() if line.strip()]
        k = body.index("CPU0")
        assert body[k : k + 6] == [
            "CPU0",
            "----",
            "lock(stats_lock);",
            "<Interrupt>",
            "lock(stats_lock);",
            "*** DEADLOCK ***",
        ]


def test_warning_where_deadlock_is_settled_failure_where_not(bundled: SpecResult, shared: SpecResult) -> None:
    """Differential: irq_inversion is a warning exactly in the variants whose deadlock is settled."""
    for r in (bundled, shared):
        for c in r.cells:
            if c.property != "irq_inversion":
                continue
            dl = cell(r, c.variant, "deadlock")
            settled = dl.verdict == "proved" or (dl.verdict == "holds" and dl.detail.startswith("all "))
            assert c.lockdep_warning == (c.verdict == "violated" and settled), (c.variant, dl.verdict)
    assert cell(bundled, "other_cpu", "irq_inversion").lockdep_warning
    assert not cell(bundled, "plain", "irq_inversion").lockdep_warning
    text = render_result(bundled)
    assert any(line.split()[:3] == ["irq_inversion", "WARNING", "at"] for line in text.splitlines()), text


def test_exit_status_and_machine_formats(tmp_path: Path) -> None:
    spec = tmp_path / "s.irq"
    spec.write_text(SHARED, encoding="utf-8")
    other = cli(str(spec), "-V", "other", "--format", "json")
    assert other.returncode == 0, other.stderr
    cells = {c["property"]: c for c in json.loads(other.stdout)["specs"][0]["cells"]}
    assert cells["deadlock"]["verdict"] in ("proved", "holds")
    assert cells["irq_inversion"]["verdict"] == "violated"
    assert cells["irq_inversion"]["severity"] == "warning"
    same = cli(str(spec), "-V", "same", "--format", "json")
    assert same.returncode == 4, same.stderr
    cells = {c["property"]: c for c in json.loads(same.stdout)["specs"][0]["cells"]}
    assert cells["irq_inversion"]["severity"] == "error"
    assert cli(str(spec), "-V", "other", "-p", "irq_inversion").returncode == 4  # deadlock not checked

    sarif = cli(str(spec), "-V", "other", "--format", "sarif")
    assert sarif.returncode == 0, sarif.stderr
    levels = {r["ruleId"]: r["level"] for r in json.loads(sarif.stdout)["runs"][0]["results"]}
    assert levels["irq_inversion"] == "warning"
    sarif = cli(str(spec), "-V", "same", "--format", "sarif")
    levels = {r["ruleId"]: r["level"] for r in json.loads(sarif.stdout)["runs"][0]["results"]}
    assert levels["irq_inversion"] == "error"


def test_json_validates_against_the_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    spec = tmp_path / "s.irq"
    spec.write_text(SHARED, encoding="utf-8")
    out = cli(str(spec), "--format", "json")
    schema = json.loads((ROOT / "docs" / "irqverify-result.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(out.stdout), schema)


def test_junit_does_not_count_the_warning(tmp_path: Path) -> None:
    spec = tmp_path / "s.irq"
    spec.write_text(SHARED, encoding="utf-8")
    report = tmp_path / "junit.xml"
    out = cli(str(spec), "-V", "other", "--junit", str(report))
    assert out.returncode == 0, out.stderr
    xml = report.read_text(encoding="utf-8")
    assert 'failures="0"' in xml
    assert "WARNING: irq_inversion violated" in xml

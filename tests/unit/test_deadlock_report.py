"""The lockdep-style report of deadlock and double_lock counterexamples: each blocked thread, what it
waits for, who holds that and where it was taken (with the call chain), the wait-for cycle and the
scenario table. Specs run through the real pipeline; the report is checked against the trace it
explains (who took which lock at which step), not against a snapshot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import run_bounded

from verifier.engines.portfolio import Budget
from verifier.ir.lower import lower
from verifier.pipeline import Cell, Request, SpecResult, verify
from verifier.render.deadlock import WIDTH, lockdep_report
from verifier.render.trace import TraceView

ROOT = Path(__file__).resolve().parents[2]
ABBA = ROOT / "spec" / "abba_deadlock.irq"
BUDGET = Budget(max_states=20_000, hunt_states=0, walk_steps=0, proof_work=1)
HANG = 300  # seconds: a CLI run past this is hung, not slow

RECURSIVE = """\
// user(0) holds l, then a() calls b() calls c(), which takes l again.
var l: spinlock;
var n: 0..3;

proc c() {
  spin_lock(l);
  n += 1;
  spin_unlock(l);
}

proc b() {
  c();
}

proc a() {
  b();
}

thread user(k: 0..0) {
  spin_lock(l);
  a();
  spin_unlock(l);
}
"""

STOPPED_UAF = """\
// owner takes l, then touches a freed object and stops holding l; waiter blocks on l.
pool obj[1] {
  val: 0..1;
}
var l: mutex;
var p: obj?;

thread owner {
  local o = alloc(obj);
  p = o;
  free(o);
  mutex_lock(l);
  p.val = 1;
  mutex_unlock(l);
}

thread waiter {
  await p != none;
  mutex_lock(l);
  mutex_unlock(l);
}
"""

STOPPED_ASSERT = """\
// owner takes l, fails an assertion and stops holding it; waiter blocks on l.
var l: spinlock;
var x: 0..1;

thread owner {
  spin_lock(l);
  assert x == 1;
  spin_unlock(l);
}

thread waiter {
  spin_lock(l);
  spin_unlock(l);
}
"""

RCU_SELF = """\
// synchronize_rcu inside the caller's own read-side section; reader waits for a flag nobody sets.
var ready: bool;

thread updater {
  rcu_read_lock();
  synchronize_rcu();
  rcu_read_unlock();
}

thread reader {
  await ready;
}
"""

RCU_CYCLE = """\
// updater waits for a grace period holding m; the reader it waits for blocks on m.
var m: mutex;

thread updater {
  mutex_lock(m);
  synchronize_rcu();
  mutex_unlock(m);
}

thread reader {
  rcu_read_lock();
  mutex_lock(m);
  mutex_unlock(m);
  rcu_read_unlock();
}
"""

AWAIT = """\
// t waits on a condition of two variables that never becomes true.
var flag: bool;
var level: 0..3 = 1;

thread t {
  await flag && level > 2;
  level = 0;
}
"""

WORK = """\
// flusher holds m and flushes w; w's handler, running in the worker, blocks on m.
var m: mutex;
var w: work_struct;

proc handler() {
  mutex_lock(m);
  mutex_unlock(m);
}

daemon thread worker {
  loop {
    run_work(w, handler);
  }
}

thread flusher {
  mutex_lock(m);
  schedule_work(w);
  flush_work(w);
  mutex_unlock(m);
}
"""


def run(path: Path, prop: str, variant: str | None = None) -> tuple[SpecResult, Cell]:
    """The violated cell of `prop` in `path`, decided and replayed by the real pipeline."""
    request = Request(variants=(variant,) if variant else (), properties=(prop,), budget=BUDGET, jobs=1)
    (result,) = verify([str(path)], {}, request)
    assert isinstance(result, SpecResult), result
    assert not result.errors, result.errors
    cell = next(c for c in result.cells if c.property == prop)
    assert cell.verdict == "violated" and cell.trace is not None, cell
    return result, cell


def spec_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def report_of(result: SpecResult, cell: Cell) -> str:
    """The report `replay` attached, checked to be what lockdep_report says of the same trace."""
    view = cell.trace
    assert view is not None
    ts = lower(result.spec, cell.variant)
    actions = tuple(s.action for s in view.steps)
    direct = lockdep_report(ts, view.states, actions, cell.property)
    assert view.report == direct
    assert direct, "no report"
    for line in direct.splitlines():
        # only the spec's own path, never split, may push a line past the width (tests' paths are long)
        assert len(line.replace(result.spec.path, "spec.irq")) <= WIDTH, line
    return direct


def flat(text: str) -> str:
    """`text` with its whitespace runs made single spaces: the report wraps long lines at spaces."""
    return " ".join(text.split())


def line_of(path: Path, needle: str, nth: int = 0) -> int:
    """The 1-based line of the nth occurrence of `needle` in the file."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[nth]


def scenario(report: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The scenario table: its column headers, and its rows as (thread, cell) in order."""
    lines = report.splitlines()
    dash = next(i for i, line in enumerate(lines) if line.strip().startswith("----") and "-" * 10 not in line)
    header = lines[dash - 1]
    starts = [m.start() for m in re.finditer(r"\S+", header)]
    names = header.split()
    rows = []
    for line in lines[dash + 1 :]:
        if "*** DEADLOCK ***" in line:
            break
        if not line.strip():
            continue
        col = len(line) - len(line.lstrip())
        assert col in starts, (line, starts)
        rows.append((names[starts.index(col)], line.strip()))
    return names, rows


def owner_steps(view: TraceView, lock: str) -> list[tuple[int, str]]:
    """(step, thread) for every step that gave `lock` an owner, from the trace itself."""
    return [
        (s.index, s.thread) for s in view.steps for ch in s.changes if ch.var == f"{lock}.owner" and ch.after != "none"
    ]


def test_abba_names_both_locks_holders_sites_cycle_and_scenario() -> None:
    result, cell = run(ABBA, "deadlock", "abba")
    report = report_of(result, cell)
    view = cell.trace
    assert view is not None
    assert flat("circular locking dependency") in flat(report)
    assert flat("DEADLOCK") in flat(report) and flat("possible") not in flat(report)
    assert flat("no thread can step; blocked: transfer(0), transfer(1)") in flat(report)
    (a_step, a_holder), (b_step, b_holder) = owner_steps(view, "a")[-1], owner_steps(view, "b")[-1]
    assert {a_holder, b_holder} == {"transfer(0)", "transfer(1)"}
    waiter_of = {"a": b_holder, "b": a_holder}
    a_site = f"{ABBA}:{line_of(ABBA, 'mutex_lock(a);', 0 if a_holder == 'transfer(0)' else 1)}"
    b_site = f"{ABBA}:{line_of(ABBA, 'mutex_lock(b);', 0 if b_holder == 'transfer(0)' else 1)}"
    for lock, holder, step, site in (("a", a_holder, a_step, a_site), ("b", b_holder, b_step, b_site)):
        assert flat(f"{waiter_of[lock]} is blocked trying to acquire lock {lock}:") in flat(report)
        assert flat(f"but lock {lock} is held by {holder}, which took it at step {step}:") in flat(report)
        assert flat(f"  at {site}: mutex_lock({lock});") in flat(report)
    # the blocked attempts, at the lines the waiters stand on
    assert flat(f"at {ABBA}:{line_of(ABBA, 'mutex_lock(b);', 0)}: mutex_lock(b);") in flat(report)
    assert flat(f"at {ABBA}:{line_of(ABBA, 'mutex_lock(a);', 1)}: mutex_lock(a);") in flat(report)
    held_by = {"a": a_holder, "b": b_holder}
    wanted = next(x for x in "ab" if held_by[x] != "transfer(0)")  # the cycle starts at the least thread
    back = "b" if wanted == "a" else "a"
    cycle = f"transfer(0) -> {wanted} -> {held_by[wanted]} -> {back} -> transfer(0)"
    assert flat(f"wait-for cycle: {cycle}") in flat(report)
    names, rows = scenario(report)
    assert names == ["transfer(0)", "transfer(1)"]
    # each holder's acquisition precedes its own blocked attempt; acquisitions are in trace order
    takes = sorted([(a_step, a_holder, "lock(a);"), (b_step, b_holder, "lock(b);")])
    held = [r for r in rows if r in {(t, x) for _, t, x in takes}]
    assert held == [(t, x) for _, t, x in takes]
    assert sorted(rows) == sorted(
        [(a_holder, "lock(a);"), (a_holder, "lock(b);"), (b_holder, "lock(b);"), (b_holder, "lock(a);")]
    )
    assert rows.index((a_holder, "lock(a);")) < rows.index((a_holder, "lock(b);"))
    assert rows.index((b_holder, "lock(b);")) < rows.index((b_holder, "lock(a);"))
    # a blocked attempt comes after the holder took the lock
    assert rows.index((a_holder, "lock(a);")) < rows.index((b_holder, "lock(a);"))
    assert rows.index((b_holder, "lock(b);")) < rows.index((a_holder, "lock(b);"))
    assert report.rstrip().endswith("*** DEADLOCK ***")


@pytest.mark.parametrize("prop", ["double_lock", "deadlock"])
def test_recursive_spinlock_three_calls_deep(tmp_path: Path, prop: str) -> None:
    path = spec_file(tmp_path, "recursive.irq", RECURSIVE)
    result, cell = run(path, prop)
    report = report_of(result, cell)
    assert flat("recursive locking detected") in flat(report)
    assert flat("possible") not in flat(report)
    first, second = line_of(path, "spin_lock(l);", 1), line_of(path, "spin_lock(l);", 0)
    call_a, call_b, call_c = line_of(path, "  a();"), line_of(path, "  b();"), line_of(path, "  c();")
    # the second, blocked acquisition with its whole call chain, and the first, successful one
    assert flat(f"at {path}:{second}: spin_lock(l);") in flat(report)
    assert flat(f"user(0) L{call_a} › a L{call_b} › b L{call_c} › c L{second} › spin_lock") in flat(report)
    assert flat(f"at {path}:{first}: spin_lock(l);") in flat(report)
    assert flat(f"user(0) L{first} › spin_lock") in flat(report)
    assert flat(report).index(flat(f":{second}: spin_lock(l);")) < flat(report).index(flat(f":{first}: spin_lock(l);"))
    taken = owner_steps(cell.trace, "l")  # type: ignore[arg-type]
    assert taken and flat(f"at step {taken[-1][0]}:") in flat(report)
    if prop == "deadlock":
        assert flat("DEADLOCK: recursive locking detected") in flat(report)
        assert flat("user(0) is blocked trying to acquire lock l:") in flat(report)
        assert flat("but user(0) already holds lock l") in flat(report)
        assert flat("wait-for cycle: user(0) -> l -> user(0)") in flat(report)
    else:
        assert flat("user(0) is about to acquire lock l, which it already holds:") in flat(report)
    names, rows = scenario(report)
    assert names == ["user(0)"]
    assert rows == [("user(0)", "lock(l);"), ("user(0)", "lock(l);")]


@pytest.mark.parametrize(
    ("text", "check", "line_text"),
    [(STOPPED_UAF, "use_after_free", "p.val = 1;"), (STOPPED_ASSERT, "assertion", "assert x == 1;")],
)
def test_a_thread_stopped_holding_a_lock_is_not_a_deadlock(
    tmp_path: Path, text: str, check: str, line_text: str
) -> None:
    """The waiter left blocked by a thread that a failing check stopped is that check's consequence
    (3.3): the check is violated there, deadlock holds, and the final state has no deadlock report."""
    path = spec_file(tmp_path, "stopped.irq", text)
    result, cell = run(path, check)
    assert cell.trace is not None and cell.trace.report == ""
    ts = lower(result.spec, cell.variant)
    actions = tuple(s.action for s in cell.trace.steps)
    assert lockdep_report(ts, cell.trace.states, actions, "deadlock") == ""
    request = Request(properties=("deadlock",), budget=BUDGET, jobs=1)
    (again,) = verify([str(path)], {}, request)
    assert isinstance(again, SpecResult), again
    (dead,) = [c for c in again.cells if c.property == "deadlock"]
    assert dead.verdict in ("holds", "proved"), dead


def test_synchronize_rcu_inside_its_own_read_section(tmp_path: Path) -> None:
    path = spec_file(tmp_path, "rcu_self.irq", RCU_SELF)
    result, cell = run(path, "deadlock")
    report = report_of(result, cell)
    assert flat("DEADLOCK: illegal synchronize_rcu() in RCU read-side critical section") in flat(report)
    assert flat("updater is blocked in synchronize_rcu(), waiting for an RCU grace period:") in flat(report)
    assert flat(f"at {path}:{line_of(path, 'synchronize_rcu();')}: synchronize_rcu();") in flat(report)
    assert flat("which waits for itself, an RCU reader whose read-side section began at step 1:") in flat(report)
    assert flat(f"at {path}:{line_of(path, 'rcu_read_lock();')}: rcu_read_lock();") in flat(report)
    assert flat("wait-for cycle: updater -> RCU grace period -> updater") in flat(report)
    assert flat("reader is blocked waiting until ready holds:") in flat(report)


def test_synchronize_rcu_waiting_for_a_blocked_reader(tmp_path: Path) -> None:
    path = spec_file(tmp_path, "rcu_cycle.irq", RCU_CYCLE)
    result, cell = run(path, "deadlock")
    report = report_of(result, cell)
    assert flat("DEADLOCK: circular locking dependency detected") in flat(report)
    assert flat("which waits for reader, an RCU reader whose read-side section began") in flat(report)
    assert flat("reader is blocked trying to acquire lock m:") in flat(report)
    assert flat("but lock m is held by updater") in flat(report)
    assert flat("wait-for cycle: updater -> RCU grace period -> reader -> m -> updater") in flat(report)
    _, rows = scenario(report)
    assert ("reader", "rcu_read_lock();") in rows and ("updater", "synchronize_rcu();") in rows
    assert rows.index(("updater", "lock(m);")) < rows.index(("updater", "synchronize_rcu();"))


def test_wait_on_an_await_condition(tmp_path: Path) -> None:
    path = spec_file(tmp_path, "await.irq", AWAIT)
    result, cell = run(path, "deadlock")
    report = report_of(result, cell)
    assert flat("DEADLOCK: no thread can step") in flat(report)
    assert flat("t is blocked waiting until flag && level > 2 holds:") in flat(report)
    assert flat(f"at {path}:{line_of(path, 'await flag')}: await flag && level > 2;") in flat(report)
    assert flat("where flag = false, level = 1") in flat(report)
    assert flat("acquire lock") not in flat(report) and flat("wait-for cycle") not in flat(report)
    _, rows = scenario(report)
    assert rows == [("t", "await flag && level > 2;")]


def test_flush_work_waiting_for_a_worker_blocked_on_the_flushers_lock(tmp_path: Path) -> None:
    path = spec_file(tmp_path, "work.irq", WORK)
    result, cell = run(path, "deadlock")
    report = report_of(result, cell)
    assert flat("DEADLOCK: circular locking dependency detected") in flat(report)
    assert flat("flusher is blocked in flush_work(w), waiting for work item w:") in flat(report)
    assert flat("which is running in worker; it started at step") in flat(report)
    assert flat(f"worker L{line_of(path, 'run_work(w')} › run_work ") in flat(report)
    assert flat(f"handler L{line_of(path, 'mutex_lock(m);')} › mutex_lock") in flat(report)
    assert flat("wait-for cycle: worker -> m -> flusher -> work w -> worker") in flat(report)
    assert flat("blocked: worker (daemon), flusher") in flat(report)


def test_nothing_to_explain(tmp_path: Path) -> None:
    """Other properties, and a final state that is not a deadlock, have no report."""
    path = spec_file(tmp_path, "stopped.irq", STOPPED_UAF)
    result, cell = run(path, "use_after_free")
    assert cell.trace is not None and cell.trace.report == ""
    ts = lower(result.spec, cell.variant)
    assert lockdep_report(ts, (ts.init,), (), "deadlock") == ""
    assert lockdep_report(ts, (ts.init,), (), "double_lock") == ""
    assert lockdep_report(ts, (), (), "deadlock") == ""


def test_cli_prints_the_report() -> None:
    """The text output ends the counterexample with the report (after its `=>` line)."""
    small = ["--max-states", "20000", "--hunt-states", "0", "--walk-steps", "0", "--proof-work", "1", "-j", "1"]
    r = run_bounded(["verify", str(ABBA), "--variant", "abba", "--property", "deadlock", *small], seconds=HANG)
    assert "Traceback" not in r.stderr and r.returncode == 0, r.stderr
    assert "DEADLOCK: circular locking dependency detected" in r.stdout, r.stdout
    assert r.stdout.index("=> deadlock") < r.stdout.index("DEADLOCK: circular locking dependency detected")
    assert "wait-for cycle: transfer(0) -> b -> transfer(1) -> a -> transfer(0)" in r.stdout

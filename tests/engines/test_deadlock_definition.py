"""One definition of deadlock, the same in every engine (docs/language.md 3.3).

A deadlock is a state in which no action is enabled, no thread at all (daemon or not, task or
handler) is stopped in front of a failing check or at a false `assume`, and some non-daemon
thread is not done. A thread stopped by a failing check while it holds a lock or is inside an
RCU read section leaves the others waiting, but that is the check's consequence, not a second
bug: the check is VIOLATED there and `deadlock` is not.

The fixed specs are decided by the explicit search, BMC, the BDD engine and the command line; the
generated ones compare the explicit search and BMC with an oracle that evaluates the definition
on every reachable state from the interpreter's primitives (actions at a pc, guards, faults).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from strategies import fixed_settings, specs
from support import ROOT, prelude_parsed_once, run_bounded

from engines.harness import assert_outcome, checked, system, systems
from verifier.engines.bmc import bmc
from verifier.engines.explicit import explore
from verifier.engines.symbolic import symbolic_reach
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter, State, evaluate
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Proved, Unknown, Violated
from verifier.symbolic.encode import SymbolicSystem

STOPPED_IN_LOCK = """\
// a frees its object, then touches it holding l: stopped by use_after_free; b waits for l.
pool conn[1] {
  open: bool;
}

var l: spinlock;

thread a {
  local c = alloc(conn);
  free(c);
  spin_lock(l);
  c.open = true;
  spin_unlock(l);
}

thread b {
  spin_lock(l);
  spin_unlock(l);
}
"""

ASSERT_IN_LOCK = """\
// a fails an assertion holding l; b waits for l.
var l: spinlock;
var x: bool;

thread a {
  spin_lock(l);
  assert x;
  spin_unlock(l);
}

thread b {
  spin_lock(l);
  spin_unlock(l);
}
"""

STOPPED_IN_RCU = """\
// a fails an assertion inside an RCU read section; b waits for the grace period.
var x: bool;

thread a {
  rcu_read_lock();
  assert x;
  rcu_read_unlock();
}

thread b {
  synchronize_rcu();
}
"""

UAF_IN_RCU = """\
// a touches a freed object inside an RCU read section; b waits for the grace period.
pool conn[1] {
  open: bool;
}

thread a {
  local c = alloc(conn);
  free(c);
  rcu_read_lock();
  c.open = true;
  rcu_read_unlock();
}

thread b {
  synchronize_rcu();
}
"""

CASES = [
    pytest.param(STOPPED_IN_LOCK, "use_after_free", id="uaf-in-spinlock"),
    pytest.param(ASSERT_IN_LOCK, "assertion", id="assert-in-spinlock"),
    pytest.param(STOPPED_IN_RCU, "assertion", id="assert-in-rcu"),
    pytest.param(UAF_IN_RCU, "use_after_free", id="uaf-in-rcu"),
]

STATE_BUDGET = 5_000
CAP = 10
EXAMPLES = 25


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def oracle(it: Interpreter, s: State) -> bool:
    """The definition of 3.3, evaluated directly: no action of any thread enabled; no fault and no
    false `assume` in front of any thread (daemons and handlers included); a non-daemon thread
    not at its end."""
    ts = it.ts
    here = [ai for t in ts.threads for ai in it.actions_at(s, t.tid)]
    if any(
        evaluate(ts.actions[ai].guard, s) and not any(evaluate(c, s) for _, c in ts.actions[ai].faults) for ai in here
    ):
        return False
    if any(evaluate(c, s) for ai in here for _, c in ts.actions[ai].faults):
        return False
    if any(evaluate(ts.actions[ai].assume_fails, s) for ai in here):
        return False
    return any(not t.daemon and int(s[t.pc]) != t.end for t in ts.threads)


def old_definition(it: Interpreter, s: State) -> bool:
    """What ran before: only the stopped thread itself was exempt, the others counted as blocked."""
    return not it.next_states(s) and any(
        not t.daemon and int(s[t.pc]) != t.end and it.halted(s, t.tid) is None for t in it.ts.threads
    )


def reachable(ts: TransitionSystem) -> dict[State, int]:
    depth, complete = Interpreter(ts).reachable(STATE_BUDGET)
    assert complete
    return depth


# ---- a thread stopped by a check inside a lock or an RCU section -------------------------------


@pytest.mark.parametrize(("text", "check"), CASES)
def test_the_state_exists_and_is_not_a_deadlock(text: str, check: str) -> None:
    """Some reachable state has the stopped thread and the waiting one (what the old definition
    called a deadlock); the interpreter, the BDD encoding and the oracle all say it is none."""
    ts = system(text)
    it = Interpreter(ts)
    sy = SymbolicSystem(ts)
    dead = sy.bad("deadlock")
    depth = reachable(ts)
    cut = [s for s in depth if old_definition(it, s)]
    assert cut, "the spec no longer reaches a thread stopped while another waits"
    for s in cut:
        assert any(c == check for c, _, _ in it.faults(s))
        assert not it.deadlocked(s) and not it.stuck(s) and not oracle(it, s)
        assert sy.state(s) & dead == sy.false


@pytest.mark.parametrize(("text", "check"), CASES)
def test_explicit_search(text: str, check: str) -> None:
    ts = system(text)
    result = explore(ts, ["deadlock", check], max_states=STATE_BUDGET)
    assert result.complete
    assert isinstance(result.outcomes["deadlock"], Bounded), result.outcomes["deadlock"]
    assert isinstance(result.outcomes[check], Violated), result.outcomes[check]


@pytest.mark.parametrize(("text", "check"), CASES)
def test_bmc(text: str, check: str) -> None:
    ts = system(text)
    diameter = max(reachable(ts).values())
    for mode in ("bv", "int"):
        outcome = bmc(ts, "deadlock", diameter + 1, Meter(600), mode)
        assert isinstance(outcome, Bounded) and outcome.depth == diameter + 1, (mode, outcome)
        assert isinstance(bmc(ts, check, diameter + 1, Meter(600), mode), Violated)


@pytest.mark.parametrize(("text", "check"), CASES)
def test_bdd_engine(text: str, check: str) -> None:
    ts = system(text)
    outcomes = symbolic_reach(ts, ["deadlock", check], Meter(60))
    assert isinstance(outcomes["deadlock"], Proved), outcomes["deadlock"]
    assert isinstance(outcomes[check], Unknown), outcomes[check]  # violated: symbolic leaves it to search


@pytest.mark.parametrize(("text", "check"), CASES)
def test_command_line(tmp_path: Path, text: str, check: str) -> None:
    path = tmp_path / "stopped.irq"
    path.write_text(text, encoding="utf-8")
    r = run_bounded([str(path), "-p", "deadlock", "-p", check, "-j", "1"], cwd=ROOT, seconds=120)
    assert "Traceback" not in r.stderr, r.stderr
    rows = {
        line.split()[0]: line.split()[1]
        for line in r.stdout.splitlines()
        if line.startswith("  ") and len(line.split()) > 1
    }
    assert rows.get("deadlock") in ("PROVED", "HOLDS"), r.stdout
    assert rows.get(check) == "VIOLATED", r.stdout
    assert "DEADLOCK" not in r.stdout and "deadlock violated" not in r.stdout, r.stdout


# ---- generated specs: explicit search and BMC against the oracle -------------------------------


def _against_the_oracle(ts: TransitionSystem, context: str) -> None:
    it = Interpreter(ts)
    depth = reachable(ts)
    sy = SymbolicSystem(ts)
    dead_bdd = sy.bad("deadlock")
    first: int | None = None
    for s, d in depth.items():  # breadth-first order
        want = oracle(it, s)
        assert it.deadlocked(s) == want, f"{context}: interpreter says {not want} at {s}"
        assert (sy.state(s) & dead_bdd != sy.false) == want, f"{context}: BDD says {not want} at {s}"
        if want and first is None:
            first = d
    result = explore(ts, ["deadlock"], max_states=len(depth) + 1)
    outcome = result.outcomes["deadlock"]
    if first is None:
        assert result.complete, context
        assert isinstance(outcome, Bounded), f"{context} [explicit]: expected no deadlock, got {outcome}"
    else:
        assert isinstance(outcome, Violated) and outcome.depth == first, f"{context} [explicit]: {outcome}"
        last = it.replay(list(outcome.trace.actions))[-1]
        assert oracle(it, last), f"{context} [explicit]: the trace does not end in a deadlock"
    bound = first if first is not None and first <= CAP else min(max(depth.values()) + 1, CAP)
    want_depth = first if first is not None and first <= CAP else None
    outcome = bmc(ts, "deadlock", bound, Meter(600), "bv")
    assert_outcome(ts, "deadlock", outcome, bound, want_depth, f"{context} [bmc]")
    if isinstance(outcome, Violated):
        assert oracle(it, it.replay(list(outcome.trace.actions))[-1]), f"{context} [bmc]: not a deadlock"


def test_generated_specs_agree_with_the_oracle() -> None:
    @fixed_settings(EXAMPLES, shrink=False)
    @given(specs())
    def check(text: str) -> None:
        for ts in systems(checked(text)):
            _against_the_oracle(ts, f"generated spec\n{text}\nvariant {ts.variant}")

    check()

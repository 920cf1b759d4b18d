"""CPUs and interrupt handlers: engines against each other, the scheduler against a hand-written
schedule, and hand-picked cases that pin the semantics.

1. For random specs with CPUs and handlers (tests/strategies_cpu.py), exhaustive search on the
   reference interpreter, the explicit engine and BMC agree on every safety property, at the same
   depth, and every counterexample replays on the interpreter (tests/engines/harness.py).
2. Each random spec comes with a twin written without CPUs and handlers: handlers as daemon
   threads and every step gated by hand, from the scheduling rules of the language reference.
   The explicit engine must give both the same verdicts, and both must reach the same states once
   program counters and the twin's ghost variables are projected away. Depths differ: the twin
   writes each prelude call out step by step, and the lowerer folds a prelude assert into the
   step after it.
3. Hand-picked specs, each with the reason for its verdicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor

import pytest
from hypothesis import given
from strategies import fixed_settings
from strategies_cpu import CpuSpec, Thread, cpu_specs, lock_unit, render, simple, unlock_unit
from support import prelude_parsed_once

from engines.harness import compare_bmc, compare_explicit, reference, safety_properties, system
from verifier.engines.explicit import explore
from verifier.ir.interp import Interpreter
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Violated

CAP = 12  # deepest BMC bound for the generated specs
STATE_BUDGET = 60_000  # the generated specs (their hand-scheduled twins with ghosts too) stay well below this


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def violated(ts: TransitionSystem) -> set[str]:
    """The safety properties the explicit engine finds violated (every one decided: the
    search must finish)."""
    props = safety_properties(ts)
    result = explore(ts, props, max_states=STATE_BUDGET)
    assert result.complete, "the explicit engine did not finish"
    for p in props:
        assert isinstance(result.outcomes[p], Violated | Bounded), f"{p}: {result.outcomes[p]}"
    return {p for p in props if isinstance(result.outcomes[p], Violated)}


def projected_states(ts: TransitionSystem, names: list[str]) -> set[tuple[object, ...]]:
    """Every reachable state, restricted to the variables `names`."""
    depth, complete = Interpreter(ts).reachable(STATE_BUDGET)
    assert complete, f"more than {STATE_BUDGET} states"
    index = [ts.var_index(n) for n in names]
    return {tuple(s[i] for i in index) for s in depth}


def hangs(ts: TransitionSystem) -> bool:
    """Does the hand-scheduled twin reach a state where nothing can step and a handler is in the
    middle of its body? Its handlers are daemon loops, so `deadlock` does not count them; with
    CPUs, a handler stopped mid-body is blocked (docs/language.md 3.3), and that is a deadlock."""
    it = Interpreter(ts)
    states, complete = it.reachable(STATE_BUDGET)
    assert complete, f"more than {STATE_BUDGET} states"
    tid = {t.name: t.tid for t in ts.threads}
    running = [
        (i, tid[v.name.split("[", 1)[1].rstrip("]")])
        for i, v in enumerate(ts.vars)
        if v.name.startswith(("hardirq_running[", "softirq_running[")) and v.name.split("[", 1)[1].rstrip("]") in tid
    ]
    return any(not it.next_states(s) and any(s[i] and it.halted(s, t) is None for i, t in running) for s in states)


# ---- 1. engines against each other ---------------------------------------------------------


@pytest.mark.parametrize(("por", "examples"), [(False, 20), (True, 5)], ids=["por0", "por1"])
def test_bmc_and_explicit_agree_on_cpu_specs(por: bool, examples: int, pool: Executor) -> None:
    @fixed_settings(examples, shrink=False)
    @given(cpu_specs())
    def check(spec: CpuSpec) -> None:
        ts = system(spec.cpu_text)
        ref = reference(ts, STATE_BUDGET)
        assert ref is not None, f"the strategy made a spec with more than {STATE_BUDGET} states:\n{spec.cpu_text}"
        context = f"generated spec\n{spec.cpu_text}\n"
        compare_bmc(ts, ref, "bv", por, CAP, context, pool)
        if not por:
            compare_explicit(ts, ref, context)

    check()


# ---- 2. the scheduler against a hand-written schedule --------------------------------------


def test_cpu_form_matches_hand_scheduled_form() -> None:
    @fixed_settings(100, shrink=False)
    @given(cpu_specs())
    def check(spec: CpuSpec) -> None:
        cpu, twin = system(spec.cpu_text), system(spec.oracle_text)
        where = f"\n--- with CPUs\n{spec.cpu_text}\n--- hand-scheduled\n{spec.oracle_text}"
        twin_violated = violated(twin)
        if "deadlock" not in twin_violated and hangs(twin):
            twin_violated.add("deadlock")
        assert violated(cpu) == twin_violated, where
        twin_names = {v.name for v in twin.vars}
        shared = [v.name for v in cpu.vars if v.name in twin_names and not v.name.endswith(".pc")]
        assert "lk.owner" in shared and "hardirq_running[h0]" in shared, where
        a, b = projected_states(cpu, shared), projected_states(twin, shared)
        assert a == b, f"{len(a - b)} states only with CPUs, {len(b - a)} only hand-scheduled{where}"

    check()


def test_twin_comparison_catches_a_wrong_gate() -> None:
    """The comparison above can fail: the twin of a task that holds a lock with interrupts off,
    with the hard-IRQ gate removed (the interrupt arrives whenever), reaches states the scheduler
    never does, while the twin as generated reaches exactly the scheduler's."""
    threads = [
        Thread(
            "t0",
            "task",
            0,
            units=[lock_unit("spin_lock_irqsave", "lk"), simple("x = 1;"), unlock_unit("spin_unlock_irqrestore", "lk")],
        ),
        Thread("h0", "hardirq", 0, "d0 < 1", [simple("d0 += 1;"), simple("b = true;"), simple("b = false;")]),
    ]
    spec = render(threads, mutex=False, invariant="!(b && lk.owner != none)")
    broken = spec.oracle_text.replace("(gate_hard(1))", "(true)")
    assert broken != spec.oracle_text
    cpu, twin, wrong = system(spec.cpu_text), system(spec.oracle_text), system(broken)
    names = [v.name for v in cpu.vars if not v.name.endswith(".pc")]
    assert projected_states(cpu, names) == projected_states(twin, names)
    assert projected_states(cpu, names) < projected_states(wrong, names)
    assert "inv0" not in violated(cpu) and "inv0" not in violated(twin) and "inv0" in violated(wrong)


# ---- 3. hand-picked cases --------------------------------------------------------------------

HEADER = """
var lk: spinlock;
var mx: mutex;
var b: bool;
var x: 0..1;
var d0: 0..2;
var d1: 0..2;
check mine "the case's own assertion";
"""

# (case id, spec body, checks violated, checks that hold), with the reason in a comment.
CASES: list[tuple[str, str, set[str], set[str]]] = [
    # A hard IRQ arrives while the task on its CPU holds a plain spinlock (interrupts on); the
    # handler spins on the lock, and the task cannot run again until the handler returns.
    (
        "hardirq_preempts_plain_spinlock",
        """
thread t0 on cpu 0 { spin_lock(lk); x = 1; spin_unlock(lk); }
irq handler h0 on cpu 0 when d0 < 1 { d0 += 1; spin_lock(lk); spin_unlock(lk); }
""",
        {"deadlock", "irq_inversion"},
        {"double_lock", "sleep_in_irq"},
    ),
    # spin_lock_irqsave keeps the interrupt away while the lock is held: no deadlock, no warning.
    (
        "irqsave_keeps_hardirq_out",
        """
thread t0 on cpu 0 { spin_lock_irqsave(lk); x = 1; spin_unlock_irqrestore(lk); }
irq handler h0 on cpu 0 when d0 < 1 { d0 += 1; spin_lock(lk); spin_unlock(lk); }
""",
        set(),
        {"deadlock", "irq_inversion", "irq_unbalanced"},
    ),
    # The same with spin_lock_irq / spin_unlock_irq.
    (
        "spin_lock_irq_keeps_hardirq_out",
        """
thread t0 on cpu 0 { spin_lock_irq(lk); x = 1; spin_unlock_irq(lk); }
irq handler h0 on cpu 0 when d0 < 1 { d0 += 1; spin_lock(lk); spin_unlock(lk); }
""",
        set(),
        {"deadlock", "irq_inversion"},
    ),
    # A softirq does not run inside spin_lock_bh (bottom halves off): the handler never sees the
    # task's x = 1, and a softirq handler that takes the lock cannot deadlock with it.
    (
        "softirq_not_inside_spin_lock_bh",
        """
thread t0 on cpu 0 { spin_lock_bh(lk); x = 1; x = 0; spin_unlock_bh(lk); }
softirq handler s0 on cpu 0 when d0 < 1 { d0 += 1; assert[mine] x == 0; }
softirq handler s1 on cpu 0 when d1 < 1 { d1 += 1; spin_lock(lk); spin_unlock(lk); }
""",
        set(),
        {"mine", "deadlock", "irq_inversion"},
    ),
    # ... but it does run inside plain spin_lock (only preemption is off): it sees x = 1, the
    # handler spins on the lock the task holds, and lockdep warns.
    (
        "softirq_inside_spin_lock",
        """
thread t0 on cpu 0 { spin_lock(lk); x = 1; x = 0; spin_unlock(lk); }
softirq handler s0 on cpu 0 when d0 < 1 { d0 += 1; assert[mine] x == 0; }
softirq handler s1 on cpu 0 when d1 < 1 { d1 += 1; spin_lock(lk); spin_unlock(lk); }
""",
        {"mine", "deadlock", "irq_inversion"},
        {"double_lock"},
    ),
    # A hard IRQ preempts a running softirq handler of its CPU ...
    (
        "hardirq_preempts_softirq",
        """
softirq handler s0 on cpu 0 when d0 < 1 { d0 += 1; x = 1; x = 0; }
irq handler h0 on cpu 0 when d1 < 1 { d1 += 1; assert[mine] x == 0; }
""",
        {"mine"},
        {"deadlock", "assertion"},
    ),
    # ... but a softirq never preempts a hard IRQ handler: it never sees the handler's x = 1.
    (
        "softirq_does_not_preempt_hardirq",
        """
irq handler h0 on cpu 0 when d0 < 1 { d0 += 1; x = 1; x = 0; }
softirq handler s0 on cpu 0 when d1 < 2 { d1 += 1; assert[mine] x == 0; }
""",
        set(),
        {"mine", "deadlock"},
    ),
    # Two tasks on one CPU: the holder of a spinlock cannot be switched away from, so the other
    # task never sees x = 1 (the holder resets it before unlocking) ...
    (
        "spinlock_holder_not_switched_away",
        """
thread t0 on cpu 0 { spin_lock(lk); x = 1; x = 0; spin_unlock(lk); }
thread t1 on cpu 0 { assert[mine] x == 0; }
""",
        set(),
        {"mine", "deadlock"},
    ),
    # ... a mutex holder can be (a mutex does not disable preemption) ...
    (
        "mutex_holder_switched_away",
        """
thread t0 on cpu 0 { mutex_lock(mx); x = 1; x = 0; mutex_unlock(mx); }
thread t1 on cpu 0 { assert[mine] x == 0; }
""",
        {"mine"},
        {"deadlock", "sleep_in_atomic"},
    ),
    # ... and on two CPUs the spinlock does not keep the other task out either.
    (
        "spinlock_holder_on_other_cpu",
        """
thread t0 on cpu 0 { spin_lock(lk); x = 1; x = 0; spin_unlock(lk); }
thread t1 on cpu 1 { assert[mine] x == 0; }
""",
        {"mine"},
        {"deadlock"},
    ),
    # Sleeping in a handler is sleep_in_irq (not sleep_in_atomic): mutex_lock in a hard IRQ ...
    (
        "mutex_in_hardirq",
        """
thread t0 on cpu 1 { x = 1; }
irq handler h0 on cpu 0 when d0 < 1 { d0 += 1; mutex_lock(mx); mutex_unlock(mx); }
""",
        {"sleep_in_irq"},
        {"sleep_in_atomic", "deadlock"},
    ),
    # ... synchronize_rcu in a softirq.
    (
        "synchronize_rcu_in_softirq",
        """
thread t0 on cpu 1 { x = 1; }
softirq handler s0 on cpu 0 when d0 < 1 { d0 += 1; synchronize_rcu(); }
""",
        {"sleep_in_irq"},
        {"sleep_in_atomic", "deadlock"},
    ),
    # might_sleep with interrupts off in a task is sleep_in_atomic.
    (
        "might_sleep_irqs_off",
        """
thread t0 on cpu 0 { local_irq_save(); might_sleep(); local_irq_restore(); }
irq handler h0 on cpu 0 when d0 < 1 { d0 += 1; }
""",
        {"sleep_in_atomic"},
        {"sleep_in_irq", "irq_unbalanced", "deadlock"},
    ),
    # The context predicates: plain asserts, so a wrong value is an `assertion` violation.
    (
        "context_predicates",
        """
thread t0 on cpu 0 {
  assert !in_irq() && !in_interrupt() && !irqs_disabled() && !in_softirq() && !in_atomic();
  local_bh_disable();
  assert in_softirq() && in_interrupt() && !in_serving_softirq() && !in_irq() && in_atomic();
  local_bh_enable();
  local_irq_save();
  assert irqs_disabled() && !in_irq() && !in_interrupt() && in_atomic();
  local_irq_restore();
}
irq handler h0 on cpu 0 when d0 < 1 {
  d0 += 1;
  assert in_irq() && in_interrupt() && irqs_disabled() && in_atomic() && !in_serving_softirq();
}
softirq handler s0 on cpu 0 when d1 < 1 {
  d1 += 1;
  assert !in_irq() && in_serving_softirq() && in_softirq() && in_interrupt() && !irqs_disabled();
}
""",
        set(),
        {"assertion", "deadlock", "irq_unbalanced"},
    ),
    # The asserts above are live: a task is not in hard-IRQ context.
    (
        "context_predicates_can_fail",
        """
thread t0 on cpu 0 { assert[mine] in_irq(); }
irq handler h0 on cpu 0 when d0 < 1 { d0 += 1; assert in_irq(); }
""",
        {"mine"},
        {"assertion"},
    ),
    # lockdep's warning is about the lock, not the CPUs of this model: with the task on another
    # CPU the handler only waits for it, so there is no deadlock, yet irq_inversion is reported.
    (
        "irq_inversion_other_cpu",
        """
thread t0 on cpu 1 { spin_lock(lk); x = 1; spin_unlock(lk); }
irq handler h0 on cpu 0 when d0 < 2 { d0 += 1; spin_lock(lk); spin_unlock(lk); }
""",
        {"irq_inversion"},
        {"deadlock"},
    ),
    # A lock that only a softirq handler takes: spin_lock_bh in the task is enough, and so is
    # taking it with interrupts off; plain spin_lock is the inversion.
    (
        "softirq_lock_taken_with_bh_off",
        """
thread t0 on cpu 1 { spin_lock_bh(lk); spin_unlock_bh(lk); spin_lock_irqsave(lk); spin_unlock_irqrestore(lk); }
softirq handler s0 on cpu 0 when d0 < 1 { d0 += 1; spin_lock(lk); spin_unlock(lk); }
""",
        set(),
        {"irq_inversion", "deadlock"},
    ),
    (
        "softirq_lock_taken_with_plain_spin_lock",
        """
thread t0 on cpu 1 { spin_lock(lk); spin_unlock(lk); }
softirq handler s0 on cpu 0 when d0 < 1 { d0 += 1; spin_lock(lk); spin_unlock(lk); }
""",
        {"irq_inversion"},
        {"deadlock"},
    ),
    # A softirq handler taking a hard IRQ's lock must keep hard IRQs off; bottom halves off do
    # not help.
    (
        "softirq_takes_hardirq_lock",
        """
softirq handler s0 on cpu 1 when d0 < 1 { d0 += 1; spin_lock_bh(lk); spin_unlock_bh(lk); }
irq handler h0 on cpu 0 when d1 < 1 { d1 += 1; spin_lock(lk); spin_unlock(lk); }
""",
        {"irq_inversion"},
        {"deadlock"},
    ),
    # A hard IRQ is not delivered while the task of its CPU has interrupts off, even with no lock.
    (
        "local_irq_save_keeps_hardirq_out",
        """
thread t0 on cpu 0 { local_irq_save(); x = 1; x = 0; local_irq_restore(); }
irq handler h0 on cpu 0 when d0 < 1 { d0 += 1; assert[mine] x == 0; }
""",
        set(),
        {"mine", "deadlock"},
    ),
]


@pytest.mark.parametrize(("body", "bad", "good"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_pinned_semantics(body: str, bad: set[str], good: set[str]) -> None:
    ts = system(HEADER + body)
    found = violated(ts)
    assert bad <= found, f"expected violated: {sorted(bad - found)}"
    assert not (good & found), f"expected to hold: {sorted(good & found)}"


def test_handler_spinning_on_a_lock_its_cpu_holds_is_a_deadlock() -> None:
    """A softirq handler holds a lock with plain spin_lock; a hard IRQ on the same CPU preempts it
    and spins on the lock. Neither can ever run again: the CPU is hung, with no task involved.
    (A task on another CPU that finishes does not change that.)"""
    body = """
thread t0 on cpu 1 { skip; }
softirq handler s0 on cpu 0 when d0 < 1 { d0 += 1; spin_lock(lk); spin_unlock(lk); }
irq handler h0 on cpu 0 when d1 < 1 { d1 += 1; spin_lock(lk); spin_unlock(lk); }
"""
    found = violated(system(HEADER + body))
    assert "irq_inversion" in found
    assert "deadlock" in found

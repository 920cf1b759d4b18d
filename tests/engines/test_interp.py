"""The reference semantics on tiny specs: steps, blocking, deadlock, faults, list walks, RCU, done.

Each test states in its comment what docs/language.md (section 3) makes of the spec, derives the
shortest depth of a violation (or that there is none) from it, and checks that breadth-first search
over the interpreter finds exactly that, with the steps named; BMC and the explicit engine must
agree on the same depth (`verdict`).
"""

from __future__ import annotations

from collections import deque

import pytest

from engines.harness import system, violations
from verifier.engines.bmc import bmc
from verifier.engines.explicit import explore
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter, ReplayError, State
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Violated


def shortest(ts: TransitionSystem, prop: str) -> tuple[list[str], State] | None:
    """The steps of a shortest path to a state violating `prop` ("thread: statement", or for a step
    of an inlined proc "thread: proc()"), and that state; None if no reachable state violates it.
    Breadth first over the interpreter."""
    it = Interpreter(ts)
    parent: dict[State, tuple[State, int] | None] = {ts.init: None}
    queue = deque([ts.init])
    while queue:
        s = queue.popleft()
        if prop in violations(it, s):
            steps = []
            cur = s
            while parent[cur] is not None:
                prev, ai = parent[cur]  # type: ignore[misc]
                a = ts.actions[ai]
                what = f"{a.origin.via[0]}()" if a.origin.via else a.origin.text
                steps.append(f"{ts.threads[a.thread].name}: {what}")
                cur = prev
            return steps[::-1], s
        for step in it.successors(s):
            if step.state not in parent:
                parent[step.state] = (s, step.action)
                queue.append(step.state)
    return None


def verdict(text: str, prop: str, variant: str = "default") -> tuple[list[str], State] | None:
    """`shortest`, after checking that BMC (bit-vectors, with and without partial-order reduction)
    and the explicit engine find a violation at the same depth, or none up to 12 steps."""
    ts = system(text, variant)
    found = shortest(ts, prop)
    for por in (False, True):
        bound = len(found[0]) if found is not None else 12
        outcome = bmc(ts, prop, bound, Meter(600), mode="bv", por=por)
        if found is None:
            assert isinstance(outcome, Bounded), (prop, por, outcome)
        else:
            assert isinstance(outcome, Violated) and outcome.depth == len(found[0]), (prop, por, outcome, found)
    explicit = explore(ts, [prop]).outcomes[prop]
    if found is None:
        assert not isinstance(explicit, Violated), explicit
    else:
        assert isinstance(explicit, Violated) and explicit.depth == len(found[0]), (explicit, found)
    return found


def depth(text: str, prop: str, variant: str = "default") -> int | None:
    found = verdict(text, prop, variant)
    return None if found is None else len(found[0])


def value(text: str, state: State, name: str) -> int | bool:
    ts = system(text)
    return state[ts.var_index(name)]


FINISHED = "invariant finished: !(forall t: thread :: done(t));"


# ---- steps and atomicity (3.2) ------------------------------------------------------------------


def test_local_statements_merge_into_the_step_of_the_shared_one() -> None:
    # Only `x = a;` touches shared state: the locals before and after it run in the same step,
    # so the thread is done after one step, with x = 2.
    text = f"""
    var x: 0..3;
    thread t {{
      local a: 0..3 = 1;
      a = a + 1;
      x = a;
      local b: 0..3 = a + 1;
      a = b;
    }}
    {FINISHED}
    """
    found = verdict(text, "finished")
    assert found is not None
    steps, state = found
    assert steps == ["t: x = a;"]
    assert value(text, state, "x") == 2


def test_each_statement_that_touches_shared_state_is_a_step() -> None:
    # Three shared statements: three steps, in program order.
    text = f"""
    var x: 0..3;
    var y: 0..3;
    thread t {{ x = 1; y = x; x = 2; }}
    {FINISHED}
    """
    found = verdict(text, "finished")
    assert found is not None
    assert found[0] == ["t: x = 1;", "t: y = x;", "t: x = 2;"]


def test_lost_update_of_the_tutorial_is_found_at_depth_4() -> None:
    # docs 1.2: without the lock, both workers load 0 before either stores: 4 steps, and no
    # shorter run has both workers done.
    text = """
    var counter: 0..2;
    thread worker(id: 0..1) {
      local c: 0..2 = counter;
      counter = c + 1;
    }
    invariant no_lost_update: (forall t: thread :: done(t)) ==> counter == 2;
    """
    found = verdict(text, "no_lost_update")
    assert found is not None
    steps, state = found
    assert sorted(steps[:2]) == ["worker(0): local c: 0..2 = counter;", "worker(1): local c: 0..2 = counter;"]
    assert value(text, state, "counter") == 1


def test_the_tutorial_counter_under_a_spinlock_has_no_lost_update() -> None:
    text = """
    var counter_lock: spinlock;
    var counter: 0..2;
    thread worker(id: 0..1) {
      spin_lock(counter_lock);
      local c: 0..2 = counter;
      counter = c + 1;
      spin_unlock(counter_lock);
    }
    invariant no_lost_update: (forall t: thread :: done(t)) ==> counter == 2;
    """
    assert depth(text, "no_lost_update") is None
    assert depth(text, "deadlock") is None


def test_an_atomic_block_is_one_step() -> None:
    # Inside the block x is 1 for a moment, but that is not a state: `x != 1` holds. Without
    # `atomic`, the state after `x = 1;` is reached in one step.
    atomic = "var x: 0..3; thread t { atomic { x = 1; x = x + 1; } } invariant never_one: x != 1;"
    split = "var x: 0..3; thread t { x = 1; x = x + 1; } invariant never_one: x != 1;"
    assert depth(atomic, "never_one") is None
    assert depth(split, "never_one") == 1
    found = verdict(atomic + FINISHED, "finished")
    assert found is not None and len(found[0]) == 1


def test_an_assert_is_checked_where_its_thread_is_about_to_run_it() -> None:
    # a's assert is not a step: it is checked in every state where a stands in front of it. After
    # b's one step x is 1 and a has not moved: violated at depth 1, by b's step alone.
    text = """
    var x: 0..1;
    var y: 0..1;
    thread a { assert x == 0; y = 1; }
    thread b { x = 1; }
    """
    found = verdict(text, "assertion")
    assert found is not None
    assert found[0] == ["b: x = 1;"]


def test_an_assert_inside_an_atomic_block_sees_the_earlier_updates() -> None:
    # The block sets x, then asserts on it: `x == 1` never fails, `x == 0` fails in the initial
    # state (the thread is about to run the block, whose assert would fail).
    assert depth("var x: 0..1; thread t { atomic { x = 1; assert x == 1; } }", "assertion") is None
    assert depth("var x: 0..1; thread t { atomic { x = 1; assert x == 0; } }", "assertion") == 0


def test_a_failing_assert_stops_its_thread_and_a_failing_named_check_does_not() -> None:
    # A plain assert is BUG_ON: the thread stops in front of it, x is never set. A check declared
    # with `check` only warns: the thread goes on and sets x in its next step.
    stops = "var x: 0..1; thread t { assert false; x = 1; } invariant unset: x == 0;"
    warns = 'check mine "a warning"; var x: 0..1; thread t { assert[mine] false; x = 1; } invariant unset: x == 0;'
    assert depth(stops, "assertion") == 0
    assert depth(stops, "unset") is None
    assert depth(warns, "mine") == 0
    assert depth(warns, "unset") == 1


# ---- blocking and deadlock (3.3) ----------------------------------------------------------------


def test_await_blocks_until_its_condition_holds() -> None:
    # a can pass `await flag` only after b set the flag: b's step, a's await, a's store.
    text = """
    var flag: bool;
    var x: 0..1;
    thread a { await flag; x = 1; }
    thread b { flag = true; }
    invariant x_zero: x == 0;
    """
    found = verdict(text, "x_zero")
    assert found is not None
    assert found[0] == ["b: flag = true;", "a: await flag;", "a: x = 1;"]
    assert depth(text, "deadlock") is None


def test_a_blocked_thread_is_a_deadlock() -> None:
    assert depth("var flag: bool; thread a { await flag; }", "deadlock") == 0


def test_a_blocked_daemon_is_not_a_deadlock() -> None:
    # The server waits for work that never comes; every non-daemon thread is done.
    assert depth("var flag: bool; daemon thread server { await flag; }", "deadlock") is None
    text = """
    var flag: bool;
    daemon thread server { loop { await flag; flag = false; } }
    thread client { flag = true; }
    """
    assert depth(text, "deadlock") is None


def test_abba_with_spinlocks_deadlocks_at_depth_2() -> None:
    # docs 3.3: each thread takes its first lock (one step each), then waits for the other's.
    text = """
    var a: spinlock;
    var b: spinlock;
    thread t(k: 0..1) {
      if k == 0 { spin_lock(a); spin_lock(b); } else { spin_lock(b); spin_lock(a); }
      spin_unlock(b);
      spin_unlock(a);
    }
    """
    assert depth(text, "deadlock") == 2


def test_a_thread_stopped_by_a_failing_check_is_not_deadlocked() -> None:
    # The check is the violation; the thread is not waiting for anything.
    text = "var x: 0..1; thread a { assert x == 1; }"
    assert depth(text, "assertion") == 0
    assert depth(text, "deadlock") is None


def test_a_state_with_a_thread_stopped_by_a_failing_check_is_not_a_deadlock() -> None:
    # In the initial state a is stopped in front of its failing assert and b waits for x == 1:
    # that state is the assertion's violation, not also a deadlock (3.3), whatever b waits for.
    text = "var x: 0..1; thread a { assert x == 1; } thread b { await x == 1; }"
    assert depth(text, "assertion") == 0
    assert depth(text, "deadlock") is None
    # without the failing check, b's wait is a deadlock
    assert depth("var x: 0..1; thread a { skip; } thread b { await x == 1; }", "deadlock") is not None


def test_a_thread_stopped_at_a_false_assume_is_not_deadlocked() -> None:
    assert depth("var y: bool; thread a { assume y; }", "deadlock") is None
    assert depth("var y: bool; thread a { y = true; assume !y; }", "deadlock") is None


def test_a_thread_stopped_at_a_constant_false_assume_is_not_deadlocked() -> None:
    # docs 2.5: a thread stopped at a false `assume` is never counted as deadlocked.
    assert depth("var y: bool; thread a { assume false; }", "deadlock") is None


def test_an_atomic_block_waiting_at_await_after_a_true_assume_is_a_deadlock() -> None:
    # y holds, so the assume lets the block go on; the block waits at `await x`, and nobody sets x.
    text = "var x: bool; var y: bool = true; thread a { atomic { assume y; await x; } }"
    assert depth(text, "deadlock") == 0


def test_an_atomic_block_stopped_at_a_false_assume_before_its_await_is_not_a_deadlock() -> None:
    text = "var x: bool; var y: bool = false; thread a { atomic { assume y; await x; } }"
    assert depth(text, "deadlock") is None


def test_an_atomic_block_waiting_at_await_before_a_false_assume_is_a_deadlock() -> None:
    text = "var x: bool; var y: bool = false; thread a { atomic { await x; assume y; } }"
    assert depth(text, "deadlock") == 0


# ---- checks on data (3.4) -----------------------------------------------------------------------

POOL = "pool obj[1] { f: 0..1; }"


def test_use_after_free() -> None:
    # alloc (step 1), free (step 2); the thread then stands in front of the write to a freed object.
    found = verdict(f"{POOL} thread t {{ local a = alloc(obj); free(a); a.f = 1; }}", "use_after_free")
    assert found is not None
    assert found[0] == ["t: local a = alloc(obj);", "t: free(a);"]


def test_double_free_is_a_use_after_free() -> None:
    assert depth(f"{POOL} thread t {{ local a = alloc(obj); free(a); free(a); }}", "use_after_free") == 2


def test_null_deref() -> None:
    assert depth(f"{POOL} var p: obj?; thread t {{ p.f = 1; }}", "null_deref") == 0
    assert depth(f"{POOL} var p: obj?; thread t {{ free(p); }}", "null_deref") == 0
    # Guarded by a test of p: the access never happens through none.
    assert depth(f"{POOL} var p: obj?; thread t {{ if p != none {{ p.f = 1; }} }}", "null_deref") is None


def test_pool_exhausted() -> None:
    # One object: the first alloc takes it (step 1), the second finds none free.
    assert depth(f"{POOL} thread t {{ local a = alloc(obj); local b = alloc(obj); }}", "pool_exhausted") == 1
    assert (
        depth(f"{POOL} thread t {{ local a = alloc(obj); free(a); local b = alloc(obj); }}", "pool_exhausted") is None
    )


def test_out_of_range() -> None:
    # Storing 2 into 0..1 (after one increment); dividing by zero; an index outside the array.
    assert depth("var x: 0..1; thread t { x += 1; x += 1; }", "out_of_range") == 1
    assert depth("var x: 0..1; var y: 0..1; thread t { x = 1 / y; }", "out_of_range") == 0
    assert depth("var a: [0..1]bool; var i: 0..3 = 2; thread t { a[i] = true; }", "out_of_range") == 0
    assert depth("var x: 0..1; thread t { x = (x + 1) % 2; x = (x + 1) % 2; }", "out_of_range") is None


def test_a_fault_stops_the_thread_before_the_step() -> None:
    # The write through a freed reference is not done, and the thread never reaches `x = 1;`.
    text = f"{POOL} var x: 0..1; thread t {{ local a = alloc(obj); free(a); a.f = 1; x = 1; }} invariant unset: x == 0;"
    assert depth(text, "use_after_free") == 2
    assert depth(text, "unset") is None


# ---- list walks (2.5, prelude) ------------------------------------------------------------------

WALK = """
pool obj[2] { f: 0..1; }
var l: list<obj>;
var seen: set<obj>;
var walked: bool;
thread writer {
  local a = alloc(obj);
  list_add_rcu(l, a);
  local b = alloc(obj);
  list_add_rcu(l, b);
  DELETE
}
thread reader {
  await l.head != none;
  foreach e in l {
    seen += e;
  }
  walked = true;
}
"""


def test_an_element_added_at_the_head_after_the_walk_passed_is_not_seen() -> None:
    # Reader: await (1), read head = a (2), seen += a (3), read a's next = none (4), walked (5).
    # Writer: alloc a, add a (both before the reader reads the head), alloc b, add b (after it):
    # 4 steps. The reader ends with seen = {a} while b is on the list: 9 steps, none fewer.
    text = WALK.replace("DELETE", "") + "invariant missed: !(walked && size(seen) == 1 && size(l.members) == 2);"
    found = verdict(text, "missed")
    assert found is not None
    steps, _ = found
    assert len(steps) == 9
    adds = [i for i, step in enumerate(steps) if step == "writer: list_add_rcu()"]
    assert steps.index("reader: foreach e in l {") < adds[1]


def test_an_element_unlinked_after_the_walk_reached_it_is_still_visited() -> None:
    # The list is b -> a. Reader: await, head = b, seen += b, next of b = a (4 steps); the writer
    # unlinks a (list_del_rcu keeps a's next); the reader still visits a: seen += a, next of a =
    # none, walked (3 more). Writer: 4 steps to build the list, 1 to unlink. 12 steps in all.
    text = (
        WALK.replace("DELETE", "list_del_rcu(l, a);")
        + "invariant visited_unlinked: !(walked && size(seen) == 2 && size(l.members) == 1);"
    )
    found = verdict(text, "visited_unlinked")
    assert found is not None
    steps, _ = found
    assert len(steps) == 12
    reads = [i for i, step in enumerate(steps) if step == "reader: foreach e in l {"]
    assert reads[1] < steps.index("writer: list_del_rcu()")  # the walk had reached a
    assert depth(text, "list_corruption") is None


def test_following_the_next_pointer_of_an_element_removed_by_list_del_is_list_corruption() -> None:
    # With plain list_del, which poisons a. Shortest: the reader reads the head while the list is
    # just a (await, head = a, seen += a: 3 steps), and is about to follow a's next pointer when
    # the writer has added b and removed a (5 steps). 8 in all.
    text = WALK.replace("DELETE", "list_del(l, a);")
    found = verdict(text, "list_corruption")
    assert found is not None
    steps, _ = found
    assert len(steps) == 8
    assert (
        steps.index("reader: foreach e in l {") < [i for i, s in enumerate(steps) if s == "writer: list_add_rcu()"][1]
    )
    assert steps[-1] in ("writer: list_del()", "reader: seen += e;")


DOC_WALK = """
pool node[2] {
  key: 0..1;
}
var nodes: list<node>;
var nodes_lock: spinlock;
var found: bool;
thread writer {
  local a = alloc(node);
  spin_lock(nodes_lock);
  list_add_rcu(nodes, a);
  spin_unlock(nodes_lock);
  spin_lock(nodes_lock);
  list_del_rcu(nodes, a);
  spin_unlock(nodes_lock);
  synchronize_rcu();
  free(a);
}
thread reader {
  rcu_read_lock();
  foreach n in nodes {
    if n.key == 0 {
      found = true;
    }
  }
  rcu_read_unlock();
}
"""


def test_the_walk_example_of_the_language_reference() -> None:
    # docs 2.5, walk.irq: both checks hold.
    assert depth(DOC_WALK, "use_after_free") is None
    assert depth(DOC_WALK, "list_corruption") is None
    # With list_del: the reader takes the head (a) after the writer's alloc, lock, add (3 steps);
    # after its rcu_read_lock, head read, `if`, `found = true` (4 steps) it is about to follow a's
    # next, which the writer has poisoned by then: unlock, lock, list_del (3 more). 10 steps.
    poisoned = verdict(DOC_WALK.replace("list_del_rcu", "list_del"), "list_corruption")
    assert poisoned is not None and len(poisoned[0]) == 10
    steps = poisoned[0]
    assert steps.index("writer: list_add_rcu()") < steps.index("reader: foreach n in nodes {")
    assert steps.index("reader: foreach n in nodes {") < steps.index("writer: list_del()")
    # Without synchronize_rcu: the reader reads the head (a) between add and delete (rcu_read_lock
    # and the head: 2 steps) and is about to read a.key when the writer has freed a (alloc, lock,
    # add, unlock, lock, del, unlock, free: 8 steps). 10 steps.
    freed = verdict(DOC_WALK.replace("synchronize_rcu();", ""), "use_after_free")
    assert freed is not None and len(freed[0]) == 10
    assert freed[0][-1] == "writer: free(a);"  # the reader's head read precedes the delete


# ---- RCU (prelude) ------------------------------------------------------------------------------

RCU_READER = "thread reader { rcu_read_lock(); in_cs = true; in_cs = false; rcu_read_unlock(); }"


def test_synchronize_rcu_waits_for_a_reader_that_was_inside_when_it_began() -> None:
    # The updater starts the grace period while the reader is in its section (in_cs), so it
    # returns only after the reader left: synced and in_cs are never true together. The reader
    # stays inside until the updater has started (`started`).
    text = """
    var in_cs: bool;
    var started: bool;
    var synced: bool;
    thread updater { await in_cs; started = true; synchronize_rcu(); synced = true; }
    thread reader { rcu_read_lock(); in_cs = true; await started; in_cs = false; rcu_read_unlock(); }
    invariant no_overlap: !(synced && in_cs);
    """
    assert depth(text, "no_overlap") is None
    assert depth(text, "deadlock") is None
    # Without the grace period, the updater gets past while the reader is inside.
    assert depth(text.replace("synchronize_rcu();", ""), "no_overlap") == 5


def test_synchronize_rcu_does_not_wait_for_a_reader_that_entered_later() -> None:
    # The updater's grace period begins with no reader inside (its first step, the snapshot) and
    # ends (the wait); then synced: 3 steps. The reader enters after the snapshot (rcu_read_lock,
    # in_cs: 2 steps). A grace period that waited for it would make this unreachable.
    text = f"""
    var in_cs: bool;
    var synced: bool;
    thread updater {{ synchronize_rcu(); synced = true; }}
    {RCU_READER}
    invariant no_overlap: !(synced && in_cs);
    """
    found = verdict(text, "no_overlap")
    assert found is not None
    steps = found[0]
    assert len(steps) == 5
    assert steps.index("updater: synchronize_rcu()") < steps.index("reader: rcu_read_lock()")
    assert depth(text, "deadlock") is None


# ---- done(t) and return -------------------------------------------------------------------------


def test_done_is_true_from_a_thread_last_step_on() -> None:
    # a finishes with its second step; b waits for a finished thread, then stores 0.
    text = """
    var x: 0..2;
    thread a { x = 1; x = 2; }
    thread b { await exists t: thread :: t != self && done(t); x = 0; }
    invariant nobody_done: !(exists t: thread :: done(t));
    invariant zero_at_end: !(x == 0 && (forall t: thread :: done(t)));
    """
    found = verdict(text, "nobody_done")
    assert found is not None
    assert found[0] == ["a: x = 1;", "a: x = 2;"]
    assert value(text, found[1], "x") == 2
    assert depth(text, "zero_at_end") == 4


def test_return_ends_the_thread() -> None:
    # The branch reads x (step 2) and returns: x = 2 is never run, and the thread is done.
    text = """
    var x: 0..2;
    thread a { x = 1; if x == 1 { return; } x = 2; }
    invariant not_two: x != 2;
    invariant running: !(forall t: thread :: done(t));
    """
    assert depth(text, "not_two") is None
    assert depth(text, "running") == 2


# ---- merging must not lose behaviour ------------------------------------------------------------


def test_a_thread_blocked_after_a_shared_store_has_made_the_store() -> None:
    # The thread stores x (one step), then waits forever at `await c` (c is a false local).
    # The state with x true is reached in one step, and it is a deadlock.
    text = "var x: bool; thread t { x = true; local c: bool = false; await c; } invariant unset: !x;"
    assert depth(text, "unset") == 1
    assert depth(text, "deadlock") == 1


def test_a_local_assert_after_a_shared_store_is_checked_after_the_store() -> None:
    # The thread stores x (step 1), then is about to run `assert c` with c false: that state is
    # at depth 1 and has x true.
    text = "var x: bool; thread t { x = true; local c: bool = false; assert c; } invariant unset: !x;"
    assert depth(text, "assertion") == 1
    assert depth(text, "unset") == 1


def test_an_assume_on_a_thread_parameter_after_a_shared_store() -> None:
    # Each instance stores x, then t(1) stops at its false assume: not a deadlock.
    text = "var x: bool; thread t(k: 0..1) { x = true; assume k == 0; }"
    assert depth(text, "deadlock") is None


# ---- the interpreter's own interface ------------------------------------------------------------


def test_replay_rejects_a_step_that_is_not_enabled() -> None:
    # b's await is enabled only after a's store: replaying it first is an engine bug, not a trace.
    ts = system("var x: bool; thread a { x = true; } thread b { await x; }")
    store, wait = (next(i for i, a in enumerate(ts.actions) if ts.threads[a.thread].name == n) for n in "ab")
    assert len(Interpreter(ts).replay([store, wait])) == 3
    with pytest.raises(ReplayError):
        Interpreter(ts).replay([wait, store])


def test_interpreter_search_finds_a_violated_always_property() -> None:
    ts = system("var x: 0..2; thread t { x = 1; x = 2; } property small: always x < 2;")
    trace, _, complete = Interpreter(ts).search("small")
    assert complete and trace is not None and len(trace) == 2


def test_interpreter_search_finds_a_failing_warning() -> None:
    # mutex_lock under a spinlock: sleep_in_atomic, a warning, fails after spin_lock (1 step).
    ts = system("var lk: spinlock; var mx: mutex; thread t { spin_lock(lk); mutex_lock(mx); }")
    trace, _, complete = Interpreter(ts).search("sleep_in_atomic")
    assert complete and trace is not None and len(trace) == 1

"""The synchronisation primitives of verifier/prelude/sync.irq behave as their kernel counterparts.

Each spec below exercises one primitive and states what the kernel guarantees as invariants,
asserts and checks in its own text. Every spec is decided twice, by exhaustive breadth-first
search on the reference interpreter and by the explicit engine and BMC, which must agree with it
(tests/engines/harness.py); the test then asks which of the spec's properties are violated.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engines.harness import Reference, checked, compare_bmc, compare_explicit, reference, systems
from support import prelude_parsed_once

CAP = 12  # deepest BMC bound: the specs' interesting violations lie within it
STATE_BUDGET = 20_000


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def violated(text: str, *, bmc: bool = True) -> set[str]:
    """The safety properties the spec violates, once the engines agree on every one of them."""
    (ts,) = systems(checked(text))
    ref = reference(ts, STATE_BUDGET)
    assert ref is not None, f"more than {STATE_BUDGET} states:\n{text}"
    compare_explicit(ts, ref, text)
    if bmc:
        compare_bmc(ts, ref, "bv", False, CAP, text)
    return set(ref.shortest)


def depth(ref: Reference, prop: str) -> int:
    return ref.shortest[prop]


# ---- trylocks -------------------------------------------------------------------------------

TRYLOCK = """
var l: spinlock;
var m: mutex;
var in_l: 0..2;
var in_m: 0..2;
var ever: bool;
thread t(k: 0..1) {
  local ok: bool = false;
  @LOCK@(l, ok);
  if ok {
    in_l += 1;
    ever = true;
    @CONTEXT@
    in_l -= 1;
    @UNLOCK@(l);
  }
  mutex_trylock(m, ok);
  if ok {
    in_m += 1;
    in_m -= 1;
    mutex_trylock(m, ok);
    assert !ok;
    mutex_unlock(m);
  }
}
invariant excl_spin: in_l <= 1;
invariant excl_mutex: in_m <= 1;
invariant never_taken: !ever;
"""

TRYLOCK_FORMS = [
    ("spin_trylock", "spin_unlock", "assert preempt_count[self] == 1;"),
    ("spin_trylock_irqsave", "spin_unlock_irqrestore", "assert irqs_off[self] == 1 && preempt_count[self] == 1;"),
    ("spin_trylock_bh", "spin_unlock_bh", "assert bh_off[self] == 1 && in_softirq();"),
]


@pytest.mark.parametrize(("lock", "unlock", "context"), TRYLOCK_FORMS, ids=[f[0] for f in TRYLOCK_FORMS])
def test_trylock_excludes_never_waits_and_can_succeed(lock: str, unlock: str, context: str) -> None:
    text = TRYLOCK.replace("@LOCK@", lock).replace("@UNLOCK@", unlock).replace("@CONTEXT@", context)
    bad = violated(text)
    assert "never_taken" in bad  # a trylock of a free lock succeeds
    assert not bad & {"excl_spin", "excl_mutex", "assertion", "deadlock", "double_lock", "unlock_not_held"}


def test_spin_trylock_of_a_held_lock_fails_without_a_report() -> None:
    bad = violated(
        """
var l: spinlock;
thread t {
  local ok: bool = false;
  spin_lock(l);
  spin_trylock(l, ok);
  assert !ok;
  spin_unlock(l);
}
"""
    )
    assert not bad & {"assertion", "deadlock", "double_lock"}


# ---- rwlock_t -------------------------------------------------------------------------------

RWLOCK_EXCLUSION = """
var l: rwlock;
var nr: 0..2;
var nw: 0..2;
thread reader(k: 0..1) {
  RLOCK(l);
  nr += 1;
  nr -= 1;
  RUNLOCK(l);
}
thread writer {
  WLOCK(l);
  nw += 1;
  nw -= 1;
  WUNLOCK(l);
}
invariant excl: nw == 0 || nr == 0;
invariant one_writer: nw <= 1;
invariant readers_never_share: nr <= 1;
"""

RW_FORMS = [
    ("read_lock", "read_unlock", "write_lock", "write_unlock"),
    ("read_lock_irq", "read_unlock_irq", "write_lock_irq", "write_unlock_irq"),
    ("read_lock_irqsave", "read_unlock_irqrestore", "write_lock_irqsave", "write_unlock_irqrestore"),
    ("read_lock_bh", "read_unlock_bh", "write_lock_bh", "write_unlock_bh"),
]


@pytest.mark.parametrize("forms", RW_FORMS, ids=[f[0] for f in RW_FORMS])
def test_rwlock_readers_share_writers_exclude(forms: tuple[str, str, str, str]) -> None:
    text = RWLOCK_EXCLUSION
    for key, name in zip(("RLOCK", "RUNLOCK", "WLOCK", "WUNLOCK"), forms, strict=True):
        text = text.replace(key, name)
    bad = violated(text, bmc=forms[0] == "read_lock")
    assert "readers_never_share" in bad
    assert not bad & {"excl", "one_writer", "deadlock", "double_lock", "unlock_not_held", "irq_unbalanced"}


def test_rwlock_context_counters_balance() -> None:
    bad = violated(
        """
var l: rwlock;
thread t {
  read_lock_irqsave(l);
  assert preempt_count[self] == 1 && irqs_off[self] == 1 && in_atomic();
  read_unlock_irqrestore(l);
  write_lock_bh(l);
  assert preempt_count[self] == 1 && bh_off[self] == 1;
  write_unlock_bh(l);
  read_lock_irq(l);
  read_unlock_irq(l);
  assert preempt_count[self] == 0 && irqs_off[self] == 0 && bh_off[self] == 0;
}
"""
    )
    assert not bad & {"assertion", "out_of_range", "unlock_not_held", "deadlock"}


RECURSIVE_READ = """
var l: rwlock;
thread r {
  OUTER(l);
  read_lock(l);
  read_unlock(l);
  OUTER_UNLOCK(l);
}
WRITER
"""
WRITER = "thread w {\n  write_lock(l);\n  write_unlock(l);\n}"


def recursive_read(outer: tuple[str, str], writer: bool) -> str:
    text = RECURSIVE_READ.replace("OUTER_UNLOCK", outer[1]).replace("OUTER", outer[0])
    return text.replace("WRITER", WRITER if writer else "")


def test_rwlock_recursive_read_is_safe_without_a_writer() -> None:
    bad = violated(recursive_read(("read_lock", "read_unlock"), writer=False))
    assert not bad & {"deadlock", "double_lock", "unlock_not_held"}


def test_rwlock_recursive_read_in_process_context_deadlocks_behind_a_waiting_writer() -> None:
    # qrwlock: the second read_lock queues behind the writer, which waits for the first
    bad = violated(recursive_read(("read_lock", "read_unlock"), writer=True))
    assert "deadlock" in bad
    assert "double_lock" not in bad


def test_rwlock_recursive_read_in_interrupt_context_is_safe() -> None:
    # with bottom halves off, in_interrupt() holds: the reader ignores a waiting writer
    bad = violated(recursive_read(("read_lock_bh", "read_unlock_bh"), writer=True))
    assert not bad & {"deadlock", "double_lock"}


@pytest.mark.parametrize(
    ("first", "second", "deadlocks"),
    [("read_lock", "write_lock", True), ("write_lock", "read_lock", True), ("write_lock", "write_lock", True)],
)
def test_rwlock_upgrade_and_write_recursion_are_double_lock_and_deadlock(
    first: str, second: str, deadlocks: bool
) -> None:
    bad = violated(f"var l: rwlock;\nthread t {{\n  {first}(l);\n  {second}(l);\n}}\n")
    assert "double_lock" in bad
    assert ("deadlock" in bad) == deadlocks


def test_rwlock_trylocks() -> None:
    bad = violated(
        """
var l: rwlock;
var wrote: bool;
thread w {
  write_lock(l);
  wrote = true;
  wrote = false;
  write_unlock(l);
}
thread t {
  local ok: bool = false;
  read_trylock(l, ok);
  if ok {
    assert !wrote;
    read_unlock(l);
  }
  write_trylock(l, ok);
  if ok {
    assert !wrote;
    write_unlock(l);
  }
}
"""
    )
    assert not bad & {"assertion", "deadlock", "unlock_not_held"}


def test_rwlock_unlock_not_held() -> None:
    assert "unlock_not_held" in violated("var l: rwlock;\nthread t {\n  read_unlock(l);\n}\n")
    assert "unlock_not_held" in violated("var l: rwlock;\nthread t {\n  read_lock(l);\n  write_unlock(l);\n}\n")


# ---- rw_semaphore ---------------------------------------------------------------------------


def test_rwsem_reader_writer_reader_deadlocks() -> None:
    bad = violated(
        """
var s: rw_semaphore;
thread r {
  down_read(s);
  down_read(s);
  up_read(s);
  up_read(s);
}
thread w {
  down_write(s);
  up_write(s);
}
"""
    )
    assert {"deadlock", "double_lock"} <= bad


def test_rwsem_recursive_read_without_writer_is_reported_but_does_not_deadlock() -> None:
    bad = violated(
        "var s: rw_semaphore;\nthread r {\n  down_read(s);\n  down_read(s);\n  up_read(s);\n  up_read(s);\n}\n"
    )
    assert "double_lock" in bad  # lockdep: possible recursive locking
    assert not bad & {"deadlock", "unlock_not_held"}


def test_rwsem_exclusion_downgrade_and_trylocks() -> None:
    bad = violated(
        """
var s: rw_semaphore;
var nr: 0..2;
var nw: 0..1;
thread reader(k: 0..1) {
  down_read(s);
  nr += 1;
  nr -= 1;
  up_read(s);
}
thread writer {
  down_write(s);
  nw = 1;
  atomic {
    downgrade_write(s);
    nw = 0;
    nr += 1;
  }
  nr -= 1;
  up_read(s);
}
invariant excl: nw == 0 || nr == 0;
invariant readers_never_share: nr <= 1;
""",
        bmc=False,
    )
    assert "readers_never_share" in bad
    assert not bad & {"excl", "deadlock", "double_lock", "unlock_not_held"}


def test_rwsem_trylock_fails_while_written() -> None:
    bad = violated(
        """
var s: rw_semaphore;
var wrote: bool;
thread w {
  down_write(s);
  wrote = true;
  wrote = false;
  up_write(s);
}
thread t {
  local ok: bool = false;
  down_read_trylock(s, ok);
  if ok {
    assert !wrote;
    up_read(s);
  }
  down_write_trylock(s, ok);
  if ok {
    assert !wrote;
    up_write(s);
  }
}
"""
    )
    assert not bad & {"assertion", "deadlock", "unlock_not_held"}


def test_rwsem_sleeps() -> None:
    bad = violated("var s: rw_semaphore;\nvar l: spinlock;\nthread t {\n  spin_lock(l);\n  down_read(s);\n}\n")
    assert "sleep_in_atomic" in bad


# ---- completions ----------------------------------------------------------------------------

COMPLETION = """
var c: completion;
var data: bool;
thread waiter(k: 0..NWAIT) {
  wait_for_completion(c);
  assert data;
}
thread completer {
  data = true;
  COMPLETE(c);
}
"""


@pytest.mark.parametrize(
    ("nwait", "complete", "deadlocks"),
    [(0, "complete", False), (1, "complete", True), (1, "complete_all", False)],
)
def test_wait_for_completion_returns_after_complete(nwait: int, complete: str, deadlocks: bool) -> None:
    bad = violated(COMPLETION.replace("NWAIT", str(nwait)).replace("COMPLETE", complete))
    assert "assertion" not in bad
    assert ("deadlock" in bad) == deadlocks


def test_completion_counts_try_wait_and_reinit() -> None:
    bad = violated(
        """
var c: completion;
thread t {
  local ok: bool = false;
  complete(c);
  complete(c);
  assert completion_done(c);
  wait_for_completion(c);
  try_wait_for_completion(c, ok);
  assert ok && !completion_done(c);
  try_wait_for_completion(c, ok);
  assert !ok;
  complete_all(c);
  wait_for_completion(c);
  wait_for_completion(c);
  reinit_completion(c);
  assert !completion_done(c);
  init_completion(c);
}
"""
    )
    assert not bad & {"assertion", "deadlock", "out_of_range"}


# ---- wait queues ----------------------------------------------------------------------------

WAIT_EVENT = """
var wq: wait_queue_head;
var cond: bool;
thread waiter {
  WAIT
  assert cond;
}
thread waker {
  cond = true;
  WAKE
}
"""
IDIOM = (
    "loop {\n    prepare_to_wait(wq);\n    if cond {\n      break;\n    }\n    schedule_wq(wq);\n  }\n"
    "  finish_wait(wq);"
)
CHECK_FIRST = "if !cond {\n    prepare_to_wait(wq);\n    schedule_wq(wq);\n    finish_wait(wq);\n  }"


@pytest.mark.parametrize(
    ("wait", "wake", "lost"),
    [
        (IDIOM, "wake_up(wq);", False),
        (IDIOM, "wake_up_all(wq);", False),
        (CHECK_FIRST, "wake_up(wq);", True),  # the condition checked before prepare_to_wait
        (IDIOM, "skip;", True),  # a waker that forgets wake_up
    ],
    ids=["idiom", "idiom-all", "check-first", "no-wake"],
)
def test_wait_event_idiom_and_lost_wake_up(wait: str, wake: str, lost: bool) -> None:
    bad = violated(WAIT_EVENT.replace("WAIT", wait).replace("WAKE", wake))
    assert ("deadlock" in bad) == lost
    assert "assertion" not in bad


def test_schedule_in_atomic_context() -> None:
    bad = violated(
        "var wq: wait_queue_head;\nvar l: spinlock;\nthread t {\n  spin_lock(l);\n  prepare_to_wait(wq);\n"
        "  schedule_wq(wq);\n}\nthread w {\n  wake_up(wq);\n}\n"
    )
    assert "sleep_in_atomic" in bad


# ---- atomic_t -------------------------------------------------------------------------------

ATOMIC_INC = """
var a: atomic_t;
var zeros: 0..2;
thread t(k: 0..1) {
  BODY
}
invariant counted: (forall t: thread :: done(t)) ==> atomic_read(a) == 2;
"""


@pytest.mark.parametrize(
    ("body", "lost"),
    [
        ("atomic_inc(a);", False),
        ("atomic_add(a, 1);", False),
        ("local v: 0..ATOMIC_MAX = 0;\n  atomic_inc_return(a, v);", False),
        ("local v: 0..ATOMIC_MAX = atomic_read(a);\n  atomic_set(a, v + 1);", True),  # not atomic: lost update
    ],
    ids=["inc", "add", "inc_return", "read-set"],
)
def test_atomic_increments_are_not_lost(body: str, lost: bool) -> None:
    assert ("counted" in violated(ATOMIC_INC.replace("BODY", body))) == lost


def test_atomic_dec_and_test_cmpxchg_and_range() -> None:
    bad = violated(
        """
var a: atomic_t;
var b: atomic_t;
var zeros: 0..2;
var wins: 0..2;
var ready: bool;
thread init {
  atomic_set(a, 2);
  ready = true;
}
thread t(k: 0..1) {
  local z: bool = false;
  local ok: bool = false;
  await ready;
  atomic_dec_and_test(a, z);
  if z {
    zeros += 1;
  }
  atomic_cmpxchg(b, 0, 1, ok);
  if ok {
    wins += 1;
  }
}
invariant one_zero: (forall t: thread :: done(t)) ==> zeros == 1;
invariant one_winner: wins <= 1;
"""
    )
    assert not bad & {"one_zero", "one_winner", "out_of_range", "deadlock"}
    over = violated("var a: atomic_t;\nthread t {\n  atomic_set(a, ATOMIC_MAX);\n  atomic_inc(a);\n}\n")
    assert "out_of_range" in over
    under = violated(
        "var a: atomic_t;\nthread t {\n  local ok: bool = false;\n  atomic_inc_not_zero(a, ok);\n"
        "  assert !ok;\n  atomic_dec(a);\n}\n"
    )
    assert "assertion" not in under and "out_of_range" in under


# ---- refcount_t -----------------------------------------------------------------------------


def test_refcount_last_put_is_unique_and_inc_not_zero_refuses() -> None:
    bad = violated(
        """
var r: refcount;
var lasts: 0..2;
var revived: bool;
var ready: bool;
thread init {
  refcount_set(r, 1);
  refcount_inc(r);
  ready = true;
}
thread t(k: 0..1) {
  local last: bool = false;
  await ready;
  refcount_dec_and_test(r, last);
  if last {
    lasts += 1;
  }
}
thread late {
  local ok: bool = false;
  await ready;
  refcount_inc_not_zero(r, ok);
  if ok {
    revived = true;
    refcount_dec(r);
  }
}
invariant one_last: lasts <= 1;
invariant released_stays_released: lasts == 1 ==> refcount_read(r) == 0;
""",
        bmc=False,
    )
    assert not bad & {"one_last", "released_stays_released", "refcount_add_on_zero", "out_of_range"}


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("refcount_inc(r);", "refcount_add_on_zero"),
        ("local last: bool = false;\n  refcount_dec_and_test(r, last);", "refcount_underflow"),
        ("refcount_set(r, 1);\n  refcount_dec(r);", "refcount_underflow"),  # decrement hit 0
    ],
    ids=["inc-on-zero", "dec-on-zero", "dec-to-zero"],
)
def test_refcount_misuse(body: str, check: str) -> None:
    assert check in violated(f"var r: refcount;\nthread t {{\n  {body}\n}}\n")


# ---- RCU callbacks --------------------------------------------------------------------------

RCU_CALLBACK = """
var h: rcu_head;
var reading: bool;
var pre: bool;
var ran: bool;
proc cb() {
  assert !(pre && reading);
  ran = true;
}
thread reader {
  rcu_read_lock();
  reading = true;
  reading = false;
  rcu_read_unlock();
}
thread updater {
  atomic {
    pre = reading;
    CALL;
  }
  BARRIER
}
daemon thread runner {
  loop {
    RUN;
  }
}
"""


@pytest.mark.parametrize("expedited", [False, True])
def test_call_rcu_callback_never_runs_inside_a_pre_existing_reader(expedited: bool) -> None:
    barrier = "rcu_barrier();\n  assert ran;" + ("\n  synchronize_rcu_expedited();" if expedited else "")
    text = RCU_CALLBACK.replace("CALL", "call_rcu(h)").replace("RUN", "run_rcu_callback(h, cb)")
    bad = violated(text.replace("BARRIER", barrier))
    assert not bad & {"assertion", "deadlock", "list_misuse", "out_of_range", "sleep_in_atomic"}


def test_callback_without_grace_period_would_run_inside_the_reader() -> None:
    # the same property fails for a runner that skips the grace period: the test above has teeth
    text = RCU_CALLBACK.replace("CALL", "call_rcu(h)").replace("BARRIER", "")
    text = text.replace("RUN", "await h.queued;\n    h.queued = false;\n    cb();\n    rcu_callbacks_pending -= 1")
    assert "assertion" in violated(text)


def test_call_srcu_waits_for_its_domain_and_callbacks_run_with_bh_off() -> None:
    text = (
        RCU_CALLBACK.replace("rcu_read_lock()", "srcu_read_lock(ss)")
        .replace("rcu_read_unlock()", "srcu_read_unlock(ss)")
        .replace("CALL", "call_srcu(ss, h)")
        .replace("RUN", "run_srcu_callback(ss, h, cb)")
        .replace("BARRIER", "srcu_barrier(ss);\n  assert ran;\n  synchronize_srcu_expedited(ss);")
    )
    bad = violated("var ss: srcu_struct;\n" + text)
    assert not bad & {"assertion", "deadlock", "list_misuse", "sleep_in_atomic"}
    sleeping = RCU_CALLBACK.replace("ran = true;", "ran = true;\n  might_sleep();")
    sleeping = sleeping.replace("CALL", "call_rcu(h)").replace("RUN", "run_rcu_callback(h, cb)").replace("BARRIER", "")
    assert "sleep_in_atomic" in violated(sleeping, bmc=False)


def test_call_rcu_twice_is_list_misuse_and_callback_frees_after_grace_period() -> None:
    assert "list_misuse" in violated("var h: rcu_head;\nthread t {\n  call_rcu(h);\n  call_rcu(h);\n}\n")
    bad = violated(
        """
pool obj[1] { rh: rcu_head; v: 0..1; }
var p: obj?;
var retired: obj?;
proc release(o: obj) {
  free(o);
}
thread updater {
  local o = alloc(obj);
  p = o;
  p = none;
  atomic {
    call_rcu(o.rh);
    retired = o;
  }
}
thread reader {
  rcu_read_lock();
  local q: obj? = p;
  if q != none {
    q.v = 1;
  }
  rcu_read_unlock();
}
daemon thread runner {
  await retired != none;
  choose o: obj where o == retired;
  run_rcu_callback_of(o.rh, release, o);
}
""",
        bmc=False,
    )
    assert not bad & {"use_after_free", "deadlock", "list_misuse"}


# ---- workqueues -----------------------------------------------------------------------------


def test_cancel_work_sync_leaves_the_work_neither_pending_nor_running() -> None:
    bad = violated(
        """
var w: work_struct;
proc fn() {
  schedule_work(w);
}
thread user {
  local queued: bool = false;
  queue_work_ret(w, queued);
  assert queued;
  cancel_work_sync(w);
  assert !w.pending && !w.running;
}
daemon thread worker {
  loop {
    run_work(w, fn);
  }
}
""",
        bmc=False,
    )
    assert not bad & {"assertion", "deadlock", "sleep_in_atomic"}


def test_run_pool_work_serves_every_live_item() -> None:
    bad = violated(
        """
pool obj[2] { work: work_struct; v: 0..1; }
proc fn(o: obj) {
  o.v = 1;
}
thread user {
  local a = alloc(obj);
  local b = alloc(obj);
  queue_work(a.work);
  queue_work(b.work);
  flush_work(a.work);
  flush_work(b.work);
  assert a.v == 1 && b.v == 1;
  free(a);
  cancel_work_sync(b.work);
  free(b);
}
daemon thread worker {
  local served: obj? = none;
  loop {
    run_pool_work(fn, served);
  }
}
""",
        bmc=False,
    )
    assert not bad & {"assertion", "deadlock", "use_after_free"}


def test_run_pool_work_function_may_free_its_object() -> None:
    bad = violated(
        """
pool obj[1] { work: work_struct; }
proc fn(o: obj) {
  free(o);
}
thread user {
  local a = alloc(obj);
  queue_work(a.work);
}
daemon thread worker {
  local served: obj? = none;
  loop {
    run_pool_work(fn, served);
  }
}
"""
    )
    assert not bad & {"use_after_free", "deadlock"}

"""The KVM part of the prelude (verifier/prelude/kvm.irq): small specs that exercise each
primitive, decided by exhaustive search on the reference interpreter, with the explicit engine
and BMC held to the same verdicts and depths, and the kernel behaviour each primitive claims
asserted on those verdicts (a differential variant shows the claim is not vacuous)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engines.harness import assert_outcome, can_fail, compare_explicit, expected_outcome, reference, system
from support import prelude_parsed_once

from verifier.engines.bmc import bmc
from verifier.engines.work import Meter

STATE_BUDGET = 20_000  # every spec here stays far below it
CAP = 40  # BMC's deepest bound; every spec's BFS diameter is below it
# Besides the properties a test names, BMC is held to the reference on these (each BMC run
# costs seconds; the explicit engine is compared on every property).
BMC_ALWAYS = ("assertion",)


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def violated(text: str, variant: str = "default", also: tuple[str, ...] = ()) -> set[str]:
    """The safety properties of `variant` that some reachable state violates, by exhaustive
    search. The explicit engine must agree on every property, and BMC (bit-vector encoding) on
    the violated ones, BMC_ALWAYS and `also`, at the same depth; for a property that holds BMC
    runs to the BFS diameter + 1, past every reachable state."""
    ts = system(text, variant)
    ref = reference(ts, STATE_BUDGET)
    assert ref is not None, f"more than {STATE_BUDGET} states"
    assert ref.diameter < CAP, f"diameter {ref.diameter}: BMC would not cover the spec"
    context = f"variant {variant}"
    compare_explicit(ts, ref, context)
    for prop in sorted({*ref.shortest, *BMC_ALWAYS, *also}):
        if not can_fail(ts, prop):
            assert prop not in ref.shortest
            continue
        bound, want = expected_outcome(ref, prop, CAP)
        outcome = bmc(ts, prop, bound, Meter(600), "bv", por=False)
        assert_outcome(ts, prop, outcome, bound, want, f"{context} [bmc]")
    return set(ref.shortest)


# ---- SRCU ack notifiers -------------------------------------------------------------------

ACK_NOTIFIER = """
type gsi_t = 0..0;
enum how { SRCU, NO_WAIT, CLASSIC_RCU }
option unregister: how = SRCU;
variant srcu { unregister = SRCU; }
variant no_wait { unregister = NO_WAIT; }
variant classic_rcu { unregister = CLASSIC_RCU; }

pool notifier[1] { gsi: gsi_t; }
var kvm: kvm<notifier, gsi_t>;
var irq_srcu: srcu_struct;
var acked: bool;

proc acked_cb(n: notifier) {
  acked = n.gsi == 0;
}

thread owner {
  local n = alloc(notifier);
  kvm_register_irq_ack_notifier(kvm, n);
  if unregister == SRCU {
    kvm_unregister_irq_ack_notifier_srcu(kvm, irq_srcu, n);
  } else if unregister == CLASSIC_RCU {
    kvm_unregister_irq_ack_notifier(kvm, n);
  } else {
    mutex_lock(kvm.irq_lock);
    __kvm_unregister_irq_ack_notifier(kvm, n);
    mutex_unlock(kvm.irq_lock);
  }
  free(n);
}

thread eoi {
  kvm_notify_acked_irq_srcu(kvm, irq_srcu, 0, acked_cb);
}

invariant never_acked: !acked;
"""


def test_srcu_unregister_waits_for_every_running_notifier() -> None:
    """After kvm_unregister_irq_ack_notifier_srcu returns no EOI walk is still calling the
    notifier: freeing it then is safe. Without the wait, or waiting for the wrong domain
    (classic RCU), the callback can read the freed notifier."""
    srcu = violated(ACK_NOTIFIER, "srcu", ("use_after_free", "sleep_in_atomic", "rcu_unbalanced"))
    assert "use_after_free" not in srcu
    assert "never_acked" in srcu  # the walk does call the notifier
    assert "use_after_free" in violated(ACK_NOTIFIER, "no_wait")
    assert "use_after_free" in violated(ACK_NOTIFIER, "classic_rcu")
    assert not srcu & {"deadlock", "sleep_in_atomic", "rcu_unbalanced", "list_misuse"}


def test_lockless_register_needs_no_lock_and_is_walked() -> None:
    """__kvm_register_irq_ack_notifier adds the notifier without taking irq_lock (the caller
    holds it); a walk that starts afterwards calls it."""
    text = """
type gsi_t = 0..0;
pool notifier[1] { gsi: gsi_t; }
var kvm: kvm<notifier, gsi_t>;
var irq_srcu: srcu_struct;
var acked: bool;
proc acked_cb(n: notifier) { acked = true; }
thread t {
  local n = alloc(notifier);
  mutex_lock(kvm.irq_lock);
  __kvm_register_irq_ack_notifier(kvm, n);
  mutex_unlock(kvm.irq_lock);
  kvm_notify_acked_irq_srcu(kvm, irq_srcu, 0, acked_cb);
  assert acked;
}
"""
    assert violated(text) == set()


# ---- the IOAPIC ---------------------------------------------------------------------------

IOAPIC_EOI = """
type gsi_t = 0..0;
option deassert_in_ack: bool = false;
option relock: bool = true;
variant line_stays_high { deassert_in_ack = false; relock = true; }
variant ack_deasserts { deassert_in_ack = true; relock = true; }
variant held { deassert_in_ack = true; relock = false; }

pool notifier[1] { gsi: gsi_t; }
var kvm: kvm<notifier, gsi_t>;
var irq_srcu: srcu_struct;
var ioapic: kvm_ioapic<gsi_t>;

proc ack(n: notifier) {
  if deassert_in_ack {
    kvm_ioapic_set_irq(kvm, ioapic, KVM_USERSPACE_IRQ_SOURCE_ID, n.gsi, false);
  }
}

thread vcpu {
  atomic {
    local n = alloc(notifier);
    __kvm_register_irq_ack_notifier(kvm, n);
  }
  kvm_ioapic_set_irq(kvm, ioapic, KVM_USERSPACE_IRQ_SOURCE_ID, 0, true);
  assert 0 in ioapic.delivered && 0 in ioapic.remote_irr;
  kvm_ioapic_update_eoi(kvm, irq_srcu, ioapic, 0, ack, relock);
  assert (0 in ioapic.delivered) != deassert_in_ack;
  assert (0 in ioapic.remote_irr) != deassert_in_ack;
}

thread other_source {
  kvm_ioapic_set_irq(kvm, ioapic, 2, 0, false);
}

invariant no_stranded_irr:
  ioapic.lock.owner == none ==>
    (forall g: gsi_t :: (g in ioapic.irr && g not in ioapic.masked) ==> g in ioapic.remote_irr);
"""


def test_eoi_redelivers_a_pending_irr_and_not_a_deasserted_one() -> None:
    """A level pin still asserted at EOI is delivered again (remote_irr cleared, irr still
    set: serviced in the same critical section); one the ack notifier de-asserted is not."""
    for variant in ("line_stays_high", "ack_deasserts"):
        bad = violated(IOAPIC_EOI, variant, ("no_stranded_irr", "double_lock"))
        assert bad == set(), f"{variant}: {bad}"


def test_eoi_with_the_lock_held_self_deadlocks() -> None:
    """Calling the notifiers with ioapic->lock held, a notifier that de-asserts the line
    takes the lock again."""
    bad = violated(IOAPIC_EOI, "held", ("no_stranded_irr",))
    assert {"double_lock", "deadlock"} <= bad


MASK_AND_RESAMPLE = """
type gsi_t = 0..0;
option has_resampler: bool = true;
variant resampler { has_resampler = true; }
variant no_resampler { has_resampler = false; }

pool kimn[1] { irq: gsi_t; }
pool notifier[1] { gsi: gsi_t; }
pool irqfd_resampler[1] { gsi: gsi_t; }
var kvm: kvm<notifier, gsi_t>;
var irq_srcu: srcu_struct;
var arch: kvm_arch<kimn>;
var ioapic: kvm_ioapic<gsi_t>;
var resampler_list: list<irqfd_resampler>;
var resamplefd: eventfd;
var last_mask: 0..2;   // 0: never fired, 1: masked, 2: unmasked

proc mask_fn(k: kimn, mask: bool) {
  atomic {
    assert ioapic.lock.owner == self && in_atomic();
    if mask { last_mask = 1; } else { last_mask = 2; }
  }
}

proc resample(r: irqfd_resampler) {
  eventfd_signal(resamplefd);
}

thread t {
  atomic {
    local k = alloc(kimn);
    k.irq = 0;
    list_add_rcu(arch.mask_notifier_list, k);
    if has_resampler {
      local r = alloc(irqfd_resampler);
      r.gsi = 0;
      list_add_rcu(resampler_list, r);
    }
  }
  kvm_ioapic_mask(irq_srcu, ioapic, arch, 0, mask_fn);
  assert last_mask == 1;
  kvm_ioapic_set_irq(kvm, ioapic, KVM_USERSPACE_IRQ_SOURCE_ID, 0, true);
  assert 0 in ioapic.irr && 0 not in ioapic.delivered;
  kvm_ioapic_unmask(irq_srcu, ioapic, arch, resampler_list, 0, mask_fn, resample);
  assert last_mask == 2;
  assert has_resampler ==> (resamplefd.signalled && 0 not in ioapic.irr && 0 not in ioapic.delivered);
  assert !has_resampler ==> (!resamplefd.signalled && 0 in ioapic.delivered && 0 in ioapic.remote_irr);
}
"""


def test_unmask_fires_mask_notifiers_and_resamples_a_pending_pin() -> None:
    """Masking and unmasking fire the pin's mask notifiers under ioapic->lock (atomic
    context). A pin that became pending while masked is, at unmask, handed to its irqfd
    resampler (irr cleared, nothing delivered, the resamplefd signalled) when it has one, and
    delivered when it has none (Linux 6.4's ioapic_write_indirect)."""
    for variant in ("resampler", "no_resampler"):
        bad = violated(MASK_AND_RESAMPLE, variant)
        assert bad == set(), f"{variant}: {bad}"


MASK_NOTIFIER_RACE = """
type gsi_t = 0..0;
option wait: bool = true;
variant srcu_wait { wait = true; }
variant no_wait { wait = false; }

pool kimn[1] { irq: gsi_t; }
var kvm: kvm<kimn, gsi_t>;
var irq_srcu: srcu_struct;
var arch: kvm_arch<kimn>;
var ioapic: kvm_ioapic<gsi_t>;
var registered: bool;
var fired: bool;

proc mask_fn(k: kimn, mask: bool) {
  fired = k.irq == 0;
}

thread device {
  local k = alloc(kimn);
  kvm_register_irq_mask_notifier(kvm, arch, 0, k);
  registered = true;
  if wait {
    kvm_unregister_irq_mask_notifier(kvm, irq_srcu, arch, k);
  } else {
    mutex_lock(kvm.irq_lock);
    list_del_rcu(arch.mask_notifier_list, k);
    mutex_unlock(kvm.irq_lock);
  }
  free(k);
}

thread guest {
  kvm_ioapic_mask(irq_srcu, ioapic, arch, 0, mask_fn);
}

invariant never_fired: !fired;
"""


def test_mask_notifier_register_fire_and_unregister() -> None:
    """A registered mask notifier is called by a concurrent mask; after
    kvm_unregister_irq_mask_notifier (synchronize_srcu) returns, no walk still calls it, so
    freeing it is safe; without the wait the walk can read it after the free."""
    wait = violated(MASK_NOTIFIER_RACE, "srcu_wait", ("use_after_free",))
    assert "never_fired" in wait
    assert "use_after_free" not in wait
    assert "use_after_free" in violated(MASK_NOTIFIER_RACE, "no_wait")


def test_registered_mask_notifier_is_fired_by_a_later_mask() -> None:
    """Register-and-fire: a notifier whose registration returned before the mask began is
    called by it."""
    text = """
type gsi_t = 0..0;
pool kimn[1] { irq: gsi_t; }
var kvm: kvm<kimn, gsi_t>;
var irq_srcu: srcu_struct;
var arch: kvm_arch<kimn>;
var ioapic: kvm_ioapic<gsi_t>;
var registered: bool;
var fired: bool;
proc mask_fn(k: kimn, mask: bool) { fired = mask; }
thread device {
  local k = alloc(kimn);
  kvm_register_irq_mask_notifier(kvm, arch, 0, k);
  registered = true;
}
thread guest {
  local before: bool = false;
  before = registered;
  kvm_ioapic_mask(irq_srcu, ioapic, arch, 0, mask_fn);
  assert !before || fired;
}
"""
    assert violated(text) == set()


# ---- eventfd ------------------------------------------------------------------------------

EVENTFD = """
type waiter_t = 0..0;
option take_ref: bool = true;
variant fdget { take_ref = true; }
variant no_ref { take_ref = false; }

var ctx: eventfd_ctx<waiter_t>;
var ready: bool;
var registered: bool;
var hup: bool;
var woken: bool;
var freed: bool;

proc wake(w: waiter_t, key: poll_key) {
  atomic {
    assert ctx.wqh.lock.owner == self && irqs_disabled();
    if key == EPOLLHUP {
      hup = true;
    } else {
      woken = true;
    }
  }
}

proc eventfd_free() {
  freed = true;
}

thread owner {
  eventfd_create(ctx);
  ready = true;
  eventfd_add_wait_queue(ctx, 0);
  registered = true;
  eventfd_release(ctx, wake, eventfd_free);
  assert hup;
}

thread signaller {
  local got: bool = false;
  await ready;
  if take_ref {
    eventfd_ctx_fdget(ctx, got);
  } else {
    got = ctx.open;
  }
  if got {
    eventfd_ctx_signal(ctx, wake);
    assert !freed;
    if take_ref {
      eventfd_ctx_put(ctx, eventfd_free);
    }
  }
}

invariant never_woken: !woken;
invariant never_freed: !freed;
invariant freed_when_unreferenced: freed ==> (!ctx.open && ctx.kref.count == 0);
"""


def test_eventfd_release_delivers_epollhup_and_the_last_put_frees() -> None:
    """eventfd_release wakes a registered waiter with EPOLLHUP; eventfd_signal calls the
    waiters' wake-up functions under wqh.lock with interrupts off; the ctx is freed only by
    the last reference, so a signaller holding an fdget reference never sees it freed. A
    signaller that takes no reference can."""
    fdget = violated(EVENTFD, "fdget", ("freed_when_unreferenced", "refcount_underflow"))
    assert fdget == {"never_woken", "never_freed"}
    no_ref = violated(EVENTFD, "no_ref")
    assert "assertion" in no_ref


def test_eventfd_remove_wait_queue_stops_wakeups() -> None:
    """A waiter removed with eventfd_ctx_remove_wait_queue is not woken by a later signal or
    release, and the removal drains the counter."""
    text = """
type waiter_t = 0..0;
var ctx: eventfd_ctx<waiter_t>;
var calls: 0..2;
proc wake(w: waiter_t, key: poll_key) { calls += 1; }
proc eventfd_free() { skip; }
thread t {
  eventfd_create(ctx);
  eventfd_add_wait_queue(ctx, 0);
  eventfd_ctx_signal(ctx, wake);
  assert calls == 1 && ctx.count.signalled;
  eventfd_ctx_remove_wait_queue(ctx, 0);
  assert !ctx.count.signalled;
  eventfd_ctx_signal(ctx, wake);
  eventfd_read(ctx.count);
  eventfd_add_wait_queue(ctx, 0);
  eventfd_remove_wait_queue(ctx, 0);
  eventfd_release(ctx, wake, eventfd_free);
  assert calls == 1 && ctx.kref.count == 0;
}
"""
    assert violated(text) == set()


# ---- irq bypass ---------------------------------------------------------------------------

IRQ_BYPASS = """
type token_t = 0..0;
pool producer_p[1] { token: token_t; }
pool consumer_p[1] { token: token_t; }
var bypass: irq_bypass<producer_p, consumer_p>;
var connects: 0..1;
var disconnects: 0..1;

proc connect(p: producer_p, c: consumer_p) {
  atomic {
    assert bypass.lock.owner == self;
    connects += 1;
  }
}

proc disconnect(p: producer_p, c: consumer_p) {
  atomic {
    assert bypass.lock.owner == self;
    disconnects += 1;
  }
}

thread producer {
  local ok: bool = false;
  local p = alloc(producer_p);
  irq_bypass_register_producer(bypass, p, connect, ok);
  assert ok;
  irq_bypass_unregister_producer(bypass, p, disconnect);
}

thread consumer {
  local ok: bool = false;
  local c = alloc(consumer_p);
  irq_bypass_register_consumer(bypass, c, connect, ok);
  assert ok;
  irq_bypass_unregister_consumer(bypass, c, disconnect);
}

func both(): bool = bypass.producers.members != {} && bypass.consumers.members != {};
invariant paired:
  bypass.lock.owner == none ==>
    ((both() ==> connects - disconnects == 1) && (!both() ==> connects == disconnects));
invariant never_connected: connects == 0;
"""


def test_irq_bypass_connects_each_matching_pair_once_under_the_mutex() -> None:
    """Whichever side registers second connects the pair, under the global mutex; whichever
    unregisters first disconnects it; outside the mutex the pair is connected exactly when
    both are registered."""
    assert violated(IRQ_BYPASS, also=("paired",)) == {"never_connected"}


def test_irq_bypass_refuses_a_second_producer_of_a_token() -> None:
    """irq_bypass_register_producer returns -EBUSY (ok false) for a token already registered."""
    text = """
type token_t = 0..0;
pool producer_p[2] { token: token_t; }
pool consumer_p[1] { token: token_t; }
var bypass: irq_bypass<producer_p, consumer_p>;
proc connect(p: producer_p, c: consumer_p) { skip; }
thread t {
  local ok: bool = false;
  local p = alloc(producer_p);
  local q = alloc(producer_p);
  irq_bypass_register_producer(bypass, p, connect, ok);
  assert ok;
  irq_bypass_register_producer(bypass, q, connect, ok);
  assert !ok && bypass.producers.members == {p};
}
"""
    assert violated(text) == set()

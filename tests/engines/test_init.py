"""`init` blocks: the state they build is the transition system's initial state, and every engine
starts from it.

A spec with a pre-allocated object on a list and a registered ack notifier gets the same verdicts
from exhaustive search, the explicit engine, BMC and symbolic reachability; its counterexample
starts in the state init built and replays on the interpreter. A check that fails in init is a
spec error at the statement. Each variant runs init with its own options. For random specs
(tests/strategies.py, `specs_with_init`), BMC agrees with exhaustive search, and the spec agrees
on every safety verdict with its twin that runs the init as the first, atomic step of a `boot`
thread the other threads wait for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import Executor

import pytest
from hypothesis import given
from strategies import fixed_settings, specs_with_init, with_boot_thread, with_init
from support import prelude_parsed_once

from engines.harness import (
    checked,
    compare_bmc,
    compare_explicit,
    reference,
    safety_properties,
    system,
    systems,
)
from verifier.diagnostics import SpecError
from verifier.engines.explicit import explore
from verifier.engines.symbolic import symbolic_reach
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter
from verifier.proof.certificate import Invariant, check_invariant
from verifier.render.text import render_trace
from verifier.render.trace import replay
from verifier.result import Proved, Violated

STATE_BUDGET = 5_000
CAP = 10


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


KVM = """
type gsi_t = 0..0;
pool irqfd[2] { fd: 0..1; }
pool oadn[2] { gsi: gsi_t; irqfds: list<irqfd>; }
var kvm: kvm<oadn, gsi_t>;
var gsi_oadn: [gsi_t]oadn?;
var acked: bool;

init {
  local o = alloc(oadn);
  o.gsi = 0;
  local f = alloc(irqfd);
  f.fd = 1;
  list_add(o.irqfds, f);
  __kvm_register_irq_ack_notifier(kvm, o);
  gsi_oadn[0] = o;
  kvm.irq_state[0] = {1};
}

thread eoi {
  rcu_read_lock();
  foreach n in kvm.irq_ack_notifier_list {
    kvm_set_irq(kvm, 1, n.gsi, false);
    acked = true;
  }
  rcu_read_unlock();
}

thread deassign {
  foreach o: oadn {
    if gsi_oadn[0] == o {
      gsi_oadn[0] = none;
      kvm_unregister_irq_ack_notifier(kvm, o);
    }
  }
}

invariant registered: forall o: oadn :: gsi_oadn[0] == o ==> o in kvm.irq_ack_notifier_list.members;
invariant line_until_acked: acked || kvm_irq_line(kvm, 0);
invariant never_acked: !acked;
"""


def test_init_state_is_the_initial_state() -> None:
    ts = system(KVM)
    s = ts.init
    oadn0 = ts.var_index("gsi_oadn[0]")
    head = ts.var_index("kvm.irq_ack_notifier_list.head")
    assert s[oadn0] == 0 and s[head] == 0
    assert s[ts.var_index("oadn#0.irqfds.members")] == 1
    assert s[ts.var_index("kvm.irq_state[0]")] == 0b10
    assert s[ts.var_index("irqfd.live")] == 1 and s[ts.var_index("oadn.live")] == 1
    assert not any(v.name.startswith("init.") for v in ts.vars), "init's locals are no state"
    assert oadn0 in ts.initialised and ts.var_index("acked") not in ts.initialised


def test_engines_agree_on_a_spec_with_init(pool: Executor) -> None:
    ts = system(KVM)
    ref = reference(ts, STATE_BUDGET)
    assert ref is not None
    assert "never_acked" in ref.shortest and "registered" not in ref.shortest
    compare_explicit(ts, ref, "kvm init spec")
    compare_bmc(ts, ref, "bv", False, CAP, "kvm init spec", pool)
    props = safety_properties(ts)
    for prop, o in symbolic_reach(ts, props, Meter(60)).items():
        if isinstance(o, Proved):
            assert prop not in ref.shortest, f"{prop}: PROVED by symbolic reachability, but violated"
            cert = o.certificate
            assert isinstance(cert, Invariant)
            v = check_invariant(ts, prop, cert.smt2, cert.k, cert.mode, 60.0, step=cert.step)
            assert v.ok, f"{prop}: certificate fails the {v.check} check: {v.message}"
    proved = {p for p, o in symbolic_reach(ts, props, Meter(60)).items() if isinstance(o, Proved)}
    assert proved == {p for p in props if p not in ref.shortest}


def test_counterexample_starts_from_the_init_state() -> None:
    ts = system(KVM)
    result = explore(ts, ["never_acked"], max_states=STATE_BUDGET)
    outcome = result.outcomes["never_acked"]
    assert isinstance(outcome, Violated)
    states = Interpreter(ts).replay(list(outcome.trace.actions))
    assert states[0] == ts.init
    view = replay(ts, "never_acked", outcome.trace)
    assert view.states[0] == ts.init
    assert "gsi_oadn[0] = oadn#0" in view.initially and "kvm.irq_state[0] = {1}" in view.initially
    text = render_trace(view)
    assert "initially: " in text and text.index("initially: ") < text.index("=> ")
    assert "init." not in text  # init's locals are no state


def test_a_check_failing_in_init_is_a_spec_error() -> None:
    text = KVM.replace("  gsi_oadn[0] = o;\n", "  gsi_oadn[0] = o;\n  list_add(o.irqfds, f);\n")
    with pytest.raises(SpecError) as e:
        checked(text)
    (d,) = e.value.diagnostics
    assert d.code == "IRQ322" and "list_misuse" in d.message
    line = text.splitlines().index("  list_add(o.irqfds, f);", text.splitlines().index("  gsi_oadn[0] = o;")) + 1
    assert d.span is not None and d.span.path.startswith("<prelude>")  # the assert inside list_add
    assert any(n.span is not None and n.span.line == line and n.span.col == 3 for n in d.notes)


VARIANTS = """
option big: bool = false;
variant small;
variant large { big = true; }
var n: 0..3;
var m: 0..3 = 1;
init {
  if big { n = 2; } else { n = 1; }
  m += n;
}
init {
  m -= 1;
}
thread t { n = 0; }
invariant inv: m == n || n == 0;
"""


def test_each_variant_has_its_own_init() -> None:
    spec = checked(VARIANTS)
    small, large = systems(spec)
    n, m = small.var_index("n"), small.var_index("m")
    assert (small.init[n], small.init[m]) == (1, 1)  # m = 1, += 1, -= 1: blocks in order
    assert (large.init[n], large.init[m]) == (2, 2)


def test_a_failing_init_names_its_variant() -> None:
    with pytest.raises(SpecError) as e:
        checked(VARIANTS.replace("m += n;", "m += n; assert n < 2;"))
    (d,) = e.value.diagnostics
    assert d.code == "IRQ322" and "'large'" in d.message and "'small'" not in d.message


# ---- generated specs ------------------------------------------------------------------------------

THREAD_PROPS = re.compile(r"thread|done\(|who")


@given(specs_with_init())
@fixed_settings(25, shrink=False)
def test_bmc_agrees_with_explicit_search_on_generated_specs_with_init(drawn: tuple[str, list[str]]) -> None:
    text, init = drawn
    spec = with_init(text, init)
    for ts in systems(checked(spec)):
        ref = reference(ts, STATE_BUDGET)
        assert ref is not None
        context = f"generated spec\n{spec}\n"
        compare_bmc(ts, ref, "bv", False, CAP, context)
        compare_explicit(ts, ref, context)


@given(specs_with_init())
@fixed_settings(25, shrink=False)
def test_init_agrees_with_a_boot_thread_on_generated_specs(drawn: tuple[str, list[str]]) -> None:
    text, init = drawn
    spec, twin = with_init(text, init), with_boot_thread(text, init)
    mine, theirs = systems(checked(spec)), systems(checked(twin))
    quantified = {line.split()[1].rstrip(":") for line in text.splitlines() if THREAD_PROPS.search(line)}
    for a, b in zip(mine, theirs, strict=True):
        ra, rb = reference(a, STATE_BUDGET), reference(b, 4 * STATE_BUDGET)
        assert ra is not None and rb is not None
        props = [p for p in safety_properties(a) if p not in quantified]
        got = {p for p in props if p in ra.shortest}
        want = {p for p in props if p in rb.shortest}
        assert got == want, f"variant {a.variant}: init {sorted(got)}, boot thread {sorted(want)}\n{spec}\n{twin}"


NARROWING_INIT = """
pool obj[2] { v: 0..3; }
var head: obj?;
var x: 0..3;
init {
  local o = alloc(obj);
  o.v = 2;
  head = o;
  if let h = head { x = h.v; } else { x = 1; }
  head!.v = 3;
}
thread t { skip; }
"""


def test_narrowing_in_init_binds_the_tested_value() -> None:
    """`if let` and `!` run in init as in a thread: the bound local has the tested value's type."""
    (ts,) = systems(checked(NARROWING_INIT))
    init = dict(zip((v.name for v in ts.vars), ts.init, strict=True))
    assert init["x"] == 2
    assert init["obj#0.v"] == 3

"""Thread predicates (done, at, enabled, quiescent) and threads' locals read by properties.

Each lowers to ordinary IR expressions over program counters, guards and locals; here:
- hand-written specs: every engine (explicit search, BMC, the BDD engine) agrees with exhaustive
  search on the reference interpreter;
- a brute-force oracle: on every reachable state, the lowered expression of each predicate has the
  value computed from the interpreter's own primitives (actions_at, enabled, faults, pc names);
- a label that at() names gets a program counter of its own, and one that nothing names changes
  nothing (the lowered transition system is the same as without the label);
- generated specs with these predicates in awaits and invariants: BMC and explicit search agree.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from proofs.test_symbolic import _agree
from strategies import fixed_settings, specs
from support import prelude_parsed_once

from engines.harness import checked, compare_bmc, compare_explicit, reference, system, systems
from verifier.engines.liveness import check_lasso, explore_liveness, lasso_bmc
from verifier.engines.rank import rank_liveness
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter, evaluate
from verifier.ir.l2s import liveness_to_safety
from verifier.ir.model import TransitionSystem
from verifier.result import Proved, Violated

CAP = 12


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


# Threads: a (labels `crit` and `tail`, a local `i`), b awaits quiescent, user(0..1) awaits a's
# label, d is a daemon that blocks, h waits for enabled(b) to be false.
SPEC = """
var x: 0..3 = 0;
var seen: bool = false;
thread a {
  local i: 0..3 = 0;
  i = 2;
  @crit x = x + 1;
  i = 3;
  @tail await x >= 2;
}
thread b {
  await quiescent;
  seen = true;
}
thread user(k: 0..1) {
  await at(a, tail) || done(a);
  x = x + 1;
}
daemon thread d {
  loop { await x == 3 && seen; x = 0; }
}
invariant i_after_crit: at(a, tail) ==> a.i == 3;
invariant i_read: done(a) ==> a.i == 3;
invariant seen_late: seen ==> done(user(0)) && done(user(1)) && done(a);
invariant normal_end: (quiescent && forall t: thread :: done(t) || t == d) ==> seen;
invariant never_quiet: !quiescent;
invariant user_waits: at(a, crit) ==> !enabled(user(1));
invariant b_enabled: !enabled(b);
property always_b: always (enabled(b) ==> !enabled(a) && !enabled(user(0)));
"""

# The predicates an oracle can compute from the interpreter's primitives, by invariant name.
ORACLE_SPEC = """
var x: 0..2 = 0;
var go: bool = false;
thread a {
  local i: 0..2 = 0;
  i = 1;
  @first x = x + 1;
  i = 2;
  @second await go;
  assert x > 0;
}
thread w(k: 0..1) {
  await x >= 1;
  @mark x = 2;
  go = true;
}
daemon thread z {
  loop { await x == 5 - 3 && !go; skip; }
}
invariant p_done_a: done(a);
invariant p_done_w1: done(w(1));
invariant p_en_a: enabled(a);
invariant p_en_w0: enabled(w(0));
invariant p_en_z: enabled(z);
invariant p_quiet: quiescent;
invariant p_at_first: at(a, first);
invariant p_at_second: at(a, second);
invariant p_at_mark: exists t: thread :: at(t, mark);
invariant p_local: a.i == 2;
"""


def _check_all_engines(text: str) -> None:
    for ts in systems(checked(text)):
        ref = reference(ts, 20_000)
        assert ref is not None
        compare_explicit(ts, ref, text)
        for mode in ("bv", "int"):
            for por in (False, True):
                compare_bmc(ts, ref, mode, por, CAP, text)
        _agree(ts, text)


def test_engines_agree_on_thread_predicates() -> None:
    _check_all_engines(SPEC)


def test_engines_agree_on_the_oracle_spec() -> None:
    _check_all_engines(ORACLE_SPEC)


def _pc_labels(ts: TransitionSystem, tid: int, pc: int) -> set[str]:
    """The labels written in front of the statement at program counter `pc` (from its text)."""
    text = ts.threads[tid].pc_names[pc]
    return {text[1:].split()[0]} if text.startswith("@") else set()


def test_lowered_predicates_match_the_interpreter() -> None:
    ts = system(ORACLE_SPEC)
    it = Interpreter(ts, compiled=False)
    depth, complete = it.reachable(20_000)
    assert complete
    tid = {t.name: t.tid for t in ts.threads}
    inv = {i.name: i.expr for i in ts.invariants}

    def enabled(s: tuple, t: int) -> bool:
        return any(it.enabled(s, ai) for ai in it.actions_at(s, t))

    def at(s: tuple, t: int, label: str) -> bool:
        return label in _pc_labels(ts, t, int(s[ts.threads[t].pc]))

    local_i = ts.var_index("a.i")
    seen = {name: set() for name in inv}
    for s in depth:
        oracle = {
            "p_done_a": int(s[ts.threads[tid["a"]].pc]) == ts.threads[tid["a"]].end,
            "p_done_w1": int(s[ts.threads[tid["w(1)"]].pc]) == ts.threads[tid["w(1)"]].end,
            "p_en_a": enabled(s, tid["a"]),
            "p_en_w0": enabled(s, tid["w(0)"]),
            "p_en_z": enabled(s, tid["z"]),
            "p_quiet": not any(enabled(s, t.tid) for t in ts.threads),
            "p_at_first": at(s, tid["a"], "first"),
            "p_at_second": at(s, tid["a"], "second"),
            "p_at_mark": any(at(s, t.tid, "mark") for t in ts.threads),
            "p_local": s[local_i] == 2,
        }
        for name, want in oracle.items():
            got = bool(evaluate(inv[name], s))
            assert got == want, f"{name} at {s}: lowered {got}, interpreter {want}"
            seen[name].add(got)
    # the spec exercises both values of every predicate
    assert all(v == {True, False} for v in seen.values()), seen


def test_a_thread_awaiting_quiescent_waits_for_every_other_thread() -> None:
    """b's step past `await quiescent` is enabled exactly when b is there and no other thread can
    step (b's own await does not count)."""
    ts = system(SPEC)
    it = Interpreter(ts, compiled=False)
    depth, complete = it.reachable(20_000)
    assert complete
    b = next(t for t in ts.threads if t.name == "b")
    first = min(a.src for a in ts.actions if a.thread == b.tid and a.src != b.end)
    for s in depth:
        if int(s[b.pc]) != first:
            continue
        others = any(it.enabled(s, ai) for t in ts.threads if t.tid != b.tid for ai in it.actions_at(s, t.tid))
        mine = any(it.enabled(s, ai) for ai in it.actions_at(s, b.tid))
        assert mine == (not others), s


BASE = """
var x: 0..3;
thread a {
  local i: 0..3 = 0;
  i = 1;
  {label}x = i;
  i = 2;
}
invariant inv: x <= 3;
"""


def _shape(ts: TransitionSystem) -> tuple:
    return (
        ts.vars,
        ts.init,
        tuple((a.thread, a.src, a.dst, a.guard, a.updates, a.faults) for a in ts.actions),
    )


def test_an_unreferenced_label_changes_nothing() -> None:
    plain = system(BASE.replace("{label}", "      "))
    labelled = system(BASE.replace("{label}", "@mid  "))
    assert _shape(plain) == _shape(labelled)


def test_a_label_named_by_at_gets_a_program_counter() -> None:
    plain = system(BASE.replace("{label}", ""))
    named = system(BASE.replace("{label}", "@mid ") + "invariant here: at(a, mid) ==> a.i == 1;\n")
    pcs = {t.name: t.pc for t in plain.threads}
    npcs = plain.vars[pcs["a"]].sort.hi
    assert named.vars[pcs["a"]].sort.hi == npcs + 1
    it = Interpreter(named)
    depth, complete = it.reachable(1000)
    assert complete
    here = next(i.expr for i in named.invariants if i.name == "here")
    assert any(evaluate(here, s) and s[named.var_index("a.i")] == 1 for s in depth)
    assert all(evaluate(here, s) for s in depth)


def test_bmc_agrees_with_explicit_search_on_generated_thread_predicates() -> None:
    @fixed_settings(12, shrink=False)
    @given(specs(thread_preds=True))
    def check(text: str) -> None:
        for ts in systems(checked(text)):
            ref = reference(ts, 5_000)
            assert ref is not None, text
            compare_bmc(ts, ref, "bv", False, 10, f"generated spec\n{text}\n")
            compare_explicit(ts, ref, f"generated spec\n{text}\n")

    check()


LIVE = """
var x: 0..3;
var seen: bool;
fair thread a {
  local i: 0..3 = 0;
  i = 1;
  @crit x = x + 1;
  await x >= 2;
}
fair thread b {
  await quiescent;
  seen = true;
}
{fair}thread user(k: 0..1) {
  x = x + 1;
}
property ends: eventually (quiescent && forall t: thread :: done(t));
property seen_once: always eventually (seen || enabled(user(0)) || at(a, crit));
property crit_leads: at(a, crit) ~> a.i == 1 && done(a);
"""


@pytest.mark.parametrize("fairness", ["fair ", ""])
def test_liveness_engines_agree_on_thread_predicates(fairness: str) -> None:
    """The product search, lasso BMC, liveness-to-safety and the ranking proofs agree on liveness
    properties over thread predicates (the unfair users may stop, which refutes most of them)."""
    text = LIVE.replace("{fair}", fairness)
    ts = system(text)
    for t in ts.temporals:
        ex = explore_liveness(ts, t.name, 20_000)
        assert ex.complete
        violated = isinstance(ex.outcome, Violated)
        l2s, inv = liveness_to_safety(ts, t.name)
        found, _, complete = Interpreter(l2s).search(inv, 400_000)
        assert complete and (found is not None) == violated, t.name
        if violated:
            assert check_lasso(ts, t.name, ex.outcome.trace) is None  # type: ignore[union-attr]
            bmc = lasso_bmc(ts, t.name, ex.outcome.depth, Meter(60.0))  # type: ignore[union-attr]
            assert isinstance(bmc, Violated), t.name
        else:
            assert isinstance(rank_liveness(ts, t.name, Meter(120.0)), Proved), t.name
    verdicts = [isinstance(explore_liveness(ts, t.name, 20_000).outcome, Violated) for t in ts.temporals]
    assert not any(verdicts) if fairness else any(verdicts)

"""The BDD encoding (verifier/symbolic) agrees with the reference interpreter, state for state.

Symbolic reachability is only as good as the BDD encoding of each action, which is written
independently of the interpreter and of the SMT encoding. So, on random small specs and the
small bundled ones: the BDD of the reachable states holds exactly the states breadth-first search
finds, the states where a property fails are the ones the interpreter flags, and every
certificate the engine writes passes the re-check, its step checked both with the solver and with
BDDs (verifier/proof/bdd.py); and both step checks reject the reachable set less one state.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import z3
from engines.harness import checked, safety_properties, systems
from hypothesis import given
from strategies import fixed_settings, specs
from support import SPEC_DIR, prelude_parsed_once

from verifier.engines.symbolic import reachable_set, symbolic_reach, to_z3
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import Invariant, check_invariant, invariant_smt2
from verifier.result import Proved, Unknown
from verifier.smt.encode import Encoding
from verifier.symbolic.encode import SymbolicSystem

EXAMPLES = int(os.environ.get("IRQVERIFY_SYMBOLIC_EXAMPLES", "30"))


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def _agree(ts: TransitionSystem, context: str) -> None:
    it = Interpreter(ts)
    depth, complete = it.reachable(20_000)
    assert complete
    sy = SymbolicSystem(ts)
    reach, _ = reachable_set(sy)
    where = f"{context} variant {ts.variant}"
    assert sy.count(reach) == len(depth), f"{where}: {sy.count(reach)} states in the BDD, {len(depth)} found"
    for s in depth:  # each state found is in the BDD (with the count: the same set)
        assert sy.state(s) & reach != sy.false, f"{where}: {s} is reachable but not in the BDD"
    props = safety_properties(ts)
    bad = {p: sy.bad(p) for p in props}
    for p in props:  # what symbolic reachability checks: the bad states cut down to the reachable ones
        assert sy.bad_within(p, reach) == bad[p] & reach, f"{where}: {p} within the reachable states"
    for s in depth:
        here = sy.state(s)
        for p in props:
            assert it.violated(p, s) == (here & bad[p] != sy.false), f"{where}: {p} at {s}"
    inductive: set[str] = set()
    for p, o in symbolic_reach(ts, props, Meter(60)).items():
        violated = any(it.violated(p, s) for s in depth)
        if violated:
            assert isinstance(o, Unknown), f"{where}: {p} is violated, but symbolic says {o}"
            continue
        assert isinstance(o, Proved), f"{where}: {p} holds, but symbolic says {o}"
        cert = o.certificate
        assert isinstance(cert, Invariant)
        # the step check both ways (each is the other's test), once per certificate
        for step in ("smt", "bdd") if cert.smt2 not in inductive else ():
            v = check_invariant(ts, p, cert.smt2, 1, "bv", 60.0, ("base", "step"), step)
            assert v.ok, f"{where}: the certificate fails the {v.check} check ({step}): {v.message}"
        inductive.add(cert.smt2)
        v = check_invariant(ts, p, cert.smt2, 1, "bv", 60.0, ("property",))
        assert v.ok, f"{where}: {p}: the certificate fails the {v.check} check: {v.message}"


def _rejects_a_hole(ts: TransitionSystem, context: str) -> None:
    """The reachable set less one deepest state is not inductive: both step checks say so (its
    predecessor on a shortest path is still in the set)."""
    it = Interpreter(ts)
    depth, complete = it.reachable(20_000)
    assert complete
    deepest = max(depth, key=lambda s: depth[s])
    if depth[deepest] == 0:
        return
    sy = SymbolicSystem(ts)
    reach, _ = reachable_set(sy)
    enc = Encoding(ts, "bv")
    body = z3.And(*enc.domain(enc.cur), to_z3(sy, reach & ~sy.state(deepest), enc))
    smt2 = invariant_smt2(enc, body, enc.cur)
    for step in ("smt", "bdd"):
        v = check_invariant(ts, "deadlock", smt2, 1, "bv", 60.0, ("base", "step"), step)
        assert not v.ok and v.check == "step", f"{context} variant {ts.variant}: {step} step check says {v}"


def test_symbolic_reachability_agrees_with_the_interpreter_on_generated_specs() -> None:
    @fixed_settings(EXAMPLES, shrink=False)
    @given(specs())
    def check(text: str) -> None:
        for ts in systems(checked(text)):
            _agree(ts, f"generated spec\n{text}\n")

    check()


def test_both_step_checks_reject_a_reachable_set_with_a_hole() -> None:
    @fixed_settings(EXAMPLES // 2, shrink=False)
    @given(specs())
    def check(text: str) -> None:
        for ts in systems(checked(text)):
            _rejects_a_hole(ts, f"generated spec\n{text}\n")

    check()


@pytest.mark.parametrize("name", ["flag_mutex", "abba_deadlock", "rcu_list"])
def test_symbolic_reachability_agrees_with_the_interpreter_on_bundled_specs(name: str) -> None:
    path = SPEC_DIR / f"{name}.irq"
    for ts in systems(checked(path.read_text(encoding="utf-8"), path)):
        _agree(ts, name)

"""No property that exhaustive search refutes is ever PROVED, and the proof engines agree with it.

For random small specs (tests/strategies.py) and the small bundled specs, every safety property of
every variant is decided by breadth-first search over all reachable states of the reference
interpreter (engines/harness.reference). Then k-induction, Spacer, sampled strengthening, the
reachable-state diagram, strengthening against all reachable states and symbolic reachability each
answer (the last three decide every property of these small systems, and the BDD of the reachable
states holds as many states as the search found): a PROVED property must hold in the reference, and its
certificate must pass the independent check; a counterexample must be violated in the reference
and replay to a violating state (k-induction's at the shortest depth).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from engines.harness import Reference, assert_trace_violates, can_fail, checked, reference, safety_properties, systems
from hypothesis import given
from strategies import fixed_settings, specs
from support import SPEC_DIR, prelude_parsed_once

from verifier.engines.exact import exact_strengthen
from verifier.engines.kind import kinduction
from verifier.engines.pdr import pdr
from verifier.engines.prove import prove
from verifier.engines.reach import reachable_invariant
from verifier.engines.strengthen import strengthen
from verifier.engines.symbolic import reachable_set, symbolic_reach
from verifier.engines.work import Meter
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import Invariant, check_invariant
from verifier.result import Outcome, Proved, Violated
from verifier.symbolic.encode import SymbolicSystem

STATE_BUDGET = 5_000
EXAMPLES = int(os.environ.get("IRQVERIFY_PROOF_EXAMPLES", "8"))


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def _agree(ts: TransitionSystem, ref: Reference, prop: str, o: Outcome, engine: str, context: str) -> None:
    where = f"{context} [{engine}] variant {ts.variant}, property {prop}"
    if isinstance(o, Proved):
        assert prop not in ref.shortest, f"{where}: PROVED, but violated at depth {ref.shortest[prop]}"
        cert = o.certificate
        assert isinstance(cert, Invariant), f"{where}: proved without a certificate"
        v = check_invariant(ts, prop, cert.smt2, cert.k, cert.mode, 60.0, step=cert.step)
        assert v.ok, f"{where}: certificate fails the {v.check} check: {v.message}"
    elif isinstance(o, Violated):
        assert prop in ref.shortest, f"{where}: a counterexample, but exhaustive search finds none"
        assert_trace_violates(ts, o.trace.actions, prop, where)
        if o.minimal:
            assert o.depth == ref.shortest[prop], f"{where}: depth {o.depth}, shortest is {ref.shortest[prop]}"


def compare(ts: TransitionSystem, ref: Reference, context: str, pdr_units: float = 1.0) -> None:
    props = [p for p in safety_properties(ts) if can_fail(ts, p)]
    for p in props:
        _agree(ts, ref, p, kinduction(ts, p, 12, Meter(10)), "k-induction", context)
    user = [p for p in props if p not in {c.name for c in ts.checks if c.builtin}] + ["deadlock"]
    for p in dict.fromkeys(user):
        if p in props:
            _agree(ts, ref, p, pdr(ts, p, Meter(pdr_units)), "pdr", context)
    for p, o in strengthen(ts, props, Meter(10), max_states=2_000).items():
        _agree(ts, ref, p, o, "strengthening", context)
    for p, o in reachable_invariant(ts, props).items():
        _agree(ts, ref, p, o, "explicit", context)
        assert isinstance(o, Proved) == (p not in ref.shortest), f"{context}: the reachable set decides {p}"
    for p, o in exact_strengthen(ts, props, Meter(60)).items():
        _agree(ts, ref, p, o, "exact strengthening", context)
        assert isinstance(o, Proved) == (p not in ref.shortest), f"{context}: exact strengthening decides {p}: {o}"
    sy = SymbolicSystem(ts, meter=Meter(60))
    reach, _ = reachable_set(sy)
    assert sy.count(reach) == ref.states, f"{context}: the BDD of the reachable states counts {sy.count(reach)}"
    for p, o in symbolic_reach(ts, props, Meter(60)).items():
        _agree(ts, ref, p, o, "symbolic", context)
        assert isinstance(o, Proved) == (p not in ref.shortest), f"{context}: symbolic reachability decides {p}: {o}"


def test_proof_engines_agree_with_explicit_search_on_generated_specs() -> None:
    @fixed_settings(EXAMPLES, shrink=False)
    @given(specs())
    def check(text: str) -> None:
        for ts in systems(checked(text)):
            ref = reference(ts, STATE_BUDGET)
            assert ref is not None
            compare(ts, ref, f"generated spec\n{text}\n")

    check()


@pytest.mark.parametrize("name", ["flag_mutex", "abba_deadlock", "rcu_list"])
def test_no_refuted_property_is_proved_on_bundled_specs(name: str) -> None:
    path = SPEC_DIR / f"{name}.irq"
    for ts in systems(checked(path.read_text(encoding="utf-8"), path)):
        ref = reference(ts, 20_000)
        assert ref is not None
        props = safety_properties(ts)
        outcomes = prove(ts, props, Meter(20))
        for p, (o, _, _) in outcomes.items():
            if o is not None:
                _agree(ts, ref, p, o, "portfolio", name)
        # every property that holds is proved: the reachable sets are small
        proved = {p for p, (o, _, _) in outcomes.items() if isinstance(o, Proved)}
        assert proved == {p for p in props if p not in ref.shortest}, f"{name} [{ts.variant}]"

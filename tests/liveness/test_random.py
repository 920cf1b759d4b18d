"""Liveness engines agree on random small specs (tests/strategies.py with liveness properties and
fair, strongly fair or unfair threads).

For every liveness property of every variant, the product search over all reachable states is the
reference. Lasso BMC must agree: if the search finds a lasso of n steps, BMC finds one of at most n
steps (BMC's is a shortest); if the property holds, BMC finds none up to CAP steps. Explicit
breadth-first search of the liveness-to-safety system must reach its bad state exactly when the
property is violated, and so must breadth-first search of the k-liveness system (with a bound past
the number of states), where the threads are at most weakly fair. Every lasso re-checks on the
reference interpreter. A ranking proof, from the enumerated graph (verifier/engines/rank.py) or
with BDDs (verifier/engines/symrank.py), is found exactly where the property holds (under weak
fairness).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engines.harness import checked, systems
from hypothesis import HealthCheck, assume, given
from strategies import fixed_settings, specs
from support import prelude_parsed_once

from liveness.cases import ranking_groups
from verifier.engines.liveness import LivenessSearch, check_lasso, explore_liveness, lasso_bmc
from verifier.engines.rank import rank_liveness
from verifier.engines.symrank import symbolic_rank
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter
from verifier.ir.klive import k_liveness
from verifier.ir.l2s import LIVENESS_KINDS, liveness_to_safety
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Proved, Violated

CAP = 6
STATES = 3_000


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


@fixed_settings(120, allow=(HealthCheck.filter_too_much,))
@given(specs(liveness=True))
def test_lasso_bmc_and_l2s_agree_with_the_product_search(text: str) -> None:
    for ts, name, ex, context in searched(text):
        violated = isinstance(ex.outcome, Violated)
        l2s, inv = liveness_to_safety(ts, name)
        found, _, complete = Interpreter(l2s).search(inv, 40 * STATES)
        assume(complete)
        assert (found is not None) == violated, context
        if violated:
            assert isinstance(ex.outcome, Violated)
            assert check_lasso(ts, name, ex.outcome.trace) is None, context
            bmc = lasso_bmc(ts, name, ex.outcome.depth, Meter(60.0))
            assert isinstance(bmc, Violated), f"{bmc}\n{context}"
            assert bmc.depth <= ex.outcome.depth, context
            assert check_lasso(ts, name, bmc.trace) is None, context
        else:
            bmc = lasso_bmc(ts, name, CAP, Meter(60.0))
            assert isinstance(bmc, Bounded), f"{bmc}\n{context}"


@fixed_settings(120, allow=(HealthCheck.filter_too_much,))
@given(specs(liveness=True))
def test_k_liveness_agrees_with_the_product_search(text: str) -> None:
    """Sound for every fairness: a violation makes the bad state reachable whatever the bound (2
    here). Complete under weak fairness: with no fair lasso, the bound is never passed when it is
    one less than the groups of rank.py's ranking (each round leaves a group for a lower one)."""
    for ts, name, ex, context in searched(text):
        violated = isinstance(ex.outcome, Violated)
        bound = 2
        if not violated:
            if any(th.fair == "strong" for th in ts.threads):
                continue
            groups = ranking_groups(ts, name)
            assert groups is not None, context
            bound = max(0, groups - 1)
        kts, inv = k_liveness(ts, name, bound)
        found, _, complete = Interpreter(kts).search(inv, 40 * STATES)
        assume(complete)
        assert (found is not None) == violated, context


def searched(text: str) -> Iterator[tuple[TransitionSystem, str, LivenessSearch, str]]:
    """Each liveness property of each variant of `text`, with the complete product search's result
    (hypothesis discards the example if a search is cut short) and a context for messages."""
    for ts in systems(checked(text)):
        for t in ts.temporals:
            if t.kind in LIVENESS_KINDS:
                ex = explore_liveness(ts, t.name, STATES)
                assume(ex.complete)
                yield ts, t.name, ex, f"{t.name} [{ts.variant}] of\n{text}"


def test_a_ranking_proves_exactly_what_the_product_search_finds_holding() -> None:
    """Sound: PROVED (with a re-checked certificate) only where the search finds no fair lasso.
    Complete under weak fairness: where it finds none, every pending component has a helpful
    thread, so the ranking must be found and its certificate must check."""
    seen = {"proved": 0, "refused": 0}

    @fixed_settings(60, allow=(HealthCheck.filter_too_much,))
    @given(specs(liveness=True))
    def check(text: str) -> None:
        for ts, name, ex, context in searched(text):
            for ranked in (rank_liveness(ts, name, Meter(120.0)), symbolic_rank(ts, name, Meter(120.0))):
                if isinstance(ranked, Proved):
                    assert not isinstance(ex.outcome, Violated), context
                    seen["proved"] += 1
                elif isinstance(ex.outcome, Violated):
                    seen["refused"] += 1
                elif not any(th.fair == "strong" for th in ts.threads):
                    raise AssertionError(f"no ranking proof ({ranked}) for\n{context}")

    check()
    assert seen["proved"] and seen["refused"], f"the ranking was not tried both ways: {seen}"

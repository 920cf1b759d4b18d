"""Liveness verdicts of small specs whose answer is known by hand, from every engine: the product
search, lasso BMC, explicit search of the liveness-to-safety system, and the ranking proof. Every lasso is re-checked
on the reference interpreter (check_lasso) and replays through the renderer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from support import prelude_parsed_once

from liveness.cases import COUNTER, ENDS, NEVER, SERVED, STUCK, TOGGLE, ranking_groups, system
from verifier.engines.liveness import (
    LiveBudget,
    check_lasso,
    decide_liveness,
    default_prover,
    explore_liveness,
    lasso_bmc,
)
from verifier.engines.rank import rank_liveness
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter
from verifier.ir.klive import k_liveness
from verifier.ir.l2s import liveness_to_safety
from verifier.render.trace import replay
from verifier.result import Bounded, Proved, Violated


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


CASES = [
    # (spec, fairness of the marked threads, property, violated?, shortest lasso)
    (SERVED, "fair", "served", False, None),
    (SERVED, "", "served", True, 1),  # the device signals, then nothing is scheduled again
    (TOGGLE, "fair", "eventually_got", True, 2),  # flag flips back before the waiter runs, for ever
    (TOGGLE, "strong_fair", "eventually_got", False, None),
    (COUNTER, "fair", "reaches_two", False, None),
    (COUNTER, "", "reaches_two", True, 0),  # stutter in the initial state
    (COUNTER, "fair", "keeps_returning", False, None),
    (COUNTER, "", "keeps_returning", True, 1),
]


@pytest.mark.parametrize(("text", "fairness", "prop", "violated", "shortest"), CASES)
def test_engines_agree_with_the_hand_verdict(
    text: str, fairness: str, prop: str, violated: bool, shortest: int | None
) -> None:
    ts = system(text, fairness)
    ex = explore_liveness(ts, prop)
    assert ex.complete
    assert isinstance(ex.outcome, Violated) == violated, ex.outcome
    bmc = lasso_bmc(ts, prop, 8, Meter(30.0))
    l2s, inv = liveness_to_safety(ts, prop)
    found, _, complete = Interpreter(l2s).search(inv)
    assert complete
    assert (found is not None) == violated
    if violated:
        assert isinstance(bmc, Violated) and bmc.depth == shortest, bmc
        for trace in (ex.outcome.trace, bmc.trace):  # type: ignore[union-attr]
            assert check_lasso(ts, prop, trace) is None
            view = replay(ts, prop, trace)
            assert view.loop == trace.loop
        assert bmc.depth <= ex.outcome.depth  # type: ignore[union-attr]
    else:
        assert isinstance(bmc, Bounded), bmc
    ranked = rank_liveness(ts, prop, Meter(60.0))
    if violated or fairness == "fair":  # under weak fairness a ranking exists exactly when it holds
        assert isinstance(ranked, Proved) == (not violated), ranked


@pytest.mark.parametrize(("text", "fairness", "prop", "violated", "shortest"), CASES)
def test_k_liveness_reaches_its_bad_state_exactly_when_violated(
    text: str, fairness: str, prop: str, violated: bool, shortest: int | None
) -> None:
    """With the bound the enumerated ranking gives (2 for a violated property): a round needs the
    helpful thread, so a device signalling for ever while the fair handler waits completes none.
    Strong fairness is counted as weak, so TOGGLE's strongly fair proof is not this system's."""
    if fairness == "strong_fair":
        return
    ts = system(text, fairness)
    bound = 2
    if not violated:
        groups = ranking_groups(ts, prop)
        assert groups is not None
        bound = max(0, groups - 1)
    kts, inv = k_liveness(ts, prop, bound)
    found, _, complete = Interpreter(kts).search(inv)
    assert complete
    assert (found is not None) == violated


def test_a_property_left_open_goes_to_the_prover() -> None:
    """`reaches_two` needs two steps: a search stopped at depth 0 leaves it open, and says so; the
    prover proves it. Without a bound the search covers the graph."""
    ts = system(COUNTER, "fair")
    budget = LiveBudget(walk_steps=1_000, bound=0, proof=Meter(60.0))
    ((o, _, _),) = decide_liveness(ts, ["reaches_two"], budget).values()
    assert isinstance(o, Bounded) and o.depth == 0 and o.reason.startswith("depth bound: every state up to depth 0"), o
    assert "random walks" in o.reason, o
    ((o, _, _),) = decide_liveness(ts, ["reaches_two"], budget, default_prover()).values()
    assert isinstance(o, Proved), o
    ((o, _, _),) = decide_liveness(ts, ["reaches_two"], replace(budget, bound=None)).values()
    assert isinstance(o, Bounded) and o.reason.startswith("all "), o


def test_a_broken_lasso_does_not_check() -> None:
    ts = system(SERVED, "")
    bmc = lasso_bmc(ts, "served", 4, Meter(30.0))
    assert isinstance(bmc, Violated) and bmc.trace.loop is not None
    assert check_lasso(ts, "served", bmc.trace.__class__(bmc.trace.actions, None)) is not None
    fair = system(SERVED, "fair")  # the same lasso starves the now fair handler
    assert check_lasso(fair, "served", bmc.trace) == "the loop is not fair to handler"


def test_vacuity_warnings() -> None:
    never = explore_liveness(system(NEVER), "never_triggered")
    assert isinstance(never.outcome, Bounded)
    assert any("trigger of never_triggered holds in none" in w for w in never.warnings)
    stuck = explore_liveness(system(STUCK), "ends_well")
    assert isinstance(stuck.outcome, Bounded)
    assert any("every fair run ends in a deadlock" in w for w in stuck.warnings)
    assert not explore_liveness(system(ENDS), "ends_well").warnings
    # the fair ticker goes on for ever: no warning
    assert not explore_liveness(system(COUNTER), "keeps_returning").warnings

"""The spec strategy of tests/strategies.py keeps its promises: every spec it draws is accepted by
the checker, lowers for every variant, and has a state space small enough to explore at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import specs
from support import prelude_parsed_once

from engines.harness import checked, systems
from verifier.diagnostics import SpecError, format_diagnostic
from verifier.ir.interp import Interpreter

STATE_BUDGET = 5_000  # as in test_bmc_vs_explicit.py
SETTINGS = {"derandomize": True, "database": None, "deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def accepted(text: str):  # type: ignore[no-untyped-def]
    try:
        return checked(text)
    except SpecError as e:
        raise AssertionError("".join(format_diagnostic(d) + "\n" for d in e.diagnostics) + text) from None


@settings(max_examples=300, **SETTINGS)
@given(specs())
def test_generated_specs_check_lower_and_stay_small(text: str) -> None:
    for ts in systems(accepted(text)):
        _, complete = Interpreter(ts).reachable(STATE_BUDGET)
        assert complete, f"more than {STATE_BUDGET} states:\n{text}"

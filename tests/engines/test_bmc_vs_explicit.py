"""BMC agrees with exhaustive explicit-state search on random specs: same verdict, same depth.

For random specs from tests/strategies.py, every safety property of every variant is decided by
breadth-first search over all reachable states of the reference interpreter (harness.reference),
then by BMC with the bound set to the BFS depth of the violation, or for a property that holds to
the BFS diameter + 1 (capped): BMC must report Violated at exactly that depth with a trace that
replays on the interpreter and ends in a violating state, or Bounded. The explicit engine is held
to the same reference. Both encodings (bit-vector and integer) run with and without partial-order
reduction. The bundled specs get the same comparison in test_bmc_vs_explicit_bundled.py.

A check that no step can fail (no fault or warning names it) is not given to BMC: its bad-state
formula is the constant false, so the answer is Bounded by construction. The reference is still
asked, and must agree that it never fails.

The BMC runs of one spec are spread over one worker process per core. Runs are derandomized;
set IRQVERIFY_SHRINK=1 to shrink a failing example (slow: minutes).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor

import pytest
from hypothesis import given
from strategies import fixed_settings, specs
from support import prelude_parsed_once

from engines.harness import checked, compare_bmc, compare_explicit, reference, systems

CAP = 10  # deepest bound for the generated specs
STATE_BUDGET = 5_000  # the generated specs stay below this (the strategy keeps them small)

# (mode, por, examples): the default engine configuration gets the most examples.
COMBINATIONS = [("bv", False, 200), ("bv", True, 30), ("int", False, 12), ("int", True, 12)]


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def compare_spec_text(text: str, mode: str, por: bool, pool: Executor | None) -> None:
    """Every variant of `text`: BMC (and, for the default combination, the explicit engine) agree
    with exhaustive search."""
    for ts in systems(checked(text)):
        ref = reference(ts, STATE_BUDGET)
        assert ref is not None, f"the strategy made a spec with more than {STATE_BUDGET} states:\n{text}"
        context = f"generated spec\n{text}\n"
        compare_bmc(ts, ref, mode, por, CAP, context, pool)
        if mode == "bv" and not por:
            compare_explicit(ts, ref, context)


@pytest.mark.parametrize(
    ("mode", "por", "examples"), COMBINATIONS, ids=[f"{m}-por{int(p)}" for m, p, _ in COMBINATIONS]
)
def test_bmc_agrees_with_explicit_search_on_generated_specs(
    mode: str, por: bool, examples: int, pool: Executor
) -> None:
    @fixed_settings(examples, shrink=False)
    @given(specs())
    def check(text: str) -> None:
        compare_spec_text(text, mode, por, pool)

    check()

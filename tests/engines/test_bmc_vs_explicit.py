"""BMC agrees with exhaustive explicit-state search: same verdict, same shortest depth.

For random specs from tests/strategies.py and for the bundled specs small enough to explore
exhaustively, every safety property of every variant is decided by breadth-first search over all
reachable states of the reference interpreter (harness.reference), then by BMC with the bound
set to the BFS depth of the violation, or for a property that holds to the BFS diameter + 1
(capped): BMC must report Violated at exactly that depth with a trace that replays on the
interpreter and ends in a violating state, or Bounded. The explicit engine is held to the same
reference. Both encodings (bit-vector and integer) run with and without partial-order reduction.

A check that no step can fail (no fault or warning names it) is not given to BMC: its bad-state
formula is the constant false, so the answer is Bounded by construction. The reference is still
asked, and must agree that it never fails.

The BMC runs of one spec are spread over one worker process per core. Runs are derandomized;
set IRQVERIFY_SHRINK=1 to shrink a failing example (slow: minutes).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from strategies import specs
from support import SPEC_DIR, prelude_parsed_once

from engines.harness import Reference, checked, compare_bmc, compare_explicit, reference, systems
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem

CAP = 10  # deepest bound for the generated specs
STATE_BUDGET = 5_000  # the generated specs stay below this (the strategy keeps them small)
BUNDLED_STATE_BUDGET = 20_000  # a bundled spec with more reachable states is skipped
BUNDLED_CAP = 40
INT_MAX_DIAMETER = 12  # the integer encoding is slow on deeper bundled specs (minutes at depth 16+)

# (mode, por, examples): the default engine configuration gets the most examples.
COMBINATIONS = [("bv", False, 200), ("bv", True, 60), ("int", False, 25), ("int", True, 25)]

PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target) + (
    (Phase.shrink,) if os.environ.get("IRQVERIFY_SHRINK") == "1" else ()
)


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


@pytest.fixture(scope="module")
def pool() -> Iterator[Executor]:
    """Worker processes for the BMC runs, one per core (each run is independent and CPU-bound)."""
    with ProcessPoolExecutor(os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn")) as workers:
        yield workers


def compare_spec_text(text: str, mode: str, por: bool, pool: Executor) -> None:
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
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=PHASES,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(specs())
    def check(text: str) -> None:
        compare_spec_text(text, mode, por, pool)

    check()


# ---- the bundled specs --------------------------------------------------------------------------


def _bundled() -> list[tuple[Path, str]]:
    out = []
    with prelude_parsed_once():
        for path in sorted(SPEC_DIR.glob("*.irq")):
            out += [(path, v.name) for v in checked(path.read_text(encoding="utf-8"), path).variants]
    return out


BUNDLED = _bundled()


@cache
def _bundled_system(path: Path, variant: str) -> tuple[TransitionSystem, Reference | None]:
    ts = lower(checked(path.read_text(encoding="utf-8"), path), variant)
    return ts, reference(ts, BUNDLED_STATE_BUDGET)


@pytest.mark.parametrize(("mode", "por"), [("bv", False), ("bv", True), ("int", False)])
@pytest.mark.parametrize(("path", "variant"), BUNDLED, ids=[f"{p.stem}-{v}" for p, v in BUNDLED])
def test_bmc_agrees_with_explicit_search_on_bundled_specs(
    path: Path, variant: str, mode: str, por: bool, pool: Executor
) -> None:
    ts, ref = _bundled_system(path, variant)
    if ref is None:
        pytest.skip(f"{path.name} {variant}: more than {BUNDLED_STATE_BUDGET} reachable states")
    if mode == "int" and ref.diameter > INT_MAX_DIAMETER:
        pytest.skip(f"{path.name} {variant}: diameter {ref.diameter} > {INT_MAX_DIAMETER}, slow with the int encoding")
    assert ref.diameter < BUNDLED_CAP
    compare_bmc(ts, ref, mode, por, BUNDLED_CAP, path.name, pool)
    if mode == "bv" and not por:
        compare_explicit(ts, ref, path.name)

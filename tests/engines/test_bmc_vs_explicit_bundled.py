"""BMC agrees with exhaustive explicit-state search on the bundled specs (spec/*.irq).

The comparison of test_bmc_vs_explicit.py (see there), for every variant of every bundled spec
whose reachable state space has at most BUNDLED_STATE_BUDGET states; the others are skipped with
their name. The bound is the depth of the violation, or the diameter + 1 for a property that holds,
so every reachable state is covered. The integer encoding runs only where the diameter is small:
at depth 16 and beyond it takes minutes per property.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from functools import cache
from pathlib import Path

import pytest
from support import SPEC_DIR, prelude_parsed_once

from engines.harness import Reference, checked, compare_bmc, compare_explicit, reference
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem

BUNDLED_STATE_BUDGET = 20_000
BUNDLED_CAP = 40
INT_MAX_DIAMETER = 12


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


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


# partial-order reduction (off by default) is covered by the generated specs; here only the
# integer encoding of the small-diameter specs joins the default configuration
@pytest.mark.parametrize(("mode", "por"), [("bv", False), ("int", False)])
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

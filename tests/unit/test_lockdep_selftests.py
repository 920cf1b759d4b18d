"""The Linux lockdep self-tests as bundled specs (spec/lockdep/*.irq) meet their expect lines.

Each expect line is checked twice: by the default pipeline (`verify`, as `irqverify` runs it),
and against exhaustive breadth-first search on the reference interpreter, which must find a
violation of exactly the properties expected violated. The two share nothing but the
transition system, so a wrong verdict of either shows up as a disagreement.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from engines.harness import Reference, checked, reference
from support import SPEC_DIR, prelude_parsed_once

from verifier.engines.portfolio import Budget
from verifier.ir.lower import lower
from verifier.pipeline import Request, SpecResult, verify

LOCKDEP_DIR = SPEC_DIR / "lockdep"
SPECS = sorted(LOCKDEP_DIR.glob("*.irq"))
STATE_BUDGET = 50_000  # every variant of these specs has a few thousand states at most


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def _expectations() -> list[tuple[Path, str, str, str]]:
    """(spec, variant, property, verdict) of every expect line, `*` expanded."""
    out = []
    with prelude_parsed_once():
        for path in SPECS:
            spec = checked(path.read_text(encoding="utf-8"), path)
            out += [(path, e.variant, e.property, e.verdict) for e in spec.expectations]
    return out


EXPECTATIONS = _expectations()


def test_the_lockdep_specs_are_there() -> None:
    names = {p.stem for p in SPECS}
    assert {"aa", "abba", "cycles", "double_unlock", "irqsafe1", "irqsafe2", "irqsafe3", "irqsafe4"} <= names
    assert {"irq_lock_inversion", "irq_read_recursion"} <= names
    for path in SPECS:
        assert "lib/locking-selftest.c" in path.read_text(encoding="utf-8"), f"{path.name} cites no self-test"


def test_every_spec_states_both_outcomes_of_deadlock() -> None:
    """The self-tests are positive and negative controls: each family expects a deadlock
    somewhere or a clean run somewhere, and names the deadlock cell of every variant."""
    for path in SPECS:
        spec = checked(path.read_text(encoding="utf-8"), path)
        stated = {e.variant for e in spec.expectations if e.property == "deadlock"}
        assert stated == {v.name for v in spec.variants}, f"{path.name}: deadlock unstated in some variant"


@cache
def _reference(path: Path, variant: str) -> Reference:
    ts = lower(checked(path.read_text(encoding="utf-8"), path), variant)
    ref = reference(ts, STATE_BUDGET)
    assert ref is not None, f"{path.name} {variant}: more than {STATE_BUDGET} states"
    return ref


@pytest.mark.parametrize(
    ("path", "variant", "prop", "verdict"),
    EXPECTATIONS,
    ids=[f"{p.stem}-{v}-{q}" for p, v, q, _ in EXPECTATIONS],
)
def test_exhaustive_search_agrees_with_the_expect_line(path: Path, variant: str, prop: str, verdict: str) -> None:
    ref = _reference(path, variant)
    found = prop in ref.shortest
    assert found == (verdict == "violated"), (
        f"{path.name} [{variant}] {prop}: expected {verdict}, exhaustive search "
        + (f"finds a violation at depth {ref.shortest[prop]}" if found else f"finds none in {ref.states} states")
    )


@pytest.mark.parametrize("path", SPECS, ids=[p.stem for p in SPECS])
def test_the_default_run_meets_every_expect_line(path: Path) -> None:
    wanted = sorted({q for p, _, q, _ in EXPECTATIONS if p == path})
    budget = Budget(max_states=STATE_BUDGET, hunt_states=0, walk_steps=0, proof_work=5.0, timeout=600.0)
    [result] = verify([str(path)], {}, Request(properties=tuple(wanted), budget=budget, jobs=1))
    assert isinstance(result, SpecResult), result
    assert not result.errors, result.errors
    cells = {(c.variant, c.property): c for c in result.cells}
    for p, variant, prop, verdict in EXPECTATIONS:
        if p != path:
            continue
        cell = cells[(variant, prop)]
        assert cell.met, f"{path.name} [{variant}] {prop}: expected {verdict}, got {cell.verdict} ({cell.detail})"
        if verdict == "violated":
            assert cell.trace is not None and cell.minimal, f"{path.name} [{variant}] {prop}: no minimal trace"

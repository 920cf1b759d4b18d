"""bench/spin/oadn_2012.irq, the four 2012 level-irqfd designs written as the same state machine as
the Promela models of the Spin baseline: it parses and lowers, exhaustive search gives the verdicts
the baseline states at a small size, and (where Spin is installed) Spin agrees on one cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.engines.explicit import explore
from verifier.ir.lower import lower
from verifier.pipeline import check_spec
from verifier.result import Violated

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "bench" / "spin" / "oadn_2012.irq"
# Small enough for a few seconds of search; still shows every verdict of the baseline's README.
SMALL = {"NG": 1, "NI": 2, "MAXEOI": 1, "MAXRAISE": 1, "REASSIGN": 0}
PROPS = ("P1", "P2", "deadlock", "assertion", "out_of_range")
VIOLATED = {
    "A_v9_shared": {"P1", "P2"},
    "B_v9_fresh_src": {"P1"},
    "C_tsirkin": {"P2"},
    "D_linux37": set(),
}


@pytest.fixture(scope="module")
def outcomes() -> dict[str, dict[str, object]]:
    """Every variant searched to the end at the small size."""
    spec = check_spec(str(SPEC), SMALL)
    assert [v.name for v in spec.variants] == list(VIOLATED)
    found: dict[str, dict[str, object]] = {}
    for variant in VIOLATED:
        ex = explore(lower(spec, variant), PROPS, max_states=200_000)
        assert ex.complete, variant
        found[variant] = dict(ex.outcomes)
    return found


@pytest.mark.parametrize("variant", list(VIOLATED))
def test_verdicts_of_the_baseline(outcomes: dict[str, dict[str, object]], variant: str) -> None:
    violated = {p for p, o in outcomes[variant].items() if isinstance(o, Violated)}
    assert violated == VIOLATED[variant]


def test_the_spec_states_the_same_expectations() -> None:
    """The spec's `expect` lines say what the README says, so the CLI checks it at full size."""
    spec = check_spec(str(SPEC))
    text = SPEC.read_text()
    for variant, bad in VIOLATED.items():
        for prop in ("P1", "P2"):
            verdict = "violated" if prop in bad else "holds"
            assert any(
                line.startswith(f"expect {variant}:") and prop in line and line.rstrip().endswith(f"{verdict};")
                for line in text.splitlines()
            ), (variant, prop)
    assert {"P1", "P2"} <= {i.name for i in lower(spec, "D_linux37").invariants}


def test_spin_agrees_on_one_cell() -> None:
    """C's lost interrupt (P2): Spin and irqverify both find it, at the small size."""
    from bench import spin

    if not spin.spin_available():
        pytest.skip("spin, gcc or the Promela models are not installed")
    answer, _ = spin.run_spin("C_tsirkin", "P2", SMALL, timeout=120)
    mine = spin.run_irqverify("C_tsirkin", "P2", SMALL, timeout=120, max_states=200_000)
    assert answer.verdict == mine.verdict == "violated"
    assert answer.depth is not None and mine.depth is not None
    # Spin counts steps on locals (guards like `k == 1`) and the monitor's step that irqverify
    # merges or does not have, so its counterexample is never the shorter one.
    assert answer.depth >= mine.depth

"""Localization abstraction over-approximates, and proves only what holds.

On random small specs: for random sets of kept variables, every concrete reachable state,
projected to the kept variables, is reachable in the abstraction (the argument the certificate
rests on; the certificate check guards it anyway). For every safety property, localization's
PROVED agrees with exhaustive search and its certificate passes the independent check; refinement
keeps only what a spurious path needed. On the resampler design, the notifier property is proved
on a fraction of the variables.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from engines.harness import checked, reference, safety_properties, systems
from hypothesis import given
from hypothesis import strategies as st
from strategies import fixed_settings, specs
from support import SPEC_DIR, prelude_parsed_once

from verifier.engines.localize import abstract, initial_keep, localize
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter
from verifier.ir.lower import lower
from verifier.pipeline import check_spec
from verifier.proof.certificate import Invariant, check_invariant
from verifier.result import Proved, Unknown

EXAMPLES = int(os.environ.get("IRQVERIFY_PROOF_EXAMPLES", "8"))
SETTINGS = fixed_settings(EXAMPLES, shrink=False)


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def test_abstraction_contains_every_concrete_state() -> None:
    compared = 0

    @SETTINGS
    @given(specs(), st.randoms(use_true_random=False))
    def check(text: str, rnd) -> None:  # type: ignore[no-untyped-def]
        for ts in systems(checked(text)):
            concrete, complete = Interpreter(ts).reachable(20_000)
            if not complete:
                continue
            for prop in safety_properties(ts)[:2]:
                if prop == "deadlock":
                    continue
                keep = initial_keep(ts, prop) | {v for v in range(len(ts.vars)) if rnd.random() < 0.4}
                ab, more = abstract(ts, keep, prop)
                if ab is None:
                    keep |= more
                    ab, more = abstract(ts, keep, prop)
                assert ab is not None
                states, done = Interpreter(ab.ts).reachable(200_000)
                if not done:
                    continue
                shown = [i for i, c in enumerate(ab.columns) if c >= 0]
                cols = [ab.columns[i] for i in shown]
                projected = {tuple(s[i] for i in shown) for s in states}
                for s in concrete:
                    assert tuple(s[c] for c in cols) in projected, f"{text}\n{ts.variant} {prop}: a state is missing"
                nonlocal compared
                compared += 1

    check()
    assert compared > 0, "no abstraction was small enough to compare: the test checked nothing"


def test_localization_proves_only_what_holds() -> None:
    proved = 0

    @SETTINGS
    @given(specs())
    def check(text: str) -> None:
        for ts in systems(checked(text)):
            ref = reference(ts, 5_000)
            assert ref is not None
            for prop in safety_properties(ts):
                if prop == "deadlock":
                    continue
                o = localize(ts, prop, Meter(10))
                if isinstance(o, Proved):
                    assert prop not in ref.shortest, f"{text}\n{ts.variant} {prop}: PROVED but violated"
                    cert = o.certificate
                    assert isinstance(cert, Invariant)
                    v = check_invariant(ts, prop, cert.smt2, cert.k, cert.mode, 60.0)
                    assert v.ok, f"{text}\n{ts.variant} {prop}: certificate fails the {v.check} check"
                    nonlocal proved
                    proved += 1
                elif prop in ref.shortest:
                    assert isinstance(o, Unknown)

    check()
    assert proved > 0, "localization proved nothing: its certificates went unchecked"


def test_the_resampler_notifier_property_needs_a_fraction_of_the_system() -> None:
    ts = lower(check_spec(str(SPEC_DIR / "resampler_mutex.irq")), "merged")
    o = localize(ts, "unique_notifier", Meter(120))
    assert isinstance(o, Proved), o
    cert = o.certificate
    assert isinstance(cert, Invariant)
    assert check_invariant(ts, "unique_notifier", cert.smt2, 1, cert.mode, 300.0).ok
    # the devices, inject workers and most of the rest are hidden: of the variables some step
    # writes (the others are constants, free to keep), fewer than half are kept
    m = re.search(r"keeping (\d+) of \d+ variables \((\d+) never written\)", o.detail)
    assert m is not None, o.detail
    written = {v for a in ts.actions for v, _ in a.updates}
    assert int(m.group(1)) - int(m.group(2)) < len(written) // 2, o.detail

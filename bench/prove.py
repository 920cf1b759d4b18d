"""Time to PROVED per cell and per engine, and the scaling family proved unboundedly.

    python -m bench.prove                          # bundled specs: every safety cell, each engine alone
    python -m bench.prove --specs spec/flag_mutex.irq --timeout 30
    python -m bench.prove --section family --limit 60     # largest family member proved within 60 s
    python -m bench.prove --section liveness --specs spec/resampler_mutex.irq --timeout 300

Each engine runs alone on each cell with the same timeout (the portfolio runs them in order); a
PROVED figure includes the independent re-check of the certificate. Cells that exhaustive search
refutes are left out. Wall-clock seconds, one at a time, in one process.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench.family import FAMILIES, member
from verifier.diagnostics import SpecError
from verifier.engines.exact import exact_strengthen
from verifier.engines.kind import kinduction
from verifier.engines.localize import localize
from verifier.engines.pdr import pdr
from verifier.engines.rank import rank_liveness
from verifier.engines.reach import reachable_invariant
from verifier.engines.strengthen import strengthen
from verifier.engines.symbolic import symbolic_reach
from verifier.engines.symrank import symbolic_rank
from verifier.engines.work import Guard, Meter
from verifier.ir.klive import k_liveness
from verifier.ir.l2s import LIVENESS_KINDS, liveness_to_safety
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.pipeline import check_spec
from verifier.proof.certificate import Invariant, check_invariant
from verifier.result import Outcome, Proved

ENGINES = ("explicit", "symbolic", "localization", "exact", "k-induction", "strengthening", "pdr")


def _unlimited(seconds: float) -> Meter:
    return Meter(1e9, Guard.after(seconds))


def run_engine(engine: str, ts: TransitionSystem, prop: str, timeout: float) -> tuple[str, float]:
    """(verdict text, seconds) of one engine on one cell, the certificate re-checked. The engine
    gets unlimited work and `timeout` seconds as its guard: this measures time to a proof."""
    t0 = time.monotonic()
    o: Outcome
    meter = _unlimited(timeout)
    if engine == "explicit":
        o = reachable_invariant(ts, [prop])[prop]
    elif engine == "symbolic":
        o = symbolic_reach(ts, [prop], meter)[prop]
    elif engine == "localization":
        o = localize(ts, prop, meter)
    elif engine == "exact":
        o = exact_strengthen(ts, [prop], meter)[prop]
    elif engine == "k-induction":
        o = kinduction(ts, prop, 40, meter)
    elif engine == "strengthening":
        o = strengthen(ts, [prop], meter, max_states=60_000)[prop]
    else:
        o = pdr(ts, prop, meter)
    if isinstance(o, Proved) and isinstance(o.certificate, Invariant):
        c = o.certificate
        v = check_invariant(ts, prop, c.smt2, c.k, c.mode, step=c.step)
        text = f"PROVED ({o.detail})" if v.ok else f"REJECTED ({v.check})"
    else:
        text = type(o).__name__.lower() + (f" ({getattr(o, 'reason', '')})" if getattr(o, "reason", "") else "")
    return text[:60], time.monotonic() - t0


def cells(path: str) -> list[tuple[TransitionSystem, str]]:
    spec = check_spec(path)
    expected = {(e.variant, e.property): e.verdict for e in spec.expectations}
    out = []
    for v in spec.variants:
        ts = lower(spec, v.name)
        for p in ts.property_names():
            if any(t.name == p and t.kind != "always" for t in ts.temporals):
                continue
            if expected.get((v.name, p)) == "violated":
                continue
            out.append((ts, p))
    return out


def section_cells(specs: list[str], timeout: float, engines: list[str]) -> None:
    print(f"## Time to PROVED per cell and engine (timeout {timeout:g}s, cpus {os.cpu_count()})\n")
    print("| spec | variant | property | " + " | ".join(engines) + " |")
    print("|---|---|---|" + "---|" * len(engines))
    for path in specs:
        for ts, p in cells(path):
            row = [Path(path).stem, ts.variant, p]
            for e in engines:
                text, secs = run_engine(e, ts, p, timeout)
                row.append(f"{text} {secs:.1f}s")
            print("| " + " | ".join(row) + " |", flush=True)


def section_family(limit: float, engines: list[str]) -> None:
    fam = next(f for f in FAMILIES if f.claim == "holds")
    print(f"\n## Scaling family {fam.name} / {fam.variant} / {fam.prop}: proved within {limit:g}s\n")
    print("| irqfds | GSIs | bits | " + " | ".join(engines) + " |")
    print("|---|---|---|" + "---|" * len(engines))
    largest = "none"
    with tempfile.TemporaryDirectory() as tmp:
        for nfd in range(1, 5):
            m = member(fam, nfd, 1, Path(tmp))
            ts = lower(check_spec(m.path, m.overrides), fam.variant)
            row = [str(nfd), "1", str(ts.state_bits())]
            proved = False
            for e in engines:
                text, secs = run_engine(e, ts, fam.prop, limit)
                proved = proved or (text.startswith("PROVED") and secs <= limit)
                row.append(f"{text} {secs:.1f}s")
            print("| " + " | ".join(row) + " |", flush=True)
            if not proved:
                break
            largest = f"{nfd} irqfds"
    print(f"\nlargest member proved within {limit:g}s: {largest}")


def section_liveness(specs: list[str], timeout: float) -> None:
    """Each liveness cell the spec expects to hold, with one irqfd and with the bundled number:
    the ranking with BDDs (k-liveness certificate) and over the enumerated graph (liveness to
    safety), each re-checked."""
    print(f"\n## Liveness proofs per cell (timeout {timeout:g}s, cpus {os.cpu_count()})\n")
    print("| spec | variant | property | NFD | symbolic ranking | enumerated ranking |")
    print("|---|---|---|---|---|---|")
    for path in specs:
        for overrides in ({"NFD": 1}, {}):
            try:
                spec = check_spec(path, overrides)
            except SpecError:  # a spec without NFD
                continue
            holds = {(e.variant, e.property) for e in spec.expectations if e.verdict == "holds"}
            for v in spec.variants:
                ts = lower(spec, v.name)
                for t in ts.temporals:
                    if t.kind not in LIVENESS_KINDS or (v.name, t.name) not in holds:
                        continue
                    row = [Path(path).stem, v.name, t.name, str(overrides.get("NFD", "bundled"))]
                    for engine in ("symbolic", "enumerated"):
                        t0 = time.monotonic()
                        o = (
                            symbolic_rank(ts, t.name, _unlimited(timeout))
                            if engine == "symbolic"
                            else rank_liveness(ts, t.name, _unlimited(timeout))
                        )
                        row.append(_live_text(ts, t.name, o) + f" {time.monotonic() - t0:.1f}s")
                    print("| " + " | ".join(row) + " |", flush=True)


def _live_text(ts: TransitionSystem, prop: str, o: Outcome) -> str:
    """The outcome, with the certificate re-checked on the system its header names."""
    if not isinstance(o, Proved) or not isinstance(o.certificate, Invariant):
        return (type(o).__name__.lower() + f" ({getattr(o, 'reason', '')})")[:60]
    c = o.certificate
    system, inv = k_liveness(ts, prop, c.rounds) if c.rounds is not None else liveness_to_safety(ts, prop)
    v = check_invariant(system, inv, c.smt2, c.k, c.mode, step=c.step)
    return f"PROVED ({o.detail})"[:90] if v.ok else f"REJECTED ({v.check})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--section", choices=["cells", "family", "liveness"], action="append")
    ap.add_argument("--specs", nargs="*", default=sorted(str(p) for p in Path("spec").glob("*.irq")))
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--limit", type=float, default=60.0)
    ap.add_argument("--engines", nargs="*", default=list(ENGINES))
    a = ap.parse_args()
    sections = a.section or ["cells", "family"]
    if "cells" in sections:
        section_cells(a.specs, a.timeout, a.engines)
    if "family" in sections:
        section_family(a.limit, a.engines)
    if "liveness" in sections:
        section_liveness(a.specs, a.timeout)


if __name__ == "__main__":
    main()

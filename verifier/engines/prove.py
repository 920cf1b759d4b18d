"""Proof attempts for the safety properties the other engines left open (holding up to a bound, or
undecided): the reachable states of a small system, the reachable states as a BDD, localization
abstraction, inductive strengthening against every reachable state (when they can be
enumerated), k-induction, inductive strengthening from sampled states, then Spacer, within one
budget of work (a Meter): each engine gets a share of what is left, so what is tried, and in
what order, is the same on every run however busy the machine; only the meter's guard
(`--timeout`) can cut it short, and then what is left open is Unknown("timeout ...").
The first definite answer wins.

Nothing is reported as proved on an engine's word: every invariant an engine returns is re-checked
by verifier/proof (a fresh solver, none of the engine's code) before the property is PROVED. A
certificate that fails that check is an engine bug; the property is then left as it was, with the
failing check named in its reason, so the bug is visible rather than silently ignored.

Entry points take a plain TransitionSystem and property names, so liveness-to-safety systems can be
proved the same way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import z3

from verifier.engines.exact import exact_strengthen
from verifier.engines.kind import kinduction
from verifier.engines.localize import localize
from verifier.engines.pdr import pdr
from verifier.engines.reach import reachable_invariant
from verifier.engines.strengthen import strengthen
from verifier.engines.work import Meter
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import CHECKS, Invariant, check_invariant
from verifier.result import Outcome, Proved, Unknown, Violated
from verifier.smt.encode import Encoding

Progress = Callable[[str, int, float], None]

RECHECK_SECONDS = 600.0  # the most a certificate's re-check may take (within the guard)


def prove(
    ts: TransitionSystem,
    props: Sequence[str],
    meter: Meter,
    mode: str = "bv",
    max_k: int = 12,
    progress: Progress | None = None,
) -> dict[str, tuple[Outcome | None, float, str]]:
    """For each property: (Proved with a re-checked certificate, or a Violated counterexample found
    on the way, or Unknown("timeout ...") if the guard fired before a proof, or None), the seconds
    spent on it (for display), and why no proof was found (empty if proved).

    The engines share `meter`'s work; re-checking a certificate is not part of it (it is bounded
    by the guard alone, so that a proof found is not lost to the accounting)."""
    start = time.monotonic()
    out: dict[str, tuple[Outcome | None, float, str]] = {}
    why: dict[str, list[str]] = {p: [] for p in props}
    open_ = list(props)

    inductive: set[tuple[str, int, str]] = set()  # certificates whose base and step checks passed

    def left() -> float:
        """Work left, or none once the guard has fired (then no engine is started)."""
        return 0.0 if meter.timed_out() else meter.left()

    def accept(p: str, o: Outcome, t0: float) -> bool:
        if isinstance(o, Violated):
            out[p] = (o, time.monotonic() - t0, "")
            return True
        if not isinstance(o, Proved) or not isinstance(o.certificate, Invariant):
            return False
        if meter.timed_out():
            why[p].append(f"timeout before {o.engine}'s certificate was re-checked")
            return False
        cert = o.certificate
        key = (cert.smt2, cert.k, cert.mode)
        checks = ("property",) if key in inductive else CHECKS
        seconds = min(meter.guard.left(), RECHECK_SECONDS)
        verdict = check_invariant(ts, p, cert.smt2, cert.k, cert.mode, seconds, checks, cert.step)
        if verdict.ok:
            inductive.add(key)
            out[p] = (o, time.monotonic() - t0, "")
            return True
        if meter.timed_out():
            why[p].append(f"timeout while re-checking {o.engine}'s certificate")
        else:
            why[p].append(f"{o.engine}'s certificate failed the {verdict.check} check ({verdict.message})")
        return False

    def report(engine: str) -> None:
        if progress is not None:
            progress(engine, -1, time.monotonic() - start)

    # 0. small systems: the reachable states themselves
    if open_ and not meter.timed_out():
        t0 = time.monotonic()
        for p, o in reachable_invariant(ts, open_, mode=mode, meter=meter).items():
            if accept(p, o, t0):
                open_.remove(p)
            elif not isinstance(o, Unknown) or "more than" not in o.reason:
                why[p].append(f"explicit: {_reason(o)}")
    # 1. symbolic reachability: every reachable state as one BDD, when it fits in 60% of the work;
    #    the reachable set is an invariant for every property at once, deadlock included
    if open_ and left() > 1.0:
        from verifier.engines.symbolic import symbolic_reach  # dd (and networkx): only when used

        report("symbolic reachability")
        t0 = time.monotonic()
        for p, o in symbolic_reach(ts, open_, meter.share(0.6)).items():
            if accept(p, o, t0):
                open_.remove(p)
            else:
                why[p].append(f"symbolic: {_reason(o)}")
    # 2. localization: short tries first (what a few variables decide), then, after exact
    #    strengthening, what is left shares most of the work
    for first in (True, False):
        if not first and open_ and left() > 10.0:
            # strengthening against every reachable state, when they can all be enumerated: one
            # invariant for everything still open, deadlock included
            report("exact strengthening")
            t0 = time.monotonic()
            for p, o in exact_strengthen(ts, list(open_), meter.share(0.6), mode).items():
                if accept(p, o, t0):
                    open_.remove(p)
                else:
                    why[p].append(f"exact strengthening: {_reason(o)}")
        todo = [p for p in open_ if p != "deadlock"]
        for i, p in enumerate(todo):
            share = min(1.5, left() * 0.15 / (len(todo) - i)) if first else left() * 0.35 / (len(todo) - i)
            if share < 0.25:
                break
            report("localization")
            t0 = time.monotonic()
            o = localize(ts, p, meter.share(at_most=share), mode)
            if accept(p, o, t0):
                open_.remove(p)
            elif not first:
                why[p].append(_reason(o))
    # 3. k-induction, a short slice each: closes small and shallow systems at once
    enc = Encoding(ts, mode)
    trivial = {p for p in open_ if z3.is_false(z3.simplify(enc.bad(p, enc.cur)))}  # no step can fail it
    todo = sorted(open_, key=lambda p: p not in trivial) if not meter.timed_out() else []
    for i, p in enumerate(todo):
        share = left() * 0.3 / (len(todo) - i)
        if share < 0.05 and p not in trivial:
            why[p].append("k-induction: no work left")
            continue
        report("k-induction")
        t0 = time.monotonic()
        o = kinduction(ts, p, max_k, meter.share(at_most=share), mode)
        if accept(p, o, t0):
            open_.remove(p)
        else:
            why[p].append(f"k-induction: {_reason(o)}")
    # 4. strengthening: one set of lemmas for all that is left; the sample grows with the work
    if open_ and left() > 4.0:  # sampling and mining alone take seconds' worth on a large system
        report("strengthening")
        t0 = time.monotonic()
        sub = meter.share(0.7)
        found = strengthen(ts, open_, sub, mode, max_states=int(min(60_000, 4_000 * sub.units)))
        for p, o in found.items():
            if accept(p, o, t0):
                open_.remove(p)
            else:
                why[p].append(f"strengthening: {_reason(o)}")
    # 5. Spacer, what is left shared out
    todo = list(open_)
    for i, p in enumerate(todo):
        share = left() / (len(todo) - i)
        if share < 0.2:
            break
        report("pdr")
        t0 = time.monotonic()
        o = pdr(ts, p, meter.share(at_most=share), mode)
        if accept(p, o, t0):
            open_.remove(p)
        else:
            why[p].append(f"pdr: {_reason(o)}")
    for p in open_:
        reason = "; ".join(why[p]) or "no work left for a proof"
        o_left: Outcome | None = None
        if meter.timed_out():
            o_left = Unknown(f"timeout ({reason})")
        out[p] = (o_left, time.monotonic() - start, reason)
    return out


def _reason(o: Outcome) -> str:
    for attr in ("reason",):
        if hasattr(o, attr) and getattr(o, attr):
            return str(getattr(o, attr))
    if isinstance(o, Proved):
        return "proved without a certificate"
    return type(o).__name__.lower()

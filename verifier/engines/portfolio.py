"""Decide the safety properties of one variant: explicit search first, BMC for what it leaves open.

Explicit search checks every property in one breadth-first pass and, on a model small enough to
explore completely, settles each one for all depths; otherwise it stops at the bound. Past the
bound, preemption-bounded search covers every run with few context switches, however long (deep
bugs usually need only two or three), and random walks look further for the properties the spec
expects to fail (`Budget.hunt`). If exhaustive search ran out of states or time before the
bound, BMC takes each property still open, per property, within the time left. With the explicit
engine alone (`engine="explicit"`), exhaustive search goes past the bound for hunted properties.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from verifier.engines.bmc import bmc
from verifier.engines.explicit import explore
from verifier.engines.preempt import preemption_bounded
from verifier.engines.prove import prove
from verifier.engines.simulate import simulate
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Outcome, Unknown, Violated


@dataclass(frozen=True, slots=True)
class Budget:
    bound: int = 30
    timeout: float = 60.0  # per variant, seconds
    max_states: int = 1_000_000  # per search; about 400 MB of packed states
    engine: str = "auto"  # auto | explicit | bmc
    mode: str = "bv"
    por: bool = False
    seed: int = 0
    hunt: frozenset[str] = frozenset()  # properties expected to fail: searched past the bound
    prove: bool = False  # proofs asked for: proof attempts get at least half of `timeout`
    prove_cap: float = 3.0  # otherwise at most this many seconds of what is left go to proofs


Progress = Callable[[str, int, float], None]  # (engine, depth, seconds)


@dataclass(frozen=True, slots=True)
class Coverage:
    """The actions exhaustive search took: those it did not are never run within `depth` steps
    (at any depth, if `complete`)."""

    taken: frozenset[int]
    depth: int
    complete: bool


def decide(
    ts: TransitionSystem,
    props: Sequence[str],
    budget: Budget,
    progress: Progress | None = None,
    on_coverage: Callable[[Coverage], None] | None = None,
) -> dict[str, tuple[Outcome, float, str]]:
    """Each property's outcome, the seconds it took, and the engine that settled it; what the
    exhaustive search covered goes to `on_coverage`."""
    start = time.monotonic()
    out: dict[str, tuple[Outcome, float, str]] = {}
    open_props = list(props)
    reached = -1
    if budget.engine in ("auto", "explicit"):
        only = budget.engine == "explicit"
        ex = explore(
            ts,
            open_props,
            budget.max_states,
            budget.timeout if only else budget.timeout * 0.5,
            progress=(lambda d, n, t: progress("explicit", d, t)) if progress else None,
            bound=budget.bound,
            hunt=budget.hunt if only else (),
        )
        reached = ex.depth
        if on_coverage is not None:
            on_coverage(Coverage(ex.taken, ex.depth, ex.complete))
        for p, o in ex.outcomes.items():
            if isinstance(o, Violated) or ex.complete:
                out[p] = (o, ex.seconds, "explicit")
        open_props = [p for p in open_props if p not in out]
        note = ""
        if not only and open_props:
            # past the depth exhaustive search reached: every run with few preemptions
            # (only the properties expected to fail, if any: the search ends when they are found)
            hunted = [p for p in open_props if p in budget.hunt]
            left = budget.timeout - (time.monotonic() - start)
            if progress is not None:
                progress("preemption-bounded", reached, time.monotonic() - start)
            hunt = preemption_bounded(
                ts,
                hunted or open_props,
                max_preemptions=3 if hunted else 2,
                max_states=budget.max_states,
                timeout=left * 0.6 if hunted else min(left * 0.25, 2.0),
                none_up_to=reached,
            )
            for p, o in hunt.found.items():
                out[p] = (o, hunt.seconds, "preemption-bounded")
            open_props = [p for p in open_props if p not in out]
            if hunt.preemptions >= 0 and not hunted:
                plural = "" if hunt.preemptions == 1 else "s"
                note = f"and in every run of at most {hunt.preemptions} preemption{plural}"
        hunted_open = [p for p in open_props if p in budget.hunt]
        if not only and hunted_open and ex.frontier:
            # still open and expected to fail: random walks from the last level searched
            t0 = time.monotonic()
            if progress is not None:
                progress("simulation", reached, time.monotonic() - start)
            left = budget.timeout - (time.monotonic() - start)
            found = simulate(
                ts,
                hunted_open,
                left * 0.5,
                length=max(150, 4 * budget.bound),
                seed=budget.seed,
                none_up_to=reached,
                starts=ex.frontier,
                path_to=ex.path_to,
            )
            for p, o in found.items():
                out[p] = (o, time.monotonic() - t0, "simulation")
            open_props = [p for p in open_props if p not in out]
        if reached >= budget.bound or only:
            for p in open_props:
                o = Bounded(reached, note) if reached >= budget.bound else Unknown("state or time budget", reached)
                out[p] = (o, ex.seconds, "explicit")
            open_props = []
    for i, p in enumerate(open_props):
        left = budget.timeout - (time.monotonic() - start)
        share = left / (len(open_props) - i)
        t0 = time.monotonic()
        if share < 0.5:
            o: Outcome = Unknown(f"timeout after {budget.timeout:g}s", reached)
        else:
            o = bmc(
                ts,
                p,
                budget.bound,
                share,
                budget.mode,
                por=budget.por,
                progress=(lambda k, t, _n=0: progress("bmc", k, t)) if progress else None,
            )
        if isinstance(o, Unknown) and o.depth < reached:
            o = Unknown(o.reason, reached)  # explicit search already saw every state up to `reached`
        out[p] = (o, time.monotonic() - t0, "bmc")
    if budget.engine == "auto":
        _prove_open(ts, out, budget, start, progress)
    return out


def _prove_open(
    ts: TransitionSystem,
    out: dict[str, tuple[Outcome, float, str]],
    budget: Budget,
    start: float,
    progress: Progress | None,
) -> None:
    """Proof attempts for what holds up to a bound or is undecided, in the time left (with `prove`,
    at least half the timeout); a proof replaces the outcome, a failure is given as the reason."""
    open_ = [p for p, (o, _, _) in out.items() if isinstance(o, Bounded | Unknown)]
    if not open_:
        return
    left = budget.timeout - (time.monotonic() - start)
    settled = all(isinstance(out[p][0], Bounded) and out[p][0].reason.startswith("all ") for p in open_)
    cap = budget.prove_cap if settled else budget.prove_cap / 2  # a large system: only the cheap proofs
    seconds = max(left, budget.timeout * 0.5) if budget.prove else min(left, cap)
    if seconds < 0.2:
        return
    for p, (o, t, why) in prove(ts, open_, seconds, budget.mode, progress=progress).items():
        old, old_t, engine = out[p]
        if o is not None:
            out[p] = (o, old_t + t, getattr(o, "engine", engine))
        elif isinstance(old, Bounded):
            reason = f"{old.reason}; no proof: {why}" if old.reason else f"no proof: {why}"
            out[p] = (Bounded(old.depth, reason), old_t, engine)

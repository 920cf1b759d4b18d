"""Decide the safety properties of one variant: explicit search first, BMC for what it leaves open.

Explicit search checks every property in one breadth-first pass and, on a model small enough to
explore completely, settles each one for all depths. On a larger model it stops at its state or
time budget; BMC then takes each property still open, per property, past the depth the search
reached, within the remaining time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from verifier.engines.bmc import bmc
from verifier.engines.explicit import explore
from verifier.engines.simulate import simulate
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Outcome, Unknown, Violated


@dataclass(frozen=True, slots=True)
class Budget:
    bound: int = 30
    timeout: float = 60.0  # per variant, seconds
    max_states: int = 300_000
    engine: str = "auto"  # auto | explicit | bmc
    mode: str = "bv"
    por: bool = False
    seed: int = 0


Progress = Callable[[str, int, float], None]  # (engine, depth, seconds)


def decide(
    ts: TransitionSystem, props: Sequence[str], budget: Budget, progress: Progress | None = None
) -> dict[str, tuple[Outcome, float, str]]:
    """Each property's outcome, the seconds it took, and the engine that settled it."""
    start = time.monotonic()
    out: dict[str, tuple[Outcome, float, str]] = {}
    open_props = list(props)
    reached = -1
    if budget.engine in ("auto", "explicit"):
        share = budget.timeout if budget.engine == "explicit" else budget.timeout * 0.5
        ex = explore(
            ts,
            open_props,
            budget.max_states,
            share,
            progress=(lambda d, n, t: progress("explicit", d, t)) if progress else None,
        )
        reached = ex.depth
        for p, o in ex.outcomes.items():
            if isinstance(o, Violated) or ex.complete:
                out[p] = (o, ex.seconds, "explicit")
        open_props = [p for p in open_props if p not in out]
        if budget.engine == "auto" and open_props:
            # deeper than exhaustive search got: random walks, checking every open property
            t0 = time.monotonic()
            if progress is not None:
                progress("simulation", reached, time.monotonic() - start)
            found = simulate(
                ts,
                open_props,
                (budget.timeout - (time.monotonic() - start)) * (1.0 if reached >= budget.bound else 0.5),
                length=max(150, 4 * budget.bound),
                seed=budget.seed,
                none_up_to=reached,
                starts=ex.frontier,
                path_to=ex.path_to,
            )
            for p, o in found.items():
                out[p] = (o, time.monotonic() - t0, "simulation")
            open_props = [p for p in open_props if p not in out]
        if reached >= budget.bound or budget.engine == "explicit":
            for p in open_props:
                o = Bounded(budget.bound) if reached >= budget.bound else Unknown("state or time budget", reached)
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
    return out

"""Decide the safety properties of one variant: explore until settled, then hunt and prove.

The policy is the same for every property and never reads a spec's `expect` lines (they are
compared with the result at the end): a user runs irqverify on designs whose answer is unknown.

1. Exhaustive breadth-first search, all properties in one pass, until every reachable state is
   explored (each property is then settled for all depths), every property is violated (at its
   shortest depth), or the state budget is spent. `--bound` is an opt-in depth limit only.
   Reduced by symmetry where threads are interchangeable (verifier/engines/symmetry.py), else
   partial-order reduced where that pays (verifier/engines/por.py; `explicit_por`): the same
   verdicts, depths and coverage from fewer states.
2. What it leaves open: preemption-bounded search past the depth it reached (every run with 0, 1,
   2, ... preemptions, as many as its budget of pairs allows), then seeded random walks from the
   deepest level it completed. Deep bugs need few preemptions; walks cover what remains.
3. With an opt-in `--bound` beyond what exhaustive search reached: BMC, property by property.
4. The proof engines get what still holds (and, with a smaller budget, what exhaustive search
   settled, for a certificate); a counterexample one of them finds is a violation reported.

Every budget counts work (states, pairs, steps, solver and BDD work units), so the same spec and
options give the same verdicts, depths and traces on an idle or a loaded machine. The one
exception is the outer guard (`--timeout`): when it fires, what is still open is UNKNOWN
(timeout), never a bounded result that looks normal.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from verifier.engines.preempt import preemption_bounded
from verifier.engines.simulate import simulate
from verifier.engines.work import INTERRUPTED, MEMORY, NO_GUARD, Guard, Meter
from verifier.result import Bounded, Outcome, Proved, Unknown, Violated

if TYPE_CHECKING:
    from verifier.engines.explicit import Exploration
    from verifier.ir.model import TransitionSystem

# The engines are imported where they are used: exhaustive search (numpy) by a run that searches
# (not by `irqverify check` or the language server, which import this module for Budget); BMC
# (z3), the worker-process and cluster searches and the proof engines (z3, dd) by a run that
# reaches them.

BMC_DEPTH = 30  # BMC's depth when `--engine bmc` runs without `--bound`
PROVE_FACTOR = 5  # `--prove`: the proof engines get this many times their default work


@dataclass(frozen=True, slots=True)
class Budget:
    """What one variant may spend, in work. Sized for a 2-core, 24 GB machine: six million packed
    states take about 2 GB, so two variants can run side by side."""

    bound: int | None = None  # opt-in depth limit for exhaustive search; BMC's depth
    timeout: float | None = 3600.0  # the outer guard per variant, seconds (None: no guard)
    max_states: int = 6_000_000  # exhaustive search (and a liveness property's product search)
    hunt_states: int = 2_000_000  # preemption-bounded search: (state, thread) pairs, all rounds
    walk_steps: int = 500_000  # random walks: steps in all (safety; and per liveness property)
    proof_work: float = 200.0  # proof engines: work units (about a CPU second each); a tenth more for lasso BMC
    settled_work: float = 10.0  # proofs for what exhaustive search already settled (a certificate)
    engine: str = "auto"  # auto | explicit | bmc
    mode: str = "bv"
    por: bool = False  # partial-order reduction in BMC's encoding (`--bmc-por`)
    explicit_por: bool = True  # partial-order reduction in exhaustive search (verifier/engines/por.py)
    symmetry: bool = True  # symmetry reduction in exhaustive search (verifier/engines/symmetry.py)
    seed: int = 0
    prove: bool = False  # proofs asked for: PROVE_FACTOR times the proof work; liveness past the bound
    # exhaustive search with each level expanded by this many worker processes of this machine
    # (verifier.engines.parallel), or split into this many hash partitions, actors on the Dask
    # cluster at `cluster` (verifier.engines.partition); 1: one process
    workers: int = 1
    cluster: str | None = None

    def proof_meter(self, guard: Guard, settled: bool = False) -> Meter:
        units = self.settled_work if settled else self.proof_work
        return Meter(units * (PROVE_FACTOR if self.prove else 1), guard)


# (engine, depth, seconds, states): what an engine is doing, for a progress display
Progress = Callable[..., None]


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
    guard: Guard = NO_GUARD,
    progress: Progress | None = None,
    on_coverage: Callable[[Coverage], None] | None = None,
) -> dict[str, tuple[Outcome, float, str]]:
    """Each property's outcome, the seconds it took, and the engine that settled it; what the
    exhaustive search covered goes to `on_coverage`."""
    start = time.monotonic()
    out: dict[str, tuple[Outcome, float, str]] = {}
    open_props = list(props)
    reached = -1
    covered: list[str] = []  # what the searches covered, for the reason of a cell left open
    if budget.engine in ("auto", "explicit"):
        ex = _exhaustive(ts, open_props, budget, guard, progress)
        reached = ex.depth
        if on_coverage is not None:
            on_coverage(Coverage(ex.taken, ex.depth, ex.complete))
        for p, o in ex.outcomes.items():
            if isinstance(o, Violated) or ex.complete:
                out[p] = (o, ex.seconds, "explicit")
        open_props = [p for p in open_props if p not in out]
        if open_props:
            covered.append(_stop_reason(ex.stopped, ex.states, reached, budget, guard))
        if budget.engine == "auto" and open_props and not guard.expired():
            # past the depth exhaustive search reached: every run with few preemptions
            if progress is not None:
                progress("preemption-bounded", reached, time.monotonic() - start)
            hunt = preemption_bounded(ts, open_props, None, budget.hunt_states, guard, none_up_to=reached)
            for p, o in hunt.found.items():
                out[p] = (o, hunt.seconds, "preemption-bounded")
            open_props = [p for p in open_props if p not in out]
            if hunt.preemptions >= 0:
                plural = "" if hunt.preemptions == 1 else "s"
                covered.append(f"every run of at most {hunt.preemptions} preemption{plural}")
        if budget.engine == "auto" and open_props and ex.frontier and not guard.expired():
            # random walks from the last level searched, a fixed number of steps, seeded
            t0 = time.monotonic()
            if progress is not None:
                progress("simulation", reached, time.monotonic() - start)
            found = simulate(
                ts,
                open_props,
                budget.walk_steps,
                length=max(150, 4 * reached),
                seed=budget.seed,
                none_up_to=reached,
                starts=ex.frontier,
                path_to=ex.path_to,
                guard=guard,
            )
            for p, o in found.items():
                out[p] = (o, time.monotonic() - t0, "simulation")
            open_props = [p for p in open_props if p not in out]
            covered.append(f"{budget.walk_steps} random walk steps (seed {budget.seed})")
        for p in open_props:
            out[p] = (Bounded(reached, "; ".join(covered)), ex.seconds, "explicit")
        if budget.bound is not None and reached < budget.bound and budget.engine == "auto":
            open_props = [p for p in open_props if not guard.expired()]  # BMC to the asked bound
        else:
            open_props = []
    depth = budget.bound if budget.bound is not None else BMC_DEPTH
    if open_props:
        from verifier.engines.bmc import bmc

        bmc_meter = budget.proof_meter(guard)
        for i, p in enumerate(open_props):
            t0 = time.monotonic()
            o: Outcome = bmc(
                ts,
                p,
                depth,
                bmc_meter.share(1 / (len(open_props) - i)),
                budget.mode,
                por=budget.por,
                progress=(lambda k, t: progress("bmc", k, t)) if progress else None,
            )
            if isinstance(o, Unknown) and o.depth < reached:
                o = Unknown(o.reason, reached)  # explicit search already saw every state up to `reached`
            if isinstance(o, Bounded) and p in out:
                o = Bounded(o.depth, "; ".join([*covered, f"BMC to depth {o.depth}"]))
            out[p] = (o, time.monotonic() - t0, "bmc")
    if budget.engine == "auto":
        _prove_open(ts, out, budget, guard, progress)
    if guard.expired():
        mark_timed_out(out, budget, guard)
    return out


def _exhaustive(
    ts: TransitionSystem, props: list[str], budget: Budget, guard: Guard, progress: Progress | None
) -> Exploration:
    """Exhaustive search: in this process; with `budget.workers` worker processes expanding each
    level (the same outcomes, depths and state counts as the unreduced search; see
    verifier.engines.parallel); on a cluster, split into `budget.workers` hash partitions, each
    holding its share of the states (see verifier.engines.partition)."""
    from verifier.engines.explicit import explore

    shown = (lambda d, n, t: progress("explicit", d, t, n)) if progress else None
    if budget.workers <= 1:
        return explore(
            ts,
            props,
            budget.max_states,
            guard,
            progress=shown,
            bound=budget.bound,
            por=budget.explicit_por,
            symmetry=budget.symmetry,
        )
    if budget.cluster is None:
        from verifier.engines.parallel import explore_parallel

        return explore_parallel(
            ts, props, budget.max_states, guard, progress=shown, bound=budget.bound, workers=budget.workers
        )
    from verifier.engines.cluster import actors
    from verifier.engines.partition import explore_partitioned

    start = actors(budget.cluster)
    return explore_partitioned(
        ts, props, budget.max_states, guard, progress=shown, bound=budget.bound, workers=budget.workers, start=start
    )


_CUT_BY = {MEMORY: "the memory budget", INTERRUPTED: "the interrupt"}


def _stop_reason(stopped: str, states: int, depth: int, budget: Budget, guard: Guard = NO_GUARD) -> str:
    if stopped == "bound":
        return f"exhaustive search to the bound, depth {depth} ({states} states)"
    if stopped == "timeout":  # the guard fired: for whichever of its reasons
        by = _CUT_BY.get(guard.cause() or "", "the timeout")
        return f"exhaustive search cut by {by} after {states} states, every state up to depth {depth}"
    return f"state budget of {budget.max_states} states spent, every state up to depth {depth}"


def mark_timed_out(out: dict[str, tuple[Outcome, float, str]], budget: Budget, guard: Guard | None = None) -> None:
    """The guard fired: a cell that exhaustive search did not settle, and no engine proved or
    refuted, is UNKNOWN (timeout), with what was covered before. When `guard` fired for memory or
    an interrupt, its reason says so instead (an engine's own "timeout ..." is then dropped: it
    only says that the guard fired)."""
    cause = guard.cause() if guard is not None else None
    if guard is not None and cause in (MEMORY, INTERRUPTED):
        head = guard.describe()
        for p, (o, t, engine) in out.items():
            if isinstance(o, Bounded) and o.reason.startswith("all "):
                continue
            if isinstance(o, Bounded | Unknown) and not o.reason.startswith(head):
                inner = "" if o.reason.startswith("timeout") else o.reason
                out[p] = (Unknown(head + (f" ({inner})" if inner else ""), o.depth, o.warnings), t, engine)
        return
    for p, (o, t, engine) in out.items():
        if isinstance(o, Bounded) and not o.reason.startswith("all "):
            why = f"timeout after {budget.timeout:g}s" + (f" ({o.reason})" if o.reason else "")
            out[p] = (Unknown(why, o.depth, o.warnings), t, engine)
        elif isinstance(o, Unknown) and not o.reason.startswith("timeout"):
            out[p] = (Unknown(f"timeout after {budget.timeout:g}s ({o.reason})", o.depth, o.warnings), t, engine)


def _prove_open(
    ts: TransitionSystem,
    out: dict[str, tuple[Outcome, float, str]],
    budget: Budget,
    guard: Guard,
    progress: Progress | None,
) -> None:
    """Proof attempts for what holds (or is undecided), within the proof budget; a proof replaces
    the outcome, a counterexample found on the way too; a failure is given as the reason."""
    open_ = [p for p, (o, _, _) in out.items() if isinstance(o, Bounded | Unknown)]
    if not open_ or guard.expired():
        return
    settled = all(isinstance(out[p][0], Bounded) and out[p][0].reason.startswith("all ") for p in open_)
    from verifier.engines.prove import prove

    for p, (o, t, why) in prove(ts, open_, budget.proof_meter(guard, settled), budget.mode, progress=progress).items():
        old, old_t, engine = out[p]
        if isinstance(o, Violated | Proved):
            out[p] = (o, old_t + t, getattr(o, "engine", engine))
        elif isinstance(old, Bounded):
            reason = f"{old.reason}; no proof: {why}" if old.reason else f"no proof: {why}"
            out[p] = (Bounded(old.depth, reason, old.warnings), old_t, engine)

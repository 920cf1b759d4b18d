"""Bounded model checking: refute a safety property with the shortest counterexample.

One incremental solver per run. Depth by depth: assert the step relation T(k-1, k), then ask for a
bad state at frame k under an assumption literal, so the first satisfiable depth is the shortest.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import z3

from verifier.engines.kind import metered_check, solver_unknown
from verifier.engines.work import Meter
from verifier.ir.model import TransitionSystem
from verifier.result import Bounded, Outcome, Trace, Violated
from verifier.smt.encode import Encoding

Progress = Callable[[int, float], None]  # (depth done, seconds so far): for display only


def bmc(
    ts: TransitionSystem,
    prop: str,
    bound: int,
    meter: Meter,
    mode: str = "bv",
    por: bool = False,
    progress: Progress | None = None,
    seed: int = 0,
) -> Outcome:
    """Search counterexamples to `prop` of 0..bound steps, every query charged to `meter`: when it
    runs out (or its guard fires), Unknown with the deepest depth searched completely."""
    start = time.monotonic()
    enc = Encoding(ts, mode, por=por)
    solver = z3.SolverFor("QF_BV", ctx=enc.ctx) if mode == "bv" else z3.Solver(ctx=enc.ctx)
    solver.set("random_seed", seed)
    for k in range(bound + 1):
        if k > 0:
            solver.add(enc.step(k - 1))
        probe = z3.Bool(f"bad@{k}", enc.ctx)
        solver.add(z3.Implies(probe, enc.bad_at(prop, k)))
        answer = metered_check(solver, meter, probe)
        if progress is not None:
            progress(k, time.monotonic() - start)
        if answer == z3.sat:
            model = solver.model()
            actions = tuple(model.eval(enc.act(t), model_completion=True).as_long() for t in range(k))
            return Violated(k, Trace(actions))
        if answer == z3.unknown:
            return solver_unknown(solver, meter, f"bmc at depth {k}", k - 1)
    return Bounded(bound)

"""The one place that chains the stages: text -> AST -> checked spec -> IR -> engines -> replayed results."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import TypeVar

from verifier.diagnostics import Diagnostic, SpecError
from verifier.engines.liveness import LiveBudget, check_lasso, decide_liveness, default_prover
from verifier.engines.portfolio import Budget, Coverage, decide, mark_timed_out
from verifier.engines.work import Guard
from verifier.ir.l2s import is_liveness
from verifier.ir.lower import LoweringError, lower
from verifier.ir.model import TransitionSystem
from verifier.render.progress import WorkerProgress, install_channel
from verifier.render.trace import ReplayMismatch, TraceView, replay, step_location
from verifier.result import Bounded, Outcome, Proved, Unknown, Violated
from verifier.sema import typed as T
from verifier.sema.check import check
from verifier.sema.types import state_bits
from verifier.syntax.load import load

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class SpecSummary:
    """What `irqverify check` prints for a spec that checked cleanly."""

    spec: T.CheckedSpec
    shared_bits: int
    thread_bits: int


def check_spec(path: str, overrides: dict[str, int] | None = None, text: str | None = None) -> T.CheckedSpec:
    """Parse, load includes and check the spec at `path`; raises SpecError."""
    return check(load(path, text), overrides)


def summarize(spec: T.CheckedSpec) -> SpecSummary:
    """State size in bits: shared variables and pools, and per thread its locals and program counter."""
    n = len(spec.instances)
    shared = sum(state_bits(g.type, n) for g in spec.globals)
    for pool in spec.pools:
        shared += pool.size * (1 + sum(state_bits(t, n) for _, t in pool.fields))
    per_template = {}
    for tmpl in spec.templates:
        locals_bits = sum(state_bits(t, n) for _, t in tmpl.locals)
        pcs = _count_stmts(tmpl.body) + 2
        per_template[tmpl.name] = locals_bits + max(1, (pcs - 1).bit_length())
    threads = sum(per_template[i.template] for i in spec.instances)
    return SpecSummary(spec, shared, threads)


def _count_stmts(body: tuple[T.TStmt, ...]) -> int:
    total = 0
    for s in body:
        total += 1
        match s:
            case T.If(_, then, orelse):
                total += _count_stmts(then) + _count_stmts(orelse)
            case T.While(_, b) | T.Foreach(_, _, _, _, b) | T.Inline(_, b):
                total += _count_stmts(b)
            case T.Either(branches):
                total += sum(_count_stmts(b) for b in branches)
            case T.Label(_, inner):
                total += _count_stmts((inner,))
    return total


def guarded(fn: Callable[[], R]) -> R:
    """Run a stage; a recursion overflow on absurdly nested input becomes an IRQ007 diagnostic."""
    try:
        return fn()
    except RecursionError:
        raise SpecError([Diagnostic("IRQ007", "the spec is nested too deeply to process", None)]) from None


# ---- verification ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Request:
    """What to verify: which variants and properties, with which budget."""

    variants: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()
    budget: Budget = field(default_factory=Budget)
    jobs: int = 0  # 0: one per core


@dataclass(frozen=True, slots=True)
class Cell:
    """The verdict for one (variant, property)."""

    spec: str
    variant: str
    property: str
    kind: str  # invariant | property | check
    verdict: str  # violated | holds | proved | unknown
    depth: int
    seconds: float
    engine: str
    detail: str
    expected: str | None
    trace: TraceView | None = None
    minimal: bool = True  # for a violation: no shorter counterexample exists
    none_up_to: int = -1  # for a non-minimal violation: no counterexample of this many steps or fewer
    warnings: tuple[str, ...] = ()  # vacuity warnings (liveness), shown loudly
    certificate: object = field(default=None, compare=False, repr=False)  # for proved: its Invariant

    @property
    def met(self) -> bool | None:
        """Whether the expectation is met (None if there is none)."""
        if self.expected is None:
            return None
        if self.expected == "violated":
            return self.verdict == "violated"
        return self.verdict in ("holds", "proved")


@dataclass(frozen=True, slots=True)
class Unreached:
    """Statements exhaustive search never ran: in no run of `depth` steps or fewer (of any length,
    if `complete`). A property that holds only because such code never runs is visible here."""

    depth: int
    complete: bool
    statements: tuple[tuple[str, str, tuple[str, ...]], ...]  # (file:line, statement, threads)


@dataclass(frozen=True, slots=True)
class SpecResult:
    spec: T.CheckedSpec
    cells: tuple[Cell, ...]
    bits: dict[str, int]
    unreached: dict[str, Unreached] = field(default_factory=dict)  # by variant


VariantOutcome = tuple[dict[str, tuple[Outcome, float, str]], Unreached | None]


class InternalError(Exception):
    """A bug in irqverify (a replay mismatch, an IR the lowering cannot build): exit status 70."""


def safety_properties(spec: T.CheckedSpec) -> list[tuple[str, str]]:
    """(name, kind) of every property the safety engines decide, in report order."""
    out = [(i.name, "invariant") for i in spec.invariants]
    out += [(p.name, "property") for p in spec.properties]
    out += [(c.name, "check") for c in spec.checks]
    return out


def verify(
    paths: Sequence[str],
    overrides: dict[str, int],
    request: Request,
    progress: Callable[[str, str, str, int, float, int], None] | None = None,
) -> list[SpecResult | SpecError]:
    """Check every spec, then decide every selected (variant, property) cell, variants in parallel.
    `progress(path, variant, engine, depth, seconds, states)` gets the engines' progress, from worker
    processes too, and `engine == "done"` (seconds 0.0) once a variant is decided; it never changes
    a result."""
    checked: list[tuple[str, T.CheckedSpec | SpecError]] = []
    for path in paths:
        try:
            checked.append((path, guarded(lambda p=path: check_spec(p, overrides))))  # type: ignore[misc]
        except SpecError as e:
            checked.append((path, e))
    jobs: list[tuple[str, T.CheckedSpec, str, list[tuple[str, str]]]] = []
    for path, spec in checked:
        if isinstance(spec, SpecError):
            continue
        props = [(n, k) for n, k in safety_properties(spec) if not request.properties or n in request.properties]
        for v in spec.variants:
            if request.variants and v.name not in request.variants:
                continue
            jobs.append((path, spec, v.name, props))
    outcomes: dict[tuple[str, str], VariantOutcome] = {}
    workers = request.jobs or os.cpu_count() or 1
    if workers <= 1 or len(jobs) <= 1:
        for path, _spec, variant, props in jobs:
            outcomes[(path, variant)] = _decide_variant(
                path, overrides, variant, [p for p, _ in props], request.budget, _relay(progress, path, variant)
            )
            if progress is not None:
                progress(path, variant, "done", -1, 0.0, -1)
    else:
        context = get_context("spawn")
        # a worker writes a variant's events before it sends the result: draining before taking
        # the finished futures delivers them ahead of the variant's "done"
        relay = WorkerProgress(context, progress) if progress is not None else None
        try:
            with ProcessPoolExecutor(
                max_workers=min(workers, len(jobs)),
                mp_context=context,
                initializer=install_channel if relay is not None else None,
                initargs=relay.initargs if relay is not None else (),
            ) as pool:
                futures: dict[Future[VariantOutcome], tuple[str, str]] = {}
                for path, _spec, variant, props in jobs:
                    sender = relay.sender(path, variant) if relay is not None else None
                    fut = pool.submit(
                        _decide_variant, path, overrides, variant, [p for p, _ in props], request.budget, sender
                    )
                    futures[fut] = (path, variant)
                pending = set(futures)
                while pending:
                    done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                    if relay is not None:
                        relay.drain()
                    for fut in done:
                        outcomes[futures[fut]] = fut.result()
                        if progress is not None:
                            progress(*futures[fut], "done", -1, 0.0, -1)
        finally:
            if relay is not None:
                relay.close()
    results: list[SpecResult | SpecError] = []
    for path, spec in checked:
        if isinstance(spec, SpecError):
            results.append(spec)
            continue
        results.append(_assemble(path, spec, overrides, request, outcomes))
    return results


def _relay(
    progress: Callable[[str, str, str, int, float, int], None] | None, path: str, variant: str
) -> Callable[..., None] | None:
    """The engines' callback `(engine, depth, seconds, states=-1)` for one variant decided in this
    process: the pipeline's callback with the variant named."""
    if progress is None:
        return None

    def relay(engine: str, depth: int, seconds: float, states: int = -1) -> None:
        progress(path, variant, engine, depth, seconds, states)

    return relay


def _decide_variant(
    path: str,
    overrides: dict[str, int],
    variant: str,
    props: list[str],
    budget: Budget,
    progress: Callable[..., None] | None,
) -> VariantOutcome:
    """Worker: lower one variant and decide its properties (runs in a worker process); also which
    statements exhaustive search never ran. The spec's expectations are not read here: every
    property gets the same search, whatever the spec expects of it."""
    guard = Guard.after(budget.timeout)
    spec = check_spec(path, overrides)
    ts = _lower(spec, variant)
    live = [p for p in props if is_liveness(ts, p)]
    safety = [p for p in props if _is_safety(spec, p)]
    covered: list[Coverage] = []
    out = decide(ts, safety, budget, guard, progress, covered.append)
    if live:
        out.update(_decide_liveness(ts, live, budget, guard, progress))
    # coverage comes from the safety search: with none to search, it would call every statement unreached
    return out, _unreached(ts, covered[0]) if covered and safety else None


def _unreached(ts: TransitionSystem, cov: Coverage) -> Unreached:
    """The statements (as traces name them) none of whose actions the search took."""
    reached: set[str] = set()
    missed: dict[str, tuple[str, list[str]]] = {}
    for ai, a in enumerate(ts.actions):
        location, text = step_location(ts, ai)
        if ai in cov.taken:
            reached.add(location)
        else:
            threads = missed.setdefault(location, (text, []))[1]
            if ts.threads[a.thread].name not in threads:
                threads.append(ts.threads[a.thread].name)
    return Unreached(
        cov.depth,
        cov.complete,
        tuple((loc, text, tuple(th)) for loc, (text, th) in missed.items() if loc not in reached),
    )


def _decide_liveness(
    ts: TransitionSystem,
    props: list[str],
    budget: Budget,
    guard: Guard,
    progress: Callable[..., None] | None,
) -> dict[str, tuple[Outcome, float, str]]:
    """Liveness properties: lassos, bounded or exhaustive verdicts, proofs by ranking or via
    liveness to safety, with the same work budgets as the safety search."""
    live_budget = LiveBudget(
        max_states=budget.max_states // 3,  # a product state (state, pending bit, parent) is larger
        walk_steps=budget.walk_steps,
        bmc_units=budget.proof_work * 0.1,
        bound=budget.bound,
        proof=budget.proof_meter(guard),
        engine=budget.engine,
        mode=budget.mode,
        seed=budget.seed,
    )
    out = decide_liveness(ts, props, live_budget, default_prover(budget.mode), progress)
    if guard.expired():
        mark_timed_out(out, budget)
    return out


def _is_safety(spec: T.CheckedSpec, prop: str) -> bool:
    for p in spec.properties:
        if p.name == prop:
            return p.formula.kind == "always"
    return True


def _lower(spec: T.CheckedSpec, variant: str) -> TransitionSystem:
    try:
        return lower(spec, variant)
    except LoweringError as e:
        where = f" at {e.span}" if e.span is not None and e.span.line else ""
        raise InternalError(f"cannot build the transition system of variant '{variant}'{where}: {e}") from None


def _assemble(
    path: str,
    spec: T.CheckedSpec,
    overrides: dict[str, int],
    request: Request,
    outcomes: dict[tuple[str, str], VariantOutcome],
) -> SpecResult:
    expected = {(e.variant, e.property): e.verdict for e in spec.expectations}
    kinds = dict(safety_properties(spec))
    cells: list[Cell] = []
    bits: dict[str, int] = {}
    unreached: dict[str, Unreached] = {}
    for v in spec.variants:
        if (path, v.name) not in outcomes:
            continue
        ts = _lower(spec, v.name)
        bits[v.name] = ts.state_bits()
        decided, missed = outcomes[(path, v.name)]
        if missed is not None:
            unreached[v.name] = missed
        for prop, (outcome, seconds, engine) in decided.items():
            cells.append(
                _cell(
                    path,
                    ts,
                    v.name,
                    prop,
                    kinds.get(prop, "property"),
                    outcome,
                    seconds,
                    engine,
                    expected.get((v.name, prop)),
                )
            )
    return SpecResult(spec, tuple(cells), bits, unreached)


def _cell(
    path: str,
    ts: TransitionSystem,
    variant: str,
    prop: str,
    kind: str,
    o: Outcome,
    seconds: float,
    engine: str,
    expected: str | None,
) -> Cell:
    match o:
        case Violated(depth, trace, _, minimal, none_up_to):
            if trace.loop is not None:
                why = check_lasso(ts, prop, trace)
                if why is not None:
                    raise InternalError(f"{path} [{variant}] {prop}: lasso from {o.engine} does not check: {why}")
            try:
                view = replay(ts, prop, trace)
            except ReplayMismatch as e:
                raise InternalError(
                    f"{path} [{variant}] {prop}: counterexample from {o.engine} does not replay: {e}"
                ) from None
            return Cell(
                path, variant, prop, kind, "violated", depth, seconds, o.engine, "", expected, view, minimal, none_up_to
            )
        case Bounded(depth, reason):
            return Cell(
                path, variant, prop, kind, "holds", depth, seconds, engine, reason, expected, warnings=o.warnings
            )
        case Proved(method, _, detail):
            return Cell(
                path,
                variant,
                prop,
                kind,
                "proved",
                -1,
                seconds,
                method,
                detail,
                expected,
                warnings=o.warnings,
                certificate=o.certificate,
            )
        case Unknown(reason, depth):
            return Cell(
                path, variant, prop, kind, "unknown", depth, seconds, engine, reason, expected, warnings=o.warnings
            )
    raise InternalError(f"unknown outcome {o!r}")


__all__ = [
    "Cell",
    "InternalError",
    "Request",
    "SpecError",
    "SpecResult",
    "SpecSummary",
    "Unreached",
    "check_spec",
    "guarded",
    "summarize",
    "verify",
]

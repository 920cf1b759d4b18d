"""The one place that chains the stages: text -> AST -> checked spec -> IR -> engines -> replayed results."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing import get_context, resource_tracker
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_for_exits
from multiprocessing.process import BaseProcess
from typing import TypeVar

from verifier.diagnostics import Diagnostic, SpecError
from verifier.engines.portfolio import Budget, Coverage, decide, mark_timed_out
from verifier.engines.work import INTERRUPTED, Guard, interrupted
from verifier.ir.l2s import is_liveness
from verifier.ir.lower import LoweringError, lower
from verifier.ir.model import TransitionSystem
from verifier.render.naming import name_step
from verifier.render.progress import WorkerProgress, install_channel
from verifier.render.trace import ReplayMismatch, TraceView, replay
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
    """Parse, load includes and check the spec at `path`; raises SpecError. Within
    `one_check_per_spec()`, each (path, overrides, text) is checked once and its result (the
    checked spec, or the SpecError) given to every later call."""
    run = _run
    if run is None:
        return check(load(path, text), overrides)
    key = (path, tuple((overrides or {}).items()), text)
    with _run_lock:
        hit = run.checked.get(key)
    if hit is None:
        try:
            hit = check(load(path, text), overrides)
        except SpecError as e:
            hit = e
        with _run_lock:
            hit = run.checked.setdefault(key, hit)
    if isinstance(hit, SpecError):
        raise SpecError(list(hit.diagnostics))
    return hit


@dataclass(slots=True)
class _RunCache:
    """What one run computes once and shares: each spec's check (or its errors), and each
    variant's transition system (built for its search, and again for its report). Both are
    immutable, frozen dataclasses and tuples all the way down, so every caller can have the same
    one; a transition system is kept with the spec it was built from (keyed by that spec's id)."""

    checked: dict[tuple[str, tuple[tuple[str, int], ...], str | None], T.CheckedSpec | SpecError] = field(
        default_factory=dict
    )
    lowered: dict[tuple[int, str], tuple[T.CheckedSpec, TransitionSystem]] = field(default_factory=dict)
    depth: int = 0  # one_check_per_spec blocks open (the cache goes with the last)


_run: _RunCache | None = None  # while one_check_per_spec() is active
_run_lock = threading.Lock()


@contextlib.contextmanager
def one_check_per_spec() -> Iterator[None]:
    """Within the block, check_spec checks each spec once, and each variant is lowered once: a run
    checks a spec for its `-V`/`-p` names, for its jobs and for each variant decided in this
    process (a worker process gets the checked spec with its job), and parsing and checking cost
    more than a short search. The cache lives as long as the outermost block (one run), so a
    long-lived process (the language server, tests) sees a file's changes between runs; within a
    run every stage sees the spec as it was first read."""
    global _run
    with _run_lock:
        if _run is None:
            _run = _RunCache()
        _run.depth += 1
    try:
        yield
    finally:
        with _run_lock:
            assert _run is not None
            _run.depth -= 1
            if _run.depth == 0:
                _run = None


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
    # resident memory for the whole run, in bytes, shared equally by the worker processes that run
    # at once (each variant's guard stops its engines at its share); None: no budget
    max_memory: int | None = None
    # a Dask cluster ("auto": a local one; or its scheduler's address): the variants are its
    # tasks, or with budget.workers > 1 each search's partitions are its actors
    cluster: str | None = None
    cluster_workers: int | None = None  # worker processes of an `auto` cluster (None: one per core)


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
    # a violation reported as lockdep reports it, a warning: irq_inversion where its variant's
    # deadlock is settled (proved, or holds in every reachable state), so no interrupt deadlocks
    lockdep_warning: bool = False

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
    # internal errors ("[variant] what went wrong"): those variants have no cells, the others do
    errors: tuple[str, ...] = ()


VariantOutcome = tuple[dict[str, tuple[Outcome, float, str]], Unreached | None]


class InternalError(Exception):
    """A bug in irqverify (a replay mismatch, an IR the lowering cannot build): exit status 70."""


def safety_properties(spec: T.CheckedSpec) -> list[tuple[str, str]]:
    """(name, kind) of every property the safety engines decide, in report order."""
    out = [(i.name, "invariant") for i in spec.invariants]
    out += [(p.name, "property") for p in spec.properties]
    out += [(c.name, "check") for c in spec.checks]
    return out


# one variant to decide: (key, path, overrides, variant, properties); key = (label, variant), the
# label the spec's path, with its --sweep setting when there are several
Job = tuple[tuple[str, str], str, dict[str, int], str, list[tuple[str, str]]]


def setting_label(path: str, overrides: dict[str, int]) -> str:
    """How a spec under one setting of a sweep is named in progress and reports: `path [N=2]`."""
    if not overrides:
        return path
    return f"{path} [{' '.join(f'{k}={v}' for k, v in overrides.items())}]"


def verify(
    paths: Sequence[str],
    overrides: dict[str, int],
    request: Request,
    progress: Callable[[str, str, str, int, float, int], None] | None = None,
) -> list[SpecResult | SpecError]:
    """Check every spec, then decide every selected (variant, property) cell, variants in parallel.
    `progress(path, variant, engine, depth, seconds, states)` gets the engines' progress, from worker
    processes too, and `engine == "done"` (seconds 0.0) once a variant is decided; it never changes
    a result.

    A variant that fails with an internal error is named in its spec's `errors` and has no cells;
    every other variant, of that spec and the others, keeps its result. After an interrupt
    (`verifier.engines.work.interrupt`), the worker processes are stopped, and what was not
    decided is UNKNOWN ("interrupted")."""
    return [r for _, r in verify_settings(paths, [overrides], request, progress, labels=False)]


def verify_settings(
    paths: Sequence[str],
    settings: Sequence[dict[str, int]],
    request: Request,
    progress: Callable[[str, str, str, int, float, int], None] | None = None,
    labels: bool = True,
) -> list[tuple[dict[str, int], SpecResult | SpecError]]:
    """As `verify`, for every spec under each setting of the constants (a `--sweep`): every
    (spec, setting, variant) is a job of its own, all of them spread over the same workers (or
    the cluster). The results come spec by spec, each spec's settings in the order given; the
    progress names a spec under a setting `path [NAME=N ...]` (with `labels`)."""
    with one_check_per_spec():
        return _verify_settings(paths, settings, request, progress, labels)


def _verify_settings(
    paths: Sequence[str],
    settings: Sequence[dict[str, int]],
    request: Request,
    progress: Callable[[str, str, str, int, float, int], None] | None,
    labels: bool,
) -> list[tuple[dict[str, int], SpecResult | SpecError]]:
    checked: list[tuple[str, dict[str, int], T.CheckedSpec | SpecError]] = []
    for path in paths:
        for overrides in settings:
            try:
                checked.append((path, overrides, guarded(lambda p=path, o=overrides: check_spec(p, o))))  # type: ignore[misc]
            except SpecError as e:
                checked.append((path, overrides, e))
    jobs: list[Job] = []
    for path, overrides, spec in checked:
        if isinstance(spec, SpecError):
            continue
        label = setting_label(path, overrides) if labels and len(settings) > 1 else path
        props = [(n, k) for n, k in safety_properties(spec) if not request.properties or n in request.properties]
        for v in spec.variants:
            if request.variants and v.name not in request.variants:
                continue
            jobs.append(((label, v.name), path, overrides, v.name, props))
    outcomes: dict[tuple[str, str], VariantOutcome] = {}
    errors: dict[tuple[str, str], str] = {}
    budget = request.budget
    if request.cluster is not None and budget.workers <= 1:
        _decide_on_cluster(jobs, request, progress, outcomes, errors)
    else:
        if request.cluster is not None:  # each search's partitions are actors on the cluster
            budget = replace(budget, cluster=request.cluster)
            request = replace(request, budget=budget)
        workers = request.jobs or max(1, (os.cpu_count() or 1) // max(1, budget.workers))
        if request.cluster is not None:
            workers = 1  # the searches take turns on the cluster; each one uses all of it
        if workers <= 1 or len(jobs) <= 1:
            with _cluster_session(request):
                for key, path, overrides, variant, props in jobs:
                    if interrupted():
                        break
                    try:
                        outcomes[key] = _decide_variant(
                            path,
                            overrides,
                            variant,
                            [p for p, _ in props],
                            budget,
                            _relay(progress, *key),
                            request.max_memory,
                        )
                    except Exception as e:
                        errors[key] = _failure(e)
                    if progress is not None:
                        progress(*key, "done", -1, 0.0, -1)
        else:
            _decide_in_workers(jobs, request, progress, min(workers, len(jobs)), outcomes, errors)
    for key, _path, _overrides, _variant, props in jobs:
        if key not in outcomes and key not in errors:
            if interrupted():
                outcomes[key] = _undecided([p for p, _ in props], INTERRUPTED)
            else:
                errors[key] = "no outcome came back for this variant"
    results: list[tuple[dict[str, int], SpecResult | SpecError]] = []
    for path, overrides, spec in checked:
        if isinstance(spec, SpecError):
            results.append((overrides, spec))
            continue
        label = setting_label(path, overrides) if labels and len(settings) > 1 else path
        mine = {(path, v): o for (lb, v), o in outcomes.items() if lb == label}
        failed = {(path, v): e for (lb, v), e in errors.items() if lb == label}
        results.append((overrides, _assemble(path, spec, overrides, request, mine, failed)))
    return results


@contextlib.contextmanager
def _cluster_session(request: Request) -> Iterator[None]:
    """Connected to the cluster (when one is asked for) while the variants are decided here: a
    local cluster (`auto`) is started once for the run, not once per search."""
    if request.cluster is None:
        yield
        return
    from verifier.engines import cluster

    with cluster.session(request.cluster, request.cluster_workers):
        yield


def _decide_on_cluster(
    jobs: list[Job],
    request: Request,
    progress: Callable[[str, str, str, int, float, int], None] | None,
    outcomes: dict[tuple[str, str], VariantOutcome],
    errors: dict[tuple[str, str], str],
) -> None:
    """Suite mode: every job a task on the Dask cluster (the spec's text sent with it, so the
    workers need no copy of the spec files), each result taken as it comes back. On an
    interrupt the tasks not finished are cancelled."""
    if interrupted() or not jobs or request.cluster is None:
        return
    from verifier.engines import cluster

    with cluster.session(request.cluster, request.cluster_workers) as client:
        distributed = cluster._distributed()
        texts: dict[str, str] = {}
        futures: dict[object, tuple[str, str]] = {}
        memory = request.max_memory
        for key, path, overrides, variant, props in jobs:
            if path not in texts:
                with open(path, encoding="utf-8") as f:
                    texts[path] = f.read()
            fut = client.submit(
                _decide_variant,
                path,
                overrides,
                variant,
                [p for p, _ in props],
                request.budget,
                None,
                memory,
                texts[path],
                pure=False,
            )
            futures[fut] = key
        pending = set(futures)
        try:
            while pending and not interrupted():
                try:
                    done = distributed.wait(list(pending), timeout=0.2, return_when="FIRST_COMPLETED").done
                except distributed.TimeoutError:
                    continue
                for fut in done:
                    pending.discard(fut)
                    key = futures[fut]
                    try:
                        outcomes[key] = fut.result()  # type: ignore[attr-defined]
                    except distributed.client.FutureCancelledError:
                        continue
                    except distributed.KilledWorker:
                        why = "the cluster worker deciding it ended abruptly (out of memory, or killed)"
                        outcomes[key] = _undecided(_props_of(jobs, key), why)
                    except Exception as e:
                        errors[key] = _failure(e)
                    if progress is not None:
                        progress(*key, "done", -1, 0.0, -1)
        finally:
            if pending:
                client.cancel(list(pending))


def _decide_in_workers(
    jobs: list[Job],
    request: Request,
    progress: Callable[[str, str, str, int, float, int], None] | None,
    count: int,
    outcomes: dict[tuple[str, str], VariantOutcome],
    errors: dict[tuple[str, str], str],
) -> None:
    """Decide the variants in `count` worker processes, each with its share of the memory budget;
    on an interrupt (or any exception here), the workers are terminated, not waited for."""
    if interrupted():  # before any worker started: none to start
        return
    context = get_context("spawn")
    # a worker writes a variant's events before it sends the result: draining before taking
    # the finished futures delivers them ahead of the variant's "done"
    relay = WorkerProgress(context, progress) if progress is not None else None
    memory = request.max_memory // count if request.max_memory is not None else None
    abandon = True
    try:
        with _signals_held():
            pool = ProcessPoolExecutor(
                max_workers=count,
                mp_context=context,
                initializer=_worker_start,
                initargs=(os.getpid(), relay.initargs[0] if relay is not None else None),
            )
            futures: dict[Future[VariantOutcome], tuple[str, str]] = {}
            try:
                packed: dict[tuple[str, tuple[tuple[str, int], ...]], bytes | None] = {}
                for key, path, overrides, variant, props in jobs:
                    sender = relay.sender(*key) if relay is not None else None
                    which = (path, tuple(overrides.items()))
                    if which not in packed:  # checked in this run already: sent, not read again
                        packed[which] = _packed(check_spec(path, overrides))
                    fut = pool.submit(
                        _decide_variant,
                        path,
                        overrides,
                        variant,
                        [p for p, _ in props],
                        request.budget,
                        sender,
                        memory,
                        None,
                        packed[which],
                    )
                    futures[fut] = key
            except BaseException:
                _stop_workers(pool)
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        try:
            pending = set(futures)
            while pending and not interrupted():
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                if relay is not None:
                    relay.drain()
                for fut in done:
                    key = futures[fut]
                    try:
                        outcomes[key] = fut.result()
                    except BrokenProcessPool:
                        if interrupted():
                            continue
                        why = "the worker process deciding it ended abruptly (out of memory, or killed)"
                        outcomes[key] = _undecided(_props_of(jobs, key), why)
                    except Exception as e:
                        errors[key] = _failure(e)
                    if progress is not None:
                        progress(*key, "done", -1, 0.0, -1)
            abandon = bool(pending)
        finally:
            if abandon:
                _stop_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        if relay is not None:
            relay.close()


def _packed(spec: T.CheckedSpec) -> bytes | None:
    """The checked spec pickled once for every job of it; None if it cannot be (then each worker
    checks the spec's file itself, as a run did before it sent the spec)."""
    try:
        return pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL)
    except (RecursionError, pickle.PicklingError, TypeError, AttributeError, ValueError):
        return None


def _props_of(jobs: list[Job], key: tuple[str, str]) -> list[str]:
    for k, _path, _overrides, _variant, props in jobs:
        if k == key:
            return [p for p, _ in props]
    return []


def _undecided(props: list[str], why: str) -> VariantOutcome:
    """A variant none of whose properties were decided: each UNKNOWN, with `why`."""
    return {p: (Unknown(why), 0.0, "none") for p in props}, None


def _failure(e: BaseException) -> str:
    """An internal error in words; an unexpected exception also with where it was raised."""
    if isinstance(e, InternalError):
        return str(e)
    return _bug(e)


def _bug(e: BaseException) -> str:
    """An unexpected exception in one line, with the place it was raised (the last frame): enough
    to report the bug, without a traceback in the run's output."""
    frames = traceback.extract_tb(e.__traceback__)
    where = ""
    if frames:
        f = frames[-1]
        name = f.filename.replace("\\", "/")
        name = name[name.rfind("/verifier/") + 1 :] if "/verifier/" in name else name.rsplit("/", 1)[-1]
        where = f" (at {name}:{f.lineno} in {f.name})"
    return f"{type(e).__name__}: {e}{where}"


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM held back in this thread while it starts worker processes. A process
    starts with the signal mask of the thread that made it, so a Ctrl-C that comes before a
    worker's initializer has run waits there (and is then ignored), instead of ending its
    start-up with a traceback; a SIGTERM waits too, and ends it as the mask is lifted."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    # started later, multiprocessing's resource tracker would unblock both in this thread
    with contextlib.suppress(Exception):
        resource_tracker.ensure_running()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _worker_start(parent: int, channel: Connection | None) -> None:
    """Pool initializer: a worker ignores SIGINT (the parent decides what a Ctrl-C does, and stops
    the workers itself), and is killed if its parent goes away without stopping it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent was gone before the request above was made
        os._exit(1)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if channel is not None:
        install_channel(channel)


def _stop_workers(pool: ProcessPoolExecutor, grace: float = 3.0) -> None:
    """Terminate the pool's worker processes (SIGTERM, then SIGKILL for any still running after
    `grace` seconds); the pool's own shutdown then reaps them."""
    processes: list[BaseProcess] = []
    for _ in range(3):  # the pool's manager thread may change the table while it is copied
        with contextlib.suppress(RuntimeError):
            processes = list((getattr(pool, "_processes", None) or {}).values())
            break
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()
    running = {p.sentinel: p for p in processes if p.exitcode is None}
    with contextlib.suppress(Exception):
        wait_for_exits(list(running), timeout=grace)
    for sentinel, p in running.items():
        with contextlib.suppress(Exception):
            if not wait_for_exits([sentinel], timeout=0):
                p.kill()


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
    memory: int | None = None,
    text: str | None = None,
    spec: T.CheckedSpec | bytes | None = None,
) -> VariantOutcome:
    """Worker: lower one variant and decide its properties (runs in a worker process); also which
    statements exhaustive search never ran. The spec's expectations are not read here: every
    property gets the same search, whatever the spec expects of it. `memory`: this process's
    memory budget in bytes. `spec`: the spec as checked by the run, or pickled (else the spec at
    `path`, or `text`, is checked here). Running out of memory leaves every property UNKNOWN; any other
    exception comes back as an InternalError that says where it was raised."""
    guard = Guard.after(budget.timeout, memory)
    try:
        return _decide(path, overrides, variant, props, budget, progress, guard, text, spec)
    except MemoryError:
        guard.out_of_memory()
        gc.collect()
        return _undecided(props, guard.describe())
    except InternalError:
        raise
    except Exception as e:
        raise InternalError(_bug(e)) from None


def _decide(
    path: str,
    overrides: dict[str, int],
    variant: str,
    props: list[str],
    budget: Budget,
    progress: Callable[..., None] | None,
    guard: Guard,
    text: str | None = None,
    sent: T.CheckedSpec | bytes | None = None,
) -> VariantOutcome:
    if isinstance(sent, bytes):
        spec: T.CheckedSpec = pickle.loads(sent)  # the run's own pickle (_packed), from the parent process
    elif sent is None:
        spec = check_spec(path, overrides, text)
    else:
        spec = sent
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
        text, _, location = name_step(ts.actions[ai].origin)
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
    from verifier.engines.liveness import LiveBudget, decide_liveness, default_prover  # z3: only when needed

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
        mark_timed_out(out, budget, guard)
    return out


def _is_safety(spec: T.CheckedSpec, prop: str) -> bool:
    for p in spec.properties:
        if p.name == prop:
            return p.formula.kind == "always"
    return True


def _lower(spec: T.CheckedSpec, variant: str, last: bool = False) -> TransitionSystem:
    """The variant's transition system. Within one_check_per_spec(), the one built for the
    variant's search is kept for its report, the `last` use, which takes it out of the cache."""
    run = _run
    if run is not None:
        with _run_lock:
            hit = run.lowered.pop((id(spec), variant), None) if last else run.lowered.get((id(spec), variant))
        if hit is not None and hit[0] is spec:
            return hit[1]
    try:
        ts = lower(spec, variant)
    except LoweringError as e:
        where = f" at {e.span}" if e.span is not None and e.span.line else ""
        raise InternalError(f"cannot build the transition system of variant '{variant}'{where}: {e}") from None
    if run is not None and not last:
        with _run_lock:
            run.lowered[(id(spec), variant)] = (spec, ts)
    return ts


def _assemble(
    path: str,
    spec: T.CheckedSpec,
    overrides: dict[str, int],
    request: Request,
    outcomes: dict[tuple[str, str], VariantOutcome],
    errors: dict[tuple[str, str], str] | None = None,
) -> SpecResult:
    """The spec's cells, variant by variant: one whose outcome cannot be turned into cells (a
    counterexample that does not replay, say) is one more internal error, not the spec's end."""
    expected = {(e.variant, e.property): e.verdict for e in spec.expectations}
    kinds = dict(safety_properties(spec))
    cells: list[Cell] = []
    bits: dict[str, int] = {}
    unreached: dict[str, Unreached] = {}
    failed: list[str] = []
    for v in spec.variants:
        if errors and (path, v.name) in errors:
            failed.append(f"[{v.name}] {errors[(path, v.name)]}")
            continue
        if (path, v.name) not in outcomes:
            continue
        decided, missed = outcomes[(path, v.name)]
        try:
            ts = _lower(spec, v.name, last=True)
            mine = [
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
                for prop, (outcome, seconds, engine) in decided.items()
            ]
        except Exception as e:
            failed.append(f"[{v.name}] {_failure(e)}")
            continue
        bits[v.name] = ts.state_bits()
        if missed is not None:
            unreached[v.name] = missed
        cells.extend(_warnings_only(mine))
    return SpecResult(spec, tuple(cells), bits, unreached, tuple(failed))


WARN_ONLY = {"irq_inversion": "deadlock"}  # a check that warns while the property beside it is settled


def _warnings_only(cells: list[Cell]) -> list[Cell]:
    """One variant's cells, a violated warning check marked as a warning when the property it warns
    about is settled in that variant (lockdep warns of a deadlock the model shows cannot happen);
    where that property is violated, unknown, bounded or unchecked, it stays a failure."""
    by = {c.property: c for c in cells}
    out = []
    for c in cells:
        guard = by.get(WARN_ONLY.get(c.property, ""))
        settled = guard is not None and (
            guard.verdict == "proved" or (guard.verdict == "holds" and guard.detail.startswith("all "))
        )
        out.append(replace(c, lockdep_warning=True) if c.verdict == "violated" and settled else c)
    return out


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
                from verifier.engines.liveness import check_lasso

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
    "one_check_per_spec",
    "summarize",
    "verify",
]

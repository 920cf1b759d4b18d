"""The command line: options in, a pipeline call, an exit status out. Nothing else lives here."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import IO

import click
from rich.console import Console

from verifier import __version__
from verifier.diagnostics import format_diagnostic
from verifier.engines.portfolio import Budget
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.pipeline import InternalError, Request, SpecError, SpecResult, check_spec, guarded, summarize, verify
from verifier.proof.certificate import CertificateError
from verifier.proof.check import check_files, write_certificate
from verifier.render.machine import cell_json, dumps, itf
from verifier.render.progress import ProgressTable
from verifier.render.text import render_result, render_trace

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_SPEC = 3
EXIT_VIOLATED = 4
EXIT_BOUNDED = 5
EXIT_UNKNOWN = 6
EXIT_INTERNAL = 70
EXIT_BROKEN_PIPE = 141  # what a shell reports for a reader that went away (`irqverify ... | head`)

_STACK = 512 * 1024 * 1024


def _parse_sets(values: tuple[str, ...]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        name, sep, num = v.partition("=")
        try:
            if not sep or not name.strip():
                raise ValueError
            out[name.strip()] = int(num)
        except ValueError:
            raise click.BadParameter(f"expected NAME=INTEGER, got '{v}'", param_hint="--set") from None
    return out


class _Main(click.Group):
    """`irqverify SPEC...` verifies; `irqverify check SPEC...` only parses and checks."""

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[no-untyped-def]
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["verify", *args]
        return super().resolve_command(ctx, args)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="irqverify")
def main() -> None:
    """Verify kernel locking protocols written as irqverify specs (*.irq).

    \b
    irqverify SPEC...          check every variant and property of each spec
    irqverify check SPEC...    parse and check only: threads, variants, properties, state size
    irqverify check-proof      re-check the certificates under proofs/
    """


@main.command("check")
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--set", "sets", multiple=True, metavar="NAME=N", help="Override a constant, e.g. --set NFD=4.")
def check_cmd(specs: tuple[str, ...], sets: tuple[str, ...]) -> None:
    """Parse and check SPECS without solving; print what each one contains."""
    overrides = _parse_sets(sets)
    sys.exit(_run_isolated(lambda: _check_all(specs, overrides, sys.stdout, sys.stderr)))


@main.command("check-proof")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--show", is_flag=True, help="Print each invariant in the spec's own names.")
@click.option(
    "--timeout", "-t", default=600.0, show_default=True, type=click.FloatRange(0.1), help="Seconds per solver query."
)
@click.option("--jobs", "-j", default=0, type=click.IntRange(0), help="Worker processes (0: one per core).")
def check_proof_cmd(paths: tuple[str, ...], show: bool, timeout: float, jobs: int) -> None:
    """Re-check certificates (default: everything under proofs/) on a fresh solver.

    \b
    Exit status: 0 every certificate holds; 4 one is stale (its spec, an include or the prelude
    changed) or invalid (a check failed: base, step or property, named); 2 a path does not exist.
    """
    targets = list(paths) or ["proofs"]
    for p in paths:
        if not os.path.exists(p):
            raise click.BadParameter(f"'{p}' does not exist", param_hint="PATHS")

    def run() -> int:
        total, failed = check_files(targets, sys.stdout, timeout, show, jobs or os.cpu_count() or 1)
        if total == 0:
            print(f"no certificates under {', '.join(targets)}")
        else:
            print(f"{total - failed} of {total} certificates hold")
        return EXIT_VIOLATED if failed else EXIT_OK

    sys.exit(_run_isolated(run))


@main.command("verify", hidden=True)
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--set", "sets", multiple=True, metavar="NAME=N", help="Override a constant, e.g. --set NFD=4.")
@click.option("--variant", "-V", "variants", multiple=True, help="Only this variant (repeatable).")
@click.option("--property", "-p", "properties", multiple=True, help="Only this property (repeatable).")
@click.option(
    "--bound",
    "-k",
    default=None,
    type=click.IntRange(0, 10_000),
    help="Opt-in depth limit: exhaustive search stops at this depth (default: none); BMC's depth.",
)
@click.option(
    "--timeout",
    "-t",
    default=Budget().timeout,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Outer guard, seconds per variant: what it cuts short is UNKNOWN (timeout). Budgets are work, not time.",
)
@click.option(
    "--max-states",
    default=Budget().max_states,
    show_default=True,
    type=click.IntRange(1),
    help="State budget of exhaustive search (and of a liveness property's product search).",
)
@click.option(
    "--hunt-states",
    default=Budget().hunt_states,
    show_default=True,
    type=click.IntRange(0),
    help="Budget of preemption-bounded search past what exhaustive search covered: (state, thread) pairs.",
)
@click.option(
    "--walk-steps",
    default=Budget().walk_steps,
    show_default=True,
    type=click.IntRange(0),
    help="Budget of random walks: steps in all.",
)
@click.option(
    "--proof-work",
    default=Budget().proof_work,
    show_default=True,
    type=click.FloatRange(0),
    help="Budget of the proof engines per variant, in work units (about a second of one core each).",
)
@click.option("--seed", default=0, show_default=True, type=click.IntRange(0), help="Seed of the random walks.")
@click.option(
    "--engine",
    type=click.Choice(["auto", "explicit", "bmc"]),
    default="auto",
    show_default=True,
    help="auto: exhaustive search, then preemption bounding, walks and proofs for what it leaves open.",
)
@click.option(
    "--encoding", type=click.Choice(["bv", "int"]), default="bv", show_default=True, help="How BMC encodes integers."
)
@click.option("--por/--no-por", default=False, show_default=True, help="Partial-order reduction in BMC.")
@click.option("--jobs", "-j", default=0, type=click.IntRange(0), help="Worker processes (0: one per core).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--trace-dir", type=click.Path(file_okay=False), help="Write each counterexample as .itf.json and .txt.")
@click.option("--quiet", "-q", is_flag=True, help="No progress table on the terminal.")
@click.option(
    "--prove",
    is_flag=True,
    help="Ask for proofs: the proof engines get five times --proof-work; HOLDS without PROVED exits 5.",
)
@click.option("--save-proofs", is_flag=True, help="Write a certificate for every PROVED cell (under --proof-dir).")
@click.option(
    "--proof-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where certificates go (implies --save-proofs); default proofs/.",
)
def verify_cmd(
    specs: tuple[str, ...],
    sets: tuple[str, ...],
    variants: tuple[str, ...],
    properties: tuple[str, ...],
    bound: int | None,
    timeout: float,
    max_states: int,
    hunt_states: int,
    walk_steps: int,
    proof_work: float,
    seed: int,
    engine: str,
    encoding: str,
    por: bool,
    jobs: int,
    fmt: str,
    trace_dir: str | None,
    quiet: bool,
    prove: bool,
    save_proofs: bool,
    proof_dir: str | None,
) -> None:
    """Check every variant and property of SPECS."""
    overrides = _parse_sets(sets)
    budget = Budget(
        bound=bound,
        timeout=timeout,
        max_states=max_states,
        hunt_states=hunt_states,
        walk_steps=walk_steps,
        proof_work=proof_work,
        seed=seed,
        engine=engine,
        mode=encoding,
        por=por,
        prove=prove,
    )
    proofs_to = proof_dir if proof_dir is not None else ("proofs" if save_proofs else None)
    request = Request(variants, properties, budget, jobs)
    show = _show_progress(quiet, fmt, sys.stderr)
    sys.exit(_run_isolated(lambda: _verify_all(specs, overrides, request, fmt, trace_dir, show, proofs_to)))


def _show_progress(quiet: bool, fmt: str, stream: IO[str]) -> bool:
    """The progress table only on a terminal, and only above text: JSON is for tools, and a
    redirected stderr should not fill with redraws."""
    return not quiet and fmt == "text" and stream.isatty()


def _verify_all(
    specs: tuple[str, ...],
    overrides: dict[str, int],
    request: Request,
    fmt: str,
    trace_dir: str | None,
    show_progress: bool,
    proof_dir: str | None = None,
) -> int:
    table = ProgressTable(Console(file=sys.stderr)) if show_progress else None
    try:
        # the table erases itself on the way out, before anything below prints
        with table if table is not None else nullcontext():
            results = verify(specs, overrides, request, table.update if table is not None else None)
    except InternalError as e:
        print(f"irqverify: internal error: {e}", file=sys.stderr)
        return EXIT_INTERNAL
    statuses: list[int] = []
    json_cells = []
    for path, r in zip(specs, results, strict=True):
        if isinstance(r, SpecError):
            for d in r.diagnostics:
                print(format_diagnostic(d), file=sys.stderr)
            print(f"{path}: {len(r.diagnostics)} error{'s' if len(r.diagnostics) != 1 else ''}", file=sys.stderr)
            statuses.append(EXIT_SPEC)
            continue
        if not r.cells and (request.variants or request.properties):
            print(f"{path}: no variant or property matches the selection", file=sys.stderr)
            statuses.append(EXIT_USAGE)
            continue
        if fmt == "text":
            print(render_result(r))
            print()
        else:
            json_cells.extend(cell_json(c, r.unreached.get(c.variant)) for c in r.cells)
        if trace_dir:
            _write_traces(r, overrides, trace_dir)
        if proof_dir:
            _write_proofs(r, overrides, proof_dir)
        statuses.append(_status(r, request.budget.prove))
    if fmt == "json":
        print(dumps(json_cells))
    return _worst(statuses)


def _status(r: SpecResult, prove: bool = False) -> int:
    """0 all met; 4 a violation or an unmet expectation; 6 undecided; with `prove`, 5 for a cell
    that holds (up to a bound, or in every explored state) without a re-checked proof."""
    worst = EXIT_OK
    for c in r.cells:
        if prove and c.verdict == "holds" and c.met is not False:
            worst = max(worst, EXIT_BOUNDED, key=_rank)
        if c.met is False:
            worst = max(worst, EXIT_UNKNOWN if c.verdict == "unknown" else EXIT_VIOLATED, key=_rank)
        elif c.met is None:
            if c.verdict == "violated":
                worst = max(worst, EXIT_VIOLATED, key=_rank)
            elif c.verdict == "unknown":
                worst = max(worst, EXIT_UNKNOWN, key=_rank)
    return worst


_RANK = {EXIT_OK: 0, EXIT_BOUNDED: 1, EXIT_UNKNOWN: 2, EXIT_VIOLATED: 3, EXIT_USAGE: 4, EXIT_SPEC: 5, EXIT_INTERNAL: 6}


def _rank(code: int) -> int:
    return _RANK.get(code, 0)


def _worst(codes: list[int]) -> int:
    return max(codes, key=_rank) if codes else EXIT_OK


def _write_proofs(r: SpecResult, overrides: dict[str, int], proof_dir: str) -> None:
    """A certificate per PROVED cell; a file there that this tool did not write is left alone."""
    systems: dict[str, TransitionSystem] = {}
    for c in r.cells:
        if c.verdict != "proved" or c.certificate is None:
            continue
        if c.variant not in systems:
            systems[c.variant] = lower(r.spec, c.variant)
        try:
            target = write_certificate(
                proof_dir, r.spec.path, c.variant, c.property, c.engine, c.certificate, overrides, systems[c.variant]
            )
        except CertificateError as e:
            print(f"irqverify: {e}", file=sys.stderr)
            continue
        print(f"certificate: {target}", file=sys.stderr)


def _write_traces(r: SpecResult, overrides: dict[str, int], trace_dir: str) -> None:
    out = Path(trace_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(r.spec.path).stem
    for c in r.cells:
        if c.trace is None:
            continue
        name = f"{stem}.{c.variant}.{c.property}"
        ts = lower(r.spec, c.variant)
        (out / f"{name}.itf.json").write_text(dumps(itf(c.trace, ts)) + "\n", encoding="utf-8")
        (out / f"{name}.txt").write_text(
            render_trace(c.trace, minimal=c.minimal, none_up_to=c.none_up_to, engine=c.engine) + "\n", encoding="utf-8"
        )


def _check_all(specs: tuple[str, ...], overrides: dict[str, int], out: IO[str], err: IO[str]) -> int:
    status = EXIT_OK
    for path in specs:
        try:
            summary = guarded(lambda p=path: summarize(check_spec(p, overrides)))  # type: ignore[misc]
        except SpecError as e:
            for d in e.diagnostics:
                print(format_diagnostic(d), file=err)
            n = sum(1 for d in e.diagnostics if d.severity.value == "error")
            print(f"{path}: {n} error{'s' if n != 1 else ''}", file=err)
            status = EXIT_SPEC
            continue
        _print_summary(path, summary, out)
    return status


def _print_summary(path: str, summary, out: IO[str]) -> None:  # type: ignore[no-untyped-def]
    spec = summary.spec
    fair = {t.name: t for t in spec.templates}
    threads = []
    for inst in spec.instances:
        tmpl = fair[inst.template]
        tags = [
            w
            for w, on in (("fair" if tmpl.fair == "weak" else "strong fair", tmpl.fair), ("daemon", tmpl.daemon))
            if on
        ]
        threads.append(inst.display + (f" [{', '.join(tags)}]" if tags else ""))
    props = [f"{i.name} (invariant)" for i in spec.invariants]
    props += [f"{p.name} ({p.formula.kind.replace('_', '-')})" for p in spec.properties]
    user_checks = [c.name for c in spec.checks if not c.builtin]
    builtin = [c.name for c in spec.checks if c.builtin]
    print(f"{path}: ok", file=out)
    print(f"  threads      {len(spec.instances)}: {', '.join(threads)}", file=out)
    print(f"  variants     {len(spec.variants)}: {', '.join(v.name for v in spec.variants)}", file=out)
    print(f"  properties   {len(props)}: {', '.join(props) if props else '-'}", file=out)
    print(f"  checks       {', '.join(user_checks)}; built in: {', '.join(builtin)}", file=out)
    print(f"  expectations {len(spec.expectations)}", file=out)
    total = summary.shared_bits + summary.thread_bits
    print(f"  state        {total} bits (shared {summary.shared_bits}, threads {summary.thread_bits})", file=out)


def _run_isolated(fn: Callable[[], int]) -> int:
    """Run `fn` on a thread with a deep stack, so nested input ends in a diagnostic, not a crash."""
    result: list[int] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as e:
            failure.append(e)

    old_limit = sys.getrecursionlimit()
    threading.stack_size(_STACK)
    sys.setrecursionlimit(60_000)
    try:
        t = threading.Thread(target=target, name="irqverify")
        t.start()
        t.join()
    finally:
        sys.setrecursionlimit(old_limit)
        threading.stack_size(0)
    if failure:
        e = failure[0]
        if isinstance(e, SystemExit):
            raise e
        if isinstance(e, KeyboardInterrupt):
            raise e
        if isinstance(e, BrokenPipeError):
            _silence_stdout()
            return EXIT_BROKEN_PIPE
        import traceback

        print("irqverify: internal error (this is a bug in irqverify, please report it):", file=sys.stderr)
        traceback.print_exception(e, file=sys.stderr)
        return EXIT_INTERNAL
    return result[0]


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush does not fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)

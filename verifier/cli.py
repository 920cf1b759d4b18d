"""The command line: options in, a pipeline call, an exit status out. Nothing else lives here."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import click

from verifier import __version__
from verifier.diagnostics import did_you_mean, format_diagnostic
from verifier.engines.cluster import ClusterError
from verifier.engines.portfolio import Budget
from verifier.engines.work import MIB, clear_interrupt, default_memory_budget, interrupt
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.output import TEXT_MARK, OutputDir, OutputError, is_itf_trace, is_trace_text
from verifier.pipeline import (
    InternalError,
    Request,
    SpecError,
    SpecResult,
    check_spec,
    guarded,
    one_check_per_spec,
    safety_properties,
    setting_label,
    summarize,
    verify,
    verify_settings,
)
from verifier.render.junit import is_junit, junit
from verifier.render.machine import dumps, itf, run_json, spec_json
from verifier.render.progress import ProgressTable
from verifier.render.sarif import sarif
from verifier.render.text import counted, render_result, render_trace
from verifier.sema import typed as T
from verifier.syntax.to_ast import MAX_INT

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_SPEC = 3
EXIT_VIOLATED = 4
EXIT_BOUNDED = 5
EXIT_UNKNOWN = 6
EXIT_INTERNAL = 70
EXIT_BROKEN_PIPE = 141  # what a shell reports for a reader that went away (`irqverify ... | head`)
EXIT_INTERRUPTED = 130  # SIGINT (Ctrl-C): 128 plus the signal's number, as a shell reports it
EXIT_TERMINATED = 143  # SIGTERM

_STACK = 512 * 1024 * 1024


def _parse_sets(values: tuple[str, ...]) -> dict[str, int]:
    """`--set NAME=N` overrides; N is a decimal integer a spec could write as a constant (at most
    MAX_INT either side of zero), so an override cannot take the checker past its integer range."""
    out: dict[str, int] = {}
    for v in values:
        shown = v if len(v) <= 60 else v[:60] + "..."
        name, sep, num = v.partition("=")
        text = num.strip()
        digits = text[1:] if text[:1] in ("+", "-") else text
        if not sep or not name.strip() or not (digits.isascii() and digits.isdigit()):
            raise click.BadParameter(f"expected NAME=INTEGER, got '{shown}'", param_hint="--set")
        if len(digits.lstrip("0")) > len(str(MAX_INT)) or int(digits) > MAX_INT:
            raise click.BadParameter(
                f"'{shown}': the value must be between {-MAX_INT} and {MAX_INT}", param_hint="--set"
            )
        out[name.strip()] = int(num)
    return out


MAX_SWEEP = 1000  # settings one run may sweep (the product of every --sweep's values)


def _parse_sweeps(values: tuple[str, ...], sets: dict[str, int]) -> list[dict[str, int]]:
    """`--sweep NAME=A..B` (every integer from A to B) or `NAME=A,B,C`: each value a run of its
    own, as if given with --set; several sweeps give every combination, in the order written.
    The --set overrides hold in every setting; a name both set and swept is a usage error."""
    settings: list[dict[str, int]] = [dict(sets)]
    seen: set[str] = set()
    for v in values:
        shown = v if len(v) <= 60 else v[:60] + "..."
        name, sep, spec = v.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=A..B or NAME=A,B,..., got '{shown}'", param_hint="--sweep")
        if name in sets or name in seen:
            raise click.BadParameter(f"'{name}' is given a value more than once", param_hint="--sweep")
        seen.add(name)
        lo, dots, hi = spec.partition("..")
        try:
            if dots:
                first, last = _parse_sets((f"{name}={lo}",))[name], _parse_sets((f"{name}={hi}",))[name]
                if last < first:
                    raise click.BadParameter(f"'{shown}': the range is empty", param_hint="--sweep")
                if last - first >= MAX_SWEEP:
                    raise click.BadParameter(f"'{shown}': more than {MAX_SWEEP} values", param_hint="--sweep")
                nums = list(range(first, last + 1))
            else:
                nums = list(dict.fromkeys(_parse_sets((f"{name}={x}",))[name] for x in spec.split(",")))
        except click.BadParameter as e:
            if e.param_hint == "--sweep":
                raise
            raise click.BadParameter(f"in '{shown}': {e.message}", param_hint="--sweep") from None
        settings = [{**s, name: n} for s in settings for n in nums]
        if len(settings) > MAX_SWEEP:
            raise click.BadParameter(f"more than {MAX_SWEEP} settings in all", param_hint="--sweep")
    return settings


class _Main(click.Command):
    """`irqverify [OPTIONS] SPEC...` verifies, its options before or after the specs. `check` and
    `check-proof` are commands of their own, recognised only as the first word, so `./check` (or
    `-- check`) names a spec file called check."""

    def __init__(self, *args: Any, commands: dict[str, click.Command], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = commands

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if argv and argv[0] in self.commands:
            return self.commands[argv[0]].main(argv[1:], f"{prog_name or 'irqverify'} {argv[0]}", **extra)
        if argv and argv[0] == "verify":  # the older spelling, `irqverify verify SPEC...`
            argv = argv[1:]
        return super().main(argv, prog_name, **extra)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, cmd.get_short_help_str(80)) for name, cmd in self.commands.items()])
        super().format_epilog(ctx, formatter)


_SIZE_UNITS = {"K": 1024, "M": MIB, "G": 1024 * MIB, "T": 1024 * 1024 * MIB}


class _MemorySize(click.ParamType):
    """A size in bytes, from MiB (`512`) or a number with a binary unit (`512M`, `1.5GiB`, `800K`)."""

    name = "size"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        shown = text if len(text) <= 40 else text[:40] + "..."
        body = text.upper()
        for suffix in ("IB", "B"):
            if body.endswith(suffix) and body[: -len(suffix)][-1:] in _SIZE_UNITS:
                body = body[: -len(suffix)]
                break
        unit = _SIZE_UNITS.get(body[-1:], 0)
        number = body[:-1].strip() if unit else body
        if not unit:
            unit = MIB
        if not number.isascii() or not number.replace(".", "", 1).isdigit():
            self.fail(f"expected a size such as 512, 512M or 4G, got '{shown}'", param, ctx)
        try:
            size = int(float(number) * unit)
        except OverflowError:
            self.fail(f"'{shown}' is too large", param, ctx)
        if size < MIB:
            self.fail(f"'{shown}' is less than 1 MiB", param, ctx)
        return size


_CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.command("check", context_settings=_CONTEXT)
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("--set", "sets", multiple=True, metavar="NAME=N", help="Override a constant, e.g. --set NFD=4.")
def check_cmd(specs: tuple[str, ...], sets: tuple[str, ...]) -> None:
    """Parse and check SPECS without solving; print what each one contains."""
    overrides = _parse_sets(sets)
    sys.exit(_run_isolated(lambda: _check_all(specs, overrides, sys.stdout, sys.stderr)))


@click.command("check-proof", context_settings=_CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--show", is_flag=True, help="Print each invariant in the spec's own names.")
@click.option(
    "--timeout",
    "-t",
    default=600.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds per certificate (its checks share them).",
)
@click.option("--jobs", "-j", default=0, type=click.IntRange(0), help="Worker processes (0: one per core).")
def check_proof_cmd(paths: tuple[str, ...], show: bool, timeout: float, jobs: int) -> None:
    """Re-check certificates (default: everything under proofs/) on a fresh solver.

    \b
    A certificate is untrusted input: it must sit at <proof-dir>/<spec-stem>/<variant>/<property>.smt2
    as its header says, name its spec relative to the directory above <proof-dir>, and hold only
    declarations of the spec's state variables and one assertion. Each file gets one line.
    \b
    Exit status: 0 every certificate holds; 4 one is stale (its spec, an include or the prelude
    changed) or invalid (misplaced, malformed, or a check failed: base, step or property, named);
    2 a path does not exist.
    """
    targets = list(paths) or ["proofs"]
    for p in paths:
        if not os.path.lexists(p):
            raise click.BadParameter(f"'{p}' does not exist", param_hint="PATHS")

    def run() -> int:
        total, failed = check_files(targets, sys.stdout, timeout, show, jobs or os.cpu_count() or 1)
        if total == 0:
            print(f"no certificates under {', '.join(targets)}")
        else:
            print(f"{total - failed} of {counted(total, 'certificate')} {'holds' if total == 1 else 'hold'}")
        return EXIT_VIOLATED if failed else EXIT_OK

    sys.exit(_run_isolated(run))


def check_files(paths: Sequence[str], out: IO[str], timeout: float, show: bool, jobs: int) -> tuple[int, int]:
    """verifier.proof.check.check_files, imported when certificates are checked (z3 and the proof
    checker are not loaded by a run that does not need them)."""
    from verifier.proof.check import check_files as check_certificates

    return check_certificates(paths, out, timeout, show, jobs)


@click.command(
    "irqverify", cls=_Main, commands={"check": check_cmd, "check-proof": check_proof_cmd}, context_settings=_CONTEXT
)
@click.version_option(__version__, prog_name="irqverify")
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
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
    "--max-memory",
    default=None,
    type=_MemorySize(),
    metavar="SIZE",
    help="Memory for the run, shared by the worker processes running at once: MiB, or with a unit "
    "(512M, 4G). What it cuts short is UNKNOWN (memory). Default: 80% of the memory available at start.",
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
@click.option(
    "--bmc-por/--no-bmc-por",
    "--por/--no-por",
    "por",
    default=False,
    show_default=True,
    help="Partial-order reduction in BMC's encoding (--por is the older name).",
)
@click.option(
    "--explicit-por/--no-explicit-por",
    default=Budget().explicit_por,
    show_default=True,
    help="Partial-order reduction in exhaustive search (safety properties; same verdicts, fewer states).",
)
@click.option(
    "--symmetry/--no-symmetry",
    default=Budget().symmetry,
    show_default=True,
    help="Symmetry reduction in exhaustive search: interchangeable threads of a family indexed by a named "
    "range type explored once, where the system is checked to be symmetric (same verdicts and depths).",
)
@click.option(
    "--jobs",
    "-j",
    default=0,
    type=click.IntRange(0),
    help="Variants decided at once, each in a worker process (0: the cores divided by --workers, at least 1).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 1024),
    help="Expand each level of each variant's exhaustive search with this many worker processes (with "
    "--cluster: split the search into this many hash partitions, each an actor on the cluster); 1: one "
    "process. Locally, keep --jobs x --workers <= cores.",
)
@click.option(
    "--cluster",
    default=None,
    metavar="ADDRESS",
    help="Use a Dask cluster: 'auto' starts a local one, or tcp://host:8786 joins a running one. Each "
    "(spec, variant, sweep setting) is a task on it (--jobs is then unused); with --workers N > 1, the "
    "variants are decided here one at a time, each search's N partitions actors on the cluster.",
)
@click.option(
    "--sweep",
    "sweeps",
    multiple=True,
    metavar="NAME=A..B",
    help="Run each value of a constant as a job of its own: NAME=A..B or NAME=A,B,C (repeatable: every combination).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="json: one object, as docs/irqverify-result.schema.json describes; sarif: SARIF 2.1.0.",
)
@click.option(
    "--junit",
    "junit_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the results as JUnit XML to this file (one this tool wrote is replaced, no other).",
)
@click.option("--trace-dir", type=click.Path(file_okay=False), help="Write each counterexample as .itf.json and .txt.")
@click.option(
    "--html",
    "html_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write each counterexample as a self-contained HTML page.",
)
@click.option(
    "--layout",
    type=click.Choice(["mail", "columns"]),
    default="mail",
    show_default=True,
    help="mail: one line per kernel-level event, at most 100 columns; columns: one column per thread, every step.",
)
@click.option("--verbose", "-v", is_flag=True, help="Traces show every step and all state, prelude internals included.")
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
def main(
    specs: tuple[str, ...],
    sets: tuple[str, ...],
    variants: tuple[str, ...],
    properties: tuple[str, ...],
    bound: int | None,
    timeout: float,
    max_states: int,
    max_memory: int | None,
    hunt_states: int,
    walk_steps: int,
    proof_work: float,
    seed: int,
    engine: str,
    encoding: str,
    por: bool,
    explicit_por: bool,
    symmetry: bool,
    jobs: int,
    workers: int,
    cluster: str | None,
    sweeps: tuple[str, ...],
    fmt: str,
    junit_file: str | None,
    trace_dir: str | None,
    html_dir: str | None,
    layout: str,
    verbose: bool,
    quiet: bool,
    prove: bool,
    save_proofs: bool,
    proof_dir: str | None,
) -> None:
    """Verify kernel locking protocols written as irqverify specs (*.irq).

    \b
    irqverify [OPTIONS] SPEC...        check every variant and property of each spec
    irqverify check SPEC...            parse and check only: threads, variants, properties, state size
    irqverify check-proof [PATH...]    re-check the certificates under proofs/

    \b
    Options go before or after the specs. A command is only ever the first word: a spec file
    named check or check-proof is reached as ./check (or after --: irqverify -- check).

    \b
    Exit status: 0 every expectation met; 2 usage error; 3 spec error (also a spec that is
    missing, a directory or unreadable); 4 a violation or an unmet expectation; 5 HOLDS without
    PROVED under --prove; 6 unknown (timeout, memory budget); 70 internal error (the other specs
    still print their results); 130 interrupted (SIGINT), 143 terminated (SIGTERM): what was
    decided is printed, what was not is UNKNOWN (interrupted), and certificates are written for
    settled cells only. A second Ctrl-C ends the run at once, printing nothing more.
    """
    overrides = _parse_sets(sets)
    settings = _parse_sweeps(sweeps, overrides)
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
        explicit_por=explicit_por,
        symmetry=symmetry,
        prove=prove,
        workers=workers,
    )
    proofs_to = proof_dir if proof_dir is not None else ("proofs" if save_proofs else None)
    # a directory the output cannot go to is a usage error now, not a failure after the whole run
    for path in specs:
        if path in _COMMAND_WORDS and not os.path.lexists(path):
            print(
                f"irqverify: error: '{path}' is a command only as the first word (irqverify {path} ...); "
                f"a spec file named {path} is ./{path}",
                file=sys.stderr,
            )
            sys.exit(EXIT_USAGE)
    for option, where in (("--trace-dir", trace_dir), ("--html", html_dir), ("--proof-dir", proofs_to)):
        if where is None:
            continue
        try:
            OutputDir(where).create()
        except OutputError as e:
            print(f"irqverify: cannot use {option} '{where}': {e}", file=sys.stderr)
            sys.exit(EXIT_USAGE)
    if junit_file is not None:
        _check_junit(junit_file)
    memory = max_memory if max_memory is not None else default_memory_budget()
    request = Request(variants, properties, budget, jobs, memory, cluster=cluster)
    show = _show_progress(quiet, fmt, sys.stderr)
    outputs = _Outputs(fmt, trace_dir, proofs_to, junit_file, html_dir, layout, verbose)
    run = lambda: _verify_all(specs, overrides, request, outputs, show, settings if sweeps else None)  # noqa: E731
    sys.exit(_run_isolated(run, interruptible=True))


def _show_progress(quiet: bool, fmt: str, stream: IO[str]) -> bool:
    """The progress table only on a terminal, and only above text: JSON is for tools, and a
    redirected stderr should not fill with redraws."""
    return not quiet and fmt == "text" and stream.isatty()


@dataclass(frozen=True, slots=True)
class _Outputs:
    """Where and how a run reports: the format on stdout and the files it writes besides."""

    fmt: str = "text"
    trace_dir: str | None = None
    proof_dir: str | None = None
    junit_file: str | None = None
    html_dir: str | None = None
    layout: str = "mail"
    verbose: bool = False


def _verify_all(
    specs: tuple[str, ...],
    overrides: dict[str, int],
    request: Request,
    outputs: _Outputs,
    show_progress: bool,
    settings: list[dict[str, int]] | None = None,
) -> int:
    """Verify and report; with `settings` (a --sweep), every spec under each setting. Each spec is
    checked once for the whole run (the names of `-V`/`-p`, the jobs, the variants decided here)."""
    with one_check_per_spec():
        return _verify_and_report(specs, overrides, request, outputs, show_progress, settings)


def _verify_and_report(
    specs: tuple[str, ...],
    overrides: dict[str, int],
    request: Request,
    outputs: _Outputs,
    show_progress: bool,
    settings: list[dict[str, int]] | None,
) -> int:
    unknown = _unknown_selection(specs, overrides, request)
    if unknown:
        for message in unknown:
            print(f"irqverify: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    table = None
    if show_progress:
        from rich.console import Console

        table = ProgressTable(Console(file=sys.stderr))
    try:
        # the table erases itself on the way out, before anything below prints
        with table if table is not None else nullcontext():
            update = table.update if table is not None else None
            if settings is None:
                runs = [
                    (path, overrides, r)
                    for path, r in zip(specs, verify(specs, overrides, request, update), strict=True)
                ]
            else:
                swept = verify_settings(specs, settings, request, update)
                per = len(settings)
                runs = [(specs[i // per], o, r) for i, (o, r) in enumerate(swept)]
    except InternalError as e:
        print(f"irqverify: internal error: {e}", file=sys.stderr)
        return EXIT_INTERNAL
    except ClusterError as e:
        print(f"irqverify: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    statuses: list[int] = []
    entries: list[dict[str, Any]] = []
    reported: list[tuple[str, SpecResult | SpecError]] = []
    for path, setting, r in runs:
        if isinstance(r, SpecError) or r.cells or r.errors:
            reported.append((path, r))
        if settings is not None and outputs.fmt == "text":
            print(f"== {setting_label(path, setting)}")
        status, messages = _report(path, r, setting, request, _outputs_for(outputs, setting, settings))
        statuses.append(status)
        if outputs.fmt == "json":
            entries.append(spec_json(path, r, status, messages))
    signum = _received[0] if _received else None
    code = _SIGNAL_STATUS.get(signum, EXIT_INTERRUPTED) if signum is not None else _worst(statuses)
    if outputs.fmt == "json":
        print(dumps(run_json(entries, code, signal.Signals(signum).name if signum is not None else None)))
    elif outputs.fmt == "sarif":
        print(dumps(sarif(reported)))
    if outputs.junit_file is not None:
        _write_junit(outputs.junit_file, reported)
    if signum is not None:
        _interrupted(signum, outputs.proof_dir)
    return code


def _outputs_for(outputs: _Outputs, setting: dict[str, int], settings: list[dict[str, int]] | None) -> _Outputs:
    """Under a --sweep, each setting writes its traces, pages and certificates in a folder of its
    own (`NFD=2`, or `NFD=2,GSI=1`) inside the one asked for: the same cell under two settings
    would otherwise overwrite one file."""
    if settings is None:
        return outputs
    tag = ",".join(f"{k}={v}" for k, v in setting.items()) or "default"
    moved: dict[str, str | None] = {}
    for name in ("trace_dir", "proof_dir", "html_dir"):
        where = getattr(outputs, name)
        if where is not None:
            moved[name] = os.path.join(where, tag)
            try:
                OutputDir(moved[name]).create()  # type: ignore[arg-type]
            except OutputError as e:
                print(f"irqverify: cannot use '{moved[name]}': {e}", file=sys.stderr)
    return replace(outputs, **moved)  # type: ignore[arg-type]


def _report(
    path: str, r: SpecResult | SpecError, overrides: dict[str, int], request: Request, outputs: _Outputs
) -> tuple[int, tuple[str, ...]]:
    """Print one spec's outcome and write its files; its exit status, and the errors about it that
    are not diagnostics (a selection that matches nothing)."""
    if isinstance(r, SpecError):
        for d in r.diagnostics:
            print(format_diagnostic(d), file=sys.stderr)
        print(f"{path}: {counted(len(r.diagnostics), 'error')}", file=sys.stderr)
        return EXIT_SPEC, ()
    statuses: list[int] = []
    for error in r.errors:
        print(f"irqverify: internal error in {path} {error}", file=sys.stderr)
        statuses.append(EXIT_INTERNAL)
    if not r.cells and r.errors:
        return _worst(statuses), ()
    if not r.cells and (request.variants or request.properties):
        message = "no variant or property matches the selection"
        print(f"{path}: {message}", file=sys.stderr)
        return _worst([*statuses, EXIT_USAGE]), (message,)
    if outputs.fmt == "text":
        print(render_result(r, layout=outputs.layout, verbose=outputs.verbose))
        print()
    if outputs.trace_dir:
        _write_traces(r, overrides, outputs.trace_dir, outputs.layout, outputs.verbose)
    if outputs.html_dir:
        _write_html(r, overrides, outputs.html_dir)
    if outputs.proof_dir:
        _write_proofs(r, overrides, outputs.proof_dir)
    return _worst([*statuses, _status(r, request.budget.prove)]), ()


_COMMAND_WORDS = ("check", "check-proof")
_MAX_LISTED = 20  # names an "unknown name" error lists when none is close


def _unknown_selection(specs: tuple[str, ...], overrides: dict[str, int], request: Request) -> list[str]:
    """An error for each --variant or --property name that no spec of the run has (among those
    that check: a spec with errors reports those instead), with the closest known name, or the
    names there are. Found before any search starts, so a typo costs no run."""
    if not request.variants and not request.properties:
        return []
    checked: list[str] = []
    known: dict[str, dict[str, None]] = {"variant": {}, "property": {}}
    for path in specs:
        try:
            spec = guarded(lambda p=path: check_spec(p, overrides))  # type: ignore[misc]
        except SpecError:
            continue
        checked.append(path)
        known["variant"].update(dict.fromkeys(v.name for v in spec.variants))
        known["property"].update(dict.fromkeys(n for n, _ in safety_properties(spec)))
    if not checked:
        return []
    where = ", ".join(checked) if len(checked) <= 3 else f"any of the {len(checked)} specs"
    errors: list[str] = []
    for kind, plural, asked in (
        ("variant", "variants", request.variants),
        ("property", "properties", request.properties),
    ):
        names = list(known[kind])
        for name in dict.fromkeys(asked):
            if name in known[kind]:
                continue
            hint = did_you_mean(name, names)
            if not hint:
                listed = ", ".join(names[:_MAX_LISTED]) + (
                    f", ... ({len(names) - _MAX_LISTED} more)" if len(names) > _MAX_LISTED else ""
                )
                hint = f"; the {plural} are: {listed}" if names else f"; there are no {plural}"
            errors.append(f"unknown {kind} '{_shown(name)}' in {where}{hint}")
    return errors


def _shown(text: str, limit: int = 60) -> str:
    """User input fit for one line of a message: at most `limit` characters, control characters escaped."""
    short = text if len(text) <= limit else text[:limit] + "..."
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in short)


def _interrupted(signum: int, proof_dir: str | None) -> int:
    """Say that the run was cut short (and what that means for the certificates); its status."""
    name = signal.Signals(signum).name
    certificates = "; certificates were written for the settled cells only" if proof_dir else ""
    print(
        f"irqverify: run interrupted ({name}): what was not decided is UNKNOWN (interrupted){certificates}",
        file=sys.stderr,
    )
    return _SIGNAL_STATUS.get(signum, EXIT_INTERRUPTED)


def _status(r: SpecResult, prove: bool = False) -> int:
    """0 all met; 4 a violation (not one reported as a lockdep warning) or an unmet expectation;
    6 undecided; with `prove`, 5 for a cell that holds (up to a bound, or in every explored state)
    without a re-checked proof."""
    worst = EXIT_OK
    for c in r.cells:
        if prove and c.verdict == "holds" and c.met is not False:
            worst = max(worst, EXIT_BOUNDED, key=_rank)
        if c.met is False:
            worst = max(worst, EXIT_UNKNOWN if c.verdict == "unknown" else EXIT_VIOLATED, key=_rank)
        elif c.met is None:
            if c.verdict == "violated" and not c.lockdep_warning:
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
    """A certificate per PROVED cell; a file there that this tool did not write is left alone.
    A reason shared by every cell (the spec is outside the proof directory's parent) is said once."""
    from verifier.proof.certificate import CertificateError
    from verifier.proof.check import write_certificate

    systems: dict[str, TransitionSystem] = {}
    said: set[str] = set()
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
            if str(e) not in said:
                said.add(str(e))
                print(f"irqverify: {e}", file=sys.stderr)
            continue
        print(f"certificate: {target}", file=sys.stderr)


def _check_junit(junit_file: str) -> None:
    """A --junit file that cannot be written is a usage error now, not a failure after the run."""
    target = Path(junit_file)
    try:
        OutputDir(target.parent).create()
    except OutputError as e:
        print(f"irqverify: cannot use --junit '{junit_file}': {e}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    if target.is_symlink() or (target.exists() and not (target.is_file() and is_junit(target))):
        reason = "it exists and was not written by irqverify"
        print(f"irqverify: cannot use --junit '{junit_file}': {reason}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _write_junit(junit_file: str, reported: list[tuple[str, SpecResult | SpecError]]) -> None:
    target = Path(junit_file)
    try:
        OutputDir(target.parent).write(target.name, junit(reported), is_junit)
    except OutputError as e:
        print(f"irqverify: {e}", file=sys.stderr)


def _write_traces(
    r: SpecResult, overrides: dict[str, int], trace_dir: str, layout: str = "mail", verbose: bool = False
) -> None:
    """Each counterexample as .itf.json and .txt (its first line marks it as this tool's, so a
    re-run may replace it); a file there that this tool did not write is left alone."""
    out = OutputDir(trace_dir)
    stem = Path(r.spec.path).stem
    for c in r.cells:
        if c.trace is None:
            continue
        name = f"{stem}.{c.variant}.{c.property}"
        ts = lower(r.spec, c.variant)
        text = render_trace(
            c.trace, minimal=c.minimal, none_up_to=c.none_up_to, engine=c.engine, layout=layout, verbose=verbose
        )
        files = (
            (f"{name}.itf.json", dumps(itf(c.trace, ts)) + "\n", is_itf_trace),
            (f"{name}.txt", f"{TEXT_MARK}\n{text}\n", is_trace_text),
        )
        for relative, content, owned in files:
            try:
                out.write(relative, content, owned)
            except OutputError as e:
                print(f"irqverify: {e}", file=sys.stderr)


def _write_html(r: SpecResult, overrides: dict[str, int], html_dir: str) -> None:
    """Each counterexample as an HTML page; imported here, so a run without --html never loads it."""
    from verifier.render.html import write_html

    try:
        write_html(r, overrides, html_dir)
    except OutputError as e:
        print(f"irqverify: {e}", file=sys.stderr)


def _check_all(specs: tuple[str, ...], overrides: dict[str, int], out: IO[str], err: IO[str]) -> int:
    status = EXIT_OK
    for path in specs:
        try:
            summary = guarded(lambda p=path: summarize(check_spec(p, overrides)))  # type: ignore[misc]
        except SpecError as e:
            for d in e.diagnostics:
                print(format_diagnostic(d), file=err)
            n = sum(1 for d in e.diagnostics if d.severity.value == "error")
            print(f"{path}: {counted(n, 'error')}", file=err)
            status = EXIT_SPEC
            continue
        _print_summary(path, summary, out)
    return status


def _cpu_text(tmpl: T.ThreadTemplate, inst: T.ThreadInstance) -> str:
    """`cpu 0` for a thread's CPU: a number, a parameter's value, else the option it names."""
    cpu = tmpl.cpu
    if isinstance(cpu, T.Lit):
        return f"cpu {cpu.value}"
    if isinstance(cpu, T.Var) and cpu.kind == "param":
        return f"cpu {inst.args[[p for p, _ in tmpl.params].index(cpu.name)]}"
    if isinstance(cpu, T.Var):
        return f"cpu {cpu.name}"
    return "cpu (per variant)"


def _print_summary(path: str, summary, out: IO[str]) -> None:  # type: ignore[no-untyped-def]
    spec = summary.spec
    fair = {t.name: t for t in spec.templates}
    threads = []
    for inst in spec.instances:
        tmpl = fair[inst.template]
        kind = {"hardirq": "irq handler", "softirq": "softirq handler"}.get(tmpl.context)
        tags = [
            w
            for w, on in (
                ("fair" if tmpl.fair == "weak" else "strong fair", tmpl.fair),
                ("daemon", tmpl.daemon and kind is None),
                (kind, kind),
                (_cpu_text(tmpl, inst), tmpl.cpu is not None),
            )
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
    shared, threads_ = summary.shared_bits, summary.thread_bits
    print(f"  state        {counted(total, 'bit')} (shared {shared}, threads {threads_})", file=out)


_SIGNAL_STATUS = {signal.SIGINT: EXIT_INTERRUPTED, signal.SIGTERM: EXIT_TERMINATED}
_received: list[int] = []  # the signal that interrupted the run under way (at most one)


def _on_signal(signum: int, frame: object) -> None:
    """SIGINT or SIGTERM: the engines stop at their next look at the guard and the run ends with
    what it has. A second one ends the process at once (its workers die with it)."""
    if _received:
        os.write(2, b"\nirqverify: interrupted again: stopping now\n")
        os._exit(_SIGNAL_STATUS.get(signum, EXIT_INTERRUPTED))
    _received.append(signum)
    interrupt()


def _catch_signals() -> dict[int, object]:
    """Route SIGINT and SIGTERM to `_on_signal`; the handlers replaced. Only the main thread can
    install handlers, and a SIGINT that the shell has us ignore (a background job) stays ignored."""
    _received.clear()
    clear_interrupt()
    if threading.current_thread() is not threading.main_thread():
        return {}
    old: dict[int, object] = {}
    for signum in _SIGNAL_STATUS:
        if signum == signal.SIGINT and signal.getsignal(signum) == signal.SIG_IGN:
            continue
        old[signum] = signal.signal(signum, _on_signal)
    return old


def _run_isolated(fn: Callable[[], int], interruptible: bool = False) -> int:
    """Run `fn` on a thread with a deep stack, so nested input ends in a diagnostic, not a crash.
    `interruptible`: SIGINT and SIGTERM interrupt the run (see `_on_signal`) instead of raising
    KeyboardInterrupt in this thread while `fn` runs on."""
    result: list[int] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as e:
            failure.append(e)

    old_limit = sys.getrecursionlimit()
    handlers = _catch_signals() if interruptible else {}
    threading.stack_size(_STACK)
    sys.setrecursionlimit(60_000)
    try:
        t = threading.Thread(target=target, name="irqverify")
        t.start()
        t.join()
    finally:
        sys.setrecursionlimit(old_limit)
        threading.stack_size(0)
        for signum, handler in handlers.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
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

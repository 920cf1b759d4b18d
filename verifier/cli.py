"""The command line: options in, a pipeline call, an exit status out. Nothing else lives here."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import IO

import click

from verifier import __version__
from verifier.diagnostics import format_diagnostic
from verifier.pipeline import SpecError, check_spec, guarded, summarize

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
    """


@main.command("check")
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--set", "sets", multiple=True, metavar="NAME=N", help="Override a constant, e.g. --set NFD=4.")
def check_cmd(specs: tuple[str, ...], sets: tuple[str, ...]) -> None:
    """Parse and check SPECS without solving; print what each one contains."""
    overrides = _parse_sets(sets)
    sys.exit(_run_isolated(lambda: _check_all(specs, overrides, sys.stdout, sys.stderr)))


@main.command("verify", hidden=True)
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--set", "sets", multiple=True, metavar="NAME=N", help="Override a constant, e.g. --set NFD=4.")
def verify_cmd(specs: tuple[str, ...], sets: tuple[str, ...]) -> None:
    """Check every variant and property of SPECS."""
    overrides = _parse_sets(sets)
    sys.exit(_run_isolated(lambda: _check_all(specs, overrides, sys.stdout, sys.stderr)))


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

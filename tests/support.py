"""Helpers shared by the tests: running the front end and the CLI, goldens, annotations."""

from __future__ import annotations

import contextlib
import re
import resource
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.cli import main
from verifier.diagnostics import Diagnostic, SpecError, format_diagnostic
from verifier.pipeline import guarded
from verifier.sema import typed as T
from verifier.sema.check import check
from verifier.syntax import load as load_module
from verifier.syntax.load import load

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CASES = TESTS / "cases"
SPEC_DIR = ROOT / "spec"

# A diagnostic with a position: `file:line:col: error: [IRQnnn] message`.
POSITIONED = re.compile(r"^\S+:\d+:\d+: error: \[IRQ\d{3}\] ")
SOURCE_LINE = re.compile(r"^ {0,4}\d+ \| ")
CARET_LINE = re.compile(r"^ +\| *\^+$")


def check_path(path: str | Path, text: str | None = None, *, prelude: bool = False) -> T.CheckedSpec:
    """The checked spec at `path` (with or without the kernel prelude); raises SpecError."""
    return guarded(lambda: check(load(str(path), text, prelude=prelude)))


def diagnostics(path: str | Path, text: str | None = None, *, prelude: bool = False) -> list[Diagnostic]:
    """Every diagnostic for the spec at `path`; [] if it is accepted."""
    try:
        check_path(path, text, prelude=prelude)
    except SpecError as e:
        return e.diagnostics
    return []


def formatted(diags: list[Diagnostic]) -> str:
    return "".join(format_diagnostic(d) + "\n" for d in diags)


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """Run `irqverify ARGS` in this process, as a user would from the shell."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)


def assert_clean_outcome(result: CliResult) -> None:
    """Exit 0 with a summary, or exit 3 with positioned diagnostics; never a traceback or another status."""
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.exit_code in (0, 3), (result.exit_code, result.stderr)
    if result.exit_code == 0:
        assert result.stdout.splitlines()[0].endswith(": ok"), result.stdout
        return
    lines = result.stderr.splitlines()
    positioned = [i for i, line in enumerate(lines) if POSITIONED.match(line)]
    assert positioned, result.stderr
    for i in positioned:
        assert SOURCE_LINE.match(lines[i + 1]), result.stderr
        assert CARET_LINE.match(lines[i + 2]), result.stderr


def compare_golden(path: Path, actual: str, update: bool) -> None:
    """Compare `actual` with the golden file at `path`, or rewrite it under --update-goldens."""
    if update:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}: run pytest --update-goldens and read the result"
    assert actual == path.read_text(encoding="utf-8")


@contextlib.contextmanager
def prelude_parsed_once() -> Iterator[None]:
    """Parse the kernel prelude once for many runs: the loader re-parses it for every spec otherwise."""
    original = load_module.parse_source
    cache: dict[str, object] = {}

    def parse_source(src):  # type: ignore[no-untyped-def]
        if not src.path.startswith("<prelude>/"):
            return original(src)
        if src.text not in cache:
            cache[src.text] = original(src)
        return cache[src.text]

    load_module.parse_source = parse_source
    try:
        yield
    finally:
        load_module.parse_source = original


def run_bounded(
    args: list[str], *, cwd: Path | None = None, seconds: float, memory: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`irqverify ARGS` in a child process, as CI runs it, within `seconds` (and `memory` bytes of
    address space, if given): a hang fails the test at the timeout, unbounded reading at the cap."""

    def cap() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        return subprocess.run(
            [sys.executable, "-m", "verifier", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=seconds,
            preexec_fn=cap if memory is not None else None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"irqverify {' '.join(args)} did not finish in {seconds} s")

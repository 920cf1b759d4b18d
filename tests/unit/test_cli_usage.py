"""The command line as people type it: options before or after the specs, a help that lists what
there is, unknown -V/-p names with a suggestion, unreadable specs, counts in the right number, and
the options that choose how traces are shown and where they go."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from support import ROOT, run_cli

import verifier.cli
from verifier.pipeline import check_spec

FLAG = str(ROOT / "spec" / "flag_mutex.irq")
ABBA = str(ROOT / "spec" / "abba_deadlock.irq")
SMALL = ("--max-states", "20000", "--hunt-states", "0", "--walk-steps", "0", "--proof-work", "1", "-j", "1")
TINY = "thread t { skip; }\n"


def _cells(stdout: str) -> list[dict[str, Any]]:
    """The cells of a --format json run, without the seconds (which differ between runs)."""
    doc = json.loads(stdout)
    return [{**c, "seconds": 0} for s in doc["specs"] for c in s["cells"]]


def _never_verify(*args: object, **kwargs: object) -> None:
    raise AssertionError("the run should have stopped before any verification")


# ---- options before or after the specs ------------------------------------------------------


def test_options_before_the_spec_act_as_after_it() -> None:
    before = run_cli("-q", "--format", "json", "-p", "deadlock", ABBA, *SMALL)
    after = run_cli(ABBA, "-p", "deadlock", *SMALL, "--format", "json", "-q")
    assert before.exit_code == after.exit_code == 0, before.stderr
    assert _cells(before.stdout) == _cells(after.stdout)
    assert {c["property"] for c in _cells(before.stdout)} == {"deadlock"}


def test_help_lists_every_verify_option_and_the_commands() -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: irqverify [OPTIONS] SPEC...\n")
    options = [o for p in verifier.cli.main.params if isinstance(p, click.Option) for o in p.opts]
    assert {"--max-states", "--variant", "-p", "--format", "--layout", "--verbose", "--html"} <= set(options)
    for opt in options:
        assert opt in result.stdout, opt
    commands = result.stdout[result.stdout.index("\nCommands:\n") :]
    assert "  check  " in commands and "  check-proof  " in commands
    assert "./check" in result.stdout, "the help says how to reach a spec file named like a command"


def test_a_spec_file_named_check_is_reached_as_dot_slash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("check").write_text(TINY, encoding="utf-8")
    verified = run_cli("-q", "./check", *SMALL)
    assert verified.exit_code == 0, verified.stderr
    assert "./check" in verified.stdout
    assert run_cli("-q", *SMALL, "--", "check").exit_code == 0
    checked = run_cli("check", "check")
    assert checked.exit_code == 0 and checked.stdout.startswith("check: ok\n")


def test_a_command_word_after_an_option_is_a_usage_error_that_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(verifier.cli, "verify", _never_verify)
    result = run_cli("-q", "check", "x.irq")
    assert result.exit_code == 2
    assert result.stderr == (
        "irqverify: error: 'check' is a command only as the first word (irqverify check ...); "
        "a spec file named check is ./check\n"
    )


def test_the_older_verify_word_still_works() -> None:
    plain = run_cli(ABBA, "-q", "-p", "deadlock", "--format", "json", *SMALL)
    spelled = run_cli("verify", ABBA, "-q", "-p", "deadlock", "--format", "json", *SMALL)
    assert plain.exit_code == spelled.exit_code == 0
    assert _cells(plain.stdout) == _cells(spelled.stdout)


# ---- unknown variant and property names ---------------------------------------------------------


def test_a_misspelt_property_is_named_with_the_nearest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verifier.cli, "verify", _never_verify)
    result = run_cli("-q", FLAG, "-p", "deadlok", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"irqverify: error: unknown property 'deadlok' in {FLAG}; did you mean 'deadlock'?\n"


def test_an_unknown_variant_with_nothing_near_lists_the_variants(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verifier.cli, "verify", _never_verify)
    result = run_cli(FLAG, "-V", "nosuch", "-V", "test_and_set")
    assert result.exit_code == 2
    names = ", ".join(v.name for v in check_spec(FLAG).variants)
    assert result.stderr == f"irqverify: error: unknown variant 'nosuch' in {FLAG}; the variants are: {names}\n"


def test_every_unknown_name_is_reported_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verifier.cli, "verify", _never_verify)
    result = run_cli(FLAG, ABBA, "-V", "abab", "-V", "abab", "-p", "mutual_exclusoin", "-p", "deadlock")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"irqverify: error: unknown variant 'abab' in {FLAG}, {ABBA}; did you mean 'abba'?",
        f"irqverify: error: unknown property 'mutual_exclusoin' in {FLAG}, {ABBA}; did you mean 'mutual_exclusion'?",
    ]


def test_a_name_shown_in_an_error_is_one_short_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verifier.cli, "verify", _never_verify)
    result = run_cli(FLAG, "-p", "x\nforged line" + "y" * 500)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "unknown property 'x\\nforged lineyyy" in line and "y" * 100 not in line


def test_a_name_some_spec_has_is_not_an_error_up_front() -> None:
    """-V abba selects in abba_deadlock.irq; flag_mutex.irq has no such variant and says so."""
    result = run_cli(FLAG, ABBA, "-q", "-V", "abba", "-p", "deadlock", "--format", "json", *SMALL)
    assert result.exit_code == 2
    assert f"{FLAG}: no variant or property matches the selection" in result.stderr
    assert {(c["spec"], c["variant"]) for c in _cells(result.stdout)} == {(ABBA, "abba")}


def test_names_are_not_checked_against_a_spec_with_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.irq"
    bad.write_text("thread t { x = 1; }\n", encoding="utf-8")
    result = run_cli(str(bad), "-p", "anything")
    assert result.exit_code == 3
    assert "unknown property" not in result.stderr and "[IRQ101]" in result.stderr


# ---- unreadable specs ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [(), ("check",)])
def test_a_directory_or_a_missing_spec_is_a_spec_error(command: tuple[str, ...], tmp_path: Path) -> None:
    for target, reason in ((tmp_path, "Is a directory"), (tmp_path / "missing.irq", "No such file or directory")):
        result = run_cli(*command, str(target), *(() if command else ("-q",)))
        assert result.exit_code == 3, result.stderr
        assert result.stderr.splitlines() == [
            f"irqverify: error: [IRQ005] cannot read '{target}': {reason}",
            f"{target}: 1 error",
        ]


# ---- counts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "failed", "line"),
    [(1, 0, "1 of 1 certificate holds"), (1, 1, "0 of 1 certificate holds"), (2, 1, "1 of 2 certificates hold")],
)
def test_check_proof_counts_certificates_in_the_right_number(
    total: int, failed: int, line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verifier.cli, "check_files", lambda *args: (total, failed))
    result = run_cli("check-proof", str(tmp_path))
    assert result.stdout == line + "\n"
    assert result.exit_code == (4 if failed else 0)


# ---- how traces are shown and where they go -----------------------------------------------------


def _record(calls: list[dict[str, Any]], text: str) -> Any:
    def fake(*args: object, **kwargs: Any) -> str:
        calls.append(kwargs)
        return text

    return fake


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), {"layout": "mail", "verbose": False}),
        (("--layout", "columns", "-v"), {"layout": "columns", "verbose": True}),
    ],
)
def test_layout_and_verbose_reach_every_trace_rendering(
    options: tuple[str, ...], expected: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results: list[dict[str, Any]] = []
    traces: list[dict[str, Any]] = []
    monkeypatch.setattr(verifier.cli, "render_result", _record(results, "RESULT"))
    monkeypatch.setattr(verifier.cli, "render_trace", _record(traces, "TRACE"))
    out = tmp_path / "traces"
    result = run_cli(*options, ABBA, "-q", "-V", "abba", "-p", "deadlock", "--trace-dir", str(out), *SMALL)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "RESULT\n\n"
    assert len(results) == 1 and {k: results[0][k] for k in expected} == expected
    assert len(traces) == 1 and {k: traces[0][k] for k in expected} == expected
    assert (out / "abba_deadlock.abba.deadlock.txt").read_text(encoding="utf-8").endswith("\nTRACE\n")


def test_layout_is_one_of_the_two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verifier.cli, "verify", _never_verify)
    result = run_cli(ABBA, "--layout", "wide")
    assert result.exit_code == 2 and "'wide' is not one of 'mail', 'columns'" in result.stderr


def test_html_gets_each_spec_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import verifier.render.html

    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(verifier.render.html, "write_html", lambda *args: calls.append(args))
    out = tmp_path / "pages"
    result = run_cli(ABBA, FLAG, "-q", "-p", "deadlock", "--set", "NONE_SUCH=1", "--html", str(out), *SMALL)
    assert result.exit_code == 3, "--set of a constant the specs lack"
    assert calls == []
    result = run_cli(ABBA, FLAG, "-q", "-p", "deadlock", "--html", str(out), *SMALL)
    assert result.exit_code == 0, result.stderr
    assert [(r.spec.path, overrides, where) for r, overrides, where in calls] == [
        (ABBA, {}, str(out)),
        (FLAG, {}, str(out)),
    ]
    assert out.is_dir()


def test_an_unusable_html_directory_is_a_usage_error_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verifier.cli, "verify", _never_verify)
    taken = tmp_path / "file"
    taken.write_text("not a directory\n", encoding="utf-8")
    result = run_cli(ABBA, "--html", str(taken))
    assert result.exit_code == 2 and "'--html'" in result.stderr
    below = taken / "pages"
    result = run_cli(ABBA, "--html", str(below))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"irqverify: cannot use --html '{below}': ")

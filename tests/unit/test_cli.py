"""verifier/cli.py: `irqverify check`, its output and its exit statuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import CASES, POSITIONED, assert_clean_outcome, run_cli

from verifier import __version__
from verifier.pipeline import check_spec, summarize

OK = CASES / "ok"


def write(tmp: Path, name: str, text: str) -> str:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_summary_of_an_accepted_spec() -> None:
    result = run_cli("check", str(OK / "declarations.irq"))
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"{OK / 'declarations.irq'}: ok"
    assert lines[1] == "  threads      1: worker"
    assert lines[2] == "  variants     3: baseline, quick, deep"
    assert lines[3] == (
        "  properties   7: phase_known (invariant), bounded (invariant), finishes (eventually), "
        "keeps_going (always-eventually), responds (leads-to), always_responds (leads-to), stays_bounded (always)"
    )
    assert lines[4].startswith("  checks       ") and "no_overflow" in lines[4]
    assert lines[4].endswith(
        "built in: deadlock, assertion, use_after_free, null_deref, pool_exhausted, out_of_range, list_corruption"
    )
    spec = check_spec(str(OK / "declarations.irq"))
    assert lines[5] == f"  expectations {len(spec.expectations)}"
    summary = summarize(spec)
    bits = summary.shared_bits + summary.thread_bits
    assert lines[6] == f"  state        {bits} bits (shared {summary.shared_bits}, threads {summary.thread_bits})"
    assert len(lines) == 7


def test_summary_names_every_thread_instance_with_its_fairness() -> None:
    lines = run_cli("check", str(OK / "threads.irq")).stdout.splitlines()
    assert lines[1] == (
        "  threads      8: single, pinned [fair], server(Reader, 0) [strong fair, daemon], "
        "server(Reader, 1) [strong fair, daemon], server(Writer, 0) [strong fair, daemon], "
        "server(Writer, 1) [strong fair, daemon], flagger(false) [fair, daemon], flagger(true) [fair, daemon]"
    )
    assert lines[2] == "  variants     1: default"
    assert lines[3] == "  properties   1: someone_ran (invariant)"


def test_errors_exit_3_with_a_count(tmp_path: Path) -> None:
    one = write(tmp_path, "one.irq", "thread t { x = 1; }\n")
    two = write(tmp_path, "two.irq", "thread t { x = 1; y = 2; }\n")
    r1, r2 = run_cli("check", one), run_cli("check", two)
    assert (r1.exit_code, r2.exit_code) == (3, 3)
    assert r1.stdout == r2.stdout == ""
    assert r1.stderr.endswith(f"{one}: 1 error\n")
    assert r2.stderr.endswith(f"{two}: 2 errors\n")
    assert r1.stderr.splitlines()[:3] == [
        f"{one}:1:12: error: [IRQ101] unknown name 'x'",
        "    1 | thread t { x = 1; }",
        "      |            ^",
    ]


def test_every_spec_is_checked_and_the_worst_status_wins(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.irq", "thread t { x = 1; }\n")
    good = str(OK / "threads.irq")
    result = run_cli("check", bad, good, bad)
    assert result.exit_code == 3
    assert result.stdout.startswith(f"{good}: ok\n")
    assert result.stderr.count(f"{bad}: 1 error") == 2


def test_set_overrides_a_constant(tmp_path: Path) -> None:
    spec = write(tmp_path, "n.irq", "const N = 1;\nthread t(i: 0..N) { skip; }\n")
    assert "threads      2:" in run_cli("check", spec).stdout
    assert "threads      4: t(0), t(1), t(2), t(3)" in run_cli("check", "--set", "N=3", spec).stdout
    assert "threads      3:" in run_cli("check", "--set", " N = 2", spec).stdout


def test_set_of_an_unknown_constant_is_a_spec_error(tmp_path: Path) -> None:
    spec = write(tmp_path, "n.irq", "const N = 1;\nthread t { skip; }\n")
    result = run_cli("check", "--set", "M=3", spec)
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == "irqverify: error: [IRQ101] --set M: the spec has no constant 'M'"


@pytest.mark.parametrize("bad", ["N", "N=", "=3", "N=x", "N=1.5"])
def test_malformed_set_is_a_usage_error(bad: str, tmp_path: Path) -> None:
    spec = write(tmp_path, "n.irq", "const N = 1;\nthread t { skip; }\n")
    result = run_cli("check", "--set", bad, spec)
    assert result.exit_code == 2
    assert "expected NAME=INTEGER" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run_cli("check").exit_code == 2
    assert run_cli("check", "--no-such-option", "x.irq").exit_code == 2


def test_a_directory_is_an_unreadable_spec_like_a_missing_one(tmp_path: Path) -> None:
    """Exit 3 with the same one-line diagnostic as any spec that cannot be read, not click's usage error."""
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 3
    assert result.stderr == (
        f"irqverify: error: [IRQ005] cannot read '{tmp_path}': Is a directory\n{tmp_path}: 1 error\n"
    )


def test_missing_spec_is_a_spec_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.irq"
    result = run_cli("check", str(missing))
    assert result.exit_code == 3
    assert result.stderr == (
        f"irqverify: error: [IRQ005] cannot read '{missing}': No such file or directory\n{missing}: 1 error\n"
    )


def test_version_and_help() -> None:
    assert run_cli("--version").stdout == f"irqverify, version {__version__}\n"
    help_text = run_cli("--help").stdout
    assert "irqverify check SPEC..." in help_text
    assert run_cli("check", "--help").stdout.startswith("Usage: irqverify check [OPTIONS] SPEC...\n")


def test_state_size_counts_bits_in_the_right_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`1 bit`, `2 bits`: the summary's counts agree with their nouns."""
    import verifier.cli
    from verifier.pipeline import SpecSummary

    spec = write(tmp_path, "one.irq", "thread t { skip; }\n")
    real = summarize(check_spec(spec))
    for shared, threads, words in ((0, 1, "1 bit"), (1, 1, "2 bits")):
        fake = SpecSummary(real.spec, shared, threads)
        monkeypatch.setattr(verifier.cli, "summarize", lambda _spec, fake=fake: fake)
        lines = run_cli("check", spec).stdout.splitlines()
        assert lines[6] == f"  state        {words} (shared {shared}, threads {threads})"


@pytest.mark.parametrize(
    "text",
    [
        "const C = " + "(" * 5000 + "1" + ")" * 5000 + ";\nthread t { skip; }\n",
        "const C = " + "+".join(["1"] * 20000) + ";\nthread t { skip; }\n",
        "var b: bool;\nthread t { b = " + "!" * 100_000 + "b; }\n",
        "thread t " + "{ atomic " * 3000 + "{ skip; }" + "}" * 3000 + "\n",
        "var x: " + "[bool]" * 5000 + "bool;\nthread t { skip; }\n",
    ],
    ids=["5000-parens", "20000-term-sum", "100000-nots", "3000-blocks", "5000-array-types"],
)
def test_deep_nesting_ends_in_irq007(text: str, tmp_path: Path) -> None:
    result = run_cli("check", write(tmp_path, "deep.irq", text))
    assert_clean_outcome(result)
    assert result.exit_code == 3
    first = result.stderr.splitlines()[0]
    assert POSITIONED.match(first) and "[IRQ007]" in first


def test_internal_errors_exit_70_with_a_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import verifier.cli

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(verifier.cli, "check_spec", broken)
    result = run_cli("check", write(tmp_path, "x.irq", "thread t { skip; }\n"))
    assert result.exit_code == 70
    assert result.stderr.startswith("irqverify: internal error (this is a bug in irqverify, please report it):\n")
    assert "ValueError: a bug" in result.stderr


def test_crlf_specs_are_shown_without_carriage_returns(tmp_path: Path) -> None:
    spec = tmp_path / "w.irq"
    spec.write_bytes(b"var b: bool;\r\nthread t {\r\n  b = 1;\r\n}\r\n")
    result = run_cli("check", str(spec))
    assert result.exit_code == 3
    assert result.stderr.splitlines()[1] == "    3 |   b = 1;"
    assert "\r" not in result.stderr and "\ufffd" not in result.stderr


def _irqverify(*args: str) -> list[str]:
    return [sys.executable, "-m", "verifier", *args]


def test_runs_as_a_module() -> None:
    done = subprocess.run(_irqverify("check", str(OK / "threads.irq")), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith(f"{OK / 'threads.irq'}: ok")


def test_a_reader_that_goes_away_is_not_a_crash() -> None:
    """`irqverify check ... | head -1`: the pipe closes early; no traceback, the shell's SIGPIPE status."""
    with subprocess.Popen(
        _irqverify("check", str(OK / "threads.irq")), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 141
    assert stderr == ""

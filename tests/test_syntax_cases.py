"""Syntax and file errors: tests/cases/syntax/*.irq through the command line, against golden output.

Each case's `.expected` file holds exactly what `irqverify check` writes to stderr (paths relative
to tests/cases); `pytest --update-goldens` rewrites them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import CASES, POSITIONED, compare_golden, run_cli

SYNTAX = CASES / "syntax"
CASE_FILES = sorted(SYNTAX.glob("*.irq"))


def normalise(text: str) -> str:
    """Resolved paths (include cycles name them) become relative to tests/cases."""
    return text.replace(str(CASES) + "/", "")


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_syntax_error_output(case: Path, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    result = run_cli("check", f"syntax/{case.name}")
    assert result.exit_code == 3
    assert result.stdout == ""
    compare_golden(case.with_suffix(".expected"), normalise(result.stderr), update_goldens)


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_case_name_states_its_code(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    code = case.name[:6].upper()
    first = run_cli("check", f"syntax/{case.name}").stderr.splitlines()[0]
    assert POSITIONED.match(first)
    assert re.search(rf"\[{code}\]", first)


def test_every_syntax_code_has_a_case() -> None:
    codes = {p.name[:6].upper() for p in CASE_FILES}
    assert {f"IRQ00{i}" for i in range(1, 9)} <= codes

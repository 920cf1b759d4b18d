"""Semantic error cases: tests/cases/errors/*.irq, annotated inline like mypy's test data.

`// E: IRQ104 fragment` on a line says the checker reports IRQ104 there, with a message containing
the fragment (optional); `// N: fragment` says a note of some diagnostic points at that line.
The reported set must equal the annotated set exactly. Each case also has a golden `.expected`
file with the full formatted output (`pytest --update-goldens` rewrites it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import CASES, compare_golden, diagnostics, formatted

from verifier.diagnostics import CODES

ERRORS = CASES / "errors"
CASE_FILES = sorted(ERRORS.glob("*.irq"))
ANNOTATION = re.compile(r"^(E|N):\s*(IRQ\d{3})?\s*(.*?)\s*$")

# Codes no spec can trigger through the checker: syntax and file codes have their own goldens
# (tests/cases/syntax), IRQ308 is reserved and IRQ501 is an internal error.
NOT_SEMANTIC = {code for code in CODES if code.startswith("IRQ0")} | {"IRQ308", "IRQ501"}


@dataclass(frozen=True)
class Expected:
    kind: str  # E or N
    line: int
    code: str | None
    fragment: str


def annotations(path: Path) -> list[Expected]:
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for segment in line.split("//")[1:]:
            m = ANNOTATION.match(segment.strip())
            if m:
                kind, code, fragment = m.groups()
                if kind == "E" and code is None:
                    raise AssertionError(f"{path.name}:{lineno}: an 'E:' annotation needs a code")
                out.append(Expected(kind, lineno, code, fragment))
    return out


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_reported_errors_match_annotations(case: Path) -> None:
    expected = annotations(case)
    diags = diagnostics(case)
    assert all(d.span is not None and d.span.line > 0 for d in diags), "every semantic error has a position"
    assert all(d.span is not None and d.span.path == str(case) for d in diags)

    actual_errors = Counter((d.span.line, d.code) for d in diags if d.span is not None)
    wanted_errors = Counter((e.line, e.code) for e in expected if e.kind == "E")
    assert actual_errors == wanted_errors

    notes = [(n.span.line, n.message) for d in diags for n in d.notes if n.span is not None]
    assert Counter(line for line, _ in notes) == Counter(e.line for e in expected if e.kind == "N")

    messages = [(d.span.line, d.code, d.message) for d in diags if d.span is not None]
    for e in expected:
        if e.kind == "E":
            found = any(line == e.line and code == e.code and e.fragment in msg for line, code, msg in messages)
        else:
            found = any(line == e.line and e.fragment in msg for line, msg in notes)
        assert found, f"{case.name}:{e.line}: no {e.code or 'note'} containing {e.fragment!r}"


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_error_output_matches_golden(case: Path, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    output = formatted(diagnostics(f"errors/{case.name}"))
    compare_golden(case.with_suffix(".expected"), output, update_goldens)


def test_every_checker_code_has_a_case() -> None:
    covered = {e.code for case in CASE_FILES for e in annotations(case) if e.kind == "E"}
    assert covered == set(CODES) - NOT_SEMANTIC


def test_annotations_are_read_from_every_comment() -> None:
    case = ERRORS / "irq102_duplicates.irq"
    on_line = [e for e in annotations(case) if e.line == 38]
    assert [(e.kind, e.code) for e in on_line] == [("E", "IRQ102"), ("E", "IRQ102"), ("N", None)]
    assert on_line[1].fragment == "parameter 'i' is defined twice"
    assert on_line[2].fragment == "first defined here"

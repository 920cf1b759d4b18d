"""verifier/diagnostics.py: codes, and how a diagnostic is shown to the user."""

from __future__ import annotations

import re

from verifier.diagnostics import CODES, Diagnostic, Note, Severity, SpecError, format_diagnostic
from verifier.source import BUILTIN, SourceFile, Span

SRC = SourceFile("s.irq", "var ready: bool;\nthread t {\n\tready = 1;\n}\n")


def test_codes_are_stable_and_grouped() -> None:
    assert all(re.fullmatch(r"IRQ[0-5]\d\d", code) for code in CODES)
    assert all(text and text == text.strip() for text in CODES.values())
    groups = {code[3] for code in CODES}
    assert groups == {"0", "1", "2", "3", "4", "5"}
    assert list(CODES) == sorted(CODES)


def test_error_with_caret_under_the_span() -> None:
    d = Diagnostic("IRQ101", "unknown name 'redy'", Span(SRC, 1, 5, 1, 10))
    assert format_diagnostic(d) == (
        "s.irq:1:5: error: [IRQ101] unknown name 'redy'\n    1 | var ready: bool;\n      |     ^^^^^"
    )


def test_tabs_show_as_one_space_so_the_caret_stays_aligned() -> None:
    d = Diagnostic("IRQ201", "expected 'bool', not '1..1'", Span(SRC, 3, 10, 3, 11))
    lines = format_diagnostic(d).split("\n")
    assert lines[1] == "    3 |  ready = 1;"
    assert lines[2] == "      |          ^"
    assert lines[1].index("1;") == lines[2].index("^")


def test_span_over_several_lines_underlines_the_rest_of_the_first() -> None:
    d = Diagnostic("IRQ301", "loop", Span(SRC, 2, 1, 4, 2))
    assert format_diagnostic(d).split("\n")[1:] == ["    2 | thread t {", "      | ^^^^^^^^^^"]


def test_span_wider_than_the_line_is_clamped() -> None:
    d = Diagnostic("IRQ001", "x", Span(SRC, 1, 12, 1, 400))
    assert format_diagnostic(d).split("\n")[2] == "      |            " + "^" * 5


def test_span_at_end_of_line_gets_one_caret() -> None:
    d = Diagnostic("IRQ003", "unexpected end of file", Span(SRC, 1, 17, 1, 18))
    assert format_diagnostic(d).split("\n")[2] == "      |" + " " * 17 + "^"


def test_empty_span_still_gets_one_caret() -> None:
    d = Diagnostic("IRQ101", "x", Span(SRC, 1, 5, 1, 5))
    assert format_diagnostic(d).split("\n")[2].endswith("|     ^")


def test_wide_line_numbers_keep_the_bar_aligned() -> None:
    src = SourceFile("big.irq", "\n" * 12344 + "skip;\n")
    d = Diagnostic("IRQ001", "x", Span(src, 12345, 1, 12345, 5))
    source_line, caret = format_diagnostic(d).split("\n")[1:]
    assert source_line == "12345 | skip;"
    assert caret == "      | ^^^^"


def test_unprintable_characters_are_replaced() -> None:
    src = SourceFile("c.irq", "x = \x07;\u2028y")
    d = Diagnostic("IRQ002", "unexpected character U+0007", Span(src, 1, 5, 1, 6))
    text = format_diagnostic(d)
    assert "\x07" not in text and "\u2028" not in text
    assert text.split("\n")[1] == "    1 | x = \ufffd;\ufffdy"


def test_diagnostic_without_position() -> None:
    d = Diagnostic("IRQ005", "cannot read 'nope.irq': No such file or directory", None)
    assert format_diagnostic(d) == "irqverify: error: [IRQ005] cannot read 'nope.irq': No such file or directory"
    d = Diagnostic("IRQ101", "--set N: the spec has no constant 'N'", BUILTIN)
    assert format_diagnostic(d) == "irqverify: error: [IRQ101] --set N: the spec has no constant 'N'"


def test_notes_follow_with_their_own_excerpt() -> None:
    d = Diagnostic(
        "IRQ102",
        "name 'ready' is defined twice",
        Span(SRC, 3, 2, 3, 7),
        notes=(Note("first defined here", Span(SRC, 1, 5, 1, 10)), Note("a note without a place")),
    )
    assert format_diagnostic(d).split("\n") == [
        "s.irq:3:2: error: [IRQ102] name 'ready' is defined twice",
        "    3 |  ready = 1;",
        "      |  ^^^^^",
        "s.irq:1:5: note: first defined here",
        "    1 | var ready: bool;",
        "      |     ^^^^^",
        "note: a note without a place",
    ]


def test_severity_is_shown() -> None:
    d = Diagnostic("IRQ101", "careful", Span(SRC, 1, 1, 1, 4), Severity.WARNING)
    assert format_diagnostic(d).startswith("s.irq:1:1: warning: [IRQ101] careful")


def test_spec_error_carries_every_diagnostic() -> None:
    diags = [Diagnostic("IRQ101", "a", None), Diagnostic("IRQ102", "b", None)]
    e = SpecError(diags)
    assert e.diagnostics == diags
    assert str(e) == "2 error(s)"

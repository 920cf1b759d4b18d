"""verifier/source.py: source files and spans."""

from __future__ import annotations

from verifier.source import BUILTIN, NO_FILE, SourceFile, Span

SRC = SourceFile("spec/a.irq", "var x: bool;\nthread t {\n  x = true;\n}\n")


def test_line_is_one_based_without_newline() -> None:
    assert SRC.line(1) == "var x: bool;"
    assert SRC.line(3) == "  x = true;"
    assert SRC.line(5) == ""  # after the final newline


def test_line_outside_the_file_is_empty() -> None:
    assert SRC.line(0) == ""
    assert SRC.line(-1) == ""
    assert SRC.line(99) == ""


def test_line_of_a_crlf_file_has_no_carriage_return() -> None:
    src = SourceFile("w.irq", "var x: bool;\r\nthread t { skip; }\r\n")
    assert src.line(1) == "var x: bool;"
    assert src.line(2) == "thread t { skip; }"


def test_span_text_single_line() -> None:
    assert Span(SRC, 1, 5, 1, 6).text() == "x"
    assert Span(SRC, 3, 3, 3, 12).text() == "x = true;"


def test_span_text_of_several_lines_is_the_rest_of_the_first() -> None:
    assert Span(SRC, 2, 8, 4, 2).text() == "t {"


def test_empty_span_has_empty_text() -> None:
    assert Span(SRC, 1, 5, 1, 5).text() == ""


def test_span_prints_as_path_line_col() -> None:
    span = Span(SRC, 3, 3, 3, 12)
    assert str(span) == "spec/a.irq:3:3"
    assert span.path == "spec/a.irq"


def test_spans_compare_by_position_not_by_file() -> None:
    other = SourceFile("other.irq", "different text")
    assert Span(SRC, 1, 1, 1, 2) == Span(other, 1, 1, 1, 2)
    assert Span(SRC, 1, 1, 1, 2) != Span(SRC, 1, 1, 1, 3)


def test_builtin_span_points_nowhere() -> None:
    assert BUILTIN.line == 0
    assert BUILTIN.file is NO_FILE
    assert BUILTIN.text() == ""

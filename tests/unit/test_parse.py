"""verifier/syntax/parse.py: text to parse tree, and Lark's errors to positioned diagnostics."""

from __future__ import annotations

import pytest
from lark import Tree
from support import check_path

from verifier.diagnostics import Diagnostic, SpecError
from verifier.source import SourceFile
from verifier.syntax.parse import MAX_BRACKETS, MAX_DEPTH, grammar_text, parse, parser


def parse_error(text: str) -> Diagnostic:
    with pytest.raises(SpecError) as info:
        parse(SourceFile("p.irq", text))
    (d,) = info.value.diagnostics
    assert d.span is not None and d.span.path == "p.irq"
    return d


def test_parses_to_a_tree() -> None:
    tree = parse(SourceFile("p.irq", "var x: bool;\nthread t { x = true; }\n"))
    assert isinstance(tree, Tree)
    assert [c.data for c in tree.children] == ["var_decl", "thread_decl"]


def test_grammar_ships_with_the_package_and_the_parser_is_built_once() -> None:
    assert "start: _decl*" in grammar_text()
    assert parser() is parser()


def test_unexpected_token_names_what_it_found_and_wanted() -> None:
    d = parse_error("var ready bool;")
    assert d.code == "IRQ001"
    assert d.message == "unexpected 'bool'; expected ':'"
    assert (d.span.line, d.span.col, d.span.end_col) == (1, 11, 15)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("var x: bool; var y", "unexpected end of file"),
        ("thread t { x = 1 y = 2; }", "unexpected name 'y'"),
        ("thread t { x = 1 2; }", "unexpected number 2"),
        ("thread t { x = 1 ) }", "unexpected ')'"),
    ],
)
def test_what_was_found_is_described(text: str, found: str) -> None:
    assert parse_error(text).message.startswith(found)


def test_expected_is_what_can_really_follow() -> None:
    # LALR's merged lookahead would also offer ')' and ']' after a statement's expression.
    message = parse_error("thread t {\n  x = 1\n  y = 2;\n}\n").message
    assert message.startswith("unexpected name 'y'; expected ';', ")
    assert "')'" not in message and "']'" not in message


def test_long_expected_lists_are_cut() -> None:
    message = parse_error("const N = ;").message
    assert message.endswith(", ...")
    assert message.count(",") == 8


def test_short_expected_lists_read_naturally() -> None:
    assert parse_error("thread t { if x = 1 { skip; } }").message == "unexpected '='; expected '{'"
    message = parse_error("enum E { A B }").message
    assert message == "unexpected name 'B'; expected '}' or ','"


def test_unexpected_character() -> None:
    d = parse_error("var x: bool;\nthread t { x = $; }")
    assert (d.code, d.message) == ("IRQ002", "unexpected character '$'")
    assert (d.span.line, d.span.col, d.span.end_col) == (2, 16, 17)


def test_unprintable_character_is_shown_as_a_code_point() -> None:
    assert parse_error("var x: bool;\x00").message == "unexpected character U+0000"
    assert parse_error("thread t { skip; }\u200b").message == "unexpected character U+200B"


def test_end_of_file_points_after_the_last_text() -> None:
    d = parse_error("thread t {\n  skip; x = 1 +\n\n\n")
    assert d.code == "IRQ003"
    assert (d.span.line, d.span.col) == (2, 16)
    assert d.message.startswith("unexpected end of file; expected ")


def test_an_unclosed_brace_at_the_end_of_file_is_reported_at_the_brace() -> None:
    d = parse_error("thread t {\n  skip;\n\n\n")
    assert (d.code, d.message) == ("IRQ010", "unclosed '{'")
    assert (d.span.line, d.span.col) == (1, 10)
    (note,) = d.notes
    assert note.message == "the file ends here" and note.span is not None
    assert (note.span.line, note.span.col) == (2, 8)


def test_an_unclosed_brace_before_the_next_thread_is_reported_at_the_brace() -> None:
    d = parse_error("var n: 0..3;\nthread t {\n  if n == 1 {\n    n = 2;\n  }\nthread u { n = 3; }\n")
    assert (d.code, d.message) == ("IRQ010", "unclosed '{'")
    assert (d.span.line, d.span.col) == (2, 10)
    (note,) = d.notes
    assert note.message == "still open at 'thread' here" and note.span is not None
    assert (note.span.line, note.span.col, note.span.end_col) == (6, 1, 7)


def test_other_errors_inside_an_open_block_stay_where_they_are() -> None:
    """Only the end of the file or a new declaration, where `}` could come, blame the brace."""
    assert parse_error("thread t {\n  x = = 1;\n}\n").code == "IRQ001"
    assert parse_error("thread t {\n  x = 1\nthread u { skip; }\n").code == "IRQ001"


def test_brackets_nested_past_the_limit() -> None:
    ok = "const C = " + "(" * MAX_BRACKETS + "1" + ")" * MAX_BRACKETS + ";"
    parse(SourceFile("p.irq", ok))
    d = parse_error("const C = " + "(" * (MAX_BRACKETS + 1) + "1" + ")" * (MAX_BRACKETS + 1) + ";")
    assert (d.code, d.message) == ("IRQ007", f"brackets nested more than {MAX_BRACKETS} deep")
    assert (d.span.line, d.span.col) == (1, 11 + MAX_BRACKETS)


def test_bracket_depth_is_counted_per_parse() -> None:
    text = "const C = " + "(" * 200 + "1" + ")" * 200 + ";"
    for _ in range(3):
        parse(SourceFile("p.irq", text))
    parse_error("thread t " + "{ " * 10)  # an unclosed parse leaves nothing behind
    parse(SourceFile("p.irq", text))


def test_deep_parse_tree_is_cut_at_the_limit() -> None:
    d = parse_error("var n: 0..3;\nthread t {\n  n = " + " + ".join(["1"] * 400) + ";\n}\n")
    assert (d.code, d.message) == ("IRQ007", f"constructs nested more than {MAX_DEPTH} levels deep")
    assert (d.span.line, d.span.col) == (3, 7), "points at the start of the deep expression"


@pytest.mark.parametrize(
    "make",
    [
        lambda k: "var n: 0..3;\nthread t { n = " + " + ".join(["n"] * k) + "; }\n",
        lambda k: "var n: 0..3;\nthread t { n = " + "-(" * k + "n" + ")" * k + "; }\n",
        lambda k: "var b: bool;\nthread t { b = " + "!" * k + "b; }\n",
        lambda k: "var n: 0..3;\nthread t { n = n" + ".f" * k + "; }\n",
    ],
    ids=["sum", "negation", "not", "fields"],
)
def test_nesting_just_under_the_limit_goes_through_the_whole_front_end(make) -> None:  # type: ignore[no-untyped-def]
    """Deepest trees the parser lets through are checked in-process without overflowing the stack."""
    k = next(k for k in range(MAX_DEPTH, 0, -1) if _depth_ok(make(k)))
    assert k > MAX_DEPTH - 10
    try:
        check_path("deep.irq", make(k))
    except SpecError as e:
        assert all(d.code != "IRQ007" for d in e.diagnostics)


def _depth_ok(text: str) -> bool:
    try:
        parse(SourceFile("deep.irq", text))
    except SpecError:
        return False
    return True

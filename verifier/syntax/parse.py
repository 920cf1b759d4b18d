"""Text to parse tree, and Lark's errors to positioned diagnostics (the one place they are converted)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from verifier.diagnostics import Diagnostic, SpecError
from verifier.source import SourceFile, Span

# How terminals are spelled in "expected ..." messages.
_FRIENDLY = {"NAME": "a name", "INT": "a number", "STRING": "a string", "$END": "end of file"}


@cache
def grammar_text() -> str:
    """The grammar, shipped inside the installed package (verifier.grammar)."""
    return resources.files("verifier.grammar").joinpath("irq.lark").read_text(encoding="utf-8")


@cache
def parser() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=True,
        cache=False,
    )


def parse(src: SourceFile) -> Tree[Token]:
    """The parse tree of `src`; raises SpecError with a positioned IRQ00x diagnostic."""
    try:
        return parser().parse(src.text)
    except UnexpectedInput as e:
        raise SpecError([_diagnostic(src, e)]) from None


def _diagnostic(src: SourceFile, e: UnexpectedInput) -> Diagnostic:
    line = getattr(e, "line", None) or 1
    col = getattr(e, "column", None) or 1
    if isinstance(e, UnexpectedCharacters):
        ch = src.text[e.pos_in_stream] if e.pos_in_stream < len(src.text) else "?"
        shown = repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"
        span = Span(src, line, col, line, col + 1)
        return Diagnostic("IRQ002", f"unexpected character {shown}", span)
    if isinstance(e, UnexpectedEOF) or (isinstance(e, UnexpectedToken) and e.token.type == "$END"):
        line, col = _end_position(src)
        span = Span(src, line, col, line, col + 1)
        return Diagnostic("IRQ003", f"unexpected end of file; expected {_expected(e)}", span)
    assert isinstance(e, UnexpectedToken)
    tok = e.token
    end_col = (tok.end_column or col + 1) if tok.end_line == tok.line else col + 1
    span = Span(src, line, col, line, max(end_col, col + 1))
    return Diagnostic("IRQ001", f"unexpected {_describe(tok)}; expected {_expected(e)}", span)


def _end_position(src: SourceFile) -> tuple[int, int]:
    lines = src.text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return len(lines), len(lines[-1]) + 1


def _describe(tok: Token) -> str:
    if tok.type == "NAME":
        return f"name '{tok}'"
    if tok.type == "INT":
        return f"number {tok}"
    return f"'{tok}'"


def _expected(e: UnexpectedInput) -> str:
    names = sorted(getattr(e, "expected", None) or getattr(e, "allowed", None) or [])
    spelled = sorted({_spell(n) for n in names})
    if not spelled:
        return "something else"
    if len(spelled) > 8:
        return ", ".join(spelled[:8]) + ", ..."
    return " or ".join(spelled) if len(spelled) <= 2 else ", ".join(spelled[:-1]) + " or " + spelled[-1]


def _spell(terminal: str) -> str:
    if terminal in _FRIENDLY:
        return _FRIENDLY[terminal]
    try:
        pattern = parser().get_terminal(terminal).pattern
    except KeyError:
        return terminal
    if pattern.type == "str":
        return f"'{pattern.value}'"
    return terminal.lower()

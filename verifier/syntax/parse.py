"""Text to parse tree, and Lark's errors to positioned diagnostics (the one place they are converted)."""

from __future__ import annotations

import threading
from functools import cache
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from verifier.diagnostics import Diagnostic, SpecError
from verifier.source import SourceFile, Span

# How terminals are spelled in "expected ..." messages.
_FRIENDLY = {"NAME": "a name", "INT": "a number", "STRING": "a string", "$END": "end of file"}

# Nesting limits (IRQ007): brackets open at once, and levels of the parse tree. Every later stage
# recurses over the tree, so a limit here keeps them all within Python's default recursion limit.
MAX_BRACKETS = 256
MAX_DEPTH = 256
_OPENING = ("LPAR", "LSQB", "LBRACE")
_CLOSING = ("RPAR", "RSQB", "RBRACE")
_brackets = threading.local()
_ENDERS = ("';'", "'}'", "')'", "']'")


class _TooDeep(Exception):
    def __init__(self, token: Token):
        self.token = token


def _opened(tok: Token) -> Token:
    _brackets.depth = getattr(_brackets, "depth", 0) + 1
    if _brackets.depth > MAX_BRACKETS:
        raise _TooDeep(tok)
    return tok


def _closed(tok: Token) -> Token:
    _brackets.depth = getattr(_brackets, "depth", 0) - 1
    return tok


@cache
def grammar_text() -> str:
    """The grammar, shipped inside the installed package (verifier.grammar = grammar/). A source
    tree's own grammar/ comes first: an editable install may map verifier.grammar to another tree."""
    beside = Path(__file__).resolve().parents[2] / "grammar" / "irq.lark"
    if beside.is_file():
        return beside.read_text(encoding="utf-8")
    try:
        return resources.files("verifier.grammar").joinpath("irq.lark").read_text(encoding="utf-8")
    except ModuleNotFoundError:  # running from a source tree that is not installed
        return (Path(__file__).resolve().parents[2] / "grammar" / "irq.lark").read_text(encoding="utf-8")


@cache
def parser() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=True,
        cache=False,
        lexer_callbacks={**dict.fromkeys(_OPENING, _opened), **dict.fromkeys(_CLOSING, _closed)},
    )


def parse(src: SourceFile) -> Tree[Token]:
    """The parse tree of `src`; raises SpecError with a positioned IRQ00x diagnostic."""
    _brackets.depth = 0
    try:
        tree = parser().parse(src.text)
    except UnexpectedInput as e:
        raise SpecError([_diagnostic(src, e)]) from None
    except _TooDeep as e:
        span = Span(src, e.token.line or 1, e.token.column or 1, e.token.line or 1, (e.token.column or 1) + 1)
        raise SpecError([Diagnostic("IRQ007", f"brackets nested more than {MAX_BRACKETS} deep", span)]) from None
    _check_depth(src, tree)
    return tree


def _check_depth(src: SourceFile, tree: Tree[Token]) -> None:
    """Raise IRQ007 at the first construct nested more than MAX_DEPTH levels deep (iteratively)."""
    stack: list[tuple[Tree[Token], int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            meta = node.meta
            line, col = (meta.line, meta.column) if not getattr(meta, "empty", True) else (1, 1)
            span = Span(src, line, col, line, col + 1)
            raise SpecError([Diagnostic("IRQ007", f"constructs nested more than {MAX_DEPTH} levels deep", span)])
        stack.extend((c, depth + 1) for c in reversed(node.children) if isinstance(c, Tree))


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
    # The parser's own `expected` is LALR's merged lookahead (it offers ')' after a statement's
    # expression); `accepts()` replays the state and keeps only what can really come next.
    ip = getattr(e, "interactive_parser", None)
    accepted = ip.accepts() if ip is not None else None
    names = sorted(accepted or getattr(e, "expected", None) or getattr(e, "allowed", None) or [])
    # What usually ends a construct comes first, so a forgotten ';' or '}' survives the cut below.
    spelled = sorted({_spell(n) for n in names}, key=lambda t: (t not in _ENDERS, t))
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

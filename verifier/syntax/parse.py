"""Text to parse tree, and Lark's errors to positioned diagnostics (the one place they are converted)."""

from __future__ import annotations

import io
import threading
from functools import cache
from importlib import resources
from pathlib import Path

import lark
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from verifier.diagnostics import Diagnostic, Note, SpecError
from verifier.source import SourceFile, Span
from verifier.syntax import cache as startup_cache

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
    if tok.type == "LBRACE":
        _brackets.braces.append(tok)
    return tok


def _closed(tok: Token) -> Token:
    _brackets.depth = getattr(_brackets, "depth", 0) - 1
    if tok.type == "RBRACE" and _brackets.braces:
        _brackets.braces.pop()
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


def cache_inputs() -> list[str | bytes] | None:
    """What the parser's tables depend on besides Python's version (see verifier/syntax/cache.py);
    None if the code cannot be read (then the tables are not cached)."""
    code = startup_cache.code()
    return None if code is None else [code, lark.__version__, grammar_text()]


@cache
def parser() -> Lark:
    """The grammar's LALR parser, built once per process; its tables (a few hundred milliseconds to
    build) come from the per-user cache when it has them."""
    inputs = cache_inputs() if startup_cache.enabled() else None
    digest = startup_cache.key(inputs) if inputs is not None else None
    if digest is not None:
        data = startup_cache.read("parser", digest)
        if data is not None:
            try:
                loaded = Lark.load(io.BytesIO(data))
            except Exception:  # a corrupt entry: built anew below, and replaced
                loaded = None
            if isinstance(loaded, Lark):
                return loaded
    built = Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=True,
        cache=False,
        lexer_callbacks={**dict.fromkeys(_OPENING, _opened), **dict.fromkeys(_CLOSING, _closed)},
    )
    if digest is not None:
        out = io.BytesIO()
        try:
            built.save(out)  # every option, the lexer callbacks too (by name: functions of this module)
        except Exception:
            return built
        startup_cache.write("parser", digest, out.getvalue())
    return built


def parse(src: SourceFile) -> Tree[Token]:
    """The parse tree of `src`; raises SpecError with a positioned IRQ00x diagnostic."""
    _brackets.depth = 0
    _brackets.braces = []  # the `{` tokens not closed yet, innermost last
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


@cache
def _declaration_starts() -> frozenset[str]:
    """The terminals that can begin a top-level declaration (`thread`, `var`, ...)."""
    return frozenset(parser().parse_interactive("").accepts()) - {"$END"}


def _unclosed(src: SourceFile, e: UnexpectedInput) -> Diagnostic | None:
    """IRQ010 at the innermost `{` still open, when that is what went wrong: the file ends, or a
    declaration begins, where the block could have been closed. The parser stops at the next
    thread or at the end of the file, far from the brace that the user has to fix."""
    braces: list[Token] = getattr(_brackets, "braces", [])
    if not braces or isinstance(e, UnexpectedCharacters):
        return None
    at_end = isinstance(e, UnexpectedEOF) or (isinstance(e, UnexpectedToken) and e.token.type == "$END")
    if not at_end and not (isinstance(e, UnexpectedToken) and e.token.type in _declaration_starts()):
        return None
    ip = getattr(e, "interactive_parser", None)
    if ip is None or "RBRACE" not in ip.accepts():
        return None
    brace = braces[-1]
    line, col = brace.line or 1, brace.column or 1
    if at_end:
        end_line, end_col = _end_position(src)
        where = Note("the file ends here", Span(src, end_line, end_col, end_line, end_col + 1))
    else:
        tok = e.token  # type: ignore[attr-defined]
        tline, tcol = tok.line or 1, tok.column or 1
        tend = tok.end_column if tok.end_line == tok.line and tok.end_column else tcol + 1
        where = Note(f"still open at {_describe(tok)} here", Span(src, tline, tcol, tline, max(tend, tcol + 1)))
    return Diagnostic("IRQ010", "unclosed '{'", Span(src, line, col, line, col + 1), notes=(where,))


def _diagnostic(src: SourceFile, e: UnexpectedInput) -> Diagnostic:
    unclosed = _unclosed(src, e)
    if unclosed is not None:
        return unclosed
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

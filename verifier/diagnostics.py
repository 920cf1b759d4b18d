"""Diagnostics: stages collect them, only the command line formats them.

Codes are stable and grouped: IRQ0xx syntax and files, IRQ1xx names, IRQ2xx types,
IRQ3xx statement and kernel rules, IRQ4xx limits, IRQ5xx internal.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from verifier.source import Span

CODES: dict[str, str] = {
    "IRQ001": "unexpected token",
    "IRQ002": "unexpected character",
    "IRQ003": "unexpected end of file",
    "IRQ004": "file is not UTF-8 text",
    "IRQ005": "file not found or unreadable (spec or include)",
    "IRQ006": "include cycle",
    "IRQ007": "nesting too deep",
    "IRQ008": "integer constant too large",
    "IRQ009": "include outside the spec's folder",
    "IRQ010": "unclosed '{'",
    "IRQ101": "unknown name",
    "IRQ102": "duplicate definition",
    "IRQ103": "unknown type",
    "IRQ104": "unknown field",
    "IRQ105": "unknown variant or property in an expectation",
    "IRQ106": "unknown or misused option",
    "IRQ107": "recursive call (procs and funcs are inlined)",
    "IRQ108": "wrong number or kind of arguments",
    "IRQ109": "name used as the wrong kind of thing",
    "IRQ110": "thread with parameters named without arguments",
    "IRQ111": "no such thread instance, or no such local of a thread",
    "IRQ112": "thread's locals read outside a property",
    "IRQ113": "ambiguous local of a thread",
    "IRQ114": "unknown label in at()",
    "IRQ201": "type mismatch",
    "IRQ202": "not assignable",
    "IRQ203": "domain is not finite",
    "IRQ204": "not a constant expression",
    "IRQ205": "empty or too large range",
    "IRQ206": "division by zero in a constant",
    "IRQ207": "cannot infer a type parameter",
    "IRQ208": "'if let' or '!' on a value that is not optional",
    "IRQ209": "'!' outside thread code (a property, invariant or initial value)",
    "IRQ301": "unbounded loop inside atomic",
    "IRQ302": "break or continue outside a loop",
    "IRQ303": "return out of an atomic block",
    "IRQ304": "alloc outside an assignment",
    "IRQ305": "ref argument reads shared state",
    "IRQ306": "thread context used outside a thread",
    "IRQ307": "no threads",
    "IRQ308": "state predicate has side effects or thread context",
    "IRQ309": "unsupported temporal property",
    "IRQ310": "interrupt handler without the kernel prelude",
    "IRQ320": "thread context ('self', or a proc that needs it) used in init",
    "IRQ321": "statement not allowed in init (await, choose, either, atomic, assume, while, loop, return)",
    "IRQ322": "a check fails while init runs",
    "IRQ330": "label named by at() without a program counter of its own",
    "IRQ401": "spec too large once procs and funcs are inlined",
    "IRQ402": "calls nested too deep",
    "IRQ403": "state too large",
    "IRQ404": "too many paths in one step (an atomic block, or thread-local code)",
    "IRQ501": "internal error",
}


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Note:
    message: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    span: Span | None
    severity: Severity = Severity.ERROR
    notes: tuple[Note, ...] = field(default=())


class SpecError(Exception):
    """Raised by a stage that cannot go on; carries every diagnostic collected."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} error(s)")
        self.diagnostics = diagnostics


def did_you_mean(name: str, names: Sequence[str]) -> str:
    """`; did you mean 'x'?` for the known name closest to `name`, or "" if none is close: one
    measure of "close" for the checker's hints and the command line's."""
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def format_diagnostic(d: Diagnostic) -> str:
    """`file:line:col: error: [CODE] message`, the source line, and a caret under the span."""
    lines: list[str] = []
    if d.span is None or d.span.line == 0:
        lines.append(f"irqverify: {d.severity.value}: [{d.code}] {d.message}")
    else:
        lines.append(f"{d.span}: {d.severity.value}: [{d.code}] {d.message}")
        lines.extend(_excerpt(d.span))
    for n in d.notes:
        where = f"{n.span}: " if n.span is not None and n.span.line else ""
        lines.append(f"{where}note: {n.message}")
        if n.span is not None and n.span.line:
            lines.extend(_excerpt(n.span))
    return "\n".join(lines)


def _excerpt(span: Span) -> list[str]:
    src = span.file.line(span.line).replace("\t", " ")
    prefix = f"{span.line:>5} | "
    width = (span.end_col - span.col) if span.end_line == span.line else len(src) - span.col + 1
    width = max(1, min(width, max(1, len(src) - span.col + 1)))
    caret = " " * (len(prefix) - 2) + "| " + " " * (span.col - 1) + "^" * width
    return [prefix + _printable(src), caret]


def _printable(s: str) -> str:
    return "".join(c if c.isprintable() or c == " " else "\ufffd" for c in s)

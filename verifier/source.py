"""Source files and spans: where every diagnostic and trace step points back to."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A spec's text as read, with its display path."""

    path: str
    text: str

    def line(self, lineno: int) -> str:
        """The 1-based line `lineno`, without its newline or a CRLF's '\\r' ('' past the end)."""
        lines = self.text.split("\n")
        line = lines[lineno - 1] if 1 <= lineno <= len(lines) else ""
        return line.removesuffix("\r")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open region of a source file, 1-based lines and columns."""

    file: SourceFile = field(repr=False, compare=False)
    line: int
    col: int
    end_line: int
    end_col: int

    @property
    def path(self) -> str:
        return self.file.path

    def __str__(self) -> str:
        return f"{self.file.path}:{self.line}:{self.col}"

    def text(self) -> str:
        """The source text the span covers (first line only if it spans several)."""
        src = self.file.line(self.line)
        end = self.end_col if self.end_line == self.line else len(src) + 1
        return src[self.col - 1 : end - 1]


NO_FILE = SourceFile("<builtin>", "")
BUILTIN = Span(NO_FILE, 0, 0, 0, 0)

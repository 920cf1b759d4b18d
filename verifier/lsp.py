"""A small language server: publishes the checker's diagnostics for *.irq documents as they are edited.

Only parsing and checking run (no verification engines), so feedback stays fast. The document text
comes from the editor; includes are still read from disk, under the same rules as on the command line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from verifier.diagnostics import Diagnostic, Severity, SpecError
from verifier.pipeline import check_spec
from verifier.syntax.load import MAX_FILE_BYTES

SOURCE = "irqverify"
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.NOTE: lsp.DiagnosticSeverity.Information,
}
_ORIGIN = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0))

server = LanguageServer("irqverify-lsp", "0.1")


def _utf16(lines: list[str], line: int, col: int) -> lsp.Position:
    """A 1-based (line, character column) as an LSP position, which counts UTF-16 code units."""
    row = min(max(line - 1, 0), max(len(lines) - 1, 0))
    prefix = lines[row][: max(col - 1, 0)] if lines else ""
    return lsp.Position(line=row, character=len(prefix.encode("utf-16-le")) // 2)


def to_lsp(diag: Diagnostic, path: str, lines: list[str]) -> lsp.Diagnostic:
    """One checker diagnostic for the document at `path`; one about another file (an include) or
    without a position goes at the document's start, with the file and position in the message."""
    message = diag.message
    span = diag.span
    if span is not None and span.path == path:
        rng = lsp.Range(start=_utf16(lines, span.line, span.col), end=_utf16(lines, span.end_line, span.end_col))
    else:
        rng = _ORIGIN
        if span is not None:
            message = f"{span}: {message}"
    for note in diag.notes:
        message += f"\nnote: {note.span}: {note.message}" if note.span else f"\nnote: {note.message}"
    return lsp.Diagnostic(range=rng, message=message, severity=_SEVERITY[diag.severity], code=diag.code, source=SOURCE)


def diagnostics_for(path: str, text: str) -> list[lsp.Diagnostic]:
    """The checker's diagnostics for `text` as the contents of `path`; empty if the spec checks."""
    lines = text.split("\n")
    if len(text.encode("utf-8", errors="surrogatepass")) > MAX_FILE_BYTES:
        found = [Diagnostic("IRQ005", f"document is larger than {MAX_FILE_BYTES} bytes", None)]
    else:
        try:
            check_spec(path, None, text)
            return []
        except SpecError as e:
            found = list(e.diagnostics)
        except Exception as e:  # a crash in the checker must not take the editor session down
            logging.getLogger(__name__).exception("checker failed on %s", path)
            found = [Diagnostic("IRQ501", f"internal error: {type(e).__name__}: {e}", None)]
    return [to_lsp(d, path, lines) for d in found]


def _path(uri: str) -> str:
    """The file system path of a document; an unsaved buffer is treated as a file in the working directory."""
    return to_fs_path(uri) or os.path.join(os.getcwd(), "untitled.irq")


def refresh(publish: Callable[[lsp.PublishDiagnosticsParams], object], uri: str, text: str) -> None:
    """Check one document and publish its diagnostics (an empty list clears earlier ones)."""
    publish(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics_for(_path(uri), text)))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
    refresh(ls.text_document_publish_diagnostics, params.text_document.uri, params.text_document.text)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    refresh(ls.text_document_publish_diagnostics, uri, ls.workspace.get_text_document(uri).source)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    refresh(ls.text_document_publish_diagnostics, uri, ls.workspace.get_text_document(uri).source)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


def main() -> None:
    """Entry point `irqverify-lsp`: serve over stdin/stdout."""
    server.start_io()

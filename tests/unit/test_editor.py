"""Editor support: the TextMate grammar agrees with the Lark grammar, and the language server
publishes the checker's own diagnostics."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from lark import Lark
from lark.exceptions import LexError
from lsprotocol import types as lsp

from verifier import lsp as server
from verifier.diagnostics import SpecError
from verifier.pipeline import check_spec

ROOT = Path(__file__).resolve().parents[2]
LARK = (ROOT / "grammar" / "irq.lark").read_text(encoding="utf-8")
TM = json.loads((ROOT / "editors" / "irq.tmLanguage.json").read_text(encoding="utf-8"))
SPECS = sorted((ROOT / "spec").glob("*.irq"))


def _rules(patterns: list[dict]) -> list[dict]:
    """The grammar's patterns with `#name` includes expanded, in priority order."""
    out: list[dict] = []
    for p in patterns:
        if "include" in p:
            out.extend(_rules(TM["repository"][p["include"].removeprefix("#")]["patterns"]))
        elif "patterns" in p and "match" not in p and "begin" not in p:
            out.extend(_rules(p["patterns"]))
        else:
            out.append(p)
    return out


RULES = _rules(TM["patterns"])


def tokenize(text: str) -> list[tuple[str, str]]:
    """(scope, text) pairs as a TextMate engine would assign them: line by line, the earliest match
    wins and ties go to the earlier rule; a begin/end rule spans lines until its end matches."""
    tokens: list[tuple[str, str]] = []
    open_rule: dict | None = None
    for line in text.split("\n"):
        pos = 0
        while pos < len(line):
            if open_rule is not None:
                end = re.compile(open_rule["end"]).search(line, pos)
                stop = end.end() if end else len(line)
                tokens.append((open_rule["name"], line[pos:stop]))
                pos = stop
                if end:
                    open_rule = None
                continue
            best: tuple[int, int, dict, re.Match[str]] | None = None
            for i, rule in enumerate(RULES):
                m = re.compile(rule.get("match") or rule["begin"]).search(line, pos)
                if m and m.end() > m.start() and (best is None or m.start() < best[0]):
                    best = (m.start(), i, rule, m)
            if best is None:
                tokens.append(("", line[pos:]))
                break
            start, _, rule, m = best
            if start > pos:
                tokens.append(("", line[pos:start]))
            tokens.append((rule["name"], m.group()))
            pos = m.end()
            if "begin" in rule:
                open_rule = rule
    return tokens


def _invalid(text: str) -> list[str]:
    return [t for scope, t in tokenize(text) if "invalid" in scope]


def test_every_lark_keyword_is_a_keyword_in_the_editor_grammar() -> None:
    literals = set(re.findall(r'"([A-Za-z_]+)"', LARK))
    assert len(literals) > 40
    keyword_rules = _rules(TM["repository"]["keywords"]["patterns"])
    for word in sorted(literals):
        assert any(re.fullmatch(r["match"], word) for r in keyword_rules), word
        assert tokenize(word) == [(next(r["name"] for r in keyword_rules if re.fullmatch(r["match"], word)), word)]
    assert not any(re.fullmatch(r["match"], "threads") for r in keyword_rules)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_bundled_specs_have_no_invalid_and_no_unscoped_characters(spec: Path) -> None:
    tokens = tokenize(spec.read_text(encoding="utf-8"))
    assert not [t for scope, t in tokens if "invalid" in scope]
    assert all(t.strip(" \t\f\r") == "" for scope, t in tokens if not scope)
    scopes = {scope.split(".")[0] for scope, _ in tokens}
    assert {"comment", "keyword", "variable"} <= scopes


def test_stray_characters_are_invalid() -> None:
    assert _invalid("var x: bool;\n`") == ["`"]
    assert _invalid('const a = 1 # 2; "ok" $') == ["#", "$"]
    assert _invalid("a & b") == ["&"]
    assert _invalid("/* ` inside a comment */ // and `here`") == []


def test_invalid_marks_exactly_what_the_lark_lexer_rejects() -> None:
    """Differential: every one- and two-character input over a mixed alphabet is rejected by
    Lark's lexer exactly when the editor grammar marks something invalid."""
    lexer = Lark(LARK, parser="lalr", lexer="basic")

    def lark_accepts(text: str) -> bool:
        try:
            list(lexer.lex(text))
        except LexError:
            return False
        return True

    alphabet = [chr(c) for c in range(32, 127)] + ["\t", "\n", "\r", "\f", "\v", "é", "\u00a0", "λ"]
    checked = 0
    for a in alphabet:
        for text in [a, *(a + b for b in alphabet)]:
            if text == "/*":
                continue  # an unterminated block comment stays a comment while it is being typed
            assert lark_accepts(text) == (not _invalid(text)), repr(text)
            checked += 1
    assert checked > 10_000


class _FakeServer:
    """Stands in for the pygls server: holds the documents and records what is published."""

    def __init__(self) -> None:
        self.published: list[lsp.PublishDiagnosticsParams] = []
        self.docs: dict[str, str] = {}
        self.workspace = SimpleNamespace(get_text_document=lambda uri: SimpleNamespace(source=self.docs[uri]))

    def text_document_publish_diagnostics(self, params: lsp.PublishDiagnosticsParams) -> None:
        self.published.append(params)


def _open(fake: _FakeServer, path: Path, text: str) -> lsp.PublishDiagnosticsParams:
    uri = path.as_uri()
    fake.docs[uri] = text
    doc = lsp.TextDocumentItem(uri=uri, language_id="irq", version=1, text=text)
    server.did_open(fake, lsp.DidOpenTextDocumentParams(text_document=doc))
    return fake.published[-1]


def _expected(path: Path, text: str) -> list[tuple[str, int, int, int, int]]:
    """The checker's own diagnostics for `text`, as (code, 0-based range) for ASCII text; a column
    past the end of its line is the line's length, as LSP defines it."""
    lines = text.split("\n")

    def col(line: int, c: int) -> int:
        return min(c - 1, len(lines[line - 1]))

    try:
        check_spec(str(path), None, text)
    except SpecError as e:
        return [
            (
                d.code,
                d.span.line - 1,
                col(d.span.line, d.span.col),
                d.span.end_line - 1,
                col(d.span.end_line, d.span.end_col),
            )
            if d.span
            else (d.code, 0, 0, 0, 0)
            for d in e.diagnostics
        ]
    return []


def _got(params: lsp.PublishDiagnosticsParams) -> list[tuple[str, int, int, int, int]]:
    return [
        (d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in params.diagnostics
    ]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_bundled_spec_publishes_no_diagnostics(spec: Path) -> None:
    fake = _FakeServer()
    published = _open(fake, spec, spec.read_text(encoding="utf-8"))
    assert published.uri == spec.as_uri()
    assert published.diagnostics == []


@pytest.mark.parametrize(
    "text",
    [
        "var x: bool = 3;\nthread t { skip; }\n",
        "var x: bool;\nthread t {\n  x = y;\n}\n",
        "var x: bool;\n`\n",
        "thread t { skip;\n",
    ],
)
def test_error_diagnostics_match_the_checker(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.irq"
    fake = _FakeServer()
    published = _open(fake, path, text)
    expected = _expected(path, text)
    assert expected, "the input must be an error for the checker"
    assert _got(published) == expected
    for d in published.diagnostics:
        assert d.source == "irqverify"
        assert d.severity == lsp.DiagnosticSeverity.Error


def test_change_then_fix_clears_diagnostics(tmp_path: Path) -> None:
    path = tmp_path / "edit.irq"
    fake = _FakeServer()
    assert _open(fake, path, "var x: bool;\nthread t { x = 1; }\n").diagnostics
    uri = path.as_uri()
    fake.docs[uri] = "var x: bool;\nthread t { x = true; }\n"
    ident = lsp.VersionedTextDocumentIdentifier(uri=uri, version=2)
    server.did_change(fake, lsp.DidChangeTextDocumentParams(text_document=ident, content_changes=[]))
    assert fake.published[-1].diagnostics == []


def test_columns_are_utf16_code_units(tmp_path: Path) -> None:
    path = tmp_path / "wide.irq"
    text = "var x: bool; /* 𝄞é */ var y: bool = 3;\nthread t { skip; }\n"
    fake = _FakeServer()
    [diag] = _open(fake, path, text).diagnostics
    [(code, line, col, _, end_col)] = _expected(path, text)
    prefix = text.split("\n")[line][:col]
    assert diag.code == code
    assert diag.range.start.character == col + 1  # the clef is two UTF-16 units, one Python character
    assert diag.range.start.character == len(prefix.encode("utf-16-le")) // 2
    assert diag.range.end.character == end_col + 1


def test_include_error_in_another_file_goes_to_the_start(tmp_path: Path) -> None:
    (tmp_path / "lib.irq").write_text("var z: bool = 7;\n", encoding="utf-8")
    path = tmp_path / "main.irq"
    published = _open(_FakeServer(), path, 'include "lib.irq";\nthread t { skip; }\n')
    [diag] = published.diagnostics
    assert diag.code == "IRQ201"
    assert (diag.range.start.line, diag.range.start.character) == (0, 0)
    assert "lib.irq:1:" in diag.message


def test_oversized_document_is_refused_without_checking(tmp_path: Path) -> None:
    text = "//" + "x" * server.MAX_FILE_BYTES
    [diag] = server.diagnostics_for(str(tmp_path / "big.irq"), text)
    assert diag.code == "IRQ005"
    assert (diag.range.start.line, diag.range.start.character) == (0, 0)


def _frame(obj: dict) -> bytes:
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_server_over_stdio_publishes_the_checker_diagnostic(tmp_path: Path) -> None:
    """End to end through pygls's JSON-RPC transport; the timeout only catches a hang."""
    path = tmp_path / "bad.irq"
    text = "var x: bool = 3;\nthread t { skip; }\n"
    doc = {"uri": path.as_uri(), "languageId": "irq", "version": 1, "text": text}
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": doc}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    proc = subprocess.run(
        [sys.executable, "-c", "from verifier.lsp import main; main()"],
        input=b"".join(_frame(m) for m in messages),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    bodies = [json.loads(b) for b in re.split(rb"Content-Length: \d+\r\n(?:[^\r\n]+\r\n)*\r\n", proc.stdout) if b]
    [published] = [b["params"] for b in bodies if b.get("method") == "textDocument/publishDiagnostics"]
    assert published["uri"] == path.as_uri()
    [(code, line, col, end_line, end_col)] = _expected(path, text)
    [diag] = published["diagnostics"]
    assert diag["code"] == code and diag["source"] == "irqverify" and diag["severity"] == 1
    assert diag["range"] == {
        "start": {"line": line, "character": col},
        "end": {"line": end_line, "character": end_col},
    }

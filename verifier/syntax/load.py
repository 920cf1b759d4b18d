"""Read a spec and everything it includes, the kernel prelude first.

Includes resolve relative to the including file, then to the prelude directory; each file is
read once (a diamond include is fine), and a cycle is an error that names the chain.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from verifier.diagnostics import Diagnostic, SpecError
from verifier.source import SourceFile, Span
from verifier.syntax import ast
from verifier.syntax.parse import parse
from verifier.syntax.to_ast import to_ast

PRELUDE = "kernel.irq"
PRELUDE_DISPLAY = "<prelude>/kernel.irq"
MAX_FILE_BYTES = 4 * 1024 * 1024


def prelude_text() -> str:
    return resources.files("verifier.prelude").joinpath(PRELUDE).read_text(encoding="utf-8")


def read_source(path: str) -> SourceFile:
    """The file at `path` as text; raises SpecError (IRQ005, IRQ004) if unreadable or not UTF-8."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SpecError([Diagnostic("IRQ005", f"cannot read '{path}': {e.strerror or e}", None)]) from None
    return decode_source(path, data)


def decode_source(path: str, data: bytes) -> SourceFile:
    if len(data) > MAX_FILE_BYTES:
        raise SpecError([Diagnostic("IRQ005", f"'{path}' is larger than {MAX_FILE_BYTES} bytes", None)])
    try:
        return SourceFile(path, data.decode("utf-8"))
    except UnicodeDecodeError as e:
        before = data[: e.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        text = data.decode("utf-8", errors="replace")
        src = SourceFile(path, text)
        raise SpecError(
            [
                Diagnostic(
                    "IRQ004", f"byte 0x{data[e.start]:02x} is not valid UTF-8", Span(src, line, col, line, col + 1)
                )
            ]
        ) from None


def parse_source(src: SourceFile) -> ast.Module:
    return to_ast(src, parse(src))


def load(path: str, text: str | None = None, *, prelude: bool = True) -> list[ast.Module]:
    """Every module of the spec at `path` (prelude first, then includes before includers)."""
    modules: list[ast.Module] = []
    errors: list[Diagnostic] = []
    seen: set[str] = set()
    if prelude:
        src = SourceFile(PRELUDE_DISPLAY, prelude_text())
        modules.append(parse_source(src))
        seen.add(PRELUDE_DISPLAY)
    root = SourceFile(path, text) if text is not None else read_source(path)
    _load(root, [], seen, modules, errors)
    if errors:
        raise SpecError(errors)
    return modules


def _load(src: SourceFile, chain: list[str], seen: set[str], out: list[ast.Module], errors: list[Diagnostic]) -> None:
    key = _key(src.path)
    seen.add(key)
    try:
        module = parse_source(src)
    except SpecError as e:
        errors.extend(e.diagnostics)
        return
    for decl in module.decls:
        if not isinstance(decl, ast.Include):
            continue
        target = _resolve(src.path, decl.name)
        if target is None:
            errors.append(Diagnostic("IRQ005", f"cannot find include '{decl.name}'", decl.name_span))
            continue
        tkey = PRELUDE_DISPLAY if target == PRELUDE_DISPLAY else _key(target)
        if tkey in chain or tkey == key:
            cycle = " -> ".join([*chain, key, tkey])
            errors.append(Diagnostic("IRQ006", f"include cycle: {cycle}", decl.name_span))
            continue
        if tkey in seen:
            continue
        try:
            child = SourceFile(PRELUDE_DISPLAY, prelude_text()) if tkey == PRELUDE_DISPLAY else read_source(target)
        except SpecError as e:
            errors.extend(
                Diagnostic(d.code, d.message, d.span or decl.name_span, d.severity, d.notes) for d in e.diagnostics
            )
            continue
        _load(child, [*chain, key], seen, out, errors)
    out.append(module)


def _key(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


def _resolve(including: str, name: str) -> str | None:
    if name == PRELUDE:
        return PRELUDE_DISPLAY
    if including != PRELUDE_DISPLAY:
        candidate = Path(including).parent / name
        if candidate.is_file():
            return str(candidate)
    return None

"""Read a spec and everything it includes, the kernel prelude first.

A spec is untrusted input. Includes resolve relative to the including file and must stay inside
the root spec's folder (the directory of the spec named on the command line, and below it, with
symbolic links resolved); `include "kernel.irq";` names the prelude (all of its files). Only regular files are
opened for reading, and at most MAX_FILE_BYTES + 1 bytes of one are read. Each file is read once
(a diamond include is fine), and a cycle is an error that names the chain.
"""

from __future__ import annotations

import errno
import os
import pickle
import stat
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from verifier.diagnostics import Diagnostic, SpecError
from verifier.source import SourceFile, Span
from verifier.syntax import ast
from verifier.syntax import cache as startup_cache
from verifier.syntax.parse import cache_inputs, parse
from verifier.syntax.to_ast import to_ast

PRELUDE = "kernel.irq"
PRELUDE_DISPLAY = "<prelude>/kernel.irq"
# The prelude's files, in load order: the core (context, locks, RCU, lists), the other
# synchronisation primitives, then KVM's interrupt plumbing. `include "kernel.irq"` names them all.
PRELUDE_FILES = ("kernel.irq", "sync.irq", "kvm.irq")
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_INCLUDE_NAME = 255
_READ_CHUNK = 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def prelude_text(name: str = PRELUDE) -> str:
    return resources.files("verifier.prelude").joinpath(name).read_text(encoding="utf-8")


def prelude_sources() -> list[SourceFile]:
    """The prelude's files as sources, each shown as `<prelude>/NAME`."""
    return [SourceFile(f"<prelude>/{name}", prelude_text(name)) for name in PRELUDE_FILES]


_prelude_lock = threading.Lock()
_prelude: tuple[ast.Module, ...] | None = None


def prelude_modules() -> tuple[ast.Module, ...]:
    """The prelude's modules, parsed once per process: its files are part of the installed package
    (they do not change while a process runs) and an AST is immutable, so every load shares them.
    The parsed modules come from the per-user cache when it has them (verifier/syntax/cache.py)."""
    global _prelude
    with _prelude_lock:
        if _prelude is None:
            _prelude = _parse_prelude()
        return _prelude


def _parse_prelude() -> tuple[ast.Module, ...]:
    sources = prelude_sources()
    inputs = cache_inputs() if startup_cache.enabled() else None
    if inputs is None:
        return tuple(parse_source(src) for src in sources)
    digest = startup_cache.key([*inputs, *(f"{src.path}\0{src.text}" for src in sources)])
    data = startup_cache.read("prelude", digest)
    if data is not None:
        try:
            cached = pickle.loads(data)
        except Exception:  # a corrupt entry: parsed anew below, and replaced
            cached = None
        if _is_prelude(cached, sources):
            return cached
    modules = tuple(parse_source(src) for src in sources)
    startup_cache.write("prelude", digest, pickle.dumps(modules, protocol=pickle.HIGHEST_PROTOCOL))
    return modules


def _is_prelude(value: object, sources: list[SourceFile]) -> bool:
    """Is `value` the parsed prelude of `sources` (a module per file, of that file's text)?"""
    return (
        isinstance(value, tuple)
        and len(value) == len(sources)
        and all(
            isinstance(m, ast.Module) and m.path == src.path and m.source == src
            for m, src in zip(value, sources, strict=True)
        )
    )


def clear_prelude_cache() -> None:
    """Forget the parsed prelude (the next load parses it again)."""
    global _prelude
    with _prelude_lock:
        _prelude = None


def read_source(path: str) -> SourceFile:
    """The file at `path` as text; raises SpecError (IRQ005, IRQ004) if it is not a readable
    regular file of at most MAX_FILE_BYTES bytes of UTF-8."""
    return decode_source(path, _read_regular(path, path))


def _read_regular(path: str, display: str, *, follow: bool = True, missing: str | None = None) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of the regular file at `path`; `missing` is the message
    for a file that does not exist, if not the usual "cannot read".

    The file is opened non-blocking (a FIFO does not hang the open) and checked with fstat before
    anything is read, so a device, a FIFO or a huge sparse file is refused without reading it.
    """
    flags = _OPEN_FLAGS | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError) as e:
        if missing is not None and isinstance(e, FileNotFoundError | NotADirectoryError):
            raise SpecError([Diagnostic("IRQ005", missing, None)]) from None
        raise _unreadable(display, e) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise _unreadable(display, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(st.st_mode):
            raise _unreadable(display, "not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise _too_large(display)
        chunks: list[bytes] = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, _READ_CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as e:
        raise _unreadable(display, e) from None
    finally:
        os.close(fd)


def _unreadable(display: str, why: BaseException | str) -> SpecError:
    reason = why if isinstance(why, str) else (getattr(why, "strerror", None) or str(why))
    return SpecError([Diagnostic("IRQ005", f"cannot read '{display}': {reason}", None)])


def _too_large(display: str) -> SpecError:
    return SpecError([Diagnostic("IRQ005", f"'{display}' is larger than {MAX_FILE_BYTES} bytes", None)])


UTF8_BOM = b"\xef\xbb\xbf"


def decode_source(path: str, data: bytes) -> SourceFile:
    """The text of a spec file. A UTF-8 byte order mark (some Windows editors write one) is not
    part of the text: it is dropped, so columns count from the first character after it."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path)
    data = data.removeprefix(UTF8_BOM)
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
        modules.extend(prelude_modules())
        seen.add(PRELUDE_DISPLAY)
    root = SourceFile(path, text.removeprefix("\ufeff")) if text is not None else read_source(path)
    loader = _Loader(spec_folder(path), seen, modules, errors)
    loader.load(root, _key(path), [])
    if errors:
        raise SpecError(errors)
    return modules


def spec_folder(path: str) -> str:
    """The folder a spec's includes must stay in: its own directory, symbolic links resolved."""
    return os.path.realpath(os.path.dirname(path) or os.curdir)


@dataclass(frozen=True, slots=True)
class _Target:
    """An include found inside the spec's folder: `display` is the path diagnostics show (the
    including file's directory joined with the name), `real` the resolved path that is opened."""

    display: str
    real: str


@dataclass(slots=True)
class _Loader:
    """One load: the folder every include must stay in, what was read, and what went wrong."""

    folder: str
    seen: set[str]
    out: list[ast.Module]
    errors: list[Diagnostic]

    def load(self, src: SourceFile, key: str, chain: list[str]) -> None:
        self.seen.add(key)
        try:
            module = parse_source(src)
        except SpecError as e:
            self.errors.extend(e.diagnostics)
            return
        for decl in module.decls:
            if isinstance(decl, ast.Include):
                self._include(decl, src.path, key, chain)
        self.out.append(module)

    def _include(self, decl: ast.Include, including: str, key: str, chain: list[str]) -> None:
        try:
            target = _resolve(including, decl.name, self.folder)
        except _Refused as r:
            self.errors.append(Diagnostic(r.code, r.message, decl.name_span))
            return
        tkey = PRELUDE_DISPLAY if target is None else target.real
        if tkey in chain or tkey == key:
            cycle = " -> ".join([*chain, key, tkey])
            self.errors.append(Diagnostic("IRQ006", f"include cycle: {cycle}", decl.name_span))
            return
        if tkey in self.seen:
            return
        if target is None:
            self.seen.add(tkey)
            self.out.extend(prelude_modules())
            return
        try:
            child = decode_source(target.display, _read_include(target, decl.name))
        except SpecError as e:
            self.errors.extend(
                Diagnostic(d.code, d.message, d.span or decl.name_span, d.severity, d.notes) for d in e.diagnostics
            )
            return
        self.load(child, tkey, [*chain, key])


class _Refused(Exception):
    """An include refused before its file is opened: the diagnostic's code and message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _key(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError, ValueError):
        return path


def _resolve(including: str, name: str, folder: str) -> _Target | None:
    """Where `include "name";` in `including` points: None for the prelude, else a file inside
    `folder`. Raises _Refused for a name that is malformed or leads outside the folder; a path
    outside is refused from its name and resolved links alone, never opened."""
    if name == PRELUDE:
        return None
    if including.startswith("<prelude>/"):
        raise _Refused("IRQ005", f"cannot find include '{name}'")
    if not name:
        raise _Refused("IRQ005", "an include needs a file name")
    if "\0" in name:
        raise _Refused("IRQ005", "an include name cannot contain a NUL byte")
    if len(name) > MAX_INCLUDE_NAME:
        raise _Refused("IRQ005", f"include name is longer than {MAX_INCLUDE_NAME} characters")
    outside = f"include '{name}' is outside the spec's folder '{folder}'"
    if os.path.isabs(name):
        raise _Refused("IRQ009", outside)
    parent = Path(including).parent
    try:
        written = os.path.normpath(os.path.join(os.path.realpath(parent), name))
        if not _inside(written, folder):
            raise _Refused("IRQ009", outside)
        real = os.path.realpath(parent / name)
    except (OSError, ValueError) as e:
        raise _Refused("IRQ005", f"cannot read '{parent / name}': {getattr(e, 'strerror', None) or e}") from None
    if not _inside(real, folder):
        raise _Refused("IRQ009", f"{outside} (through a symbolic link, it is '{real}')")
    return _Target(str(parent / name), real)


def _inside(path: str, folder: str) -> bool:
    """Is `path` the folder or below it (both absolute and normalised; no prefix match on names)?"""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _read_include(target: _Target, name: str) -> bytes:
    """The bytes of an include; the resolved path is opened without following a last symbolic
    link, so a link swapped in after the check is refused rather than followed."""
    return _read_regular(target.real, target.display, follow=False, missing=f"cannot find include '{name}'")

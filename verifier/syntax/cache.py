"""A cache across processes for what every run would otherwise rebuild: the parser's tables and
the parsed prelude (together about half a second per process, the worker processes included).

Its entries are pickles, and loading a pickle runs whatever code it names: a file that another
user can write is code execution. So the cache lives only in a private per-user directory,
`$XDG_CACHE_HOME/irqverify` (or `~/.cache/irqverify`), created mode 0700, and is used only if
that directory is a real directory (not a symbolic link) owned by the current user and not
writable by group or others; entries are opened relative to the directory already checked,
without following symbolic links, and must be regular files owned by the user. An entry's name
holds a hash of everything its content depends on (the grammar, the prelude, the source of the
parsing code, the Lark and Python versions), so a stale entry is never read; entries are written
to a temporary file and renamed into place, so a reader never sees half of one. Any error (no
home directory, a read-only disk, a corrupt entry) means no cache, silently: the result is
computed as if there were none. `IRQVERIFY_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

DISABLE = "IRQVERIFY_NO_CACHE"
FORMAT = b"irqverify-cache-1"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
KEEP = 4  # entries of one name kept (other versions of irqverify, other checkouts); older ones go
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_SUPPORTED = (
    hasattr(os, "geteuid")
    and hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and {os.open, os.stat, os.unlink, os.rename} <= os.supports_dir_fd  # os.replace is renameat too
    and os.listdir in os.supports_fd
)


def enabled() -> bool:
    """Is the cache asked for (not turned off by IRQVERIFY_NO_CACHE), and can this system keep it safely?"""
    return _SUPPORTED and os.environ.get(DISABLE, "").strip() in ("", "0")


def directory() -> Path | None:
    """Where the cache lives: `$XDG_CACHE_HOME/irqverify` if that variable is an absolute path,
    else `~/.cache/irqverify`; None without an absolute home directory."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "irqverify"


def key(parts: Iterable[str | bytes]) -> str:
    """A hash of everything an entry depends on, with the cache's format and Python's version."""
    h = hashlib.sha256(FORMAT)
    for part in (sys.version, sys.implementation.cache_tag or "", *parts):
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@cache
def code() -> bytes | None:
    """A hash of the code whose output the cache holds (the parser and everything that builds an
    AST from its trees: verifier/syntax, verifier/source.py, verifier/diagnostics.py), read once,
    when first needed; None if the source cannot be read (then nothing is cached)."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    try:
        for path in [*sorted(here.glob("*.py")), here.parent / "source.py", here.parent / "diagnostics.py"]:
            data = path.read_bytes()
            h.update(path.name.encode() + len(data).to_bytes(8, "little") + data)
    except OSError:
        return None
    return h.digest()


def read(name: str, digest: str) -> bytes | None:
    """The content of the entry `name` for `digest`, or None (no cache, no entry, or not safe to read)."""
    if not enabled():
        return None
    with _private_dir(create=False) as fd:
        if fd is None:
            return None
        try:
            entry = os.open(_file_name(name, digest), _FILE_FLAGS, dir_fd=fd)
        except OSError:
            return None
        try:
            st = os.fstat(entry)
            if not _private(st, stat.S_ISREG) or st.st_size > MAX_ENTRY_BYTES:
                return None
            chunks = []
            left = MAX_ENTRY_BYTES + 1
            while left > 0 and (chunk := os.read(entry, min(left, 1 << 20))):
                chunks.append(chunk)
                left -= len(chunk)
            data = b"".join(chunks)
            if len(data) > MAX_ENTRY_BYTES:
                return None
        except OSError:
            return None
        finally:
            os.close(entry)
    head = FORMAT + b" " + digest.encode("ascii") + b"\n"
    return data[len(head) :] if data.startswith(head) else None


def write(name: str, digest: str, content: bytes) -> None:
    """Store `content` as the entry `name` for `digest` (atomically); errors are ignored."""
    if not enabled() or len(content) > MAX_ENTRY_BYTES:
        return
    with _private_dir(create=True) as fd:
        if fd is None:
            return
        final = _file_name(name, digest)
        temp = f".{final}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        try:
            out = os.open(temp, _NEW_FLAGS, 0o600, dir_fd=fd)
        except OSError:
            return
        try:
            try:
                with os.fdopen(out, "wb") as f:
                    f.write(FORMAT + b" " + digest.encode("ascii") + b"\n")
                    f.write(content)
            except OSError:
                os.unlink(temp, dir_fd=fd)
                return
            os.replace(temp, final, src_dir_fd=fd, dst_dir_fd=fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=fd)
            return
        _prune(fd, name, final)


def _file_name(name: str, digest: str) -> str:
    return f"{name}-{digest}.pickle"


@contextlib.contextmanager
def _private_dir(create: bool) -> Iterator[int | None]:
    """The cache directory opened (a file descriptor), if it is safe to use; else None."""
    where = directory()
    fd = None
    if where is not None:
        try:
            if create:
                where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                with contextlib.suppress(FileExistsError):
                    os.mkdir(where, 0o700)
            fd = os.open(where, _DIR_FLAGS)
            if not _private(os.fstat(fd), stat.S_ISDIR):
                os.close(fd)
                fd = None
        except (OSError, ValueError):
            if fd is not None:
                os.close(fd)
            fd = None
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _private(st: os.stat_result, kind: Callable[[int], bool]) -> bool:
    """Of the right kind, owned by this user, and writable by no one else."""
    return bool(kind(st.st_mode)) and st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _prune(fd: int, name: str, keep: str) -> None:
    """Remove all but the KEEP newest entries of `name` (and `keep`, just written)."""
    try:
        mine = [e for e in os.listdir(fd) if e.startswith(f"{name}-") and e.endswith(".pickle") and e != keep]
        if len(mine) < KEEP:
            return
        aged = sorted(mine, key=lambda e: os.stat(e, dir_fd=fd, follow_symlinks=False).st_mtime)
        for e in aged[: len(mine) - (KEEP - 1)]:
            os.unlink(e, dir_fd=fd)
    except OSError:
        return

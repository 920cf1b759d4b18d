"""Writing the tool's output files (traces, certificates) into a directory the user named.

The user's directory is trusted as given: the root may itself be a symbolic link to a directory.
Nothing below it is: every component is opened relative to its parent's descriptor with
O_NOFOLLOW, so a symbolic link inside the root is never followed, and a link named like an output
file is left alone rather than written through. A file that exists is replaced only if the tool
wrote it (the caller says how to recognize one), and always atomically: the text goes to a fresh
temporary file in the same directory (O_CREAT|O_EXCL|O_NOFOLLOW), is synced, and is renamed over
the target, so a reader sees the old file or the new one, never a part.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path, PurePath

TOOL = "irqverify"
TEXT_MARK = "# irqverify counterexample"  # the first line of a .txt trace
HTML_MARK = "<!-- irqverify counterexample -->"  # the first line of an .html trace
ITF_HEAD = 64 * 1024  # bytes of an .itf.json file read to find its "#meta" (written first, and short)

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class OutputError(Exception):
    """A directory that cannot be used, or a file the tool will not or cannot write; the message says why."""


class OutputDir:
    """A directory the tool writes its files into, and the only way it writes them."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self._given = os.fspath(root)  # Path("") is ".": an empty path must not mean the current directory
        self.root = Path(root)

    def create(self) -> None:
        """Create the root if missing and make sure the tool can write in it: a run learns that its
        output has nowhere to go before it starts, not after. Raises OutputError."""
        fd = self._open_root()
        try:
            probe = f".{TOOL}-probe-{secrets.token_hex(8)}"
            try:
                os.close(os.open(probe, _NEW_FILE, 0o600, dir_fd=fd))
                os.unlink(probe, dir_fd=fd)
            except OSError as e:
                raise OutputError(f"cannot write in it: {_reason(e)}") from None
        finally:
            os.close(fd)

    def write(self, relative: str | PurePath, text: str, owned: Callable[[Path], bool]) -> Path:
        """Write `text` to the regular file `relative` below the root, creating the directories on the
        way; `owned` says whether an existing file is one the tool wrote (only those are replaced).
        Returns the path written; raises OutputError (the file is then not written) otherwise."""
        parts = _parts(relative)
        fd = self._open_root()
        try:
            for i, name in enumerate(parts[:-1]):
                fd = _enter(fd, name, self.root.joinpath(*parts[: i + 1]))
            target = self.root.joinpath(*parts)
            _replace(fd, parts[-1], text.encode("utf-8"), owned, target)
        finally:
            os.close(fd)
        return target

    def _open_root(self) -> int:
        """A descriptor of the root, created if missing; the user's path is followed as given."""
        if not self._given:
            raise OutputError("the path is empty")
        root = os.fspath(self.root)
        try:
            os.makedirs(root, exist_ok=True)
        except FileExistsError:
            pass  # not a directory (or a link to none): opening it below says which
        except (OSError, ValueError) as e:
            raise OutputError(f"cannot create it: {_reason(e, root)}") from None
        try:
            return os.open(root, _DIR_FLAGS)
        except OSError as e:
            if os.path.islink(root) and not os.path.exists(root):
                raise OutputError("it is a symbolic link to nothing") from None
            if not os.path.isdir(root):
                raise OutputError("it exists and is not a directory") from None
            raise OutputError(f"cannot open it: {_reason(e)}") from None


def _parts(relative: str | PurePath) -> tuple[str, ...]:
    """The components of a path that stays strictly inside the root; raises OutputError."""
    path = PurePath(relative)
    parts = path.parts
    if path.is_absolute() or not parts or any(p in ("", ".", "..") or "\0" in p for p in parts):
        raise OutputError(f"{relative}: not a path inside the output directory: not written")
    return parts


def _enter(parent: int, name: str, shown: Path) -> int:
    """The descriptor of directory `name` under `parent` (created if missing), in place of `parent`
    (closed); a symbolic link or anything but a directory there is refused."""
    try:
        os.mkdir(name, 0o777, dir_fd=parent)
    except FileExistsError:
        pass
    except OSError as e:
        raise OutputError(f"{shown}: cannot create the directory: {_reason(e)}") from None
    try:
        st = os.stat(name, dir_fd=parent, follow_symlinks=False)
        if stat.S_ISLNK(st.st_mode):
            raise OutputError(f"{shown} is a symbolic link: left alone")
        if not stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{shown} exists and is not a directory: left alone")
        fd = os.open(name, _DIR_FLAGS | os.O_NOFOLLOW, dir_fd=parent)
    except OSError as e:
        raise OutputError(f"{shown}: cannot open the directory: {_reason(e)}") from None
    os.close(parent)
    return fd


def _lstat(name: str, parent: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=parent, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _replace(parent: int, name: str, data: bytes, owned: Callable[[Path], bool], shown: Path) -> None:
    """Write `data` to `name` in directory `parent` through a temporary file and a rename."""
    try:
        before = _lstat(name, parent)
    except OSError as e:
        raise OutputError(f"{shown}: cannot write: {_reason(e)}") from None
    if before is not None:
        if stat.S_ISLNK(before.st_mode):
            raise OutputError(f"{shown} is a symbolic link: left alone")
        if not stat.S_ISREG(before.st_mode):
            raise OutputError(f"{shown} exists and is not a regular file: left alone")
        if not owned(shown):
            raise OutputError(f"{shown} exists and was not written by {TOOL}: left alone")
    tmp = f".{TOOL}-{secrets.token_hex(8)}.tmp"
    try:
        fd = os.open(tmp, _NEW_FILE, 0o666, dir_fd=parent)
    except OSError as e:
        raise OutputError(f"{shown}: cannot write: {_reason(e)}") from None
    try:
        try:
            if before is not None:
                os.fchmod(fd, stat.S_IMODE(before.st_mode))
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        now = _lstat(name, parent)
        if _identity(now) != _identity(before):
            raise OutputError(f"{shown} changed while it was being written: left alone")
        os.replace(tmp, name, src_dir_fd=parent, dst_dir_fd=parent)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=parent)
        if isinstance(e, OSError):
            raise OutputError(f"{shown}: cannot write: {_reason(e)}") from None
        raise
    with contextlib.suppress(OSError):
        os.fsync(parent)  # the rename itself survives a crash; some file systems cannot sync a directory


def _identity(st: os.stat_result | None) -> tuple[int, int] | None:
    return None if st is None else (st.st_dev, st.st_ino)


def _reason(e: BaseException, root: str = "") -> str:
    """The system's reason, naming the path it is about when that is not the root itself."""
    if isinstance(e, OSError) and e.strerror:
        name = os.fsdecode(e.filename) if e.filename is not None else ""
        return f"{e.strerror}: '{name}'" if root and name and name != root else e.strerror
    return str(e)


# ---- recognizing the tool's own files --------------------------------------------------------------


def _head(path: Path, size: int) -> bytes:
    """The first `size` bytes of `path`, or b"" if it cannot be read."""
    try:
        with path.open("rb") as f:
            return f.read(size)
    except OSError:
        return b""


def is_trace_text(path: Path) -> bool:
    """A .txt trace the tool wrote: its first line is the mark."""
    mark = TEXT_MARK.encode()
    head = _head(path, len(mark) + 2)
    return head == mark or head.startswith(mark + b"\n") or head.startswith(mark + b"\r\n")


def is_html_trace(path: Path) -> bool:
    """An .html trace the tool wrote: its first line is the mark."""
    mark = HTML_MARK.encode()
    head = _head(path, len(mark) + 2)
    return head == mark or head.startswith(mark + b"\n") or head.startswith(mark + b"\r\n")


_ITF_START = re.compile(r'\s*\{\s*"#meta"\s*:\s*')


def is_itf_trace(path: Path) -> bool:
    """An .itf.json trace the tool wrote: its top-level "#meta" (the first key) names the tool as
    the generator of an ITF document."""
    text = _head(path, ITF_HEAD).decode("utf-8", errors="replace")
    m = _ITF_START.match(text)
    if m is None:
        return False
    try:
        meta, _ = json.JSONDecoder().raw_decode(text, m.end())
    except ValueError:
        return False
    if not isinstance(meta, dict) or meta.get("format") != "ITF":
        return False
    generator = meta.get("generator")
    return isinstance(generator, str) and generator.split(" ")[0] == TOOL

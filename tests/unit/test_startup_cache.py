"""The per-user cache of the parser's tables and the parsed prelude (verifier/syntax/cache.py):
what it gives equals what is computed without it, and it is used only where no one else can
write. Each test points XDG_CACHE_HOME at its own folder and forgets what this process already
built, so the cache is really read or written."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.diagnostics import SpecError
from verifier.pipeline import check_spec
from verifier.sema.check import check
from verifier.source import SourceFile
from verifier.syntax import cache
from verifier.syntax import load as load_module
from verifier.syntax import parse as parse_module
from verifier.syntax.load import load

ROOT = Path(__file__).resolve().parents[2]
SPECS = sorted((ROOT / "spec").glob("*.irq"))[:3]
BROKEN = "thread t {\n  x = ;\n}\n"


def forget() -> None:
    """Drop this process's parser and prelude, so the next use builds or reads them again."""
    parse_module.parser.cache_clear()
    parse_module._declaration_starts.cache_clear()
    load_module.clear_prelude_cache()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache home for one test; this process's parser and prelude forgotten before and after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(cache.DISABLE, raising=False)
    forget()
    yield tmp_path / "xdg"
    forget()


def entries(home: Path) -> list[str]:
    where = home / "irqverify"
    return sorted(p.name.split("-")[0] for p in where.iterdir()) if where.is_dir() else []


def snapshot() -> tuple[str, str, list[str], str]:
    """The prelude (with every position), the checked bundled specs, and a syntax error: all that
    the parser and the prelude decide, as text."""
    prelude = repr(load_module.prelude_modules())
    specs = [repr(check_spec(str(p))) for p in SPECS]
    try:
        parse_module.parse(SourceFile("broken.irq", BROKEN))
    except SpecError as e:
        error = repr(e.diagnostics)
    else:
        error = "accepted"
    tree = parse_module.parser().parse("var x: bool;\n")  # a rule name is a str (or a Token, when built)
    return prelude, tree.pretty(), specs, error


def test_cached_and_uncached_runs_build_the_same_ast_and_checked_specs(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DISABLE, "1")
    uncached = snapshot()
    assert entries(home) == []
    monkeypatch.delenv(cache.DISABLE)
    forget()
    writing = snapshot()
    assert entries(home) == ["parser", "prelude"]
    forget()
    parsed: list[str] = []
    real = load_module.parse_source
    monkeypatch.setattr(load_module, "parse_source", lambda src: parsed.append(src.path) or real(src))
    reading = snapshot()
    assert not any(p.startswith("<prelude>/") for p in parsed), "the prelude came from the cache"
    assert uncached == writing == reading
    assert "IRQ" in uncached[3]


def test_an_entry_is_written_atomically_and_only_for_the_user(home: Path) -> None:
    load_module.prelude_modules()
    where = home / "irqverify"
    assert stat.S_IMODE(where.stat().st_mode) == 0o700
    for entry in where.iterdir():
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600
        assert not entry.name.startswith(".")  # no temporary file left behind


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_cache_folder_others_can_write_is_not_used(home: Path, mode: int) -> None:
    """A pickle in a folder another user can write would run their code: not read, not written."""
    where = home / "irqverify"
    where.mkdir(parents=True)
    where.chmod(mode)
    digest = cache.key(["x"])
    (where / f"prelude-{digest}.pickle").write_bytes(cache.FORMAT + b" " + digest.encode() + b"\nplanted")
    assert cache.read("prelude", digest) is None
    cache.write("parser", digest, b"data")
    assert not (where / f"parser-{digest}.pickle").exists()
    where.chmod(0o700)
    assert cache.read("prelude", digest) == b"planted"  # the same file, once the folder is private


def test_a_cache_folder_of_another_user_is_not_used(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    where = home / "irqverify"
    where.mkdir(parents=True, mode=0o700)
    digest = cache.key(["x"])
    (where / f"prelude-{digest}.pickle").write_bytes(cache.FORMAT + b" " + digest.encode() + b"\nplanted")
    assert cache.read("prelude", digest) == b"planted"
    if os.geteuid() == 0:
        os.chown(where, 65534, -1)  # really another user's
    else:
        monkeypatch.setattr(cache.os, "geteuid", lambda: os.getuid() + 1)  # as another user sees it
    assert cache.read("prelude", digest) is None
    cache.write("parser", digest, b"data")
    assert not (where / f"parser-{digest}.pickle").exists()


def test_links_and_foreign_entries_are_not_followed(home: Path, tmp_path: Path) -> None:
    """The folder must not be a symbolic link (to a private-looking folder elsewhere), nor an entry."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    digest = cache.key(["x"])
    (elsewhere / f"prelude-{digest}.pickle").write_bytes(cache.FORMAT + b" " + digest.encode() + b"\nplanted")
    home.mkdir()
    (home / "irqverify").symlink_to(elsewhere)
    assert cache.read("prelude", digest) is None
    (home / "irqverify").unlink()
    (home / "irqverify").mkdir(mode=0o700)
    (home / "irqverify" / f"prelude-{digest}.pickle").symlink_to(elsewhere / f"prelude-{digest}.pickle")
    assert cache.read("prelude", digest) is None
    (home / "irqverify" / f"prelude-{digest}.pickle").unlink()
    target = home / "irqverify" / f"prelude-{digest}.pickle"
    target.write_bytes(cache.FORMAT + b" " + digest.encode() + b"\nplanted")
    target.chmod(0o666)
    assert cache.read("prelude", digest) is None  # an entry others can write


def test_a_corrupt_or_foreign_entry_is_rebuilt(home: Path) -> None:
    expected = repr(load_module.prelude_modules())
    [entry] = (home / "irqverify").glob("prelude-*.pickle")
    head = entry.read_bytes().split(b"\n", 1)[0] + b"\n"
    for junk in (b"garbage", pickle.dumps(("not", "a", "prelude")), b""):
        entry.write_bytes(head + junk)
        load_module.clear_prelude_cache()
        assert repr(load_module.prelude_modules()) == expected
        assert entry.read_bytes() != head + junk  # replaced by a good one
    tree = parse_module.parser().parse("var x: bool;\n").pretty()
    parse_module.parser.cache_clear()
    [table] = (home / "irqverify").glob("parser-*.pickle")
    table.write_bytes(table.read_bytes()[:1000])
    assert parse_module.parser().parse("var x: bool;\n").pretty() == tree
    assert len(table.read_bytes()) > 1000  # replaced by a good one


def test_the_key_covers_the_prelude_text(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A changed prelude (another version of irqverify) is parsed anew, not taken from the cache."""
    load_module.prelude_modules()
    real = load_module.prelude_text
    monkeypatch.setattr(
        load_module, "prelude_text", lambda name="kernel.irq": real(name) + ("\nvar extra_flag: bool;\n")
    )
    load_module.clear_prelude_cache()
    modules = load_module.prelude_modules()
    assert "extra_flag" in repr(modules[0].decls[-1])
    assert entries(home) == ["parser", "prelude", "prelude"]


def test_turned_off_it_writes_nothing(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DISABLE, "1")
    check(load(str(SPECS[0])))
    assert not home.exists()


def test_old_entries_are_pruned(home: Path) -> None:
    for i in range(cache.KEEP + 3):
        cache.write("prelude", cache.key([str(i)]), b"x")
    assert entries(home) == ["prelude"] * cache.KEEP


def test_runs_with_and_without_the_cache_print_the_same(tmp_path: Path) -> None:
    """Separate processes, as a user runs them: the first writes the cache, the second reads it."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONPATH": str(ROOT)}
    env.pop(cache.DISABLE, None)
    args = [sys.executable, "-m", "verifier", "check", *map(str, SPECS)]
    off = subprocess.run(args, env={**env, cache.DISABLE: "1"}, capture_output=True, text=True, cwd=ROOT)
    assert not (tmp_path / "xdg").exists()
    first = subprocess.run(args, env=env, capture_output=True, text=True, cwd=ROOT)
    assert entries(tmp_path / "xdg") == ["parser", "prelude"]
    second = subprocess.run(args, env=env, capture_output=True, text=True, cwd=ROOT)
    assert off.returncode == first.returncode == second.returncode == 0, off.stderr
    assert off.stdout == first.stdout == second.stdout
    assert off.stderr == first.stderr == second.stderr


IMPORTED = """
import sys
from verifier.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("z3", "dd", "networkx", "numpy", "rich", "verifier.engines.prove", "verifier.proof.certificate")
print("imported:", *(m for m in heavy if m in sys.modules))
"""


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["check", "spec/flag_mutex.irq"], ""),
        (["bench/spin/oadn_2012.irq", "-V", "A_v9_shared", "-p", "P1", "--engine", "explicit", "-q"], "numpy"),
    ],
)
def test_a_run_imports_only_what_it_uses(args: list[str], loaded: str) -> None:
    """Checking imports no engine; an exhaustive search not the solver, BDDs, proof engines or the
    progress table (a second or so of imports otherwise)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), cache.DISABLE: "1"}
    done = subprocess.run([sys.executable, "-c", IMPORTED, *args], env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.splitlines()[-1] == f"imported: {loaded}".strip(), done.stdout + done.stderr

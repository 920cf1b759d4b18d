"""Specs, includes and --set values as untrusted input: what a hostile or broken input gets.

Includes stay inside the root spec's folder, only regular files are read and never more than
MAX_FILE_BYTES + 1 bytes of one, --set values stay in the checker's integer range, and `{}`
without a set type to take is a check-time error, not a crash of the verifier. Inputs that once
hung or exhausted memory run the CLI in a child process with a timeout and a memory cap, so a
regression fails the test instead of stalling the machine.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from support import POSITIONED, run_bounded, run_cli

from verifier.diagnostics import CODES, Diagnostic, SpecError
from verifier.syntax import load as load_module
from verifier.syntax.load import MAX_FILE_BYTES, load, read_source
from verifier.syntax.to_ast import MAX_INT

THREAD = "thread t { skip; }\n"
SECRET = "SECRET-FIRST-LINE do not show me"
LONGEST_NAME = 255  # characters in an include's name
CHILD_TIMEOUT = 60  # seconds; a child still running by then has hung, and the test fails
CHILD_MEMORY = 2 * 1024**3  # bytes of address space; a child reading without bound hits it


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_errors(path: Path) -> list[Diagnostic]:
    with pytest.raises(SpecError) as info:
        load(str(path), prelude=False)
    return info.value.diagnostics


def irqverify(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`irqverify ARGS` in a child process, bounded in time and memory."""
    return run_bounded(list(args), cwd=cwd, seconds=CHILD_TIMEOUT, memory=CHILD_MEMORY)


def assert_one_diagnostic(done: subprocess.CompletedProcess[str], code: str, text: str) -> str:
    """Exit 3, one diagnostic of `code` whose first line holds `text`, and no traceback."""
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 3, (done.returncode, done.stderr[-2000:])
    heads = [line for line in done.stderr.splitlines() if "error: [IRQ" in line]
    assert len(heads) == 1, done.stderr
    assert f"[{code}]" in heads[0] and text in heads[0], heads[0]
    assert done.stderr.rstrip().endswith(": 1 error"), done.stderr
    return heads[0]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path the loader passes to os.open, resolved."""
    paths: list[str] = []
    real = os.open

    def spy(path: str, flags: int, *args: int, **kw: int) -> int:
        paths.append(os.path.realpath(path))
        return real(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", spy)
    return paths


# ---- includes stay inside the spec's folder -------------------------------------------------


def test_the_limits_are_the_documented_ones() -> None:
    assert CODES["IRQ009"] == "include outside the spec's folder"
    assert load_module.MAX_INCLUDE_NAME == LONGEST_NAME


def test_an_absolute_include_is_refused_unread(tmp_path: Path, opened: list[str]) -> None:
    secret = write(tmp_path / "elsewhere" / "secret.irq", SECRET + "\n")
    main = write(tmp_path / "spec" / "main.irq", f'const A = 1;\ninclude "{secret}";\n{THREAD}')
    (d,) = load_errors(main)
    assert d.code == "IRQ009"
    assert d.message == f"include '{secret}' is outside the spec's folder '{(tmp_path / 'spec').resolve()}'"
    assert d.span is not None and (d.span.path, d.span.line, d.span.col) == (str(main), 2, 9)
    assert str(main.resolve()) in opened and str(secret.resolve()) not in opened


def test_an_absolute_include_never_shows_the_outside_file(tmp_path: Path) -> None:
    secret = write(tmp_path / "elsewhere" / "secret.irq", SECRET + "\n")
    main = write(tmp_path / "spec" / "main.irq", f'include "{secret}";\n{THREAD}')
    result = run_cli("check", str(main))
    assert result.exit_code == 3
    assert "SECRET" not in result.stdout + result.stderr
    first = result.stderr.splitlines()[0]
    assert POSITIONED.match(first) and first.startswith(f"{main}:1:9: error: [IRQ009] ")


def test_dot_dot_may_not_leave_the_folder(tmp_path: Path, opened: list[str]) -> None:
    secret = write(tmp_path / "secret.irq", SECRET + "\n")
    main = write(tmp_path / "spec" / "main.irq", f'include "sub/inner.irq";\n{THREAD}')
    inner = write(tmp_path / "spec" / "sub" / "inner.irq", 'include "../../secret.irq";\n')
    (d,) = load_errors(main)
    assert d.code == "IRQ009" and "'../../secret.irq' is outside the spec's folder" in d.message
    assert d.span is not None and d.span.path == str(inner)
    assert str(secret.resolve()) not in opened


def test_dot_dot_inside_the_folder_is_fine(tmp_path: Path) -> None:
    write(tmp_path / "a.irq", "const A = 1;\n")
    write(tmp_path / "sub" / "b.irq", 'include "../a.irq";\ninclude "../sub/./c.irq";\n')
    write(tmp_path / "sub" / "c.irq", "const C = 1;\n")
    main = write(tmp_path / "main.irq", f'include "sub/b.irq";\n{THREAD}')
    modules = load(str(main), prelude=False)
    assert [Path(m.path).resolve() for m in modules] == [
        tmp_path.resolve() / name for name in ("a.irq", "sub/c.irq", "sub/b.irq", "main.irq")
    ]


def test_a_symlink_out_of_the_folder_is_refused_unread(tmp_path: Path, opened: list[str]) -> None:
    secret = write(tmp_path / "elsewhere" / "secret.irq", SECRET + "\n")
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "innocent.irq").symlink_to(secret)
    (tmp_path / "spec" / "lib").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    main = write(tmp_path / "spec" / "main.irq", f'include "innocent.irq";\ninclude "lib/secret.irq";\n{THREAD}')
    diags = load_errors(main)
    assert [(d.code, d.span.line if d.span else 0) for d in diags] == [("IRQ009", 1), ("IRQ009", 2)]
    assert all("through a symbolic link" in d.message for d in diags)
    assert str(secret.resolve()) not in opened
    result = run_cli("check", str(main))
    assert result.exit_code == 3 and "SECRET" not in result.stderr


def test_a_symlink_within_the_folder_is_followed(tmp_path: Path) -> None:
    write(tmp_path / "real" / "base.irq", "const B = 1;\n")
    (tmp_path / "alias.irq").symlink_to(tmp_path / "real" / "base.irq")
    main = write(tmp_path / "main.irq", f'include "alias.irq";\ninclude "real/base.irq";\n{THREAD}')
    modules = load(str(main), prelude=False)
    assert [m.source.text for m in modules if m.source] == ["const B = 1;\n", f"{main.read_text()}"]


def test_the_folder_is_the_root_specs_not_the_includers(tmp_path: Path) -> None:
    """A file in a subfolder may include its siblings' parents up to the root spec's folder."""
    write(tmp_path / "shared.irq", "const S = 1;\n")
    write(tmp_path / "deep" / "er" / "x.irq", 'include "../../shared.irq";\n')
    main = write(tmp_path / "main.irq", f'include "deep/er/x.irq";\n{THREAD}')
    assert len(load(str(main), prelude=False)) == 3
    (d,) = load_errors(write(tmp_path / "deep" / "main.irq", f'include "er/x.irq";\n{THREAD}'))
    assert d.code == "IRQ009" and d.span is not None and d.span.path.endswith("x.irq")


def test_the_prelude_is_still_reachable_by_name(tmp_path: Path) -> None:
    main = write(tmp_path / "spec" / "main.irq", f'include "kernel.irq";\n{THREAD}')
    assert run_cli("check", str(main)).exit_code == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a" * (LONGEST_NAME + 1), f"include name is longer than {LONGEST_NAME} characters"),
        ("d/" * 200 + "x.irq", f"include name is longer than {LONGEST_NAME} characters"),
        ("a\0b.irq", "an include name cannot contain a NUL byte"),
        ("", "an include needs a file name"),
    ],
    ids=["long", "long-path", "nul", "empty"],
)
def test_malformed_include_names_are_spec_errors(tmp_path: Path, name: str, message: str) -> None:
    main = write(tmp_path / "main.irq", f'include "{name}";\n{THREAD}')
    result = run_cli("check", str(main))
    assert result.exit_code == 3, result.stderr
    first = result.stderr.splitlines()[0]
    assert first == f"{main}:1:9: error: [IRQ005] {message}"


def test_a_name_too_long_for_the_file_system_is_a_spec_error(tmp_path: Path) -> None:
    """Under the character limit but over the file system's 255 bytes per name."""
    main = write(tmp_path / "main.irq", f'include "{"é" * 200}";\n{THREAD}')
    result = run_cli("check", str(main))
    assert result.exit_code == 3 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"{main}:1:9: error: [IRQ005] ")


# ---- only regular files, and only so many bytes ----------------------------------------------


def test_a_fifo_spec_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.irq")
    head = assert_one_diagnostic(irqverify("check", "pipe.irq", cwd=tmp_path), "IRQ005", "pipe.irq")
    assert head == "irqverify: error: [IRQ005] cannot read 'pipe.irq': not a regular file"


def test_a_fifo_include_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.irq")
    write(tmp_path / "main.irq", f'include "pipe.irq";\n{THREAD}')
    head = assert_one_diagnostic(irqverify("check", "main.irq", cwd=tmp_path), "IRQ005", "not a regular file")
    assert head.startswith("main.irq:1:9: error: ")


def test_a_fifo_spec_does_not_hang_a_full_run(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.irq")
    assert_one_diagnostic(irqverify("pipe.irq", "-q", cwd=tmp_path), "IRQ005", "not a regular file")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_symlink_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "x.irq").symlink_to("/dev/zero")
    head = assert_one_diagnostic(irqverify("check", "x.irq", cwd=tmp_path), "IRQ005", "x.irq")
    assert head == "irqverify: error: [IRQ005] cannot read 'x.irq': not a regular file"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_include_of_dev_zero_is_outside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "zero.irq").symlink_to("/dev/zero")
    write(tmp_path / "main.irq", f'include "zero.irq";\n{THREAD}')
    assert_one_diagnostic(irqverify("check", "main.irq", cwd=tmp_path), "IRQ009", "through a symbolic link")


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path


def test_a_huge_sparse_spec_is_refused_unread(tmp_path: Path) -> None:
    _sparse(tmp_path / "big.irq", 5 * 1024**3)
    head = assert_one_diagnostic(irqverify("check", "big.irq", cwd=tmp_path), "IRQ005", "big.irq")
    assert head == f"irqverify: error: [IRQ005] 'big.irq' is larger than {MAX_FILE_BYTES} bytes"


def test_a_huge_sparse_include_is_refused_unread(tmp_path: Path) -> None:
    _sparse(tmp_path / "big.irq", 5 * 1024**3)
    write(tmp_path / "main.irq", f'include "big.irq";\n{THREAD}')
    head = assert_one_diagnostic(irqverify("check", "main.irq", cwd=tmp_path), "IRQ005", "larger than")
    assert head == f"main.irq:1:9: error: [IRQ005] 'big.irq' is larger than {MAX_FILE_BYTES} bytes"


def test_a_file_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "over.irq").write_bytes(b" " * (MAX_FILE_BYTES + 1))
    (d,) = load_errors(tmp_path / "over.irq")
    assert (d.code, d.message) == ("IRQ005", f"'{tmp_path / 'over.irq'}' is larger than {MAX_FILE_BYTES} bytes")


@pytest.mark.skipif(not os.path.isfile("/proc/self/maps"), reason="needs /proc")
def test_reading_stops_after_the_limit_when_the_size_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    """/proc files are regular files that report size 0: only the byte cap stops the read."""
    assert os.stat("/proc/self/maps").st_size == 0 and stat.S_ISREG(os.stat("/proc/self/maps").st_mode)
    monkeypatch.setattr(load_module, "MAX_FILE_BYTES", 100)
    read: list[int] = []
    real = os.read

    def counting(fd: int, n: int) -> bytes:
        data = real(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting)
    with pytest.raises(SpecError) as info:
        read_source("/proc/self/maps")
    (d,) = info.value.diagnostics
    assert (d.code, d.message) == ("IRQ005", "'/proc/self/maps' is larger than 100 bytes")
    assert sum(read) == 101


def test_a_spec_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    text = "// " + "x" * 70_000 + "\n" + THREAD
    assert read_source(str(write(tmp_path / "long.irq", text))).text == text


# ---- --set values --------------------------------------------------------------------------


def _const_is_too_large(tmp_path: Path, value: int) -> bool:
    """Does the spec language itself refuse `value` as a constant (IRQ008)?"""
    written = f"-({-value})" if value < 0 else str(value)
    spec = write(tmp_path / "lit.irq", f"const N = {written};\n{THREAD}")
    result = run_cli("check", str(spec))
    assert result.exit_code in (0, 3), result.stderr
    return "[IRQ008]" in result.stderr


@pytest.mark.parametrize("value", [MAX_INT, MAX_INT + 1, -MAX_INT, -MAX_INT - 1, 10**20, -(10**20), 0])
def test_set_accepts_exactly_the_constants_a_spec_may_write(tmp_path: Path, value: int) -> None:
    spec = write(tmp_path / "n.irq", f"const N = 1;\n{THREAD}")
    result = run_cli("check", "--set", f"N={value}", str(spec))
    if _const_is_too_large(tmp_path, value):
        assert result.exit_code == 2, result.stderr
        assert f"the value must be between {-MAX_INT} and {MAX_INT}" in result.stderr
    else:
        assert result.exit_code == 0, result.stderr


def test_set_rejects_a_huge_value_briefly(tmp_path: Path) -> None:
    spec = write(tmp_path / "n.irq", f"const N = 1;\n{THREAD}")
    huge = "N=" + "9" * 100_000
    for args in (["check", "--set", huge, str(spec)], [str(spec), "-q", "--set", huge]):
        result = run_cli(*args)
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        assert "must be between" in result.stderr and len(result.stderr) < 1000


@pytest.mark.parametrize("bad", ["N=1_000", "N=\u0663", "N=0x10", "N=--1", "N=+-1", "N=1e3"])
def test_set_takes_plain_decimal_digits(tmp_path: Path, bad: str) -> None:
    spec = write(tmp_path / "n.irq", f"const N = 1;\n{THREAD}")
    result = run_cli("check", "--set", bad, str(spec))
    assert result.exit_code == 2 and "expected NAME=INTEGER" in result.stderr


# ---- `{}` takes a set type from its context, or is an error at check time ----------------


EMPTY_SET_SPEC = """\
type fd = 0..2;
var seen: set<fd>;
check stays_empty "nothing is ever recorded";

proc record_all(s: set<fd>) {
  seen = s;
}
func none_of(s: set<fd>): bool = s == {};
proc pick<E>(s: set<E>, e: E) {
  assert !(e in s);
}

thread t {
  ARGUMENT
  assert[stays_empty] seen == {} && none_of(ARG);
  pick(ARG, 1);
  assert 1 in seen;
}
"""


def _cells(spec: Path) -> list[tuple[str, str, str]]:
    result = run_cli(str(spec), "-q", "--max-states", "10000", "--format", "json", "-j", "1")
    assert result.exit_code in (0, 4), (result.exit_code, result.stderr)
    cells = [c for s in json.loads(result.stdout)["specs"] for c in s["cells"]]
    return sorted((c["variant"], c["property"], c["verdict"]) for c in cells)


def test_empty_set_arguments_take_the_parameter_type(tmp_path: Path) -> None:
    """`{}` passed by value verifies exactly like an empty set of the parameter's type."""
    literal = write(
        tmp_path / "literal.irq", EMPTY_SET_SPEC.replace("ARGUMENT", "record_all({});").replace("ARG", "{}")
    )
    typed_local = write(
        tmp_path / "typed.irq",
        EMPTY_SET_SPEC.replace("ARGUMENT", "local e: set<fd> = {};\n  record_all(e);").replace("ARG", "e"),
    )
    for spec in (literal, typed_local):
        assert run_cli("check", str(spec)).exit_code == 0
    cells = _cells(literal)
    assert cells == _cells(typed_local)
    verdicts = {p: v for _, p, v in cells}
    assert verdicts["assertion"] == "violated" and verdicts["stays_empty"] in ("holds", "proved")


@pytest.mark.parametrize(
    ("body", "column"),
    [
        ("assert size({}) == 0;", 15),
        ("assert {} == {};", 10),
        ("assert !(1 in {});", 17),
        ("foreach x in {} { skip; }", 16),
        ("seen = {} + {};", 10),
    ],
)
def test_empty_sets_with_no_type_to_take_are_check_errors(tmp_path: Path, body: str, column: int) -> None:
    spec = write(tmp_path / "e.irq", f"type fd = 0..2;\nvar seen: set<fd>;\nthread t {{\n  {body}\n}}\n")
    for args in (["check", str(spec)], [str(spec), "-q", "--max-states", "1000", "-j", "1"]):
        result = run_cli(*args)
        assert result.exit_code == 3, (args, result.exit_code, result.stderr)
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"{spec}:4:{column}: error: [IRQ207] cannot infer the element type of ")


def test_a_type_parameter_only_an_empty_set_could_fix_is_irq207(tmp_path: Path) -> None:
    spec = write(tmp_path / "g.irq", "proc p<E>(s: set<E>) { skip; }\nthread t {\n  p({});\n}\n")
    result = run_cli("check", str(spec))
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        f"{spec}:3:3: error: [IRQ207] cannot infer type parameter(s) E of 'p' from the arguments"
    )

"""verifier/syntax/load.py: reading a spec, its includes and the prelude."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from verifier.diagnostics import Diagnostic, SpecError
from verifier.sema.check import check
from verifier.syntax import ast
from verifier.syntax import load as load_module
from verifier.syntax.load import (
    MAX_FILE_BYTES,
    PRELUDE_DISPLAY,
    PRELUDE_FILES,
    decode_source,
    load,
    prelude_text,
    read_source,
)


def write(tmp: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(text, encoding="utf-8")


def load_errors(path: Path | str, **kw: object) -> list[Diagnostic]:
    with pytest.raises(SpecError) as info:
        load(str(path), **kw)  # type: ignore[arg-type]
    return info.value.diagnostics


def names(modules: list[ast.Module]) -> list[str]:
    return [Path(m.path).name for m in modules]


def test_prelude_first_then_includes_before_includers(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.irq": 'include "a.irq";\ninclude "sub/b.irq";\n',
            "a.irq": "const A = 1;\n",
            "sub/b.irq": 'include "c.irq";\n',
            "sub/c.irq": "const C = 1;\n",
        },
    )
    modules = load(str(tmp_path / "main.irq"))
    n = len(PRELUDE_FILES)
    assert [m.path for m in modules[:n]] == [f"<prelude>/{name}" for name in PRELUDE_FILES]
    assert names(modules[n:]) == ["a.irq", "c.irq", "b.irq", "main.irq"]


def test_includes_resolve_relative_to_the_including_file(tmp_path: Path) -> None:
    write(tmp_path, {"main.irq": 'include "sub/b.irq";\n', "sub/b.irq": 'include "c.irq";\n', "c.irq": ""})
    (d,) = load_errors(tmp_path / "main.irq", prelude=False)
    assert (d.code, d.message) == ("IRQ005", "cannot find include 'c.irq'")
    assert d.span is not None and d.span.path.endswith("sub/b.irq")


def test_diamond_and_repeated_includes_are_read_once(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.irq": 'include "l.irq";\ninclude "r.irq";\ninclude "l.irq";\n',
            "l.irq": 'include "base.irq";\n',
            "r.irq": 'include "./base.irq";\n',
            "base.irq": "const B = 1;\n",
        },
    )
    assert names(load(str(tmp_path / "main.irq"), prelude=False)) == ["base.irq", "l.irq", "r.irq", "main.irq"]


def test_including_the_prelude_by_name(tmp_path: Path) -> None:
    write(tmp_path, {"main.irq": 'include "kernel.irq";\n'})
    with_prelude = load(str(tmp_path / "main.irq"))
    assert [m.path for m in with_prelude].count(PRELUDE_DISPLAY) == 1
    without = load(str(tmp_path / "main.irq"), prelude=False)
    assert [m.path for m in without] == [*(f"<prelude>/{n}" for n in PRELUDE_FILES), str(tmp_path / "main.irq")]


def test_the_prelude_ships_with_the_package_and_parses() -> None:
    text = prelude_text()
    assert text.strip()
    modules = load("x.irq", "thread t { skip; }")
    assert modules[0].path == PRELUDE_DISPLAY and modules[0].decls


def test_missing_include_points_at_its_name(tmp_path: Path) -> None:
    write(tmp_path, {"main.irq": 'const A = 1;\ninclude "gone.irq";\ninclude "also_gone.irq";\n'})
    diags = load_errors(tmp_path / "main.irq")
    assert [(d.code, d.message) for d in diags] == [
        ("IRQ005", "cannot find include 'gone.irq'"),
        ("IRQ005", "cannot find include 'also_gone.irq'"),
    ]
    assert diags[0].span is not None
    assert (diags[0].span.line, diags[0].span.col, diags[0].span.end_col) == (2, 9, 19)


def test_unreadable_include_points_at_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"main.irq": 'include "locked.irq";\n', "locked.irq": ""})
    real = os.open

    def fake_open(path: str, flags: int, *args: int) -> int:
        if os.fspath(path).endswith("locked.irq"):
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", fake_open)
    (d,) = load_errors(tmp_path / "main.irq", prelude=False)
    assert d.code == "IRQ005"
    assert d.message.endswith("locked.irq': Permission denied")
    assert d.span is not None and (d.span.line, d.span.col) == (1, 9)


def test_missing_spec_has_no_position(tmp_path: Path) -> None:
    (d,) = load_errors(tmp_path / "nope.irq")
    assert d.code == "IRQ005" and d.span is None
    assert d.message == f"cannot read '{tmp_path / 'nope.irq'}': No such file or directory"


def test_a_directory_is_not_a_spec(tmp_path: Path) -> None:
    (d,) = load_errors(tmp_path)
    assert d.code == "IRQ005" and "Is a directory" in d.message


def test_include_cycles_name_the_chain(tmp_path: Path) -> None:
    write(tmp_path, {"a.irq": 'include "b.irq";\n', "b.irq": 'include "c.irq";\n', "c.irq": 'include "a.irq";\n'})
    (d,) = load_errors(tmp_path / "a.irq", prelude=False)
    chain = " -> ".join(str((tmp_path / n).resolve()) for n in ["a.irq", "b.irq", "c.irq", "a.irq"])
    assert (d.code, d.message) == ("IRQ006", f"include cycle: {chain}")
    assert d.span is not None and d.span.path.endswith("c.irq")


def test_a_file_including_itself_is_a_cycle(tmp_path: Path) -> None:
    write(tmp_path, {"a.irq": 'const A = 1;\ninclude "a.irq";\n'})
    (d,) = load_errors(tmp_path / "a.irq", prelude=False)
    assert d.code == "IRQ006" and d.span is not None and d.span.line == 2


def test_errors_in_several_files_are_all_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.irq": 'include "bad1.irq";\ninclude "bad2.irq";\ninclude "gone.irq";\n',
            "bad1.irq": "const = 1;\n",
            "bad2.irq": "thread t {\n",
        },
    )
    diags = load_errors(tmp_path / "main.irq", prelude=False)
    assert [(Path(d.span.path).name, d.code) for d in diags if d.span] == [
        ("bad1.irq", "IRQ001"),
        ("bad2.irq", "IRQ010"),
        ("main.irq", "IRQ005"),
    ]


def test_a_file_that_does_not_parse_has_its_includes_ignored(tmp_path: Path) -> None:
    write(tmp_path, {"main.irq": 'include "gone.irq";\nvar x bool;\n'})
    assert [d.code for d in load_errors(tmp_path / "main.irq", prelude=False)] == ["IRQ001"]


def test_text_given_directly_is_not_read_from_disk(tmp_path: Path) -> None:
    modules = load(str(tmp_path / "never_written.irq"), "const A = 1;\n", prelude=False)
    assert [type(d).__name__ for d in modules[0].decls] == ["ConstDecl"]


def test_invalid_utf8_points_at_the_byte() -> None:
    with pytest.raises(SpecError) as info:
        decode_source("bad.irq", "// héllo\nvar x: bool; // \xff\n".encode("latin-1"))
    (d,) = info.value.diagnostics
    assert (d.code, d.message) == ("IRQ004", "byte 0xe9 is not valid UTF-8")
    assert d.span is not None and (d.span.line, d.span.col) == (1, 5)
    with pytest.raises(SpecError) as info:
        decode_source("bad.irq", "// h\u00e9llo\nvar x: bool; // ".encode() + b"\xff\n")
    (d,) = info.value.diagnostics
    assert (d.span.line, d.span.col) == (2, 17), "columns count characters, not bytes"


def test_files_that_are_too_large_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as info:
        decode_source("huge.irq", b" " * (MAX_FILE_BYTES + 1))
    (d,) = info.value.diagnostics
    assert d.code == "IRQ005" and "larger than" in d.message


def test_read_source_keeps_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"x.irq": "const A = 1;\n"})
    monkeypatch.chdir(tmp_path)
    src = read_source("x.irq")
    assert (src.path, src.text) == ("x.irq", "const A = 1;\n")


def test_prelude_is_read_and_parsed_once_per_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every load shares the prelude's modules (an include of it too): its files are read and
    parsed once, however many specs a process loads."""
    calls: list[str] = []
    real = load_module.prelude_text

    def counting(name: str = PRELUDE_FILES[0]) -> str:
        calls.append(name)
        return real(name)

    monkeypatch.setattr(load_module, "prelude_text", counting)
    load_module.clear_prelude_cache()
    write(tmp_path, {"main.irq": 'include "kernel.irq";\n', "other.irq": "var x: bool;\n"})
    first = load(str(tmp_path / "main.irq"))
    second = load(str(tmp_path / "other.irq"))
    assert calls == list(PRELUDE_FILES)
    n = len(PRELUDE_FILES)
    assert all(a is b for a, b in zip(first[:n], second[:n], strict=True))
    load_module.clear_prelude_cache()
    assert load(str(tmp_path / "other.irq"))[:n] == second[:n]
    assert calls == list(PRELUDE_FILES) * 2


def test_a_byte_order_mark_is_dropped_and_columns_stay_right(tmp_path: Path) -> None:
    """A UTF-8 BOM (as some Windows editors write) starts a spec or an include: it is not part of
    the text, and an error on the first line is at the column the editor shows."""
    bom = b"\xef\xbb\xbf"
    (tmp_path / "inc.irq").write_bytes(bom + b"var y: bool;\n")
    (tmp_path / "main.irq").write_bytes(bom + b'include "inc.irq";\nvar x: bool = 3;\n')
    (tmp_path / "first.irq").write_bytes(bom + b"var x: bool = 3;\n")
    assert decode_source("a.irq", bom + b"var x: bool;\n").text == "var x: bool;\n"
    assert names(load(str(tmp_path / "main.irq"), prelude=False)) == ["inc.irq", "main.irq"]
    for name, line in (("main.irq", 2), ("first.irq", 1)):
        with pytest.raises(SpecError) as e:
            check(load(str(tmp_path / name)))
        (d,) = e.value.diagnostics
        assert d.code == "IRQ201" and d.span is not None and (d.span.line, d.span.col) == (line, 15), d
        assert d.span.text() == "3"
    (m,) = load(str(tmp_path / "first.irq"), "\ufeffvar x: bool;\n", prelude=False)
    assert m.decls

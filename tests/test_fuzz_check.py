"""Fuzzing `irqverify check` through the command line: no input is an internal error.

Inputs: well-formed random specs (tests/strategies.py), random token soup, the bundled specs
with bytes flipped and lines deleted or duplicated, and small hostile shapes (long chains,
doubling calls, nested records, branches in atomic blocks, choices in a row) at random sizes
around the checker's limits. Every run must end in exit status 0 or 3, never 70 (internal error),
and print no traceback. Runs are derandomized, so CI sees the same inputs every time.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from strategies import fixed_settings, specs
from support import SPEC_DIR, prelude_parsed_once

from verifier.cli import main
from verifier.syntax.parse import parser

BUNDLED = [p.read_text(encoding="utf-8") for p in sorted(SPEC_DIR.glob("*.irq"))]
WORDS = sorted(
    {t.pattern.value for t in parser().terminals if t.pattern.type == "str"}
    | {"x", "y", "t", "p", "f", "r", "g", "obj", "0", "1", "3", "4095", "2147483647", "\n", "//", "/*", "*/"}
)


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def assert_no_internal_error(data: bytes) -> None:
    """`irqverify check` on `data` exits 0 or 3, with no traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzzed.irq"
        path.write_bytes(data)
        result = CliRunner().invoke(main, ["check", str(path)], catch_exceptions=True)
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output, output[-3000:]
    assert result.exit_code != 70, output[-3000:]
    assert result.exit_code in (0, 3), (result.exit_code, output[-3000:])


@st.composite
def token_soup(draw: st.DrawFn) -> bytes:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=80))
    return " ".join(words).encode("utf-8")


@st.composite
def mutated_bundled_specs(draw: st.DrawFn) -> bytes:
    """A bundled spec with a few bytes flipped, lines deleted or lines duplicated."""
    lines = draw(st.sampled_from(BUNDLED)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["flip", "delete", "duplicate"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        else:
            raw = bytearray(lines[i].encode("utf-8"))
            if raw:
                j = draw(st.integers(0, len(raw) - 1))
                raw[j] ^= draw(st.integers(1, 255))
            lines[i] = raw.decode("utf-8", errors="replace")
    return "".join(lines).encode("utf-8")


@st.composite
def hostile_shapes(draw: st.DrawFn) -> bytes:
    """A spec of one hostile shape, at a size drawn around the limit it meets."""
    n = draw(st.integers(1, 80))
    shape = draw(st.sampled_from(["aliases", "procs", "doubling", "records", "atomic", "choices", "funcs", "consts"]))
    if shape == "aliases":
        decls = ["type t0 = 0..3;", *(f"type t{i} = t{i - 1};" for i in range(1, n))]
        if draw(st.booleans()):
            decls[0] = f"type t0 = t{n - 1};"  # a cycle
        text = "\n".join([*decls, f"var v: t{n - 1};", "thread m { skip; }"])
    elif shape in ("procs", "doubling"):
        call = "p{0}(); p{0}();" if shape == "doubling" else "p{0}();"
        decls = ["var g: bool;", "proc p0() { g = true; }"]
        decls += [f"proc p{i}() {{ {call.format(i - 1)} }}" for i in range(1, n)]
        text = "\n".join([*decls, f"thread m {{ p{n - 1}(); }}"])
    elif shape == "funcs":
        decls = ["var g: bool;", "func f0(x: bool): bool = x && x;"]
        decls += [f"func f{i}(x: bool): bool = f{i - 1}(x) || f{i - 1}(!x);" for i in range(1, min(n, 30))]
        text = "\n".join([*decls, f"thread m {{ g = f{min(n, 30) - 1}(g); }}"])
    elif shape == "records":
        decls = [
            "record r0 { a: bool; b: bool; }",
            *(f"record r{i} {{ a: r{i - 1}; b: r{i - 1}; }}" for i in range(1, n)),
        ]
        text = "\n".join([*decls, f"var v: r{n - 1};", "thread m { skip; }"])
    elif shape == "atomic":
        body = " ".join("if g { h = 1; } else { h = 2; }" for _ in range(min(n, 40)))
        text = f"var g: bool;\nvar h: 0..3;\nthread m {{ atomic {{ {body} }} }}"
    elif shape == "choices":
        body = " ".join(f"choose c{i}: 0..{draw(st.integers(1, 99))};" for i in range(min(n, 8)))
        text = f"var g: 0..3;\nthread m {{ {body} g = 1; }}"
    else:
        decls = ["const c0 = missing + 1;" if draw(st.booleans()) else "const c0 = 1;"]
        decls += [f"const c{i} = c{draw(st.integers(0, i - 1))} * 2;" for i in range(1, n)]
        text = "\n".join([*decls, "var v: 0..3;", "thread m { v = 1; }"])
    return (text + "\n").encode("utf-8")


@fixed_settings(150, shrink=False)
@given(
    st.one_of(
        specs().map(str.encode),
        specs(liveness=True).map(str.encode),
        token_soup(),
        mutated_bundled_specs(),
        hostile_shapes(),
    )
)
def test_check_never_fails_internally(data: bytes) -> None:
    assert_no_internal_error(data)

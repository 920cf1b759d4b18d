"""Property tests: no input makes the front end crash.

Every input ends in exit status 3 with positioned diagnostics (`file:line:col: error: [IRQnnn] ...`,
the source line, a caret line) or in a clean acceptance, never in a traceback or another status.
Inputs: token-level mutations (deletions, duplications, swaps), truncations, inserted bytes and
random bytes, applied to the bundled specs (spec/*.irq) and to tests/cases/ok; and programs
generated from the grammar itself (hypothesis.extra.lark).

Most inputs go through the pipeline directly (fast); a subset goes through the command line.
Runs are derandomized so CI sees the same inputs every time.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark
from strategies import fixed_settings
from support import (
    CARET_LINE,
    CASES,
    POSITIONED,
    SOURCE_LINE,
    SPEC_DIR,
    assert_clean_outcome,
    formatted,
    prelude_parsed_once,
    run_cli,
)

from verifier.diagnostics import SpecError
from verifier.pipeline import guarded, summarize
from verifier.sema.check import check
from verifier.syntax.load import decode_source, load
from verifier.syntax.parse import grammar_text, parser


def _seeds() -> list[tuple[str, str]]:
    paths = sorted(SPEC_DIR.glob("*.irq")) + sorted((CASES / "ok").glob("*.irq"))
    return [(str(p), p.read_text(encoding="utf-8")) for p in paths]


SEEDS = _seeds()
BUNDLED = [s for s in SEEDS if Path(s[0]).parent == SPEC_DIR] or SEEDS
SMALL = [s for s in SEEDS if Path(s[0]).parent != SPEC_DIR]

TOKEN = re.compile(
    r"\s+|//[^\n]*|/\*.*?\*/|\"[^\"\n]*\"|[A-Za-z_]\w*|\d+|\.\.|==>|~>|::|[=!<>]=|&&|\|\||\+=|-=|\S",
    re.DOTALL,
)


KEYWORDS = {t.pattern.value for t in parser().terminals if t.pattern.type == "str" and t.pattern.value.isidentifier()}
PRINTABLE = "".join(chr(c) for c in range(32, 127)) + "\t\n"


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def assert_handled(path: str, data: bytes) -> None:
    """Run the front end on `data` as the file `path`: accepted, or positioned diagnostics."""
    try:
        src = decode_source(path, data)
        summarize(guarded(lambda: check(load(path, src.text))))
    except SpecError as e:
        assert e.diagnostics
        lines = formatted(e.diagnostics).split("\n")
        positioned = [i for i, line in enumerate(lines) if POSITIONED.match(line)]
        assert positioned, "\n".join(lines)
        for i in positioned:
            assert SOURCE_LINE.match(lines[i + 1]) and CARET_LINE.match(lines[i + 2]), "\n".join(lines)


def assert_handled_by_cli(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutant.irq"
        path.write_bytes(data)
        assert_clean_outcome(run_cli("check", str(path)))


# ---- mutations ---------------------------------------------------------------------------------


@st.composite
def token_mutants(
    draw: st.DrawFn, seeds: list[tuple[str, str]], ops: tuple[str, ...] = ("delete", "duplicate", "swap", "rename")
) -> tuple[str, bytes]:
    """A seed with 1 to 4 tokens deleted, duplicated, swapped, or replaced by a word of the same file."""
    path, text = draw(st.sampled_from(seeds))
    toks = tokens(text)
    for _ in range(draw(st.integers(1, 4))):
        words = [k for k, t in enumerate(toks) if not t.isspace()]  # whitespace only separates
        if not words:
            break
        op = draw(st.sampled_from(ops))
        i = words[draw(st.integers(0, len(words) - 1))]
        names = [k for k, t in enumerate(toks) if t.isidentifier() and t not in KEYWORDS]
        if op == "rename" and names:  # one name for another of the same file: still parses, mostly
            i = names[draw(st.integers(0, len(names) - 1))]
            toks[i] = toks[names[draw(st.integers(0, len(names) - 1))]]
        elif op == "delete":
            del toks[i]
        elif op == "duplicate":
            toks.insert(i, toks[i] + " ")
        else:
            j = words[draw(st.integers(0, len(words) - 1))]
            toks[i], toks[j] = toks[j], toks[i]
    return path, "".join(toks).encode("utf-8")


@st.composite
def truncations(draw: st.DrawFn, seeds: list[tuple[str, str]]) -> tuple[str, bytes]:
    path, text = draw(st.sampled_from(seeds))
    data = text.encode("utf-8")
    return path, data[: draw(st.integers(0, len(data)))]


@st.composite
def byte_insertions(draw: st.DrawFn, seeds: list[tuple[str, str]]) -> tuple[str, bytes]:
    path, text = draw(st.sampled_from(seeds))
    data = bytearray(text.encode("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(
            st.binary(min_size=1, max_size=4) | st.text(PRINTABLE, min_size=1, max_size=4).map(str.encode)
        )
    return path, bytes(data)


@fixed_settings(800)
@given(token_mutants(SMALL))
def test_token_mutations_of_the_ok_cases(mutant: tuple[str, bytes]) -> None:
    assert_handled(*mutant)


@fixed_settings(500)
@given(token_mutants(SMALL, ops=("rename",)))
def test_renamed_words_in_the_ok_cases(mutant: tuple[str, bytes]) -> None:
    assert_handled(*mutant)


@fixed_settings(200)
@given(token_mutants(BUNDLED))
def test_token_mutations_of_the_bundled_specs(mutant: tuple[str, bytes]) -> None:
    assert_handled(*mutant)


@fixed_settings(150)
@given(token_mutants(BUNDLED, ops=("rename",)))
def test_renamed_words_in_the_bundled_specs(mutant: tuple[str, bytes]) -> None:
    assert_handled(*mutant)


@fixed_settings(300)
@given(truncations(SEEDS))
def test_truncations(mutant: tuple[str, bytes]) -> None:
    assert_handled(*mutant)


@fixed_settings(300)
@given(byte_insertions(SEEDS))
def test_inserted_bytes(mutant: tuple[str, bytes]) -> None:
    assert_handled(*mutant)


@fixed_settings(400)
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    assert_handled("random.irq", data)


@fixed_settings(150)
@given(st.one_of(token_mutants(SEEDS), truncations(SEEDS), byte_insertions(SEEDS)))
def test_mutations_through_the_command_line(mutant: tuple[str, bytes]) -> None:
    assert_handled_by_cli(mutant[1])


# ---- programs from the grammar -------------------------------------------------------------------

NAMES = ["a", "b", "n", "t", "x", "E", "P", "R", "f", "p", "A", "B", "self_", "thread"]


def _spaced_grammar_strategy() -> st.SearchStrategy[str]:
    """Programs from the grammar with every token spaced out, so they lex as generated."""
    explicit: dict[str, st.SearchStrategy[str]] = {
        "NAME": st.sampled_from(NAMES).map(lambda s: f" {s} "),
        "INT": st.sampled_from(["0", "1", "2", "3", "7", "64", "4096", "2147483647", "99999999999"]).map(
            lambda s: f" {s} "
        ),
        "STRING": st.sampled_from(['"kernel.irq"', '"missing.irq"', '""', '"lib/base.irq"']).map(lambda s: f" {s} "),
        "WS": st.sampled_from([" ", "\n", "\t"]),
        "COMMENT": st.just(" // a comment\n"),
        "BLOCK_COMMENT": st.just(" /* a\ncomment */ "),
    }
    for terminal in parser().terminals:
        if terminal.pattern.type == "str":
            explicit[terminal.name] = st.just(f" {terminal.pattern.value} ")
    return from_lark(Lark(grammar_text(), parser="lalr", lexer="contextual"), start="start", explicit=explicit)


@fixed_settings(200)
@given(_spaced_grammar_strategy())
def test_programs_from_the_grammar(program: str) -> None:
    assert_handled(str(CASES / "ok" / "generated.irq"), program.encode("utf-8"))


@fixed_settings(100)
@given(from_lark(Lark(grammar_text(), parser="lalr", lexer="contextual"), start="start"))
def test_raw_programs_from_the_grammar(program: str) -> None:
    assert_handled("generated.irq", program.encode("utf-8"))


@fixed_settings(30)
@given(_spaced_grammar_strategy())
def test_programs_from_the_grammar_through_the_command_line(program: str) -> None:
    assert_handled_by_cli(program.encode("utf-8"))

"""Property test: no certificate makes `check-proof` crash, hang or lose a file.

Inputs are the bundled certificates of spec/flag_mutex.irq, mutated: random header fields (wrong
types, huge or negative numbers, other specs, variants and properties, paths out of the tree),
byte flips, truncations, duplicated, deleted and swapped lines, random S-expressions and random
SMT-LIB commands inserted between lines. Whatever the input, `check-proof` exits 0 or 4, prints
no traceback, gives each file exactly one result line and ends with its summary.

Most inputs go through the command line in this process (one file each, one worker); a few go
through a subprocess with two workers, several files at once. Runs are derandomized.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from strategies import fixed_settings
from support import ROOT, SPEC_DIR, prelude_parsed_once

from verifier.cli import main

BUNDLED = ROOT / "proofs" / "flag_mutex"
SEEDS = {
    ("test_and_set", "deadlock"): (BUNDLED / "test_and_set" / "deadlock.smt2").read_bytes(),
    ("test_then_set", "deadlock"): (BUNDLED / "test_then_set" / "deadlock.smt2").read_bytes(),
    ("test_and_set", "mutual_exclusion"): (BUNDLED / "test_and_set" / "mutual_exclusion.smt2").read_bytes(),
}
CELLS = [(v, p) for v in ("test_and_set", "test_then_set") for p in ("deadlock", "mutual_exclusion", "null_deref")]
RESULT = re.compile(r"^(ok     |INVALID|STALE  ) (\S.*)$")
SUMMARY = re.compile(r"^(\d+) of (\d+) certificates? holds?$")
SECONDS = "10"  # per certificate: a certificate drawn here is checked in well under a second
SUBPROCESS_SECONDS = 300

NAMES = ["busy", "in_critical", "|worker(0).pc|", "|irqs_off[worker(1)]|", "$x1", "a", "|;)|", "true", "false"]
FUNCTIONS = ["and", "or", "not", "xor", "=>", "=", "distinct", "ite", "bvadd", "bvule", "concat", "let", "_"]
ODD = ["!", ":named", "forall", "exists", "as", "bv2int", "int2bv", "extract", "zero_extend", "BitVec", "Bool", "Int"]
ATOMS = st.one_of(
    st.sampled_from(NAMES + FUNCTIONS + ODD),
    st.integers(0, 2**70).map(str),
    st.sampled_from(["#b0", "#b11", "#x0f", "0.5", '"s"', '""""', "|", '"', "(_ bv3 2)", "(_ BitVec 2)"]),
)
SEXPRS = st.recursive(
    ATOMS, lambda inner: st.lists(inner, max_size=5).map(lambda xs: "(" + " ".join(xs) + ")"), max_leaves=25
)
COMMANDS = st.sampled_from(
    [
        "(set-option :rlimit 1)",
        "(set-option :memory_max_size 1)",
        '(include "/dev/zero")',
        '(include "/etc/hostname")',
        "(push 1)",
        "(pop 1)",
        "(reset)",
        "(exit)",
        "(check-sat)",
        "(get-model)",
        '(echo "x")',
        "(set-logic QF_LIA)",
        "(set-logic ALL)",
        "(set-info :status sat)",
        "(set-info :source |x|)",
        "(define-fun f () Bool true)",
        "(define-sort S () Bool)",
        "(declare-fun busy () Bool)",
        "(declare-const busy Bool)",
        "(declare-fun ghost () Bool)",
        "(declare-fun in_critical () (_ BitVec 99999999))",
        "(assert false)",
        "(assert true)",
        "(assert (xor busy))",
        "(assert (distinct busy))",
        "(assert (! busy :named n))",
        "(assert (let ((busy 1)) busy))",
    ]
)
HEADER_VALUES = st.one_of(
    st.integers(-3, 70),
    st.sampled_from([10**6, 2**63, -(2**63), 10**400]),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.sampled_from(
        [
            "spec/flag_mutex.irq",
            "./spec/flag_mutex.irq",
            "spec/../spec/flag_mutex.irq",
            "../spec/flag_mutex.irq",
            "/etc/passwd",
            str(SPEC_DIR / "flag_mutex.irq"),
            "proofs/flag_mutex.irq",
            "spec/abba_deadlock.irq",
            "",
            "test_and_set",
            "test_then_set",
            "deadlock",
            "mutual_exclusion",
            "bdd",
            "smt",
            "bv",
            "int",
        ]
    ),
)
HEADER_KEYS = ["format", "spec", "spec_hash", "variant", "property", "engine", "k", "encoding", "overrides", "step"]


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory laid out like the repository: spec/flag_mutex.irq, and proofs/ for the inputs."""
    base = tmp_path_factory.mktemp("fuzz")
    (base / "spec").mkdir()
    shutil.copy(SPEC_DIR / "flag_mutex.irq", base / "spec" / "flag_mutex.irq")
    (base / "proofs").mkdir()
    return base


@st.composite
def headers(draw: st.DrawFn, line: bytes) -> bytes:
    """The header line, some of its fields replaced, added or removed; or not JSON at all."""
    raw = json.loads(line[2:])
    for key in draw(st.lists(st.sampled_from([*HEADER_KEYS, "rounds"]), max_size=3)):
        if draw(st.booleans()):
            raw[key] = draw(HEADER_VALUES)
        else:
            raw.pop(key, None)
    text = json.dumps(raw)
    if draw(st.integers(0, 9)) == 7:
        text = draw(st.sampled_from(["[" * 100_000, "{", "null", '{"k": 1' + "]" * 3, text[: len(text) // 2]]))
    return b"; " + text.encode()


@st.composite
def certificates(draw: st.DrawFn) -> tuple[tuple[str, str], bytes]:
    """A cell, and the bytes of a mutated certificate to file there."""
    home = draw(st.sampled_from(sorted(SEEDS)))
    cell = home if draw(st.integers(0, 5)) != 3 else draw(st.sampled_from(CELLS))  # mostly where it belongs
    lines = SEEDS[home].split(b"\n")
    if draw(st.booleans()):
        lines[1] = draw(headers(lines[1]))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "duplicate", "delete", "swap", "sexpr", "command", "constant"]))
        first = 0 if draw(st.integers(0, 5)) == 3 else min(2, len(lines) - 1)  # mostly the body
        i = draw(st.integers(first, len(lines) - 1))
        if op == "flip" and lines[i]:
            j = draw(st.integers(0, len(lines[i]) - 1))
            byte = draw(st.one_of(st.sampled_from(b"0123456789()_ #|abtrue"), st.integers(0, 255)))
            lines[i] = lines[i][:j] + bytes([byte]) + lines[i][j + 1 :]
        elif op == "truncate":
            lines = [*lines[:i], lines[i][: draw(st.integers(0, len(lines[i])))]]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "sexpr":
            lines.insert(i, draw(SEXPRS).encode())
        elif op == "command":
            lines.insert(i, draw(COMMANDS).encode())
        elif op == "constant":  # another value for one bit-vector constant: still well formed
            found = list(re.finditer(rb"\(_ bv\d+ ", lines[i]))
            if found:
                m = found[draw(st.integers(0, len(found) - 1))]
                value = b"(_ bv%d " % draw(st.integers(0, 40))
                lines[i] = lines[i][: m.start()] + value + lines[i][m.end() :]
    return cell, b"\n".join(lines)


def _place(root: Path, cell: tuple[str, str], data: bytes) -> Path:
    path = root / "flag_mutex" / cell[0] / f"{cell[1]}.smt2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _assert_one_line_each(output: str, files: list[Path]) -> None:
    """Exactly one result line per file, in order, then the summary, which counts them right."""
    lines = output.splitlines()
    assert len(lines) == len(files) + 1, output
    for line, f in zip(lines, files, strict=False):
        m = RESULT.match(line)
        assert m is not None and m.group(2).startswith(str(f)), (line, f)
    m = SUMMARY.match(lines[-1])
    assert m is not None and int(m.group(2)) == len(files), output
    assert int(m.group(1)) == sum(line.startswith("ok ") for line in lines[:-1]), output


@fixed_settings(100)
@given(certificates())
def test_any_certificate_gets_one_line_and_a_summary(tree: Path, drawn: tuple[tuple[str, str], bytes]) -> None:
    cell, data = drawn
    path = _place(tree / "proofs", cell, data)
    result = CliRunner().invoke(main, ["check-proof", "-j", "1", "-t", SECONDS, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output, result.output
    assert result.exit_code in (0, 4), (result.exit_code, result.output)
    _assert_one_line_each(result.stdout, [path])


@fixed_settings(3)
@given(st.lists(certificates(), min_size=4, max_size=8, unique_by=lambda d: d[0]))
def test_many_certificates_in_workers_get_one_line_each(tree: Path, drawn: list[tuple[tuple[str, str], bytes]]) -> None:
    """The same through a subprocess with two workers, several files in one run."""
    root = Path(tempfile.mkdtemp(dir=tree, prefix="proofs-"))
    try:
        files = sorted(_place(root, cell, data) for cell, data in drawn)
        r = subprocess.run(
            [sys.executable, "-m", "verifier", "check-proof", "-j", "2", "-t", SECONDS, str(root)],
            cwd=tree,
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_SECONDS,
            check=False,
        )
        assert "Traceback" not in r.stdout + r.stderr, r.stderr
        assert r.returncode in (0, 4), (r.returncode, r.stdout, r.stderr)
        _assert_one_line_each(r.stdout, files)
    finally:
        shutil.rmtree(root)

"""Certificates are untrusted input: `check-proof` accepts one only for the cell its place names,
about a spec inside the tree it belongs to, made of declarations of state variables and one
assertion; and no certificate, however built, hangs the run, takes its memory, changes how the
next one is checked, or ends the run without a line for every file and a summary.

Each scenario is built from the bundled certificates of spec/flag_mutex.irq, copied with the
spec to a temporary tree laid out like the repository (spec/, proofs/<stem>/<variant>/).
Scenarios that hang or exhaust memory without the limits run check-proof in a subprocess with a
wall-clock bound and an address-space limit, so that a regression fails instead of hanging.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import z3
from support import ROOT, SPEC_DIR, prelude_parsed_once, run_bounded

from verifier.engines.symbolic import symbolic_reach
from verifier.engines.work import Meter
from verifier.ir.lower import lower
from verifier.pipeline import check_spec
from verifier.proof import certificate as C
from verifier.proof import check as K
from verifier.proof import smtlib
from verifier.proof.certificate import CertificateError, Invariant, header_for, read, render
from verifier.proof.check import check_file, check_files
from verifier.result import Proved

BUNDLED = ROOT / "proofs" / "flag_mutex"
SUBPROCESS_SECONDS = 120  # a run that takes longer hangs: every run here takes a few seconds
ADDRESS_SPACE = 4 << 30  # bytes a subprocess may map: a run needs under 1 GiB


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def _tree(base: Path) -> Path:
    """`base` laid out like the repository: spec/flag_mutex.irq and proofs/flag_mutex/ copied."""
    (base / "spec").mkdir(parents=True)
    shutil.copy(SPEC_DIR / "flag_mutex.irq", base / "spec" / "flag_mutex.irq")
    shutil.copytree(BUNDLED, base / "proofs" / "flag_mutex")
    return base


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's flag_mutex certificates and spec, and the working directory (so
    that a checker resolving a spec against the working directory finds it too)."""
    base = _tree(tmp_path / "work")
    monkeypatch.chdir(base)
    return base


def _cell(base: Path, variant: str, prop: str) -> Path:
    return base / "proofs" / "flag_mutex" / variant / f"{prop}.smt2"


def _with_header(text: str, **fields: object) -> str:
    """`text` with header fields replaced (JSON values)."""
    import json

    lines = text.split("\n")
    raw = json.loads(lines[1][2:])
    raw.update(fields)
    lines[1] = "; " + json.dumps(raw)
    return "\n".join(lines)


def _with_assertion(text: str, make: str) -> str:
    """`text` with its assertion `(assert X)` replaced by `make` with X substituted for {inv}."""
    at = text.index("\n(assert") + 1
    body = text[at + len("(assert") :].rstrip()
    assert body.endswith(")")
    return text[:at] + "(assert " + make.format(inv=body[:-1].strip()) + ")\n"


def _before_assertion(text: str, commands: str) -> str:
    at = text.index("\n(assert") + 1
    return text[:at] + commands + "\n" + text[at:]


def _results(output: str) -> list[tuple[str, str]]:
    """(status, the rest) of each result line; asserts that the summary is the last line."""
    lines = output.splitlines()
    assert lines and re.fullmatch(r"\d+ of \d+ certificates? holds?", lines[-1]), output
    out = []
    for line in lines[:-1]:
        m = re.match(r"^(ok|INVALID|STALE)\s+(.*)$", line)
        assert m is not None, f"not a result line: {line!r}\n{output}"
        out.append((m.group(1), m.group(2)))
    return out


def _check_proof(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`irqverify check-proof ARGS` in a subprocess, bounded in time and memory."""
    return run_bounded(["check-proof", *args], cwd=cwd, seconds=SUBPROCESS_SECONDS, memory=ADDRESS_SPACE)


# ---- the place names the cell, the spec stays in the tree ---------------------------------------------


def test_a_bundled_certificate_holds_wherever_the_checker_runs(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The header's spec is resolved against the directory above the proof directory, not the
    working directory: the copy holds from inside its tree and from elsewhere."""
    cert = _cell(tree, "test_then_set", "deadlock")
    c = check_file(cert)
    assert c.ok, c
    elsewhere = tree.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    c = check_file(cert)
    assert c.ok, c
    out = StringIO()
    total = len(list((tree / "proofs" / "flag_mutex").rglob("*.smt2")))
    assert total > 20
    assert check_files([str(tree / "proofs" / "flag_mutex")], out, jobs=1) == (total, 0), out.getvalue()


def test_a_certificate_copied_to_a_violated_property_is_invalid(tree: Path) -> None:
    """test_then_set's deadlock certificate filed as its mutual_exclusion certificate: the header
    still says deadlock, which holds; mutual_exclusion is violated there."""
    ts = lower(check_spec(str(tree / "spec" / "flag_mutex.irq")), "test_then_set")
    assert not isinstance(symbolic_reach(ts, ["mutual_exclusion"], Meter(60))["mutual_exclusion"], Proved)
    source = _cell(tree, "test_then_set", "deadlock")
    target = _cell(tree, "test_then_set", "mutual_exclusion")
    shutil.copy(source, target)
    c = check_file(target)
    assert not c.ok and c.check == "place", c
    assert "flag_mutex/test_then_set/mutual_exclusion" in c.message and "test_then_set/deadlock" in c.message
    assert check_file(source).ok


def test_a_certificate_moved_to_another_variant_is_invalid(tree: Path) -> None:
    source = _cell(tree, "test_then_set", "deadlock")
    target = _cell(tree, "test_and_set", "deadlock")
    shutil.copy(source, target)
    c = check_file(target)
    assert not c.ok and c.check == "place" and "test_and_set" in c.message, c


def test_a_header_naming_another_property_is_invalid(tree: Path) -> None:
    cert = _cell(tree, "test_then_set", "use_after_free")
    assert check_file(cert).ok
    cert.write_text(_with_header(cert.read_text(), property="deadlock"))
    c = check_file(cert)
    assert not c.ok and c.check == "place", c


def _stand_in(tmp_path: Path) -> tuple[Path, Invariant, str]:
    """A stand-in for spec/flag_mutex.irq outside the tree, in which test_then_set is atomic (so
    mutual_exclusion holds), and the certificate of that (its engine too)."""
    standin = tmp_path / "outside" / "flag_mutex.irq"
    standin.parent.mkdir()
    text = (SPEC_DIR / "flag_mutex.irq").read_text()
    fake = text.replace("variant test_then_set { atomic_tas = false; }", "variant test_then_set { atomic_tas = true; }")
    assert fake != text
    standin.write_text(fake)
    ts = lower(check_spec(str(standin)), "test_then_set")
    o = symbolic_reach(ts, ["mutual_exclusion"], Meter(60))["mutual_exclusion"]
    assert isinstance(o, Proved) and isinstance(o.certificate, Invariant)
    return standin, o.certificate, o.engine


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink", "inside-proofs"])
def test_a_header_naming_a_stand_in_spec_is_invalid(tree: Path, tmp_path: Path, how: str) -> None:
    """The stand-in's certificate, filed as test_then_set's mutual_exclusion certificate, its
    header naming the stand-in: by absolute path, by a '../' path, through a symbolic link at the
    spec's own path leading out of the tree, or as a copy inside the proof directory. As a
    control, the same certificate holds in a tree of the stand-in's own."""
    standin, inv, engine = _stand_in(tmp_path)
    header = header_for(str(standin), "test_then_set", "mutual_exclusion", engine, inv)
    spec = {"absolute": str(standin), "dotdot": "../outside/flag_mutex.irq", "inside-proofs": "proofs/flag_mutex.irq"}
    if how == "symlink":
        (tree / "spec" / "flag_mutex.irq").unlink()
        (tree / "spec" / "flag_mutex.irq").symlink_to(standin)
    if how == "inside-proofs":
        shutil.copy(standin, tree / "proofs" / "flag_mutex.irq")
    target = _cell(tree, "test_then_set", "mutual_exclusion")
    target.write_text(render(dataclasses.replace(header, spec=spec.get(how, "spec/flag_mutex.irq")), inv))
    c = check_file(target)
    assert not c.ok and c.check == "place", c

    own = _tree(tmp_path / "own")
    shutil.copy(standin, own / "spec" / "flag_mutex.irq")
    control = _cell(own, "test_then_set", "mutual_exclusion")
    control.write_text(render(dataclasses.replace(header, spec="spec/flag_mutex.irq"), inv))
    c = check_file(control)
    assert c.ok, c


def test_a_certificate_out_of_place_in_the_proof_directory_is_invalid(tree: Path) -> None:
    """A certificate not 3 levels below the proof directory given (here, right in it); a spec's
    folder given on its own is checked as part of its proof directory."""
    stray = tree / "proofs" / "deadlock.smt2"
    shutil.copy(_cell(tree, "test_then_set", "deadlock"), stray)
    out = StringIO()
    total, failed = check_files([str(tree / "proofs")], out, jobs=1)
    assert (total, failed) == (len(list((tree / "proofs").rglob("*.smt2"))), 1), out.getvalue()
    bad = [ln for ln in out.getvalue().splitlines() if not ln.startswith("ok")]
    assert len(bad) == 1 and str(stray) in bad[0] and ": place: not at" in bad[0], bad


def test_spec_for_header_is_relative_to_the_directory_above_the_proofs(tree: Path) -> None:
    """What the writer puts in a header: the spec relative to the parent of the proof directory,
    whichever way the spec's path is given; a spec elsewhere is refused."""
    spec_for_header = K.spec_for_header
    assert spec_for_header("proofs", "spec/flag_mutex.irq") == "spec/flag_mutex.irq"
    assert spec_for_header(tree / "proofs", tree / "spec" / "flag_mutex.irq") == "spec/flag_mutex.irq"
    assert spec_for_header(str(tree / "proofs"), "./spec/../spec/flag_mutex.irq") == "spec/flag_mutex.irq"
    with pytest.raises(CertificateError, match="not under"):
        spec_for_header(tree / "proofs" / "sub", tree / "spec" / "flag_mutex.irq")
    with pytest.raises(CertificateError, match="not under"):
        spec_for_header("proofs", "/etc/hostname")


# ---- only declarations and one assertion reach Z3 ---------------------------------------------------


@pytest.mark.parametrize(
    ("commands", "named"),
    [
        ('(include "{included}")', "'include'"),
        ("(set-option :print-success false)", "'set-option'"),
        ("(push 1)", "'push'"),
        ("(check-sat)", "'check-sat'"),
        ("(define-fun ghost () Bool true)", "'define-fun'"),
        ('(echo "hello")', "'echo'"),
        ("(set-info :source |x|)", "set-info"),
        ("(declare-fun ghost () Bool)", "ghost"),
        ("(declare-fun busy (Bool) Bool)", "constants only"),
        ("(declare-const busy (_ BitVec 1))", "busy"),
        ("(assert true)", "a command after the assertion"),
    ],
)
def test_only_declarations_and_one_assert_are_read(tree: Path, commands: str, named: str) -> None:
    """Any other command is refused, naming it, before Z3 parses anything: the included file
    asserts false, which would fail the base check if Z3 read it."""
    included = tree / "included.smt2"
    included.write_text("(assert false)\n")
    cert = _cell(tree, "test_and_set", "deadlock")
    text = cert.read_text()
    if named == "a command after the assertion":
        cert.write_text(text + commands + "\n")
    else:
        cert.write_text(_before_assertion(text, commands.format(included=included)))
    c = check_file(cert)
    assert not c.ok and c.check == "format" and named in c.message, c
    assert re.match(r"line \d+, column \d+: ", c.message), c.message


@pytest.mark.parametrize(
    ("term", "named"),
    [
        ("(and {inv} (! busy :named b))", "an annotation"),
        ("(and {inv} (forall ((x Bool)) x))", "a quantifier"),
        ('(and {inv} (= "a" "a"))', "a string"),
        ("(and {inv} (bv2int busy))", "'bv2int'"),
        ("(and {inv} (= ((_ int2bv 8) 1) #x01))", "'int2bv'"),
        ("(and {inv} (= ((_ zero_extend 100000) in_critical) in_critical))", "an index larger than"),
        ("(and {inv} ghost)", "neither declared nor let-bound"),
        ("(and {inv} (let ((a true) (a false)) a))", "bound twice"),
        ("(and {inv}", "the text ends"),
        ("(and {inv} |unterminated)", "unterminated"),
    ],
)
def test_the_assertion_is_read_before_z3(tree: Path, term: str, named: str) -> None:
    cert = _cell(tree, "test_and_set", "deadlock")
    cert.write_text(_with_assertion(cert.read_text(), term))
    c = check_file(cert)
    assert not c.ok and c.check == "format" and named in c.message, c


def test_what_z3_parses_is_what_the_certificate_says() -> None:
    """Differential: for each bundled certificate of flag_mutex, Z3's parse of the text the reader
    passes on is the very term of Z3's parse of the original."""
    files = sorted(BUNDLED.glob("*/*.smt2"))
    assert files
    for f in files:
        _, body = read(f)
        sorts = tuple(re.findall(r"\(declare-fun \|?([^|\s]+)\|? \(\) (Bool|\(_ BitVec \d+\))\)", body))
        ctx = z3.Context()
        original = z3.parse_smt2_string(body, ctx=ctx)
        passed = z3.parse_smt2_string(C.smt2_body(body, sorts), ctx=ctx)
        assert len(original) == len(passed) == 1 and original[0].eq(passed[0]), f


def test_lets_comments_and_quoted_names_keep_their_meaning(tree: Path) -> None:
    """A let-bound name with ';' and ')' in it, a comment with ')' in it: the invariant (the
    bundled one, conjoined with tautologies over them) still holds; and a declaration of a name
    that is no state variable is refused, named, however it is quoted."""
    cert = _cell(tree, "test_and_set", "deadlock")
    text = cert.read_text()
    cert.write_text(
        _with_assertion(text, "(let ((|;x)| busy)) ; a ) in a comment\n(and {inv} (or |;x)| (not |;x)|))))")
    )
    c = check_file(cert)
    assert c.ok, c
    cert.write_text(_before_assertion(text, "(declare-fun |;x)| () Bool)"))
    c = check_file(cert)
    assert not c.ok and c.check == "format" and "';x)'" in c.message, c


@pytest.mark.parametrize("option", [":rlimit 1", ":sat.max_conflicts 0", ":memory_max_size 1"])
def test_a_certificate_cannot_change_how_the_next_one_is_checked(tree: Path, option: str) -> None:
    """A certificate that sets a solver option is refused unread; the certificate checked after it,
    in the same process, holds."""
    first = _cell(tree, "test_then_set", "deadlock")
    first.write_text(_before_assertion(first.read_text(), f"(set-option {option})"))
    second = _cell(tree, "test_then_set", "use_after_free")
    r = _check_proof("-j", "1", str(first), str(second), cwd=tree)
    results = _results(r.stdout)
    assert r.returncode == 4 and "Traceback" not in r.stderr, (r.stdout, r.stderr)
    assert [s for s, _ in results] == ["INVALID", "ok"], r.stdout
    assert "'set-option' is not allowed" in results[0][1]


def test_an_include_of_a_fifo_does_not_hang(tree: Path) -> None:
    fifo = tree / "pipe"
    os.mkfifo(fifo)
    cert = _cell(tree, "test_and_set", "deadlock")
    cert.write_text(_before_assertion(cert.read_text(), f'(include "{fifo}")'))
    r = _check_proof(str(cert), cwd=tree)
    assert r.returncode == 4 and [s for s, _ in _results(r.stdout)] == ["INVALID"], (r.stdout, r.stderr)


# ---- resources ----------------------------------------------------------------------------------


def test_the_bundled_certificates_fit_the_limits() -> None:
    """Every bundled certificate's k, bound on rounds and size are well inside the limits (its
    assertion's depth too: check-proof re-checks them all)."""
    files = sorted((ROOT / "proofs").glob("*/*/*.smt2"))
    assert files
    for f in files:
        header, _ = read(f)
        assert header.k <= C.MAX_K // 4, f
        assert header.rounds is None or header.rounds <= C.MAX_ROUNDS // 4, f
        assert f.stat().st_size <= C.MAX_BYTES // 4, f


@pytest.mark.parametrize(
    ("field", "value"),
    [("k", 65), ("k", 0), ("k", True), ("k", "1"), ("k", 1.5), ("rounds", 10**9), ("rounds", -1), ("format", 2)],
)
def test_header_fields_are_typed_and_bounded(tree: Path, field: str, value: object) -> None:
    cert = _cell(tree, "test_and_set", "deadlock")
    cert.write_text(_with_header(cert.read_text(), **{field: value}))
    with pytest.raises(CertificateError):
        read(cert)


def test_a_huge_k_is_refused_not_run(tree: Path) -> None:
    cert = _cell(tree, "test_and_set", "deadlock")
    cert.write_text(_with_header(cert.read_text(), k=1000000))
    r = _check_proof(str(cert), cwd=tree)
    assert r.returncode == 4 and [s for s, _ in _results(r.stdout)] == ["INVALID"], (r.stdout, r.stderr)
    assert "k must be 1..64" in r.stdout


def test_the_checks_of_a_certificate_share_its_time(tree: Path) -> None:
    """The timeout is for the whole certificate: with next to none, the checks give up, saying so."""
    spec = str(tree / "spec" / "flag_mutex.irq")
    _, body = read(_cell(tree, "test_and_set", "deadlock"))
    ts = lower(check_spec(spec), "test_and_set")
    assert C.check_invariant(ts, "deadlock", body, 8, "bv", 600.0).ok
    v = C.check_invariant(ts, "deadlock", body, 8, "bv", 1e-6)
    assert not v.ok and "out of time: the checks of one certificate share" in v.message, v


def test_a_large_k_within_the_bound_is_checked(tree: Path) -> None:
    """The bound on k leaves room: the (1-inductive) invariant is also 8-inductive."""
    cert = _cell(tree, "test_and_set", "deadlock")
    cert.write_text(_with_header(cert.read_text(), k=8))
    c = check_file(cert)
    assert c.ok and c.k == 8, c


def test_the_assertion_depth_is_bounded(tree: Path) -> None:
    """Nesting past MAX_DEPTH is refused before Z3, counted through let-bound names; just under
    it, the same invariant (conjoined with a tautology) holds."""
    limit = smtlib.MAX_DEPTH
    cert = _cell(tree, "test_and_set", "deadlock")
    text = cert.read_text()
    nots = 2 * ((limit - 10) // 2)  # an even number: the chain is `true`
    cert.write_text(_with_assertion(text, "(and {inv} " + "(not " * nots + "true" + ")" * nots + ")"))
    c = check_file(cert)
    assert c.ok, c
    cert.write_text(_with_assertion(text, "(and {inv} " + "(not " * (limit + 2) + "true" + ")" * (limit + 2) + ")"))
    c = check_file(cert)
    assert not c.ok and c.check == "format" and "nested more than" in c.message, c
    lets = "".join(f"(let ((a{i} (not {'a' + str(i - 1) if i else 'true'}))) " for i in range(limit + 2))
    cert.write_text(_with_assertion(text, "(and {inv} " + lets + f"(not a{limit + 1})" + ")" * (limit + 2) + ")"))
    c = check_file(cert)
    assert not c.ok and c.check == "format" and "nested more than" in c.message, c


def test_open_parentheses_are_bounded(tree: Path) -> None:
    cert = _cell(tree, "test_and_set", "deadlock")
    n = smtlib.MAX_NESTING + 1
    cert.write_text(_with_assertion(cert.read_text(), "(and {inv} " + "(let ((a true)) " * n + "a" + ")" * n + ")"))
    c = check_file(cert)
    assert not c.ok and c.check == "format" and "parentheses open at once" in c.message, c


def test_the_file_size_is_bounded(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cert = _cell(tree, "test_and_set", "deadlock")
    size = cert.stat().st_size
    monkeypatch.setattr(C, "MAX_BYTES", size, raising=False)
    assert check_file(cert).ok
    monkeypatch.setattr(C, "MAX_BYTES", size - 1, raising=False)
    c = check_file(cert)
    assert not c.ok and c.check == "format" and "too large" in c.message, c


def test_only_regular_files_in_the_tree_are_read(tree: Path, tmp_path: Path) -> None:
    """A FIFO, a link to /dev/zero and a link to a sound certificate outside the tree, each named
    like a certificate: each INVALID on its line, the others checked, and a summary."""
    n = len(list(_cell(tree, "test_and_set", "deadlock").parent.glob("*.smt2")))
    _cell(tree, "test_and_set", "mutual_exclusion").unlink()
    os.mkfifo(_cell(tree, "test_and_set", "mutual_exclusion"))
    _cell(tree, "test_and_set", "deadlock").unlink()
    _cell(tree, "test_and_set", "deadlock").symlink_to("/dev/zero")
    outside = tmp_path / "use_after_free.smt2"
    shutil.move(_cell(tree, "test_and_set", "use_after_free"), outside)
    _cell(tree, "test_and_set", "use_after_free").symlink_to(outside)
    r = _check_proof("proofs/flag_mutex/test_and_set", cwd=tree)
    results = _results(r.stdout)
    assert r.returncode == 4 and "Traceback" not in r.stderr, (r.stdout, r.stderr)
    assert len(results) == n and r.stdout.splitlines()[-1] == f"{n - 3} of {n} certificates hold", r.stdout
    bad = sorted(rest for status, rest in results if status != "ok")
    assert len(bad) == 3 and all(": format: cannot read:" in b for b in bad), bad


def _bdd(tree: Path) -> Path:
    """test_and_set's deadlock certificate, its step checked with BDDs."""
    cert = _cell(tree, "test_and_set", "deadlock")
    cert.write_text(_with_header(cert.read_text(), step="bdd"))
    return cert


@pytest.mark.parametrize("term", ["(xor busy)", "(distinct busy)"])
def test_the_bdd_step_check_refuses_arities_it_does_not_take(tree: Path, term: str) -> None:
    """Z3 parses a one-argument xor or distinct; the BDD step check refuses it, and the run goes
    on to the other certificates."""
    cert = _bdd(tree)
    assert check_file(cert).ok
    cert.write_text(_with_assertion(cert.read_text(), "(and {inv} (or " + term + " (not " + term + ")))"))
    out = StringIO()
    cells = tree / "proofs" / "flag_mutex" / "test_and_set"
    total, failed = check_files([str(cells)], out, jobs=1)
    assert (total, failed) == (len(list(cells.glob("*.smt2"))), 1), out.getvalue()
    assert "deadlock.smt2: format: the BDD step check does not take" in out.getvalue()


def test_show_prints_a_deep_invariant_without_recursing(tree: Path) -> None:
    """--show on conjuncts nested thousands deep (connectives, and an arithmetic atom) prints
    "(too deep to show)" for those and the others as usual; the certificate holds."""
    cert = _cell(tree, "test_and_set", "deadlock")
    n = 3000
    deep_not = "(not " * n + "true" + ")" * n
    deep_add = "(bvule " + "(bvadd in_critical " * n + "in_critical" + ")" * n + " #b11)"
    cert.write_text(_with_assertion(cert.read_text(), "(and {inv} " + deep_not + " " + deep_add + ")"))
    out = StringIO()
    total, failed = check_files([str(cert)], out, show=True, jobs=1)
    assert (total, failed) == (1, 0), out.getvalue()
    shown = out.getvalue().splitlines()
    assert "          (too deep to show)" in shown and any("busy" in ln for ln in shown), shown


def _dying_group(paths: list[Path], timeout: float = 600.0, show: bool = False) -> list[K.Checked]:
    """check_group, except that a worker process given test_then_set's deadlock certificate dies."""
    if any(p.parent.name == "test_then_set" and p.name == "deadlock.smt2" for p in paths):
        if multiprocessing.parent_process() is None:
            raise AssertionError("meant for a worker process only")
        os._exit(3)
    return K.check_group(paths, timeout, show)


def test_an_unexpected_error_fails_only_its_certificate(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception in checking one certificate makes it INVALID (internal error), in this process
    and when a worker process dies; the others are checked and the run ends normally."""

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    original = K.check_invariant
    monkeypatch.setattr(
        K, "check_invariant", lambda ts, prop, *a: boom() if prop == "double_lock" else original(ts, prop, *a)
    )
    out = StringIO()
    cells = tree / "proofs" / "flag_mutex" / "test_and_set"
    assert check_files([str(cells)], out, jobs=1) == (len(list(cells.glob("*.smt2"))), 1)
    bad = [ln for ln in out.getvalue().splitlines() if not ln.startswith("ok")]
    assert len(bad) == 1 and bad[0].endswith("double_lock.smt2: internal error while checking: RuntimeError: boom")
    monkeypatch.undo()

    dying = _cell(tree, "test_then_set", "deadlock")
    dying.write_text(_with_header(dying.read_text(), k=2))  # a group of its own
    monkeypatch.setattr(K, "check_group", _dying_group)
    out = StringIO()
    every = len(list((tree / "proofs" / "flag_mutex").rglob("*.smt2")))
    assert check_files([str(tree / "proofs" / "flag_mutex")], out, jobs=2) == (every, 1), out.getvalue()
    bad = [ln for ln in out.getvalue().splitlines() if not ln.startswith("ok")]
    assert len(bad) == 1 and "test_then_set/deadlock.smt2: internal error while checking: BrokenProcessPool" in bad[0]


def test_one_line_per_file_whatever_its_name(tree: Path) -> None:
    """A file name with a line break in it is printed on one line, escaped."""
    odd = tree / "proofs" / "flag_mutex" / "test_and_set" / "a\nb.smt2"
    shutil.copy(_cell(tree, "test_and_set", "deadlock"), odd)
    out = StringIO()
    total, failed = check_files([str(odd)], out, jobs=1)
    assert (total, failed) == (1, 1)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and "a\\nb.smt2: place:" in lines[0], lines

"""Certificates are re-checked on their own: a sound one passes, a corrupted one is rejected with the
failing check named (weakened invariant: step or property; an invariant that excludes the initial
state: base; an edited spec: stale), and check-proof's exit status says so."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import z3
from click.testing import CliRunner
from support import SPEC_DIR, prelude_parsed_once

from verifier.cli import main
from verifier.engines.kind import kinduction
from verifier.engines.symbolic import reachable_set, symbolic_reach, to_z3
from verifier.engines.work import Meter
from verifier.ir.lower import lower
from verifier.pipeline import check_spec
from verifier.proof.certificate import Invariant, invariant_smt2
from verifier.proof.check import check_file, check_files, write_certificate
from verifier.result import Proved
from verifier.smt.encode import Encoding
from verifier.symbolic.encode import SymbolicSystem


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def _workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> str:
    """A copy of the bundled spec `name` at tmp_path/spec/, the working directory tmp_path: a
    certificate written under proofs/ names its spec as spec/<name>, relative to tmp_path, the
    directory above its proof directory (what check-proof resolves it against)."""
    (tmp_path / "spec").mkdir(exist_ok=True)
    shutil.copy(SPEC_DIR / name, tmp_path / "spec" / name)
    monkeypatch.chdir(tmp_path)
    return f"spec/{name}"


@pytest.fixture()
def proved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """flag_mutex.irq copied to tmp_path/spec, and the certificate of test_and_set /
    mutual_exclusion (k-induction) written under tmp_path/proofs."""
    spec = _workdir(tmp_path, monkeypatch, "flag_mutex.irq")
    ts = lower(check_spec(spec), "test_and_set")
    o = kinduction(ts, "mutual_exclusion", 20, Meter(60))
    assert isinstance(o, Proved) and isinstance(o.certificate, Invariant)
    cert = write_certificate("proofs", spec, "test_and_set", "mutual_exclusion", o.engine, o.certificate)
    return tmp_path / spec, tmp_path / cert


def _assertion(text: str) -> tuple[int, int]:
    start = text.index("(assert")
    return start, len(text.rstrip())


def test_sound_certificate_passes(proved: tuple[Path, Path]) -> None:
    _, cert = proved
    c = check_file(cert)
    assert c.ok, c.message


def test_weakened_invariant_is_rejected_at_the_step(proved: tuple[Path, Path]) -> None:
    _, cert = proved
    text = cert.read_text()
    # keep only the property itself (drop the k-induction's k and strengthening): k = 1
    text = re.sub(r'"k": \d+', '"k": 1', text)
    a, _ = _assertion(text)
    body = "(assert (bvule ((_ extract 1 1) in_critical) #b1))"  # true of every state: too weak
    cert.write_text(text[:a] + body + "\n")
    c = check_file(cert)
    assert not c.ok and c.check == "property", c


def test_invariant_without_strengthening_fails_the_step(proved: tuple[Path, Path]) -> None:
    _, cert = proved
    text = re.sub(r'"k": \d+', '"k": 1', cert.read_text())
    cert.write_text(text)
    c = check_file(cert)
    # mutual_exclusion is 4-inductive, not 1-inductive
    assert not c.ok and c.check == "step", c


def test_invariant_that_excludes_init_fails_the_base(proved: tuple[Path, Path]) -> None:
    _, cert = proved
    text = cert.read_text()
    a, _ = _assertion(text)
    cert.write_text(text[:a] + "(assert (= in_critical #b11))\n")
    c = check_file(cert)
    assert not c.ok and c.check == "base", c


def test_edited_spec_is_stale(proved: tuple[Path, Path]) -> None:
    spec, cert = proved
    spec.write_text(spec.read_text() + "\n// an edit\n")
    c = check_file(cert)
    assert not c.ok and c.check == "stale", c


def test_unknown_variable_is_rejected(proved: tuple[Path, Path]) -> None:
    _, cert = proved
    text = cert.read_text()
    a, _ = _assertion(text)
    cert.write_text(text[:a] + "(declare-fun ghost () Bool)\n(assert ghost)\n")
    c = check_file(cert)
    assert not c.ok and c.check == "format" and "ghost" in c.message, c


def test_check_proof_exit_status_names_the_failure(proved: tuple[Path, Path], tmp_path: Path) -> None:
    spec, cert = proved
    runner = CliRunner()
    ok = runner.invoke(main, ["check-proof", str(tmp_path / "proofs")])
    assert ok.exit_code == 0, ok.output
    assert "1 of 1 certificate holds" in ok.output
    shown = runner.invoke(main, ["check-proof", "--show", str(cert)])
    assert shown.exit_code == 0 and "in_critical" in shown.output
    spec.write_text(spec.read_text() + "\n")
    bad = runner.invoke(main, ["check-proof", str(tmp_path / "proofs")])
    assert bad.exit_code == 4 and "STALE" in bad.output and "stale" in bad.output
    missing = runner.invoke(main, ["check-proof", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2


def test_user_file_is_never_overwritten(proved: tuple[Path, Path]) -> None:
    spec, cert = proved
    cert.write_text("my notes\n")
    ts = lower(check_spec(str(spec)), "test_and_set")
    o = kinduction(ts, "mutual_exclusion", 20, Meter(60))
    assert isinstance(o, Proved)
    from verifier.proof.certificate import CertificateError

    with pytest.raises(CertificateError):
        write_certificate(str(cert.parents[2]), str(spec), "test_and_set", "mutual_exclusion", o.engine, o.certificate)
    assert cert.read_text() == "my notes\n"


def test_liveness_certificate_is_rechecked_on_its_k_liveness_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A leads-to proved by ranking is saved like any proof; check-proof rebuilds the k-liveness
    system from the spec, with the bound the header gives, and accepts the certificate; it rejects
    the invariant weakened to `true` at the property check, and the certificate as stale once the
    spec drops the fairness the proof needs."""
    from liveness.cases import SERVED

    monkeypatch.chdir(tmp_path)
    spec = tmp_path / "spec" / "served.irq"
    spec.parent.mkdir()
    spec.write_text(SERVED.replace("FAIRNESS", "fair"), encoding="utf-8")
    result = CliRunner().invoke(main, ["spec/served.irq", "-p", "served", "--save-proofs", "--proof-dir", "proofs"])
    cert = tmp_path / "proofs" / "served" / "default" / "served.smt2"
    assert cert.is_file(), result.output
    text = cert.read_text()
    rounds = re.search(r'"rounds": (\d+)', text)
    assert '"engine": "k-liveness+' in text and rounds is not None
    c = check_file(cert)
    assert c.ok, c.message
    a, _ = _assertion(text)
    cert.write_text(text[:a] + "(assert true)\n")
    c = check_file(cert)
    assert not c.ok and c.check == "property", c
    cert.write_text(text)
    spec.write_text(SERVED.replace("FAIRNESS", ""), encoding="utf-8")
    c = check_file(cert)
    assert not c.ok and c.check == "stale", c


def test_k_liveness_certificate_needs_its_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mutex resampler with one irqfd: eventual de-assertion has a ranking of G groups, so at
    most G - 1 rounds. Its certificate holds with that bound in the header and fails with one less
    (a state of group 0 may have completed G - 1 rounds, more than the system then allows)."""
    from verifier.engines.symrank import symbolic_rank

    path = _workdir(tmp_path, monkeypatch, "resampler_mutex.irq")
    ts = lower(check_spec(path, {"NFD": 1}), "merged")
    ranked = symbolic_rank(ts, "eventual_deassert", Meter(120))
    assert isinstance(ranked, Proved) and isinstance(ranked.certificate, Invariant), ranked
    bound = ranked.certificate.rounds
    assert bound is not None and bound > 0
    cert = write_certificate(
        "proofs", path, "merged", "eventual_deassert", ranked.engine, ranked.certificate, {"NFD": 1}, ts
    )
    c = check_file(cert)
    assert c.ok, c.message
    cert.write_text(cert.read_text().replace(f'"rounds": {bound}', f'"rounds": {bound - 1}'))
    c = check_file(cert)
    assert not c.ok and c.check in ("step", "property"), c


def test_liveness_certificate_is_rechecked_on_its_liveness_to_safety_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ranking read off the enumerated graph certifies the liveness-to-safety system (no bound in
    the header): check-proof rebuilds that system and accepts it, and rejects it weakened."""
    from liveness.cases import SERVED

    from verifier.engines.rank import rank_liveness

    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "served.irq").write_text(SERVED.replace("FAIRNESS", "fair"), encoding="utf-8")
    ts = lower(check_spec("spec/served.irq"), "default")
    ranked = rank_liveness(ts, "served", Meter(60))
    assert isinstance(ranked, Proved), ranked
    cert = write_certificate("proofs", "spec/served.irq", "default", "served", "l2s+ranking", ranked.certificate)
    text = cert.read_text()
    assert '"rounds"' not in text
    c = check_file(cert)
    assert c.ok, c.message
    a, _ = _assertion(text)
    cert.write_text(text[:a] + "(assert true)\n")
    c = check_file(cert)
    assert not c.ok and c.check == "property", c


def test_certificates_sharing_an_invariant_are_each_checked_against_their_property(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One reachable set certifies several properties; check-proof checks its base and step once,
    but each file's property on its own: the same text filed under a violated property fails."""
    spec = _workdir(tmp_path, monkeypatch, "flag_mutex.irq")
    ts = lower(check_spec(spec), "test_then_set")
    o = symbolic_reach(ts, ["deadlock", "mutual_exclusion"], Meter(60))
    proved_ = o["deadlock"]
    assert isinstance(proved_, Proved) and isinstance(proved_.certificate, Invariant)
    assert not isinstance(o["mutual_exclusion"], Proved)  # test_then_set violates it
    root = "proofs"
    for prop in ("deadlock", "mutual_exclusion", "use_after_free"):
        write_certificate(root, spec, "test_then_set", prop, "symbolic", proved_.certificate)
    out = StringIO()
    total, failed = check_files([root], out, jobs=1)
    lines = out.getvalue().splitlines()
    assert (total, failed) == (3, 1), lines
    bad = [ln for ln in lines if ln.startswith("INVALID")]
    assert len(bad) == 1 and "mutual_exclusion.smt2: property" in bad[0], lines


def test_symbolic_certificate_with_a_hole_fails_its_bdd_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A diagram certificate (step checked with BDDs) that leaves out one reachable state."""
    spec = _workdir(tmp_path, monkeypatch, "flag_mutex.irq")
    ts = lower(check_spec(spec), "test_and_set")
    sy = SymbolicSystem(ts, meter=Meter(60))
    reach, _ = reachable_set(sy)
    enc = Encoding(ts, "bv")
    one = sy.bdd.pick(reach & ~sy.init())
    assert one is not None
    hole = sy.bdd.cube(one)
    body = z3.And(*enc.domain(enc.cur), to_z3(sy, reach & ~hole, enc))
    inv = Invariant(invariant_smt2(enc, body, enc.cur), 1, "bv", step="bdd")
    cert = write_certificate("proofs", spec, "test_and_set", "deadlock", "symbolic", inv)
    assert '"step": "bdd"' in cert.read_text()
    c = check_file(cert)
    assert not c.ok and c.check == "step" and "not 1-inductive" in c.message, c

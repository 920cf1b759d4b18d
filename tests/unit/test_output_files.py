"""The files a run writes (--trace-dir, --proof-dir) stay inside the directory given: no symbolic link
below it is followed, a file the tool did not write is left alone with a message, each file is
replaced atomically, and a directory that cannot be used is a usage error before any verification."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import SPEC_DIR, CliResult, run_cli

NAME = "flag_mutex.test_then_set.mutual_exclusion"  # the one counterexample of the run below
ITF, TXT = f"{NAME}.itf.json", f"{NAME}.txt"
LEFT_ALONE = "exists and was not written by irqverify: left alone"


def traces(out: Path, *extra: str) -> CliResult:
    """flag_mutex's counterexample (test_then_set violates mutual_exclusion) written to `out`."""
    spec = str(SPEC_DIR / "flag_mutex.irq")
    selection = ["-V", "test_then_set", "-p", "mutual_exclusion"]
    return run_cli(spec, "-q", "--max-states", "1000", *selection, "--trace-dir", str(out), *extra)


def proofs(spec: Path, *args: str) -> CliResult:
    """The certificate of flag_mutex / test_and_set / deadlock, saved as `args` say."""
    return run_cli(str(spec), "-q", "--max-states", "1000", "-V", "test_and_set", "-p", "deadlock", *args)


def repository(tmp_path: Path) -> Path:
    """A directory holding spec/flag_mutex.irq, like a checkout of a project's specs."""
    repo = tmp_path / "repo"
    (repo / "spec").mkdir(parents=True)
    shutil.copy(SPEC_DIR / "flag_mutex.irq", repo / "spec" / "flag_mutex.irq")
    return repo


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


# ---- traces -----------------------------------------------------------------------------------------


def test_a_link_inside_the_trace_dir_to_a_file_outside_is_not_written_through(tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside.txt"
    out.mkdir()
    outside.write_text("the user's file\n")
    (out / ITF).symlink_to(outside)
    result = traces(out)
    assert result.exit_code == 0, result.stderr
    assert outside.read_text() == "the user's file\n"
    assert (out / ITF).is_symlink() and os.readlink(out / ITF) == str(outside)
    assert f"irqverify: {out / ITF} is a symbolic link: left alone" in result.stderr.splitlines()
    assert (out / TXT).is_file() and not (out / TXT).is_symlink()  # the other file of the trace is written
    assert "Traceback" not in result.stderr


def test_a_dangling_link_named_like_a_trace_file_does_not_create_its_target(tmp_path: Path) -> None:
    out, target = tmp_path / "out", tmp_path / "elsewhere" / "created.txt"
    out.mkdir()
    target.parent.mkdir()
    (out / TXT).symlink_to(target)
    result = traces(out)
    assert result.exit_code == 0, result.stderr
    assert not target.exists() and list(target.parent.iterdir()) == []
    assert (out / TXT).is_symlink()
    assert f"irqverify: {out / TXT} is a symbolic link: left alone" in result.stderr.splitlines()
    assert json.loads((out / ITF).read_text())["#meta"]["property"] == "mutual_exclusion"


def test_a_symlinked_trace_dir_given_by_the_user_is_used(tmp_path: Path) -> None:
    """The directory named on the command line is the user's to resolve: a link to a directory is
    followed (only there); the files land in the directory it points to."""
    real, link = tmp_path / "real", tmp_path / "link"
    real.mkdir()
    link.symlink_to(real, target_is_directory=True)
    (real / TXT).write_text("my notes on this trace\n")
    result = traces(link)
    assert result.exit_code == 0, result.stderr
    assert json.loads((real / ITF).read_text())["#meta"]["variant"] == "test_then_set"
    assert (real / TXT).read_text() == "my notes on this trace\n"
    assert f"irqverify: {link / TXT} {LEFT_ALONE}" in result.stderr.splitlines()


@pytest.mark.parametrize(
    "content",
    [
        "my notes\n",
        "",
        # ITF written by another tool
        json.dumps({"#meta": {"format": "ITF", "generator": "apalache"}, "vars": [], "states": []}),
        # the tool's name elsewhere than as the generator of the top-level #meta
        json.dumps({"vars": [], "states": [{"#meta": {"format": "ITF", "generator": "irqverify 0.1.0"}}]}),
    ],
)
def test_a_users_file_named_like_a_trace_is_left_alone(tmp_path: Path, content: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ITF).write_text(content)
    result = traces(out)
    assert result.exit_code == 0, result.stderr
    assert (out / ITF).read_text() == content
    assert f"irqverify: {out / ITF} {LEFT_ALONE}" in result.stderr.splitlines()
    assert "mutual_exclusion violated" in (out / TXT).read_text()


def test_a_rerun_replaces_the_tools_own_files_and_only_those(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = traces(out)
    assert first.exit_code == 0 and first.stderr == "", first.stderr
    itf_text, txt_text = (out / ITF).read_text(), (out / TXT).read_text()
    assert "mutual_exclusion violated" in txt_text
    # the tool's own file, edited: still the tool's, so rewritten
    doc = json.loads(itf_text)
    doc["#meta"]["description"] = "edited"
    (out / ITF).write_text(json.dumps(doc, indent=2))
    # the user's notes where the text trace was: left alone
    (out / TXT).unlink()
    (out / TXT).write_text("my notes\n")
    second = traces(out)
    assert second.exit_code == 0, second.stderr
    assert (out / ITF).read_text() == itf_text
    assert (out / TXT).read_text() == "my notes\n"
    assert second.stderr.splitlines() == [f"irqverify: {out / TXT} {LEFT_ALONE}"]
    (out / TXT).unlink()
    third = traces(out)
    assert third.stderr == "" and (out / TXT).read_text() == txt_text and (out / ITF).read_text() == itf_text
    assert leftovers(out) == []


def test_a_failed_replace_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert traces(out).exit_code == 0
    doc = json.loads((out / ITF).read_text())
    doc["#meta"]["description"] = "from an earlier run"
    earlier = json.dumps(doc, indent=2)
    (out / ITF).write_text(earlier)

    def failing_replace(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = traces(out)
    monkeypatch.undo()
    assert result.exit_code == 0, result.stderr
    assert (out / ITF).read_text() == earlier
    assert f"irqverify: {out / ITF}: cannot write: No space left on device" in result.stderr.splitlines()
    assert leftovers(out) == []


# ---- directories that cannot be used: a usage error before any verification ------------------------


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A separate process, so a hang fails the test (timeout) instead of holding up the suite."""
    command = [sys.executable, "-m", "verifier", str(SPEC_DIR / "flag_mutex.irq"), "-q", "--max-states", "1000"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("option", [["--trace-dir"], ["--save-proofs", "--proof-dir"], ["--proof-dir"]])
@pytest.mark.parametrize("where", ["file/sub", "/proc/irqverify-test"])
def test_an_output_dir_that_cannot_be_created_exits_2_at_start_up(
    tmp_path: Path, option: list[str], where: str
) -> None:
    (tmp_path / "file").write_text("a regular file\n")
    done = _run([*option, where], tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""  # nothing was verified
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"irqverify: cannot use {option[-1]} '{where}': "), lines
    assert (tmp_path / "file").read_text() == "a regular file\n"


def test_the_default_proof_dir_that_is_a_file_exits_2_at_start_up(tmp_path: Path) -> None:
    (tmp_path / "proofs").write_text("not a directory\n")
    done = _run(["--save-proofs"], tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "irqverify: cannot use --proof-dir 'proofs': it exists and is not a directory\n"


def test_a_trace_dir_that_is_a_dangling_link_is_not_created(tmp_path: Path) -> None:
    (tmp_path / "out").symlink_to(tmp_path / "missing")
    done = _run(["--trace-dir", "out"], tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "irqverify: cannot use --trace-dir 'out': it is a symbolic link to nothing\n"
    assert not (tmp_path / "missing").exists()


# ---- certificates -----------------------------------------------------------------------------------


def test_a_link_below_the_proof_dir_is_not_followed(tmp_path: Path) -> None:
    """The proof directory may itself be a link the user made; a link below it (here the spec's
    folder) is refused, and nothing is written where it points."""
    repo = repository(tmp_path)
    real, outside = tmp_path / "real-proofs", tmp_path / "outside"
    real.mkdir()
    outside.mkdir()
    (repo / "proofs").symlink_to(real, target_is_directory=True)
    (real / "flag_mutex").symlink_to(outside, target_is_directory=True)
    result = proofs(repo / "spec" / "flag_mutex.irq", "--proof-dir", str(repo / "proofs"))
    assert result.exit_code == 0, result.stderr
    assert list(outside.iterdir()) == []
    assert f"irqverify: {repo / 'proofs' / 'flag_mutex'} is a symbolic link: left alone" in result.stderr
    (real / "flag_mutex").unlink()
    again = proofs(repo / "spec" / "flag_mutex.irq", "--proof-dir", str(repo / "proofs"))
    assert again.exit_code == 0 and (real / "flag_mutex" / "test_and_set" / "deadlock.smt2").is_file(), again.stderr


def test_a_link_named_like_a_certificate_is_left_alone(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    cert = repo / "proofs" / "flag_mutex" / "test_and_set" / "deadlock.smt2"
    cert.parent.mkdir(parents=True)
    victim = tmp_path / "victim.smt2"
    victim.write_text("; irqverify certificate\n; a certificate elsewhere\n")
    cert.symlink_to(victim)
    result = proofs(repo / "spec" / "flag_mutex.irq", "--proof-dir", str(repo / "proofs"))
    assert result.exit_code == 0, result.stderr
    assert victim.read_text() == "; irqverify certificate\n; a certificate elsewhere\n"
    assert cert.is_symlink()
    assert f"irqverify: {cert} is a symbolic link: left alone" in result.stderr.splitlines()


def test_the_certificate_names_its_spec_from_the_proof_dirs_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved from the repository (default proofs/) or from anywhere else (an absolute --proof-dir and
    spec), the header names the spec the same way: relative to the directory holding proofs/."""
    repo = repository(tmp_path)
    cert = repo / "proofs" / "flag_mutex" / "test_and_set" / "deadlock.smt2"
    monkeypatch.chdir(repo)
    assert proofs(Path("spec/flag_mutex.irq"), "--save-proofs").exit_code == 0
    from_repo = cert.read_text()
    cert.unlink()
    monkeypatch.chdir(tmp_path)
    result = proofs(repo / "spec" / "flag_mutex.irq", "--proof-dir", str(repo / "proofs"))
    assert result.exit_code == 0, result.stderr
    assert cert.read_text() == from_repo
    assert json.loads(from_repo.splitlines()[1][2:])["spec"] == "spec/flag_mutex.irq"


# ---- the writer itself ------------------------------------------------------------------------------


def test_paths_that_leave_the_root_are_refused(tmp_path: Path) -> None:
    from verifier.output import OutputDir, OutputError

    root = tmp_path / "root"
    out = OutputDir(root)
    out.create()
    for bad in ["../escaped.txt", str(tmp_path / "absolute.txt"), "a/../../escaped.txt", ""]:
        with pytest.raises(OutputError, match="not a path inside the output directory"):
            out.write(bad, "text\n", lambda _: True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["root"]
    assert out.write("a/b/c.txt", "text\n", lambda _: True) == root / "a" / "b" / "c.txt"
    assert (root / "a" / "b" / "c.txt").read_text() == "text\n"


def test_a_refused_or_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier.output import OutputDir, OutputError

    out = OutputDir(tmp_path)
    target = tmp_path / "f.txt"
    target.write_text("old\n")
    target.chmod(0o640)
    with pytest.raises(OutputError, match=f"{target} exists and was not written by irqverify: left alone"):
        out.write("f.txt", "new\n", lambda _: False)
    assert target.read_text() == "old\n"

    def failing_replace(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", failing_replace)
        with pytest.raises(OutputError, match="cannot write: Input/output error"):
            out.write("f.txt", "new\n", lambda _: True)
    assert target.read_text() == "old\n" and leftovers(tmp_path) == []
    out.write("f.txt", "new\n", lambda p: p.read_text() == "old\n")
    assert target.read_text() == "new\n" and (target.stat().st_mode & 0o777) == 0o640
    (tmp_path / "d.txt").mkdir()
    with pytest.raises(OutputError, match="is not a regular file: left alone"):
        out.write("d.txt", "new\n", lambda _: True)


def test_the_tools_trace_files_are_recognized_by_their_marks(tmp_path: Path) -> None:
    from verifier.output import TEXT_MARK, is_itf_trace, is_trace_text

    out = tmp_path / "out"
    assert traces(out).exit_code == 0
    assert is_itf_trace(out / ITF) and not is_trace_text(out / ITF)
    assert is_trace_text(out / TXT) and not is_itf_trace(out / TXT)
    assert (out / TXT).read_text().splitlines()[0] == TEXT_MARK
    json.loads((out / ITF).read_text())  # the mark does not spoil the JSON
    (out / "other.txt").write_text(TEXT_MARK + " and more\n")
    assert not is_trace_text(out / "other.txt") and not is_trace_text(out / "missing.txt")

"""Runs end cleanly: a memory budget, SIGINT and SIGTERM, one spec's internal error kept to that
spec, and engines out of time or work giving no result rather than a partial one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, run_cli

from verifier import pipeline
from verifier.engines import work
from verifier.engines.bmc import bmc
from verifier.engines.exact import exact_strengthen
from verifier.engines.kind import kinduction
from verifier.engines.liveness import ReachableGraph, default_prover, lasso_bmc
from verifier.engines.localize import localize
from verifier.engines.pdr import pdr
from verifier.engines.portfolio import Budget, decide, mark_timed_out
from verifier.engines.prove import prove
from verifier.engines.rank import _product, rank_liveness
from verifier.engines.strengthen import strengthen
from verifier.engines.symbolic import symbolic_reach
from verifier.engines.symrank import symbolic_rank
from verifier.engines.work import STATES_PER_UNIT, Guard, Meter
from verifier.ir.l2s import is_liveness, obligation, temporal
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.pipeline import InternalError, Request, SpecResult, check_spec, safety_properties, verify
from verifier.result import Bounded, Outcome, Proved, Unknown, Violated

SPEC = ROOT / "spec"
LONG = str(SPEC / "oadn_irqlock.irq")  # minutes with the default budgets: always cut short here
HANG = 30  # seconds: a run that takes longer than this to end after its signal hangs


@pytest.fixture
def interrupted() -> Iterator[None]:
    """The process-wide interrupt, as SIGINT sets it, for the length of a test."""
    work.interrupt()
    try:
        yield
    finally:
        work.clear_interrupt()


def _irqverify(*args: str) -> list[str]:
    return [sys.executable, "-m", "verifier", *args]


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(entry))
    return out


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _running(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start(*args: str) -> subprocess.Popen[str]:
    """`irqverify ARGS` in a session of its own (so a signal to its group is a terminal's Ctrl-C),
    with SIGINT handled as a foreground program gets it."""
    return subprocess.Popen(
        _irqverify(*args),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for_workers(proc: subprocess.Popen[str], count: int, seconds: float = 15.0) -> list[int]:
    """The children of `proc` once `count` worker processes run (or `seconds` have passed)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        workers = [k for k in _children(proc.pid) if b"spawn_main" in _cmdline(k)]
        if len(workers) >= count:
            time.sleep(2.0)  # well into the search
            return _children(proc.pid)
        time.sleep(0.1)
    return _children(proc.pid)


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"the run did not end within {HANG}s of the signal")
    return proc.returncode, out, err


# ---- the guard -----------------------------------------------------------------------------------


def test_a_guard_says_which_limit_fired() -> None:
    assert Guard().cause() is None and not Guard().expired()
    late = Guard.after(0.0)
    assert late.expired() and late.cause() == work.TIMEOUT and late.describe() == "timeout after 0s"
    full = Guard(memory=1)  # any process is larger than one byte
    assert full.expired() and full.cause() == work.MEMORY
    assert full.describe().startswith("memory budget (0 MiB) reached after ")
    roomy = Guard(memory=1 << 50)
    assert not roomy.expired() and roomy.cause() is None


def test_an_interrupt_fires_every_guard_until_cleared(interrupted: None) -> None:
    guards = [Guard(), Guard.after(3600.0), Guard(memory=1 << 50), work.NO_GUARD]
    assert all(g.expired() and g.cause() == work.INTERRUPTED and g.describe() == "interrupted" for g in guards)
    assert Meter(100.0).out()
    work.clear_interrupt()
    assert not any(g.expired() for g in guards)


def test_a_guard_keeps_the_limit_that_fired_first() -> None:
    g = Guard(memory=1)
    assert g.cause() == work.MEMORY
    work.interrupt()
    try:
        assert g.cause() == work.MEMORY
    finally:
        work.clear_interrupt()


def _cells() -> dict[str, tuple[Outcome, float, str]]:
    """A variant's outcomes when the guard fires: settled, open, cut short, proved."""
    return {
        "settled": (Bounded(9, "all 120 reachable states"), 1.0, "explicit"),
        "open": (Bounded(4, "state budget of 10 states spent, every state up to depth 4"), 1.0, "explicit"),
        "cut": (Unknown("timeout in the random walks", 4), 1.0, "simulation"),
        "proved": (Proved("k-induction", None, "k=1"), 1.0, "k-induction"),
    }


def test_open_cells_say_the_memory_budget() -> None:
    out = _cells()
    mark_timed_out(out, Budget(timeout=60.0), Guard(memory=5 * work.MIB))
    assert out["settled"][0] == Bounded(9, "all 120 reachable states")
    assert isinstance(out["proved"][0], Proved)
    open_, cut = out["open"][0], out["cut"][0]
    assert isinstance(open_, Unknown) and isinstance(cut, Unknown)
    assert open_.reason.startswith("memory budget (5 MiB) reached after ")
    assert open_.reason.endswith("(state budget of 10 states spent, every state up to depth 4)")
    assert open_.depth == 4
    assert cut.reason.startswith("memory budget (5 MiB) reached after ") and "timeout" not in cut.reason
    again = dict(out)
    mark_timed_out(again, Budget(timeout=60.0), Guard(memory=5 * work.MIB))
    assert again["open"][0].reason.count("memory budget") == 1  # type: ignore[union-attr]


def test_open_cells_say_the_interrupt(interrupted: None) -> None:
    out = _cells()
    mark_timed_out(out, Budget(timeout=60.0), Guard())
    assert out["settled"][0] == Bounded(9, "all 120 reachable states")
    assert out["open"][0].reason.startswith("interrupted (state budget")  # type: ignore[union-attr]
    assert out["cut"][0].reason == "interrupted"  # type: ignore[union-attr]


# ---- the memory budget ----------------------------------------------------------------------------


def _resident_after_loading(spec: str, *sets: str) -> int:
    """What a run's process holds before its search: the tool loaded and the spec checked."""
    overrides = dict(s.split("=") for s in sets)
    code = (
        "import verifier.cli\nfrom verifier.engines.work import resident_bytes\n"
        "from verifier.pipeline import check_spec\n"
        f"check_spec({spec!r}, {{k: int(v) for k, v in {overrides!r}.items()}})\nprint(resident_bytes())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def test_a_search_larger_than_the_memory_budget_ends_unknown() -> None:
    """A budget a little above what the process holds before searching: the resampler with three
    irqfds has far more states than fit, so every cell it does not settle is UNKNOWN (memory)."""
    spec = str(SPEC / "resampler_mutex.irq")
    budget = _resident_after_loading(spec, "NFD=3") // work.MIB + 40
    args = (spec, "--set", "NFD=3", "-V", "merged", "-j", "1", "--max-memory", f"{budget}M", "--format", "json")
    done = subprocess.run(_irqverify(*args), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 6, (done.returncode, done.stderr)
    cells = [c for s in json.loads(done.stdout)["specs"] for c in s["cells"]]
    assert cells
    for c in cells:
        settled = c["verdict"] == "violated" or c.get("detail", "").startswith("all ")
        if not settled:
            assert c["verdict"] == "unknown", c
            assert c["detail"].startswith(f"memory budget ({budget} MiB) reached after "), c
    assert any(c["verdict"] == "unknown" for c in cells)


def test_running_out_of_memory_in_a_variant_leaves_its_cells_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.irq"
    path.write_text("var x: 0..3;\nthread t { x = 1; }\ninvariant small: x <= 2;\n", encoding="utf-8")

    def exhausted(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(pipeline, "decide", exhausted)
    (result,) = verify([str(path)], {}, Request(jobs=1, max_memory=300 * work.MIB))
    assert isinstance(result, SpecResult) and result.cells and not result.errors
    for c in result.cells:
        assert c.verdict == "unknown" and c.detail.startswith("memory budget (300 MiB) reached after "), c
    cli = run_cli(str(path), "-j", "1", "--max-memory", "300M")
    assert cli.exit_code == 6 and "Traceback" not in cli.stdout + cli.stderr
    assert "UNKNOWN (memory)" in cli.stdout


@pytest.mark.parametrize("size", ["lots", "-3", "0.5", "12B", "1e9"])
def test_a_memory_size_that_is_not_one_is_a_usage_error(size: str) -> None:
    result = run_cli(str(SPEC / "flag_mutex.irq"), "--max-memory", size)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "Invalid value for '--max-memory'" in result.stderr and size in result.stderr


# ---- signals ---------------------------------------------------------------------------------------


def test_sigterm_ends_the_run_and_its_workers() -> None:
    proc = _start(LONG, "-j", "2", "-q")
    kids = _wait_for_workers(proc, 2)
    assert kids, "no worker process started"
    proc.send_signal(signal.SIGTERM)
    status, out, err = _finish(proc)
    assert status == 143, (status, err)
    assert "Traceback" not in err, err
    end = time.monotonic() + 10.0
    while time.monotonic() < end and any(_running(k) for k in kids):
        time.sleep(0.1)
    assert not [k for k in kids if _running(k)], "worker processes outlived the run"
    assert "UNKNOWN (interrupted)" in out
    assert "run interrupted (SIGTERM)" in err


def test_ctrl_c_in_process_ends_promptly_with_the_matrix() -> None:
    proc = _start(LONG, "-j", "1", "-q")
    time.sleep(5.0)  # into the first variant's search
    os.killpg(proc.pid, signal.SIGINT)
    status, out, err = _finish(proc)
    assert status == 130, (status, err)
    assert "Traceback" not in out + err, err
    assert "property" in out and "UNKNOWN (interrupted)" in out
    assert "run interrupted (SIGINT)" in err


def test_ctrl_c_with_workers_prints_the_json_so_far_and_no_traceback(tmp_path: Path) -> None:
    proofs = tmp_path / "proofs"
    proc = _start(LONG, "-j", "2", "--format", "json", "--proof-dir", str(proofs))
    kids = _wait_for_workers(proc, 2)
    os.killpg(proc.pid, signal.SIGINT)  # the whole group, as a terminal's Ctrl-C
    status, out, err = _finish(proc)
    assert status == 130, (status, err)
    assert "Traceback" not in out + err, err
    cells = [c for s in json.loads(out)["specs"] for c in s["cells"]]
    spec = check_spec(LONG)
    assert {(c["variant"], c["property"]) for c in cells} == {
        (v.name, p) for v in spec.variants for p, _ in safety_properties(spec)
    }
    for c in cells:
        if c["verdict"] == "unknown":
            assert c["detail"].startswith("interrupted"), c
    assert "certificates were written for the settled cells only" in err
    written = list(proofs.rglob("*")) if proofs.exists() else []
    proved = [c for c in cells if c["verdict"] == "proved"]
    assert len([w for w in written if w.is_file()]) <= len(proved)
    end = time.monotonic() + 10.0
    while time.monotonic() < end and any(_running(k) for k in kids):
        time.sleep(0.1)
    assert not [k for k in kids if _running(k)]


# ---- one spec's internal error ----------------------------------------------------------------------

BROKEN = "var boom: bool;\nthread t { boom = true; }\ninvariant calm: !boom;\n"
FINE = "var x: 0..3;\nthread t { x = 1; }\ninvariant small: x <= 2;\n"


def _break_specs_with_boom(monkeypatch: pytest.MonkeyPatch, error: type[Exception]) -> None:
    """`decide` fails for a system with a variable `boom`, as an engine bug would."""
    real = pipeline.decide

    def decide(ts: TransitionSystem, *args: Any, **kwargs: Any) -> Any:
        if any(v.name == "boom" for v in ts.vars):
            raise error("an engine bug")
        return real(ts, *args, **kwargs)

    monkeypatch.setattr(pipeline, "decide", decide)


@pytest.mark.parametrize("error", [KeyError, InternalError])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_an_internal_error_in_one_spec_leaves_the_others_their_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[Exception], fmt: str
) -> None:
    broken, fine = tmp_path / "broken.irq", tmp_path / "fine.irq"
    broken.write_text(BROKEN, encoding="utf-8")
    fine.write_text(FINE, encoding="utf-8")
    _break_specs_with_boom(monkeypatch, error)
    result = run_cli(str(broken), str(fine), "-j", "1", "--format", fmt)
    assert result.exit_code == 70
    assert "Traceback" not in result.stdout + result.stderr
    (line,) = [x for x in result.stderr.splitlines() if "internal error" in x]
    assert str(broken) in line and "[default]" in line and "an engine bug" in line
    if error is KeyError:
        assert "KeyError" in line and "test_runs.py" in line  # where it was raised
    alone = run_cli(str(fine), "-j", "1", "--format", fmt)
    assert alone.exit_code == 0
    if fmt == "json":
        cells = [{**c, "seconds": 0} for s in json.loads(result.stdout)["specs"] for c in s["cells"]]
        assert cells == [{**c, "seconds": 0} for s in json.loads(alone.stdout)["specs"] for c in s["cells"]]
        assert {c["spec"] for c in cells} == {str(fine)}
    else:
        assert str(fine) in result.stdout and str(broken) not in result.stdout
        assert "small" in result.stdout


def test_an_outcome_that_cannot_be_shown_is_that_variants_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while the cells are built (a counterexample that does not replay) costs only the
    variant it happened in."""
    broken, fine = tmp_path / "broken.irq", tmp_path / "fine.irq"
    broken.write_text(BROKEN, encoding="utf-8")
    fine.write_text(FINE, encoding="utf-8")
    real = pipeline._cell

    def cell(path: str, *args: Any) -> Any:
        if path == str(broken):
            raise InternalError("counterexample does not replay")
        return real(path, *args)

    monkeypatch.setattr(pipeline, "_cell", cell)
    broken_result, fine_result = verify([str(broken), str(fine)], {}, Request(jobs=1))
    assert isinstance(broken_result, SpecResult) and isinstance(fine_result, SpecResult)
    assert broken_result.cells == () and broken_result.errors == ("[default] counterexample does not replay",)
    assert fine_result.cells and fine_result.errors == ()


def test_a_worker_reports_an_unexpected_exception_as_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a worker process sends back: an InternalError saying what and where, which pickles."""
    _break_specs_with_boom(monkeypatch, KeyError)
    import pickle

    path = str(Path(__file__).parent / "boom.irq")
    monkeypatch.setattr(pipeline, "check_spec", lambda p, o=None, text=None: check_spec(p, o, BROKEN))
    with pytest.raises(InternalError) as info:
        pipeline._decide_variant(path, {}, "default", ["calm"], Budget(), None)
    message = str(pickle.loads(pickle.dumps(info.value)))
    assert message.startswith("KeyError: 'an engine bug' (at ") and "test_runs.py" in message


# ---- engines out of time or work -------------------------------------------------------------------


def _system(name: str, variant: str, **sets: int) -> tuple[TransitionSystem, list[str], list[str]]:
    spec = check_spec(str(SPEC / name), sets)
    ts = lower(spec, variant)
    props = [p for p, _ in safety_properties(spec)]
    live = [p for p in props if is_liveness(ts, p)]
    return ts, [p for p in props if p not in live], live


SYSTEMS = [("flag_mutex.irq", "test_and_set", {}), ("resampler_mutex.irq", "merged", {"NFD": 1})]


def _expired() -> Meter:
    return Meter(50.0, Guard(time.monotonic() - 1.0))


def _no_work() -> Meter:
    return Meter(0.0)


def _entry_points(
    ts: TransitionSystem, safe: list[str], live: list[str], meter: Callable[[], Meter]
) -> Iterator[tuple[str, Callable[[], object], list[str] | None]]:
    """(name, call, the properties a dict answer must cover; None for a single outcome)."""
    p = safe[0]
    yield "k-induction", lambda: kinduction(ts, p, 12, meter()), None
    yield "pdr", lambda: pdr(ts, p, meter()), None
    yield "localization", lambda: localize(ts, p, meter()), None
    yield "bmc", lambda: bmc(ts, p, 8, meter()), None
    yield "strengthening", lambda: strengthen(ts, safe, meter()), safe
    yield "exact strengthening", lambda: exact_strengthen(ts, safe, meter()), safe
    yield (
        "exact strengthening, extra",
        lambda: exact_strengthen(ts, safe[:1], meter(), extra=lambda enc: {"?extra": enc.bad(p, enc.cur)}),
        [safe[0], "?extra"],
    )
    yield "symbolic reachability", lambda: symbolic_reach(ts, safe, meter()), safe
    for q in live:
        yield "symbolic ranking", lambda q=q: symbolic_rank(ts, q, meter()), None
        yield "ranking", lambda q=q: rank_liveness(ts, q, meter()), None
        yield "liveness prover", lambda q=q: default_prover()(ts, q, meter()), None
        yield "lasso bmc", lambda q=q: lasso_bmc(ts, q, 5, meter()), None


@pytest.mark.parametrize(("name", "variant", "sets"), SYSTEMS)
@pytest.mark.parametrize("meter", [_expired, _no_work], ids=["expired guard", "no work"])
def test_every_proof_engine_out_of_time_or_work_gives_no_result(
    name: str, variant: str, sets: dict[str, int], meter: Callable[[], Meter]
) -> None:
    ts, safe, live = _system(name, variant, **sets)
    for engine, call, covers in _entry_points(ts, safe, live, meter):
        answer = call()
        if covers is None:
            assert isinstance(answer, Unknown), (engine, answer)
        else:
            assert isinstance(answer, dict) and set(answer) == set(covers), (engine, answer)
            assert all(isinstance(o, Unknown) for o in answer.values()), (engine, answer)


@pytest.mark.parametrize(("name", "variant", "sets"), SYSTEMS)
def test_the_proof_portfolio_out_of_time_answers_every_property(name: str, variant: str, sets: dict[str, int]) -> None:
    ts, safe, _ = _system(name, variant, **sets)
    answer = prove(ts, safe, _expired())
    assert set(answer) == set(safe)
    assert all(isinstance(o, Unknown) and o.reason.startswith("timeout") for o, _, _ in answer.values())
    # with no work, only the unmetered look at a small system's reachable states may settle one
    answer = prove(ts, safe, _no_work())
    assert set(answer) == set(safe)
    assert all(o is None or isinstance(o, Proved | Unknown) for o, _, _ in answer.values())
    out = decide(ts, safe, Budget(timeout=7.0), Guard(time.monotonic() - 1.0))
    assert set(out) == set(safe)
    for o, _, _ in out.values():
        settled = isinstance(o, Violated) or (isinstance(o, Bounded) and o.reason.startswith("all "))
        assert settled or (isinstance(o, Unknown) and o.reason.startswith("timeout after 7s")), o
    if name == "resampler_mutex.irq":  # more states than a search explores before its first look
        assert any(isinstance(o, Unknown) for o, _, _ in out.values())


LIVE_SPEC = """
var n: 0..2;

fair daemon thread ticker {
  loop {
    n = (n + 1) % 3;
  }
}

property reaches_two: eventually n == 2;
"""


@pytest.mark.parametrize("extra", [0.0, 0.5, 0.9])
def test_a_ranking_whose_work_ends_after_the_graph_gives_no_result(tmp_path: Path, extra: float) -> None:
    """The meter pays for the product graph and (almost) nothing more: learning the invariant that
    confines the pending states then settles nothing, and the ranking says so."""
    ts = lower(check_spec(str(tmp_path / "live.irq"), text=LIVE_SPEC), "default")
    ob = obligation(temporal(ts, "reaches_two"))
    probe = Meter(60.0)
    assert not isinstance(_product(ReachableGraph(ts, ob), ob, 1000, probe), str)
    nodes = round(probe.spent * STATES_PER_UNIT)
    assert isinstance(rank_liveness(ts, "reaches_two", Meter(60.0)), Proved)  # with room, it proves it
    answer = rank_liveness(ts, "reaches_two", Meter((nodes + extra) / STATES_PER_UNIT))
    assert isinstance(answer, Unknown), answer
    assert answer.reason.startswith("ranking: no invariant confines the pending states (work budget")

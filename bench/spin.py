"""The `spin` section: irqverify beside Spin 6.5 on the four 2012 level-irqfd designs.

Both tools run end to end on the same state machine at the same bounds: Spin on the Promela
models of /work/shared/spin-baseline (spin -a, gcc, pan), irqverify on bench/spin/oadn_2012.irq
through its command line, in a subprocess, as a user runs it. See bench/README.md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "bench" / "spin" / "oadn_2012.irq"
PROMELA = Path(os.environ.get("IRQ_SPIN_BASELINE", "/work/shared/spin-baseline"))
DESIGNS = ("A_v9_shared", "B_v9_fresh_src", "C_tsirkin", "D_linux37")
MAX_STATES = 20_000_000  # above the largest base cell (about 7.6 million states)
BASE = {"NG": 1, "NI": 2, "MAXEOI": 2, "MAXRAISE": 2, "REASSIGN": 1}
# property -> (Spin -D flags, pan flags, gcc flags, irqverify properties)
PROPS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "P1": (("-DCHECK_P1",), ("-E",), ("-DSAFETY", "-DBFS"), ("P1",)),
    "P2": (("-DCHECK_P2",), ("-E",), ("-DSAFETY", "-DBFS"), ("P2",)),
    "P4": ((), (), ("-DSAFETY", "-DBFS"), ("deadlock",)),
    "P3": (("-DCHECK_P3",), ("-a",), (), ("P3",)),
    "safety": (("-DCHECK_P1", "-DCHECK_P2"), (), ("-DSAFETY", "-DBFS"), ("P1", "P2", "deadlock")),
}
# The verdicts the baseline's README states (P3 and P4: Spin's, for A to C).
EXPECTED = {
    ("A_v9_shared", "P1"): "violated",
    ("A_v9_shared", "P2"): "violated",
    ("B_v9_fresh_src", "P1"): "violated",
    ("B_v9_fresh_src", "P2"): "holds",
    ("C_tsirkin", "P1"): "holds",
    ("C_tsirkin", "P2"): "violated",
}


@dataclass
class Run:
    """One tool's answer for one cell."""

    verdict: str  # holds, violated, timeout, out of memory, error, ...
    depth: int | None  # steps of the shortest counterexample (violated only)
    states: int | None
    seconds: float
    note: str = ""

    def cell(self) -> str:
        if self.verdict == "violated" and self.depth is not None:
            return f"violated@{self.depth}"
        return self.verdict


def spin_available() -> bool:
    """Spin, gcc and the Promela models are all needed for a Spin run."""
    return bool(shutil.which("spin") and shutil.which("gcc") and (PROMELA / "common.pml").is_file())


def _run(cmd: Sequence[str], cwd: Path, timeout: float) -> tuple[int | None, str, float]:
    """Run a command; None as status when the timeout cut it short (its whole process group is killed)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        out, _ = proc.communicate(timeout=max(timeout, 0.1))
        return proc.returncode, out, time.perf_counter() - t0
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, _ = proc.communicate()
        return None, out or "", time.perf_counter() - t0


def run_spin(
    design: str, prop: str, consts: dict[str, int], timeout: float, memlim_mb: int = 4096
) -> tuple[Run, float]:
    """spin -a, gcc -O2, ./pan in a fresh temporary directory; returns (answer, pan's own seconds)."""
    dflags, panflags, ccflags, _ = PROPS[prop]
    defs = [f"-D{k}={v}" for k, v in consts.items()]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="irq-spin-") as tmp:
        work = Path(tmp)
        for pml in PROMELA.glob("*.pml"):
            shutil.copy(pml, work / pml.name)
        rc, out, _ = _run(["spin", "-a", *defs, *dflags, f"{design}.pml"], work, timeout)
        if rc != 0:
            return Run("error", None, None, time.perf_counter() - t0, "spin -a: " + out.strip()[-200:]), 0.0
        cc = ["gcc", "-O2", "-w", *ccflags, f"-DMEMLIM={memlim_mb}", "-o", "pan", "pan.c"]
        left = timeout - (time.perf_counter() - t0)
        rc, out, _ = _run(cc, work, left)
        if rc != 0:
            return Run("error", None, None, time.perf_counter() - t0, "gcc: " + out.strip()[-200:]), 0.0
        left = timeout - (time.perf_counter() - t0)
        rc, out, pan_s = _run(["./pan", *panflags, "-m1000000"], work, left)
    total = time.perf_counter() - t0
    return parse_pan(out, rc, total), pan_s


def parse_pan(out: str, rc: int | None, seconds: float) -> Run:
    """Verdict, depth and stored states from pan's report."""
    m = re.search(r"([\d.e+]+) states, stored", out)
    states = int(float(m.group(1))) if m else None
    if rc is None:
        return Run("not done", None, states, seconds, "timeout")
    if "out of memory" in out or "MEMLIM" in out:
        return Run("out of memory", None, states, seconds)
    err = re.search(r"errors: (\d+)", out)
    if err is None:
        return Run("error", None, states, seconds, out.strip()[-200:])
    if int(err.group(1)) == 0:
        return Run("holds", None, states, seconds)
    d = re.search(r"\(at depth (\d+)\)", out)
    return Run("violated", int(d.group(1)) if d else None, states, seconds)


def run_irqverify(
    design: str, prop: str, consts: dict[str, int], timeout: float, max_states: int, max_memory: str = "4G"
) -> Run:
    """`python -m verifier bench/spin/oadn_2012.irq -V design -p ... --engine explicit --format json`."""
    props = PROPS[prop][3]
    cmd = [sys.executable, "-m", "verifier", str(SPEC), "-V", design, "--engine", "explicit", "--format", "json", "-q"]
    for p in props:
        cmd += ["-p", p]
    for k, v in consts.items():
        cmd += ["--set", f"{k}={v}"]
    cmd += ["--max-states", str(max_states), "--max-memory", max_memory, "-t", str(timeout)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout + 120)
    except subprocess.TimeoutExpired:
        return Run("not done", None, None, time.perf_counter() - t0, "killed")
    secs = time.perf_counter() - t0
    try:
        cells = json.loads(proc.stdout)["specs"][0]["cells"]
    except (ValueError, KeyError, IndexError):
        return Run("error", None, None, secs, (proc.stderr or proc.stdout).strip()[-200:])
    return combine(cells, secs)


def combine(cells: list[dict[str, object]], secs: float) -> Run:
    """One answer from the JSON cells of the properties one Spin run checks together."""
    states = None
    for c in cells:
        m = re.search(r"([\d,]+) (?:reachable|pending of ([\d,]+) reachable) states", str(c.get("detail") or ""))
        if m:
            states = int((m.group(2) or m.group(1)).replace(",", ""))
    bad = [c for c in cells if c["verdict"] == "violated"]
    if bad:
        first = min(bad, key=lambda c: int(c.get("depth") or 0))
        return Run("violated", int(first["depth"]), states, secs, str(first["property"]))  # type: ignore[arg-type]
    if all(c["verdict"] in ("holds", "proved") for c in cells):
        exhaustive = all("reachable" in str(c.get("detail") or "") or c["verdict"] == "proved" for c in cells)
        return Run("holds" if exhaustive else "holds (bounded)", None, states, secs)
    undecided = [c for c in cells if c["verdict"] not in ("holds", "proved")]
    reason = str(undecided[0].get("detail") or undecided[0]["verdict"])
    verdict = (
        "out of memory" if "memory" in reason else "not done" if "time" in reason else str(undecided[0]["verdict"])
    )
    return Run(verdict, None, states, secs, reason[:80])


def _num(x: int | None) -> str:
    return "—" if x is None else f"{x:,}"


def _agree(spin: Run, irq: Run) -> str:
    if spin.verdict not in ("holds", "violated") or irq.verdict not in ("holds", "violated"):
        return "?"
    return "yes" if spin.verdict == irq.verdict else "**NO**"


def _ratio(spin: Run, irq: Run) -> str:
    """irqverify s / Spin s; an undecided side's seconds are only a bound on its time."""
    decided = ("holds", "violated")
    if spin.seconds <= 0 or (spin.verdict not in decided and irq.verdict not in decided):
        return "?"
    r = f"{irq.seconds / spin.seconds:.1f}"
    if spin.verdict not in decided:
        return "≤" + r
    return r if irq.verdict in decided else "≥" + r


def section_spin(
    emit: Callable[[str], None],
    table: Callable[[Sequence[str]], Callable[[Sequence[object]], None]],
    *,
    quick: bool,
    timeout: float,
    scaling_timeout: float,
    max_states: int,
    nis: Sequence[int],
    designs: Sequence[str] = (),
    props: Sequence[str] = (),
    command: Callable[..., str],
) -> None:
    """The design-by-property table, then the NI scaling family of design D, both tools per row."""
    if not spin_available():
        emit(f"Spin, gcc or the Promela models under {PROMELA} are missing: section skipped.")
        return
    version = subprocess.run(["spin", "-V"], capture_output=True, text=True).stdout.strip()
    consts = dict(BASE)
    emit(
        f"{version}; Promela models from `{PROMELA}`, irqverify spec `bench/spin/oadn_2012.irq`, both at "
        + ", ".join(f"{k}={v}" for k, v in consts.items())
        + ". Spin: `spin -a -D...`, `gcc -O2 -w -DSAFETY -DBFS -DMEMLIM=4096` (P3: no -DSAFETY/-DBFS), "
        "`./pan [-E|-a] -m1000000`; Spin s is the whole chain, pan s pan alone. Spin's states are "
        "`states, stored` (with its default partial-order reduction), up to the first error for a "
        "violation. irqverify: `python -m verifier bench/spin/oadn_2012.irq -V D -p P --engine explicit "
        f"--format json --max-states {max_states:,}` in a subprocess (its start-up and compilation "
        "included); its states are the states the JSON reports stored (not reported for a violation): "
        "with its default symmetry reduction over the interchangeable irqfds (`fd_t`), about one per "
        "renaming class of reachable states. "
        "Depths: steps of a shortest counterexample; Spin's P2 depth includes the monitor's step. "
        f"Timeout {timeout:g}s per tool and cell. Ratio = irqverify s / Spin s (≥/≤: one side undecided, "
        "its time a bound; ?: neither decided)."
    )
    emit("")
    row = table(
        (
            "design",
            "property",
            "expected",
            "Spin",
            "Spin states",
            "Spin s",
            "pan s",
            "irqverify",
            "irqverify states",
            "irqverify s",
            "ratio",
            "agree",
            "command",
        )
    )
    cells = [(d, p) for d in DESIGNS for p in ("P1", "P2", "P4", "P3")]
    if quick:
        cells = [("A_v9_shared", "P1"), ("C_tsirkin", "P2")]
    cells = [(d, p) for d, p in cells if (not designs or d in designs) and (not props or p in props)]
    for design, prop in cells:
        spin, pan_s = run_spin(design, prop, consts, timeout)
        irq = run_irqverify(design, prop, consts, timeout, max_states)
        row(
            (
                design,
                prop + ("" if prop != "P4" else " (deadlock)"),
                EXPECTED.get((design, prop), "holds" if design == "D_linux37" else "—"),
                spin.cell(),
                _num(spin.states),
                f"{spin.seconds:.2f}",
                f"{pan_s:.2f}",
                irq.cell(),
                _num(irq.states),
                f"{irq.seconds:.2f}",
                _ratio(spin, irq),
                _agree(spin, irq),
                command(designs=design, spin_props=prop),
            )
        )
    emit("")
    emit(
        f"Scaling: design D (Linux 3.7) at NG=1, NI={','.join(map(str, nis))}; all safety properties in one run "
        "(Spin: `-DCHECK_P1 -DCHECK_P2`, pan without -E; irqverify: `-p P1 -p P2 -p deadlock`). Timeout "
        f"{scaling_timeout:g}s per tool and row; Spin capped at 4 GiB (`-DMEMLIM=4096`), irqverify at "
        f"`--max-memory 4G` and {max_states:,} states."
    )
    emit("")
    row = table(
        ("NI", "Spin", "Spin states", "Spin s", "irqverify", "irqverify states", "irqverify s", "ratio", "agree")
    )
    for ni in nis:
        c = dict(consts, NI=ni)
        spin, _ = run_spin("D_linux37", "safety", c, scaling_timeout)
        irq = run_irqverify("D_linux37", "safety", c, scaling_timeout, max_states)
        spin_cell = spin.cell() if spin.verdict != "not done" else f"not done in {scaling_timeout:g}s"
        irq_cell = irq.cell() if irq.verdict != "not done" else f"not done in {scaling_timeout:g}s"
        row(
            (
                ni,
                spin_cell,
                _num(spin.states),
                f"{spin.seconds:.1f}",
                irq_cell,
                _num(irq.states),
                f"{irq.seconds:.1f}",
                _ratio(spin, irq),
                _agree(spin, irq),
            )
        )

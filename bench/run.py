"""Benchmarks: BMC against exhaustive explicit search, encodings, and scaling. See bench/README.md.

    python -m bench.run [--quick] [--section S ...] [--specs FILE ...] [--timeout SECONDS] [--out FILE]

Every row ends with the command that measures that row alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import z3

from bench.family import FAMILIES, ROOT, Family, member
from bench.measure import Measured, dict_search, explore_all, run_bmc, store_search
from verifier.engines.portfolio import BMC_DEPTH, Budget
from verifier.ir.interp import Interpreter
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.pipeline import check_spec, guarded
from verifier.sema import typed as T

RATIOS = (
    "Ratio = explicit s / BMC s (>1: BMC faster; ≥/≤: one side undecided, its time a lower bound; ?: neither "
    "decided). Ratio at same depth: the same, for searching every depth ≤ d, d the deepest both searched."
)
SECTIONS = ("interp", "store", "matrix", "encodings", "scaling", "spin", "distributed", "cli")
DEFAULTS = Budget()  # the product's defaults: bound, explicit state budget, BMC encoding


@dataclass(frozen=True)
class EncodingCell:
    spec: str
    variant: str
    prop: str
    depth: int  # measured to this fixed depth (a shallower counterexample ends the run)


ENCODING_CELLS = (
    EncodingCell("spec/oadn_v9.irq", "shared_source", "unique_notifier", 20),
    EncodingCell("spec/oadn_irqlock.irq", "irqlock", "no_lost_interrupt", 16),
    EncodingCell("spec/rcu_list.irq", "rcu", "use_after_free", 24),
    EncodingCell("spec/abba_deadlock.irq", "abba", "deadlock", 30),
)
QUICK_ENCODING_CELLS = (EncodingCell("spec/oadn_v9.irq", "shared_source", "unique_notifier", 8),)
CONFIGS = tuple((mode, inc, por) for mode in ("bv", "int") for inc in (True, False) for por in (False, True))


@dataclass
class Options:
    quick: bool
    sections: tuple[str, ...]
    specs: tuple[str, ...]
    variants: tuple[str, ...]
    props: tuple[str, ...]
    bound: int
    timeout: float
    scaling_timeout: float
    max_states: int
    families: tuple[str, ...]
    nfds: tuple[int, ...]
    gsis: tuple[int, ...]
    out: str | None
    designs: tuple[str, ...] = ()
    spin_props: tuple[str, ...] = ()
    spin_timeout: float = 600.0
    specs_given: bool = False
    explicit: dict[str, str] = field(default_factory=dict)  # options given on the command line

    def command(self, section: str, **only: object) -> str:
        """The command that measures one row: this section, the row's filters, the global options."""
        args = ["python", "-m", "bench.run", "--section", section]
        names = (
            ("bound", "timeout", "max-states") if section != "scaling" else ("bound", "scaling-timeout", "max-states")
        )
        if section == "spin":
            names = ("spin-timeout", "scaling-timeout", "max-states")
        for name in names:
            if name in self.explicit:
                args += [f"--{name}", self.explicit[name]]
        if self.quick:
            args.append("--quick")
        for name, value in only.items():
            args += [f"--{name.replace('_', '-')}", str(value)]
        return "`" + shlex.join(args) + "`"


def parse_args(argv: Sequence[str]) -> Options:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="a small subset with small budgets (under 2 minutes)")
    ap.add_argument("--section", action="append", choices=SECTIONS, help="only these sections (repeatable)")
    ap.add_argument("--specs", nargs="+", help="matrix: these spec files (default: spec/*.irq)")
    ap.add_argument("--variants", nargs="+", default=(), help="matrix: only these variants")
    ap.add_argument("--props", nargs="+", default=(), help="matrix/encodings: only these properties")
    ap.add_argument("--bound", type=int, help=f"BMC bound (default: {BMC_DEPTH}, the product's BMC depth)")
    ap.add_argument("--timeout", type=float, help="seconds per BMC run and per explicit pass (default 60; quick 3)")
    ap.add_argument(
        "--scaling-timeout", type=float, help="scaling: seconds per BMC run and per explicit pass (default: --timeout)"
    )
    ap.add_argument("--max-states", type=int, help=f"explicit state budget (default {DEFAULTS.max_states})")
    ap.add_argument("--family", nargs="+", choices=[f.name for f in FAMILIES], help="scaling: these designs")
    ap.add_argument("--nfd", nargs="+", type=int, help="scaling: irqfd counts (default 2..6)")
    ap.add_argument("--gsis", nargs="+", type=int, help="scaling: GSI counts (default 1..3)")
    ap.add_argument("--designs", nargs="+", default=(), help="spin: only these designs (A_v9_shared, ...)")
    ap.add_argument("--spin-props", nargs="+", default=(), help="spin: only these properties (P1 P2 P3 P4)")
    ap.add_argument(
        "--spin-timeout",
        type=float,
        help="spin: seconds per tool and cell, and per scaling row (default 600; quick 60)",
    )
    ap.add_argument("--out", help="also write the tables to this Markdown file (e.g. bench/results.md)")
    a = ap.parse_args(argv)
    given = {
        k: str(getattr(a, k.replace("-", "_")))
        for k in ("bound", "timeout", "scaling-timeout", "max-states", "spin-timeout")
    }
    explicit = {k: v for k, v in given.items() if v != "None"}
    quick = bool(a.quick)
    timeout = a.timeout if a.timeout is not None else (3.0 if quick else 60.0)
    if "scaling-timeout" not in explicit and "timeout" in explicit:
        explicit["scaling-timeout"] = explicit["timeout"]
    default_specs = ("abba_deadlock", "flag_mutex", "rcu_list") if quick else ()
    specs = tuple(a.specs) if a.specs else _bundled(default_specs)
    return Options(
        quick=quick,
        sections=tuple(a.section) if a.section else (SECTIONS if not quick else SECTIONS[:-1]),
        specs=specs,
        variants=tuple(a.variants),
        props=tuple(a.props),
        bound=a.bound if a.bound is not None else BMC_DEPTH,
        timeout=timeout,
        scaling_timeout=a.scaling_timeout if a.scaling_timeout is not None else timeout,
        max_states=a.max_states if a.max_states is not None else (100_000 if quick else DEFAULTS.max_states),
        families=tuple(a.family) if a.family else tuple(f.name for f in FAMILIES),
        nfds=tuple(a.nfd) if a.nfd else ((2, 3) if quick else (2, 3, 4, 5, 6)),
        gsis=tuple(a.gsis) if a.gsis else ((1, 2) if quick else (1, 2, 3)),
        out=a.out,
        designs=tuple(a.designs),
        spin_props=tuple(a.spin_props),
        spin_timeout=a.spin_timeout if a.spin_timeout is not None else (60.0 if quick else 600.0),
        specs_given=bool(a.specs),
        explicit=explicit,
    )


def _bundled(stems: Sequence[str]) -> tuple[str, ...]:
    paths = sorted((ROOT / "spec").glob("*.irq"))
    return tuple(str(p.relative_to(ROOT)) for p in paths if not stems or p.stem in stems)


# ---- output -------------------------------------------------------------------------------------


class Report:
    """Markdown printed as it is measured, and kept for --out."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def emit(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def table(self, header: Sequence[str]) -> Callable[[Sequence[object]], None]:
        self.emit("| " + " | ".join(header) + " |")
        self.emit("|" + "|".join("---" for _ in header) + "|")
        return lambda row: self.emit("| " + " | ".join(str(x) for x in row) + " |")


def secs(x: float) -> str:
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 10 else f"{x:.1f}"


def ratio(explicit: Measured, solver: Measured) -> str:
    """explicit seconds / BMC seconds (>1: BMC faster). An undecided side's time is a lower bound."""
    if solver.seconds <= 0:
        return "-"
    r = explicit.seconds / solver.seconds
    text = f"{r:.2f}" if r < 10 else f"{r:.0f}"
    if explicit.decided and solver.decided:
        return text
    if solver.decided:
        return "≥" + text
    if explicit.decided:
        return "≤" + text
    return "?"


def same_depth(explicit: Measured, solver: Measured) -> str:
    """explicit s / BMC s to search every depth up to the deepest both searched: `r (≤d)`. A
    like-for-like ratio where one side or both ran out of time before a verdict."""
    d = min(explicit.deepest, solver.deepest)
    if d < 1:
        return "-"
    try:
        e, b = explicit.time_to(d), solver.time_to(d)
    except KeyError:
        return "-"
    if b <= 0:
        return "-"
    r = e / b
    return f"{r:.2f} (≤{d})" if r < 10 else f"{r:.0f} (≤{d})"


class Tally:
    """Who reached a verdict, and who was faster when both did."""

    def __init__(self) -> None:
        self.cells = self.both = self.bmc_faster = self.only_explicit = self.only_bmc = 0
        self.compared = self.bmc_faster_same_depth = 0

    def add(self, explicit: Measured, solver: Measured) -> None:
        self.cells += 1
        d = min(explicit.deepest, solver.deepest)
        if d >= 1 and d in solver.searched and (d in explicit.searched or explicit.all_depths):
            self.compared += 1
            self.bmc_faster_same_depth += solver.time_to(d) < explicit.time_to(d)
        if explicit.decided and solver.decided:
            self.both += 1
            self.bmc_faster += solver.seconds < explicit.seconds
        elif explicit.decided:
            self.only_explicit += 1
        elif solver.decided:
            self.only_bmc += 1

    def summary(self) -> str:
        neither = self.cells - self.both - self.only_explicit - self.only_bmc
        return (
            f"Of {self.cells} cells: both decided {self.both} (BMC faster in {self.bmc_faster}); only explicit "
            f"{self.only_explicit}; only BMC {self.only_bmc}; neither {neither}. At the deepest depth both "
            f"searched: BMC faster in {self.bmc_faster_same_depth} of {self.compared}."
        )


def agree(explicit: Measured, solver: Measured, bound: int) -> str:
    """Do the two verdicts agree where both are decided? (explicit's depth may exceed the bound)"""
    if not (explicit.decided and solver.decided):
        return ""
    if solver.verdict == "violated":
        return "yes" if explicit.verdict == "violated" and explicit.depth == solver.depth else "**NO**"
    if explicit.verdict == "violated":
        return "yes" if explicit.depth > bound else "**NO**"
    return "yes"


# ---- loading ------------------------------------------------------------------------------------


def load(path: str, variant: str, overrides: dict[str, int] | None = None) -> TransitionSystem:
    return guarded(lambda: lower(check_spec(path, overrides), variant))


def measured_props(spec: T.CheckedSpec, variant: str) -> list[str]:
    """Invariants, `always` properties, and every other safety check an expectation names."""
    out = [i.name for i in spec.invariants]
    out += [p.name for p in spec.properties if p.formula.kind == "always"]
    liveness = {p.name for p in spec.properties if p.formula.kind != "always"}
    for e in spec.expectations:
        if e.variant == variant and e.property not in out and e.property not in liveness:
            out.append(e.property)
    return out


def expected(spec: T.CheckedSpec, variant: str, prop: str) -> str:
    for e in spec.expectations:
        if e.variant == variant and e.property == prop:
            return e.verdict
    return ""


# ---- sections -----------------------------------------------------------------------------------


def bfs(init: Any, nexts: Callable[[Any], list[tuple[int, Any]]], n: int) -> int:
    """Breadth-first search until `n` states are found (or all are): how many were found."""
    seen = {init}
    queue = deque([init])
    while queue and len(seen) < n:
        for _, nxt in nexts(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return len(seen)


EVALUATIONS = ("tree-walking (reference)", "compiled, tuples", "compiled, packed", "compiled, packed, remembered")


def section_interp(opt: Options, rep: Report) -> None:
    """States per second of breadth-first search: tree walking, compiled over tuples, compiled over packed ints."""
    rep.emit("## Explicit search speed: compiled evaluation against tree walking")
    rep.emit()
    n = 20_000 if opt.quick else 100_000
    rep.emit(
        f"Breadth-first search to {n:,} states over the same IR, in this process: `Interpreter(ts, compiled=False)`"
        f" (the reference), `Interpreter(ts).next_states` (compiled, tuple states), "
        f"the same over states packed into one int (`Interpreter._successors_fn(layout)`), and "
        f"`Interpreter(ts).packed().next_states`, which also remembers per thread what its step does for the bits "
        f"its actions read (`_memo_successors_fn`). Bytes: one state object."
    )
    rep.emit()
    row = rep.table(
        ["spec", "variant", "evaluation", "states", "compile s", "search s", "states/s", "speedup", "bytes/state",
         "command"]
    )  # fmt: skip
    cells = [("spec/oadn_v9.irq", "shared_source")]
    if not opt.quick:
        cells.append(("spec/resampler_mutex.irq", "merged"))
    for path, variant in cells:
        ts = load(path, variant)
        base = 0.0
        for name in EVALUATIONS:
            start = time.perf_counter()
            it = Interpreter(ts, compiled=name != "tree-walking (reference)")
            packed = it.packed() if name.startswith("compiled, packed") else None
            init, nexts = (packed.init, packed.next_states) if packed is not None else (ts.init, it.next_states)
            if packed is not None and not name.endswith("remembered"):
                nexts = it._successors_fn(packed.layout)  # without remembering per thread
            nexts(init)  # generates and compiles the successor function
            built = time.perf_counter()
            states = bfs(init, nexts, n)
            done = time.perf_counter()
            rate = states / (done - built)
            speed = ""
            if base:
                whole = (done - start) / (states / base)
                speed = f"{rate / base:.1f}x ({1 / whole:.1f}x with compiling)"
            else:
                base = rate
            row([path, variant, name, states, secs(built - start), secs(done - built), f"{rate:,.0f}", speed,
                 sys.getsizeof(init), opt.command("interp")])  # fmt: skip
    rep.emit()


def section_store(opt: Options, rep: Report) -> None:
    """Bytes per state and states per second of exhaustive search: the dict it used, the numpy store."""
    n = opt.max_states if "max-states" in opt.explicit else (50_000 if opt.quick else 1_000_000)
    rep.emit("## The visited-state store: a Python dict against the numpy store")
    rep.emit()
    rep.emit(
        f"Breadth-first search over packed states to {n:,} states (or all), every measured property and `deadlock` "
        "checked at every new state: a dict from state to (parent state, action) (`bench.measure.dict_search`) "
        "against the product's search over `verifier.engines.store.StateStore` (`explore`). Seconds from building "
        "the interpreter; bytes: the store's memory (dict, keys and tuples; or table, rows, parents and actions, "
        "as allocated) over the states stored. One variant per spec (its first); the resampler also at NFD=1."
    )
    rep.emit()
    row = rep.table(
        ["spec", "variant", "set", "bits", "states", "depth", "dict s", "dict states/s", "dict B/state", "store s",
         "store states/s", "store B/state", "same states", "command"]
    )  # fmt: skip
    cells: list[tuple[str, str, dict[str, int]]] = []
    for path in opt.specs:
        spec = guarded(lambda p=path: check_spec(p))  # type: ignore[misc]
        variants = [v.name for v in spec.variants if not opt.variants or v.name in opt.variants]
        if variants:
            cells.append((path, variants[0], {}))
            if path.endswith("resampler_mutex.irq") and not opt.quick:
                cells.insert(len(cells) - 1, (path, variants[0], {"NFD": 1}))
    for path, variant, overrides in cells:
        spec = guarded(lambda p=path, o=overrides: check_spec(p, o or None))  # type: ignore[misc]
        ts = load(path, variant, overrides or None)
        props = [*measured_props(spec, variant), "deadlock"]
        p = Interpreter(ts).packed()
        if p is None:
            continue
        old = dict_search(ts, props, n)
        new = store_search(ts, props, n)
        same = "yes" if (old.states == new.states if old.complete and new.complete else True) else "**NO**"
        only = {"specs": path, "variants": variant}
        sets = " ".join(f"{k}={v}" for k, v in overrides.items())
        row([path, variant, sets or "-", p.layout.bits, f"{new.states:,}", new.depth, secs(old.seconds),
             f"{old.states / old.seconds:,.0f}", f"{old.bytes_per_state:.0f}", secs(new.seconds),
             f"{new.states / new.seconds:,.0f}", f"{new.bytes_per_state:.1f}",
             same if old.complete else "-", opt.command("store", **only)])  # fmt: skip
    rep.emit()


def section_matrix(opt: Options, rep: Report) -> None:
    rep.emit(f"## Bundled specs: time to verdict, BMC at bound {opt.bound} against exhaustive explicit search")
    rep.emit()
    rep.emit(
        f"BMC: bit-vector encoding, incremental solver, no POR (the defaults), timeout {opt.timeout:g}s per cell. "
        f"Explicit: the product's `explore`, one breadth-first pass per variant over the same IR, to the same "
        f"bound, checking all its properties, budget {opt.max_states:,} states / {opt.timeout:g}s (counted, as in "
        f"the product, from when the interpreter is compiled); a property's time is when the level of its first "
        f"violation was complete, else the whole pass. Both times include building the encoding or compiling the "
        f"interpreter. {RATIOS}"
    )
    rep.emit()
    row = rep.table(
        ["spec", "variant", "property", "expected", "BMC", "BMC s", "explicit", "explicit s", "ratio",
         "ratio at same depth", "agree", "command"]
    )  # fmt: skip
    totals = [0.0, 0.0]
    tally = Tally()
    for path in opt.specs:
        spec = guarded(lambda p=path: check_spec(p))
        for v in spec.variants:
            if opt.variants and v.name not in opt.variants:
                continue
            props = [p for p in measured_props(spec, v.name) if not opt.props or p in opt.props]
            if not props:
                continue
            ts = load(path, v.name)
            ex = explore_all(ts, props, opt.bound, opt.max_states, opt.timeout)
            totals[1] += ex.seconds
            for p in props:
                solver = run_bmc(ts, p, opt.bound, opt.timeout, DEFAULTS.mode, DEFAULTS.por)
                totals[0] += solver.seconds
                e = ex.results[p]
                tally.add(e, solver)
                cmd = opt.command("matrix", specs=path, variants=v.name, props=p)
                row(
                    [
                        Path(path).stem,
                        v.name,
                        p,
                        expected(spec, v.name, p),
                        solver.show(),
                        secs(solver.seconds),
                        e.show(),
                        secs(e.seconds),
                        ratio(e, solver),
                        same_depth(e, solver),
                        agree(e, solver, opt.bound),
                        cmd,
                    ]
                )
    rep.emit()
    rep.emit(f"Total: BMC {secs(totals[0])} s (one run per cell); explicit {secs(totals[1])} s (one pass per variant).")
    rep.emit()
    rep.emit(tally.summary())
    rep.emit()


def section_encodings(opt: Options, rep: Report) -> None:
    rep.emit("## Encodings: bit-vector vs integer, incremental vs fresh solver per depth, POR on/off")
    rep.emit()
    rep.emit(
        f"Each run searches depths 0..D (D fixed per cell; a counterexample at a smaller depth ends it), "
        f"timeout {opt.timeout:g}s. Fresh: a new solver per depth with T(0,1) ∧ … ∧ T(k-1,k) ∧ bad@k."
    )
    rep.emit()
    row = rep.table(["spec", "variant", "property", "D", "ints", "solver", "POR", "verdict", "seconds", "command"])
    cells = QUICK_ENCODING_CELLS if opt.quick else ENCODING_CELLS
    for c in cells:
        if opt.props and c.prop not in opt.props:
            continue
        if opt.specs_given and c.spec not in opt.specs:
            continue
        ts = load(c.spec, c.variant)
        for mode, inc, por in CONFIGS:
            m = run_bmc(ts, c.prop, c.depth, opt.timeout, mode, por, inc)
            cmd = opt.command("encodings", specs=c.spec, props=c.prop)
            row(
                [
                    Path(c.spec).stem,
                    c.variant,
                    c.prop,
                    c.depth,
                    mode,
                    "incremental" if inc else "fresh",
                    "on" if por else "off",
                    m.show(),
                    secs(m.seconds),
                    cmd,
                ]
            )
    rep.emit()


def section_scaling(opt: Options, rep: Report) -> None:
    rep.emit(f"## Scaling: irqfds {_span(opt.nfds)}, GSIs {_span(opt.gsis)}")
    rep.emit()
    rep.emit(
        f"BMC (defaults) to bound {opt.bound} and one explicit pass (budget {opt.max_states:,} states / "
        f"{opt.scaling_timeout:g}s), on one property per design. irqfds: `--set NFD=n`; GSIs: see bench/family.py. "
        f"{RATIOS}"
    )
    rep.emit()
    row = rep.table(
        ["design", "variant", "property", "irqfds", "GSIs", "state bits", "actions", "check+lower s", "BMC", "BMC s",
         "explicit", "explicit s", "ratio", "ratio at same depth", "command"]
    )  # fmt: skip
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="irqverify-bench-") as tmp:
        for fam in FAMILIES:
            if fam.name not in opt.families:
                continue
            for nfd in opt.nfds:
                for gsis in opt.gsis:
                    row(_scaling_row(opt, fam, nfd, gsis, Path(tmp), tally))
    rep.emit()
    rep.emit(tally.summary())
    rep.emit()


def _scaling_row(opt: Options, fam: Family, nfd: int, gsis: int, tmp: Path, tally: Tally) -> list[object]:
    m = member(fam, nfd, gsis, tmp)
    start = time.perf_counter()
    ts = load(m.path, fam.variant, m.overrides)
    lowered = time.perf_counter() - start
    ex = explore_all(ts, [fam.prop], opt.bound, opt.max_states, opt.scaling_timeout).results[fam.prop]
    solver = run_bmc(ts, fam.prop, opt.bound, opt.scaling_timeout, DEFAULTS.mode, DEFAULTS.por)
    tally.add(ex, solver)
    cmd = opt.command("scaling", family=fam.name, nfd=nfd, gsis=gsis)
    return [
        fam.name,
        fam.variant,
        fam.prop,
        nfd,
        gsis,
        ts.state_bits(),
        len(ts.actions),
        secs(lowered),
        solver.show(),
        secs(solver.seconds),
        ex.show(),
        secs(ex.seconds),
        ratio(ex, solver),
        same_depth(ex, solver),
        cmd,
    ]


def section_cli(opt: Options, rep: Report) -> None:
    rep.emit("## The product: `irqverify` on every bundled spec at default settings")
    rep.emit()
    row = rep.table(["command", "exit status", "wall s"])
    args = ["irqverify", *_bundled(()), "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    row(["`" + shlex.join(args) + "`", done.returncode, secs(time.perf_counter() - start)])
    rep.emit()


def section_spin(opt: Options, rep: Report) -> None:
    from bench import spin

    rep.emit("## Beside Spin: the four 2012 level-irqfd designs, the same state machine in both tools")
    rep.emit()
    scaling_timeout = opt.scaling_timeout if "scaling-timeout" in opt.explicit else (30.0 if opt.quick else 180.0)
    spin.section_spin(
        rep.emit,
        rep.table,
        quick=opt.quick,
        timeout=opt.spin_timeout,
        scaling_timeout=scaling_timeout,
        max_states=opt.max_states if "max-states" in opt.explicit else spin.MAX_STATES,
        nis=(2,) if opt.quick and opt.nfds == (2, 3) else tuple(n for n in opt.nfds if 1 <= n <= 8),
        designs=opt.designs,
        props=opt.spin_props,
        command=lambda **only: opt.command("spin", **only),
    )
    rep.emit()


# (spec, variant, --set, depth bound or None, quick bound or None): searches of the distributed section
DISTRIBUTED = (
    ("spec/resampler_mutex.irq", "merged", {"NFD": 1}, None, 20),
    ("spec/resampler_mutex.irq", "merged", {"NFD": 2}, 40, 16),
    ("spec/oadn_v9.irq", "shared_source", {}, None, 16),
    ("bench/spin/oadn_2012.irq", "D_linux37", {}, None, 16),
)


def section_distributed(opt: Options, rep: Report) -> None:
    """The parallel search (verifier.engines.parallel) and the hash-partitioned one
    (verifier.engines.partition) beside the single-process one: in worker processes of this
    machine, and as actors on a local Dask cluster of 2 processes."""
    from verifier.engines import cluster
    from verifier.engines.explicit import explore
    from verifier.engines.parallel import explore_parallel
    from verifier.engines.partition import explore_partitioned

    rep.emit("## Distributed: exhaustive search split into hash partitions")
    rep.emit()
    rep.emit(
        "Every property of the variant at once, `--max-states` the budget; `explore` is the single-process "
        "search, `parallel` the one store of this process with each level expanded by this process and "
        "workers - 1 worker processes (verifier.engines.parallel; what `--workers` runs), "
        "`processes` the partitions as worker processes ('forkserver'), `dask` as actors on a local "
        "cluster of 2 worker processes (its start-up apart). Seconds include starting the partitions."
    )
    rep.emit()
    t0 = time.perf_counter()
    try:
        cluster.connect("auto", 2)
    except cluster.ClusterError as e:
        rep.emit(f"(no Dask: {e})")
        rep.emit()
        return
    rep.emit(f"Local Dask cluster (2 worker processes) started in {secs(time.perf_counter() - t0)} s.")
    rep.emit()
    row = rep.table(
        [
            "spec",
            "variant",
            "set",
            "bound",
            "where",
            "workers",
            "states",
            "depth",
            "complete",
            "s",
            "states/s",
            "speed-up",
        ]
    )
    try:
        for path, variant, sets, bound, quick_bound in DISTRIBUTED:
            bound = quick_bound if opt.quick else bound
            spec = check_spec(str(ROOT / path), sets)
            ts = lower(spec, variant)
            props = [i.name for i in ts.invariants] + [c.name for c in ts.checks]
            shown = " ".join(f"{k}={v}" for k, v in sets.items()) or "-"
            start = time.perf_counter()
            base = explore(ts, props, opt.max_states, bound=bound)
            single = time.perf_counter() - start

            head = [path, variant, shown, bound if bound is not None else "-"]

            def emit(where: str, n: int, ex: Any, took: float, head: list[Any] = head, single: float = single) -> None:
                done = "yes" if ex.complete else ex.stopped
                rate = f"{ex.states / took:,.0f}"
                row([*head, where, n, ex.states, ex.depth, done, secs(took), rate, f"{single / took:.2f}"])

            emit("explore", 1, base, single)  # each row as soon as it is measured
            for n in (1, 2):  # one store here, each level expanded by this process and n - 1 workers
                start = time.perf_counter()
                ex = explore_parallel(ts, props, opt.max_states, bound=bound, workers=n)
                emit("parallel", n, ex, time.perf_counter() - start)
            for where, start_fn in (("processes", None), ("dask", cluster.actors("auto"))):
                for n in (1, 2, 4):
                    start = time.perf_counter()
                    ex = explore_partitioned(ts, props, opt.max_states, bound=bound, workers=n, start=start_fn)
                    emit(where, n, ex, time.perf_counter() - start)
    finally:
        cluster.disconnect()
    rep.emit()


def _span(xs: Sequence[int]) -> str:
    xs = sorted(xs)
    return f"{xs[0]}..{xs[-1]}" if len(xs) > 1 and xs == list(range(xs[0], xs[-1] + 1)) else ", ".join(map(str, xs))


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def header(opt: Options, rep: Report, argv: Sequence[str]) -> None:
    rep.emit("# irqverify benchmarks")
    rep.emit()
    rep.emit(
        f"`{shlex.join(['python', '-m', 'bench.run', *argv])}` — {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{os.cpu_count()} CPUs, load average {_load()} at start (1, 5, 15 min), Python {platform.python_version()}, "
        f"Z3 {z3.get_version_string()}. Times are wall-clock seconds, measured one at a time in one process."
    )
    rep.emit()


RUNNERS: dict[str, Callable[[Options, Report], None]] = {
    "interp": section_interp,
    "store": section_store,
    "matrix": section_matrix,
    "encodings": section_encodings,
    "scaling": section_scaling,
    "spin": section_spin,
    "distributed": section_distributed,
    "cli": section_cli,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    opt = parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    rep = Report()
    header(opt, rep, argv)
    start = time.perf_counter()
    for s in SECTIONS:
        if s in opt.sections:
            RUNNERS[s](opt, rep)
            if opt.out:  # after each section, so a long run that is stopped keeps what it measured
                Path(opt.out).write_text("\n".join(rep.lines) + "\n")
    rep.emit(f"Benchmark wall time: {secs(time.perf_counter() - start)} s; load average {_load()} at the end.")
    if opt.out:
        Path(opt.out).write_text("\n".join(rep.lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

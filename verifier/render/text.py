"""Text output: the verdict matrix and counterexamples drawn one column per thread."""

from __future__ import annotations

import textwrap

from verifier.pipeline import Cell, SpecResult
from verifier.render.trace import TraceView

COL = 34


def verdict_text(c: Cell) -> str:
    if c.verdict == "violated":
        if not c.minimal:
            if c.none_up_to < 0:
                return f"VIOLATED at {c.depth} (not shortest)"
            return f"VIOLATED at {c.depth} (none up to {c.none_up_to})"
        return f"VIOLATED at {c.depth}"
    if c.verdict == "proved":
        return f"PROVED ({c.engine})"
    if c.verdict == "holds":
        if c.detail.startswith("all "):
            return f"HOLDS ({c.detail.removesuffix(' reachable states')} states)"
        return f"HOLDS up to {c.depth}"
    if c.detail.startswith("timeout"):
        return "UNKNOWN (timeout)"
    if c.detail.startswith(("memory budget", "out of memory")):
        return "UNKNOWN (memory)"
    if c.detail.startswith("interrupted"):
        return "UNKNOWN (interrupted)"
    return f"UNKNOWN (none up to {c.depth})" if c.depth >= 0 else "UNKNOWN"


def expectation_text(c: Cell) -> str:
    if c.met is None:
        return ""
    return "ok" if c.met else f"UNMET: expected {c.expected}"


def render_matrix(result: SpecResult) -> str:
    spec = result.spec
    variants = [v.name for v in spec.variants if v.name in result.bits]
    props: list[str] = []
    for c in result.cells:
        if c.property not in props:
            props.append(c.property)
    by = {(c.variant, c.property): c for c in result.cells}
    lines = [f"{spec.path}: {len(spec.instances)} threads, {', '.join(f'{v} {result.bits[v]} bits' for v in variants)}"]
    name_w = max([len(p) for p in props] + [8]) + 2
    cells_txt = {k: f"{verdict_text(c)}  {c.seconds:5.1f}s  {expectation_text(c)}".rstrip() for k, c in by.items()}
    col_w = max([len(t) for t in cells_txt.values()] + [len(v) for v in variants] + [10]) + 3
    lines.append("  " + "property".ljust(name_w) + "".join(v.ljust(col_w) for v in variants).rstrip())
    for p in props:
        row = "  " + p.ljust(name_w)
        row += "".join(cells_txt.get((v, p), "-").ljust(col_w) for v in variants)
        lines.append(row.rstrip())
    lines += coverage_lines(result)
    notes = [c for c in result.cells if c.verdict == "unknown" and c.detail]
    for c in notes[:1]:
        lines.append(f"  UNKNOWN [{c.variant}] {c.property}: {c.detail}")
    for c in result.cells:
        for w in c.warnings:
            lines.append(f"  WARNING [{c.variant}] {c.property}: {w}")
    lines += unreached_lines(result)
    return "\n".join(lines)


def coverage_lines(result: SpecResult) -> list[str]:
    """For each variant with a cell a budget left open (HOLDS up to k): what was searched and why
    it stopped, once per variant (the cells' own reasons are in --format json)."""
    lines = []
    seen: set[tuple[str, str]] = set()
    for c in result.cells:
        if c.verdict != "holds" or c.detail.startswith("all ") or not c.detail:
            continue
        covered = c.detail.split("; no proof:")[0]
        if covered.startswith("no proof:") or (c.variant, covered) in seen:
            continue
        seen.add((c.variant, covered))
        lines.append(f"  HOLDS up to {c.depth} [{c.variant}]: {covered}")
    return lines


def unreached_lines(result: SpecResult, limit: int = 8) -> list[str]:
    """The statements no run reached, per variant (those of several variants once), so that a
    property holding only because its code never runs is visible."""
    by_text: dict[tuple[str, str, str], list[str]] = {}
    for v, u in result.unreached.items():
        scope = "in any run" if u.complete else f"within {u.depth} steps"
        for loc, stmt, _threads in u.statements:
            by_text.setdefault((scope, loc, stmt), []).append(v)
    lines = []
    for (scope, loc, stmt), variants in list(by_text.items())[:limit]:
        where = "" if len(variants) == len(result.unreached) else f" [{', '.join(variants)}]"
        lines.append(f"  NOT REACHED {scope}{where}: {loc} {stmt}")
    if len(by_text) > limit:
        lines.append(f"  ... and {len(by_text) - limit} more statements not reached (--format json lists them)")
    return lines


FOUND_BY = {
    "simulation": "found by random simulation",
    "preemption-bounded": "found by preemption-bounded search: a run with few context switches",
}


def render_trace(
    view: TraceView, width: int = COL, minimal: bool = True, none_up_to: int = -1, engine: str = "simulation"
) -> str:
    """A counterexample, one column per thread that moves, with the shared state each step changes."""
    movers: list[str] = []
    for s in view.steps:
        if s.thread not in movers:
            movers.append(s.thread)
    head = f"{view.property} violated in {view.spec} [{view.variant}] at depth {len(view.steps)}"
    if view.loop is not None:
        head = f"{view.property} violated in {view.spec} [{view.variant}] by a lasso of {len(view.steps)} steps"
    if not minimal:
        if view.loop is None:
            how = FOUND_BY.get(engine, f"found by {engine}")
            head += f" ({how}; shorter traces may exist, none of {none_up_to} steps or fewer)"
        elif none_up_to >= 0:
            head += f" (shorter lassos may exist, none of {none_up_to} steps or fewer)"
        else:
            head += " (shorter lassos may exist)"
    out = [head, "=" * min(len(head), 100)]
    width = max(22, min(width, 150 // max(1, len(movers))))
    out.append("step  " + " ".join(t[:width].ljust(width) for t in movers).rstrip())
    out.append("----  " + " ".join("-" * width for _ in movers))
    for s in view.steps:
        if view.loop is not None and s.index - 1 == view.loop:
            out.append("      " + "-- loop starts here " + "-" * 20)
        col = movers.index(s.thread)
        loc = s.location.rsplit(":", 1)[-1] if s.location else ""
        text = f"{s.text}" + (f" › {s.inner}" if s.inner else "")
        cell_lines = textwrap.wrap(f"L{loc} {text}", width) or [""]
        for k, piece in enumerate(cell_lines):
            prefix = f"{s.index:>4}  " if k == 0 else "      "
            out.append((prefix + " " * ((width + 1) * col) + piece).rstrip())
        for ch in s.changes:
            out.append(f"      {'':{(width + 1) * col}}  {ch.var} = {ch.after}")
    if view.loop is not None and view.loop == len(view.steps):
        out.append("      " + "-- loop: the last state repeats for ever (no step) " + "-" * 4)
    out.append(f"=> {view.final}")
    return "\n".join(out)


def render_result(result: SpecResult, traces: bool = True) -> str:
    parts = [render_matrix(result)]
    if traces:
        for c in result.cells:
            if c.trace is not None:
                parts.append("")
                parts.append(render_trace(c.trace, minimal=c.minimal, none_up_to=c.none_up_to, engine=c.engine))
    return "\n".join(parts)

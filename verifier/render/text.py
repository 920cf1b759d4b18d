"""Text output: the verdict matrix and counterexamples drawn one column per thread."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from verifier.pipeline import Cell, SpecResult
from verifier.render.trace import StepView, TraceView
from verifier.result import REACHABLE, REDUCED, SYMMETRIC

COL = 34
LOCKDEP_WARNING = "a lockdep warning, not a failure: deadlock is settled in this variant"
WIDTH = 100  # the widest line of the default output


def verdict_text(c: Cell) -> str:
    if c.verdict == "violated" and c.lockdep_warning:
        return f"WARNING at {c.depth}" + ("" if c.minimal else " (not shortest)")
    if c.verdict == "violated":
        if not c.minimal:
            if c.none_up_to < 0:
                return f"VIOLATED at {c.depth} (not shortest)"
            return f"VIOLATED at {c.depth} (none up to {c.none_up_to})"
        return f"VIOLATED at {c.depth}"
    if c.verdict == "proved":
        return f"PROVED ({c.engine})"
    if c.verdict == "holds":
        if c.detail.startswith("all ") and c.detail.endswith(SYMMETRIC):
            return f"HOLDS ({c.detail.removesuffix(SYMMETRIC)} states, symmetric)"
        if c.detail.startswith("all ") and c.detail.endswith(REDUCED):
            return f"HOLDS ({c.detail.removesuffix(REDUCED)} states, reduced)"
        if c.detail.startswith("all "):
            return f"HOLDS ({c.detail.removesuffix(REACHABLE)} states)"
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
    sizes = ", ".join(f"{v} {result.bits[v]} bits" for v in variants)
    lines = _wrap(f"{spec.path}: {counted(len(spec.instances), 'thread')}, {sizes}", WIDTH, "  ")
    name_w = max([len(p) for p in props] + [8]) + 2
    cells_txt = {k: f"{verdict_text(c)}  {c.seconds:5.1f}s  {expectation_text(c)}".rstrip() for k, c in by.items()}
    col_w = max([len(t) for t in cells_txt.values()] + [len(v) for v in variants] + [10]) + 3
    if 2 + name_w + col_w * (len(variants) - 1) + max(len(t) for t in [*cells_txt.values(), *variants]) <= WIDTH:
        lines.append("  " + "property".ljust(name_w) + "".join(v.ljust(col_w) for v in variants).rstrip())
        for p in props:
            row = "  " + p.ljust(name_w)
            row += "".join(cells_txt.get((v, p), "-").ljust(col_w) for v in variants)
            lines.append(row.rstrip())
    else:  # too wide side by side: one block per variant
        lines.append("    " + "property".ljust(name_w) + "verdict")
        for v in variants:
            lines.append(f"  [{v}]")
            for p in props:
                if (v, p) in cells_txt:
                    lines.append(f"    {p.ljust(name_w)}{cells_txt[(v, p)]}")
    lines += coverage_lines(result)
    notes = [c for c in result.cells if c.verdict == "unknown" and c.detail]
    for c in notes[:1]:
        lines.append(f"  UNKNOWN [{c.variant}] {c.property}: {c.detail}")
    for c in result.cells:
        for w in c.warnings:
            lines.append(f"  WARNING [{c.variant}] {c.property}: {w}")
    lines += unreached_lines(result)
    lines = [w for line in lines for w in (_wrap(line, WIDTH, "      ") if len(line) > WIDTH else [line])]
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


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`1 thread`, `2 threads`: a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _head(view: TraceView, minimal: bool, none_up_to: int, engine: str) -> str:
    head = f"{view.property} violated in {view.spec} [{view.variant}] at depth {len(view.steps)}"
    if view.loop is not None:
        lasso = counted(len(view.steps), "step")
        head = f"{view.property} violated in {view.spec} [{view.variant}] by a lasso of {lasso}"
    if not minimal:
        if view.loop is None:
            how = FOUND_BY.get(engine, f"found by {engine}")
            head += f" ({how}; shorter traces may exist, none of {none_up_to} steps or fewer)"
        elif none_up_to >= 0:
            head += f" (shorter lassos may exist, none of {none_up_to} steps or fewer)"
        else:
            head += " (shorter lassos may exist)"
    return head


def _ending_lines(view: TraceView, width: int) -> list[str]:
    out = _wrap(f"=> {view.final}", width, "   ")
    for line in view.ending:
        if line.startswith("  "):  # the property's own text, indented
            out += _wrap(line.strip(), width, "       ", first="     ")
        elif " = " in line:  # values: never one split across lines
            head, _, values = line.partition(" ")
            out += _pack(tuple(_items(values)), width, "     ", first=f"   {head} ")
        else:
            out += _wrap(line, width, "     ", first="   ")
    if view.report:  # already within 80 columns
        out += ["", *view.report.splitlines()]
    return out


def _wrap(text: str, width: int, indent: str, first: str = "") -> list[str]:
    """Wrap at spaces only: an identifier or value is never split (a word longer than the line
    overflows it rather)."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def render_trace(
    view: TraceView,
    width: int = COL,
    minimal: bool = True,
    none_up_to: int = -1,
    engine: str = "simulation",
    layout: str = "mail",
    verbose: bool = False,
) -> str:
    """A counterexample: in the mail layout (default) one line per kernel-level event, at most 80
    columns when two threads move and 100 otherwise; in the columns layout one column per thread
    and every step with every change."""
    if layout == "columns":
        return _render_columns(view, width, minimal, none_up_to, engine)
    return _render_mail(view, minimal, none_up_to, engine, verbose)


# ---- the mail layout --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Event:
    """One kernel-level event: a statement of the user's, or a whole prelude call run without
    interruption (its steps first..last), with what it changed."""

    first: int
    last: int
    thread: str
    line: str  # "L190"
    text: str
    changes: tuple[str, ...]  # "var = value"
    loop_starts: bool = False  # a lasso's loop starts before this event
    resumed: bool = False  # the rest of a call this thread started in an earlier event
    interrupts: tuple[str, ...] = ()  # an interrupt handler's delivery: the threads it interrupts


def events(view: TraceView, verbose: bool = False) -> list[Event]:
    """Group a trace's steps into events: consecutive steps of one thread inside the same prelude
    call from the user's code are one event, and a run of a thread's events that change nothing the
    property depends on is one line with its net effect on shared state (with -v every step is its
    own event, with its inner procs and every change)."""
    groups: list[list[StepView]] = []
    for s in view.steps:
        loop_here = view.loop is not None and s.index - 1 == view.loop
        g = groups[-1] if groups else None
        if (
            not verbose
            and g is not None
            and not loop_here
            and g[-1].thread == s.thread
            and s.call != -1
            and g[-1].call == s.call
        ):
            g.append(s)
        else:
            groups.append([s])
    if not verbose:
        groups = _fold(view, groups)
    out: list[Event] = []
    open_calls: dict[str, int] = {}  # per thread, the call its last event was in
    for g in groups:
        s0, sn = g[0], g[-1]
        line = "L" + s0.location.rsplit(":", 1)[-1] if s0.location else ""
        loop_starts = view.loop is not None and s0.index - 1 == view.loop
        if len({s.call for s in g}) > 1 or (len(g) > 1 and s0.call == -1):
            last = "L" + sn.location.rsplit(":", 1)[-1] if sn.location else ""
            lines = line if last == line else f"{line}-{last[1:]}"
            net = _merged(g, verbose, shared_only=True)
            what = f"… {len(g)} steps, nothing {view.property} depends on"
            out.append(Event(s0.index, sn.index, s0.thread, lines, what, net, loop_starts))
            open_calls[s0.thread] = sn.call
            continue
        text = s0.text
        if verbose and s0.inner:
            text += f" › {s0.inner}"
        resumed = s0.call != -1 and open_calls.get(s0.thread) == s0.call and not verbose
        open_calls[s0.thread] = sn.call
        merged = _merged(g, verbose)
        out.append(Event(s0.index, sn.index, s0.thread, line, text, merged, loop_starts, resumed, s0.interrupts))
    return out


FOLD_MIN = 3  # events in a run before it is folded into one line


def _fold(view: TraceView, groups: list[list[StepView]]) -> list[list[StepView]]:
    """Merge runs of at least FOLD_MIN consecutive events of one thread that write nothing the
    property depends on (never the last event, nor across a lasso's loop start)."""
    out: list[list[StepView]] = []
    run: list[list[StepView]] = []

    def flush() -> None:
        if len(run) >= FOLD_MIN:
            out.append([s for g in run for s in g])
        else:
            out.extend(run)
        run.clear()

    for n, g in enumerate(groups):
        quiet = n < len(groups) - 1 and not any(ch.key for s in g for ch in s.shown) and not g[0].handler
        starts_loop = view.loop is not None and g[0].index - 1 == view.loop
        if not quiet or starts_loop or (run and run[-1][0].thread != g[0].thread):
            flush()
        if quiet:
            run.append(g)
        else:
            out.append(g)
    flush()
    return out


def _merged(steps: list[StepView], verbose: bool, shared_only: bool = False) -> tuple[str, ...]:
    """What a group of steps did: each variable's last value, if the property depends on it (every
    change with -v); for a folded run, the net change of shared state. A thread's own locals are
    named without the thread."""
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    key: set[str] = set()
    prefix = steps[0].thread + "."
    for s in steps:
        for ch in s.changes if verbose else s.shown:
            if shared_only and ch.local:
                continue
            name = ch.var.removeprefix(prefix) if ch.local else ch.var
            first.setdefault(name, ch.before)
            last[name] = ch.after
            if ch.key and not shared_only:
                key.add(name)
    if shared_only:
        return tuple(f"{v} = {last[v]}" for v in last if last[v] != first[v])
    return tuple(f"{v} = {last[v]}" for v in last if (verbose and last[v] != first[v]) or v in key)


def _render_mail(view: TraceView, minimal: bool, none_up_to: int, engine: str, verbose: bool) -> str:
    evs = events(view, verbose)
    movers: list[str] = []
    for e in evs:
        if e.thread not in movers:
            movers.append(e.thread)
    width = 80 if len(movers) <= 2 else 100
    out = _wrap(_head(view, minimal, none_up_to, engine), width, "  ")
    out.append("")
    if view.initially:
        out += _pack(view.initially, width, "    ", first="  initially: ")
        out.append("")
    if not evs:
        out.append("  (no step: the initial state)")
    else:
        labels = dict(zip(view.threads, view.labels, strict=False))
        body = _mail_columns(evs, movers, width, labels) if len(movers) <= 3 else None
        out += body if body is not None else _mail_gutter(evs, movers, width)
    if view.loop is not None and view.loop == len(view.steps):
        out.append("  -- loop: the last state repeats for ever (no step)")
    out.append("")
    out += _ending_lines(view, width)
    return "\n".join(out)


def _steps(e: Event) -> str:
    return f"{e.first}" if e.first == e.last else f"{e.first}-{e.last}"


def _event_text(e: Event) -> str:
    return f"{e.line} {'… ' if e.resumed else ''}{e.text}"


INTERRUPTED = "~~ interrupted ~~"  # in a task's column, beside the handler that interrupts it


def _mail_columns(
    evs: list[Event], movers: list[str], width: int, labels: dict[str, str] | None = None
) -> list[str] | None:
    """One column per thread, as such interleavings are drawn by hand (headed by its label: its CPU
    and kind, when threads share CPUs; the bare name if a label does not fit); a thread an interrupt
    handler interrupts shows it in its column. None if a statement or a value would not fit."""
    gut = max(len(_steps(e)) for e in evs) + 2
    col = (width - gut) // len(movers) - 1
    items = [t for e in evs for t in (_event_text(e), *(f"  {c}" for c in e.changes))]
    if col < 24 or any(len(t) > col for t in [*items, *movers]):
        return None
    heads = [(labels or {}).get(t, t) for t in movers]
    if any(len(h) > col for h in heads):
        heads = movers
    out = [(" " * gut + " ".join(t.ljust(col) for t in heads)).rstrip()]
    out.append((" " * gut + " ".join("-" * len(t) + " " * (col - len(t)) for t in heads)).rstrip())
    for e in evs:
        if e.loop_starts:
            out.append(" " * gut + "-- loop starts here --")
        cells = {e.thread: _event_text(e)}
        cells.update((t, INTERRUPTED) for t in e.interrupts if t in movers and t != e.thread)
        row = "".join(cells.get(t, "").ljust(col + 1) for t in movers)
        out.append((_steps(e).rjust(gut - 2) + "  " + row).rstrip())
        pad = " " * (gut + (col + 1) * movers.index(e.thread))
        for c in e.changes:
            out.append(pad + "  " + c)
    return out


def _mail_gutter(evs: list[Event], movers: list[str], width: int) -> list[str]:
    """One event per line: steps, the thread in a fixed-width gutter, the statement, what changed."""
    sw = max(len(_steps(e)) for e in evs)
    tw = min(max(len(t) for t in movers), 18)
    indent = " " * (sw + tw + 4)
    out = []
    for e in evs:
        if e.loop_starts:
            out.append(" " * (sw + 2) + "-- loop starts here --")
        head = f"{_steps(e).rjust(sw)}  {e.thread.ljust(tw)}  "
        text = _event_text(e)
        if e.interrupts:
            text += f" (interrupts {', '.join(e.interrupts)})"
        changes = ", ".join(e.changes)
        if changes and len(head) + len(text) + 3 + len(changes) <= width:
            out.append(f"{head}{text}   {changes}")
            continue
        out += _wrap(text, width, indent + "  ", first=head)
        out += _pack(e.changes, width, indent + "  ")
    return out


def _pack(items: tuple[str, ...], width: int, indent: str, first: str | None = None) -> list[str]:
    """Items (`var = value`) on lines of at most `width`, never one split across two lines."""
    out: list[str] = []
    lead = indent if first is None else first
    line = ""
    for it in items:
        if line and len(lead) + len(line) + 2 + len(it) > width:
            out.append(lead + line + ",")
            lead, line = indent, ""
        line = f"{line}, {it}" if line else it
    if line:
        out.append(lead + line)
    return out


def _items(text: str) -> list[str]:
    """Split `a = {x, y}, b = 1` at the commas between items, not those inside a value."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch in "{[(" and 1) or 0
        depth -= (ch in "}])" and 1) or 0
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


# ---- the columns layout ----------------------------------------------------------------------


def _render_columns(view: TraceView, width: int, minimal: bool, none_up_to: int, engine: str) -> str:
    """One column per thread that moves, every step with every variable it changes."""
    movers: list[str] = []
    for s in view.steps:
        if s.thread not in movers:
            movers.append(s.thread)
    head = _head(view, minimal, none_up_to, engine)
    out = [head, "=" * min(len(head), 100)]
    if view.initially:
        out.append("initially: " + ", ".join(view.initially))
    width = max(22, min(width, 150 // max(1, len(movers))))
    out.append("step  " + " ".join(t[:width].ljust(width) for t in movers).rstrip())
    out.append("----  " + " ".join("-" * width for _ in movers))
    for s in view.steps:
        if view.loop is not None and s.index - 1 == view.loop:
            out.append("      " + "-- loop starts here " + "-" * 20)
        col = movers.index(s.thread)
        loc = s.location.rsplit(":", 1)[-1] if s.location else ""
        text = f"{s.text}" + (f" › {s.inner}" if s.inner else "")
        cell_lines = _wrap(f"L{loc} {text}", width, "")
        for k, piece in enumerate(cell_lines):
            prefix = f"{s.index:>4}  " if k == 0 else "      "
            out.append((prefix + " " * ((width + 1) * col) + piece).rstrip())
        for ch in s.changes:
            out.append(f"      {'':{(width + 1) * col}}  {ch.var} = {ch.after}")
    if view.loop is not None and view.loop == len(view.steps):
        out.append("      " + "-- loop: the last state repeats for ever (no step) " + "-" * 4)
    out += _ending_lines(view, 100)
    return "\n".join(out)


def render_result(result: SpecResult, traces: bool = True, layout: str = "mail", verbose: bool = False) -> str:
    parts = [render_matrix(result)]
    if traces:
        for c in result.cells:
            if c.trace is not None:
                parts.append("")
                if c.lockdep_warning:
                    parts += _wrap(f"WARNING [{c.variant}] {c.property}: {LOCKDEP_WARNING}", 80, "  ")
                parts.append(
                    render_trace(
                        c.trace,
                        minimal=c.minimal,
                        none_up_to=c.none_up_to,
                        engine=c.engine,
                        layout=layout,
                        verbose=verbose,
                    )
                )
    return "\n".join(parts)

"""How a step is named in every report: the statement as the user wrote it, its file:line, the call
it belongs to, and its call chain; the statement that raises a failed check."""

from __future__ import annotations

from verifier.ir.interp import State, evaluate
from verifier.ir.model import Action, Const, Origin, Thread, TransitionSystem
from verifier.source import Span
from verifier.syntax.load import PRELUDE_DISPLAY

PRELUDE = PRELUDE_DISPLAY.split("/", 1)[0]  # the prelude's spans have paths under this


def in_prelude(span: Span | None) -> bool:
    return span is not None and span.path.startswith(PRELUDE)


def statement_text(span: Span) -> str:
    """A statement as written, on one line: its first line without the comment; a block's body as …"""
    first = span.file.line(span.line)
    end = span.end_col if span.end_line == span.line else len(first) + 1
    text = " ".join(_uncommented(first[span.col - 1 : end - 1]).split())
    if span.end_line != span.line:
        text += " … }" if text.endswith("{") else " …"
    return text


def source_text(span: Span) -> str:
    """Everything a span covers (a property over several lines), comments removed, on one line."""
    lines = [span.file.line(n) for n in range(span.line, span.end_line + 1)]
    if not lines:
        return ""
    if len(lines) == 1:
        lines[0] = lines[0][span.col - 1 : span.end_col - 1]
    else:
        lines[0] = lines[0][span.col - 1 :]
        lines[-1] = lines[-1][: span.end_col - 1]
    return " ".join(" ".join(_uncommented(x).split()) for x in lines).strip()


def _uncommented(line: str) -> str:
    return line[: line.index("//")] if "//" in line else line


def short_location(span: Span, spec: str) -> str:
    """`L12` for a line of the spec itself, `kernel.irq:12` for one of another file (the prelude)."""
    return f"L{span.line}" if span.path == spec else f"{span.path.rsplit('/', 1)[-1]}:{span.line}"


def call_chain(thread: str, o: Origin, spec: str) -> str:
    """Where a step is, lockdep-style: the thread, then each call with the line it is made at."""
    parts = [thread]
    for proc, site in zip(o.via, o.sites, strict=False):
        parts.append(f"{short_location(site, spec)} › {proc}")
    if o.span is not None and o.span.line:
        parts.append(short_location(o.span, spec))
    return " ".join(parts)


def _user_frame(span: Span | None, sites: tuple[Span, ...]) -> int:
    """Which of a step's spans (its call sites, outermost first, then its own) names it: the innermost
    in the user's own spec; a step evaluating a call's arguments is named by the call. -1: none."""
    chain = [*sites, span]
    for k in range(len(chain) - 1, -1, -1):
        sp = chain[k]
        if sp is not None and not in_prelude(sp):
            if k > 0 and k == len(chain) - 1 and _inside(sp, chain[k - 1]):
                return k - 1
            return k
    return -1


def call_id(o: Origin) -> int:
    """The kernel-level call a step belongs to: the prelude call made from the user's code (each call
    made anew, in a loop or an unrolled foreach, has its own id); -1 for the user's own statements."""
    k = _user_frame(o.span, o.sites)
    return o.calls[k] if 0 <= k < len(o.sites) and k < len(o.calls) else -1


def name_step(o: Origin) -> tuple[str, str, str]:
    """(statement, inner procs, file:line) naming a step by the innermost line of the user's own
    spec, with the prelude procs beneath it."""
    k = _user_frame(o.span, o.sites)
    if k < 0:
        return o.text, "", f"{o.span.path}:{o.span.line}" if o.span is not None else ""
    sp = o.sites[k] if k < len(o.sites) else o.span
    assert sp is not None
    inner = " › ".join(o.via[k + 1 :]) if k < len(o.sites) else ""
    return statement_text(sp), inner, f"{sp.path}:{sp.line}"


def _inside(inner: Span, outer: Span | None) -> bool:
    if outer is None or inner.path != outer.path:
        return False
    return (outer.line, outer.col) <= (inner.line, inner.col) and (inner.end_line, inner.end_col) <= (
        outer.end_line,
        outer.end_col,
    )


def fault_origin(a: Action, check: str, s: State) -> Origin:
    """The statement that fails `check` in `s` (an assert reading only locals runs in the step of
    the statement after it: it is reported at itself)."""
    return next((o for c, e, o in a.fault_origins if c == check and evaluate(e, s)), a.origin)


# ---- CPUs and interrupt handlers --------------------------------------------------------------

CONTEXT_NAMES = {"hardirq": "hard IRQ", "softirq": "softirq"}  # a handler's kind, as reports say it
COLUMN_KINDS = {"hardirq": "irq", "softirq": "softirq"}  # the same, short, for a column header


def running_var(ts: TransitionSystem, tid: int) -> int | None:
    """The prelude's flag that says handler `tid` is running (None for a task, or without it)."""
    return ts.threads[tid].running


def handler_step(ts: TransitionSystem, a: Action, flag: int | None = None) -> str:
    """ "deliver" for the step that starts a handler, "return" for the one that ends it, else ""."""
    if flag is None:
        flag = running_var(ts, a.thread)
    if flag is None:
        return ""
    for v, e in a.updates:
        if v == flag and isinstance(e, Const) and isinstance(e.value, bool):
            return "deliver" if e.value else "return"
    return ""


def handler_kind(t: Thread) -> str:
    """`hard IRQ on CPU 0`: what a handler is and where it runs."""
    kind = CONTEXT_NAMES.get(t.context, "task")
    return f"{kind} on CPU {t.cpu}" if t.cpu is not None else kind


def handler_text(t: Thread, step: str) -> str:
    """How a delivery or a return reads in a trace."""
    if step == "deliver":
        return f">>> {t.name} ({handler_kind(t)})"
    return f"<<< {t.name} returns"


def shares_cpus(ts: TransitionSystem) -> bool:
    """Do the threads' CPUs matter to a reader: a handler, or two threads on one CPU?"""
    cpus = [t.cpu for t in ts.threads if t.cpu is not None]
    return any(t.context in CONTEXT_NAMES for t in ts.threads) or len(cpus) != len(set(cpus))


def thread_label(ts: TransitionSystem, tid: int) -> str:
    """A thread's column header: `reader (cpu 0)`, `rx_irq (irq, cpu 0)`; the bare name when no
    thread shares a CPU."""
    t = ts.threads[tid]
    if not shares_cpus(ts):
        return t.name
    parts = [COLUMN_KINDS[t.context]] if t.context in COLUMN_KINDS else []
    if t.cpu is not None:
        parts.append(f"cpu {t.cpu}")
    return f"{t.name} ({', '.join(parts)})" if parts else t.name

"""A replayed counterexample as data a person or a tool can read: steps, who moved, what changed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.ir.interp import Interpreter, State, evaluate
from verifier.ir.model import NONE, Action, And, Expr, Ite, Not, Or, Origin, Ref, TransitionSystem, refs
from verifier.render.deadlock import lockdep_report
from verifier.result import Trace
from verifier.source import Span


@dataclass(frozen=True, slots=True)
class Change:
    var: str
    before: str
    after: str
    key: bool = False  # the property depends on this variable
    local: bool = False  # a thread's local variable


@dataclass(frozen=True, slots=True)
class StepView:
    index: int  # 1-based
    thread: str
    text: str  # the statement, as the user wrote it (the call in the spec, for prelude code)
    inner: str  # the prelude procs it runs through, innermost last ("" if none)
    location: str  # file:line of `text`
    changes: tuple[Change, ...]  # every variable the step changes (bookkeeping included)
    # the call chain the step runs in, outermost first: (proc, file:line of its call site)
    calls: tuple[tuple[str, str], ...] = ()
    action: int = -1  # index into ts.actions
    # what a reader needs: changes of all but kernel bookkeeping, and every write of a variable the
    # property depends on, even of the value it had (a reader that reads "unmasked" read something)
    shown: tuple[Change, ...] = ()
    call: int = -1  # the kernel-level call (prelude proc called from the spec) it is part of; -1: none
    where: str = ""  # the call chain with lines, as the ending prints it (see call_chain)


@dataclass(frozen=True, slots=True)
class TraceView:
    spec: str
    variant: str
    property: str
    threads: tuple[str, ...]
    steps: tuple[StepView, ...]
    states: tuple[State, ...]
    final: str  # why the last state violates the property
    loop: int | None = None
    report: str = ""  # a lockdep-style explanation of a deadlock or recursive locking ("" if none)
    # the property as written, the values that make it false, where the offending thread is
    ending: tuple[str, ...] = ()


class ReplayMismatch(Exception):
    """An engine's counterexample that the reference interpreter does not reproduce."""


def replay(ts: TransitionSystem, prop: str, trace: Trace) -> TraceView:
    """Replay `trace` on the explicit interpreter, check that it ends violating `prop`, and describe it."""
    it = Interpreter(ts)
    try:
        states = it.replay(list(trace.actions))
    except Exception as e:
        raise ReplayMismatch(str(e)) from None
    if trace.loop is None and not violates(ts, it, prop, states[-1]):
        raise ReplayMismatch(f"the replayed trace does not end in a state violating '{prop}'")
    if trace.loop is not None and (not 0 <= trace.loop < len(states) or states[trace.loop] != states[-1]):
        raise ReplayMismatch(f"the lasso's last state is not the state its loop starts from (after step {trace.loop})")
    key = depends(ts, prop)
    direct = property_refs(ts, prop)
    lists = _lists(ts)
    steps = []
    for n, ai in enumerate(trace.actions):
        a = ts.actions[ai]
        before, after = states[n], states[n + 1]
        changes = tuple(
            Change(v.name, v.display.show(v.sort, before[i]), v.display.show(v.sort, after[i]), i in key)
            for i, v in enumerate(ts.vars)
            if before[i] != after[i] and not v.hidden
        )
        written = {
            i
            for i, e in a.updates
            if i in key and (i in direct or not ts.vars[i].bookkeeping) and _writes(e, i, before)
        }
        shown = _collapse_lists(ts, lists, key, before, after, written)
        o = a.origin
        text, inner, location = _where(o.text, o.span, o.sites, o.via, ts.spec)
        calls = tuple((proc, f"{site.path}:{site.line}") for proc, site in zip(o.via, o.sites, strict=False))
        name = ts.threads[a.thread].name
        steps.append(
            StepView(
                n + 1,
                name,
                text,
                inner,
                location,
                changes,
                calls,
                ai,
                shown,
                _call_id(o, ts.spec),
                call_chain(name, o, ts.spec),
            )
        )
    return TraceView(
        ts.spec,
        ts.variant,
        prop,
        tuple(t.name for t in ts.threads),
        tuple(steps),
        tuple(states),
        _why(ts, it, prop, states[-1]) if trace.loop is None else _why_lasso(ts, it, prop, states, trace.loop),
        trace.loop,
        report=_report(ts, tuple(states), trace.actions, prop),
        ending=_ending(ts, it, prop, states, tuple(steps)) if trace.loop is None else (),
    )


def _report(ts: TransitionSystem, states: tuple[State, ...], actions: tuple[int, ...], prop: str) -> str:
    """The lockdep-style report; a failure to explain never costs the verdict, and is said."""
    try:
        return lockdep_report(ts, states, actions, prop)
    except Exception as e:  # an explanation only: the trace has replayed
        return f"(no deadlock report: internal error {type(e).__name__}: {e})"


def violates(ts: TransitionSystem, it: Interpreter, prop: str, s: State) -> bool:
    """Does state `s` violate safety property `prop`? (False for a liveness property: a state alone
    never violates one.)"""
    if any(t.name == prop and t.kind != "always" for t in ts.temporals):
        return False
    return it.violated(prop, s)


def step_location(ts: TransitionSystem, action: int) -> tuple[str, str]:
    """(file:line, statement) naming an action as traces do: the innermost line of the user's spec."""
    o = ts.actions[action].origin
    text, _, location = _where(o.text, o.span, o.sites, o.via, ts.spec)
    return location, text


# ---- what the property depends on --------------------------------------------------------


def property_refs(ts: TransitionSystem, prop: str) -> set[int]:
    """The variables property `prop` reads directly (for a check: its failure conditions; for
    deadlock: every guard, since blocking is what it is about)."""
    for inv in ts.invariants:
        if inv.name == prop:
            return refs(inv.expr)
    for t in ts.temporals:
        if t.name == prop:
            return refs(t.body, *([t.trigger] if t.trigger is not None else []))
    if prop == "deadlock":
        return refs(*(a.guard for a in ts.actions))
    return refs(*(c for a in ts.actions for check, c in (*a.faults, *a.warnings) if check == prop))


def depends(ts: TransitionSystem, prop: str) -> frozenset[int]:
    """The variables whose values flow into what `prop` reads: the data cone of influence (guards
    are not followed, so a lock's owner is in it only if the property reads it)."""
    flows: dict[int, set[int]] = {}
    for a in ts.actions:
        for v, e in a.updates:
            flows.setdefault(v, set()).update(refs(e))
    cone = set(property_refs(ts, prop))
    todo = list(cone)
    while todo:
        v = todo.pop()
        for u in flows.get(v, ()):
            if u not in cone:
                cone.add(u)
                todo.append(u)
    return frozenset(v for v in cone if not ts.vars[v].hidden)


@dataclass(frozen=True, slots=True)
class _List:
    name: str
    head: int
    members: int
    next: dict[int, int]  # element code -> its `next` variable


def _lists(ts: TransitionSystem) -> list[_List]:
    """The lists among the state variables (head, next[...], members of a `list<E>`), to show each
    as one value: its elements in order."""
    index = {v.name: i for i, v in enumerate(ts.vars)}
    out = []
    for name, i in index.items():
        if not name.endswith(".members"):
            continue
        base = name.removesuffix(".members")
        head = index.get(f"{base}.head")
        if head is None or f"{base}.poisoned" not in index:
            continue
        elems = ts.vars[head].display.names
        nexts = {c: index[f"{base}.next[{e}]"] for c, e in enumerate(elems) if f"{base}.next[{e}]" in index}
        out.append(_List(base, head, i, nexts))
    return out


def _show_list(ts: TransitionSystem, lst: _List, s: State) -> str:
    names = ts.vars[lst.head].display.names
    items: list[str] = []
    cur = int(s[lst.head])
    while cur != NONE and 0 <= cur < len(names) and names[cur] not in items and cur in lst.next:
        items.append(names[cur])
        cur = int(s[lst.next[cur]])
    return "[" + ", ".join(items) + "]"


def _collapse_lists(
    ts: TransitionSystem, lists: list[_List], key: frozenset[int], before: State, after: State, written: set[int]
) -> tuple[Change, ...]:
    """A step's changes for a reader: all but kernel bookkeeping, every write of a variable the
    property depends on, and a list as its elements in order rather than its links."""
    part_of = {}
    for lst in lists:
        for v in (lst.head, lst.members, *lst.next.values()):
            part_of[v] = lst
    out: list[Change] = []
    done: set[str] = set()
    for i, v in enumerate(ts.vars):
        if v.hidden or not ((before[i] != after[i] and not v.bookkeeping) or i in written):
            continue
        lst = part_of.get(i)
        if lst is None:
            b, a = v.display.show(v.sort, before[i]), v.display.show(v.sort, after[i])
            out.append(Change(v.name, b, a, i in key, v.owner is not None))
        elif lst.name not in done:
            done.add(lst.name)
            parts = (lst.head, lst.members, *lst.next.values())
            b, a = _show_list(ts, lst, before), _show_list(ts, lst, after)
            out.append(Change(lst.name, b, a, any(p in key for p in parts)))
    return tuple(out)


def _writes(e: Expr, var: int, s: State) -> bool:
    """Does update `e` of `var` assign it in state `s` (not keep it through an untaken branch)?"""
    while isinstance(e, Ite):
        e = e.then if evaluate(e.cond, s) else e.orelse
    return not (isinstance(e, Ref) and e.var == var)


def explain(e: Expr, s: State) -> set[int]:
    """The variables that make `e` evaluate as it does in `s`: for a false conjunction the first false
    conjunct's, for a false disjunction every disjunct's (and dually), else every variable read."""
    value = evaluate(e, s)
    match e:
        case And(args):
            if value:
                return set().union(*(explain(x, s) for x in args))
            return explain(next(x for x in args if not evaluate(x, s)), s)
        case Or(args):
            if not value:
                return set().union(*(explain(x, s) for x in args))
            return explain(next(x for x in args if evaluate(x, s)), s)
        case Not(x):
            return explain(x, s)
        case Ite(c, a, b):
            return explain(c, s) | explain(a if evaluate(c, s) else b, s)
    return refs(e)


# ---- naming a step ---------------------------------------------------------------------


def statement_text(span: Span) -> str:
    """A statement as written, on one line: its first line without the comment; a block's body as …"""
    first = span.file.line(span.line)
    end = span.end_col if span.end_line == span.line else len(first) + 1
    text = first[span.col - 1 : end - 1]
    if "//" in text:
        text = text[: text.index("//")]
    text = " ".join(text.split())
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
    return " ".join(" ".join((x[: x.index("//")] if "//" in x else x).split()) for x in lines).strip()


def _short(path: str, spec: str) -> str:
    """`L12` for a line of the spec itself, `kernel.irq:12` for one of another file (the prelude)."""
    file, _, line = path.rpartition(":")
    return f"L{line}" if file == spec else f"{file.rsplit('/', 1)[-1]}:{line}"


def call_chain(thread: str, o: Origin, spec: str) -> str:
    """Where a step is, lockdep-style: the thread, then each call with the line it is made at."""
    parts = [thread]
    for proc, site in zip(o.via, o.sites, strict=False):
        parts.append(f"{_short(f'{site.path}:{site.line}', spec)} › {proc}")
    if o.span is not None and o.span.line:
        parts.append(_short(f"{o.span.path}:{o.span.line}", spec))
    return " ".join(parts)


def _user_frame(span: Span | None, sites: tuple[Span, ...]) -> int:
    """Which of a step's spans (its call sites, outermost first, then its own) names it: the innermost
    in the user's own spec; a step evaluating a call's arguments is named by the call. -1: none."""
    chain = [*sites, span]
    for k in range(len(chain) - 1, -1, -1):
        sp = chain[k]
        if sp is not None and not sp.path.startswith("<prelude>"):
            if k > 0 and k == len(chain) - 1 and _inside(sp, chain[k - 1]):
                return k - 1
            return k
    return -1


def _call_id(o: Origin, spec: str) -> int:
    """The kernel-level call a step belongs to: the prelude call made from the user's code (each call
    made anew, in a loop or an unrolled foreach, has its own id); -1 for the user's own statements."""
    k = _user_frame(o.span, o.sites)
    return o.calls[k] if 0 <= k < len(o.sites) and k < len(o.calls) else -1


def _where(
    text: str, span: Span | None, sites: tuple[Span, ...], via: tuple[str, ...], spec: str
) -> tuple[str, str, str]:
    """Name a step by the innermost line of the user's own spec, with the prelude procs beneath it."""
    k = _user_frame(span, sites)
    if k < 0:
        return text, "", f"{span.path}:{span.line}" if span is not None else ""
    sp = sites[k] if k < len(sites) else span
    assert sp is not None
    inner = " › ".join(via[k + 1 :]) if k < len(sites) else ""
    return statement_text(sp), inner, f"{sp.path}:{sp.line}"


def _inside(inner: Span, outer: Span | None) -> bool:
    if outer is None or inner.path != outer.path:
        return False
    return (outer.line, outer.col) <= (inner.line, inner.col) and (inner.end_line, inner.end_col) <= (
        outer.end_line,
        outer.end_col,
    )


# ---- the ending ----------------------------------------------------------------------------


def _ending(
    ts: TransitionSystem, it: Interpreter, prop: str, states: list[State], steps: tuple[StepView, ...]
) -> tuple[str, ...]:
    """The property as written, the values that falsify it, and where the offending thread is."""
    s = states[-1]
    for inv in ts.invariants:
        if inv.name == prop:
            return _predicate_ending(ts, f"invariant {prop}", inv.expr, inv.span, s, steps)
    for t in ts.temporals:
        if t.name == prop and t.kind == "always":
            return _predicate_ending(ts, f"property {prop}", t.body, t.span, s, steps)
    for check, tid, ai in [*it.faults(s), *it.warnings(s)]:
        if check == prop:
            a = ts.actions[ai]
            o = _fault_origin(a, check, s)
            cond = next((e for c, e in (*a.faults, *a.warnings) if c == check and evaluate(e, s)), None)
            lines = []
            if o.span is not None and o.span.line and o.span.path.startswith("<prelude>"):
                lines.append(f"at {_short(f'{o.span.path}:{o.span.line}', ts.spec)}: {statement_text(o.span)}")
            vals = _values(ts, explain(cond, s), s) if cond is not None else ""
            if vals:
                lines.append(f"with {vals}")
            lines.append(f"in {call_chain(ts.threads[tid].name, o, ts.spec)}")
            return tuple(lines)
    return ()


def _fault_origin(a: Action, check: str, s: State) -> Origin:
    """The statement that fails `check` in `s` (an assert reading only locals runs in the step of
    the statement after it: it is reported at itself)."""
    return next((o for c, e, o in a.fault_origins if c == check and evaluate(e, s)), a.origin)


def _predicate_ending(
    ts: TransitionSystem, what: str, e: Expr, span: Span | None, s: State, steps: tuple[StepView, ...]
) -> tuple[str, ...]:
    lines = []
    if span is not None and span.line:
        text = source_text(span)
        name = what.split()[-1]
        m = re.match(rf"\w+\s+{re.escape(name)}\s*:\s*", text)  # `invariant NAME:` is said above
        lines.append(f"  {text[m.end() :] if m else text}")
    vals = _values(ts, explain(e, s), s)
    if vals:
        lines.append(f"false with {vals}")
    if steps:
        lines.append(f"after step {steps[-1].index}: {steps[-1].where}")
    return tuple(lines)


def _values(ts: TransitionSystem, vs: set[int], s: State, limit: int = 12) -> str:
    shown = [f"{ts.vars[i].name} = {ts.vars[i].display.show(ts.vars[i].sort, s[i])}" for i in sorted(vs)]
    shown = [x for i, x in zip(sorted(vs), shown, strict=True) if not ts.vars[i].hidden]
    if len(shown) > limit:
        return ", ".join(shown[:limit]) + f", … ({len(shown) - limit} more)"
    return ", ".join(shown)


def _why_lasso(ts: TransitionSystem, it: Interpreter, prop: str, states: list[State], loop: int) -> str:
    """Why a lasso violates liveness property `prop`: what never happens, and why the loop is fair."""
    t = next(x for x in ts.temporals if x.name == prop)
    k = len(states) - 1
    if t.kind == "leads_to" and t.trigger is not None:
        opened = min(
            (
                i
                for i, s in enumerate(states)
                if evaluate(t.trigger, s) and not any(evaluate(t.body, x) for x in states[i:])
            ),
            default=0,
        )
        what = f"{prop}: its trigger holds after step {opened}, and its goal never holds from then on"
        if opened == 0:
            what = f"{prop}: its trigger holds initially, and its goal never holds"
    elif t.kind == "eventually":
        what = f"{prop}: its predicate never holds"
    else:
        what = f"{prop}: from step {loop} on, its predicate never holds again"
    if loop == k:
        movers = sorted({ts.threads[ts.actions[ai].thread].name for ai, _ in it.next_states(states[k])})
        why = "no thread can step there" if not movers else f"only threads that are not fair can: {', '.join(movers)}"
        return f"{what}; the run stays in its last state for ever ({why})"
    fair = [x.name for x in ts.threads if x.fair]
    served = f"; every fair thread ({', '.join(fair)}) steps in the loop or is disabled in it" if fair else ""
    return f"{what}; steps {loop + 1}..{k} repeat for ever{served}"


def _why(ts: TransitionSystem, it: Interpreter, prop: str, s: State) -> str:
    for inv in ts.invariants:
        if inv.name == prop:
            where = f" ({inv.span.path}:{inv.span.line})" if inv.span is not None and inv.span.line else ""
            return f"invariant {prop}{where} is false"
    if prop == "deadlock":
        blocked, stopped = [], []
        for t in ts.threads:
            if t.daemon or int(s[t.pc]) == t.end:
                continue
            acts = [ai for ai, a in enumerate(ts.actions) if a.thread == t.tid and a.src == int(s[t.pc])]
            failed = [c for ai in acts for c, e in ts.actions[ai].faults if evaluate(e, s)]
            if failed:
                stopped.append(f"{t.name} (stopped by {failed[0]})")
            elif not any(evaluate(ts.actions[ai].assume_fails, s) for ai in acts):
                blocked.append(t.name)
        more = f"; not waiting: {', '.join(stopped)}" if stopped else ""
        return f"deadlock: no thread can step; blocked: {', '.join(blocked)}{more}"
    for check, tid, ai in [*it.faults(s), *it.warnings(s)]:
        if check == prop:
            o = _fault_origin(ts.actions[ai], check, s)
            text, inner, loc = _where(o.text, o.span, o.sites, o.via, ts.spec)
            desc = next((c.description for c in ts.checks if c.name == prop), prop)
            via = f" › {inner}" if inner else ""
            return f"{prop}: {ts.threads[tid].name} is about to run `{text}`{via} ({loc}): {desc}"
    for t in ts.temporals:
        if t.name == prop and t.kind == "always" and not evaluate(t.body, s):
            return f"property {prop} is false"
    return f"{prop} is violated"

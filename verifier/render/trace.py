"""A replayed counterexample as data a person or a tool can read: steps, who moved, what changed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.ir.interp import Interpreter, State, evaluate
from verifier.ir.model import And, Expr, Ite, ListVars, Not, Or, Ref, TransitionSystem, refs
from verifier.render.deadlock import lockdep_report
from verifier.render.naming import (
    call_chain,
    call_id,
    fault_origin,
    handler_kind,
    handler_step,
    handler_text,
    in_prelude,
    name_step,
    running_var,
    short_location,
    source_text,
    statement_text,
    thread_label,
)
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
    handler: str = ""  # "deliver" or "return": an interrupt handler starts or ends (its text says so)
    interrupts: tuple[str, ...] = ()  # for a delivery: the threads of its CPU it interrupts mid-run
    says: tuple[str, ...] = ()  # variables its text states (a handler's running flag), not listed


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
    labels: tuple[str, ...] = ()  # per thread, its column header (its CPU and kind, if they matter)
    initially: tuple[str, ...] = ()  # "var = value" for what the spec's `init` blocks set


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
    flags = {t.tid: f for t in ts.threads if (f := running_var(ts, t.tid)) is not None}
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
        shown = _collapse_lists(ts, key, before, after, written)
        o = a.origin
        text, inner, location = name_step(o)
        kind = handler_step(ts, a, flags.get(a.thread))
        says: tuple[str, ...] = ()
        interrupts: tuple[str, ...] = ()
        if kind:
            text, inner = handler_text(ts.threads[a.thread], kind), ""
            says = (ts.vars[flags[a.thread]].name,)
            shown = tuple(ch for ch in shown if ch.var not in says)
            if kind == "deliver":
                interrupts = _interrupted(ts, a.thread, trace.actions[:n], before, flags)
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
                call_id(o),
                call_chain(name, o, ts.spec),
                kind,
                interrupts,
                says,
            )
        )
    if trace.loop is None:
        final, ending = _why(ts, it, prop, states[-1], tuple(steps))
    else:
        final, ending = _why_lasso(ts, it, prop, states, trace.loop), ()
    return TraceView(
        ts.spec,
        ts.variant,
        prop,
        tuple(t.name for t in ts.threads),
        tuple(steps),
        tuple(states),
        final,
        trace.loop,
        report=_report(ts, tuple(states), trace.actions, prop),
        ending=ending,
        labels=tuple(thread_label(ts, t.tid) for t in ts.threads),
        initially=tuple(
            f"{ts.vars[i].name} = {ts.vars[i].display.show(ts.vars[i].sort, states[0][i])}"
            for i in ts.initialised
            if not ts.vars[i].hidden
        ),
    )


def _interrupted(
    ts: TransitionSystem, tid: int, done: tuple[int, ...], s: State, flags: dict[int, int]
) -> tuple[str, ...]:
    """The threads of handler `tid`'s CPU that its delivery in state `s` interrupts: tasks that have
    begun and not ended (after steps `done`), and handlers that are running."""
    me = ts.threads[tid]
    began = {ts.actions[ai].thread for ai in done}
    out = []
    for t in ts.threads:
        if t.tid == tid or t.cpu is None or t.cpu != me.cpu or int(s[t.pc]) == t.end:
            continue
        if (t.tid in flags and s[flags[t.tid]]) or (t.context == "task" and t.tid in began):
            out.append(t.name)
    return tuple(out)


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


def _show_list(ts: TransitionSystem, lst: ListVars, s: State) -> str:
    """A list as its elements in order, from its head along the next links."""
    names = ts.vars[lst.head].display.names
    links = dict(lst.next)
    items: list[str] = []
    cur = int(s[lst.head])
    while cur in links and 0 <= cur < len(names) and names[cur] not in items:
        items.append(names[cur])
        cur = int(s[links[cur]])
    return "[" + ", ".join(items) + "]"


def _collapse_lists(
    ts: TransitionSystem, key: frozenset[int], before: State, after: State, written: set[int]
) -> tuple[Change, ...]:
    """A step's changes for a reader: all but kernel bookkeeping, every write of a variable the
    property depends on, and a list as its elements in order rather than its links."""
    part_of = {v: lst for lst in ts.lists for v in (lst.head, lst.members, *(x for _, x in lst.next))}
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
            parts = (lst.head, lst.members, *(x for _, x in lst.next))
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


# ---- the ending ----------------------------------------------------------------------------


def _predicate_ending(
    ts: TransitionSystem, name: str, e: Expr, span: Span | None, s: State, steps: tuple[StepView, ...]
) -> tuple[str, ...]:
    lines = []
    if span is not None and span.line:
        text = source_text(span)
        m = re.match(rf"\w+\s+{re.escape(name)}\s*:\s*", text)  # `invariant NAME:` is said above
        lines.append(f"  {text[m.end() :] if m else text}")
    vals = _values(ts, explain(e, s), s)
    if vals:
        lines.append(f"false with {vals}")
    if steps:
        lines.append(f"after step {steps[-1].index}: {steps[-1].where}")
    return tuple(lines)


def _values(ts: TransitionSystem, vs: set[int], s: State, limit: int = 12) -> str:
    shown = [f"{v.name} = {v.display.show(v.sort, s[i])}" for i in sorted(vs) if not (v := ts.vars[i]).hidden]
    more = f", … ({len(shown) - limit} more)" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more


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


def _why(
    ts: TransitionSystem, it: Interpreter, prop: str, s: State, steps: tuple[StepView, ...]
) -> tuple[str, tuple[str, ...]]:
    """Why the last state `s` violates `prop`, in one line, and the ending under it: the property as
    written, the values that falsify it, and where the offending thread is."""
    for inv in ts.invariants:
        if inv.name == prop:
            where = f" ({inv.span.path}:{inv.span.line})" if inv.span is not None and inv.span.line else ""
            return f"invariant {prop}{where} is false", _predicate_ending(ts, prop, inv.expr, inv.span, s, steps)
    if prop == "deadlock":
        blocked = []
        for t in ts.threads:
            flag = running_var(ts, t.tid)
            mid_body = flag is not None and bool(s[flag])  # a handler is a daemon, but not idle here
            if (t.daemon and not mid_body) or int(s[t.pc]) == t.end:
                continue
            # no thread is stopped in a deadlock (3.3): every one not done is blocked
            blocked.append(t.name + (f" ({handler_kind(t)})" if mid_body else ""))
        return f"deadlock: no thread can step; blocked: {', '.join(blocked)}", ()
    for check, tid, ai in [*it.faults(s), *it.warnings(s)]:
        if check == prop:
            a = ts.actions[ai]
            o = fault_origin(a, check, s)
            text, inner, loc = name_step(o)
            desc = next((c.description for c in ts.checks if c.name == prop), prop)
            via = f" › {inner}" if inner else ""
            final = f"{prop}: {ts.threads[tid].name} is about to run `{text}`{via} ({loc}): {desc}"
            lines = []
            if o.span is not None and o.span.line and in_prelude(o.span):
                lines.append(f"at {short_location(o.span, ts.spec)}: {statement_text(o.span)}")
            cond = next((e for c, e in (*a.faults, *a.warnings) if c == check and evaluate(e, s)), None)
            vals = _values(ts, explain(cond, s), s) if cond is not None else ""
            if vals:
                lines.append(f"with {vals}")
            lines.append(f"in {call_chain(ts.threads[tid].name, o, ts.spec)}")
            return final, tuple(lines)
    for t in ts.temporals:
        if t.name == prop and t.kind == "always" and not evaluate(t.body, s):
            return f"property {prop} is false", _predicate_ending(ts, prop, t.body, t.span, s, steps)
    return f"{prop} is violated", ()

"""A replayed counterexample as data a person or a tool can read: steps, who moved, what changed."""

from __future__ import annotations

from dataclasses import dataclass

from verifier.ir.interp import Interpreter, State, evaluate
from verifier.ir.model import TransitionSystem
from verifier.result import Trace
from verifier.source import Span


@dataclass(frozen=True, slots=True)
class Change:
    var: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class StepView:
    index: int  # 1-based
    thread: str
    text: str  # the statement, as the user wrote it (the call in the spec, for prelude code)
    inner: str  # the prelude procs it runs through, innermost last ("" if none)
    location: str  # file:line of `text`
    changes: tuple[Change, ...]


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
    steps = []
    for n, ai in enumerate(trace.actions):
        a = ts.actions[ai]
        before, after = states[n], states[n + 1]
        changes = tuple(
            Change(v.name, v.display.show(v.sort, before[i]), v.display.show(v.sort, after[i]))
            for i, v in enumerate(ts.vars)
            if before[i] != after[i] and not v.hidden
        )
        text, inner, location = _where(a.origin.text, a.origin.span, a.origin.sites, a.origin.via, ts.spec)
        steps.append(StepView(n + 1, ts.threads[a.thread].name, text, inner, location, changes))
    return TraceView(
        ts.spec,
        ts.variant,
        prop,
        tuple(t.name for t in ts.threads),
        tuple(steps),
        tuple(states),
        _why(ts, it, prop, states[-1]) if trace.loop is None else _why_lasso(ts, it, prop, states, trace.loop),
        trace.loop,
    )


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


def _where(
    text: str, span: Span | None, sites: tuple[Span, ...], via: tuple[str, ...], spec: str
) -> tuple[str, str, str]:
    """Name a step by the innermost line of the user's own spec, with the prelude procs beneath it."""
    chain = [*sites, span] if span is not None else list(sites)
    for k in range(len(chain) - 1, -1, -1):
        sp = chain[k]
        if sp is not None and not sp.path.startswith("<prelude>"):
            inner = " › ".join(via[k + 1 :])  # the procs beneath the user's own call
            return " ".join(sp.text().split()), inner, f"{sp.path}:{sp.line}"
    loc = f"{span.path}:{span.line}" if span is not None else ""
    return text, "", loc


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
        waiting = [t.name for t in ts.threads if not t.daemon and int(s[t.pc]) != t.end]
        return "deadlock: no thread can step; still waiting: " + ", ".join(waiting)
    for check, tid, ai in [*it.faults(s), *it.warnings(s)]:
        if check == prop:
            a = ts.actions[ai]
            text, inner, loc = _where(a.origin.text, a.origin.span, a.origin.sites, a.origin.via, ts.spec)
            desc = next((c.description for c in ts.checks if c.name == prop), prop)
            via = f" › {inner}" if inner else ""
            return f"{prop}: {ts.threads[tid].name} is about to run `{text}`{via} ({loc}): {desc}"
    for t in ts.temporals:
        if t.name == prop and t.kind == "always" and not evaluate(t.body, s):
            return f"property {prop} is false"
    return f"{prop} is violated"

"""k-liveness: a liveness property of `ts` as an invariant of a system that counts fair rounds.

The reduction of Claessen and Sörensson (2012), for the obligations of verifier/ir/l2s.py. A
*round* is a stretch of the run, the obligation pending throughout, in which every fair thread is
*served*: it steps, or is seen disabled. A counter `kl.rounds` counts the rounds completed since
the obligation last opened; it returns to 0 whenever a step leaves a state where the obligation
is not pending. The property holds iff, for some bound K, no reachable state is *bad*: the
obligation pending and either more than K rounds completed, or no fair thread enabled (a run may
stop there, which no fairness forbids).

The bookkeeping is done by a monitor thread `kl` (never fair), so that each step of the system
updates only its own thread's flag and no step's relation mentions every thread's guard: in a
pending state, `kl` may mark a disabled fair thread served, and close a round once every fair
thread is served (the counter goes up, the flags are cleared). Neither changes the state.

Why it is sound: a run that violates the property ends in a lasso whose loop keeps the obligation
pending and serves every fair thread (a weakly fair one steps or is disabled on the loop; a
strongly fair one steps or is never enabled on it, so it is disabled on it too). From any state
of the loop, the monitor can close a round within one traversal, so K + 1 traversals reach a bad
state; a run that stops (a loop of no steps) stops in a state with no fair thread enabled, which
is bad at once. Strong fairness is counted as weak here: a proof needs a helpful thread that is
enabled until it steps, which is the ranking argument of verifier/engines/symrank.py.

Unlike liveness to safety, the new state is a few bits (no copy of the state), so a certificate
of it is as small as the ranking it encodes. New variables: `kl.pending` (the monitor bit as of
the previous state, as `l2s.pending`), `kl.served.T` per fair thread T, `kl.rounds` (0..K+1),
`kl.pc`. All are hidden from traces.
"""

from __future__ import annotations

from dataclasses import replace

from verifier.ir.l2s import enabled_expr, obligation, temporal
from verifier.ir.model import (
    BOOL,
    FALSE,
    TRUE,
    Action,
    Const,
    Expr,
    Invariant,
    Origin,
    Ref,
    Thread,
    TransitionSystem,
    Var,
    int_sort,
    mk_and,
    mk_arith,
    mk_cmp,
    mk_ite,
    mk_not,
    mk_or,
)


def k_liveness(ts: TransitionSystem, prop: str, bound: int) -> tuple[TransitionSystem, str]:
    """(the counting system, the name of its invariant) for liveness property `prop` of `ts`:
    at most `bound` rounds complete while the obligation stays pending, and it is never pending
    where no fair thread can step."""
    if bound < 0:
        raise ValueError("the bound on rounds is at least 0")
    ob = obligation(temporal(ts, prop))
    n = len(ts.vars)
    new: list[Var] = []

    def var(name: str, sort=BOOL) -> Ref:  # type: ignore[no-untyped-def]
        new.append(Var(f"kl.{name}", sort, None, hidden=True))
        return Ref(n + len(new) - 1)

    pending_prev = var("pending")
    fair = [t for t in ts.threads if t.fair in ("weak", "strong")]
    served = {t.tid: var(f"served.{t.name}") for t in fair}
    rounds_sort = int_sort(0, bound + 1)
    rounds = var("rounds", rounds_sort)
    pc = var("pc", int_sort(0, 1))
    en = {t.tid: enabled_expr(ts, t.tid) for t in fair}
    pending = mk_and(mk_or(pending_prev, ob.opens), ob.open)
    zero, one, top = (Const(v, rounds_sort) for v in (0, 1, bound + 1))

    actions = []
    for a in ts.actions:
        ups: list[tuple[int, Expr]] = [(pending_prev.var, pending)]
        ups += [(x.var, pending if t == a.thread else mk_and(pending, x)) for t, x in served.items()]
        ups.append((rounds.var, mk_ite(pending, rounds, zero)))
        actions.append(replace(a, updates=a.updates + tuple(ups)))
    monitor = Thread(len(ts.threads), "kl", pc.var, 0, True, None, ("end", "count"))

    def monitor_step(guard: Expr, updates: list[tuple[int, Expr]], text: str) -> Action:
        return Action(monitor.tid, 1, 1, mk_and(pending, guard), tuple(updates), (), Origin(text, None))

    for t in fair:
        seen = monitor_step(mk_not(en[t.tid]), [(served[t.tid].var, TRUE)], f"{t.name} is disabled (k-liveness)")
        actions.append(seen)
    more = mk_ite(mk_cmp(">=", rounds, top), top, mk_arith("+", rounds, one))
    close = [(rounds.var, more), *[(x.var, FALSE) for x in served.values()]]
    actions.append(monitor_step(mk_and(*served.values()), close, "every fair thread served: a round (k-liveness)"))

    stuck = mk_and(*[mk_not(e) for e in en.values()])
    bad = mk_and(pending, mk_or(mk_cmp(">", rounds, Const(bound, rounds_sort)), stuck))
    name = f"klive_{prop}"
    init: list[int | bool] = [*ts.init, ob.initially, *[False for _ in fair], 0, 1]
    return (
        replace(
            ts,
            vars=ts.vars + tuple(new),
            init=tuple(init),
            threads=(*ts.threads, monitor),
            actions=tuple(actions),
            invariants=(Invariant(name, mk_not(bad), None),),
            temporals=(),
            checks=(),
        ),
        name,
    )

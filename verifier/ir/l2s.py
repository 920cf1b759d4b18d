"""Liveness to safety: a liveness property of `ts` as an invariant of a larger transition system.

The classic state-recording translation (Biere, Artho, Schuppan 2002), with the pending bit of the
obligation's monitor (below) and per-thread fairness flags. One more thread, `l2s`, may once, in
any state where the obligation is pending, *save* it: copy every variable. From then on each
step records whether each fair thread stepped, and whether it was disabled in some (weak) or
enabled in some (strong) state since the save. The liveness property holds iff no reachable
state is *bad*: saved, the state equal to the copy, the obligation pending there and in every
state since the save, and every fair thread served on the way (it stepped, or, if weakly fair,
it was disabled somewhere; if strongly fair, disabled throughout). A save followed at once by
the bad state is a stutter on a state where no fair thread is enabled.

New variables: `l2s.saved`, `l2s.pending` (the monitor bit as of the previous state: pending
in s is (l2s.pending || opens(s)) && open(s)), `l2s.left` (the obligation closed after the save),
`l2s.copy.X` per variable X, and per fair thread T `l2s.stepped.T` and `l2s.disabled.T` (weak)
or `l2s.enabled.T` (strong). All are hidden from traces.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    Temporal,
    Thread,
    TransitionSystem,
    Var,
    int_sort,
    mk_and,
    mk_eq,
    mk_not,
    mk_or,
)

# ---- the obligation a property imposes ---------------------------------------------------------

LIVENESS_KINDS = frozenset({"eventually", "always_eventually", "leads_to"})


@dataclass(frozen=True, slots=True)
class Obligation:
    """What a temporal property asks, as a monitor: an obligation that opens and must close.

    | property              | opens in               | stays open while |
    |-----------------------|------------------------|------------------|
    | `eventually p`        | the initial state      | `!p`             |
    | `always eventually p` | any state              | `!p`             |
    | `p ~> q`              | a state where `p`      | `!q`             |
    """

    name: str
    kind: str
    opens: Expr  # a state where the obligation opens
    open: Expr  # a state where it stays open
    initially: bool  # open in the initial state regardless of `opens` (eventually p)
    trigger: Expr | None  # p of p ~> q (for the vacuity warning)
    goal: Expr  # the predicate that closes it (p of eventually/always eventually, q of ~>)


def obligation(t: Temporal) -> Obligation:
    """The monitor of temporal property `t` (not `always`, which is a safety property)."""
    if t.kind == "eventually":
        return Obligation(t.name, t.kind, FALSE, mk_not(t.body), True, None, t.body)
    if t.kind == "always_eventually":
        return Obligation(t.name, t.kind, TRUE, mk_not(t.body), False, None, t.body)
    if t.kind == "leads_to":
        assert t.trigger is not None
        return Obligation(t.name, t.kind, t.trigger, mk_not(t.body), False, t.trigger, t.body)
    raise ValueError(f"{t.name} is not a liveness property")


def temporal(ts: TransitionSystem, name: str) -> Temporal:
    for t in ts.temporals:
        if t.name == name:
            return t
    raise KeyError(name)


def is_liveness(ts: TransitionSystem, name: str) -> bool:
    return any(t.name == name and t.kind in LIVENESS_KINDS for t in ts.temporals)


# ---- the safety system ---------------------------------------------------------------------------


def enabled_expr(ts: TransitionSystem, tid: int) -> Expr:
    """Thread `tid` can step: some action of it is at its pc, its guard holds, no fault holds."""
    pc = Ref(ts.threads[tid].pc)
    alts = []
    for a in ts.actions:
        if a.thread != tid:
            continue
        alts.append(
            mk_and(
                mk_eq(pc, Const(a.src, ts.vars[ts.threads[tid].pc].sort)), a.guard, *[mk_not(c) for _, c in a.faults]
            )
        )
    return mk_or(*alts)


def liveness_to_safety(ts: TransitionSystem, prop: str) -> tuple[TransitionSystem, str]:
    """(the safety system, the name of its invariant) for liveness property `prop` of `ts`."""
    ob = obligation(temporal(ts, prop))
    n = len(ts.vars)
    new: list[Var] = []

    def var(name: str, sort=BOOL) -> Ref:  # type: ignore[no-untyped-def]
        new.append(Var(f"l2s.{name}", sort, None, hidden=True))
        return Ref(n + len(new) - 1)

    saved = var("saved")
    pending_prev = var("pending")
    left = var("left")
    copies = [var(f"copy.{v.name}", v.sort) for v in ts.vars]
    fair = [t for t in ts.threads if t.fair in ("weak", "strong")]
    stepped = {t.tid: var(f"stepped.{t.name}") for t in fair}
    seen = {t.tid: var(f"disabled.{t.name}" if t.fair == "weak" else f"enabled.{t.name}") for t in fair}
    pc_sort = int_sort(0, 1)
    pc = var("pc", pc_sort)
    en = {t.tid: enabled_expr(ts, t.tid) for t in fair}

    pending = mk_and(mk_or(pending_prev, ob.opens), ob.open)

    def observed(t: Thread) -> Expr:
        """What the state shows of fair thread t: disabled (weak) or enabled (strong)."""
        return mk_not(en[t.tid]) if t.fair == "weak" else en[t.tid]

    actions: list[Action] = []
    for a in ts.actions:
        ups: list[tuple[int, Expr]] = [
            (pending_prev.var, pending),
            (left.var, mk_or(left, mk_and(saved, mk_not(pending)))),
        ]
        for t in fair:
            if t.tid == a.thread:
                ups.append((stepped[t.tid].var, mk_or(stepped[t.tid], saved)))
            ups.append((seen[t.tid].var, mk_or(seen[t.tid], mk_and(saved, observed(t)))))
        actions.append(replace(a, updates=a.updates + tuple(ups)))
    monitor = Thread(len(ts.threads), "l2s", pc.var, 0, True, None, ("end", "save"))
    save_updates: list[tuple[int, Expr]] = [
        (saved.var, TRUE),
        (pending_prev.var, pending),
        (left.var, Const(False, BOOL)),
    ]
    save_updates += [(c.var, Ref(i)) for i, c in enumerate(copies)]
    for t in fair:
        save_updates.append((stepped[t.tid].var, Const(False, BOOL)))
        save_updates.append((seen[t.tid].var, observed(t)))
    actions.append(
        Action(
            monitor.tid,
            1,
            1,
            mk_and(mk_not(saved), pending),
            tuple(save_updates),
            (),
            Origin("save the state (liveness to safety)", None),
        )
    )
    served = []
    for t in fair:
        if t.fair == "weak":
            served.append(mk_or(stepped[t.tid], seen[t.tid], mk_not(en[t.tid])))
        else:
            served.append(mk_or(stepped[t.tid], mk_not(mk_or(seen[t.tid], en[t.tid]))))
    same = [mk_eq(Ref(i), c) for i, c in enumerate(copies)]
    bad = mk_and(saved, mk_not(left), pending, *same, *served)
    name = f"l2s_{prop}"
    init = [*ts.init, *[_init_value(v) for v in new]]
    init[pending_prev.var] = ob.initially  # eventually p: pending from the start
    init[pc.var] = 1  # the monitor thread starts at its one pc
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


def _init_value(v: Var) -> int | bool:
    if v.sort.kind == "bool":
        return False
    if v.sort.kind == "set":
        return 0
    return v.sort.lo

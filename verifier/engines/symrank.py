"""Liveness proofs by ranking with BDDs: rank.py's argument over sets of states, written as a
certificate of the k-liveness system (verifier/ir/klive.py).

rank.py enumerates the reachable graph and its strongly connected components, which ends at a
few million states. Here every set is a decision diagram (verifier/symbolic/encode.py):

1. R, the reachable states (symbolic reachability), and U, the pending region: the states where
   the obligation opens and is open, and what they reach while it stays open.
2. Groups, from the closing states up. Given L (the groups so far, and every state where the
   obligation is closed), the group of fair thread h is the largest set X of unranked states of U
   where h is enabled, every step of h goes into L, and every other step stays in X or goes into
   L (a greatest fixpoint: the candidates minus those that can step, through candidates, out of
   them). Each thread in turn; groups are numbered in the order found. When a round of threads
   adds nothing while states of U remain, those states have no helpful thread: a fair cycle, or
   strong fairness this rule does not cover, and there is no proof here. Every step from group k
   goes to a group below k, stays in k, or closes the obligation; a step of k's helpful thread
   never stays; and that thread is enabled throughout k. So a round of fair steps that serves
   every thread leaves k for a lower group: at most G - 1 rounds complete while the obligation
   is pending, with G groups.
3. The invariant of the k-liveness system with bound K = G - 1 (rounds: kl.rounds; the helpful
   thread of group k: h_k):
       R and (opens and open -> U) and (kl.pending -> not open or U)
       and AND_k (pending and G_k -> rounds + k < K or rounds + k = K and not served(h_k))
       and (pending -> rounds <= K and some helpful thread enabled)
   The last conjunct follows from the others (each pending state is in a group, whose helpful
   thread is enabled in it); it is there so that the property check is immediate for Z3.
   with R, U and each G_k written as if-then-else diagrams over the bits of the state. It is
   checked like symbolic reachability's certificates: the step with BDDs, base and property with
   Z3, before anything is reported (check_invariant).

The budget is work, as for symbolic reachability (verifier/symbolic/encode.py): every image and
preimage is charged, the re-check is only guarded. The resampler with two irqfds
(`eventual_deassert` of `merged`) takes 110 work units, 69 of them finding the reachable states.
"""

from __future__ import annotations

import z3

from verifier.engines.symbolic import CERTIFICATE_WORK, reachable_set, to_z3
from verifier.engines.work import BDD_WORK_PER_UNIT, Meter
from verifier.ir.klive import k_liveness
from verifier.ir.l2s import Obligation, enabled_expr, obligation, temporal
from verifier.ir.model import FALSE, Const, Expr, Ref, TransitionSystem, mk_and, mk_cmp, mk_eq, mk_not, mk_or
from verifier.proof.certificate import Invariant, check_invariant, invariant_smt2
from verifier.result import Outcome, Proved, Unknown
from verifier.smt.encode import Encoding
from verifier.symbolic.encode import OP_WORK, Bdd, Step, Stop, SymbolicSystem

NO_HELPFUL = "have no helpful thread"
RECHECK_SECONDS = 3600.0  # the certificate's re-check without a guard (it is guarded, not budgeted)


def symbolic_rank(ts: TransitionSystem, prop: str, meter: Meter) -> Outcome:
    """Proved, with a k-liveness certificate that has passed the independent re-check; or Unknown
    with the reason there is none: "work budget ..." when the meter's work runs out first (the
    same on every run), "timeout ..." when its guard fires. The re-check is not charged to the
    meter, only guarded."""
    ob = obligation(temporal(ts, prop))
    sy = SymbolicSystem(ts, meter=meter)
    try:
        with sy.stoppable():
            reach, _ = reachable_set(sy)
            for st in sy.steps():
                sy.spend(OP_WORK)
                if st.out_of_range != sy.false and st.out_of_range & reach != sy.false:
                    return Unknown(f"symbolic ranking: an update of action {st.action} leaves its variable's range")
            sy.progress = "in the pending region"
            pending = _pending_region(sy, ob, reach)
            sy.progress = "while ranking the pending states"
            groups = _groups(sy, ts, pending)
            counts = (sy.count(pending), sy.count(reach))
    except Stop as e:
        return Unknown(e.reason(f"symbolic ranking stopped {sy.progress}", meter))
    if isinstance(groups, str):
        return Unknown(f"symbolic ranking: {groups}")
    bound = max(0, len(groups) - 1)
    try:
        sy.spend(CERTIFICATE_WORK * sum(u.dag_size for u in (reach, pending, *(g for _, g in groups))))
        kts, name = k_liveness(ts, prop, bound)
        enc = Encoding(kts, "bv")
        body = _invariant(sy, enc, kts, ob, reach, pending, groups, bound)
        smt2 = invariant_smt2(enc, body, enc.cur)
    except Stop as e:
        return Unknown(e.reason("symbolic ranking stopped while writing the certificate", meter))
    cert = Invariant(smt2, 1, "bv", len(groups), step="bdd", rounds=bound)
    timeout = Stop(timeout=True)
    seconds = min(meter.guard.left(), RECHECK_SECONDS)
    if seconds <= 0.0:
        return Unknown(timeout.reason("symbolic ranking stopped before re-checking its certificate", meter))
    verdict = check_invariant(kts, name, smt2, 1, "bv", seconds, step="bdd")
    if not verdict.ok:
        if meter.timed_out():
            return Unknown(timeout.reason("symbolic ranking stopped while re-checking its certificate", meter))
        return Unknown(f"symbolic ranking: the certificate failed the {verdict.check} check ({verdict.message})")
    detail = (
        f"{len(groups)} ranked groups over {counts[0]:,} pending of {counts[1]:,} reachable"
        f" states; certificate re-checked ({sy.work / BDD_WORK_PER_UNIT:.1f} work units)"
    )
    return Proved("symbolic ranking", cert, detail)


def _pending_region(sy: SymbolicSystem, ob: Obligation, reach: Bdd) -> Bdd:
    """The states where the obligation is pending: where it opens and is open, and every state
    reached from those while it stays open."""
    open_ = sy.boolean(ob.open)
    region = reach & sy.boolean(ob.opens) & open_
    if ob.initially:
        region |= sy.init() & open_
    frontier = region
    while frontier != sy.false:
        new = sy.false
        for k, st in enumerate(sy.steps()):
            start = frontier | new
            sy.spend_on(start, k)
            new |= sy.image(start, st) & open_ & ~region
        region |= new
        frontier = new
    return region


def _groups(sy: SymbolicSystem, ts: TransitionSystem, pending: Bdd) -> list[tuple[int, Bdd]] | str:
    """(helpful thread, states) of each group, lowest first; or why the pending states cannot be
    ranked."""
    fair = [t.tid for t in ts.threads if t.fair in ("weak", "strong")]
    enabled = {t: sy.boolean(enabled_expr(ts, t)) for t in fair}
    of_thread = {t: [st for st in sy.steps() if ts.actions[st.action].thread == t] for t in fair}
    groups: list[tuple[int, Bdd]] = []
    ranked = sy.false
    while pending & ~ranked != sy.false:
        found = False
        for t in fair:
            rest = pending & ~ranked
            sy.spend_on(rest, 0)
            # h enabled and each of its steps into the lower groups (or closing): from `rest`, the
            # steps that stay open land in `rest` (the pending region is closed under them)
            able = rest & enabled[t]
            cand = able & ~_pre_any(sy, rest, of_thread[t], able)
            if cand == sy.false:
                continue
            leave = _pre_any(sy, rest & ~cand, sy.steps(), cand)
            frontier = leave
            while frontier != sy.false:
                new = sy.false
                for k, st in enumerate(sy.steps()):
                    sy.spend_on(cand, k)
                    new |= sy.preimage(frontier | new, st, cand) & ~leave
                leave |= new
                frontier = new
            group = cand & ~leave
            if group != sy.false:
                groups.append((t, group))
                ranked |= group
                found = True
        if not found:
            left = sy.count(pending & ~ranked)
            return (
                f"{left:,} pending states {NO_HELPFUL} (a fair thread enabled in each, whose"
                " steps leave them, while no other step returns): a fair cycle, or strong fairness this"
                " rule does not cover"
            )
    return groups


def _pre_any(sy: SymbolicSystem, target: Bdd, steps: list[Step], within: Bdd) -> Bdd:
    """The states of `within` from which some step of `steps` leads into `target`."""
    out = sy.false
    for k, st in enumerate(steps):
        sy.spend_on(within, k)
        out |= sy.preimage(target, st, within)
    return out


def _invariant(
    sy: SymbolicSystem,
    enc: Encoding,
    kts: TransitionSystem,
    ob: Obligation,
    reach: Bdd,
    pending: Bdd,
    groups: list[tuple[int, Bdd]],
    bound: int,
) -> z3.BoolRef:
    """The certificate's formula over enc.cur (the k-liveness system's variables). The small parts
    are IR expressions, encoded as the checker encodes the system; the sets are diagrams."""
    index = {v.name: i for i, v in enumerate(kts.vars)}
    name = {t.tid: t.name for t in kts.threads}
    rounds = Ref(index["kl.rounds"])
    sort = kts.vars[rounds.var].sort
    prev = Ref(index["kl.pending"])
    now = mk_and(mk_or(prev, ob.opens), ob.open)
    memo: dict[int, z3.ExprRef] = {}

    def z(e: Expr) -> z3.BoolRef:
        return enc.expr(e, enc.cur, memo)  # type: ignore[return-value]

    in_u = to_z3(sy, pending, enc)
    helpful = [enabled_expr(kts, t) for t in sorted({t for t, _ in groups})]
    ranks = []
    for k, (t, g) in enumerate(groups):
        slack = mk_cmp("<=", rounds, Const(bound - 1 - k, sort)) if k < bound else FALSE
        tight = mk_and(mk_eq(rounds, Const(bound - k, sort)), mk_not(Ref(index[f"kl.served.{name[t]}"])))
        ranks.append(z3.Implies(z3.And(z(now), to_z3(sy, g, enc)), z(mk_or(slack, tight))))
    return z3.And(
        *enc.domain(enc.cur),
        to_z3(sy, reach, enc),
        z3.Implies(z(mk_and(ob.opens, ob.open)), in_u),
        z3.Implies(z(prev), z3.Or(z(mk_not(ob.open)), in_u)),
        *ranks,
        # what the ranks imply, stated so that the property check need not find it in the diagrams
        z3.Implies(z(now), z(mk_and(mk_cmp("<=", rounds, Const(bound, sort)), mk_or(*helpful)))),
    )

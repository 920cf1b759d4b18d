"""Liveness proofs by ranking: a certificate for the liveness-to-safety system, read off the whole
reachable graph.

k-induction and sampled strengthening rarely prove a liveness-to-safety system (verifier/ir/l2s.py):
its bad state relates the current state to a saved copy, and what keeps the two apart is a
ranking argument, not a fact about either state alone. When every reachable state can be
enumerated, the ranking can be computed, and written as an ordinary inductive invariant of that
system, so check-proof re-checks it like any other certificate.

1. The product of the reachable states with the obligation's pending bit, as the exhaustive
   liveness search builds it. U: the states s with (s, pending) reachable.
2. The strongly connected components of the pending part, sinks first. Each must have a helpful
   thread: a fair thread enabled in every state of the component that has no step inside it (so
   its steps leave it). If one has none, there is a fair cycle (or nested strong fairness, which
   this rule does not cover), and there is no proof here. A component's rank is one more than the
   highest rank it can step to; its group is (rank, helpful thread), numbered in that order. Every
   step from a pending state stays in its group, goes to a lower one, or closes the obligation;
   a step of the group's helpful thread never stays.
3. The invariant J of the liveness-to-safety system (cur: the state; copy: the state saved):
       Base(cur) and (opens(cur) and open(cur) -> U(cur)) and (pending_prev -> not open(cur) or U(cur))
       and (saved and not left -> U(copy) and (not open(cur) or U(cur) and (g(cur) < g(copy)
              or g(cur) = g(copy) and AND_h (H_h(copy) -> not stepped_h and not disabled_h))))
   where U, each bit of the group number g and "the helpful thread is h" (H_h) are decision
   diagrams of explicit state sets (verifier/engines/reach.py), and Base, with the second
   conjunct, is an invariant of the original system learned against every reachable state
   (verifier/engines/exact.py), so that a state entering the pending region is one of U. The bad
   state needs cur = copy, the obligation pending throughout and every fair thread served since
   the save; J leaves the copy's helpful thread unserved instead (for a strongly fair one,
   not stepped alone: it is enabled in every state of its group).
4. The invariant is re-checked on a fresh solver (verifier/proof) before anything is reported.

The work is counted on a `Meter` (verifier/engines/work.py): the product's states (at most what the
meter has left pays for), then the learning of Base; so the same meter gives the same answer on a
busy machine. The re-check is bounded by the outer guard only (`--timeout`). When the guard fires,
the answer is Unknown("timeout ...").
"""

from __future__ import annotations

import gc
import time

import z3

from verifier.engines.exact import MAX_STATES, as_columns, exact_strengthen, packed_rows
from verifier.engines.liveness import ReachableGraph, expand, fair_masks, initial_node, sccs
from verifier.engines.reach import diagram
from verifier.engines.work import NO_GUARD, STATES_PER_UNIT, Guard, GuardExpired, Meter
from verifier.ir.interp import PackedRangeError
from verifier.ir.l2s import Obligation, liveness_to_safety, obligation, temporal
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import Invariant, check_invariant, invariant_smt2, parse_invariant
from verifier.result import Outcome, Proved, Unknown
from verifier.smt.encode import Encoding

Node = tuple[int, bool]  # a packed state and the obligation's pending bit


_SOLVER_SECONDS = 1e6  # a Z3 timeout for "none": the guard is the only time limit here
_PENDING = "?pending_ranked"  # the property exact strengthening proves: no pending state outside U
_COLLECT_FROM = 100_000  # product nodes from which a phase's dropped structures are collected at once


def _release(nodes: int) -> None:
    """A full garbage collection once a product of `nodes` nodes has been dropped, so that its memory
    is back before the next phase builds its own. A small product's memory is not worth it: a full
    collection walks the whole heap (a tenth of a second in a process that holds much else)."""
    if nodes >= _COLLECT_FROM:
        gc.collect()


def rank_liveness(
    ts: TransitionSystem, prop: str, meter: Meter, mode: str = "bv", max_states: int = MAX_STATES
) -> Outcome:
    """Proved, with a certificate of the liveness-to-safety system of `prop` that has passed the
    independent re-check; or Unknown with the reason there is none ("timeout ..." when the guard
    fired). The product may have `max_states` nodes, and no more than the meter's work left pays for."""
    start = time.monotonic()
    guard = meter.guard
    ob = obligation(temporal(ts, prop))
    try:
        sys = ReachableGraph(ts, ob)
    except PackedRangeError:
        return Unknown("ranking: the system cannot be packed")
    if not isinstance(sys.init, int):
        return Unknown("ranking: the system cannot be packed")
    limit = min(max_states, int(meter.left() * STATES_PER_UNIT))
    graph = _product(sys, ob, limit, meter)
    if isinstance(graph, str):
        if graph.startswith("timeout"):
            return Unknown(graph)
        paid = f", what {meter.units:g} work units pay for" if limit < max_states else ""
        return Unknown(f"ranking: {graph}{paid}")
    states, edges, enabled = graph
    reached = len(states)
    weak, strong = fair_masks(ts)
    try:
        groups = _groups(edges, enabled, sys.thread_of, weak | strong, guard)
    except GuardExpired:
        return Unknown(f"timeout in the ranking ({len(edges):,} pending nodes)")
    if isinstance(groups, str):
        return Unknown(f"ranking: {groups}")
    helpful, group_of = groups
    pending = [(sys.unpack(n[0]), group_of[n]) for n in edges]
    del edges, enabled, graph
    _release(reached)

    l2s, name = liveness_to_safety(ts, prop)
    enc = Encoding(l2s, mode)
    if mode == "bv" and Encoding(ts, mode, enc.ctx).width != enc.width:
        return Unknown("ranking: the liveness-to-safety system encodes integers wider than the system")
    n = len(ts.vars)
    var = {v.name: enc.cur[i] for i, v in enumerate(l2s.vars)}
    cur, copy = enc.cur[:n], [var[f"l2s.copy.{v.name}"] for v in ts.vars]
    in_u = diagram(enc, (s for s, _ in pending), range(n))
    width = max(1, (len(helpful) - 1).bit_length())
    g = [diagram(enc, (s for s, k in pending if k >> b & 1), range(n)) for b in range(width)]
    h_of = {t: diagram(enc, (s for s, k in pending if helpful[k] == t), range(n)) for t in sorted(set(helpful))}
    count = len(pending)
    del pending
    _release(reached)
    if guard.expired():
        return Unknown(f"timeout in the ranking (diagrams of {count:,} pending states)")

    memo: dict[int, z3.ExprRef] = {}
    opens = enc.expr(ob.opens, enc.cur, memo)
    open_ = enc.expr(ob.open, enc.cur, memo)
    layout = sys.it.packed().layout  # type: ignore[union-attr]
    rows = packed_rows(layout, states)
    del states
    _release(reached)
    reach = as_columns(ts, layout, rows)
    del rows
    # out of work or time, the learning may settle nothing: no outcome is then no invariant
    base = exact_strengthen(
        ts,
        [],
        meter,
        mode,
        reach=reach,
        extra=lambda _enc: {_PENDING: z3.And(opens, open_, z3.Not(in_u))},
        ctx=enc.ctx,
    ).get(_PENDING)
    del reach
    _release(reached)
    if guard.expired():
        return Unknown("timeout in the ranking (learning the invariant that confines the pending states)")
    if not isinstance(base, Proved) or not isinstance(base.certificate, Invariant):
        why = base.reason if isinstance(base, Unknown) else "no outcome"
        return Unknown(f"ranking: no invariant confines the pending states ({why})")
    base_inv = parse_invariant(enc, base.certificate.smt2, enc.cur)

    def on_copy(e: z3.ExprRef) -> z3.ExprRef:
        return z3.substitute(e, *zip(cur, copy, strict=True))

    fair = {t.tid: t for t in ts.threads if t.fair in ("weak", "strong")}
    unserved = []
    for t, mine in h_of.items():
        cond = [z3.Not(var[f"l2s.stepped.{fair[t].name}"])]
        if fair[t].fair == "weak":
            cond.append(z3.Not(var[f"l2s.disabled.{fair[t].name}"]))
        unserved.append(z3.Implies(on_copy(mine), z3.And(*cond)))
    g_copy = [on_copy(x) for x in g]
    chain = z3.And(
        on_copy(in_u),
        z3.Or(z3.Not(open_), z3.And(in_u, z3.Or(_less(g, g_copy), z3.And(_equal(g, g_copy), *unserved)))),
    )
    body = z3.And(
        base_inv,
        z3.Implies(var["l2s.pending"], z3.Or(z3.Not(open_), in_u)),
        z3.Implies(z3.And(var["l2s.saved"], z3.Not(var["l2s.left"])), chain),
    )
    smt2 = invariant_smt2(enc, body, enc.cur)
    verdict = check_invariant(l2s, name, smt2, 1, mode, _seconds(guard))
    took = time.monotonic() - start
    if not verdict.ok and guard.expired():
        return Unknown("timeout in the ranking (the re-check of its certificate)")
    if not verdict.ok:
        return Unknown(f"ranking: the certificate failed the {verdict.check} check ({verdict.message})")
    detail = (
        f"{len(helpful)} ranked groups over {count:,} pending of {reached:,} reachable states;"
        f" certificate re-checked ({took:.0f}s)"
    )
    return Proved("ranking", Invariant(smt2, 1, mode, len(helpful)), detail)


def _seconds(guard: Guard) -> float:
    """The seconds a solver may take: until the guard's deadline (it has no other limit here)."""
    return max(0.001, min(guard.left(), _SOLVER_SECONDS))


def _product(
    sys: ReachableGraph, ob: Obligation, max_states: int, meter: Meter
) -> tuple[set[int], dict[Node, list[tuple[int, Node]]], dict[Node, int]] | str:
    """(the reachable states, the edges among pending nodes, the threads enabled in each pending
    node); or why not ("timeout ..." when the meter's guard fired). Nodes and their pending bit as
    the exhaustive liveness search makes them; at most `max_states` of them, spent on the meter."""
    guard = meter.guard
    init = initial_node(sys, ob)
    seen: set[Node] = {init}
    states: set[int] = {sys.init}
    edges: dict[Node, list[tuple[int, Node]]] = {}
    enabled: dict[Node, int] = {}
    frontier = [init]
    try:
        while frontier:
            nxt: list[Node] = []
            for k, node in enumerate(frontier):
                succ, en = expand(sys, node)
                if node[1]:
                    edges[node] = [(ai, m) for ai, m in succ if m[1]]
                    enabled[node] = en
                for _, m in succ:
                    if m not in seen:
                        seen.add(m)
                        states.add(m[0])
                        nxt.append(m)
                if len(seen) > max_states:
                    meter.spend_states(len(seen))
                    return f"more than {max_states:,} product states (its state budget)"
                if k % 4096 == 0 and guard.expired():
                    return f"timeout in the ranking (enumerating: {len(seen):,} product states)"
            frontier = nxt
    except PackedRangeError:
        return "a value leaves the room the packing gave it"
    meter.spend_states(len(seen))
    return states, edges, enabled


def _groups(
    edges: dict[Node, list[tuple[int, Node]]],
    enabled: dict[Node, int],
    thread_of: list[int],
    fair: int,
    guard: Guard = NO_GUARD,
) -> tuple[list[int], dict[Node, int]] | str:
    """(the helpful thread of each group, the group of each pending node), groups numbered by
    (rank, thread); or why the pending nodes cannot be ranked. GuardExpired if the guard fires."""
    rank: dict[Node, int] = {}
    help_of: dict[Node, int] = {}
    for comp in sccs(set(edges), edges, guard):  # successors' components come first
        members = set(comp)
        inside = 0
        r = 0
        everywhere = fair
        for node in comp:
            everywhere &= enabled[node]
            for ai, m in edges[node]:
                if m in members:
                    inside |= 1 << thread_of[ai]
                else:
                    r = max(r, rank[m] + 1)
        cand = everywhere & ~inside
        if not cand:
            return (
                f"a set of {len(comp)} pending states has no helpful thread (every fair thread steps inside it or"
                " is disabled somewhere in it): a fair cycle, or strong fairness this rule does not cover"
            )
        h = (cand & -cand).bit_length() - 1
        for node in comp:
            rank[node] = r
            help_of[node] = h
    keys = sorted({(rank[n], help_of[n]) for n in rank})
    number = {k: i for i, k in enumerate(keys)}
    return [h for _, h in keys], {n: number[(rank[n], help_of[n])] for n in rank}


def _less(x: list[z3.BoolRef], y: list[z3.BoolRef]) -> z3.BoolRef:
    """x < y, for numbers given by their bits (least significant first)."""
    out = z3.BoolVal(False, x[0].ctx)
    for a, b in zip(x, y, strict=True):  # from the least significant bit up: the higher bits decide
        out = z3.Or(z3.And(z3.Not(a), b), z3.And(a == b, out))
    return out


def _equal(x: list[z3.BoolRef], y: list[z3.BoolRef]) -> z3.BoolRef:
    return z3.And(*[a == b for a, b in zip(x, y, strict=True)])

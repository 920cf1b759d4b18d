"""Liveness under fairness: refute `eventually p`, `always eventually p` and `p ~> q` with lassos.

The semantics (docs/language.md, 3.6). A run is infinite. It may stay in one state forever
(stutter) only where no fair thread can step: a state where no thread can step at all (every
thread done, or blocked), or one where only threads without fairness could, since a thread
that is not fair may stop being scheduled. Weak fairness (`fair`): a thread enabled in every
state from some point on steps again and again. Strong fairness (`strong_fair`): a thread
enabled again and again steps again and again.

Every property is refuted by the same shape of run, an *obligation* that opens and never closes:

| property              | opens in               | stays open while |
|-----------------------|------------------------|------------------|
| `eventually p`        | the initial state      | `!p`             |
| `always eventually p` | any state              | `!p`             |
| `p ~> q`              | a state where `p`      | `!q`             |

A monitor bit `pending` follows it along the run: pending' = (pending || opens(s')) && open(s'),
with pending@0 = opens(init) && open(init) (for `eventually p`: open(init)). The property is
violated iff some run reaches a cycle of pending states that is fair: every weakly fair thread
takes a step in the cycle or is disabled in one of its states, every strongly fair thread takes a
step in it or is disabled in all of its states. A stutter on one state is a cycle with no steps.

Engines here: an exhaustive product of the reachable graph with the bit and a search for fair
strongly connected components (`explore_liveness`), random walks that search the pending region
around the states they reach (`walk_liveness`, for graphs too big for the first), and lasso-shaped
BMC (`lasso_bmc`, shortest lassos first). `check_lasso` re-checks any lasso on the reference
interpreter. `decide_liveness` chains them, and hands what they leave open to a prover.

Every budget is work (verifier/engines/work.py), so a verdict does not depend on how busy the
machine is: product states for the search, node expansions for the walks (with a seeded random
generator), Z3's resource count for lasso BMC, lasso re-checks for shortening, and a `Meter` for
the proofs. The clock is read only for the seconds reported and for the outer `Guard`
(`--timeout`): when it fires, the property still open is UNKNOWN (timeout). No property gets more
effort than another because of what the spec expects of it.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import z3

from verifier.engines.work import (
    NO_GUARD,
    Z3_RLIMIT_PER_UNIT,
    Guard,
    GuardExpired,
    Meter,
    z3_solver_limits,
    z3_spent,
)
from verifier.ir.interp import Interpreter, PackedRangeError, State, evaluate
from verifier.ir.l2s import Obligation, liveness_to_safety, obligation, temporal
from verifier.ir.model import (
    Invariant,
    TransitionSystem,
)
from verifier.result import Bounded, Outcome, Proved, Trace, Unknown, Violated
from verifier.smt.encode import Encoding

_VACUITY_NODES = 200_000  # beyond this many nodes, the checks that need the whole graph are skipped
SHORTEN_STEPS = 1_000_000  # replayed steps spent shortening a lasso the walks found (a few seconds)
_GUARD_EVERY = 1024  # node expansions between two looks at the guard (a look costs a clock read)


def fair_masks(ts: TransitionSystem) -> tuple[int, int]:
    """Bit masks of the weakly and the strongly fair threads."""
    weak = sum(1 << t.tid for t in ts.threads if t.fair == "weak")
    strong = sum(1 << t.tid for t in ts.threads if t.fair == "strong")
    return weak, strong


# ---- the explicit system: packed states when they fit -------------------------------------------


class ReachableGraph:
    """The reachable graph as the search sees it: states (packed into ints when possible),
    successors with their actions, and the obligation's two predicates."""

    def __init__(self, ts: TransitionSystem, ob: Obligation, packed: bool = True):
        # the predicates ride along as invariants, so the interpreter compiles them with the rest
        probe = replace(ts, invariants=(Invariant("?opens", ob.opens, None), Invariant("?open", ob.open, None)))
        self.ts = ts
        self.it = Interpreter(probe)
        self.thread_of = [a.thread for a in ts.actions]
        p = self.it.packed() if packed else None
        if p is not None:
            self.init: Any = p.init
            self.next_states: Callable[[Any], list[tuple[int, Any]]] = p.next_states
            self._false = p.property_checker(["?opens", "?open"])
            self.unpack: Callable[[Any], State] = p.unpack
        else:
            self.init = ts.init
            self.next_states = self.it.next_states
            self._false = self.it.property_checker(["?opens", "?open"])
            self.unpack = lambda s: s

    def preds(self, s: Any) -> tuple[bool, bool]:
        """(opens, open) in state s."""
        false = self._false(s)
        if not false:
            return True, True
        return "?opens" not in false, "?open" not in false


# ---- the product with the monitor bit, and its fair cycles -----------------------------------------


@dataclass
class _Product:
    """Nodes are (state, pending) as `state * 2 + pending`. For each expanded pending node: the
    threads enabled in it, and its edges (action, node) to pending nodes."""

    parent: dict[Any, tuple[Any, int] | None] = field(default_factory=dict)
    enabled: dict[Any, int] = field(default_factory=dict)
    edges: dict[Any, list[tuple[int, Any]]] = field(default_factory=dict)
    triggers: int = 0  # nodes seen where the property's trigger holds (p of p ~> q)
    expanded: int = 0


def _node(s: Any, pending: bool) -> Any:
    return (s, pending)


def expand(sys: ReachableGraph, node: Any) -> tuple[list[tuple[int, Any]], int]:
    """The successor nodes of `node` and the mask of threads enabled in its state."""
    s, pending = node
    out = []
    en = 0
    for ai, nxt in sys.next_states(s):
        en |= 1 << sys.thread_of[ai]
        opens, open_ = sys.preds(nxt)
        out.append((ai, (nxt, (pending or opens) and open_)))
    return out, en


def initial_node(sys: ReachableGraph, ob: Obligation) -> Any:
    opens, open_ = sys.preds(sys.init)
    return _node(sys.init, (ob.initially or opens) and open_)


def fair_cycles(
    nodes: Iterable[Any],
    edges: dict[Any, list[tuple[int, Any]]],
    enabled: dict[Any, int],
    thread_of: list[int],
    weak: int,
    strong: int,
    guard: Guard = NO_GUARD,
) -> list[list[Any]]:
    """The fair strongly connected components of the graph on `nodes` (edges leaving the set are
    ignored; every node also has a stutter loop). Each is returned as a list of nodes, and every
    cycle through all its nodes and edges is fair: for a weakly fair thread, a step of it inside or
    a node where it is disabled; for a strongly fair thread, a step inside or disabled everywhere.
    Strong fairness refines a component by dropping the nodes where an unserved thread is enabled.
    Raises GuardExpired when the guard fires."""
    out: list[list[Any]] = []
    work = [set(nodes)]
    while work:
        part = work.pop()
        for comp in sccs(part, edges, guard):
            steps = 0
            members = set(comp)
            for n in comp:
                for ai, m in edges.get(n, ()):
                    if m in members:
                        steps |= 1 << thread_of[ai]
            disabled_somewhere = 0
            enabled_somewhere = 0
            for n in comp:
                disabled_somewhere |= ~enabled[n]
                enabled_somewhere |= enabled[n]
            if weak & ~steps & ~disabled_somewhere:
                continue  # a weakly fair thread enabled throughout and never stepping: no sub-cycle helps
            unserved = strong & ~steps & enabled_somewhere
            if not unserved:
                out.append(comp)
                continue
            rest = {n for n in comp if not enabled[n] & unserved}
            if rest:
                work.append(rest)
    return out


def sccs(nodes: set[Any], edges: dict[Any, list[tuple[int, Any]]], guard: Guard = NO_GUARD) -> list[list[Any]]:
    """Tarjan's algorithm, iterative, on the subgraph induced by `nodes` (millions of nodes take
    seconds: it looks at the guard, and raises GuardExpired when it fires)."""
    index: dict[Any, int] = {}
    low: dict[Any, int] = {}
    on_stack: set[Any] = set()
    stack: list[Any] = []
    out: list[list[Any]] = []
    counter = 0
    steps = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            steps += 1
            if not steps & 0xFFFF and guard.expired():
                raise GuardExpired
            v, it = work[-1]
            advanced = False
            for _, w in it:
                if w not in nodes:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(edges.get(w, ()))))
                    advanced = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out


def fair_loop(
    comp: list[Any],
    entry: Any,
    edges: dict[Any, list[tuple[int, Any]]],
    enabled: dict[Any, int],
    thread_of: list[int],
    weak: int,
    strong: int,
) -> list[int]:
    """The actions of a fair cycle from `entry` back to it inside fair component `comp`; empty if
    stuttering on `entry` is fair (no fair thread enabled there)."""
    members = set(comp)
    cur = entry
    actions: list[int] = []
    stepped = 0
    dis_some = ~enabled[entry]
    en_some = enabled[entry]

    def unmet() -> int:
        return (weak & ~stepped & ~dis_some) | (strong & ~stepped & en_some)

    for _ in range(4 * (weak | strong).bit_length() + 4):
        need = unmet()
        if not need and cur == entry:
            return actions
        # breadth first inside the component to the nearest node or edge serving a need (or home)
        prev: dict[Any, tuple[Any, int] | None] = {cur: None}
        queue = deque([cur])
        goal: tuple[Any, int, Any] | None = None  # (node, action, next) of the serving edge
        goal_node: Any = None
        while queue and goal is None and goal_node is None:
            n = queue.popleft()
            if n is not cur and ((need and weak & need & ~enabled[n]) or (not need and n == entry)):
                goal_node = n
                break
            for ai, m in edges.get(n, ()):
                if m not in members:
                    continue
                if need and (1 << thread_of[ai]) & need:
                    goal = (n, ai, m)
                    break
                if m not in prev:
                    prev[m] = (n, ai)
                    queue.append(m)
        end = goal[0] if goal is not None else goal_node
        if end is None:
            raise AssertionError("fair component without the cycle it promises")
        path: list[tuple[int, Any]] = []
        n = end
        while prev[n] is not None:
            p, ai = prev[n]  # type: ignore[misc]
            path.append((ai, n))
            n = p
        path.reverse()
        if goal is not None:
            path.append((goal[1], goal[2]))
        for ai, m in path:
            actions.append(ai)
            stepped |= 1 << thread_of[ai]
            dis_some |= ~enabled[m]
            en_some |= enabled[m]
        cur = path[-1][1] if path else cur
    raise AssertionError("no fair cycle assembled")


def _path(parent: dict[Any, tuple[Any, int] | None], node: Any) -> list[int]:
    out = []
    while parent[node] is not None:
        prev, ai = parent[node]  # type: ignore[misc]
        out.append(ai)
        node = prev
    out.reverse()
    return out


# ---- exhaustive search ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LivenessSearch:
    """What the product search found for one property."""

    outcome: Outcome  # Violated (a lasso), Bounded (complete or not), or Unknown (the guard fired)
    complete: bool
    depth: int  # every product node of depth <= this was expanded
    nodes: int
    seconds: float
    warnings: tuple[str, ...] = ()
    frontier: tuple[Any, ...] = ()
    parent: dict[Any, tuple[Any, int] | None] | None = None
    stopped: str = ""  # why it is not complete: "bound", "states" (the state budget) or "timeout"

    def covered(self) -> str:
        """What the search covered, in words, for a verdict it leaves open."""
        if self.stopped == "bound":
            return f"depth bound: every state up to depth {self.depth} ({self.nodes:,} product states)"
        return f"state budget: {self.nodes:,} product states, every state up to depth {self.depth}"


def explore_liveness(
    ts: TransitionSystem, prop: str, max_states: int = 300_000, bound: int | None = None, guard: Guard = NO_GUARD
) -> LivenessSearch:
    """Breadth-first product of the reachable graph with the pending bit, then fair components among
    the pending nodes. Complete: the verdict for all depths. Cut short by the state budget (product
    nodes discovered), or stopped after expanding the nodes of depth `bound`: a lasso found among the
    expanded nodes is real, and none exists with all its states within `depth`. When the guard
    fires: Unknown (timeout)."""
    try:
        return _explore(ReachableGraph(ts, obligation(temporal(ts, prop))), ts, prop, max_states, bound, guard)
    except PackedRangeError:
        system = ReachableGraph(ts, obligation(temporal(ts, prop)), packed=False)
        return _explore(system, ts, prop, max_states, bound, guard)


def _explore(
    sys: ReachableGraph, ts: TransitionSystem, prop: str, max_states: int, bound: int | None, guard: Guard
) -> LivenessSearch:
    start = time.monotonic()
    ob = obligation(temporal(ts, prop))
    weak, strong = fair_masks(ts)
    pr = _Product()
    init = initial_node(sys, ob)
    pr.parent[init] = None
    level = [init]
    depth = 0
    stopped = ""
    if ob.trigger is not None and sys.preds(sys.init)[0]:
        pr.triggers += 1
    all_enabled: dict[Any, int] = {}
    keep_all = True  # the whole graph, for the vacuity checks, while it is small
    all_edges: dict[Any, list[tuple[int, Any]]] = {}
    while level:
        if bound is not None and depth > bound:
            stopped = "bound"
            break
        nxt: list[Any] = []
        for node in level:
            succ, en = expand(sys, node)
            pr.expanded += 1
            if keep_all:
                all_enabled[node] = en
                all_edges[node] = succ
                keep_all = len(all_edges) < _VACUITY_NODES
            if node[1]:
                pr.enabled[node] = en
                pr.edges[node] = [(ai, m) for ai, m in succ if m[1]]
            for ai, m in succ:
                if m not in pr.parent:
                    pr.parent[m] = (node, ai)
                    nxt.append(m)
                    if ob.trigger is not None and sys.preds(m[0])[0]:
                        pr.triggers += 1
            if len(pr.parent) >= max_states:
                stopped = "states"
                break
            if not pr.expanded % _GUARD_EVERY and guard.expired():
                stopped = "timeout"
                break
        if stopped:
            break
        depth += 1
        level = nxt
    done_depth = depth - 1  # every node of this depth or less was expanded
    complete = not stopped

    def timed_out(where: str) -> LivenessSearch:
        why = f"timeout in the product search ({where}; {len(pr.parent):,} product states, depth {done_depth})"
        return LivenessSearch(
            Unknown(why, done_depth), False, done_depth, len(pr.parent), time.monotonic() - start, stopped="timeout"
        )

    if stopped == "timeout":
        return timed_out("exploring")
    # fair components among the expanded pending nodes
    try:
        comps = fair_cycles(pr.enabled.keys(), pr.edges, pr.enabled, sys.thread_of, weak, strong, guard)
    except GuardExpired:
        return timed_out("looking for fair cycles")
    seconds = time.monotonic() - start
    if comps:
        trace = _lasso(pr, comps, sys.thread_of, weak, strong)
        return LivenessSearch(
            Violated(len(trace.actions), trace, engine="explicit", minimal=False, none_up_to=-1),
            complete,
            done_depth,
            len(pr.parent),
            seconds,
            stopped=stopped,
        )
    warnings: list[str] = []
    where = f"all {len(pr.parent)} reachable states" if complete else f"{len(pr.parent)} states (depth {done_depth})"
    if ob.trigger is not None and pr.triggers == 0:
        warnings.append(f"vacuous: the trigger of {prop} holds in none of the {where} explored")
    if complete and keep_all and _ends_only_in_deadlock(sys, all_edges, all_enabled, weak, strong):
        warnings.append(f"vacuous: every fair run ends in a deadlock, so {prop} holds only because runs get stuck")
    reason = f"all {len(pr.parent)} reachable states" if complete else ""
    return LivenessSearch(
        Bounded(done_depth, reason),
        complete,
        done_depth,
        len(pr.parent),
        seconds,
        tuple(warnings),
        tuple(level) if not complete else (),
        pr.parent if not complete else None,
        stopped,
    )


def _ends_only_in_deadlock(
    sys: ReachableGraph, edges: dict[Any, list[tuple[int, Any]]], enabled: dict[Any, int], weak: int, strong: int
) -> bool:
    """No fair run goes on stepping for ever, and every state a fair run can stop in (no fair
    thread enabled there) is a deadlock. (Some fair run always exists: stopping is fair where no
    fair thread can step, and a scheduler that takes turns among the fair threads serves them all.)"""
    for comp in fair_cycles(edges.keys(), edges, enabled, sys.thread_of, weak, strong):
        members = set(comp)
        if any(m in members for n in comp for _, m in edges[n]):
            return False  # a fair run with infinitely many steps
    ends = {n[0] for n, en in enabled.items() if not en & (weak | strong)}
    return bool(ends) and all(sys.it.deadlocked(sys.unpack(s)) for s in ends)


def _lasso(pr: _Product, comps: list[list[Any]], thread_of: list[int], weak: int, strong: int) -> Trace:
    """The lasso through the fair component with the node nearest to the initial state (the first
    one breadth-first search discovered: `parent` keeps discovery order)."""
    owner = {n: i for i, comp in enumerate(comps) for n in comp}
    entry = next(n for n in pr.parent if n in owner)
    comp = comps[owner[entry]]
    stem = _path(pr.parent, entry)
    loop = fair_loop(comp, entry, pr.edges, pr.enabled, thread_of, weak, strong)
    return Trace(tuple(stem + loop), len(stem))


# ---- random walks with local searches ------------------------------------------------------------


@dataclass
class WalkStats:
    """What the walks did (their work, for the reason of an open verdict) and saw (for the vacuity
    warnings)."""

    steps: int = 0  # nodes expanded along walks
    region: int = 0  # nodes expanded by the searches of pending regions
    walks: int = 0
    triggers: int = 0  # states where the trigger of p ~> q held (counting stops at one)
    timed_out: bool = False

    @property
    def work(self) -> int:
        return self.steps + self.region

    def covered(self) -> str:
        return f"{self.walks:,} random walks of {self.steps:,} steps in all, {self.region:,} states of pending regions"


def walk_liveness(
    ts: TransitionSystem,
    prop: str,
    steps: int,
    length: int = 400,
    seed: int = 0,
    none_up_to: int = -1,
    starts: Sequence[Any] = (),
    path_to: Callable[[Any], list[int]] | None = None,
    region_states: int = 50_000,
    stats: WalkStats | None = None,
    guard: Guard = NO_GUARD,
) -> Violated | None:
    """A lasso found by random walks within `steps` node expansions in all (a step of a walk, or a
    node expanded by a region search): whenever a walk reaches a pending state not searched yet, the
    pending region reachable from it is searched exhaustively (up to `region_states` nodes) for a
    fair component. Regions searched to the end without one are not searched again: a fair
    component reachable from a later state of such a region lies inside it. `starts` are product
    nodes of an earlier search with `path_to` their paths (as in verifier.engines.simulate). The
    walks are drawn from a generator seeded with `seed`, so the same budget finds the same lasso;
    when the guard fires they stop (`stats.timed_out`)."""
    stats = stats if stats is not None else WalkStats()
    try:
        sys = ReachableGraph(ts, obligation(temporal(ts, prop)))
        return _walks(sys, ts, prop, steps, length, seed, none_up_to, starts, path_to, region_states, stats, guard)
    except PackedRangeError:  # the unpacked system gets what the packed one left of the budget
        sys = ReachableGraph(ts, obligation(temporal(ts, prop)), packed=False)
        return _walks(sys, ts, prop, steps, length, seed, none_up_to, (), None, region_states, stats, guard)


def _walks(
    sys: ReachableGraph,
    ts: TransitionSystem,
    prop: str,
    budget: int,
    length: int,
    seed: int,
    none_up_to: int,
    starts: Sequence[Any],
    path_to: Callable[[Any], list[int]] | None,
    region_states: int,
    stats: WalkStats,
    guard: Guard,
) -> Violated | None:
    ob = obligation(temporal(ts, prop))
    weak, strong = fair_masks(ts)
    rng = random.Random(seed)
    cleared: set[Any] = set()  # pending nodes of regions searched to the end without a fair component
    walks = 0
    init = initial_node(sys, ob)
    while stats.work < budget:
        if guard.expired():
            stats.timed_out = True
            return None
        walks += 1
        stats.walks += 1
        node = init
        path: list[int] = []
        steps = length
        if starts and path_to is not None and walks % 4 != 0:
            node = starts[rng.randrange(len(starts))]
            path = path_to(node)
            steps = max(32, length // 2)
        by_thread = walks % 2 == 0
        for _ in range(steps + 1):
            if stats.work >= budget:
                break
            if node[1] and node not in cleared:
                region = min(region_states, budget - stats.work)
                found = _search_region(sys, node, region, cleared, weak, strong, guard, stats)
                if found is not None:
                    trace = Trace(tuple(path + list(found.actions)), len(path) + (found.loop or 0))
                    return Violated(
                        len(trace.actions), trace, engine="simulation", minimal=False, none_up_to=none_up_to
                    )
                if stats.timed_out:
                    return None
            succ, _ = expand(sys, node)
            stats.steps += 1
            if not stats.steps % _GUARD_EVERY and guard.expired():
                stats.timed_out = True
                return None
            if not succ:
                break
            if by_thread:
                threads = sorted({sys.thread_of[ai] for ai, _ in succ})
                tid = threads[rng.randrange(len(threads))]
                succ = [x for x in succ if sys.thread_of[x[0]] == tid]
            ai, node = succ[rng.randrange(len(succ))]
            path.append(ai)
            if ob.trigger is not None and not stats.triggers and sys.preds(node[0])[0]:
                stats.triggers += 1
    return None


def _search_region(
    sys: ReachableGraph,
    root: Any,
    max_nodes: int,
    cleared: set[Any],
    weak: int,
    strong: int,
    guard: Guard,
    stats: WalkStats,
) -> Trace | None:
    """A lasso from pending node `root` within the pending region (actions relative to `root`),
    searching at most `max_nodes` nodes."""
    parent: dict[Any, tuple[Any, int] | None] = {root: None}
    enabled: dict[Any, int] = {}
    edges: dict[Any, list[tuple[int, Any]]] = {}
    queue = deque([root])
    complete = True
    while queue:
        n = queue.popleft()
        succ, en = expand(sys, n)
        stats.region += 1
        enabled[n] = en
        edges[n] = [(ai, m) for ai, m in succ if m[1] and m not in cleared]
        for ai, m in edges[n]:
            if m not in parent:
                parent[m] = (n, ai)
                queue.append(m)
        if len(parent) >= max_nodes:
            complete = False
            break
        if not stats.region % _GUARD_EVERY and guard.expired():
            stats.timed_out = True
            return None
    try:
        comps = fair_cycles(enabled.keys(), edges, enabled, sys.thread_of, weak, strong, guard)
    except GuardExpired:
        stats.timed_out = True
        return None
    if comps:
        pr = _Product(parent, enabled, edges)
        return _lasso(pr, comps, sys.thread_of, weak, strong)
    if complete:
        cleared.update(parent)
    return None


# ---- checking a lasso on the reference interpreter ----------------------------------------------


def check_lasso(ts: TransitionSystem, prop: str, trace: Trace, it: Interpreter | None = None) -> str | None:
    """None if `trace` is a lasso refuting liveness property `prop` under the fairness declared,
    else why not: the actions replay, the last state is the loop's first, the obligation is open
    at the loop and stays open all along it, and the loop is fair."""
    if trace.loop is None:
        return "a liveness counterexample needs a loop"
    it = it or Interpreter(ts)
    try:
        states = it.replay(list(trace.actions))
    except Exception as e:  # ReplayError
        return str(e)
    k, lp = len(trace.actions), trace.loop
    if not 0 <= lp <= k:
        return f"loop index {lp} outside the trace"
    if states[lp] != states[k]:
        return f"the last state is not the state after step {lp}, where the loop starts"
    ob = obligation(temporal(ts, prop))
    pending = ob.initially
    for s in states:
        pending = (pending or bool(evaluate(ob.opens, s))) and bool(evaluate(ob.open, s))
    if not pending:
        return "the obligation is not open at the end of the trace"
    if not all(evaluate(ob.open, s) for s in states[lp:]):
        return "the obligation closes inside the loop"
    weak, strong = fair_masks(ts)
    stepped = 0
    for ai in trace.actions[lp:]:
        stepped |= 1 << ts.actions[ai].thread
    dis_some, en_some = 0, 0
    for s in states[lp:]:
        en = 0
        for ai, _ in it.next_states(s):
            en |= 1 << ts.actions[ai].thread
        dis_some |= ~en
        en_some |= en
    unfair = (weak & ~stepped & ~dis_some) | (strong & ~stepped & en_some)
    if unfair:
        names = [t.name for t in ts.threads if unfair >> t.tid & 1]
        return f"the loop is not fair to {', '.join(names)}"
    return None


def shorten_lasso(
    ts: TransitionSystem, prop: str, trace: Trace, max_steps: int = SHORTEN_STEPS, guard: Guard = NO_GUARD
) -> Trace:
    """A shorter lasso from the same actions: stretches of the stem that return to a state already
    visited are cut, then blocks of 8, 4, 2 and 1 steps dropped while what is left is still a lasso
    (check_lasso), until the candidates re-checked add up to `max_steps` replayed steps (or the
    guard fires: the lasso is real either way)."""
    it = Interpreter(ts)
    assert trace.loop is not None
    acts, lp = list(trace.actions), trace.loop
    states = it.replay(acts[:lp])
    last = {s: i for i, s in enumerate(states)}
    stem: list[int] = []
    i = 0
    while i < lp:
        i = last[states[i]]
        if i >= lp:
            break
        stem.append(acts[i])
        i += 1
    best = Trace(tuple(stem + acts[lp:]), len(stem))
    if check_lasso(ts, prop, best, it) is not None:
        best = trace
    replayed = 0

    def more() -> bool:
        return replayed < max_steps and not guard.expired()

    changed = True
    while changed and more():
        changed = False
        for width in (8, 4, 2, 1):
            i = len(best.actions) - width
            while i >= 0 and more():
                assert best.loop is not None
                j = i + width
                if i < best.loop < j or (i >= best.loop and len(best.actions) - best.loop == width):
                    i -= 1
                    continue  # a block across the loop's start, or the whole loop (a stutter is tried apart)
                loop = best.loop - width if j <= best.loop else best.loop
                cand = Trace(best.actions[:i] + best.actions[j:], loop)
                replayed += len(cand.actions)
                if check_lasso(ts, prop, cand, it) is None:
                    best = cand
                    changed = True
                    i = min(i, len(best.actions) - width)
                else:
                    i -= 1
    return best


# ---- lasso-shaped BMC ---------------------------------------------------------------------------------


def lasso_bmc(
    ts: TransitionSystem,
    prop: str,
    bound: int | None,
    meter: Meter,
    mode: str = "bv",
    start_depth: int = 0,
    progress: Callable[[int, float], None] | None = None,
) -> Outcome:
    """The shortest lasso of `start_depth`..`bound` steps refuting `prop`, by BMC (no `bound`: until
    the meter's work runs out). Violated; Bounded(bound) when there is none; else Unknown with the
    deepest depth done: "work budget ..." when the meter ran out (Z3's resource count, the same on
    every run), "timeout ..." when the guard fired. At depth k, with frames 0..k and loop start l in
    0..k:
      T(0,1) & ... & T(k-1,k) & OR_l [ s@l = s@k & pending@k & AND_{l<=t<=k} open@t & fair(l,k) ]
    where pending@t = (pending@t-1 | opens@t) & open@t, and fair(l,k) says, per weakly fair thread,
    some act@t (l<=t<k) is its step or it is disabled at some frame l..k, and per strongly fair
    thread, a step of it or disabled at every frame l..k. l = k is a stutter on the last state."""
    start = time.monotonic()
    if meter.timed_out():
        return Unknown("timeout before lasso BMC", start_depth - 1)
    ob = obligation(temporal(ts, prop))
    enc = Encoding(ts, mode)
    ctx = enc.ctx
    solver = z3.SolverFor("QF_BV", ctx=ctx) if mode == "bv" else z3.Solver(ctx=ctx)
    solver.set("random_seed", 0)
    memo: dict[int, z3.ExprRef] = {}
    cur = enc.cur
    opens_t = enc.expr(ob.opens, cur, memo)
    open_t = enc.expr(ob.open, cur, memo)
    fair = [t for t in ts.threads if t.fair in ("weak", "strong")]
    en_t = {
        t.tid: z3.Or(
            z3.BoolVal(False, ctx),
            *[enc.enabled_action(a, cur, memo) for a in ts.actions if a.thread == t.tid],
        )
        for t in fair
    }
    acts_of = {t.tid: [i for i, a in enumerate(ts.actions) if a.thread == t.tid] for t in fair}

    def at(term: z3.ExprRef, t: int) -> z3.ExprRef:
        return z3.substitute(term, *zip(cur, enc.frame(t), strict=True))

    opn: list[z3.ExprRef] = []
    pend: list[z3.ExprRef] = []
    en: list[dict[int, z3.ExprRef]] = []
    step_of: list[dict[int, z3.ExprRef]] = []
    k = -1
    while bound is None or k < bound:
        k += 1
        if k > 0:
            solver.add(enc.step(k - 1))
            a = enc.act(k - 1)
            step_of.append(
                {
                    tid: z3.Or(z3.BoolVal(False, ctx), *[a == enc.act_val(i) for i in acts])
                    for tid, acts in acts_of.items()
                }
            )
        opn.append(at(open_t, k))
        seeded = at(opens_t, k)
        prev = z3.BoolVal(ob.initially, ctx) if k == 0 else pend[k - 1]
        pend.append(z3.And(z3.Or(prev, seeded), opn[k]))
        en.append({tid: at(e, k) for tid, e in en_t.items()})
        if k < start_depth:
            continue
        if meter.timed_out():
            return Unknown(f"timeout in lasso BMC at depth {k}", k - 1)
        if meter.out():
            return Unknown(f"work budget: lasso BMC stopped at depth {k} ({meter.describe()})", k - 1)
        loops = []
        frame_k = enc.frame(k)
        for lp in range(k + 1):
            parts = [pend[k], *opn[lp : k + 1]]
            if lp < k:
                parts.extend(x == y for x, y in zip(enc.frame(lp), frame_k, strict=True))
            for t in fair:
                stepped = [step_of[i][t.tid] for i in range(lp, k)]
                if t.fair == "weak":
                    parts.append(z3.Or(*stepped, *[z3.Not(en[i][t.tid]) for i in range(lp, k + 1)]))
                else:
                    parts.append(z3.Or(*stepped, z3.And(*[z3.Not(en[i][t.tid]) for i in range(lp, k + 1)])))
            loops.append(z3.And(*parts))
        probe = z3.Bool(f"lasso@{k}", ctx)
        solver.add(z3.Implies(probe, z3.Or(*loops)))
        answer, spent_all = _metered_check(solver, meter, probe)
        if progress is not None:
            progress(k, time.monotonic() - start)
        if answer == z3.sat:
            model = solver.model()
            actions = tuple(model.eval(enc.act(t), model_completion=True).as_long() for t in range(k))
            lp = next(i for i, c in enumerate(loops) if z3.is_true(model.eval(c, model_completion=True)))
            return Violated(k, Trace(actions, lp), engine="bmc")
        if answer == z3.unknown:
            reason = solver.reason_unknown()
            if meter.timed_out():
                return Unknown(f"timeout in lasso BMC at depth {k}", k - 1)
            if spent_all or "resource" in reason:  # the SAT core says "canceled" for either limit
                return Unknown(f"work budget: lasso BMC stopped at depth {k} ({meter.describe()})", k - 1)
            if "timeout" in reason or "canceled" in reason:
                return Unknown(f"timeout in lasso BMC at depth {k}", k - 1)
            return Unknown(f"solver: {reason}", k - 1)
    return Bounded(k)


def _metered_check(solver: z3.Solver, meter: Meter, *assumptions: z3.ExprRef) -> tuple[z3.CheckSatResult, bool]:
    """A check within the meter's work and its guard, and whether it did all the work it was allowed.
    Z3 counts its resource limit per context, so what a check did is the difference around it; and a
    limit holds at most 32 bits, so a larger allowance is given in pieces."""
    while True:
        whole = int(meter.left() * Z3_RLIMIT_PER_UNIT)
        z3_solver_limits(solver, meter)
        allowed, before = meter.rlimit(), z3_spent(solver)
        answer = solver.check(*assumptions)
        used = z3_spent(solver) - before
        meter.spend_rlimit(used)
        spent_all = used >= allowed
        if answer != z3.unknown or not spent_all or allowed >= whole or meter.timed_out():
            return answer, spent_all


def trigger_reachable(ts: TransitionSystem, prop: str, bound: int, meter: Meter, mode: str = "bv") -> bool | None:
    """Whether the trigger of leads-to `prop` holds in some state of `bound` steps or fewer (None:
    the solver gave up, or the meter's work ran out)."""
    ob = obligation(temporal(ts, prop))
    if ob.trigger is None:
        return True
    enc = Encoding(ts, mode)
    solver = z3.SolverFor("QF_BV", ctx=enc.ctx) if mode == "bv" else z3.Solver(ctx=enc.ctx)
    memo: dict[int, z3.ExprRef] = {}
    trig = enc.expr(ob.trigger, enc.cur, memo)
    hits = []
    for k in range(bound + 1):
        if k > 0:
            solver.add(enc.step(k - 1))
        hits.append(z3.substitute(trig, *zip(enc.cur, enc.frame(k), strict=True)))
    if meter.out():
        return None
    answer, _ = _metered_check(solver, meter, z3.Or(*hits))
    return True if answer == z3.sat else False if answer == z3.unsat else None


# ---- the portfolio ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LiveBudget:
    """The work each liveness property of a variant may take, in units that do not depend on the
    machine's load. The proof meter is shared by the variant's properties (each gets an equal part
    of what is left when its turn comes), and its guard is the outer `--timeout`."""

    max_states: int = 2_000_000  # product states of the exhaustive search (about 450 bytes each)
    walk_steps: int = 500_000  # node expansions of the random walks and of their region searches
    bmc_units: float = 20.0  # lasso BMC (Z3 rlimit, work units); as much again for BMC's shortest lasso
    bound: int | None = None  # the deepest lasso looked for; None: as deep as the budgets reach
    proof: Meter = field(default_factory=lambda: Meter(600.0))  # for all the properties; --timeout's guard
    engine: str = "auto"  # auto | explicit | bmc
    mode: str = "bv"
    seed: int = 0

    @property
    def guard(self) -> Guard:
        return self.proof.guard


Prover = Callable[[TransitionSystem, str, Meter], Outcome]  # (system, liveness property, its work)


def decide_liveness(
    ts: TransitionSystem,
    props: Sequence[str],
    budget: LiveBudget,
    prover: Prover | None = None,
    progress: Callable[[str, int, float], None] | None = None,
) -> dict[str, tuple[Outcome, float, str]]:
    """Each liveness property's outcome (vacuity warnings in its `warnings`), seconds and engine.

    Every property gets the same search: the exhaustive product search, until every state is
    explored or the state budget (or the bound) stops it; if it leaves the property open, random
    walks with region searches, then lasso BMC from the depth the search covered. A lasso found is
    re-checked (and replaced by lasso BMC's shortest, or shortened). A property left open, or one
    the complete search finds holding, goes to `prover` (not with the bmc engine). An open verdict
    says what the budgets covered; when the guard fires, the property is Unknown("timeout ...")."""
    out: dict[str, tuple[Outcome, float, str]] = {}
    for n, prop in enumerate(props):
        t0 = time.monotonic()
        proof = budget.proof.share(1 / (len(props) - n))
        o, engine, warnings = _decide_one(ts, prop, budget, proof, prover, progress)
        if warnings and isinstance(o, Bounded | Unknown | Proved):
            o = replace(o, warnings=o.warnings + warnings)
        out[prop] = (o, time.monotonic() - t0, engine)
    return out


def default_prover(mode: str = "bv") -> Prover:
    """A proof of liveness property `prop` of `ts` within the meter's work: a ranking computed with
    BDDs, certified for the k-liveness system (verifier/engines/symrank.py); else a ranking read
    off the enumerated reachable graph (verifier/engines/rank.py); else the safety proof engines
    (verifier/engines/prove.py) on its liveness-to-safety system. When the ranking's reachable
    set does not fit its share of the work, the other two are not tried: the graph is larger than
    the diagram, and liveness to safety doubles the state. PROVED only with a certificate of that
    system re-checked on a fresh solver."""
    from verifier.engines.prove import prove
    from verifier.engines.rank import rank_liveness
    from verifier.engines.symrank import NO_HELPFUL, symbolic_rank

    def prover(ts: TransitionSystem, prop: str, meter: Meter) -> Outcome:
        ranked = symbolic_rank(ts, prop, meter.share(0.6))
        if isinstance(ranked, Proved):
            return replace(ranked, engine="k-liveness+symbolic ranking")
        if meter.timed_out():
            return Unknown("timeout in the symbolic ranking")
        if _reason(ranked).startswith("work budget"):
            # the reachable states do not fit the BDD budget: the enumerated graph is larger
            # still, and liveness to safety doubles the state; neither is worth the work left
            return Unknown(f"symbolic ranking: {_reason(ranked)}; no other liveness proof tried on a system this large")
        tried = [ranked]
        if NO_HELPFUL not in _reason(ranked):  # else the enumerated graph has no ranking either
            ranked = rank_liveness(ts, prop, meter.share(0.7), mode)
            if isinstance(ranked, Proved):
                return replace(ranked, engine="l2s+ranking")
            if meter.timed_out():
                return Unknown("timeout in the ranking of the enumerated graph")
            tried.append(ranked)
        l2s, invariant = liveness_to_safety(ts, prop)
        o, _, why = prove(l2s, [invariant], meter, mode).get(invariant, (None, 0.0, "no outcome"))
        if isinstance(o, Proved):
            return Proved(f"l2s+{o.engine}", o.certificate, f"{o.detail}, certificate re-checked".lstrip(", "))
        if meter.timed_out():
            return Unknown("timeout in the proof of the liveness-to-safety system")
        why = "; ".join(x for x in (*map(_reason, tried), why) if x)
        return Unknown(f"liveness to safety: {why}" if why else "liveness to safety: no proof")

    return prover


def _reason(o: Outcome) -> str:
    return o.reason if isinstance(o, Unknown) else ""


def _decide_one(
    ts: TransitionSystem,
    prop: str,
    budget: LiveBudget,
    proof: Meter,
    prover: Prover | None,
    progress: Callable[[str, int, float], None] | None,
) -> tuple[Outcome, str, tuple[str, ...]]:
    """One property's outcome, the engine that settled it, and its vacuity warnings."""
    guard = budget.guard
    warnings: tuple[str, ...] = ()
    reached = -1  # no lasso of this many steps or fewer
    covered: list[str] = []  # what the searches covered, for an open verdict
    engine = "explicit" if budget.engine != "bmc" else "bmc"
    proving = prover is not None and budget.engine != "bmc"

    def timeout(where: str) -> tuple[Outcome, str, tuple[str, ...]]:
        so_far = f" (done: {'; '.join(covered)})" if covered else ""
        return Unknown(f"timeout in {where}{so_far}", reached), engine, warnings

    if guard.expired():
        return timeout("the liveness properties before this one")
    if budget.engine in ("auto", "explicit"):
        ex = explore_liveness(ts, prop, budget.max_states, budget.bound, guard)
        if progress is not None:
            progress("explicit", ex.depth, ex.seconds)
        if isinstance(ex.outcome, Unknown):
            return ex.outcome, "explicit", ()
        if isinstance(ex.outcome, Violated):
            return _shortest(ts, prop, ex.outcome, budget), "explicit", ()
        reached, warnings, complete = ex.depth, ex.warnings, ex.complete
        covered.append(ex.covered())
        stats = WalkStats()
        found = _walk(ts, prop, budget, ex, stats) if budget.engine == "auto" and not complete else None
        o: Outcome = ex.outcome
        del ex  # the product's memory goes back before BMC and the proof
        if complete:
            if prover is not None:
                proved = prover(ts, prop, proof)
                if isinstance(proved, Proved):
                    return proved, proved.engine, warnings
            return o, "explicit", warnings  # the verdict for all depths, even if the guard fired in the proof
        if found is not None:
            short = shorten_lasso(ts, prop, found.trace, guard=guard)
            found = replace(found, depth=len(short.actions), trace=short)
            return _checked(ts, prop, found), "simulation", ()
        if stats.timed_out:
            return timeout("the random walks")
        if stats.walks:
            covered.append(stats.covered())
            if stats.triggers:  # the walks reached the trigger the exhaustive part did not
                warnings = tuple(w for w in warnings if "trigger" not in w)
            else:
                warnings = tuple(
                    f"{w}, nor in {stats.steps} steps of random walks" if "trigger" in w else w for w in warnings
                )
    if budget.engine in ("auto", "bmc") and (budget.bound is None or reached < budget.bound):
        meter = Meter(budget.bmc_units, guard)
        bmc = lasso_bmc(
            ts,
            prop,
            budget.bound,
            meter,
            budget.mode,
            start_depth=reached + 1,
            progress=(lambda k, t: progress("bmc", k, t)) if progress is not None else None,
        )
        if isinstance(bmc, Violated):
            return _checked(ts, prop, bmc), "bmc", ()
        if isinstance(bmc, Unknown) and bmc.reason.startswith("timeout"):
            return timeout("lasso BMC")
        depth = bmc.depth if isinstance(bmc, Bounded | Unknown) else reached
        covered.append(_bmc_covered(bmc, depth, reached, meter))
        if depth > reached:
            reached, engine = depth, "bmc"
        if budget.engine == "bmc" and depth >= 0:
            hit = trigger_reachable(ts, prop, depth, Meter(budget.bmc_units, guard), budget.mode)
            if hit is False:
                warnings = (f"vacuous: the trigger of {prop} holds in no state of {depth} steps or fewer",)
    if proving:
        # the searches left it open without a lasso: a proof covers what they did not reach
        assert prover is not None
        proved = prover(ts, prop, proof)
        if isinstance(proved, Proved):
            return proved, proved.engine, warnings
    if guard.expired():
        return timeout("the proof" if proving else "the searches")
    return Bounded(reached, "; ".join(covered)), engine, warnings


def _walk(ts: TransitionSystem, prop: str, budget: LiveBudget, ex: LivenessSearch, stats: WalkStats) -> Violated | None:
    """Random walks from the frontier the product search left (and from the initial state)."""
    parent = ex.parent
    return walk_liveness(
        ts,
        prop,
        budget.walk_steps,
        length=max(400, 8 * (budget.bound or 0)),
        seed=budget.seed,
        none_up_to=ex.depth,
        starts=ex.frontier,
        path_to=(lambda n: _path(parent, n)) if parent is not None else None,
        stats=stats,
        guard=budget.guard,
    )


def _bmc_covered(o: Outcome, depth: int, start: int, meter: Meter) -> str:
    """What lasso BMC covered beyond depth `start`, in words."""
    done = f"none of {start + 1}..{depth} steps" if depth > start else "no depth done"
    if isinstance(o, Bounded):
        return f"lasso BMC: {done}"
    why = _reason(o)
    if why.startswith("work budget"):
        return f"lasso BMC: {done} within {meter.describe()}"
    return f"lasso BMC: {done} ({why})"


def _checked(ts: TransitionSystem, prop: str, v: Violated) -> Violated:
    why = check_lasso(ts, prop, v.trace)
    if why is not None:
        raise AssertionError(f"lasso for {prop} does not check: {why}")
    return v


def _shortest(ts: TransitionSystem, prop: str, v: Violated, budget: LiveBudget) -> Violated:
    """A lasso from the exhaustive search, replaced by BMC's shortest when BMC gets there within
    its work (BMC tries depths in order, so its first lasso is a shortest); else reported as not
    minimal, with the depth up to which BMC found none. The lasso is real whatever happens, so it
    stands even when the guard fires."""
    v = _checked(ts, prop, v)
    if budget.engine == "explicit":
        return replace(v, minimal=False, none_up_to=-1)
    o = lasso_bmc(ts, prop, v.depth, Meter(budget.bmc_units, budget.guard), budget.mode)
    if isinstance(o, Violated):
        return _checked(ts, prop, o)
    if isinstance(o, Bounded):
        raise AssertionError(f"lasso BMC finds no lasso of {v.depth} steps for {prop}, the search found one")
    return replace(v, minimal=False, none_up_to=o.depth)

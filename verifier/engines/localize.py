"""Localization abstraction: prove a safety property on the part of the system it depends on.

A property of the resampler protocol ("one ack notifier per GSI") is decided by a handful of the
system's variables: the notifier list, the mutex, the users' program counters. The devices and
inject workers that make the full state space tens of millions of states large touch none of
them. So: keep a set K of variables and let every other one be *hidden*: an action that reads a
hidden variable may see any value of it (one copy of the action per value it reads), an update of
a hidden variable is dropped, an action that then changes nothing is a stutter and goes, and a
thread whose program counter is hidden may take any of its remaining actions at any time. Every
concrete step is then one of the abstraction's steps restricted to K, so the abstraction's
reachable states, projected to K, contain the concrete ones projected to K.

Explicit search over the abstraction (small when K is) either finds no bad state (then those
reachable states are an inductive invariant of the concrete system, written as a decision diagram
over K: the certificate) or a path to one. The path is replayed on the concrete system: where a
step relied on a hidden value the concrete state does not have, those variables join K and the
search starts again (counterexample-guided refinement). A path that replays all the way is a real
violation, left to the engines that report counterexamples.

The certificate is re-checked against the concrete system by verifier/proof like every other;
nothing here has to be trusted.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import z3

from verifier.engines.kind import stopped
from verifier.engines.reach import diagram
from verifier.engines.work import Meter
from verifier.ir.interp import Interpreter, State
from verifier.ir.model import (
    Action,
    And,
    Arith,
    Cmp,
    Const,
    Expr,
    Invariant,
    Ite,
    Mask,
    Member,
    Not,
    Or,
    Ref,
    SetOp,
    Size,
    Sort,
    Temporal,
    Thread,
    TransitionSystem,
    Var,
    int_sort,
    is_false,
    mk_and,
    mk_arith,
    mk_cmp,
    mk_ite,
    mk_mask,
    mk_member,
    mk_not,
    mk_or,
    mk_setop,
    refs,
)
from verifier.proof.certificate import Invariant as Certificate
from verifier.proof.certificate import invariant_smt2
from verifier.result import Outcome, Proved, Unknown
from verifier.smt.encode import Encoding

MAX_COPIES = 512  # an action reading hidden variables with more values than this keeps them instead
# building an abstraction, in explicit search's packed states (measured on the resampler): an
# action copy about 25 us, compiling an abstract action's successor code about 300 us
COPY_STATES = 3
COMPILE_STATES = 30

Valuation = tuple[tuple[int, int | bool], ...]  # (concrete variable, value the copy assumed)


@dataclass(frozen=True)
class Abstraction:
    """The abstract system, and for each of its actions the concrete action it copies and the hidden
    values each copy assumed (several, when copies for different values came out the same)."""

    ts: TransitionSystem
    columns: tuple[int, ...]  # concrete variable of each abstract variable; -1 for a free thread's pc
    origin: tuple[tuple[int, tuple[Valuation, ...]], ...]


def abstract(
    ts: TransitionSystem, keep: Iterable[int], prop: str, meter: Meter | None = None
) -> tuple[Abstraction | None, set[int]]:
    """The abstraction of `ts` keeping the variables `keep`, checking only `prop`; or (None, more) if
    some action would need too many copies: `more` are the variables to keep instead. The copies
    made, and the compiling of the abstract actions, are charged to `meter` if given."""
    kept = sorted(set(keep))
    index = {c: i for i, c in enumerate(kept)}
    columns = list(kept)
    variables = [ts.vars[c] for c in kept]
    free_pc: dict[int, int] = {}  # thread -> its abstract pc variable (always 0) when its pc is hidden
    for t in ts.threads:
        if t.pc not in index:
            free_pc[t.tid] = len(variables)
            variables.append(Var(f"{t.name}.pc~", int_sort(0, 0), t.tid, hidden=True))
            columns.append(-1)
    too_many: set[int] = set()
    copies = 0
    seen: dict[Action, int] = {}
    actions: list[Action] = []
    origin: list[tuple[int, list[Valuation]]] = []
    for ci, a in enumerate(ts.actions):
        updates = tuple((v, e) for v, e in a.updates if v in index)
        warnings = tuple((c, e) for c, e in a.warnings if c == prop)
        if not updates and not warnings and not any(c == prop for c, _ in a.faults):
            continue  # a stutter of the abstraction (its faults only stop the thread: dropping it over-approximates)
        exprs = [a.guard, a.assume_fails, *(e for _, e in (*updates, *a.faults, *warnings))]
        hidden = sorted(refs(*exprs) - set(index))
        count = 1
        for h in hidden:
            count *= _domain_size(ts.vars[h].sort)
        if count > MAX_COPIES:
            too_many.update(hidden)
            continue
        free = a.thread in free_pc
        copies += count
        for values in itertools.product(*(_domain(ts.vars[h].sort) for h in hidden)):
            val = dict(zip(hidden, values, strict=True))

            def sub(e: Expr, val: dict[int, int | bool] = val) -> Expr:
                return _substitute(e, val, index, ts.vars)

            guard = sub(a.guard)
            if is_false(guard):
                continue
            b = Action(
                thread=a.thread,
                src=0 if free else a.src,
                dst=0 if free else a.dst,
                guard=guard,
                updates=tuple((index[v], sub(e)) for v, e in updates),
                faults=tuple((c, f) for c, f in ((c, sub(e)) for c, e in a.faults) if not is_false(f)),
                origin=a.origin,
                assume_fails=sub(a.assume_fails),
                warnings=tuple((c, f) for c, f in ((c, sub(e)) for c, e in warnings) if not is_false(f)),
            )
            if free and not b.updates and not b.warnings and not any(c == prop for c, _ in b.faults):
                continue
            j = seen.get(b)
            used = tuple(val.items())
            if j is not None and origin[j][0] == ci:
                origin[j][1].append(used)
                continue
            seen[b] = len(actions)
            actions.append(b)
            origin.append((ci, [used]))
    if meter is not None:
        meter.spend_states(COPY_STATES * copies + (0 if too_many else COMPILE_STATES * len(actions)))
    if too_many:
        return None, too_many
    threads = tuple(
        Thread(t.tid, t.name, free_pc[t.tid], 1, True, None) if t.tid in free_pc else replace(t, pc=index[t.pc])
        for t in ts.threads
    )
    init = tuple(ts.init[c] if c >= 0 else 0 for c in columns)
    invariants = tuple(
        Invariant(i.name, _substitute(i.expr, {}, index, ts.vars), i.span) for i in ts.invariants if i.name == prop
    )
    temporals = tuple(
        Temporal(t.name, t.kind, _substitute(t.body, {}, index, ts.vars), None, t.span)
        for t in ts.temporals
        if t.name == prop and t.kind == "always"
    )
    abs_ts = TransitionSystem(
        ts.spec, ts.variant, tuple(variables), init, threads, tuple(actions), invariants, temporals, ts.checks
    )
    return Abstraction(abs_ts, tuple(columns), tuple((ci, tuple(v)) for ci, v in origin)), set()


def _domain(sort: Sort) -> list[int | bool]:
    if sort.kind == "bool":
        return [False, True]
    if sort.kind == "set":
        return list(range(1 << sort.hi))
    return list(range(sort.lo, sort.hi + 1))


def _domain_size(sort: Sort) -> int:
    return 2 if sort.kind == "bool" else (1 << sort.hi) if sort.kind == "set" else sort.hi - sort.lo + 1


def _substitute(e: Expr, val: dict[int, int | bool], index: dict[int, int], variables: Sequence[Var]) -> Expr:
    """e with the variables in `val` replaced by their values and the others renumbered by `index`,
    folded by the IR's smart constructors."""
    memo: dict[int, Expr] = {}

    def go(x: Expr) -> Expr:
        hit = memo.get(id(x))
        if hit is not None:
            return hit
        out: Expr
        match x:
            case Ref(v):
                out = Const(val[v], variables[v].sort) if v in val else Ref(index[v])
            case Const():
                out = x
            case Not(arg):
                out = mk_not(go(arg))
            case And(args):
                out = mk_and(*(go(y) for y in args))
            case Or(args):
                out = mk_or(*(go(y) for y in args))
            case Ite(c, t, f):
                out = mk_ite(go(c), go(t), go(f))
            case Cmp(op, left, right):
                out = mk_cmp(op, go(left), go(right))
            case Arith(op, left, right):
                out = mk_arith(op, go(left), go(right))
            case SetOp(op, left, right, n):
                out = mk_setop(op, go(left), go(right), n)
            case Member(s, i, n):
                out = mk_member(go(s), go(i), n)
            case Mask(bits):
                out = mk_mask(tuple(go(b) for b in bits))
            case Size(s, n):
                inner = go(s)
                if isinstance(inner, Const):
                    out = Const(bin(int(inner.value)).count("1"), int_sort(0, n))
                else:
                    out = Size(inner, n)
            case _:
                raise TypeError(f"unknown expression {x!r}")
        memo[id(x)] = out
        return out

    return go(e)


def initial_keep(ts: TransitionSystem, prop: str) -> set[int]:
    """What `prop` reads: an invariant's variables; a check's failing conditions and the program
    counters where they are checked; and the variables no action writes."""
    keep = _constants(ts)  # they cost nothing to keep
    for inv in ts.invariants:
        if inv.name == prop:
            keep |= refs(inv.expr)
    for t in ts.temporals:
        if t.name == prop and t.kind == "always":
            keep |= refs(t.body)
    for a in ts.actions:
        for c, e in (*a.faults, *a.warnings):
            if c == prop and not is_false(e):
                keep |= refs(e)
                keep.add(ts.threads[a.thread].pc)
    return keep


def tighten(ts: TransitionSystem, keep: set[int]) -> set[int]:
    """Variables that make an abstraction smaller rather than larger: what the guards of threads
    whose program counter is kept read, first those only kept threads write (a mutex owner, a
    flag the threads hand each other, their own locals), then the rest. Hidden, such a variable
    lets a thread pass a wait any time, and the abstraction then holds runs no schedule has."""
    kept = {t.tid for t in ts.threads if t.pc in keep}
    read: set[int] = set()
    written_outside: set[int] = set()
    for a in ts.actions:
        if a.thread in kept:
            read |= refs(a.guard)
        else:
            written_outside.update(v for v, _ in a.updates)
    read -= keep
    inside = read - written_outside
    if inside:
        return inside
    # threads that run free (program counter hidden) and write what is kept
    writers = {a.thread for a in ts.actions if a.thread not in kept and any(v in keep for v, _ in a.updates)}
    pcs = {ts.threads[t].pc for t in writers}
    return pcs or read


def refine(it: Interpreter, ab: Abstraction, path: Sequence[int], prop: str) -> tuple[set[int] | None, int]:
    """Replay an abstract path to a bad state on the concrete system (`it` interprets it). Returns
    the hidden variables whose values the first step that does not replay assumed wrongly (empty
    if no hidden variable explains it), and the number of steps that replayed; None for the
    variables if the whole path replays to a concrete violation."""
    ts = it.ts
    kept = {c for c in ab.columns if c >= 0}
    s = ts.init
    for n, j in enumerate(path):
        ci, valuations = ab.origin[j]
        a = ts.actions[ci]
        pc = ts.threads[a.thread].pc
        if s[pc] != a.src:
            return {pc}, n
        if not any(all(s[h] == v for h, v in val) for val in valuations):
            return {h for h, v in valuations[0] if s[h] != v}, n
        if not it.enabled(s, ci):
            # a fault of another check stops the concrete thread here: keep what the faults read
            return refs(*(e for _, e in a.faults)) - kept, n
        s = it.apply(s, ci)
    if it.violated(prop, s):
        return None, len(path)
    # the abstract bad state used hidden values: keep what the property's conditions read here
    more: set[int] = set()
    for t in ts.threads:
        for ai in it.actions_at(s, t.tid):
            for c, e in (*ts.actions[ai].faults, *ts.actions[ai].warnings):
                if c == prop:
                    more |= refs(e)
    return more - kept, len(path)


@dataclass
class _Search:
    """What a search of an abstraction found: a path to a bad state (its actions), or none; every
    state it saw (when complete: all reachable ones); whether it saw them all; whether the meter
    stopped it."""

    path: list[int] | None
    states: list[State]
    complete: bool
    stopped: bool = False


def search(it: Interpreter, prop: str, max_states: int, meter: Meter) -> _Search:
    """Breadth first for a state violating `prop`, up to `max_states` states; each state expanded
    is charged to `meter`, and the search ends when it runs out."""

    def charge(n: int) -> bool:
        meter.spend_states(n)
        return meter.out()

    seen: list[State] = []
    trace, _, complete = it.search(prop, max_states, charge, seen)
    if trace is not None:
        return _Search([step.action for step in trace], [], True)
    return _Search(None, seen, complete, not complete and meter.out())


def localize(
    ts: TransitionSystem,
    prop: str,
    meter: Meter,
    mode: str = "bv",
    max_states: int = 2_000_000,
    soft: int = 100_000,
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    """Prove `prop` by localization abstraction and refinement: Proved with the abstraction's
    reachable states as certificate, or Unknown saying why not. The states the abstractions'
    searches visit are charged to `meter`; the refinement ends when it runs out.

    An abstraction with more than `soft` states is made finer (see `tighten`) before it is
    explored up to `max_states`: a finer one is often much smaller, and so is its certificate."""
    if prop == "deadlock" or prop not in _safety(ts):
        return Unknown(f"localization does not handle {prop}")
    keep = initial_keep(ts, prop)
    concrete = Interpreter(ts)  # replays every spurious path: its compiled functions are built once
    rounds = 0
    while not meter.out():
        rounds += 1
        ab, more = abstract(ts, keep, prop, meter)
        if ab is None:
            keep |= more
            continue
        if progress is not None:
            progress(rounds, len(keep))
        it = Interpreter(ab.ts)
        found = search(it, prop, soft, meter)
        if found.path is None and not found.complete and not found.stopped:
            # too coarse to explore: keep the variables the kept threads synchronise on
            more = tighten(ts, keep)
            if more:
                keep |= more
                continue
            found = search(it, prop, max_states, meter)
        if found.stopped:
            break
        if found.path is None:
            if not found.complete:
                return Unknown(
                    f"localization: an abstraction keeping {len(keep)} of {len(ts.vars)} variables "
                    f"has more than {max_states} states"
                )
            states = _project(found.states, ab.columns)
            enc = Encoding(ts, mode)
            shown = [c for c in ab.columns if c >= 0]
            # the hidden variables hold values of their sorts (the abstraction split on those only)
            hidden = [d for i, d in enumerate(enc.domain(enc.cur)) if i not in keep and not z3.is_true(d)]
            body = z3.And(diagram(enc, states, shown), *hidden)
            cert = Certificate(invariant_smt2(enc, body, enc.cur), 1, mode, len(states))
            return Proved(
                "localization",
                cert,
                f"an abstraction keeping {len(keep)} of {len(ts.vars)} variables "
                f"({len(keep & _constants(ts))} never written), {len(states)} states, "
                f"{rounds} refinement round(s)",
            )
        refined, _ = refine(concrete, ab, found.path, prop)
        if refined is None:
            return Unknown(f"localization: a concrete violation at depth {len(found.path)}")
        if refined <= keep:
            return Unknown("localization: refinement made no progress")
        keep |= refined
    return stopped(meter, f"localization, {rounds} refinement round(s), keeping {len(keep)} variables")


def _constants(ts: TransitionSystem) -> set[int]:
    written = {v for a in ts.actions for v, _ in a.updates}
    return {v for v in range(len(ts.vars)) if v not in written}


def _safety(ts: TransitionSystem) -> set[str]:
    names = {i.name for i in ts.invariants} | {t.name for t in ts.temporals if t.kind == "always"}
    return names | {c.name for c in ts.checks}


def _project(states: Iterable[State], columns: Sequence[int]) -> list[State]:
    keep = [i for i, c in enumerate(columns) if c >= 0]
    return list(dict.fromkeys(tuple(s[i] for i in keep) for s in states))

"""A deadlock or a recursive lock explained the way lockdep explains one, so kernel developers
recognise it: each blocked thread, what it waits for (a lock, an RCU grace period, a work item, an
`await` condition), who holds that and where it was taken (with the call chain), the wait-for
cycle, and the scenario as a table of threads. lockdep reports what might happen; this describes
the state the counterexample reached, so it says "DEADLOCK" where lockdep says "possible"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from verifier.ir.interp import Interpreter, State, evaluate
from verifier.ir.model import NONE, Expr, GracePeriod, IrqLockUse, Lock, Origin, TransitionSystem, WorkItem, refs
from verifier.render.naming import (
    CONTEXT_NAMES,
    call_chain,
    fault_origin,
    in_prelude,
    name_step,
    running_var,
    source_text,
)

WIDTH = 80  # the widest line of a report: a two-thread trace, the report included, fits a mail
MAX_CYCLES = 4  # wait-for cycles named in one report
MAX_WALK = 10_000  # paths the cycle search extends: many RCU readers could make it exponential
RULE = "=" * 60
THIN = "-" * 60

# what keeps a task on its CPU (it cannot be switched away from), by the prelude's context counter
ATOMIC_REASONS = (
    ("preempt_count", "has preemption disabled"),
    ("irqs_off", "has interrupts off"),
    ("bh_off", "has softirqs off"),
    ("rcu_nesting", "is in an RCU read-side section"),
)
# lockdep's words for a lock taken both in a handler and with that handler's interrupts enabled
INCONSISTENT = {
    "hardirq": "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W}",
    "softirq": "inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W}",
}


@dataclass(frozen=True, slots=True)
class _Taken:
    """Where a holder took what another thread waits for: the 1-based step (0: held from the start)."""

    step: int
    thread: int
    action: int  # -1 when held from the start


@dataclass(slots=True)
class _Wait:
    """Why one blocked thread cannot step."""

    tid: int
    kind: str  # lock | rcu | srcu | work | await
    resource: str  # the lock's or work item's name, the SRCU domain ("" for RCU and await)
    action: int  # the blocked action (-1: one about to be taken, as double_lock reports)
    holders: tuple[int, ...] = ()
    taken: dict[int, _Taken] = field(default_factory=dict)
    detail: tuple[str, ...] = ()  # what an await condition reads, or why no holder is known


def lockdep_report(ts: TransitionSystem, states: tuple[State, ...], actions: tuple[int, ...], prop: str) -> str:
    """The lockdep-style report of a counterexample for `prop` that ends in `states[-1]`; "" for a
    property it does not explain or a final state that is not what the property names."""
    if prop not in ("deadlock", "double_lock", "irq_inversion") or not states or len(states) != len(actions) + 1:
        return ""
    report = _Report(ts, states, actions)
    if prop == "irq_inversion":
        return report.irq_inversion()
    return report.deadlock() if prop == "deadlock" else report.double_lock()


class _Report:
    def __init__(self, ts: TransitionSystem, states: tuple[State, ...], actions: tuple[int, ...]) -> None:
        self.ts = ts
        self.states = states
        self.actions = actions
        self.last = states[-1]
        self.it = Interpreter(ts, compiled=False)
        self.locks = {lk.owner: lk.name for lk in ts.locks}  # owner variable -> the lock's name
        self.lock_of = {v: lk for lk in ts.locks for v in (lk.owner, *(r for _, r in lk.readers))}
        self.flags = {t.tid: f for t in ts.threads if (f := running_var(ts, t.tid)) is not None}

    # ---- the two reports ---------------------------------------------------------------------

    def deadlock(self) -> str:
        # a state where some thread is stopped by a check is that check's report (and no deadlock:
        # Interpreter.stuck), so every thread not done here is waiting
        if not self.it.deadlocked(self.last):
            return ""
        every: dict[int, _Wait] = {}
        for t in self.ts.threads:
            if int(self.last[t.pc]) != t.end and self._at(t.tid):
                every[t.tid] = self._wait(t.tid)
        # the blocked threads that count (not daemons, but handlers stuck mid-body), and the daemons
        # they wait for, transitively
        todo = [tid for tid in every if self._counts(tid)]
        if not todo:
            return ""
        shown: set[int] = set()
        while todo:
            tid = todo.pop()
            if tid in every and tid not in shown:
                shown.add(tid)
                todo.extend(every[tid].holders)
        waits = [every[tid] for tid in sorted(shown)]
        by_tid = {w.tid: w for w in waits}
        cycles = self._cycles(by_tid)
        out = [RULE, f"DEADLOCK: {self._headline(cycles, by_tid)}", THIN]
        inversion = self._inversion(cycles, by_tid)
        if inversion:
            out.append(inversion)
        blocked = [self.name(w.tid) + self._kind(w.tid) for w in waits]
        out.append(f"no thread can step; blocked: {', '.join(blocked)}")
        for w in waits:
            out += ["", *self._explain(w)]
        for cycle in cycles:
            out += ["", "wait-for cycle: " + self._cycle_text(cycle, by_tid)]
        involved = _ordered([t for w in waits for t in (w.tid, *w.holders)])
        out += ["", *self._scenario(involved, waits)]
        return _wrap(out)

    def double_lock(self) -> str:
        for ai in (ai for t in self.ts.threads for ai in self._at(t.tid)):
            a = self.ts.actions[ai]
            for check, cond in a.warnings:
                if check != "double_lock" or not evaluate(cond, self.last):
                    continue
                lock = next((v for v in self._reads(cond) if v in self.locks), None)
                if lock is None:
                    continue
                return self._recursive(a.thread, fault_origin(self.ts.actions[ai], check, self.last), lock)
        return ""

    def irq_inversion(self) -> str:
        """lockdep's inconsistent lock state: where the lock is taken with the interrupt enabled (the
        trace's next step) and where a handler's code takes it (ts.irq_lock_uses), and the scenario
        that would deadlock. A warning: whether the interrupt arrives there is `deadlock`'s to say."""
        uses: dict[int, list[IrqLockUse]] = {}
        for u in self.ts.irq_lock_uses:
            uses.setdefault(u.owner, []).append(u)
        for ai in (ai for t in self.ts.threads for ai in self._at(t.tid)):
            a = self.ts.actions[ai]
            if not any(c == "irq_inversion" and evaluate(e, self.last) for c, e in a.warnings):
                continue
            lock = next((v for v, _ in a.updates if v in uses), None)
            if lock is None:
                continue
            irqs_off = dict(self.ts.threads[a.thread].counts).get("irqs_off")
            hard = irqs_off is None or int(self.last[irqs_off]) == 0
            ctx = "hardirq" if hard and any(u.context == "hardirq" for u in uses[lock]) else "softirq"
            return self._inconsistent(a.thread, fault_origin(a, "irq_inversion", self.last), lock, ctx, uses[lock])
        return ""

    def _inconsistent(self, tid: int, origin: Origin, lock: int, ctx: str, uses: list[IrqLockUse]) -> str:
        name = self.locks[lock]
        on, in_ = ("HARDIRQ-ON-W", "IN-HARDIRQ-W") if ctx == "hardirq" else ("SOFTIRQ-ON-W", "IN-SOFTIRQ-W")
        enabled = "hard IRQs" if ctx == "hardirq" else "softirqs"
        out = [RULE, "WARNING: inconsistent lock state", THIN, f"{INCONSISTENT[ctx]} usage."]
        out.append(f"{self.name(tid)}{self._kind(tid)} takes lock {name} with {enabled} enabled {{{on}}}:")
        out += self._site(origin, tid)
        for u in (u for u in uses if u.context == ctx):
            out += ["", f"{self.name(u.thread)}{self._kind(u.thread)} takes it in the interrupt {{{in_}}}:"]
            out += self._site(u.origin, u.thread)
        out += ["", " Possible unsafe locking scenario:", "", "       CPU0", "       ----"]
        out += [f"  lock({name});", "  <Interrupt>", f"    lock({name});", "", " *** DEADLOCK ***", ""]
        out.append("(a warning: `deadlock` says whether the interrupt can arrive there in this model)")
        return _wrap(out)

    def _recursive(self, tid: int, second: Origin, lock: int) -> str:
        name = self.locks[lock]
        taken = self._taken_by(lock, tid)
        me = self.name(tid)
        out = [RULE, "WARNING: recursive locking detected", THIN]
        out.append(f"{me} is about to acquire lock {name}, which it already holds:")
        out += self._site(second, tid)
        out += self._taken_lines(f"{me} took lock {name}", taken)
        w = _Wait(tid, "lock", name, -1, (tid,), {tid: taken})
        out += ["", *self._scenario([tid], [w])]
        return _wrap(out)

    # ---- the final state -----------------------------------------------------------------------

    def name(self, tid: int) -> str:
        return self.ts.threads[tid].name

    def _running(self, tid: int) -> bool:
        """Is `tid` an interrupt handler in the middle of its body?"""
        return tid in self.flags and bool(self.last[self.flags[tid]])

    def _counts(self, tid: int) -> bool:
        """Does a blocked thread make a deadlock: a task that is not a daemon, or a handler stuck
        mid-body (a handler waiting to be delivered is idle)."""
        return not self.ts.threads[tid].daemon or self._running(tid)

    def _kind(self, tid: int) -> str:
        """` (hard IRQ, CPU 0)` for a handler, ` (daemon)` for another daemon, else ""."""
        t = self.ts.threads[tid]
        if t.context in CONTEXT_NAMES:
            return f" ({CONTEXT_NAMES[t.context]}" + (f", CPU {t.cpu})" if t.cpu is not None else ")")
        return " (daemon)" if t.daemon else ""

    def _cpu_wait(self, tid: int, ai: int) -> _Wait | None:
        """Thread `tid` cannot step because its CPU is taken: a handler of that CPU runs (and `tid`
        is not one that preempts it), or another task there cannot be switched away from."""
        me = self.ts.threads[tid]
        if me.cpu is None or (me.context != "task" and not self._running(tid)) or me.context == "hardirq":
            return None
        cpu = f"CPU {me.cpu}"
        for u in self.ts.threads:
            if u.tid == tid or u.cpu != me.cpu or not self._running(u.tid):
                continue
            if me.context == "softirq" and u.context != "hardirq":
                continue
            taken = self._taken_when(self.flags[u.tid], bool)
            return _Wait(tid, "cpu", cpu, ai, (u.tid,), {u.tid: taken}, ("interrupt",))
        if me.context != "task":
            return None
        for u in self.ts.threads:
            if u.tid == tid or u.cpu != me.cpu or u.context != "task":
                continue
            counts = dict(u.counts)
            for var, why in ATOMIC_REASONS:
                i = counts.get(var)
                if i is not None and int(self.last[i]) != 0:
                    held = [name for v, name in self.locks.items() if self.last[v] == u.tid]
                    if var == "preempt_count" and held:
                        why = f"holds spinlock {', '.join(held)}"
                    taken = self._taken_when(i, lambda x: int(x) != 0)
                    return _Wait(tid, "cpu", cpu, ai, (u.tid,), {u.tid: taken}, (why,))
        return None

    def _at(self, tid: int) -> list[int]:
        return self.it.actions_at(self.last, tid)

    def _reads(self, *exprs: Expr) -> list[int]:
        """The visible state variables the expressions read, in declaration order."""
        vs = refs(*exprs)
        pcs = {t.pc for t in self.ts.threads}
        return sorted(v for v in vs if v not in pcs and not self.ts.vars[v].hidden)

    def _show(self, var: int, s: State | None = None) -> str:
        v = self.ts.vars[var]
        return v.display.show(v.sort, (self.last if s is None else s)[var])

    def _wait(self, tid: int) -> _Wait:
        """What blocked thread `tid` waits for: its CPU, or what the guards of its actions and the
        procs they run in read."""
        acts = self._at(tid)
        cpu = self._cpu_wait(tid, acts[0])
        if cpu is not None:
            return cpu
        origin = self.ts.actions[acts[0]].origin
        proc = origin.via[-1] if origin.via and in_prelude(origin.span) else ""
        reads = self._reads(*(self.ts.actions[ai].guard for ai in acts))
        touched = {self.lock_of[v].name: self.lock_of[v] for v in reads if v in self.lock_of}
        if proc and len(touched) == 1:
            wait = self._lock_wait(tid, acts[0], next(iter(touched.values())))
            if wait is not None:
                return wait
        if proc:
            gps = [g for g in self.ts.grace_periods if dict(g.gp_wait).get(tid) in reads]
            if len(gps) == 1:
                return self._gp_wait(tid, acts[0], gps[0])
            work = [w for w in self.ts.work_items if w.pending in reads or w.running in reads]
            if len(work) == 1:
                return self._work_wait(tid, acts[0], work[0])
        return self._await_wait(tid, acts, reads)

    def _lock_wait(self, tid: int, ai: int, lk: Lock) -> _Wait | None:
        """`tid` waits in a lock primitive for `lk`: held by its owner (the writer), else by its
        readers, else a writer queued first (a reader-writer lock lets no new reader past it)."""
        holder = int(self.last[lk.owner])
        if holder != NONE:
            return _Wait(tid, "lock", lk.name, ai, (holder,), {holder: self._taken_by(lk.owner, holder)})
        readers = [(t, v) for t, v in lk.readers if t != tid and int(self.last[v]) > 0]
        if readers:
            taken = {t: self._taken_when(v, lambda x: int(x) > 0) for t, v in readers}
            return _Wait(tid, "lock", lk.name, ai, tuple(t for t, _ in readers), taken, ("read",))
        queued = lk.waiting
        if queued is not None:
            v = self.ts.vars[queued]
            value = int(self.last[queued])
            if v.sort.kind == "set":
                writers = [b for b in range(v.sort.hi) if value >> b & 1 and b != tid]
            else:
                writers = [value] if value not in (NONE, tid) else []
            if writers:
                taken = {w: self._taken_when(queued, lambda x: int(x) != 0 and int(x) != NONE) for w in writers}
                return _Wait(tid, "lock", lk.name, ai, tuple(writers), taken, ("queued",))
        return None

    def _gp_wait(self, tid: int, ai: int, gp: GracePeriod) -> _Wait:
        """`tid` waits for a grace period of `gp`: for the readers its snapshot still holds."""
        var = dict(gp.gp_wait)[tid]
        bits = int(self.last[var])
        readers = [t for t in range(self.ts.vars[var].sort.hi) if bits >> t & 1]
        nesting = dict(gp.nesting)
        taken = {r: self._taken_when(nesting[r], lambda x: int(x) > 0) for r in readers if r in nesting}
        return _Wait(tid, "srcu" if gp.domain else "rcu", gp.domain, ai, tuple(readers), taken)

    def _work_wait(self, tid: int, ai: int, w: WorkItem) -> _Wait:
        if self.last[w.running]:
            taken = self._taken_when(w.running, bool)
            holder = taken.thread if taken.action >= 0 else -1
            if holder >= 0:
                return _Wait(tid, "work", w.name, ai, (holder,), {holder: taken})
            return _Wait(tid, "work", w.name, ai, detail=(f"work item {w.name} is running from the start",))
        if self.last[w.pending]:
            return _Wait(tid, "work", w.name, ai, detail=(f"work item {w.name} is queued and no worker can run it",))
        return _Wait(tid, "work", w.name, ai)

    def _await_wait(self, tid: int, acts: list[int], reads: list[int]) -> _Wait:
        values = ", ".join(f"{self.ts.vars[v].name} = {self._show(v)}" for v in reads)
        detail = (f"where {values}",) if values else ()
        return _Wait(tid, "await", "", acts[0], detail=detail)

    def _taken_by(self, var: int, holder: int) -> _Taken:
        return self._taken_when(var, lambda x: int(x) == holder)

    def _taken_when(self, var: int, pred: Callable[[int | bool], bool]) -> _Taken:
        """The last step that made `pred` true of `var` (and the thread that took it)."""
        for n in range(len(self.actions) - 1, -1, -1):
            before, after = self.states[n][var], self.states[n + 1][var]
            if pred(after) and not pred(before):
                ai = self.actions[n]
                return _Taken(n + 1, self.ts.actions[ai].thread, ai)
        return _Taken(0, -1, -1)

    def _arrived(self, tid: int) -> int:
        """The step after which thread `tid` stands where it ends (0: it never stepped)."""
        return max((n + 1 for n, ai in enumerate(self.actions) if self.ts.actions[ai].thread == tid), default=0)

    # ---- cycles ------------------------------------------------------------------------------

    def _cycles(self, waits: dict[int, _Wait]) -> list[tuple[int, ...]]:
        """Elementary cycles of the wait-for graph (thread -> the threads it waits for), each once,
        starting from its least thread: MAX_CYCLES of them at most, in MAX_WALK path extensions."""
        found: list[tuple[int, ...]] = []
        budget = MAX_WALK
        for start in sorted(waits):
            stack = [[start]]
            while stack and budget > 0 and len(found) < MAX_CYCLES:
                path = stack.pop()
                budget -= 1
                w = waits.get(path[-1])
                for h in sorted(w.holders if w is not None else (), reverse=True):
                    if h == start:
                        found.append(tuple(path))
                    elif h > start and h not in path:
                        stack.append([*path, h])
        return found[:MAX_CYCLES]

    def _irq_cycle(self, cycle: tuple[int, ...], waits: dict[int, _Wait]) -> tuple[int, int, str] | None:
        """(task, handler, lock) of a cycle in which a handler spins on a lock that the thread it
        interrupted holds: lockdep's inconsistent lock state, happened."""
        for h in cycle:
            w = waits[h]
            if w.kind != "lock" or not self._running(h) or not w.holders:
                continue
            t = w.holders[0]
            tw = waits.get(t)
            if tw is not None and tw.kind == "cpu" and tw.holders == (h,):
                return t, h, w.resource
        return None

    def _inversion(self, cycles: list[tuple[int, ...]], waits: dict[int, _Wait]) -> str:
        for c in cycles:
            found = self._irq_cycle(c, waits)
            if found is not None:
                hard = self.ts.threads[found[1]].context == "hardirq"
                return INCONSISTENT["hardirq" if hard else "softirq"] + " usage."
        return ""

    def _headline(self, cycles: list[tuple[int, ...]], waits: dict[int, _Wait]) -> str:
        for c in cycles:
            if self._irq_cycle(c, waits) is not None:
                return "inconsistent lock state"
        for c in cycles:
            if len(c) == 1 and waits[c[0]].kind == "lock":
                return "recursive locking detected"
            if len(c) == 1 and waits[c[0]].kind == "rcu":
                return "illegal synchronize_rcu() in RCU read-side critical section"
            if len(c) == 1 and waits[c[0]].kind == "srcu":
                return "illegal synchronize_srcu() in same-type SRCU read-side critical section"
        if cycles:
            return "circular locking dependency detected"
        return "no thread can step"

    def _cycle_text(self, cycle: tuple[int, ...], waits: dict[int, _Wait]) -> str:
        parts = []
        for t in cycle:
            parts += [self.name(t), _what(waits[t])]
        return " -> ".join([*parts, self.name(cycle[0])])

    # ---- explanations ----------------------------------------------------------------------------

    def _explain(self, w: _Wait) -> list[str]:
        me = self.name(w.tid)
        a = self.ts.actions[w.action]
        if w.kind == "cpu":
            h = w.holders[0]
            if w.detail == ("interrupt",):
                why = f"{self.name(h)} interrupted it on {w.resource}"
            else:
                why = f"{self.name(h)}, a task of {w.resource}, {w.detail[0]} and cannot be switched away from"
            out = [f"{me}{self._kind(w.tid)} cannot run: {why}{self._status(h)}:"]
            out += self._site(a.origin, w.tid)
            began = "was delivered" if w.detail == ("interrupt",) else "became so"
            return out + self._taken_lines(f"{self.name(h)} {began}", w.taken[h])
        if w.kind == "lock" and self._running(w.tid):
            out = [f"{me}{self._kind(w.tid)} spins on lock {w.resource}:", *self._site(a.origin, w.tid)]
            h = w.holders[0]
            who = f"{self.name(h)}{self._status(h)}"
            return out + self._taken_lines(f"held by {who}, which took it", w.taken[h])
        if w.kind == "lock":
            out = [f"{me} is blocked trying to acquire lock {w.resource}:", *self._site(a.origin, w.tid)]
            for n, h in enumerate(w.holders):
                who = f"{self.name(h)}{self._status(h)}"
                but = "but" if n == 0 else "and"
                if h == w.tid:
                    line = f"{but} {me} already holds lock {w.resource}; it took it"
                elif w.detail == ("read",):
                    line = f"{but} {who} holds lock {w.resource} for read; it took it"
                elif w.detail == ("queued",):
                    line = f"{but} {who} waits for lock {w.resource} as a writer, and no new reader gets past it; it"
                    line += " queued"
                else:
                    line = f"{but} lock {w.resource} is held by {who}, which took it"
                out += self._taken_lines(line, w.taken[h])
            return out
        if w.kind in ("rcu", "srcu"):
            call = "synchronize_rcu()" if w.kind == "rcu" else f"synchronize_srcu({w.resource})"
            period = "an RCU grace period" if w.kind == "rcu" else f"an SRCU grace period of {w.resource}"
            out = [f"{me} is blocked in {call}, waiting for {period}:", *self._site(a.origin, w.tid)]
            if not w.holders:
                return [*out, "  (no reader is left in the readers it waits for)"]
            for r in w.holders:
                who = "itself" if r == w.tid else f"{self.name(r)}{self._status(r)}"
                kind = "RCU" if w.kind == "rcu" else f"SRCU {w.resource}"
                line = f"which waits for {who}, an {kind} reader whose read-side section began"
                out += self._taken_lines(line, w.taken.get(r, _Taken(0, -1, -1)))
            return out
        if w.kind == "work":
            out = [f"{me} is blocked in flush_work({w.resource}), waiting for work item {w.resource}:"]
            out += self._site(a.origin, w.tid)
            for h in w.holders:
                who = f"{self.name(h)}{self._status(h)}"
                out += self._taken_lines(f"which is running in {who}; it started", w.taken[h])
            return out + [f"  {d}" for d in w.detail]
        cond = _await_text(a.origin)
        what = f"until {cond} holds" if cond else "for its condition to hold"
        return [f"{me} is blocked waiting {what}:", *self._site(a.origin, w.tid), *(f"  {d}" for d in w.detail)]

    def _status(self, tid: int) -> str:
        t = self.ts.threads[tid]
        if int(self.last[t.pc]) == t.end:
            return " (finished without releasing it)"
        return ""

    def _taken_lines(self, what: str, taken: _Taken) -> list[str]:
        if taken.action < 0:
            return [f"{what} before the first step (initial state)"]
        return [f"{what} at step {taken.step}:", *self._site(self.ts.actions[taken.action].origin, taken.thread)]

    def _location(self, o: Origin) -> tuple[str, str]:
        """(file:line, statement) of the innermost line of the user's spec, as traces name steps."""
        text, _, location = name_step(o)
        return location, text

    def _site(self, origin: Origin, tid: int) -> list[str]:
        """The statement as the user wrote it, then its call chain."""
        loc, text = self._location(origin)
        return [f"  at {loc}: {text}", f"    {call_chain(self.name(tid), origin, self.ts.spec)}"]

    # ---- the scenario --------------------------------------------------------------------------

    def _interrupt_scenario(self, waits: list[_Wait]) -> list[str]:
        """lockdep's table for a lock taken in an interrupt on the CPU of the thread holding it:
        one column per CPU, the handler's code after `<Interrupt>`; [] if that is not the case."""
        by = {w.tid: w for w in waits}
        for c in self._cycles(by):
            found = self._irq_cycle(c, by)
            if found is None:
                continue
            _, _, lock = found
            cpu = self.ts.threads[found[1]].cpu
            col = f"CPU{cpu}" if cpu is not None else "CPU"
            rows = [f"  lock({lock});", "  <Interrupt>", f"    lock({lock});"]
            return [" the scenario that happened:", "", f"       {col}", "       ----", *rows, "", " *** DEADLOCK ***"]
        return []

    def _scenario(self, threads: list[int], waits: list[_Wait]) -> list[str]:
        """lockdep's table: one column per thread, its acquisitions and blocked attempts in trace order."""
        interrupt = self._interrupt_scenario(waits)
        if interrupt:
            return interrupt
        events: list[tuple[int, int, int, str]] = []  # (after step, order, thread, text)
        for w in waits:
            for h in w.holders:
                t = w.taken.get(h)
                if t is not None:
                    events.append((t.step, 0, h, _held_text(w)))
            # the attempt blocks once the thread stands there and the last holder has taken it
            since = max([self._arrived(w.tid), *(t.step for t in w.taken.values())])
            origin = self.ts.actions[w.action].origin if w.action >= 0 else None
            events.append((since, 1, w.tid, _attempt_text(w, origin)))
        events = sorted(set(events))
        cols = {t: k for k, t in enumerate(threads)}
        names = [self.name(t) for t in threads]
        width = max(16, *(len(x) + 4 for x in names), *(len(e[3]) + 4 for e in events))
        title = " the scenario that happened:"
        if 2 + width * len(threads) <= WIDTH:
            rows = ["  " + "".join(n.ljust(width) for n in names).rstrip()]
            rows.append("  " + "".join("----".ljust(width) for _ in names).rstrip())
            rows += ["  " + " " * (width * cols[t]) + text for _, _, t, text in events]
        else:
            rows = [f"  {self.name(t)}: {text}" for _, _, t, text in events]
        return [title, "", *rows, "", " *** DEADLOCK ***"]


# ---- text helpers ------------------------------------------------------------------------------


def _ordered(xs: list[int]) -> list[int]:
    return sorted(set(xs))


# per kind of wait: (its node in a wait-for cycle, the holder's call, the waiter's call); {} is the
# lock's, domain's or work item's name
_KINDS = {
    "lock": ("{}", "lock({});", "lock({});"),
    "cpu": ("{}", "<Interrupt>", "<cannot run>"),
    "rcu": ("RCU grace period", "rcu_read_lock();", "synchronize_rcu();"),
    "srcu": ("SRCU grace period of {}", "srcu_read_lock({});", "synchronize_srcu({});"),
    "work": ("work {}", "run_work({});", "flush_work({});"),
}


def _what(w: _Wait) -> str:
    """The node for what `w` waits for in a wait-for cycle."""
    return _KINDS[w.kind][0].format(w.resource) if w.kind in _KINDS else "condition"


def _held_text(w: _Wait) -> str:
    if w.kind == "cpu" and w.detail != ("interrupt",):
        return f"<keeps {w.resource}>"
    return _KINDS[w.kind][1].format(w.resource)


def _attempt_text(w: _Wait, origin: Origin | None) -> str:
    if w.kind in _KINDS:
        return _KINDS[w.kind][2].format(w.resource)
    if origin is None:
        return ""
    cond = _await_text(origin)
    return f"await {cond};" if cond else " ".join(origin.text.split())


def _await_text(origin: Origin) -> str:
    """The condition of the `await` an action waits at, as the spec writes it ("" if none)."""
    if origin.span is None:
        return ""
    m = re.search(r"\bawait\s+(.+?);", source_text(origin.span), re.S)
    return " ".join(m.group(1).split()) if m else ""


def _wrap(lines: list[str]) -> str:
    """The lines, each cut at spaces to fit WIDTH columns (continuations indented under their line)."""
    out: list[str] = []
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        cont = " " * (indent + 4)
        while len(line) > WIDTH:
            cut = line.rfind(" ", len(cont) + 1, WIDTH + 1)
            if cut <= len(line) - len(line.lstrip(" ")):
                break
            out.append(line[:cut].rstrip())
            line = cont + line[cut:].lstrip()
        out.append(line)
    return "\n".join(out) + "\n"

"""Hypothesis strategy: small specs with CPUs and interrupt handlers, each in two forms.

`cpu_specs()` draws a `CpuSpec`: the spec written with `on cpu N`, `irq handler` and `softirq
handler` (1 or 2 CPUs, 1 to 3 tasks, 1 or 2 handlers), and the same spec written without them,
as specs were written before the language had CPUs:

- every step of a thread that shares a CPU is `atomic { await GATE && COND; ...; ROLE }`, where
  GATE is a function of the thread's CPU and kind over the prelude's per-thread context arrays,
  spelled out from the scheduling rules in the language reference (not from the lowerer);
- a handler is a `daemon thread` looping over a delivery step (`await` its `when` condition
  and GATE, set `hardirq_running[self]` or `softirq_running[self]`), its body, a return step;
- the prelude's locking procedures are written out step by step, each step wrapped as above;
- lockdep's `irq_inversion` warning is an `assert[irq_inversion]` at the end of each lock
  acquisition (irq_inversion is a check that does not stop its thread, so the assert is a
  warning too), given which locks the handlers' code takes.

Thread names are not values in the language, so GATE cannot name the other threads of its CPU.
Each oracle step records its thread's CPU and kind in the ghost arrays `g_cpu` and `g_kind`
(0: no step taken yet), and GATE quantifies over the threads whose recorded CPU is its own. A
thread that has not taken a step is not running and has all its counts at zero, so it never
blocks anyone: the gates agree with the scheduler's in every reachable state.

Every generated statement reads or writes shared state (no locals, no `if` on locals), so each
is one step in both forms and the two forms have the same reachable states once program
counters and ghost variables are projected away. The generator leaves out what would break
that: prelude calls nested in user `atomic` blocks, `return` in handler bodies, locals, loops
in task bodies, handler templates with parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

USER_CHECK = "mine"

# Context predicates of the prelude that asserts may read.
CONTEXT_FUNCS = ["in_irq()", "in_serving_softirq()", "in_softirq()", "in_interrupt()", "irqs_disabled()", "in_atomic()"]

# A lock operation: (name, lock kind, steps), each step (extra guard, statements); "@ACQUIRE"
# marks where the irq_inversion assert of an acquisition goes.
_LOCK_STEPS = {
    "spin_lock": ["preempt_count[self] += 1;"],
    "spin_lock_irqsave": ["preempt_count[self] += 1;", "irqs_off[self] += 1;"],
    "spin_lock_irq": ["preempt_count[self] += 1;", "irqs_off[self] += 1;"],
    "spin_lock_bh": ["preempt_count[self] += 1;", "bh_off[self] += 1;"],
}
_UNLOCK_STEPS = {
    "spin_unlock": ["preempt_count[self] -= 1;"],
    "spin_unlock_irqrestore": ["preempt_count[self] -= 1;", "irqs_off[self] -= 1;"],
    "spin_unlock_irq": ["preempt_count[self] -= 1;", "irqs_off[self] = 0;"],
    "spin_unlock_bh": ["preempt_count[self] -= 1;", "bh_off[self] -= 1;"],
}
SPIN_PAIRS = [
    ("spin_lock", "spin_unlock"),
    ("spin_lock_irqsave", "spin_unlock_irqrestore"),
    ("spin_lock_irq", "spin_unlock_irq"),
    ("spin_lock_bh", "spin_unlock_bh"),
]
KIND_CODE = {"task": 1, "hardirq": 2, "softirq": 3}

Step = tuple[str, list[str]]  # (extra guard or "", statements of the step)


@dataclass(frozen=True)
class CpuSpec:
    """One generated spec in both forms."""

    cpu_text: str  # with CPUs and handlers
    oracle_text: str  # the same, hand-scheduled with daemon threads and gated steps


@dataclass
class Unit:
    """One statement of the CPU form and its steps in the oracle form."""

    lines: list[str]
    steps: list[Step]
    acquires: str | None = None  # the lock this statement takes, if any


@dataclass
class Thread:
    name: str
    kind: str  # task | hardirq | softirq
    cpu: int | None
    when: str = "true"
    units: list[Unit] = field(default_factory=list)


def lock_unit(op: str, lock: str) -> Unit:
    steps: list[Step] = [("", [f"assert[double_lock] {lock}.owner != self;"])]
    steps.append((f"{lock}.owner == none", [f"{lock}.owner = self;", *_LOCK_STEPS[op], "@ACQUIRE"]))
    return Unit([f"{op}({lock});"], steps, acquires=lock)


def unlock_unit(op: str, lock: str) -> Unit:
    body = " ".join(_UNLOCK_STEPS[op])
    steps: list[Step] = [
        (
            "",
            [
                f"assert[unlock_not_held] {lock}.owner == self;",
                f"if {lock}.owner == self {{ {lock}.owner = none; {body} }}",
            ],
        )
    ]
    return Unit([f"{op}({lock});"], steps)


MIGHT_SLEEP = [
    "assert[sleep_in_irq] !hardirq_running[self] && !softirq_running[self];",
    "assert[sleep_in_atomic] !in_atomic() || hardirq_running[self] || softirq_running[self];",
]


def simple(line: str, extra: str = "") -> Unit:
    """A statement that is one step: the same text in both forms."""
    return Unit([line], [(extra, [line])])


class _Gen:
    def __init__(self, draw: st.DrawFn):
        self.draw = draw
        self.mutex = False

    def pick(self, items: list):  # type: ignore[no-untyped-def]
        return self.draw(st.sampled_from(items))

    def chance(self, p: float) -> bool:
        return self.draw(st.integers(0, 99)) < int(p * 100)

    # ---- statements --------------------------------------------------------------------
    def write(self) -> Unit:
        return simple(self.pick(["b = !b;", "b = true;", "b = false;", "x = (x + 1) % 2;", "x = 1;"]))

    def cond(self) -> str:
        return self.pick(["b", "!b", "x == 1", "x == 0", "lk.owner == none"])

    def assertion(self) -> Unit:
        e = self.pick(CONTEXT_FUNCS)
        e = e if self.chance(0.5) else f"!{e}"
        if self.chance(0.3):
            e = f"{e} || {self.cond()}"
        check = f"[{USER_CHECK}]" if self.chance(0.6) else ""
        return simple(f"assert{check} {e};")

    def await_(self) -> Unit:
        c = self.cond()
        return Unit([f"await {c};"], [(c, [])])

    def inner(self) -> list[Unit]:
        """What a section holds: nothing or one simple statement."""
        if self.chance(0.3):
            return []
        if self.chance(0.15):
            return [Unit(["might_sleep();"], [("", list(MIGHT_SLEEP))])]
        return [self.pick([self.write, self.assertion, self.write])()]

    def section(self, enter: list[Unit], leave: list[Unit]) -> list[Unit]:
        body = self.inner()
        if self.chance(0.85):
            return [*enter, *body, *leave]
        return self.pick([[*enter, *body], [*body, *leave]])

    def spin(self) -> list[Unit]:
        lock, unlock = self.pick(SPIN_PAIRS)
        return self.section([lock_unit(lock, "lk")], [unlock_unit(unlock, "lk")])

    def irq_section(self) -> list[Unit]:
        save = simple("irqs_off[self] += 1;")
        save = Unit(["local_irq_save();"], save.steps)
        restore = Unit(
            ["local_irq_restore();"],
            [("", ["assert[irq_unbalanced] irqs_off[self] > 0;", "if irqs_off[self] > 0 { irqs_off[self] -= 1; }"])],
        )
        return self.section([save], [restore])

    def bh_section(self) -> list[Unit]:
        off = Unit(["local_bh_disable();"], [("", ["bh_off[self] += 1;"])])
        on = Unit(
            ["local_bh_enable();"],
            [("", ["assert[irq_unbalanced] bh_off[self] > 0;", "if bh_off[self] > 0 { bh_off[self] -= 1; }"])],
        )
        return self.section([off], [on])

    def rcu_section(self) -> list[Unit]:
        lock = Unit(["rcu_read_lock();"], [("", ["rcu_nesting[self] += 1;"])])
        unlock = Unit(
            ["rcu_read_unlock();"],
            [
                (
                    "",
                    [
                        "assert[rcu_unbalanced] rcu_nesting[self] > 0;",
                        "if rcu_nesting[self] > 0 { rcu_nesting[self] -= 1; "
                        "if rcu_nesting[self] == 0 { foreach w: thread { rcu_gp_wait[w] -= {self}; } } }",
                    ],
                )
            ],
        )
        return self.section([lock], [unlock])

    def sleeper(self) -> list[Unit]:
        kind = self.pick(["might_sleep", "might_sleep", "synchronize_rcu", "mutex"])
        if kind == "might_sleep":
            return [Unit(["might_sleep();"], [("", list(MIGHT_SLEEP))])]
        if kind == "synchronize_rcu":
            first: Step = ("", [*MIGHT_SLEEP, "rcu_gp_wait[self] = {t: thread | rcu_nesting[t] > 0};"])
            return [Unit(["synchronize_rcu();"], [first, ("rcu_gp_wait[self] == {}", [])])]
        self.mutex = True
        lock = Unit(
            ["mutex_lock(mx);"],
            [
                ("", [*MIGHT_SLEEP, "assert[double_lock] mx.owner != self;"]),
                ("mx.owner == none", ["mx.owner = self;"]),
            ],
        )  # a sleeping lock: lockdep's irq state is about spinning locks (a mutex in a handler is sleep_in_irq)
        unlock = Unit(
            ["mutex_unlock(mx);"],
            [("", ["assert[unlock_not_held] mx.owner == self;", "if mx.owner == self { mx.owner = none; }"])],
        )
        return [lock, *self.inner(), unlock]

    def units(self, n: int) -> list[Unit]:
        kinds = [
            (self.write, 4),
            (self.assertion, 3),
            (self.await_, 1),
            (self.spin, 5),
            (self.irq_section, 2),
            (self.bh_section, 2),
            (self.rcu_section, 1),
            (self.sleeper, 1),
        ]
        out: list[Unit] = []
        for _ in range(n):
            f = self.pick([f for f, w in kinds for _ in range(w)])
            made = f()
            out += made if isinstance(made, list) else [made]
        return out

    # ---- threads and the spec ----------------------------------------------------------
    def threads(self) -> list[Thread]:
        ncpus = self.draw(st.integers(1, 2))
        out: list[Thread] = []
        for i in range(self.draw(st.integers(1, 3))):
            cpu = None if self.chance(0.15) else self.draw(st.integers(0, ncpus - 1))
            out.append(Thread(f"t{i}", "task", cpu, units=self.units(self.draw(st.integers(1, 2)))))
        for i in range(self.draw(st.integers(1, 2))):
            kind = self.pick(["hardirq", "softirq"])
            cpu = self.draw(st.integers(0, ncpus - 1))
            bound = self.draw(st.integers(1, 2))
            when = f"d{i} < {bound}"
            if self.chance(0.3):
                when += f" && {self.cond()}"
            units = [simple(f"d{i} += 1;")]
            if self.chance(0.5):  # handlers that take the lock make irq_inversion and deadlocks likely
                units += self.spin()
            units += self.units(self.draw(st.integers(0, 1)))
            out.append(Thread(f"h{i}", kind, cpu, when, units))
        return out

    def spec(self) -> CpuSpec:
        threads = self.threads()
        return render(threads, self.mutex, self.pick(INVARIANTS))


def render(threads: list[Thread], mutex: bool, invariant: str) -> CpuSpec:
    """Both forms of the spec with these threads (handlers named h0, h1 with counters d0, d1)."""
    nh = sum(t.kind != "task" for t in threads)
    decls = ["var lk: spinlock;", "var b: bool;", "var x: 0..1;"]
    decls += [f"var d{i}: 0..2;" for i in range(nh)]
    if mutex:
        decls.append("var mx: mutex;")
    decls.append(f'check {USER_CHECK} "a generated check";')
    props = [
        "invariant one_context: forall t: thread :: !(hardirq_running[t] && softirq_running[t]);",
        f"invariant inv0: {invariant};",
    ]
    cpu_text = "\n".join(["// generated", *decls, *(line for t in threads for line in _cpu_thread(t)), *props, ""])
    oracle = "\n".join(["// generated, hand-scheduled", *decls, *ORACLE_DECLS, *_oracle_threads(threads), *props, ""])
    return CpuSpec(cpu_text, oracle)


INVARIANTS = [
    "count(t: thread | hardirq_running[t]) <= 1",
    "forall t: thread :: hardirq_running[t] ==> irqs_off[t] == 0",
    "lk.owner == none || !b",
    "!(b && x == 1)",
    "forall t: thread :: preempt_count[t] + irqs_off[t] <= 2",
    "count(t: thread | softirq_running[t] || hardirq_running[t]) <= 1",
]

# The ghost arrays and the gates of the oracle form (see the module docstring).
ORACLE_DECLS = [
    "var g_cpu: [thread]0..2;",
    "var g_kind: [thread]0..3;",
    "func peer(u: thread, c: 1..2): bool = u != self && g_cpu[u] == c;",
    "func gate_task(c: 1..2): bool = forall u: thread :: peer(u, c) ==>"
    " (!hardirq_running[u] && !softirq_running[u] && (g_kind[u] == 1 ==>"
    " (preempt_count[u] == 0 && irqs_off[u] == 0 && bh_off[u] == 0 && rcu_nesting[u] == 0)));",
    "func gate_hard(c: 1..2): bool = hardirq_running[self] ||"
    " (forall u: thread :: peer(u, c) ==> (!hardirq_running[u] && irqs_off[u] == 0));",
    "func gate_soft(c: 1..2): bool ="
    " (softirq_running[self] && (forall u: thread :: peer(u, c) ==> !hardirq_running[u]))"
    " || (!softirq_running[self] && (forall u: thread :: peer(u, c) ==>"
    " (!hardirq_running[u] && !softirq_running[u] && irqs_off[u] == 0 && bh_off[u] == 0)));",
]


def _handler_head(t: Thread) -> str:
    kw = "irq" if t.kind == "hardirq" else "softirq"
    return f"{kw} handler {t.name} on cpu {t.cpu} when {t.when} {{"


def _cpu_thread(t: Thread) -> list[str]:
    body = ["  " + line for u in t.units for line in u.lines] or ["  skip;"]
    if t.kind == "task":
        where = "" if t.cpu is None else f" on cpu {t.cpu}"
        return [f"thread {t.name}{where} {{", *body, "}"]
    return [_handler_head(t), *body, "}"]


def _oracle_threads(threads: list[Thread]) -> list[str]:
    taken = {"hardirq": set(), "softirq": set()}
    for t in threads:
        if t.kind != "task":
            taken[t.kind].update(u.acquires for u in t.units if u.acquires)
    out: list[str] = []
    for t in threads:
        gated = t.cpu is not None
        c = (t.cpu or 0) + 1
        gate = {"task": "gate_task", "hardirq": "gate_hard", "softirq": "gate_soft"}[t.kind] + f"({c})"
        role = f"g_cpu[self] = {c}; g_kind[self] = {KIND_CODE[t.kind]};" if gated else ""

        def step(
            extra: str, stmts: list[str], lock: str | None, t: Thread = t, gate: str = gate, role: str = role
        ) -> str:
            guards = [g for g in ((gate if t.cpu is not None else ""), extra) if g]
            body = []
            for s in stmts:
                if s == "@ACQUIRE":
                    s = _inversion(t.kind, lock, taken)
                body.append(s)
            head = f"await {' && '.join(f'({g})' for g in guards)}; " if guards else ""
            return f"atomic {{ {head}{' '.join(b for b in body if b)} {role} }}"

        steps = [step(e, s, u.acquires) for u in t.units for e, s in u.steps]
        if t.kind == "task":
            out += [f"thread {t.name} {{", *("  " + s for s in steps or ["skip;"]), "}"]
            continue
        flag = "hardirq_running" if t.kind == "hardirq" else "softirq_running"
        enter = step(t.when, [f"{flag}[self] = true;"], None)
        leave = step("", [f"{flag}[self] = false;"], None)
        out += [f"daemon thread {t.name} {{", "  loop {", *("    " + s for s in [enter, *steps, leave]), "  }", "}"]
    return out


def _inversion(kind: str, lock: str | None, taken: dict[str, set[str | None]]) -> str:
    """The irq_inversion assert at the end of an acquisition of `lock` (after its updates, so it
    reads the thread's interrupt state as the step leaves it)."""
    if kind == "hardirq" or lock is None:
        return ""
    conds = []
    if lock in taken["hardirq"]:
        conds.append("irqs_off[self] == 0")
    if lock in taken["softirq"] and kind == "task":
        conds.append("(irqs_off[self] == 0 && bh_off[self] == 0)")
    if not conds:
        return ""
    return f"assert[irq_inversion] !({' || '.join(conds)});"


@st.composite
def cpu_specs(draw: st.DrawFn) -> CpuSpec:
    """A small spec with CPUs and handlers, and its hand-scheduled twin (module docstring)."""
    return _Gen(draw).spec()

"""Hypothesis strategies: small random specs in the irqverify language.

`specs()` draws the text of a whole spec (declarations, 1 to 3 thread instances, invariants, a
temporal `always` property, sometimes two variants) that the checker accepts: programs are
well typed by construction, so a rejected one is a bug of this module, not of the checker.
The state spaces stay small (a few ranges of 2 to 4 values, pools of 1 or 2 objects, short
bodies), so exhaustive explicit-state search finishes in milliseconds.

What a spec may contain: shared bools, small ranges and an enum; a pool with alloc, free, field
reads and writes through a local reference or a shared optional one; a set of small ints and a
set of threads; a list with the prelude's list_add_rcu, list_add_tail, list_del(_rcu) and foreach walks; a
spinlock and a mutex through the prelude, also taken with spin_trylock and mutex_trylock; at
most one of sync.irq's rwlock (read and write sections, read_trylock), completion, atomic_t and
refcount_t; RCU read sections and synchronize_rcu; if, while
(over a local counter or over shared state), loop/break, for, foreach over a type, a set or a
list, either, choose, await, assume, atomic, assert and assert[check], labels and return;
template threads with a parameter, daemon threads looping forever, fairness modifiers; done(t),
live(o), size(s), count and quantifiers in invariants.

Constructs known to break an engine are left out, so that the differential tests stay green;
each has its reproducer in tests/engines/ (marked xfail until fixed). None at present.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

POOL = "obj"
CHECK = "mine"
SYNC_KINDS = ("rwlock", "completion", "atomic_t", "refcount")
MAX_NESTING = 3  # with more scopes open (thread, block, inner block), only simple statements are drawn


@dataclass(frozen=True)
class Sym:
    """A name in scope. kind: bool | int | enum | obj | optobj."""

    name: str
    kind: str
    lo: int = 0
    hi: int = 1
    assignable: bool = True


@dataclass
class Features:
    pool: int = 0  # pool size, 0 for no pool
    shared_ref: bool = False  # var p: obj?
    lst: bool = False  # var l: list<obj>
    int_set: bool = False  # var s: set<0..2>
    thread_set: bool = False  # var who: set<thread>
    enum: int = 0  # number of enum members, 0 for no enum
    spin: bool = False
    mutex: bool = False
    rcu: bool = False
    check: bool = False
    variants: bool = False
    sync: str = ""  # one of sync.irq's records (SYNC_KINDS), or "" for none


@dataclass
class _Template:
    name: str
    param: bool
    daemon: bool
    locals_made: int = 0
    scopes: list[list[Sym]] = field(default_factory=list)


class _Gen:
    """Draws one spec. Each method that writes code returns lines (without indentation)."""

    def __init__(self, draw: st.DrawFn, liveness: bool = False, narrowing: str = "", thread_preds: bool = False):
        self.draw = draw
        self.liveness = liveness
        # "" (none of what follows), "anywhere" or "atomic" (where `if let` may be drawn): optionals
        # narrowed with `if let` and `!`, and atomic blocks whose locals outlive them
        self.narrowing = narrowing
        # thread predicates (done, at, enabled, quiescent, thread locals) in awaits and invariants
        self.thread_preds = thread_preds
        self.made: list[str] = []  # the threads made so far, as an instance expression
        self.labels: dict[str, list[str]] = {}  # per instance expression: labels outside atomic blocks
        self.stored: dict[str, list[Sym]] = {}  # per instance expression: locals with storage
        self.f = Features()
        self.shared: list[Sym] = []
        self.tmpl: _Template | None = None
        self.budget = 0  # statements left for the current thread template

    # ---- small helpers -----------------------------------------------------------------
    def pick(self, items: list):  # type: ignore[no-untyped-def]
        return self.draw(st.sampled_from(items))

    def chance(self, p: float) -> bool:
        return self.draw(st.integers(0, 99)) < int(p * 100)

    def visible(self) -> list[Sym]:
        out = list(self.shared)
        if self.tmpl is not None:
            for scope in self.tmpl.scopes:
                out.extend(scope)
        return out

    def of(self, kind: str, *, assignable: bool = False) -> list[Sym]:
        return [s for s in self.visible() if s.kind == kind and (s.assignable or not assignable)]

    def fresh(self, prefix: str) -> str:
        assert self.tmpl is not None
        self.tmpl.locals_made += 1
        return f"{prefix}{self.tmpl.locals_made}"

    def declare(self, sym: Sym) -> None:
        assert self.tmpl is not None
        self.tmpl.scopes[-1].append(sym)

    def in_thread(self) -> bool:
        return self.tmpl is not None

    # ---- expressions -------------------------------------------------------------------
    def int_atom(self, lo: int = 0, hi: int = 3) -> str:
        """An int-valued atom, preferring names whose range lies within lo..hi."""
        names = [s for s in self.of("int") if lo <= s.lo and s.hi <= hi]
        if names and self.chance(0.75):
            return self.pick(names).name
        return str(self.draw(st.integers(lo, hi)))

    def int_expr(self, depth: int = 0) -> str:
        choice = self.draw(st.integers(0, 9))
        if depth >= 1 or choice < 5:
            return self.int_atom()
        if choice < 8:
            op = self.pick(["+", "-", "+"])
            return f"{self.int_atom()} {op} {self.int_atom(0, 1)}"
        if choice == 8:
            # the left operand may be negative: / and % round toward zero, as in C
            left = self.int_atom() if self.chance(0.5) else f"({self.int_atom()} - {self.int_atom(0, 3)})"
            if self.chance(0.2):
                left = f"-{left}"
            return f"{left} {self.pick(['*', '/', '%'])} {self.draw(st.integers(1, 3))}"
        if self.of("int"):
            return f"{self.int_atom(0, 1)} / {self.pick(self.of('int')).name}"  # may divide by zero
        return "1"

    def bool_atom(self, constants: bool = True) -> str:
        """A bool-valued atom; without `constants`, no literal true or false (for properties)."""
        opts: list[str] = [self.pick(["true", "false"])] if constants else []
        opts += [s.name for s in self.of("bool")]
        for s in self.of("int"):
            opts.append(f"{s.name} {self.pick(['==', '!=', '<', '<=', '>', '>='])} {self.int_atom(s.lo, s.hi)}")
        for s in self.of("enum"):
            opts.append(f"{s.name} {self.pick(['==', '!='])} M{self.draw(st.integers(0, self.f.enum - 1))}")
        if self.f.variants:
            opts.append("opt")
        if self.f.int_set:
            opts.append(f"{self.int_atom(0, 2)} {self.pick(['in', 'not in'])} s")
            opts.append(f"size(s) {self.pick(['<=', '>=', '=='])} {self.draw(st.integers(0, 2))}")
        if self.f.thread_set:
            opts.append(f"size(who) {self.pick(['<=', '=='])} {self.draw(st.integers(0, 2))}")
            if self.in_thread():
                opts.append(f"self {self.pick(['in', 'not in'])} who")
        if self.f.pool:
            for s in self.of("obj") + self.of("optobj"):
                opts.append(f"live({s.name})")
                if s.kind == "optobj":
                    opts.append(f"{s.name} {self.pick(['==', '!='])} none")
                opts.append(f"{s.name}.f {self.pick(['==', '!='])} {self.draw(st.integers(0, 1))}")
            if self.f.lst:
                opts.append("list_empty(l)")
                for s in self.of("obj"):
                    opts.append(f"{s.name} {self.pick(['in', 'not in'])} l.members")
        if self.f.spin:
            opts.append("lk.owner == none")
            if self.in_thread():
                opts.append("lk.owner == self")
        if self.f.mutex:
            opts.append("mx.owner != none")
        opts += self.sync_atoms()
        if self.in_thread():
            opts.append("exists t: thread :: t != self && done(t)")
        else:
            opts.append("forall t: thread :: done(t)")
        return self.pick(opts)

    def bool_expr(self, depth: int = 0, constants: bool = True) -> str:
        choice = self.draw(st.integers(0, 9))
        if depth >= 2 or choice < 6:
            return self.bool_atom(constants)
        sub = [self.bool_expr(depth + 1, constants) for _ in range(2)]
        if choice == 6:
            return f"!({sub[0]})"
        op = {7: "&&", 8: "||", 9: "==>"}[choice]
        return f"({sub[0]}) {op} ({sub[1]})"

    # ---- statements --------------------------------------------------------------------
    def block(self, n: int, *, atomic: bool, loop: bool, scope: bool = True) -> list[str]:
        assert self.tmpl is not None
        if scope:
            self.tmpl.scopes.append([])
        out: list[str] = []
        for _ in range(n):
            if self.budget <= 0:
                break
            out += self.stmt(atomic=atomic, loop=loop)
        if scope:
            self.tmpl.scopes.pop()
        return out or ["skip;"]

    def body(self, lines: list[str]) -> list[str]:
        return ["  " + line for line in lines]

    def stmt(self, *, atomic: bool, loop: bool) -> list[str]:
        assert self.tmpl is not None
        self.budget -= 1
        compound = len(self.tmpl.scopes) <= MAX_NESTING
        weights = {"assign": 8, "local": 4, "assert": 2, "await": 2, "choose": 2, "assume": 1, "label": 1}
        if compound:
            weights |= {"if": 4, "either": 2, "for": 2}
        if self.f.int_set or self.f.thread_set:
            weights["set"] = 4
        if self.f.pool:
            weights |= {"alloc": 3, "pool": 6}
            if self.f.lst:
                weights["list"] = 5
                if compound:
                    weights["walk"] = 3
        if self.f.int_set and compound:
            weights["foreach_set"] = 2
        if not atomic and compound:
            weights |= {"atomic": 3, "while": 3}
            if self.f.spin:
                weights["spin"] = 4
            if self.f.mutex:
                weights["mutex"] = 4
            if self.f.rcu:
                weights["rcu"] = 3
            if self.f.spin or self.f.mutex:
                weights["trylock"] = 2
            if self.f.sync:
                weights["sync_op"] = 3
        if not atomic and self.f.rcu:
            weights["sync"] = 2
        if loop:
            weights["break"] = 2
        if self.narrowing and self.f.pool:
            weights["pool"] = 12
            if "atomic" in weights:
                weights["atomic"] = 8
        kinds = [k for k, w in weights.items() for _ in range(w)]
        k = self.pick(kinds)
        return getattr(self, f"s_{k}")(atomic=atomic, loop=loop)

    def s_assign(self, **_: bool) -> list[str]:
        targets = self.of("bool", assignable=True) + self.of("int", assignable=True) + self.of("enum", assignable=True)
        if not targets:
            return self.s_local()
        t = self.pick(targets)
        if t.kind == "bool":
            return [f"{t.name} = {self.bool_expr()};"]
        if t.kind == "enum":
            return [f"{t.name} = M{self.draw(st.integers(0, self.f.enum - 1))};"]
        form = self.draw(st.integers(0, 9))
        if form < 2:
            return [f"{t.name} += 1;"]  # out_of_range at the top of the range
        if form < 4:
            return [f"{t.name} = ({t.name} + 1) % {t.hi + 1};"]
        if form == 4:
            return [f"{t.name} -= 1;"] if self.chance(0.3) else [f"if {t.name} > 0 {{", f"  {t.name} -= 1;", "}"]
        return [f"{t.name} = {self.int_expr()};"]

    def s_local(self, **_: bool) -> list[str]:
        kind = self.pick(["bool", "int", "int"] + (["enum"] if self.f.enum else []))
        name = self.fresh("c")
        if kind == "bool":
            line = f"local {name}: bool = {self.bool_expr()};"
            self.declare(Sym(name, "bool"))
        elif kind == "enum":
            line = f"local {name}: mode = M{self.draw(st.integers(0, self.f.enum - 1))};"
            self.declare(Sym(name, "enum"))
        else:
            hi = self.draw(st.integers(1, 3))
            line = f"local {name}: 0..{hi} = {self.int_atom(0, hi)};"
            self.declare(Sym(name, "int", 0, hi))
        if self.thread_preds and kind != "enum":
            self.stored.setdefault(self._me(), []).append(self.tmpl.scopes[-1][-1])  # type: ignore[union-attr]
        return [line]

    def s_if(self, *, atomic: bool, loop: bool) -> list[str]:
        out = [
            f"if {self.bool_expr()} {{",
            *self.body(self.block(self.draw(st.integers(1, 2)), atomic=atomic, loop=loop)),
        ]
        if self.chance(0.5):
            out += ["} else {", *self.body(self.block(1, atomic=atomic, loop=loop))]
        return [*out, "}"]

    def s_either(self, *, atomic: bool, loop: bool) -> list[str]:
        out = ["either {", *self.body(self.block(1, atomic=atomic, loop=loop))]
        for _ in range(self.draw(st.integers(1, 2))):
            out += ["} or {", *self.body(self.block(1, atomic=atomic, loop=loop))]
        return [*out, "}"]

    def s_assert(self, **_: bool) -> list[str]:
        name = f"[{CHECK}]" if self.f.check and self.chance(0.5) else ""
        return [f"assert{name} {self.bool_expr()};"]

    def s_await(self, **_: bool) -> list[str]:
        if self.thread_preds and self.chance(0.5):
            return [f"await {self.thread_pred(local=False)} {self.pick(['||', '&&'])} {self.bool_expr()};"]
        return [f"await {self.bool_expr()};"]

    def _me(self) -> str:
        assert self.tmpl is not None
        return f"{self.tmpl.name}(0)" if self.tmpl.param else self.tmpl.name

    def thread_pred(self, local: bool) -> str:
        """done/at/enabled/quiescent on the threads made so far (and the one being made); with
        `local`, also a comparison of a thread's local (properties only)."""
        insts = [*self.made, *([self._me()] if self.in_thread() else [])]
        opts = ["quiescent", "!quiescent"]
        for i in insts:
            opts += [f"done({i})", f"enabled({i})", f"!enabled({i})"]
            opts += [f"at({i}, {lb})" for lb in self.labels.get(i, [])]
            if local:
                for sym in self.stored.get(i, []):
                    if sym.kind == "bool":
                        opts.append(f"{i}.{sym.name}")
                    elif sym.kind == "int":
                        opts.append(f"{i}.{sym.name} {self.pick(['==', '<='])} {self.draw(st.integers(0, sym.hi))}")
        return self.pick(opts)

    def s_assume(self, **_: bool) -> list[str]:
        return [f"assume {self.bool_expr()};"]

    def s_label(self, *, atomic: bool, loop: bool) -> list[str]:
        inner = self.s_assign()
        label = self.fresh("at")
        if self.thread_preds and not atomic:
            self.labels.setdefault(self._me(), []).append(label)
        return [f"@{label} {inner[0]}", *inner[1:]]

    def s_choose(self, **_: bool) -> list[str]:
        name = self.fresh("c")
        kinds = ["int", "int"] + (["enum"] if self.f.enum else []) + (["obj"] if self.f.pool else [])
        kind = self.pick(kinds)
        where = f" where {self.bool_expr(1)}" if self.chance(0.4) else ""
        if kind == "int":
            hi = self.draw(st.integers(1, 2))
            line = f"choose {name}: 0..{hi}"
            sym = Sym(name, "int", 0, hi, assignable=True)
        elif kind == "enum":
            line = f"choose {name}: mode"
            sym = Sym(name, "enum")
        else:
            refs = self.of("optobj")
            if refs and self.chance(0.6):
                where = f" where {name} == {self.pick(refs).name}"  # narrows an obj? to an obj
            line = f"choose {name}: {POOL}"
            sym = Sym(name, "obj", assignable=False)
        self.declare(sym)
        if where and sym.kind != "obj":
            # the condition may mention the new local itself
            where = f" where {self.bool_expr(1)}"
        return [f"{line}{where};"]

    def s_set(self, **_: bool) -> list[str]:
        opts = []
        if self.f.int_set:
            opts.append(f"s {self.pick(['+=', '-='])} {self.int_atom(0, 2)};")
            # a literal's own element range (1..1 for {1}) differs from the set's (0..2)
            opts.append(f"s {self.pick(['+=', '-=', '='])} {{{self.int_atom(0, 2)}}};")
            opts.append(f"s = {{x: 0..2 | x {self.pick(['<', '>', '!='])} {self.int_atom(0, 2)}}};")
        if self.f.thread_set:
            opts.append(f"who {self.pick(['+=', '-=', '+='])} {{self}};")
        return [self.pick(opts)]

    def s_foreach_set(self, *, atomic: bool, loop: bool) -> list[str]:
        assert self.tmpl is not None
        name = self.fresh("x")
        self.tmpl.scopes.append([Sym(name, "int", 0, 2, assignable=False)])
        inner = self.block(1, atomic=atomic, loop=False)
        self.tmpl.scopes.pop()
        return [f"foreach {name} in s {{", *self.body(inner), "}"]

    def s_for(self, *, atomic: bool, loop: bool) -> list[str]:
        assert self.tmpl is not None
        name = self.fresh("i")
        head = f"for {name} in 0..1 {{" if self.chance(0.5) else f"foreach {name}: 0..1 {{"
        self.tmpl.scopes.append([Sym(name, "int", 0, 1, assignable=False)])
        inner = self.block(1, atomic=atomic, loop=False)
        self.tmpl.scopes.pop()
        return [head, *self.body(inner), "}"]

    def s_alloc(self, **_: bool) -> list[str]:
        refs = self.of("optobj", assignable=True)
        if refs and self.chance(0.3) and self.of("obj"):
            return [f"{self.pick(refs).name} = alloc({POOL});"]
        name = self.fresh("o")
        self.declare(Sym(name, "obj", assignable=False))
        return [f"local {name} = alloc({POOL});"]

    def s_pool(self, *, atomic: bool = False, loop: bool = False) -> list[str]:
        objs = self.of("obj")
        refs = self.of("optobj")
        both = objs + refs
        if not both:
            return self.s_alloc()
        target = self.pick(both)
        opts = [
            f"{target.name}.f = {self.int_atom(0, 1)};",
            f"local {self.fresh('v')}: 0..1 = {target.name}.f;",
            f"free({target.name});",
        ]
        assignable_refs = self.of("optobj", assignable=True)
        if assignable_refs:
            r = self.pick(assignable_refs)
            opts.append(f"{r.name} = {self.pick([*[o.name for o in both], 'none'])};")
        line = self.pick(opts)
        if self.narrowing and target.kind == "optobj" and not line.startswith(target.name + " "):
            return self._narrowed(target.name, line, atomic=atomic, loop=loop)
        if target.kind == "optobj" and not line.startswith(target.name + " ") and self.chance(0.8):
            return [f"if {target.name} != none {{", f"  {line}", "}"]  # a local declared here ends with the block
        if line.startswith("local"):
            self.declare(Sym(line.split()[1].rstrip(":"), "int", 0, 1))
        return [line]

    def _narrowed(self, ref: str, line: str, *, atomic: bool, loop: bool) -> list[str]:
        """`line`, which uses the optional `ref` as an object, with `ref` narrowed: in an `if let`
        (in an atomic block of its own with narrowing="atomic"), by `ref!`, or into a local first."""
        form = self.pick(["bang", "local", "if_let", "if_let"])
        if form == "if_let":
            wrap = not atomic and self.narrowing == "atomic"  # then an atomic block around it
            name = self.fresh("n")
            inner = re.sub(rf"\b{ref}\b", name, line)
            out = [f"if let {name} = {ref} {{", f"  {inner}"]
            if self.chance(0.4):
                out += ["} else {", *self.body(self.block(1, atomic=atomic or wrap, loop=loop and not wrap))]
            out.append("}")
            return ["atomic {", *self.body(out), "}"] if wrap else out
        if form == "local":
            name = self.fresh("n")
            self.declare(Sym(name, "obj", assignable=False))
            return [f"local {name} = {ref}!;", re.sub(rf"\b{ref}\b", name, line)]
        line = re.sub(rf"\b{ref}\b", f"{ref}!", line)
        if line.startswith("local"):
            self.declare(Sym(line.split()[1].rstrip(":"), "int", 0, 1))
        return [line]

    def s_list(self, **_: bool) -> list[str]:
        objs = self.of("obj")
        if not objs:
            return [*self.s_alloc(), *self.s_list()]
        o = self.pick(objs).name
        op = self.pick(["list_add_rcu", "list_del_rcu", "list_add_rcu", "list_del_rcu", "list_add_tail", "list_del"])
        return [f"{op}(l, {o});"]

    def s_walk(self, *, atomic: bool, loop: bool) -> list[str]:
        assert self.tmpl is not None
        name = self.fresh("e")
        self.tmpl.scopes.append([Sym(name, "obj", assignable=False)])
        if self.chance(0.6):
            v = self.fresh("v")
            inner = [f"local {v}: 0..1 = {name}.f;"]
            if self.chance(0.5):
                inner += self.block(1, atomic=atomic, loop=False)
        else:
            inner = self.block(1, atomic=atomic, loop=False)
        self.tmpl.scopes.pop()
        return [f"foreach {name} in l {{", *self.body(inner), "}"]

    def s_atomic(self, **_: bool) -> list[str]:
        # with narrowing, the block's locals stay in scope after it
        inner = self.block(self.draw(st.integers(1, 3)), atomic=True, loop=False, scope=not self.narrowing)
        return ["atomic {", *self.body(inner), "}"]

    def s_while(self, **_: bool) -> list[str]:
        if self.chance(0.5):
            # a loop over a local counter: at most hi iterations
            name = self.fresh("w")
            hi = self.draw(st.integers(1, 2))
            self.declare(Sym(name, "int", 0, hi, assignable=False))
            inner = [f"{name} += 1;", *self.block(self.draw(st.integers(1, 2)), atomic=False, loop=True)]
            return [f"local {name}: 0..{hi} = 0;", f"while {name} < {hi} {{", *self.body(inner), "}"]
        if self.chance(0.5):
            # loop { ... if c { break; } }: leaves when the state allows
            inner = [*self.block(1, atomic=False, loop=True), f"if {self.bool_expr(1)} {{", "  break;", "}"]
            return ["loop {", *self.body(inner), "}"]
        # a loop over shared state (bounded by the state, not by a counter)
        return [
            f"while {self.bool_expr(1)} {{",
            *self.body(self.block(self.draw(st.integers(1, 2)), atomic=False, loop=True)),
            "}",
        ]

    def s_break(self, **_: bool) -> list[str]:
        return (
            [self.pick(["break;", "continue;"])]
            if self.chance(0.5)
            else [f"if {self.bool_expr(1)} {{", "  break;", "}"]
        )

    def _section(self, enter: str, leave: str, *, balanced: float = 0.85) -> list[str]:
        inner = self.block(self.draw(st.integers(1, 2)), atomic=False, loop=False)
        if self.chance(balanced):
            return [enter, *inner, leave]
        return self.pick([[enter, *inner], [*inner, leave]])

    def s_spin(self, **_: bool) -> list[str]:
        lock, unlock = self.pick([("spin_lock", "spin_unlock"), ("spin_lock_irqsave", "spin_unlock_irqrestore")])
        return self._section(f"{lock}(lk);", f"{unlock}(lk);")

    def s_mutex(self, **_: bool) -> list[str]:
        return self._section("mutex_lock(mx);", "mutex_unlock(mx);")

    def s_rcu(self, **_: bool) -> list[str]:
        return self._section("rcu_read_lock();", "rcu_read_unlock();", balanced=0.95)

    def s_sync(self, **_: bool) -> list[str]:
        return ["synchronize_rcu();"]

    def out_bool(self) -> tuple[list[str], str]:
        """Where an out-parameter `ref ok: bool` goes: mostly a shared bool the spec already has (no
        new state), else a new local. Returns the lines declaring it and its name."""
        shared = [b for b in self.shared if b.kind == "bool"]
        if shared and self.chance(0.7):
            return [], self.pick(shared).name
        ok = self.fresh("ok")
        self.declare(Sym(ok, "bool"))
        return [f"local {ok}: bool = false;"], ok

    def s_trylock(self, **_: bool) -> list[str]:
        out, ok = self.out_bool()
        lock, unlock, name = self.pick(
            ([("spin_trylock", "spin_unlock", "lk")] if self.f.spin else [])
            + ([("mutex_trylock", "mutex_unlock", "mx")] if self.f.mutex else [])
        )
        out = [*out, f"{lock}({name}, {ok});"]
        inner = self.block(1, atomic=False, loop=False)
        return [*out, f"if {ok} {{", *self.body([*inner, f"{unlock}({name});"]), "}"]

    def sync_atoms(self) -> list[str]:
        """Bool atoms over the spec's sync.irq record."""
        k = self.f.sync
        if k == "rwlock":
            return ["rw.owner == none"] + (["rw.readers[self] > 0"] if self.in_thread() else [])
        if k == "completion":
            return ["completion_done(cp)"]
        if k == "atomic_t":
            return [f"atomic_read(at) {self.pick(['==', '<=', '>'])} {self.draw(st.integers(0, 2))}"]
        if k == "refcount":
            return [f"refcount_read(rc) {self.pick(['==', '>'])} {self.draw(st.integers(0, 1))}"]
        return []

    def s_sync_op(self, **_: bool) -> list[str]:
        """One operation on the spec's sync.irq record: a section, a signal, a counter update."""
        k = self.f.sync
        if k == "rwlock":
            form = self.draw(st.integers(0, 4))
            if form == 4:
                with_ok, ok = self.out_bool()
                inner = self.block(1, atomic=False, loop=False)
                return [
                    *with_ok,
                    f"read_trylock(rw, {ok});",
                    f"if {ok} {{",
                    *self.body([*inner, "read_unlock(rw);"]),
                    "}",
                ]
            if form < 3:
                return self._section("read_lock(rw);", "read_unlock(rw);")
            return self._section("write_lock(rw);", "write_unlock(rw);")
        if k == "completion":
            op = self.pick(["complete", "complete", "wait_for_completion", "complete_all", "reinit_completion", "try"])
            if op == "try":
                with_ok, ok = self.out_bool()
                return [*with_ok, f"try_wait_for_completion(cp, {ok});"]
            return [f"{op}(cp);"]
        if k == "atomic_t":
            op = self.pick(["atomic_inc", "atomic_dec", "atomic_set", "dec_and_test", "cmpxchg"])
            if op == "atomic_set":
                return [f"atomic_set(at, {self.draw(st.integers(0, 2))});"]
            if op == "dec_and_test":
                with_ok, ok = self.out_bool()
                return [*with_ok, f"atomic_dec_and_test(at, {ok});"]
            if op == "cmpxchg":
                with_ok, ok = self.out_bool()
                old, new = self.draw(st.integers(0, 2)), self.draw(st.integers(0, 2))
                return [*with_ok, f"atomic_cmpxchg(at, {old}, {new}, {ok});"]
            return [f"{op}(at);"]
        op = self.pick(["refcount_inc", "refcount_set", "dec_and_test", "inc_not_zero", "refcount_dec"])
        if op == "refcount_set":
            return [f"refcount_set(rc, {self.draw(st.integers(0, 2))});"]
        if op in ("dec_and_test", "inc_not_zero"):
            with_ok, ok = self.out_bool()
            name = "refcount_dec_and_test" if op == "dec_and_test" else "refcount_inc_not_zero"
            return [*with_ok, f"{name}(rc, {ok});"]
        return [f"{op}(rc);"]

    # ---- threads and the whole spec ----------------------------------------------------
    def featured(self) -> list[str]:
        """A statement that uses one of the spec's declared features (a lock, the list, ...), so
        that what is declared is mostly also used. Its locals stay in the thread's scope."""
        assert self.tmpl is not None
        kinds = [
            k
            for k, on in [
                ("alloc", self.f.pool),
                ("list", self.f.lst),
                ("walk", self.f.lst),
                ("spin", self.f.spin),
                ("mutex", self.f.mutex),
                ("rcu", self.f.rcu),
                ("sync", self.f.rcu),
                ("sync_op", bool(self.f.sync)),
                ("foreach_set", self.f.int_set),
                ("set", self.f.int_set or self.f.thread_set),
            ]
            if on
        ]
        if not kinds:
            return []
        self.budget -= 1
        return getattr(self, f"s_{self.pick(kinds)}")(atomic=False, loop=False)

    def thread(self, t: _Template) -> list[str]:
        self.tmpl = t
        t.scopes = [[Sym("k", "int", 0, 1, assignable=False)] if t.param else []]
        variant_only: list[str] = []
        if self.f.variants and t.name == "t0" and self.chance(0.7):
            # make the variants differ: one statement only in the variant `flipped`
            self.budget = 1
            variant_only = ["if opt {", *self.body(self.block(1, atomic=False, loop=False)), "}"]
        self.budget = self.draw(st.integers(3, 8))
        lines: list[str] = self.featured() if self.chance(0.7) else []
        if t.daemon:
            pre = self.block(self.draw(st.integers(0, 1)), atomic=False, loop=False) if self.chance(0.3) else []
            loop = self.block(self.draw(st.integers(1, 3)), atomic=False, loop=True)
            lines = [*lines, *pre, "loop {", *self.body(loop), "}"]
        else:
            if self.chance(0.1):
                lines = [*lines, f"if {self.bool_expr(1)} {{", "  return;", "}"]
            lines = [*lines, *self.block(self.draw(st.integers(2, 5)), atomic=False, loop=False)]
        lines = [*variant_only, *lines]
        self.made.append(self._me())
        self.tmpl = None
        # with liveness properties, mostly fair threads: an unfair one may stop, which refutes most of them
        fairness = ["fair ", "fair ", "strong_fair ", ""] if self.liveness else ["", "", "fair ", "strong_fair "]
        mods = self.pick(fairness) + ("daemon " if t.daemon else "")
        params = "(k: 0..1)" if t.param else ""
        return [f"{mods}thread {t.name}{params} {{", *self.body(lines), "}"]

    def declarations(self) -> list[str]:
        d = self.draw
        f = self.f
        f.pool = d(st.sampled_from([0, 0, 1, 2]))
        f.shared_ref = bool(f.pool) and self.chance(0.6)
        f.lst = bool(f.pool) and self.chance(0.5)
        f.int_set = self.chance(0.35)
        f.thread_set = self.chance(0.3)
        f.enum = d(st.sampled_from([0, 0, 2, 3]))
        f.spin = self.chance(0.4)
        f.mutex = self.chance(0.3)
        f.rcu = self.chance(0.25)
        f.check = self.chance(0.3)
        f.variants = self.chance(0.3)
        f.sync = self.pick(["", "", "", "", "", *SYNC_KINDS])
        if self.narrowing:  # something to narrow: a shared optional reference
            f.pool = max(f.pool, 1)
            f.shared_ref = True
        out: list[str] = []
        if f.enum:
            out.append(f"enum mode {{ {', '.join(f'M{i}' for i in range(f.enum))} }}")
            out.append("var m: mode;")
            self.shared.append(Sym("m", "enum"))
        if f.pool:
            out.append(f"pool {POOL}[{f.pool}] {{ f: 0..1; }}")
        for i in range(d(st.integers(0, 2))):
            init = " = true" if self.chance(0.2) else ""
            out.append(f"var b{i}: bool{init};")
            self.shared.append(Sym(f"b{i}", "bool"))
        for i in range(d(st.integers(1 if not f.pool else 0, 2))):
            hi = d(st.integers(1, 3))
            init = f" = {d(st.integers(0, hi))}" if self.chance(0.3) else ""
            out.append(f"var n{i}: 0..{hi}{init};")
            self.shared.append(Sym(f"n{i}", "int", 0, hi))
        if f.int_set:
            out.append("var s: set<0..2>;")
        if f.thread_set:
            out.append("var who: set<thread>;")
        if f.shared_ref:
            out.append(f"var p: {POOL}?;")
            self.shared.append(Sym("p", "optobj"))
        if f.lst:
            out.append(f"var l: list<{POOL}>;")
        if f.spin:
            out.append("var lk: spinlock;")
        if f.mutex:
            out.append("var mx: mutex;")
        if f.sync:
            name = {"rwlock": "rw", "completion": "cp", "atomic_t": "at", "refcount": "rc"}[f.sync]
            out.append(f"var {name}: {f.sync};")
        if f.check:
            out.append(f'check {CHECK} "a generated check";')
        if f.variants:
            out += ["option opt: bool = false;", "variant plain;", "variant flipped { opt = true; }"]
        return out

    def threads(self) -> list[str]:
        d = self.draw
        shape = d(st.sampled_from([(False,), (False, False), (True,), (True, False), (False, False, False)]))
        out: list[str] = []
        for i, param in enumerate(shape):
            out += ["", *self.thread(_Template(f"t{i}", param, self.chance(0.25)))]
        return out

    def properties(self) -> list[str]:
        out = [f"invariant inv0: {self.bool_expr(constants=False)};"]
        special = [
            "(forall t: thread :: done(t)) ==> " + self.bool_atom(constants=False),
            "count(t: thread | done(t)) <= 1",
        ]
        if self.f.thread_set:
            special.append("size(who) <= 1")
        if self.f.pool:
            special.append(f"forall e: {POOL} :: live(e) ==> e.f == 0")
            if self.f.lst:
                special.append(f"forall e: {POOL} :: e in l.members ==> live(e)")
            if self.f.shared_ref:
                special.append("p != none ==> live(p)")
        if self.chance(0.7):
            out.append(f"invariant inv1: {self.pick(special)};")
        if self.chance(0.4):
            out.append(f"property always0: always {self.bool_expr(1, constants=False)};")
        if self.liveness:
            out += self.liveness_properties()
        if self.thread_preds:
            out.append(f"invariant pred0: {self.thread_pred(local=True)};")
            out.append(f"invariant pred1: {self.thread_pred(local=True)} ==> {self.thread_pred(local=True)};")
            out.append(f"invariant normal_end: (quiescent && forall t: thread :: done(t)) ==> {self.bool_atom(False)};")
        return out

    def liveness_properties(self) -> list[str]:
        """One to three of `eventually p`, `always eventually p`, `p ~> q` (only with liveness=True,
        so the default specs draw exactly what they drew before)."""
        out = []
        for i in range(self.draw(st.integers(1, 3))):
            kind = self.pick(["eventually", "always eventually", "leads_to", "leads_to"])
            if kind == "leads_to":
                body = f"{self.bool_expr(1, constants=False)} ~> {self.bool_expr(1, constants=False)}"
            else:
                body = f"{kind} {self.bool_expr(1, constants=False)}"
            out.append(f"property live{i}: {body};")
        return out

    def spec(self) -> str:
        decls = self.declarations()
        threads = self.threads()
        props = self.properties()
        return "\n".join(["// generated", *decls, *threads, "", *props, ""])


@st.composite
def specs(draw: st.DrawFn, liveness: bool = False, narrowing: str = "", thread_preds: bool = False) -> str:
    """The text of a small random spec that the checker accepts (see the module docstring); with
    `liveness`, also temporal properties (`eventually`, `always eventually`, `~>`). Threads are
    drawn `fair`, `strong_fair` or neither in either case. With `narrowing` ("anywhere" or
    "atomic"), optionals are also narrowed by `if let` (drawn where it says) and `!`, and locals
    declared in atomic blocks are used after them; with `thread_preds`, also done/at/enabled/
    quiescent in awaits and invariants, and invariants over threads' locals."""
    return _Gen(draw, liveness, narrowing, thread_preds).spec()


def if_let_twin(text: str) -> str:
    """`text` with each `if let o = x {` written as `if x != none { choose o: obj where o == x;`:
    inside an atomic block the two mean the same (docs/language.md, `if let`)."""
    return re.sub(r"if let (\w+) = (\w+) \{", rf"if \2 != none {{ choose \1: {POOL} where \1 == \2;", text)


def fixed_settings(n: int, shrink: bool = True, allow: tuple[HealthCheck, ...] = ()) -> settings:
    """Settings for a reproducible property test of `n` examples: derandomized, no example database,
    no deadline (engines take their time on some specs). Without `shrink` (unless IRQVERIFY_SHRINK=1),
    a failing example is reported as generated: shrinking a spec that several engines must agree on
    costs minutes."""
    phases = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target]
    if shrink or os.environ.get("IRQVERIFY_SHRINK") == "1":
        phases.append(Phase.shrink)
    return settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        phases=phases,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, *allow],
    )


# ---- specs with an `init` block ---------------------------------------------------------------


def _init_block(gen: _Gen) -> list[str]:
    """The statements of an `init` block for the spec `gen` has drawn: constants into some shared
    variables, an object allocated (put on the list, pointed to), and a statement only in the
    variant `flipped`. Nothing in it fails a check (a failing init is a spec error)."""
    out: list[str] = []
    for sym in gen.shared:
        if not gen.chance(0.5):
            continue
        if sym.kind == "bool":
            out.append(f"{sym.name} = {gen.pick(['true', 'false'])};")
        elif sym.kind == "int":
            out.append(f"{sym.name} = {gen.draw(st.integers(sym.lo, sym.hi))};")
        elif sym.kind == "enum":
            out.append(f"{sym.name} = M{gen.draw(st.integers(0, gen.f.enum - 1))};")
    if gen.f.pool and gen.chance(0.7):
        out += [f"local o = alloc({POOL});", f"o.f = {gen.draw(st.integers(0, 1))};"]
        if gen.f.lst and gen.chance(0.7):
            out.append("list_add(l, o);")
        if gen.f.shared_ref and gen.chance(0.7):
            out.append("p = o;")
    ints = [s for s in gen.shared if s.kind == "int"]
    if gen.f.variants and ints and gen.chance(0.7):
        n = ints[0]
        out += ["if opt {", f"  {n.name} = {n.hi};", "}"]
    if ints and gen.chance(0.3):
        n = ints[-1]
        out += ["for i in 0..1 {", f"  if {n.name} < {n.hi} {{", f"    {n.name} += 1;", "  }", "}"]
    return out or ["skip;"]


@st.composite
def specs_with_init(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A spec as `specs` draws it, and the statements of an `init` block for it (not yet in the
    text: `with_init` and `with_boot_thread` put them in)."""
    gen = _Gen(draw)
    text = gen.spec()
    return text, _init_block(gen)


def with_init(text: str, init: list[str]) -> str:
    """The spec with `init` as its `init` block."""
    return "\n".join([text, "init {", *("  " + line for line in init), "}", ""])


def with_boot_thread(text: str, init: list[str]) -> str:
    """The same spec with `init` run instead as the atomic first step of a thread `boot` that every
    other thread awaits; invariants and `always` properties are asked only once it has run."""
    out: list[str] = []
    for line in text.splitlines():
        m = re.match(r"^(invariant \w+: )(.*);$", line)
        p = re.match(r"^(property \w+: always )(.*);$", line)
        if m:
            out.append(f"{m.group(1)}booted ==> ({m.group(2)});")
        elif p:
            out.append(f"{p.group(1)}(booted ==> ({p.group(2)}));")
        else:
            out.append(line)
            if re.match(r"^(\w+ )*thread \w+(\(.*\))? \{$", line):
                out.append("  await booted;")
    boot = ["var booted: bool;", "thread boot {", "  atomic {", *("    " + x for x in init), "    booted = true;"]
    return "\n".join([*out, *boot, "  }", "}", ""])


@st.composite
def stale_pointer_specs(draw: st.DrawFn) -> tuple[str, int, int]:
    """A small spec where pointers outlive the object they point to and slots get reused: one pool,
    pointers in globals and locals, straight-line threads of alloc, copy, free, field read and
    write, and `!= none` tests (no loops, no pointer-to-pointer comparison, no sets). Returns the
    text with the pool's size as `{size}`, the real size, and how many alloc statements there are
    (each runs at most once): a twin with a fresh slot per alloc needs that many slots.

    Most draws follow a skeleton where the stale access can only come after the reuse: a writer
    allocates, publishes, frees and allocates again (taking the same slot) before it raises
    `done`; a reader holds a copy taken before the free and waits for `done` before using it.
    Random statements go around those steps, and the reader's access varies. The rest are free
    sequences of the same statements."""
    if draw(st.integers(0, 3)) > 0:
        return draw(_stale_skeleton())
    return draw(_stale_free_form())


_STALE_HEADER = ["pool obj[{size}] { f: 0..1; }", "var g0: obj?;", "var g1: obj?;", "var x: 0..1;", "var done: bool;"]


def _stale_filler(draw: st.DrawFn, ptrs: list[str], count: int) -> tuple[list[str], int]:
    """Up to `count` random statements over `ptrs` that cannot fault (guarded accesses, copies,
    allocs into globals), and how many allocs they make."""
    out: list[str] = []
    allocs = 0
    for _ in range(draw(st.integers(0, count))):
        kind = draw(st.sampled_from(["copy", "guarded", "alloc", "read"]))
        p = draw(st.sampled_from(ptrs))
        g = draw(st.sampled_from(["g0", "g1"]))
        if kind == "copy":
            out.append(f"{g} = {p};")
        elif kind == "guarded":
            out.append(f"if live({p}) {{ {p}.f = {draw(st.integers(0, 1))}; }}")
        elif kind == "read":
            out.append(f"if live({p}) {{ x = {p}.f; }}")
        else:
            allocs += 1
            out.append(f"if {g} == none {{ {g} = alloc(obj); }}")
    return out, allocs


@st.composite
def _stale_skeleton(draw: st.DrawFn) -> tuple[str, int, int]:
    n = draw(st.integers(1, 2))
    allocs = 2
    keep = draw(st.sampled_from(["a", "b"]))  # which object the writer keeps in g0 at the end
    w1, k1 = _stale_filler(draw, ["a", "g1"], 2)
    w2, k2 = _stale_filler(draw, ["b", "g1"], 2)
    allocs += k1 + k2
    writer = [
        "local a = alloc(obj);",
        "g0 = a;",
        *w1,
        "free(a);",
        "local b = alloc(obj);",
        *(["g0 = b;"] if keep == "b" else []),
        *w2,
        "done = true;",
    ]
    # the reader copies g0 early (maybe stale later) or reads it late (fresh when the writer
    # republished it), then uses its pointer after `done`
    early = draw(st.booleans())
    wait_first = draw(st.booleans())
    access = draw(st.sampled_from(["c.f = 1;", "x = c.f;", "if c != none { c.f = 1; }", "free(c);"]))
    r1, k3 = _stale_filler(draw, ["g0", "g1"], 1)
    allocs += k3
    reader = [*(["await g0 != none;"] if wait_first else []), *r1]
    if early:
        reader += ["local c = g0;", "await done;", access]
    else:
        reader += ["await done;", "local c = g0;", access]
    lines = [*_STALE_HEADER, "thread writer { " + " ".join(writer) + " }", "thread reader { " + " ".join(reader) + " }"]
    if draw(st.booleans()):
        # a third thread that only reads, so the interleavings differ
        t, k4 = _stale_filler(draw, ["g0", "g1"], 2)
        allocs += k4
        if t:
            lines.append("thread other { " + " ".join(t) + " }")
    return "\n".join(lines) + "\n", n, allocs


@st.composite
def _stale_free_form(draw: st.DrawFn) -> tuple[str, int, int]:
    lines = list(_STALE_HEADER)
    globals_ = ["g0", "g1"]
    n = draw(st.integers(1, 2))
    allocs = 0
    for t in range(draw(st.integers(1, 2))):
        ptrs = list(globals_)
        body: list[str] = []
        for k in range(draw(st.integers(2, 6))):
            kind = draw(st.sampled_from(["alloc", "alloc", "copy", "free", "free", "write", "read", "guarded"]))
            p = draw(st.sampled_from(ptrs))
            if kind == "alloc":
                allocs += 1
                if draw(st.booleans()):
                    name = f"p{t}_{k}"
                    body.append(f"local {name} = alloc(obj);")
                    ptrs.append(name)
                else:
                    body.append(f"{draw(st.sampled_from(globals_))} = alloc(obj);")
            elif kind == "copy":
                body.append(f"{draw(st.sampled_from(globals_))} = {p};")
            elif kind == "free":
                body.append(f"if {p} != none {{ free({p}); }}")
            elif kind == "write":
                body.append(f"{p}.f = {draw(st.integers(0, 1))};")
            elif kind == "read":
                body.append(f"x = {p}.f;")
            else:
                body.append(f"if {p} != none {{ {p}.f = 1; }}")
        lines.append(f"thread t{t} {{ " + " ".join(body) + " }")
    return "\n".join(lines) + "\n", n, allocs

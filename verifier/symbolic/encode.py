"""The IR as binary decision diagrams (CUDD, through `dd`): states as sets, steps as relations.

Each state variable is a few BDD bits: a bool one, a set of n elements n (one per element), an
int lo..hi the binary code of value - lo. Every bit has a current copy `x` and a next copy `y`,
interleaved so that a step's relation stays small. An expression compiles to a BDD (bool), a
tuple of BDDs (set, one per element) or, for ints, a map from each value it can take to the BDD
of the states where it takes it: the IR's ints range over a few dozen values, so arithmetic and
comparison are case splits over values rather than adders over bits.

This encoding is independent of the SMT one (verifier/smt/encode.py): an invariant found with it
is re-checked by a solver that knows nothing of it.

Work is charged to a `Meter` (verifier/engines/work.py) in *node work*: a constant per operation
plus the size of the diagram it starts from (see `spend_on`), and for a sifting, the live nodes
times the variables. Sizes of diagrams are canonical (the same for the same sets in the same
variable order, and sifting decides from node counts only), so the same search spends the same
work on every run. CUDD's own count of computed-table lookups is not: the table is indexed by
node addresses, so which entries collide, and so what is recomputed, changes with where memory
happens to be (by about 1% per round between two runs of one search), and a budget counted in it
could end one operation earlier or later from run to run.

The meter's guard (`--timeout`) stops CUDD inside an operation: CUDD calls a termination callback
every 2,048 computed-table misses and between the variables of a sifting, and gives up the
operation when it says so (dd 0.6.0 does not expose it; `_hook` reaches it through the CUDD
library that dd is built on). The operation then fails in dd, and `stoppable` turns that into
`Stop`.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import dd
from dd import cudd

from verifier.ir.model import (
    Action,
    And,
    Arith,
    Cmp,
    Const,
    Expr,
    Ite,
    Mask,
    Member,
    Not,
    Or,
    Ref,
    SetOp,
    Size,
    Sort,
    TransitionSystem,
    c_div,
    is_false,
    refs,
)

if TYPE_CHECKING:
    from verifier.engines.work import Guard, Meter

Bdd = cudd.Function
IntV = dict[int, Bdd]  # value -> where the expression has it (disjoint, covering every state)
Value = Bdd | IntV | tuple[Bdd, ...]

_CMP: dict[str, Callable[[int, int], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}

_ARITH: dict[str, Callable[[int, int], int]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": c_div,
    "%": lambda a, b: a - b * c_div(a, b) if b else 0,
}


OP_WORK = 200  # node work of any one operation, however small its diagrams (the call itself)
SIFT_WORK = 0.75  # node work per live node and variable, for one sifting
SAMPLE = 8  # in a sweep, the starting set's size is measured at every SAMPLE-th operation


class Stop(Exception):
    """A computation with diagrams stopped before its end: its work ran out (`timeout` False:
    the same on every run), or the guard fired (`timeout` True)."""

    def __init__(self, timeout: bool):
        super().__init__("timeout" if timeout else "work budget")
        self.timeout = timeout

    def reason(self, what: str, meter: Meter | None) -> str:
        """An Unknown's reason: "work budget ... spent ..." or "timeout ..."."""
        if self.timeout:
            return f"timeout: {what} (the --timeout guard fired)"
        units = meter.describe() if meter is not None else "its work units"
        return f"work budget of {units} spent: {what}"


def bits_of(sort: Sort) -> int:
    """How many BDD bits a variable of `sort` takes."""
    if sort.kind == "bool":
        return 1
    if sort.kind == "set":
        return sort.hi
    return max(1, (sort.hi - sort.lo).bit_length())


@dataclass(frozen=True, slots=True)
class Step:
    """One action as a relation: `rel` over current bits and the next bits of what it writes;
    the image of a set S is (exists `quantify`. S and rel) with the next bits renamed current."""

    action: int
    rel: Bdd
    quantify: tuple[str, ...]
    rename: dict[str, str]
    out_of_range: Bdd  # enabled states where an update leaves its variable's range


class SymbolicSystem:
    """BDDs for the states, steps and properties of `ts`, in one CUDD manager."""

    def __init__(self, ts: TransitionSystem, order: Sequence[int] | None = None, meter: Meter | None = None):
        """`order`: the variables, first to last in the BDD's initial order (default: FORCE's).
        CUDD does not reorder on its own: `sift` does, when the caller says (between rounds of a
        search, where it pays; sifting in the middle of an image costs more than it saves).
        `meter`: what the work is charged to, and the guard that stops it (none: no limit)."""
        self.ts = ts
        self.meter = meter
        self.bdd = cudd.BDD()
        self.cur = [[f"x{i}_{j}" for j in range(bits_of(v.sort))] for i, v in enumerate(ts.vars)]
        self.nxt = [[f"y{i}_{j}" for j in range(bits_of(v.sort))] for i, v in enumerate(ts.vars)]
        names: list[str] = []
        for i in order if order is not None else force_order(ts):
            for x, y in zip(self.cur[i], self.nxt[i], strict=True):
                names += [x, y]
        self.bdd.declare(*names)
        self.bdd.configure(reordering=False)
        self.true = self.bdd.true
        self.false = self.bdd.false
        self.work = 0.0  # node work spent, charged to the meter as it is spent
        self.progress = "before its first step"  # where a computation is, for a Stop's reason
        self._sampled = 0
        self._watch: _Watch | None = None
        self._memo: dict[int, tuple[Expr, Value]] = {}
        self._steps: list[Step] | None = None
        if meter is not None:
            self.watch(meter.guard.deadline, meter.guard)

    # ---- work and the guard ---------------------------------------------------------------------
    def watch(self, deadline: float | None, guard: Guard | None = None) -> bool:
        """Let CUDD give up any operation once `deadline` (time.monotonic()) has passed, or
        `guard` has fired (memory, an interrupt); False if the hook is not available (then the
        guard is seen only between operations)."""
        self._watch = _Watch(deadline, guard)
        return _hook(self, self._watch)

    def expired(self) -> bool:
        """The guard has fired."""
        w = self._watch
        return w is not None and (w.fired or w.due())

    def spend(self, work: float) -> None:
        """Charge `work` (node work) to the meter; raise Stop if its work is spent or the guard
        has fired. Work is checked first: running out of it is the same on every run."""
        self.work += work
        m = self.meter
        if m is not None:
            m.spend_bdd_work(work)
            if m.left() <= 0.0:
                raise Stop(timeout=False)
        if self.expired():
            raise Stop(timeout=True)

    def spend_on(self, u: Bdd, k: int) -> None:
        """Charge the k-th operation of a sweep (an image per step, say) that starts from `u`:
        OP_WORK plus the nodes of `u`. Computing an image costs about one computed-table lookup
        per node of the set it starts from (0.56 on the resampler with two irqfds) and reading
        the size costs a traversal, so within a sweep, where the set grows slowly, the size is
        read at every SAMPLE-th operation only."""
        if k % SAMPLE == 0:
            self._sampled = u.dag_size
        self.spend(OP_WORK + self._sampled)

    @contextlib.contextmanager
    def stoppable(self) -> Iterator[None]:
        """Turn an operation that CUDD gave up because the guard fired (dd then raises on the
        NULL result) into Stop."""
        try:
            yield
        except (ValueError, RuntimeError) as e:
            if self._watch is not None and self._watch.fired:
                raise Stop(timeout=True) from e
            raise

    def nodes(self) -> int:
        """Live nodes in the manager."""
        return len(self.bdd)

    def sift(self) -> None:
        """Reorder the variables by sifting (Rudell), to shrink every live diagram. Charged
        before it starts (so a sifting the work left cannot pay for is not started): live nodes
        times variables, about what one sifting of every variable through every level costs."""
        self.spend(SIFT_WORK * self.nodes() * len(self.bdd.vars))
        with self.stoppable():
            self.bdd.reorder()
        if self._watch is not None and self._watch.fired:
            raise Stop(timeout=True)  # CUDD stopped sifting between two variables

    def pair(self) -> None:
        """Put each next bit just below its current bit, the current bits keeping their order
        (sifting moves them apart; renaming between the two is then a reordering)."""
        self.spend(OP_WORK + self.nodes())
        self.set_order(sorted((x for xs in self.cur for x in xs), key=self.bdd.level_of_var))

    def set_order(self, cur_bits: Sequence[str]) -> None:
        """Put the current-state bits in this order (each next bit just below its current one);
        bits not named keep their relative order, after these."""
        if not cur_bits:
            return
        pair = {x: y for xs, ys in zip(self.cur, self.nxt, strict=True) for x, y in zip(xs, ys, strict=True)}
        named = list(dict.fromkeys(cur_bits))
        rest = [x for xs in self.cur for x in xs if x not in set(named)]
        levels: dict[str, int] = {}
        for x in named + rest:
            levels[x] = len(levels)
            levels[pair[x]] = len(levels)
        self.bdd.reorder(levels)

    # ---- states ---------------------------------------------------------------------------------
    def nbits(self) -> int:
        return sum(len(b) for b in self.cur)

    def code(self, var: int, value: int | bool) -> Bdd:
        """The current-state BDD of `var` holding `value`."""
        return self._code(self.cur[var], self.ts.vars[var].sort, value)

    def _code(self, bits: Sequence[str], sort: Sort, value: int | bool) -> Bdd:
        c = int(value) - sort.lo if sort.kind == "int" else int(value)
        return self.bdd.cube({b: bool(c >> j & 1) for j, b in enumerate(bits)})

    def state(self, s: Sequence[int | bool]) -> Bdd:
        out = self.true
        for i, v in enumerate(s):
            out &= self.code(i, v)
        return out

    def init(self) -> Bdd:
        return self.state(self.ts.init)

    def valid(self) -> Bdd:
        """States whose every int variable holds a value of its sort (the other codes are not states)."""
        out = self.true
        for i, v in enumerate(self.ts.vars):
            if v.sort.kind == "int" and v.sort.size < 1 << len(self.cur[i]):
                ok = self.false
                for k in range(v.sort.lo, v.sort.hi + 1):
                    ok |= self.code(i, k)
                out &= ok
        return out

    def count(self, u: Bdd) -> int:
        """How many states `u` holds (over current bits only)."""
        return int(self.bdd.count(u, nvars=self.nbits())) if u != self.false else 0

    # ---- expressions ----------------------------------------------------------------------------
    def expr(self, e: Expr) -> Value:
        """The BDD value of IR expression `e` over the current state (memoised by node identity)."""
        hit = self._memo.get(id(e))
        if hit is not None:
            return hit[1]
        out = self._expr(e)
        self._memo[id(e)] = (e, out)
        return out

    def boolean(self, e: Expr) -> Bdd:
        v = self.expr(e)
        assert isinstance(v, Bdd), e
        return v

    def integer(self, e: Expr) -> IntV:
        v = self.expr(e)
        if isinstance(v, Bdd):  # a bool used as 0/1
            return {0: ~v, 1: v}
        assert isinstance(v, dict), e
        return v

    def _const(self, c: Const) -> Value:
        if c.sort.kind == "bool" or isinstance(c.value, bool):
            return self.true if c.value else self.false
        if c.sort.kind == "set":
            return tuple(self.true if int(c.value) >> j & 1 else self.false for j in range(c.sort.hi))
        return {int(c.value): self.true}

    def _ref(self, i: int) -> Value:
        sort = self.ts.vars[i].sort
        bits = [self.bdd.var(b) for b in self.cur[i]]
        if sort.kind == "bool":
            return bits[0]
        if sort.kind == "set":
            return tuple(bits)
        return {k: self.code(i, k) for k in range(sort.lo, sort.hi + 1)}

    def _expr(self, e: Expr) -> Value:
        match e:
            case Const():
                return self._const(e)
            case Ref(i):
                return self._ref(i)
            case Not(a):
                return ~self.boolean(a)
            case And(args):
                out = self.true
                for a in args:
                    out &= self.boolean(a)
                return out
            case Or(args):
                out = self.false
                for a in args:
                    out |= self.boolean(a)
                return out
            case Ite(c, a, b):
                cond, x, y = self.boolean(c), self.expr(a), self.expr(b)
                if isinstance(x, Bdd) and isinstance(y, Bdd):
                    return self.bdd.ite(cond, x, y)
                if isinstance(x, tuple) and isinstance(y, tuple):
                    return tuple(self.bdd.ite(cond, p, q) for p, q in zip(x, y, strict=True))
                return _merge([(self.integer(a), cond), (self.integer(b), ~cond)])
            case Cmp(op, a, b):
                x, y = self.expr(a), self.expr(b)
                if isinstance(x, tuple) and isinstance(y, tuple):
                    eq = self.true
                    for p, q in zip(x, y, strict=True):
                        eq &= p.equiv(q)
                    return eq if op == "==" else ~eq
                if isinstance(x, Bdd) and isinstance(y, Bdd) and op in ("==", "!="):
                    eq = x.equiv(y)
                    return eq if op == "==" else ~eq
                fn = _CMP[op]
                out = self.false
                xi, yi = self.integer(a), self.integer(b)
                for p, cp in xi.items():
                    hit = self.false
                    for q, cq in yi.items():
                        if fn(p, q):
                            hit |= cq
                    out |= cp & hit
                return out
            case Arith(op, a, b):
                fn = _ARITH[op]
                xs, ys = self.integer(a).items(), self.integer(b).items()
                return _merge([({fn(p, q): self.true}, cp & cq) for p, cp in xs for q, cq in ys])
            case SetOp(op, a, b, n):
                x, y = self.expr(a), self.expr(b)
                assert isinstance(x, tuple) and isinstance(y, tuple)
                if op == "union":
                    return tuple(p | q for p, q in zip(x, y, strict=True))
                if op == "diff":
                    return tuple(p & ~q for p, q in zip(x, y, strict=True))
                return tuple(p & q for p, q in zip(x, y, strict=True))
            case Member(st, idx, n):
                bits = self.expr(st)
                assert isinstance(bits, tuple)
                out = self.false
                for k, c in self.integer(idx).items():
                    if 0 <= k < n:
                        out |= c & bits[k]
                return out
            case Mask(bs):
                return tuple(self.boolean(b) for b in bs)
            case Size(st, n):
                bits = self.expr(st)
                assert isinstance(bits, tuple)
                counts: IntV = {0: self.true}
                for b in bits:
                    nxt: IntV = {}
                    for k, c in counts.items():
                        for kk, cc in ((k, c & ~b), (k + 1, c & b)):
                            if cc != self.false:
                                nxt[kk] = nxt.get(kk, self.false) | cc
                    counts = nxt
                return counts
        raise TypeError(f"cannot encode {e!r}")

    # ---- actions --------------------------------------------------------------------------------
    def at_pc(self, thread: int, pc: int) -> Bdd:
        return self.code(self.ts.threads[thread].pc, pc)

    def enabled(self, a: Action) -> Bdd:
        """At its pc, guard true, no fault (a fault stops the thread)."""
        out = self.at_pc(a.thread, a.src) & self.boolean(a.guard)
        for _, c in a.faults:
            out &= ~self.boolean(c)
        return out

    def steps(self) -> list[Step]:
        """Each action as a relation; built once, each charged by its relation's size."""
        if self._steps is None:
            steps = []
            for i, a in enumerate(self.ts.actions):
                with self.stoppable():
                    st = self._step(i, a)
                steps.append(st)
                self.spend(OP_WORK + st.rel.dag_size)
            self._steps = steps
        return self._steps

    def _step(self, ai: int, a: Action) -> Step:
        en = self.enabled(a)
        rel = en
        bad = self.false
        quantify: list[str] = []
        rename: dict[str, str] = {}
        for var, e in a.updates:
            sort = self.ts.vars[var].sort
            nxt = self.nxt[var]
            value = self.expr(e)
            if sort.kind == "bool":
                eq = self.bdd.var(nxt[0]).equiv(value if isinstance(value, Bdd) else self.integer(e).get(1, self.false))
            elif sort.kind == "set":
                assert isinstance(value, tuple)
                eq = self.true
                for b, v in zip(nxt, value, strict=True):
                    eq &= self.bdd.var(b).equiv(v)
            else:
                eq = self.false
                for k, c in self.integer(e).items():
                    if sort.lo <= k <= sort.hi:
                        eq |= c & self._code(nxt, sort, k)
                    else:
                        bad |= c
            rel &= eq
            quantify += self.cur[var]
            rename.update(zip(nxt, self.cur[var], strict=True))
        return Step(ai, rel, tuple(quantify), rename, en & bad)

    def image(self, s: Bdd, step: Step) -> Bdd:
        """The states one `step` leads to from `s`."""
        u = cudd.and_exists(s, step.rel, step.quantify)
        return self.bdd.let(step.rename, u) if step.rename else u

    def preimage(self, target: Bdd, step: Step, within: Bdd) -> Bdd:
        """The states of `within` from which `step` leads into `target`. The target is first cut
        down to the image of `within`: renaming it is what costs, and that image is small."""
        target &= self.image(within, step)
        if target == self.false:
            return target
        back = {cur: nxt for nxt, cur in step.rename.items()}
        if not back:
            return step.rel & within & target
        return cudd.and_exists(step.rel & within, self.bdd.let(back, target), list(back.values()))

    # ---- properties -----------------------------------------------------------------------------
    def bad(self, prop: str) -> Bdd:
        """States that violate safety property `prop`; the same definition as Encoding.bad."""
        for inv in self.ts.invariants:
            if inv.name == prop:
                return ~self.boolean(inv.expr)
        for tmp in self.ts.temporals:
            if tmp.name == prop and tmp.kind == "always":
                return ~self.boolean(tmp.body)
        if prop == "deadlock":
            return self._deadlock()
        out = self.false
        for a in self.ts.actions:
            for check, cond in (*a.faults, *a.warnings):
                if check == prop:
                    out |= self.at_pc(a.thread, a.src) & self.boolean(cond)
        return out

    def bad_within(self, prop: str, within: Bdd) -> Bdd:
        """The states of `within` that violate `prop`. For deadlock, `within` is cut down by each
        action's being disabled in turn, so the diagrams stay about as small as `within`: the
        predicate alone, over every state, can take far more (minutes, on 200 actions)."""
        if prop != "deadlock":
            return self.bad(prop) & within
        return self._deadlock(within)

    def _deadlock(self, within: Bdd | None = None) -> Bdd:
        """No action enabled, no thread at all stopped (in front of a failing check, or at a false
        `assume`), and some non-daemon thread not at its end; within `within` if given. Charged and
        checked piece by piece (an action, a thread)."""
        with self.stoppable():
            if within is None:
                enabled = self.false
                for k, a in enumerate(self.ts.actions):
                    self.spend_on(enabled, k)
                    enabled |= self.enabled(a)
                idle = ~enabled
            else:
                idle = within
                for k, a in enumerate(self.ts.actions):
                    if idle == self.false:
                        return idle
                    self.spend_on(idle, k)
                    idle &= ~self.enabled(a)
            # no thread stopped: cut down the same way, one failing condition at a time
            for a in self.ts.actions:
                for cond in (*(c for _, c in a.faults), a.assume_fails):
                    if not is_false(cond) and idle != self.false:
                        idle &= ~(self.at_pc(a.thread, a.src) & self.boolean(cond))
                        self.spend(OP_WORK + idle.dag_size)
            running = self.false
            for t in self.ts.threads:
                if not t.daemon:
                    running |= ~self.code(t.pc, t.end)
            return idle & running


@dataclass(slots=True)
class _Watch:
    """A deadline (and a guard) that CUDD's termination callback reads; `fired` once it has
    stopped CUDD."""

    deadline: float | None
    guard: Guard | None = None
    fired: bool = False

    def due(self) -> bool:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            return True
        return self.guard is not None and self.guard.expired()


_THFP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_WATCHES: dict[int, _Watch] = {}
_KEYS = itertools.count(1)


def _give_up(key: int | None) -> int:
    """CUDD's termination callback: 1 stops the operation under way."""
    w = _WATCHES.get(key or 0)
    if w is None:
        return 0
    if not w.fired and not w.due():
        return 0
    w.fired = True
    return 1


_GIVE_UP = _THFP(_give_up)  # module-wide: CUDD may call it for as long as any manager lives


def _cudd_library() -> ctypes.CDLL | None:
    """CUDD's C functions, from the extension module dd.cudd links CUDD into; None if absent."""
    try:
        lib = ctypes.CDLL(cudd.__file__)
        lib.Cudd_RegisterTerminationCallback.argtypes = [ctypes.c_void_p, _THFP, ctypes.c_void_p]
        lib.Cudd_RegisterTerminationCallback.restype = None
        lib.Cudd_ReadSize.argtypes = [ctypes.c_void_p]
        lib.Cudd_ReadSize.restype = ctypes.c_int
    except (OSError, AttributeError):
        return None
    return lib


_LIB = _cudd_library()


def _manager(bdd: cudd.BDD) -> int | None:
    """The DdManager pointer of a dd.cudd.BDD, or None. dd 0.6.0 keeps it in the first field
    after the object header and Cython's method table; the layout is checked (dd's version, the
    object's size, and the variable count CUDD reports through the pointer) before it is used."""
    word = ctypes.sizeof(ctypes.c_void_p)
    if _LIB is None or dd.__version__ != "0.6.0" or cudd.BDD.__basicsize__ != 7 * word:
        return None
    mgr = ctypes.c_void_p.from_address(id(bdd) + 3 * word).value
    if not mgr or _LIB.Cudd_ReadSize(mgr) != len(bdd.vars):
        return None
    return mgr


def _hook(sy: SymbolicSystem, watch: _Watch) -> bool:
    """Register `watch` as the termination callback of `sy`'s manager, for as long as `sy` lives."""
    mgr = _manager(sy.bdd)
    if mgr is None or _LIB is None:
        return False
    key = next(_KEYS)
    _WATCHES[key] = watch
    weakref.finalize(sy, _WATCHES.pop, key, None)
    _LIB.Cudd_RegisterTerminationCallback(mgr, _GIVE_UP, key)
    return True


def force_order(ts: TransitionSystem, rounds: int = 30) -> list[int]:
    """A static variable order that keeps the variables of each action close together: the FORCE
    heuristic (Aloul, Markov, Sakallah 2003). Each action is a hyperedge over the variables it
    reads or writes; each round moves every variable to the mean centre of its edges."""
    edges: list[list[int]] = []
    for a in ts.actions:
        vs = refs(a.guard, *(e for _, e in a.updates), *(c for _, c in a.faults)) | {v for v, _ in a.updates}
        vs.add(ts.threads[a.thread].pc)
        edges.append(sorted(vs))
    for inv in ts.invariants:
        edges.append(sorted(refs(inv.expr)))
    pos = {v: float(v) for v in range(len(ts.vars))}
    member: dict[int, list[int]] = {v: [] for v in pos}
    for i, e in enumerate(edges):
        for v in e:
            member[v].append(i)
    order = list(pos)
    for _ in range(rounds):
        centre = [sum(pos[v] for v in e) / len(e) if e else 0.0 for e in edges]
        new = {v: (sum(centre[i] for i in member[v]) / len(member[v]) if member[v] else pos[v]) for v in pos}
        order = sorted(pos, key=lambda v: (new[v], v))
        pos = {v: float(i) for i, v in enumerate(order)}
    return order


def _merge(parts: list[tuple[IntV, Bdd]]) -> IntV:
    """The int value that is `value` where `cond` holds, for disjoint conds."""
    out: IntV = {}
    for value, cond in parts:
        for k, c in value.items():
            hit = c & cond
            if hit == cond.bdd.false:
                continue
            out[k] = out[k] | hit if k in out else hit
    return out

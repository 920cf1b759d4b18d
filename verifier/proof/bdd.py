"""The step check of a certificate, with BDDs instead of a SAT solver.

A certificate that is a decision diagram over the bits of the state (what symbolic reachability
writes: tens of thousands of if-then-else nodes) is easy for BDDs and hard for a SAT solver: "the
diagram and one step imply the diagram again" makes Z3 search for minutes where the image of the
diagram under each action takes a fraction of a second. So for such certificates (their header
says `"step": "bdd"`) the step check is done here; the base and property checks stay with Z3.

The formula is read by the SMT parser like any other certificate, then turned into a BDD atom by
atom: an atom (a comparison, a bit of a variable) that mentions one or two state variables is
evaluated by Z3 on each of their values, so no atom's meaning is taken from the engine that wrote
it. The steps are those of verifier/symbolic/encode.py, which tests compare state for state with
the interpreter.
"""

from __future__ import annotations

import itertools
import time

import z3
from z3 import z3core

from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import CertificateError, _constants, parse_invariant
from verifier.smt.encode import Encoding
from verifier.symbolic.encode import Bdd, Stop, SymbolicSystem

ATOM_VALUES = 4096  # an atom is evaluated on at most this many value combinations
OUT_OF_TIME = "the BDD step check ran out of time"


def step_check(ts: TransitionSystem, body: str, mode: str, deadline: float) -> str:
    """Is the invariant in `body` closed under every action? '' if so, else why not. The check
    is guarded, not budgeted: `deadline` (time.monotonic()) stops it, inside a CUDD operation too."""
    enc = Encoding(ts, mode)
    inv = parse_invariant(enc, body, enc.cur)  # Z3's parser: about a second for 1.4 MB
    sy = SymbolicSystem(ts)
    sy.watch(deadline)
    try:
        dag = _Dag(inv, sy)
        with sy.stoppable():
            atoms = dag.atom_bdds(sy, enc)
            sy.set_order(dag.bit_order(sy, atoms))  # the diagram's own order: built again without sifting
            u = dag.to_bdd(sy, atoms) & sy.valid()
            for st in sy.steps():
                if time.monotonic() > deadline:
                    return OUT_OF_TIME
                if st.out_of_range & u != sy.false:
                    return f"action {st.action} updates a variable beyond its range from a state of the invariant"
                if sy.image(u, st) & ~u != sy.false:
                    a = ts.actions[st.action]
                    what = f"{ts.threads[a.thread].name}: {a.origin.text.strip()}"
                    return f"it is not 1-inductive (action {st.action}, {what})"
    except Stop:
        return OUT_OF_TIME
    return ""


_CONNECTIVES = {z3.Z3_OP_AND, z3.Z3_OP_OR, z3.Z3_OP_NOT, z3.Z3_OP_IMPLIES, z3.Z3_OP_XOR}
_BOOL_CASES = {z3.Z3_OP_ITE, z3.Z3_OP_EQ, z3.Z3_OP_DISTINCT}  # connectives when their arguments are formulas


class _Dag:
    """A formula's DAG read through Z3's C API (the Python wrappers cost a minute on a diagram
    of 100,000 nodes): connective nodes with their arguments, and the atoms under them."""

    def __init__(self, inv: z3.BoolRef, sy: SymbolicSystem | None = None):
        """Stop when `sy`'s guard fires (a diagram of 40,000 nodes takes about 2 s)."""
        self.inv = inv  # keeps alive the nodes below, which the C API lends without references
        ctx = inv.ctx_ref()
        self.kids: dict[int, tuple[int, list[int]]] = {}  # id -> (op, argument ids), connectives
        self.atoms: dict[int, z3.ExprRef] = {}  # id -> the atom
        self.order: list[int] = []  # children before parents
        boolean = z3.BoolSort(inv.ctx)
        root = inv.as_ast()
        self.root = z3core.Z3_get_ast_id(ctx, root)
        stack: list[tuple[object, bool]] = [(root, False)]
        seen: set[int] = set()
        while stack:
            if sy is not None and len(seen) % 4096 == 0 and sy.expired():
                raise Stop(timeout=True)
            a, done = stack.pop()
            key = z3core.Z3_get_ast_id(ctx, a)
            if done:
                self.order.append(key)
                continue
            if key in seen:
                continue
            seen.add(key)
            op = -1
            if z3core.Z3_get_ast_kind(ctx, a) == z3.Z3_APP_AST:
                op = z3core.Z3_get_decl_kind(ctx, z3core.Z3_get_app_decl(ctx, a))
            args = (
                [z3core.Z3_get_app_arg(ctx, a, i) for i in range(z3core.Z3_get_app_num_args(ctx, a))] if op >= 0 else []
            )
            if op in _BOOL_CASES:
                sort = boolean.ast
                ok = all(z3core.Z3_is_eq_sort(ctx, z3core.Z3_get_sort(ctx, x), sort) for x in args)
                if not ok:
                    op = -1
            if op in _CONNECTIVES or op in _BOOL_CASES:
                self.kids[key] = (op, [z3core.Z3_get_ast_id(ctx, x) for x in args])
                stack.append((a, True))
                stack.extend((x, False) for x in args)
            else:
                self.atoms[key] = z3.BoolRef(a, inv.ctx)
                self.order.append(key)

    def atom_bdds(self, sy: SymbolicSystem, enc: Encoding) -> dict[int, Bdd]:
        """Each atom as a BDD (Stop when `sy`'s guard fires: each takes up to ATOM_VALUES calls of Z3)."""
        index = {x.get_id(): i for i, x in enumerate(enc.cur)}
        out = {}
        for key, atom in self.atoms.items():
            if sy.expired():
                raise Stop(timeout=True)
            out[key] = _atom(sy, enc, atom, index)
        return out

    def bit_order(self, sy: SymbolicSystem, atoms: dict[int, Bdd]) -> list[str]:
        """The current-state bits in an order the formula's if-then-else tests respect (a
        topological order of "tested above"), where atoms are single bits; the rest after."""
        bit: dict[int, str] = {}
        for key, u in atoms.items():
            if u != sy.true and u != sy.false and u.low in (sy.true, sy.false) and u.high in (sy.true, sy.false):
                bit[key] = u.var
        first: dict[int, set[str]] = {}  # node -> the bits tested at its top

        def tops(key: int) -> set[str]:
            if key in bit:
                return {bit[key]}
            got = first.get(key)
            if got is not None:
                return got
            op, args = self.kids.get(key, (-1, []))
            if op == z3.Z3_OP_ITE:
                out = tops(args[0])
            elif op in (z3.Z3_OP_NOT, z3.Z3_OP_AND, z3.Z3_OP_OR):
                out = set().union(*(tops(a) for a in args)) if args else set()
            else:
                out = set()
            first[key] = out
            return out

        after: dict[str, set[str]] = {}
        for key in self.order:  # children first, so `tops` recurses only one level
            op, args = self.kids.get(key, (-1, []))
            if op == z3.Z3_OP_ITE and args[0] in bit:
                for child in args[1:]:
                    after.setdefault(bit[args[0]], set()).update(tops(child) - {bit[args[0]]})
            tops(key)
        tested = {bit[args[0]] for op, args in self.kids.values() if op == z3.Z3_OP_ITE and args[0] in bit}
        mentioned = sorted(tested, key=sy.bdd.level_of_var)
        indeg = {b: 0 for b in mentioned}
        for b in mentioned:
            for c in after.get(b, ()):
                indeg[c] = indeg.get(c, 0) + 1
        ready = [b for b in mentioned if indeg[b] == 0]
        out: list[str] = []
        while ready:
            b = ready.pop(0)
            out.append(b)
            for c in sorted(after.get(b, ()), key=sy.bdd.level_of_var):
                indeg[c] -= 1
                if indeg[c] == 0:
                    ready.append(c)
        if len(out) != len(indeg):
            return []  # not an ordered diagram: keep the default order
        rest = [b for bits in sy.cur for b in bits if b not in indeg]
        return out + rest

    def to_bdd(self, sy: SymbolicSystem, atoms: dict[int, Bdd]) -> Bdd:
        """The states (of `sy`'s encoding) where the formula holds."""
        memo: dict[int, Bdd] = dict(atoms)
        for n, key in enumerate(self.order):
            if n % 4096 == 0 and sy.expired():
                raise Stop(timeout=True)
            if key not in memo:
                op, args = self.kids[key]
                memo[key] = _combine(sy, op, [memo[k] for k in args])
        return memo[self.root]


_ARITY = {z3.Z3_OP_NOT: (1, 1), z3.Z3_OP_IMPLIES: (2, 2), z3.Z3_OP_XOR: (2, 2), z3.Z3_OP_ITE: (3, 3)}
_NAMES = {z3.Z3_OP_NOT: "not", z3.Z3_OP_IMPLIES: "=>", z3.Z3_OP_XOR: "xor", z3.Z3_OP_ITE: "ite"}


def _combine(sy: SymbolicSystem, op: int, args: list[Bdd]) -> Bdd:
    """A connective over the BDDs of its arguments. Z3's parser accepts arities that SMT-LIB does
    not (a one-argument xor or distinct): any arity not meant here is a CertificateError."""
    lo, hi = _ARITY.get(op, (2, None) if op in (z3.Z3_OP_EQ, z3.Z3_OP_DISTINCT) else (0, None))
    if len(args) < lo or (hi is not None and len(args) > hi):
        name = _NAMES.get(op, "=" if op == z3.Z3_OP_EQ else "distinct" if op == z3.Z3_OP_DISTINCT else str(op))
        raise CertificateError(f"the BDD step check does not take '{name}' with {len(args)} arguments")
    if op == z3.Z3_OP_AND:
        out = sy.true
        for a in args:
            out &= a
        return out
    if op == z3.Z3_OP_OR:
        out = sy.false
        for a in args:
            out |= a
        return out
    if op == z3.Z3_OP_NOT:
        return ~args[0]
    if op == z3.Z3_OP_IMPLIES:
        return ~args[0] | args[1]
    if op == z3.Z3_OP_XOR:
        return ~args[0].equiv(args[1])
    if op == z3.Z3_OP_ITE:
        return sy.bdd.ite(args[0], args[1], args[2])
    if op == z3.Z3_OP_EQ:  # chainable: every argument equal to the first
        out = sy.true
        for a in args[1:]:
            out &= args[0].equiv(a)
        return out
    if op == z3.Z3_OP_DISTINCT:  # pairwise different: more than two formulas never are
        return ~args[0].equiv(args[1]) if len(args) == 2 else sy.false
    raise CertificateError(f"the BDD step check does not take the connective {op}")


def _mentions(e: z3.ExprRef, index: dict[int, int]) -> list[int]:
    """The state variables `e` mentions (parse_invariant has already refused any other constant)."""
    return sorted({index[c.get_id()] for c in _constants(e) if c.get_id() in index})


def _atom(sy: SymbolicSystem, enc: Encoding, e: z3.ExprRef, index: dict[int, int]) -> Bdd:
    """An atom as a BDD: Z3 evaluates it on every value of the state variables it mentions."""
    if z3.is_true(e):
        return sy.true
    if z3.is_false(e):
        return sy.false
    vars_ = _mentions(e, index)
    domains = [_domain(sy, v) for v in vars_]
    if any(len(d) == 0 for d in domains) or _product(domains) > ATOM_VALUES:
        raise CertificateError(f"the atom {str(e)[:80]} has too many values to check with BDDs")
    out = sy.false
    for combo in itertools.product(*domains):
        pairs = [(enc.cur[v], enc.value(v, k)) for v, k in zip(vars_, combo, strict=True)]
        val = z3.simplify(z3.substitute(e, *pairs)) if pairs else z3.simplify(e)
        if z3.is_true(val):
            hit = sy.true
            for v, k in zip(vars_, combo, strict=True):
                hit &= sy.code(v, k)
            out |= hit
        elif not z3.is_false(val):
            raise CertificateError(f"the atom {str(e)[:80]} does not evaluate to true or false")
    return out


def _domain(sy: SymbolicSystem, var: int) -> list[int | bool]:
    """Every value the variable's bits can code, its sort's and beyond (a state has only the
    former: step_check keeps to sy.valid()); so an atom that tests one bit is that bit."""
    sort = sy.ts.vars[var].sort
    if sort.kind == "bool":
        return [False, True]
    if sort.kind == "set":
        return list(range(1 << sort.hi)) if sort.hi <= 12 else []
    return list(range(sort.lo, sort.lo + (1 << len(sy.cur[var]))))


def _product(domains: list[list[int | bool]]) -> int:
    out = 1
    for d in domains:
        out *= len(d)
    return out

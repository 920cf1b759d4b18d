"""PDR/IC3 through Z3's Spacer: the property as constrained Horn clauses over the same encoding.

    Inv(init).    Inv(s) /\\ T(s, a, s') => Inv(s').    Inv(s) /\\ bad(s) => false.

Spacer either finds an interpretation of Inv (an inductive invariant that excludes every bad
state: the certificate, checked again by verifier/proof before anything is reported as proved),
or a derivation of false: a path of states from the initial one to a bad one. The actions of that
path are recovered one step at a time by asking the encoding which action leads from each state to
the next; the trace then goes through the same replay as BMC's. It need not be the shortest.

Spacer is bounded by Z3's resource limit (the Fixedpoint's `rlimit` parameter, counted in the
context's rlimit like any solver's, relative to where the count stands): it stops at the same point
on every run, with "max. resource limit exceeded"; the guard stops it with "canceled".
"""

from __future__ import annotations

import itertools

import z3

from verifier.engines.kind import metered_check, stopped
from verifier.engines.work import Meter, z3_spent
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import Invariant, invariant_smt2
from verifier.result import Outcome, Proved, Trace, Unknown, Violated
from verifier.smt.encode import Encoding


def pdr(ts: TransitionSystem, prop: str, meter: Meter, mode: str = "bv", none_up_to: int = -1) -> Outcome:
    """Prove `prop` with Spacer, or find a (not necessarily shortest) counterexample; `none_up_to`:
    the depth up to which every path is already known clean (reported with a counterexample).
    Spacer's work is charged to `meter` and may not exceed what is left of it."""
    enc = Encoding(ts, mode)
    ctx = enc.ctx
    cur, nxt = enc.cur, enc.nxt
    bad = enc.bad(prop, cur)
    if z3.is_false(z3.simplify(bad)):  # no bad state at all: `true` is the invariant
        return Proved("pdr", Invariant(invariant_smt2(enc, z3.BoolVal(True, ctx), cur), 1, mode, 0), "no bad state")
    if meter.out():
        return stopped(meter, "pdr")
    inv = z3.Function("Inv", *[x.sort() for x in cur], z3.BoolSort(ctx))
    err = z3.Function("Err", z3.BoolSort(ctx))
    fp = z3.Fixedpoint(ctx=ctx)
    fp.set(engine="spacer")
    fp.set("spacer.global", True)
    fp.set("xform.inline_eager", False)
    fp.set("xform.inline_linear", False)
    limit = meter.rlimit()
    fp.set("rlimit", limit)
    ms = meter.guard.z3_ms()
    if ms:
        fp.set("timeout", ms)
    fp.register_relation(inv, err)
    fp.declare_var(*cur, *nxt, enc.a)
    fp.rule(inv(*enc.frame(0)))
    fp.rule(inv(*nxt), [inv(*cur), enc.transition(cur, enc.a, nxt)])
    fp.rule(err(), [inv(*cur), bad])
    before = z3_spent(fp)
    msg = ""
    try:
        r = fp.query(err())
    except z3.Z3Exception as e:
        r = z3.unknown
        msg = str(e.value.decode() if isinstance(e.value, bytes) else e.value)
    used = z3_spent(fp) - before
    meter.spend_rlimit(used)
    if r == z3.unknown:
        msg = msg or str(fp.reason_unknown())
        if used >= limit:  # Spacer did all it was allowed ("max. resource limit exceeded")
            meter.spend(meter.left())
        if meter.out() or any(w in msg for w in ("timeout", "canceled", "resource limit")):
            # "canceled" with work left: the guard's timeout, a moment before the clock says so
            return stopped(meter, "pdr", timeout=not meter.out())
        return Unknown(f"spacer: {msg}")
    if r == z3.unsat:
        answer = fp.get_answer()
        body = _interpretation(answer, inv, cur)
        if body is None or _quantified(body):
            return Unknown("spacer proved it, but its invariant is not a quantifier-free formula over the state")
        cert = Invariant(invariant_smt2(enc, body, cur), 1, mode, _conjuncts(body))
        return Proved("pdr", cert, f"{cert.lemmas} lemmas")
    if r == z3.sat:
        acts = _trace(enc, fp, inv, meter)
        if acts is None:
            if meter.out():
                return stopped(meter, "pdr, recovering the counterexample")
            return Unknown("spacer found a counterexample whose steps could not be recovered")
        return Violated(len(acts), Trace(tuple(acts)), engine="pdr", minimal=False, none_up_to=none_up_to)
    return Unknown(f"spacer: {r}")


def _interpretation(answer: z3.ExprRef, inv: z3.FuncDeclRef, cur: list[z3.ExprRef]) -> z3.BoolRef | None:
    """Inv's interpretation over `cur`, from Spacer's answer (a universally quantified definition
    `forall xs. Inv(xs) = body`, or its body alone for a nullary predicate)."""
    stack = [answer]
    while stack:
        e = stack.pop()
        if z3.is_quantifier(e) and e.is_forall():
            n = e.num_vars()
            body = e.body()
            # de Bruijn: variable i is the (n-1-i)-th bound name
            if z3.is_eq(body) and z3.is_app(body.arg(0)) and body.arg(0).decl() == inv:
                app, defn = body.arg(0), body.arg(1)
                subst = [None] * n
                for j in range(app.num_args()):
                    v = app.arg(j)
                    if not z3.is_var(v):
                        return None
                    subst[z3.get_var_index(v)] = cur[j]
                if any(x is None for x in subst):
                    return None
                return z3.substitute_vars(defn, *subst)  # type: ignore[arg-type]
            stack.append(body)
        elif z3.is_app(e) and z3.is_eq(e) and z3.is_app(e.arg(0)) and e.arg(0).decl() == inv:
            app = e.arg(0)
            return z3.substitute(e.arg(1), *zip([app.arg(j) for j in range(app.num_args())], cur, strict=True))
        elif z3.is_app(e) and e.decl() == inv:
            return z3.BoolVal(True, e.ctx)
        elif z3.is_and(e):
            stack.extend(e.children())
    return None


def _quantified(e: z3.ExprRef) -> bool:
    seen: set[int] = set()
    stack = [e]
    while stack:
        x = stack.pop()
        if z3.is_quantifier(x) or z3.is_var(x):
            return True
        if x.get_id() in seen or not z3.is_app(x):
            continue
        seen.add(x.get_id())
        stack.extend(x.children())
    return False


def _conjuncts(e: z3.ExprRef) -> int:
    return e.num_args() if z3.is_and(e) else 1


def _trace(enc: Encoding, fp: z3.Fixedpoint, inv: z3.FuncDeclRef, meter: Meter) -> list[int] | None:
    """The actions of Spacer's counterexample. Its answer is a hyper-resolution proof of false whose
    ground Inv facts, premises before conclusions, are the states of a path from the initial one;
    for each consecutive pair, the action the step relation allows between them. None if any step
    cannot be recovered (the caller then reports nothing it cannot replay)."""
    try:
        answer = fp.get_answer()
    except z3.Z3Exception:
        return None
    order: list[list[z3.ExprRef]] = []
    seen: set[int] = set()
    stack: list[tuple[z3.ExprRef, bool]] = [(answer, False)]
    while stack:  # post-order over the proof DAG
        e, done = stack.pop()
        if done:
            if e.decl() == inv and all(_is_value(a) for a in e.children()):
                state = e.children()
                if not order or any(not _same(a, b) for a, b in zip(order[-1], state, strict=True)):
                    order.append(state)
            continue
        if z3.is_quantifier(e) or not z3.is_app(e) or e.get_id() in seen:
            continue
        seen.add(e.get_id())
        stack.append((e, True))
        stack.extend((c, False) for c in reversed(e.children()))
    init = enc.frame(0)
    if not order or any(not _same(a, b) for a, b in zip(order[0], init, strict=True)):
        order.insert(0, init)
    acts: list[int] = []
    s = z3.SolverFor("QF_BV", ctx=enc.ctx) if enc.mode == "bv" else z3.Solver(ctx=enc.ctx)
    for a, b in itertools.pairwise(order):
        s.push()
        s.add(enc.transition(list(a), enc.a, list(b)))
        if metered_check(s, meter) != z3.sat:
            return None
        acts.append(s.model().eval(enc.a, model_completion=True).as_long())
        s.pop()
    return acts


def _is_value(e: z3.ExprRef) -> bool:
    return z3.is_bv_value(e) or z3.is_int_value(e) or z3.is_true(e) or z3.is_false(e)


def _same(a: z3.ExprRef, b: z3.ExprRef) -> bool:
    return z3.is_true(z3.simplify(a == b))

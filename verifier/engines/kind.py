"""k-induction: prove a safety property for all depths, or refute it with a shortest counterexample.

For k = 1, 2, ...: the base case asks for a violation in exactly k-1 steps from the initial state
(so base cases 0..k-1 together are BMC to depth k-1, and a violation found is the shortest); the
step case asks for k states satisfying the invariant, on a path of pairwise distinct states, then
one that violates it. With distinct states (simple paths) the method is complete for finite
systems: k past the longest simple path always closes the step case.

The invariant is the property strengthened by facts proved first, never assumed:
- the domain of every variable (the bit-vector encoding admits integers outside lo..hi, and an
  unreachable out-of-range state would otherwise defeat the step case): the subset of per-variable
  domain constraints that is 1-inductive and holds initially, found Houdini style;
- invariants of other properties proved before (their certificates, conjoined as they are).
The certificate is the whole conjunction with the k that closed it (see verifier/proof).
"""

from __future__ import annotations

from collections.abc import Sequence

import z3

from verifier.engines.work import Meter, z3_solver_limits, z3_spent
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import CertificateError, Invariant, invariant_smt2, parse_invariant
from verifier.result import Bounded, Outcome, Proved, Trace, Unknown, Violated
from verifier.smt.encode import Encoding


def metered_check(s: z3.Solver, meter: Meter, *assumptions: z3.BoolRef) -> z3.CheckSatResult:
    """One solver query, charged to `meter`: it may do the work left (Z3's resource limit, which
    ends it at the same point on every run) and no more than the guard allows. The rlimit count
    is shared by every solver of a context, so what this query did is the difference around it."""
    if meter.out():
        return z3.unknown
    z3_solver_limits(s, meter)
    limit = meter.rlimit()
    before = z3_spent(s)
    try:
        r = s.check(*assumptions)
    finally:
        used = z3_spent(s) - before
        meter.spend_rlimit(used)
    if r == z3.unknown and used >= limit:
        # it did all it was allowed (Z3 then says "max. resource limit exceeded", or "canceled"
        # when the limit stops a tactic): nothing is left, rounding aside
        meter.spend(meter.left())
    return r


def stopped(meter: Meter, what: str = "", depth: int = -1, timeout: bool = False) -> Unknown:
    """Why an engine stopped early: the guard fired (`timeout`, or the solver says so: its own
    timeout is the guard's and may fire a moment before the clock reads the deadline), or its work
    ran out."""
    where = f" ({what})" if what else ""
    if timeout or meter.timed_out():
        return Unknown(f"timeout{where}", depth)
    return Unknown(f"work budget of {meter.units:g} units spent{where}", depth)


def solver_unknown(s: z3.Solver, meter: Meter, what: str = "", depth: int = -1) -> Unknown:
    """Why a metered query came back unknown: the guard, the work budget, or the solver itself."""
    if meter.out():  # also when the query never ran
        return stopped(meter, what, depth)
    reason = s.reason_unknown()
    if "timeout" in reason or "canceled" in reason:
        return stopped(meter, what, depth, timeout=True)
    if not reason or "resource limit" in reason:
        return stopped(meter, what, depth)
    return Unknown(f"solver: {reason}", depth)


def inductive_domain(enc: Encoding, meter: Meter, what: str = "domain constraints") -> list[int] | Unknown:
    """The indices of the per-variable domain constraints whose conjunction holds initially and is
    preserved by every step (the largest such subset); Unknown (saying `what` stopped) if the
    meter ran out first."""
    dom_cur = enc.domain(enc.cur)
    dom_nxt = enc.domain(enc.nxt)
    init = enc.frame(0)
    live = [i for i, c in enumerate(enc.domain(init)) if z3.is_true(z3.simplify(c))]
    live = [i for i in live if not z3.is_true(dom_cur[i])]
    s = _solver(enc)
    s.add(enc.transition(enc.cur, enc.a, enc.nxt))
    guards = {i: z3.Bool(f"dom#{i}", enc.ctx) for i in live}
    for i in live:
        s.add(z3.Implies(guards[i], dom_cur[i]))
    while live:
        probe = z3.Bool(f"domq#{len(live)}", enc.ctx)
        s.add(z3.Implies(probe, z3.Or(*[z3.Not(dom_nxt[i]) for i in live])))
        r = metered_check(s, meter, probe, *[guards[i] for i in live])
        if r == z3.unsat:
            break
        if r == z3.unknown:
            return solver_unknown(s, meter, what)
        m = s.model()
        broken = [i for i in live if not z3.is_true(m.eval(dom_nxt[i], model_completion=True))]
        live = [i for i in live if i not in broken]
    return live


def kinduction(
    ts: TransitionSystem,
    prop: str,
    max_k: int,
    meter: Meter,
    mode: str = "bv",
    lemmas: Sequence[Invariant] = (),
    min_k: int = 1,
) -> Outcome:
    """Prove `prop` by k-induction for some k <= max_k, strengthened by proved `lemmas` (their
    certificates); or find its shortest counterexample of fewer than max_k steps. Every query is
    charged to `meter`; when it runs out (or its guard fires) the answer is Unknown."""
    enc = Encoding(ts, mode)
    if z3.is_false(z3.simplify(enc.bad(prop, enc.cur))):  # no step can fail it: 1-inductive as it is
        cert = Invariant(invariant_smt2(enc, z3.BoolVal(True, enc.ctx), enc.cur), 1, mode, 0)
        return Proved("k-induction", cert, "k=1, no bad state")
    dom = inductive_domain(enc, meter, "k-induction, domain constraints")
    if isinstance(dom, Unknown):
        return dom

    def strength(frame: list[z3.ExprRef]) -> list[z3.BoolRef]:
        domain = enc.domain(frame)
        out = [domain[i] for i in dom]
        for lem in lemmas:
            out.append(parse_invariant(enc, lem.smt2, frame))
        return out

    def good(frame: list[z3.ExprRef]) -> z3.BoolRef:
        return z3.Not(enc.bad(prop, frame))

    try:
        strength(enc.cur)
    except CertificateError as e:
        return Unknown(f"a lemma does not fit this system: {e}")
    base = _solver(enc)
    step = _solver(enc)
    frames: list[list[z3.ExprRef]] = [enc.symbolic_frame("ind0")]
    for c in strength(frames[0]):
        step.add(c)
    for k in range(1, max_k + 1):
        # base: no violation in exactly k-1 steps (0..k-2 were asked before)
        if k > 1:
            base.add(enc.step(k - 2))
        r = _check(base, meter, enc.bad_at(prop, k - 1), f"base{k}")
        if r == z3.sat:
            m = base.model()
            acts = tuple(m.eval(enc.act(t), model_completion=True).as_long() for t in range(k - 1))
            return Violated(k - 1, Trace(acts), engine="k-induction")
        if r == z3.unknown:
            return solver_unknown(base, meter, f"k-induction, base case k={k}", k - 2)
        # step: k good states on a simple path, then a bad one
        prev = frames[-1]
        nxt = enc.symbolic_frame(f"ind{k}")
        frames.append(nxt)
        step.add(enc.transition(prev, z3.BitVec(f"indact{k - 1}", enc.act_width, enc.ctx), nxt))
        step.add(good(prev))
        for c in strength(nxt):
            step.add(c)
        for other in frames[:-1]:
            step.add(z3.Or(*[a != b for a, b in zip(other, nxt, strict=True)]))
        if k < min_k:
            continue
        r = _check(step, meter, enc.bad(prop, nxt), f"step{k}")
        if r == z3.unsat:
            inv = z3.And(good(enc.cur), *strength(enc.cur))
            k_cert = max([k, *(lem.k for lem in lemmas)])
            cert = Invariant(invariant_smt2(enc, inv, enc.cur), k_cert, mode, 1 + len(dom) + len(lemmas))
            return Proved("k-induction", cert, f"k={k_cert}")
        if r == z3.unknown:
            return solver_unknown(step, meter, f"k-induction, step case k={k}", k - 1)
    return Bounded(max_k - 1, f"not {max_k}-inductive")


def _solver(enc: Encoding) -> z3.Solver:
    return z3.SolverFor("QF_BV", ctx=enc.ctx) if enc.mode == "bv" else z3.Solver(ctx=enc.ctx)


def _check(s: z3.Solver, meter: Meter, query: z3.BoolRef, name: str) -> z3.CheckSatResult:
    """`query` under a probe literal named by the caller (the same names on every run)."""
    probe = z3.Bool(f"q#{name}", s.ctx)
    s.add(z3.Implies(probe, query))
    return metered_check(s, meter, probe)

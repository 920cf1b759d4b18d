"""Proof certificates: an inductive invariant in SMT-LIB 2 that a fresh solver re-checks.

A certificate is a file `proofs/<spec-stem>/<variant>/<property>.smt2`: a JSON header in a
leading comment line, then SMT-LIB 2 declaring one constant per IR state variable (named as in the
IR, quoted with |...|) and asserting the invariant over them. With `k` > 1 the invariant is
k-inductive (what k-induction proves), not necessarily 1-inductive.

Re-checking (`check`) needs only the spec and this module: it lowers the spec again, builds the
Z3 encoding of its transition system and asks a fresh solver, per check:

- `base`:      every state reachable in fewer than k steps satisfies the invariant (k = 1: init does);
- `step`:      k consecutive states that satisfy it, on a path of distinct states, are followed only
               by states that satisfy it (distinct states: the shortest path to a state that does not
               satisfy it has no repeated state, so this loses nothing); asked once per action
               the last step may take, which covers every step;
- `property`:  a state that satisfies it does not violate the property.

A certificate whose header says `"step": "bdd"` (a decision diagram over the state's bits, from
symbolic reachability) has its step check done with BDDs instead (verifier/proof/bdd.py): the
image of the diagram under each action stays inside it. Base and property stay with the solver.
A liveness property's certificate is about a safety system built from the spec (verifier/proof/
check.py): its k-liveness system when the header gives `"rounds"` (the bound), else its
liveness-to-safety system.

It never runs the engine that found the invariant. A certificate whose spec changed (the hash of
its text, its includes, the prelude and the `--set` overrides) is stale and rejected unchecked.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import z3
from z3 import z3core

from verifier import __version__
from verifier.ir.model import TransitionSystem
from verifier.smt.encode import Encoding
from verifier.syntax.load import load

FORMAT = 1
MARK = "; irqverify certificate"
CHECKS = ("base", "step", "property")
STEPS = ("smt", "bdd")


class CertificateError(Exception):
    """A certificate that cannot be read, is stale, or fails a check; `check` names which."""

    def __init__(self, message: str, check: str = "format"):
        super().__init__(message)
        self.check = check


@dataclass(frozen=True, slots=True)
class Invariant:
    """An invariant found by an engine: SMT-LIB 2 text (declarations and one assertion over the IR
    state variables by name), with the k for which it is k-inductive, and the encoding it is in."""

    smt2: str
    k: int = 1
    mode: str = "bv"
    lemmas: int = 0  # how many conjuncts (for reporting)
    step: str = "smt"  # how the step check is done: smt, or bdd for a decision diagram (proof/bdd.py)
    rounds: int | None = None  # a liveness certificate of the k-liveness system with this bound


@dataclass(frozen=True, slots=True)
class Header:
    spec: str
    spec_hash: str
    variant: str
    property: str
    engine: str
    k: int
    encoding: str
    tool: str
    overrides: dict[str, int] = field(default_factory=dict)
    step: str = "smt"
    rounds: int | None = None  # k-liveness (verifier/ir/klive.py) with this bound; else liveness to safety

    def json(self) -> str:
        extra: dict[str, object] = {"step": self.step} if self.step != "smt" else {}
        if self.rounds is not None:
            extra["rounds"] = self.rounds
        return json.dumps(
            {
                "format": FORMAT,
                "spec": self.spec,
                "spec_hash": self.spec_hash,
                "variant": self.variant,
                "property": self.property,
                "engine": self.engine,
                "k": self.k,
                "encoding": self.encoding,
                "tool": self.tool,
                "overrides": self.overrides,
                **extra,
            },
            sort_keys=False,
        )


# ---- hashing ------------------------------------------------------------------------------------


def spec_hash(path: str, overrides: dict[str, int] | None = None) -> str:
    """sha256 over the text of every module the spec loads (prelude, includes, the spec itself, in
    load order) and the constant overrides: what the transition system is a function of."""
    h = hashlib.sha256()
    for m in load(path):
        text = m.source.text if m.source is not None else ""
        h.update(f"{len(text)}:".encode())
        h.update(text.encode("utf-8"))
    h.update(json.dumps(sorted((overrides or {}).items())).encode())
    return "sha256:" + h.hexdigest()


# ---- writing -----------------------------------------------------------------------------------


def invariant_smt2(enc: Encoding, inv: z3.BoolRef, frame: Sequence[z3.ExprRef]) -> str:
    """`inv`, a formula over `frame` of `enc`, as SMT-LIB 2 over constants named after the IR's state
    variables (only those it mentions are declared)."""
    named = [z3.Const(v.name, x.sort()) for v, x in zip(enc.ts.vars, frame, strict=True)]
    term = z3.substitute(inv, *zip(frame, named, strict=True))
    s = z3.Solver(ctx=enc.ctx)
    s.add(term)
    lines = [ln for ln in s.to_smt2().splitlines() if ln.strip() not in ("(check-sat)",) and not ln.startswith("; ")]
    if not any(ln.startswith("(assert") for ln in lines):
        lines.append("(assert true)")  # the solver drops a trivially true assertion
    return "\n".join(lines).strip() + "\n"


def render(header: Header, inv: Invariant, readable: str = "") -> str:
    """The text of a certificate file."""
    out = [MARK, "; " + header.json()]
    if readable:
        out.append(";")
        out.append("; The invariant in the spec's names (informative; the assertion below is what is checked):")
        out.extend(";   " + ln for ln in readable.splitlines())
    out.append(f"(set-logic {'QF_BV' if header.encoding == 'bv' else 'ALL'})")
    out.append(inv.smt2.rstrip())
    out.append("")
    return "\n".join(out)


def path_for(root: str | Path, spec: str, variant: str, prop: str) -> Path:
    return Path(root) / Path(spec).stem / variant / f"{prop}.smt2"


def is_certificate(path: Path) -> bool:
    """A file this tool wrote (so it may overwrite it): starts with the certificate mark."""
    try:
        with path.open(encoding="utf-8") as f:
            return f.readline().rstrip("\n") == MARK
    except (OSError, UnicodeDecodeError):
        return False


# ---- reading -----------------------------------------------------------------------------------

_HEADER = re.compile(r"^; (\{.*\})\s*$")


def read(path: str | Path) -> tuple[Header, str]:
    """The header and the SMT-LIB body of a certificate file; raises CertificateError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CertificateError(f"cannot read: {e}") from None
    lines = text.splitlines()
    if not lines or lines[0] != MARK:
        raise CertificateError(f"not a certificate (the first line is not '{MARK}')")
    m = _HEADER.match(lines[1]) if len(lines) > 1 else None
    if m is None:
        raise CertificateError("no JSON header on the second line")
    try:
        raw = json.loads(m.group(1))
        header = Header(
            spec=str(raw["spec"]),
            spec_hash=str(raw["spec_hash"]),
            variant=str(raw["variant"]),
            property=str(raw["property"]),
            engine=str(raw["engine"]),
            k=int(raw["k"]),
            encoding=str(raw["encoding"]),
            tool=str(raw.get("tool", "")),
            overrides={str(k): int(v) for k, v in dict(raw.get("overrides", {})).items()},
            step=str(raw.get("step", "smt")),
            rounds=int(raw["rounds"]) if raw.get("rounds") is not None else None,
        )
    except (ValueError, KeyError, TypeError) as e:
        raise CertificateError(f"malformed header: {e}") from None
    if header.k < 1:
        raise CertificateError(f"k must be at least 1, not {header.k}")
    if header.encoding not in ("bv", "int"):
        raise CertificateError(f"unknown encoding '{header.encoding}'")
    if header.step not in STEPS:
        raise CertificateError(f"unknown step check '{header.step}'")
    if header.step == "bdd" and header.k != 1:
        raise CertificateError("a step check with BDDs is for 1-inductive invariants only")
    if header.rounds is not None and header.rounds < 0:
        raise CertificateError(f"the bound on rounds must be at least 0, not {header.rounds}")
    body = "\n".join(ln for ln in lines[2:] if not ln.startswith(";"))
    return header, body


def parse_invariant(enc: Encoding, body: str, frame: Sequence[z3.ExprRef]) -> z3.BoolRef:
    """The asserted invariant of `body` over `frame`: every constant it mentions must be a state
    variable of the IR, of the sort the encoding gives it."""
    try:
        assertions = z3.parse_smt2_string(body, ctx=enc.ctx)
    except z3.Z3Exception as e:
        raise CertificateError(f"the SMT-LIB text does not parse: {_z3_message(e)}") from None
    if len(assertions) == 0:
        raise CertificateError("the certificate asserts nothing")
    inv = z3.And(*assertions) if len(assertions) > 1 else assertions[0]
    if not z3.is_bool(inv):
        raise CertificateError("the invariant is not a formula")
    index = {v.name: i for i, v in enumerate(enc.ts.vars)}
    pairs = []
    for c in _constants(inv):
        name = c.decl().name()
        i = index.get(name)
        if i is None:
            raise CertificateError(f"the invariant mentions '{name}', which is not a state variable of the spec")
        if c.sort() != frame[i].sort():
            raise CertificateError(f"'{name}' is declared {c.sort()}, but the state variable is {frame[i].sort()}")
        pairs.append((c, frame[i]))
    return z3.substitute(inv, *pairs) if pairs else inv


def _constants(e: z3.ExprRef) -> list[z3.ExprRef]:
    """The uninterpreted constants of `e`; an uninterpreted function is an error. Walks the
    term through Z3's C API: the Python wrappers cost seconds on a diagram of 100,000 nodes."""
    ctx = e.ctx_ref()
    out: list[z3.ExprRef] = []
    seen: set[int] = set()
    stack = [e.as_ast()]
    while stack:
        a = stack.pop()
        key = z3core.Z3_get_ast_id(ctx, a)
        if key in seen:
            continue
        seen.add(key)
        kind = z3core.Z3_get_ast_kind(ctx, a)
        if kind == z3.Z3_QUANTIFIER_AST:
            raise CertificateError("the invariant has a quantifier")
        if kind != z3.Z3_APP_AST:
            continue
        n = z3core.Z3_get_app_num_args(ctx, a)
        d = z3core.Z3_get_app_decl(ctx, a)
        if z3core.Z3_get_decl_kind(ctx, d) == z3.Z3_OP_UNINTERPRETED:
            if n > 0:
                name = z3core.Z3_get_symbol_string(ctx, z3core.Z3_get_decl_name(ctx, d))
                raise CertificateError(f"the invariant applies an undeclared function '{name}'")
            out.append(z3.ExprRef(a, e.ctx))
        stack.extend(z3core.Z3_get_app_arg(ctx, a, i) for i in range(n))
    return out


def _z3_message(e: z3.Z3Exception) -> str:
    v = e.value
    return v.decode(errors="replace") if isinstance(v, bytes) else str(v)


# ---- checking ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verdict:
    """What re-checking found: ok, or the failing check and why."""

    ok: bool
    check: str = ""
    message: str = ""
    seconds: float = 0.0


def check_invariant(
    ts: TransitionSystem,
    prop: str,
    body: str,
    k: int,
    mode: str,
    timeout: float = 600.0,
    checks: Sequence[str] = CHECKS,
    step: str = "smt",
) -> Verdict:
    """Run the checks of the module docstring (all three unless `checks` says which: an invariant
    shared by several properties needs base and step only once) on a fresh solver; the first that
    fails is named. With `step` = bdd, the step check is done with BDDs (verifier/proof/bdd.py)."""
    import time

    from verifier.proof.bdd import step_check  # here: proof/bdd.py reads certificates with this module

    start = time.monotonic()
    enc = Encoding(ts, mode)
    try:
        names = ts.property_names()
        if prop not in names and prop != "deadlock":
            return Verdict(False, "format", f"the spec has no property '{prop}'")
        # base: frames 0..k-1 of every path from the initial state
        s = _solver(enc, timeout)
        for j in range(k if "base" in checks else 0):
            if j > 0:
                s.add(enc.step(j - 1))
            inv_j = parse_invariant(enc, body, enc.frame(j))
            r = s.check(z3.Not(inv_j))
            if r != z3.unsat:
                what = "the initial state does not satisfy it" if j == 0 else f"a state reachable in {j} steps does not"
                return _fail("base", r, s, what, start)
        # step: k states satisfying it on a path of distinct states, then one more
        if "step" not in checks:
            k = 0
        if k and step == "bdd":
            if k != 1:
                return Verdict(False, "format", "a step check with BDDs is for 1-inductive invariants only")
            why = step_check(ts, body, mode, start + timeout)
            if why:
                return Verdict(False, "step", why, time.monotonic() - start)
            k = 0
        s = _solver(enc, timeout)
        frames = [enc.symbolic_frame(f"chk{i}") for i in range(k + 1)]
        acts = [z3.BitVec(f"chkact{i}", enc.act_width, enc.ctx) for i in range(k)]
        for i in range(k):
            s.add(enc.transition(frames[i], acts[i], frames[i + 1]))
            s.add(parse_invariant(enc, body, frames[i]))
        for i in range(k + 1):
            for j in range(i + 1, k + 1):
                s.add(z3.Or(*[a != b for a, b in zip(frames[i], frames[j], strict=True)]))
        if k:
            s.add(z3.Not(parse_invariant(enc, body, frames[k])))
            # one query per action of the last step (and one for the values no action has): the
            # cases cover every step, and a solver told which action runs simplifies the rest away
            n = len(ts.actions)
            cases = [acts[-1] == enc.act_val(i) for i in range(n)]
            if n < 2**enc.act_width:
                cases.append(z3.UGE(acts[-1], enc.act_val(n)))
            for case in cases:
                s.set("timeout", max(1, int((timeout - (time.monotonic() - start)) * 1000)))
                r = s.check(case)
                if r != z3.unsat:
                    return _fail("step", r, s, f"it is not {k}-inductive", start)
        # property
        s = _solver(enc, timeout)
        s.add(parse_invariant(enc, body, enc.cur))
        r = s.check(enc.bad(prop, enc.cur)) if "property" in checks else z3.unsat
        if r != z3.unsat:
            return _fail("property", r, s, f"it does not imply {prop}", start)
    except CertificateError as e:
        return Verdict(False, e.check, str(e), time.monotonic() - start)
    return Verdict(True, seconds=time.monotonic() - start)


def _solver(enc: Encoding, timeout: float) -> z3.Solver:
    s = z3.SolverFor("QF_BV", ctx=enc.ctx) if enc.mode == "bv" else z3.Solver(ctx=enc.ctx)
    s.set("timeout", max(1, int(timeout * 1000)))
    return s


def _fail(check: str, r: z3.CheckSatResult, s: z3.Solver, what: str, start: float) -> Verdict:
    import time

    if r == z3.unknown:
        return Verdict(False, check, f"the solver gave up ({s.reason_unknown()})", time.monotonic() - start)
    return Verdict(False, check, what, time.monotonic() - start)


def header_for(
    path: str, variant: str, prop: str, engine: str, inv: Invariant, overrides: dict[str, int] | None = None
) -> Header:
    return Header(
        spec=path,
        spec_hash=spec_hash(path, overrides),
        variant=variant,
        property=prop,
        engine=engine,
        k=inv.k,
        encoding=inv.mode,
        tool=f"irqverify {__version__}",
        overrides=dict(sorted((overrides or {}).items())),
        step=inv.step,
        rounds=inv.rounds,
    )

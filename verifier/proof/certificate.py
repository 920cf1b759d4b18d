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

A certificate is untrusted input. It is read only if it is a regular file of at most MAX_BYTES;
its header's fields have their types and ranges (k at most MAX_K); and its body is read by the
reader of verifier/proof/smtlib.py before Z3 sees any of it: an optional set-logic, declarations of
the spec's state variables with their sorts, and one assertion over them (let allowed, nested at
most MAX_DEPTH deep), nothing else. Z3 gets only what that reader accepted, in a fresh context
per check; the checks of one certificate share its time.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import z3
from z3 import z3core

from verifier import __version__
from verifier.ir.model import TransitionSystem
from verifier.proof.smtlib import Rejected, read_body
from verifier.sema.check import MAX_DOMAIN
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
    """A file this tool wrote (so it may overwrite it): a regular file (not a link, a FIFO, a
    device) that starts with the certificate mark."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        first = os.read(fd, len(MARK) + 2)
    except OSError:
        return False
    finally:
        os.close(fd)
    return first.split(b"\n", 1)[0].rstrip(b"\r") == MARK.encode()


# ---- reading -----------------------------------------------------------------------------------

MAX_BYTES = 64 * 1024 * 1024  # a certificate file (the largest bundled one is 3.2 MB)
MAX_K = 64  # the k of a k-inductive invariant (the bundled ones have k = 1; k-induction stops at 12)
MAX_ROUNDS = MAX_DOMAIN - 2  # a k-liveness bound: its counter ranges over 0..rounds+1

_HEADER = re.compile(r"^; (\{.*\})\s*$")


def read(path: str | Path) -> tuple[Header, str]:
    """The header and the SMT-LIB body of a certificate file; raises CertificateError. The body
    keeps the file's line numbers (its first two lines blank), so errors in it can name a line."""
    data = read_bounded(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CertificateError(f"cannot read: not UTF-8 ({e.reason} at byte {e.start})") from None
    first, _, rest = text.partition("\n")
    second, _, rest = rest.partition("\n")
    if first.rstrip("\r") != MARK:
        raise CertificateError(f"not a certificate (the first line is not '{MARK}')")
    m = _HEADER.match(second)
    if m is None:
        raise CertificateError("no JSON header on the second line")
    header = _header(m.group(1))
    return header, "\n\n" + rest


def read_bounded(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (MAX_BYTES). A symbolic link, a FIFO or
    a device is refused without reading (opening does not block, and a link is not followed)."""
    limit = MAX_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise CertificateError("cannot read: it is a symbolic link") from None
        raise CertificateError(f"cannot read: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise CertificateError("cannot read: not a regular file")
        if st.st_size > limit:
            raise CertificateError(f"too large: {st.st_size} bytes, more than {limit}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise CertificateError(f"too large: more than {limit} bytes")
        return b"".join(chunks)
    except OSError as e:
        raise CertificateError(f"cannot read: {e.strerror or e}") from None
    finally:
        os.close(fd)


def _header(text: str) -> Header:
    """The JSON header, every field of the type and range it must have."""
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise CertificateError(f"malformed header: {str(e)[:200]}") from None
    if not isinstance(raw, dict):
        raise CertificateError("malformed header: not a JSON object")

    def text(name: str, default: str | None = None) -> str:
        v = raw.get(name, default)
        if v is None:
            raise CertificateError(f"malformed header: no '{name}'")
        if not isinstance(v, str):
            raise CertificateError(f"malformed header: '{name}' is not a string")
        return v

    def integer(name: str, default: int | None = None) -> int | None:
        v = raw.get(name, default)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
            raise CertificateError(f"malformed header: '{name}' is not an integer")
        return v

    fmt = raw.get("format", FORMAT)
    if fmt != FORMAT or isinstance(fmt, bool):
        raise CertificateError(f"unknown certificate format {str(fmt)[:40]} (this tool reads format {FORMAT})")
    overrides = raw.get("overrides", {})
    if not isinstance(overrides, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in overrides.values()
    ):
        raise CertificateError("malformed header: 'overrides' is not an object of integers")
    k = integer("k")
    if k is None:
        raise CertificateError("malformed header: no 'k'")
    header = Header(
        spec=text("spec"),
        spec_hash=text("spec_hash"),
        variant=text("variant"),
        property=text("property"),
        engine=text("engine"),
        k=k,
        encoding=text("encoding"),
        tool=text("tool", ""),
        overrides={str(name): v for name, v in overrides.items()},
        step=text("step", "smt"),
        rounds=integer("rounds"),
    )
    if not 1 <= header.k <= MAX_K:
        raise CertificateError(f"k must be 1..{MAX_K}, not {header.k}")
    if header.encoding not in ("bv", "int"):
        raise CertificateError(f"unknown encoding '{header.encoding[:40]}'")
    if header.step not in STEPS:
        raise CertificateError(f"unknown step check '{header.step[:40]}'")
    if header.step == "bdd" and header.k != 1:
        raise CertificateError("a step check with BDDs is for 1-inductive invariants only")
    if header.rounds is not None and not 0 <= header.rounds <= MAX_ROUNDS:
        raise CertificateError(f"the bound on rounds must be 0..{MAX_ROUNDS}, not {header.rounds}")
    return header


def parse_invariant(enc: Encoding, body: str, frame: Sequence[z3.ExprRef]) -> z3.BoolRef:
    """The asserted invariant of `body` over `frame`: every constant it mentions must be a state
    variable of the IR, of the sort the encoding gives it. The text is read by `smt2_body` first,
    and Z3 parses only what that reader accepted, in the encoding's own context."""
    sorts = tuple((v.name, _sort_key(x.sort())) for v, x in zip(enc.ts.vars, enc.cur, strict=True))
    text = smt2_body(body, sorts)
    try:
        assertions = z3.parse_smt2_string(text, ctx=enc.ctx)
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


def _sort_key(s: z3.SortRef) -> str:
    """A state variable's sort as SMT-LIB writes it."""
    if z3.is_bv_sort(s):
        return f"(_ BitVec {s.size()})"
    return "Bool" if s.kind() == z3.Z3_BOOL_SORT else "Int" if s.kind() == z3.Z3_INT_SORT else str(s)


def smt2_body(body: str, sorts: tuple[tuple[str, str], ...]) -> str:
    """The text of `body` that Z3 may parse (verifier/proof/smtlib.py); raises CertificateError."""
    try:
        return read_body(body, sorts)
    except Rejected as e:
        raise CertificateError(str(e)) from None


def subterms(e: z3.ExprRef) -> Iterator[int]:
    """Each distinct subterm of `e` once (a raw Z3 AST), walked through the C API without
    recursion: the Python wrappers cost seconds on a diagram of 100,000 nodes. A quantifier's body
    is not entered."""
    ctx = e.ctx_ref()
    seen: set[int] = set()
    stack = [e.as_ast()]
    while stack:
        a = stack.pop()
        key = z3core.Z3_get_ast_id(ctx, a)
        if key in seen:
            continue
        seen.add(key)
        yield a
        if z3core.Z3_get_ast_kind(ctx, a) == z3.Z3_APP_AST:
            stack.extend(z3core.Z3_get_app_arg(ctx, a, i) for i in range(z3core.Z3_get_app_num_args(ctx, a)))


def _constants(e: z3.ExprRef) -> list[z3.ExprRef]:
    """The uninterpreted constants of `e`; a quantifier or an uninterpreted function is an error."""
    ctx = e.ctx_ref()
    out: list[z3.ExprRef] = []
    for a in subterms(e):
        kind = z3core.Z3_get_ast_kind(ctx, a)
        if kind == z3.Z3_QUANTIFIER_AST:
            raise CertificateError("the invariant has a quantifier")
        if kind != z3.Z3_APP_AST:
            continue
        d = z3core.Z3_get_app_decl(ctx, a)
        if z3core.Z3_get_decl_kind(ctx, d) == z3.Z3_OP_UNINTERPRETED:
            if z3core.Z3_get_app_num_args(ctx, a) > 0:
                name = z3core.Z3_get_symbol_string(ctx, z3core.Z3_get_decl_name(ctx, d))
                raise CertificateError(f"the invariant applies an undeclared function '{name}'")
            out.append(z3.ExprRef(a, e.ctx))
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
    shared by several properties needs base and step only once) on a fresh solver in a fresh Z3
    context; the first that fails is named. With `step` = bdd, the step check is done with BDDs
    (verifier/proof/bdd.py). The checks share `timeout` seconds: each query gets what is left."""
    start = time.monotonic()
    deadline = start + timeout
    enc = Encoding(ts, mode)
    try:
        names = ts.property_names()
        if prop not in names and prop != "deadlock":
            return Verdict(False, "format", f"the spec has no property '{prop}'")
        inv = parse_invariant(enc, body, enc.cur)

        def at(frame: Sequence[z3.ExprRef]) -> z3.BoolRef:
            return z3.substitute(inv, *zip(enc.cur, frame, strict=True))

        # base: frames 0..k-1 of every path from the initial state
        s = _solver(enc)
        for j in range(k if "base" in checks else 0):
            if j > 0:
                s.add(enc.step(j - 1))
            r = _check(s, deadline, z3.Not(at(enc.frame(j))))
            if r != z3.unsat:
                what = "the initial state does not satisfy it" if j == 0 else f"a state reachable in {j} steps does not"
                return _fail("base", r, s, what, start, timeout)
        # step: k states satisfying it on a path of distinct states, then one more
        if "step" not in checks:
            k = 0
        if k and step == "bdd":
            if k != 1:
                return Verdict(False, "format", "a step check with BDDs is for 1-inductive invariants only")
            # here: proof/bdd.py reads certificates with this module, and it loads dd (and networkx)
            from verifier.proof.bdd import step_check

            why = step_check(ts, body, mode, deadline)
            if why:
                return Verdict(False, "step", why, time.monotonic() - start)
            k = 0
        s = _solver(enc)
        frames = [enc.symbolic_frame(f"chk{i}") for i in range(k + 1)]
        acts = [z3.BitVec(f"chkact{i}", enc.act_width, enc.ctx) for i in range(k)]
        for i in range(k):
            s.add(enc.transition(frames[i], acts[i], frames[i + 1]))
            s.add(at(frames[i]))
        for i in range(k + 1):
            for j in range(i + 1, k + 1):
                s.add(z3.Or(*[a != b for a, b in zip(frames[i], frames[j], strict=True)]))
        if k:
            s.add(z3.Not(at(frames[k])))
            # one query per action of the last step (and one for the values no action has): the
            # cases cover every step, and a solver told which action runs simplifies the rest away
            n = len(ts.actions)
            cases = [acts[-1] == enc.act_val(i) for i in range(n)]
            if n < 2**enc.act_width:
                cases.append(z3.UGE(acts[-1], enc.act_val(n)))
            for case in cases:
                r = _check(s, deadline, case)
                if r != z3.unsat:
                    return _fail("step", r, s, f"it is not {k}-inductive", start, timeout)
        # property
        if "property" in checks:
            s = _solver(enc)
            s.add(inv)
            r = _check(s, deadline, enc.bad(prop, enc.cur))
            if r != z3.unsat:
                return _fail("property", r, s, f"it does not imply {prop}", start, timeout)
    except CertificateError as e:
        return Verdict(False, e.check, str(e), time.monotonic() - start)
    return Verdict(True, seconds=time.monotonic() - start)


def _solver(enc: Encoding) -> z3.Solver:
    return z3.SolverFor("QF_BV", ctx=enc.ctx) if enc.mode == "bv" else z3.Solver(ctx=enc.ctx)


def _check(s: z3.Solver, deadline: float, *assumptions: z3.BoolRef) -> z3.CheckSatResult:
    """One query, with what is left of the time before `deadline` (none left: unknown, unasked)."""
    left = deadline - time.monotonic()
    if left <= 0:
        return z3.unknown
    s.set("timeout", max(1, int(left * 1000)))
    return s.check(*assumptions)


def _fail(check: str, r: z3.CheckSatResult, s: z3.Solver, what: str, start: float, timeout: float) -> Verdict:
    seconds = time.monotonic() - start
    if r == z3.unknown:
        why = s.reason_unknown()
        if why in ("timeout", "canceled", "") or seconds >= timeout:
            why = f"out of time: the checks of one certificate share {timeout:g} s"
        return Verdict(False, check, f"the solver gave up ({why})", seconds)
    return Verdict(False, check, what, seconds)


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

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
small reader below (`smt2_body`) before Z3 sees any of it: an optional set-logic, declarations of
the spec's state variables with their sorts, and one assertion over them (let allowed, nested at
most MAX_DEPTH deep), nothing else. Z3 gets only what that reader accepted, in a fresh context
per check; the checks of one certificate share its time.
"""

from __future__ import annotations

import bisect
import errno
import functools
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
MAX_NESTING = 100_000  # parentheses open at once (a let chain nests: the bundled maximum is 32,188)
MAX_DEPTH = 10_000  # the assertion's term depth, let-bound names standing for their terms
MAX_INDEX = 1024  # an index of (_ f i ...), a bit-vector width or literal's width
LOGICS = ("QF_BV", "ALL")

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


# ---- the SMT-LIB reader ---------------------------------------------------------------------------
#
# A certificate is untrusted input, and Z3's parser executes what it reads (an include reads a
# file, set-option changes process-wide settings). So the body is read here first, into the few
# commands a certificate needs, and Z3 is given only what this reader accepted: the declarations
# written anew, the assertion's own text with its comments blanked out.

_SYMBOL_CHARS = r"A-Za-z0-9~!@$%^&*_\-+=<>.?/"
_TOKEN = re.compile(
    r"[ \t\r\n]*(?:"
    r"(?P<open>\()|(?P<close>\))"
    r"|(?P<comment>;[^\n]*)"
    r"|(?P<string>\"(?:[^\"]|\"\")*\")"
    r"|(?P<quoted>\|[\x20-\x5b\x5d-\x7b\x7d\x7e\t\r\n]*\|)"
    r"|(?P<keyword>:[" + _SYMBOL_CHARS + r"]+)"
    r"|(?P<hex>#x[0-9A-Fa-f]+)|(?P<bin>#b[01]+)"
    r"|(?P<decimal>(?:0|[1-9][0-9]*)\.[0-9]+)|(?P<numeral>0|[1-9][0-9]*)"
    r"|(?P<symbol>[" + _SYMBOL_CHARS.replace("0-9", "") + r"][" + _SYMBOL_CHARS + r"]*)"
    r"|(?P<end>\Z)|(?P<bad>.))",
    re.S,
)
_DELIMITER = frozenset(" \t\r\n();")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The functions of the core, bit-vector and integer theories: what Z3 writes for either encoding.
_THEORIES = (
    "not and or xor => = distinct ite",
    "concat bvnot bvneg bvand bvor bvxor bvnand bvnor bvxnor bvcomp bvadd bvsub bvmul bvudiv bvurem",
    "bvsdiv bvsrem bvsmod bvshl bvlshr bvashr bvult bvule bvugt bvuge bvslt bvsle bvsgt bvsge",
    "bvudiv_i bvurem_i bvsdiv_i bvsrem_i bvsmod_i",  # Z3's names for division it knows is by non-zero
    "+ - * div mod abs <= < >= >",
)
FUNCTIONS = frozenset(name for names in _THEORIES for name in names.split())
INDEXED = frozenset(("extract", "zero_extend", "sign_extend", "repeat", "rotate_left", "rotate_right"))
_BV_CONSTANT = re.compile(r"bv(?:0|[1-9][0-9]*)")
_FORBIDDEN = {
    "!": "an annotation (! ...)",
    "forall": "a quantifier",
    "exists": "a quantifier",
    "lambda": "a lambda",
    "match": "a match",
    "as": "a qualified identifier (as ...)",
    "par": "a parametric term",
}


@dataclass(slots=True)
class _Tok:
    kind: str
    text: str
    pos: int
    end: int

    @property
    def name(self) -> str:
        """A symbol's name: |x| and x are the same symbol."""
        return self.text[1:-1] if self.kind == "quoted" else self.text

    @property
    def is_symbol(self) -> bool:
        return self.kind in ("symbol", "quoted")


@dataclass(slots=True)
class _Frame:
    """An open parenthesis of the assertion: what it is, how many of its parts have been read, and
    the deepest term below it so far."""

    kind: str  # open | app | index | head | head-index | let | binds | body | bind
    pos: int
    n: int = 0
    depth: int = 0
    name: str = ""  # a binding's name
    binds: dict[str, int] | None = None  # a let's names and the depths of their terms


class _Reader:
    """A small S-expression reader over the tokens of a certificate body. It is iterative, so no
    input exhausts the stack, and keeps only the open parentheses and the let-bound names, so its
    memory does not grow with the size of the assertion."""

    def __init__(self, text: str, sorts: tuple[tuple[str, str], ...]):
        self.text = text
        self.sorts = dict(sorts)
        self.comments: list[tuple[int, int]] = []
        self.tokens = self._tokens()
        self.declared: set[str] = set()
        self.bound: dict[str, list[int]] = {}  # let-bound name -> the depths of its terms, innermost last

    def error(self, pos: int, message: str) -> CertificateError:
        line = self.text.count("\n", 0, pos) + 1
        col = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return CertificateError(f"line {line}, column {col}: {message}")

    def _tokens(self) -> Iterator[_Tok]:
        text = self.text
        bad = _CONTROL.search(text)
        if bad is not None:
            raise self.error(bad.start(), f"a control character (code {ord(bad.group())})")
        for m in _TOKEN.finditer(text):
            kind = m.lastgroup or "bad"
            start, end = m.start(kind), m.end()
            if kind == "end":
                return
            if kind == "comment":
                self.comments.append((start, end))
                continue
            if kind == "bad":
                ch = m.group(kind)
                what = "an unterminated |quoted symbol| or string" if ch in '|"' else f"unexpected character {ch!r}"
                raise self.error(start, what)
            if kind not in ("open", "close", "quoted", "string") and end < len(text) and text[end] not in _DELIMITER:
                raise self.error(end, f"unexpected {text[end]!r} after '{m.group(kind)[:40]}'")
            yield _Tok(kind, m.group(kind), start, end)

    def next(self, what: str) -> _Tok:
        t = next(self.tokens, None)
        if t is None:
            raise self.error(len(self.text), f"the text ends where {what} should be")
        return t

    def expect(self, kind: str, what: str) -> _Tok:
        t = self.next(what)
        if t.kind != kind and not (kind == "symbol" and t.kind == "quoted"):
            raise self.error(t.pos, f"expected {what}, found '{t.text[:40]}'")
        return t

    def read(self) -> str:
        """The text for Z3: the set-logic, the declarations and the assertion, as read."""
        out: list[str] = []
        asserted = started = False
        for t in self.tokens:
            if t.kind != "open":
                raise self.error(t.pos, f"expected a command '(...)', found '{t.text[:40]}'")
            if asserted:
                raise self.error(t.pos, "a command after the assertion (a certificate has one assert, last)")
            head = self.next("a command")
            cmd = head.name if head.is_symbol else head.text
            if cmd == "set-logic":
                logic = self.expect("symbol", "a logic")
                if started or logic.name not in LOGICS:
                    why = "set-logic comes first" if started else f"the logic is {' or '.join(LOGICS)}"
                    raise self.error(logic.pos, why)
                self.expect("close", "')'")
                out.append(f"(set-logic {logic.name})")
            elif cmd == "set-info":  # what Z3 writes; not passed on
                key = self.expect("keyword", "':status'")
                value = self.expect("symbol", "sat, unsat or unknown")
                if key.text != ":status" or value.name not in ("sat", "unsat", "unknown"):
                    raise self.error(key.pos, "set-info is allowed only as (set-info :status sat|unsat|unknown)")
                self.expect("close", "')'")
            elif cmd in ("declare-fun", "declare-const"):
                out.append(self.declaration(cmd))
            elif cmd == "assert":
                start, end = self.term(self.next("a term"))
                self.expect("close", "')' after the assertion")
                out.append(f"(assert {self.blank_comments(start, end)})")
                asserted = True
            else:
                raise self.error(
                    head.pos,
                    f"'{cmd[:40]}' is not allowed in a certificate"
                    " (only set-logic, declare-fun, declare-const and one assert)",
                )
            started = True
        if not asserted:
            raise CertificateError("the certificate asserts nothing")
        return "\n".join(out) + "\n"

    def blank_comments(self, start: int, end: int) -> str:
        """The text from `start` to `end` with each comment in it a line break."""
        i = bisect.bisect_left(self.comments, (start, start))
        parts: list[str] = []
        at = start
        while i < len(self.comments) and self.comments[i][0] < end:
            cs, ce = self.comments[i]
            parts.append(self.text[at:cs])
            parts.append("\n")
            at = ce
            i += 1
        parts.append(self.text[at:end])
        return "".join(parts)

    def declaration(self, cmd: str) -> str:
        name = self.expect("symbol", "a name")
        if cmd == "declare-fun":
            self.expect("open", "'()'")
            self.expect("close", "'()': a certificate declares constants only")
        sort = self.sort()
        self.expect("close", "')'")
        want = self.sorts.get(name.name)
        if want is None:
            raise self.error(name.pos, f"it declares '{name.name[:80]}', which is not a state variable of the spec")
        if sort != want:
            raise self.error(name.pos, f"'{name.name}' is declared {sort}, but the state variable is {want}")
        if name.name in self.declared:
            raise self.error(name.pos, f"'{name.name}' is declared twice")
        self.declared.add(name.name)
        return f"(declare-fun {name.text} () {sort})"

    def sort(self) -> str:
        t = self.next("a sort")
        if t.kind == "symbol" and t.text in ("Bool", "Int"):
            return t.text
        if t.kind != "open":
            raise self.error(t.pos, f"the sort of a state variable is Bool, Int or (_ BitVec n), not '{t.text[:40]}'")
        for want in ("_", "BitVec"):
            s = self.expect("symbol", f"'{want}'")
            if s.text != want:
                raise self.error(s.pos, f"expected '{want}', found '{s.text[:40]}'")
        n = self.expect("numeral", "a width")
        self.expect("close", "')'")
        if len(n.text) > 6 or not 1 <= int(n.text) <= MAX_INDEX:
            raise self.error(n.pos, f"a bit-vector width is 1..{MAX_INDEX}")
        return f"(_ BitVec {n.text})"

    def term(self, first: _Tok) -> tuple[int, int]:
        """Read the term that starts with `first`; where its text starts and ends. Its depth (a
        let-bound name standing for its term's) is at most MAX_DEPTH, and at most MAX_NESTING
        parentheses are open at once."""
        stack: list[_Frame] = []
        t = first
        while True:
            done = self.step(stack, t)  # the depth of a term just completed, if one was
            while done is not None:
                if done > MAX_DEPTH:
                    raise self.error(t.pos, f"the assertion is nested more than {MAX_DEPTH} deep")
                if not stack:
                    return first.pos, t.end
                done = self.part(stack, done, t)
            t = self.next("the rest of the assertion")

    def push(self, stack: list[_Frame], kind: str, t: _Tok) -> None:
        if len(stack) >= MAX_NESTING:
            raise self.error(t.pos, f"more than {MAX_NESTING} parentheses open at once")
        stack.append(_Frame(kind, t.pos))

    def step(self, stack: list[_Frame], t: _Tok) -> int | None:
        """Read one token into the open frames; the depth of the term it completes, if it does."""
        top = stack[-1] if stack else None
        kind = top.kind if top is not None else ""
        if top is None or kind == "app" or (kind == "bind" and top.n == 1) or (kind == "body" and top.n == 0):
            # a term (or the end of an application's arguments)
            if t.kind == "open":
                self.push(stack, "open", t)
                return None
            if t.kind == "close":
                if kind == "app" and top is not None and top.n > 0:
                    stack.pop()
                    return top.depth + 1
                raise self.error(t.pos, "a function applied to nothing" if kind == "app" else "unexpected ')'")
            return self.atom(t)
        assert top is not None
        if kind == "open":  # the head of an application
            if t.kind == "open":  # ((_ extract 1 0) x)
                top.kind = "app"
                self.push(stack, "head", t)
                return None
            name = t.text if t.kind == "symbol" else None
            if name == "_":
                top.kind = "index"
            elif name == "let":
                top.kind = "let"
            elif name in _FORBIDDEN:
                raise self.error(t.pos, f"{_FORBIDDEN[name]} is not allowed in a certificate")
            elif t.is_symbol and t.name in FUNCTIONS:
                top.kind = "app"
            else:
                raise self.error(t.pos, f"'{t.text[:80]}' is not a function a certificate may apply")
            return None
        if kind == "head":  # the head of an application is (_ f i ...)
            if t.kind != "symbol" or t.text != "_":
                raise self.error(t.pos, f"expected '(_ f i ...)' as a function, found '{t.text[:40]}'")
            top.kind = "head-index"
            return None
        if kind in ("index", "head-index"):  # (_ f i ...) or (_ bvN w)
            if top.n == 0:
                if t.kind != "symbol" or (t.text not in INDEXED and _BV_CONSTANT.fullmatch(t.text) is None):
                    raise self.error(t.pos, f"'{t.text[:40]}' is not an indexed function a certificate may use")
                top.n = 1
                return None
            if t.kind == "numeral":
                if len(t.text) > 6 or int(t.text) > MAX_INDEX:
                    raise self.error(t.pos, f"an index larger than {MAX_INDEX}")
                top.n += 1
                return None
            if t.kind == "close" and top.n >= 2:
                stack.pop()
                return 1 if kind == "index" else None
            raise self.error(t.pos, f"malformed indexed identifier at '{t.text[:40]}'")
        if kind == "let":
            if t.kind != "open":
                raise self.error(t.pos, "expected the bindings of a let '((name term) ...)'")
            top.kind = "binds"
            top.binds = {}
            return None
        if kind == "binds":
            if t.kind == "open":
                self.push(stack, "bind", t)
                return None
            if t.kind == "close" and top.binds:
                top.kind = "body"
                for name, depth in top.binds.items():
                    self.bound.setdefault(name, []).append(depth)
                return None
            raise self.error(t.pos, "expected a binding '(name term)'")
        if kind == "bind":
            if top.n == 0:
                if not t.is_symbol or t.text in _FORBIDDEN or t.text == "_":
                    raise self.error(t.pos, f"expected a name to bind, found '{t.text[:40]}'")
                top.name = t.name
                top.n = 1
                return None
            if t.kind != "close":  # top.n == 2
                raise self.error(t.pos, "a binding has a name and one term")
            stack.pop()
            binds = stack[-1].binds
            assert binds is not None
            if top.name in binds:
                raise self.error(top.pos, f"'{top.name[:80]}' is bound twice in one let")
            binds[top.name] = top.depth
            return None
        # kind == "body", its term read: the let closes
        if t.kind != "close":
            raise self.error(t.pos, "a let has one body")
        stack.pop()
        for name in top.binds or {}:
            self.bound[name].pop()
        return top.depth

    def atom(self, t: _Tok) -> int:
        """A constant or a name in term position: its depth."""
        if t.is_symbol:
            depths = self.bound.get(t.name)
            if depths:
                return depths[-1]
            if t.name in self.declared or (t.kind == "symbol" and t.text in ("true", "false")):
                return 1
            raise self.error(t.pos, f"'{t.name[:80]}' is neither declared nor let-bound")
        if t.kind == "numeral":
            return 1
        if t.kind in ("hex", "bin"):
            if (len(t.text) - 2) * (4 if t.kind == "hex" else 1) > MAX_INDEX:
                raise self.error(t.pos, f"a bit-vector literal wider than {MAX_INDEX} bits")
            return 1
        what = {"keyword": "an attribute", "string": "a string", "decimal": "a decimal"}.get(t.kind, t.kind)
        raise self.error(t.pos, f"{what} is not allowed in the assertion: '{t.text[:40]}'")

    def part(self, stack: list[_Frame], depth: int, t: _Tok) -> None:
        """A term of `depth` completed inside the top frame: an argument, a binding's term, a body."""
        top = stack[-1]
        if top.kind == "app":
            top.n += 1
            top.depth = max(top.depth, depth)
        elif top.kind in ("bind", "body"):
            top.n = 2 if top.kind == "bind" else 1
            top.depth = depth
        else:
            raise self.error(t.pos, "a term where none belongs")
        return None


@functools.lru_cache(maxsize=2)  # the checks, the BDD step check and --show read the same body
def smt2_body(body: str, sorts: tuple[tuple[str, str], ...]) -> str:
    """Read a certificate's SMT-LIB body: an optional (set-logic QF_BV|ALL), (set-info :status ...),
    declarations of state variables (each name's sort as SMT-LIB text in `sorts`) and exactly one
    assert over them, let allowed. Returns the text Z3 may parse; raises CertificateError naming the
    line and column of anything else, before Z3 sees any of it."""
    return _Reader(body, sorts).read()


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
    shared by several properties needs base and step only once) on a fresh solver in a fresh Z3
    context; the first that fails is named. With `step` = bdd, the step check is done with BDDs
    (verifier/proof/bdd.py). The checks share `timeout` seconds: each query gets what is left."""
    from verifier.proof.bdd import step_check  # here: proof/bdd.py reads certificates with this module

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

"""The SMT-LIB reader of certificates: what Z3 may see of an untrusted file.

A certificate is untrusted input, and Z3's parser executes what it reads (an include reads a file,
set-option changes process-wide settings). So the body is read here first, into the few commands a
certificate needs, and Z3 is given only what this reader accepted: the declarations written anew,
the assertion's own text with its comments blanked out. It is iterative, so no input exhausts
the stack, and bounded: MAX_DEPTH, MAX_NESTING, MAX_INDEX.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_NESTING = 100_000  # parentheses open at once (a let chain nests: the bundled maximum is 32,188)
MAX_DEPTH = 10_000  # the assertion's term depth, let-bound names standing for their terms
MAX_INDEX = 1024  # an index of (_ f i ...), a bit-vector width or literal's width
LOGICS = ("QF_BV", "ALL")


class Rejected(Exception):
    """A certificate body the reader does not accept; the message names the line and column."""


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

    def error(self, pos: int, message: str) -> Rejected:
        line = self.text.count("\n", 0, pos) + 1
        col = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return Rejected(f"line {line}, column {col}: {message}")

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
            raise Rejected("the certificate asserts nothing")
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
def read_body(body: str, sorts: tuple[tuple[str, str], ...]) -> str:
    """Read a certificate's SMT-LIB body: an optional (set-logic QF_BV|ALL), (set-info :status ...),
    declarations of state variables (each name's sort as SMT-LIB text in `sorts`) and exactly one
    assert over them, let allowed. Returns the text Z3 may parse; raises Rejected naming the
    line and column of anything else, before Z3 sees any of it."""
    return _Reader(body, sorts).read()

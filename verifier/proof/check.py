"""Writing certificates where the user asked, and `irqverify check-proof`: re-check them all.

Re-checking lowers the spec named in each certificate again and runs the three checks of
verifier/proof/certificate.py on a fresh solver. It imports no engine. A liveness property's
certificate is an invariant of its liveness-to-safety system (verifier/ir/l2s.py) or, when its
header bounds the rounds, of its k-liveness system (verifier/ir/klive.py), rebuilt from the spec
the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import IO

import z3

from verifier.diagnostics import SpecError
from verifier.ir.klive import k_liveness
from verifier.ir.l2s import is_liveness, liveness_to_safety
from verifier.ir.lower import LoweringError, lower
from verifier.ir.model import TransitionSystem
from verifier.proof.certificate import (
    CHECKS,
    CertificateError,
    Invariant,
    check_invariant,
    header_for,
    is_certificate,
    parse_invariant,
    path_for,
    read,
    render,
    spec_hash,
)
from verifier.sema.check import check
from verifier.smt.encode import Encoding
from verifier.syntax.load import load

READABLE_LIMIT = 20_000  # larger invariants (a reachable-state diagram) get no readable comment


def lower_spec(path: str, variant: str, overrides: dict[str, int]) -> TransitionSystem:
    """The transition system of one variant; raises CertificateError if the spec no longer has it."""
    try:
        spec = check(load(path), overrides)
    except SpecError as e:
        first = e.diagnostics[0].message if e.diagnostics else "error"
        raise CertificateError(f"the spec does not check: {first}", "stale") from None
    if variant not in [v.name for v in spec.variants]:
        raise CertificateError(f"the spec has no variant '{variant}'", "stale")
    try:
        return lower(spec, variant)
    except LoweringError as e:
        raise CertificateError(f"cannot lower variant '{variant}': {e}", "stale") from None


def proof_system(ts: TransitionSystem, prop: str, rounds: int | None = None) -> tuple[TransitionSystem, str]:
    """The system and invariant a certificate of `prop` is about: `ts` and `prop` itself for a
    safety property; for a liveness property, its k-liveness system when the certificate bounds
    the rounds (verifier/ir/klive.py), else its liveness-to-safety system."""
    if is_liveness(ts, prop):
        return k_liveness(ts, prop, rounds) if rounds is not None else liveness_to_safety(ts, prop)
    if rounds is not None:
        raise CertificateError(f"'{prop}' is a safety property: a bound on rounds means nothing for it")
    return ts, prop


def write_certificate(
    root: str,
    spec: str,
    variant: str,
    prop: str,
    engine: str,
    inv: object,
    overrides: dict[str, int] | None = None,
    ts: TransitionSystem | None = None,
) -> Path:
    """Write the certificate of one PROVED cell; refuses to replace a file that is not a certificate.
    `ts`: the variant's transition system, if the caller has it (for the readable comment)."""
    if not isinstance(inv, Invariant):
        raise CertificateError(f"{spec} [{variant}] {prop}: no invariant to write")
    target = path_for(root, spec, variant, prop)
    if target.exists() and not is_certificate(target):
        raise CertificateError(f"{target} exists and is not a certificate: left alone, certificate not written")
    header = header_for(spec, variant, prop, engine, inv, overrides)
    shown = ""
    if len(inv.smt2) <= READABLE_LIMIT:
        system, _ = proof_system(ts or lower_spec(spec, variant, overrides or {}), prop, inv.rounds)
        shown = readable(system, inv.smt2, inv.mode)
    text = render(header, inv, shown)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# ---- check-proof ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Checked:
    path: Path
    ok: bool
    check: str  # the failing check: format | stale | base | step | property
    message: str
    engine: str = ""
    k: int = 0
    seconds: float = 0.0
    readable: str = ""


def certificate_files(paths: Sequence[str]) -> Iterator[Path]:
    """Every .smt2 file under each path (a file is taken as it is), sorted."""
    for p in paths:
        root = Path(p)
        if root.is_dir():
            yield from sorted(root.rglob("*.smt2"))
        else:
            yield root


def check_file(path: Path, timeout: float = 600.0, show: bool = False, checks: Sequence[str] = CHECKS) -> Checked:
    """Re-check one certificate: stale first (hash of the spec), then base, step, property (or
    only those of `checks`)."""
    try:
        header, body = read(path)
    except CertificateError as e:
        return Checked(path, False, e.check, str(e))
    try:
        if not Path(header.spec).is_file():
            raise CertificateError(f"its spec {header.spec} does not exist", "stale")
        try:
            now = spec_hash(header.spec, header.overrides)
        except SpecError as e:
            raise CertificateError(f"its spec cannot be read: {e.diagnostics[0].message}", "stale") from None
        if now != header.spec_hash:
            raise CertificateError(f"its spec {header.spec} (or an include, or the prelude) changed since", "stale")
        ts = lower_spec(header.spec, header.variant, header.overrides)
        ts, prop = proof_system(ts, header.property, header.rounds)
        verdict = check_invariant(ts, prop, body, header.k, header.encoding, timeout, checks, header.step)
        text = readable(ts, body, header.encoding) if show else ""
    except CertificateError as e:
        return Checked(path, False, e.check, str(e), header.engine, header.k)
    return Checked(path, verdict.ok, verdict.check, verdict.message, header.engine, header.k, verdict.seconds, text)


def check_group(paths: Sequence[Path], timeout: float = 600.0, show: bool = False) -> list[Checked]:
    """Re-check certificates with one text for one system (one reachable set proves several
    safety properties of a variant): base and step once, then the property of each. A liveness
    property's certificate is about its own liveness-to-safety system: checked in full."""
    first = check_file(paths[0], timeout, show)
    out = [first]
    shared = first.ok and len(paths) > 1 and all(_safety(p) for p in paths)
    for p in paths[1:]:
        out.append(check_file(p, timeout, show, ("property",) if shared else CHECKS))
    return out


def _safety(path: Path) -> bool:
    try:
        header, _ = read(path)
        return not is_liveness(lower_spec(header.spec, header.variant, header.overrides), header.property)
    except CertificateError:
        return False


def _groups(files: Sequence[Path]) -> list[list[Path]]:
    """`files` grouped by what their base and step checks depend on, in order of first appearance."""
    groups: dict[object, list[Path]] = {}
    for f in files:
        try:
            h, body = read(f)
            overrides = str(sorted(h.overrides.items()))
            key: object = (h.spec, h.spec_hash, h.variant, overrides, h.k, h.encoding, h.step, body)
        except CertificateError:
            key = f
        groups.setdefault(key, []).append(f)
    return list(groups.values())


def check_files(
    paths: Sequence[str], out: IO[str], timeout: float = 600.0, show: bool = False, jobs: int = 1
) -> tuple[int, int]:
    """Check every certificate under `paths`, one line each, in order; (how many, how many failed).
    With `jobs` > 1, that many worker processes check groups of certificates side by side."""
    files = list(certificate_files(paths))
    # the largest first, so that the longest check does not start last and hold the others up
    groups = sorted(_groups(files), key=lambda g: -sum(p.stat().st_size for p in g if p.is_file()))
    with ExitStack() as stack:
        results: Iterator[list[Checked]]
        if jobs > 1 and len(groups) > 1:
            ctx = get_context("spawn")
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=min(jobs, len(groups)), mp_context=ctx))
            results = pool.map(check_group, groups, [timeout] * len(groups), [show] * len(groups))
        else:
            results = (check_group(g, timeout, show) for g in groups)
        found: dict[Path, Checked] = {}
        shown = failed = 0
        for cs in results:  # print in file order, each file as soon as it and those before it are done
            found.update((c.path, c) for c in cs)
            while shown < len(files) and files[shown] in found:
                failed += not _print(found[files[shown]], out, show)
                shown += 1
    return len(files), failed


def _print(c: Checked, out: IO[str], show: bool) -> bool:
    if c.ok:
        print(f"ok      {c.path}  ({c.engine}, k={c.k}, {c.seconds:.1f}s)", file=out)
    else:
        label = "STALE" if c.check == "stale" else "INVALID"
        print(f"{label:<7} {c.path}: {c.check}: {c.message}", file=out)
    if show and c.readable:
        for line in c.readable.splitlines():
            print(f"          {line}", file=out)
    return c.ok


# ---- the invariant in the spec's names ---------------------------------------------------------------


def readable(ts: TransitionSystem, body: str, mode: str = "bv") -> str:
    """The invariant's conjuncts, one a line, over the spec's names: program counters as the
    statement a thread is at, enum members and pool slots by name, sets as {..}."""
    enc = Encoding(ts, mode)
    try:
        inv = parse_invariant(enc, body, enc.cur)
    except CertificateError as e:
        return f"(unreadable: {e})"
    names = {x.get_id(): i for i, x in enumerate(enc.cur)}
    parts = list(inv.children()) if z3.is_and(inv) else [inv]
    lines = [_show(p, ts, names, enc) for p in parts]
    return "\n".join(sorted(set(lines), key=lines.index))


def _show(e: z3.ExprRef, ts: TransitionSystem, names: dict[int, int], enc: Encoding, top: bool = True) -> str:
    rec = lambda x: _show(x, ts, names, enc, False)  # noqa: E731
    if z3.is_app(e) and e.get_id() in names:
        return ts.vars[names[e.get_id()]].name
    if z3.is_true(e):
        return "true"
    if z3.is_false(e):
        return "false"
    if z3.is_not(e):
        inner = e.arg(0)
        if z3.is_and(inner):
            return "!(" + " && ".join(rec(x) for x in inner.children()) + ")"
        if z3.is_eq(inner):
            return _eq(inner, ts, names, enc, "!=")
        return "!" + _paren(rec(inner), inner)
    if z3.is_and(e):
        s = " && ".join(_paren(rec(x), x) for x in e.children())
        return s if top else f"({s})"
    if z3.is_or(e):
        s = " || ".join(_paren(rec(x), x) for x in e.children())
        return s if top else f"({s})"
    if z3.is_implies(e):
        return f"{_paren(rec(e.arg(0)), e.arg(0))} ==> {_paren(rec(e.arg(1)), e.arg(1))}"
    if z3.is_eq(e):
        return _eq(e, ts, names, enc, "==")
    if z3.is_bv_value(e):
        return str(e.as_signed_long())
    return str(e).replace("\n", " ")


def _paren(s: str, e: z3.ExprRef) -> str:
    return f"({s})" if (z3.is_or(e) or z3.is_implies(e)) else s


def _eq(e: z3.ExprRef, ts: TransitionSystem, names: dict[int, int], enc: Encoding, op: str) -> str:
    a, b = e.arg(0), e.arg(1)
    if b.get_id() in names and a.get_id() not in names:
        a, b = b, a
    if a.get_id() in names and (z3.is_bv_value(b) or z3.is_int_value(b) or z3.is_true(b) or z3.is_false(b)):
        i = names[a.get_id()]
        v = ts.vars[i]
        if z3.is_true(b) or z3.is_false(b):
            val: int | bool = z3.is_true(b)
        elif v.sort.kind == "set" or z3.is_int_value(b):
            val = b.as_long()
        else:
            val = b.as_signed_long()
        owner = v.owner
        if owner is not None and ts.threads[owner].pc == i and ts.threads[owner].pc_names:
            pcs = ts.threads[owner].pc_names
            shown = pcs[int(val)] if 0 <= int(val) < len(pcs) else str(val)
            return f"{v.name} {op} {shown}"
        return f"{v.name} {op} {v.display.show(v.sort, val)}"
    return f"{_show(a, ts, names, enc, False)} {op} {_show(b, ts, names, enc, False)}"

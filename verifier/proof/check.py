"""Writing certificates where the user asked, and `irqverify check-proof`: re-check them all.

Re-checking lowers the spec named in each certificate again and runs the three checks of
verifier/proof/certificate.py on a fresh solver. It imports no engine. A liveness property's
certificate is an invariant of its liveness-to-safety system (verifier/ir/l2s.py) or, when its
header bounds the rounds, of its k-liveness system (verifier/ir/klive.py), rebuilt from the spec
the same way.

Where a certificate lies says what it is about: `<proof-dir>/<spec-stem>/<variant>/<property>.smt2`
must match its header, and the header's spec is a relative path, resolved against the directory
above the proof directory (the repository root for proofs/), that must stay inside it (symbolic
links resolved) and outside the proof directory. Anything that goes wrong while checking one file
makes that file INVALID; the run goes on to the others and prints its summary.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path, PurePosixPath
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
    Header,
    Invariant,
    check_invariant,
    header_for,
    is_certificate,
    parse_invariant,
    path_for,
    read,
    render,
    spec_hash,
    subterms,
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
    import dataclasses
    import os

    from verifier.output import OutputDir, OutputError

    if not isinstance(inv, Invariant):
        raise CertificateError(f"{spec} [{variant}] {prop}: no invariant to write")
    # the header names the spec from the proof directory's parent (the repository for proofs/), so
    # that the certificates stay valid wherever the repository is checked out or run from
    base = Path(os.path.abspath(root)).parent
    try:
        named = Path(os.path.abspath(spec)).relative_to(base).as_posix()
    except ValueError:
        try:
            named = Path(spec).resolve().relative_to(Path(root).resolve().parent).as_posix()
        except ValueError:
            raise CertificateError(
                f"{spec} is not under {base}, where the certificates under {root} name their specs from:"
                " certificate not written"
            ) from None
    header = dataclasses.replace(header_for(spec, variant, prop, engine, inv, overrides), spec=named)
    shown = ""
    if len(inv.smt2) <= READABLE_LIMIT:
        system, _ = proof_system(ts or lower_spec(spec, variant, overrides or {}), prop, inv.rounds)
        shown = readable(system, inv.smt2, inv.mode)
    text = render(header, inv, shown)
    relative = path_for(root, spec, variant, prop).relative_to(Path(root))
    try:
        return OutputDir(root).write(relative, text, is_certificate)
    except OutputError as e:
        raise CertificateError(str(e)) from None


# ---- check-proof ---------------------------------------------------------------------------------

PLACE = "<proof-dir>/<spec-stem>/<variant>/<property>.smt2"


@dataclass(frozen=True, slots=True)
class Checked:
    path: Path
    ok: bool
    check: str  # the failing check: format | place | stale | base | step | property | internal
    message: str
    engine: str = ""
    k: int = 0
    seconds: float = 0.0
    readable: str = ""


def spec_for_header(root: str | Path, spec_path: str | Path) -> str:
    """What a certificate under the proof directory `root` says its spec is: the spec's path
    relative to the parent of `root` (the base directory check-proof resolves it against), with
    '/' between parts. Raises CertificateError if the spec is not under that directory."""
    base = Path(os.path.abspath(root)).parent
    spec = Path(os.path.abspath(spec_path))
    try:
        rel = spec.relative_to(base)
    except ValueError:
        try:  # the same place reached through a symbolic link
            rel = spec.resolve().relative_to(base.resolve())
        except (ValueError, OSError, RuntimeError):
            raise CertificateError(
                f"the spec {spec_path} is not under {base}, the directory above the proof directory {root}: "
                "a certificate names its spec relative to it"
            ) from None
    return rel.as_posix()


def _place(path: Path) -> tuple[Path, str, str, str]:
    """The proof directory a certificate file is in, and the spec stem, variant and property its
    place names: <proof-dir>/<spec-stem>/<variant>/<property>.smt2."""
    p = Path(os.path.abspath(path))
    if p.suffix != ".smt2" or len(p.parents) < 4:
        raise CertificateError(f"not at {PLACE}", "place")
    return p.parents[2], p.parents[1].name, p.parent.name, p.name[: -len(".smt2")]


def spec_of(path: Path, header: Header) -> Path:
    """The spec a certificate is about, resolved; raises CertificateError unless the file's place
    names the header's cell and the header's spec is a relative path without '..' that stays, with
    symbolic links resolved, inside the base directory (the parent of the proof directory) and
    outside the proof directory itself."""
    root, stem, variant, prop = _place(path)
    named = PurePosixPath(header.spec)
    cell = f"{named.stem}/{header.variant}/{header.property}"
    if (stem, variant, prop) != (named.stem, header.variant, header.property):
        raise CertificateError(f"its place names {stem}/{variant}/{prop}, but its header is about {cell}", "place")
    base = root.parent
    if not header.spec or named.is_absolute() or "\\" in header.spec or ".." in named.parts:
        raise CertificateError(
            f"its spec {header.spec!r} is not a relative path without '..' (from {base}, above the proof directory)",
            "place",
        )
    try:
        spec = (base / named).resolve(strict=True)
        inside = spec.is_relative_to(base.resolve(strict=True))
        in_proofs = spec.is_relative_to(root.resolve(strict=True))
    except (OSError, RuntimeError, ValueError):
        raise CertificateError(f"its spec {header.spec} does not exist under {base}", "stale") from None
    if not inside:
        raise CertificateError(f"its spec {header.spec} leaves {base} (through a symbolic link)", "place")
    if in_proofs:
        raise CertificateError(f"its spec {header.spec} is inside the proof directory {root}", "place")
    if not spec.is_file():
        raise CertificateError(f"its spec {header.spec} is not a regular file", "stale")
    return spec


def certificate_files(paths: Sequence[str]) -> list[tuple[Path, str]]:
    """Every .smt2 file under each path (a file is taken as it is), sorted, with why it is out of
    place ('' if it is not). Symbolic links to directories are not followed. Under a directory,
    certificates are 3 levels down (it is a proof directory), or all 2 or all 1 (it is a spec's or
    a variant's folder in one); a file at another depth is out of place."""
    out: dict[str, tuple[Path, str]] = {}
    for p in paths:
        if not os.path.isdir(p):
            out.setdefault(os.path.abspath(p), (Path(p), ""))
            continue
        found: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
            dirnames.sort()
            found.extend(Path(dirpath, name) for name in filenames if name.endswith(".smt2"))
        depth = {f: len(f.relative_to(p).parts) for f in found}
        level = 3 if any(d >= 3 for d in depth.values()) else max(depth.values(), default=3)
        for f in sorted(found):
            why = "" if depth[f] == level else f"not at {PLACE}: {depth[f]} levels below {p}, the others {level}"
            out.setdefault(os.path.abspath(f), (f, why))
    return list(out.values())


def check_file(path: Path, timeout: float = 600.0, show: bool = False, checks: Sequence[str] = CHECKS) -> Checked:
    """Re-check one certificate: its place and its spec's first, then stale (hash of the spec),
    then base, step, property (or only those of `checks`), sharing `timeout` seconds. Whatever goes
    wrong makes this file INVALID, not the run."""
    try:
        return _check_file(path, timeout, show, checks)
    except Exception as e:  # a bug, or a resource running out: this file fails, the others go on
        return _internal(path, e)


def _check_file(path: Path, timeout: float, show: bool, checks: Sequence[str]) -> Checked:
    try:
        header, body = read(path)
    except CertificateError as e:
        return Checked(path, False, e.check, str(e))
    try:
        spec = str(spec_of(path, header))
        try:
            now = spec_hash(spec, header.overrides)
        except SpecError as e:
            raise CertificateError(f"its spec cannot be read: {e.diagnostics[0].message}", "stale") from None
        if now != header.spec_hash:
            raise CertificateError(f"its spec {header.spec} (or an include, or the prelude) changed since", "stale")
        ts = lower_spec(spec, header.variant, header.overrides)
        ts, prop = proof_system(ts, header.property, header.rounds)
        verdict = check_invariant(ts, prop, body, header.k, header.encoding, timeout, checks, header.step)
        text = readable(ts, body, header.encoding) if show else ""
    except CertificateError as e:
        return Checked(path, False, e.check, str(e), header.engine, header.k)
    return Checked(path, verdict.ok, verdict.check, verdict.message, header.engine, header.k, verdict.seconds, text)


def _internal(path: Path, e: BaseException) -> Checked:
    return Checked(path, False, "internal", f"internal error while checking: {type(e).__name__}: {str(e)[:300]}")


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
        spec = str(spec_of(path, header))
        return not is_liveness(lower_spec(spec, header.variant, header.overrides), header.property)
    except Exception:  # not known to be safety: checked in full
        return False


def _groups(files: Sequence[Path]) -> list[list[Path]]:
    """`files` grouped by what their base and step checks depend on, in order of first appearance."""
    groups: dict[object, list[Path]] = {}
    for f in files:
        try:
            h, body = read(f)
            spec = spec_of(f, h)
            overrides = str(sorted(h.overrides.items()))
            digest = hashlib.sha256(body.encode("utf-8")).hexdigest()  # comments too: they could hide text
            key: object = (str(spec), h.spec_hash, h.variant, overrides, h.k, h.encoding, h.step, h.rounds, digest)
        except Exception:  # checked alone, where check_file says what is wrong
            key = f
        groups.setdefault(key, []).append(f)
    return list(groups.values())


def _size(paths: Sequence[Path]) -> int:
    total = 0
    for p in paths:
        with contextlib.suppress(OSError, ValueError):
            total += os.lstat(p).st_size
    return total


def check_files(
    paths: Sequence[str], out: IO[str], timeout: float = 600.0, show: bool = False, jobs: int = 1
) -> tuple[int, int]:
    """Check every certificate under `paths`, one line each, in order; (how many, how many failed).
    With `jobs` > 1, that many worker processes check groups of certificates side by side."""
    listed = certificate_files(paths)
    files = [f for f, _ in listed]
    found: dict[Path, Checked] = {f: Checked(f, False, "place", why) for f, why in listed if why}
    # the largest first, so that the longest check does not start last and hold the others up
    groups = sorted(_groups([f for f, why in listed if not why]), key=lambda g: -_size(g))
    results: Iterator[list[Checked]]
    if jobs > 1 and len(groups) > 1:
        results = _in_workers(groups, timeout, show, jobs)
    else:
        results = (check_group(g, timeout, show) for g in groups)
    shown = failed = 0
    try:
        while True:  # print in file order, each file as soon as it and those before it are done
            while shown < len(files) and files[shown] in found:
                failed += not _print(found[files[shown]], out, show)
                shown += 1
            cs = next(results, None)
            if cs is None:
                break
            found.update((c.path, c) for c in cs)
        for f in files[shown:]:  # none: every group answers for each of its files
            failed += not _print(found.get(f) or _internal(f, RuntimeError("no result")), out, show)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    return len(files), failed


def _in_workers(groups: list[list[Path]], timeout: float, show: bool, jobs: int) -> Iterator[list[Checked]]:
    """check_group on each group in worker processes, as they finish. A worker that dies (a crash
    in the solver, memory) breaks the pool: each group the pool still held is then checked again,
    one at a time in a single worker, so only a group that kills its worker fails."""
    ctx = get_context("spawn")
    retry: list[list[Path]] = []
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(groups)), mp_context=ctx)
    try:
        futures = {pool.submit(check_group, g, timeout, show): g for g in groups}
        for fut in as_completed(futures):
            try:
                yield fut.result()
            except BrokenProcessPool:
                retry.append(futures[fut])
            except Exception as e:
                yield [_internal(p, e) for p in futures[fut]]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    alone: ProcessPoolExecutor | None = None
    try:
        for g in retry:
            alone = alone or ProcessPoolExecutor(max_workers=1, mp_context=ctx)
            try:
                yield alone.submit(check_group, g, timeout, show).result()
            except BrokenProcessPool as e:  # this group kills its worker: the next gets a new one
                alone.shutdown(wait=True)
                alone = None
                yield [_internal(p, e) for p in g]
            except Exception as e:
                yield [_internal(p, e) for p in g]
    finally:
        if alone is not None:
            alone.shutdown(wait=True, cancel_futures=True)


def _line(s: str) -> str:
    """`s` on one line: a control character (in a file name, a solver's message) escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode() for ch in s)


def _print(c: Checked, out: IO[str], show: bool) -> bool:
    path = _line(str(c.path))
    if c.ok:
        print(f"ok      {path}  ({_line(c.engine)[:80]}, k={c.k}, {c.seconds:.1f}s)", file=out)
    elif c.check == "internal":
        print(f"INVALID {path}: {_line(c.message)}", file=out)
    else:
        label = "STALE" if c.check == "stale" else "INVALID"
        print(f"{label:<7} {path}: {c.check}: {_line(c.message)}", file=out)
    if show and c.readable:
        for line in c.readable.splitlines():
            print(f"          {_line(line)}", file=out)
    return c.ok


# ---- the invariant in the spec's names ---------------------------------------------------------------


SHOW_DEPTH = 100  # --show prints a conjunct nested deeper, or an atom larger, as "(too deep to show)"


class _TooDeep(Exception):
    pass


def readable(ts: TransitionSystem, body: str, mode: str = "bv") -> str:
    """The invariant's conjuncts, one a line, over the spec's names: program counters as the
    statement a thread is at, enum members and pool slots by name, sets as {..}. A conjunct nested
    more than SHOW_DEPTH deep is shown as "(too deep to show)": the printer recurses."""
    enc = Encoding(ts, mode)
    try:
        inv = parse_invariant(enc, body, enc.cur)
    except CertificateError as e:
        return f"(unreadable: {e})"
    names = {x.get_id(): i for i, x in enumerate(enc.cur)}
    parts = list(inv.children()) if z3.is_and(inv) else [inv]
    lines = []
    for p in parts:
        try:
            lines.append(_show(p, ts, names, enc))
        except _TooDeep:
            lines.append("(too deep to show)")
    return "\n".join(sorted(set(lines), key=lines.index))


def _show(
    e: z3.ExprRef, ts: TransitionSystem, names: dict[int, int], enc: Encoding, top: bool = True, depth: int = 0
) -> str:
    if depth > SHOW_DEPTH:
        raise _TooDeep
    rec = lambda x: _show(x, ts, names, enc, False, depth + 1)  # noqa: E731
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
        if z3.is_eq(inner) and inner.num_args() == 2:
            return _eq(inner, ts, names, enc, "!=", depth + 1)
        return "!" + _paren(rec(inner), inner)
    if z3.is_and(e):
        s = " && ".join(_paren(rec(x), x) for x in e.children())
        return s if top else f"({s})"
    if z3.is_or(e):
        s = " || ".join(_paren(rec(x), x) for x in e.children())
        return s if top else f"({s})"
    if z3.is_implies(e) and e.num_args() == 2:
        return f"{_paren(rec(e.arg(0)), e.arg(0))} ==> {_paren(rec(e.arg(1)), e.arg(1))}"
    if z3.is_eq(e) and e.num_args() == 2:
        return _eq(e, ts, names, enc, "==", depth)
    if z3.is_bv_value(e):
        return str(e.as_signed_long())
    if not _small(e):  # Z3's printer recurses too, and walks a shared subterm once per use
        raise _TooDeep
    return str(e).replace("\n", " ")


def _small(e: z3.ExprRef, limit: int = SHOW_DEPTH) -> bool:
    """Has `e` at most `limit` distinct subterms?"""
    return next(itertools.islice(subterms(e), limit, None), None) is None


def _paren(s: str, e: z3.ExprRef) -> str:
    return f"({s})" if (z3.is_or(e) or z3.is_implies(e)) else s


def _eq(e: z3.ExprRef, ts: TransitionSystem, names: dict[int, int], enc: Encoding, op: str, depth: int) -> str:
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
    return f"{_show(a, ts, names, enc, False, depth + 1)} {op} {_show(b, ts, names, enc, False, depth + 1)}"

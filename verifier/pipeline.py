"""The one place that chains the stages: text -> AST -> checked spec (-> IR -> engines, later)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from verifier.diagnostics import Diagnostic, SpecError
from verifier.sema import typed as T
from verifier.sema.check import check
from verifier.sema.types import state_bits
from verifier.syntax.load import load

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class SpecSummary:
    """What `irqverify check` prints for a spec that checked cleanly."""

    spec: T.CheckedSpec
    shared_bits: int
    thread_bits: int


def check_spec(path: str, overrides: dict[str, int] | None = None, text: str | None = None) -> T.CheckedSpec:
    """Parse, load includes and check the spec at `path`; raises SpecError."""
    return check(load(path, text), overrides)


def summarize(spec: T.CheckedSpec) -> SpecSummary:
    """State size in bits: shared variables and pools, and per thread its locals and program counter."""
    n = len(spec.instances)
    shared = sum(state_bits(g.type, n) for g in spec.globals)
    for pool in spec.pools:
        shared += pool.size * (1 + sum(state_bits(t, n) for _, t in pool.fields))
    per_template = {}
    for tmpl in spec.templates:
        locals_bits = sum(state_bits(t, n) for _, t in tmpl.locals)
        pcs = _count_stmts(tmpl.body) + 2
        per_template[tmpl.name] = locals_bits + max(1, (pcs - 1).bit_length())
    threads = sum(per_template[i.template] for i in spec.instances)
    return SpecSummary(spec, shared, threads)


def _count_stmts(body: tuple[T.TStmt, ...]) -> int:
    total = 0
    for s in body:
        total += 1
        match s:
            case T.If(_, then, orelse):
                total += _count_stmts(then) + _count_stmts(orelse)
            case T.While(_, b) | T.Foreach(_, _, _, _, b) | T.Inline(_, b):
                total += _count_stmts(b)
            case T.Either(branches):
                total += sum(_count_stmts(b) for b in branches)
            case T.Label(_, inner):
                total += _count_stmts((inner,))
    return total


def guarded(fn: Callable[[], R]) -> R:
    """Run a stage; a recursion overflow on absurdly nested input becomes an IRQ007 diagnostic."""
    try:
        return fn()
    except RecursionError:
        raise SpecError([Diagnostic("IRQ007", "the spec is nested too deeply to process", None)]) from None


__all__ = ["SpecError", "SpecSummary", "check_spec", "guarded", "summarize"]

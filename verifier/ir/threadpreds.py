"""Thread predicates: enabled(t), quiescent and at(t, label) (docs/language.md, 3.3).

They read other threads' guards, checks and program counters, which exist only once every thread's
steps are built. Lowering therefore leaves the placeholders below in the expressions it builds, and
a `Resolver`, made once all steps exist, replaces them by ordinary expressions before any engine
sees the transition system. Lowering imports this module, never the reverse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from verifier.ir.model import (
    FALSE,
    Action,
    Expr,
    Ref,
    Thread,
    children,
    const_int,
    mk_and,
    mk_eq,
    mk_not,
    mk_or,
    substitute,
)
from verifier.sema import typed as T


@dataclass(frozen=True, slots=True)
class EnabledPh(Expr):
    """enabled(thread), until resolved."""

    thread: Expr


@dataclass(frozen=True, slots=True)
class QuiescentPh(Expr):
    """quiescent, until resolved."""

    exclude: int | None  # the thread evaluating it (its own await does not count), None in a property


@dataclass(frozen=True, slots=True)
class AtPh(Expr):
    """at(thread, label), until resolved."""

    thread: Expr
    label: str


def is_placeholder(e: Expr) -> bool:
    return isinstance(e, EnabledPh | QuiescentPh | AtPh)


def has_placeholder(e: Expr) -> bool:
    """Does `e` still read a thread predicate (resolution is needed)?"""
    stack = [e]
    while stack:
        x = stack.pop()
        if is_placeholder(x):
            return True
        stack.extend(children(x))
    return False


def replace_placeholders(e: Expr, fn: Callable[[Expr], Expr], memo: dict[int, Expr]) -> Expr:
    """`e` with every placeholder p replaced by fn(p), folded again."""
    return substitute(e, lambda x: fn(x) if is_placeholder(x) else x, memo)


def at_labels(spec: T.CheckedSpec) -> dict[str, set[str]]:
    """The labels some at() names, per template (a label of a thread given by an expression, per
    template that has it): only these get a program counter of their own."""
    found: list[T.AtLabel] = []
    seen: set[int] = set()

    def walk(x: object) -> None:
        if id(x) in seen:
            return
        seen.add(id(x))
        if isinstance(x, T.AtLabel):
            found.append(x)
        if isinstance(x, T.TExpr | T.TStmt | T.Invariant | T.Property | T.ThreadTemplate | T.TFormula):
            for f in x.__dataclass_fields__:  # type: ignore[union-attr]
                walk(getattr(x, f))
        elif isinstance(x, tuple | list):
            for y in x:
                walk(y)

    walk(spec.templates)
    walk(spec.invariants)
    walk(spec.properties)
    out: dict[str, set[str]] = {}
    for a in found:
        t = a.thread
        if isinstance(t, T.Lit) and isinstance(t.value, int) and not isinstance(t.value, bool):
            out.setdefault(spec.instances[t.value].template, set()).add(a.label)
        else:
            for tm in spec.templates:
                out.setdefault(tm.name, set()).add(a.label)
    return out


def _action_exprs(a: Action) -> list[Expr]:
    return [
        a.guard,
        a.assume_fails,
        *(e for _, e in a.updates),
        *(e for _, e in a.faults),
        *(e for _, e in a.warnings),
    ]


class Resolver:
    """Replaces the placeholders, given every thread (in instance order) and, per thread, the
    program counter values of each label some at() names."""

    def __init__(self, threads: Sequence[Thread], label_pcs: dict[int, dict[str, list[int]]]):
        self.tids = [t.tid for t in threads]
        self.pc_vars = {t.tid: t.pc for t in threads}
        self.label_pcs = label_pcs
        self._enabled: dict[int, Expr] | None = None  # each thread's enabled, for the properties

    def value(self, p: Expr, enabled: dict[int, Expr]) -> Expr:
        """The value of placeholder `p` given each thread's `enabled` (docs/language.md, 3.3)."""
        if isinstance(p, QuiescentPh):
            return mk_and(*(mk_not(enabled[t]) for t in self.tids if t != p.exclude))
        if isinstance(p, EnabledPh):
            return mk_or(*(mk_and(mk_eq(p.thread, const_int(t)), enabled[t]) for t in self.tids))
        assert isinstance(p, AtPh)
        outs = []
        for t in self.tids:
            pcv = self.pc_vars[t]
            for pc in self.label_pcs.get(t, {}).get(p.label, []):
                outs.append(mk_and(mk_eq(p.thread, const_int(t)), mk_eq(Ref(pcv), const_int(pc))))
        return mk_or(*outs)

    def enabled(self, actions: Sequence[Action], fn: Callable[[Expr], Expr]) -> dict[int, Expr]:
        """Each thread's `enabled`: some step from its pc has a true guard and no failing check,
        with the placeholders in them replaced by `fn`."""
        by: dict[int, list[Expr]] = {t: [] for t in self.tids}
        memo: dict[int, Expr] = {}
        for a in actions:
            g = replace_placeholders(a.guard, fn, memo)
            bad = mk_or(*(replace_placeholders(c, fn, memo) for _, c in a.faults))
            by[a.thread].append(mk_and(mk_eq(Ref(self.pc_vars[a.thread]), const_int(a.src)), g, mk_not(bad)))
        return {t: mk_or(*xs) for t, xs in by.items()}

    def in_steps(self, actions: list[Action]) -> list[Action]:
        """Replace the thread predicates in the steps' guards, updates and checks. In a step of
        thread A, enabled(B) and quiescent read B's guards and checks with their own thread
        predicates taken as false: a guard never reads itself through another thread's await (no
        fixpoint: docs/language.md, 3.3)."""
        if not any(has_placeholder(x) for a in actions for x in _action_exprs(a)):
            return actions

        def cut(p: Expr) -> Expr:
            return self.value(p, {}) if isinstance(p, AtPh) else FALSE

        cut_enabled = self.enabled(actions, cut)
        memo: dict[int, Expr] = {}

        def sub(e: Expr) -> Expr:
            return replace_placeholders(e, lambda p: self.value(p, cut_enabled), memo)

        return [
            replace(
                a,
                guard=sub(a.guard),
                updates=tuple((v, sub(e)) for v, e in a.updates),
                faults=tuple((c, sub(e)) for c, e in a.faults),
                warnings=tuple((c, sub(e)) for c, e in a.warnings),
                assume_fails=sub(a.assume_fails),
                fault_origins=tuple((c, sub(e), o) for c, e, o in a.fault_origins),
            )
            for a in actions
        ]

    def in_property(self, e: Expr, actions: Sequence[Action]) -> Expr:
        """Replace the thread predicates in an invariant's or a property's predicate `e`, reading
        the final (already resolved) `actions`; their enabled is computed once, when first needed."""
        if not has_placeholder(e):
            return e
        if self._enabled is None:
            self._enabled = self.enabled(actions, lambda p: p)
        enabled = self._enabled
        return replace_placeholders(e, lambda p: self.value(p, enabled), {})

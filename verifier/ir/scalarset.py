"""Candidate symmetries of a lowered system: named range types used as interchangeable indices.

A spec that says `type fd_t = 0..N-1; thread irqfd(i: fd_t)` and keeps per-irqfd state in arrays
`[fd_t]...` usually treats the irqfds alike: renaming irqfd 0 to 1 and 1 to 0 everywhere (their
threads, their array elements, every variable holding an fd_t, a thread or a set of them) maps
each run to a run. This module only proposes such a renaming, from the declared types; whether
the system really is invariant under it is decided by engines/symmetry.py, over the IR, before
any search relies on it. A type used in a way the renaming cannot express (two parameters of the
type in one thread, arrays nested over it, an instance missing) proposes nothing.
"""

from __future__ import annotations

from verifier.ir.lower import Arr, Layout, Leaf, Rec, dom_lo
from verifier.ir.model import Scalarset
from verifier.sema import typed as T
from verifier.sema.types import ArrayT, IntT, ListT, OptionT, RecordT, SetT, ThreadT, Type, list_fields


class _Unsupported(Exception):
    pass


def candidates(
    spec: T.CheckedSpec,
    globals_: dict[str, Layout],
    pools: list[tuple[Arr, T.Pool]],
    locals_: dict[int, list[tuple[Layout, Type]]],
    owned: dict[int, list[int]],
) -> tuple[Scalarset, ...]:
    """One candidate per named range type that indexes a thread family (a template with one
    parameter of that type). `locals_`: each thread's local storage with its type; `owned`: each
    thread's variables (its pc and locals, in creation order)."""
    names = sorted(
        {t.name for tmpl in spec.templates for _, t in tmpl.params if isinstance(t, IntT) and t.name is not None}
    )
    out = []
    for name in names:
        try:
            c = _candidate(name, spec, globals_, pools, locals_, owned)
        except _Unsupported:
            continue
        if c is not None:
            out.append(c)
    return tuple(out)


def _candidate(
    name: str,
    spec: T.CheckedSpec,
    globals_: dict[str, Layout],
    pools: list[tuple[Arr, T.Pool]],
    locals_: dict[int, list[tuple[Layout, Type]]],
    owned: dict[int, list[int]],
) -> Scalarset | None:
    lo = hi = None
    families: list[tuple[int, ...]] = []
    by_template: dict[str, list[T.ThreadInstance]] = {}
    for inst in spec.instances:
        by_template.setdefault(inst.template, []).append(inst)
    for tmpl in spec.templates:
        where = [k for k, (_, t) in enumerate(tmpl.params) if isinstance(t, IntT) and t.name == name]
        if not where:
            continue
        if len(where) > 1:
            raise _Unsupported  # two parameters of the type: pairs, not a family
        k = where[0]
        t = tmpl.params[k][1]
        assert isinstance(t, IntT)
        lo, hi = t.lo, t.hi
        groups: dict[tuple[object, ...], dict[int, int]] = {}
        for inst in by_template.get(tmpl.name, []):
            rest = inst.args[:k] + inst.args[k + 1 :]
            groups.setdefault(rest, {})[int(inst.args[k])] = inst.tid
        for g in groups.values():
            if sorted(g) != list(range(t.lo, t.hi + 1)):
                raise _Unsupported  # some instance of the family is missing
            families.append(tuple(g[v] for v in range(t.lo, t.hi + 1)))
    if lo is None or hi is None or hi <= lo or not families:
        return None
    n = hi - lo + 1
    b = _Builder(name, lo, n, families)
    for g in spec.globals:
        b.walk(globals_[g.name], g.type)
    for slots, pool in pools:
        for slot in slots.items:
            assert isinstance(slot, Rec)
            for (_, layout), (_, ft) in zip(slot.fields, pool.fields, strict=True):
                b.walk(layout, ft)
    for tid, storages in locals_.items():
        for layout, t in storages:
            b.walk(layout, t, in_orbit=any(tid in f for f in families))
    for fam in families:
        lists = [owned.get(tid, []) for tid in fam]
        if len({len(x) for x in lists}) != 1:
            raise _Unsupported
        b.orbits.extend(zip(*lists, strict=True))
    return Scalarset(name, n, tuple(b.orbits), tuple(sorted(b.values.items())), tuple(families))


class _Builder:
    """Collects, over the typed layouts, the variables the renaming moves (orbits: element k's
    copy at position k) and those whose values it maps."""

    def __init__(self, name: str, lo: int, n: int, families: list[tuple[int, ...]]):
        self.name, self.lo, self.n, self.families = name, lo, n, families
        self.orbits: list[tuple[int, ...]] = []
        self.values: dict[int, tuple[tuple[int, ...], ...]] = {}

    def _mine(self, t: Type) -> bool:
        return isinstance(t, IntT) and t.name == self.name

    def walk(self, x: Layout, t: Type, in_orbit: bool = False) -> None:
        """Value maps for every leaf of `x` (of type `t`), and orbits for arrays over the type or
        over threads. `in_orbit`: `x` is a family thread's own storage (moved with its thread)."""
        match t:
            case ArrayT(key, value) if self._mine(key) or isinstance(key, ThreadT):
                assert isinstance(x, Arr)
                if in_orbit or _mentions_index(value, self.name):
                    raise _Unsupported  # nested renamings: not expressed
                # positions in x.items of element 0..n-1's item: one group for the type's own
                # index, one per family for an array over threads
                if self._mine(key):
                    groups = [tuple(self.lo + k - x.lo for k in range(self.n))]
                else:
                    groups = [tuple(tid - x.lo for tid in fam) for fam in self.families]
                for positions in groups:
                    leaves = [_leaves(x.items[p]) for p in positions]
                    self.orbits.extend(zip(*leaves, strict=True))
                for item in x.items:
                    self.walk(item, value)
            case ArrayT(_, value):
                assert isinstance(x, Arr)
                for item in x.items:
                    self.walk(item, value)
            case RecordT(_, _, fields):
                assert isinstance(x, Rec)
                for (_, layout), (_, ft) in zip(x.fields, fields, strict=True):
                    self.walk(layout, ft, in_orbit)
            case ListT(elem):
                assert isinstance(x, Rec)
                for (_, layout), (_, ft) in zip(x.fields, list_fields(elem), strict=True):
                    self.walk(layout, ft, in_orbit)
            case _:
                if not isinstance(x, Leaf):
                    raise _Unsupported
                groups = self._value_groups(t)
                if groups:
                    var = getattr(x.expr, "var", None)
                    if var is None:
                        raise _Unsupported
                    self.values[var] = groups

    def _value_groups(self, t: Type) -> tuple[tuple[int, ...], ...]:
        """For a scalar of type t: the values (ints) or bit positions (sets) the renaming permutes,
        each group in element order; () if it maps none."""
        inner = t.inner if isinstance(t, OptionT) else t
        if self._mine(inner):
            return (tuple(range(self.lo, self.lo + self.n)),)
        if isinstance(inner, ThreadT):
            return tuple(self.families)
        if isinstance(t, SetT):
            if self._mine(t.elem):
                base = dom_lo(t.elem)
                return (tuple(self.lo + k - base for k in range(self.n)),)
            if isinstance(t.elem, ThreadT):
                return tuple(self.families)
        return ()


def _mentions_index(t: Type, name: str) -> bool:
    """Does a value of type t contain an array over the type `name` or over threads?"""
    match t:
        case ArrayT(key, value):
            mine = isinstance(key, IntT) and key.name == name
            return mine or isinstance(key, ThreadT) or _mentions_index(value, name)
        case RecordT(_, _, fields):
            return any(_mentions_index(ft, name) for _, ft in fields)
        case ListT(elem):
            return (isinstance(elem, IntT) and elem.name == name) or isinstance(elem, ThreadT)
    return False


def _leaves(x: Layout) -> list[int]:
    if isinstance(x, Leaf):
        var = getattr(x.expr, "var", None)
        if var is None:
            raise _Unsupported
        return [var]
    if isinstance(x, Rec):
        return [v for _, f in x.fields for v in _leaves(f)]
    return [v for item in x.items for v in _leaves(item)]

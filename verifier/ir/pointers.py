"""Pointers into pools that can be freed (docs/language.md, dangling pointers).

Only a pool some `free` statement can free has pointers that can dangle: `freed_pools` finds
those pools, and `make_dangling` is what `free` does to every stored copy of the freed pointer. A
statement that compares such pointers, looks one up in a set or indexes an array with one is not
thread-local (another thread's `free` changes its answer), which `compares_pointers` tells the
step builder. Lowering imports this module, never the reverse.
"""

from __future__ import annotations

from collections.abc import Iterable

from verifier.ir.model import DANGLING, Expr, Ref, const_int, mk_and, mk_cmp, mk_eq, mk_ite
from verifier.sema import typed as T
from verifier.sema.types import OptionT, PoolT, Type


def frees(body: tuple[T.TStmt, ...]) -> bool:
    """Can running `body` (inlined procs included) free an object?"""
    for s in body:
        match s:
            case T.Free():
                return True
            case T.If(_, then, orelse):
                if frees(then) or frees(orelse):
                    return True
            case T.While(_, b) | T.Foreach(_, _, _, _, b) | T.Atomic(b) | T.Inline(_, b):
                if frees(b):
                    return True
            case T.Either(branches):
                if any(frees(b) for b in branches):
                    return True
            case T.Label(_, inner):
                if frees((inner,)):
                    return True
    return False


def pool_of(t: Type) -> str | None:
    """The pool a pointer type (`T` or `T?` of a pool `T`) points into; None for other types."""
    if isinstance(t, OptionT):
        t = t.inner
    return t.name if isinstance(t, PoolT) else None


def freed_pools(spec: T.CheckedSpec) -> frozenset[str]:
    """The pools some thread's code (inlined procs included) can `free` an object of."""
    out: set[str] = set()

    def stmts(body: tuple[T.TStmt, ...]) -> None:
        for s in body:
            match s:
                case T.Free(ref):
                    pool = pool_of(ref.type)
                    if pool is not None:
                        out.add(pool)
                case T.If(_, then, orelse):
                    stmts(then)
                    stmts(orelse)
                case T.While(_, body) | T.Foreach(_, _, _, _, body) | T.Atomic(body) | T.Inline(_, body):
                    stmts(body)
                case T.Either(branches):
                    for b in branches:
                        stmts(b)
                case T.Label(_, inner):
                    stmts((inner,))

    for tmpl in spec.templates:
        stmts((*tmpl.entry, *tmpl.body, *tmpl.exit))
    return frozenset(out)


def compares_pointers(e: T.TExpr | None, freeable: frozenset[str]) -> bool:
    """Does `e` compare a pointer into a pool that can be freed with another pointer, look one up
    in a set, or index an array with one? Another thread's `free` changes the answer (the pointer
    becomes dangling: equal to other dangling ones, in no set), so such a statement is not local."""

    def ptr(x: T.TExpr) -> bool:
        return pool_of(x.type) in freeable and not isinstance(x, T.Lit)

    match e:
        case T.Bin(_, op, a, b):
            if op in ("==", "!=") and ptr(a) and ptr(b):
                return True
            if op in ("in", "notin") and ptr(a):
                return True
            return compares_pointers(a, freeable) or compares_pointers(b, freeable)
        case T.Un(_, _, x):
            return compares_pointers(x, freeable)
        case T.IndexOf(_, base, index):
            return ptr(index) or compares_pointers(base, freeable) or compares_pointers(index, freeable)
        case T.FieldOf(_, base, _):
            return compares_pointers(base, freeable)
        case T.SetOf(_, items):
            return any(ptr(i) or compares_pointers(i, freeable) for i in items)
        case T.BinderOf(_, _, _, _, body):
            return compares_pointers(body, freeable)
        case T.Builtin(_, _, args):
            return any(compares_pointers(a, freeable) for a in args)
    return False


def stmt_compares_pointers(s: T.TStmt, freeable: frozenset[str]) -> bool:
    """compares_pointers for the expressions statement `s` itself evaluates."""
    match s:
        case T.Assign(target, value):
            return compares_pointers(target, freeable) or compares_pointers(value, freeable)
        case T.If(cond) | T.Await(cond) | T.Assume(cond) | T.Assert(_, cond) | T.Choose(_, _, cond):
            return compares_pointers(cond, freeable)
    return False


def loop_var_can_dangle(
    s: T.TStmt, dom: Type, body: tuple[T.TStmt, ...], atomic: bool, freeable: frozenset[str]
) -> bool:
    """Can the variable of foreach `s` over `dom` be freed between its binding and a use in `body`
    (so it must be stored, for `free` to make it dangling)? `atomic`: the loop is in an atomic block."""
    if pool_of(dom) not in freeable:
        return False
    if frees(body):
        return True
    if atomic:
        return False  # atomic: no other thread can free in between
    if isinstance(s, T.Foreach) and s.kind == "set":
        return True  # the set was read when the loop began, steps before this iteration
    # over a domain the variable is bound in the body's first step: it matters only if the
    # body takes more than one
    return len(body) != 1 or not isinstance(body[0], (T.Assign, T.Free, T.Assert, T.Skip))


def make_dangling(sigma: dict[int, Expr], pointers: Iterable[int], ref: Expr, size: int) -> None:
    """What freeing the object `ref` of a pool of `size` slots does to the pool's stored pointers
    `pointers` (globals, objects' fields, list links, every thread's locals), in the symbolic state
    `sigma`: each copy of `ref` becomes DANGLING, so that a later access through it is a use after
    free even once the slot is reused. Sets (a list's members) keep the slot's bit: see language.md."""
    slot = mk_and(mk_cmp(">=", ref, const_int(0)), mk_cmp("<", ref, const_int(size)))
    for v in pointers:
        old = sigma.get(v, Ref(v))
        sigma[v] = mk_ite(mk_and(slot, mk_eq(old, ref)), const_int(DANGLING), old)

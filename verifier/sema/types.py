"""Semantic types of the checked spec. Finite types can index arrays, fill sets and be quantified."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Type:
    def __str__(self) -> str:
        return show(self)


@dataclass(frozen=True, slots=True)
class BoolT(Type):
    pass


@dataclass(frozen=True, slots=True)
class IntT(Type):
    lo: int
    hi: int
    # the `type` declaration that named this range, if any: not part of the type's identity (two
    # ranges with the same bounds are the same type); symmetry reduction reads it (ir/lower.py)
    name: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class EnumT(Type):
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PoolT(Type):
    """A reference into an object pool; values are slot numbers 0..size-1."""

    name: str
    size: int


@dataclass(frozen=True, slots=True)
class ThreadT(Type):
    """A thread instance; the number of instances is known once the spec is checked."""


@dataclass(frozen=True, slots=True)
class OptionT(Type):
    inner: Type


@dataclass(frozen=True, slots=True)
class SetT(Type):
    elem: Type


@dataclass(frozen=True, slots=True)
class ListT(Type):
    elem: Type


@dataclass(frozen=True, slots=True)
class ArrayT(Type):
    key: Type
    value: Type


@dataclass(frozen=True, slots=True)
class RecordT(Type):
    name: str
    args: tuple[Type, ...]
    fields: tuple[tuple[str, Type], ...] = field(compare=False, hash=False)

    def field_type(self, name: str) -> Type | None:
        for n, t in self.fields:
            if n == name:
                return t
        return None


@dataclass(frozen=True, slots=True)
class ProcT(Type):
    params: tuple[Type, ...]


@dataclass(frozen=True, slots=True)
class TypeVar(Type):
    """A generic record's or proc's type parameter, before instantiation."""

    name: str


@dataclass(frozen=True, slots=True)
class AnyT(Type):
    """The element type of `{}` and the inner type of `none`: fits any."""


BOOL = BoolT()
THREAD = ThreadT()
ANY = AnyT()


def list_fields(elem: Type) -> tuple[tuple[str, Type], ...]:
    """The built-in representation of `list<E>` (a kernel list_head over E)."""
    return (
        ("head", OptionT(elem)),
        ("next", ArrayT(elem, OptionT(elem))),
        ("members", SetT(elem)),
        ("poisoned", SetT(elem)),
    )


def is_finite(t: Type) -> bool:
    """Can `t` index an array, be a set element, a thread parameter or a quantifier's domain?"""
    if isinstance(t, OptionT):
        return is_finite(t.inner)
    return isinstance(t, BoolT | IntT | EnumT | PoolT | ThreadT)


def domain_size(t: Type, nthreads: int) -> int:
    """How many values a finite type has (`none` counts as one)."""
    match t:
        case BoolT():
            return 2
        case IntT(lo, hi):
            return hi - lo + 1
        case EnumT(_, members):
            return len(members)
        case PoolT(_, size):
            return size
        case ThreadT():
            return nthreads
        case OptionT(inner):
            return domain_size(inner, nthreads) + 1
    raise ValueError(f"not a finite type: {t}")


def state_bits(t: Type, nthreads: int, memo: dict[Type, int] | None = None) -> int:
    """Bits to store a value of `t` (records, arrays, sets and lists included).

    Memoised per type (in `memo` if given, which then serves this measure only), so a record whose
    fields nest another record n levels deep costs n calls rather than 2**n. Types left unknown
    after an error take no bits.
    """
    return _bits(t, nthreads, {} if memo is None else memo, 0)


def state_size(t: Type, nthreads: int, memo: dict[Type, int] | None = None) -> int:
    """Bits to store a value of `t`, where every stored value counts at least one bit.

    This is what the state-size limit bounds: a `0..0` value takes no bits but is still a state
    variable, so an array of a million of them is not free to lay out.
    """
    return _bits(t, nthreads, {} if memo is None else memo, 1)


def _bits(t: Type, nthreads: int, memo: dict[Type, int], floor: int) -> int:
    if t in memo:
        return memo[t]
    match t:
        case SetT(elem):
            n = max(floor, domain_size(elem, nthreads)) if is_finite(elem) else 0
        case ListT(elem):
            n = sum(_bits(ft, nthreads, memo, floor) for _, ft in list_fields(elem))
        case ArrayT(key, value):
            n = domain_size(key, nthreads) * _bits(value, nthreads, memo, floor) if is_finite(key) else 0
        case RecordT(_, _, fields):
            n = sum(_bits(ft, nthreads, memo, floor) for _, ft in fields)
        case _ if is_finite(t):
            size = domain_size(t, nthreads)
            n = max(floor, math.ceil(math.log2(size)) if size > 1 else 0)
        case _:
            n = 0
    memo[t] = n
    return n


def show(t: Type) -> str:
    match t:
        case BoolT():
            return "bool"
        case IntT(lo, hi):
            return f"{lo}..{hi}"
        case EnumT(name, _) | PoolT(name, _):
            return name
        case ThreadT():
            return "thread"
        case OptionT(inner):
            return f"{show(inner)}?"
        case SetT(elem):
            return f"set<{show(elem)}>"
        case ListT(elem):
            return f"list<{show(elem)}>"
        case ArrayT(key, value):
            return f"[{show(key)}]{show(value)}"
        case RecordT(name, args, _):
            return f"{name}<{', '.join(show(a) for a in args)}>" if args else name
        case ProcT(params):
            return f"proc({', '.join(show(p) for p in params)})"
        case TypeVar(name):
            return name
        case AnyT():
            return "?"
    return repr(t)


def int_like(t: Type) -> bool:
    return isinstance(t, IntT)


def strip_option(t: Type) -> Type:
    return t.inner if isinstance(t, OptionT) else t


def same_shape(a: Type, b: Type) -> bool:
    """Equal types, where int ranges of any bounds and the `?` of AnyT match."""
    if isinstance(a, AnyT) or isinstance(b, AnyT):
        return True
    if isinstance(a, IntT) and isinstance(b, IntT):
        return True
    if type(a) is not type(b):
        return False
    match a, b:
        case (OptionT(x), OptionT(y)) | (SetT(x), SetT(y)) | (ListT(x), ListT(y)):
            return same_shape(x, y)
        case (ArrayT(k1, v1), ArrayT(k2, v2)):
            return same_shape(k1, k2) and same_shape(v1, v2)
        case (RecordT(n1, a1, _), RecordT(n2, a2, _)):
            return n1 == n2 and len(a1) == len(a2) and all(same_shape(x, y) for x, y in zip(a1, a2, strict=True))
    return a == b


def assignable(src: Type, dst: Type) -> bool:
    """May a value of type `src` be stored where `dst` is expected (ranges checked at run time)?"""
    if isinstance(src, AnyT) or isinstance(dst, AnyT):
        return True
    if isinstance(dst, OptionT):
        if isinstance(src, OptionT):
            return same_shape(src.inner, dst.inner)
        return same_shape(src, dst.inner)
    if isinstance(src, OptionT):
        return False
    return same_shape(src, dst)


def comparable(a: Type, b: Type) -> bool:
    """May `a == b` be asked?"""
    return assignable(a, b) or assignable(b, a)

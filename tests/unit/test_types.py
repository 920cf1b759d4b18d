"""verifier/sema/types.py: semantic types, assignability, sizes."""

from __future__ import annotations

import pytest

from verifier.sema.types import (
    ANY,
    BOOL,
    THREAD,
    ArrayT,
    EnumT,
    IntT,
    ListT,
    OptionT,
    PoolT,
    ProcT,
    RecordT,
    SetT,
    TypeVar,
    assignable,
    comparable,
    domain_size,
    is_finite,
    list_fields,
    same_shape,
    show,
    state_bits,
    strip_option,
)

E = EnumT("E", ("A", "B", "C"))
F = EnumT("F", ("A", "B", "C"))
P = PoolT("node", 3)
R = RecordT("box", (BOOL,), (("item", BOOL), ("n", IntT(0, 3))))


@pytest.mark.parametrize(
    ("t", "text"),
    [
        (BOOL, "bool"),
        (IntT(-1, 4), "-1..4"),
        (E, "E"),
        (P, "node"),
        (THREAD, "thread"),
        (OptionT(E), "E?"),
        (SetT(IntT(0, 3)), "set<0..3>"),
        (ListT(P), "list<node>"),
        (ArrayT(E, ArrayT(BOOL, IntT(0, 1))), "[E][bool]0..1"),
        (R, "box<bool>"),
        (RecordT("plain", (), ()), "plain"),
        (ProcT((BOOL, E)), "proc(bool, E)"),
        (ProcT(()), "proc()"),
        (TypeVar("T"), "T"),
        (ANY, "?"),
        (OptionT(ANY), "??"),
    ],
)
def test_show(t: object, text: str) -> None:
    assert show(t) == text  # type: ignore[arg-type]
    assert str(t) == text


def test_ints_of_any_range_have_the_same_shape() -> None:
    assert same_shape(IntT(0, 1), IntT(-5, 100))
    assert same_shape(SetT(IntT(0, 1)), SetT(IntT(0, 7)))
    assert same_shape(ArrayT(E, IntT(0, 1)), ArrayT(E, IntT(0, 9)))


def test_shapes_that_differ() -> None:
    assert not same_shape(BOOL, IntT(0, 1))
    assert not same_shape(E, F), "enums are nominal"
    assert not same_shape(PoolT("a", 2), PoolT("b", 2))
    assert not same_shape(SetT(E), ListT(E))
    assert not same_shape(ArrayT(E, BOOL), ArrayT(F, BOOL))
    assert not same_shape(R, RecordT("box", (IntT(0, 1),), ()))
    assert not same_shape(R, RecordT("other", (BOOL,), ()))


def test_records_compare_by_name_and_arguments_not_fields() -> None:
    assert RecordT("box", (BOOL,), ()) == R
    assert same_shape(R, RecordT("box", (BOOL,), ()))


def test_the_unknown_type_fits_everything() -> None:
    for t in (BOOL, E, OptionT(E), SetT(E), R, ProcT(())):
        assert same_shape(ANY, t) and same_shape(t, ANY)
        assert assignable(ANY, t) and assignable(t, ANY)
    assert assignable(OptionT(ANY), OptionT(E)), "none fits any optional"
    assert assignable(SetT(ANY), SetT(E)), "{} fits any set"


def test_optional_assignability() -> None:
    assert assignable(E, OptionT(E))
    assert assignable(OptionT(E), OptionT(E))
    assert assignable(OptionT(ANY), OptionT(P))
    assert not assignable(OptionT(E), E), "a value that may be none does not fit"
    assert not assignable(OptionT(ANY), E)
    assert not assignable(F, OptionT(E))


def test_comparable_either_way() -> None:
    assert comparable(OptionT(E), E) and comparable(E, OptionT(E))
    assert comparable(OptionT(ANY), OptionT(P))
    assert comparable(IntT(0, 1), IntT(5, 9))
    assert not comparable(E, F)
    assert not comparable(BOOL, IntT(0, 1))


@pytest.mark.parametrize(
    ("t", "finite"),
    [
        (BOOL, True),
        (IntT(0, 3), True),
        (E, True),
        (P, True),
        (THREAD, True),
        (OptionT(E), True),
        (SetT(E), False),
        (ListT(P), False),
        (ArrayT(E, BOOL), False),
        (R, False),
        (ProcT(()), False),
        (ANY, False),
    ],
)
def test_finite_types(t: object, finite: bool) -> None:
    assert is_finite(t) is finite  # type: ignore[arg-type]


def test_domain_sizes() -> None:
    assert domain_size(BOOL, 4) == 2
    assert domain_size(IntT(-2, 2), 4) == 5
    assert domain_size(E, 4) == 3
    assert domain_size(P, 4) == 3
    assert domain_size(THREAD, 4) == 4
    assert domain_size(OptionT(THREAD), 4) == 5
    with pytest.raises(ValueError):
        domain_size(SetT(E), 4)


@pytest.mark.parametrize(
    ("t", "bits"),
    [
        (BOOL, 1),
        (IntT(0, 0), 0),
        (IntT(0, 1), 1),
        (IntT(0, 3), 2),
        (IntT(0, 4), 3),
        (IntT(-4, 3), 3),
        (E, 2),
        (OptionT(E), 2),
        (OptionT(IntT(0, 3)), 3),
        (THREAD, 2),  # 3 instances
        (OptionT(THREAD), 2),
        (SetT(E), 3),
        (SetT(THREAD), 3),
        (ArrayT(E, IntT(0, 3)), 6),
        (ArrayT(THREAD, BOOL), 3),
        (R, 3),
        (ListT(P), 2 + 3 * 2 + 3 + 3),
        (ProcT(()), 0),
    ],
)
def test_state_bits(t: object, bits: int) -> None:
    assert state_bits(t, 3) == bits  # type: ignore[arg-type]


def test_list_representation() -> None:
    assert list_fields(P) == (
        ("head", OptionT(P)),
        ("next", ArrayT(P, OptionT(P))),
        ("members", SetT(P)),
        ("poisoned", SetT(P)),
    )


def test_strip_option() -> None:
    assert strip_option(OptionT(E)) == E
    assert strip_option(E) == E

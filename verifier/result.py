"""What engines return: closed outcome types and counterexample traces (solver-neutral data)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Trace:
    """A counterexample: the actions taken from the initial state (indices into ts.actions).
    For a lasso, `loop` is the index of the state the last step returns to."""

    actions: tuple[int, ...]
    loop: int | None = None


@dataclass(frozen=True, slots=True)
class Violated:
    """A counterexample of `depth` steps. If not `minimal`, shorter ones may exist, but none of
    `none_up_to` steps or fewer."""

    depth: int
    trace: Trace
    engine: str = "bmc"
    minimal: bool = True
    none_up_to: int = -1


# How an exhaustive search words the detail of a cell it settled: "all N" and one of these (the
# text report reads them back into its verdicts)
REACHABLE = " reachable states"
REDUCED = " reachable states (partial-order reduced)"
SYMMETRIC = " reachable states up to symmetry"  # one state stored per renaming class (engines/symmetry.py)


@dataclass(frozen=True, slots=True)
class Bounded:
    """No counterexample of `depth` steps or fewer; nothing more is known."""

    depth: int
    reason: str = ""
    warnings: tuple[str, ...] = ()  # vacuity: why holding may mean little (liveness)


@dataclass(frozen=True, slots=True)
class Proved:
    engine: str
    certificate: object = field(default=None, compare=False)
    detail: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unknown:
    reason: str
    depth: int = -1  # the deepest bound fully searched, if any
    warnings: tuple[str, ...] = ()


Outcome = Violated | Bounded | Proved | Unknown

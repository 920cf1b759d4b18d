"""Budgets counted in work, not seconds, and the wall-clock guard that sits outside them.

A verdict must not depend on how busy the machine is, so no engine decides anything by reading
the clock. Each engine is handed a `Meter`: an allowance of *work units* and what it has spent,
counted in the engine's own deterministic measure and converted here:

- explicit searches count states (they take `max_states` directly, not a meter);
- Z3 counts its resource limit (`rlimit`: the solver's own count of the work it did, the same on
  every run of one Z3 version);
- BDD engines count node work: per operation a constant plus the size of the diagram it starts
  from, per sifting the live nodes times the variables (verifier/symbolic/encode.py). Diagram
  sizes depend only on the sets and the variable order; CUDD's own computed-table lookup counts
  do not (the table is indexed by node addresses, and they differ by about 1% between runs).

A unit is about one second of one core of the project's 2-core machine when idle, so budgets can
be reasoned about in familiar terms; the conversion constants below were measured that way. What
a meter allows is the same on every machine.

The `Guard` is `--timeout`: an outer limit only. When it fires, an engine stops where it is and
the portfolio reports what is still open as UNKNOWN (timeout), never as a normal-looking
bounded result.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

Z3_RLIMIT_PER_UNIT = 6_000_000  # z3 5.4.1 here: 4.8-6.6 million a CPU second on k-induction and strengthening
BDD_WORK_PER_UNIT = 5_000_000  # BDD node work per CPU second, dd 0.6.0 (see verifier/symbolic/encode.py)
STATES_PER_UNIT = 100_000  # explicit search: states per second (packed states, v9)
_Z3_RLIMIT_MAX = 2**32 - 1  # Z3's `rlimit` parameter is an unsigned 32-bit number


@dataclass(frozen=True, slots=True)
class Guard:
    """The outer wall-clock limit of a run (`--timeout`); `deadline` is a `time.monotonic()` value."""

    deadline: float | None = None

    @staticmethod
    def after(seconds: float | None) -> Guard:
        return Guard(None if seconds is None else time.monotonic() + seconds)

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def left(self) -> float:
        """Seconds until the deadline (infinite without one)."""
        return math.inf if self.deadline is None else self.deadline - time.monotonic()

    def z3_ms(self) -> int:
        """A Z3 `timeout` parameter (milliseconds) that ends a query at the deadline; 0: none."""
        if self.deadline is None:
            return 0
        return max(1, int(self.left() * 1000))


NO_GUARD = Guard()


class GuardExpired(Exception):
    """Raised by an engine that cannot return a partial answer when the guard fires."""


class Meter:
    """An allowance of work units for one engine (and the engines it hands work on to), what has
    been spent of it, and the outer guard. Spending in a share counts in its parent too."""

    __slots__ = ("_parent", "guard", "spent", "units")

    def __init__(self, units: float, guard: Guard = NO_GUARD, parent: Meter | None = None) -> None:
        self.units = float(units)
        self.guard = guard
        self.spent = 0.0
        self._parent = parent

    # ---- allowance --------------------------------------------------------------------------

    def left(self) -> float:
        """Units not yet spent (never negative)."""
        return max(0.0, self.units - self.spent)

    def out(self) -> bool:
        """No work left, or the guard has fired: stop."""
        return self.left() <= 0.0 or self.guard.expired()

    def timed_out(self) -> bool:
        return self.guard.expired()

    def share(self, fraction: float = 1.0, at_most: float | None = None) -> Meter:
        """A meter for a sub-engine: `fraction` of what is left here (and at most `at_most` units)."""
        units = self.left() * fraction
        if at_most is not None:
            units = min(units, at_most)
        return Meter(units, self.guard, self)

    def spend(self, units: float) -> None:
        m: Meter | None = self
        while m is not None:
            m.spent += units
            m = m._parent

    # ---- conversions ------------------------------------------------------------------------

    def rlimit(self) -> int:
        """What is left as a Z3 resource limit (at least 1: 0 would mean unlimited; at most what
        Z3's unsigned 32-bit parameter holds: a larger value wraps around to a small one)."""
        return min(_Z3_RLIMIT_MAX, max(1, int(self.left() * Z3_RLIMIT_PER_UNIT)))

    def spend_rlimit(self, count: float) -> None:
        self.spend(count / Z3_RLIMIT_PER_UNIT)

    def spend_bdd_work(self, count: float) -> None:
        """Charge BDD node work (see verifier/symbolic/encode.py for what is counted)."""
        self.spend(count / BDD_WORK_PER_UNIT)

    def spend_states(self, count: int) -> None:
        self.spend(count / STATES_PER_UNIT)

    def describe(self) -> str:
        return f"{self.units:g} work units"


def z3_solver_limits(solver: object, meter: Meter) -> None:
    """Set a solver's resource limit to the meter's work left and its timeout to the guard."""
    solver.set("rlimit", meter.rlimit())  # type: ignore[attr-defined]
    ms = meter.guard.z3_ms()
    if ms:
        solver.set("timeout", ms)  # type: ignore[attr-defined]


def z3_spent(solver: object) -> int:
    """The solver's cumulative rlimit count (Z3 statistics 'rlimit count'; 0 if absent)."""
    stats = solver.statistics()  # type: ignore[attr-defined]
    return int(stats.get_key_value("rlimit count")) if "rlimit count" in stats.keys() else 0  # noqa: SIM118

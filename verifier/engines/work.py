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

The `Guard` holds the outer limits: `--timeout` (a deadline), `--max-memory` (this process's
resident size) and an interrupt (SIGINT or SIGTERM, a flag for the whole process). When one
fires, an engine stops where it is and the portfolio reports what is still open as UNKNOWN, with
the guard's `cause`, never as a normal-looking bounded result. None of them decides a verdict.
"""

from __future__ import annotations

import contextlib
import math
import os
import time
import weakref
from typing import Any

Z3_RLIMIT_PER_UNIT = 6_000_000  # z3 5.4.1 here: 4.8-6.6 million a CPU second on k-induction and strengthening
BDD_WORK_PER_UNIT = 5_000_000  # BDD node work per CPU second, dd 0.6.0 (see verifier/symbolic/encode.py)
STATES_PER_UNIT = 100_000  # explicit search: states per second (packed states, v9)
_Z3_RLIMIT_MAX = 2**32 - 1  # Z3's `rlimit` parameter is an unsigned 32-bit number


TIMEOUT = "timeout"
MEMORY = "memory"
INTERRUPTED = "interrupted"
MEMORY_LOOK_SECONDS = 0.1  # the resident size is read at most this often (one small read of /proc)
MIB = 1024 * 1024

_interrupted = False  # set by `interrupt` (the command line's SIGINT and SIGTERM handlers)
_z3_contexts: weakref.WeakSet[Any] = weakref.WeakSet()  # contexts whose queries an interrupt cancels


def interrupt() -> None:
    """Stop every guard of this process (each engine at its next look) and cancel the Z3 queries
    under way. Safe to call from a signal handler while another thread runs the engines."""
    global _interrupted
    _interrupted = True
    contexts: list[Any] = []
    for _ in range(3):  # another thread may add a context while the set is copied
        with contextlib.suppress(RuntimeError):
            contexts = list(_z3_contexts)
            break
    for ctx in contexts:
        with contextlib.suppress(Exception):  # a context being freed: nothing left to stop
            ctx.interrupt()


def interrupted() -> bool:
    return _interrupted


def clear_interrupt() -> None:
    """Back to running (for a run after an interrupted one in the same process)."""
    global _interrupted
    _interrupted = False


def resident_bytes() -> int | None:
    """This process's resident size (/proc/self/statm), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def available_bytes() -> int | None:
    """The memory the machine has available now (MemAvailable in /proc/meminfo), or None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


DEFAULT_MEMORY_SHARE = 0.8  # of the memory available when a run starts
FALLBACK_MEMORY_SHARE = 0.5  # of the physical memory, where what is available cannot be read
FALLBACK_MEMORY = 4096 * 1024 * 1024  # where neither can be read


def default_memory_budget() -> int:
    """The memory budget of a run that names none, in bytes: most of what is available now (other
    programs keep what they hold), else half the physical memory, else 4 GiB."""
    available = available_bytes()
    if available is not None:
        return int(available * DEFAULT_MEMORY_SHARE)
    try:
        return int(os.sysconf("SC_PHYS_PAGES") * _PAGE * FALLBACK_MEMORY_SHARE)
    except (OSError, ValueError, AttributeError):
        return FALLBACK_MEMORY


def _page_size() -> int:
    try:
        return int(os.sysconf("SC_PAGE_SIZE"))
    except (OSError, ValueError, AttributeError):
        return 4096


_PAGE = _page_size()


class Guard:
    """The outer limits of one variant's run: a deadline (`--timeout`; a `time.monotonic()` value),
    a memory budget (`memory`: bytes of this process's resident size) and the process's interrupt
    flag. Once it has fired it stays fired, and `cause` says why; what fired first is kept."""

    __slots__ = ("_cause", "_fired", "_next_look", "_started", "deadline", "memory", "seconds")

    def __init__(self, deadline: float | None = None, memory: int | None = None, seconds: float | None = None) -> None:
        self.deadline = deadline
        self.memory = memory
        self.seconds = seconds  # the timeout the deadline was made from, for a reason
        self._started = time.monotonic()
        self._next_look = 0.0
        self._cause: str | None = None
        self._fired = 0.0  # seconds after the start when it fired

    @staticmethod
    def after(seconds: float | None, memory: int | None = None) -> Guard:
        return Guard(None if seconds is None else time.monotonic() + seconds, memory, seconds)

    def expired(self) -> bool:
        """Whether a limit has been reached: cheap enough to ask every few dozen states."""
        if self._cause is not None or _interrupted:
            return True
        if self.deadline is None and self.memory is None:
            return False
        now = time.monotonic()
        if self.deadline is not None and now >= self.deadline:
            self._fire(TIMEOUT)
            return True
        if self.memory is not None and now >= self._next_look:
            self._next_look = now + MEMORY_LOOK_SECONDS
            rss = resident_bytes()
            if rss is not None and rss > self.memory:
                self._fire(MEMORY)
                return True
        return False

    def _fire(self, cause: str) -> None:
        if self._cause is None:
            self._cause = cause
            self._fired = time.monotonic() - self._started

    def cause(self) -> str | None:
        """Why the guard fired (TIMEOUT, MEMORY or INTERRUPTED), or None while it has not."""
        if self._cause is None and self.expired():  # the look may find a limit reached
            return self._cause or INTERRUPTED
        return self._cause

    def out_of_memory(self) -> None:
        """Fire for memory: the process ran out of it (a MemoryError) before the guard saw it."""
        self._fire(MEMORY)

    def describe(self) -> str:
        """The head of an open cell's reason: "timeout after 60s", "memory budget (512 MiB) reached
        after 12.5s", "interrupted"."""
        cause = self.cause()
        if cause == MEMORY:
            if self.memory is None:
                return f"out of memory after {self._fired:.1f}s"
            return f"memory budget ({self.memory // MIB} MiB) reached after {self._fired:.1f}s"
        if cause == INTERRUPTED:
            return INTERRUPTED
        return f"timeout after {self.seconds:g}s" if self.seconds is not None else "timeout"

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
    """Set a solver's resource limit to the meter's work left and its timeout to the guard; an
    interrupt cancels its queries."""
    watch_z3(solver.ctx)  # type: ignore[attr-defined]
    solver.set("rlimit", meter.rlimit())  # type: ignore[attr-defined]
    ms = meter.guard.z3_ms()
    if ms:
        solver.set("timeout", ms)  # type: ignore[attr-defined]


def z3_spent(solver: object) -> int:
    """The solver's cumulative rlimit count (Z3 statistics 'rlimit count'; 0 if absent)."""
    stats = solver.statistics()  # type: ignore[attr-defined]
    return int(stats.get_key_value("rlimit count")) if "rlimit count" in stats.keys() else 0  # noqa: SIM118


def watch_z3(ctx: Any) -> None:
    """Let an interrupt cancel the queries of Z3 context `ctx` (held weakly)."""
    if ctx is not None:
        _z3_contexts.add(ctx)

"""Progress on a terminal: a live table with a row per variant, fed by the pipeline's progress
events, and the relay that carries those events out of worker processes.

An event is `(path, variant, engine, depth, seconds, states)`: `seconds` is on the engine's own
clock, `depth` and `states` are -1 when the engine has none, and `engine == "done"` ends a variant.
"""

from __future__ import annotations

import os
import pickle
import select
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported by the table itself: only a run on a terminal draws one
    from rich.console import Console, JustifyMethod
    from rich.table import Table

Progress = Callable[[str, str, str, int, float, int], None]

REFRESH_PER_SECOND = 4.0
_COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    ("spec", "left"),
    ("variant", "left"),
    ("engine", "left"),
    ("depth", "right"),
    ("states", "right"),
    ("states/s", "right"),
    ("elapsed", "right"),
)


@dataclass(slots=True)
class _Row:
    spec: str
    variant: str
    engine: str = ""
    depth: int = -1
    states: int = -1
    seconds: float = 0.0  # the engine's clock at its last event
    rate: float | None = None  # states per second between the engine's last two events
    started: float = 0.0  # this process's clock when the variant was first seen
    finished: float | None = None


class ProgressTable:
    """One row per variant: the engine running, its depth, states, states/s and the time elapsed;
    finished variants stay as `done` with their total time, below the running ones. Transient: a
    rich `Live` that erases itself when it stops, so the results print on a clean terminal.
    `update` may be called from any thread; the display refreshes on its own."""

    def __init__(
        self,
        console: Console,
        refresh_per_second: float = REFRESH_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._rows: dict[tuple[str, str], _Row] = {}
        from rich.live import Live

        # stdout is left alone: it may be a file that must not receive the table
        self._live = Live(
            console=console,
            get_renderable=self.render,
            refresh_per_second=refresh_per_second,
            transient=True,
            redirect_stdout=False,
        )

    def __enter__(self) -> ProgressTable:
        self._live.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self._live.stop()

    def update(self, path: str, variant: str, engine: str, depth: int, seconds: float, states: int = -1) -> None:
        """Take one progress event (the pipeline's callback)."""
        now = self._clock()
        key = (path, variant)
        with self._lock:
            row = self._rows.get(key)
            if row is None:
                row = self._rows[key] = _Row(_spec_name(path), variant, started=now)
            if row.finished is not None:
                return  # a late event cannot revive a finished variant
            if engine == "done":
                row.finished = now
                return
            if engine != row.engine or states < row.states or seconds < row.seconds:
                row.rate = None  # another engine, or the same one started over: no rate until its next event
            elif row.states >= 0 and seconds > row.seconds:
                row.rate = (states - row.states) / (seconds - row.seconds)
            row.engine, row.depth, row.states, row.seconds = engine, depth, states, seconds

    def render(self) -> Table:
        """The table as it stands now."""
        from rich import box
        from rich.table import Table
        from rich.text import Text

        now = self._clock()
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for name, justify in _COLUMNS:
            table.add_column(name, justify=justify, no_wrap=True)
        with self._lock:
            rows = sorted(self._rows.values(), key=lambda r: r.finished is not None)  # stable: running first
            for r in rows:
                if r.finished is None:
                    cells = (r.engine, _count(r.depth), _count(r.states), _rate(r.rate), _duration(now - r.started))
                    table.add_row(Text(r.spec), Text(r.variant), *map(Text, cells))
                else:
                    total = _duration(r.finished - r.started)
                    table.add_row(*(Text(c) for c in (r.spec, r.variant, "done", "", "", "", total)), style="dim")
        return table


def _spec_name(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.removesuffix(".irq")


def _count(n: int) -> str:
    return f"{n:,}" if n >= 0 else "-"


def _rate(r: float | None) -> str:
    return f"{r:,.0f}" if r is not None else "-"


def _duration(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 60}:{s % 60:02d}" if s >= 60 else f"{s}s"


# ---- from worker processes ----------------------------------------------------------------------

# A message no longer than PIPE_BUF is written to a pipe whole or not at all, even by several
# processes at once and without blocking; a longer one could interleave, so it is never sent.
_ATOMIC = getattr(select, "PIPE_BUF", 512)
_channel: Connection | None = None  # in a worker process: where its events go


def install_channel(writer: Connection) -> None:
    """Pool initializer: the pipe this worker's events go to, made non-blocking so a full pipe
    drops an event instead of stalling the engine. A pipe can only reach a spawned process when it
    starts, not with each task. Never raises: a worker without a channel just reports nothing."""
    global _channel
    try:
        os.set_blocking(writer.fileno(), False)
        _channel = writer
    except Exception:
        _channel = None


class ChannelSender:
    """The engines' `progress` for one variant decided in a worker process: each event, tagged with
    its variant, is written to the channel the parent drains. Never raises and never blocks (a full
    pipe or a parent that is gone drops the event), so progress cannot change a result; the write
    is done before the engine goes on, so the parent reads a variant's events before its result."""

    __slots__ = ("path", "variant")

    def __init__(self, path: str, variant: str) -> None:
        self.path = path
        self.variant = variant

    def __call__(self, engine: str, depth: int, seconds: float, states: int = -1) -> None:
        channel = _channel
        if channel is None:
            return
        try:
            data = pickle.dumps((self.path, self.variant, engine, depth, seconds, states))
            if len(data) + 4 <= _ATOMIC:  # with the length prefix
                channel.send_bytes(data)
        except Exception:  # BlockingIOError: the pipe is full; BrokenPipeError: the parent is gone
            pass


class WorkerProgress:
    """The parent's end of the workers' progress: a pipe whose write end each worker gets from the
    pool initializer (`install_channel`, `initargs`), a `ChannelSender` per variant as its
    `progress`, and `drain`, which hands what arrived to `progress` in this process. A pipe rather
    than a manager's queue: a manager is one more spawned interpreter, seconds to start."""

    def __init__(self, context: BaseContext, progress: Progress, limit: int = 1000) -> None:
        self._progress = progress
        self._limit = limit
        self._reader, self._writer = context.Pipe(duplex=False)

    @property
    def initargs(self) -> tuple[Connection]:
        return (self._writer,)

    def sender(self, path: str, variant: str) -> ChannelSender:
        return ChannelSender(path, variant)

    def drain(self) -> None:
        """Hand every event that arrived to `progress`, at most `limit` of them (never blocks)."""
        for _ in range(self._limit):
            try:
                if not self._reader.poll():
                    return
                event = pickle.loads(self._reader.recv_bytes())
            except (OSError, EOFError, pickle.UnpicklingError):
                return
            self._progress(*event)

    def close(self) -> None:
        self._reader.close()
        self._writer.close()

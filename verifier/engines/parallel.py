"""Exhaustive breadth-first search with the expansion of each level shared by worker processes.

The same search as verifier.engines.explicit.explore (unreduced), with the same results: the same
verdicts, each violation at its shortest depth with the same trace, the same count of states,
the same actions taken, the same last level and the same reason to stop, for any number of
workers (the tests compare them).

This process (the driver) owns the one visited-state store (engines/store.py): deduplicating a
batch there is a few numpy calls. The workers do what costs: a level's states are cut into
chunks, sent to the workers in turn as the store's rows (bytes, nothing pickled per state); a
worker checks the properties on each state of its chunk (at expansion, not at discovery),
decides deadlock (no successors and `stuck`) and computes the successors, deduplicated per
`explicit.BATCH` states, and returns them as rows with arrays of parent indices and actions.
The driver inserts the batches in frontier order (the first state reaching a successor is its
parent, as in explore, so the traces do not depend on the workers), while the workers expand
the next chunks (about four per worker a level, two in flight per worker); by default the
driver is one of the `workers` and expands every `workers`-th chunk itself.

Checking at expansion finds a violation of depth d while expanding level d, where explore
finds it while generating that level. What follows keeps explore's stopping points:
- explore stops before expanding a level once its checks leave no property open; here that is
  known only when the level's checks are all back, and the level's expansion is then undone
  (the store truncated to the level, its actions taken forgotten);
- where explore stops with a level checked but not expanded (a depth bound, nothing open, the
  state budget part way through a level), the states it checked but this search has not are
  checked (and, for deadlock, expanded) by a pass of their own;
- the state budget is asked before each `BATCH` of a level's states is inserted, as explore
  asks it, so the search stops after the same states.
Only the guard (`--timeout`) cuts differently: between chunks, and where it cuts a level not yet
checked to its end, the depth reported complete is the level before.

Small levels (below `local_below` states) are expanded here, not sent. Tuple states (a system
the interpreter cannot pack) and packed fields that overflow fall back to the one-process search.
"""

from __future__ import annotations

import contextlib
import queue
import signal
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from multiprocessing import get_context
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from verifier.engines.explicit import BATCH, Exploration, _explore, explore, result
from verifier.engines.partition import stop_workers
from verifier.engines.store import StateStore
from verifier.engines.work import NO_GUARD, Guard
from verifier.ir.interp import Interpreter, PackedRangeError, Space
from verifier.ir.model import TransitionSystem
from verifier.result import Outcome, Trace, Violated

CHECK, EXPAND, DEADLOCK = 1, 2, 4  # what a worker does with a chunk's states
CHUNK_MAX = 8 * BATCH  # a chunk: at most this many states, a multiple of BATCH
LOCAL_BELOW = 2 * BATCH  # a level smaller than this is expanded in the driver

# one BATCH of a chunk, expanded: successor rows (bytes), parent indices (int64 bytes), actions
# (int64 bytes), the actions taken, the offset in the chunk of the first deadlocked state (-1)
Sub = tuple[bytes, bytes, bytes, list[int], int]
# a chunk's results: violations (offset, properties), the actions of failing checks, its BATCHes
Done = tuple[list[tuple[int, list[str]]], list[int], list[Sub]]


class Expander:
    """Checks and expands chunks of packed states: in a worker process, or in the driver."""

    def __init__(self, ts: TransitionSystem, props: Sequence[str], it: Interpreter | None = None) -> None:
        self.it = it = it or Interpreter(ts)
        p = it.packed()
        if p is None:
            raise PackedRangeError()  # the driver has checked: cannot happen
        self.nb = max(1, (p.layout.bits + 7) // 8)
        self.nexts = p.next_states
        self.unpack = p.unpack
        self.violated = p.property_checker([q for q in dict.fromkeys(props) if q != "deadlock"])

    def run(self, mode: int, base: int, blob: bytes) -> Done:
        """The states of `blob` (rows; the first has store index `base`), as `mode` asks."""
        nb = self.nb
        frm = int.from_bytes
        states = [frm(blob[k : k + nb], "little") for k in range(0, len(blob), nb)]
        violated, nexts, it, unpack = self.violated, self.nexts, self.it, self.unpack
        viol: list[tuple[int, list[str]]] = []
        faults: set[int] = set()
        subs: list[Sub] = []
        check, expand, deadlock = mode & CHECK, mode & EXPAND, mode & DEADLOCK
        for first in range(0, len(states), BATCH):
            succ: dict[int, int] = {}
            acts: list[int] = []
            taken: set[int] = set()
            add = taken.add
            dead = -1
            for k in range(first, min(first + BATCH, len(states))):
                s = states[k]
                if check:
                    bad = violated(s)
                    if bad:
                        viol.append((k, bad))
                        # a statement whose check fails is reached, though its step is never taken
                        faults.update(ai for _, _, ai in it.faults(unpack(s)))
                if not (expand or deadlock):
                    continue
                succs = nexts(s)
                if deadlock and dead < 0 and not succs and it.stuck(unpack(s)):
                    dead = k
                if expand:
                    index = base + k
                    for ai, t in succs:
                        add(ai)
                        if t not in succ:
                            succ[t] = index
                            acts.append(ai)
            if expand or deadlock:
                rows = b"".join([t.to_bytes(nb, "little") for t in succ])
                parents = np.fromiter(succ.values(), dtype=np.int64, count=len(succ)).tobytes()
                subs.append((rows, parents, np.array(acts, dtype=np.int64).tobytes(), sorted(taken), dead))
        return viol, sorted(faults), subs


def _serve(conn: Connection, ts: TransitionSystem, props: list[str]) -> None:
    """A worker process: run the chunks the driver sends, in order, until the pipe closes. The
    driver decides what a Ctrl-C does, so the worker ignores SIGINT.

    A thread takes the chunks off the pipe as they come: the driver sends the next chunks while
    this process sends a result, and with neither reading, both would wait on full pipes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def receive() -> None:
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                msg = None
            inbox.put(msg)
            if msg is None:
                return

    threading.Thread(target=receive, daemon=True).start()
    try:
        ex: Expander | None = Expander(ts, props)
    except Exception:
        ex = None
    while True:
        msg = inbox.get()
        if msg is None:
            return
        try:
            if ex is None:
                raise PackedRangeError()
            out: tuple[str, Any] = ("ok", ex.run(*msg))
        except PackedRangeError:
            out = ("range", None)
        except MemoryError:
            out = ("memory", None)
        except Exception:
            out = ("error", traceback.format_exc())
        try:
            conn.send(out)
        except OSError:
            return


class WorkerError(Exception):
    """A worker process failed: its traceback, as text."""


class _Pool:
    """Worker processes ('forkserver', this module imported once by the server), a pipe each;
    each runs its chunks in the order sent, so the driver reads them back in that order."""

    def __init__(self, ts: TransitionSystem, props: Sequence[str], count: int) -> None:
        ctx = get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        self.conns: list[Connection] = []
        self.procs: list[Any] = []
        for _ in range(count):
            mine, theirs = ctx.Pipe()
            p = ctx.Process(target=_serve, args=(theirs, ts, list(props)), daemon=True)
            p.start()
            theirs.close()
            self.conns.append(mine)
            self.procs.append(p)

    @classmethod
    def starting(cls, ts: TransitionSystem, props: Sequence[str], count: int) -> _Starting:
        """The pool, started by a thread: the first levels are small and expanded here while
        the forkserver imports the program (a second or so)."""
        return _Starting(lambda: cls(ts, props, count))

    def send(self, i: int, msg: tuple[int, int, bytes]) -> None:
        self.conns[i].send(msg)

    def recv(self, i: int) -> Done:
        try:
            status, value = self.conns[i].recv()
        except (EOFError, OSError):
            status, value = "error", f"worker process {i} ended abruptly (out of memory, or killed)"
        if status == "range":
            raise PackedRangeError()
        if status == "memory":
            raise MemoryError("a worker process ran out of memory")
        if status != "ok":
            raise WorkerError(value)
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        stop_workers(self.conns, self.procs)
        self.conns, self.procs = [], []


class _Starting:
    """A pool started by a thread once `begin` is called (when the levels grow: a small search
    never starts one, a large one expands its first levels here while the forkserver imports the
    program, a second or so); `ready` gives it once it is up (None until then)."""

    def __init__(self, make: Callable[[], _Pool]) -> None:
        self.make = make
        self.pool: _Pool | None = None
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None

    def begin(self) -> None:
        if self.thread is not None:
            return

        def start() -> None:
            try:
                self.pool = self.make()
            except BaseException as e:  # re-raised in the driver, where it can be reported
                self.error = e

        self.thread = threading.Thread(target=start, daemon=True)
        self.thread.start()

    def ready(self, wait: bool = False) -> _Pool | None:
        if wait:
            self.begin()
        if self.thread is None or (self.thread.is_alive() and not wait):
            return None
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.pool

    def close(self) -> None:
        """Stop the pool (one still starting, once it is up: a process cut off while it starts
        prints an error)."""
        if self.thread is not None:
            self.thread.join()
        if self.pool is not None:
            self.pool.close()


def explore_parallel(
    ts: TransitionSystem,
    props: Sequence[str],
    max_states: int = 200_000,
    guard: Guard = NO_GUARD,
    progress: Callable[[int, int, float], None] | None = None,
    bound: int | None = None,
    workers: int = 2,
    local_below: int = LOCAL_BELOW,
    here: bool = True,
) -> Exploration:
    """As verifier.engines.explicit.explore(..., por=False), each level expanded by `workers`
    processes: this one and `workers - 1` worker processes (with `here`; this one also inserts
    the successors), or `workers` worker processes (without); 1: in this process only. Over
    tuples (the one-process search) where the system's states cannot be packed."""
    it = Interpreter(ts)
    p = it.packed()
    if p is None:
        return explore(ts, props, max_states, guard, progress, bound)
    procs = workers - 1 if here else workers
    pool = _Pool.starting(ts, props, procs) if workers > 1 else None
    try:
        local = Expander(ts, props, it)
        space = Space(p.init, p.next_states, p.property_checker, p.unpack, p.pack, p.layout.bits)
        search = _Search(ts, props, max_states, guard, progress, bound, space, local, pool, workers, local_below)
        search.here = here
        return search.run()
    except PackedRangeError:
        tuples = Space(ts.init, it.next_states, it.property_checker, _same, _same)
        return _explore(ts, props, max_states, guard, progress, bound, it, tuples)
    finally:
        if pool is not None:
            pool.close()


def _same(s: Any) -> Any:
    return s


class _Search:
    """One search's driver (see the module's docstring)."""

    def __init__(
        self,
        ts: TransitionSystem,
        props: Sequence[str],
        max_states: int,
        guard: Guard,
        progress: Callable[[int, int, float], None] | None,
        bound: int | None,
        space: Space,
        local: Expander,
        pool: _Starting | None,
        workers: int,
        local_below: int,
    ) -> None:
        self.want = list(dict.fromkeys(props))
        self.max_states, self.guard, self.progress, self.bound = max_states, guard, progress, bound
        self.space, self.local, self.pool, self.workers = space, local, pool, workers
        self.local_below = local_below
        self.here = True  # this process expands a share of each level (workers - 1 processes the rest)
        assert space.bits is not None
        self.store = StateStore(space.bits, wide_actions=len(ts.actions) >= 2**16)
        self.found: dict[str, Outcome] = {}
        self.taken: set[int] = set()

    # ---- chunks ----------------------------------------------------------------------------
    def _chunks(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """lo..hi in chunks of whole BATCHes: about four per worker (the driver inserts one while
        the workers expand the next), at most CHUNK_MAX states."""
        n = hi - lo
        per = -(-n // (4 * max(1, self.workers)))
        size = min(CHUNK_MAX, max(BATCH, -(-per // BATCH) * BATCH))
        return [(a, min(a + size, hi)) for a in range(lo, hi, size)]

    def _stream(self, chunks: list[tuple[int, int]], mode_of: Callable[[], int]) -> Any:
        """The results of `chunks`, in order, each run with the mode `mode_of` says when it is
        sent. Small work runs here; otherwise two chunks per worker are in flight. The caller
        may stop iterating: what is in flight is drained when the generator closes."""
        store = self.store
        pool = None
        if self.pool is not None and chunks[-1][1] - chunks[0][0] >= self.local_below:
            pool = self.pool.ready(wait=self.local_below == 0)
        if pool is None:
            for a, b in chunks:
                yield a, b, self.local.run(mode_of(), a, store.rows(a, b).tobytes())
            return
        w = self.workers
        here = self.here  # chunk j runs in slot j % w; slot 0 is this process when `here`

        def proc(j: int) -> int | None:
            slot = j % w
            return (slot - 1 if slot else None) if here else slot

        sent = 0
        got = 0
        try:
            while got < len(chunks):
                while sent < len(chunks) and sent < got + 2 * w:
                    i = proc(sent)
                    if i is not None:
                        a, b = chunks[sent]
                        pool.send(i, (mode_of(), a, store.rows(a, b).tobytes()))
                    sent += 1
                a, b = chunks[got]
                i = proc(got)
                done = self.local.run(mode_of(), a, store.rows(a, b).tobytes()) if i is None else pool.recv(i)
                got += 1
                yield a, b, done
        finally:
            while got < sent:  # what is in flight, so the pipes are empty for the next level
                i = proc(got)
                if i is not None:
                    with contextlib.suppress(Exception):  # the error that ends the search is on its way
                        pool.recv(i)
                got += 1

    # ---- results ---------------------------------------------------------------------------
    def _report(self, index: int, depth: int, props: Sequence[str]) -> None:
        trace: Trace | None = None
        for p in props:
            if p not in self.found:
                trace = trace or Trace(tuple(self.store.path(index)))
                self.found[p] = Violated(depth, trace, engine="explicit")

    def _checks(self, a: int, done: Done, depth: int) -> None:
        viol, faults, _ = done
        for k, bad in viol:
            self._report(a + k, depth, bad)
        self.taken.update(faults)

    def _mode(self, cut: bool) -> int:
        """How a level's next chunk is run: checked, expanded unless the budget `cut` the level,
        deadlock decided while it is open."""
        return CHECK | (0 if cut else EXPAND) | (DEADLOCK if self._dead_wanted() else 0)

    def _all_found(self) -> bool:
        return all(p in self.found for p in self.want)

    def _dead_wanted(self) -> bool:
        return "deadlock" in self.want and "deadlock" not in self.found

    def _pass(self, lo: int, hi: int, depth: int, mode: int) -> None:
        """Check the states lo..hi (and decide deadlock on them, with DEADLOCK) without
        expanding them: what explore did to them and this search has not."""
        if lo >= hi:
            return
        for a, _, done in self._stream(self._chunks(lo, hi), lambda: mode if self._dead_wanted() else mode & ~DEADLOCK):
            self._checks(a, done, depth)
            for j, sub in enumerate(done[2]):
                if sub[4] >= 0 and self._dead_wanted():
                    self._report(a + j * BATCH + sub[4], depth, ["deadlock"])

    # ---- the search ------------------------------------------------------------------------
    def run(self) -> Exploration:
        start = time.monotonic()
        store, want, guard = self.store, self.want, self.guard
        store.insert_batch([self.space.init], [-1], [0])
        lo, hi, depth = 0, 1, 0
        complete, stopped = True, ""
        checked = True  # every state of level `depth` was checked
        deadlock = "deadlock" in want
        while lo < hi:
            if self._all_found():  # explore stops before the level, which it checked
                self._pass(lo, hi, depth, CHECK)
                break
            if self.pool is not None and 4 * (hi - lo) >= self.local_below:
                self.pool.begin()  # the levels grow: soon they are sent to the workers
            if self.bound is not None and depth >= self.bound:
                self._pass(lo, hi, depth, CHECK | DEADLOCK)
                stopped = "bound"
                break
            if depth > 0 and guard.expired():
                complete, stopped, checked = False, "timeout", False
                break
            store.new_level()
            level_taken: set[int] = set()
            dead_at: int | None = None
            cut = False  # the state budget stopped the level's expansion
            timed_out = False
            chunks = self._chunks(lo, hi)
            # late binding wanted: a chunk sent after the budget cut the level is not expanded
            stream = self._stream(chunks, lambda: self._mode(cut))  # noqa: B023
            got = 0
            for a, b, done in stream:
                got += 1
                self._checks(a, done, depth)
                for j, (rows, parents, acts, taken, dead) in enumerate(done[2]):
                    first = a + j * BATCH
                    if not cut and len(store) >= self.max_states:
                        cut = True
                    if not cut:
                        if rows:
                            store.insert_rows(
                                np.frombuffer(rows, dtype=np.uint8).reshape(-1, store.nbytes_state),
                                np.frombuffer(parents, dtype=np.int64),
                                np.frombuffer(acts, dtype=np.int64),
                                distinct=True,
                            )
                        level_taken.update(taken)
                    if dead >= 0 and dead_at is None and deadlock and "deadlock" not in self.found:
                        dead_at = first + dead
                if b < hi and guard.expired():
                    timed_out = True
                    break
            stream.close()
            if timed_out:
                # the level's checks are not all back: the depth before is the one complete
                complete, stopped, checked = False, "timeout", got == len(chunks)
                if checked:
                    self.taken.update(level_taken)
                break
            if self._all_found():  # explore would not have expanded this level: undo it
                store.truncate(hi)
                break
            self.taken.update(level_taken)
            if dead_at is not None:
                self._report(dead_at, depth, ["deadlock"])
            if cut:
                # explore checked the successors it inserted, and decided deadlock on the rest
                # of the level (dead_at has it, from the chunks run with DEADLOCK)
                self._pass(store.levels[-1], len(store), depth + 1, CHECK)
                complete, stopped = False, "states"
                break
            depth += 1
            lo, hi = hi, len(store)
            if self.progress is not None:
                self.progress(depth, len(store), time.monotonic() - start)
        if not checked:
            depth -= 1
            lo, hi = store.levels[depth], store.levels[depth + 1]
        return result(want, self.found, store, lo, hi, depth, complete, stopped, self.taken, self.space.unpack, start)

"""Exhaustive breadth-first search with the states split between workers by a hash of each state.

The same search as verifier.engines.explicit.explore, level by level, with the same outcomes:
the same verdicts, each violation at its shortest depth, the same count of states when the search
completes (or stops at a depth bound), the same deadlock definition, state budget, guard and
progress. Only which of several shortest counterexamples is reported may differ (with one
partition it is the same as explore's).

Each worker (`Partition`) owns the states `owner(s, n) == index`: their visited set with parent
links (the parent state; its owner is a hash away), its share of each level's frontier, and the
property checks of its new states. The driver (`explore_partitioned`) asks every worker to expand
a chunk of its frontier; a worker keeps the successors it owns and returns the others bucketed by
owner, which the driver hands on. Between chunks the driver looks at the state budget and the
guard, so a long level is cut short where explore would cut it (to within a chunk). Traces are
rebuilt by asking the owners of their states for the parents, one round per depth for all of
them at once, back to the initial state.

Workers run in this process (`InProcess`, for tests), in worker processes (`LocalProcesses`, the
'forkserver' context, one pipe each) or as actors on a Dask cluster (verifier.engines.cluster). Each
builds its own interpreter from the pickled transition system.
"""

from __future__ import annotations

import pickle
import signal
import time
import traceback
from collections.abc import Callable, Sequence
from multiprocessing import get_context
from multiprocessing.connection import Connection
from typing import Any, Protocol

from verifier.engines.explicit import Exploration
from verifier.engines.work import NO_GUARD, Guard
from verifier.ir.interp import Interpreter, PackedRangeError, Space
from verifier.ir.model import TransitionSystem
from verifier.result import REACHABLE, Bounded, Outcome, Trace, Violated

CHUNK = 1024  # frontier states a worker expands per round: the driver looks at budget and guard between rounds
_M64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15  # 2**64 / golden ratio, odd
Bucket = list[tuple[Any, Any, int]]  # successors for one owner: (state, parent state, action)
Expanded = tuple[list[bytes], dict[str, Any], Any, int, bool, int]  # what Partition.expand returns


def owner(s: Any, count: int) -> int:
    """The worker that owns state `s`: a stable hash, the same in every process and on every run.
    `hash` of an int or of a tuple of ints is not randomised per process (only str and bytes
    are), but it is not well mixed (an int hashes to itself), so it is multiplied by the 64-bit
    golden ratio and the high bits taken (Fibonacci hashing: one multiplication per successor)."""
    if count == 1:
        return 0
    return ((((hash(s) & _M64) * _GOLDEN) & _M64) >> 32) % count


class RemoteError(Exception):
    """A worker failed: its traceback, as text."""


class Partition:
    """One worker's share of the search: the states it owns, their parents, its frontier.

    Every method takes and returns plain data (states are ints or tuples of ints), so the object
    can live in this process, in a worker process or as a Dask actor."""

    def __init__(self, ts: TransitionSystem | bytes, props: Sequence[str], index: int, count: int) -> None:
        self.ts: TransitionSystem = pickle.loads(ts) if isinstance(ts, bytes) else ts  # bytes: pickled
        self.index = index
        self.count = count
        self.want = list(dict.fromkeys(props))
        self.space: Space | None = None

    def setup(self, packed: bool) -> tuple[bool, Any]:
        """Build the interpreter, over packed states if asked and the system allows; which it is,
        and the initial state. Every worker builds the same packing from the same system."""
        it = Interpreter(self.ts)
        p = it.packed() if packed else None
        if p is not None:
            self.space = Space(p.init, p.next_states, p.property_checker, p.unpack, p.pack)
        else:
            self.space = Space(self.ts.init, it.next_states, it.property_checker, _same, _same)
        self.it = it
        self.violated = self.space.checker([p for p in self.want if p != "deadlock"])
        self.deadlock = "deadlock" in self.want
        self.parent: dict[Any, Any] = {}  # state -> (parent state, action) | None
        self.frontier: list[Any] = []
        self.next: list[Any] = []
        self.pos = 0  # how many states of the frontier were expanded
        self.taken: set[int] = set()
        self.dead_found = False
        return p is not None, self.space.init

    def _check(self, s: Any, found: dict[str, Any]) -> None:
        bad = self.violated(s)
        if bad:
            for p in bad:
                found.setdefault(p, s)
            # a statement whose check fails is reached, though its step is never taken
            self.taken.update(ai for _, _, ai in self.it.faults(self.space.unpack(s)))  # type: ignore[union-attr]

    def seed(self, s: Any) -> dict[str, Any]:
        """Own the initial state; the properties it violates (each with the state)."""
        found: dict[str, Any] = {}
        self.parent[s] = None
        self._check(s, found)
        self.frontier = [s]
        return found

    def expand(self, limit: int, dead_found: bool, advance: bool = False) -> Expanded:
        """Expand up to `limit` more states of the frontier (of the next level first, with
        `advance`): the successors owned by others (per owner, pickled: (state, parent, action)), the
        properties violated by the new states kept here, the first deadlocked state (or None), how
        many states are stored here, whether the frontier is done, and the next level's size here."""
        if advance:
            self.advance()
        space = self.space
        assert space is not None
        nexts, parent, me, n = space.next_states, self.parent, self.index, self.count
        buckets: list[list[tuple[Any, Any, int]]] = [[] for _ in range(n)]
        sent: set[Any] = set()
        found: dict[str, Any] = {}
        dead: Any = None
        check_dead = self.deadlock and not dead_found and not self.dead_found
        end = min(self.pos + limit, len(self.frontier))
        for s in self.frontier[self.pos : end]:
            succs = nexts(s)
            if check_dead and not succs and dead is None and self.it.stuck(space.unpack(s)):
                dead = s
                self.dead_found = True
            for ai, t in succs:
                self.taken.add(ai)
                o = ((((hash(t) & _M64) * _GOLDEN) & _M64) >> 32) % n  # owner(t, n), inlined
                if o == me:
                    if t in parent:
                        continue
                    parent[t] = (s, ai)
                    self._check(t, found)
                    self.next.append(t)
                elif t not in sent:
                    sent.add(t)
                    buckets[o].append((t, s, ai))
        self.pos = end
        # pickled here: the driver hands them on as they are, without unpickling them
        sealed = [pickle.dumps(b, pickle.HIGHEST_PROTOCOL) if b else b"" for b in buckets]
        return sealed, found, dead, len(parent), end >= len(self.frontier), len(self.next)

    def receive(self, sealed: Sequence[bytes]) -> tuple[dict[str, Any], int, int]:
        """Take the successors others found that this worker owns: the new ones join the next
        level; the properties they violate, how many states are stored here, and the next level's
        size here."""
        parent = self.parent
        found: dict[str, Any] = {}
        for t, s, ai in (x for b in sealed for x in pickle.loads(b)):
            if t in parent:
                continue
            parent[t] = (s, ai)
            self._check(t, found)
            self.next.append(t)
        return found, len(parent), len(self.next)

    def advance(self) -> int:
        """Start the next level: its size here."""
        self.frontier, self.next, self.pos = self.next, [], 0
        return len(self.frontier)

    def rest_deadlocks(self, limit: int) -> tuple[Any, bool]:
        """Check up to `limit` more unexpanded frontier states for deadlock (the last level, or
        what a cut level left): the first deadlocked one (or None), and whether all are checked."""
        space = self.space
        assert space is not None
        end = min(self.pos + limit, len(self.frontier))
        for s in self.frontier[self.pos : end]:
            self.pos += 1
            if not space.next_states(s) and self.it.stuck(space.unpack(s)):
                self.dead_found = True
                return s, False
        return None, end >= len(self.frontier)

    def parents(self, states: Sequence[Any]) -> list[Any]:
        return [self.parent[s] for s in states]

    def frontier_states(self) -> list[Any]:
        return list(self.frontier)

    def unpack(self, states: Sequence[Any]) -> list[Any]:
        assert self.space is not None
        return [self.space.unpack(s) for s in states]

    def stats(self) -> tuple[int, set[int]]:
        return len(self.parent), self.taken

    def ping(self) -> bool:
        return True


def _same(s: Any) -> Any:
    return s


class Workers(Protocol):
    """Where the partitions live: `run` calls methods on several of them at once, each result
    in the order of the calls."""

    count: int

    def run(self, calls: Sequence[tuple[int, str, tuple[Any, ...]]]) -> list[Any]: ...

    def close(self) -> None: ...


class InProcess:
    """The partitions as objects of this process, called one after the other (for tests, and
    for one partition)."""

    def __init__(self, ts: TransitionSystem, props: Sequence[str], count: int) -> None:
        self.count = count
        self.parts = [Partition(ts, props, i, count) for i in range(count)]

    def run(self, calls: Sequence[tuple[int, str, tuple[Any, ...]]]) -> list[Any]:
        return [getattr(self.parts[i], m)(*a) for i, m, a in calls]

    def close(self) -> None:
        self.parts = []


def _serve(conn: Connection, ts: TransitionSystem, props: list[str], index: int, count: int) -> None:
    """A worker process: call what the driver asks on its partition until the pipe closes. The
    driver decides what a Ctrl-C does, so the worker ignores SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    part = Partition(ts, props, index, count)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        method, args = msg
        try:
            conn.send(("ok", getattr(part, method)(*args)))
        except PackedRangeError:
            conn.send(("range", None))
        except MemoryError:
            conn.send(("memory", None))
        except Exception:
            conn.send(("error", traceback.format_exc()))


class LocalProcesses:
    """The partitions in worker processes of this machine ('forkserver' context, one pipe each)."""

    def __init__(self, ts: TransitionSystem, props: Sequence[str], count: int) -> None:
        # 'forkserver': a server process that imported this module once forks each worker, so a
        # worker starts in milliseconds, not the seconds 'spawn' takes to import the program again
        # (the caller's __main__ included); nothing of this process (threads, locks) is inherited
        ctx = get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        self.count = count
        self.conns: list[Connection] = []
        self.procs: list[Any] = []
        for i in range(count):
            mine, theirs = ctx.Pipe()
            p = ctx.Process(target=_serve, args=(theirs, ts, list(props), i, count), daemon=True)
            p.start()
            theirs.close()
            self.conns.append(mine)
            self.procs.append(p)

    def run(self, calls: Sequence[tuple[int, str, tuple[Any, ...]]]) -> list[Any]:
        for i, m, a in calls:  # every worker starts before any answer is awaited
            self.conns[i].send((m, a))
        out = []
        failure: tuple[str, Any] | None = None
        for i, _, _ in calls:
            try:
                status, value = self.conns[i].recv()
            except (EOFError, OSError):
                status, value = "error", f"worker process {i} ended abruptly (out of memory, or killed)"
            if status != "ok" and failure is None:
                failure = (status, value)
            out.append(value)
        if failure is not None:
            if failure[0] == "range":
                raise PackedRangeError()
            if failure[0] == "memory":  # as if this process ran out: the variant is UNKNOWN (memory)
                raise MemoryError("a partition's worker process ran out of memory")
            raise RemoteError(failure[1])
        return out

    def close(self) -> None:
        stop_workers(self.conns, self.procs)
        self.conns, self.procs = [], []


def stop_workers(conns: Sequence[Connection], procs: Sequence[Any]) -> None:
    """Ask each worker process to end (None on its pipe), then wait a little, then terminate it."""
    for c in conns:
        try:
            c.send(None)
            c.close()
        except OSError:
            pass
    for p in procs:
        p.join(timeout=3)
        if p.is_alive():
            p.terminate()
            p.join()


def explore_partitioned(
    ts: TransitionSystem,
    props: Sequence[str],
    max_states: int = 200_000,
    guard: Guard = NO_GUARD,
    progress: Callable[[int, int, float], None] | None = None,
    bound: int | None = None,
    workers: int = 2,
    start: Callable[[TransitionSystem, Sequence[str], int], Workers] | None = None,
    chunk: int = CHUNK,
) -> Exploration:
    """As verifier.engines.explicit.explore, over `workers` partitions made by `start` (worker
    processes of this machine by default). Over packed states where the system allows, and again
    over tuples if a value leaves its packed field."""
    make = start or (lambda t, p, n: LocalProcesses(t, p, n) if n > 1 else InProcess(t, p, n))
    for packed in (True, False):
        pool = make(ts, props, workers)
        try:
            return _drive(pool, props, max_states, guard, progress, bound, packed, chunk)
        except PackedRangeError:
            if not packed:
                raise
        finally:
            pool.close()
    raise AssertionError("unreachable")


def _drive(
    pool: Workers,
    props: Sequence[str],
    max_states: int,
    guard: Guard,
    progress: Callable[[int, int, float], None] | None,
    bound: int | None,
    packed: bool,
    chunk: int,
) -> Exploration:
    t0 = time.monotonic()
    n = pool.count
    every = range(n)
    want = list(dict.fromkeys(props))
    setups = pool.run([(i, "setup", (packed,)) for i in every])
    init = setups[0][1]
    found: dict[str, tuple[int, Any]] = {}  # property -> (depth, state)

    def note(vs: dict[str, Any], depth: int) -> None:
        for p, s in vs.items():
            if p not in found:
                found[p] = (depth, s)

    note(pool.run([(owner(init, n), "seed", (init,))])[0], 0)
    sizes = [1 if i == owner(init, n) else 0 for i in every]
    stored = [0] * n
    stored[owner(init, n)] = 1
    depth = 0
    complete = True
    stopped = ""
    cut = False  # a level cut short (budget or guard): its unexpanded states still to check for deadlock
    # a level's first round moves every worker on to it (no round of its own for that)
    advance_due = False
    while sum(sizes) and len(found) < len(want):
        if bound is not None and depth >= bound:
            stopped = "bound"
            break
        if sum(stored) >= max_states or guard.expired():  # between levels too
            complete = False
            stopped = "states" if sum(stored) >= max_states else "timeout"
            break
        busy = list(every) if advance_due else [i for i in every if sizes[i]]
        nxt = [0] * n  # the next level's size, per worker
        while busy:
            res = pool.run([(i, "expand", (chunk, "deadlock" in found, advance_due)) for i in busy])
            advance_due = False
            inbox: list[list[bytes]] = [[] for _ in every]
            for i, (buckets, vs, dead, count, _, size) in zip(busy, res, strict=True):
                if dead is not None and "deadlock" not in found:
                    found["deadlock"] = (depth, dead)
                note(vs, depth + 1)
                stored[i], nxt[i] = count, size
                for j in every:
                    if buckets[j]:
                        inbox[j].append(buckets[j])
            busy = [i for i, r in zip(busy, res, strict=True) if not r[4]]
            to = [j for j in every if inbox[j]]
            for j, (vs, count, size) in zip(to, pool.run([(j, "receive", (inbox[j],)) for j in to]), strict=True):
                note(vs, depth + 1)
                stored[j], nxt[j] = count, size
            if busy and (sum(stored) >= max_states or guard.expired()):
                complete = False
                stopped = "states" if sum(stored) >= max_states else "timeout"
                cut = True
                break
        if not complete:
            break
        depth += 1
        sizes, advance_due = nxt, True
        if progress is not None:
            progress(depth, sum(stored), time.monotonic() - t0)
    if advance_due:  # the search ends at a level no round has started: the workers move on to it
        sizes = pool.run([(i, "advance", ()) for i in every])
    if "deadlock" in want and "deadlock" not in found and stopped != "timeout" and (cut or sum(sizes)):
        left = [i for i in every if sizes[i]]
        while left and "deadlock" not in found:
            if guard.expired():
                stopped = "timeout"
                break
            res = pool.run([(i, "rest_deadlocks", (chunk,)) for i in left])
            for dead, _ in res:
                if dead is not None and "deadlock" not in found:
                    found["deadlock"] = (depth, dead)
            left = [i for i, r in zip(left, res, strict=True) if not r[1]]
    frontier_left = sum(sizes) > 0
    if not frontier_left and complete:
        depth = max(depth - 1, 0)
    stats = pool.run([(i, "stats", ()) for i in every])
    states = sum(c for c, _ in stats)
    taken = frozenset().union(*(t for _, t in stats))
    outcomes: dict[str, Outcome] = {}
    done_all = complete and not frontier_left
    links = _links(pool, [s for _, s in found.values()])
    for p in want:
        if p in found:
            d, s = found[p]
            outcomes[p] = Violated(d, Trace(_path(links, s)), engine="explicit")
        elif done_all:
            outcomes[p] = Bounded(depth, f"all {states}{REACHABLE}")
        else:
            outcomes[p] = Bounded(depth, "")
    seconds = time.monotonic() - t0
    if done_all:
        return Exploration(outcomes, states, True, depth, seconds, taken=frozenset(taken))
    front, path_of = _frontier(pool)
    return Exploration(
        outcomes,
        states,
        False,
        depth,
        seconds,
        tuple(front),
        lambda s: list(path_of(s)),
        frozenset(taken),
        stopped or ("bound" if frontier_left else "states"),
    )


def _links(pool: Workers, states: Sequence[Any]) -> dict[Any, Any]:
    """The parent link of every state on the paths from the initial state to `states`: asked for
    level by level, backwards, the owners of a level's states all at once (one round per depth,
    not one call per state)."""
    n = pool.count
    links: dict[Any, Any] = {}
    level = list(dict.fromkeys(states))
    while level:
        by: list[list[Any]] = [[] for _ in range(n)]
        for s in level:
            by[owner(s, n)].append(s)
        to = [i for i in range(n) if by[i]]
        nxt: list[Any] = []
        for i, ps in zip(to, pool.run([(i, "parents", (by[i],)) for i in to]), strict=True):
            for s, link in zip(by[i], ps, strict=True):
                links[s] = link
                if link is not None and link[0] not in links:
                    nxt.append(link[0])
        level = list(dict.fromkeys(nxt))
    return links


def _path(links: dict[Any, Any], s: Any) -> tuple[int, ...]:
    acts: list[int] = []
    while links[s] is not None:
        s, ai = links[s]
        acts.append(ai)
    return tuple(reversed(acts))


FRONTIER_CAP = 50_000  # frontier states (with their paths) an incomplete search hands on


def _frontier(pool: Workers) -> tuple[list[Any], Callable[[Any], tuple[int, ...]]]:
    """The last level's states (unpacked; at most FRONTIER_CAP of them, the first of each
    worker's in turn), and a shortest path to each (built when asked for)."""
    n = pool.count
    per = pool.run([(i, "frontier_states", ()) for i in range(n)])
    take = max(1, FRONTIER_CAP // n)
    chosen = [s for lst in per for s in lst[:take]]
    links = _links(pool, chosen)
    by: list[list[Any]] = [[] for _ in range(n)]
    for s in chosen:
        by[owner(s, n)].append(s)
    plain: dict[Any, Any] = {}
    to = [i for i in range(n) if by[i]]
    for i, us in zip(to, pool.run([(i, "unpack", (by[i],)) for i in to]), strict=True):
        for s, u in zip(by[i], us, strict=True):
            plain[s] = u
    front: list[Any] = []
    packed: dict[Any, Any] = {}
    for s in chosen:
        u = plain[s]
        if u not in packed:
            front.append(u)
            packed[u] = s
    return front, lambda u: _path(links, packed[u])

"""Preemption-bounded search: deep counterexamples with few context switches, found fast.

Most concurrency bugs need only a few preemptions (a switch away from a thread that could have
gone on); the rest of the schedule can be what each thread does when left alone. This search
explores every run of at most c preemptions, for c = 0, 1, 2, ... (iterative context bounding),
breadth first over (state, last thread to step), with as many preemptions as its budget of
(state, thread) pairs allows: each round starts again from the initial state, so the budget
counts the pairs of every round (work, never seconds: the same rounds on an idle or a loaded
machine). A run with few preemptions may be long: the lost interrupt of spec/oadn_irqlock.irq
takes 49 steps and two preemptions, found here in seconds.

Every counterexample is a path of the transition system, so it is real (and is replayed before
it is shown); it is the shortest among runs of at most c preemptions, not necessarily the
shortest of all, and is reported as such. When the bounded space is exhausted without a
violation, that says nothing about runs with more preemptions.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from verifier.engines.work import NO_GUARD, Guard
from verifier.ir.interp import Interpreter, Space, over_states
from verifier.ir.model import TransitionSystem
from verifier.result import Trace, Violated

Key = tuple[Any, int]  # (state, the thread that took the last step; -1 at the start)


@dataclass(frozen=True, slots=True)
class Hunt:
    found: dict[str, Violated]
    preemptions: int  # every run of at most this many preemptions was searched (-1: none)
    states: int  # (state, thread) pairs visited, over all rounds
    seconds: float
    timed_out: bool = False  # the guard cut the search
    exhaustive: bool = False  # a round needed no preemption bound: every reachable state was seen


def preemption_bounded(
    ts: TransitionSystem,
    props: Sequence[str],
    max_preemptions: int | None = None,
    max_states: int = 2_000_000,
    guard: Guard = NO_GUARD,
    none_up_to: int = -1,
) -> Hunt:
    """Counterexamples for `props` with as few preemptions as possible (at most `max_preemptions`,
    or as many as the budget allows), within `max_states` (state, thread) pairs over all rounds."""
    it = Interpreter(ts)
    return over_states(it, lambda space: _rounds(it, props, max_preemptions, max_states, guard, none_up_to, space))


def _rounds(
    it: Interpreter,
    props: Sequence[str],
    max_preemptions: int | None,
    max_states: int,
    guard: Guard,
    none_up_to: int,
    space: Space,
) -> Hunt:
    start = time.monotonic()
    thread_of = [a.thread for a in it.ts.actions]
    open_props = list(dict.fromkeys(props))
    found: dict[str, Violated] = {}
    searched = -1
    spent = 0
    bound = 0
    exhaustive = False
    while open_props and (max_preemptions is None or bound <= max_preemptions):
        r = _round(it, open_props, bound, max_states - spent, guard, none_up_to, space, thread_of, found)
        spent += r.pairs
        open_props = [p for p in open_props if p not in found]
        if not r.complete:
            break
        searched = bound
        if not r.pruned and open_props:  # no run needed more preemptions: every reachable state seen
            exhaustive = True
            break
        bound += 1
    seconds = time.monotonic() - start
    return Hunt(found, searched, spent, seconds, guard.expired(), exhaustive)


@dataclass(frozen=True, slots=True)
class _Round:
    complete: bool  # the bounded space was exhausted (or every property found)
    pairs: int  # (state, thread) pairs visited
    pruned: bool  # some step was cut for needing one preemption too many


def _round(
    it: Interpreter,
    props: list[str],
    bound: int,
    max_states: int,
    guard: Guard,
    none_up_to: int,
    space: Space,
    thread_of: list[int],
    found: dict[str, Violated],
) -> _Round:
    """One breadth-first search over runs of at most `bound` preemptions; records violations in
    `found`."""
    init, nexts, unpack = space.init, space.next_states, space.unpack
    deadlock = "deadlock" in props
    violated = space.checker([p for p in props if p != "deadlock"])
    # per (state, last thread): the fewest preemptions it was reached with, and from where
    reached: dict[Key, tuple[int, Key | None, int]] = {(init, -1): (0, None, -1)}
    checked: set[Any] = {init}  # states whose properties were evaluated (under any last thread)

    def report(key: Key, bad: list[str]) -> None:
        trace = _trace(reached, key)
        for p in bad:
            if p not in found:
                found[p] = Violated(
                    len(trace), Trace(trace), engine="preemption-bounded", minimal=False, none_up_to=none_up_to
                )

    def done() -> bool:
        return all(p in found for p in props)

    if bad := violated(init):
        report((init, -1), bad)
    queue: deque[Key] = deque([(init, -1)])
    pruned = False
    expanded = 0
    while queue and not done():
        key = queue.popleft()
        s, last = key
        used = reached[key][0]
        succ = nexts(s)
        if not succ:
            if deadlock and "deadlock" not in found and it.stuck(unpack(s)):
                report(key, ["deadlock"])
            continue
        last_can_go_on = any(thread_of[ai] == last for ai, _ in succ)
        for ai, x in succ:
            t = thread_of[ai]
            n = used + (1 if last_can_go_on and t != last else 0)
            if n > bound:
                pruned = True
                continue
            nk = (x, t)
            old = reached.get(nk)
            if old is not None and old[0] <= n:
                continue
            reached[nk] = (n, key, ai)
            if x not in checked:
                checked.add(x)
                if bad := violated(x):
                    report(nk, bad)
            queue.append(nk)
        expanded += 1
        if len(reached) >= max_states or (expanded % 64 == 0 and guard.expired()):
            return _Round(False, len(reached), pruned)
    return _Round(not queue or done(), len(reached), pruned)


def _trace(reached: dict[Key, tuple[int, Key | None, int]], key: Key) -> tuple[int, ...]:
    acts: list[int] = []
    seen = {key}
    while (link := reached[key])[1] is not None:
        _, parent, ai = link
        key = parent  # type: ignore[assignment]
        acts.append(ai)
        if key in seen:  # cannot happen: a pair's parent was reached with fewer preemptions
            raise AssertionError("cycle in the preemption-bounded search tree")
        seen.add(key)
    return tuple(reversed(acts))

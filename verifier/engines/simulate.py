"""Random simulation: find deep counterexamples that exhaustive search does not reach in its budget.

Walks pick an enabled action at random (seeded, so a run is repeatable; the budget is a number of
steps, never seconds, so it is the same walks on an idle or a loaded machine) and check every open
property at each state. When an exhaustive search has run, three walks in four start from a random
state of the deepest level it completed (after that state's shortest path) and are short: they
only have to cover the last steps. Every other walk picks a thread first and then one of its
actions, so threads with many branches (a daemon's loop) do not crowd out the rest.
A counterexample found this way is real but not necessarily the shortest: it is shortened
(repeated states cut out, then single steps deleted while the rest still replays to a violation)
and reported as not minimal, with the depth up to which exhaustive search found none.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from verifier.engines.work import NO_GUARD, Guard
from verifier.ir.interp import Interpreter, Space, State, over_states
from verifier.ir.model import TransitionSystem
from verifier.render.trace import violates
from verifier.result import Trace, Violated


def simulate(
    ts: TransitionSystem,
    props: Sequence[str],
    max_steps: int,
    length: int = 150,
    seed: int = 0,
    max_walks: int | None = None,
    none_up_to: int = -1,
    starts: Sequence[State] = (),
    path_to: Callable[[State], list[int]] | None = None,
    guard: Guard = NO_GUARD,
) -> dict[str, Violated]:
    """Counterexamples found within `max_steps` steps in all (or `max_walks` walks) for the
    properties in `props`; the guard only cuts the walks short.

    Walks run over packed states with the compiled successor and property functions
    (`Interpreter.packed`), over tuples if the system does not pack."""
    it = Interpreter(ts)
    return over_states(
        it,
        lambda space: _walks(it, props, max_steps, length, seed, max_walks, none_up_to, starts, path_to, guard, space),
    )


def _walks(
    it: Interpreter,
    props: Sequence[str],
    max_steps: int,
    length: int,
    seed: int,
    max_walks: int | None,
    none_up_to: int,
    starts: Sequence[State],
    path_to: Callable[[State], list[int]] | None,
    guard: Guard,
    space: Space,
) -> dict[str, Violated]:
    ts = it.ts
    thread_of = [a.thread for a in ts.actions]
    rng = random.Random(seed)
    open_props = list(dict.fromkeys(props))
    pack, nexts, checker = space.pack, space.next_states, space.checker
    violated = checker(open_props)
    found: dict[str, Violated] = {}
    init = pack(ts.init)
    begin = [(pack(x), x) for x in starts] if path_to is not None else []
    walks = 0
    steps_taken = 0
    while open_props and steps_taken < max_steps and (max_walks is None or walks < max_walks):
        if walks % 16 == 0 and guard.expired():
            break
        walks += 1
        s = init
        path: list[int] = []
        steps = length
        if begin and path_to is not None and walks % 4 != 0:
            s, plain = begin[rng.randrange(len(begin))]
            path = path_to(plain)
            steps = max(16, length // 4)  # the search already covered the first `len(path)` steps
        by_thread = walks % 2 == 0
        for _ in range(steps):
            steps_taken += 1
            succ = nexts(s)
            if not succ:
                break
            if by_thread:
                threads = sorted({thread_of[ai] for ai, _ in succ})
                tid = threads[rng.randrange(len(threads))]
                succ = [x for x in succ if thread_of[x[0]] == tid]
            ai, s = succ[rng.randrange(len(succ))]
            path.append(ai)
            hit = violated(s)
            if hit:
                for p in hit:
                    short = shorten(it, ts, p, path)
                    found[p] = Violated(
                        len(short), Trace(tuple(short)), engine="simulation", minimal=False, none_up_to=none_up_to
                    )
                    open_props.remove(p)
                violated = checker(open_props)
                break
    return found


def shorten(it: Interpreter, ts: TransitionSystem, prop: str, actions: list[int]) -> list[int]:
    """A shorter sequence of the same actions that still replays to a state violating `prop`."""
    path = _cut_cycles(it, actions)
    changed = True
    while changed:
        changed = False
        for i in range(len(path) - 1, -1, -1):
            candidate = path[:i] + path[i + 1 :]
            if _ends_violating(it, ts, prop, candidate):
                path = candidate
                changed = True
    return path


def _cut_cycles(it: Interpreter, actions: list[int]) -> list[int]:
    """Drop every stretch of the path that returns to a state already visited."""
    states: list[State] = it.replay(actions)
    last = {s: i for i, s in enumerate(states)}
    out: list[int] = []
    i = 0
    while i < len(actions):
        i = last[states[i]]  # the same state, visited for the last time
        if i >= len(actions):
            break
        out.append(actions[i])
        i += 1
    return out


def _ends_violating(it: Interpreter, ts: TransitionSystem, prop: str, actions: list[int]) -> bool:
    try:
        states = it.replay(actions)
    except Exception:
        return False
    return violates(ts, it, prop, states[-1])

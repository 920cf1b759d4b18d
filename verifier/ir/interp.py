"""The explicit-state interpreter of the IR: the reference semantics.

It evaluates expressions on concrete states, enumerates successors, replays counterexamples, and
searches small models exhaustively (breadth first, so the traces it finds are shortest).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from verifier.ir.model import (
    And,
    Arith,
    Cmp,
    Const,
    Expr,
    Ite,
    Mask,
    Member,
    Not,
    Or,
    Ref,
    SetOp,
    Size,
    TransitionSystem,
    c_div,
)

State = tuple[int | bool, ...]


def evaluate(e: Expr, s: State) -> int | bool:
    """The value of `e` in state `s`."""
    match e:
        case Const(v):
            return v
        case Ref(i):
            return s[i]
        case Not(a):
            return not evaluate(a, s)
        case And(args):
            return all(evaluate(a, s) for a in args)
        case Or(args):
            return any(evaluate(a, s) for a in args)
        case Ite(c, a, b):
            return evaluate(a, s) if evaluate(c, s) else evaluate(b, s)
        case Cmp(op, a, b):
            x, y = evaluate(a, s), evaluate(b, s)
            if op == "==":
                return x == y
            if op == "!=":
                return x != y
            x, y = int(x), int(y)
            return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]
        case Arith(op, a, b):
            x, y = int(evaluate(a, s)), int(evaluate(b, s))
            if op == "+":
                return x + y
            if op == "-":
                return x - y
            if op == "*":
                return x * y
            if op == "/":
                return c_div(x, y)
            return x - y * c_div(x, y) if y else 0
        case SetOp(op, a, b, n):
            x, y = int(evaluate(a, s)), int(evaluate(b, s))
            v = x | y if op == "union" else x & ~y if op == "diff" else x & y
            return v & ((1 << n) - 1)
        case Member(st, idx, n):
            i = int(evaluate(idx, s))
            return 0 <= i < n and bool(int(evaluate(st, s)) >> i & 1)
        case Mask(bits):
            return sum(1 << i for i, b in enumerate(bits) if evaluate(b, s))
        case Size(st, _):
            return bin(int(evaluate(st, s))).count("1")
    raise TypeError(f"cannot evaluate {e!r}")


@dataclass(frozen=True, slots=True)
class Step:
    """One transition: the action taken (index into ts.actions) and the state it leads to."""

    action: int
    state: State


class Interpreter:
    """Concrete semantics of one transition system."""

    def __init__(self, ts: TransitionSystem):
        self.ts = ts
        self.by_pc: dict[tuple[int, int], list[int]] = {}
        for i, a in enumerate(ts.actions):
            self.by_pc.setdefault((a.thread, a.src), []).append(i)

    def actions_at(self, s: State, tid: int) -> list[int]:
        pc = int(s[self.ts.threads[tid].pc])
        return self.by_pc.get((tid, pc), [])

    def faults(self, s: State) -> list[tuple[str, int, int]]:
        """The checks violated in `s`: (check, thread, action) for every fault that holds."""
        out = []
        for t in self.ts.threads:
            for ai in self.actions_at(s, t.tid):
                for check, cond in self.ts.actions[ai].faults:
                    if evaluate(cond, s):
                        out.append((check, t.tid, ai))
        return out

    def enabled(self, s: State, ai: int) -> bool:
        a = self.ts.actions[ai]
        return bool(evaluate(a.guard, s)) and not any(evaluate(c, s) for _, c in a.faults)

    def apply(self, s: State, ai: int) -> State:
        a = self.ts.actions[ai]
        out = list(s)
        for var, e in a.updates:
            out[var] = evaluate(e, s)
        return tuple(out)

    def successors(self, s: State) -> Iterator[Step]:
        for t in self.ts.threads:
            for ai in self.actions_at(s, t.tid):
                if self.enabled(s, ai):
                    yield Step(ai, self.apply(s, ai))

    def deadlocked(self, s: State) -> bool:
        """No thread can step, and some non-daemon thread is blocked: not done, not stopped in front
        of a failing check (that is the check's violation), not stopped at a false `assume`."""
        stuck = False
        for t in self.ts.threads:
            acts = self.actions_at(s, t.tid)
            if any(self.enabled(s, ai) for ai in acts):
                return False
            if t.daemon or int(s[t.pc]) == t.end:
                continue
            if any(evaluate(c, s) for ai in acts for _, c in self.ts.actions[ai].faults):
                continue
            if acts and all(self.ts.actions[ai].blocks_at_assume for ai in acts):
                continue
            stuck = True
        return stuck

    def violated(self, prop: str, s: State) -> bool:
        """Does state `s` violate safety property `prop` (an invariant, a check, or deadlock)?"""
        for inv in self.ts.invariants:
            if inv.name == prop:
                return not evaluate(inv.expr, s)
        if prop == "deadlock":
            return self.deadlocked(s)
        return any(check == prop for check, _, _ in self.faults(s))

    def search(self, prop: str, max_states: int = 2_000_000) -> tuple[list[Step] | None, int, bool]:
        """Breadth-first search for a state violating `prop`.

        Returns (shortest trace or None, states explored, complete) where `complete` says the
        whole reachable state space was explored (so None means the property holds for all depths).
        """
        init = self.ts.init
        if self.violated(prop, init):
            return [], 1, True
        parent: dict[State, tuple[State, int] | None] = {init: None}
        queue = deque([init])
        while queue:
            s = queue.popleft()
            for step in self.successors(s):
                if step.state in parent:
                    continue
                parent[step.state] = (s, step.action)
                if self.violated(prop, step.state):
                    return self._trace(parent, step.state), len(parent), True
                if len(parent) >= max_states:
                    return None, len(parent), False
                queue.append(step.state)
        return None, len(parent), True

    def reachable(self, max_states: int = 2_000_000) -> tuple[dict[State, int], bool]:
        """Every reachable state with its BFS depth; complete is False if max_states was hit."""
        depth = {self.ts.init: 0}
        queue = deque([self.ts.init])
        while queue:
            s = queue.popleft()
            for step in self.successors(s):
                if step.state not in depth:
                    depth[step.state] = depth[s] + 1
                    if len(depth) >= max_states:
                        return depth, False
                    queue.append(step.state)
        return depth, True

    def _trace(self, parent: dict[State, tuple[State, int] | None], last: State) -> list[Step]:
        steps = []
        s = last
        while parent[s] is not None:
            prev, ai = parent[s]  # type: ignore[misc]
            steps.append(Step(ai, s))
            s = prev
        return steps[::-1]

    def replay(self, actions: list[int]) -> list[State]:
        """The states visited by taking `actions` from the initial state; raises ReplayError if an
        action is not enabled where the trace takes it."""
        states = [self.ts.init]
        for n, ai in enumerate(actions):
            s = states[-1]
            a = self.ts.actions[ai]
            if int(s[self.ts.threads[a.thread].pc]) != a.src or not self.enabled(s, ai):
                raise ReplayError(f"step {n + 1} ({self.ts.threads[a.thread].name}: {a.origin.text}) is not enabled")
            states.append(self.apply(s, ai))
        return states


class ReplayError(Exception):
    """A counterexample that the reference semantics does not reproduce: an engine bug."""

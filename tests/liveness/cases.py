"""Small hand-written liveness specs with their verdicts, and helpers the tests share."""

from __future__ import annotations

from engines.harness import checked

from verifier.engines.liveness import ReachableGraph, fair_masks
from verifier.engines.rank import _groups, _product
from verifier.engines.work import Meter
from verifier.ir.l2s import obligation, temporal
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem

SERVED = """
var irq: eventfd;

thread device {
  loop {
    eventfd_signal(irq);
  }
}

FAIRNESS daemon thread handler {
  loop {
    eventfd_read(irq);
  }
}

property served: irq.signalled ~> !irq.signalled;
"""

# A waiter for a flag that a fair toggler keeps setting and clearing: it is enabled only on and
# off, so weak fairness does not make it run, strong fairness does.
TOGGLE = """
var flag: bool;
var got: bool;

fair daemon thread toggler {
  loop {
    flag = !flag;
  }
}

FAIRNESS thread waiter {
  await flag;
  got = true;
}

property eventually_got: eventually got;
"""

# eventually / always eventually over a counter that a fair thread cycles through.
COUNTER = """
var n: 0..2;

FAIRNESS daemon thread ticker {
  loop {
    n = (n + 1) % 3;
  }
}

property reaches_two: eventually n == 2;
property keeps_returning: always eventually n == 0;
"""

# The trigger is never reached: the property holds, with a warning.
NEVER = """
var x: bool;
var y: bool;

fair thread t {
  y = true;
}

property never_triggered: x ~> y;
"""

# Every run ends in a deadlock: the property holds only because the runs get stuck.
STUCK = """
var y: bool;
var go: bool;

fair thread t {
  y = true;
  await go;
}

property ends_well: always eventually y;
"""

# Every run ends normally: no warning.
ENDS = """
var y: bool;

fair thread t {
  y = true;
}

property ends_well: always eventually y;
"""


def system(text: str, fairness: str = "fair", variant: str = "default") -> TransitionSystem:
    return lower(checked(text.replace("FAIRNESS", fairness)), variant)


def ranking_groups(ts: TransitionSystem, prop: str) -> int | None:
    """How many groups rank.py's ranking of the enumerated graph has (None: it has none), without
    building its certificate."""
    ob = obligation(temporal(ts, prop))
    sys = ReachableGraph(ts, ob)
    graph = _product(sys, ob, 120_000, Meter(60.0))
    assert not isinstance(graph, str), graph
    _, edges, enabled = graph
    weak, strong = fair_masks(ts)
    groups = _groups(edges, enabled, sys.thread_of, weak | strong)
    return None if isinstance(groups, str) else len(groups[0])

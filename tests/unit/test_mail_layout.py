"""The default text output a reviewer pastes into a mail: at most 100 columns (80 for a two-thread
trace), no identifier split across lines, one line per kernel-level event, and every step that
changes a variable the property reads is shown with its value. Checked on the bundled specs' own
counterexamples and on small specs made for one point each, against the replayed trace itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from verifier.engines.portfolio import Budget
from verifier.ir.lower import lower
from verifier.pipeline import Cell, Request, SpecResult, check_spec, verify
from verifier.render import text as text_module
from verifier.render.text import events, render_matrix, render_result, render_trace
from verifier.render.trace import TraceView, property_refs

ROOT = Path(__file__).resolve().parents[2]
# enough to find every counterexample the bundled specs' expect lines name (oadn_irqlock's
# no_lost_interrupt, 49 steps, needs more than 300,000 hunt states); the `bundled` fixture fails if
# one is missing. Both kinds of trace are drawn: minimal ones from exhaustive search (the small specs,
# oadn_irqlock's sleep_in_atomic at 26 steps) and the preemption-bounded search's, not known to be
# minimal (oadn_irqlock's no_lost_interrupt; oadn_v9's, at the depths the CI budgets' exhaustive
# search gives). Larger budgets only make the cells that hold take longer to say so.
BUDGET = Budget(max_states=20_000, hunt_states=800_000, walk_steps=20_000, proof_work=1)
# the CI run's budgets: exhaustive search finds the v9 race's minimal trace (28 steps)
CI_BUDGET = Budget(max_states=300_000, hunt_states=2_000_000, walk_steps=100_000, proof_work=2)
SMALL = Budget(max_states=20_000, hunt_states=0, walk_steps=0, proof_work=1)
# for a matrix of cells that the search leaves open: proofs would not settle them at these budgets
# (the matrix is the same with them), they would only take longer to give up
NO_PROOF = Budget(max_states=20_000, hunt_states=0, walk_steps=0, proof_work=0)


def run(path: Path | str, budget: Budget = SMALL, properties: tuple[str, ...] = ()) -> SpecResult:
    (r,) = verify([str(path)], {}, Request(properties=properties, budget=budget, jobs=1))
    assert isinstance(r, SpecResult), r
    return r


def traced(r: SpecResult) -> list[Cell]:
    return [c for c in r.cells if c.trace is not None]


def movers(view: TraceView) -> set[str]:
    return {s.thread for s in view.steps}


def write(tmp_path: Path, text: str, name: str = "t.irq") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def expected_counterexamples() -> list[tuple[str, tuple[str, ...], tuple[str, ...], frozenset[tuple[str, str]]]]:
    """Per bundled spec, the variants and properties its `expect` lines say are violated, and those
    (variant, property) cells: the cells with a counterexample to draw."""
    out = []
    for path in sorted((ROOT / "spec").glob("*.irq")):
        violated = [e for e in check_spec(str(path), {}).expectations if e.verdict == "violated"]
        if violated:
            variants = tuple(dict.fromkeys(e.variant for e in violated))
            properties = tuple(dict.fromkeys(e.property for e in violated))
            out.append((path.name, variants, properties, frozenset((e.variant, e.property) for e in violated)))
    return out


COUNTEREXAMPLES = expected_counterexamples()


@pytest.fixture(scope="module", params=COUNTEREXAMPLES, ids=[c[0] for c in COUNTEREXAMPLES])
def bundled(request: pytest.FixtureRequest) -> SpecResult:
    name, variants, properties, cells = request.param
    req = Request(variants=variants, properties=properties, budget=BUDGET, jobs=1)
    (r,) = verify([str(ROOT / "spec" / name)], {}, req)
    assert isinstance(r, SpecResult), r
    assert traced(r), f"{name}: no counterexample to look at"
    missing = cells - {(c.variant, c.property) for c in traced(r)}
    assert not missing, f"{name}: no counterexample within BUDGET for {sorted(missing)}"
    return r


def test_bundled_output_fits_a_mail(bundled: SpecResult) -> None:
    """The whole default output fits 100 columns, the verdict matrix included; a trace of two
    threads fits 80."""
    text = render_result(bundled)
    wide = [line for line in text.splitlines() if len(line) > 100]
    assert not wide, "\n".join(wide)
    for c in traced(bundled):
        assert c.trace is not None
        trace = render_trace(c.trace, minimal=c.minimal, none_up_to=c.none_up_to, engine=c.engine)
        if len(movers(c.trace)) <= 2:
            wide = [line for line in trace.splitlines() if len(line) > 80]
            assert not wide, f"{c.variant} {c.property}:\n" + "\n".join(wide)


def test_no_identifier_is_split(bundled: SpecResult) -> None:
    """Every word of every statement and every `name = value` a trace shows appears whole on one
    line: lines break only between words."""
    for c in traced(bundled):
        assert c.trace is not None
        text = render_trace(c.trace, minimal=c.minimal, none_up_to=c.none_up_to, engine=c.engine)
        words = set(text.split())
        for e in events(c.trace):
            for w in e.text.split():
                assert w in words, f"{c.property}: '{w}' of steps {e.first}-{e.last} is split or missing"
        lines = text.splitlines()
        for e in events(c.trace):
            for item in e.changes:
                assert any(item in line for line in lines), f"{c.property}: '{item}' is split across lines"


def test_every_change_the_property_reads_is_shown(bundled: SpecResult) -> None:
    """Differential against the replay: each step that changes a variable the property reads lies in
    an event that shows that variable (as a list, for a list's links) with its value after the event."""
    for c in traced(bundled):
        view = c.trace
        assert view is not None
        ts = lower(bundled.spec, c.variant)
        read = {ts.vars[i].name for i in property_refs(ts, c.property) if not ts.vars[i].hidden}
        evs = events(view)
        in_list = {v: lst.name for lst in ts.lists for v in (lst.head, lst.members, *(x for _, x in lst.next))}
        for s in view.steps:
            e = next(e for e in evs if e.first <= s.index <= e.last)
            after = view.states[e.last]  # the value the event leaves
            for ch in s.changes:
                if ch.var not in read or ch.before == ch.after or ch.var in s.says:
                    continue
                i = ts.var_index(ch.var)
                if i in in_list:  # a list is shown as its elements in order
                    assert any(item.startswith(f"{in_list[i]} = [") for item in e.changes), (c.property, s.index)
                    continue
                v = ts.vars[i]
                name = ch.var.removeprefix(f"{s.thread}.") if v.owner is not None else ch.var
                want = f"{name} = {v.display.show(v.sort, after[i])}"
                assert want in e.changes, f"{c.property}: step {s.index} changes {ch.var}; event shows {e.changes}"


def test_events_cover_every_step_once_in_order(bundled: SpecResult) -> None:
    for c in traced(bundled):
        assert c.trace is not None
        for verbose in (False, True):
            evs = events(c.trace, verbose)
            covered = [i for e in evs for i in range(e.first, e.last + 1)]
            assert covered == [s.index for s in c.trace.steps]
            if verbose:
                assert len(evs) == len(c.trace.steps)


def test_the_v9_race_reads_in_about_25_lines() -> None:
    """The two-notifier race of the v9 patch: the interleaving is at most 25 lines, each prelude call
    one line, and the ending gives the invariant's text and the values that falsify it."""
    r = run(ROOT / "spec" / "oadn_v9.irq", CI_BUDGET, ("unique_notifier",))
    (c,) = [c for c in traced(r) if c.variant == "shared_source"]
    assert c.trace is not None and c.minimal
    text = render_trace(c.trace)
    body = text.split("\n\n")[1]
    assert len(body.splitlines()) <= 25, body
    registers = [line for line in body.splitlines() if "kvm_register_irq_ack_notifier(kvm, n)" in line]
    assert len(registers) == 2  # one event each, the prelude's steps inside not shown
    assert all("›" not in line for line in registers)
    ending = text.split("\n\n")[2]
    assert "count(x: oadn | x in kvm.irq_ack_notifier_list.members && x.gsi == g) <= 1" in " ".join(ending.split())
    assert re.search(r"kvm\.irq_ack_notifier_list\.members = \{oadn#\d, oadn#\d\}", ending)
    assert "kvm_register_irq_ack_notifier" in ending and "list_add_rcu" in ending  # the call chain
    columns = render_trace(c.trace, layout="columns")
    assert all(re.search(rf"^\s*{s.index}\s", columns, re.M) for s in c.trace.steps)  # every step


def test_the_matrix_stacks_variants_that_do_not_fit() -> None:
    r = run(ROOT / "spec" / "oadn_irqlock.irq", NO_PROOF, ("unique_notifier", "deadlock"))
    text = render_matrix(r)
    assert all(len(line) <= 100 for line in text.splitlines()), text
    for v in ("irqlock", "sync_under_spinlock", "irqlock_shared_source"):
        assert v in text


ASSERT_SPEC = """\
var x: 0..3 = 0;
var y: 0..3 = 0;
thread a {
  local v: 0..3 = 0;
  v = x;
  assert v == 1;
  y = 2;
}
thread b {
  x = 1;
}
"""


def test_a_failing_assert_is_reported_at_the_assert(tmp_path: Path) -> None:
    """An assert that reads only locals runs in the next statement's step; the report still names
    the assert and its line, with the value that makes it false."""
    r = run(write(tmp_path, ASSERT_SPEC), properties=("assertion",))
    (c,) = traced(r)
    assert c.trace is not None
    assert "assert v == 1" in c.trace.final and ":6)" in c.trace.final
    assert "y = 2" not in c.trace.final
    text = render_trace(c.trace)
    assert "a.v = 0" in text
    assert "v = 0" in text.split("\n\n")[1]  # the value read, though equal to the local's default


CALLS_SPEC = """\
var l: [0..1]mutex;
var m: spinlock;
var hits: 0..4;
thread t {
  foreach i: 0..1 {
    mutex_lock(l[i]);
  }
  spin_lock(m);
  hits += 1;
  spin_unlock(m);
  foreach i: 0..1 {
    mutex_unlock(l[i]);
  }
  assert hits == 0;
}
"""


def test_each_call_is_its_own_event_and_bookkeeping_is_hidden(tmp_path: Path) -> None:
    """mutex_lock's two steps are one event, but the two calls of an unrolled foreach are two; lock
    owners and preempt counts are not shown unless asked (-v), and the columns layout keeps them."""
    r = run(write(tmp_path, CALLS_SPEC), properties=("assertion",))
    (c,) = traced(r)
    assert c.trace is not None
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(text_module, "FOLD_MIN", 10**9)  # the calls themselves, unfolded
        evs = events(c.trace)
    locks = [e for e in evs if e.text.startswith("mutex_lock(")]
    assert len(locks) == 2 and all(e.last > e.first for e in locks)
    text = render_trace(c.trace)
    assert ".owner" not in text and "preempt_count" not in text
    verbose = render_trace(c.trace, verbose=True)
    assert "preempt_count" in verbose and "l[0].owner = t" in verbose
    assert len(events(c.trace, verbose=True)) == len(c.trace.steps)
    assert "l[0].owner = t" in render_trace(c.trace, layout="columns")


def test_one_thread_one_step_are_singular(tmp_path: Path) -> None:
    spec = "var x: 0..1;\nthread a {\n  assert x == 1;\n}\n"
    r = run(write(tmp_path, spec), properties=("assertion",))
    assert ": 1 thread," in render_matrix(r)


def test_a_trace_without_steps_renders(tmp_path: Path) -> None:
    """A lasso whose initial state repeats for ever has no step: both layouts still say so."""
    spec = "var x: 0..1;\nthread a {\n  await x == 1;\n}\n"
    r = run(write(tmp_path, spec), properties=("assertion",))
    ts = lower(r.spec, "default")
    view = TraceView(r.spec.path, "default", "p", ("a",), (), (ts.init,), "p: its predicate never holds", 0)
    for layout in ("mail", "columns"):
        text = render_trace(view, layout=layout)
        assert "never holds" in text and "repeats for ever" in text

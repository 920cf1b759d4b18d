"""A pointer obtained before its object's free stays a use after free after the slot is reused.

`free(p)` turns every stored copy of p into the one dangling value (docs/language.md, pools), so
the explicit search, BMC and the command line report a stale access as `use_after_free` even when
alloc has handed the slot out again. The generated specs are also checked against a twin that
tracks real allocation generations: the same spec lowered so that each alloc takes a slot never
used before (a pool as large as the number of alloc statements, exhaustion counted against the
real size) and a freed slot is never live again; there a stale pointer is simply a pointer to a
dead slot, with no dangling value at all. Both must give `use_after_free` the same verdict at the
same depth.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from strategies import fixed_settings, stale_pointer_specs
from support import prelude_parsed_once

from engines.harness import assert_outcome, checked, reference, system
from verifier.engines.bmc import bmc
from verifier.engines.explicit import explore
from verifier.engines.work import Meter
from verifier.ir import lower as L
from verifier.ir import model as M
from verifier.ir.model import (
    Ref,
    Size,
    TransitionSystem,
    const_int,
    mk_cmp,
    mk_eq,
    mk_ite,
    mk_mask,
    mk_member,
    mk_not,
    mk_setop,
    set_sort,
)
from verifier.result import Violated
from verifier.sema import typed as T

ROOT = Path(__file__).resolve().parents[2]

STALE_WRITE = """
pool obj[1] { f: 0..1; }
var g: obj?;
thread t {
  local a = alloc(obj);
  g = a;
  free(a);
  local b = alloc(obj);
  g.f = 1;
}
"""

# the writer frees a node still on the list and reuses its slot; the reader then walks the list
STALE_WALK = """
pool node[1] { key: 0..1; }
var nodes: list<node>;
var ready: bool;
var found: bool;
thread writer {
  local a = alloc(node);
  list_add(nodes, a);
  free(a);
  local b = alloc(node);
  ready = true;
}
thread reader {
  await ready;
  foreach n in nodes {
    if n.key == 0 { found = true; }
  }
}
"""


@pytest.fixture(autouse=True, scope="module")
def _prelude_once() -> Iterator[None]:
    with prelude_parsed_once():
        yield


def _uaf_everywhere(ts: TransitionSystem, depth: int) -> None:
    """use_after_free is violated at `depth` by the reference search, the explicit engine and BMC,
    each trace replaying to a violating state."""
    ref = reference(ts, 10_000)
    assert ref is not None
    assert ref.shortest.get("use_after_free") == depth
    ex = explore(ts, ["use_after_free"], 10_000)
    assert_outcome(ts, "use_after_free", ex.outcomes["use_after_free"], depth, depth, "explicit")
    for mode in ("bv", "int"):
        out = bmc(ts, "use_after_free", depth, Meter(600), mode)
        assert_outcome(ts, "use_after_free", out, depth, depth, f"bmc {mode}")


def test_a_stale_write_after_the_slot_is_reused_is_a_use_after_free() -> None:
    ts = system(STALE_WRITE)
    _uaf_everywhere(ts, 4)
    # the freed pointer and its copy are both dangling; the new object is live
    ex = explore(ts, ["use_after_free"], 10_000)
    out = ex.outcomes["use_after_free"]
    assert isinstance(out, Violated)
    from verifier.ir.interp import Interpreter

    last = Interpreter(ts).replay(list(out.trace.actions))[-1]
    by_name = {v.name: last[i] for i, v in enumerate(ts.vars)}
    assert by_name["g"] == M.DANGLING
    assert by_name["obj.live"] == 1


def test_a_list_walk_reaching_a_freed_and_reused_node_is_a_use_after_free() -> None:
    ts = system(STALE_WALK)
    ref = reference(ts, 10_000)
    assert ref is not None and "use_after_free" in ref.shortest
    _uaf_everywhere(ts, ref.shortest["use_after_free"])


def test_comparisons_are_not_accesses() -> None:
    # a dangling pointer is not none, equals another dangling pointer, and comparing is no access
    ts = system(
        "pool obj[1] { f: 0..1; } var g: obj?; var h: obj?; var ok: bool; "
        "thread t { local a = alloc(obj); g = a; h = a; free(a); local b = alloc(obj); "
        "ok = g != none && g == h && g != b; assert ok; }"
    )
    ref = reference(ts, 10_000)
    assert ref is not None
    assert "use_after_free" not in ref.shortest
    assert "assertion" not in ref.shortest


def test_the_command_line_reports_the_stale_write(tmp_path: Path) -> None:
    spec = tmp_path / "stale.irq"
    spec.write_text(STALE_WRITE)
    run = subprocess.run(
        [sys.executable, "-m", "verifier", "-p", "use_after_free", str(spec)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert run.returncode == 4, run.stdout + run.stderr
    assert re.search(r"use_after_free\s+VIOLATED", run.stdout), run.stdout
    assert "g = freed" in run.stdout


# ---- the twin: real allocation generations ------------------------------------------------------


class _Generations(L._Lowerer):
    """Lowering where alloc takes the lowest slot never allocated before, so a freed slot is never
    live again and a stale pointer is one to a dead slot; the pool is exhausted when `real`
    objects are live. No pointer is ever made dangling."""

    def __init__(self, spec: T.CheckedSpec, variant: str, real: int):
        super().__init__(spec, variant)
        self.freeable = frozenset()
        self.real = real
        self.ever: dict[str, int] = {}

    def _alloc(self, s: T.AllocTo) -> None:
        live_var, slots, pool = self.pools[s.pool]
        n = pool.size
        if s.pool not in self.ever:
            self.ever[s.pool] = self._new_var(f"{s.pool}.ever", set_sort(n), 0, None, L.Display()).expr.var  # type: ignore[attr-defined]
        ever_var = self.ever[s.pool]
        live = self.sigma.get(live_var, Ref(live_var))
        ever = self.sigma.get(ever_var, Ref(ever_var))
        fresh = [mk_not(mk_member(ever, const_int(i), n)) for i in range(n)]
        self.fault("pool_exhausted", mk_cmp(">=", Size(live, n), const_int(self.real)))
        assert n >= 1
        slot = const_int(n - 1)
        for i in range(n - 2, -1, -1):
            slot = mk_ite(fresh[i], const_int(i), slot)
        bit = mk_mask(tuple(mk_eq(slot, const_int(i)) for i in range(n)))
        self.sigma[live_var] = mk_setop("union", live, bit, n)
        self.sigma[ever_var] = mk_setop("union", ever, bit, n)
        for i, rec in enumerate(slots.items):
            for fname, storage in rec.fields:  # type: ignore[union-attr]
                ftype = dict(pool.fields)[fname]
                self.write([(mk_eq(slot, const_int(i)), storage)], self._default_layout(ftype), ftype, L.TRUE)
        self.write(self.targets(s.target, L.TRUE), L.Leaf(slot), L.PoolT(s.pool, n), L.TRUE)


def _uaf_depth(ts: TransitionSystem) -> int | None:
    ref = reference(ts, 20_000)
    assert ref is not None
    return ref.shortest.get("use_after_free")


@given(stale_pointer_specs())
@fixed_settings(60)
def test_dangling_pointers_agree_with_allocation_generations(drawn: tuple[str, int, int]) -> None:
    text, n, allocs = drawn
    real = system(text.replace("{size}", str(n)))
    twin_spec = checked(text.replace("{size}", str(max(n, allocs))))
    twin = _Generations(twin_spec, "default", n).run()
    assert _uaf_depth(real) == _uaf_depth(twin), text


# ---- foreach variables ---------------------------------------------------------------------------

# the loop variable over a set is freed, its slot reused, and then used, in one iteration
FOREACH_SET_OWN_FREE = """
pool obj[{size}] { f: 0..1; }
var s: set<obj>;
thread t {
  local a = alloc(obj);
  s = {a};
  foreach o in s {
    free(o);
    local b = alloc(obj);
    o.f = 1;
  }
}
"""

# another thread frees and reallocates the object while the loop body waits
FOREACH_SET_OTHER_FREE = """
pool obj[{size}] { f: 0..1; }
var s: set<obj>;
var g: obj?;
var done: bool;
thread writer {
  local a = alloc(obj);
  g = a;
  s = {a};
  await s == {};
  free(a);
  local b = alloc(obj);
  done = true;
}
thread reader {
  await s != {};
  foreach o in s {
    s = {};
    await done;
    o.f = 1;
  }
}
"""

# over the whole pool: the iteration's object is freed and reused by another thread mid-body
FOREACH_DOMAIN = """
pool obj[1] { f: 0..1; }
var ready: bool;
var done: bool;
var x: 0..1;
thread t {
  local a = alloc(obj);
  ready = true;
  await !ready;
  free(a);
  local b = alloc(obj);
  done = true;
}
thread u {
  await ready;
  foreach o: obj {
    ready = false;
    await done;
    x = o.f;
  }
}
"""


@pytest.mark.parametrize("text", [FOREACH_SET_OWN_FREE, FOREACH_SET_OTHER_FREE], ids=["own", "other"])
def test_a_set_loop_variable_freed_and_reused_agrees_with_generations(text: str) -> None:
    # the twin never reuses a slot, so its constant loop variable points to a dead one
    real = system(text.replace("{size}", "1"))
    twin = _Generations(checked(text.replace("{size}", "2")), "default", 1).run()
    depth = _uaf_depth(twin)
    assert depth is not None
    assert _uaf_depth(real) == depth
    _uaf_everywhere(real, depth)


def test_a_pool_loop_variable_freed_and_reused_by_another_thread_is_a_use_after_free() -> None:
    ts = system(FOREACH_DOMAIN)
    depth = _uaf_depth(ts)
    assert depth is not None
    _uaf_everywhere(ts, depth)


def test_loop_variables_that_cannot_dangle_stay_constants() -> None:
    # no free of the pool at all, or a one-step body over the pool: no storage for `o`
    for text in (
        "pool obj[2] { f: 0..1; } var s: set<obj>; "
        "thread t { local a = alloc(obj); s = {a}; foreach o in s { o.f = 1; o.f = 0; } }",
        "pool obj[2] { f: 0..1; } thread t { local a = alloc(obj); free(a); } thread u { foreach o: obj { o.f = 1; } }",
        "pool obj[2] { f: 0..1; } var s: set<obj>; "
        "thread t { local a = alloc(obj); s = {a}; atomic { foreach o in s { o.f = 1; o.f = 0; } } free(a); }",
    ):
        ts = system(text)
        assert not [v.name for v in ts.vars if re.search(r"\.o#\d+$", v.name)], text
    # and one that can is stored, once per iteration
    assert [v.name for v in system(FOREACH_DOMAIN).vars if re.search(r"\.o#\d+$", v.name)] == ["u.o#1"]

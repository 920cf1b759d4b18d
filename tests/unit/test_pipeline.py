"""verifier/pipeline.py: the stages chained, the state size, recursion turned into a diagnostic."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.diagnostics import SpecError
from verifier.pipeline import check_spec, guarded, summarize
from verifier.sema.types import IntT

SPEC = """
var a: 0..3;
var s: set<bool>;
pool P[2] { f: bool; }
thread t(k: bool) {
  local x: 0..7 = 1;
  skip;
}
"""


def test_check_spec_reads_the_file_or_takes_the_text(tmp_path: Path) -> None:
    path = tmp_path / "s.irq"
    path.write_text(SPEC, encoding="utf-8")
    from_file = check_spec(str(path))
    from_text = check_spec("elsewhere.irq", text=SPEC)
    assert from_file.globals == from_text.globals
    assert (from_file.path, from_text.path) == (str(path), "elsewhere.irq")


def test_check_spec_applies_overrides() -> None:
    spec = check_spec("o.irq", {"N": 3}, text="const N = 1;\nthread t(i: 0..N) { skip; }\n")
    assert len(spec.instances) == 4


def test_state_size_counts_shared_state_pools_locals_and_program_counters() -> None:
    spec = check_spec("s.irq", text=SPEC)
    summary = summarize(spec)
    own = {"a", "s"}
    prelude_bits = summary.shared_bits - (2 + 2 + 2 * (1 + 1))
    assert prelude_bits >= 0
    assert {g.name for g in spec.globals} >= own
    # per instance: x needs 3 bits; 2 statements + start + end = 4 program counters need 2 bits
    assert summary.thread_bits == 2 * (3 + 2)
    without_prelude = summarize(check_spec("s.irq", text=SPEC.replace("pool P[2] { f: bool; }", "")))
    assert summary.shared_bits - without_prelude.shared_bits == 2 * (1 + 1)


def test_guarded_turns_a_stack_overflow_into_irq007() -> None:
    def overflow() -> None:
        raise RecursionError

    with pytest.raises(SpecError) as info:
        guarded(overflow)
    (d,) = info.value.diagnostics
    assert (d.code, d.span) == ("IRQ007", None)


def test_guarded_passes_results_and_other_errors_through() -> None:
    assert guarded(lambda: 42) == 42
    with pytest.raises(ValueError):
        guarded(lambda: int("x"))


COVERAGE_SPEC = """
var x: 0..3;
var go: bool;
invariant small: x <= 2;
thread a() {
  x = 1;
  if x == 3 {
    go = true;
  }
}
thread b() {
  await go;
  x = 2;
}
"""


def test_statements_no_run_reaches_are_listed_with_their_line(tmp_path: Path) -> None:
    from verifier.pipeline import Request, verify
    from verifier.render.machine import cell_json
    from verifier.render.text import render_matrix

    path = tmp_path / "cov.irq"
    path.write_text(COVERAGE_SPEC, encoding="utf-8")
    (result,) = verify([str(path)], {}, Request(properties=("small",), jobs=1))
    u = result.unreached["default"]
    assert u.complete
    lines = {loc.rsplit(":", 1)[1]: (stmt, threads) for loc, stmt, threads in u.statements}
    # `go = true` (line 8) never runs, so b's await (line 12) never passes, nor does line 13 run
    assert set(lines) == {"8", "12", "13"}, lines
    assert lines["8"] == ("go = true;", ("a",))
    assert "NOT REACHED in any run" in render_matrix(result)
    assert cell_json(result.cells[0], u)["unreached"]["statements"][0]["location"].endswith(":8")


def test_a_run_with_no_safety_property_lists_no_statement_as_unreached(tmp_path: Path) -> None:
    from verifier.pipeline import Request, verify
    from verifier.render.text import render_matrix

    path = tmp_path / "cov.irq"
    path.write_text(COVERAGE_SPEC.replace("thread a()", "fair thread a()") + "property done: true ~> x >= 1;\n")
    (result,) = verify([str(path)], {}, Request(properties=("done",), jobs=1))
    assert [c.property for c in result.cells] == ["done"]
    assert "default" not in result.unreached  # no safety search ran, so none can say what it missed
    assert "NOT REACHED" not in render_matrix(result)


# ---- one check per spec per run -----------------------------------------------------------------


def _counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every spec the pipeline checks (parses, loads and type-checks) from now on."""
    import verifier.pipeline as pipeline

    calls: list[str] = []
    real = pipeline.check

    def counting(modules, overrides=None):  # type: ignore[no-untyped-def]
        calls.append(modules[-1].path)
        return real(modules, overrides)

    monkeypatch.setattr(pipeline, "check", counting)
    return calls


def test_a_run_checks_a_spec_once_and_sees_it_as_first_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier.pipeline import one_check_per_spec

    calls = _counting_checks(monkeypatch)
    path = tmp_path / "s.irq"
    text = SPEC + "const N = 1;\n"
    path.write_text(text, encoding="utf-8")
    with one_check_per_spec():
        first = check_spec(str(path))
        path.write_text(text.replace("0..3", "0..5"), encoding="utf-8")
        with one_check_per_spec():  # nested (the CLI's run around the pipeline's): the same cache
            assert check_spec(str(path)) is first
        assert check_spec(str(path), {}) is first
        assert check_spec(str(path), text=text) is not first  # another text is another spec
        assert check_spec(str(path), {"N": 2}) is not first  # so are other constants
    assert len(calls) == 3
    # the run is over: the file's change is seen, and each call outside a run checks again
    changed = check_spec(str(path))
    assert changed is not check_spec(str(path))
    assert [g.type for g in changed.globals if g.name == "a"] == [IntT(0, 5)]
    assert [g.type for g in first.globals if g.name == "a"] == [IntT(0, 3)]
    assert len(calls) == 5


def test_a_run_keeps_a_specs_errors_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier.pipeline import one_check_per_spec

    calls = _counting_checks(monkeypatch)
    path = tmp_path / "bad.irq"
    path.write_text("var a: Nope;\n", encoding="utf-8")
    with one_check_per_spec():
        with pytest.raises(SpecError) as first:
            check_spec(str(path))
        first.value.diagnostics.clear()  # a caller's copy: changing it changes no later answer
        with pytest.raises(SpecError) as second:
            check_spec(str(path))
    assert [d.code for d in second.value.diagnostics] == ["IRQ103"]
    assert len(calls) == 1


def test_a_cli_run_checks_and_lowers_its_spec_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-V`/`-p` names, the jobs and the variant decided in this process: one check, one lowering."""
    import verifier.pipeline as pipeline
    from tests.support import run_cli

    calls = _counting_checks(monkeypatch)
    lowered: list[str] = []
    real_lower = pipeline.lower
    monkeypatch.setattr(pipeline, "lower", lambda spec, v: lowered.append(v) or real_lower(spec, v))
    path = tmp_path / "cov.irq"
    path.write_text(COVERAGE_SPEC, encoding="utf-8")
    result = run_cli(str(path), "-V", "default", "-p", "small", "-j", "1", "--format", "json")
    assert result.exit_code in (0, 4), result.stderr
    assert calls == [str(path)]
    assert lowered == ["default"]
    # and a second run in the same process checks again
    run_cli(str(path), "-V", "default", "-p", "small", "-j", "1", "--format", "json")
    assert calls == [str(path)] * 2


def _immutable(value: object, seen: set[int]) -> list[str]:
    """The mutable parts of `value` (anything but frozen dataclasses, tuples, frozensets and scalars)."""
    import dataclasses

    if id(value) in seen or isinstance(value, int | str | float | bool | type(None)):
        return []
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return [type(value).__name__]
        return [m for f in dataclasses.fields(value) for m in _immutable(getattr(value, f.name), seen)]
    if isinstance(value, tuple | frozenset):
        return [m for x in value for m in _immutable(x, seen)]
    return [type(value).__name__]


@pytest.mark.parametrize("name", ["flag_mutex.irq", "oadn_v9.irq", "rcu_list.irq"])
def test_checked_specs_and_transition_systems_are_immutable(name: str) -> None:
    """What a run shares between its stages (and the prelude's modules, shared by every load) can
    be shared only because nothing can change it."""
    from verifier.ir.lower import lower
    from verifier.syntax.load import prelude_modules

    spec = check_spec(str(Path(__file__).resolve().parents[2] / "spec" / name))
    assert _immutable(spec, set()) == []
    assert _immutable(lower(spec, spec.variants[0].name), set()) == []
    assert _immutable(prelude_modules(), set()) == []


def test_a_worker_decides_the_spec_it_is_sent_without_reading_the_file(tmp_path: Path) -> None:
    """Worker processes get the spec the run checked: the file is not read again (it may have
    changed since, or be gone), and the outcome is the one a check of the file gives."""
    import verifier.pipeline as pipeline
    from verifier.engines.portfolio import Budget

    path = tmp_path / "cov.irq"
    path.write_text(COVERAGE_SPEC, encoding="utf-8")
    spec = check_spec(str(path))
    expected = pipeline._decide_variant(str(path), {}, "default", ["small"], Budget(), None)
    packed = pipeline._packed(spec)
    assert packed is not None
    path.unlink()
    for sent in (spec, packed):  # as this process has it, and as a worker process gets it
        outcome = pipeline._decide_variant(str(path), {}, "default", ["small"], Budget(), None, None, None, sent)
        assert outcome[0]["small"][0] == expected[0]["small"][0]
        assert outcome[1] == expected[1]


def test_a_spec_that_cannot_be_pickled_is_checked_by_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    import verifier.pipeline as pipeline

    def fails(*args: object, **kw: object) -> bytes:
        raise RecursionError("maximum recursion depth exceeded while pickling an object")

    monkeypatch.setattr(pickle, "dumps", fails)
    assert pipeline._packed(check_spec("s.irq", text=SPEC)) is None

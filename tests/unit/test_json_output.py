"""`--format json`: one object per run, valid against docs/irqverify-result.schema.json and equal to
what the pipeline decided; spec errors as data; each step's call chain; ITF traces that keep names."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, run_cli

from verifier import __version__
from verifier.diagnostics import SpecError
from verifier.engines.portfolio import Budget
from verifier.ir.lower import lower
from verifier.output import is_itf_trace
from verifier.pipeline import Request, SpecResult, check_spec, verify
from verifier.render.machine import cell_json, diagnostic_json, itf, run_json, spec_json

jsonschema = pytest.importorskip("jsonschema")

FLAG = str(ROOT / "spec" / "flag_mutex.irq")
ABBA = str(ROOT / "spec" / "abba_deadlock.irq")
SCHEMA = json.loads((ROOT / "docs" / "irqverify-result.schema.json").read_text(encoding="utf-8"))
SMALL = ("--max-states", "20000", "--hunt-states", "0", "--walk-steps", "0", "--proof-work", "1", "-j", "1")
BUDGET = Budget(max_states=20000, hunt_states=0, walk_steps=0, proof_work=1)
NAMED = """\
enum light { Red, Amber, Green }
pool cell[2] { value: 0..3; }
var c: light;
var lights: set<light>;
var nums: set<1..3>;
var o: cell?;
var who: thread?;
var n: 0..3;
thread t {
  c = Amber;
  lights = {Red, Green};
  nums = {1, 3};
  o = alloc(cell);
  who = self;
  n = 2;
  assert n == 0;
}
"""


def validate(doc: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(doc, SCHEMA, cls=jsonschema.Draft202012Validator)


def _run(*args: str) -> tuple[int, dict[str, Any]]:
    """A --format json run in this process: its exit status and the one document it printed."""
    result = run_cli(*args, "-q", "--format", "json", *SMALL)
    assert "Traceback" not in result.stderr, result.stderr
    return result.exit_code, json.loads(result.stdout)


def _without_seconds(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**c, "seconds": 0} for c in cells]


@pytest.fixture(scope="module")
def decided() -> list[SpecResult | SpecError]:
    """The same specs decided by the pipeline directly, with the same budget."""
    return verify([FLAG, ABBA], {}, Request(budget=BUDGET, jobs=1))


def test_a_run_is_one_object_that_matches_the_schema_and_the_pipeline(
    decided: list[SpecResult | SpecError],
) -> None:
    status, doc = _run(FLAG, ABBA)
    validate(doc)
    assert status == 0
    assert (doc["tool"], doc["version"], doc["schema_version"]) == ("irqverify", __version__, 1)
    assert doc["status"] == {"code": 0, "name": "ok"} and doc["interrupted"] is None
    assert [s["path"] for s in doc["specs"]] == [FLAG, ABBA]
    for entry, r in zip(doc["specs"], decided, strict=True):
        assert isinstance(r, SpecResult)
        assert entry["status"] == {"code": 0, "name": "ok"} and entry["errors"] == []
        assert entry["threads"] == [i.display for i in r.spec.instances]
        assert entry["variants"] == {v.name: lower(r.spec, v.name).state_bits() for v in r.spec.variants}
        expected = [cell_json(c, r.unreached.get(c.variant)) for c in r.cells]
        assert _without_seconds(entry["cells"]) == _without_seconds(json.loads(json.dumps(expected)))


def test_a_violation_sets_the_status_of_the_spec_and_the_run(tmp_path: Path) -> None:
    spec = tmp_path / "named.irq"
    spec.write_text(NAMED, encoding="utf-8")
    status, doc = _run(str(spec), ABBA, "-p", "assertion")
    validate(doc)
    assert status == 4
    assert doc["status"] == {"code": 4, "name": "violated"}
    assert [s["status"]["name"] for s in doc["specs"]] == ["violated", "ok"]
    (cell,) = doc["specs"][0]["cells"]
    assert cell["verdict"] == "violated" and cell["met"] is None and cell["trace"]["steps"]


def test_spec_errors_are_in_the_document_as_diagnostics(tmp_path: Path) -> None:
    bad = tmp_path / "bad.irq"
    bad.write_text("var x: bool;\nthread t {\n  y = true;\n  z = 1;\n}\n", encoding="utf-8")
    missing = tmp_path / "missing.irq"
    status, doc = _run(str(bad), ABBA, str(missing))
    validate(doc)
    assert status == 3 and doc["status"] == {"code": 3, "name": "spec-error"}
    first, good, absent = doc["specs"]
    assert [first["status"]["code"], good["status"]["code"], absent["status"]["code"]] == [3, 0, 3]
    assert good["cells"] and first["cells"] == absent["cells"] == []
    assert first["threads"] is first["variants"] is None
    for entry, path in ((first, bad), (absent, missing)):
        with pytest.raises(SpecError) as raised:
            check_spec(str(path))
        assert entry["errors"] == [diagnostic_json(d) for d in raised.value.diagnostics]
    assert [(e["file"], e["line"], e["col"], e["code"]) for e in first["errors"]] == [
        (str(bad), 3, 3, "IRQ101"),
        (str(bad), 4, 3, "IRQ101"),
    ]
    assert first["errors"][0]["message"] == "unknown name 'y'" and first["errors"][0]["severity"] == "error"
    (gone,) = absent["errors"]
    assert gone["code"] == "IRQ005" and gone["file"] is None and "No such file" in gone["message"]


def test_a_selection_that_matches_nothing_is_an_error_of_that_spec() -> None:
    status, doc = _run(FLAG, ABBA, "-V", "abba", "-p", "deadlock")
    validate(doc)
    assert status == 2 and doc["status"]["name"] == "usage-error"
    flag, abba = doc["specs"]
    assert flag["status"] == {"code": 2, "name": "usage-error"} and flag["cells"] == []
    (error,) = flag["errors"]
    assert error["code"] is None and error["file"] == FLAG
    assert error["message"] == "no variant or property matches the selection"
    assert abba["status"]["name"] == "ok" and {c["variant"] for c in abba["cells"]} == {"abba"}


def test_internal_errors_are_irq501_errors_of_their_spec(decided: list[SpecResult | SpecError]) -> None:
    r = decided[0]
    assert isinstance(r, SpecResult)
    broken = dataclasses.replace(r, errors=("[test_and_set] an engine bug",))
    entry = json.loads(json.dumps(spec_json(FLAG, broken, 70)))
    validate(run_json([entry], 70))
    assert entry["status"] == {"code": 70, "name": "internal-error"}
    assert entry["errors"] == [
        {
            "file": FLAG,
            "line": None,
            "col": None,
            "end_line": None,
            "end_col": None,
            "code": "IRQ501",
            "message": "[test_and_set] an engine bug",
            "severity": "error",
        }
    ]


def test_each_step_names_the_calls_it_runs_in(decided: list[SpecResult | SpecError]) -> None:
    status, doc = _run(ABBA, "-V", "abba", "-p", "deadlock")
    assert status == 0
    (cell,) = doc["specs"][0]["cells"]
    r = decided[1]
    assert isinstance(r, SpecResult)
    (view,) = [c.trace for c in r.cells if (c.variant, c.property) == ("abba", "deadlock")]
    assert view is not None
    steps = cell["trace"]["steps"]
    assert [s["via"] for s in steps] == [[{"proc": p, "called_at": at} for p, at in s.calls] for s in view.steps]
    assert [s["inner"] for s in steps] == [s.inner for s in view.steps]
    first = steps[0]
    assert first["statement"] == "mutex_lock(a);"
    assert first["via"][0] == {"proc": "mutex_lock", "called_at": first["location"]}


# ---- ITF ----------------------------------------------------------------------------------------


def _shown(value: Any) -> str:
    """An ITF value read back as the text traces show for it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if "#bigint" in value:
        return value["#bigint"]
    return "{" + ", ".join(_shown(v) for v in value["#set"]) + "}"


def test_itf_keeps_the_names_the_trace_shows(tmp_path: Path) -> None:
    spec = tmp_path / "named.irq"
    spec.write_text(NAMED, encoding="utf-8")
    (r,) = verify([str(spec)], {}, Request(properties=("assertion",), budget=BUDGET, jobs=1))
    assert isinstance(r, SpecResult)
    (cell,) = r.cells
    assert cell.trace is not None
    ts = lower(r.spec, cell.variant)
    doc = itf(cell.trace, ts)
    for raw, state in zip(cell.trace.states, doc["states"], strict=True):
        for i, v in enumerate(ts.vars):
            if not v.hidden:
                assert _shown(state[v.name]) == v.display.show(v.sort, raw[i]), v.name
    first, last = doc["states"][0], doc["states"][-1]
    assert (first["o"], first["who"], first["c"]) == ("none", "none", "Red")
    assert (last["o"], last["who"], last["c"]) == ("cell#0", "t", "Amber")
    assert last["lights"] == {"#set": ["Red", "Green"]}
    assert last["nums"] == {"#set": [{"#bigint": "1"}, {"#bigint": "3"}]}
    assert last["n"] == {"#bigint": "2"} and last["t.done"] is False

    out = tmp_path / "traces"
    result = run_cli(str(spec), "-q", "-p", "assertion", "--trace-dir", str(out), *SMALL)
    assert result.exit_code == 4, result.stderr
    written = out / "named.default.assertion.itf.json"
    assert is_itf_trace(written)
    assert json.loads(written.read_text(encoding="utf-8")) == json.loads(json.dumps(doc))

"""`irqverify verify --format sarif` and `--junit FILE`: the reports tools read, checked against the
SARIF 2.1.0 schema and against the JSON output of the same run."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from support import run_bounded

from verifier.render.junit import MARK, is_junit

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
FLAG = str(ROOT / "spec" / "flag_mutex.irq")
ABBA = str(ROOT / "spec" / "abba_deadlock.irq")
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
SMALL = ["-q", "--max-states", "20000", "--hunt-states", "0", "--walk-steps", "0", "--proof-work", "1", "-j", "1"]
HANG = 300  # seconds: a run past this is hung, not slow


def verify(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process, as CI runs it; a hang fails the test."""
    return run_bounded(["verify", *args, *SMALL], cwd=cwd, seconds=HANG)


def validate(doc: dict[str, Any]) -> None:
    jsonschema.validate(doc, json.loads(SCHEMA.read_text(encoding="utf-8")))


def reported(cell: dict[str, Any]) -> bool:
    """The cells SARIF must report: violations, unmet expectations and undecided cells."""
    return cell["verdict"] in ("violated", "unknown") or cell["met"] is False


@pytest.fixture(scope="module")
def json_run() -> list[dict[str, Any]]:
    r = verify(FLAG, ABBA, "--format", "json")
    assert r.returncode == 0, r.stderr
    return [c for s in json.loads(r.stdout)["specs"] for c in s["cells"]]


def test_sarif_is_schema_valid_and_matches_the_json_run(json_run: list[dict[str, Any]]) -> None:
    r = verify(FLAG, ABBA, "--format", "sarif")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    validate(doc)
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "irqverify" and driver["version"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert {c["property"] for c in json_run} <= set(rule_ids)
    expected = sorted((c["property"], c["variant"]) for c in json_run if reported(c))
    got = sorted((res["ruleId"], res["properties"]["variant"]) for res in run["results"])
    assert got == expected and got, "one result per violated, unmet or undecided cell"
    by_cell = {(c["property"], c["variant"]): c for c in json_run}
    for res in run["results"]:
        cell = by_cell[res["ruleId"], res["properties"]["variant"]]
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        if cell["verdict"] != "violated":
            continue
        steps = cell["trace"]["steps"]
        assert res["message"]["text"].startswith(
            f"{cell['variant']}: {cell['property']} violated at {len(steps)} steps"
        )
        # an expected violation does not fail the run, so it is not an error either
        assert res["level"] == ("note" if cell["met"] else "error")
        last_file, last_line = steps[-1]["location"].rsplit(":", 1)
        region = res["locations"][0]["physicalLocation"]
        assert region["artifactLocation"]["uri"] == Path(last_file).as_uri()
        assert region["region"]["startLine"] == int(last_line)
        (flow,) = res["codeFlows"]
        flat = sorted(
            ((loc["executionOrder"], tf["id"]) for tf in flow["threadFlows"] for loc in tf["locations"]),
        )
        assert flat == [(s["step"], s["thread"]) for s in steps]
        texts = {
            loc["executionOrder"]: loc["location"]["message"]["text"]
            for tf in flow["threadFlows"]
            for loc in tf["locations"]
        }
        for s in steps:
            assert s["statement"] in texts[s["step"]]


def test_sarif_unmet_expectation_is_an_error_at_the_expectation(tmp_path: Path) -> None:
    text = Path(FLAG).read_text(encoding="utf-8")
    flipped = text.replace(
        "expect test_and_set: mutual_exclusion holds;", "expect test_and_set: mutual_exclusion violated;"
    )
    assert flipped != text
    spec = tmp_path / "flipped.irq"
    spec.write_text(flipped, encoding="utf-8")
    line = flipped.splitlines().index("expect test_and_set: mutual_exclusion violated;") + 1
    r = verify(str(spec), "--format", "sarif", "--variant", "test_and_set", "--property", "mutual_exclusion")
    assert r.returncode == 4, r.stderr
    doc = json.loads(r.stdout)
    validate(doc)
    (res,) = doc["runs"][0]["results"]
    assert res["ruleId"] == "mutual_exclusion" and res["level"] == "error"
    assert res["message"]["text"].startswith("test_and_set: mutual_exclusion expected to be violated, but ")
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == spec.as_uri() and loc["region"]["startLine"] == line


def test_sarif_reports_spec_errors_with_their_code_and_span(tmp_path: Path) -> None:
    spec = tmp_path / "bad.irq"
    spec.write_text("var x: bool;\nthread t {\n  y = true;\n}\n", encoding="utf-8")
    r = verify(str(spec), "--format", "sarif")
    assert r.returncode == 3
    assert "Traceback" not in r.stderr
    doc = json.loads(r.stdout)
    validate(doc)
    results = doc["runs"][0]["results"]
    assert results and all(res["ruleId"].startswith("IRQ") and res["level"] == "error" for res in results)
    codes = {rule["id"] for rule in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert {res["ruleId"] for res in results} <= codes
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == spec.as_uri()
    assert first["region"]["startLine"] == 3 and first["region"]["startColumn"] >= 1
    assert "[" + results[0]["ruleId"] + "]" in r.stderr  # the diagnostics still go to stderr too


def test_junit_has_a_case_per_cell_and_counts_that_match(tmp_path: Path, json_run: list[dict[str, Any]]) -> None:
    out = tmp_path / "reports" / "junit.xml"
    r = verify(FLAG, ABBA, "--format", "json", "--junit", str(out))
    assert r.returncode == 0, r.stderr
    cells = [c for s in json.loads(r.stdout)["specs"] for c in s["cells"]]
    verdicts = [(c["variant"], c["property"], c["verdict"]) for c in cells]
    assert verdicts == [(c["variant"], c["property"], c["verdict"]) for c in json_run]  # stdout as without --junit
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[1] == MARK and is_junit(out)
    root = ET.fromstring(text)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [FLAG, ABBA]
    cases = root.findall("testsuite/testcase")
    assert sorted((c.get("classname"), c.get("name")) for c in cases) == sorted(
        (f"{Path(c['spec']).stem}.{c['variant']}", c["property"]) for c in json_run
    )
    failing = sum(1 for c in json_run if c["met"] is False or (c["met"] is None and c["verdict"] == "violated"))
    skipped = sum(1 for c in json_run if c["met"] is None and c["verdict"] == "unknown")
    assert len(root.findall(".//failure")) == failing == int(root.get("failures"))
    assert len(root.findall(".//skipped")) == skipped == int(root.get("skipped"))
    assert int(root.get("tests")) == len(json_run) == sum(int(s.get("tests")) for s in suites)


def test_junit_failure_and_replacing_only_its_own_file(tmp_path: Path) -> None:
    text = Path(FLAG).read_text(encoding="utf-8")
    spec = tmp_path / "flipped.irq"
    spec.write_text(text.replace("expect test_then_set: mutual_exclusion violated;", ""), encoding="utf-8")
    out = tmp_path / "junit.xml"
    args = (str(spec), "--variant", "test_then_set", "--property", "mutual_exclusion", "--junit", str(out))
    out.write_text("<testsuites/>\n", encoding="utf-8")
    refused = verify(*args)
    assert refused.returncode == 2 and "not written by irqverify" in refused.stderr
    assert out.read_text(encoding="utf-8") == "<testsuites/>\n"
    out.unlink()
    for _ in range(2):  # the second run replaces the first one's report
        r = verify(*args)
        assert r.returncode == 4, r.stderr
        root = ET.fromstring(out.read_text(encoding="utf-8"))
        (case,) = root.findall("testsuite/testcase")
        assert (case.get("classname"), case.get("name")) == ("flipped.test_then_set", "mutual_exclusion")
        (failure,) = case.findall("failure")
        assert failure.get("type") == "violation" and "worker" in (failure.text or "")


def test_is_junit_recognises_only_the_mark_on_the_second_line(tmp_path: Path) -> None:
    ours = tmp_path / "a.xml"
    ours.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{MARK}\n<testsuites/>\n', encoding="utf-8")
    theirs = tmp_path / "b.xml"
    theirs.write_text(f"{MARK}\n<testsuites/>\n", encoding="utf-8")
    assert is_junit(ours)
    assert not is_junit(theirs)
    assert not is_junit(tmp_path / "missing.xml")

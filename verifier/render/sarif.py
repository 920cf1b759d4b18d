"""Results as SARIF 2.1.0, the format code-scanning services read: a result per violation, unmet
expectation, undecided cell or spec error, each counterexample as a code flow a viewer can step."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from verifier import __version__
from verifier.diagnostics import CODES, Diagnostic, SpecError
from verifier.pipeline import Cell, SpecResult
from verifier.render.trace import TraceView
from verifier.source import Span

SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"


def sarif(outcomes: list[tuple[str, SpecResult | SpecError]]) -> dict[str, Any]:
    """One SARIF log with one run over every spec, in the order given."""
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for path, r in outcomes:
        if isinstance(r, SpecError):
            for d in r.diagnostics:
                _rule(rules, d.code, CODES.get(d.code, d.code))
                results.append(_diagnostic(path, d, rules))
            continue
        for name, text in _descriptions(r).items():
            _rule(rules, name, text)
        for error in r.errors:
            notifications.append({"level": "error", "message": {"text": f"internal error in {path} {error}"}})
        for c in r.cells:
            result = _cell(path, r, c, rules)
            if result is not None:
                results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "irqverify",
                "version": __version__,
                "rules": list(rules.values()),
            }
        },
        "invocations": [
            {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications},
        ],
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(rules: dict[str, dict[str, Any]], rule_id: str, text: str) -> None:
    if rule_id not in rules:
        rules[rule_id] = {"id": rule_id, "shortDescription": {"text": text or rule_id}}


def _descriptions(r: SpecResult) -> dict[str, str]:
    """Every property of the spec with what it checks (a check's own words; else its kind)."""
    out = {i.name: f"invariant {i.name}" for i in r.spec.invariants}
    out.update({p.name: f"temporal property {p.name}" for p in r.spec.properties})
    out.update({c.name: c.description or f"check {c.name}" for c in r.spec.checks})
    for c in r.cells:
        out.setdefault(c.property, f"{c.kind} {c.property}")
    return out


def _cell(path: str, r: SpecResult, c: Cell, rules: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The result a cell reports, or None for one that passes.

    A violation the spec expects is a note (the run's exit status does not count it); a lockdep
    warning (pipeline.Cell.lockdep_warning) a warning; one that fails the run is an error, as is
    any unmet expectation. An undecided cell with no expectation is an "open" result: neither a
    pass nor a failure."""
    if c.met is False:
        level, kind = "error", "fail"
        if c.verdict == "violated":
            text = f"{c.variant}: {c.property} violated at {len(c.trace.steps) if c.trace else c.depth} steps"
        else:
            text = f"{c.variant}: {c.property} expected to be violated, but {c.verdict}"
            if c.expected != "violated":
                text = f"{c.variant}: {c.property} expected to hold, but {c.verdict}"
    elif c.verdict == "violated":
        level, kind = ("note" if c.met else "warning" if c.lockdep_warning else "error"), "fail"
        steps = len(c.trace.steps) if c.trace is not None else c.depth
        text = f"{c.variant}: {c.property} violated at {steps} steps" + (" (as expected)" if c.met else "")
    elif c.verdict == "unknown" and c.met is None:
        level, kind = "none", "open"
        text = f"{c.variant}: {c.property} unknown"
    else:
        return None
    if c.detail:
        text += f": {c.detail}"
    if c.trace is not None:
        text += f"; {c.trace.final}"
    result: dict[str, Any] = {
        "ruleId": c.property,
        "ruleIndex": list(rules).index(c.property),
        "kind": kind,
        "level": level,
        "message": {"text": text},
        "locations": [_cell_location(path, r, c)],
        "properties": {"variant": c.variant, "verdict": c.verdict, "expected": c.expected, "engine": c.engine},
    }
    if c.trace is not None and c.trace.steps:
        result["codeFlows"] = [_code_flow(c.trace)]
    return result


def _cell_location(path: str, r: SpecResult, c: Cell) -> dict[str, Any]:
    """Where to point: the last step of the counterexample; else the expectation the cell fails;
    else the property's declaration; else the spec file itself."""
    if c.trace is not None and c.trace.steps:
        loc = _split(c.trace.steps[-1].location)
        if loc is not None:
            return _physical(loc[0], loc[1])
    spans: list[Span] = []
    if c.met is False:
        spans += [e.span for e in r.spec.expectations if e.variant == c.variant and e.property == c.property]
    spans += [d.span for d in (*r.spec.invariants, *r.spec.properties, *r.spec.checks) if d.name == c.property]
    for sp in spans:
        if sp.line > 0 and not sp.path.startswith("<"):
            return _physical(sp.path, sp.line, sp)
    return {"physicalLocation": {"artifactLocation": {"uri": uri(path)}}}


def _code_flow(view: TraceView) -> dict[str, Any]:
    """The counterexample: a thread flow per thread that moves, each step numbered in the order of
    the whole run (executionOrder), with the statement and what it changed."""
    flows: dict[str, list[dict[str, Any]]] = {}
    for s in view.steps:
        text = s.text + (f" › {s.inner}" if s.inner else "")
        loc = _split(s.location)
        location: dict[str, Any] = {"message": {"text": f"{s.index}. {s.thread}: {text}"}}
        if loc is not None:
            location.update(_physical(loc[0], loc[1]))
        step: dict[str, Any] = {"location": location, "executionOrder": s.index}
        if s.changes:
            step["state"] = {ch.var: {"text": ch.after} for ch in s.changes}
        flows.setdefault(s.thread, []).append(step)
    message = view.final
    if view.loop is not None:
        message += f" (steps {view.loop + 1}..{len(view.steps)} repeat for ever)"
    return {
        "message": {"text": message},
        "threadFlows": [{"id": t, "message": {"text": t}, "locations": locs} for t, locs in flows.items()],
    }


def _diagnostic(path: str, d: Diagnostic, rules: dict[str, dict[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": list(rules).index(d.code),
        "level": "error" if d.severity.value == "error" else "warning" if d.severity.value == "warning" else "note",
        "message": {"text": d.message},
    }
    if d.span is not None and d.span.line > 0:
        result["locations"] = [_physical(d.span.path, d.span.line, d.span)]
    else:
        result["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": uri(path)}}}]
    related = [
        _physical(n.span.path, n.span.line, n.span) | {"id": i, "message": {"text": n.message}}
        for i, n in enumerate(d.notes)
        if n.span is not None and n.span.line > 0
    ]
    if related:
        result["relatedLocations"] = related
    return result


def _split(location: str) -> tuple[str, int] | None:
    """("file", line) from a trace step's "file:line"; None when it names no line."""
    file, sep, line = location.rpartition(":")
    if not sep or not file or not line.isdigit() or int(line) < 1:
        return None
    return file, int(line)


def _physical(path: str, line: int, span: Span | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": line}
    if span is not None and span.col > 0:
        region["startColumn"] = span.col
        if span.end_line >= span.line and span.end_col > 0:
            region["endLine"] = span.end_line
            region["endColumn"] = max(span.end_col, span.col if span.end_line == span.line else 1)
    return {"physicalLocation": {"artifactLocation": {"uri": uri(path)}, "region": region}}


def uri(path: str) -> str:
    """A URI reference for a file path: relative paths stay relative (a viewer resolves them
    against the checkout), absolute ones become file: URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")

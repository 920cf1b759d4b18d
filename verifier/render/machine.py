"""Machine formats: the whole run as one JSON object, and traces as Apalache's ITF (Informal Trace Format).

The JSON object is a public interface, described by docs/irqverify-result.schema.json: fields are
added, never renamed or given another meaning, without a new SCHEMA_VERSION."""

from __future__ import annotations

import json
from typing import Any

from verifier import __version__
from verifier.diagnostics import Diagnostic, SpecError
from verifier.ir.model import DANGLING, NONE, Display, TransitionSystem
from verifier.pipeline import Cell, SpecResult, Unreached
from verifier.render.trace import TraceView
from verifier.source import Span

SCHEMA_VERSION = 1

# the word for each exit status, in the JSON object and its schema
STATUS_NAMES: dict[int, str] = {
    0: "ok",
    2: "usage-error",
    3: "spec-error",
    4: "violated",
    5: "unproved",
    6: "unknown",
    70: "internal-error",
    130: "interrupted",
    143: "terminated",
}


def status_json(code: int) -> dict[str, Any]:
    """An exit status as its number and its word, so a reader need not know the numbers."""
    return {"code": code, "name": STATUS_NAMES.get(code, "error")}


def run_json(specs: list[dict[str, Any]], status: int, interrupted: str | None = None) -> dict[str, Any]:
    """The whole run: the tool, the run's exit status, and each spec (from `spec_json`) in the order given."""
    return {
        "tool": "irqverify",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "status": status_json(status),
        "interrupted": interrupted,
        "specs": specs,
    }


def spec_json(path: str, r: SpecResult | SpecError, status: int, messages: tuple[str, ...] = ()) -> dict[str, Any]:
    """One spec: its threads, its variants with their state size in bits (null for a variant not
    lowered: not selected, or failed), its cells, and its errors: the checker's diagnostics, each
    internal error (IRQ501) and each of `messages` (say, a selection that matches nothing)."""
    if isinstance(r, SpecError):
        errors = [diagnostic_json(d) for d in r.diagnostics]
        return {
            "path": path,
            "status": status_json(status),
            "threads": None,
            "variants": None,
            "cells": [],
            "errors": errors + [_message(path, m) for m in messages],
        }
    errors = [_message(path, e, "IRQ501") for e in r.errors] + [_message(path, m) for m in messages]
    return {
        "path": path,
        "status": status_json(status),
        "threads": [inst.display for inst in r.spec.instances],
        "variants": {v.name: r.bits.get(v.name) for v in r.spec.variants},
        "cells": [cell_json(c, r.unreached.get(c.variant)) for c in r.cells],
        "errors": errors,
    }


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic as data: where (null for one with no place in a file), code, message, severity, notes."""
    out: dict[str, Any] = {**_where(d.span), "code": d.code, "message": d.message, "severity": d.severity.value}
    if d.notes:
        out["notes"] = [{**_where(n.span), "message": n.message} for n in d.notes]
    return out


def _where(span: Span | None) -> dict[str, Any]:
    if span is None or span.line == 0:
        return {"file": None, "line": None, "col": None, "end_line": None, "end_col": None}
    return {"file": span.path, "line": span.line, "col": span.col, "end_line": span.end_line, "end_col": span.end_col}


def _message(path: str, text: str, code: str | None = None) -> dict[str, Any]:
    """An error about the spec as a whole, shaped like a diagnostic with no position."""
    return {
        "file": path,
        "line": None,
        "col": None,
        "end_line": None,
        "end_col": None,
        "code": code,
        "message": text,
        "severity": "error",
    }


def cell_json(c: Cell, unreached: Unreached | None = None) -> dict[str, Any]:
    """One cell; `unreached` (its variant's) lists the statements exhaustive search never ran."""
    out: dict[str, Any] = {
        "spec": c.spec,
        "variant": c.variant,
        "property": c.property,
        "kind": c.kind,
        "verdict": c.verdict,
        "depth": c.depth,
        "seconds": round(c.seconds, 3),
        "engine": c.engine,
        "expected": c.expected,
        "met": c.met,
    }
    if c.verdict == "violated":
        out["minimal"] = c.minimal
        out["severity"] = "warning" if c.lockdep_warning else "error"
        if not c.minimal:
            out["none_up_to"] = c.none_up_to
    if c.detail:
        out["detail"] = c.detail
    if c.warnings:
        out["warnings"] = list(c.warnings)
    if c.trace is not None:
        out["trace"] = trace_json(c.trace)
    if unreached is not None:
        out["unreached"] = {
            "depth": None if unreached.complete else unreached.depth,
            "statements": [
                {"location": loc, "statement": stmt, "threads": list(threads)}
                for loc, stmt, threads in unreached.statements
            ],
        }
    return out


def trace_json(view: TraceView) -> dict[str, Any]:
    """A counterexample: each step with its thread, statement, place, the calls it runs in
    (`via`, outermost first) and the shared state it changes."""
    return {
        "loop": view.loop,
        "final": view.final,
        "steps": [
            {
                "step": s.index,
                "thread": s.thread,
                "statement": s.text,
                "location": s.location,
                "via": [{"proc": proc, "called_at": site} for proc, site in s.calls],
                "inner": s.inner,
                "changes": {ch.var: ch.after for ch in s.changes},
            }
            for s in view.steps
        ],
    }


def itf(view: TraceView, ts: TransitionSystem) -> dict[str, Any]:
    """The trace in ITF: every state with every visible variable; the step that led to it in #meta.
    Values keep the spec's names: enum members, pool slots and threads are strings, an empty
    reference is "none", and sets of them are sets of strings."""
    names = [v.name for v in ts.vars if not v.hidden] + [t.name + ".done" for t in ts.threads]
    states = []
    for n, s in enumerate(view.states):
        state: dict[str, Any] = {"#meta": {"index": n}}
        if n > 0:
            step = view.steps[n - 1]
            state["#meta"].update({"thread": step.thread, "statement": step.text, "location": step.location})
        for i, v in enumerate(ts.vars):
            if v.hidden:
                continue
            state[v.name] = _itf_value(v.sort.kind, s[i], v.display)
        for t in ts.threads:
            state[t.name + ".done"] = int(s[t.pc]) == t.end
        states.append(state)
    doc: dict[str, Any] = {
        "#meta": {
            "format": "ITF",
            "source": view.spec,
            "variant": view.variant,
            "property": view.property,
            "description": view.final,
            "generator": f"irqverify {__version__}",
        },
        "vars": names,
        "states": states,
    }
    if view.loop is not None:
        doc["loop"] = view.loop
    return doc


def _itf_value(kind: str, v: int | bool, display: Display) -> Any:
    """One value in ITF: a bool, a name (a JSON string), or an integer as {"#bigint": "..."};
    a set as {"#set": [...]} of the same."""
    if kind == "bool":
        return bool(v)
    if kind == "set":
        bits = [i for i in range(int(v).bit_length()) if int(v) >> i & 1]
        return {"#set": [_itf_named(display.elem_names, i, i + display.elem_lo) for i in bits]}
    if int(v) == NONE and display.names:
        return "none"
    if int(v) == DANGLING and display.names:
        return "freed"
    return _itf_named(display.names, int(v), int(v))


def _itf_named(names: tuple[str, ...], index: int, number: int) -> Any:
    """The name at `index` if there is one (an empty name is none), else `number`."""
    if 0 <= index < len(names) and names[index]:
        return names[index]
    return {"#bigint": str(number)}


def dumps(obj: Any) -> str:
    return json.dumps(obj, indent=2, sort_keys=False)

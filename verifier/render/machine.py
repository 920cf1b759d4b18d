"""Machine formats: the whole result as JSON, and traces as Apalache's ITF (Informal Trace Format)."""

from __future__ import annotations

import json
from typing import Any

from verifier import __version__
from verifier.ir.model import TransitionSystem
from verifier.pipeline import Cell, Unreached
from verifier.render.trace import TraceView


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
    return {
        "loop": view.loop,
        "final": view.final,
        "steps": [
            {
                "step": s.index,
                "thread": s.thread,
                "statement": s.text,
                "via": s.inner,
                "location": s.location,
                "changes": {ch.var: ch.after for ch in s.changes},
            }
            for s in view.steps
        ],
    }


def itf(view: TraceView, ts: TransitionSystem) -> dict[str, Any]:
    """The trace in ITF: every state with every visible variable; the step that led to it in #meta."""
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
            state[v.name] = _itf_value(v.sort.kind, s[i], v.display.elem_lo)
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


def _itf_value(kind: str, v: int | bool, elem_lo: int) -> Any:
    if kind == "bool":
        return bool(v)
    if kind == "set":
        return {"#set": [{"#bigint": str(i + elem_lo)} for i in range(int(v).bit_length()) if int(v) >> i & 1]}
    return {"#bigint": str(int(v))}


def dumps(obj: Any) -> str:
    return json.dumps(obj, indent=2, sort_keys=False)

"""Results as JUnit XML, the report CI services show as a test run: a test suite per spec, a test
case per (variant, property)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from verifier.diagnostics import SpecError, format_diagnostic
from verifier.pipeline import Cell, SpecResult
from verifier.render.text import render_trace

MARK = "<!-- irqverify junit -->"  # the second line of a report this tool wrote
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>'
# characters XML 1.0 cannot carry at all, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def junit(outcomes: list[tuple[str, SpecResult | SpecError]]) -> str:
    """The whole report: the XML declaration, the mark, then <testsuites>."""
    root = ET.Element("testsuites", name="irqverify")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    seconds = 0.0
    for path, r in outcomes:
        suite = _suite(path, r)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        seconds += float(suite.get("time", "0"))
    for key, n in totals.items():
        root.set(key, str(n))
    root.set("time", f"{seconds:.3f}")
    ET.indent(root)
    return f"{_HEAD}\n{MARK}\n{ET.tostring(root, encoding='unicode')}\n"


def is_junit(path: Path) -> bool:
    """A report this tool wrote: its second line is the mark."""
    try:
        with path.open("rb") as f:
            head = f.read(len(_HEAD) + len(MARK) + 8)
    except OSError:
        return False
    lines = head.split(b"\n")
    return len(lines) >= 2 and lines[1].rstrip(b"\r") == MARK.encode()


def _suite(path: str, r: SpecResult | SpecError) -> ET.Element:
    stem = Path(path).stem
    suite = ET.Element("testsuite", name=_clean(path))
    counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    seconds = 0.0
    if isinstance(r, SpecError):
        case = ET.SubElement(suite, "testcase", classname=_clean(stem), name="spec", time="0.000")
        n = len(r.diagnostics)
        error = ET.SubElement(case, "error", message=f"{n} error{'s' if n != 1 else ''} in the spec", type="spec")
        error.text = _clean("\n".join(format_diagnostic(d) for d in r.diagnostics))
        counts["tests"] += 1
        counts["errors"] += 1
    else:
        for message in r.errors:
            case = ET.SubElement(suite, "testcase", classname=_clean(stem), name="internal", time="0.000")
            ET.SubElement(case, "error", message=_clean(f"internal error: {message}"), type="internal")
            counts["tests"] += 1
            counts["errors"] += 1
        for c in r.cells:
            outcome = _case(suite, stem, c)
            counts["tests"] += 1
            if outcome:
                counts[outcome] += 1
            seconds += c.seconds
    for key, n in counts.items():
        suite.set(key, str(n))
    suite.set("time", f"{seconds:.3f}")
    return suite


def _case(suite: ET.Element, stem: str, c: Cell) -> str | None:
    """Add the cell's test case; which count it adds to ("failures", "skipped" or None)."""
    case = ET.SubElement(
        suite, "testcase", classname=_clean(f"{stem}.{c.variant}"), name=_clean(c.property), time=f"{c.seconds:.3f}"
    )
    detail = f": {c.detail}" if c.detail else ""
    if c.met is False:
        wanted = "violated" if c.expected == "violated" else "to hold"
        message = f"expected {wanted}, but {c.verdict}{detail}"
        kind = "unmet-expectation"
    elif c.met is None and c.verdict == "violated" and c.lockdep_warning:
        # lockdep's kind of report: shown, not a failure (pipeline.Cell.lockdep_warning)
        out = ET.SubElement(case, "system-out")
        trace = render_trace(c.trace, minimal=c.minimal, none_up_to=c.none_up_to, engine=c.engine) if c.trace else ""
        out.text = _clean(f"WARNING: {c.property} violated{detail}\n{trace}".rstrip())
        return None
    elif c.met is None and c.verdict == "violated":
        message = f"violated{detail}"
        kind = "violation"
    elif c.verdict == "unknown":
        ET.SubElement(case, "skipped", message=_clean(f"unknown{detail}"))
        return "skipped"
    else:
        return None
    failure = ET.SubElement(case, "failure", message=_clean(message), type=kind)
    if c.trace is not None:
        failure.text = _clean(render_trace(c.trace, minimal=c.minimal, none_up_to=c.none_up_to, engine=c.engine))
    return "failures"


def _clean(text: str) -> str:
    """`text` with what XML cannot carry replaced, so every report parses."""
    return _NOT_XML.sub("\ufffd", text)

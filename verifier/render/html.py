"""A counterexample as one self-contained HTML page: a sequence diagram to click through.

The page is drawn from untrusted text (statements, comments on source lines, file names, values), so
every string reaches it escaped: `html.escape` in markup, and in the one data block JSON with `<`,
`>` and `&` written as \\u escapes, so that no text can close the block or open a tag. The page's
Content-Security-Policy then allows nothing but its own script and style (by hash), no network and
no images, so a string that got through anyway could neither run nor load anything. Strings are
cleaned of control characters and cut to bounded lengths (statement boxes, source lines, values).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.ir.lower import lower
from verifier.ir.model import Origin, TransitionSystem
from verifier.output import HTML_MARK, OutputDir, OutputError, is_html_trace
from verifier.pipeline import Cell, SpecResult
from verifier.render.trace import TraceView
from verifier.source import SourceFile, Span

LIFELINE = "#2f6fdd"  # the lifelines' colour (a screenshot finds them by it)
LOCK_COLOURS = ("#e07b00", "#8e44ad", "#138d75", "#c0392b", "#7d6608", "#5d6d7e")
MAX_BOX_CHARS = 36  # of a statement in its box (the panel shows it whole)
MAX_CHANGES_CHARS = 70  # of the summary of what a step changes, beside its row
MAX_LINE_CHARS = 240  # of a source line shown
MAX_VALUE_CHARS = 2000  # of a value shown in the state table, and of the verdict
MAX_REPORT_CHARS = 20000  # of the lockdep-style report
CONTEXT = 2  # source lines shown either side of a step's line

_TOP = 78  # the header: lock legend and thread names
_ROW = 26
_GUTTER = 64  # step numbers (and the lasso's bracket)
_BOX = 280  # a statement's box on its lifeline
_LANE = 7  # per lock, on each side of the box, for hold bars
_FOOT = 40

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def write_html(r: SpecResult, overrides: dict[str, int], html_dir: str) -> None:
    """A page per counterexample, named <spec-stem>.<variant>.<property>.html; a file there that
    this tool did not write is left alone, and why is said on stderr."""
    out = OutputDir(html_dir)
    stem = Path(r.spec.path).stem
    systems: dict[str, TransitionSystem] = {}
    for c in r.cells:
        if c.trace is None:
            continue
        ts = systems.get(c.variant)
        if ts is None:
            ts = systems[c.variant] = lower(r.spec, c.variant)
        try:
            out.write(f"{stem}.{c.variant}.{c.property}.html", render_html(c, ts, overrides), is_html_trace)
        except OutputError as e:
            print(f"irqverify: {e}", file=sys.stderr)


def render_html(c: Cell, ts: TransitionSystem, overrides: dict[str, int] | None = None) -> str:
    """The page for cell `c`'s counterexample; `ts` is the transition system it was found in."""
    view = c.trace
    if view is None:
        raise ValueError(f"{c.variant} {c.property}: no counterexample to draw")
    lanes = _lifelines(view, ts)
    holds = _holds(view, ts, lanes)
    files = _files(ts, view)
    data = _data(view, ts, files)
    head = _headline(c, view)
    meta = [f"spec {view.spec}", f"variant {view.variant}", f"{len(view.steps)} steps", f"found by {c.engine}"]
    if overrides:
        meta.append("with " + ", ".join(f"{k}={v}" for k, v in sorted(overrides.items())))
    if c.expected is not None:
        meta.append("as expected" if c.met else f"expected: {c.expected}")
    if c.lockdep_warning:
        meta.append("a warning: deadlock is settled in this variant (lockdep warns; the run does not fail)")
    script = _SCRIPT
    style = _STYLE
    csp = (
        "default-src 'none'; "
        f"script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    parts = [
        HTML_MARK,
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_esc(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(head)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_esc(head)}</h1>",
        f'<p class="meta">{_esc(_clip(" · ".join(meta), MAX_LINE_CHARS))}</p>',
        '<p class="hint">Hover over a step to see the state after it; click to keep it; '
        "\u2191/\u2193 move between steps.</p>",
        "</header>",
        "<main>",
        '<section id="pane">',
        _svg(view, lanes, holds),
        _property_source(ts, view.property),
        _report(view.report),
        "</section>",
        '<aside id="panel" aria-live="polite">',
        '<h2 id="p-title"></h2>',
        '<div id="p-what"></div>',
        '<div id="p-src"></div>',
        "<h3>State after this step</h3>",
        '<label class="only"><input type="checkbox" id="p-only"> changed only</label>',
        '<table id="p-state"><thead><tr><th>variable</th><th>value</th></tr></thead><tbody></tbody></table>',
        "</aside>",
        "</main>",
        f'<script type="application/json" id="trace-data">{_json(data)}</script>',
        f"<script>{script}</script>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


# ---- what the page shows ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hold:
    """Lock `lock` held by thread `thread` from state `start` to state `end` (inclusive); `end` is
    the last state if the run ends holding it."""

    lock: str
    thread: str
    start: int
    end: int


def _lifelines(view: TraceView, ts: TransitionSystem) -> list[str]:
    """The threads drawn: those that move, in the order they first do, then any that only hold a lock."""
    lanes: list[str] = []
    for s in view.steps:
        if s.thread not in lanes:
            lanes.append(s.thread)
    names = {t.name for t in ts.threads}
    for lock in ts.locks:
        v = ts.vars[lock.owner]
        for st in view.states:
            who = v.display.show(v.sort, st[lock.owner])
            if who in names and who not in lanes:
                lanes.append(who)
    return lanes


def _holds(view: TraceView, ts: TransitionSystem, lanes: list[str]) -> list[Hold]:
    """Every interval a lock is held by one thread, in state indices."""
    out: list[Hold] = []
    for lk in ts.locks:
        i, v, lock = lk.owner, ts.vars[lk.owner], lk.name
        current: str | None = None
        start = 0
        for n, st in enumerate(view.states):
            who = v.display.show(v.sort, st[i])
            who_lane = who if who in lanes else None
            if who_lane != current:
                if current is not None:
                    out.append(Hold(lock, current, start, n - 1))
                current, start = who_lane, n
        if current is not None:
            out.append(Hold(lock, current, start, len(view.states) - 1))
    return out


def _files(ts: TransitionSystem, view: TraceView) -> dict[str, SourceFile]:
    """The source text of every file the trace's steps come from, as it was checked."""
    files: dict[str, SourceFile] = {}
    for s in view.steps:
        o = _origin(ts, s.action)
        if o is None:
            continue
        for sp in (*o.sites, o.span):
            if sp is not None:
                files.setdefault(sp.path, sp.file)
    for inv in ts.invariants:
        if inv.name == view.property and inv.span is not None:
            files.setdefault(inv.span.path, inv.span.file)
    return files


def _data(view: TraceView, ts: TransitionSystem, files: dict[str, SourceFile]) -> dict[str, Any]:
    """What the script needs: the visible variables, the initial state and each step's changes
    (value strings interned), each step's statement, call chain and source excerpts."""
    shown = [i for i, v in enumerate(ts.vars) if not v.hidden]
    values: list[str] = []
    index: dict[str, int] = {}

    def intern(s: str) -> int:
        k = index.get(s)
        if k is None:
            k = index[s] = len(values)
            values.append(s)
        return k

    def value(i: int, st: tuple[int | bool, ...]) -> int:
        v = ts.vars[i]
        return intern(_clean(v.display.show(v.sort, st[i]), MAX_VALUE_CHARS))

    states = view.states
    init = [value(i, states[0]) for i in shown]
    lines: dict[str, str] = {}
    steps = []
    for n, s in enumerate(view.steps, start=1):
        before, after = states[n - 1], states[n]
        changes = [[k, value(i, after)] for k, i in enumerate(shown) if before[i] != after[i]]
        o = _origin(ts, s.action)
        excerpts = [_excerpt(files, s.location, lines, "")]
        inner = o.span if o is not None else None
        if o is not None and inner is not None and f"{inner.path}:{inner.line}" != s.location:
            excerpts.append(_excerpt(files, f"{inner.path}:{inner.line}", lines, o.via[-1] if o.via else ""))
        steps.append(
            {
                "thread": _clean(s.thread),
                "text": _clean(s.text, MAX_LINE_CHARS),
                "inner": _clean(s.inner),
                "loc": _clean(s.location),
                "calls": [[_clean(p), _clean(site)] for p, site in s.calls],
                "src": [e for e in excerpts if e is not None],
                "changes": changes,
            }
        )
    return {
        "vars": [_clean(ts.vars[i].name) for i in shown],
        "values": values,
        "init": init,
        "steps": steps,
        "lines": lines,
        "loop": view.loop,
        "final": _clean(view.final, MAX_VALUE_CHARS),
    }


def _origin(ts: TransitionSystem, action: int) -> Origin | None:
    """Where action `action` comes from (None for a step that names no action of `ts`)."""
    return ts.actions[action].origin if 0 <= action < len(ts.actions) else None


def _excerpt(files: dict[str, SourceFile], location: str, lines: dict[str, str], label: str) -> list[Any] | None:
    """[path, first line, last line, the line itself, label] around `location` ("path:line"); the
    lines' text goes into `lines`, keyed "path:line", once each."""
    path, _, num = location.rpartition(":")
    src = files.get(path)
    if src is None or not num.isdigit():
        return None
    line = int(num)
    total = src.text.count("\n") + 1
    first, last = max(1, line - CONTEXT), min(total, line + CONTEXT)
    shown = _clean(path)
    for k in range(first, last + 1):
        lines.setdefault(f"{shown}:{k}", _clean(src.line(k), MAX_LINE_CHARS))
    return [shown, first, last, line, _clean(label)]


def _headline(c: Cell, view: TraceView) -> str:
    if view.loop is not None:
        head = f"{view.property} violated in {view.spec} [{view.variant}] by a lasso of {len(view.steps)} steps"
    else:
        head = f"{view.property} violated in {view.spec} [{view.variant}] at depth {len(view.steps)}"
    if c.lockdep_warning:
        head = "WARNING: " + head
    if not c.minimal:
        shorter = "shorter lassos" if view.loop is not None else "shorter traces"
        head += f" ({shorter} may exist" + (f", none of {c.none_up_to} steps or fewer)" if c.none_up_to >= 0 else ")")
    return _clean(head)


def _property_source(ts: TransitionSystem, prop: str) -> str:
    """The violated invariant's own source line, if it has one."""
    for inv in ts.invariants:
        if inv.name == prop and inv.span is not None and inv.span.line:
            sp: Span = inv.span
            text = _clean(sp.file.line(sp.line), MAX_LINE_CHARS)
            return f'<pre class="src prop"><span class="ln">{sp.line:>4} |</span> {_esc(text)}</pre>'
    return ""


def _report(report: str) -> str:
    if not report:
        return ""
    return f'<pre id="report">{_esc(_clean(report, MAX_REPORT_CHARS, keep_newlines=True))}</pre>'


# ---- the diagram ---------------------------------------------------------------------------------


def _svg(view: TraceView, lanes: list[str], holds: list[Hold]) -> str:
    """The sequence diagram: a lifeline per thread, a row per step with a box on the mover's
    lifeline, lock hold bars beside the lifelines, the verdict at the bottom. Drawn in layers: the
    rows (what a pointer selects), then lifelines and bars, then the boxes."""
    locks = list(dict.fromkeys(h.lock for h in holds))
    col = _BOX + 2 * (12 + _LANE * len(locks))
    k = len(view.steps)
    rows_end = _TOP + _ROW * (k + 1)
    changes_x = _GUTTER + col * len(lanes) + 12
    width = changes_x + MAX_CHANGES_CHARS * 7 + 20
    height = rows_end + _FOOT

    def cx(thread: str) -> float:
        return _GUTTER + col * lanes.index(thread) + col / 2

    def cy(row: int) -> float:
        return _TOP + _ROW * row + _ROW / 2

    out = [
        f'<svg id="diagram" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="sequence diagram of the counterexample">'
    ]
    x = _GUTTER
    for j, lock in enumerate(locks):
        colour = LOCK_COLOURS[j % len(LOCK_COLOURS)]
        out.append(f'<rect x="{x}" y="10" width="12" height="12" fill="{colour}"/>')
        label = _clip(f"{lock} held", 40)
        out.append(f'<text x="{x + 16}" y="21" class="legend">{_esc(label)}</text>')
        x += 24 + 7 * len(label)
    # the rows: the initial state's, then one per step
    out.append('<g class="step" id="step-0" data-step="0" tabindex="0" role="button" aria-label="initial state">')
    out.append(f'<rect class="row" x="0" y="{_TOP}" width="{width}" height="{_ROW}"/>')
    out.append(f'<text x="30" y="{cy(0) + 4}" text-anchor="end" class="num">init</text>')
    out.append(f'<text x="{_GUTTER + 6}" y="{cy(0) + 4}" class="note">initial state</text>')
    out.append("</g>")
    labels = []
    for s in view.steps:
        y = cy(s.index)
        line = s.location.rpartition(":")[2]
        label = (f"L{line} {s.text}" if line else s.text) + (f" \u203a {s.inner}" if s.inner else "")
        labels.append(label)
        out.append(
            f'<g class="step" id="step-{s.index}" data-step="{s.index}" data-thread="{_esc(s.thread)}" '
            'tabindex="0" role="button">'
        )
        out.append(f"<title>{_esc(_clean(label, MAX_LINE_CHARS))}</title>")
        out.append(f'<rect class="row" x="0" y="{y - _ROW / 2}" width="{width}" height="{_ROW}"/>')
        out.append(f'<text x="30" y="{y + 4}" text-anchor="end" class="num">{s.index}</text>')
        changed = "; ".join(f"{ch.var} = {ch.after}" for ch in s.changes)
        if changed:
            out.append(
                f'<text x="{changes_x}" y="{y + 4}" class="chg">{_esc(_clean(changed, MAX_CHANGES_CHARS))}</text>'
            )
        out.append("</g>")
    # lifelines, context switches and lock hold bars
    for t in lanes:
        x = cx(t)
        out.append(f'<g class="lifeline" data-thread="{_esc(t)}">')
        out.append(f'<text x="{x}" y="{_TOP - 22}" text-anchor="middle" class="thread">{_esc(_clip(t, 34))}</text>')
        out.append(
            f'<line x1="{x}" y1="{_TOP - 14}" x2="{x}" y2="{rows_end}" stroke="{LIFELINE}" stroke-width="3" '
            'shape-rendering="crispEdges"/>'
        )
        out.append("</g>")
    for before, s in zip(view.steps, view.steps[1:], strict=False):
        if before.thread != s.thread:
            y = cy(s.index) - _ROW / 2
            out.append(f'<line class="switch" x1="{cx(before.thread)}" y1="{y}" x2="{cx(s.thread)}" y2="{y}"/>')
    for h in holds:
        j = locks.index(h.lock)
        colour = LOCK_COLOURS[j % len(LOCK_COLOURS)]
        y1 = cy(h.start) if h.start > 0 else _TOP
        y2 = cy(h.end + 1) if h.end < k else rows_end
        span = f"steps {h.start}\u2013{h.end + 1}" if h.end < k else f"from step {h.start} to the end"
        title = _esc(f"{h.lock} held by {h.thread}, {span}")
        for side in (-1, 1):
            x = cx(h.thread) + side * (_BOX / 2 + 6 + _LANE * j) - (5 if side < 0 else 0)
            out.append(
                f'<rect class="hold" data-lock="{_esc(h.lock)}" data-thread="{_esc(h.thread)}" '
                f'data-from="{h.start}" data-to="{h.end}" x="{x}" y="{y1}" width="5" height="{max(2.0, y2 - y1)}" '
                f'fill="{colour}"><title>{title}</title></rect>'
            )
    # the boxes, on top
    for s, label in zip(view.steps, labels, strict=True):
        y = cy(s.index)
        x = cx(s.thread)
        out.append(f'<g class="stepbox" data-step="{s.index}">')
        out.append(f"<title>{_esc(_clean(label, MAX_LINE_CHARS))}</title>")
        out.append(f'<rect class="box" x="{x - _BOX / 2}" y="{y - 10}" width="{_BOX}" height="20" rx="4"/>')
        out.append(f'<text x="{x - _BOX / 2 + 6}" y="{y + 4}" class="stmt">{_esc(_clip(label, MAX_BOX_CHARS))}</text>')
        out.append("</g>")
    if view.loop is not None:
        top = _TOP + _ROW * (view.loop + 1)
        if view.loop < k:
            mid = (top + rows_end) / 2
            out.append(
                f'<path class="loop" d="M 46 {rows_end - 4} H 38 V {top + 4} H 46"/>'
                f'<text x="56" y="{mid}" text-anchor="middle" transform="rotate(-90 56 {mid})" '
                'class="loopnote">loop</text>'
            )
        else:
            out.append(f'<text x="{_GUTTER + 6}" y="{rows_end - 6}" class="loopnote">the last state repeats</text>')
    final = _clean(view.final, MAX_VALUE_CHARS)
    out.append(
        f'<text x="8" y="{rows_end + 26}" class="final" id="verdict"><title>{_esc(final)}</title>'
        f"\u2717 {_esc(_clip(final, max(40, (width - 30) // 7)))}</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


# ---- escaping --------------------------------------------------------------------------------------


def _clean(s: str, limit: int = 400, keep_newlines: bool = False) -> str:
    """`s` as `_text` makes it, cut to `limit` characters."""
    return _clip(_text(s, keep_newlines), limit)


def _text(s: str, keep_newlines: bool = False) -> str:
    """`s` with tabs and line breaks (unless kept) as spaces, other control characters as U+FFFD,
    and what UTF-8 cannot encode (a file name's undecodable bytes) as '?'."""
    if keep_newlines:
        s = "\n".join(_CONTROL.sub("\ufffd", part.replace("\t", " ")) for part in s.split("\n"))
    else:
        s = _CONTROL.sub("\ufffd", s.replace("\t", " ").replace("\n", " ").replace("\r", " "))
    return s.encode("utf-8", "replace").decode("utf-8")


def _clip(s: str, limit: int) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "\u2026"


def _esc(s: str) -> str:
    """`s` as text or an attribute value in markup."""
    return html.escape(_text(s, keep_newlines=True), quote=True)


def _json(data: object) -> str:
    """JSON that cannot end its <script> element or start markup inside it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


_STYLE = """
:root { color-scheme: light; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; background: #fff; }
header { padding: 10px 16px 4px; border-bottom: 1px solid #d5dbe5; }
h1 { font-size: 17px; margin: 0 0 2px; }
.meta, .hint { margin: 2px 0; color: #4a5468; font-size: 12.5px; }
main { display: flex; align-items: flex-start; }
#pane { flex: 1 1 auto; min-width: 0; overflow: auto; padding: 8px 0 16px 8px; }
#panel { flex: 0 0 380px; position: sticky; top: 0; max-height: 100vh; overflow: auto; box-sizing: border-box;
  padding: 8px 14px; border-left: 1px solid #d5dbe5; background: #f7f9fc; }
#panel h2 { font-size: 15px; margin: 4px 0; }
#panel h3 { font-size: 13px; margin: 10px 0 4px; }
#p-what p { margin: 2px 0; }
code, pre, .stmt, .chg, .num, .legend, .thread { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
pre.src { background: #fff; border: 1px solid #d5dbe5; padding: 4px 6px; margin: 4px 0; font-size: 12px;
  overflow-x: auto; }
pre.src .hi { background: #fff1b8; display: block; }
pre.src .ln { color: #8a93a6; }
.srclabel { font-size: 12px; color: #4a5468; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { text-align: left; padding: 1px 4px; border-bottom: 1px solid #e4e8ef; vertical-align: top; }
td { font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
tr.changed td { background: #fff1b8; font-weight: 600; }
td .was { color: #8a93a6; font-weight: 400; }
#p-state.only tr:not(.changed) { display: none; }
.verdict { color: #b3261e; font-weight: 600; margin: 8px 8px 4px; }
#report { background: #fdf3f2; border: 1px solid #efc7c3; padding: 8px; margin: 8px; font-size: 12px; }
svg text { font-size: 12px; fill: #1d2330; }
svg .thread { font-weight: 700; font-size: 13px; }
svg .legend, svg .chg, svg .note { font-size: 11.5px; fill: #4a5468; }
svg .num { fill: #6b7488; }
svg .row { fill: transparent; }
svg .step:hover .row, svg .step:focus .row { fill: #eef3fb; }
svg .step.sel .row { fill: #ffe9a8; }
svg .box { fill: #fff; stroke: #7d93bd; stroke-width: 1; }
svg .stepbox.sel .box { stroke: #b3261e; stroke-width: 2; }
svg .step, svg .stepbox { cursor: pointer; outline: none; }
svg .lifeline, svg .hold, svg .switch { pointer-events: none; }
svg .switch { stroke: #9aa5b8; stroke-dasharray: 3 3; }
svg .loop { fill: none; stroke: #b3261e; stroke-width: 2; }
svg .loopnote, svg .final { fill: #b3261e; font-weight: 600; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("trace-data").textContent);
  var k = data.steps.length;
  var states = [data.init.slice()];
  data.steps.forEach(function (s, n) {
    var st = states[n].slice();
    s.changes.forEach(function (c) { st[c[0]] = c[1]; });
    states.push(st);
  });
  var rows = Array.prototype.slice.call(document.querySelectorAll("#diagram .step, #diagram .stepbox"));
  var pinned = k;
  var shown = -1;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function excerpt(x) {
    var box = document.createDocumentFragment();
    box.appendChild(el("div", "srclabel", x[0] + ":" + x[3] + (x[4] ? "  (in " + x[4] + ")" : "")));
    var pre = el("pre", "src");
    for (var i = x[1]; i <= x[2]; i++) {
      var line = data.lines[x[0] + ":" + i];
      var span = el("span", i === x[3] ? "hi" : "");
      var num = ("    " + i).slice(-4);
      span.appendChild(el("span", "ln", num + " |"));
      span.appendChild(document.createTextNode(" " + (line === undefined ? "" : line) + "\\n"));
      pre.appendChild(span);
    }
    box.appendChild(pre);
    return box;
  }
  function show(n) {
    if (n === shown) { return; }
    shown = n;
    rows.forEach(function (r) { r.classList.toggle("sel", Number(r.getAttribute("data-step")) === n); });
    var title = document.getElementById("p-title");
    var what = document.getElementById("p-what");
    var src = document.getElementById("p-src");
    what.textContent = "";
    src.textContent = "";
    if (n === 0) {
      title.textContent = "Initial state";
    } else {
      var s = data.steps[n - 1];
      title.textContent = "Step " + n + " of " + k + ": " + s.thread;
      var p = el("p");
      p.appendChild(el("code", "", s.text));
      if (s.inner) { p.appendChild(document.createTextNode(" \\u203a " + s.inner)); }
      what.appendChild(p);
      what.appendChild(el("p", "srclabel", s.loc));
      s.calls.forEach(function (c) { what.appendChild(el("p", "srclabel", "in " + c[0] + ", called at " + c[1])); });
      s.src.forEach(function (x) { src.appendChild(excerpt(x)); });
    }
    if (n === k) { what.appendChild(el("p", "verdict", "\\u2717 " + data.final)); }
    var body = document.querySelector("#p-state tbody");
    body.textContent = "";
    var st = states[n], prev = n > 0 ? states[n - 1] : null;
    data.vars.forEach(function (name, i) {
      var changed = prev !== null && prev[i] !== st[i];
      var tr = el("tr", changed ? "changed" : "");
      tr.appendChild(el("td", "", name));
      var td = el("td", "", data.values[st[i]]);
      if (changed) { td.appendChild(el("span", "was", "  (was " + data.values[prev[i]] + ")")); }
      tr.appendChild(td);
      body.appendChild(tr);
    });
    document.documentElement.setAttribute("data-shown", String(n));
  }
  function pin(n) {
    pinned = Math.max(0, Math.min(k, n));
    show(pinned);
    var r = document.getElementById("step-" + pinned);
    if (r && r.scrollIntoView) { r.scrollIntoView({block: "nearest"}); }
  }
  rows.forEach(function (r) {
    var n = Number(r.getAttribute("data-step"));
    r.addEventListener("mouseenter", function () { show(n); });
    r.addEventListener("mouseleave", function () { show(pinned); });
    r.addEventListener("click", function () { pin(n); });
    r.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pin(n); }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "j") { e.preventDefault(); pin(pinned + 1); }
    if (e.key === "ArrowUp" || e.key === "k") { e.preventDefault(); pin(pinned - 1); }
  });
  document.getElementById("p-only").addEventListener("change", function (e) {
    document.getElementById("p-state").classList.toggle("only", e.target.checked);
  });
  var m = /^#step-(\\d+)$/.exec(window.location.hash);
  if (m) { pinned = Math.min(k, Number(m[1])); }
  show(pinned);
})();
"""

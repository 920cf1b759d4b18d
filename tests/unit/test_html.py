"""`--html DIR`: a self-contained page per counterexample. Its structure and data are checked
against the replayed trace, and it is loaded in headless Chromium: a screenshot must show the
lifelines, the script must run without errors under the page's own Content-Security-Policy, and
text from the spec must never run as markup."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from support import run_bounded

from verifier.engines.portfolio import Budget
from verifier.ir.lower import lower
from verifier.ir.model import TransitionSystem
from verifier.output import HTML_MARK, is_html_trace
from verifier.pipeline import Cell, Request, SpecResult, verify
from verifier.render.html import LIFELINE, render_html, write_html

ROOT = Path(__file__).resolve().parents[2]
SMALL = Budget(max_states=20000, hunt_states=0, walk_steps=0, proof_work=1)
SMALL_ARGS = ["-q", "--max-states", "20000", "--hunt-states", "0", "--walk-steps", "0", "--proof-work", "1", "-j", "1"]
HANG = 120  # seconds: a browser or a run past this is hung, not slow
WINDOW = (1200, 900)

# a comment on a statement's line reaches the page through the source excerpt
PAYLOAD = (
    "</script><script>document.documentElement.setAttribute('data-pwned', 'script')</script>"
    "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned', 'img')\">"
)
RACE = f"""var m: mutex;
var l: spinlock;
var x: 0..3 = 0;
var flag: bool = false;

thread a() {{
  mutex_lock(m);
  x += 1;  // {PAYLOAD}
  mutex_unlock(m);
  flag = true;
}}

thread b() {{
  await flag;
  spin_lock(l);
  x += 1;
  spin_unlock(l);
}}

thread idle() {{
  await x == 3;
}}

invariant small: x < 2;
"""


@pytest.fixture(scope="module")
def race(tmp_path_factory: pytest.TempPathFactory) -> tuple[SpecResult, Cell, TransitionSystem]:
    path = tmp_path_factory.mktemp("spec") / "race.irq"
    path.write_text(RACE, encoding="utf-8")
    (r,) = verify([str(path)], {}, Request(properties=("small",), budget=SMALL, jobs=1))
    assert isinstance(r, SpecResult) and not r.errors
    (c,) = r.cells
    assert c.verdict == "violated" and c.trace is not None
    return r, c, lower(r.spec, c.variant)


# ---- reading a page --------------------------------------------------------------------------------


class Page(HTMLParser):
    """Every element of a page with its attributes, the scripts' text, and all text shown."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.text: list[str] = []
        self.rows: list[tuple[str, list[str]]] = []  # the state table's rows: (class, cell texts)
        self._script: dict[str, str] | None = None
        self._row: tuple[str, list[str]] | None = None
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "script":
            self._script = a
            self.scripts.append((a, ""))
        elif tag == "tr":
            self._row = (a.get("class", ""), [])
            self.rows.append(self._row)
        elif tag == "td" and self._row is not None:
            self._cell = []
            self._row[1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        elif tag == "td" and self._row is not None and self._cell is not None:
            self._row[1][-1] = "".join(self._cell)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and (cls is None or cls in a.get("class", "").split())]

    def root(self) -> dict[str, str]:
        return next(a for t, a in self.elements if t == "html")

    def data(self) -> dict[str, Any]:
        (text,) = [t for a, t in self.scripts if a.get("id") == "trace-data"]
        return json.loads(text)


def decoded_states(data: dict[str, Any]) -> list[list[str]]:
    """The page's states, from its initial state and each step's changes."""
    values = data["values"]
    states = [list(data["init"])]
    for s in data["steps"]:
        st = list(states[-1])
        for k, v in s["changes"]:
            st[k] = v
        states.append(st)
    return [[values[v] for v in st] for st in states]


def expected_states(c: Cell, ts: TransitionSystem) -> tuple[list[str], list[list[str]]]:
    """The visible variables and their values in each state of the replayed trace."""
    assert c.trace is not None
    shown = [i for i, v in enumerate(ts.vars) if not v.hidden]
    states = [[ts.vars[i].display.show(ts.vars[i].sort, st[i]) for i in shown] for st in c.trace.states]
    return [ts.vars[i].name for i in shown], states


def movers(c: Cell) -> list[str]:
    assert c.trace is not None
    return list(dict.fromkeys(s.thread for s in c.trace.steps))


# ---- the page's structure and data ---------------------------------------------------------------


def test_the_page_has_a_lifeline_per_moving_thread_a_row_per_step_and_each_state(
    race: tuple[SpecResult, Cell, TransitionSystem],
) -> None:
    _, c, ts = race
    assert c.trace is not None
    text = render_html(c, ts)
    assert text.splitlines()[0] == HTML_MARK
    page = Page(text)
    assert [a["data-thread"] for a in page.find("g", "lifeline")] == movers(c) == ["a", "b"]
    steps = page.find("g", "step")
    assert [int(a["data-step"]) for a in steps] == list(range(len(c.trace.steps) + 1))
    assert [a.get("data-thread") for a in steps[1:]] == [s.thread for s in c.trace.steps]
    data = page.data()
    names, states = expected_states(c, ts)
    assert data["vars"] == names
    assert decoded_states(data) == states
    assert [s["text"] for s in data["steps"]] == [s.text for s in c.trace.steps]
    assert [s["loc"] for s in data["steps"]] == [s.location for s in c.trace.steps]
    assert data["final"] == c.trace.final and "verdict" in {a.get("id") for _, a in page.elements}
    # every step's own source line is in the page, marked as the step's line
    for s, d in zip(c.trace.steps, data["steps"], strict=True):
        path, line = s.location.rsplit(":", 1)
        assert [path, int(line)] == [d["src"][0][0], d["src"][0][3]]
        assert data["lines"][s.location] == Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_lock_hold_bars_cover_exactly_the_states_the_lock_is_held(
    race: tuple[SpecResult, Cell, TransitionSystem],
) -> None:
    _, c, ts = race
    assert c.trace is not None
    page = Page(render_html(c, ts))
    bars = {
        (a["data-lock"], a["data-thread"], int(a["data-from"]), int(a["data-to"])) for a in page.find("rect", "hold")
    }
    assert {lock for lock, *_ in bars} == {"m", "l"}
    owners = {v.name.removesuffix(".owner"): i for i, v in enumerate(ts.vars) if v.name.endswith(".owner")}
    last = len(c.trace.states) - 1
    covered: set[tuple[str, int]] = set()
    for lock, thread, start, end in bars:
        var = ts.vars[owners[lock]]
        held = [var.display.show(var.sort, st[owners[lock]]) for st in c.trace.states]
        assert all(h == thread for h in held[start : end + 1]), (lock, thread, start, end, held)
        assert start == 0 or held[start - 1] != thread
        assert end == last or held[end + 1] != thread
        covered |= {(lock, n) for n in range(start, end + 1)}
    for lock, i in owners.items():
        var = ts.vars[i]
        for n, st in enumerate(c.trace.states):
            if var.display.show(var.sort, st[i]) != "none":
                assert (lock, n) in covered, (lock, n)
    # m is taken and released by a; b still holds l when the invariant fails
    assert any(lock == "m" and end < last for lock, _, _, end in bars)
    assert any(lock == "l" and end == last for lock, _, _, end in bars)


def test_spec_text_is_escaped_and_the_page_needs_nothing_from_outside(
    race: tuple[SpecResult, Cell, TransitionSystem],
) -> None:
    _, c, ts = race
    page = Page(hostile(c, ts))
    assert [t for t, _ in page.elements].count("script") == 2
    assert not page.find("img") and not any(k.startswith("on") for _, a in page.elements for k in a)
    # shown as text, in the diagram and in the data
    assert PAYLOAD in "".join(page.text)
    data = page.data()
    assert data["steps"][0]["text"] == PAYLOAD and any(PAYLOAD in line for line in data["lines"].values())
    (csp,) = [a["content"] for a in page.find("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    for _, a in page.elements:
        for k in ("src", "href", "xlink:href"):
            assert k not in a, a


def test_a_hostile_file_name_is_shown_as_text(tmp_path: Path) -> None:
    # markup, an escape character and a byte that is not UTF-8 (kept by Python as a lone surrogate)
    name = "r<img src=y onerror=alert(1)>\x1b\udcff"
    path = tmp_path / f"{name}.irq"
    path.write_text(RACE, encoding="utf-8")
    (r,) = verify([str(path)], {}, Request(properties=("small",), budget=SMALL, jobs=1))
    assert isinstance(r, SpecResult) and r.cells[0].trace is not None
    out = tmp_path / "pages"
    write_html(r, {}, str(out))
    (written,) = out.iterdir()
    assert written.name == f"{name}.default.small.html"
    text = written.read_bytes().decode("utf-8")  # strict: the page is UTF-8
    page = Page(text)
    assert not page.find("img") and "\x1b" not in text
    assert "r<img src=y onerror=alert(1)>\ufffd?.irq" in "".join(page.text)
    data = page.data()
    assert all(x[0] + ":" + str(x[3]) in data["lines"] for s in data["steps"] for x in s["src"])


def hostile(c: Cell, ts: TransitionSystem) -> str:
    """The page with the payload as every statement's text, the verdict and the report."""
    assert c.trace is not None
    steps = tuple(dataclasses.replace(s, text=PAYLOAD) for s in c.trace.steps)
    view = dataclasses.replace(c.trace, steps=steps, final=PAYLOAD, report=PAYLOAD)
    return render_html(dataclasses.replace(c, trace=view), ts)


def test_write_html_writes_a_page_per_counterexample_and_leaves_other_files_alone(
    race: tuple[SpecResult, Cell, TransitionSystem], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r, _c, _ = race
    out = tmp_path / "html"
    write_html(r, {}, str(out))
    page = out / "race.default.small.html"
    assert [p.name for p in out.iterdir()] == [page.name]
    assert is_html_trace(page)
    write_html(r, {"MAX": 2}, str(out))  # its own page is replaced
    assert "with MAX=2" in page.read_text(encoding="utf-8")
    page.write_text("<!-- mine -->\n", encoding="utf-8")
    assert not is_html_trace(page)
    write_html(r, {}, str(out))
    assert page.read_text(encoding="utf-8") == "<!-- mine -->\n"
    err = capsys.readouterr().err
    assert err.startswith("irqverify: ") and "was not written by irqverify: left alone" in err
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    write_html(r, {}, str(blocked))
    assert capsys.readouterr().err.startswith("irqverify: ") and blocked.read_text(encoding="utf-8") == ""


def test_a_lasso_with_no_steps_still_makes_a_page(tmp_path: Path) -> None:
    path = tmp_path / "stuck.irq"
    path.write_text("var x: 0..1 = 0;\nthread a() {\n  x = 1;\n}\nproperty done: true ~> x == 1;\n")
    (r,) = verify([str(path)], {}, Request(properties=("done",), budget=SMALL, jobs=1))
    assert isinstance(r, SpecResult)
    (c,) = r.cells
    assert c.trace is not None and c.trace.loop is not None
    page = Page(render_html(c, lower(r.spec, c.variant)))
    assert len(page.find("g", "step")) == len(c.trace.steps) + 1
    assert decoded_states(page.data()) == expected_states(c, lower(r.spec, c.variant))[1]


LOOPING = """var x: 0..3 = 0;
var m: mutex;
fair thread a() {
  while true {
    mutex_lock(m);
    x = 1;
    x = 0;
    mutex_unlock(m);
  }
}
property reaches: true ~> x == 2;
"""


def test_a_lasso_is_drawn_with_the_steps_that_repeat(tmp_path: Path) -> None:
    path = tmp_path / "looping.irq"
    path.write_text(LOOPING, encoding="utf-8")
    (r,) = verify([str(path)], {}, Request(properties=("reaches",), budget=SMALL, jobs=1))
    assert isinstance(r, SpecResult)
    (c,) = r.cells
    assert c.trace is not None and c.trace.loop is not None and c.trace.loop < len(c.trace.steps)
    ts = lower(r.spec, c.variant)
    page = Page(render_html(c, ts))
    assert len(page.find("path", "loop")) == 1
    data = page.data()
    assert data["loop"] == c.trace.loop
    states = decoded_states(data)
    assert states == expected_states(c, ts)[1] and states[c.trace.loop] == states[-1]


def test_the_bundled_oadn_v9_unique_notifier_page_is_modest_in_size(tmp_path: Path) -> None:
    budget = Budget(max_states=300000, hunt_states=0, walk_steps=0, proof_work=1)
    request = Request(variants=("shared_source",), properties=("unique_notifier",), budget=budget, jobs=1)
    (r,) = verify([str(ROOT / "spec" / "oadn_v9.irq")], {}, request)
    assert isinstance(r, SpecResult)
    write_html(r, {}, str(tmp_path))
    page = tmp_path / "oadn_v9.shared_source.unique_notifier.html"
    size = page.stat().st_size
    print(f"{page.name}: {size} bytes")
    assert size < 150_000
    (c,) = r.cells
    assert c.trace is not None
    assert (
        decoded_states(Page(page.read_text(encoding="utf-8")).data()) == expected_states(c, lower(r.spec, c.variant))[1]
    )


def test_the_cli_writes_the_page_of_each_counterexample_it_reports(tmp_path: Path) -> None:
    spec = tmp_path / "race.irq"
    spec.write_text(RACE, encoding="utf-8")
    out = tmp_path / "pages"
    done = run_bounded(["verify", str(spec), "--html", str(out), "--format", "json", *SMALL_ARGS], seconds=HANG)
    assert done.returncode == 4, done.stderr
    cells = [c for c in json_cells(json.loads(done.stdout)) if c["verdict"] == "violated"]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"race.default.{c['property']}.html" for c in cells)
    for c in cells:
        page = Page((out / f"race.default.{c['property']}.html").read_text(encoding="utf-8"))
        data = page.data()
        assert [s["text"] for s in data["steps"]] == [s["statement"] for s in c["trace"]["steps"]]
        assert [s["thread"] for s in data["steps"]] == [s["thread"] for s in c["trace"]["steps"]]
        assert data["final"] == c["trace"]["final"]


def json_cells(doc: Any) -> list[dict[str, Any]]:
    """The cells of a --format json document: a list of cells, or specs that each hold theirs."""
    if isinstance(doc, dict):
        return [c for spec in doc["specs"] for c in spec["cells"]]
    return list(doc)


# ---- in a real browser -----------------------------------------------------------------------------


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium binary (chromium, chromium-browser or google-chrome) on PATH")


def browse(page: Path, *args: str, fragment: str = "") -> subprocess.CompletedProcess[str]:
    """Chromium, headless, on `page`; its console messages go to stderr."""
    command = [
        chromium(),
        "--headless=new",
        "--disable-gpu",
        "--no-sandbox",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--enable-logging=stderr",
        "--v=0",
        f"--user-data-dir={page.parent / 'profile'}",
        *args,
        page.as_uri() + fragment,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=HANG, cwd=page.parent)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(command)} did not finish")
    assert done.returncode == 0, done.stderr
    return done


def console(done: subprocess.CompletedProcess[str]) -> list[str]:
    """What the page wrote to the console: errors, refused scripts or loads, its own logging."""
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def with_error_recorder(text: str) -> str:
    """The page with a first script that records every error into the root's data-js-errors, allowed
    by its hash in the page's policy."""
    recorder = (
        "window.onerror = function (message, source, line) { var d = document.documentElement;"
        ' d.setAttribute("data-js-errors", (d.getAttribute("data-js-errors") || "") + message + " @" + line + ";"); };'
    )
    digest = base64.b64encode(hashlib.sha256(recorder.encode()).digest()).decode()
    assert text.count("script-src ") == 1
    text = text.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    return text.replace("<head>\n", f"<head>\n<script>{recorder}</script>\n", 1)


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGB rows of an 8-bit RGB or RGBA, non-interlaced PNG."""
    blob = path.read_bytes()
    assert blob[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], b""
    while pos < len(blob):
        (length,) = struct.unpack(">I", blob[pos : pos + 4])
        kind, body = blob[pos + 4 : pos + 8], blob[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        else:
            assert kind == 0, f"PNG filter {kind}"
        prev = line
        rgb = bytes(line) if bpp == 3 else bytes(b for i, b in enumerate(line) if i % 4 != 3)
        rows.append(rgb)
    return width, height, rows


def test_the_screenshot_shows_a_lifeline_per_moving_thread(
    race: tuple[SpecResult, Cell, TransitionSystem], tmp_path: Path
) -> None:
    _, c, ts = race
    page = tmp_path / "race.html"
    text = render_html(c, ts)
    page.write_text(text, encoding="utf-8")
    shot = tmp_path / "race.png"
    browse(page, f"--screenshot={shot}")
    print(f"screenshot: {shot}")
    width, height, rows = read_png(shot)
    assert (width, height) == WINDOW
    colours = {row[i : i + 3] for row in rows[::7] for i in range(0, len(row), 21)}
    assert len(colours) >= 8, "the screenshot is (nearly) blank"
    target = bytes.fromhex(LIFELINE.removeprefix("#"))
    counts = [0] * width  # per column, its pixels of the lifelines' colour
    for row in rows:
        i = row.find(target)
        while i != -1:
            if i % 3 == 0:
                counts[i // 3] += 1
            i = row.find(target, i + 1)
    columns = [x for x in range(width) if counts[x] >= 60]
    runs: list[list[int]] = []
    for x in columns:
        if runs and x == runs[-1][-1] + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    centres = [sum(r) / len(r) for r in runs]
    drawn = [float(a["x1"]) for a in Page(text).find("line") if a.get("stroke") == LIFELINE]
    assert len(centres) == len(drawn) == len(movers(c)), (centres, drawn)
    # the lines on the screen are the diagram's: the same distance apart
    assert abs((centres[1] - centres[0]) - (drawn[1] - drawn[0])) <= 2, (centres, drawn)


def test_the_script_runs_without_errors_and_shows_the_state_after_a_step(
    race: tuple[SpecResult, Cell, TransitionSystem], tmp_path: Path
) -> None:
    _, c, ts = race
    assert c.trace is not None
    text = render_html(c, ts)
    names, states = expected_states(c, ts)
    # under the page's own policy: the script runs (it marks the step it shows), nothing is refused
    plain = tmp_path / "plain.html"
    plain.write_text(text, encoding="utf-8")
    done = browse(plain, "--dump-dom")
    assert console(done) == []
    assert Page(done.stdout).root().get("data-shown") == str(len(c.trace.steps))
    # with every error recorded, for each step a link can name
    recorded = tmp_path / "recorded.html"
    recorded.write_text(with_error_recorder(text), encoding="utf-8")
    for n in (0, 3, len(c.trace.steps)):
        done = browse(recorded, "--dump-dom", fragment=f"#step-{n}")
        dom = Page(done.stdout)
        assert "data-js-errors" not in dom.root(), dom.root()
        assert console(done) == []
        assert dom.root().get("data-shown") == str(n)
        selected = {a["data-step"] for a in dom.find("g", "sel")}
        assert selected == {str(n)}
        table = [(cls, cells) for cls, cells in dom.rows if cells]
        assert [cells[0] for _, cells in table] == names
        for i, (cls, cells) in enumerate(table):
            changed = n > 0 and states[n - 1][i] != states[n][i]
            assert ("changed" in cls.split()) == changed, (names[i], cls)
            value = f"{states[n][i]}  (was {states[n - 1][i]})" if changed else states[n][i]
            assert cells[1] == value, (names[i], cells)


def test_spec_text_does_not_run_in_the_browser_even_without_the_policy(
    race: tuple[SpecResult, Cell, TransitionSystem], tmp_path: Path
) -> None:
    _, c, ts = race
    text = hostile(c, ts)
    start = text.index('<meta http-equiv="Content-Security-Policy"')
    unguarded = text[:start] + text[text.index(">", start) + 1 :]
    assert "Content-Security-Policy" not in unguarded
    page = tmp_path / "hostile.html"
    page.write_text(unguarded, encoding="utf-8")
    for n in (1, 3):  # step 3's source excerpt is the line with the payload in its comment
        done = browse(page, "--dump-dom", fragment=f"#step-{n}")
        dom = Page(done.stdout)
        assert dom.root().get("data-shown") == str(n)
        assert "data-pwned" not in dom.root()
        assert not dom.find("img")
        assert [t for t, _ in dom.elements].count("script") == 2
        assert PAYLOAD in "".join(dom.text)

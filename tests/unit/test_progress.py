"""verifier/render/progress.py: the live table, the relay from worker processes, and the CLI
showing the table only on a terminal."""

from __future__ import annotations

import io
import os
import re
import select
import sys
import time
from multiprocessing import Pipe, get_context

import pytest
from rich.console import Console
from support import SPEC_DIR, run_cli

from verifier.cli import _show_progress
from verifier.engines.portfolio import Budget
from verifier.pipeline import Request, SpecResult, verify
from verifier.render import progress
from verifier.render.progress import ChannelSender, ProgressTable, WorkerProgress, install_channel

FLAG = str(SPEC_DIR / "flag_mutex.irq")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

Event = tuple[str, str, str, int, float, int]


class Clock:
    """A clock the test moves by hand, so elapsed times are exact."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=120)


def screen(out: str) -> list[str]:
    """The lines a terminal shows after `out`: enough of one for what the live table writes (text,
    carriage returns, newlines, cursor up, erase line; other escapes change no text)."""
    lines, row, col = [""], 0, 0
    for token in re.findall(r"\x1b\[[0-9;?]*[A-Za-z]|\r|\n|[^\x1b\r\n]+", out):
        if token == "\n":
            row, col = row + 1, 0
            if row == len(lines):
                lines.append("")
        elif token == "\r":
            col = 0
        elif token == "\x1b[2K":
            lines[row] = ""
        elif token.startswith("\x1b[") and token.endswith("A"):
            row = max(0, row - int(token[2:-1] or 1))
        elif not token.startswith("\x1b["):
            line = lines[row].ljust(col)
            lines[row] = line[:col] + token + line[col + len(token) :]
            col += len(token)
    return lines


def rows(console: Console) -> dict[str, list[str]]:
    """The table's rows as printed, by variant, each as its cells."""
    text = ANSI.sub("", console.file.getvalue())  # type: ignore[attr-defined]
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        cells = line.split()
        if len(cells) >= 3 and cells[0] != "spec" and not set(line.strip()) <= {"─"}:
            out[cells[1]] = cells
    return out


# ---- the table ----------------------------------------------------------------------------------


def test_a_row_per_variant_with_depth_states_rate_and_elapsed_time() -> None:
    clock, console = Clock(), terminal()
    table = ProgressTable(console, clock=clock)
    table.update("spec/oadn_v9.irq", "shared_source", "explicit", 10, 1.0, 1000)
    clock.now += 1.5
    table.update("spec/oadn_v9.irq", "shared_source", "explicit", 12, 3.0, 9000)
    table.update("spec/flag_mutex.irq", "test_and_set", "bmc", 7, 0.5)  # no state count
    clock.now += 63.6
    console.print(table.render())
    text = ANSI.sub("", console.file.getvalue())  # type: ignore[attr-defined]
    assert text.split()[:7] == ["spec", "variant", "engine", "depth", "states", "states/s", "elapsed"]
    got = rows(console)
    # states/s from the engine's two events: 8000 states in 2 s of its own clock
    assert got["shared_source"] == ["oadn_v9", "shared_source", "explicit", "12", "9,000", "4,000", "1:05"]
    assert got["test_and_set"] == ["flag_mutex", "test_and_set", "bmc", "7", "-", "-", "1:03"]


def test_a_new_engine_or_one_started_over_has_no_rate_until_its_next_event() -> None:
    table = ProgressTable(terminal(), clock=Clock())

    def shown(*event: object) -> list[str]:
        table.update("a.irq", "v", *event)  # type: ignore[arg-type]
        console = terminal()
        console.print(table.render())
        return rows(console)["v"][2:6]

    assert shown("explicit", 5, 1.0, 100) == ["explicit", "5", "100", "-"]
    assert shown("explicit", 6, 2.0, 300) == ["explicit", "6", "300", "200"]
    assert shown("preemption-bounded", 6, 0.1, 50) == ["preemption-bounded", "6", "50", "-"]
    assert shown("explicit", 2, 0.5, 20) == ["explicit", "2", "20", "-"]
    assert shown("explicit", 3, 1.5, 1020) == ["explicit", "3", "1,020", "1,000"]
    assert shown("explicit", 3, 1.0, 900) == ["explicit", "3", "900", "-"]  # started over


def test_a_finished_variant_shows_done_with_its_time_below_the_running_ones() -> None:
    clock, console = Clock(), terminal()
    table = ProgressTable(console, clock=clock)
    table.update("a.irq", "first", "explicit", 3, 0.1, 10)
    table.update("a.irq", "second", "explicit", 3, 0.1, 10)
    clock.now += 7.2
    table.update("a.irq", "first", "done", -1, 0.0)
    table.update("a.irq", "first", "bmc", 9, 1.0)  # late: cannot revive it
    clock.now += 30.0
    console.print(table.render())
    text = ANSI.sub("", console.file.getvalue())  # type: ignore[attr-defined]
    assert text.index("second") < text.index("first")
    got = rows(console)
    assert got["first"] == ["a", "first", "done", "7s"]
    assert got["second"] == ["a", "second", "explicit", "3", "10", "-", "37s"]


def test_the_live_table_erases_itself_when_it_stops() -> None:
    console = terminal()
    with ProgressTable(console, refresh_per_second=20) as table:
        table.update("a.irq", "only_variant", "explicit", 4, 0.2, 40)
        time.sleep(0.15)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    drawn = out[: out.rindex("only_variant") + len("only_variant")]
    assert any("only_variant" in line for line in screen(drawn))  # it was on the screen
    assert not "".join(screen(out)).strip(), screen(out)  # and is gone


# ---- from worker processes ----------------------------------------------------------------------


def test_worker_processes_report_to_the_parent_and_results_do_not_change() -> None:
    events: list[Event] = []
    budget = Budget(max_states=2000, timeout=120.0)
    results = verify([FLAG], {}, Request(budget=budget, jobs=2), lambda *e: events.append(e))
    (result,) = results
    assert isinstance(result, SpecResult)
    assert all(c.met is not False for c in result.cells), [(c.variant, c.property, c.verdict) for c in result.cells]
    assert {c.variant for c in result.cells} == {"test_then_set", "test_and_set"}
    for variant in ("test_then_set", "test_and_set"):
        mine = [e for e in events if e[:2] == (FLAG, variant)]
        # engine events came across from the worker, and "done" ends them, once
        assert [e[2] for e in mine].count("done") == 1 and mine[-1][2] == "done", mine
        engine_events = mine[:-1]
        assert engine_events, f"no progress from the worker deciding {variant}"
        for _, _, engine, depth, seconds, states in engine_events:
            assert isinstance(engine, str) and engine != "done"
            assert isinstance(depth, int) and isinstance(states, int) and seconds >= 0.0


@pytest.fixture
def no_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    """install_channel sets this process's channel: put it back afterwards."""
    monkeypatch.setattr(progress, "_channel", None)


@pytest.mark.usefixtures("no_channel")
def test_a_full_pipe_drops_events_whole_and_never_blocks_the_sender() -> None:
    got: list[Event] = []
    relay = WorkerProgress(get_context("spawn"), lambda *e: got.append(e), limit=100_000)
    try:
        install_channel(*relay.initargs)
        send = relay.sender("spec/x.irq", "v")
        start = time.monotonic()
        for i in range(5000):  # far more than a pipe holds
            send("explicit", i, 0.5, i * 10)
        assert time.monotonic() - start < 10
        relay.drain()
    finally:
        relay.close()
    assert 0 < len(got) < 5000
    # what arrived is whole and in order: a prefix, the rest dropped
    assert got == [("spec/x.irq", "v", "explicit", i, 0.5, i * 10) for i in range(len(got))]


@pytest.mark.usefixtures("no_channel")
def test_a_closed_channel_or_an_oversized_event_is_dropped_without_an_error() -> None:
    reader, writer = Pipe(duplex=False)
    install_channel(writer)
    ChannelSender("x" * 10_000, "v")("explicit", 1, 0.1, 1)  # longer than one atomic write
    assert not reader.poll(0.05)
    reader.close()
    ChannelSender("a.irq", "v")("explicit", 1, 0.1, 1)  # the parent is gone
    writer.close()
    ChannelSender("a.irq", "v")("explicit", 2, 0.2, 2)


def test_a_sender_without_a_channel_does_nothing(no_channel: None) -> None:
    ChannelSender("a.irq", "v")("explicit", 1, 0.1)


# ---- the command line ---------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("quiet", "fmt", "stream", "shown"),
    [
        (False, "text", _Tty(), True),
        (True, "text", _Tty(), False),
        (False, "json", _Tty(), False),
        (False, "text", io.StringIO(), False),
    ],
)
def test_the_table_only_on_a_terminal_above_text_and_without_q(
    quiet: bool, fmt: str, stream: io.StringIO, shown: bool
) -> None:
    assert _show_progress(quiet, fmt, stream) is shown


def test_no_table_when_stderr_is_not_a_terminal() -> None:
    result = run_cli(FLAG, "-j", "1", "--max-states", "2000")
    assert result.exit_code == 0, result.stderr
    assert "states/s" not in result.stderr and "\x1b[" not in result.stderr
    assert "test_then_set" in result.stdout


def _on_a_terminal(*args: str) -> str:
    """Everything `irqverify ARGS` writes to a pseudo-terminal (stdout and stderr both)."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover (the child)
        os.environ.update(COLUMNS="120", LINES="40", TERM="xterm")
        os.execv(sys.executable, [sys.executable, "-m", "verifier", *args])
    out = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, out.decode(errors="replace")
    return out.decode()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal")
def test_on_a_terminal_the_table_is_drawn_then_erased_before_the_matrix() -> None:
    out = _on_a_terminal(FLAG, "-j", "1", "--max-states", "2000")
    assert "states/s" in out and out.index("states/s") < out.index(f"{FLAG}: ")
    shown = [line for line in screen(out) if line.strip()]
    assert shown[0].startswith(f"{FLAG}: ")  # the matrix first, the table gone
    assert not any("states/s" in line for line in shown)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal")
def test_on_a_terminal_q_keeps_it_quiet() -> None:
    out = _on_a_terminal(FLAG, "-j", "1", "--max-states", "2000", "-q")
    assert "states/s" not in out and "\x1b[?25l" not in out
    assert f"{FLAG}: " in out

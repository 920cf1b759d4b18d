"""The same answers on an idle and a loaded machine: run irqverify twice on the same specs and
options, once alone and once beside processes that keep every core busy, and compare the JSON
verdicts, depths, engines, reasons and traces (everything but the seconds).

    python -m bench.determinism [--hogs N] [--out FILE] -- SPEC... [irqverify options]

e.g. `python -m bench.determinism -- spec/*.irq` (the default budgets: two full runs), or with
smaller budgets `python -m bench.determinism -- spec/*.irq --max-states 300000 --proof-work 20`.
Prints the wall time of each run, the number of cells and every cell that differs; exit 1 if any.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> tuple[list[dict[str, Any]], float]:
    start = time.monotonic()
    cmd = [sys.executable, "-m", "verifier", *args, "--format", "json", "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode not in (0, 4, 5, 6):
        sys.exit(f"irqverify exited {done.returncode}: {done.stderr[-2000:]}")
    cells = json.loads(done.stdout)
    for c in cells:
        c.pop("seconds", None)
    return cells, time.monotonic() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hogs", type=int, default=os.cpu_count() or 2, help="CPU-burning processes (one per core)")
    ap.add_argument("--out", help="append the summary to this file")
    ap.add_argument("irqverify", nargs=argparse.REMAINDER, help="-- then the specs and options")
    a = ap.parse_args()
    args = [x for x in a.irqverify if x != "--"]
    if not args:
        ap.error("give the specs to run after --")
    idle, t_idle = run(args)
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(a.hogs)]
    try:
        loaded, t_loaded = run(args)
    finally:
        for h in hogs:
            h.kill()
            h.wait()
    key = lambda c: (c["spec"], c["variant"], c["property"])  # noqa: E731
    before = {key(c): c for c in idle}
    after = {key(c): c for c in loaded}
    differ = [k for k in before.keys() | after.keys() if before.get(k) != after.get(k)]
    lines = [
        f"irqverify {' '.join(args)}",
        f"idle: {t_idle:.0f} s; beside {a.hogs} CPU hogs: {t_loaded:.0f} s; {len(before)} cells, {len(differ)} differ",
    ]
    for k in sorted(differ):
        b, l = before.get(k, {}), after.get(k, {})
        lines.append(
            f"  {'/'.join(k)}: idle {b.get('verdict')} {b.get('depth')}, loaded {l.get('verdict')} {l.get('depth')}"
        )
    print("\n".join(lines))
    if a.out:
        with open(a.out, "a") as f:
            f.write("\n".join(lines) + "\n")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()

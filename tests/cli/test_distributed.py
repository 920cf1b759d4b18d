"""--workers, --sweep and --cluster: the same verdicts as a plain local run, in a stable order.

The partitioned search and a Dask cluster change where the work runs, never what is reported:
a suite run on a local cluster gives each (spec, setting, variant) the cells a local run gives,
apart from the seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import run_cli

from verifier.engines.portfolio import Budget
from verifier.pipeline import Request, SpecResult, verify_settings

ROOT = Path(__file__).resolve().parents[2]
FLAGS = """\
const N = 2;
option atomic_tas: bool = false;
variant test_then_set { atomic_tas = false; }
variant test_and_set { atomic_tas = true; }
var busy: bool;
var in_critical: set<thread>;
thread worker(k: 0..N-1) {
  if atomic_tas {
    atomic { await !busy; busy = true; }
  } else {
    await !busy;
    busy = true;
  }
  in_critical += {self};
  in_critical -= {self};
  busy = false;
}
invariant mutual_exclusion: size(in_critical) <= 1;
"""
# the partitioned search does not reduce: the single-process runs compared with it do not either
SMALL = ("--engine", "explicit", "--no-explicit-por", "--no-symmetry", "-q", "-p", "mutual_exclusion", "-p", "deadlock")


@pytest.fixture
def flags(tmp_path: Path) -> str:
    path = tmp_path / "flags.irq"
    path.write_text(FLAGS, encoding="utf-8")
    return str(path)


def without_seconds(text: str) -> str:
    return re.sub(r"\s+\d+(\.\d+)?s\b", " _s", text)


def verdicts(text: str) -> list[str]:
    """The report without seconds and without the steps of its traces (another search order may
    find another counterexample of the same, shortest, length): each spec's table whole, and the
    first line of every other paragraph (which property is violated where, at what depth)."""
    out = []
    for para in without_seconds(text).split("\n\n"):
        para = para.strip("\n")
        out += para.splitlines() if para.startswith(("/", "== ")) else para.splitlines()[:1]
    return out


def cells(results: list) -> list[tuple]:
    out = []
    for setting, r in results:
        assert isinstance(r, SpecResult), r
        out += [(tuple(setting.items()), c.variant, c.property, c.verdict, c.depth, c.engine) for c in r.cells]
    return out


def test_sweep_runs_each_value_as_a_run_of_its_own_in_order(flags: str) -> None:
    swept = run_cli(flags, "--sweep", "N=2..3", *SMALL)
    assert swept.exit_code == 4, swept.stderr
    headers = [line for line in swept.stdout.splitlines() if line.startswith("== ")]
    assert headers == [f"== {flags} [N=2]", f"== {flags} [N=3]"]
    alone = [run_cli(flags, "--set", f"N={n}", *SMALL).stdout for n in (2, 3)]
    body = re.split(r"^== .*\n", swept.stdout, flags=re.M)[1:]
    assert [without_seconds(b) for b in body] == [without_seconds(a) for a in alone]


@pytest.mark.parametrize("arg", ["N", "N=", "N=3..2", "N=a..b", "N=1,x", "N=0..5000"], ids=lambda a: a or "empty")
def test_a_malformed_sweep_is_a_usage_error(flags: str, arg: str) -> None:
    result = run_cli(flags, "--sweep", arg, *SMALL)
    assert result.exit_code == 2 and "--sweep" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_constant_both_set_and_swept_is_a_usage_error(flags: str) -> None:
    result = run_cli(flags, "--set", "N=2", "--sweep", "N=2..3", *SMALL)
    assert result.exit_code == 2 and "more than once" in result.stderr


def test_workers_give_the_same_report_as_one_process(flags: str) -> None:
    one = run_cli(flags, "--set", "N=3", *SMALL)
    two = run_cli(flags, "--set", "N=3", "--workers", "2", *SMALL)
    assert one.exit_code == two.exit_code == 4
    assert verdicts(two.stdout) == verdicts(one.stdout)


def test_suite_mode_on_a_local_cluster_gives_the_local_verdicts(flags: str, dask_cluster: str) -> None:
    budget = Budget(engine="explicit")
    paths = [flags, str(ROOT / "spec" / "flag_mutex.irq")]
    settings = [{"N": 2}, {"N": 3}]
    here = verify_settings(paths[:1], settings, Request(budget=budget, jobs=1))
    here += verify_settings(paths[1:], [{}], Request(budget=budget, jobs=1))
    seen: list[tuple[str, str, str]] = []
    there = verify_settings(
        paths[:1], settings, Request(budget=budget, cluster=dask_cluster), lambda *a: seen.append(a[:3])
    )
    there += verify_settings(paths[1:], [{}], Request(budget=budget, cluster=dask_cluster))
    assert cells(there) == cells(here)
    assert sorted(k for k in seen if k[2] == "done") == sorted(
        (f"{flags} [N={n}]", v, "done") for n in (2, 3) for v in ("test_then_set", "test_and_set")
    )


def test_the_cli_on_a_local_cluster_prints_what_a_local_run_prints(flags: str, dask_cluster: str) -> None:
    local = run_cli(flags, "--sweep", "N=2,3", *SMALL)
    remote = run_cli(flags, "--sweep", "N=2,3", "--cluster", dask_cluster, *SMALL)
    assert remote.exit_code == local.exit_code == 4
    assert without_seconds(remote.stdout) == without_seconds(local.stdout)


def test_partitions_as_actors_on_the_cluster_give_the_local_report(flags: str, dask_cluster: str) -> None:
    local = run_cli(flags, *SMALL)
    remote = run_cli(flags, "--cluster", dask_cluster, "--workers", "2", *SMALL)
    assert remote.exit_code == local.exit_code == 4
    assert verdicts(remote.stdout) == verdicts(local.stdout)


def test_an_unreachable_cluster_is_a_clear_error(flags: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    from verifier.engines import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    result = run_cli(flags, "--cluster", "tcp://127.0.0.1:9", *SMALL)
    assert result.exit_code == 2 and "cannot reach the Dask cluster" in result.stderr, result.stderr


def test_each_setting_of_a_sweep_writes_its_traces_in_a_folder_of_its_own(flags: str, tmp_path: Path) -> None:
    out = tmp_path / "traces"
    result = run_cli(flags, "--sweep", "N=2,3", "--trace-dir", str(out), *SMALL)
    assert result.exit_code == 4, result.stderr
    for n in (2, 3):
        assert (out / f"N={n}" / "flags.test_then_set.mutual_exclusion.itf.json").is_file()

"""A Dask cluster for what outgrows one machine: whole variants as tasks, or one exhaustive search
split into partitions that live on the cluster's workers as actors.

Dask (the `distributed` package) is pure Python and installs with pip on any platform in about
40 MB; a local cluster of two worker processes starts in about two seconds. Ray needs an 80 MB
binary wheel (a few hundred MB installed) built for each platform and Python version, and a
heavier runtime (its own object store and raylet per node): more than a spec checker needs. It is
optional: `pip install 'irqverify[cluster]'`; without it, `--cluster` says what to install.

`--cluster auto` starts a local cluster (worker processes of this machine, one thread each); an
address (`tcp://host:8786`) joins a running one (`dask scheduler` on one machine, `dask worker
tcp://host:8786` on each of the others, every one with irqverify installed at the same version).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verifier.ir.model import TransitionSystem

# verifier.engines.partition (the whole explicit search) is imported where the actors are made
# and called: the CLI imports this module for ClusterError on every run.


class ClusterError(Exception):
    """The cluster cannot be used: Dask missing, or the address unreachable."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterError("--cluster needs Dask's 'distributed' package: pip install 'irqverify[cluster]'") from None
    return distributed


CONNECT_TIMEOUT = "20s"  # how long to try to reach a running cluster's scheduler
_client: Any = None  # this process's client, once connected
_local: Any = None  # the local cluster `auto` started
_address: str | None = None  # what the client was asked to connect to


def connect(address: str, workers: int | None = None) -> Any:
    """A client of the cluster at `address` ("auto": a local cluster of `workers` processes, one
    per core by default), reused by later calls in this process."""
    global _client, _local, _address
    if _client is not None and address in (_address, scheduler_address()):
        return _client
    if _client is not None:
        disconnect()
    distributed = _distributed()
    try:
        if address == "auto":
            n = workers or os.cpu_count() or 1
            # any free port for its HTTP server: a second local cluster on the machine must not clash
            _local = distributed.LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
            )
            _client = distributed.Client(_local)
        else:
            _client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask cluster at {address}: {e}") from None
    _address = address
    return _client


def disconnect() -> None:
    """Close this process's client (and the local cluster it started)."""
    global _client, _local, _address
    if _client is not None:
        _client.close()
    if _local is not None:
        _local.close()
    _client = _local = _address = None


@contextmanager
def session(address: str | None, workers: int | None = None) -> Iterator[Any]:
    """A client for the duration of a run (None when no address is given)."""
    if address is None:
        yield None
        return
    fresh = _client is None
    try:
        yield connect(address, workers)
    finally:
        if fresh:
            disconnect()


def scheduler_address() -> str | None:
    """The address of the cluster this process is connected to (for a worker process to join it)."""
    return _client.scheduler.address if _client is not None else None


class DaskActors:
    """The partitions of one search as actors on the cluster's workers, spread round robin, each
    owning its share of the states for the whole search; the driver (this process) calls them."""

    def __init__(self, client: Any, ts: TransitionSystem, props: Sequence[str], count: int) -> None:
        from verifier.engines.partition import Partition

        self.count = count
        where = sorted(client.scheduler_info()["workers"])
        if not where:
            raise ClusterError("the Dask cluster has no workers")
        # sent pickled: Dask would otherwise walk the whole system to name it (seconds)
        [system] = client.scatter([pickle.dumps(ts, protocol=pickle.HIGHEST_PROTOCOL)], hash=False)
        futures = [
            client.submit(
                Partition,
                system,
                list(props),
                i,
                count,
                actor=True,
                workers=[where[i % len(where)]],
                allow_other_workers=True,
                pure=False,
            )
            for i in range(count)
        ]
        self.actors = [f.result() for f in futures]
        self._futures = futures

    def run(self, calls: Sequence[tuple[int, str, tuple[Any, ...]]]) -> list[Any]:
        from verifier.engines.partition import PackedRangeError, RemoteError

        pending = [getattr(self.actors[i], m)(*a) for i, m, a in calls]
        out = []
        for p in pending:
            try:
                out.append(p.result())
            except (PackedRangeError, MemoryError):
                raise
            except Exception as e:
                raise RemoteError(f"a partition on the cluster failed: {type(e).__name__}: {e}") from None
        return out

    def close(self) -> None:
        for f in self._futures:
            f.release()
        self.actors, self._futures = [], []


def actors(address: str) -> Any:
    """A `start` for verifier.engines.partition.explore_partitioned: actors on the cluster."""

    def start(ts: TransitionSystem, props: Sequence[str], count: int) -> DaskActors:
        return DaskActors(connect(address), ts, props, count)

    return start

"""The visited-state store of exhaustive search: fixed-width packed states in numpy arrays.

A Python dict from packed int to (parent int, action) costs about 270 bytes per state; at tens of
millions of states that is the machine's memory. `StateStore` keeps each state as its
ceil(bits / 8) little-endian bytes in one row of a 2-D uint8 array, its parent as a row index and
the action that reached it, and finds states through an open-addressing hash table of row
indices (linear probing, grown by doubling). Lookups and insertions take a whole batch of states
at once and probe all of them together with numpy, so the per-state Python cost is the conversion
of an int to bytes and back.
States get consecutive indices in insertion order; breadth-first search inserts level by level,
so the indices of one level form a range (`levels`) and a state's depth is implied by its index.

`DictStore` has the same interface over plain Python objects (tuple states, when a system cannot
be packed) and is the model the numpy store is tested against.

Memory: rows grow by an eighth when full, the table (4-byte slots) doubles at 5/8 load, so bytes
per state (`bytes_per_state`: table + rows + parents + actions, as allocated, over the states
stored) is between ceil(bits / 8) + 12.4 and 1.125 * ceil(bits / 8) + 18.8. Both stores pickle
(numpy arrays and lists), so a worker process can receive or build one.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np

_EMPTY = -1
_MAX_LOAD = 0.625  # the table doubles past this load: linear probing stays short
_ROW_GROWTH = 1.125  # rows are the bulk of the memory: grow them by an eighth, not double
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)


def _mix(rows: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each row of bytes (splitmix64 finalisation over its little-endian 64-bit
    words): packed states differ in a few low bits of one word, so the words are mixed before the
    table masks the hash."""
    m, width = rows.shape
    if width % 8:
        padded = np.zeros((m, width + 8 - width % 8), dtype=np.uint8)
        padded[:, :width] = rows
        rows = padded
    words = np.ascontiguousarray(rows).view("<u8")
    h = np.zeros(m, dtype=np.uint64)
    for j in range(words.shape[1]):
        h ^= words[:, j]
        h *= _M1
        h ^= h >> _S30
        h *= _M2
        h ^= h >> _S27
        h *= _M3
        h ^= h >> _S31
    return h


class StateStore:
    """States of `bits` bits each (ints below 2**bits), indexed 0, 1, ... in insertion order, with
    the parent index (-1 for a root) and the action (an int below 2**16, or 2**31 when
    `wide_actions`) that reached each one."""

    def __init__(self, bits: int, capacity: int = 1024, wide_actions: bool = False) -> None:
        self.bits = bits
        self.nbytes_state = max(1, (bits + 7) // 8)
        capacity = max(16, capacity)
        self._rows = np.zeros((capacity, self.nbytes_state), dtype=np.uint8)
        self._parents = np.zeros(capacity, dtype=np.int32)
        self._actions = np.zeros(capacity, dtype=np.int32 if wide_actions else np.uint16)
        self._n = 0
        size = 1 << max(5, (int(capacity / _MAX_LOAD)).bit_length())
        self._table = np.full(size, _EMPTY, dtype=np.int32)
        self.levels: list[int] = [0]  # levels[d]: the index of the first state of depth d

    # ---- conversion ------------------------------------------------------------------------
    def rows_of(self, states: Sequence[int]) -> np.ndarray:
        """The (n, ceil(bits / 8)) uint8 rows of packed ints, little-endian."""
        nb = self.nbytes_state
        if not states:
            return np.zeros((0, nb), dtype=np.uint8)
        try:
            buf = b"".join([x.to_bytes(nb, "little") for x in states])
        except OverflowError:
            raise ValueError(f"a state wider than {self.bits} bits, or negative") from None
        rows = np.frombuffer(buf, dtype=np.uint8).reshape(-1, nb)
        spare = 8 * nb - self.bits
        if spare and (rows[:, -1] >> np.uint8(8 - spare)).any():
            raise ValueError(f"a state wider than {self.bits} bits")
        return rows

    def _ints(self, rows: np.ndarray) -> list[int]:
        buf = rows.tobytes()
        nb = self.nbytes_state
        frm = int.from_bytes
        return [frm(buf[k : k + nb], "little") for k in range(0, len(buf), nb)]

    # ---- queries ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._n

    def get(self, index: int) -> int:
        """The state stored at `index`."""
        if not 0 <= index < self._n:
            raise IndexError(index)
        return int.from_bytes(self._rows[index].tobytes(), "little")

    def get_range(self, lo: int, hi: int) -> list[int]:
        """The states at indices lo..hi-1 (a level, or part of one)."""
        lo, hi = max(0, lo), min(hi, self._n)
        return self._ints(self._rows[lo:hi]) if lo < hi else []

    def rows(self, lo: int, hi: int) -> np.ndarray:
        """The rows of the states at indices lo..hi-1 (a view: copy or send before inserting more)."""
        lo, hi = max(0, lo), min(hi, self._n)
        return self._rows[lo : max(lo, hi)]

    def parent(self, index: int) -> int:
        return int(self._parents[index])

    def action(self, index: int) -> int:
        return int(self._actions[index])

    def path(self, index: int) -> list[int]:
        """The actions from the root to the state at `index` (shortest, if inserted breadth first)."""
        acts = []
        i = index
        while True:
            p = int(self._parents[i])
            if p < 0:
                break
            acts.append(int(self._actions[i]))
            i = p
        acts.reverse()
        return acts

    def depth(self, index: int) -> int:
        """The level `index` was inserted in (see `new_level`)."""
        return bisect.bisect_right(self.levels, index) - 1

    def find_batch(self, states: Sequence[int]) -> np.ndarray:
        """The index of each state, -1 where it is not stored (int64 array). Breadth-first search
        asks `find_batch(xs) < levels[-1]`, with -1 counted as absent, for "stored before this
        level": what partial-order reduction's cycle proviso needs."""
        rows = self.rows_of(states)
        return self._find(rows, _mix(rows))[0]

    def contains_batch(self, states: Sequence[int]) -> np.ndarray:
        """Whether each state is stored (bool array)."""
        return self.find_batch(states) >= 0

    def nbytes(self) -> int:
        """Bytes held: rows, parents, actions and the hash table (allocated, not only used)."""
        return self._rows.nbytes + self._parents.nbytes + self._actions.nbytes + self._table.nbytes

    def bytes_per_state(self) -> float:
        return self.nbytes() / max(1, self._n)

    # ---- updates ---------------------------------------------------------------------------
    def new_level(self) -> None:
        """Start a new level: the states inserted from now on are one deeper."""
        self.levels.append(self._n)

    def insert_batch(self, states: Sequence[int], parents: Any, actions: Any, distinct: bool = False) -> np.ndarray:
        """Insert the states not stored yet, each with its parent index and action; a state that
        occurs twice in the batch is inserted once, with the parent and action of its first
        occurrence. Returns the positions in `states` of the states inserted, in order: the
        k-th of them got index len(self) - len(result) + k. `distinct`: the caller vouches that
        the batch holds no state twice (it deduplicated it already), which saves a sort."""
        if len(states) == 0:
            return np.zeros(0, dtype=np.intp)
        return self.insert_rows(self.rows_of(states), parents, actions, distinct, states)

    def insert_rows(
        self, rows: np.ndarray, parents: Any, actions: Any, distinct: bool = False, states: Sequence[int] | None = None
    ) -> np.ndarray:
        """As `insert_batch`, of states given as rows (`rows_of`'s form: a batch that arrives as
        bytes from another process is inserted without making ints of it). Without `distinct`,
        `states` (the rows as ints) is needed only on a true 64-bit hash collision; made from the
        rows if not given."""
        n = len(rows)
        if n == 0:
            return np.zeros(0, dtype=np.intp)
        spare = 8 * self.nbytes_state - self.bits
        if rows.shape[1] != self.nbytes_state or (spare and (rows[:, -1] >> np.uint8(8 - spare)).any()):
            raise ValueError(f"a state wider than {self.bits} bits")
        par = np.asarray(parents, dtype=np.int64).reshape(n)
        act = np.asarray(actions, dtype=np.int64).reshape(n)
        if act.size and (act.min() < 0 or act.max() > np.iinfo(self._actions.dtype).max):
            raise ValueError("an action outside the store's range")
        hashes = _mix(rows)
        if distinct:
            first = np.arange(n)
        else:
            first = _first_occurrences(rows, hashes, states if states is not None else self._ints(rows))
        found, ends = self._find(rows[first], hashes[first])
        absent = found < 0
        new = first[absent]
        k = len(new)
        if k == 0:
            return new
        self._reserve(self._n + k)
        base = self._n
        self._rows[base : base + k] = rows[new]
        self._parents[base : base + k] = par[new]
        self._actions[base : base + k] = act[new]
        self._n += k
        if self._n > _MAX_LOAD * len(self._table):
            self._rehash()  # places every row, the new ones too
        else:
            # each probe ended at an empty slot: start there (distinct states, so no comparing)
            self._place(np.arange(base, base + k, dtype=np.int64), ends[absent])
        return new

    def truncate(self, n: int) -> None:
        """Forget the states from index `n` on (and the levels that start past it): a search
        that inserted a level it then decides not to have expanded."""
        if not 0 <= n <= self._n:
            raise IndexError(n)
        if n == self._n:
            return
        self._n = n
        while len(self.levels) > 1 and self.levels[-1] > n:
            self.levels.pop()
        self._rehash_all()

    def _rehash_all(self) -> None:
        """Rebuild the table from the rows held (after `truncate`)."""
        size = 1 << max(5, int(max(16, self._n) / _MAX_LOAD).bit_length())
        self._table = np.full(size, _EMPTY, dtype=self._table_dtype(size))
        step = 1 << 20
        for lo in range(0, self._n, step):
            hi = min(self._n, lo + step)
            hashes = _mix(self._rows[lo:hi])
            self._place(np.arange(lo, hi, dtype=np.int64), (hashes & np.uint64(size - 1)).astype(np.int64))

    # ---- the hash table ------------------------------------------------------------------
    def _find(self, rows: np.ndarray, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index or -1, the slot where the probe ended) for each row, probing all together."""
        imask = len(self._table) - 1
        slot = (hashes & np.uint64(imask)).astype(np.int64)
        out = np.full(len(rows), -1, dtype=np.int64)
        todo = np.arange(len(rows))
        while todo.size:
            at = self._table[slot[todo]]
            full = at != _EMPTY
            if not full.all():
                todo = todo[full]
                at = at[full]
                if not todo.size:
                    break
            same = (self._rows[at] == rows[todo]).all(axis=1)
            out[todo[same]] = at[same]
            todo = todo[~same]
            slot[todo] = (slot[todo] + 1) & imask
        return out, slot

    def _place(self, indices: np.ndarray, slot: np.ndarray) -> None:
        """Put row indices (all distinct states, none in the table) into empty slots, probing
        from `slot` on (modified)."""
        imask = len(self._table) - 1
        todo = np.arange(len(indices))
        table = self._table
        while todo.size:
            s = slot[todo]
            empty = table[s] == _EMPTY
            cand, s = todo[empty], s[empty]
            # of several rows probing one empty slot, one takes it (which one does not matter:
            # the states are distinct); the others move on
            table[s] = indices[cand]
            won = np.zeros(len(indices), dtype=bool)
            won[cand[table[s] == indices[cand]]] = True
            todo = todo[~won[todo]]
            slot[todo] = (slot[todo] + 1) & imask

    def _rehash(self) -> None:
        size = len(self._table)
        while self._n > _MAX_LOAD * size:
            size *= 2
        self._table = np.full(size, _EMPTY, dtype=self._table_dtype(size))
        step = 1 << 20  # in slices, so hashing the rows needs no second copy of them
        for lo in range(0, self._n, step):
            hi = min(self._n, lo + step)
            hashes = _mix(self._rows[lo:hi])
            self._place(np.arange(lo, hi, dtype=np.int64), (hashes & np.uint64(size - 1)).astype(np.int64))

    @staticmethod
    def _table_dtype(size: int) -> type:
        return np.int32 if size < 2**31 else np.int64

    def _reserve(self, n: int) -> None:
        cap = len(self._rows)
        if n <= cap:
            return
        cap = max(n, int(cap * _ROW_GROWTH) + 16)
        if cap >= 2**31 and self._parents.dtype == np.int32:
            self._parents = self._parents.astype(np.int64)
        self._rows = _grown(self._rows, cap)
        self._parents = _grown(self._parents, cap)
        self._actions = _grown(self._actions, cap)


def _first_occurrences(rows: np.ndarray, hashes: np.ndarray, states: Sequence[int]) -> np.ndarray:
    """The positions of the first occurrence of each distinct row, in order. Equal hashes are
    compared row by row; on a true 64-bit collision the batch is deduplicated in Python."""
    n = len(rows)
    if n < 2:
        return np.arange(n)
    _, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    rep = first[inverse.reshape(n)]
    dup = np.flatnonzero(rep != np.arange(n))
    if dup.size and not (rows[dup] == rows[rep[dup]]).all():
        seen: dict[int, int] = {}
        for k, x in enumerate(states):
            seen.setdefault(x, k)
        return np.fromiter(seen.values(), dtype=np.intp, count=len(seen))
    first.sort()
    return first


def _grown(a: np.ndarray, cap: int) -> np.ndarray:
    out = np.zeros((cap, *a.shape[1:]), dtype=a.dtype)
    out[: len(a)] = a
    return out


class DictStore:
    """The interface of `StateStore` over any hashable states (tuples, when a system cannot be
    packed): a dict from state to index, and lists."""

    def __init__(self) -> None:
        self._index: dict[Hashable, int] = {}
        self._states: list[Any] = []
        self._parents: list[int] = []
        self._actions: list[int] = []
        self.levels: list[int] = [0]

    def __len__(self) -> int:
        return len(self._states)

    def get(self, index: int) -> Any:
        if not 0 <= index < len(self._states):
            raise IndexError(index)
        return self._states[index]

    def get_range(self, lo: int, hi: int) -> list[Any]:
        return self._states[max(0, lo) : hi]

    def parent(self, index: int) -> int:
        return self._parents[index]

    def action(self, index: int) -> int:
        return self._actions[index]

    def path(self, index: int) -> list[int]:
        acts = []
        i = index
        while self._parents[i] >= 0:
            acts.append(self._actions[i])
            i = self._parents[i]
        acts.reverse()
        return acts

    def depth(self, index: int) -> int:
        return bisect.bisect_right(self.levels, index) - 1

    def find_batch(self, states: Sequence[Any]) -> np.ndarray:
        get = self._index.get
        return np.array([get(s, -1) for s in states], dtype=np.int64)

    def contains_batch(self, states: Sequence[Any]) -> np.ndarray:
        return np.array([s in self._index for s in states], dtype=bool)

    def new_level(self) -> None:
        self.levels.append(len(self._states))

    def insert_batch(self, states: Sequence[Any], parents: Any, actions: Any, distinct: bool = False) -> np.ndarray:
        new = []
        index = self._index
        for k, s in enumerate(states):
            if s in index:
                continue
            index[s] = len(self._states)
            self._states.append(s)
            self._parents.append(int(parents[k]))
            self._actions.append(int(actions[k]))
            new.append(k)
        return np.array(new, dtype=np.intp)

    def nbytes(self) -> int:
        """A rough figure: the dict and lists, not the states' own objects."""
        import sys

        return sum(sys.getsizeof(x) for x in (self._index, self._states, self._parents, self._actions))

    def bytes_per_state(self) -> float:
        return self.nbytes() / max(1, len(self._states))

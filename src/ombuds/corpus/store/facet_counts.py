"""Counting the six facets over a set of matches in three or four passes, whatever its size.

Why: at a million decisions a common word matches most of them, and counting six facets one by
one (a gather and a count each, and for grounds and referrals a pass over every (decision,
value) pair of the store) took some 45 ms of CPU a search. Here:
- A many-valued field (grounds, referrals) is held as one code a decision: the code of the set
  of values it holds (`Combos`; a store has a few hundred such sets). Its facet is then counted
  like a single-valued one, and the counts per set are turned into counts per value by a small
  matrix product (exact: integers).
- Several facets are counted in one pass: their codes are combined into one number
  (category x decision x year, for instance) while the combinations stay few (JOINT_AT_MOST),
  counted once, and each facet's counts are sums over the others' axes.
- A set holding more than half of the store is counted as the store's totals (counted once per
  state of the index) less the counts of the decisions it leaves out, the smaller set.
The counts are the same as counting each facet on its own: integers, added in any order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

JOINT_AT_MOST = 1 << 15  # combined codes counted in one pass (a bincount of this length)


@dataclass
class Combos:
    """The distinct sets of values of a many-valued field: set -> code (0: the empty set)."""

    keys: dict[tuple[int, ...], int] = field(default_factory=lambda: {(): 0})
    members: list[tuple[int, ...]] = field(default_factory=lambda: [()])
    _flattened: tuple[np.ndarray, np.ndarray, list] | None = field(default=None, repr=False)

    def copy(self) -> Combos:
        return Combos(dict(self.keys), list(self.members))

    def assign(
        self, combo: np.ndarray, ids: np.ndarray, pair_ids: np.ndarray, pair_codes: np.ndarray
    ) -> None:
        """Set `combo[id]` to the code of the set of values each of `ids` holds, from the pairs
        (decision id, value code) of those decisions; new sets get new codes."""
        combo[ids] = 0
        if not len(pair_ids):
            return
        order = np.lexsort((pair_codes, pair_ids))
        held_ids, held = pair_ids[order], pair_codes[order].astype(np.int64)
        distinct = np.r_[True, (held_ids[1:] != held_ids[:-1]) | (held[1:] != held[:-1])]
        held_ids, held = held_ids[distinct], held[distinct]
        owners, group = np.unique(held_ids, return_inverse=True)
        words = int(held.max()) // 64 + 1
        bits = np.zeros((len(owners), words), dtype=np.uint64)
        one = np.left_shift(np.uint64(1), (held % 64).astype(np.uint64))
        np.bitwise_or.at(bits, (group.ravel(), held // 64), one)
        sets, inverse = np.unique(bits, axis=0, return_inverse=True)
        set_codes = np.empty(len(sets), dtype=combo.dtype)
        for row, word_bits in enumerate(sets.tolist()):
            key = tuple(
                w * 64 + b for w, value in enumerate(word_bits) for b in range(64) if value >> b & 1
            )
            code = self.keys.get(key)
            if code is None:
                code = self.keys[key] = len(self.members)
                self.members.append(key)
            set_codes[row] = code
        combo[owners] = set_codes[inverse.ravel()]

    def _flat(self) -> tuple[np.ndarray, np.ndarray]:
        """(set code, value code) of each value of each set, as two arrays."""
        flat = self._flattened
        if flat is None or len(flat[2]) != len(self.members):
            sets = [code for code, key in enumerate(self.members) for _value in key]
            values = [value for key in self.members for value in key]
            flat = (np.array(sets, dtype=np.intp), np.array(values, dtype=np.intp), self.members[:])
            self._flattened = flat
        return flat[0], flat[1]

    def holding(self, value: int) -> np.ndarray:
        """Whether each set holds `value`."""
        sets, values = self._flat()
        held = np.zeros(len(self.members), dtype=bool)
        held[sets[values == value]] = True
        return held

    def per_value(self, counts: np.ndarray, values: int) -> np.ndarray:
        """Counts per value from `counts` per set (exact: integers well under 2**53)."""
        sets, held = self._flat()
        return np.bincount(held, weights=counts[sets], minlength=values).astype(np.int64)


@dataclass
class _Facet:
    """One facet as a code a decision (`codes`, 0..size-1) and how counts per code become
    value -> count."""

    name: str
    codes: np.ndarray
    size: int
    labels: list[str]  # value of each column of `counted(counts)`
    combos: Combos | None = None  # the sets of values, for a many-valued facet

    def counted(self, counts: np.ndarray) -> np.ndarray:
        if self.combos is not None:
            return self.combos.per_value(counts, len(self.labels))
        return counts[1:]  # code 0: no value


class FacetCounter:
    """The facets of one state of a FacetIndex, counted over sets of decision ids."""

    def __init__(self, index) -> None:
        self.present = index.present
        self.count = index.count
        facets: list[_Facet] = []
        for name, coded in index.scalars.items():
            facets.append(_Facet(name, coded.codes + 1, len(coded.values) + 1, list(coded.values)))
        years = np.unique(index.year[index.present])
        years = years[years > 0]
        year_codes = np.searchsorted(years, index.year) + 1
        year_codes[~np.isin(index.year, years)] = 0
        facets.append(_Facet("year", year_codes, len(years) + 1, [str(int(y)) for y in years]))
        for name, pairs in (("ground", index.grounds), ("referral", index.referrals)):
            sets = len(pairs.combos.members)
            facets.append(_Facet(name, pairs.combo, sets, list(pairs.values), pairs.combos))
        self.passes: list[tuple[np.ndarray, list[_Facet]]] = []
        group: list[_Facet] = []
        for facet in sorted(facets, key=lambda f: f.size):
            if group and np.prod([f.size for f in group]) * facet.size > JOINT_AT_MOST:
                self.passes.append((self._joint(group), group))
                group = []
            group.append(facet)
        self.passes.append((self._joint(group), group))
        self.totals = self._count(np.flatnonzero(self.present))

    @staticmethod
    def _joint(group: list[_Facet]) -> np.ndarray:
        joint = np.zeros(len(group[0].codes), dtype=np.intp)
        for facet in group:
            joint *= facet.size
            joint += facet.codes
        return joint

    def _count(self, ids: np.ndarray) -> dict[str, np.ndarray]:
        """Counts per value (arrays in `_Facet.labels` order) over `ids`."""
        out: dict[str, np.ndarray] = {}
        for joint, group in self.passes:
            sizes = [f.size for f in group]
            counts = np.bincount(joint[ids], minlength=int(np.prod(sizes))).reshape(sizes)
            for axis, facet in enumerate(group):
                others = tuple(a for a in range(len(group)) if a != axis)
                out[facet.name] = facet.counted(counts.sum(axis=others) if others else counts)
        return out

    def labels(self, name: str) -> list[str]:
        return next(f.labels for _joint, group in self.passes for f in group if f.name == name)

    def facets(self, ids: np.ndarray) -> dict[str, dict[str, int]]:
        """value -> count for every facet over `ids`: distinct stored decisions (values without
        a match left out)."""
        ids = np.asarray(ids, dtype=np.intp)
        if len(ids) == self.count:  # every stored decision: the totals themselves
            counted = self.totals
        elif 2 * len(ids) > self.count:  # most of the store: its totals less the rest
            rest = self.present.copy()
            rest[ids] = False
            left = self._count(np.flatnonzero(rest))
            counted = {name: self.totals[name] - left[name] for name in self.totals}
        else:
            counted = self._count(ids)
        result: dict[str, dict[str, int]] = {}
        for name, counts in counted.items():
            labels = self.labels(name)
            result[name] = {labels[i]: int(counts[i]) for i in np.flatnonzero(counts)}
        return result

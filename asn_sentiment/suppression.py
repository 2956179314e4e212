"""Small-cell suppression with complementary suppression.

A published table of counts is a set of *cells* (for example staff × May ×
Bappeda) and a set of *relations* that a reader can use to compute one cell
from others: a margin equals the sum of its parts (the "all units" row of a
period is the sum of the unit rows; the whole-period total of a source is
the sum of its periods, undated rows included).

The rule implemented by :func:`protect`:

1. **Primary suppression.** A cell whose base (respondents) is between 1 and
   ``k - 1`` is suppressed.  Cells marked in ``seed`` (already suppressed in
   another table built from the same people) are suppressed too, so two tables
   never hide different cells of the same group.
2. **Complementary suppression.** In every relation ``total = part_1 + ... +
   part_m`` (parts with no data are not counted: they are shown as gaps),
   either nothing is suppressed or (a) at least two members are suppressed and
   (b) when the total is published, the suppressed parts together hold at
   least ``k`` respondents, so that the difference a reader can compute is
   itself a group of at least ``k``.  Missing complements are taken from the
   smallest published parts (fewest respondents hidden), ties broken by the
   cell key, so the result is deterministic; when no part is left the total is
   suppressed.  Rules are applied until nothing changes.
3. **Audit.** The published values are then attacked as a reader would:
   for every suppressed cell the smallest and largest value consistent with
   every published number and relation (and with each present cell holding at
   least one respondent) is computed by linear programming, for the
   respondent counts and for any other additive counts given.  A cell whose
   range is narrower than one is *exposed*; the smallest published cell of one
   of its relations (or, when those are all hidden already, of a relation of
   its linked group of hidden cells) is then suppressed too and steps 2–3 repeat.

The result only grows at each step, so the procedure ends.  Suppression hides
every number of a cell (counts, shares, intervals, means), never part of it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

Key = Hashable


@dataclass(frozen=True)
class Relation:
    """``total`` equals the sum of ``parts`` (for every additive count)."""

    total: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class Suppression:
    """Which cells are hidden, and how many for each reason."""

    cells: frozenset[Key]
    primary: int
    complementary: int
    rounds: int = 1
    exposed_fixed: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __contains__(self, key: object) -> bool:
        return key in self.cells

    def __len__(self) -> int:
        return len(self.cells)


def _sort_key(key: Key) -> tuple[str, ...]:
    return tuple(str(part) for part in key) if isinstance(key, tuple) else (str(key),)


def _smallest(cells: Iterable[Key], base: Mapping[Key, int]) -> Key | None:
    best = sorted(cells, key=lambda c: (base.get(c, 0), _sort_key(c)))
    return best[0] if best else None


def _close(
    suppressed: set[Key], base: Mapping[Key, int], relations: Sequence[Relation], k: int
) -> None:
    """Apply the complementary rule to every relation until nothing changes."""
    changed = True
    while changed:
        changed = False
        for rel in relations:
            if base.get(rel.total, 0) <= 0:
                continue
            parts = [p for p in rel.parts if base.get(p, 0) > 0]
            hidden = [p for p in parts if p in suppressed]
            total_hidden = rel.total in suppressed
            if not hidden and not total_hidden:
                continue
            shown = [p for p in parts if p not in suppressed]
            need = (total_hidden and not hidden) or (
                not total_hidden and (len(hidden) == 1 or sum(base.get(p, 0) for p in hidden) < k)
            )
            if not need:
                continue
            extra = _smallest(shown, base)
            if extra is None:
                if total_hidden:
                    continue
                extra = rel.total
            suppressed.add(extra)
            changed = True


def _components(
    suppressed: set[Key], relations: Sequence[Relation], base: Mapping[Key, int]
) -> list[tuple[list[Key], list[Relation]]]:
    """Groups of suppressed cells linked by relations (solved independently)."""
    parent: dict[Key, Key] = {c: c for c in suppressed}

    def find(c: Key) -> Key:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    touching: list[tuple[Relation, list[Key]]] = []
    for rel in relations:
        members = [rel.total, *rel.parts]
        hidden = [m for m in members if m in suppressed and base.get(m, 0) > 0]
        if not hidden:
            continue
        touching.append((rel, hidden))
        for other in hidden[1:]:
            a, b = find(hidden[0]), find(other)
            if a != b:
                parent[b] = a
    groups: dict[Key, tuple[list[Key], list[Relation]]] = {}
    for c in sorted(suppressed, key=_sort_key):
        if base.get(c, 0) > 0:
            groups.setdefault(find(c), ([], []))[0].append(c)
    for rel, hidden in touching:
        groups[find(hidden[0])][1].append(rel)
    return list(groups.values())


def _published_members(
    relations: Iterable[Relation], suppressed: set[Key], base: Mapping[Key, int]
) -> set[Key]:
    """Members of ``relations`` that are published and have data (complement candidates)."""
    return {
        m
        for rel in relations
        for m in (rel.total, *rel.parts)
        if m not in suppressed and base.get(m, 0) > 0
    }


def exposed_cells(
    suppressed: set[Key],
    relations: Sequence[Relation],
    values: Sequence[Mapping[Key, float]],
    *,
    lower: float = 1.0,
) -> set[Key]:
    """Suppressed cells whose value a reader can pin down from what is published.

    ``values`` holds one mapping per additive count (respondents, answers,
    ...); a cell missing from a mapping has no data (0) and is not a member.
    Each count of a present cell is at least ``lower`` for the first mapping
    (the base) and at least 0 for the others.
    """
    exposed: set[Key] = set()
    base = values[0]
    for cells, rels in _components(suppressed, relations, base):
        index = {c: i for i, c in enumerate(cells)}
        for v_number, vals in enumerate(values):
            rows, rhs = [], []
            for rel in rels:
                row = np.zeros(len(cells))
                known = 0.0
                for sign, member in [(1.0, rel.total)] + [(-1.0, p) for p in rel.parts]:
                    if base.get(member, 0) <= 0:
                        continue
                    if member in index:
                        row[index[member]] += sign
                    else:
                        known += sign * float(vals.get(member, 0))
                if row.any():
                    rows.append(row)
                    rhs.append(-known)
            if not rows:
                continue
            a_eq, b_eq = np.array(rows), np.array(rhs)
            lo = lower if v_number == 0 else 0.0
            bounds = [(lo, None)] * len(cells)
            for c, i in index.items():
                if c in exposed:
                    continue
                objective = np.zeros(len(cells))
                objective[i] = 1.0
                low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
                high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
                if low.status != 0 or high.status == 3:  # infeasible / unbounded above
                    continue
                if high.status == 0 and (-high.fun) - low.fun < 1.0 - 1e-6:
                    exposed.add(c)
    return exposed


def protect(
    base: Mapping[Key, int],
    relations: Sequence[Relation],
    k: int,
    *,
    seed: Iterable[Key] = (),
    other_counts: Sequence[Mapping[Key, float]] = (),
    max_rounds: int = 50,
) -> Suppression:
    """Choose the cells to suppress so that no cell under ``k`` can be recovered.

    ``base`` maps every published cell to its number of respondents (cells
    with 0 are gaps and never published); ``relations`` lists every sum a
    reader can form; ``other_counts`` are further additive counts published
    per cell (e.g. answers), audited like the base.  See the module docstring
    for the rule.
    """
    suppressed = {c for c, n in base.items() if 0 < n < k}
    suppressed |= {c for c in seed if base.get(c, 0) > 0}
    primary = len(suppressed)
    fixed = 0
    rounds = 0
    for rounds in range(1, max_rounds + 1):  # noqa: B007 - reported below
        _close(suppressed, base, relations, k)
        if not suppressed:
            break
        exposed = exposed_cells(suppressed, relations, [base, *other_counts])
        if not exposed:
            break
        groups = _components(suppressed, relations, base)
        for cell in sorted(exposed, key=_sort_key):
            own = [rel for rel in relations if cell in (rel.total, *rel.parts)]
            candidates = _published_members(own, suppressed, base)
            if not candidates:
                # every member of the cell's own relations is hidden already: the
                # exposure runs through a longer chain of its linked group (row and
                # column totals against the grand total), so look in that group's relations
                linked = next(rels for cells, rels in groups if cell in cells)
                candidates = _published_members(linked, suppressed, base)
            extra = _smallest(candidates, base)
            if extra is not None:
                suppressed.add(extra)
                fixed += 1
    cells = frozenset(suppressed)
    return Suppression(
        cells=cells,
        primary=primary,
        complementary=len(cells) - primary,
        rounds=rounds,
        exposed_fixed=fixed,
    )

"""Team proposals: when no single listing covers every CPSF component a need names, suggest a small team of
listings from different vendors that together do (greedy set cover over the best-ranked candidates)."""

from __future__ import annotations

from dataclasses import dataclass

from matching.engine import Hit
from search.records import NeedRecord


@dataclass
class TeamProposal:
    members: list[Hit]
    covered: list[str]
    missing: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def missing_labels(self) -> list[str]:
        """The components no member covers, named in the reader's language (never as codes)."""
        from matching.explain import component_label

        return [component_label(code) for code in self.missing]


def _components(hit: Hit) -> set[str]:
    return set(hit.source.get("cpsf_components") or [])


def propose_team(
    need: NeedRecord, hits: list[Hit], *, candidates: int = 20, max_members: int = 4
) -> TeamProposal | None:
    """A team for ``need`` from the top ``candidates`` hits, or None when one listing already covers it all.

    Greedy: repeatedly take the listing (of a vendor not yet in the team) that adds the most uncovered
    components, ties going to the better-ranked one. The greedy cover is within a log factor of the smallest
    team, and with at most six components it is in practice the smallest.
    """
    wanted = list(dict.fromkeys(need.cpsf_components))
    if len(wanted) < 2 or not hits:
        return None
    pool = hits[:candidates]
    if any(set(wanted) <= _components(hit) for hit in pool):
        return None
    remaining = set(wanted)
    members: list[Hit] = []
    vendors: set[str] = set()
    while remaining and len(members) < max_members:
        best: Hit | None = None
        best_gain = 0
        for hit in pool:
            vendor = str(hit.source.get("vendor") or hit.id)
            if hit in members or vendor in vendors:
                continue
            gain = len(_components(hit) & remaining)
            if gain > best_gain:
                best, best_gain = hit, gain
        if best is None:
            break
        members.append(best)
        vendors.add(str(best.source.get("vendor") or best.id))
        remaining -= _components(best)
    if len(members) < 2:
        return None
    return TeamProposal(
        members=members,
        covered=[c for c in wanted if c not in remaining],
        missing=[c for c in wanted if c in remaining],
    )

"""Structured compatibility of two profiles: kind, readiness level, partnership type, countries.

Each rule returns a multiplicative factor (1 = neutral; < 1 a mismatch that demotes but does not
hide, since profiles are often filled in loosely) and a coded reason the UI renders in Chinese or
English. Hard constraints belong in search filters, not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from techbridge.core.matching.documents import COMPATIBLE_KINDS, MatchDocument, Reason


@dataclass(frozen=True)
class CompatibilityRules:
    """Factors applied to the text score when a rule is met or broken."""

    kind_mismatch: float = 0.5
    trl_gap_per_level: float = 0.15
    trl_floor: float = 0.4
    partnership_bonus: float = 1.15
    partnership_mismatch: float = 0.85
    country_bonus: float = 1.1
    country_mismatch: float = 0.8

    def assess(self, query: MatchDocument, doc: MatchDocument) -> tuple[float, list[Reason]]:
        """Product of all rule factors and the reasons, seen from ``query`` looking at ``doc``."""
        factor = 1.0
        reasons: list[Reason] = []
        for rule in (self._kind, self._trl, self._partnership, self._countries):
            f, reason = rule(query, doc)
            factor *= f
            if reason is not None:
                reasons.append(reason)
        return factor, reasons

    def _kind(self, q: MatchDocument, d: MatchDocument) -> tuple[float, Reason | None]:
        if q.kind is None or d.kind is None:
            return 1.0, None
        params = {"query_kind": q.kind, "kind": d.kind}
        if d.kind in COMPATIBLE_KINDS[q.kind]:
            return 1.0, Reason("kind_compatible", params)
        return self.kind_mismatch, Reason("kind_mismatch", params)

    def _trl(self, q: MatchDocument, d: MatchDocument) -> tuple[float, Reason | None]:
        # the level needed is stated by whichever side is the request
        for need, have in ((q, d), (d, q)):
            if need.trl_min is not None and have.trl is not None:
                params = {"required": need.trl_min, "actual": have.trl}
                gap = need.trl_min - have.trl
                if gap <= 0:
                    return 1.0, Reason("trl_ok", params)
                return max(self.trl_floor, 1.0 - self.trl_gap_per_level * gap), Reason("trl_below", params)
        return 1.0, None

    def _partnership(self, q: MatchDocument, d: MatchDocument) -> tuple[float, Reason | None]:
        if not q.partnerships or not d.partnerships:
            return 1.0, None
        shared = sorted(set(q.partnerships) & set(d.partnerships))
        if shared:
            return self.partnership_bonus, Reason("partnership_shared", {"types": shared})
        return self.partnership_mismatch, Reason(
            "partnership_mismatch", {"wanted": sorted(q.partnerships), "offered": sorted(d.partnerships)}
        )

    def _countries(self, q: MatchDocument, d: MatchDocument) -> tuple[float, Reason | None]:
        factor, reason = 1.0, None
        for wants, other, code in ((q, d, "country_targeted"), (d, q, "country_targets_you")):
            if not wants.target_countries or not other.country:
                continue
            if other.country in wants.target_countries:
                factor *= self.country_bonus
                reason = reason or Reason(code, {"country": other.country})
            else:
                factor *= self.country_mismatch
                reason = reason or Reason(
                    "country_not_targeted",
                    {"country": other.country, "targets": sorted(wants.target_countries)},
                )
        return factor, reason

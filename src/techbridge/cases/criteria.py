"""The assessment template: criteria with their scale and guidance text (translated)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from techbridge.core.cases.assessment import CRITERIA, SCALE


@dataclass(frozen=True)
class Criterion:
    key: str
    label: object
    guidance: object


TEMPLATE: tuple[Criterion, ...] = (
    Criterion(
        "readiness",
        _("Technology readiness"),
        _(
            "1: idea or lab principle (TRL 1-3); 3: prototype validated (TRL 5-6); 5: proven in operation (TRL 8-9)."
        ),
    ),
    Criterion(
        "ip",
        _("IP strength and freedom to operate"),
        _(
            "1: no protection, blocking third-party rights likely; 3: filed applications, FTO not checked; "
            "5: granted patents in the target markets and a clean freedom-to-operate opinion."
        ),
    ),
    Criterion(
        "market",
        _("Market potential"),
        _(
            "1: no identified buyers; 3: a niche with named customers; 5: a large, growing market in the "
            "partner's country with evidence of demand."
        ),
    ),
    Criterion(
        "team",
        _("Team"),
        _(
            "1: no one to carry the transfer; 3: inventors available part-time; 5: an experienced team with "
            "transfer and business skills committed to the project."
        ),
    ),
    Criterion(
        "fit",
        _("Fit with the partner"),
        _(
            "1: the partner lacks the capacity to absorb it; 3: partial fit, investment needed; 5: the "
            "partner's products, plant and strategy fit directly."
        ),
    ),
    Criterion(
        "risks",
        _("Risks (5 = low risk)"),
        _(
            "1: severe technical, regulatory or export-control risks; 3: manageable risks with a plan; "
            "5: low and well-understood risks."
        ),
    ),
)
assert tuple(c.key for c in TEMPLATE) == CRITERIA
BY_KEY = {c.key: c for c in TEMPLATE}
SCALE_MIN, SCALE_MAX = SCALE

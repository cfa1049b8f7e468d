"""Automatic quality checks of a profile at submission, with actionable messages.

Errors block submission; warnings are shown to the author and to the reviewing broker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SUMMARY_MAX = 500
SUMMARY_MIN = 120  # below this a summary rarely says what the technology does and for whom
TITLE_MIN = 15

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"(\+|00)?\d[\d\s().-]{7,}\d")
# Phrases that promise without saying anything; a summary made mostly of them is vague.
_VAGUE = [
    "innovative",
    "cutting-edge",
    "state-of-the-art",
    "world-class",
    "unique",
    "best",
    "leading",
    "high quality",
    "solution",
    "various",
    "etc",
    "创新",
    "领先",
    "一流",
    "优质",
    "解决方案",
    "各种",
    "等等",
]


@dataclass(frozen=True)
class ProfileDraft:
    """What the checks look at; built by the marketplace from a form, an API payload or a model."""

    kind: str
    title: str
    summary: str
    description: str = ""
    language: str = ""
    technology_keywords: tuple[str, ...] = ()
    trl: int | None = None
    partnership_types: tuple[str, ...] = ()
    target_countries: tuple[str, ...] = ()
    ipr_status: str = ""


@dataclass(frozen=True)
class Finding:
    field: str
    code: str
    message: str
    severity: str = "error"  # "error" blocks submission, "warning" does not


@dataclass
class QualityReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def _length(text: str) -> int:
    """Length in characters, a Chinese character counting as about three Latin ones of content."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return len(text) - cjk + 3 * cjk


def check_profile(draft: ProfileDraft) -> QualityReport:
    """Run every check; findings name the field and say what to do."""
    report = QualityReport()
    add = report.findings.append
    title, summary = draft.title.strip(), draft.summary.strip()
    for name, value in [
        ("kind", draft.kind),
        ("title", title),
        ("summary", summary),
        ("language", draft.language),
    ]:
        if not value:
            add(Finding(name, "missing", f"The {name} is required."))
    if title and _length(title) < TITLE_MIN:
        add(Finding("title", "short", "Make the title say what the technology is and does.", "warning"))
    if len(summary) > SUMMARY_MAX:
        add(
            Finding(
                "summary",
                "too_long",
                f"Shorten the summary to {SUMMARY_MAX} characters "
                f"(now {len(summary)}); move details to the description.",
            )
        )
    if summary and _length(summary) < SUMMARY_MIN:
        add(
            Finding(
                "summary",
                "too_short",
                "Say in the summary what the technology does, its main advantage and the partner you seek.",
                "warning",
            )
        )
    if summary and _is_vague(summary):
        add(
            Finding(
                "summary",
                "vague",
                "The summary is mostly general praise; name the technology, "
                "a measurable advantage and an application.",
                "warning",
            )
        )
    for pattern, what in [(_EMAIL, "an e-mail address"), (_URL, "a web address"), (_PHONE, "a phone number")]:
        if summary and pattern.search(summary):
            add(
                Finding(
                    "summary",
                    "contact_details",
                    f"Remove {what} from the public summary: contacts are "
                    "shared through the platform after an expression of interest.",
                )
            )
    if not draft.technology_keywords:
        add(
            Finding(
                "technology_keywords",
                "missing",
                "Choose at least one technology keyword from the taxonomy so partners can find the profile.",
            )
        )
    if draft.kind == "offer" and draft.trl is None:
        add(Finding("trl", "missing", "Give the development stage (TRL 1-9) of the offered technology."))
    if draft.trl is not None and not 1 <= draft.trl <= 9:
        add(Finding("trl", "out_of_range", "The development stage must be a TRL between 1 and 9."))
    if not draft.partnership_types:
        add(Finding("partnership_types", "missing", "Choose the type of partnership you seek."))
    if not draft.target_countries:
        add(
            Finding(
                "target_countries",
                "missing",
                "No target countries: the profile is shown everywhere; "
                "choose countries to reach the right partners.",
                "warning",
            )
        )
    if _length(draft.description.strip()) < 300:
        add(
            Finding(
                "description",
                "short",
                "Describe the technology, its innovation and advantages, "
                "and the cooperation sought in more detail.",
                "warning",
            )
        )
    return report


def _is_vague(summary: str) -> bool:
    lowered = summary.lower()
    hits = sum(lowered.count(word) for word in _VAGUE)
    words = max(
        1, len(re.findall(r"\w+", lowered)) + sum(1 for ch in lowered if "\u4e00" <= ch <= "\u9fff") // 2
    )
    has_number = bool(re.search(r"\d", summary))
    return hits >= 3 and hits / words > 0.08 and not has_number

"""The Simplified Chinese catalogue is complete, compiled, faithful to placeholders, and covers the core's messages.

Refresh it with scripts/i18n.sh after changing UI strings; these tests say what is still to translate.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

from techbridge.core.marketplace.quality import ProfileDraft, check_profile

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans"
PO = LOCALE / "LC_MESSAGES" / "django.po"
MO = LOCALE / "LC_MESSAGES" / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[.\d]*[sdifr]|%%|\{\w*(?::[^{}]*)?\}")  # %(n)s, %%, {name}, {size:.1f}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file (header included, obsolete `#~` entries left out); enough of the format for our files."""
    entries: list[Entry] = []
    entry, key = Entry(), ""
    fields: dict[str, str] = {}

    def close() -> None:
        if fields:
            entry.msgid = fields.pop("msgid")
            entry.msgid_plural = fields.pop("msgid_plural", None)
            entry.msgstrs = [fields[k] for k in sorted(fields)]  # "msgstr" or "msgstr[0]", "msgstr[1]", ...
            entries.append(entry)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            close()
            entry, fields = Entry(), {}
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            fields[key] += ast.literal_eval(line)
        else:
            key, value = line.split(" ", 1)
            fields[key] = ast.literal_eval(value)
            entry.line = entry.line or number
    close()
    return entries


def messages() -> list[Entry]:
    return [e for e in parse_po(PO) if e.msgid]


def test_the_header_declares_one_plural_form_and_is_not_fuzzy() -> None:
    header = next(e for e in parse_po(PO) if not e.msgid)
    assert "Plural-Forms: nplurals=1; plural=0;" in header.msgstrs[0]
    assert "Language: zh_Hans" in header.msgstrs[0]
    assert "fuzzy" not in header.flags


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    todo = [f"line {e.line}: {e.msgid!r}" for e in messages() if "fuzzy" in e.flags or not all(e.msgstrs)]
    assert not todo, "translate these entries (then run scripts/i18n.sh):\n" + "\n".join(todo)


def test_plural_entries_have_exactly_one_form() -> None:
    wrong = [e.msgid for e in messages() if e.msgid_plural is not None and len(e.msgstrs) != 1]
    assert not wrong, f"Chinese has one plural form; keep only msgstr[0] in: {wrong}"


def test_translations_keep_every_placeholder() -> None:
    wrong = [
        (e.msgid, s)
        for e in messages()
        for s in e.msgstrs
        if set(PLACEHOLDER.findall(s)) != set(PLACEHOLDER.findall(e.msgid))
    ]
    assert not wrong, f"placeholders differ between msgid and msgstr: {wrong}"


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for e in messages():
        got = compiled.ngettext(e.msgid, e.msgid_plural, 1) if e.msgid_plural else compiled.gettext(e.msgid)
        if got != e.msgstrs[0]:
            stale.append(e.msgid)
    assert not stale, f"django.mo is out of date (run scripts/i18n.sh): {stale[:5]}"


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Technology marketplace", "技术市场"),
        ("Technology broker", "技术经纪人"),
        ("Technology offer", "技术供给"),
        ("Technology request", "技术需求"),
        ("Expressions of interest", "合作意向"),
        ("Review queue", "审核队列"),
        ("Submit for review", "提交审核"),
        ("Sister city", "姐妹城市"),
        ("Friendship city", "友好城市"),
        ("Back office", "后台管理"),
        ("Dashboard", "工作台"),
    ],
)
def test_key_terms_use_the_glossary(english: str, chinese: str) -> None:
    with translation.override("zh-hans"):
        assert translation.gettext(english) == chinese


def test_it_formats_a_plural_and_a_placeholder_in_chinese() -> None:
    with translation.override("zh-hans"):
        found = translation.ngettext("%(n)s profile found", "%(n)s profiles found", 7) % {"n": 7}
        done = translation.gettext("Done: the profile is now %(status)s.") % {
            "status": translation.gettext("Published")
        }
    assert found == "找到 7 条信息"
    assert done == "操作成功：该信息当前状态为“已发布”。"


def test_every_fixed_quality_check_message_is_translated() -> None:
    drafts = [
        ProfileDraft(kind="", title="", summary="", language=""),
        ProfileDraft(
            kind="offer", title="Battery", summary="innovative best solution etc unique leading", trl=12
        ),
        ProfileDraft(
            kind="offer", title="Battery", summary="Mail a@b.org, see www.b.org, call +48 123 456 789"
        ),
    ]
    # too_long is left out: its text contains the current length, so it cannot be a catalogue entry as it stands.
    produced = {f.message for d in drafts for f in check_profile(d).findings if f.code != "too_long"}
    assert len(produced) == 16  # every fixed message of core/marketplace/quality.py
    translated = {e.msgid for e in messages() if all(e.msgstrs)}
    missing = sorted(produced - translated)
    assert not missing, f"add these to locale/zh_Hans/core_messages.po and run scripts/i18n.sh: {missing}"

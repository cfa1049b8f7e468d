from techbridge.core.marketplace.quality import ProfileDraft, check_profile

GOOD_SUMMARY = (
    "Solid-state lithium cells with 30% higher energy density and no thermal runaway for e-scooters; "
    "we seek a Chinese manufacturer for a licence and joint pilot production."
)


def draft(**changes):
    base = dict(
        kind="offer",
        title="Solid-state battery cells for e-mobility",
        summary=GOOD_SUMMARY,
        description="d" * 400,
        language="en",
        technology_keywords=("energy.storage",),
        trl=6,
        partnership_types=("licence",),
        target_countries=("CN",),
    )
    base.update(changes)
    return ProfileDraft(**base)


def codes(report):
    return {(f.field, f.code, f.severity) for f in report.findings}


def test_a_complete_profile_passes_every_check():
    report = check_profile(draft())
    assert report.ok and report.findings == []


def test_missing_fields_and_keywords_are_errors_naming_the_field():
    report = check_profile(draft(title="", summary="", technology_keywords=(), partnership_types=()))
    assert {
        ("title", "missing", "error"),
        ("summary", "missing", "error"),
        ("technology_keywords", "missing", "error"),
        ("partnership_types", "missing", "error"),
    } <= codes(report)
    assert not report.ok


def test_a_summary_over_500_characters_is_refused_with_its_length():
    report = check_profile(draft(summary="a" * 501))
    [finding] = [f for f in report.errors if f.code == "too_long"]
    assert "now 501" in finding.message


def test_contact_details_in_the_summary_are_refused():
    summary = GOOD_SUMMARY + " Write to jan.kowalski@firma.pl or call +48 22 123 45 67, www.firma.pl"
    report = check_profile(draft(summary=summary[:500]))
    messages = [f.message for f in report.errors if f.code == "contact_details"]
    assert len(messages) == 3
    assert any("e-mail" in m for m in messages) and any("phone" in m for m in messages)


def test_a_vague_summary_gets_advice_but_may_be_submitted():
    vague = (
        "An innovative, cutting-edge and unique solution from a leading, world-class team "
        "offering the best high quality solution for various industries etc. and more."
    )
    report = check_profile(draft(summary=vague))
    assert ("summary", "vague", "warning") in codes(report)
    assert report.ok


def test_an_offer_needs_a_trl_and_a_request_does_not():
    assert ("trl", "missing", "error") in codes(check_profile(draft(trl=None)))
    assert ("trl", "missing", "error") not in codes(check_profile(draft(kind="request", trl=None)))


def test_a_trl_outside_1_to_9_is_refused():
    assert ("trl", "out_of_range", "error") in codes(check_profile(draft(trl=10)))


def test_chinese_text_length_counts_characters_as_content():
    summary = "本公司开发的固态锂电池能量密度提高百分之三十，无热失控风险，适用于电动滑板车。现寻求中东欧制造商开展许可和联合试生产合作。"
    report = check_profile(draft(summary=summary, language="zh"))
    assert ("summary", "too_short", "warning") not in codes(report)

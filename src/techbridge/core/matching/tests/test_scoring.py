import pytest

from techbridge.core.matching import LogisticCalibrator, MatchDocument, MatchIndex, store


def test_a_match_explains_its_terms_fields_and_structured_reasons(small_index):
    query = MatchDocument(
        "q", text="lithium battery recycling", kind="request", trl_min=6, target_countries=("PL",)
    )
    best = small_index.search(query, top=2)[0]
    assert best.id == "battery"
    terms = {(t.term, t.field) for t in best.terms}
    assert {("recycling", "title"), ("battery", "title"), ("lithium", "description")} <= terms
    assert all(t.contribution > 0 for t in best.terms)
    codes = {r.code: r.params for r in best.reasons}
    assert codes["kind_compatible"] == {"query_kind": "request", "kind": "offer"}
    assert codes["trl_ok"] == {"required": 6, "actual": 7}
    assert codes["country_targeted"] == {"country": "PL"}
    why = best.why()
    assert set(why) == {"score_forward", "score_backward", "fields", "terms", "reasons"}
    assert list(why["fields"])[0] == "title"  # title carries the most weight here


def test_term_contributions_add_up_to_the_forward_score(analyzer):
    index = MatchIndex(analyzer=analyzer, hubness_weight=0.0)
    index.add(MatchDocument("a", title="graphene ink", text="printed graphene ink for sensors"))
    index.add(MatchDocument("b", title="water", text="membrane"))
    query = MatchDocument("q", text="graphene ink sensors")
    ids, forward = index.text_scores(query)
    match = index.search(query, top=1)[0]
    assert sum(t.contribution for t in match.terms) == pytest.approx(forward[ids.index("a")])


def test_it_scores_both_directions_and_the_combined_score_is_between(analyzer):
    index = MatchIndex(analyzer=analyzer)
    # the long profile covers the query fully, but the query covers little of the profile
    index.add(MatchDocument("broad", text="graphene " + " ".join(f"topic{i}" for i in range(30))))
    index.add(MatchDocument("narrow", text="graphene ink"))
    index.add(MatchDocument("other", text="water filter"))
    matches = {m.id: m for m in index.search(MatchDocument("q", text="graphene ink"), top=3)}
    broad, narrow = matches["broad"], matches["narrow"]
    assert broad.score_backward < broad.score_forward
    assert (
        min(broad.score_forward, broad.score_backward)
        <= broad.score
        <= max(broad.score_forward, broad.score_backward)
    )
    assert narrow.score > broad.score


def test_an_incompatible_kind_ranks_below_the_same_text_with_a_compatible_kind(analyzer):
    index = MatchIndex(analyzer=analyzer)
    index.add(MatchDocument("offer", text="graphene ink", kind="offer"))
    index.add(MatchDocument("request", text="graphene ink", kind="request"))
    ranked = index.search(MatchDocument("q", text="graphene ink", kind="request"), top=2)
    assert [m.id for m in ranked] == ["offer", "request"]
    assert [r.code for r in ranked[1].reasons] == ["kind_mismatch"]


def test_filters_restrict_the_candidates(small_index):
    query = MatchDocument("q", text="battery robot water sensor", kind="request")
    assert {m.id for m in small_index.search(query, filters={"countries": {"PL", "HU"}})} == {
        "battery",
        "solar",
    }
    assert "sensor" not in {m.id for m in small_index.search(query, filters={"compatible_kinds": True})}
    assert "battery" not in {m.id for m in small_index.search(query, filters={"exclude": {"battery"}})}


def test_shared_taxonomy_concepts_add_a_reason(analyzer):
    index = MatchIndex(analyzer=analyzer)
    index.add(MatchDocument("a", text="graphene ink", concepts=("T12",)))
    index.add(MatchDocument("b", text="graphene ink"))
    ranked = index.search(MatchDocument("q", text="graphene", concepts=("T12",)), top=2)
    assert ranked[0].id == "a"
    assert ranked[0].reasons[0].code == "concepts_shared" and ranked[0].reasons[0].params["concepts"] == [
        "T12"
    ]


def test_calibration_is_monotone_and_within_0_100():
    cal = LogisticCalibrator()
    values = [cal.score(x) for x in (-10.0, 0.0, 0.01, 0.03, 0.05, 1.0, 1e6)]
    assert values == sorted(values)
    assert all(0.0 <= v <= 100.0 for v in values)


def test_calibration_fit_recovers_an_increasing_curve():
    raw = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
    relevant = [False, False, False, True, False, True, True, True]
    cal = LogisticCalibrator().fit(raw, relevant)
    assert cal.b_ > 0 and cal.score(0.7) > 50 > cal.score(0.0)


def test_calibration_refuses_one_class_and_a_decreasing_fit():
    with pytest.raises(ValueError, match="both"):
        LogisticCalibrator().fit([0.1, 0.2], [True, True])
    with pytest.raises(ValueError, match="slope"):
        LogisticCalibrator().fit([0.1, 0.2, 0.3, 0.4], [True, True, False, False])
    with pytest.raises(ValueError, match="increasing"):
        LogisticCalibrator(b=-1.0)


def test_an_indexed_profile_as_the_query_reuses_its_stored_counts_with_the_same_result(analyzer):
    from dataclasses import replace

    from techbridge.core.matching.scoring import query_bag

    index = MatchIndex(analyzer=analyzer)
    profile = MatchDocument(
        "p",
        title="Graphene ink",
        summary="printed graphene sensors",
        text="ink ink ink for printed tax:12 sensors",
        keywords=("graphene",),
        concepts=("7",),
    )
    index.add(profile)
    index.add(MatchDocument("o", title="graphene water filter", text="membrane sensors"))

    def analysing(*args, **kwargs):  # the stored counts must be used: analysing again would fail here
        raise AssertionError("analysed again")

    fresh = query_bag(index, replace(profile, id="copy"))  # not indexed under that id: analysed
    index.analyzer, index._analyze = analysing, None
    stored = query_bag(index, profile)
    assert stored.weights == fresh.weights  # same terms, same order, same weights
    assert list(stored.weights) == sorted(stored.weights)
    assert stored.fields == fresh.fields and stored.lengths == fresh.lengths
    assert stored.concepts == fresh.concepts == {"tax:12", "tax:7"}
    assert stored.ideal == fresh.ideal
    ink = index._vocab["ink"]
    assert stored.weights[ink] == pytest.approx(2.2 * 4 / 5.2)  # saturated qtf: 'ink' 4 times in all
    assert stored.fields["description"][ink] == 3.0 and stored.lengths["title"] == 2.0


def test_a_changed_profile_is_analysed_afresh_not_read_from_the_index(analyzer):
    from dataclasses import replace

    from techbridge.core.matching.scoring import query_bag

    index = MatchIndex(analyzer=analyzer)
    index.add(MatchDocument("p", text="graphene ink"))
    edited = replace(index.get("p"), text="graphene membrane")
    bag = query_bag(index, edited)
    assert index._vocab["ink"] not in bag.weights
    assert "membrane" not in index._vocab and bag.lengths["description"] == 2.0


def test_a_match_on_generic_words_alone_is_left_out(analyzer):
    """On a transfer platform "technology" and "seek" are in most profiles: a profile that shares only such words
    with the query (held by more than a quarter of the documents) and no taxonomy concept is not a match."""
    from techbridge.core.matching.scoring import GENERIC_MIN_DOCS, GENERIC_SHARE

    index = MatchIndex(analyzer=analyzer)
    subjects = ["orchard irrigation", "textile dyeing", "ship propulsion", "robot welding", "water membrane"]
    for i in range(40):  # 40 profiles, all with "technology" (100 %), 12 with "seek" (30 %)
        verb = "seek" if i % 10 < 3 else "offer"
        index.add(MatchDocument(f"g{i:02d}", text=f"{verb} technology {subjects[i % 5]} item{i}"))
    index.add(MatchDocument("h1", text="liquid hydrogen tank technology"))
    index.add(MatchDocument("h2", text="hydrogen storage vessel"))
    index.add(MatchDocument("t1", text="seek technology for vessels", concepts=("T7",)))
    assert len(index) >= GENERIC_MIN_DOCS and 12 / len(index) > GENERIC_SHARE
    matches = index.search(MatchDocument("q", text="seek hydrogen tank technology"), top=20)
    assert sorted(m.id for m in matches) == ["h1", "h2"]  # not the 40 that share only "seek" or "technology"
    # the explanation marks the generic words it lists, so a viewer is shown the specific ones first
    h1 = next(m for m in matches if m.id == "h1")
    assert {(t.term, t.generic) for t in h1.terms} == {
        ("hydrogen", False),
        ("tank", False),
        ("technology", True),
    }
    assert [t["term"] for t in h1.why()["terms"] if t.get("generic")] == ["technology"]
    # a shared taxonomy concept keeps a match whose words are all generic
    with_concept = index.search(MatchDocument("q", text="seek vessel technology", concepts=("T7",)), top=20)
    assert sorted(m.id for m in with_concept) == ["h2", "t1"]
    # a query of generic words only asks for nothing more specific: every overlap counts (all but h2)
    generic_only = index.search(MatchDocument("q", text="seek technology"), top=50)
    assert sorted(m.id for m in generic_only) == sorted(set(index.ids) - {"h2"})


def test_a_small_index_keeps_matches_on_common_words(analyzer):
    # below GENERIC_MIN_DOCS documents a share says little: every overlap counts, as before
    index = MatchIndex(analyzer=analyzer)
    for i in range(5):
        index.add(MatchDocument(f"d{i}", text=f"technology item{i}"))
    found = index.search(MatchDocument("q", text="technology"), top=10)
    assert len(found) == 5
    assert all(not t.generic for m in found for t in m.terms)


def test_a_question_is_scored_by_how_well_each_document_answers_it(analyzer):
    """A short idea covers little of any profile, so the two-sided score puts even a perfect answer low; a
    one-sided search fuses the forward direction only, and reports both directions unchanged."""
    index = MatchIndex(analyzer=analyzer)
    # profiles of one length (12 words); one holds both words of the question
    index.add(MatchDocument("answer", text="hydrogen tank " + " ".join(f"detail{i}" for i in range(10))))
    for j in range(4):
        index.add(MatchDocument(f"other{j}", text=" ".join(f"word{j}x{i}" for i in range(12))))
    question = MatchDocument("q", text="hydrogen tank")
    [two] = index.search(question, top=5)
    [one] = index.search(question, top=5, one_sided=True)
    assert one.id == two.id == "answer"
    # the question covers 2 of the profile's 12 words: little backward, so the harmonic mean stays low
    assert two.score_backward < 10 and two.score < 35 < 90 < two.score_forward
    # one-sided, with no concepts, kinds or activity, the fused score is the forward score itself
    assert one.score == pytest.approx(one.score_forward) and one.score > 90
    assert (one.score_forward, one.score_backward) == (two.score_forward, two.score_backward)


def test_questions_are_calibrated_on_a_background_of_questions(analyzer, tmp_path):
    """A question's forward score is the share of it a profile covers, so the calibration of profile pairs
    would put a profile holding one word of a two-word question at 100. One-sided scores use the reference
    calibration carried over to the background of questions (profile summaries asked of other profiles)."""
    import random

    from techbridge.core.matching.scoring import one_sided_calibrator

    rnd = random.Random(3)
    topics = [f"topic{i}" for i in range(40)]
    index = MatchIndex(analyzer=analyzer)
    for i in range(80):
        t = rnd.sample(topics, 4)
        index.add(
            MatchDocument(
                f"d{i:02d}", title=" ".join(t[:2]), summary=" ".join(t), text=" ".join([*t, f"x{i}"])
            )
        )
    index.add(
        MatchDocument("full", title="alpha beta", summary="alpha beta topic1 topic2", text="alpha beta")
    )
    index.add(MatchDocument("half", title="alpha topic3", summary="alpha topic3 topic4 topic5", text="alpha"))
    found = {m.id: m for m in index.search(MatchDocument("q", text="alpha beta"), top=5, one_sided=True)}
    assert set(found) == {"full", "half"}
    full, half = found["full"], found["half"]
    calibrator = one_sided_calibrator(index)
    assert full.score == pytest.approx(calibrator.score(full.raw)) and full.score > 95
    assert half.score == pytest.approx(calibrator.score(half.raw)) and 30 < half.score < 80
    assert LogisticCalibrator().score(half.raw) > 99  # the reference curve, not carried over, saturates
    # saved with the index: a process that loads it asks questions without computing the calibration again
    store.save(index, tmp_path / "base")
    loaded = store.load(tmp_path / "base", analyzer=analyzer)
    assert loaded._one_sided_calibrator is not None and loaded._one_sided_calibrator[0] == len(index)
    kept = one_sided_calibrator(loaded)
    assert (kept.a_, kept.b_) == (calibrator.a_, calibrator.b_)
    again = {
        m.id: m.score for m in loaded.search(MatchDocument("q", text="alpha beta"), top=5, one_sided=True)
    }
    assert again == pytest.approx({"full": full.score, "half": half.score})
    # kept while the index stays within a tenth of its size, then computed again
    index.add(MatchDocument("extra", text="gamma"))
    assert one_sided_calibrator(index) is calibrator
    for i in range(9):
        index.add(MatchDocument(f"more{i}", text=f"topic{i} topic{i + 1}"))
    assert one_sided_calibrator(index) is not calibrator

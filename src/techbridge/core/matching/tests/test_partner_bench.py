"""Strict leave-one-out of the partner-search bench, the learned fusion and the new features."""

import numpy as np
import pytest

from techbridge.core.matching import MatchDocument, MatchIndex, MatchingError, Participation, PartnerRanker
from techbridge.core.matching.partner_bench import evaluate, fit_ranker_weights, load_cordis_csv, loo_scores
from techbridge.core.matching.partner_learning import fit_weights
from techbridge.core.matching.partners import FEATURES

TOPICS = {
    "battery": "lithium battery cell chemistry anode cathode electrolyte",
    "water": "membrane filter drinking water purification pump",
    "chip": "semiconductor wafer lithography chip transistor",
    "car": "vehicle drive train motor inverter charging",
}


def _world() -> tuple[list[MatchDocument], list[Participation]]:
    """12 projects in 4 topics; each topic has a community of 4 organisations plus one-offs."""
    docs, parts = [], []
    for t, (topic, words) in enumerate(TOPICS.items()):
        for k in range(3):
            pid = f"{topic}{k}"
            extra = " ".join(w for i, w in enumerate(words.split()) if (i + k) % 3)
            docs.append(MatchDocument(pid, title=f"{topic} {extra}", summary=words))
            for member in range(4):
                if (member + k) % 4 != 3:  # three of the four community members each time
                    role = "coordinator" if member == k else "participant"
                    parts.append(Participation(pid, f"{topic}-org{member}", role))
            parts.append(Participation(pid, f"oneoff-{pid}"))
            parts.append(Participation(pid, "big-lab" if t % 2 else "big-uni"))
    return docs, parts


def _scores_of(docs, parts, project, analyzer, folds=3):
    out = {}
    for pid, relevant, organisations, score in loo_scores(
        docs, parts, PartnerRanker(), analyzer, folds=folds
    ):
        out[pid] = (relevant, {o: s for o, s in zip(organisations, score, strict=True) if np.isfinite(s)})
    return out


def test_a_projects_participants_do_not_change_its_own_scores(analyzer):
    docs, parts = _world()
    # battery0's consortium replaced by the water community (and a new organisation)
    moved = [p for p in parts if p.project != "battery0"] + [
        Participation("battery0", o) for o in ("water-org0", "water-org1", "water-org2", "newcomer")
    ]
    before = _scores_of(docs, parts, "battery0", analyzer)
    after = _scores_of(docs, moved, "battery0", analyzer)
    # the labels change ...
    assert before["battery0"][0] == {"battery-org0", "battery-org1", "battery-org2", "big-uni"}
    assert after["battery0"][0] == {"water-org0", "water-org1", "water-org2"}
    # ... the scores of the project itself do not, learned weights included
    assert before["battery0"][1].keys() == after["battery0"][1].keys()
    for org, score in before["battery0"][1].items():
        assert after["battery0"][1][org] == pytest.approx(score, rel=1e-9, abs=1e-9), org
    # while a project of another fold sees the change (through the weights and the other projects)
    assert any(
        after["water1"][1][o] != pytest.approx(s, rel=1e-9, abs=1e-9) for o, s in before["water1"][1].items()
    )


def test_the_community_of_the_similar_projects_ranks_first(analyzer):
    docs, parts = _world()
    index = MatchIndex(analyzer=analyzer)
    for doc in docs:
        index.add(doc)
    ranker = PartnerRanker().fit(index, parts)
    query = MatchDocument("idea", title="battery", summary="lithium battery anode electrolyte")
    ranked = ranker.ranked_organisations(query)
    # big-uni took part in all three battery projects (and three others), battery-org0 in all three
    assert ranked[:2] == ["big-uni", "battery-org0"]
    assert set(ranked[2:5]) == {"battery-org1", "battery-org2", "battery-org3"}
    assert ranked[5].startswith("oneoff-battery")
    features, live = ranker.features(query)
    assert features.shape == (len(ranker.organisations_), len(FEATURES)) and live.all()
    big = ranker.organisations_.index("big-uni")
    assert features[big, FEATURES.index("activity")] == pytest.approx(np.log1p(6))
    assert features[ranker.organisations_.index("battery-org0"), FEATURES.index("coordinations")] == (
        pytest.approx(np.log(2))
    )


def test_propagation_lifts_projects_that_share_members_with_the_best_match(analyzer):
    # p2 shares no word with the query but two of p1's three members; p3 shares neither
    docs = [
        MatchDocument("p1", title="solar cell perovskite"),
        MatchDocument("p2", title="grid storage"),
        MatchDocument("p3", title="grid pumps"),
        MatchDocument("p4", title="wind blade"),
    ]
    parts = [Participation("p1", o) for o in ("a", "b", "c")]
    parts += [Participation("p2", o) for o in ("a", "b", "d")] + [Participation("p3", o) for o in ("e", "f")]
    parts += [Participation("p4", o) for o in ("g", "h")]
    index = MatchIndex(analyzer=analyzer)
    for doc in docs:
        index.add(doc)
    query = MatchDocument("q", title="perovskite solar")
    plain = PartnerRanker(propagation=0.0).fit(index, parts)
    propagated = PartnerRanker(propagation=1.0).fit(index, parts)
    column = FEATURES.index("softmax_propagated")
    f0, _ = plain.features(query)
    f1, _ = propagated.features(query)
    d, e = plain.organisations_.index("d"), plain.organisations_.index("e")
    assert f0[d, column] == pytest.approx(f0[e, column])  # without propagation: same text score
    assert f1[d, column] > f1[e, column] + 0.5


def test_fit_weights_moves_towards_the_informative_feature_and_keeps_the_prior_without_data():
    rng = np.random.default_rng(0)
    examples = []
    for _ in range(30):
        x = rng.normal(size=(50, 2))
        relevant = x[:, 1] > 1.0  # only the second feature tells the participants
        examples.append((x, relevant))
    w = fit_weights(examples, prior=np.array([1.0, 1.0]), strength=0.01)
    assert w[1] > 1.5 and abs(w[0]) < 0.25 * w[1]
    strong = fit_weights(examples, prior=np.array([1.0, 1.0]), strength=1e4)
    assert strong == pytest.approx([1.0, 1.0], abs=0.01)
    with pytest.raises(MatchingError, match="no training query"):
        fit_weights([(np.zeros((3, 2)), np.zeros(3, bool))], prior=np.ones(2))
    with pytest.raises(MatchingError, match="2 columns"):
        fit_weights([(np.zeros((3, 3)), np.array([True, False, False]))], prior=np.ones(2))


def test_fixed_and_cross_fitted_weights_and_their_transfer(analyzer):
    docs, parts = _world()
    ranker = PartnerRanker()
    fixed = evaluate(docs, parts, ranker, analyzer, folds=0)
    crossed = evaluate(docs, parts, ranker, analyzer, folds=3)
    assert fixed["queries"] == crossed["queries"] == 12
    assert ranker.weights["best"] == 1.0  # the bench restores the ranker's weights
    weights = fit_ranker_weights(docs, parts, PartnerRanker(coordinator_weight=0.0), analyzer)
    assert weights["coordinations"] == 0.0  # features that are off stay off
    assert set(weights) == set(FEATURES)
    # two projects, one shared organisation: no fold has a training query, the weights stay
    tiny = [Participation("battery0", "x"), Participation("battery1", "x"), Participation("battery1", "y")]
    assert evaluate(docs[:2], tiny, PartnerRanker(), analyzer, folds=2)["queries"] == 2
    with pytest.raises(MatchingError, match="unknown feature"):
        ranker.set_weights({"colour": 1.0})


@pytest.mark.slow
def test_the_ecsel_bench_is_strictly_leave_one_out(shared_data):
    docs, parts = load_cordis_csv(shared_data / "cordis-ecsel")
    first, other = docs[0].id, docs[50].id
    # the first project gets the consortium of another one
    swapped = [p for p in parts if p.project != first] + [
        Participation(first, p.organisation, p.role) for p in parts if p.project == other
    ]
    before = dict(
        (pid, dict(zip(o, s, strict=True))) for pid, _, o, s in loo_scores(docs, parts, PartnerRanker())
    )
    after = dict(
        (pid, dict(zip(o, s, strict=True))) for pid, _, o, s in loo_scores(docs, swapped, PartnerRanker())
    )
    shared = {o for o, s in before[first].items() if np.isfinite(s)}
    assert shared == {o for o, s in after[first].items() if np.isfinite(s)}
    assert max(abs(before[first][o] - after[first][o]) for o in shared) < 1e-9

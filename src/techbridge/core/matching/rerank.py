"""Optional re-ranker: cosine of sentence embeddings (Reimers & Gurevych 2019, Sentence-BERT).

The model is read from a local folder only (``HF_HUB_OFFLINE=1``; nothing is ever downloaded).
sentence-transformers is an optional dependency: without it :class:`RerankerUnavailable` is
raised and the lexical engine works alone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from techbridge.core.matching.calibration import LogisticCalibrator
from techbridge.core.matching.documents import Match, Reason

MODEL_DIR_SETTING = "TECHBRIDGE_EMBEDDING_MODEL_DIR"  # environment variable naming the model folder


class RerankerUnavailable(RuntimeError):
    """The embedding model cannot be used (package missing, folder missing or unreadable)."""


class EmbeddingReranker:
    """Blend ``weight`` x embedding cosine into each match's raw score and re-sort."""

    def __init__(self, model_dir: str | Path, weight: float = 0.3, batch_size: int = 32) -> None:
        self.model_dir = model_dir
        self.weight = weight
        self.batch_size = batch_size

    def fit(self) -> EmbeddingReranker:
        """Load the model from ``model_dir`` (strictly offline)."""
        path = Path(self.model_dir)
        if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
            raise RerankerUnavailable(f"{path} is not a sentence-transformers model folder")
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise RerankerUnavailable("sentence-transformers is not installed") from exc
        try:
            self.model_: Any = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises many kinds; all mean "cannot use this folder"
            raise RerankerUnavailable(f"cannot load the model in {path}: {exc}") from exc
        return self

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model_.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)

    def rerank(
        self,
        query_text: str,
        matches: Sequence[Match],
        texts: Mapping[str, str],
        calibrator: LogisticCalibrator,
    ) -> list[Match]:
        """Matches re-sorted by (1 - weight) raw + weight cosine, each with a ``semantic_similarity`` reason."""
        if not matches:
            return []
        vectors = self.embed([query_text] + [texts.get(m.id, "") for m in matches])
        cosines = vectors[1:] @ vectors[0]
        out = []
        for match, cos in zip(matches, cosines, strict=True):
            raw = (1 - self.weight) * match.raw + self.weight * float(cos)
            reason = Reason("semantic_similarity", {"cosine": round(float(cos), 3)})
            out.append(replace(match, raw=raw, score=calibrator.score(raw), reasons=(*match.reasons, reason)))
        return sorted(out, key=lambda m: (-m.raw, m.id))

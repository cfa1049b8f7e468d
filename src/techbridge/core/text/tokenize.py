"""Tokenisation: word tokens for alphabetic scripts, jieba segmentation for Chinese (lazy, cached)."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from typing import Any

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_lock = threading.Lock()
_jieba: Any = None


def normalize(text: str) -> str:
    """NFKC-normalised text (full-width letters and digits folded), comma-below Romanian letters unified."""
    text = unicodedata.normalize("NFKC", text)
    return text.translate(str.maketrans("şţŞŢ", "șțȘȚ"))


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens of an alphabetic text (letters/digits, inner apostrophes kept)."""
    return [match.group(0).lower().replace("’", "'") for match in _WORD.finditer(normalize(text))]


def _segmenter() -> Any:
    """The jieba module, initialised once per process with its logging quietened."""
    global _jieba
    with _lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.initialize()
            _jieba = jieba
    return _jieba


def has_han(text: str) -> bool:
    """Whether ``text`` contains a Chinese character."""
    return _HAN.search(text) is not None


def chinese_tokens(text: str) -> list[str]:
    """Words of a Chinese (possibly mixed-script) text by jieba's precise mode, punctuation dropped."""
    jieba = _segmenter()
    tokens = []
    for piece in jieba.lcut(normalize(text), HMM=True):
        piece = piece.strip().lower()
        if piece and any(ch.isalnum() for ch in piece):
            tokens.append(piece)
    return tokens

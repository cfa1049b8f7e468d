"""The analyzer the index uses: any callable ``(text, lang) -> list[str]`` of English-pivot terms.

The default is :func:`techbridge.core.text.analysis.analyze` (language detection, jieba for
Chinese, lexicon pivot to English, stemming), imported lazily so the matching core stays usable
with an injected analyzer where the text package is unavailable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

Analyzer = Callable[[str, str | None], list[str]]
Detector = Callable[[str], str]


def default_analyzer() -> Analyzer:
    from techbridge.core.text.analysis import analyze

    return analyze


def default_detector() -> Detector:
    from techbridge.core.text.analysis import detect_language

    return detect_language


K3 = 1.2  # query-term saturation


def query_weights(counts: Counter[str], k3: float = K3) -> dict[str, float]:
    """Saturated query-term weights (k3 + 1) qtf / (k3 + qtf): repeats count, with diminishing returns."""
    return {t: (k3 + 1.0) * n / (k3 + n) for t, n in counts.items()}

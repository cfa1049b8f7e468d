"""Tokenisation, Chinese segmentation and stemming."""

from __future__ import annotations

from techbridge.core.text.stemming import lemmatize, stem
from techbridge.core.text.tokenize import chinese_tokens, normalize, word_tokens


def test_word_tokens_lowercase_and_drop_punctuation() -> None:
    assert word_tokens("Solar-PV, 2024: Łódź’s plant!") == ["solar", "pv", "2024", "łódź's", "plant"]


def test_normalize_folds_full_width_digits_and_romanian_cedillas() -> None:
    assert normalize("ＡＢ１２") == "AB12"
    assert normalize("ştiinţă") == "știință"


def test_chinese_text_is_segmented_into_words() -> None:
    tokens = chinese_tokens("我们在宁波开发太阳能电池。")
    assert "宁波" in tokens
    assert "太阳能" in tokens
    assert "。" not in tokens


def test_chinese_segmentation_keeps_latin_words() -> None:
    assert "ai" in chinese_tokens("我们研究AI技术")


def test_english_stems_conflate_inflections() -> None:
    assert stem("panels") == stem("panel") == "panel"
    assert stem("installing") == stem("installed")


def test_a_language_without_a_stemmer_keeps_the_word() -> None:
    assert stem("проект", "mk") == "проект"


def test_lemmatisation_reduces_an_inflected_polish_noun() -> None:
    assert lemmatize("kolację", "pl") == "kolacja"


def test_lemmatisation_of_an_unsupported_language_is_identity() -> None:
    assert lemmatize("words", "xx") == "words"


def test_traditional_chinese_is_segmented_like_simplified() -> None:
    assert chinese_tokens("我從來沒喜歡過生物學") == chinese_tokens("我从来没喜欢过生物学")


def test_english_contractions_are_expanded() -> None:
    from techbridge.core.text.tokenize import english_tokens

    assert english_tokens("I don't know; can't you? Tom's car, we'll see") == [
        "i", "do", "not", "know", "can", "not", "you", "tom", "car", "we", "will", "see",
    ]  # fmt: skip

"""Supported content languages: ISO 639-1 code, ISO 639-3 code, Snowball stemmer and simplemma code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One content language; ``stemmer`` names a PyStemmer algorithm, ``lemma`` a simplemma code."""

    code: str
    iso3: str
    name: str
    script: str
    stemmer: str | None
    lemma: str | None


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("zh", "cmn", "Chinese", "han", None, None),
        Language("en", "eng", "English", "latin", "english", "en"),
        Language("pl", "pol", "Polish", "latin", "polish", "pl"),
        Language("cs", "ces", "Czech", "latin", "czech", "cs"),
        Language("sk", "slk", "Slovak", "latin", "czech", "sk"),
        Language("hu", "hun", "Hungarian", "latin", "hungarian", "hu"),
        Language("ro", "ron", "Romanian", "latin", "romanian", "ro"),
        Language("bg", "bul", "Bulgarian", "cyrillic", None, "bg"),
        Language("hr", "hrv", "Croatian", "latin", "serbian", "hbs"),
        Language("sr", "srp", "Serbian", "latin", "serbian", "hbs"),
        Language("bs", "bos", "Bosnian", "latin", "serbian", "hbs"),
        Language("sl", "slv", "Slovenian", "latin", None, "sl"),
        Language("el", "ell", "Greek", "greek", "greek", "el"),
        Language("et", "est", "Estonian", "latin", "estonian", "et"),
        Language("lv", "lav", "Latvian", "latin", None, "lv"),
        Language("lt", "lit", "Lithuanian", "latin", "lithuanian", "lt"),
        Language("mk", "mkd", "Macedonian", "cyrillic", None, "mk"),
        Language("sq", "sqi", "Albanian", "latin", None, "sq"),
        Language("de", "deu", "German", "latin", "german", "de"),
    )
}

_ALIASES = {lang.iso3: lang.code for lang in LANGUAGES.values()}
_ALIASES.update({"zho": "zh", "chi": "zh", "cze": "cs", "slo": "sk", "gre": "el", "alb": "sq",
                 "hbs": "sr", "sh": "sr", "zh-hans": "zh", "zh-hant": "zh", "zh-cn": "zh",
                 "zh-tw": "zh", "mac": "mk", "rum": "ro", "ger": "de"})  # fmt: skip


class UnknownLanguageError(ValueError):
    """A language code that the platform does not support."""


def normalize_language(code: str) -> str:
    """Map an ISO 639-1/639-3 code or a locale tag (``zh-Hans``, ``pl_PL``) to the 639-1 code.

    Raises UnknownLanguageError naming the code and the supported set.
    """
    key = (code or "").strip().lower().replace("_", "-")
    if key in LANGUAGES:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    base = key.split("-")[0]
    if base in LANGUAGES:
        return base
    if base in _ALIASES:
        return _ALIASES[base]
    supported = ", ".join(sorted(LANGUAGES))
    raise UnknownLanguageError(f"unknown language {code!r}; supported: {supported}")

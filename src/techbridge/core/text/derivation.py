"""Regular word formation that lexicons leave out: verbal nouns of the verbs they list, Slavic verbs with a
prefix, and which languages start compounds with two-letter words. Used by the translator's fallbacks for words
no lexicon knows; only rules of the grammar, no word lists."""

from __future__ import annotations

# Languages whose compounds start with two-letter words (Hungarian hő heat, Estonian öö night); elsewhere two
# letters at the start are mostly a verbal prefix (Polish po-, wy-), whose glosses would be noise.
SHORT_FIRST_PARTS = frozenset({"hu", "et"})
# Verbal nouns (the -ing of technical text: cooling, welding, testing) -> the verbs lexicons list instead:
# Czech skladování -> skladovat, Slovak chladenie -> chladiť, Polish chłodzenie -> chłodzić, Estonian
# jahutamine -> jahutama, Latvian metināšana -> metināt. Regular derivation only; a consonant alternation
# (čištění <- čistit) is not undone. Languages whose lexicons list the verbal nouns themselves (Hungarian,
# Romanian, Greek) need no rule.
_VERBAL_NOUNS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "cs": (("ování", ("ovat",)), ("ání", ("at",)), ("ění", ("ět", "it")), ("ení", ("it", "et")),
           ("nutí", ("nout",)), ("ití", ("ít", "it")), ("ytí", ("ýt",))),
    "sk": (("ovanie", ("ovať",)), ("anie", ("ať",)), ("enie", ("iť", "eť")), ("nutie", ("núť",)),
           ("itie", ("iť",))),
    "pl": (("owanie", ("ować",)), ("anie", ("ać",)), ("enie", ("ić", "eć")), ("ęcie", ("ąć",)),
           ("cie", ("ć",))),
    "hr": (("anje", ("ati",)), ("enje", ("iti", "eti"))),
    "bs": (("anje", ("ati",)), ("enje", ("iti", "eti"))),
    "sl": (("anje", ("ati",)), ("enje", ("iti", "eti"))),
    "sr": (("ање", ("ати",)), ("ење", ("ити", "ети")), ("anje", ("ati",)), ("enje", ("iti", "eti"))),
    "bg": (("ане", ("ам",)), ("яне", ("ям",))),  # Bulgarian verbs are cited in the 1st person
    "et": (("mine", ("ma",)),),
    "lv": (("šana", ("t",)),),
    "lt": (("ojimas", ("oti",)), ("inimas", ("inti",)), ("ymas", ("yti",)), ("imas", ("ti",))),
}  # fmt: skip

_PREFIXES: dict[str, tuple[str, ...]] = {
    "pl": ("przy", "prze", "roz", "pod", "nad", "wy", "po", "za", "na", "od", "ob", "do", "u", "s", "z"),
    "cs": ("před", "přes", "při", "pře", "roz", "pod", "nad", "vy", "po", "za", "na", "od", "ob", "do", "u", "s", "z"),
    "sk": ("pred", "pri", "pre", "roz", "pod", "nad", "vy", "po", "za", "na", "od", "ob", "do", "u", "s", "z"),
    "hr": ("pre", "pri", "raz", "pod", "nad", "iz", "po", "za", "na", "od", "do", "u", "s"),
    "bs": ("pre", "pri", "raz", "pod", "nad", "iz", "po", "za", "na", "od", "do", "u", "s"),
    "sr": ("pre", "pri", "raz", "pod", "nad", "iz", "po", "za", "na", "od", "do", "u", "s",
           "пре", "при", "раз", "под", "над", "из", "по", "за", "на", "од", "до", "у", "с"),
    "sl": ("pre", "pri", "raz", "pod", "nad", "iz", "po", "za", "na", "od", "do", "u", "s"),
    "bg": ("пре", "при", "раз", "под", "над", "из", "по", "за", "на", "от", "до", "у", "с"),
    "mk": ("пре", "при", "раз", "под", "над", "из", "по", "за", "на", "од", "до", "у", "с"),
}  # fmt: skip


def unprefixed(word: str, lemma: str, lang: str) -> list[str]:
    """A Slavic verb (or its derivative) without its prefix: wylądować -> lądować (to land)."""
    out: list[str] = []
    for form in dict.fromkeys((lemma, word)):
        for prefix in _PREFIXES.get(lang, ()):
            if form.startswith(prefix) and len(form) - len(prefix) >= 5:
                out.append(form[len(prefix) :])
    return out


def verbs_of(word: str, lemma: str, lang: str) -> list[str]:
    """The verbs a verbal noun (its surface form or lemma) may come from, most likely first."""
    out: list[str] = []
    for form in dict.fromkeys((lemma, word)):
        for suffix, endings in _VERBAL_NOUNS.get(lang, ()):
            if form.endswith(suffix) and len(form) > len(suffix) + 2:
                out += [form[: -len(suffix)] + ending for ending in endings]
                break  # the longest matching suffix comes first in the table
    return out

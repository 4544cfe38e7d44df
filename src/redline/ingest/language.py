"""Is this article in English? A stop-word vote, no model to download.

Every language writes its short function words ("the", "of", "and"; "le",
"des", "et"; "der", "und", "nicht") far more often than any content word, so
the share of a text's words that are one language's function words names the
language well from a paragraph on. Words two languages share ("a", "in",
"die", "so") are left out of the vote. A text mostly in a non-Latin script
(Cyrillic, Chinese, Arabic, ...) is not English whatever its Latin words say.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

__all__ = ["LanguageGuess", "guess_language", "is_english"]

_FUNCTION_WORDS: dict[str, str] = {
    "en": "the of and to is are was were that this with for from have has had not but which who would will "
    "it its he she they their them his her be been by on at as an or said says there these those than "
    "what when where while about after also could should can into over against",
    "fr": "le la les des du et est sont une un que qui dans pour pas sur au aux avec ce cette ces il elle "
    "ils elles ont été être mais ou où nous vous leur leurs sa ses son selon lors après aussi très",
    "de": "der die das und ist sind nicht ein eine einen dem den des mit von zu auf für sich auch im bei "
    "wurde werden hat haben dass wie oder aber nach aus vom zum zur noch nur einer",
    "es": "el la los las del y es son una un que en por para con no se su sus lo al como más pero fue ha "
    "han sobre este esta entre también ya muy dijo según",
    "it": "il lo la gli le dei delle degli della del e è sono una un che per con non si suo sua ha hanno "
    "come più ma anche questo questa nel nella alla dal dalla",
    "pt": "o os as da do das dos e é são uma um que em por para com não se seu sua foi mais mas como também "
    "pelo pela no na nos nas ao",
    "nl": "de het een en is zijn niet van op te met voor dat die dit er ook maar aan bij naar wordt werd "
    "heeft hebben nog wel",
}

_LANG_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch",
}


def _exclusive_sets() -> dict[str, frozenset[str]]:
    sets = {lang: set(words.split()) for lang, words in _FUNCTION_WORDS.items()}
    counts = Counter(w for words in sets.values() for w in words)
    return {lang: frozenset(w for w in words if counts[w] == 1) for lang, words in sets.items()}


_WORD_SETS = _exclusive_sets()
_LANG_OF = {w: lang for lang, words in _WORD_SETS.items() for w in words}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Below this share of English function words, a long Latin-script text is not English.
MIN_ENGLISH_SHARE = 0.08
# Fewer words than this cannot be judged: say yes unless another language clearly wins.
MIN_WORDS = 12


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The likeliest language of a text (a code such as "en", or a script name) and how sure we are."""

    code: str
    name: str
    english_share: float


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if "LATIN" in name:
        return "Latin"
    if "CJK" in name or "HIRAGANA" in name or "KATAKANA" in name:
        return "Chinese or Japanese"
    if "HANGUL" in name:
        return "Korean"
    for script in ("CYRILLIC", "ARABIC", "HEBREW", "GREEK", "DEVANAGARI", "THAI", "ARMENIAN", "GEORGIAN"):
        if script in name:
            return script.capitalize()
    return "other"


def guess_language(text: str, sample_chars: int = 5000) -> LanguageGuess:
    """Which language a text is in, judged from its first ``sample_chars`` characters."""
    sample = text[:sample_chars]
    # ASCII letters are Latin; only the rest needs a look-up of its script.
    letters = Counter(_script(ch) for ch in _NON_ASCII.findall(sample) if ch.isalpha())
    letters["Latin"] += len(_ASCII_LETTERS.findall(sample))
    total_letters = sum(letters.values())
    if total_letters:
        script, n = letters.most_common(1)[0]
        if script != "Latin" and n > total_letters / 2:
            return LanguageGuess(script.lower(), f"{script} script", 0.0)
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return LanguageGuess("en", "English", 0.0)
    hits = dict.fromkeys(_WORD_SETS, 0)
    for w in words:
        lang = _LANG_OF.get(w)
        if lang is not None:
            hits[lang] += 1
    english_share = hits["en"] / len(words)
    best = max(hits, key=lambda lang: (hits[lang], lang == "en"))
    if len(words) < MIN_WORDS:
        # Too short to judge: English unless another language has clearly more function words.
        if hits[best] >= hits["en"] + 2:
            return LanguageGuess(best, _LANG_NAMES[best], english_share)
        return LanguageGuess("en", "English", english_share)
    if best == "en" and english_share >= MIN_ENGLISH_SHARE:
        return LanguageGuess("en", "English", english_share)
    if best == "en":
        return LanguageGuess("und", "no language we recognise", english_share)
    return LanguageGuess(best, _LANG_NAMES[best], english_share)


def is_english(text: str) -> bool:
    """Whether a text reads as English (a stop-word vote; short texts get the benefit of the doubt)."""
    return guess_language(text).code == "en"

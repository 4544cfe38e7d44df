"""Language: a stop-word vote tells English from other languages, on paragraphs we wrote."""

from __future__ import annotations

import pytest

from redline.ingest.language import guess_language, is_english

ENGLISH = (
    "The government said on Friday that it would not send troops to the region, but it left open the "
    "possibility of training missions for the army of its neighbour, which has asked for help."
)
FOREIGN = {
    "fr": (
        "Le gouvernement a déclaré vendredi qu'il n'enverrait pas de troupes dans la région, mais il n'a pas "
        "exclu des missions de formation pour l'armée de son voisin, qui a demandé de l'aide."
    ),
    "de": (
        "Die Regierung erklärte am Freitag, dass sie keine Truppen in die Region schicken werde, schloss "
        "aber Ausbildungsmissionen für die Armee des Nachbarlandes nicht aus, das um Hilfe gebeten hat."
    ),
    "es": (
        "El gobierno dijo el viernes que no enviará tropas a la región, pero no descartó misiones de "
        "entrenamiento para el ejército de su vecino, que ha pedido ayuda."
    ),
    "it": (
        "Il governo ha dichiarato venerdì che non invierà truppe nella regione, ma non ha escluso missioni "
        "di addestramento per l'esercito del paese vicino, che ha chiesto aiuto."
    ),
}
RUSSIAN = (
    "Правительство заявило в пятницу, что не будет направлять войска в регион, но не исключило учебные "
    "миссии для армии соседней страны, которая попросила о помощи."
)
CHINESE = "政府周五表示，不会向该地区派遣军队，但没有排除为邻国军队提供训练任务的可能性，邻国已请求援助。"


def test_english_paragraph_is_english() -> None:
    assert is_english(ENGLISH)
    guess = guess_language(ENGLISH)
    assert guess.code == "en"
    assert guess.english_share > 0.2


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_latin_script_languages_are_not_english(code: str) -> None:
    assert not is_english(FOREIGN[code])
    assert guess_language(FOREIGN[code]).code == code


def test_russian_is_recognised_by_its_script() -> None:
    guess = guess_language(RUSSIAN)
    assert not is_english(RUSSIAN)
    assert guess.name == "Cyrillic script"


def test_chinese_is_recognised_by_its_script() -> None:
    assert not is_english(CHINESE)
    assert "Chinese" in guess_language(CHINESE).name


def test_english_article_quoting_foreign_words_and_names_is_english() -> None:
    text = (
        f"{ENGLISH} The minister, speaking in Paris, called the plan \"une ligne rouge\" and said that "
        "Moscow, Kyiv and Berlin had been told of the decision before it was made public."
    )
    assert is_english(text)


def test_english_with_a_cyrillic_quote_is_english() -> None:
    assert is_english(f"{ENGLISH} The banner read \"Нет войне\", according to the photographs.")


def test_short_english_headline_gets_the_benefit_of_the_doubt() -> None:
    assert is_english("Ministers split over border mission")
    assert is_english("")


def test_short_french_headline_with_clear_function_words_is_not_english() -> None:
    assert not is_english("Le président et les ministres de la défense sont à Paris")


def test_english_word_salad_without_function_words_is_not_english() -> None:
    # Latin letters, many words, no function words of any language we know: not an article.
    text = " ".join(["lorem ipsum dolor sit amet consectetur adipiscing elit"] * 4)
    assert guess_language(text).code == "und"

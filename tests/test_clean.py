"""Cleaning: site chrome goes, the article stays, paragraphs stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.ingest.clean import clean_field, clean_text, is_chrome_line

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

BODY_1 = "The defence minister said on Monday that the convoy would not cross the bridge."
BODY_2 = "Officials in the capital declined to comment on the decision."


@pytest.mark.parametrize(
    "chrome",
    [
        # links to other articles, in several outlets' styles
        "Read also: Talks stall as winter approaches",
        "READ MORE: Five things to know about the ceasefire",
        "Read more | Navy chief replaced after incident",
        "Related: Parliament votes on the defence budget",
        "RELATED STORIES: Border clashes leave two dead",
        "See also: Timeline of the dispute",
        "Also read - Envoy arrives for second round of talks",
        "You may also like: Drone sightings over the harbour",
        "Read more",
        # syndication lines
        "Read the original article on The Daily Example",
        "This article originally appeared on Example Wire.",
        # copyright and disclaimers
        "© 2024 Example Media Group",
        "Copyright 2023 The Example Times. All rights reserved.",
        "(c) 2022 Example Broadcasting Corporation",
        "All Rights Reserved.",
        "Disclaimer: The views in this piece belong to the author and do not reflect those of the publisher.",
        "This material may not be published, broadcast, rewritten or redistributed.",
        # donation, membership and newsletter appeals
        "We rely on readers like you. Support us with a one-time donation, or become a Patron!",
        "Become a subscriber today and never miss a story.",
        "Subscribe to our newsletter for the latest updates",
        "Sign up for our morning briefing newsletter",
        "Join our Telegram channel for breaking news",
        "Subscribe now!",
        "Support independent journalism: donate now",
        # share buttons
        "Share",
        "Share | Tweet | Facebook | WhatsApp",
        "Facebook Twitter Telegram Email Print",
        "Share this article",
        "Share on Facebook · Share on X · Copy link",
        # photo credits
        "Photo: Jane Doe/Example Agency",
        "Photo by John Roe/AFP via Getty Images",
        "(Photo: Reuters)",
        "Image credit: Example Ministry of Defence",
        "Credit: Example Press Service",
        # cookie notices
        "We use cookies to give you the best experience on our website.",
        "This site uses cookies. By continuing to browse you agree to our use of cookies.",
        "Accept all cookies",
    ],
)
def test_chrome_line_is_removed(chrome: str) -> None:
    text = f"{BODY_1}\n\n{chrome}\n\n{BODY_2}"
    assert clean_text(text) == f"{BODY_1}\n\n{BODY_2}"


@pytest.mark.parametrize(
    "body",
    [
        "Analysts who read the statement closely said it left room for talks.",
        "Read together, the two statements suggest a shift in policy.",
        "The copyright dispute between the two broadcasters went to court in March.",
        "Copyright law was among the issues raised by the trade delegation.",
        '"Our allies must support us now, not next year," the president said.',
        "The country did not subscribe to the view that sanctions would work.",
        "Finland will become a member of the alliance next month, officials said.",
        "Related talks in Vienna are expected to resume after the holiday.",
        "Related-party contracts were examined by the auditors.",
        "Photo evidence of the strike was shared by local residents on Monday.",
        "The ministry said it would share intelligence with its neighbours.",
        "Soldiers were handed cookies and tea by residents of the village.",
        "The rights of the minority were reserved for a later round of talks.",
        "See the annex for the full list of sanctioned companies.",
    ],
)
def test_article_sentence_survives(body: str) -> None:
    text = f"{BODY_1}\n\n{body}\n\n{BODY_2}"
    assert clean_text(text) == text
    assert not is_chrome_line(body)


def test_long_paragraph_with_a_chrome_phrase_is_kept() -> None:
    paragraph = " ".join([BODY_1, BODY_2] * 3) + " The site uses cookies, a reporter noted, beside the point."
    assert clean_text(paragraph) == paragraph


def test_paragraph_returning_to_its_opening_words_is_not_undoubled() -> None:
    chant = "No to war, the crowd chanted in front of the ministry building."
    text = f"{chant} {chant} {chant}"
    assert clean_text(text) == text


def test_labelled_disclaimer_paragraph_is_removed_even_when_long() -> None:
    disclaimer = "Disclaimer: " + " ".join(["This text is for information only."] * 12)
    assert clean_text(f"{BODY_1}\n\n{disclaimer}") == BODY_1


def test_caption_repeated_twice_in_a_row_is_kept_once() -> None:
    caption = "Tanks parked near the border crossing"
    text = f"Headline of the story\n\n{caption}\n{caption}\n\n{BODY_1}"
    assert clean_text(text) == f"Headline of the story\n\n{caption}\n\n{BODY_1}"


def test_caption_paragraph_repeated_as_next_paragraph_is_kept_once() -> None:
    caption = "A patrol boat leaves the harbour at dawn on Sunday."
    assert clean_text(f"{caption}\n\n{caption}\n\n{BODY_1}") == f"{caption}\n\n{BODY_1}"


def test_self_repeating_caption_paragraph_is_kept_once_without_credit() -> None:
    full = (
        "Members of a rescue team search the rubble of a building in the port city on Friday. "
        "The authorities said the building was hit overnight."
    )
    truncated = full[:95] + "..."
    text = f"{BODY_1}\n\n{truncated} {full} Photo by Jane Doe/Example Agency\n\n{BODY_2}"
    assert clean_text(text) == f"{BODY_1}\n\n{full}\n\n{BODY_2}"


def test_exactly_doubled_paragraph_is_kept_once() -> None:
    sentence = "Protesters gathered outside the embassy on Saturday evening."
    assert clean_text(f"{sentence} {sentence}") == sentence


def test_quoted_repetition_inside_a_sentence_is_not_undoubled() -> None:
    text = "Never again, never again, the crowd chanted outside the parliament building for hours."
    assert clean_text(text) == text


def test_normalises_line_endings_and_spaces_but_keeps_paragraphs() -> None:
    text = (
        "Title line\r\n\r\n\r\nFirst\u00a0paragraph  with\tspaces. \r\nSecond line.\r\n\n\n\n"
        "Last\u200b paragraph."
    )
    assert clean_text(text) == "Title line\n\nFirst paragraph with spaces.\nSecond line.\n\nLast paragraph."


def test_fixture_article_loses_its_chrome() -> None:
    cleaned = clean_text((FIXTURES / "chrome.txt").read_text(encoding="utf-8"))
    assert cleaned.split("\n\n") == [
        "Ministers split over border mission",
        "Updated: 4 April 2023",
        "Defence ministers from the alliance failed on Thursday to agree on sending a monitoring mission to "
        "the border, officials said.",
        "The proposal, put forward by the northern members, would have placed around 300 unarmed observers "
        "along the frontier.",
        "Soldiers patrol the frontier near the river crossing.",
        "Two ministers said they could only back a mission under a United Nations mandate.",
    ]


def test_empty_and_all_chrome_texts_clean_to_nothing() -> None:
    assert clean_text("") == ""
    assert clean_text("  \n\n \u00a0\n") == ""
    assert clean_text("Share\nTweet\n\nRead more: Something else") == ""


def test_control_characters_and_lone_surrogates_are_not_kept() -> None:
    # Found by tests/test_fuzz_readers.py: a JSON "\u0000" or "\ud800" reached the Document as is.
    text = clean_text("Russia\x00 warned \x1b[31mNATO\x1b[0m \ud800today.\x0bNew line\u2028and another")
    assert text == "Russia warned [31mNATO[0m \ufffdtoday.\nNew line\nand another"
    text.encode("utf-8")
    assert clean_field(" a\x00b\n\tc\ud83d \x1b]0;x\x07 ") == "ab c\ufffd ]0;x"


def test_cleaning_twice_changes_nothing_when_a_joiner_sits_before_an_accent() -> None:
    # Found by tests/test_fuzz_clean.py: NFC ran before the zero-width joiner was removed, so the letter and
    # its combining accent composed only on a second cleaning (and the content hash changed with it).
    assert clean_text("Russia\u200d\u0301 said") == "Russiá said" == clean_text(clean_text("Russia\u200d\u0301 said"))

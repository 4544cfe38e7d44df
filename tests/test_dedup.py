"""Near-duplicate detection: syndicated copies are found, other articles on the topic are not."""

from __future__ import annotations

import pytest

from redline.ingest.dedup import (
    NUM_PERM,
    NearDuplicateIndex,
    normalise,
    shingles,
    signature,
    similarity,
)

# A story written for these tests about an invented dispute.
STORY = """\
The government of Veldoria said on Thursday that it would close its northern border crossings \
to freight traffic from Kestrany for at least two weeks, after a dispute over fishing rights in \
the shared lake escalated into the seizure of three trawlers by the coast guard.

Foreign minister Anja Rusk told reporters in the capital that the closure was a temporary measure \
and that talks could resume once the crews were released. "We have no wish to punish ordinary \
traders, but we cannot accept that our fishermen are held without charge," she said.

Kestrany's interior ministry replied in a statement that the trawlers had entered its waters \
without permits and that the crews would be handed to a court in the port town of Ost Hallem. \
It said the ministry was ready to discuss a joint patrol of the lake but would not release the \
boats before the court had ruled.

Truck drivers queued for several kilometres at the main crossing on Thursday afternoon, and local \
officials warned that supplies of fuel and fresh food to villages on the Kestrany side could run \
short within days. A regional trade association said its members were losing money every hour \
the border stayed shut and called on both capitals to send negotiators to a neutral venue.

The lake has been a source of friction since a treaty signed after the war left parts of the \
boundary undefined. Previous disputes were settled by a joint commission, which has not met for \
three years. Diplomats from neighbouring states said they had offered to host a meeting of the \
commission next month.
"""

SAME_TOPIC = """\
Fishermen on the Kestrany shore of the lake say the dispute with Veldoria has already cost them \
most of the spring season. At the harbour in Ost Hallem, boats sat idle on Friday while their \
owners waited for news of the court hearing that will decide the fate of the three seized \
trawlers and their crews.

"Every year there is some quarrel about the lake, but this time the border is closed too," said \
one owner, who has fished these waters for thirty years. Prices for fuel have risen since the \
crossings shut, and the village shop has rationed bread.

In the Veldorian capital, opposition politicians accused the government of reacting too harshly. \
They argued that closing the border to freight hurt traders on both sides and would not bring \
the crews home any sooner. The foreign ministry said the measure would be reviewed next week.

Analysts said the joint commission created by the post-war treaty was the obvious forum for a \
settlement, but that neither government appeared ready to make the first move.
"""


def syndicated_copy(text: str) -> str:
    """The same story as another outlet prints it: headline, byline, two edits, a footer."""
    body = text.replace("on Thursday that", "on Thursday it").replace("several kilometres", "many kilometres")
    return (
        "Border shut as lake row deepens\n\nBy Staff Reporter, Wire Desk\n\n"
        + body
        + "\n\nReporting by the wire desk; editing by the night team. Copyright 2024. All rights reserved.\n"
    )


def test_normalise_folds_case_and_drops_punctuation() -> None:
    words = normalise("“We WILL respond,” she said — twice.")
    assert words == ["we", "will", "respond", "she", "said", "twice"]


def test_shingles_are_five_word_runs() -> None:
    assert shingles("one two three four five six") == {"one two three four five", "two three four five six"}
    assert shingles("too short") == {"too short"}
    assert shingles("  ") == set()


def test_signature_is_fixed_size_bytes_and_stable() -> None:
    sig = signature(STORY)
    assert isinstance(sig, bytes) and len(sig) == NUM_PERM * 8
    assert signature(STORY) == sig  # the same text always gives the same stored value
    assert similarity(sig, sig) == 1.0


def test_a_syndicated_copy_is_similar_and_another_article_is_not() -> None:
    original, copy, other = signature(STORY), signature(syndicated_copy(STORY)), signature(SAME_TOPIC)
    assert similarity(original, copy) >= 0.8
    assert similarity(original, other) < 0.2


def test_index_finds_the_copy_and_not_the_article_on_the_same_topic() -> None:
    index = NearDuplicateIndex(items=[("original", signature(STORY)), ("other", signature(SAME_TOPIC))])
    assert len(index) == 2 and "original" in index
    hits = index.query(signature(syndicated_copy(STORY)))
    assert [doc_id for doc_id, _ in hits] == ["original"]
    assert hits[0][1] >= 0.8
    unrelated = "A new library opened in the old town hall, with a reading room for children and a cafe."
    assert index.query(signature(unrelated)) == []


def test_adding_an_id_twice_keeps_one_entry() -> None:
    index = NearDuplicateIndex()
    index.add("a", signature(STORY))
    index.add("a", signature(STORY))
    assert len(index) == 1
    assert index.query(signature(STORY)) == [("a", 1.0)]


def test_bad_signature_and_threshold_are_refused() -> None:
    with pytest.raises(ValueError, match="signature"):
        similarity(b"short", signature(STORY))
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(threshold=1.5)

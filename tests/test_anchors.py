"""An article's anchor proposal and the weak stances resolved to it (redline.store.anchors)."""

from __future__ import annotations

from builders import document, stance
from redline.store.anchors import article_anchor, article_top, resolved, weak_proposal

HEAD = "Quarra weighs sending air defence batteries to Zembia"
LEAD = "Quarra's cabinet met on Monday to discuss sending air defence batteries to Zembia."
LATER = "Velmora's envoy said her government was against dropping the old caps."
OTHER = "Separately, Velmora asked for a new fishing treaty with Quarra."
FILLER = "The talks lasted four hours."


def _doc():  # type: ignore[no-untyped-def]
    return document("a1", [LEAD, FILLER, OTHER, LATER], title=HEAD)


def test_the_top_is_the_title_and_the_first_sentences() -> None:
    doc = _doc()
    assert article_top(doc).startswith(HEAD + " " + LEAD)
    assert OTHER in article_top(doc) and LATER not in article_top(doc)  # three sentences after the title
    assert article_top(document("a2", ["Only one line."])) == "Only one line."


def test_a_stance_is_weak_when_it_names_nothing_or_no_class() -> None:
    doc = _doc()
    assert weak_proposal(stance(doc, LATER, actor="VLM", proposal="the plan", position="oppose", action="ARM"))
    assert weak_proposal(stance(doc, LATER, actor="VLM", proposal="dropping the old caps", position="oppose"))
    assert weak_proposal(stance(doc, LATER, actor="VLM", proposal="dropping the old caps", position="oppose",
                                action="OTHER"))
    assert not weak_proposal(stance(doc, LEAD, actor="QRR", proposal="sending air defence batteries to Zembia",
                                    position="open", action="ARM"))


def test_the_anchor_is_the_stance_the_top_is_about() -> None:
    doc = _doc()
    named = stance(doc, LEAD, actor="QRR", proposal="sending air defence batteries to Zembia", position="open",
                   action="ARM", targets=("ZMB",))
    treaty = stance(doc, OTHER, actor="VLM", proposal="a new fishing treaty", position="support", action="TALKS")
    weak = stance(doc, LATER, actor="VLM", proposal="dropping the old caps", position="oppose")
    assert article_anchor([weak, named, treaty], article_top(doc)) is named
    assert resolved([weak, named, treaty], doc) == [named, None, None]  # the treaty names its own move
    assert article_anchor([treaty, named], article_top(doc)) is treaty  # both all in the top: the first stated


def test_no_anchor_when_no_stance_is_what_the_top_is_about() -> None:
    doc = _doc()
    weak = stance(doc, LATER, actor="VLM", proposal="dropping the old caps", position="oppose")
    unrelated = stance(doc, LATER, actor="VLM", proposal="a visa waiver for students", position="support",
                       action="OTHER")
    assert article_anchor([weak, unrelated], "Harvest festival opens in the capital") is None
    assert resolved([weak, unrelated], document("a3", ["Harvest festival opens in the capital."])) == [None, None]


def test_a_generic_stance_is_never_the_anchor() -> None:
    doc = _doc()
    vague = stance(doc, LEAD, actor="QRR", proposal="the move", position="open", action="ARM")
    assert article_anchor([vague], "the move") is None

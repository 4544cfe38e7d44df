"""A small invented story carried by several outlets: the fixtures of the corroboration tests.

One red line (Ostravia against troops in Velmora) and one stance, reported by:

- a wire (reuters.com, B) and a syndicated copy of that wire story on an aggregator (news.yahoo.com):
  one independent source;
- two outlets of one owner (TASS by its ``source`` field, RT by its URL, both the Russian state):
  one independent source;
- a blog the source list does not know (F);
- and, for a second red line, a single document with no URL, source or attribution (unidentified).
"""

from __future__ import annotations

from datetime import date

from builders import document, redline, stance
from redline.models import Document, Extraction, RedLine, Stance

BODY = [
    "Ostravia's defence ministry warned on Thursday that any deployment of allied troops to Velmora "
    "would be treated as an act of war.",
    "The statement followed a week of talks between the two capitals about the disputed border.",
    "Deputy minister Lena Okoro said that sending allied soldiers to Velmora was out of the question.",
    "Diplomats said a new round of negotiations could open in the spring.",
    "The ministry did not say whether it had raised the matter with the alliance directly.",
]
WARNING, OPPOSE = BODY[0], BODY[2]
OTHER = [
    "Ostravia said it would close its airspace if the bloc imposes new sanctions on its airlines.",
    "Officials gave no date for the next meeting.",
]


def _line(d: Document) -> RedLine:
    return redline(d, WARNING, holder=("OST",), actors=("NATO",), action="DEPLOY", targets=("VEL",),
                   trigger="any deployment of allied troops to Velmora", consequence="an act of war",
                   certainty="medium", explicit=False)


def _stance(d: Document) -> Stance:
    return stance(d, OPPOSE, actor="OST", proposal="send allied soldiers to Velmora", position="oppose",
                  action="DEPLOY", targets=("VEL",))


def _reworded(i: int) -> list[str]:
    # Each outlet's own article: the two sentences that carry the claims, and its own other sentences.
    return [WARNING, f"Outlet {i} spoke to officials in the capital on the day of the warning.",
            OPPOSE, f"Outlet {i} said the talks had been tense for weeks and were likely to go on."]


def sourced_story() -> list[Extraction]:
    """Five documents of one red line and one stance, plus one unidentified document of another line."""
    day = date(2031, 5, 8)
    wire = document("wire", BODY, published=day, url="https://www.reuters.com/world/ostravia-warning")
    copy = document("wire-copy", [*BODY, "This story was syndicated from a wire service."], published=day,
                    url="https://news.yahoo.com/ostravia-warning")
    tass = document("tass", _reworded(1), published=day, source="TASS")
    rt = document("rt", _reworded(2), published=day, url="https://www.rt.com/news/ostravia")
    blog = document("blog", _reworded(3), published=day, url="https://blog.example.org/ostravia")
    bare = document("bare", OTHER, published=day)
    out = [Extraction(d, redlines=(_line(d),), stances=(_stance(d),)) for d in (wire, copy, tass, rt, blog)]
    sanction = redline(bare, OTHER[0], holder=("OST",), actors=("EU",), action="SANCTION", targets=("OST",),
                       trigger="the bloc imposes new sanctions on its airlines", response="COERCE",
                       consequence="close its airspace")
    out.append(Extraction(bare, redlines=(sanction,)))
    return out

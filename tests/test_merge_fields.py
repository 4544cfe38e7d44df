"""The field tests of merging, split out of merge: code sets, action classes, certainty, nearest vector."""

from __future__ import annotations

import numpy as np

from redline.store import merge, merge_fields
from redline.store.merge_fields import (
    actions_compatible,
    actors_overlap,
    codes_overlap,
    codes_set,
    codes_text,
    nearest,
    related_actions,
    specific_agreement,
    stronger_certainty,
)


def _groups(code: str) -> list[str]:
    return ["NATO"] if code in {"POL", "FRA"} else []


def test_a_member_overlaps_its_group_and_the_verdict_says_how() -> None:
    assert codes_overlap({"POL"}, {"NATO"}, _groups) == (True, "POL is in NATO")
    assert codes_overlap({"POL"}, {"NATO"}) == (False, "POL vs NATO")
    assert codes_overlap(set(), {"RUS"}) == (True, "one side unspecified")
    assert specific_agreement("POL is in NATO") and not specific_agreement("one side unspecified")


def test_anyone_meets_a_named_party_but_is_no_agreement_on_a_code() -> None:
    ok, how = actors_overlap({"ANY"}, {"ISR"})
    assert ok and how.endswith("(anyone)") and not specific_agreement(how)
    assert actors_overlap({"IRN"}, {"ISR"}) == (False, "IRN vs ISR")


def test_action_classes_vague_ones_are_compatible_with_any() -> None:
    assert actions_compatible("ATTACK", "OTHER")[0] and actions_compatible(None, "ARM")[0]
    assert actions_compatible("ATTACK", "SANCTION") == (False, "ATTACK vs SANCTION")
    assert related_actions("ARM", "ATTACK") and not related_actions("ARM", "DEPLOY")
    assert not related_actions(None, "ARM")


def test_codes_round_trip_and_certainty() -> None:
    assert codes_text(["UKR", "RUS", "UKR"]) == "RUS,UKR" and codes_set("RUS,UKR") == frozenset({"RUS", "UKR"})
    assert codes_set(None) == frozenset() and stronger_certainty("low", "high") == "high"


def test_nearest_vector_and_merge_still_exports_the_names() -> None:
    a, b = np.array([1.0, 0.0], dtype=np.float32), np.array([0.0, 1.0], dtype=np.float32)
    assert nearest(np.array([0.1, 0.9], dtype=np.float32), (a, None, b)) is b
    assert nearest(None, (None, a)) is a and nearest(a, ()) is None
    assert merge.codes_overlap is merge_fields.codes_overlap and merge.LineSignature is merge_fields.LineSignature

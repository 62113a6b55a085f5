"""Similar-text components a block at a time give what the whole n × n matrix gave."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from scipy.sparse.csgraph import connected_components

import consult.similar as S
from consult.findings.questionnaire import _components, _contained


@pytest.mark.parametrize("block", [1, 7, 50, S.BLOCK_CELLS])
def test_blocks_give_the_components_of_the_whole_matrix(monkeypatch, block):
    monkeypatch.setattr(S, "BLOCK_CELLS", block)
    rng = np.random.default_rng(block)
    for _ in range(40):
        n, m = int(rng.integers(1, 40)), int(rng.integers(1, 20))
        X = sparse.random(n, m, density=0.2, format="csr", random_state=int(rng.integers(1 << 30)))
        th = float(rng.uniform(0.05, 0.9))
        whole = connected_components(sparse.csr_matrix((X @ X.T) >= th), directed=False)[1]
        assert (S.similar_components(X, th) == whole).all()


def test_contained_links_each_long_text_to_the_texts_holding_it():
    texts = ["반도체인력양성방안", "반도체인력양성방안과정책", "짧은", "짧은질문", "정책반도체인력양성방안"]
    rows, cols = _contained(texts)
    want = {(i, j) for i, a in enumerate(texts) for j, b in enumerate(texts)
            if i != j and len(a) >= 10 and a in b}
    assert set(zip(rows, cols, strict=True)) == want


def test_many_questions_sharing_a_word_align_without_an_n_by_n_matrix(monkeypatch):
    """10,000 numbered questions ("질문 1" …) once made a dense 10,000² matrix (800 MB)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    monkeypatch.setattr(S, "BLOCK_CELLS", 100_000)  # blocks of 33 rows
    texts = [f"질문{i}" for i in range(3000)]
    comp = _components(texts, 0.5)
    X = TfidfVectorizer(analyzer="char", ngram_range=(2, 3)).fit_transform(texts)
    whole = connected_components(sparse.csr_matrix((X @ X.T) >= 0.5), directed=False)[1]
    assert (comp == whole).all()

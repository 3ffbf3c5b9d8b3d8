"""Reuters-21578 for `make eval-tagging`: the ModApte split, metrics, the plain baseline and the few-shot curve.

ModApte: training = lewissplit TRAIN with has_topics YES, test = TEST with has_topics YES; the categories are the
90 with at least one training and one test document; documents with none of them are left out (7,770 / 3,019)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "classification" / "reuters21578.jsonl"


@dataclass
class Split:
    train: list[dict]
    test: list[dict]
    categories: list[str]

    def matrix(self, docs: list[dict]) -> np.ndarray:
        index = {c: i for i, c in enumerate(self.categories)}
        Y = np.zeros((len(docs), len(self.categories)), dtype=int)
        for row, doc in enumerate(docs):
            for c in doc["labels"]:
                Y[row, index[c]] = 1
        return Y

    def top(self, n: int = 10) -> list[int]:
        counts = self.matrix(self.train).sum(0)
        return list(np.argsort(-counts, kind="stable")[:n])


def load(path: Path = DATA, limit: int | None = None) -> Split:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    train = [r for r in rows if r["lewissplit"] == "TRAIN" and r["has_topics"] == "YES"]
    test = [r for r in rows if r["lewissplit"] == "TEST" and r["has_topics"] == "YES"]
    cats = sorted({c for r in train for c in r["topics"]} & {c for r in test for c in r["topics"]})
    keep = set(cats)
    for r in train + test:
        r["labels"] = sorted(c for c in r["topics"] if c in keep)
    train, test = [r for r in train if r["labels"]], [r for r in test if r["labels"]]
    if limit:  # a quick run: a sample of both splits (figures not comparable)
        rng = random.Random(0)
        train, test = rng.sample(train, min(limit, len(train))), rng.sample(test, min(limit // 3, len(test)))
    return Split(train, test, cats)


def scores(split: Split, Y: np.ndarray, P: np.ndarray) -> dict:
    from sklearn.metrics import f1_score

    top = split.top()
    return {
        "micro": f1_score(Y, P, average="micro", zero_division=0),
        "macro": f1_score(Y, P, average="macro", zero_division=0),
        "top10": f1_score(Y[:, top], P[:, top], average="micro", zero_division=0),
    }


def text(doc: dict) -> str:
    return f"{doc['title']}\n{doc['body']}"


def baseline(split: Split, train: list[dict] | None = None) -> np.ndarray:
    """Plain TF-IDF (scikit-learn defaults) + one LinearSVC (defaults) per category, on title + body."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    train = train if train is not None else split.train
    vec = TfidfVectorizer()
    X, Xt = vec.fit_transform([text(d) for d in train]), vec.transform([text(d) for d in split.test])
    Y = split.matrix(train)
    P = np.zeros((len(split.test), len(split.categories)), dtype=int)
    for j in range(Y.shape[1]):
        if 0 < Y[:, j].sum() < len(train):
            P[:, j] = LinearSVC().fit(X, Y[:, j]).predict(Xt)
    return P


def few_shot_sample(split: Split, k: int, seed: int = 0) -> list[dict]:
    """At most k labeled training documents per category: for each category, k of its documents drawn at random;
    the union is labeled with all its categories (so frequent categories may get more than k)."""
    rng = random.Random(seed)
    chosen = {}
    for c in split.categories:
        having = [d for d in split.train if c in d["labels"]]
        for d in rng.sample(having, min(k, len(having))):
            chosen[d["id"]] = d
    return list(chosen.values())

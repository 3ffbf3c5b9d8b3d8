"""The classifier: one TF-IDF space for the library, one linear SVM per value (one-vs-rest) in each field.

`fit(docs, labels)` -> (LearnedModel | None, report). A value is learned when it has at least MIN_POSITIVES
labeled assets and at least one negative; the training rows of a value are the assets labeled in its field
(an asset with some tag is a negative for the tags it lacks; an untagged asset is simply not labeled yet)
plus the assets where the value was rejected (weighted REJECTED_WEIGHT). Thresholds come from stratified
cross-validation (thresholds.py); confidences are sigmoid(slope * (score - threshold))."""

from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from . import thresholds as th
from .corpus import Doc, Labels
from .features import TITLE_WEIGHT, text_of, vectorizer

MIN_POSITIVES = 3
REJECTED_WEIGHT = 3.0
C = 1.0
FOLDS = 5
PRUNE = 1e-3  # coefficients smaller than this are dropped (smaller model files, same scores to ~1e-3)


@dataclass
class FieldModel:
    values: list[str]
    coef: sparse.csr_matrix  # values x features
    intercept: np.ndarray
    thresholds: np.ndarray
    slope: float

    def margins(self, X) -> np.ndarray:
        scores = np.asarray((X @ self.coef.T).todense()) + self.intercept
        return scores - self.thresholds


@dataclass
class LearnedModel:
    vectorizer: object
    terms: np.ndarray
    fields: dict[str, FieldModel]
    title_weight: int = TITLE_WEIGHT

    def transform(self, docs: list[Doc]):
        return self.vectorizer.transform([text_of(d, self.title_weight) for d in docs])


def _svm(X, y, weights):
    return LinearSVC(C=C, max_iter=5000).fit(X, y, sample_weight=weights)


def _cv_scores(X, y, weights) -> np.ndarray | None:
    folds = min(FOLDS, int(y.sum()), int((y == 0).sum()))
    if folds < 2:
        return None
    scores = np.zeros(len(y))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(X, y):
        if y[train].min() == y[train].max():
            return None
        scores[test] = _svm(X[train], y[train], weights[train]).decision_function(X[test])
    return scores


def _fit_field(X, row_of: dict[int, int], positives: dict[int, set[str]], negatives: dict[int, set[str]], report: dict):
    labeled = sorted(positives)
    X_labeled = X[[row_of[a] for a in labeled]]
    counts = Counter(v for values in positives.values() for v in values)
    rejected_by_value: dict[str, list[int]] = {}
    for asset_id, values in negatives.items():
        for value in values:
            rejected_by_value.setdefault(value, []).append(asset_id)
    kept, fitted, cases = [], [], []
    for value in sorted(set(counts) | set(rejected_by_value)):
        if counts[value] < MIN_POSITIVES:
            report["skipped"][value] = f"{counts[value]} labeled asset(s), needs {MIN_POSITIVES}"
            continue
        extra = [a for a in rejected_by_value.get(value, []) if a not in positives]
        ids = labeled + extra
        y = np.array([1 if value in positives.get(a, ()) else 0 for a in ids])
        if y.min() == 1:
            report["skipped"][value] = "every labeled asset has it (no negative example)"
            continue
        weights = np.array([REJECTED_WEIGHT if value in negatives.get(a, ()) else 1.0 for a in ids])
        Xv = X_labeled if not extra else X[[row_of[a] for a in ids]]
        cv = _cv_scores(Xv, y, weights)
        if cv is not None:
            cases.append((cv, y, np.array(ids)))
        svm = _svm(Xv, y, weights)
        coef = svm.coef_[0].astype(np.float32)
        coef[np.abs(coef) < PRUNE] = 0.0
        kept.append(value)
        fitted.append((sparse.csr_matrix(coef), float(svm.intercept_[0]), cv, y))
        report["values"][value] = counts[value]
    if not kept:
        return None, None
    shrink = th.choose_shrink(cases)
    cuts, margins, outcomes = [], [], []
    for _, _, cv, y in fitted:
        cut = th.scut(cv, y, shrink) if cv is not None else 0.0
        cuts.append(cut)
        if cv is not None:
            margins.append(cv - cut)
            outcomes.append(y)
    slope = th.slope(np.concatenate(margins), np.concatenate(outcomes)) if margins else 4.0
    model = FieldModel(
        kept, sparse.vstack([f[0] for f in fitted]).tocsr(), np.array([f[1] for f in fitted]), np.array(cuts), slope
    )
    metrics = {**(_cv_metrics(margins, outcomes) if margins else {}), "shrink": shrink, "slope": round(slope, 3)}
    return model, metrics


def _cv_metrics(margins, outcomes) -> dict:
    tp = fp = fn = 0
    f1s = []
    for m, y in zip(margins, outcomes):
        p = m > 0
        a, b, c = int((p & (y == 1)).sum()), int((p & (y == 0)).sum()), int((~p & (y == 1)).sum())
        tp, fp, fn = tp + a, fp + b, fn + c
        f1s.append(2 * a / (2 * a + b + c) if a + b + c else 0.0)
    micro = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return {"cv_micro_f1": round(micro, 4), "cv_macro_f1": round(float(np.mean(f1s)), 4), "cv_values": len(f1s)}


def fit(docs: dict[int, Doc], labels: Labels) -> tuple[LearnedModel | None, dict]:
    ids = sorted(a for a in labels.asset_ids if a in docs)
    report = {"asset_count": len(ids), "fields": {}, "metrics": {}}
    if not ids:
        return None, report
    vec = vectorizer(len(ids))
    X = vec.fit_transform([text_of(docs[a]) for a in ids]).tocsr()
    row_of = {a: i for i, a in enumerate(ids)}
    fields = {}
    for field_key in sorted(set(labels.positives) | set(labels.negatives)):
        positives = {a: v for a, v in labels.positives.get(field_key, {}).items() if a in row_of}
        negatives = {a: v for a, v in labels.negatives.get(field_key, {}).items() if a in row_of}
        info = {"assets": len(positives), "values": {}, "skipped": {}}
        model, metrics = _fit_field(X, row_of, positives, negatives, info)
        report["fields"][field_key] = info
        if model is not None:
            fields[field_key] = model
            report["metrics"][field_key] = metrics
    if not fields:
        return None, report
    return LearnedModel(vec, vec.get_feature_names_out(), fields), report

"""Per-value decision thresholds (SCut) from cross-validated scores, and the confidence slope.

SCut picks, for each value, the score threshold with the best F1 on cross-validated scores of the training
labels. With few positives that optimum is noisy and usually too permissive, so it is shrunk towards the
classifier's own boundary (0): t = t_scut * n / (n + m), n = positives. `choose_shrink` picks m per field from
SHRINKS on the training labels only: thresholds tuned on one half of the assets (by id parity), micro-F1 +
macro-F1 measured on the other half, both ways."""

import numpy as np

GRID = np.round(np.arange(-1.0, 0.801, 0.05), 2)
SHRINKS = (1.0, 2.0, 3.0, 5.0, 10.0)  # 0 (plain SCut) overfits values with one or two positives
DEFAULT_SHRINK = 2.0
MIN_ASSETS_TO_CHOOSE = 20


def scut(scores: np.ndarray, y: np.ndarray, shrink: float = DEFAULT_SHRINK) -> float:
    """The threshold of best F1 for one value (0 when no threshold finds a single positive)."""
    positives = int(y.sum())
    if positives == 0:
        return 0.0
    best_f1, best_t = 0.0, 0.0
    for t in GRID:
        predicted = scores > t
        tp = int((predicted & (y == 1)).sum())
        f1 = 2 * tp / (int(predicted.sum()) + positives)
        if f1 > best_f1 + 1e-9:
            best_f1, best_t = f1, float(t)
    return best_t * positives / (positives + shrink)


def _f1s(cases, shrink: float, tune, test) -> tuple[float, float]:
    tp = fp = fn = 0
    f1s = []
    for scores, y, ids in cases:
        a, b = tune(ids), test(ids)
        if not y[b].any() and not y[a].any():
            continue
        cut = scut(scores[a], y[a], shrink)
        p = scores[b] > cut
        t_p, f_p, f_n = int((p & (y[b] == 1)).sum()), int((p & (y[b] == 0)).sum()), int((~p & (y[b] == 1)).sum())
        tp, fp, fn = tp + t_p, fp + f_p, fn + f_n
        f1s.append(2 * t_p / (2 * t_p + f_p + f_n) if t_p + f_p + f_n else 0.0)
    micro = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return micro, float(np.mean(f1s)) if f1s else 0.0


def choose_shrink(cases: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> float:
    """`cases`: per value (cross-validated scores, labels, asset ids). Best m by split-half micro+macro F1."""
    assets = set()
    for _, _, ids in cases:
        assets.update(ids.tolist())
    if len(cases) < 2 or len(assets) < MIN_ASSETS_TO_CHOOSE:
        return DEFAULT_SHRINK
    even, odd = (lambda ids: ids % 2 == 0), (lambda ids: ids % 2 == 1)
    best, best_score = DEFAULT_SHRINK, -1.0
    for shrink in SHRINKS:
        score = sum(sum(_f1s(cases, shrink, a, b)) for a, b in ((even, odd), (odd, even)))
        if score > best_score + 1e-9:
            best, best_score = shrink, score
    return best


def slope(margins: np.ndarray, y: np.ndarray) -> float:
    """a in confidence = sigmoid(a * (score - threshold)), fitted by logistic regression without intercept on the
    pooled cross-validated margins (so 0.5 stays at each value's threshold)."""
    if len(margins) < 10 or y.min() == y.max():
        return 4.0
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(fit_intercept=False, C=10.0).fit(margins.reshape(-1, 1), y)
    return float(np.clip(fit.coef_[0, 0], 1.0, 20.0))


def confidence(margin: np.ndarray, a: float) -> np.ndarray:
    return np.clip(1.0 / (1.0 + np.exp(-a * margin)), 0.0, 0.999)

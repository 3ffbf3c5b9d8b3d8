"""Per-value decision thresholds (SCut) from cross-validated scores, and the confidence slope.

SCut picks, for each value, the score threshold with the best F1 on cross-validated scores of the training
labels. With few positives that optimum is noisy and usually too permissive, so it is shrunk towards the
classifier's own boundary (0): t = t_scut * n / (n + SHRINK), n = positives. Measured on Reuters-21578 (training
split, 5-fold): this beats both plain 0 and plain SCut on micro- and macro-F1."""

import numpy as np

GRID = np.round(np.arange(-1.0, 0.801, 0.05), 2)
SHRINK = 5.0


def scut(scores: np.ndarray, y: np.ndarray) -> float:
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
    return best_t * positives / (positives + SHRINK)


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

"""`predict(assets)`: learned predictions for assets, with confidence and evidence. No permission check here:
callers (categorize.services) decide who sees what; this only reads the assets it is given."""

import numpy as np

from . import corpus, store
from .evidence import explain
from .types import Prediction

MIN_CONFIDENCE = 0.05  # below this nothing is returned (the fields' suggest thresholds are far above)
MAX_PER_FIELD = 10


def _ids(assets) -> list[int]:
    return [getattr(a, "pk", a) for a in assets]


def predict(assets) -> dict[int, list[Prediction]]:
    """{asset_id: [Prediction]} (strongest first in each field) for assets or asset ids; {} with no model.
    Values already on an asset are not predicted for it."""
    ids = _ids(assets)
    model = store.current() if ids else None
    if model is None:
        return {}
    docs = corpus.documents(ids)
    order = [a for a in ids if a in docs]
    if not order:
        return {}
    X = model.transform([docs[a] for a in order]).tocsr()
    have = corpus.assigned(order)
    out: dict[int, list[Prediction]] = {a: [] for a in order}
    for field_key, fm in model.fields.items():
        confidence = _confidence(fm, X)
        coefs: dict[int, np.ndarray] = {}
        for i, asset_id in enumerate(order):
            ranked = [j for j in np.argsort(-confidence[i]) if confidence[i, j] >= MIN_CONFIDENCE]
            ranked = [j for j in ranked if (field_key, fm.values[j]) not in have.get(asset_id, ())][:MAX_PER_FIELD]
            for j in ranked:
                if j not in coefs:
                    coefs[j] = fm.coef[j].toarray()[0]
                evidence, page = explain(X[i], coefs[j], model.terms, docs[asset_id])
                out[asset_id].append(
                    Prediction(
                        field_key,
                        fm.values[j],
                        round(float(confidence[i, j]), 4),
                        [e.as_dict() for e in evidence],
                        page,
                    )
                )
    return {a: p for a, p in out.items() if p}


def _confidence(fm, X) -> np.ndarray:
    from .thresholds import confidence

    return confidence(fm.margins(X), fm.slope)

"""The learned part of categorization (issue 4 §2): a multi-label classifier per facet field and for tags,
trained from the library's own assets and labels; predictions carry a confidence and their evidence.

    predict(assets) -> {asset_id: [Prediction]}   ({} before any training)
    train() -> TrainingRun                          (usually via tasks.train_task, queued by the periodic job)
    status() -> dict                                (GET /api/v1/taxonomy/training)
    mark_dirty()                                    (labels changed: retrain after the debounce)

Modules: corpus (texts and labels from the database), features (TF-IDF), model (one linear SVM per value),
thresholds (SCut + confidence slope), evidence, store (model files in default_storage, per-process cache),
inference (predict), trainer, dirty (debounce), hooks (signals and the periodic job), tasks, report (status)."""

from .types import Prediction  # noqa: F401


def predict(assets):
    from .inference import predict as run

    return run(assets)


def train():
    from .trainer import train as run

    return run()


def status() -> dict:
    from .report import status as run

    return run()


def mark_dirty(now=None) -> None:
    from .dirty import mark_dirty as run

    run(now)

"""Background tasks of the learned part: training (low priority, after ingest, previews and indexing) and the
periodic check that queues it."""

from django_tasks import task

TRAIN_PRIORITY = -30


@task(priority=TRAIN_PRIORITY)
def train_task() -> int:
    from .trainer import train

    return train().pk


@task()
def retrain_if_due_task() -> bool:
    from .dirty import retrain_if_due

    return retrain_if_due()

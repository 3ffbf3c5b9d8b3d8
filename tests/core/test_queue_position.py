"""quiver.core.queue_selectors against django-tasks' real database backend: the place of a task in its queue
("queued behind N") follows the worker's order, and each queue's depth is counted apart."""

import pytest
from django_tasks_db.models import DBTaskResult

from quiver.core.queue_selectors import position, queue_depths
from quiver.ingest.tasks import process_version, render_previews
from quiver.search.tasks import update_index

PATH = "quiver.ingest.tasks.process_version"
DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["ingest", "previews", "index", "default"]}
}


@pytest.fixture
def db_tasks(settings, db):
    settings.TASKS = DB_TASKS


def _result(version_id: int) -> DBTaskResult:
    return DBTaskResult.objects.get(task_path=PATH, args_kwargs__args__0=version_id)


def test_position_counts_the_ready_tasks_of_its_queue_the_worker_takes_first(db_tasks):
    for version_id in (101, 102, 103):
        process_version.enqueue(version_id)
    render_previews.enqueue(101)  # other queues do not hold an upload back
    update_index.enqueue([1, 2])
    assert _result(101).queue_name == "ingest"
    assert [position(PATH, v) for v in (101, 102, 103)] == [
        {"state": "queued", "ahead": n, "queue": "ingest"} for n in (0, 1, 2)
    ]
    process_version.using(priority=5).enqueue(104)  # enqueued last, taken first
    assert position(PATH, 104)["ahead"] == 0
    assert position(PATH, 101)["ahead"] == 1 and position(PATH, 103)["ahead"] == 3

    DBTaskResult.objects.filter(pk=_result(101).pk).update(status="RUNNING")
    assert position(PATH, 101) == {"state": "running", "queue": "ingest"}
    assert position(PATH, 102)["ahead"] == 1  # only 104 still waits before it
    DBTaskResult.objects.filter(pk=_result(101).pk).update(status="SUCCESSFUL")
    assert position(PATH, 101) is None
    assert position(PATH, 999) is None


def test_queue_depths_per_queue(db_tasks):
    for version_id in (1, 2, 3):
        process_version.enqueue(version_id)
    render_previews.enqueue(1)
    update_index.enqueue([1])
    DBTaskResult.objects.filter(pk=_result(1).pk).update(status="RUNNING")
    depths = queue_depths()
    assert {name: (d["waiting"], d["running"]) for name, d in depths.items()} == {
        "ingest": (2, 1),
        "previews": (1, 0),
        "index": (1, 0),
        "default": (0, 0),
    }
    assert depths["ingest"]["oldest_wait_seconds"] >= 0


def test_no_table_without_the_database_backend(db):
    assert position(PATH, 5) is None
    assert queue_depths()["ingest"] == {"waiting": 0, "running": 0, "oldest_wait_seconds": 0.0}

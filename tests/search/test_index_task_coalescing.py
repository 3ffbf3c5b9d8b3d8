"""Index updates coalesce on the index queue (django-tasks' real database backend): while an update_index task
waits, changes only join the pending set it drains; once it has started, the next change enqueues a new one."""

from django_tasks_db.models import DBTaskResult

from quiver.search import indexing
from quiver.search.models import PendingIndex
from tests.core.test_queue_position import DB_TASKS

PATH = "quiver.search.tasks.update_index"


def _index_tasks(status="READY"):
    return DBTaskResult.objects.filter(task_path=PATH, status=status)


def _change(capture, asset_id):
    with capture(execute=True):  # flushed at commit, as after a request
        indexing.schedule([asset_id])


def test_a_waiting_index_task_takes_later_changes(settings, db, django_capture_on_commit_callbacks):
    settings.TASKS = DB_TASKS
    for asset_id in (1, 2, 3):
        _change(django_capture_on_commit_callbacks, asset_id)
    assert _index_tasks().count() == 1
    assert _index_tasks().get().queue_name == "index"
    assert set(PendingIndex.objects.values_list("asset_id", flat=True)) == {1, 2, 3}


def test_once_it_runs_a_new_change_gets_a_new_task(settings, db, django_capture_on_commit_callbacks):
    settings.TASKS = DB_TASKS
    _change(django_capture_on_commit_callbacks, 1)
    _index_tasks().update(status="RUNNING")
    indexing.take_pending()  # the running task took asset 1
    _change(django_capture_on_commit_callbacks, 2)
    assert _index_tasks().count() == 1 and _index_tasks("RUNNING").count() == 1


def test_no_second_task_while_one_waits_even_with_the_pending_set_drained(
    settings, db, django_capture_on_commit_callbacks
):
    """Under sustained uploads the index lane drains the pending set at once while later tasks still wait: each
    change used to add one more task that would find nothing (172 queued in a bench run)."""
    settings.TASKS = DB_TASKS
    _change(django_capture_on_commit_callbacks, 1)
    indexing.take_pending()  # an earlier, running task took it; the task enqueued for it still waits
    _change(django_capture_on_commit_callbacks, 2)
    assert _index_tasks().count() == 1
    assert list(PendingIndex.objects.values_list("asset_id", flat=True)) == [2]  # the waiting task will take it

"""What one API upload costs (a small real PDF, two tags, one collection, by a token-authenticated editor, on a
fresh library): SQL statements in the request, callbacks left for commit, statements once it commits, tasks.

Before explicit events (model signals did facet sync and smart-collection refiling on every save, in the request):
52 statements in the request + 7 after commit = 59, 7 on-commit callbacks, 3 tasks (process_version,
flag_exact_task, update_index).
After (services publish AssetCreated; its listeners run after commit, one batch in one transaction, no savepoint
per listener, each asset synced once): 37 in the request (36, +1 since the upload checks and processing leases
merged) + 16 after commit = 53, 2 on-commit callbacks (the
events' delivery, the processing task), the same 3 tasks. Of the 16: the delivery's transaction (1 BEGIN/SAVEPOINT),
automatic facets (5), smart collections (2), the index queue (2), marking the classifier's labels changed (the
uploader's tags: 1 UPDATE, +4 creating its state row on a fresh library)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks.signals import task_enqueued

from .conftest import upload


@pytest.fixture
def enqueued():
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(record, dispatch_uid="test_upload_cost")
    yield names
    task_enqueued.disconnect(dispatch_uid="test_upload_cost")


def test_api_upload_costs_few_statements_and_three_tasks(
    as_editor, root, pdf, enqueued, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}}  # count only
    with CaptureQueriesContext(connection) as request_queries:
        with django_capture_on_commit_callbacks() as callbacks:
            response = upload(
                as_editor, pdf, "Acme overview.pdf", title="Acme overview", collection=[root.pk], tags=["cloud", "acme"]
            )
    assert response.status_code == 201, response.content
    with CaptureQueriesContext(connection) as after_commit:
        with django_capture_on_commit_callbacks(execute=True):
            for callback in callbacks:
                callback()
    print(
        f"\nrequest statements={len(request_queries)} on-commit callbacks={len(callbacks)} "
        f"after-commit statements={len(after_commit)} tasks={sorted(enqueued)}"
    )
    assert len(request_queries) <= 37
    assert len(callbacks) <= 2
    assert sorted(enqueued) == ["flag_exact_task", "process_version", "update_index"]
    assert len(after_commit) <= 16
    assert len(request_queries) + len(after_commit) <= 53  # 59 before

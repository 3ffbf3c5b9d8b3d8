"""Bulk runs whose worker stopped: heartbeat, the periodic sweep that resumes them after their cursor (nothing
repeated, nothing counted twice), giving up after QUIVER_BULK_MAX_RESUMES, one resumption per stale run.

Fixed clock: heartbeats are set to T0 and the sweep is called with `now` relative to it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from quiver.categorize import bulk, engine, recovery, services
from quiver.categorize.models import BulkRun, Suggestion
from quiver.core import periodic

from .conftest import rule

T0 = datetime(2031, 3, 4, 9, 0, tzinfo=UTC)
STALE = 300


class WorkerDied(BaseException):
    """What a killed worker looks like from the run's side: no exception handler of the task runs."""


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.QUIVER_BULK_STALE_SECONDS = STALE
    settings.QUIVER_BULK_MAX_RESUMES = 3


@pytest.fixture
def banking_assets(ingest):
    rule("tags", "banking", "any", "banking")
    return [ingest([f"page of asset {i}", "retail banking"], title=f"Asset {i}") for i in range(4)]


@pytest.fixture
def crash(monkeypatch):
    """`crash.on = asset_id`: the worker dies after categorizing that asset, before its progress commits.
    `crash.calls` lists the assets categorized (in order), crash or not."""
    real = engine.categorize_asset

    class Crash:
        on = None
        calls: list = []

    def categorize(asset, **kw):
        made = real(asset, **kw)
        Crash.calls.append(asset.pk)
        if asset.pk == Crash.on:
            raise WorkerDied
        return made

    monkeypatch.setattr(engine, "categorize_asset", categorize)
    return Crash


def _resumes(callbacks):
    """The sweep's on-commit callbacks (running a run also indexes its assets on commit)."""
    return [cb for cb in callbacks if getattr(cb, "__module__", "") == "quiver.categorize.recovery"]


def _stale_since(run, when=T0):
    BulkRun.objects.filter(pk=run.pk).update(heartbeat_at=when)


def _started(editor, capture) -> BulkRun:
    with capture(execute=False) as callbacks:
        run = services.apply_rules_bulk(editor)
    assert len(callbacks) == 1 and run.attempts == 1 and run.heartbeat_at
    callbacks[0]()  # the worker picks it up (the immediate backend records a crash as a failed task)
    run.refresh_from_db()
    return run


def test_a_run_whose_worker_died_is_resumed_after_its_cursor_without_double_counting(
    banking_assets, editor, crash, django_capture_on_commit_callbacks
):
    crash.on = banking_assets[2].pk
    run = _started(editor, django_capture_on_commit_callbacks)
    # Died inside the third asset: its work rolled back with its progress; two assets counted.
    assert (run.status, run.done, run.applied, run.cursor, run.attempts) == ("running", 2, 2, banking_assets[1].pk, 1)
    assert not banking_assets[2].tags.exists()
    assert Suggestion.objects.count() == 2
    _stale_since(run)

    crash.on, crash.calls[:] = None, []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert recovery.resume_stale_runs(now=T0 + timedelta(seconds=STALE + 1)) == [run.pk]
    assert len(_resumes(callbacks)) == 1
    run.refresh_from_db()
    assert crash.calls == [a.pk for a in banking_assets[2:]]  # the first two were not repeated
    assert (run.status, run.done, run.total, run.applied, run.suggested) == ("done", 4, 4, 4, 0)
    assert run.attempts == 2 and run.resumed == 1 and run.error == "" and run.finished_at
    assert all(a.tags.filter(name="banking").count() == 1 for a in banking_assets)
    assert Suggestion.objects.count() == 4


def test_a_fresh_heartbeat_is_left_alone(banking_assets, editor, crash, django_capture_on_commit_callbacks):
    crash.on = banking_assets[0].pk
    run = _started(editor, django_capture_on_commit_callbacks)
    _stale_since(run)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert recovery.resume_stale_runs(now=T0 + timedelta(seconds=STALE)) == []  # exactly at the limit
        assert recovery.resume_stale_runs(now=T0 + timedelta(seconds=1)) == []
    assert callbacks == []
    run.refresh_from_db()
    assert (run.status, run.attempts, run.heartbeat_at) == ("running", 1, T0)


def test_finished_runs_are_never_resumed(banking_assets, editor, django_capture_on_commit_callbacks):
    run = _started(editor, django_capture_on_commit_callbacks)
    assert run.status == "done"
    _stale_since(run)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert recovery.resume_stale_runs(now=T0 + timedelta(days=1)) == []
    assert callbacks == []


def test_a_queued_run_whose_task_was_lost_is_run(banking_assets, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run = services.apply_rules_bulk(editor)  # its task is never run
    _stale_since(run)
    with django_capture_on_commit_callbacks(execute=True):
        assert recovery.resume_stale_runs(now=T0 + timedelta(seconds=STALE - 1)) == []
        assert recovery.resume_stale_runs(now=T0 + timedelta(seconds=STALE + 1)) == [run.pk]
    run.refresh_from_db()
    assert (run.status, run.done, run.applied, run.attempts) == ("done", 4, 4, 1)


def test_a_queued_run_waiting_behind_a_busy_queue_never_uses_up_its_resumptions(
    banking_assets, editor, crash, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as first:
        run = services.apply_rules_bulk(editor)  # its task waits behind an import's ingest tasks
    waiting = list(first)
    for hour in range(1, 8):  # far more sweeps than QUIVER_BULK_MAX_RESUMES
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert recovery.resume_stale_runs(now=T0.replace(year=2032) + timedelta(hours=hour)) == [run.pk]
        waiting += _resumes(callbacks)
    run.refresh_from_db()
    assert (run.status, run.attempts, run.error) == ("queued", 1, "")
    for task in waiting:  # the queue drains: the first task runs it, the duplicates claim nothing
        task()
    run.refresh_from_db()
    assert (run.status, run.done, run.applied, run.attempts) == ("done", 4, 4, 1)
    assert crash.calls == [a.pk for a in banking_assets]


def test_gives_up_after_the_bounded_number_of_resumptions(
    banking_assets, editor, crash, django_capture_on_commit_callbacks
):
    crash.on = banking_assets[1].pk  # every attempt dies on the second asset
    run = _started(editor, django_capture_on_commit_callbacks)
    for hour in (1, 2, 3):
        with django_capture_on_commit_callbacks(execute=True):
            assert recovery.resume_stale_runs(now=T0.replace(year=2032) + timedelta(hours=hour)) == [run.pk]
        run.refresh_from_db()
        assert (run.status, run.attempts, run.done) == ("running", 1 + hour, 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert recovery.resume_stale_runs(now=T0.replace(year=2032) + timedelta(hours=4)) == []
    assert callbacks == []
    run.refresh_from_db()
    assert run.status == "failed" and run.finished_at
    assert run.error == "The worker stopped 4 times (resumed 3 times); gave up at 1 of 4 assets."
    assert crash.calls == [banking_assets[0].pk] + [banking_assets[1].pk] * 4
    assert (run.done, run.applied) == (1, 1) and Suggestion.objects.count() == 1


def test_two_sweeps_never_enqueue_the_same_run_twice(banking_assets, editor, crash, django_capture_on_commit_callbacks):
    crash.on = banking_assets[0].pk
    run = _started(editor, django_capture_on_commit_callbacks)
    _stale_since(run)
    now = T0 + timedelta(seconds=STALE + 1)
    seen_by_both = list(recovery.stale_runs(now))  # two sweepers read the same stale row...
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cutoff = now - recovery.stale_after()
        assert [recovery._resume_one(r, cutoff, now) for r in seen_by_both * 2] == [True, False]
        assert recovery.resume_stale_runs(now=now) == []  # ...and a later sweep sees a fresh heartbeat
    assert len(callbacks) == 1
    run.refresh_from_db()
    assert (run.status, run.attempts, run.heartbeat_at) == ("queued", 2, now)


def test_a_superseded_worker_stops_and_an_old_task_does_nothing(
    banking_assets, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        run = services.apply_rules_bulk(editor)
    first = bulk._claim(run.pk, 1)
    bulk._step(first, banking_assets[0].pk, None, False)
    _stale_since(run)  # the first worker seems gone (one slow asset, a paused VM...)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert recovery.resume_stale_runs(now=T0 + timedelta(seconds=STALE + 1)) == [run.pk]
    with pytest.raises(bulk.Superseded):  # ...but comes back: its asset rolls back with its progress
        bulk._step(first, banking_assets[1].pk, None, False)
    assert not banking_assets[1].tags.exists()
    assert bulk.run_bulk(run.pk, 1) == "missing"  # a duplicate of the first task
    callbacks[0]()
    run.refresh_from_db()
    assert (run.status, run.done, run.applied, run.attempts) == ("done", 4, 4, 2)
    assert Suggestion.objects.count() == 4


def test_the_page_and_the_api_show_a_resumed_run(
    banking_assets, editor, crash, api, django_capture_on_commit_callbacks
):
    crash.on = banking_assets[3].pk
    run = _started(editor, django_capture_on_commit_callbacks)
    _stale_since(run)
    crash.on = None
    with django_capture_on_commit_callbacks(execute=True):
        recovery.resume_stale_runs(now=T0 + timedelta(seconds=STALE + 1))
    body = api(editor).get(f"/api/v1/taxonomy/runs/{run.pk}").json()
    assert (body["status"], body["done"], body["applied"], body["attempts"]) == ("done", 4, 4, 2)
    assert body["heartbeat_at"] and body["started_at"]
    client = Client()
    client.force_login(editor)
    page = client.get(f"/categorize/runs/{run.pk}/").content.decode()
    assert "resumed 1 time where it left off (attempt 2)" in page
    assert "resumed 1×" in client.get("/categorize/rules/").content.decode()


def test_the_sweep_is_a_registered_periodic_job():
    job = {j.name: j for j in periodic.jobs()}["categorize.bulk_recovery"]
    assert job.every <= timedelta(minutes=1) and job.task.name == "resume_stale_runs_task"

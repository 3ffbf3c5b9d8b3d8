"""What waits in the task queues (django-tasks' database backend): per-queue depth, and how many tasks run before
a given one ("queued behind N" on the upload and asset pages). Other backends keep no table here: None / empty."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone

READY, RUNNING = "READY", "RUNNING"


def _tasks():
    """The task table's manager, or None when the tasks do not go through the database backend."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects


def queue_depths(now: datetime | None = None) -> dict[str, dict]:
    """{queue: {"waiting": n, "running": n, "oldest_wait_seconds": s}} for every configured queue."""
    names = settings.TASKS["default"].get("QUEUES") or ["default"]
    depths = {name: {"waiting": 0, "running": 0, "oldest_wait_seconds": 0.0} for name in names}
    tasks = _tasks()
    if tasks is None:
        return depths
    now = now or timezone.now()
    rows = (
        tasks.filter(status__in=[READY, RUNNING])
        .values("queue_name", "status")
        .annotate(n=Count("id"), oldest=Min("enqueued_at"))
    )
    for row in rows:
        entry = depths.setdefault(row["queue_name"], {"waiting": 0, "running": 0, "oldest_wait_seconds": 0.0})
        if row["status"] == READY:
            entry["waiting"] = row["n"]
            entry["oldest_wait_seconds"] = round(max(0.0, (now - row["oldest"]).total_seconds()), 1)
        else:
            entry["running"] = row["n"]
    return depths


def position(task_path: str, first_arg: int) -> dict | None:
    """Where the newest unfinished task `task_path(first_arg, ...)` stands: {"state": "running"} or
    {"state": "queued", "ahead": n, "queue": name} with n the ready tasks of its queue a worker takes before it
    (the worker's order: priority, then run_after, then enqueue time). None when there is none."""
    tasks = _tasks()
    if tasks is None:
        return None
    row = (
        tasks.filter(task_path=task_path, status__in=[READY, RUNNING], args_kwargs__args__0=first_arg)
        .order_by("-enqueued_at")
        .only("status", "priority", "run_after", "enqueued_at", "queue_name")
        .first()
    )
    if row is None:
        return None
    if row.status == RUNNING:
        return {"state": "running", "queue": row.queue_name}
    p, r, e = row.priority, row.run_after, row.enqueued_at
    ahead = (
        tasks.ready()
        .filter(queue_name=row.queue_name)
        .filter(Q(priority__gt=p) | Q(priority=p, run_after__lt=r) | Q(priority=p, run_after=r, enqueued_at__lt=e))
        .count()
    )
    return {"state": "queued", "ahead": ahead, "queue": row.queue_name}


def waiting(task_path: str) -> bool | None:
    """Whether a task `task_path` waits, not yet started (None: not the database backend, unknown)."""
    tasks = _tasks()
    if tasks is None:
        return None
    return tasks.filter(task_path=task_path, status=READY).exists()

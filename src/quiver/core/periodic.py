"""Periodic jobs, for a task queue without a scheduler (django-tasks has none).

An app registers a task and how often it runs, from its AppConfig.ready():

    from quiver.core.periodic import register
    register("lifecycle.publish_due", publish_due_task, every=timedelta(minutes=1))

Every `quiver worker` runs a small thread calling `run_due()` every few seconds: each due job is claimed by a
conditional UPDATE on its `PeriodicRun` row (only one worker wins) and its task is enqueued with no arguments.
Tests call `run_due(now=...)` directly with a fixed clock.
"""

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task: object  # a django-tasks Task, enqueued without arguments
    every: timedelta


_jobs: dict[str, Job] = {}


def register(name: str, task, every: timedelta) -> None:
    _jobs[name] = Job(name, task, every)


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda j: j.name)


def run_due(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose interval has passed; returns the names enqueued."""
    from .models import PeriodicRun

    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        PeriodicRun.objects.get_or_create(name=job.name)
        with transaction.atomic():
            claimed = (
                PeriodicRun.objects.filter(name=job.name)
                .filter(Q(last_enqueued_at__isnull=True) | Q(last_enqueued_at__lte=now - job.every))
                .update(last_enqueued_at=now)
            )
            if claimed:
                job.task.enqueue()
                enqueued.append(job.name)
    return enqueued


def start_thread(interval: float = 15.0) -> threading.Thread:
    """Run `run_due` every `interval` seconds in a daemon thread (the worker process)."""

    def loop():
        stop = threading.Event()
        while not stop.wait(interval):
            try:
                close_old_connections()
                run_due()
            except Exception:  # a broken job must not stop the others, nor the worker
                log.exception("periodic jobs failed")
            finally:
                close_old_connections()

    thread = threading.Thread(target=loop, name="quiver-periodic", daemon=True)
    thread.start()
    return thread

"""`status()`: what GET /api/v1/taxonomy/training returns."""

from ..models.training import TrainingRun, TrainingStatus
from . import dirty


def _iso(value):
    return value.isoformat() if value else None


def status() -> dict:
    """{trained_at, asset_count, labels, fields: {field: {assets, values: {value: positives}, skipped}},
    metrics, duration_seconds, dirty, changed_at, queued, running, last_error, debounce_seconds}."""
    current = TrainingRun.objects.filter(status=TrainingStatus.SUCCEEDED).order_by("-trained_at", "-pk").first()
    newest = TrainingRun.objects.order_by("-started_at", "-pk").first()
    state = dirty.state()
    return {
        "trained_at": _iso(current and current.trained_at),
        "asset_count": current.asset_count if current else 0,
        "labels": current.labels if current else 0,
        "fields": current.fields if current else {},
        "metrics": current.metrics if current else {},
        "duration_seconds": current.duration_seconds if current else None,
        "dirty": state.dirty,
        "changed_at": _iso(state.changed_at),
        "queued": state.queued_at is not None,
        "running": bool(newest and newest.status == TrainingStatus.RUNNING),
        "last_error": newest.error if newest and newest.status == TrainingStatus.FAILED else "",
        "debounce_seconds": int(dirty.debounce().total_seconds()),
    }

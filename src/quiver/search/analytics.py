"""Search analytics for admins: top queries, zero-result queries, queries nobody clicked, and click-through
rate by day, over a date range. Read straight from the append-only logs (one grouped query per table)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
)
from django.db.models.functions import TruncDate
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from quiver.library import policy

from .models import SearchClick, SearchLog

DEFAULT_DAYS = 30
TYPING_WINDOW = dt.timedelta(seconds=20)
TOP = 20


@dataclass
class DayRate:
    day: dt.date
    searches: int
    clicked: int

    @property
    def rate(self) -> float:
        return self.clicked / self.searches if self.searches else 0.0


def date_range(start_raw, end_raw, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()

    def parse(raw, default):
        try:
            return dt.date.fromisoformat(str(raw)[:10]) if raw else default
        except ValueError:
            return default

    end = parse(end_raw, today)
    start = parse(start_raw, end - dt.timedelta(days=DEFAULT_DAYS - 1))
    return (start, end) if start <= end else (end, start)


def searches_between(start: dt.date, end: dt.date):
    tz = timezone.get_current_timezone()
    lo = timezone.make_aware(dt.datetime.combine(start, dt.time.min), tz)
    hi = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min), tz)
    return (
        SearchLog.objects.filter(created_at__gte=lo, created_at__lt=hi)
        .annotate(
            has_click=Exists(SearchClick.objects.filter(search=OuterRef("pk"))),
            superseded=Exists(_refinements()),
        )
        .filter(Q(has_click=True) | Q(superseded=False))
    )


def _refinements():
    """Instant search logs each pause while typing: a search without a click that the same user extended within
    TYPING_WINDOW ("pri" -> "pricing") is a typing state, not a search of its own (kept in the log, not counted)."""
    return SearchLog.objects.filter(
        user=OuterRef("user"),
        created_at__gte=OuterRef("created_at"),
        created_at__lte=ExpressionWrapper(OuterRef("created_at") + TYPING_WINDOW, output_field=DateTimeField()),
        normalized__startswith=OuterRef("normalized"),
        id__gt=OuterRef("id"),
    ).exclude(normalized=OuterRef("normalized"))


def _by_query(qs, *, unclicked: bool = False, limit: int = TOP) -> list[dict]:
    rows = (
        qs.exclude(normalized="")
        .values("normalized")
        .annotate(searches=Count("id"), clicked=Count("id", filter=Q(has_click=True)))
    )
    if unclicked:
        rows = rows.filter(clicked=0)
    return list(rows.order_by("-searches", "normalized")[:limit])


def report(start: dt.date, end: dt.date) -> dict:
    qs = searches_between(start, end)
    totals = qs.aggregate(
        searches=Count("id"), clicked=Count("id", filter=Q(has_click=True)), zero=Count("id", filter=Q(result_count=0))
    )
    days = {
        row["day"]: DayRate(row["day"], row["searches"], row["clicked"])
        for row in qs.annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(searches=Count("id"), clicked=Count("id", filter=Q(has_click=True)))
        .order_by("day")
    }
    span = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)][-366:]
    return {
        "start": start,
        "end": end,
        "totals": totals,
        "rate": totals["clicked"] / totals["searches"] if totals["searches"] else 0.0,
        "top": _by_query(qs),
        "zero": _by_query(qs.filter(result_count=0)),
        "unclicked": _by_query(qs.filter(result_count__gt=0), unclicked=True),
        "days": [days.get(day) or DayRate(day, 0, 0) for day in span],
    }


@login_required
@require_GET
def analytics(request):
    if not policy.can_view_search_analytics(request.user):
        raise PermissionDenied
    start, end = date_range(request.GET.get("start"), request.GET.get("end"))
    return render(request, "search/analytics.html", report(start, end))

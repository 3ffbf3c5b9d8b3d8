"""The search analytics page: numbers computed from known logs, date range, admins only."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from quiver.search.analytics import date_range
from quiver.search.models import SearchClick, SearchLog

pytestmark = pytest.mark.django_db
URL = reverse("search:analytics")


def _log(user, query, results, day, clicks=0, second=0):
    log = SearchLog.objects.create(
        user=user, query=query, normalized=" ".join(query.lower().split()), result_count=results
    )
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0, second)))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {SearchLog._meta.db_table} SET created_at = %s WHERE id = %s", [when, log.pk])
    for position in range(1, clicks + 1):
        SearchClick.objects.create(search=log, user=user, asset_id=1, position=position)
    return log


def _table(html, table_id):
    block = re.search(rf'<table class="asset-table" id="{table_id}">(.*?)</table>', html, re.DOTALL)
    if not block:
        return []
    return re.findall(r"<tr><td><a [^>]*>([^<]*)</a></td><td>(\d+)</td><td>(\d+)</td></tr>", block.group(1))


def test_numbers_on_the_page(client, admin_user, viewer):
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    _log(viewer, "Pricing", 5, yesterday, clicks=2)
    _log(viewer, "pricing ", 5, yesterday)
    _log(viewer, "pricing", 4, today, clicks=1)
    _log(viewer, "roi deck", 3, today)
    _log(viewer, "roi deck", 3, today)
    _log(viewer, "zebra", 0, today)
    _log(viewer, "old query", 1, today - dt.timedelta(days=90))
    client.force_login(admin_user)
    html = client.get(URL).content.decode()
    assert 'data-total="searches">6<' in html and 'data-total="clicked">2<' in html
    assert 'data-total="rate">33%<' in html and 'data-total="zero">1<' in html
    assert _table(html, "top") == [("pricing", "3", "2"), ("roi deck", "2", "0"), ("zebra", "1", "0")]
    assert _table(html, "zero") == [("zebra", "1", "0")]
    assert _table(html, "unclicked") == [("roi deck", "2", "0")]  # zebra had no result to click
    rows = {
        day: (int(searches), int(clicked))
        for day, searches, clicked in re.findall(
            r'<tr data-day="([\d-]+)"><td>[^<]*</td><td>(\d+)</td><td>(\d+)</td>', html
        )
    }
    assert rows[yesterday.isoformat()] == (2, 1) and rows[today.isoformat()] == (4, 1)
    assert len(rows) == 30
    old = client.get(
        URL, {"start": (today - dt.timedelta(days=100)).isoformat(), "end": (today - dt.timedelta(days=80)).isoformat()}
    ).content.decode()
    assert _table(old, "top") == [("old query", "1", "0")] and 'data-total="searches">1<' in old


def test_admins_only(client, viewer, editor):
    for user in (viewer, editor):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_date_range_is_forgiving():
    today = dt.date(2026, 3, 10)
    assert date_range(None, None, today) == (dt.date(2026, 2, 9), today)
    assert date_range("2026-03-05", "2026-03-01", today) == (dt.date(2026, 3, 1), dt.date(2026, 3, 5))
    assert date_range("garbage", "\x00", today) == (dt.date(2026, 2, 9), today)


def test_typing_states_of_instant_search_are_not_counted(client, admin_user, viewer, editor):
    today = timezone.localdate()
    _log(viewer, "pri", 9, today, second=0)
    _log(viewer, "pric", 7, today, second=1)
    _log(viewer, "pricing", 5, today, second=2)  # what the user meant
    _log(editor, "pri", 9, today, second=3)  # someone else: a search of its own
    _log(viewer, "roi", 2, today, second=4, clicks=1)
    _log(viewer, "roi deck", 1, today, second=5)  # a refinement: "roi" was clicked, so it counts too
    client.force_login(admin_user)
    html = client.get(URL).content.decode()
    assert 'data-total="searches">4<' in html
    assert sorted(_table(html, "top")) == [
        ("pri", "1", "0"),
        ("pricing", "1", "0"),
        ("roi", "1", "1"),
        ("roi deck", "1", "0"),
    ]

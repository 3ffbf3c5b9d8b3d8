"""The email digest: for each owner and verifier, the assets due (verification due or overdue, expiring soon,
expired), with links; plain text with an HTML alternative, through Django's email API. One DigestRun row per
(user, period) is claimed before sending, so a digest never goes out twice for the same day or week."""

import logging
from datetime import datetime
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import selectors
from .models import DigestFrequency, DigestRun, NotificationPreference
from .reminders import message
from .webhooks.payload import absolute_url

log = logging.getLogger(__name__)


def period_key(frequency: str, now: datetime) -> str:
    day = timezone.localdate(now)
    if frequency == DigestFrequency.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def build(user, items: list[selectors.DueItem]) -> dict:
    """The template context: sections in order of urgency, each with its lines (message and absolute link)."""
    sections = []
    for reason, group in groupby(items, key=lambda i: i.reason):
        lines = [
            {"text": message(i), "title": i.asset.title, "url": absolute_url(i.asset.get_absolute_url())} for i in group
        ]
        sections.append({"reason": reason, "label": selectors.REASON_LABELS[reason], "lines": lines})
    return {
        "user": user,
        "sections": sections,
        "count": len({i.asset.pk for i in items}),
        "home_url": absolute_url(reverse("notify:inbox")),
        "settings_url": absolute_url(reverse("notify:preferences")),
    }


def render(user, items, period: str) -> EmailMultiAlternatives:
    context = {**build(user, items), "period": period}
    subject = " ".join(render_to_string("notify/email/digest_subject.txt", context).split())
    text = render_to_string("notify/email/digest.txt", context)
    html = render_to_string("notify/email/digest.html", context)
    mail = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    mail.attach_alternative(html, "text/html")
    return mail


def _claim(user, period: str, now: datetime, count: int) -> DigestRun | None:
    try:
        with transaction.atomic():
            return DigestRun.objects.create(user=user, period=period, sent_at=now, item_count=count)
    except IntegrityError:
        return None  # already sent (or being sent) for this period


def send_digests(now: datetime | None = None) -> int:
    """Send every digest due at `now`; returns how many were sent."""
    now = now or timezone.now()
    if timezone.localtime(now).hour < settings.QUIVER_DIGEST_HOUR:
        return 0  # not before the digest hour (the first run after it sends the day's digests)
    due = list(selectors.due_assets(now))
    people = {pk for a in due for pk in (a.owner_id, a.verifier_id) if pk}
    if not people:
        return 0
    users = get_user_model().objects.filter(pk__in=people, is_active=True).exclude(email="").order_by("pk")
    prefs = {p.user_id: p.digest for p in NotificationPreference.objects.filter(user_id__in=people)}
    sent = 0
    for user in users:
        frequency = prefs.get(user.pk, DigestFrequency.DAILY)
        if frequency == DigestFrequency.OFF:
            continue
        items = selectors.due_for(user, now, due)
        if not items:
            continue
        period = period_key(frequency, now)
        run = _claim(user, period, now, len(items))
        if run is None:
            continue
        try:
            render(user, items, period).send()
        except Exception:  # an SMTP failure: forget the claim so the next run tries again
            log.exception("digest %s for %s could not be sent", period, user.username)
            run.delete()
            continue
        sent += 1
    return sent

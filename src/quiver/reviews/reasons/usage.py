"""Unused: published, older than N days, and nobody viewed, previewed, downloaded or opened it in N days.

The window is half-open: a use exactly N days old no longer counts (it is not "in the last N days"), an asset
created exactly N days ago is old enough."""

import datetime as dt

from django.db.models import Exists, OuterRef, Subquery

from quiver.insights.models import UsageEvent, UsageKind
from quiver.library.models import AssetStatus

from .base import Context, Signal, fmt_date, plural

USE_KINDS = (UsageKind.VIEW, UsageKind.PREVIEW, UsageKind.DOWNLOAD, UsageKind.OPEN_LINK)


class Unused(Signal):
    key = "unused"
    label = "Unused"
    description = "Nobody viewed or downloaded it lately."
    fields = ("last_used_at",)

    def flag(self, assets, ctx: Context):
        since = ctx.now - dt.timedelta(days=ctx.unused_days)
        uses = UsageEvent.objects.filter(asset_id=OuterRef("pk"), kind__in=USE_KINDS)
        last = uses.order_by("-created_at").values("created_at")[:1]
        return (
            assets.filter(status=AssetStatus.PUBLISHED, created_at__lte=since)
            .filter(~Exists(uses.filter(created_at__gt=since)))
            .annotate(last_used_at=Subquery(last))
        )

    def describe(self, row, ctx):
        text = f"No views or downloads in {plural(ctx.unused_days, 'day')}"
        last = row.get("last_used_at")
        return f"{text} (last used {fmt_date(last)})" if last else f"{text} (never used)"

"""Signals from the lifecycle fields: verification due or overdue, expiring soon, expired."""

import datetime as dt

from django.db.models import OuterRef, Subquery

from quiver.library import policy
from quiver.library.models import Asset

from .base import Context, Signal, fmt_date, plural


class VerificationOverdue(Signal):
    key = "verification_overdue"
    label = "Verification overdue"
    description = "Its “verified until” date has passed."
    fields = ("verified_until",)

    def flag(self, assets, ctx: Context):
        return assets.filter(verified_until__lt=ctx.today)

    def describe(self, row, ctx):
        days = (ctx.today - row["verified_until"]).days
        return f"Verified until {fmt_date(row['verified_until'])}: overdue by {plural(days, 'day')}"


class VerificationDue(Signal):
    key = "verification_due"
    label = "Verification due"
    description = "Its “verified until” date falls within the next days."
    fields = ("verified_until",)

    def flag(self, assets, ctx: Context):
        return assets.filter(
            verified_until__gte=ctx.today, verified_until__lte=ctx.today + dt.timedelta(days=ctx.verify_due_days)
        )

    def describe(self, row, ctx):
        days = (row["verified_until"] - ctx.today).days
        when = "today" if days == 0 else f"in {plural(days, 'day')}"
        return f"Verification due {when} ({fmt_date(row['verified_until'])})"


class Expiring(Signal):
    key = "expiring"
    label = "Expiring soon"
    description = "It expires within the next days."
    fields = ("expires_at",)

    def flag(self, assets, ctx: Context):
        return assets.filter(expires_at__gt=ctx.now, expires_at__lte=ctx.now + dt.timedelta(days=ctx.expiring_days))

    def describe(self, row, ctx):
        days = (row["expires_at"] - ctx.now).days
        when = "within a day" if days == 0 else f"in {plural(days, 'day')}"
        return f"Expires {when} ({fmt_date(row['expires_at'])})"


class Expired(Signal):
    key = "expired"
    label = "Expired"
    description = "Its expiry date has passed: viewers can no longer download or share it."
    fields = ("expires_at", "replacement_title")

    def flag(self, assets, ctx: Context):
        """The replacement is named only when the reviewer may see it."""
        replacement = Asset.objects.filter(pk=OuterRef("replaced_by_id"))
        if ctx.user is not None:
            replacement = policy.visible_assets(ctx.user, replacement)
        return assets.filter(expires_at__lte=ctx.now).annotate(
            replacement_title=Subquery(replacement.values("title")[:1])
        )

    def describe(self, row, ctx):
        text = f"Expired on {fmt_date(row['expires_at'])}"
        if row.get("replacement_title"):
            text += f"; replaced by “{row['replacement_title']}”"
        return text

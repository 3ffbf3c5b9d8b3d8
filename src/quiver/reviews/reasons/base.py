"""What a review signal is, and the registry the queue reads.

A signal flags assets that need a look and says why. It works on querysets only: `flag(assets, ctx)` narrows a
queryset of assets to the flagged ones (annotating what its reason needs), and `describe(row, ctx)` turns one row of
`.values("pk", *signal.columns(ctx))` into the reason shown. The queue runs one query per signal, whatever the number of
assets, so no signal may query per asset.

Pluggable: an app adds its own signal from its AppConfig.ready() with `register(MySignal())` (e.g. low ratings, once
a feedback model exists; none is registered until then).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone


@dataclass(frozen=True)
class Context:
    """The clock, thresholds and reviewer of one queue computation (tests pass a fixed `now`). Signals that name
    another asset (a duplicate's twin) name only what `user` may see."""

    now: dt.datetime
    verify_due_days: int
    expiring_days: int
    unused_days: int
    min_tags: int
    user: object = field(default=None, compare=False)
    cache: dict = field(default_factory=dict, compare=False)  # per-computation memo (e.g. required facets)

    @property
    def today(self) -> dt.date:
        return timezone.localdate(self.now)

    @classmethod
    def at(cls, now: dt.datetime | None = None, user=None) -> Context:
        return cls(
            now=now or timezone.now(),
            verify_due_days=settings.QUIVER_REVIEW_VERIFY_DUE_DAYS,
            expiring_days=settings.QUIVER_EXPIRING_DAYS,
            unused_days=settings.QUIVER_REVIEW_UNUSED_DAYS,
            min_tags=settings.QUIVER_REVIEW_MIN_TAGS,
            user=user,
        )


@dataclass(frozen=True)
class Reason:
    signal: str
    label: str
    text: str

    def as_dict(self) -> dict:
        return {"signal": self.signal, "label": self.label, "text": self.text}


class Signal:
    key: str = ""
    label: str = ""
    description: str = ""
    fields: tuple[str, ...] = ()  # annotations `describe` reads

    def columns(self, ctx: Context) -> tuple[str, ...]:
        return self.fields

    def flag(self, assets: QuerySet, ctx: Context) -> QuerySet:
        raise NotImplementedError

    def describe(self, row: dict, ctx: Context) -> str:
        return self.label

    def queryset(self, user, params: dict | None = None, now: dt.datetime | None = None) -> QuerySet:
        """The assets `user` may review that this signal flags (the contract's form)."""
        from ..selectors import QueueFilters, reviewable_assets

        base = QueueFilters.from_params(params or {}).apply(reviewable_assets(user), user)
        return self.flag(base, Context.at(now, user))


@dataclass
class Registry:
    signals: dict[str, Signal] = field(default_factory=dict)

    def register(self, signal: Signal) -> Signal:
        if not signal.key or signal.key in self.signals:
            raise ValueError(f"A review signal needs a new key, got {signal.key!r}.")
        self.signals[signal.key] = signal
        return signal

    def unregister(self, key: str) -> None:
        self.signals.pop(key, None)


REGISTRY = Registry()


def register(signal: Signal) -> Signal:
    return REGISTRY.register(signal)


def unregister(key: str) -> None:
    REGISTRY.unregister(key)


def all_signals() -> list[Signal]:
    return list(REGISTRY.signals.values())


def get(key: str) -> Signal | None:
    return REGISTRY.signals.get(key)


def fmt_date(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return f"{value:%b} {value.day}, {value.year}" if value else ""


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"

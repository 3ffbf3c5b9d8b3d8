"""The review queue: the assets a user may review that at least one signal flags, each with its reasons.

One query per signal whatever the number of assets (signals are querysets), plus one for the page of assets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from quiver.library import policy
from quiver.library.models import Asset, AssetStatus, AssetType

from .models import ReviewSession
from .reasons import Context, Reason, all_signals, get


def reviewable_assets(user, queryset: QuerySet | None = None) -> QuerySet:
    """Live assets (not archived, trashed or merged away) the user may both see and edit; none for viewers."""
    if not policy.can_review(user):
        return Asset.objects.none()
    qs = policy.editable_assets(user, policy.visible_assets(user, queryset))
    return qs.exclude(status=AssetStatus.ARCHIVED).filter(deleted_at__isnull=True, merged_into__isnull=True)


def _int(raw) -> int | None:
    try:
        value = int(str(raw)[:18])
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


@dataclass(frozen=True)
class QueueFilters:
    owner: int | None = None
    collection: int | None = None  # the collection and everything below it
    asset_type: str = ""
    signal: str = ""

    @classmethod
    def from_params(cls, params) -> QueueFilters:
        """From a QueryDict or dict; unknown or malformed values are dropped, never an error."""
        asset_type = str(params.get("asset_type") or "")
        signal = str(params.get("signal") or "")
        return cls(
            owner=_int(params.get("owner")),
            collection=_int(params.get("collection")),
            asset_type=asset_type if asset_type in AssetType.values else "",
            signal=signal if get(signal) else "",
        )

    def apply(self, qs: QuerySet, user) -> QuerySet:
        """Narrow `qs`; a collection counts only if `user` may see it (a hidden one matches nothing)."""
        if self.owner:
            qs = qs.filter(owner_id=self.owner)
        if self.asset_type:
            qs = qs.filter(asset_type=self.asset_type)
        if self.collection:
            top = policy.viewable_collections(user).filter(pk=self.collection).values("path")[:1]
            filed = Asset.collections.through.objects.filter(
                asset_id=OuterRef("pk"), collection__path__startswith=Subquery(top)
            )
            qs = qs.filter(Exists(filed))
        return qs

    def as_params(self) -> dict:
        out = {"owner": self.owner, "collection": self.collection, "asset_type": self.asset_type, "signal": self.signal}
        return {k: v for k, v in out.items() if v}


@dataclass
class QueueItem:
    asset: Asset
    reasons: list[Reason]


def _signals(filters: QueueFilters):
    return [s for s in all_signals() if not filters.signal or s.key == filters.signal]


def queue_assets(user, filters: QueueFilters | None = None, now: dt.datetime | None = None) -> QuerySet:
    """Every asset in the user's queue (one query; stalest first)."""
    filters = filters or QueueFilters()
    ctx = Context.at(now, user)
    base = filters.apply(reviewable_assets(user), user)
    flagged = [Q(pk__in=s.flag(base, ctx).values("pk")) for s in _signals(filters)]
    if not flagged:
        return Asset.objects.none()
    return Asset.objects.filter(reduce(or_, flagged)).order_by("updated_at", "id")


def reasons_for(user, asset_ids, filters: QueueFilters | None = None, now: dt.datetime | None = None) -> dict:
    """{asset id: [Reason]} for these assets as `user` is told them, one query per signal."""
    filters, ctx, ids = filters or QueueFilters(), Context.at(now, user), list(asset_ids)
    out: dict[int, list[Reason]] = {pk: [] for pk in ids}
    if not ids:
        return out
    base = Asset.objects.filter(pk__in=ids)
    for signal in _signals(filters):
        for row in signal.flag(base, ctx).values("pk", *signal.columns(ctx)):
            out[row["pk"]].append(Reason(signal.key, signal.label, signal.describe(row, ctx)))
    return out


def queue(
    user,
    filters: QueueFilters | None = None,
    now: dt.datetime | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[QueueItem]:
    qs = queue_assets(user, filters, now).select_related("owner", "current_version")
    assets = list(qs[offset : offset + limit] if limit is not None else qs[offset:])
    reasons = reasons_for(user, [a.pk for a in assets], filters, now)
    return [QueueItem(a, reasons[a.pk]) for a in assets]


def counts(user, now: dt.datetime | None = None, filters: QueueFilters | None = None) -> dict[str, int]:
    """{signal key: number of assets it flags} for the user (signal filter ignored: every signal is counted)."""
    ctx = Context.at(now, user)
    filters = filters or QueueFilters()
    base = QueueFilters(owner=filters.owner, collection=filters.collection, asset_type=filters.asset_type).apply(
        reviewable_assets(user), user
    )
    return {s.key: s.flag(base, ctx).count() for s in all_signals()}


# --- sessions -----------------------------------------------------------------------------------------------------


def sessions_for(user) -> QuerySet:
    """Past and open sessions the user may browse: their own; admins see everyone's."""
    qs = ReviewSession.objects.select_related("user")
    return policy.visible_review_sessions(user, qs)


def session_for(user, pk: int) -> ReviewSession | None:
    return sessions_for(user).filter(pk=pk).first() if policy.can_review(user) else None


@dataclass
class Summary:
    total: int
    reviewed: int
    seconds: int
    outcomes: list[tuple[str, str, int]]  # (outcome, label, count), every outcome
    actions: dict[str, int]  # every action taken, counted (an item may have several)

    @property
    def minutes(self) -> str:
        minutes, seconds = divmod(self.seconds, 60)
        return f"{minutes} min {seconds:02d} s"


def summary(session: ReviewSession) -> Summary:
    """Counts per outcome and time spent, from one query over the items."""
    from .models import Outcome

    rows = list(session.items.values_list("outcome", "actions"))
    by_outcome = dict.fromkeys(Outcome.values, 0)
    actions: dict[str, int] = {}
    for outcome, taken in rows:
        by_outcome[outcome] = by_outcome.get(outcome, 0) + 1
        for action in taken or []:
            actions[action.get("action", "")] = actions.get(action.get("action", ""), 0) + 1
    return Summary(
        total=len(rows),
        reviewed=len(rows) - by_outcome[Outcome.PENDING],
        seconds=session.seconds,
        outcomes=[(key, Outcome(key).label, by_outcome[key]) for key in Outcome.values],
        actions=actions,
    )

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from quiver.library.schemas import Id, Text


class CommentIn(Schema):
    comment: Text = Field("", max_length=5000)


class VerifyIn(Schema):
    note: Text = Field("", max_length=1000)


class MergeIn(Schema):
    into: Id = Field(
        description="The surviving twin: the duplicate's tags, collections, facet values, versions "
        "and usage move to it, and the duplicate's URL redirects to it."
    )


class LifecyclePatch(Schema):
    publish_at: datetime | None = None
    expires_at: datetime | None = None
    replaced_by: Id | None = None
    internal_only: bool | None = None
    verifier: Id | None = None


class EventOut(Schema):
    kind: str
    actor: str | None
    comment: str
    created_at: datetime


class RequestOut(Schema):
    id: int
    status: str
    submitted_by: str | None
    submitted_at: datetime
    decided_by: str | None
    decided_at: datetime | None


class LifecycleOut(Schema):
    id: int
    title: str
    lifecycle: str
    publish_at: datetime | None
    expires_at: datetime | None
    expired: bool
    replaced_by: int | None
    internal_only: bool
    owner: int | None
    verifier: int | None
    verified_at: datetime | None
    verified_until: date | None
    cadence_days: int
    can_download: bool
    request: RequestOut | None
    trail: list[EventOut]


class VerifiedOut(Schema):
    id: int
    verified_until: date
    cadence_days: int


class TrashedOut(Schema):
    id: int
    title: str
    deleted_at: datetime
    deleted_by: str | None
    purge_after: datetime


class ApprovalOut(Schema):
    request: int
    asset: int
    title: str
    submitted_by: str | None
    submitted_at: datetime

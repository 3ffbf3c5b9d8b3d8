"""API schemas of automatic categorization."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from quiver.library.schemas import Id, Text

Algorithm = Literal["none", "any", "all", "exact", "regex", "fuzzy", "learned"]
Name = Field(..., min_length=1, max_length=200)
# Strings are `Text` (no NUL: PostgreSQL refuses it) and ids `Id` (within a 64-bit integer).


class Evidence(Schema):
    text: str
    page: int | None = None


class SuggestionOut(Schema):
    field: str
    value: str
    confidence: float
    evidence: list[Evidence]
    page: int | None = None
    source: str
    status: str


class Decision(Schema):
    field: Text = Field(..., min_length=1, max_length=80)
    value: Text = Name


class BulkItem(Decision):
    asset: Id


class BulkDecision(Schema):
    items: list[BulkItem] = Field(..., max_length=1000)


class BulkResult(Schema):
    done: int
    skipped: int


class RuleIn(Schema):
    field: Text = Field(..., min_length=1, max_length=80, description='"tags" or a facet field slug')
    value: Text = Name
    algorithm: Algorithm = "learned"
    pattern: Text = Field("", max_length=1000)
    case_sensitive: bool = False
    manual_only: bool = False


class RulePatch(Schema):
    algorithm: Algorithm | None = None
    pattern: Text | None = Field(None, max_length=1000)
    case_sensitive: bool | None = None
    manual_only: bool | None = None


class RuleOut(Schema):
    id: int
    field: str
    value: str
    algorithm: str
    pattern: str
    case_sensitive: bool
    manual_only: bool
    updated_at: datetime


class BulkRunIn(Schema):
    kind: Literal["rules", "categorize"] = "rules"
    assets: list[Id] | None = Field(
        None, max_length=100_000, description="asset ids (default: every asset you may edit)"
    )
    rules: list[Id] | None = Field(None, max_length=10_000, description="rule ids (default: every rule)")


class BulkRunOut(Schema):
    id: int
    kind: str
    status: str
    total: int
    done: int
    percent: int
    applied: int
    suggested: int
    error: str
    attempts: int = Field(
        description="workers given this run: 1, plus one each time it was resumed after its worker stopped"
    )
    created_at: datetime
    started_at: datetime | None = None
    heartbeat_at: datetime | None = Field(
        None, description="last progress (a run with no progress for a while is resumed)"
    )
    finished_at: datetime | None = None


class PolicyOut(Schema):
    field: str
    auto_threshold: float
    suggest_threshold: float


class PolicyPatch(Schema):
    field: Text = Field(..., min_length=1, max_length=80)
    auto_threshold: float | None = Field(None, ge=0, le=2)
    suggest_threshold: float | None = Field(None, ge=0, le=1)

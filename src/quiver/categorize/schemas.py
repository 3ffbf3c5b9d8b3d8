"""API schemas of automatic categorization."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

Algorithm = Literal["none", "any", "all", "exact", "regex", "fuzzy", "learned"]
Name = Field(..., min_length=1, max_length=200)


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
    field: str = Field(..., min_length=1, max_length=80)
    value: str = Name


class BulkItem(Decision):
    asset: int = Field(..., ge=1, le=2**63 - 1)


class BulkDecision(Schema):
    items: list[BulkItem] = Field(..., max_length=1000)


class BulkResult(Schema):
    done: int
    skipped: int


class RuleIn(Schema):
    field: str = Field(..., min_length=1, max_length=80, description='"tags" or a facet field slug')
    value: str = Name
    algorithm: Algorithm = "learned"
    pattern: str = Field("", max_length=1000)
    case_sensitive: bool = False
    manual_only: bool = False


class RulePatch(Schema):
    algorithm: Algorithm | None = None
    pattern: str | None = Field(None, max_length=1000)
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
    assets: list[int] | None = Field(None, max_length=100_000, description="asset ids (default: every asset you "
                                                                             "may edit)")
    rules: list[int] | None = Field(None, max_length=10_000, description="rule ids (default: every rule)")


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
    created_at: datetime
    finished_at: datetime | None = None


class PolicyOut(Schema):
    field: str
    auto_threshold: float
    suggest_threshold: float


class PolicyPatch(Schema):
    field: str = Field(..., min_length=1, max_length=80)
    auto_threshold: float | None = Field(None, ge=0, le=2)
    suggest_threshold: float | None = Field(None, ge=0, le=1)

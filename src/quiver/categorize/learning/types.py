"""What the learned part hands to categorize.services: one Prediction per (field, value) for an asset."""

from dataclasses import dataclass
from dataclasses import field as dc_field


@dataclass(frozen=True)
class Evidence:
    text: str  # the words as they appear in the asset (a title word, or a phrase on a page)
    page: int | None  # page/slide number where they occur; None when they come from the title or description

    def as_dict(self) -> dict:
        return {"text": self.text, "page": self.page}


@dataclass(frozen=True)
class Prediction:
    """`field` is "tags" or a facet field slug, `value` a tag name or facet value name.

    `confidence` is in 0..1: 0.5 means the score sits exactly at the value's decision threshold (the one that
    gave the best F1 in cross-validation on the library's own labels); above 0.5 the classifier would assign
    the value, below it would not. The slope is fitted on the cross-validated scores, so 0.9 means roughly
    "nine in ten such assets carried the value". `evidence` is a list of {"text", "page"} (strongest first),
    `page` the page where most of the evidence weight sits (None: title/description)."""

    field: str
    value: str
    confidence: float
    evidence: list = dc_field(default_factory=list)
    page: int | None = None

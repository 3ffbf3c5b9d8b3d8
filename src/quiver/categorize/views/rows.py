"""Presentation of suggestions and assignments for templates (labels, percentages, evidence); no decisions here."""

from dataclasses import dataclass, field

from quiver.taxonomy.models import FacetField

TAGS = "tags"
SOURCE_LABELS = {"manual": "Manual", "automatic": "Automatic", "rule": "Rule"}


def field_labels() -> dict[str, str]:
    """{"tags": "Tag", "industry": "Industry", ...}: one query."""
    labels = {TAGS: "Tag"}
    labels.update(dict(FacetField.objects.values_list("slug", "name")))
    return labels


def _evidence(raw) -> list[dict]:
    out = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        text = str(item.get("text") or "").strip()
        page = item.get("page")
        if text:
            out.append({"text": text[:200], "page": page if isinstance(page, int) and page > 0 else None})
    return out[:8]


@dataclass
class SuggestionRow:
    s: object  # categorize.Suggestion
    field: str
    value: str
    field_label: str
    percent: int
    evidence: list[dict] = field(default_factory=list)
    decided: str = ""  # the queue's answer after a decision: accepted / rejected
    decided_label: str = ""
    just_decided: bool = False

    @property
    def item(self) -> str:
        """The identity used by the queue's forms: "asset_id:field:value" (a field slug has no colon)."""
        return f"{self.s.asset_id}:{self.field}:{self.value}"

    @property
    def label(self) -> str:
        return f"{self.field_label}: {self.value}, {self.percent}%"


def _label(s, labels: dict[str, str] | None) -> str:
    if labels and s.field in labels:
        return labels[s.field]
    return "Tag" if s.tag_id else s.facet_value.field.name  # (selected with the suggestion)


def suggestion_rows(suggestions, labels: dict[str, str] | None = None) -> list[SuggestionRow]:
    rows = []
    for s in suggestions:
        value = s.value
        rows.append(
            SuggestionRow(
                s=s,
                field=s.field,
                value=value,
                field_label=_label(s, labels),
                percent=round(100 * float(s.confidence or 0)),
                evidence=_evidence(s.evidence),
            )
        )
    return rows


def parse_item(raw: str) -> tuple[int, str, str] | None:
    """ "12:industry:Retail" -> (12, "industry", "Retail"); None for anything malformed."""
    parts = (raw or "").split(":", 2)
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1] or not parts[2]:
        return None
    return int(parts[0]), parts[1], parts[2]

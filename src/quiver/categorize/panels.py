"""The asset page's categorization panel (registered from CategorizeConfig.ready through library.panels):
pending suggestions with confidence and evidence (editors), values applied automatically with a Revert,
and who or what assigned each tag and facet value."""

from quiver.library import policy
from quiver.library.models import Asset, AssetTag
from quiver.library.panels import Panel, register
from quiver.taxonomy.models import AssetFacetValue
from quiver.taxonomy.services import AUTOMATIC_FIELDS

from . import selectors
from .models import Suggestion, SuggestionStatus
from .views.rows import SOURCE_LABELS, TAGS, suggestion_rows

TEMPLATE = "categorize/panels/suggestions.html"
MACHINES = {"rule": "matching rule", "learned": "classifier", "detector": "detector"}
SETTLED = (
    SuggestionStatus.AUTO_APPLIED,
    SuggestionStatus.ACCEPTED,
    SuggestionStatus.REJECTED,
    SuggestionStatus.REVERTED,
)


def _who(user) -> str:
    return (user.display_name or user.username) if user else ""


def _by(source: str, user, field: str, machine: dict, key) -> str:
    """Who or what put a value there: a person, the engine part whose suggestion was applied, or the asset's own
    type/language field (the facets that follow it)."""
    if user is not None:
        return f"by {_who(user)}"
    if key in machine:
        return f"by the {machine[key]}"
    if source != "manual" and field in AUTOMATIC_FIELDS:
        return "from the asset's own field"
    return {"rule": "by a matching rule", "automatic": "automatically"}.get(source, "")


def history(asset, labels: dict[str, str], applied=()) -> list[dict]:
    """Every tag and facet value on the asset with its source and who or what assigned it, newest first.
    `applied`: the asset's auto-applied suggestion rows (they name the engine part that applied a value)."""
    machine = {(r.field, r.value): MACHINES.get(r.s.source, "classifier") for r in applied}
    rows = []
    for at in AssetTag.objects.filter(asset=asset).select_related("tag", "assigned_by"):
        rows.append(
            {
                "value": at.tag.name,
                "field_label": labels[TAGS],
                "source": at.source,
                "source_label": SOURCE_LABELS.get(at.source, at.source),
                "at": at.created_at,
                "by": _by(at.source, at.assigned_by, TAGS, machine, (TAGS, at.tag.name)),
            }
        )
    for av in AssetFacetValue.objects.filter(asset=asset).select_related("value__field", "assigned_by"):
        field = av.value.field.slug
        rows.append(
            {
                "value": av.value.name,
                "field_label": av.value.field.name,
                "source": av.source,
                "source_label": SOURCE_LABELS.get(av.source, av.source),
                "at": av.created_at,
                "by": _by(av.source, av.assigned_by, field, machine, (field, av.value.name)),
            }
        )
    rows.sort(key=lambda r: (r["at"] is not None, r["at"]), reverse=True)
    return rows


def _settled(asset, labels: dict[str, str], limit: int = 100):
    """(values applied automatically and still there, decided suggestions newest first): one query."""
    rows = suggestion_rows(
        Suggestion.objects.filter(asset=asset, status__in=SETTLED)
        .select_related("tag", "facet_value__field", "decided_by")
        .order_by("-decided_at", "-pk")[:limit],
        labels,
    )
    automatic = [r for r in rows if r.s.status == SuggestionStatus.AUTO_APPLIED]
    automatic.sort(key=lambda r: (r.field, r.s.pk))
    return automatic, [r for r in rows if r.s.status != SuggestionStatus.AUTO_APPLIED]


def panel_context(request, asset, *, partial: bool = False) -> dict | None:
    user = request.user
    # the queryset form of can_edit_asset: one query with the grants as a subquery (the page runs many panels)
    can_edit = policy.editable_assets(user, Asset.objects.filter(pk=asset.pk)).exists()
    labels = {TAGS: "Tag"}  # facet labels come with the rows (select_related): no query for them
    pending = suggestion_rows(selectors.pending_for_asset(user, asset), labels) if can_edit else []
    automatic, decided = _settled(asset, labels)
    return {
        "asset": asset,
        "can_edit": can_edit,
        "partial": partial,
        "pending": pending,
        "automatic": automatic,
        "history": history(asset, labels, automatic),
        "decided": decided if can_edit else [],
    }


def register_panels() -> None:
    register(Panel("categorize", TEMPLATE, panel_context, slot="side", order=20))

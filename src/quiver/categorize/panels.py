"""The asset page's categorization panel (registered from CategorizeConfig.ready through library.panels):
pending suggestions with confidence and evidence (editors), values applied automatically with a Revert,
and who or what assigned each tag and facet value."""

from quiver.library import policy
from quiver.library.models import Asset, AssetTag
from quiver.library.panels import Panel, register
from quiver.taxonomy.models import AssetFacetValue

from . import selectors
from .models import Suggestion, SuggestionStatus
from .views.rows import SOURCE_LABELS, TAGS, field_labels, suggestion_rows

TEMPLATE = "categorize/panels/suggestions.html"
SETTLED = (SuggestionStatus.AUTO_APPLIED, SuggestionStatus.ACCEPTED, SuggestionStatus.REJECTED,
           SuggestionStatus.REVERTED)


def _who(user) -> str:
    return (user.display_name or user.username) if user else ""


def history(asset, labels: dict[str, str]) -> list[dict]:
    """Every tag and facet value on the asset with its source and who assigned it, newest first."""
    rows = []
    for at in AssetTag.objects.filter(asset=asset).select_related("tag", "assigned_by"):
        rows.append({"value": at.tag.name, "field_label": labels[TAGS], "source": at.source,
                     "source_label": SOURCE_LABELS.get(at.source, at.source), "by": _who(at.assigned_by),
                     "at": at.created_at})
    for av in AssetFacetValue.objects.filter(asset=asset).select_related("value__field", "assigned_by"):
        rows.append({"value": av.value.name, "field_label": av.value.field.name, "source": av.source,
                     "source_label": SOURCE_LABELS.get(av.source, av.source), "by": _who(av.assigned_by),
                     "at": av.created_at})
    rows.sort(key=lambda r: (r["at"] is not None, r["at"]), reverse=True)
    return rows


def _settled(asset, labels: dict[str, str], limit: int = 100):
    """(values applied automatically and still there, decided suggestions newest first): one query."""
    rows = suggestion_rows(Suggestion.objects.filter(asset=asset, status__in=SETTLED)
                           .select_related("tag", "facet_value__field", "decided_by")
                           .order_by("-decided_at", "-pk")[:limit], labels)
    automatic = [r for r in rows if r.s.status == SuggestionStatus.AUTO_APPLIED]
    automatic.sort(key=lambda r: (r.field, r.s.pk))
    return automatic, [r for r in rows if r.s.status != SuggestionStatus.AUTO_APPLIED]


def panel_context(request, asset, *, partial: bool = False) -> dict | None:
    user = request.user
    # the queryset form of can_edit_asset: one query with the grants as a subquery (the page runs many panels)
    can_edit = policy.editable_assets(user, Asset.objects.filter(pk=asset.pk)).exists()
    labels = field_labels()
    pending = suggestion_rows(selectors.pending_for_asset(user, asset), labels) if can_edit else []
    automatic, decided = _settled(asset, labels)
    return {
        "asset": asset, "can_edit": can_edit, "partial": partial, "pending": pending, "automatic": automatic,
        "history": history(asset, labels), "decided": decided if can_edit else [],
    }


def register_panels() -> None:
    register(Panel("categorize", TEMPLATE, panel_context, slot="side", order=20))

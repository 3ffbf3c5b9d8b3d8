"""Poorly categorized: a facet required for its asset type has no value, fewer than K tags, or automatic
suggestions wait for a decision (categorize.Suggestion)."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from quiver.categorize.models import Suggestion, SuggestionStatus
from quiver.library.models import AssetTag
from quiver.taxonomy.models import AssetFacetValue, FacetField

from .base import Context, Signal, plural


def _count(qs):
    """A correlated COUNT(*) as an integer annotation (0 when none): no join, no GROUP BY on the outer query."""
    counted = qs.order_by().values("asset_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


class PoorlyCategorized(Signal):
    key = "categorization"
    label = "Poorly categorized"
    description = "Required facets missing, too few tags, or suggestions waiting."

    def _required(self, ctx: Context) -> list:
        if "required_facets" not in ctx.cache:
            ctx.cache["required_facets"] = [
                f for f in FacetField.objects.order_by("position", "name") if f.required_for
            ]
        return ctx.cache["required_facets"]

    def flag(self, assets, ctx: Context):
        annotations = {"tag_count": _count(AssetTag.objects.filter(asset_id=OuterRef("pk")))}
        condition = Q(tag_count__lt=ctx.min_tags)
        for f in self._required(ctx):
            name = f"missing_{f.pk}"
            has = Exists(AssetFacetValue.objects.filter(asset_id=OuterRef("pk"), value__field=f))
            annotations[name] = ~has
            condition |= Q(asset_type__in=f.required_for, **{name: True})
        annotations["pending"] = _count(
            Suggestion.objects.filter(asset_id=OuterRef("pk"), status=SuggestionStatus.PENDING)
        )
        condition |= Q(pending__gt=0)
        return assets.annotate(**annotations).filter(condition)

    def columns(self, ctx: Context):
        names = ["tag_count", "asset_type"] + [f"missing_{f.pk}" for f in self._required(ctx)]
        return (*names, "pending")

    def describe(self, row, ctx):
        parts = []
        missing = [
            f.name for f in self._required(ctx) if row.get(f"missing_{f.pk}") and f.is_required_for(row["asset_type"])
        ]
        if missing:
            parts.append("Missing required " + ", ".join(missing))
        if row["tag_count"] < ctx.min_tags:
            parts.append(f"{plural(row['tag_count'], 'tag')} (fewer than {ctx.min_tags})")
        if row.get("pending"):
            parts.append(f"{plural(row['pending'], 'suggestion')} waiting")
        return "; ".join(parts) or self.label

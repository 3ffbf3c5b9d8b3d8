"""Queries of automatic categorization. Every user-facing query goes through library.policy."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from quiver.library import policy
from quiver.library.models import Asset, AssetPage, AssetTag, Tag
from quiver.taxonomy.models import AssetFacetValue

from .matching import Texts, capped
from .models import FieldPolicy, MatchingRule, Suggestion, SuggestionStatus
from .models.field_policy import DEFAULT_AUTO_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD


def asset_texts(asset: Asset) -> Texts:
    """(page, text) pairs to match: title and description (page None), then the current version's pages."""
    texts: Texts = [(None, asset.title or ""), (None, asset.description or "")]
    if asset.current_version_id:
        texts += list(
            AssetPage.objects.filter(version_id=asset.current_version_id)
            .order_by("number")
            .values_list("number", "text")
        )
    return capped(texts)


def text_rules() -> list[MatchingRule]:
    from .models.rules import TEXT_ALGORITHMS

    return list(MatchingRule.objects.filter(algorithm__in=TEXT_ALGORITHMS).select_related("tag", "facet_value__field"))


def rules_by_target() -> tuple[dict[int, MatchingRule], dict[int, MatchingRule]]:
    """Every rule, as ({tag id: rule}, {facet value id: rule})."""
    by_tag, by_value = {}, {}
    for rule in MatchingRule.objects.select_related("tag", "facet_value__field"):
        (by_tag if rule.tag_id else by_value)[rule.tag_id or rule.facet_value_id] = rule
    return by_tag, by_value


def thresholds() -> dict[str, tuple[float, float]]:
    """{field: (auto, suggest)} for fields with a policy; `threshold_for` gives the defaults for the others."""
    return {p.field: (p.auto_threshold, p.suggest_threshold) for p in FieldPolicy.objects.all()}


def threshold_for(table: dict, field: str) -> tuple[float, float]:
    return table.get(field, (DEFAULT_AUTO_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD))


def _with_targets(qs: QuerySet) -> QuerySet:
    return qs.select_related("tag", "facet_value__field", "asset")


def pending_for_asset(user, asset: Asset) -> QuerySet:
    """Pending suggestions of one asset, best first; none for an asset the user cannot see."""
    visible = policy.visible_assets(user, Asset.objects.filter(pk=asset.pk)).values("pk")  # a subquery
    return _with_targets(Suggestion.objects.filter(asset__in=visible, status=SuggestionStatus.PENDING)).order_by(
        "-confidence", "field", "pk"
    )


def review_queue(user, filters: dict | None = None) -> QuerySet:
    """Pending suggestions on assets the user may both see and edit. Filters: field, source, asset (id),
    assets (ids), min_confidence, max_confidence, q (words of the asset title)."""
    filters = filters or {}
    assets = policy.editable_assets(user, policy.visible_assets(user))
    qs = Suggestion.objects.filter(status=SuggestionStatus.PENDING, asset__in=assets.values("pk"))
    if filters.get("field"):
        qs = qs.filter(field=filters["field"])
    if filters.get("source"):
        qs = qs.filter(source=filters["source"])
    if filters.get("asset"):
        qs = qs.filter(asset_id=filters["asset"])
    if filters.get("assets"):
        qs = qs.filter(asset_id__in=list(filters["assets"]))
    if filters.get("min_confidence") is not None:
        qs = qs.filter(confidence__gte=filters["min_confidence"])
    if filters.get("max_confidence") is not None:
        qs = qs.filter(confidence__lte=filters["max_confidence"])
    for word in str(filters.get("q") or "").split()[:8]:
        qs = qs.filter(asset__title__icontains=word)
    return _with_targets(qs).order_by("-confidence", "asset_id", "field", "pk")


def pending_count(asset_ids) -> dict[int, int]:
    """{asset id: number of pending suggestions} (assets with none are 0). Callers pass ids they may show."""
    ids = list(asset_ids)
    counts = dict(
        Suggestion.objects.filter(asset_id__in=ids, status=SuggestionStatus.PENDING)
        .values("asset_id")
        .annotate(n=Count("pk"))
        .values_list("asset_id", "n")
    )
    return {pk: counts.get(pk, 0) for pk in ids}


def automatic_assignments(asset: Asset) -> QuerySet:
    """What was applied automatically to an asset and is still there (revertible)."""
    return _with_targets(Suggestion.objects.filter(asset=asset, status=SuggestionStatus.AUTO_APPLIED)).order_by(
        "field", "pk"
    )


# --- matching rules ---------------------------------------------------------------------------------------------


def visible_tags(user) -> QuerySet:
    """Tags the user may see named: on an asset they can see, or on no asset at all (admins: every tag)."""
    tags = Tag.objects.all()
    if policy.is_admin(user):
        return tags
    through = Asset.tags.through
    visible = Asset.objects.visible_to(user).values("pk")
    on_visible = Exists(through.objects.filter(tag_id=OuterRef("pk"), asset_id__in=visible))
    on_any = Exists(through.objects.filter(tag_id=OuterRef("pk")))
    return tags.filter(on_visible | ~on_any)


def rules_for(user) -> QuerySet:
    """Matching rules the user may read: every facet value rule, and tag rules of tags they may see."""
    qs = MatchingRule.objects.select_related("tag", "facet_value__field", "updated_by")
    if not policy.is_admin(user):
        qs = qs.filter(Q(facet_value__isnull=False) | Q(tag__in=visible_tags(user)))
    return qs.order_by("pk")


def provenance(asset: Asset) -> list[dict]:
    """Every value on the asset with who or what put it there: [{field, value, source, by, at}], where `by` is a
    user name, "rule: <value>", "classifier" or "detector" ("" when not recorded). Three queries."""
    machines = {}
    for s in Suggestion.objects.filter(asset=asset, status=SuggestionStatus.AUTO_APPLIED).select_related(
        "rule__tag", "rule__facet_value"
    ):
        by = (
            s.rule.actor_name
            if s.source == "rule" and s.rule
            else ("detector" if s.source == "detector" else "classifier")
        )
        machines[("tag", s.tag_id) if s.tag_id else ("value", s.facet_value_id)] = by
    rows = []
    for link in AssetTag.objects.filter(asset=asset).select_related("tag", "assigned_by").order_by("tag__name"):
        rows.append(_origin("tags", link.tag.name, link, machines.get(("tag", link.tag_id))))
    for link in AssetFacetValue.objects.filter(asset=asset).select_related("value__field", "assigned_by"):
        rows.append(_origin(link.value.field.slug, link.value.name, link, machines.get(("value", link.value_id))))
    return rows


def _origin(field: str, value: str, link, machine: str | None) -> dict:
    by = link.assigned_by.username if link.assigned_by_id else ("" if link.source == "manual" else machine or "")
    return {"field": field, "value": value, "source": link.source, "by": by, "at": link.created_at}

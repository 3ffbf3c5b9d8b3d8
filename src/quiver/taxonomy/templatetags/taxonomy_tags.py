"""Template tags other apps include to show the taxonomy on their pages:

{% load taxonomy_tags %}
{% asset_facets_panel asset %}        on the asset page: facet values, missing required facets, edit link
{% collection_rule_panel collection %} on a collection page: manual or smart, the rule, edit link
"""

from django import template

from quiver.library import policy

from .. import selectors

register = template.Library()


@register.inclusion_tag("taxonomy/includes/asset_facets.html", takes_context=True)
def asset_facets_panel(context, asset):
    user = context["request"].user
    rows = [row for row in selectors.asset_facet_rows(asset) if row.values]
    return {
        "asset": asset,
        "rows": rows,
        "missing": selectors.missing_required_facets(asset),
        "can_edit": policy.can_edit_asset(user, asset),
        "smart_collections": list(selectors.visible_smart_collections(user, asset)),
    }


@register.inclusion_tag("taxonomy/includes/collection_rule.html", takes_context=True)
def collection_rule_panel(context, collection):
    user = context["request"].user
    rule = selectors.smart_rule(collection)
    return {
        "collection": collection,
        "rule": rule,
        "can_edit": policy.can_edit_smart_rule(user, collection),
        "conditions": selectors.describe_query(rule.query) if rule else [],
    }

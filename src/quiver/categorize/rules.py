"""Matching rules and field policies: create, change, delete (editors and admins), audited."""

from django.core.exceptions import PermissionDenied, ValidationError

from quiver.core import audit
from quiver.library import policy
from quiver.taxonomy.models import FacetField

from . import matching
from .models import FieldPolicy, MatchingAlgorithm, MatchingRule
from .targets import TAGS, resolve

RULE_FIELDS = ["algorithm", "pattern", "case_sensitive", "manual_only"]


def _require(user) -> None:
    if not policy.can_manage_matching_rules(user):
        raise PermissionDenied("You may not change matching rules.")


def _clean(rule: MatchingRule) -> None:
    if rule.algorithm not in MatchingAlgorithm.values:
        raise ValidationError({"algorithm": [f"One of: {', '.join(MatchingAlgorithm.values)}."]})
    rule.pattern = (rule.pattern or "").strip()
    matching.validate(rule.algorithm, rule.pattern, rule.case_sensitive)


def _snapshot(rule: MatchingRule) -> dict:
    return {"field": rule.field, "value": rule.value, **{f: getattr(rule, f) for f in RULE_FIELDS}}


def create_rule(
    user,
    *,
    field: str,
    value: str,
    algorithm: str = MatchingAlgorithm.LEARNED,
    pattern: str = "",
    case_sensitive: bool = False,
    manual_only: bool = False,
) -> MatchingRule:
    """The rule of one tag (created if new) or one facet value; a value has at most one rule."""
    _require(user)
    target = resolve(field, value, create_tag=(field == TAGS))
    if MatchingRule.objects.filter(**({"tag": target.tag} if target.tag else {"facet_value": target.value})).exists():
        raise ValidationError({"value": ["This value already has a matching rule: change that one."]})
    rule = MatchingRule(
        tag=target.tag,
        facet_value=target.value,
        algorithm=algorithm,
        pattern=pattern,
        case_sensitive=bool(case_sensitive),
        manual_only=bool(manual_only),
        updated_by=user,
    )
    _clean(rule)
    rule.save()
    audit.record(user, "matching_rule.create", rule, after=_snapshot(rule))
    return rule


def update_rule(user, rule: MatchingRule, **changes) -> MatchingRule:
    _require(user)
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    before = _snapshot(rule)
    for name, value in changes.items():
        if value is None:
            raise ValidationError({name: ["This field cannot be null."]})
        setattr(rule, name, value)
    _clean(rule)
    rule.updated_by = user
    rule.save()
    after = _snapshot(rule)
    if after != before:
        audit.record(user, "matching_rule.update", rule, before=before, after=after)
    return rule


def delete_rule(user, rule: MatchingRule) -> None:
    _require(user)
    audit.record(user, "matching_rule.delete", rule, before=_snapshot(rule))
    rule.delete()


def set_policy(
    user, field: str, *, auto_threshold: float | None = None, suggest_threshold: float | None = None
) -> FieldPolicy:
    """Thresholds of one field ("tags" or a facet slug): admins only."""
    if not policy.can_manage_taxonomy(user):
        raise PermissionDenied("Only administrators may change the thresholds.")
    if field != TAGS:
        if not FacetField.objects.filter(slug=field).exists():
            raise ValidationError({"field": [f"Unknown field: {field[:80]}."]})
    row, _ = FieldPolicy.objects.get_or_create(field=field)
    before = {"auto_threshold": row.auto_threshold, "suggest_threshold": row.suggest_threshold}
    if auto_threshold is not None:
        row.auto_threshold = float(auto_threshold)
    if suggest_threshold is not None:
        row.suggest_threshold = float(suggest_threshold)
    if not (0 <= row.suggest_threshold <= 1 and row.auto_threshold >= 0):
        raise ValidationError("Thresholds are between 0 and 1 (an auto threshold above 1 never applies).")
    if row.suggest_threshold > row.auto_threshold:
        raise ValidationError("The suggest threshold cannot be above the auto threshold.")
    row.save()
    audit.record(
        user,
        "field_policy.update",
        row,
        before=before,
        after={"auto_threshold": row.auto_threshold, "suggest_threshold": row.suggest_threshold},
    )
    return row

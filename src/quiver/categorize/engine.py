"""categorize_asset: gather candidate values (matching rules, the classifier, the detectors), then apply the
field's threshold policy. Applied values are marked (source rule/automatic, no assigned_by) and recorded in the
audit log under the rule's or the classifier's name; the rest above the suggest threshold wait as suggestions.

Never: a value whose rule is `none`; automatic application of a `manual_only` value; a value rejected or
reverted on this asset (its Suggestion row is the memory); replacing a single-select value already there."""

import logging
from dataclasses import dataclass, field

from django.utils import timezone

from quiver.library.models import Asset, AssetType, Tag, TagSource
from quiver.taxonomy.models import AssetFacetValue, FacetValue
from quiver.taxonomy.services import AUTOMATIC_FIELDS

from . import matching, selectors
from .models import (
    MatchingAlgorithm,
    MatchingRule,
    Suggestion,
    SuggestionSource,
    SuggestionStatus,
)
from .models.suggestion import REJECTED_STATES
from .targets import (
    CLASSIFIER,
    DETECTOR,
    Machine,
    Target,
    assign,
    assigned_keys,
    record,
)

log = logging.getLogger(__name__)

# An asset type a detector may replace automatically (what an upload gets when nobody chose).
GENERIC_TYPES = {AssetType.DOCUMENT, AssetType.OTHER, ""}
GENERIC_LANGUAGES = {"", "en"}


@dataclass
class Candidate:
    target: Target
    confidence: float
    source: str
    evidence: list = field(default_factory=list)
    page: int | None = None
    rule: MatchingRule | None = None


# --- gathering ----------------------------------------------------------------------------------------------


def _from_rules(texts, rules) -> list[Candidate]:
    out = []
    for rule in rules:
        found = matching.match(rule, texts)
        if found:
            out.append(
                Candidate(
                    Target.of(rule.tag, rule.facet_value),
                    found.confidence,
                    SuggestionSource.RULE,
                    found.evidence,
                    found.page,
                    rule,
                )
            )
    return out


def _evidence(items) -> list[dict]:
    """Evidence as JSON: [{"text", "page"}] from dicts or objects with text/page (learning.types.Evidence)."""
    out = []
    for item in list(items or [])[: matching.MAX_EVIDENCE]:
        text = item.get("text") if isinstance(item, dict) else getattr(item, "text", None)
        page = item.get("page") if isinstance(item, dict) else getattr(item, "page", None)
        if text:
            out.append({"text": str(text)[:200], "page": page if isinstance(page, int) else None})
    return out


def _lookup(predictions) -> tuple[dict, dict]:
    """Tags and facet values named by predictions, in two queries."""
    tag_names = {p.value.lower() for p in predictions if p.field == "tags"}
    tags = {t.name.lower(): t for t in Tag.objects.filter(name__in={p.value for p in predictions if p.field == "tags"})}
    if len(tags) < len(tag_names):
        for t in Tag.objects.all().only("pk", "name", "slug"):
            tags.setdefault(t.name.lower(), t)
    fields = {p.field for p in predictions if p.field != "tags"}
    values = {
        (v.field.slug, v.name.lower()): v
        for v in FacetValue.objects.filter(field__slug__in=fields).select_related("field")
    }
    values.update({(v.field.slug, v.slug): v for v in values.values()})
    return tags, values


def _from_learning(asset: Asset) -> list[Candidate]:
    try:
        from . import learning

        predict = getattr(learning, "predict", None)  # the package may be half-built
        predictions = list(predict([asset]).get(asset.pk, [])) if predict else []
    except ImportError:
        return []
    except Exception:
        log.exception("learning.predict failed for asset %s", asset.pk)
        return []
    if not predictions:
        return []
    tags, values = _lookup(predictions)
    out = []
    for p in predictions:
        if p.field == "tags":
            tag = tags.get(str(p.value).lower())
            target = Target.of(tag=tag) if tag else None
        else:
            value = values.get((p.field, str(p.value).lower())) or values.get((p.field, str(p.value)))
            target = Target.of(value=value) if value else None
        if target is not None:
            out.append(Candidate(target, float(p.confidence), SuggestionSource.LEARNED, _evidence(p.evidence), p.page))
    return out


def _detector_value(field_slug: str, slug: str) -> FacetValue | None:
    return (
        FacetValue.objects.filter(field__slug=field_slug, slug=slug).select_related("field").first() if slug else None
    )


def _from_detectors(asset: Asset) -> list[Candidate]:
    try:
        from . import detect

        analyse = getattr(detect, "analyse", None)
        signals = analyse(asset) if analyse else None
    except ImportError:
        return []
    except Exception:
        log.exception("detect.analyse failed for asset %s", asset.pk)
        return []
    if signals is None:
        return []
    out = []
    value = _detector_value("language", signals.language)
    if value is not None:
        out.append(
            Candidate(
                Target.of(value=value),
                float(signals.language_confidence),
                SuggestionSource.DETECTOR,
                [{"text": f"language detected: {value.name}", "page": None}],
            )
        )
    value = _detector_value("asset-type", signals.detected_type)
    if value is not None:
        best = (signals.type_evidence or [{}])[0] if isinstance(signals.type_evidence, list) else {}
        evidence = _evidence(best.get("evidence")) if isinstance(best, dict) else []
        pages = [e["page"] for e in evidence if e["page"]]
        out.append(
            Candidate(
                Target.of(value=value),
                float(signals.type_confidence),
                SuggestionSource.DETECTOR,
                evidence,
                pages[0] if pages else None,
            )
        )
    return out


def _keep_best(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per value (the most confident; a rule wins a tie), best first."""
    best: dict = {}
    for c in candidates:
        old = best.get(c.target.key)
        if old is None or (c.confidence, c.source == SuggestionSource.RULE) > (
            old.confidence,
            old.source == SuggestionSource.RULE,
        ):
            best[c.target.key] = c
    return sorted(best.values(), key=lambda c: (-c.confidence, c.target.field, c.target.name))


def gather(asset: Asset, *, learned: bool = True, detectors: bool = True, rules=None) -> list[Candidate]:
    by_tag, by_value = selectors.rules_by_target()
    from .models.rules import TEXT_ALGORITHMS

    text_rules = [
        r
        for r in (rules if rules is not None else [*by_tag.values(), *by_value.values()])
        if r.algorithm in TEXT_ALGORITHMS
    ]
    candidates = _from_rules(selectors.asset_texts(asset), text_rules) if text_rules else []
    others = (_from_learning(asset) if learned else []) + (_from_detectors(asset) if detectors else [])
    for c in others:
        rule = (by_tag if c.target.tag else by_value).get(c.target.tag.pk if c.target.tag else c.target.value.pk)
        if rule is not None and rule.algorithm != MatchingAlgorithm.LEARNED and c.source == SuggestionSource.LEARNED:
            continue  # a value with a text rule (or none) is not learned
        if rule is not None and rule.algorithm == MatchingAlgorithm.NONE:
            continue
        c.rule = rule
        candidates.append(c)
    return _keep_best(candidates)


# --- deciding -------------------------------------------------------------------------------------------------


def _may_apply(asset: Asset, c: Candidate, auto: float, taken_fields: set[str]) -> bool:
    """`taken_fields`: single-select fields that already hold a value (or got one in this run)."""
    if c.confidence < auto or (c.rule is not None and c.rule.manual_only):
        return False
    if not c.target.single:
        return True
    if c.target.attribute == "asset_type":
        return asset.asset_type in GENERIC_TYPES and c.target.field not in taken_fields
    if c.target.attribute == "language":
        return asset.language in GENERIC_LANGUAGES and c.target.field not in taken_fields
    return c.target.field not in taken_fields


def _actor(c: Candidate) -> Machine:
    if c.source == SuggestionSource.RULE and c.rule is not None:
        return Machine(c.rule.actor_name)
    return DETECTOR if c.source == SuggestionSource.DETECTOR else CLASSIFIER


def decide(asset: Asset, candidates: list[Candidate], sources=tuple(SuggestionSource.values)) -> list[Suggestion]:
    """Apply or suggest each candidate; pending suggestions of `sources` not made again are dropped (stale)."""
    existing = {
        (("tag", s.tag_id) if s.tag_id else ("value", s.facet_value_id)): s
        for s in Suggestion.objects.filter(asset=asset)
    }
    assigned = assigned_keys(asset)
    table = selectors.thresholds()
    taken_fields = set(
        AssetFacetValue.objects.filter(asset=asset)
        .exclude(value__field__slug__in=AUTOMATIC_FIELDS)
        .values_list("value__field__slug", flat=True)
    )
    produced, out = set(), []
    for c in candidates:
        key, row = c.target.key, existing.get(c.target.key)
        if (
            row is not None
            and key not in assigned
            and row.status in (SuggestionStatus.AUTO_APPLIED, SuggestionStatus.ACCEPTED)
        ):
            row.status = SuggestionStatus.REVERTED  # someone took it off by hand since: remember that
            row.save(update_fields=["status", "updated_at"])
            from .services import mark_dirty

            mark_dirty()  # a refused label: the classifier learns from it
        if (row is not None and row.status in REJECTED_STATES) or key in assigned:
            continue
        auto, suggest = selectors.threshold_for(table, c.target.field)
        if c.confidence < suggest:
            continue
        produced.add(key)
        row = row or Suggestion(asset=asset, field=c.target.field, **c.target.suggestion_kwargs())
        row.confidence, row.evidence, row.page = round(float(c.confidence), 4), c.evidence, c.page
        row.source, row.rule = c.source, c.rule
        if _may_apply(asset, c, auto, taken_fields):
            source = TagSource.RULE if c.source == SuggestionSource.RULE else TagSource.AUTOMATIC
            actor = _actor(c)
            row.replaced = assign(actor, asset, c.target, source=source)
            row.status, row.decided_at = SuggestionStatus.AUTO_APPLIED, timezone.now()
            record(
                actor,
                asset,
                "categorize.apply",
                c.target,
                source=source,
                confidence=row.confidence,
                evidence=c.evidence[:3],
                replaced=row.replaced,
            )
            assigned[key] = source
        else:
            row.status = SuggestionStatus.PENDING
        if c.target.single:
            taken_fields.add(c.target.field)
        row.save()
        out.append(row)
    stale = [
        s.pk
        for k, s in existing.items()
        if s.status == SuggestionStatus.PENDING and s.source in sources and k not in produced
    ]
    Suggestion.objects.filter(pk__in=stale).delete()
    return out


def categorize_asset(asset: Asset, *, learned: bool = True, detectors: bool = True, rules=None) -> list[Suggestion]:
    """Run everything on one asset; returns the suggestions made or applied in this run."""
    sources = [SuggestionSource.RULE] + [SuggestionSource.LEARNED] * learned + [SuggestionSource.DETECTOR] * detectors
    return decide(asset, gather(asset, learned=learned, detectors=detectors, rules=rules), sources)

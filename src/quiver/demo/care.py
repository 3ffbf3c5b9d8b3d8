"""The demo library's upkeep: verifiers and verification dates, expiries with their replacements, internal-only
pricing sheets, an approver group and drafts waiting for its decision, and matching rules on a few values, so
the review queue, the lifecycle panels and the suggestions have something to show on first start.

Deterministic for a seed; dates are relative to `now` (the demo always has overdue and expiring assets)."""

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from quiver.accounts.services import create_group
from quiver.categorize.models import MatchingAlgorithm, MatchingRule
from quiver.library.models import Asset, AssetStatus, AssetType
from quiver.lifecycle.models import ApprovalPolicy
from quiver.lifecycle.services import approval
from quiver.taxonomy.models import FacetValue

APPROVERS = "Content approvers"
# (facet slug, value name, algorithm, pattern): what a marketing team would write first.
RULES = [
    ("industry", "Healthcare", MatchingAlgorithm.ANY, "hospital hospitals clinical patient patients HIPAA"),
    ("industry", "Financial services", MatchingAlgorithm.ANY, "bank banks banking insurer insurance"),
    ("industry", "Retail", MatchingAlgorithm.ANY, "retailer retailers stores shoppers"),
    ("topic", "Security", MatchingAlgorithm.REGEX, r"\b(SOC ?2|ISO ?27001|encryption|single sign-on)\b"),
    ("topic", "Compliance", MatchingAlgorithm.EXACT, "audit trail"),
    ("topic", "Pricing", MatchingAlgorithm.ANY, "pricing price list discount"),
]


def assign_demo_care(users: dict, seed: int, now=None) -> None:
    rng = random.Random(seed * 31 + 5)
    now = now or timezone.now()
    assets = list(Asset.objects.filter(deleted_at__isnull=True).order_by("pk"))
    _verification(assets, [users[n] for n in ("maria", "sam", "jun")], rng, now)
    _expiry(assets, rng, now)
    _approvals(users, assets)
    _rules(users["admin"])


def _verification(assets, editors, rng, now) -> None:
    today = now.date()
    for asset in assets:
        asset.verifier = rng.choice(editors)
        draw = rng.random()
        if draw < 0.12:  # overdue
            until = today - timedelta(days=rng.randint(1, 60))
        elif draw < 0.24:  # due within two weeks
            until = today + timedelta(days=rng.randint(0, 14))
        else:
            until = today + timedelta(days=rng.randint(30, 170))
        asset.verified_until = until
        asset.verified_at = now - timedelta(days=rng.randint(20, 200))
    Asset.objects.bulk_update(assets, ["verifier", "verified_until", "verified_at"], batch_size=200)


def _expiry(assets, rng, now) -> None:
    """Old pricing sheets and datasheets expired, each replaced by the newest of its type; a few expire soon."""
    published = [a for a in assets if a.status == AssetStatus.PUBLISHED]
    changed = []
    for kind in (AssetType.PRICING, AssetType.DATASHEET):
        of_kind = sorted((a for a in published if a.asset_type == kind), key=lambda a: a.created_at)
        if len(of_kind) < 3:
            continue
        newest = of_kind[-1]
        for old in of_kind[:2]:
            old.expires_at = now - timedelta(days=rng.randint(5, 90))
            old.replaced_by = newest
            changed.append(old)
    fresh = [a for a in published if a.expires_at is None and a.asset_type in (AssetType.ONE_PAGER, AssetType.DECK)]
    for asset in rng.sample(fresh, min(3, len(fresh))):
        asset.expires_at = now + timedelta(days=rng.randint(3, 20))
        changed.append(asset)
    for asset in published:
        if asset.asset_type == AssetType.PRICING:
            asset.internal_only = True
            changed.append(asset)
    Asset.objects.bulk_update(changed, ["expires_at", "replaced_by", "internal_only"], batch_size=200)


def _approvals(users, assets) -> None:
    group = Group.objects.filter(name=APPROVERS).first() or create_group(APPROVERS)
    for name in ("maria", "sam"):
        users[name].groups.add(group)
    ApprovalPolicy.objects.get_or_create(collection=None, defaults={"approvers": group})
    drafts = [a for a in assets if a.status == AssetStatus.DRAFT][:2]
    for asset in drafts:
        submitter = users["jun"] if asset.owner_id == users["jun"].pk else asset.owner or users["jun"]
        approval.submit_for_review(submitter, asset, "Ready for a look: refreshed with this quarter's figures.")


def _rules(admin) -> None:
    for field, name, algorithm, pattern in RULES:
        value = FacetValue.objects.filter(field__slug=field, name=name).first()
        if value is not None:
            MatchingRule.objects.get_or_create(
                facet_value=value, defaults={"algorithm": algorithm, "pattern": pattern, "updated_by": admin}
            )

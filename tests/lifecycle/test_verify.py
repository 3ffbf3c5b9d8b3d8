"""Verification ("verified until") and the review cadence: collection, then asset type, then 180 days."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from quiver.library import services as library
from quiver.lifecycle import services
from quiver.lifecycle.models import ReviewCadence

from .conftest import T0


def test_default_cadence_is_180_days(published, editor, events):
    assert services.cadence_days(published) == 180
    until = services.verify(editor, published, "Checked the numbers", now=T0)
    published.refresh_from_db()
    assert until == date(2026, 8, 29) == published.verified_until  # 2026-03-02 + 180 days
    assert published.verified_at == T0
    assert events[-1][0] == "verified" and events[-1][3]["cadence_days"] == 180


def test_the_most_specific_cadence_wins(published, editor, admin_user, root):
    ReviewCadence.objects.create(asset_type="document", days=90)
    assert services.cadence_days(published) == 90  # its asset type
    ReviewCadence.objects.create(collection=root, days=60)
    assert services.cadence_days(published) == 60  # its collection beats its type
    sub = library.create_collection(admin_user, name="Battlecards", parent=root)
    ReviewCadence.objects.create(collection=sub, days=30)
    published.collections.set([sub])
    assert services.cadence_days(published) == 30  # the nearest collection up the tree
    other = library.create_collection(admin_user, name="Other", parent=None)
    ReviewCadence.objects.create(collection=other, days=45)
    published.collections.add(other)
    assert services.cadence_days(published) == 30  # in several: the strictest
    assert services.verify(editor, published, now=T0) == date(2026, 4, 1)  # 2026-03-02 + 30


def test_verify_again_extends_from_that_day(published, editor):
    ReviewCadence.objects.create(asset_type="document", days=10)
    services.verify(editor, published, now=T0)
    later = T0.replace(day=9)
    assert services.verify(editor, published, now=later) == date(2026, 3, 19)


def test_who_may_verify(published, editor, viewer):
    with pytest.raises(PermissionDenied):
        services.verify(viewer, published)
    services.set_stewards(editor, published, verifier=viewer)  # a salesperson named as the expert
    services.verify(viewer, published, now=T0)
    published.refresh_from_db()
    assert published.verified_until == date(2026, 8, 29)


def test_a_verifier_must_see_the_asset(draft, editor, viewer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.set_stewards(editor, draft, verifier=viewer)  # viewers do not see drafts

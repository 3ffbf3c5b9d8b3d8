"""Each signal at its boundary dates, with a fixed clock (`now` passed explicitly)."""

import datetime as dt

import pytest

from quiver.library.models import AssetStatus, AssetType
from quiver.reviews.reasons import Context
from quiver.taxonomy.models import AssetFacetValue, FacetField, FacetValue

from .conftest import LONG_AGO, NOW
from .helpers import flagged, reasons, used

TODAY = NOW.date()
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def thresholds(settings):
    settings.QUIVER_REVIEW_VERIFY_DUE_DAYS = 14
    settings.QUIVER_EXPIRING_DAYS = 30
    settings.QUIVER_REVIEW_UNUSED_DAYS = 90
    settings.QUIVER_REVIEW_MIN_TAGS = 2


def test_context_reads_the_settings(settings):
    settings.QUIVER_REVIEW_UNUSED_DAYS = 7
    assert Context.at(NOW).unused_days == 7
    assert Context.at(NOW).today == TODAY


def test_verification_overdue_from_the_day_after_verified_until(make, editor):
    yesterday = make(verified_until=TODAY - DAY)
    today = make(verified_until=TODAY)
    never = make()  # no verification cadence set: not flagged
    assert flagged(editor, "verification_overdue", NOW) == {yesterday.pk}
    assert reasons(editor, yesterday, NOW)["verification_overdue"] == "Verified until Jun 14, 2026: overdue by 1 day"
    assert "verification_overdue" not in reasons(editor, today, NOW)
    assert reasons(editor, never, NOW) == {}


def test_verification_due_within_n_days(make, editor):
    today = make(verified_until=TODAY)
    last_day = make(verified_until=TODAY + 14 * DAY)
    make(verified_until=TODAY + 15 * DAY)
    make(verified_until=TODAY - DAY)  # overdue, not "due"
    assert flagged(editor, "verification_due", NOW) == {today.pk, last_day.pk}
    assert reasons(editor, today, NOW)["verification_due"] == "Verification due today (Jun 15, 2026)"
    assert reasons(editor, last_day, NOW)["verification_due"] == "Verification due in 14 days (Jun 29, 2026)"


def test_verification_due_follows_the_setting(make, editor, settings):
    asset = make(verified_until=TODAY + 20 * DAY)
    assert flagged(editor, "verification_due", NOW) == set()
    settings.QUIVER_REVIEW_VERIFY_DUE_DAYS = 20
    assert flagged(editor, "verification_due", NOW) == {asset.pk}


def test_expiring_within_n_days_and_expired_from_the_instant(make, editor):
    at_now = make(expires_at=NOW)
    next_second = make(expires_at=NOW + dt.timedelta(seconds=1))
    last_instant = make(expires_at=NOW + 30 * DAY)
    make(expires_at=NOW + 30 * DAY + dt.timedelta(seconds=1))
    assert flagged(editor, "expiring", NOW) == {next_second.pk, last_instant.pk}
    assert flagged(editor, "expired", NOW) == {at_now.pk}
    assert reasons(editor, last_instant, NOW)["expiring"] == "Expires in 30 days (Jul 15, 2026)"
    assert reasons(editor, at_now, NOW) == {"expired": "Expired on Jun 15, 2026"}


def test_expired_names_its_replacement_when_the_reviewer_may_see_it(make, editor, admin_user, secret):
    new = make("Pricing 2026")
    old = make("Pricing 2025", expires_at=NOW - DAY, replaced_by=new)
    assert reasons(editor, old, NOW)["expired"] == "Expired on Jun 14, 2026; replaced by “Pricing 2026”"
    hidden = make("Board pricing", actor=admin_user, collections=[secret])
    old.replaced_by = hidden
    old.save(update_fields=["replaced_by"])
    assert reasons(editor, old, NOW)["expired"] == "Expired on Jun 14, 2026"
    assert reasons(admin_user, old, NOW)["expired"] == "Expired on Jun 14, 2026; replaced by “Board pricing”"


def test_unused_at_exactly_n_days_but_not_n_minus_one(make, editor):
    quiet = make(created_at=NOW - 90 * DAY)  # old enough, never used
    too_new = make(created_at=NOW - 89 * DAY)
    last_used_n_days_ago = make(created_at=LONG_AGO)
    used(last_used_n_days_ago, NOW - 90 * DAY, "download")
    used_n_minus_one_days_ago = make(created_at=LONG_AGO)
    used(used_n_minus_one_days_ago, NOW - 89 * DAY, "preview")
    assert flagged(editor, "unused", NOW) == {quiet.pk, last_used_n_days_ago.pk}
    assert too_new.pk not in flagged(editor, "unused", NOW)
    assert reasons(editor, quiet, NOW)["unused"] == "No views or downloads in 90 days (never used)"
    assert (
        reasons(editor, last_used_n_days_ago, NOW)["unused"]
        == "No views or downloads in 90 days (last used Mar 17, 2026)"
    )


@pytest.mark.parametrize("kind", ["view", "preview", "download", "open_link"])
def test_every_kind_of_use_counts(make, editor, kind):
    asset = make(created_at=LONG_AGO)
    used(asset, NOW - DAY, kind)
    assert asset.pk not in flagged(editor, "unused", NOW)


def test_unused_only_for_published_assets(make, editor):
    draft = make(status=AssetStatus.DRAFT, created_at=LONG_AGO)
    assert draft.pk not in flagged(editor, "unused", NOW)


def test_unused_with_a_shorter_window(make, editor, settings):
    asset = make(created_at=LONG_AGO)
    used(asset, NOW - 10 * DAY)
    assert asset.pk not in flagged(editor, "unused", NOW)
    settings.QUIVER_REVIEW_UNUSED_DAYS = 10
    assert asset.pk in flagged(editor, "unused", NOW)


def test_poorly_categorized_fewer_than_k_tags(make, editor, settings):
    one_tag = make(tags=["solo"])
    untagged = make(tags=[])
    make(tags=["a", "b"])
    assert flagged(editor, "categorization", NOW) == {one_tag.pk, untagged.pk}
    assert reasons(editor, one_tag, NOW)["categorization"] == "1 tag (fewer than 2)"
    settings.QUIVER_REVIEW_MIN_TAGS = 3
    assert len(flagged(editor, "categorization", NOW)) == 3


def test_poorly_categorized_required_facet_missing_for_its_type(make, editor):
    FacetField.objects.exclude(slug="industry").update(required_for=[])  # only Industry is required here
    industry = FacetField.objects.get(slug="industry")
    assert industry.required_for == ["case_study"]
    case = make(asset_type=AssetType.CASE_STUDY)
    filed = make(asset_type=AssetType.CASE_STUDY)
    AssetFacetValue.objects.create(asset=filed, value=FacetValue.objects.get(field=industry, name="Retail"))
    other_type = make(asset_type=AssetType.IMAGE)
    assert case.pk in flagged(editor, "categorization", NOW)
    assert filed.pk not in flagged(editor, "categorization", NOW)
    assert other_type.pk not in flagged(editor, "categorization", NOW)
    assert reasons(editor, case, NOW)["categorization"] == "Missing required Industry"
    industry.required_for = []
    industry.save()
    assert case.pk not in flagged(editor, "categorization", NOW)


def test_archived_trashed_and_merged_assets_are_never_in_the_queue(make, editor):
    archived = make(status=AssetStatus.ARCHIVED, expires_at=NOW - DAY)
    trashed = make(deleted_at=NOW - DAY, expires_at=NOW - DAY)
    live = make(expires_at=NOW - DAY)
    make(merged_into=live, expires_at=NOW - DAY)
    assert flagged(editor, "expired", NOW) == {live.pk}
    assert archived.pk not in flagged(editor, "expired", NOW) and trashed.pk not in flagged(editor, "expired", NOW)


def test_poorly_categorized_names_every_missing_field_and_the_tag_shortage(make, editor):
    FacetField.objects.filter(slug__in=["industry", "persona"]).update(required_for=["case_study"])
    case = make(asset_type=AssetType.CASE_STUDY, tags=["one"])
    FacetField.objects.exclude(slug__in=["industry", "persona"]).update(required_for=[])
    assert reasons(editor, case, NOW)["categorization"] == "Missing required Industry, Persona; 1 tag (fewer than 2)"

"""Add as new version (nothing lost, audited) and keep both; who may decide."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quiver.core.models import AuditEntry
from quiver.demo.files import make_pdf
from quiver.library import services as library
from quiver.library.models import Asset
from quiver.similarity import selectors, services
from quiver.similarity.models import DuplicateFlag, Fingerprint, FlagStatus

PAGES = [
    "Corvana Ledger overview\nClose the books in days, not weeks, with automated reconciliation across "
    "every entity and currency, approvals and an audit trail auditors can self-serve.",
    "Proof\nCustomers close four days faster on average and pass audits with fewer findings.",
]


@pytest.fixture
def pair(ingest, editor, root):
    data = make_pdf(PAGES)
    original = ingest(editor, data, "ledger.pdf", [root], title="Ledger overview")
    upload = ingest(editor, data, "ledger-copy.pdf", [root], title="Ledger overview (copy)")
    library.update_asset(editor, upload, tags=["emea"])
    return original, upload, DuplicateFlag.objects.get(asset=upload, twin=original)


def test_add_as_new_version_keeps_everything(pair, editor, django_capture_on_commit_callbacks):
    original, upload, flag = pair
    source = upload.current_version
    pages = list(source.pages.values_list("number", "text"))
    with django_capture_on_commit_callbacks(execute=True):
        version = services.add_as_new_version(editor, upload, original)
    original.refresh_from_db()
    upload.refresh_from_db()
    assert version.pk == source.pk and original.current_version_id == source.pk  # the upload's file, not a copy
    assert list(original.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert version.number == 2 and version.status == "ready"
    assert list(version.pages.values_list("number", "text")) == pages  # its text came along, nothing re-parsed
    assert Fingerprint.objects.filter(version=version).exists()
    assert upload.merged_into_id == original.pk  # the upload's row stays and its URL leads to the twin
    assert "emea" in {t.name for t in original.tags.all()}
    flag.refresh_from_db()
    assert flag.status == FlagStatus.MERGED and flag.decided_by == editor
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"duplicate.add_as_new_version", "asset.merge", "asset.merged_from"} <= actions
    assert not DuplicateFlag.objects.filter(status=FlagStatus.OPEN).exists()


def test_keep_both_is_remembered(pair, editor, upload, django_capture_on_commit_callbacks):
    original, dup, flag = pair
    services.dismiss(editor, flag)
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DISMISSED
    with django_capture_on_commit_callbacks(execute=True):  # the same file again: still no new flag for the pair
        library.add_version(editor, dup, upload(make_pdf(PAGES), "again.pdf"))
    assert DuplicateFlag.objects.get(pk=flag.pk).status == FlagStatus.DISMISSED
    assert not selectors.open_flags(editor).exists()
    assert AuditEntry.objects.filter(action="duplicate.dismiss", object_id=str(dup.pk)).exists()


def test_viewer_may_not_decide(pair, viewer):
    original, upload, flag = pair
    with pytest.raises(PermissionDenied):
        services.dismiss(viewer, flag)
    with pytest.raises(PermissionDenied):
        services.add_as_new_version(viewer, upload, original)
    assert DuplicateFlag.objects.get(pk=flag.pk).status == FlagStatus.OPEN


def test_an_asset_cannot_become_its_own_version(pair, editor):
    original, _, _ = pair
    with pytest.raises(ValidationError):
        services.add_as_new_version(editor, original, original)


def test_merged_assets_leave_the_queue(pair, editor):
    original, upload, flag = pair
    Asset.objects.filter(pk=upload.pk).update(merged_into=original)
    assert not selectors.open_flags(editor).exists()
    assert not selectors.duplicates_of(original, editor).exists()

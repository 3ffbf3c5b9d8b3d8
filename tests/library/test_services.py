import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import override_settings

from quiver.core.models import AuditEntry
from quiver.library import services
from quiver.library.models import AssetStatus, AssetVersion
from quiver.library.storage import original_name
from tests.factories import make_pdf


def _file(data: bytes, name: str):
    buf = io.BytesIO(data)
    buf.name = name
    return buf


def test_original_is_stored_content_addressed_before_parsing(root, editor):
    data = make_pdf(["Hello pricing", "Second page"])
    asset = services.create_asset(editor, file=_file(data, "deck.pdf"), collections=[root])
    version = asset.current_version
    assert version.file.name == original_name(version.sha256)
    assert default_storage.open(version.file.name).read() == data
    assert asset.title == "deck"


def test_same_bytes_share_one_stored_original(root, editor):
    data = make_pdf(["Same"])
    a = services.create_asset(editor, file=_file(data, "a.pdf"), collections=[root])
    b = services.create_asset(editor, file=_file(data, "b.pdf"), collections=[root])
    assert a.current_version.file.name == b.current_version.file.name
    assert AssetVersion.objects.filter(sha256=a.current_version.sha256).count() == 2


def test_empty_and_oversized_files_are_refused_and_nothing_is_created(root, editor):
    from quiver.library.models import Asset

    with pytest.raises(ValidationError, match="empty"):
        services.create_asset(editor, file=_file(b"", "e.pdf"), collections=[root])
    with override_settings(QUIVER_MAX_UPLOAD_BYTES=10), pytest.raises(ValidationError, match="larger"):
        services.create_asset(editor, file=_file(b"x" * 11, "big.txt"), collections=[root])
    assert not Asset.objects.filter(title__in=["e", "big"]).exists()


def test_new_version_keeps_asset_and_history(root, editor):
    asset = services.create_asset(editor, file=_file(make_pdf(["v1"]), "x.pdf"), collections=[root])
    v2 = services.add_version(editor, asset, _file(make_pdf(["v2"]), "x2.pdf"), change_note="new prices")
    asset.refresh_from_db()
    assert asset.current_version == v2 and v2.number == 2
    assert list(asset.versions.values_list("number", flat=True)) == [2, 1]
    assert AuditEntry.objects.filter(object_type="asset", object_id=str(asset.pk), action="asset.version").exists()


def test_update_records_before_and_after(root, editor):
    asset = services.create_asset(editor, title="Old", link_url="https://example.com", collections=[root])
    services.update_asset(editor, asset, title="New", tags=["pricing", "EMEA"])
    entry = AuditEntry.objects.filter(action="asset.update").get()
    assert entry.before["title"] == "Old" and entry.after["title"] == "New"
    assert entry.after["tags"] == ["EMEA", "pricing"]
    assert entry.actor == editor


def test_archive_and_restore_are_reversible(root, editor):
    asset = services.create_asset(editor, title="A", link_url="https://example.com", collections=[root])
    services.archive_asset(editor, asset)
    assert asset.status == AssetStatus.ARCHIVED
    services.restore_asset(editor, asset)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.PUBLISHED


def test_hostile_filename_is_display_text_only(root, editor):
    asset = services.create_asset(editor, file=_file(b"plain text", "../../etc/passwd\x00.txt"), collections=[root])
    version = asset.current_version
    assert "/" not in version.original_filename and "\x00" not in version.original_filename
    assert version.file.name.startswith("originals/")


def test_audit_entries_are_append_only(root, editor):
    services.create_asset(editor, title="A", link_url="https://example.com", collections=[root])
    entry = AuditEntry.objects.first()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()

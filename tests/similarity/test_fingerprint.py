"""Exact and near-duplicates found on real files through the real ingest pipeline."""

from quiver.demo.files import make_docx, make_pdf
from quiver.similarity import minhash, selectors
from quiver.similarity.models import DuplicateFlag, Fingerprint, FingerprintBand

from .conftest import corpus_pdf, cranfield_abstracts


def _docx(title: str, paragraphs: list[str]) -> bytes:
    return make_docx(title, [(f"Section {i + 1}", p) for i, p in enumerate(paragraphs)])


def test_exact_copy_of_a_real_pdf_is_flagged_at_once(ingest, editor, root):
    data = corpus_pdf()
    first = ingest(editor, data, "layout-parser.pdf", [root], title="Layout parser paper")
    second = ingest(editor, data, "copy.pdf", [root], title="Paper again")
    flag = DuplicateFlag.objects.get()
    assert (flag.asset_id, flag.twin_id, flag.kind, flag.score) == (second.pk, first.pk, "exact", 1.0)
    assert flag.version_id == second.current_version_id and flag.twin_version_id == first.current_version_id
    assert Fingerprint.objects.filter(version=second.current_version).exists()


def test_near_copy_with_one_paragraph_changed_is_flagged(ingest, editor, root):
    paragraphs = cranfield_abstracts(14)  # 12 real abstracts, ~2,000 words
    original = ingest(editor, _docx("Aerodynamics notes", paragraphs[:12]), "notes.docx", [root])
    changed = list(paragraphs[:12])
    changed[2] = paragraphs[13]  # one paragraph (78 words) replaced by another real one (144 words)
    copy = ingest(editor, _docx("Aerodynamics notes (edited)", changed), "notes-v2.docx", [root])
    flag = DuplicateFlag.objects.get()
    assert (flag.asset_id, flag.twin_id, flag.kind) == (copy.pk, original.pk, "near")
    assert 0.8 <= flag.score < 1.0
    assert list(selectors.duplicates_of(original)) == [flag]


def test_different_documents_are_not_flagged(ingest, editor, root):
    paragraphs = cranfield_abstracts(20)
    ingest(editor, _docx("First", paragraphs[:10]), "a.docx", [root])
    ingest(editor, _docx("Second", paragraphs[10:]), "b.docx", [root])
    assert not DuplicateFlag.objects.exists()


def test_same_text_in_a_pdf_and_a_docx_is_a_near_duplicate(ingest, editor, root):
    paragraphs = cranfield_abstracts(6)
    ingest(editor, make_pdf([f"Page {i}\n{p}" for i, p in enumerate(paragraphs)]), "study.pdf", [root])
    ingest(editor, _docx("Study", paragraphs), "study.docx", [root])
    flag = DuplicateFlag.objects.get()
    assert flag.kind == "near" and flag.score >= 0.8


def test_a_new_version_of_the_same_asset_is_not_its_own_duplicate(
    ingest, editor, root, upload, django_capture_on_commit_callbacks
):
    from quiver.library import services

    paragraphs = cranfield_abstracts(8)
    asset = ingest(editor, _docx("Notes", paragraphs), "notes.docx", [root])
    with django_capture_on_commit_callbacks(execute=True):
        services.add_version(editor, asset, upload(_docx("Notes", paragraphs), "notes.docx"))
    assert not DuplicateFlag.objects.exists()


def test_a_stale_open_flag_goes_when_the_upload_changes(
    ingest, editor, root, upload, django_capture_on_commit_callbacks
):
    from quiver.library import services

    paragraphs = cranfield_abstracts(20)
    ingest(editor, _docx("Notes", paragraphs[:10]), "notes.docx", [root])
    copy = ingest(editor, _docx("Notes", paragraphs[:10]), "notes-copy.docx", [root])
    assert DuplicateFlag.objects.filter(asset=copy).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_version(editor, copy, upload(_docx("Other", paragraphs[10:]), "other.docx"))
    assert not DuplicateFlag.objects.exists()


def test_lsh_bands_are_stored_and_short_texts_are_not_indexed(ingest, editor, root):
    asset = ingest(editor, make_pdf(["Tiny"]), "tiny.pdf", [root])
    fingerprint = Fingerprint.objects.get(version=asset.current_version)
    assert fingerprint.shingles < minhash.MIN_SHINGLES and not fingerprint.bands.exists()
    paragraphs = cranfield_abstracts(3)
    asset = ingest(editor, _docx("Long", paragraphs), "long.docx", [root])
    assert FingerprintBand.objects.filter(fingerprint__version=asset.current_version).count() == minhash.BANDS


def test_minhash_estimate_tracks_true_jaccard():
    paragraphs = cranfield_abstracts(10)
    a, b = " ".join(paragraphs[:10]), " ".join(paragraphs[:9] + [paragraphs[0]])
    sa, sb = minhash.shingles(a), minhash.shingles(b)
    true = len(sa & sb) / len(sa | sb)
    estimate = minhash.jaccard(minhash.signature(a)[0], minhash.signature(b)[0])
    assert abs(true - estimate) < 0.12


def test_backfill_fingerprints_an_existing_library(editor, root, upload):
    """Assets stored without any task running (as before quiver.similarity): the hourly backfill finds them."""
    from django.utils import timezone

    from quiver.core.periodic import run_due
    from quiver.library import services
    from quiver.library.models import AssetVersion
    from quiver.similarity.services import backfill

    paragraphs = cranfield_abstracts(6)
    data = _docx("Notes", paragraphs)
    first = services.create_asset(editor, file=upload(data, "a.docx"), collections=[root], enqueue=False)
    second = services.create_asset(editor, file=upload(data, "b.docx"), collections=[root], enqueue=False)
    for asset in (first, second):
        asset.current_version.pages.create(number=1, text="\n".join(paragraphs))
    AssetVersion.objects.update(status="ready")
    assert not Fingerprint.objects.exists() and not DuplicateFlag.objects.exists()
    assert "similarity.backfill" in run_due(now=timezone.now())  # the periodic job (ImmediateBackend: runs now)
    assert Fingerprint.objects.count() == 2
    flag = DuplicateFlag.objects.get()
    assert (flag.asset_id, flag.twin_id, flag.kind) == (second.pk, first.pk, "exact")
    assert backfill()["versions"] == 0  # nothing missing any more

"""Key phrases (YAKE) with the page where each occurs, and `detect.analyse` storing the signals of an asset
processed by the real ingest pipeline."""

from quiver.categorize import detect
from quiver.categorize.models import AssetSignals
from quiver.demo.files import make_pptx
from quiver.library import services

SLIDES = [
    (
        "Automated bank reconciliation",
        ["Bank reconciliation runs every night", "Automated bank reconciliation across entities"],
    ),
    ("Close checklist", ["A close checklist with owners and due dates", "Variance analysis"]),
    (
        "Audit trail",
        ["An audit trail that auditors can self-serve", "Evidence packs for the audit trail", "Audit trail exports"],
    ),
]


def test_key_phrases_carry_their_page():
    pages = [(n, f"{title}\n" + "\n".join(bullets)) for n, (title, bullets) in enumerate(SLIDES, 1)]
    phrases = detect.key_phrases(pages)
    assert phrases and all(0 < score <= 1 for _, score, _ in phrases)
    by_phrase = {p.lower(): page for p, _, page in phrases}
    assert by_phrase.get("audit trail") == 3
    assert (
        any("reconciliation" in p for p in by_phrase)
        and by_phrase[next(p for p in by_phrase if "reconciliation" in p)] == 1
    )


def test_no_text_no_phrases():
    assert detect.key_phrases([]) == [] and detect.key_phrases([(1, "Hi")]) == []


def test_analyse_stores_signals_of_an_ingested_deck(editor, root, upload, django_capture_on_commit_callbacks, settings):
    settings.QUIVER_PREVIEWS = False
    with django_capture_on_commit_callbacks(execute=True):
        asset = services.create_asset(editor, file=upload(make_pptx(SLIDES), "close.pptx"), collections=[root])
    asset.refresh_from_db()
    signals = detect.analyse(asset)
    assert AssetSignals.objects.get(asset=asset) == signals
    assert signals.version_id == asset.current_version_id
    assert (signals.language, signals.detected_type) == ("en", "deck") and signals.type_confidence > 0.9
    assert signals.type_evidence[0]["type"] == "deck" and signals.type_evidence[0]["evidence"]
    assert any(p["phrase"].lower() == "audit trail" and p["page"] == 3 for p in signals.key_phrases)
    detect.analyse(asset)  # idempotent: one row per asset
    assert AssetSignals.objects.filter(asset=asset).count() == 1


def test_asset_page_shows_the_detected_signals(
    editor, viewer, root, upload, client, django_capture_on_commit_callbacks, settings
):
    settings.QUIVER_PREVIEWS = False
    with django_capture_on_commit_callbacks(execute=True):
        asset = services.create_asset(editor, file=upload(make_pptx(SLIDES), "close.pptx"), collections=[root])
    asset.refresh_from_db()
    detect.analyse(asset)
    client.force_login(viewer)
    body = client.get(asset.get_absolute_url()).content.decode()
    assert "Detected" in body and "Presentation deck" in body and "English" in body
    assert "presentation file (PPTX" in body and "p. 3" in body

"""categorize_asset end to end with the real classifier and detectors: learned suggestions with evidence, the
language detector setting the asset's language, a rule taking precedence over the classifier for its value."""

import pytest

from quiver.categorize import learning, services
from quiver.categorize.models import FieldPolicy, Suggestion
from quiver.library import services as library

from .conftest import rule

SECURITY = [
    "Firewall rules and encryption keep the tenant isolated; the audit log records every access.",
    "Encryption at rest, a hardened firewall and penetration tests: our security posture explained.",
    "Single sign-on, firewall segmentation and key encryption for regulated security teams.",
    "Security review: encryption of backups, firewall change control and intrusion alerts.",
]
PRICING = [
    "Volume discount tiers, annual invoice terms and the list price per seat.",
    "Price book: discount approval, invoice schedule and renewal uplift per seat.",
    "How to quote: list price, partner discount, invoice in advance, seat minimums.",
    "Pricing FAQ: seat price, multi-year discount and invoice currency.",
]
GERMAN = (
    "Die Plattform verbindet Ihre Buchhaltung mit allen Filialen. Unsere Kunden sparen jede Woche viele "
    "Stunden, weil Rechnungen automatisch geprüft und freigegeben werden."
)


@pytest.fixture
def trained(editor, root):
    for name, texts in (("Security", SECURITY), ("Pricing", PRICING)):
        for i, text in enumerate(texts):
            library.create_asset(
                editor,
                title=f"{name} brief {i}",
                description=text,
                tags=[name],
                collections=[root],
                link_url=f"https://example.com/{name}-{i}",
            )
    run = learning.train()
    assert run.status == "succeeded", run.error


def test_learned_suggestion_with_evidence(trained, ingest):
    FieldPolicy.objects.create(field="tags", auto_threshold=1.01)
    asset = ingest(
        ["Agenda of the quarterly review.", "We rely on firewall segmentation and encryption of every backup."],
        title="Quarterly review",
    )
    made = services.categorize_asset(asset, detectors=False)
    security = next(s for s in made if s.value == "Security")
    assert security.source == "learned" and security.status == "pending" and security.page == 2
    assert any(e["page"] == 2 for e in security.evidence)


def test_a_rule_outranks_the_classifier_for_its_value(trained, ingest):
    rule("tags", "Security", "exact", "zero trust", manual_only=True)
    asset = ingest(["We rely on firewall segmentation and encryption of every backup."], title="Review")
    made = services.categorize_asset(asset, detectors=False)
    assert "Security" not in {s.value for s in made}  # its rule does not match; the classifier is not asked


def test_learned_none_rule_silences_the_classifier(trained, ingest):
    rule("tags", "Security", "none")
    asset = ingest(["firewall segmentation and encryption of every backup"], title="Review")
    assert "Security" not in {s.value for s in services.categorize_asset(asset, detectors=False)}


def test_the_detected_language_is_applied_and_reversible(ingest, editor, committed):
    asset = ingest([GERMAN, GERMAN], title="Buchhaltung")
    with committed():  # the categorizing task commits; the language facet follows the asset's field
        made = services.categorize_asset(asset, learned=False)
    asset.refresh_from_db()
    language = next(s for s in made if s.field == "language")
    assert (language.value, language.source, language.status) == ("German", "detector", "auto_applied")
    assert asset.language == "de"
    services.revert(editor, asset, "language", "German")
    asset.refresh_from_db()
    assert asset.language == "en"
    services.categorize_asset(asset, learned=False)
    asset.refresh_from_db()
    assert asset.language == "en" and Suggestion.objects.get(asset=asset, field="language").status == "reverted"

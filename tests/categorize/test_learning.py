"""The learned classifier on a small real library: learns tags and facet values, predicts them for a new upload
with evidence and page, uses rejections as negatives, stays silent without a model."""

import pytest
from django.core.files.storage import default_storage

from quiver.categorize import learning, services
from quiver.categorize.learning import store
from quiver.categorize.models import TrainingRun
from quiver.library import services as library
from quiver.taxonomy import services as taxonomy

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


def link(editor, root, title, description, tags=()):
    return library.create_asset(
        editor,
        title=title,
        description=description,
        tags=list(tags),
        collections=[root],
        link_url="https://example.com/" + title.replace(" ", "-"),
    )


@pytest.fixture
def library_with_labels(editor, root):
    assets = [link(editor, root, f"Security brief {i}", text, ["Security"]) for i, text in enumerate(SECURITY)]
    assets += [link(editor, root, f"Pricing sheet {i}", text, ["Pricing"]) for i, text in enumerate(PRICING)]
    return assets


def test_no_model_means_no_predictions(editor, root):
    asset = link(editor, root, "Lonely", "Nothing learned yet about firewall encryption.")
    assert learning.predict([asset]) == {}
    assert learning.status()["trained_at"] is None
    run = learning.train()  # nothing labeled: a successful run that learned nothing
    assert run.status == "succeeded" and run.labels == 0 and run.model_file == ""
    assert learning.predict([asset]) == {}
    assert learning.status()["trained_at"] is not None


def test_learns_a_tag_and_predicts_it_with_evidence_and_page(library_with_labels, ingest):
    run = learning.train()
    assert run.status == "succeeded", run.error
    assert run.asset_count == 8 and run.fields["tags"]["values"] == {"Pricing": 4, "Security": 4}
    assert run.model_file.startswith("models/categorize/") and default_storage.exists(run.model_file)
    upload = ingest(
        [
            "Agenda and introductions for the quarterly business review.",
            "We rely on FIREWALL segmentation and Encryption of every backup.",
        ],
        title="Quarterly review",
    )
    predictions = learning.predict([upload])[upload.pk]
    best = predictions[0]
    assert (best.field, best.value) == ("tags", "Security")
    assert best.confidence > 0.5
    pricing = [p for p in predictions if p.value == "Pricing"]
    assert not pricing or pricing[0].confidence < best.confidence
    assert best.page == 2
    texts = {e["text"]: e["page"] for e in best.evidence}
    assert texts.get("FIREWALL") == 2 or texts.get("Encryption") == 2, best.evidence


def test_learns_facet_values_and_skips_values_with_too_few_assets(editor, root, library_with_labels):
    for asset in library_with_labels[:3]:
        taxonomy.set_asset_facets(editor, asset, {"industry": ["Healthcare"]})
    for asset in library_with_labels[4:7]:
        taxonomy.set_asset_facets(editor, asset, {"industry": ["Retail"]})
    taxonomy.set_asset_facets(editor, library_with_labels[7], {"industry": ["Energy and utilities"]})
    run = learning.train()
    assert run.fields["industry"]["values"] == {"Healthcare": 3, "Retail": 3}
    assert "Energy and utilities" in run.fields["industry"]["skipped"]
    asset = link(editor, root, "New brief", "Encryption and firewall audit for hospitals.")
    fields = {(p.field, p.value) for p in learning.predict([asset])[asset.pk]}
    assert ("industry", "Healthcare") in fields
    assert not any(f == "industry" and v == "Energy and utilities" for f, v in fields)


def test_values_already_on_the_asset_are_not_predicted(library_with_labels):
    learning.train()
    tagged = library_with_labels[0]
    assert all(p.value != "Security" for p in learning.predict([tagged]).get(tagged.pk, []))


def test_rejected_values_become_negatives(editor, root, library_with_labels):
    doubtful = [
        link(editor, root, f"Honeypot note {i}", "Honeypot lab notes on firewall encryption experiments.")
        for i in range(3)
    ]
    probe = link(editor, root, "Probe", "Honeypot firewall encryption lab.")
    learning.train()
    before = next(p.confidence for p in learning.predict([probe])[probe.pk] if p.value == "Security")
    for asset in doubtful:
        services.reject(editor, asset, "tags", "Security")
    run = learning.train()
    assert run.fields["tags"]["values"]["Security"] == 4
    after = [p.confidence for p in learning.predict([probe]).get(probe.pk, []) if p.value == "Security"]
    assert (after[0] if after else 0.0) < before
    assert (after[0] if after else 0.0) < 0.5 <= before


def test_automatic_tags_are_not_learned(editor, root, library_with_labels):
    from quiver.library.models import Tag

    tag = Tag.objects.create(name="Guessed")
    for asset in library_with_labels[:4]:
        asset.tags.add(tag, through_defaults={"source": "automatic"})
    run = learning.train()
    assert "Guessed" not in run.fields["tags"]["values"]


def test_a_newer_training_is_picked_up_and_old_files_pruned(editor, root, library_with_labels):
    first = learning.train()
    quote = link(editor, root, "Quote", "Seat price and invoice terms.")
    assert learning.predict([quote])  # loads and caches the first model
    assert store._cache["run"] == first.pk
    for i in range(3):
        link(
            editor, root, f"Onboarding {i}", "Kickoff checklist, onboarding plan and training sessions.", ["Onboarding"]
        )
    second = learning.train()
    third = learning.train()
    probe = link(editor, root, "Plan", "Onboarding kickoff checklist.")
    assert any(p.value == "Onboarding" for p in learning.predict([probe])[probe.pk])
    assert store._cache["run"] == third.pk
    assert not default_storage.exists(first.model_file)  # two newest kept
    assert default_storage.exists(second.model_file) and default_storage.exists(third.model_file)
    assert TrainingRun.objects.get(pk=first.pk).model_file == ""


def test_an_unreadable_model_file_means_no_predictions(library_with_labels):
    run = learning.train()
    default_storage.delete(run.model_file)
    store.forget()
    assert learning.predict(library_with_labels) == {}


def test_predict_only_reads_the_assets_it_is_given(editor, root, library_with_labels):
    learning.train()
    new = [link(editor, root, f"Firewall {i}", "Firewall encryption audit.") for i in range(2)]
    predictions = learning.predict([new[0].pk])
    assert set(predictions) == {new[0].pk}


def test_status_reports_the_current_model(library_with_labels):
    learning.train()
    status = learning.status()
    assert status["asset_count"] == 8 and status["labels"] == 2
    assert set(status["fields"]["tags"]["values"]) == {"Pricing", "Security"}
    assert {"trained_at", "dirty", "running", "metrics", "debounce_seconds"} <= set(status)


def test_evidence_from_the_title_has_no_page(editor, root, library_with_labels):
    learning.train()
    asset = link(editor, root, "Firewall and encryption", "")
    best = learning.predict([asset])[asset.pk][0]
    assert best.value == "Security" and 0.5 < best.confidence < 1
    assert best.page is None and best.evidence
    assert all(e["page"] is None for e in best.evidence)
    assert {e["text"].lower() for e in best.evidence} & {"firewall", "encryption"}


def test_training_status_over_the_api(admin_user, viewer, api, library_with_labels):
    learning.train()
    response = api(admin_user).get("/api/v1/taxonomy/training")
    assert response.status_code == 200
    body = response.json()
    assert body["asset_count"] == 8 and body["trained_at"] and body["fields"]["tags"]["values"]["Security"] == 4
    assert api(viewer).get("/api/v1/taxonomy/training").status_code == 403

"""Loading the demo library into the database: users, collections, grants, assets, and idempotence."""

from collections import Counter
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from quiver.accounts.models import User
from quiver.demo.content import emails, product_docs, stories
from quiver.demo.loader import ensure_demo
from quiver.demo.people import DEMO_USERS, PARTNER_GROUP
from quiver.demo.phrases import Writer
from quiver.demo.spec import DemoAsset
from quiver.demo.world import INDUSTRIES, PERSONAS, PRODUCTS
from quiver.library import policy
from quiver.library.models import Asset, AssetPage, AssetVersion, Collection, CollectionGrant

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}}  # any queue


@override_settings(TASKS=DUMMY_TASKS)
def test_ensure_demo_loads_the_library_enqueues_ingest_and_is_idempotent(
    db, django_capture_on_commit_callbacks, built_catalog
):
    lines: list[str] = []
    with django_capture_on_commit_callbacks(execute=True):
        assert ensure_demo(echo=lines.append, catalog=built_catalog[0]) is True
    assets = Asset.objects.all()
    assert assets.count() >= 150
    types = Counter(assets.values_list("asset_type", flat=True))
    for kind in (
        "deck",
        "case_study",
        "one_pager",
        "battlecard",
        "datasheet",
        "whitepaper",
        "pricing_sheet",
        "email_template",
        "link",
    ):
        assert types[kind] >= 6, kind
    versions = AssetVersion.objects.all()
    queued = [r for r in default_task_backend.results if r.task.name == "process_version"]
    assert versions.count() == len(queued) > 140  # every stored file is queued for the worker
    assert not versions.exclude(status="processing").exists()
    assert Asset.objects.filter(versions__number=2).count() >= 4  # some assets have a history

    now = timezone.now()
    dates = list(assets.values_list("created_at", flat=True))
    assert min(dates) > now - timedelta(days=3 * 365 + 1) and max(dates) < now
    assert all(Counter((now - d).days // 365 for d in dates)[y] >= 30 for y in range(3))
    assert Counter(assets.values_list("status", flat=True)).keys() == {"published", "draft", "in_review", "archived"}
    assert assets.filter(collections__isnull=True).count() == 0

    roles = Counter(User.objects.values_list("role", flat=True))
    assert roles["admin"] >= 1 and roles["editor"] >= 2 and roles["viewer"] >= 3
    admin = User.objects.get(username="admin")
    assert admin.check_password("quiver-admin")
    for spec in DEMO_USERS:
        assert User.objects.get(username=spec.username).check_password(spec.password), spec.username
    assert Collection.objects.filter(name="Corvana Ledger", parent__name="Products").exists()
    assert Collection.objects.get(name="vs Vantorix").ancestors().filter(name="Competitive").exists()

    # the partner viewer sees external material but no battlecard or price list; the sales viewer sees them
    victor, paula = User.objects.get(username="victor"), User.objects.get(username="paula")
    partner_sees = policy.visible_assets(paula)
    assert partner_sees.filter(asset_type="case_study").exists()
    assert not partner_sees.filter(asset_type__in=["battlecard", "pricing_sheet"]).exists()
    assert policy.visible_assets(victor).filter(asset_type="battlecard").exists()
    assert not policy.visible_assets(victor).filter(status="draft").exists()
    assert CollectionGrant.objects.filter(group__name=PARTNER_GROUP).count() >= 3
    # owners are the marketing users
    assert set(assets.values_list("owner__username", flat=True)) <= {"admin", "maria", "sam", "jun"}

    text = "\n".join(lines)
    for spec in DEMO_USERS:
        assert f"{spec.username} " in text and spec.password in text

    again: list[str] = []
    count = assets.count()
    with django_capture_on_commit_callbacks(execute=True):
        assert ensure_demo(echo=again.append) is False
    assert Asset.objects.count() == count and User.objects.filter(username="admin").count() == 1
    assert "quiver-admin" in "\n".join(again)  # logins are printed on every start


def test_ensure_demo_leaves_a_real_library_alone(db, editor, root, upload):
    from quiver.library.services import create_asset

    create_asset(editor, title="Our own deck", file=upload(b"hello", "a.txt"), collections=[root], enqueue=False)
    lines: list[str] = []
    assert ensure_demo(echo=lines.append) is False
    assert Asset.objects.count() == 1 and not User.objects.filter(username="paula").exists()
    assert "only loaded into an empty library" in lines[0]


def _sample():
    """One asset of each file format, made by the same builders as the full catalog (without building it all)."""
    w = Writer("sample")
    ledger, retail = PRODUCTS[0], INDUSTRIES[2]
    sample = [
        stories._case_study(w, 0, ledger, retail, "Juniper Grocers"),  # PDF
        stories._case_study(w, 1, ledger, retail, "Juniper Market"),  # DOCX
        product_docs._price_list(w, ledger, "Standard", 2026),  # XLSX
        emails._email(w, 0, "Discovery", PERSONAS[0], ledger, retail),
    ]  # TXT
    sample.append(
        DemoAsset(
            key="link-roi",
            title="ROI calculator",
            description="",
            asset_type="link",
            link_url="https://www.corvana.example/tools/roi",
            collections=("Sales plays/Expansion",),
            tags=("ROI",),
        )
    )
    for item in sample:
        item.owner, item.created_at = "maria", timezone.now() - timedelta(days=30)
    return sample


def test_a_small_sample_processes_inline_to_real_text(db, settings):
    settings.QUIVER_PREVIEWS = False  # text is what is checked here; previews have their own tests
    sample = _sample()
    assert [a.filename.rsplit(".", 1)[-1] for a in sample[:4]] == ["pdf", "docx", "xlsx", "txt"]
    lines, progress = [], []
    assert ensure_demo(
        echo=lines.append,
        catalog=sample,
        process=True,
        progress=lambda done, total, status: progress.append((done, total, status)),
    )
    assert "Processed: 4 ready." in lines, list(AssetVersion.objects.values_list("original_filename", "failure_reason"))
    assert progress == [(1, 4, "ready"), (2, 4, "ready"), (3, 4, "ready"), (4, 4, "ready")]
    for item in sample[:4]:
        version = Asset.objects.get(title=item.title).current_version
        text = " ".join(AssetPage.objects.filter(version=version).values_list("text", flat=True))
        words = [w for w in item.text.split() if len(w) > 6][:5]
        assert words and all(w in text for w in words), (item.filename, words, text[:300])
    assert Asset.objects.get(asset_type="link").link_url.startswith("https://")

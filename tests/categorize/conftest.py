"""Fixtures of the categorization tests: real files through the real ingest pipeline, rules, clients."""

import io

import pytest

from quiver.categorize import services
from quiver.categorize.models import MatchingRule
from quiver.demo.files import make_pdf
from quiver.ingest.pipeline import process_version
from quiver.library import services as library
from quiver.library.models import Asset, Tag
from quiver.taxonomy.models import FacetValue


def value(field_slug: str, name: str) -> FacetValue:
    return FacetValue.objects.select_related("field").get(field__slug=field_slug, name=name)


def rule(field: str, name: str, algorithm: str, pattern: str = "", **kw) -> MatchingRule:
    """A rule saved directly (the services' validation is tested on its own)."""
    if field == "tags":
        tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
        return MatchingRule.objects.create(tag=tag, algorithm=algorithm, pattern=pattern, **kw)
    return MatchingRule.objects.create(facet_value=value(field, name), algorithm=algorithm, pattern=pattern, **kw)


@pytest.fixture
def ingest(editor, root, committed):
    """`ingest(pages, title=..., user=..., collections=...)`: a real PDF (one entry per page) uploaded and parsed by
    the ingest pipeline inline; returns the asset with its pages saved. The upload commits (its automatic facets,
    type and language, follow); what follows the processing (categorization...) is left to the test."""

    def _ingest(
        pages: list[str], *, title: str = "Untitled", description: str = "", user=None, collections=None, **kw
    ) -> Asset:
        buf = io.BytesIO(make_pdf(pages))
        buf.name = "upload.pdf"
        with committed():
            asset = library.create_asset(
                user or editor,
                title=title,
                description=description,
                file=buf,
                collections=[root] if collections is None else collections,
                enqueue=False,
                **kw,
            )
        assert process_version(asset.current_version_id) == "ready"
        asset.refresh_from_db()
        return asset

    return _ingest


def run(asset: Asset, **kw):
    """Rules only unless asked (the classifier and detectors are other engineers' parts)."""
    kw.setdefault("learned", False)
    kw.setdefault("detectors", False)
    return services.categorize_asset(asset, **kw)


@pytest.fixture
def api(db):
    """`api(user)` -> a test client authenticated with a fresh token of user."""
    from django.test import Client

    from quiver.accounts.services import issue_token

    return lambda user: Client(headers={"Authorization": f"Bearer {issue_token(user)}"})

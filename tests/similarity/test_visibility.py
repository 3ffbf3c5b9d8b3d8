"""A user never learns that a hidden twin exists: not in selectors, the banner, the API or the actions."""

import pytest
from django.test import Client
from django.urls import reverse

from quiver.accounts.services import issue_token
from quiver.demo.files import make_pdf
from quiver.library import services as library
from quiver.similarity import selectors
from quiver.similarity.models import DuplicateFlag

PAGES = [
    "Board plan\nConfidential restructuring plan for the next fiscal year, with targets per region and the "
    "list of products to retire."
]


@pytest.fixture
def hidden_twin(ingest, admin_user, editor, root):
    """The admin's asset in a collection nobody else sees, then the editor uploads the same file."""
    secret = library.create_collection(admin_user, name="Board room", parent=None)
    data = make_pdf(PAGES)
    hidden = ingest(admin_user, data, "plan.pdf", [secret], title="Hidden plan")
    mine = ingest(editor, data, "my-plan.pdf", [root], title="My upload")
    flag = DuplicateFlag.objects.get()
    assert (flag.asset_id, flag.twin_id) == (mine.pk, hidden.pk)
    return hidden, mine, flag


def test_selectors_hide_flags_with_a_hidden_side(hidden_twin, editor, viewer, admin_user):
    hidden, mine, flag = hidden_twin
    assert list(selectors.open_flags(admin_user)) == [flag]
    assert not selectors.open_flags(editor).exists() and not selectors.open_flags(viewer).exists()
    assert not selectors.duplicates_of(mine, editor).exists()
    assert selectors.visible_flag(editor, flag.pk) is None


def test_asset_page_and_api_do_not_name_the_hidden_twin(hidden_twin, editor, admin_user):
    hidden, mine, flag = hidden_twin
    client = Client()
    client.force_login(editor)
    body = client.get(reverse("library:asset", args=[mine.pk])).content.decode()
    assert "Hidden plan" not in body and "looks like" not in body
    assert "Hidden plan" not in client.get(reverse("similarity:flags")).content.decode()
    api = Client(headers={"Authorization": f"Bearer {issue_token(editor)}"})
    response = api.get(f"/api/v1/assets/{mine.pk}/duplicates")
    assert response.status_code == 200 and response.json() == []
    for action in ("add-as-version", "keep-both"):
        assert api.post(f"/api/v1/assets/{mine.pk}/duplicates/{flag.pk}/{action}").status_code == 404
        assert (
            client.post(
                reverse(f"similarity:flag_{'merge' if 'add' in action else 'dismiss'}", args=[flag.pk])
            ).status_code
            == 404
        )
    assert DuplicateFlag.objects.get(pk=flag.pk).status == "open"
    admin = Client()
    admin.force_login(admin_user)
    assert "Hidden plan" in admin.get(reverse("library:asset", args=[mine.pk])).content.decode()

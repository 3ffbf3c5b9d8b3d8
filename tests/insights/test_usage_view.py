from quiver.insights.services import record_usage
from quiver.library import services as library
from tests.accounts.helpers import client_for, count_queries


def _assets(editor, root):
    a = library.create_asset(editor, title="Battlecard <Acme>", link_url="https://example.com/a", collections=[root])
    b = library.create_asset(editor, title="Case study", link_url="https://example.com/b", collections=[root])
    return a, b


def test_recent_events_with_filters(admin_user, editor, viewer, root):
    a, b = _assets(editor, root)
    record_usage(viewer, a, "view")
    record_usage(viewer, a, "preview", page=3)
    record_usage(editor, b, "download")
    client = client_for(admin_user)
    response = client.get("/audit/usage/")
    html = response.content.decode()
    assert len(response.context["page"]) == 3
    assert "Battlecard &lt;Acme&gt;" in html and "Previewed a page" in html and "<td>3</td>" in html
    only_a = client.get(f"/audit/usage/?asset={a.pk}").context["page"]
    assert {e.asset_id for e in only_a} == {a.pk} and len(only_a) == 2
    only_eddie = client.get("/audit/usage/?user=eddie").context["page"]
    assert [e.kind for e in only_eddie] == ["download"]
    previews = client.get("/audit/usage/?kind=preview").context["page"]
    assert [e.page for e in previews] == [3]


def test_usage_list_has_no_n_plus_one(admin_user, editor, viewer, root):
    a, b = _assets(editor, root)
    record_usage(viewer, a, "view")
    client = client_for(admin_user)
    few = count_queries(client, "/audit/usage/")
    for i in range(30):
        record_usage([viewer, editor, admin_user][i % 3], [a, b][i % 2], "view")
    assert count_queries(client, "/audit/usage/") == few

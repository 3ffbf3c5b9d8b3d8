"""Relaxation through the search page and API: a question (QUESTION_WORDS words or more) matching every word fewer
than RELAX_BELOW times is relaxed (any word, best first), a keyword query only when it finds nothing; the step is
chosen by the text alone, so a facet's count always equals the results of selecting its value, even when that value
alone has fewer hits than RELAX_BELOW."""

import pytest
from django.test import Client

from quiver.accounts.services import issue_token
from quiver.search import selectors

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"


@pytest.fixture
def search_index(search_index_each_engine):
    """On each engine: the PostgreSQL engine's filtered recounts and relaxation probe go through the API too."""
    return search_index_each_engine


def get(client, **params):
    response = client.get(URL, {"facets": "topic,industry", **params})
    assert response.status_code == 200
    return response.json()


def counts(body, field):
    return {f["value"]: f["count"] for f in body["facets"][field]}


def test_a_question_with_few_matches_of_every_word_is_relaxed_best_first(viewer, library):
    a, client = library["assets"], Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    keywords = get(client, q="hospital analytics")  # a keyword query keeps its literal meaning
    assert (keywords["relaxed"], [r["id"] for r in keywords["results"]]) == ("", [a["case"].pk])
    body = get(client, q="hospital pricing analytics costs")  # every word: the case study only
    assert body["relaxed"] == "any" and body["results"][0]["id"] == a["case"].pk
    assert body["count"] == len({a["case"].pk, a["roi"].pk, a["deck"].pk, a["battle"].pk})
    assert a["secret"].pk not in {r["id"] for r in body["results"]}  # relaxed, still permission-filtered


def test_selecting_a_counted_value_gives_that_many_results(viewer, library, monkeypatch):
    monkeypatch.setattr(selectors, "RELAX_BELOW", 2)
    monkeypatch.setattr(selectors, "QUESTION_WORDS", 2)
    client = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    body = get(client, q="pricing costs")  # every word: the deck (page 3) and the case study
    assert body["relaxed"] == "" and body["count"] == 2
    topics = counts(body, "topic")
    assert topics == {"Pricing": 1, "ROI": 1}
    for value, count in topics.items():  # one hit each: below RELAX_BELOW, yet not relaxed once selected
        narrowed = get(client, q="pricing costs", topic=value)
        assert (narrowed["relaxed"], narrowed["count"]) == ("", count)
    relaxed = get(client, q="pricing hospital zephyr")  # every word: nothing
    assert relaxed["relaxed"] == "any"
    for value, count in counts(relaxed, "industry").items():
        narrowed = get(client, q="pricing hospital zephyr", industry=value)
        assert (narrowed["relaxed"], narrowed["count"]) == ("any", count)

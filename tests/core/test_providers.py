"""A lower floor asks through a Provider; the app above answers it from its AppConfig.ready()."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from quiver.accounts import providers as accounts_providers
from quiver.core.providers import Provider
from quiver.ingest.tasks import process_version
from quiver.insights.services import record_usage
from quiver.library import grants, providers
from quiver.lifecycle import selectors, services


def test_default_until_answered_then_the_answer():
    asks = Provider("colour_of", default=lambda thing: "grey")
    assert asks("sky") == "grey"
    asks.provide(lambda thing: f"blue {thing}")
    assert asks("sky") == "blue sky"


def test_a_second_different_answer_is_refused():
    def answer(thing):
        return "blue"

    asks = Provider("colour_of", default=lambda thing: "grey")
    asks.provide(answer)
    asks.provide(answer)  # the same answer again (ready() run twice) is harmless
    with pytest.raises(ImproperlyConfigured, match="colour_of is already provided"):
        asks.provide(lambda thing: "red")
    assert asks("sky") == "blue"


@pytest.mark.parametrize(
    "asked, answer",
    [
        ("approval_policy_for", selectors.approval_policy_for),
        ("submit_for_review", services.submit_for_review),
        ("withdraw_pending", services.withdraw_pending),
        ("merge_target", selectors.merge_target),
        ("trash", services.trash),
        ("process_version", process_version.enqueue),
        ("record_usage", record_usage),
    ],
)
def test_the_apps_above_answer_what_the_library_asks(asked, answer):
    assert getattr(providers, asked).answer == answer


def test_the_library_answers_accounts_questions_about_grants():
    assert accounts_providers.collection_access.answer is grants.user_access
    assert accounts_providers.group_grants.answer is grants.group_grants

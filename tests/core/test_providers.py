"""A lower floor asks through a Provider; the app above answers it from its AppConfig.ready()."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from quiver.core.providers import Provider
from quiver.accounts import providers as accounts_providers
from quiver.library import grants, providers
from quiver.lifecycle import selectors


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


def test_lifecycle_answers_the_librarys_approval_policy_question():
    assert providers.approval_policy_for.answer is selectors.approval_policy_for


def test_the_library_answers_accounts_questions_about_grants():
    assert accounts_providers.collection_access.answer is grants.user_access
    assert accounts_providers.group_grants.answer is grants.group_grants

"""Answers a lower floor needs from the floors above it, without importing them (layers point down).

The lower app declares what it asks, with the answer it gives on its own; the app that knows better plugs its
answer in from its AppConfig.ready():

    # quiver/library/providers.py (asks)
    approval_policy_for = Provider("approval_policy_for", default=lambda asset, policies=None: None)
    # quiver/lifecycle/apps.py (answers)
    providers.approval_policy_for.provide(selectors.approval_policy_for)

A provider has one answer: a second, different one is a configuration error, not a silent override.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured


class Provider:
    def __init__(self, name: str, default: Callable):
        self.name = name
        self.default = default
        self.answer: Callable | None = None

    def provide(self, answer: Callable) -> Callable:
        if self.answer is not None and self.answer != answer:
            raise ImproperlyConfigured(f"{self.name} is already provided by {self.answer.__module__}")
        self.answer = answer
        return answer

    def __call__(self, *args, **kwargs):
        return (self.answer or self.default)(*args, **kwargs)

    def __repr__(self) -> str:
        by = self.answer.__module__ if self.answer else "its default"
        return f"<Provider {self.name} answered by {by}>"

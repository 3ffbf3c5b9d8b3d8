"""The ground floor of the permission policy: what a user may do by role alone, asked by the floors below the
library (core's audit log, accounts' admin pages). Everything about assets, collections and what hangs off them
is `quiver.library.policy`, which builds on these predicates; apps above the library ask it, not this module.

Also the request's read cache: within one read-only request (the middleware opens it for GET/HEAD), what the
policy reads about a user (their grant paths) is read once; `cached()` is a no-op outside it.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from .roles import Role


def is_active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_admin(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role == Role.ADMIN)


def is_editor(user) -> bool:
    return is_active(user) and user.role == Role.EDITOR


def can_view_audit(user) -> bool:
    return is_admin(user)


def can_manage_users(user) -> bool:
    return is_admin(user)


def can_manage_token(user, token) -> bool:
    """Revoke an API token: its owner, or an admin."""
    return is_active(user) and (token.user_id == user.pk or is_admin(user))


_read_cache: ContextVar[dict | None] = ContextVar("quiver_policy_read_cache", default=None)


@contextmanager
def read_cache():
    token = _read_cache.set({})
    try:
        yield
    finally:
        _read_cache.reset(token)


def cached(key, read: Callable):
    """`read()`, once per key within `read_cache()`; every time outside it."""
    cache = _read_cache.get()
    if cache is None:
        return read()
    if key not in cache:
        cache[key] = read()
    return cache[key]

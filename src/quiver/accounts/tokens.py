"""Authenticating a raw API token (`Authorization: Bearer <token>`): only its SHA-256 is looked up."""

from .models import ApiToken, User, hash_token
from .services import touch_token


def user_for_token(raw: str) -> User | None:
    """The active user owning this unrevoked token, or None. Records when the token was last used."""
    raw = (raw or "").strip()
    if not raw or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw), revoked=False).first()
    if token is None or not token.user.is_active:
        return None
    touch_token(token)
    return token.user


def user_for_authorization_header(header: str) -> User | None:
    scheme, _, raw = (header or "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return user_for_token(raw)

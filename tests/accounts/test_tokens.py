import hashlib

from quiver.accounts import services
from quiver.accounts.models import ApiToken
from quiver.accounts.tokens import user_for_authorization_header, user_for_token

from .helpers import last_audit


def test_token_hash_stored_not_raw_and_usable(editor):
    raw = services.issue_token(editor, "CRM sync")
    token = ApiToken.objects.get(user=editor)
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.key_hash, token.prefix, token.name} and raw.startswith(token.prefix)
    assert not ApiToken.objects.filter(key_hash=raw).exists()
    assert user_for_token(raw) == editor
    assert user_for_authorization_header(f"Bearer {raw}") == editor
    token.refresh_from_db()
    assert token.last_used_at is not None
    entry = last_audit("token.issue")
    assert raw not in str(entry.after) and entry.after["prefix"] == token.prefix


def test_revoked_and_wrong_tokens_refused(editor, admin_user):
    raw = services.issue_token(editor, "old")
    token = ApiToken.objects.get(user=editor)
    services.revoke_token(token, actor=admin_user)
    assert user_for_token(raw) is None
    assert user_for_token(raw + "x") is None
    assert user_for_token("") is None
    assert user_for_authorization_header(f"Basic {raw}") is None
    entry = last_audit("token.revoke")
    assert entry.before == {"revoked": False} and entry.after["revoked"] is True and entry.actor == admin_user


def test_token_of_deactivated_user_refused(editor, admin_user):
    raw = services.issue_token(editor, "x")
    services.set_active(editor, False, actor=admin_user)
    assert user_for_token(raw) is None

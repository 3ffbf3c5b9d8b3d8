"""`quiver createuser` and `quiver token`."""

from quiver.accounts.models import ApiToken, User, hash_token
from quiver.accounts.tokens import user_for_token


def test_createuser_non_interactive_with_role(db, cli):
    result = cli("createuser", "nina", "--role", "editor", "--password", "long-enough-1", "--email", "n@x.example")
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="nina")
    assert user.role == "editor" and user.email == "n@x.example" and user.check_password("long-enough-1")
    assert list(user.groups.values_list("name", flat=True)) == ["Marketing"]
    assert not user.is_superuser


def test_createuser_prompts_for_the_password(db, cli):
    result = cli("createuser", "otto", "--role", "admin", input="pw-prompted-99\npw-prompted-99\n")
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="otto")
    assert user.check_password("pw-prompted-99") and user.is_superuser and user.role == "admin"


def test_createuser_refuses_bad_input(db, cli, viewer):
    assert cli("createuser", "x1", "--role", "boss", "--password", "long-enough-1").exit_code == 2
    short = cli("createuser", "x2", "--password", "short")
    assert short.exit_code == 1 and "too short" in short.output
    taken = cli("createuser", viewer.username, "--password", "long-enough-1")
    assert taken.exit_code == 1 and "already exists" in taken.output
    assert not User.objects.filter(username__in=["x1", "x2"]).exists()


def test_token_prints_a_working_token(db, cli, editor):
    result = cli("token", editor.username, "--label", "laptop")
    assert result.exit_code == 0, result.output
    raw = result.output.strip()
    token = ApiToken.objects.get(key_hash=hash_token(raw))
    assert token.user == editor and token.name == "laptop" and raw.startswith(token.prefix)
    assert user_for_token(raw) == editor
    assert user_for_token(raw + "x") is None


def test_token_for_unknown_or_inactive_user_fails(db, cli, viewer):
    assert cli("token", "nobody").exit_code == 1
    viewer.is_active = False
    viewer.save()
    assert cli("token", viewer.username).exit_code == 1
    assert not ApiToken.objects.exists()

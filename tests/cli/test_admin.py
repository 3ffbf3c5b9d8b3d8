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


def test_createuser_without_a_terminal_or_password_says_what_to_do(db, cli):
    result = cli("createuser", "nopw", input="")
    assert result.exit_code == 1
    assert "--password" in result.output and "standard input" in result.output and "Aborted" not in result.output
    assert not User.objects.filter(username="nopw").exists()


def test_createuser_reads_a_piped_password(db, cli):
    result = cli("createuser", "piped", input="long-enough-1\n")
    assert result.exit_code == 0, result.output
    assert User.objects.get(username="piped").check_password("long-enough-1")


def test_admin_commands_before_migrate_say_so_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("QUIVER_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(QUIVER_DATA_DIR=str(tmp_path), PYTHONPATH=os.pathsep.join(sys.path))
    for args in (["token", "bob"], ["createuser", "bob", "--password", "long-enough-1"]):
        done = subprocess.run(
            [sys.executable, "-m", "quiver.cli.entry", *args],
            check=False,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1, done
        assert "run `quiver migrate` first" in done.stderr and "Traceback" not in done.stderr, done.stderr

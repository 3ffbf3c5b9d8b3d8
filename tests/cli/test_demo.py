"""`quiver demo`: loads only into an empty library and always prints the logins of the demo users present."""

from quiver.demo.loader import ensure_users
from quiver.library.models import Asset
from quiver.library.services import create_asset


def test_demo_command_leaves_a_non_empty_library_alone(db, cli, editor, root, upload):
    create_asset(editor, title="Existing", file=upload(b"hello", "a.txt"), collections=[root], enqueue=False)
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "only loaded into an empty library" in result.output
    assert Asset.objects.count() == 1


def test_demo_command_prints_logins_when_demo_users_exist(db, cli, editor, root, upload):
    ensure_users()
    create_asset(editor, title="Existing", file=upload(b"hello", "a.txt"), collections=[root], enqueue=False)
    result = cli("demo")
    assert result.exit_code == 0
    assert "only loaded" not in result.output
    for line in ("admin      quiver-admin", "maria      quiver-editor", "paula      quiver-viewer"):
        assert line in result.output
    assert "no access to Competitive or Pricing" in result.output

import pytest
from typer.testing import CliRunner

from quiver.cli import admin, app, library, serve  # noqa: F401  (registers the commands)


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke

"""The `quiver` command: one entry point for serving, the worker and administration."""

import os

import typer

app = typer.Typer(
    help="Quiver, the self-hosted sales asset library.", no_args_is_help=True, pretty_exceptions_enable=False
)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quiver.settings")
    import django

    django.setup()


def main() -> None:
    from . import admin, library, search, serve  # noqa: F401  (register commands)

    app()

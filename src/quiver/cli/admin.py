"""Administration commands: users and API tokens. Both work without a terminal (scripts, containers): the
password comes from --password or standard input, and every refusal says what to do instead."""

import sys
from enum import Enum

import typer

from . import app, setup_django


class RoleName(str, Enum):
    admin = "admin"
    editor = "editor"
    viewer = "viewer"


@app.command()
def createuser(
    name: str = typer.Argument(..., help="Username"),
    role: RoleName = typer.Option(
        RoleName.viewer,
        "--role",
        "-r",
        case_sensitive=False,
        help="admin (everything), editor (marketing) or viewer (sales)",
    ),
    password: str = typer.Option(
        None,
        "--password",
        "-p",
        help="For non-interactive use; otherwise read from standard input when it is not a "
        "terminal (`echo PASSWORD | quiver createuser NAME`), or prompted for.",
    ),
    email: str = typer.Option("", "--email"),
    first_name: str = typer.Option("", "--first-name"),
    last_name: str = typer.Option("", "--last-name"),
) -> None:
    """Create a user with a role (the role's default group gives it its grants)."""
    password = password if password is not None else _read_password()
    setup_django()
    _require_database()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from quiver.accounts.models import User
    from quiver.accounts.services import create_user

    try:
        validate_password(password, User(username=name, email=email, first_name=first_name, last_name=last_name))
        with transaction.atomic():
            create_user(name, role.value, password, email=email, first_name=first_name, last_name=last_name)
    except ValidationError as exc:
        typer.echo(f"error: {'; '.join(exc.messages)}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"created {role.value} {name}")


@app.command()
def token(
    name: str = typer.Argument(..., help="Username"),
    label: str = typer.Option("cli", "--label", help="A name for the token, shown in the user's token list"),
) -> None:
    """Print a new API token for user NAME (send it as `Authorization: Bearer <token>`)."""
    setup_django()
    _require_database()
    from django.db import transaction

    from quiver.accounts.models import User
    from quiver.accounts.services import issue_token

    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        typer.echo(f"error: no active user named {name!r}", err=True)
        raise typer.Exit(1)
    with transaction.atomic():
        raw = issue_token(user, label)
    typer.echo(raw)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _read_password() -> str:
    """Prompted (twice) at a terminal; otherwise the first line of standard input. Never a bare 'Aborted.'."""
    if sys.stdin is not None and sys.stdin.isatty():
        return typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    password = line.rstrip("\r\n")
    if not password:
        _fail(
            "no password given and no terminal to ask for one: pass --password PASSWORD, or send it on standard "
            "input (echo PASSWORD | quiver createuser NAME)."
        )
    return password


def _require_database() -> None:
    from django.db import DatabaseError

    from quiver.accounts.models import User

    try:
        User.objects.exists()
    except DatabaseError:
        _fail("the database is not set up; run `quiver migrate` first.")

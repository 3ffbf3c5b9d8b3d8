"""Runs the rows offered to the project-wide permission matrix against its world, here, so they stay true."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.api.world import ROLES, build_world

from .matrix_rows import ACCOUNT_ROWS


def _url(kwargs, world):
    return reverse(kwargs[0], kwargs={k: (world[v].pk if isinstance(v, str) else v) for k, v in kwargs[1].items()})


@pytest.mark.parametrize("row", ACCOUNT_ROWS, ids=lambda r: f"{r[0]}:{r[1]}:{'-'.join(r[3].values())}")
def test_account_rows(row, db):
    name, method, expect, kwargs, data = row
    world = build_world()
    problems = []
    for role, code in zip(ROLES, expect.split()):
        with transaction.atomic():
            client = Client()
            if role != "anon":
                client.force_login(world["users"][role])
            url = _url((name, kwargs), world)
            payload = data(world) if data else {}
            response = client.get(url, payload) if method == "get" else client.post(url, payload)
            got = response.status_code
            if code == "L":
                ok = got == 302 and response["Location"].startswith(reverse("accounts:login"))
            else:
                ok = got == int(code)
            if not ok:
                problems.append(f"{method.upper()} {url} as {role}: expected {code}, got {got}")
            transaction.set_rollback(True)
    assert not problems, "\n".join(problems)

"""Playwright browser tests against pytest-django's live server (Chromium at /usr/bin/chromium)."""

import importlib
import os
import shutil

import pytest

from tests.conftest import require

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    require(os.path.exists(CHROMIUM) or bool(shutil.which("chromium")), "Chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        require(False, "the playwright package is not installed")
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)  # the machine may be busy (LibreOffice renders, parallel suites)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def library(live_server):
    """The live server's database is flushed between tests: put back the root collection and default groups."""
    migration = importlib.import_module("quiver.library.migrations.0002_root_and_groups")
    from django.apps import apps

    migration.forwards(apps, None)
    return live_server


@pytest.fixture
def users(library):
    from quiver.accounts.services import create_user

    return {
        "editor": create_user("emma", "editor", "pw-editor-123", first_name="Emma", last_name="Editor"),
        "viewer": create_user("sam", "viewer", "pw-viewer-123", first_name="Sam", last_name="Sales"),
    }


@pytest.fixture
def page(browser, library):
    context = browser.new_context(base_url=library.url, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda msg: (
            msg.type == "error" and "Content Security Policy" in msg.text and page.csp_violations.append(msg.text)
        ),
    )
    yield page
    context.close()


@pytest.fixture
def login(page):
    def _login(username: str, password: str):
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return _login

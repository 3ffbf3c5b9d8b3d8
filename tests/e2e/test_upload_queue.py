"""The upload page shows where each uploaded file waits ("Queued behind N uploads") and turns it to Ready when
the worker is done, without a reload (upload.js polls library:upload_status). Tasks go through django-tasks'
real database backend; django-tasks' own db_worker takes one of them here."""

import base64

from django.core.management import call_command
from playwright.sync_api import expect

from quiver.demo.files import make_pdf
from tests.core.test_queue_position import DB_TASKS
from tests.e2e.test_library_flow import DROP_FILE_JS


def test_upload_page_shows_the_queue_then_ready_without_reload(page, login, users, settings):
    settings.TASKS = DB_TASKS
    login("emma", "pw-editor-123")
    page.goto("/upload/")
    page.get_by_label("Library").check()
    for n in range(2):
        page.evaluate(
            DROP_FILE_JS, [f"brief-{n}.pdf", base64.b64encode(make_pdf([f"brief {n}"])).decode(), "application/pdf"]
        )
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator(".upload-item.result-ok")).to_have_count(2)
    badges = page.locator(".upload-item .badge")
    expect(badges.nth(0)).to_have_text("Next in the queue")
    expect(badges.nth(1)).to_have_text("Queued behind 1 upload")
    call_command(
        "db_worker", "--batch", "--max-tasks", "1", "--queue-name", "ingest", "--no-startup-delay", verbosity=0
    )  # the worker takes the first
    expect(badges.nth(0)).to_have_text("Ready")
    expect(badges.nth(1)).to_have_text("Next in the queue")
    assert page.csp_violations == []

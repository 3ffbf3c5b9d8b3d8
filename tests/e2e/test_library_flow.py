"""End to end in Chromium: log in, upload a real PDF and PPTX, see them processed, find, preview, download;
a viewer cannot edit."""

import base64
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from quiver.demo.files import make_pdf, make_pptx
from quiver.insights.models import UsageEvent
from quiver.library.models import Asset, Collection

PDF = make_pdf(
    [
        "Quarterly business review\nRevenue grew in every region.",
        "Customer wins\nThree new logos in healthcare.",
        "Next steps\nExpand the partner program.",
    ]
)
PPTX = make_pptx(
    [("Product launch deck", ["Fast onboarding", "Secure by default"]), ("Pricing", ["Starter", "Enterprise"])]
)

DROP_FILE_JS = """
([name, b64, mime]) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, { type: mime }));
  const zone = document.getElementById("dropzone");
  for (const type of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
  }
}
"""


def _image_loaded(page, selector="#page-image", timeout_ms=10_000) -> bool:
    """Poll (wait_for_function evaluates strings, which the strict CSP forbids)."""
    for _ in range(timeout_ms // 100):
        if page.locator(selector).evaluate("img => img.complete && img.naturalWidth > 0"):
            return True
        page.wait_for_timeout(100)
    return False


def test_editor_uploads_finds_previews_and_downloads(page, login, users, tmp_path):
    login("emma", "pw-editor-123")
    page.get_by_role("link", name="Upload", exact=True).click()
    page.get_by_label("Library").check()
    page.get_by_label("Tags").fill("qbr, launch")
    # One file through the file input, one dropped on the drop zone.
    pdf_path = tmp_path / "quarterly-review.pdf"
    pdf_path.write_bytes(PDF)
    page.set_input_files("#id_files", str(pdf_path))
    page.evaluate(
        DROP_FILE_JS,
        [
            "launch-deck.pptx",
            base64.b64encode(PPTX).decode(),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ],
    )
    assert page.locator(".upload-item").count() == 2
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator(".upload-item.result-ok")).to_have_count(2, timeout=90_000)  # LibreOffice renders the PPTX
    assert page.locator("#upload-summary").inner_text().startswith("Finished: 2 uploaded")
    assert page.locator(".upload-item progress").first.evaluate("el => el.value") == 100
    assert page.locator(".upload-item .badge-ready").count() == 2  # processed at commit
    page.screenshot(path="/tmp/quiver-upload.png", full_page=True)

    # Find it in the library with the title filter (htmx swaps the results).
    page.get_by_role("link", name="Library", exact=True).click()
    page.get_by_label("Title or description contains").fill("quarterly")
    expect(page.locator("#results .card")).to_have_count(1)
    assert page.url.endswith("/?q=quarterly")  # empty and default filters stay out of the URL
    page.screenshot(path="/tmp/quiver-home.png", full_page=True)
    page.get_by_text("List", exact=True).click()  # the grid/list toggle is kept in the URL
    expect(page.locator("#results table.asset-table")).to_be_visible()
    assert "view=list" in page.url and "q=quarterly" in page.url
    page.get_by_text("Grid", exact=True).click()
    expect(page.locator("#results .card")).to_have_count(1)
    page.locator("#results .card a").first.click()
    page.wait_for_url(re.compile(r"/assets/\d+/"))
    asset = Asset.objects.get(title="quarterly review")
    assert page.url.endswith(asset.get_absolute_url())

    # Preview: the page image is rendered; next page by button, then by keyboard.
    image = page.locator("#page-image")
    image.wait_for()
    assert _image_loaded(page)
    assert "Page 1 of 3" in page.locator(".page-status").inner_text()
    page.get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"\?page=2$"))
    assert "Page 2 of 3" in page.locator(".page-status").inner_text()
    expect(page.locator("#preview-announcer")).to_have_text("Page 2 of 3")
    assert page.evaluate("() => document.activeElement.getAttribute('data-nav')") == "next"
    page.locator(".page-text-box > summary").click()
    assert "Three new logos" in page.locator(".page-text").inner_text()
    page.locator("body").press("ArrowRight")
    page.wait_for_url(re.compile(r"\?page=3$"))
    assert _image_loaded(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path="/tmp/quiver-asset.png", full_page=True)
    assert set(UsageEvent.objects.filter(asset=asset, kind="preview").values_list("page", flat=True)) >= {1, 2, 3}

    # Download.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download", exact=True).click()
    download = info.value
    assert download.suggested_filename == "quarterly-review.pdf"
    assert open(download.path(), "rb").read() == PDF
    assert UsageEvent.objects.filter(asset=asset, kind="download", user=users["editor"]).count() == 1

    # The PPTX was processed too: its slide text is on its page.
    deck = Asset.objects.get(title="launch deck")
    assert deck.current_version.status == "ready"
    page.goto(deck.get_absolute_url())
    page.locator(".page-text-box > summary").click()
    assert "Product launch deck" in page.locator(".page-text").inner_text()
    assert page.csp_violations == []  # no inline script or style anywhere on the way


def test_processing_page_polls_and_reloads_when_ready(page, login, users):
    from quiver.library import services
    from quiver.library.models import AssetVersion

    root = Collection.objects.get(parent=None, name="Library")
    asset = services.create_asset(
        users["editor"],
        title="Fresh upload",
        collections=[root],
        file=_named(make_pdf(["Fresh\nJust uploaded"]), "fresh.pdf"),
    )
    AssetVersion.objects.filter(pk=asset.current_version_id).update(status="processing")
    login("sam", "pw-viewer-123")
    page.goto(asset.get_absolute_url())
    expect(page.locator("#processing")).to_contain_text("Processing version 1")
    assert page.locator("#preview").count() == 0
    AssetVersion.objects.filter(pk=asset.current_version_id).update(status="ready")
    expect(page.locator("#preview")).to_be_visible()  # the poll answered HX-Refresh and the page reloaded
    expect(page.locator("#processing")).to_have_count(0)
    assert page.csp_violations == []


def _named(data: bytes, name: str):
    import io

    buf = io.BytesIO(data)
    buf.name = name
    return buf


def test_viewer_cannot_edit(page, login, users, library):
    from quiver.library import services

    root = Collection.objects.get(parent=None, name="Library")
    asset = services.create_asset(
        users["editor"], title="Competitor battlecard", link_url="https://example.com/bc", collections=[root]
    )
    login("sam", "pw-viewer-123")
    assert page.get_by_role("link", name="Upload").count() == 0
    page.goto(asset.get_absolute_url())
    assert page.get_by_role("heading", name="Competitor battlecard").is_visible()
    for name in ("Edit", "Archive", "Restore"):
        assert page.get_by_role("link", name=name, exact=True).count() == 0
    assert page.get_by_role("link", name="Open link").count() >= 1

    # Direct requests with the viewer's session and a valid CSRF token are refused.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    headers = {"X-CSRFToken": csrf, "Referer": library.url + "/"}
    edit = page.request.post(
        reverse("library:asset_edit", args=[asset.pk]),
        headers=headers,
        form={"title": "Hacked", "asset_type": "link", "status": "published"},
    )
    assert edit.status == 403
    archive = page.request.post(reverse("library:asset_archive", args=[asset.pk]), headers=headers)
    assert archive.status == 403
    assert page.request.get(reverse("library:upload")).status == 403
    asset.refresh_from_db()
    assert asset.title == "Competitor battlecard" and asset.status == "published"


@pytest.mark.parametrize("js", [False])
def test_upload_works_without_javascript(browser, library, users, tmp_path, js):
    context = browser.new_context(base_url=library.url, java_script_enabled=js)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("emma")
    page.get_by_label("Password").fill("pw-editor-123")
    page.get_by_role("button", name="Log in").click()
    page.goto("/upload/")
    page.get_by_label("Library").check()
    good, empty = tmp_path / "one-pager.pdf", tmp_path / "empty.pdf"
    good.write_bytes(make_pdf(["One pager"]))
    empty.write_bytes(b"")
    page.set_input_files("#id_files", [str(good), str(empty)])
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_load_state()
    results = page.locator(".upload-results")
    assert "1 of 2 files uploaded" in results.inner_text()
    assert "The file is empty." in page.locator(".result-error").inner_text()
    assert Asset.objects.filter(title="one pager").exists()
    context.close()

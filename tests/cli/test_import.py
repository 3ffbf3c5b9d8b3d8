"""`quiver import PATH`: folders become collections, files are stored and processed inline, bad files are
reported with a reason, hidden files and symbolic links are skipped, re-imports are recognised."""

import os
import subprocess
import sys

import pytest

from quiver.demo.files import make_docx, make_pdf, make_pptx
from quiver.library.models import Asset, AssetVersion, Collection


@pytest.fixture
def tree(tmp_path):
    src, outside = tmp_path / "src", tmp_path / "outside"
    (src / "Products" / "Ledger").mkdir(parents=True)
    (src / ".git").mkdir()
    outside.mkdir()
    (src / "Products" / "Ledger" / "pitch.pptx").write_bytes(make_pptx([("Ledger pitch", ["Close in five days"])] * 2))
    (src / "Products" / "overview.pdf").write_bytes(make_pdf(["Overview of the product line\nFour products."]))
    (src / "notes.docx").write_bytes(make_docx("Meeting notes", [("Summary", "Renewal planned for March")]))
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref")
    (src / "empty.txt").write_bytes(b"")
    (src / "[red]odd [b]name.txt").write_text("a file name that looks like console markup")
    (src / ".hidden.txt").write_text("hidden")
    (src / ".git" / "config").write_text("[core]")
    (outside / "secret.txt").write_text("outside the import root")
    (src / "secret-link.txt").symlink_to(outside / "secret.txt")
    (src / "folder-link").symlink_to(outside, target_is_directory=True)
    return src


@pytest.fixture(autouse=True)
def no_previews(settings):
    settings.QUIVER_PREVIEWS = False  # office previews via LibreOffice take seconds; their own tests cover them


def _collection(*names):
    node = Collection.objects.get(parent=None, name="Library")
    for name in names:
        node = Collection.objects.get(parent=node, name=name)
    return node


def test_import_builds_collections_processes_and_reports(db, cli, tree, editor):
    result = cli("import", tree, "--collection", "Imports/Batch", "--owner", editor.username)
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "4 ok, 2 failed, 0 already present, 2 skipped" in out
    assert "symbolic link" in out and "empty" in out and "[red]odd [b]name.txt" in out  # names are not markup

    batch = _collection("Imports", "Batch")
    ledger = _collection("Imports", "Batch", "Products", "Ledger")
    pitch = Asset.objects.get(collections=ledger)
    assert pitch.asset_type == "deck" and pitch.owner == editor and pitch.current_version.status == "ready"
    assert "Close in five days" in " ".join(pitch.current_version.pages.values_list("text", flat=True))
    assert Asset.objects.get(collections=_collection("Imports", "Batch", "Products")).title == "overview"
    assert set(Asset.objects.filter(collections=batch).values_list("versions__original_filename", flat=True)) == {
        "notes.docx",
        "broken.pdf",
        "[red]odd [b]name.txt",
    }

    broken = AssetVersion.objects.get(original_filename="broken.pdf")
    assert broken.status == "failed" and broken.failure_reason  # kept, with a human reason
    assert broken.failure_reason[:20] in out
    names = set(AssetVersion.objects.values_list("original_filename", flat=True))
    assert not names & {"secret.txt", "secret-link.txt", ".hidden.txt", "config", "empty.txt"}
    assert not Collection.objects.filter(name__in=[".git", "folder-link", "outside"]).exists()

    again = cli("import", tree, "--collection", "Imports/Batch")
    assert again.exit_code == 0
    assert "0 ok, 1 failed, 5 already present, 2 skipped" in " ".join(again.output.split())
    assert Asset.objects.count() == 5


def test_import_into_the_root_and_of_a_single_file(db, cli, tree):
    result = cli("import", tree / "Products")
    assert result.exit_code == 0, result.output
    assert Asset.objects.filter(collections=_collection("Ledger")).count() == 1
    assert Asset.objects.filter(collections=_collection()).count() == 1  # overview.pdf at the top
    single = cli("import", tree / "notes.docx", "-c", "Single")
    assert single.exit_code == 0 and "1 ok" in single.output
    assert Asset.objects.filter(collections=_collection("Single")).count() == 1


def test_import_refuses_missing_path_and_unknown_owner(db, cli, tmp_path):
    missing = cli("import", tmp_path / "nope")
    assert missing.exit_code == 1 and "does not exist" in " ".join(missing.output.split())
    (tmp_path / "x.txt").write_text("x")
    unknown = cli("import", tmp_path, "--owner", "ghost")
    assert unknown.exit_code == 1 and "no active user named 'ghost'" in " ".join(unknown.output.split())
    assert not Asset.objects.exists()


def test_real_command_with_parallel_workers(tmp_path):
    """The installed `quiver` entry point on its own data directory, processing with two threads."""
    src = tmp_path / "in" / "Deals"
    src.mkdir(parents=True)
    for i in range(4):
        (src / f"proposal-{i}.pdf").write_bytes(make_pdf([f"Proposal number {i}\nPrice {1000 * i}"]))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quiver.settings",
        "QUIVER_DATA_DIR": str(tmp_path / "data"),
        "QUIVER_PARSE_WORKERS": "1",
        "COLUMNS": "120",
    }
    quiver = [sys.executable, "-m", "quiver.cli.entry"]
    subprocess.run([*quiver, "migrate"], env=env, check=True, timeout=120)
    done = subprocess.run(
        [*quiver, "import", str(tmp_path / "in"), "--workers", "2"],
        env=env,
        timeout=120,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 ok, 0 failed" in done.stdout  # ok means stored and processed to ready

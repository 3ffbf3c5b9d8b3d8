"""Display names from hostile file names (library.filenames)."""

import pytest

from quiver.library.filenames import clean_filename


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("", "file"),
        (None, "file"),
        ("..", "file"),
        ("...", "file"),
        ("../../", "file"),
        ("/", "file"),
        ("reports/", "reports"),
        ("C:\\Users\\me\\deck.pptx", "deck.pptx"),
        ("../../etc/passwd", "passwd"),
        ("a\x00b\x1f.pdf", "ab.pdf"),
        (".hidden", "hidden"),
        ("caf\udce9.pdf", "caf\ufffd.pdf"),  # a non-UTF-8 byte from os.listdir (surrogateescape)
        ("lone\ud800.pdf", "lone?.pdf"),
        ("x" * 300, "x" * 255),
    ],
)
def test_clean_filename(raw, clean):
    assert clean_filename(raw) == clean
    clean.encode("utf-8")  # storable in PostgreSQL

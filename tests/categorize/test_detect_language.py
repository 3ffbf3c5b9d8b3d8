"""Language detection on real multilingual text: the first article of the Universal Declaration of Human Rights
in the nine languages of the taxonomy seed (the "UDHR in Unicode" text in the shared corpus), and a real French
PDF parsed by the product's own parser."""

import os

import pytest

from quiver.categorize import detect
from quiver.categorize.detect.evaluate import parse_demo_file
from tests.conftest import SHARED, require

DOCS = os.path.join(SHARED, "data", "corpus", "unstructured-example-docs", "example-docs", "language-docs")
HEADINGS = {
    "en": "English",
    "fr": "French",
    "de": "German, Standard (1996)",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese (Portugal)",
    "nl": "Dutch",
    "ja": "Japanese",
    "zh": "Chinese, Mandarin (Simplified)",
}


def _udhr() -> dict[str, str]:
    path = os.path.join(DOCS, "UDHR_first_article_all.txt")
    require(os.path.exists(path), f"shared test data is missing: {path}")
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    by_heading = {lines[i].strip(): lines[i + 1].strip() for i in range(len(lines) - 1)}
    return {code: by_heading[heading] for code, heading in HEADINGS.items()}


@pytest.mark.parametrize("high", [False, True], ids=["low-accuracy", "high-accuracy"])
def test_each_seed_language_on_real_text(high):
    for code, text in _udhr().items():
        found = detect.language(text, high=high)
        assert found is not None and found[0] == code, (code, text[:40], found)
        assert 0.5 <= found[1] <= 1.0


def test_a_real_french_pdf():
    path = os.path.join(DOCS, "fr_olap.pdf")
    require(os.path.exists(path), f"shared test data is missing: {path}")
    with open(path, "rb") as fh:
        parsed = parse_demo_file(fh.read(), "fr_olap.pdf")
    assert parsed["status"] == "ready"
    assert detect.language("\n".join(parsed["pages"]))[0] == "fr"


def test_a_mostly_english_mixed_document_is_english():
    udhr = _udhr()
    text = " ".join([udhr["en"]] * 4 + [udhr["es"]])
    assert detect.language(text)[0] == "en"


def test_too_little_text_says_nothing():
    assert detect.language("") is None
    assert detect.language("Q3 2025 — 42%") is None

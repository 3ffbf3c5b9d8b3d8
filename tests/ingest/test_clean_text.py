"""Text with NUL or lone surrogates never crashes the save: cleaned where parser output enters the pipeline. Run on
SQLite and on PostgreSQL (QUIVER_DATABASE_URL=postgres://...): PostgreSQL refuses NUL, UTF-8 refuses surrogates."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiver.ingest.clean import clean, clean_text
from quiver.library.models import ProcessingStatus

from . import makers


@pytest.mark.django_db
def test_rtf_with_invalid_unicode_is_saved(ingest):
    version = ingest(makers.rtf_with_bad_unicode(), "pricing.rtf")
    version.refresh_from_db()
    assert version.status == ProcessingStatus.READY, version.failure_reason
    text = version.pages.get().text
    assert "lonehigh lonelow nulhere pair\U0001f600smile rawbyte" in text


def test_clean_joins_pairs_and_drops_lone_surrogates_and_nul():
    assert clean_text("a\ud800b\x00c\udc00") == "abc"
    assert clean_text("x\ud83d\ude00y") == "x\U0001f600y"
    assert clean_text("plain") == "plain"
    value = {"title\x00": "T\x00", "pages": ["one\udfff", ("two", 2, None)], "n": 1.5, "raw": b"\x00"}
    assert clean(value) == {"title": "T", "pages": ["one", ["two", 2, None]], "n": 1.5, "raw": b"\x00"}


@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())))
def test_clean_text_always_encodes_and_keeps_clean_text(text):
    cleaned = clean_text(text)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert "\x00" not in cleaned and clean_text(cleaned) == cleaned
    if not any(ch == "\x00" or "\ud800" <= ch <= "\udfff" for ch in text):
        assert cleaned == text

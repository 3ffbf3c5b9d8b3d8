"""Prose that libmagic's weak rules misread (HPGL, Pico ROM, HTML from a ticker in angle brackets) is text."""

from quiver.ingest.sniff import sniff

PROSE = (
    b"BPI SYSTEMS <BPII> IN TALKS TO SELL COMPANY\nBPI Systems Inc said it is\nholding discussions that could "
    b"lead to the sale of all its\noutstanding shares for about 12 mln dlrs.\n"
)


def test_prose_libmagic_misreads_is_text():
    found = sniff(PROSE)
    assert found.kind == "text" and found.encoding == "utf-8"


def test_real_html_is_still_html():
    assert sniff(b"<!doctype html><html><body><p>Hello</p></body></html>").kind == "html"


def test_binary_is_not_mistaken_for_text():
    assert sniff(bytes(range(256)) * 8).kind != "text"
    assert sniff(b"IN;SP1;PU0,0;PD100,100;" + b"\x00\x01\x02" * 50).kind != "text"

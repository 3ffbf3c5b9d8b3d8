"""The kind -> parser map: every sniffable document kind has exactly one parser module, with one signature."""

import inspect

import pytest

from quiver.ingest.parsers import PARSERS, UNSUPPORTED, Options, parse
from quiver.ingest.sniff import KINDS

NOT_PARSED = {"encrypted-office", "zip", "xlsb"}  # refused before parsing, or named as unsupported


def test_every_sniffed_kind_maps_to_a_parser_module():
    assert set(KINDS) - NOT_PARSED <= set(PARSERS)
    assert set(PARSERS) - set(KINDS) == {"image", "video"}  # their labels come from libmagic
    assert not set(UNSUPPORTED) & set(PARSERS)
    for kind, module in PARSERS.items():
        params = list(inspect.signature(module.parse).parameters)
        assert params == ["data", "kind", "options", "encoding"], (kind, params)


@pytest.mark.parametrize(
    "kind,label,reason",
    [
        ("zip", "a ZIP archive", "unsupported type: ZIP archive"),
        ("audio", "a WAV audio file", "unsupported type: WAV audio file"),
        (
            "xlsb",
            "an Excel binary workbook (.xlsb)",
            "Excel binary workbooks (.xlsb) are not supported; save it as "
            ".xlsx (Excel: File > Save As) and upload that",
        ),
    ],
)
def test_kinds_without_a_parser_say_so(kind, label, reason):
    with pytest.raises(Exception) as caught:
        parse(b"irrelevant", kind, label, Options())
    assert caught.value.reason == reason

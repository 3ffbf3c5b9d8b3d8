"""The demo catalog (no database): enough assets of every type, real files with real text, varied and dated."""

import io
import re
import zipfile
from collections import Counter
from datetime import timedelta

import pypdfium2
import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from quiver.demo.content import emails
from quiver.demo.people import COLLECTIONS, DEMO_USERS
from quiver.demo.phrases import Writer
from quiver.demo.world import COMPETITORS, INDUSTRIES, PERSONAS, PRODUCTS

from .conftest import NOW

TYPES = (
    "deck",
    "case_study",
    "one_pager",
    "battlecard",
    "datasheet",
    "whitepaper",
    "pricing_sheet",
    "email_template",
    "link",
)


@pytest.fixture
def built(built_catalog):
    return built_catalog


@pytest.fixture
def assets(built_catalog):
    return built_catalog[0]


def test_at_least_150_assets_of_every_type_generated_quickly(built):
    assets, seconds = built
    counts = Counter(a.asset_type for a in assets)
    assert len(assets) >= 150
    for kind in TYPES:
        assert counts[kind] >= 6, (kind, counts)
    assert seconds < 40, f"generation took {seconds:.1f} s"


def test_files_are_real_formats(assets):
    for a in assets:
        if a.asset_type == "link":
            assert a.data is None and a.link_url.startswith("https://www.corvana.example/")
            continue
        ext = a.filename.rsplit(".", 1)[-1]
        assert ext in {"pdf", "pptx", "docx", "xlsx", "txt"}, a.filename
        if ext == "pdf":
            assert a.data.startswith(b"%PDF-")
        elif ext == "txt":
            assert a.data.decode("utf-8").strip()
        else:
            names = zipfile.ZipFile(io.BytesIO(a.data)).namelist()
            main = {"pptx": "ppt/presentation.xml", "docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[ext]
            assert main in names


def _by_type(assets, kind, ext=None):
    return [a for a in assets if a.asset_type == kind and (ext is None or a.filename.endswith(ext))]


def test_decks_have_6_to_15_slides_with_text(assets):
    decks = _by_type(assets, "deck")
    for deck in decks:
        for data in (deck.data, *(deck.revision[:1] if deck.revision else ())):
            prs = Presentation(io.BytesIO(data))
            assert 6 <= len(prs.slides) <= 15, (deck.title, len(prs.slides))
    text = "\n".join(
        shape.text_frame.text
        for slide in Presentation(io.BytesIO(decks[5].data)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert decks[5].title in text and len(text.split()) > 150


def test_pdfs_have_extractable_text_and_whitepapers_several_pages(assets):
    story = _by_type(assets, "case_study", ".pdf")[0]
    pdf = pypdfium2.PdfDocument(story.data)
    text = pdf[0].get_textpage().get_text_range()
    customer = story.title.split(":")[0]
    assert customer in text and re.search(r"\d", text)
    for paper in _by_type(assets, "whitepaper"):
        assert len(pypdfium2.PdfDocument(paper.data)) >= 4, paper.title
    sheet = _by_type(assets, "datasheet")[0]
    sheet_text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(sheet.data))
    assert "Deployment" in sheet_text or "Connector" in sheet_text or "Encryption" in sheet_text or "Plan" in sheet_text


def test_battlecards_cover_every_competitor_with_traps_and_objections(assets):
    cards = _by_type(assets, "battlecard")
    assert {c.name for c in COMPETITORS} == {t.split(" vs ")[1] for t in (c.title for c in cards)}
    docx_card = next(c for c in cards if c.filename.endswith(".docx"))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_card.data)).paragraphs)
    for heading in ("Where they are strong", "Where we win", "Landmines to set early", "Objection handling"):
        assert heading in text
    pdf_card = next(c for c in cards if c.filename.endswith(".pdf"))
    assert "Landmines" in "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf_card.data))


def test_pricing_sheets_hold_numeric_tiers(assets):
    for sheet in _by_type(assets, "pricing_sheet"):
        wb = load_workbook(io.BytesIO(sheet.data))
        rows = list(wb["Tiers"].iter_rows(values_only=True))
        assert [r[0] for r in rows[1:]] == ["Starter", "Professional", "Enterprise"]
        prices = [r[1] for r in rows[1:]]
        assert all(isinstance(p, int) and p > 0 for p in prices) and prices == sorted(prices)
        assert rows[1][3] == rows[1][1] * rows[1][2]  # annual minimum = price x minimum users, as numbers
        assert not any(isinstance(c, str) and c.startswith("=") for r in rows for c in r)


def test_every_product_industry_persona_and_stage_appears(assets):
    text = "\n".join(a.text + " " + " ".join(a.tags) for a in assets)
    for name in [p.name for p in PRODUCTS] + [i.name for i in INDUSTRIES] + [p.title for p in PERSONAS]:
        assert name in text, name
    tags = {t for a in assets for t in a.tags}
    assert {"Prospecting", "Discovery", "Evaluation", "Proposal", "Negotiation"} <= tags


def test_no_two_assets_read_the_same(assets):
    titles = [a.title for a in assets]
    assert len(set(titles)) == len(titles)
    texts = [a.text for a in assets if a.data]
    assert len(set(texts)) == len(texts)

    def shingles(text):
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    for kind in ("case_study", "one_pager", "email_template", "whitepaper"):
        group = [shingles(a.text) for a in _by_type(assets, kind)]
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                assert len(a & b) / len(a | b) < 0.6, kind


def test_dates_owners_statuses_collections(assets):
    dates = [a.created_at for a in assets]
    assert min(dates) >= NOW - timedelta(days=3 * 365) and max(dates) <= NOW
    per_year = Counter((NOW - d).days // 365 for d in dates)
    assert all(per_year[y] >= 30 for y in range(3)), per_year
    editors = {u.username for u in DEMO_USERS if u.role in ("editor", "admin")}
    assert {a.owner for a in assets} <= editors and len({a.owner for a in assets}) >= 3
    statuses = Counter(a.status for a in assets)
    assert statuses["draft"] >= 5 and statuses["archived"] >= 5 and statuses["published"] >= 120
    assert all(set(a.collections) <= set(COLLECTIONS) and a.collections and a.tags for a in assets)
    assert sum(len(a.collections) > 1 for a in assets) >= 50
    revised = [a for a in assets if a.revision]
    assert revised and all(a.created_at < a.extra["revised_at"] <= NOW for a in revised)


def test_generation_is_deterministic_for_a_seed():
    first, again, other = ([(a.title, a.text) for a in emails.build(Writer(seed))] for seed in ("s1", "s1", "s2"))
    assert first == again
    assert other != first

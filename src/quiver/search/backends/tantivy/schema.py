"""Tantivy schema: one document per asset; page texts are stored as the values of `body`, in page order."""

from __future__ import annotations

import tantivy

from ...engine import FACET_NAME, SearchDocument
from ...highlight import clean_text

SCHEMA_VERSION = 1
ANALYZER = "quiver_en"
# Searchable text fields and their boosts: title > tags/facet values > description > page text.
TEXT_FIELDS = ("title", "labels", "description", "body")

ENGLISH_STOPWORDS = (
    "a an and are as at be but by for if in into is it no not of on or such that the their then there these they "
    "this to was will with what which who whom how when where why do does did been being have has had its our we "
    "you your i me my he she him her them us am were would should could can may might must shall than so too very "
    "s t just only own same other some any each few more most both all nor off once here about above after again "
    "against below between during before further over under until up down out from through while"
).split()


def analyzer() -> tantivy.TextAnalyzer:
    """Simple tokenizer, long tokens dropped, lower case, accents folded, English stop words, Snowball stemmer."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.custom_stopword(ENGLISH_STOPWORDS))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def plain_analyzer() -> tantivy.TextAnalyzer:
    """The same without stemming and stop words: for prefixes."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("id", stored=True, indexed=True, fast=True)
    sb.add_text_field("title", stored=True, tokenizer_name=ANALYZER)
    sb.add_text_field("labels", stored=False, tokenizer_name=ANALYZER)
    sb.add_text_field("description", stored=True, tokenizer_name=ANALYZER)
    sb.add_text_field("body", stored=True, tokenizer_name=ANALYZER)
    sb.add_integer_field("page", stored=True, indexed=False)
    sb.add_json_field("f", stored=False, tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_integer_field("collection", indexed=True)
    sb.add_text_field("status", tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("owner", indexed=True)
    sb.add_integer_field("creator", indexed=True)
    sb.add_integer_field("created", indexed=False, fast=True)
    sb.add_integer_field("updated", indexed=False, fast=True)
    return sb.build()


def to_tantivy(doc: SearchDocument) -> tantivy.Document:
    pages = [(number, clean_text(text)) for number, text in doc.pages]
    pages = [(number, text) for number, text in pages if text]
    facets = {name: vals for name, vals in doc.facet_values().items() if FACET_NAME.match(name)}
    fields = {
        "id": [doc.id],
        "title": [clean_text(doc.title)],
        "labels": [clean_text(doc.facet_text())],
        "description": [clean_text(doc.description)],
        "f": [facets],
        "status": [doc.status],
        "created": [doc.timestamp("created")],
        "updated": [doc.timestamp("updated")],
    }
    if pages:
        fields["body"] = [text for _, text in pages]
        fields["page"] = [number for number, _ in pages]
    if doc.collection_ids:
        fields["collection"] = list(doc.collection_ids)
    if doc.owner_id is not None:
        fields["owner"] = [doc.owner_id]
    if doc.created_by_id is not None:
        fields["creator"] = [doc.created_by_id]
    return tantivy.Document.from_dict(fields)

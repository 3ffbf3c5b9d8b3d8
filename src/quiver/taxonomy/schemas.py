"""Pydantic schemas of the taxonomy API."""

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from quiver.library.models import AssetType
from quiver.library.schemas import Id, Text

AssetTypeName = Literal[tuple(AssetType.values)]  # type: ignore[valid-type]
Name = Annotated[Text, Field(min_length=1, max_length=80)]
ValueName = Annotated[Text, Field(min_length=1, max_length=120)]
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)]
Color = Annotated[str, Field(pattern=r"^(#[0-9a-fA-F]{6})?$")]
Position = Annotated[int, Field(ge=0, le=1_000_000)]


class FacetValueOut(Schema):
    id: int
    name: str
    slug: str
    parent: int | None
    position: int
    color: str
    depth: int
    children: list["FacetValueOut"]


class FacetFieldOut(Schema):
    id: int
    name: str
    slug: str
    multi_select: bool
    position: int
    description: str
    required_for: list[str]
    values: list[FacetValueOut] = Field(description="Top-level values in order, each with its `children`.")


class FacetFieldIn(Schema):
    name: Name
    slug: Slug | None = None
    multi_select: bool = True
    position: Position | None = None
    description: Text = ""
    required_for: list[AssetTypeName] = []


class FacetFieldPatch(Schema):
    name: Name | None = None
    slug: Slug | None = None
    multi_select: bool | None = None
    position: Position | None = None
    description: Text | None = None
    required_for: list[AssetTypeName] | None = None


class FacetValueIn(Schema):
    name: ValueName
    slug: Slug | None = None
    parent: Id | None = None
    position: Position | None = None
    color: Color = ""


class FacetValuePatch(Schema):
    name: ValueName | None = None
    slug: Slug | None = None
    parent: Id | None = Field(None, description="Another value of the same field; null for top level.")
    position: Position | None = None
    color: Color | None = None


class AssetFacetsOut(Schema):
    facets: dict[str, list[str]] = Field(description="{field slug: [value names]}")
    missing_required: list[str] = Field(description="Slugs of facets required for this asset type but empty.")


AssetFacetsIn = dict[Annotated[str, Field(max_length=80)], list[Annotated[Text, Field(max_length=120)]]]


class RuleQuery(Schema):
    values: list[Id] = Field(
        [],
        max_length=100,
        description="Facet value ids: OR within a field, AND across fields; a value also matches its descendants.",
    )
    tags: list[Annotated[Text, Field(max_length=80)]] = Field([], max_length=100, description="Any of these tags.")
    asset_types: list[AssetTypeName] = Field([], max_length=20)
    text: Annotated[Text, Field(max_length=200)] = Field(
        "", description="Every word in title, description, tags or extracted text."
    )


class RuleIn(Schema):
    query: RuleQuery
    include_archived: bool = False


class RuleOut(Schema):
    collection: int
    smart: bool
    query: RuleQuery | None
    include_archived: bool
    conditions: list[str]
    members: int = Field(description="Assets matched by the rule that you may see.")

from .assignment import AssetFacetValue, AssignmentSource
from .facet import FacetField, FacetValue, validate_color
from .smart import SmartCollectionRule, SmartMembership

__all__ = [
    "AssetFacetValue",
    "AssignmentSource",
    "FacetField",
    "FacetValue",
    "validate_color",
    "SmartCollectionRule",
    "SmartMembership",
]

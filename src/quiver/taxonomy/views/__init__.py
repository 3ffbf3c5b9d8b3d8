from .admin import field_detail, field_list, value_create, value_detail
from .assets import asset_facets
from .smart_rules import rule_edit, rule_preview

__all__ = ["field_detail", "field_list", "value_create", "value_detail", "asset_facets", "rule_edit", "rule_preview"]

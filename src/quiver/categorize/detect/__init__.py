"""Detectors: signals read from an asset's own content, with their evidence.

detect.language(text) -> (code, confidence) | None
detect.asset_type(asset, version, pages) -> [(AssetType value, confidence, [{"text", "page"}])]
detect.key_phrases(pages) -> [(phrase, score, page)]
detect.analyse(asset) -> categorize.AssetSignals (computed and saved)
"""

from .analyse import analyse, asset_type
from .language import language
from .phrases import key_phrases

__all__ = ["analyse", "asset_type", "key_phrases", "language"]

"""Imported once by each sandbox child at start (after it confined itself), so jobs find the parsers loaded."""

import magic  # noqa: F401
import pypdfium2  # noqa: F401
from PIL import Image  # noqa: F401

from . import analyse, previews  # noqa: F401
from .parsers import PARSERS  # noqa: F401

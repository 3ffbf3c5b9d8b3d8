"""Imported once by the sandbox's forkserver so every child starts with the parsers already loaded."""

import magic  # noqa: F401
import pypdfium2  # noqa: F401
from PIL import Image  # noqa: F401

from . import analyse, previews  # noqa: F401
from .parsers import PARSERS  # noqa: F401

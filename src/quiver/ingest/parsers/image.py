"""Images: stored with metadata (format, dimensions) after Pillow has checked them; no OCR."""

import io
import warnings

from PIL import Image, UnidentifiedImageError

from ..errors import Corrupt, IngestError
from .base import Options, Parsed, clean_meta

MAX_PIXELS = 64_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageTooLarge(IngestError):
    prefix = "image too large"


def open_checked(data: bytes) -> Image.Image | None:
    """An opened (not yet decoded) image, or None if Pillow does not know the format (HEIC, EMF...).

    Raises ImageTooLarge for decompression bombs and Corrupt for broken files."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ImageTooLarge(f"{image.width}x{image.height} pixels (limit {MAX_PIXELS // 1_000_000} MP)")
            return image
    except UnidentifiedImageError:
        return None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(str(exc).split(" pixels")[0].replace("Image size (", "") + " pixels") from None
    except IngestError:
        raise
    except (OSError, SyntaxError, ValueError, TypeError, IndexError, KeyError, EOFError, struct_error()) as exc:
        raise Corrupt("image", str(exc) or type(exc).__name__) from None


def struct_error():
    import struct

    return struct.error


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    image = open_checked(data)
    if image is None:
        return Parsed(pages=[], page_count=None, metadata={"preview": "unavailable: image format not supported"})
    with image:
        metadata = clean_meta(
            {
                "format": image.format,
                "width": image.width,
                "height": image.height,
                "mode": image.mode,
                "frames": getattr(image, "n_frames", 1),
            }
        )
    return Parsed(pages=[], page_count=None, metadata=metadata)

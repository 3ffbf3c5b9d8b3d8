"""Preview images, rendered inside a sandbox child: a ~400 px thumbnail and ~1200 px page images (WebP) for the
first pages of PDFs (pypdfium2); office files are first converted to PDF by LibreOffice headless; images get a
thumbnail through Pillow. The worker stores what comes back (see pipeline.save_previews)."""

import io

from PIL import Image

from .analyse import identify, read
from .errors import IngestError
from .libreoffice import find_libreoffice, office_to_pdf

THUMB_WIDTH = 400
PAGE_WIDTH = 1200
MAX_HEIGHT = 6000
FORMAT, EXT = "WEBP", "webp"
OFFICE_KINDS = {"docx", "pptx", "xlsx", "odt", "odp", "ods", "rtf", "doc", "ppt", "xls"}
NO_LIBREOFFICE = "unavailable: LibreOffice is not installed"


def encode(image: Image.Image, quality: int = 72) -> bytes:
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    buf = io.BytesIO()
    image.save(buf, FORMAT, quality=quality, method=0)
    return buf.getvalue()


def thumbnail_of(image: Image.Image) -> bytes:
    copy = image.copy()
    copy.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 3))
    return encode(copy, quality=70)


def pdf_previews(data: bytes, max_pages: int) -> dict:
    import pypdfium2 as pdfium

    from .parsers.pdf import open_pdf

    pdf = open_pdf(data)
    out: dict = {"thumbnail": None, "pages": [], "ext": EXT}
    try:
        for index in range(min(len(pdf), max_pages)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                if width <= 0 or height <= 0:
                    out["pages"].append(None)
                    continue
                scale = min(PAGE_WIDTH / width, MAX_HEIGHT / height)
                image = page.render(scale=scale, draw_annots=True).to_pil()
            except pdfium.PdfiumError:
                out["pages"].append(None)
                continue
            finally:
                page.close()
            if out["thumbnail"] is None:
                out["thumbnail"] = thumbnail_of(image)
            out["pages"].append(encode(image))
    finally:
        pdf.close()
    return out


def image_previews(data: bytes) -> dict:
    from .parsers.image import open_checked

    image = open_checked(data)
    if image is None:
        return {"note": "unavailable: image format not supported"}
    with image:
        if image.format == "JPEG":
            image.draft("RGB", (THUMB_WIDTH * 2, THUMB_WIDTH * 2))
        image.load()
        return {"thumbnail": thumbnail_of(image), "pages": [], "ext": EXT}


def render(path: str, filename: str, max_pages: int = 50, libreoffice: str = "", timeout: float = 60) -> dict:
    """{thumbnail: bytes|None, pages: [bytes|None], ext, note} for one file; a note explains missing previews."""
    data = read(path)
    try:
        kind = identify(data, filename).kind
        if kind == "pdf":
            return pdf_previews(data, max_pages)
        if kind in OFFICE_KINDS:
            soffice = find_libreoffice(libreoffice)
            if soffice is None:
                return {"note": NO_LIBREOFFICE}
            return pdf_previews(office_to_pdf(data, kind, soffice, max(timeout - 5, 5)), max_pages)
        if kind == "image":
            return image_previews(data)
        return {}
    except IngestError as exc:
        return {"note": f"unavailable: {exc.reason}"}

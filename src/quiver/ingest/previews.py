"""Preview images, rendered inside a sandbox child: a ~400 px thumbnail and ~1200 px page images (WebP) for the
first pages of PDFs (pypdfium2); office files are first converted to PDF by LibreOffice headless; images get a
thumbnail through Pillow. The worker stores what comes back (see pipeline.save_previews)."""

import io
import os
import shutil
import signal
import subprocess
import tempfile

from PIL import Image

from .analyse import identify, read
from .errors import IngestError
from .sandbox import scratch_dir

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


def find_libreoffice(configured: str = "") -> str | None:
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


HARDENING = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
%s
</oor:items>
""" % "\n".join(
    f'<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="{name}" oor:op="fuse">'
    f'<value>{value}</value></prop></item>'
    for name, value in (("DisableMacrosExecution", "true"), ("MacroSecurityLevel", "3"),
                        ("BlockUntrustedRefererLinks", "true")))


def _profile() -> str:
    """The throwaway LibreOffice profile of this sandbox child, created with macros disabled."""
    profile = os.path.join(scratch_dir(), "libreoffice-profile")
    settings = os.path.join(profile, "user", "registrymodifications.xcu")
    if not os.path.exists(settings):
        os.makedirs(os.path.dirname(settings), exist_ok=True)
        with open(settings, "w", encoding="utf-8") as fh:
            fh.write(HARDENING)
    return profile


def office_to_pdf(data: bytes, kind: str, soffice: str, timeout: float) -> bytes:
    """Convert with LibreOffice headless in a throwaway directory and profile; the input is named by its kind."""
    with tempfile.TemporaryDirectory(prefix="quiver-lo-") as tmp:
        source = os.path.join(tmp, f"input.{kind}")
        with open(source, "wb") as fh:
            fh.write(data)
        profile = _profile()
        command = [soffice, "--headless", "--norestore", "--nologo", "--nolockcheck",
                   f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf", "--outdir", tmp, source]
        env = {"HOME": tmp, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp,
                                start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise IngestError(f"preview timed out after {timeout:.0f} s in LibreOffice") from None
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # helpers left behind by the launcher
            except OSError:
                pass
        target = os.path.join(tmp, "input.pdf")
        if not os.path.exists(target):
            raise IngestError("LibreOffice could not convert the file")
        with open(target, "rb") as fh:
            return fh.read()


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

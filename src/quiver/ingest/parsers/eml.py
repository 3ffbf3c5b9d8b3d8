"""E-mail (.eml): headers and body with the standard library; HTML bodies reduced to text."""

import email
from email import policy

from .base import Options, Parsed, chunk, clean_meta, limit_pages
from .html import html_text
from .text import decode


def _body(message) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None:
        return ""
    try:
        content = part.get_content()
    except Exception:
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)
    if not isinstance(content, str):
        return ""
    return html_text(content)[1] if part.get_content_type() == "text/html" else content


def _header(message, name: str) -> str:
    try:
        return str(message.get(name, "") or "")
    except Exception:
        return ""


def parse(data: bytes, kind: str, options: Options, encoding: str = "utf-8") -> Parsed:
    if encoding.startswith("utf-16"):
        message = email.message_from_string(decode(data, encoding), policy=policy.default)
    else:
        message = email.message_from_bytes(data, policy=policy.default)
    subject, sender, to, date = (_header(message, h) for h in ("Subject", "From", "To", "Date"))
    attachments = []
    for part in message.iter_attachments() if message.is_multipart() else []:
        attachments.append(str(part.get_filename() or part.get_content_type())[:200])
    head = "\n".join(
        f"{label}: {value}"
        for label, value in (("From", sender), ("To", to), ("Date", date), ("Subject", subject))
        if value
    )
    pages = chunk(head + "\n\n" + _body(message))
    metadata = clean_meta(
        {"title": subject[:300], "author": sender[:300], "created": date[:64], "attachments": attachments[:100]}
    )
    return Parsed(pages=limit_pages(pages, options, metadata), page_count=len(pages), metadata=metadata)

"""Outlook .msg with extract-msg: headers and body (HTML bodies reduced to text)."""

import extract_msg

from .base import Options, Parsed, chunk, clean_meta, iso, limit_pages
from .html import html_text


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    message = extract_msg.openMsg(data, delayAttachments=True)
    try:
        body = message.body or ""
        if not body.strip() and getattr(message, "htmlBody", None):
            body = html_text(message.htmlBody.decode("utf-8", "replace"))[1]
        subject, sender, to = (str(getattr(message, name, "") or "") for name in ("subject", "sender", "to"))
        date = iso(getattr(message, "date", None))
        head = "\n".join(
            f"{label}: {value}"
            for label, value in (("From", sender), ("To", to), ("Date", date), ("Subject", subject))
            if value
        )
        pages = chunk(head + "\n\n" + body)
        attachments = [
            str(getattr(a, "longFilename", None) or getattr(a, "shortFilename", None) or "attachment")
            for a in (message.attachments or [])
        ][:100]
        metadata = clean_meta(
            {"title": subject[:300], "author": sender[:300], "created": date, "attachments": attachments}
        )
        return Parsed(pages=limit_pages(pages, options, metadata), page_count=len(pages), metadata=metadata)
    finally:
        message.close()

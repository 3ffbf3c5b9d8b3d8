"""The JSON body of a webhook: Slack-compatible (`text` and `blocks`, so a Slack incoming-webhook URL works as
is) plus a `quiver` object for programs."""

import json
from datetime import datetime

from django.conf import settings

EVENT_VERBS = {
    "submitted": "was submitted for review",
    "approved": "was approved",
    "rejected": "was rejected",
    "published": "was published",
    "expiring": "expires soon",
    "expired": "has expired",
    "verified": "was verified",
    "archived": "was archived",
    "restored": "was restored",
    "trashed": "was moved to the trash",
    "merged": "was merged into another asset",
    "test": "test",
}


def absolute_url(path: str) -> str:
    return settings.QUIVER_BASE_URL.rstrip("/") + path


def slack_escape(text: str) -> str:
    """Slack's mrkdwn control characters (&, <, >) are escaped, so a title cannot inject links or mentions."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build(event: str, asset, actor, data: dict | None, now: datetime) -> dict:
    url = absolute_url(asset.get_absolute_url()) if asset is not None else ""
    title = asset.title if asset is not None else ""
    actor_name = getattr(actor, "username", "") or "system"
    verb = EVENT_VERBS.get(event, event)
    text = f"“{title}” {verb}" + (f" by {actor_name}" if actor is not None else "")
    link = f"<{url}|{slack_escape(title)}>" if url else slack_escape(title)
    detail = f"*{link}* {slack_escape(verb)}" + (f" by {slack_escape(actor_name)}" if actor is not None else "")
    comment = (data or {}).get("comment") or (data or {}).get("note") or ""
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": detail}}]
    if comment:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "> " + slack_escape(str(comment))}})
    blocks.append(
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": f"Quiver · {event} · {now.strftime('%Y-%m-%d %H:%M UTC')}"}],
        }
    )
    return {
        "text": text,
        "blocks": blocks,
        "quiver": {
            "event": event,
            "asset": {"id": asset.pk, "title": title, "url": url} if asset is not None else None,
            "actor": actor_name if actor is not None else None,
            "timestamp": now.isoformat(),
            "data": _json_safe(data or {}),
        },
    }


def _json_safe(data: dict) -> dict:
    """Lifecycle data may hold dates or model instances: keep what JSON can say, as strings otherwise."""
    return json.loads(json.dumps(data, default=str))


def encode(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

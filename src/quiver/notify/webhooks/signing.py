"""Request signing. The signature covers the timestamp and the exact body bytes:

    X-Quiver-Timestamp: 1764230400
    X-Quiver-Signature: sha256=<hex HMAC-SHA256(secret, "1764230400" + "." + body)>

A receiver recomputes it with the endpoint's secret, compares in constant time, and refuses old timestamps
(replays)."""

import hashlib
import hmac
import secrets
import time

SIGNATURE_HEADER = "X-Quiver-Signature"
TIMESTAMP_HEADER = "X-Quiver-Timestamp"
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The two headers for `body` sent at `timestamp` (Unix seconds; now by default)."""
    ts = str(int(time.time() if timestamp is None else timestamp))
    return {TIMESTAMP_HEADER: ts, SIGNATURE_HEADER: signature(secret, ts, body)}


def verify(
    secret: str, body: bytes, timestamp: str, header: str, now: float | None = None, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """What a receiver does: the signature matches and the timestamp is recent."""
    try:
        age = abs((time.time() if now is None else now) - int(timestamp))
    except (TypeError, ValueError):
        return False
    return age <= tolerance and hmac.compare_digest(signature(secret, timestamp, body), header or "")

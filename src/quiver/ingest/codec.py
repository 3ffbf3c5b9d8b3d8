"""The wire format between the worker and its sandbox children: data only, never pickles.

A message is one frame: a 4-byte big-endian length, then a msgpack document. msgpack was chosen over JSON because
it carries bytes as bytes (preview images: no base64 inflation or extra pass) and decodes in C; like JSON it builds
only dicts, lists, str, bytes, int, float, bool and None, and runs no code while decoding (unlike pickle, which
calls whatever the stream names). Extension types are refused, so nothing else can come out of a frame.

The receiver checks the announced length against its limit before reading a byte of the body, and reads against a
deadline, so a child that announces a huge answer or stalls halfway through a frame cannot block the worker."""

import socket
import struct
import time

import msgpack

HEADER = struct.Struct("!I")
MAX_FRAME = (1 << 32) - 1


class FrameError(Exception):
    """The other side sent something that is not a valid frame (reason says what)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class FrameTooLarge(FrameError):
    def __init__(self, size: int, limit: int):
        self.size, self.limit = size, limit
        super().__init__(f"a result too large ({_mb(size)} MB; the limit is {_mb(limit)} MB)")


class FrameTimeout(FrameError):
    pass


class Closed(FrameError):
    """The other side closed the connection (or died)."""


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0")


def _refuse_ext(code: int, data: bytes):
    raise FrameError(f"a msgpack extension type ({code}) is not allowed")


def encode(value) -> bytes:
    """msgpack of plain data; anything else (objects, sets...) raises TypeError."""
    return msgpack.packb(value, use_bin_type=True, strict_types=False, datetime=False)


def decode(data) -> object:
    """Plain data from a msgpack document; raises FrameError for anything else (or trailing bytes)."""
    try:
        return msgpack.unpackb(data, raw=False, strict_map_key=True, ext_hook=_refuse_ext, timestamp=0, use_list=True)
    except FrameError:
        raise
    except Exception as exc:
        raise FrameError(f"it is not valid msgpack ({type(exc).__name__})") from None


def send(sock: socket.socket, value, fds: tuple[int, ...] = ()) -> None:
    """Send one frame; `fds` (open file descriptors) travel with its header (SCM_RIGHTS)."""
    body = encode(value)
    if len(body) > MAX_FRAME:
        raise ValueError("message too large")
    header = HEADER.pack(len(body))
    if fds:
        sent = socket.send_fds(sock, [header], list(fds))
        header = header[sent:]
    sock.sendall(header)
    sock.sendall(body)


def _read_into(sock: socket.socket, view: memoryview, deadline: float | None, fds: list | None = None) -> None:
    got = 0
    while got < len(view):
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FrameTimeout("timed out")
            sock.settimeout(remaining)
        try:
            if fds is not None and got == 0:
                data, received, _flags, _addr = socket.recv_fds(sock, len(view), 4)
                fds.extend(received)
                view[: len(data)] = data
                count = len(data)
            else:
                count = sock.recv_into(view[got:])
        except TimeoutError:
            raise FrameTimeout("timed out") from None
        except OSError as exc:
            raise Closed(f"the connection failed ({type(exc).__name__})") from None
        if count == 0:
            raise Closed("the connection was closed")
        got += count


def receive(sock: socket.socket, limit: int, deadline: float | None = None, fds: list | None = None):
    """One decoded frame. Raises FrameTooLarge before reading a body over `limit` bytes, FrameTimeout past
    `deadline` (time.monotonic), Closed at end of stream, FrameError for a body that is not plain msgpack.
    With `fds` (a list), file descriptors sent along are appended to it."""
    header = bytearray(HEADER.size)
    _read_into(sock, memoryview(header), deadline, fds)
    (size,) = HEADER.unpack(header)
    if size > limit:
        raise FrameTooLarge(size, limit)
    body = bytearray(size)
    _read_into(sock, memoryview(body), deadline)
    return decode(body)

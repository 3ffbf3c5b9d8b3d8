"""Video: stored with metadata read cheaply from the container header (MP4/QuickTime boxes); no transcoding."""

import struct

from .base import Options, Parsed, clean_meta

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


def _boxes(data: bytes, start: int, end: int, budget: list[int]):
    pos = start
    while pos + 8 <= end and budget[0] > 0:
        budget[0] -= 1
        size, name = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1 and pos + 16 <= end:
            size, header = struct.unpack(">Q", data[pos + 8 : pos + 16])[0], 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield name, pos + header, pos + size
        pos += size


def mp4_metadata(data: bytes) -> dict:
    meta: dict = {}
    budget = [10_000]
    stack = [(0, len(data))]
    while stack:
        start, end = stack.pop()
        for name, body, stop in _boxes(data, start, end, budget):
            if name in CONTAINERS:
                stack.append((body, stop))
            elif name == b"mvhd" and stop - body >= 32:
                version = data[body]
                if version == 1:
                    scale, duration = struct.unpack(">IQ", data[body + 20 : body + 32])
                else:
                    scale, duration = struct.unpack(">II", data[body + 12 : body + 20])
                if scale:
                    meta["duration_seconds"] = round(duration / scale, 2)
            elif name == b"tkhd" and stop - body >= 84 and "width" not in meta:
                width, height = struct.unpack(">II", data[stop - 8 : stop])
                if width >> 16 and height >> 16:
                    meta["width"], meta["height"] = width >> 16, height >> 16
    return meta


def parse(data: bytes, kind: str, options: Options, encoding: str = "") -> Parsed:
    try:
        metadata = mp4_metadata(data) if data[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide") else {}
    except (struct.error, IndexError, ValueError):
        metadata = {}
    metadata["preview"] = "unavailable: video previews are not generated"
    return Parsed(pages=[], page_count=None, metadata=clean_meta(metadata))

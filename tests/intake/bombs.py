"""Hostile .docx files built in memory for the intake-bound tests.

`docx_bomb(size)` writes a valid Word package whose word/document.xml expands to `size`
bytes of text from a few hundred kilobytes; `lie` makes the ZIP headers claim a small
size instead. The deflate stream is built from one compressed block repeated: after a
full flush a deflate encoder starts afresh, so equal input chunks give equal output
chunks, and a 2 GB member costs a second to make, not a minute.
"""

from __future__ import annotations

import struct
import zlib

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>"
)
TAIL = b"</w:t></w:r></w:p></w:body></w:document>"
CHUNK = ("Kính thưa bà con. " * 3000).encode()  # 63 000 bytes of text


def _deflate_repeated(count: int) -> tuple[bytes, int, int]:
    """(raw deflate of HEAD + CHUNK*count + TAIL, its CRC-32, its length)."""
    enc = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = enc.compress(HEAD) + enc.flush(zlib.Z_FULL_FLUSH)
    block = enc.compress(CHUNK) + enc.flush(zlib.Z_FULL_FLUSH)
    again = enc.compress(CHUNK) + enc.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "a full flush must make the encoder start afresh"
    tail = enc.compress(TAIL) + enc.flush()
    crc = zlib.crc32(HEAD)
    chunk_crc_state = crc
    for _ in range(count):
        chunk_crc_state = zlib.crc32(CHUNK, chunk_crc_state)
    crc = zlib.crc32(TAIL, chunk_crc_state)
    return head + block * count + tail, crc, len(HEAD) + len(CHUNK) * count + len(TAIL)


def _zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """members: (name, raw deflate data, crc, declared uncompressed size, method)."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, size, method in members:
        offset = len(out)
        fname = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(fname), 0)
        out += fname + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(fname),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += fname
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


def _stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, zlib.crc32(data), len(data), 0


def docx_bomb(size: int, *, lie: bool = False) -> bytes:
    """A .docx whose document.xml expands to about `size` bytes (headers say 10 KB if lie)."""
    count = max(1, size // len(CHUNK))
    data, crc, real = _deflate_repeated(count)
    declared = 10_000 if lie else real
    return _zip(
        [
            _stored("[Content_Types].xml", CONTENT_TYPES),
            _stored("_rels/.rels", RELS),
            ("word/document.xml", data, crc, declared, 8),
        ]
    )

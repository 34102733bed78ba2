"""ClickHouse's native compression framing, as its HTTP interface uses it for `compress=1` (responses) and
`decompress=1` (request bodies). Pure functions, no I/O.

A compressed stream is a sequence of blocks; each block is

    16 bytes  CityHash128 (CityHash v1.0.2, the version ClickHouse froze) of the 9 + N bytes that follow,
              as two little-endian UInt64 (low half first)
     1 byte   method: 0x82 LZ4, 0x02 none (0x90 ZSTD fails with NOT_IMPLEMENTED here, unknown codes with
              UNKNOWN_CODEC as in ClickHouse)
     4 bytes  size of the block without the checksum: 9 + N (little-endian UInt32)
     4 bytes  size of the data once decompressed (little-endian UInt32)
     N bytes  the data: an LZ4 block (no size prefix) or, for 0x02, the data itself

Errors carry ClickHouse's error codes and message wording (CompressedReadBufferBase).
"""
import struct

import lz4.block
from clickhouse_cityhash.cityhash import CityHash128

METHOD_NONE = 0x02
METHOD_LZ4 = 0x82
METHOD_ZSTD = 0x90

CHECKSUM_SIZE = 16
HEADER_SIZE = 9
# ClickHouse's max_compress_block_size: the amount of uncompressed data per block it writes.
DEFAULT_BLOCK_SIZE = 1 << 20
# ClickHouse refuses blocks over 1 GiB (DBMS_MAX_COMPRESSED_SIZE).
MAX_COMPRESSED_SIZE = 0x40000000

CANNOT_READ_ALL_DATA = 33
CHECKSUM_DOESNT_MATCH = 40
NOT_IMPLEMENTED = 48
TOO_LARGE_SIZE_COMPRESSED = 209
CORRUPTED_DATA = 246
CANNOT_DECOMPRESS = 271
UNKNOWN_CODEC = 432

ERROR_NAMES = {
    CANNOT_READ_ALL_DATA: "CANNOT_READ_ALL_DATA",
    CHECKSUM_DOESNT_MATCH: "CHECKSUM_DOESNT_MATCH",
    NOT_IMPLEMENTED: "NOT_IMPLEMENTED",
    UNKNOWN_CODEC: "UNKNOWN_CODEC",
    TOO_LARGE_SIZE_COMPRESSED: "TOO_LARGE_SIZE_COMPRESSED",
    CORRUPTED_DATA: "CORRUPTED_DATA",
    CANNOT_DECOMPRESS: "CANNOT_DECOMPRESS",
}

_HEADER = struct.Struct("<BII")
_UINT64_PAIR = struct.Struct("<QQ")


class CompressionError(Exception):
    """Bad compressed input; code is ClickHouse's error code, message its text without the 'Code: N' prefix."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def checksum(block):
    """The 16 checksum bytes of block (method byte, sizes and data), as ClickHouse writes them: the hash's two
    UInt64 halves, each little-endian, the first half (the high 64 bits of clickhouse-cityhash's int) first."""
    value = CityHash128(block)
    return _UINT64_PAIR.pack(value >> 64, value & 0xFFFFFFFFFFFFFFFF)


def compress(data, method=METHOD_LZ4, block_size=DEFAULT_BLOCK_SIZE):
    """data (bytes-like) framed as ClickHouse's compressed blocks of at most block_size input bytes each.
    Empty data gives no blocks at all, as ClickHouse sends for an empty result."""
    if method not in (METHOD_LZ4, METHOD_NONE):
        raise ValueError("compression method 0x%02x is not implemented" % method)
    view = memoryview(data)
    out = []
    for start in range(0, len(view), block_size):
        chunk = view[start:start + block_size]
        payload = lz4.block.compress(chunk, store_size=False) if method == METHOD_LZ4 else bytes(chunk)
        block = _HEADER.pack(method, HEADER_SIZE + len(payload), len(chunk)) + payload
        out.append(checksum(block))
        out.append(block)
    return b"".join(out)


def decompress(data, verify_checksums=True):
    """The data inside ClickHouse's compressed blocks; CompressionError for anything ClickHouse would reject."""
    view = memoryview(data)
    out = []
    pos = 0
    n = len(view)
    while pos < n:
        if n - pos < CHECKSUM_SIZE + HEADER_SIZE:
            raise CompressionError(CANNOT_READ_ALL_DATA, "Cannot read all data. Bytes read: %d. Bytes expected: %d."
                                   % (n - pos, CHECKSUM_SIZE + HEADER_SIZE))
        expected = bytes(view[pos:pos + CHECKSUM_SIZE])
        start = pos + CHECKSUM_SIZE
        method, size_compressed, size_decompressed = _HEADER.unpack_from(view, start)
        if method not in (METHOD_LZ4, METHOD_NONE, METHOD_ZSTD):
            raise CompressionError(UNKNOWN_CODEC, "Unknown codec family code: %d" % method)
        if size_compressed > MAX_COMPRESSED_SIZE or size_decompressed > MAX_COMPRESSED_SIZE:
            raise CompressionError(TOO_LARGE_SIZE_COMPRESSED,
                                   "Too large size_compressed_without_checksum: %d. Most likely corrupted data."
                                   % size_compressed)
        if size_compressed < HEADER_SIZE:
            raise CompressionError(CORRUPTED_DATA, "Can't decompress data: the compressed data size (%d, this should"
                                   " include header size) is less than the header size (%d)"
                                   % (size_compressed, HEADER_SIZE))
        end = start + size_compressed
        if end > n:
            raise CompressionError(CANNOT_READ_ALL_DATA, "Cannot read all data. Bytes read: %d. Bytes expected: %d."
                                   % (n - start, size_compressed))
        block = view[start:end]
        if verify_checksums:
            actual = checksum(block)
            if actual != expected:
                raise CompressionError(CHECKSUM_DOESNT_MATCH,
                                       "Checksum doesn't match: corrupted data. Reference: %s. Actual: %s."
                                       " Size of compressed block: %d"
                                       % (_hex128(expected), _hex128(actual), size_compressed))
        payload = block[HEADER_SIZE:]
        if method == METHOD_NONE:
            if len(payload) != size_decompressed:
                raise CompressionError(CORRUPTED_DATA, "Uncompressed block of %d bytes says it holds %d bytes"
                                       % (len(payload), size_decompressed))
            out.append(bytes(payload))
        elif method == METHOD_LZ4:
            try:
                plain = lz4.block.decompress(payload, uncompressed_size=size_decompressed)
            except lz4.block.LZ4BlockError:
                raise CompressionError(CANNOT_DECOMPRESS, "Cannot decompress LZ4-encoded data") from None
            if len(plain) != size_decompressed:
                raise CompressionError(CANNOT_DECOMPRESS, "Cannot decompress LZ4-encoded data")
            out.append(plain)
        else:
            raise CompressionError(NOT_IMPLEMENTED,
                                   "chdb_http_server does not implement ZSTD (0x90) compressed blocks, only LZ4 (0x82)"
                                   " and none (0x02)")
        pos = end
    return b"".join(out)


def _hex128(checksum_bytes):
    """A checksum as its two UInt64 halves in hex, in the order they are stored."""
    return "%016x%016x" % _UINT64_PAIR.unpack(checksum_bytes)

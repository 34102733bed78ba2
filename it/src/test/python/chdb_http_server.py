#!/usr/bin/env python3
"""A ClickHouse HTTP interface on top of chdb (the ClickHouse engine, in-process), for integration tests.

It speaks the subset of ClickHouse's HTTP protocol that the official Java client (com.clickhouse:client-v2)
uses, so tests run the real client against the real engine without a ClickHouse server or Docker.
What it speaks and what it does not: it/README.md ("ClickHouse test server").

    python chdb_http_server.py --data-dir /tmp/ch --port 0
    -> first stdout line: LISTENING 127.0.0.1:<port>

One chdb Session on --data-dir serves every request, one request at a time (a lock), so data survives a
restart of the server on the same directory.
"""
import argparse
import base64
import gzip
import json
import os
import re
import signal
import sys
import threading
import time
import uuid
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import lz4.frame
from chdb import session as chdb_session

import native_compression

# Error codes (ClickHouse's ErrorCodes) this server raises itself.
NOT_IMPLEMENTED = 48
SYNTAX_ERROR = 62
UNKNOWN_EXCEPTION = 1002
AUTHENTICATION_FAILED = 516
UNKNOWN_FORMAT = 73
CANNOT_DECOMPRESS = native_compression.CANNOT_DECOMPRESS

ERROR_NAMES = dict(native_compression.ERROR_NAMES)
ERROR_NAMES.update({
    NOT_IMPLEMENTED: "NOT_IMPLEMENTED",
    SYNTAX_ERROR: "SYNTAX_ERROR",
    UNKNOWN_EXCEPTION: "UNKNOWN_EXCEPTION",
    AUTHENTICATION_FAILED: "AUTHENTICATION_FAILED",
    UNKNOWN_FORMAT: "UNKNOWN_FORMAT",
})

# HTTP status per error code, as ClickHouse's HTTPHandler maps them (a subset); everything else is 500.
HTTP_STATUS = {}
for _code in (192, 193, 194, 516):  # UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD, AUTHENTICATION_FAILED
    HTTP_STATUS[_code] = 401
for _code in (164, 497):  # READONLY, ACCESS_DENIED
    HTTP_STATUS[_code] = 403
for _code in (6, 25, 26, 27, 32, 33, 38, 41, 42, 43, 44, 47, 53, 62, 69, 70, 72, 73, 115, 130, 456, 457):
    HTTP_STATUS[_code] = 400  # parse errors, syntax errors, type mismatches, unknown settings/parameters
for _code in (16, 46, 50, 60, 81):  # NO_SUCH_COLUMN_IN_TABLE, UNKNOWN_FUNCTION, UNKNOWN_TYPE, UNKNOWN_TABLE, UNKNOWN_DATABASE
    HTTP_STATUS[_code] = 404
HTTP_STATUS[NOT_IMPLEMENTED] = 501

# URL parameters that are protocol options, not query settings. They do not change results here.
PROTOCOL_PARAMS = {
    "query", "database", "default_format", "query_id", "user", "password", "quota_key",
    "session_id", "session_timeout", "session_check", "buffer_size", "wait_end_of_query",
    "send_progress_in_http_headers", "http_headers_progress_interval_ms", "http_wait_end_of_query",
    "http_response_buffer_size", "cancel_http_readonly_queries_on_client_close", "add_http_cors_header",
    "client_protocol_version", "compress", "decompress", "enable_http_compression",
    "http_zlib_compression_level", "http_native_compression_disable_checksumming_on_decompress",
    "role", "log_queries", "log_query_threads", "log_comment",
}
# Settings that would break the shared session if applied with SET: rejected rather than silently ignored.
REJECTED_SETTINGS = {"readonly", "profile"}

SETTING_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
FORMAT_NAME = re.compile(rb"^[A-Za-z][A-Za-z0-9_]*$")
CODE_IN_MESSAGE = re.compile(r"Code: (\d+)\.")


class ClickHouseError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def error_text(code, message):
    return "Code: %d. DB::Exception: %s. (%s)" % (code, message, ERROR_NAMES.get(code, "UNKNOWN"))


def chdb_error(exc):
    """A ClickHouseError from a chdb exception, keeping ClickHouse's own 'Code: N. DB::Exception: ...' text."""
    text = str(exc)
    start = text.find("Code: ")
    if start >= 0:
        text = text[start:]
        match = CODE_IN_MESSAGE.match(text)
        if match:
            return ClickHouseError(int(match.group(1)), text)
    return ClickHouseError(UNKNOWN_EXCEPTION, error_text(UNKNOWN_EXCEPTION, text))


# --------------------------------------------------------------------------------------------------------------
# A small SQL scanner: finds the statement's top-level FORMAT clause without reading into INSERT data.
# --------------------------------------------------------------------------------------------------------------

def _skip_quoted(sql, i, quote):
    """Index after the quoted token starting at sql[i] (backslash escapes and doubled quotes)."""
    n = len(sql)
    i += 1
    while i < n:
        c = sql[i]
        if c == 0x5C:  # backslash
            i += 2
            continue
        if c == quote:
            if i + 1 < n and sql[i + 1] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    raise ClickHouseError(SYNTAX_ERROR, error_text(SYNTAX_ERROR, "unterminated quoted token in query"))


def _is_word_byte(c):
    return c == 0x5F or 0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A or c >= 0x80


def tokens(sql):
    """Yields (kind, start, end, depth) for the top-level lexical tokens of sql (bytes)."""
    n = len(sql)
    i = 0
    depth = 0
    while i < n:
        c = sql[i]
        if c in b" \t\r\n\f":
            i += 1
        elif c == 0x2D and sql[i:i + 2] == b"--":  # -- comment
            j = sql.find(b"\n", i)
            i = n if j < 0 else j + 1
        elif c == 0x23 and sql[i:i + 2] in (b"#!", b"# "):  # shell-style comments ClickHouse accepts
            j = sql.find(b"\n", i)
            i = n if j < 0 else j + 1
        elif c == 0x2F and sql[i:i + 2] == b"/*":
            j = sql.find(b"*/", i + 2)
            i = n if j < 0 else j + 2
        elif c in (0x27, 0x22, 0x60):  # ' " `
            j = _skip_quoted(sql, i, c)
            yield ("quoted", i, j, depth)
            i = j
        elif _is_word_byte(c):
            j = i
            while j < n and _is_word_byte(sql[j]):
                j += 1
            yield ("word", i, j, depth)
            i = j
        else:
            if c in b"([{":
                depth += 1
            elif c in b")]}":
                depth -= 1
            yield ("punct", i, i + 1, depth)
            i += 1


class Statement:
    """A statement split into the SQL to run, its FORMAT clause and (for INSERT ... FORMAT) the data bytes."""

    def __init__(self, sql, fmt=None, data=None, is_insert=False):
        self.sql = sql          # bytes: the statement without the FORMAT clause for inserts, whole otherwise
        self.fmt = fmt          # str or None: the format named in the statement
        self.data = data        # bytes or None: INSERT data following 'FORMAT name'
        self.is_insert = is_insert


def parse_statement(text):
    it = tokens(text)
    first = None
    for kind, start, end, depth in it:
        first = text[start:end].upper() if kind == "word" else None
        break
    if first == b"INSERT":
        return _parse_insert(text, it)
    return _parse_query(text)


def _parse_insert(text, it):
    for kind, start, end, depth in it:
        if kind != "word" or depth != 0:
            continue
        word = text[start:end].upper()
        if word in (b"VALUES", b"SELECT", b"WITH"):
            return Statement(text, is_insert=True)  # chdb parses the whole text itself
        if word == b"FORMAT":
            nxt = next(it, None)
            if nxt is None or nxt[0] != "word":
                raise ClickHouseError(SYNTAX_ERROR, error_text(SYNTAX_ERROR, "expected a format name after FORMAT"))
            fmt = text[nxt[1]:nxt[2]].decode("ascii")
            # ClickHouse: data starts after the first newline, if there is one, or after the whitespace.
            i = nxt[2]
            while i < len(text) and text[i] in b" \t\f":
                i += 1
            if i < len(text) and text[i] == 0x0D:
                i += 1
            if i < len(text) and text[i] == 0x0A:
                i += 1
            return Statement(text[:start].rstrip(), fmt=fmt, data=text[i:], is_insert=True)
    return Statement(text, is_insert=True)


def _parse_query(text):
    """Finds a top-level 'FORMAT name' followed by the end, ';' or SETTINGS (so a column named format is kept)."""
    toks = list(tokens(text))
    fmt = None
    for k in range(len(toks) - 1):
        kind, start, end, depth = toks[k]
        if kind != "word" or depth != 0 or text[start:end].upper() != b"FORMAT":
            continue
        nkind, nstart, nend, _ = toks[k + 1]
        if nkind != "word" or not FORMAT_NAME.match(text[nstart:nend]):
            continue
        after = toks[k + 2] if k + 2 < len(toks) else None
        if after is None or text[after[1]:after[2]] == b";" or (
                after[0] == "word" and text[after[1]:after[2]].upper() == b"SETTINGS"):
            fmt = text[nstart:nend].decode("ascii")
    return Statement(text, fmt=fmt)


# --------------------------------------------------------------------------------------------------------------
# The engine: one chdb session, one request at a time.
# --------------------------------------------------------------------------------------------------------------

class Engine:
    def __init__(self, data_dir):
        self.lock = threading.Lock()
        self.session = chdb_session.Session(data_dir)
        info = self.session.query("SELECT timezone(), version()", "TabSeparated").bytes().decode().strip()
        self.timezone, self.version = info.split("\t")

    def close(self):
        with self.lock:
            if self.session is not None:
                self.session.close()
                self.session = None

    def execute(self, stmt, out_format, database, settings, params):
        """Runs one statement; returns (body bytes, summary dict, format used)."""
        with self.lock:
            s = self.session
            if s is None:
                raise ClickHouseError(UNKNOWN_EXCEPTION, error_text(UNKNOWN_EXCEPTION, "server is shutting down"))
            applied = []
            try:
                if database and database != "default":
                    self._run("USE " + quote_identifier(database))
                for name, value in settings.items():
                    self._run("SET %s = %s" % (name, quote_literal(value)))
                    applied.append(name)
                started = time.monotonic_ns()
                if stmt.data is not None:
                    return self._insert(stmt)
                try:
                    result = s.query(stmt.sql.decode("utf-8"), stmt.fmt or out_format, params=params or None)
                except Exception as exc:  # chdb raises RuntimeError / ChdbError with ClickHouse's message
                    self._discard_partial_output()
                    raise chdb_error(exc) from None
                body = result.bytes() or b""
                summary = {
                    "read_rows": result.storage_rows_read(),
                    "read_bytes": result.storage_bytes_read(),
                    "written_rows": result.rows_written() if hasattr(result, "rows_written") else 0,
                    "written_bytes": result.bytes_written() if hasattr(result, "bytes_written") else 0,
                    "total_rows_to_read": result.storage_rows_read(),
                    "result_rows": result.rows_read(),
                    "result_bytes": len(body),
                    "elapsed_ns": time.monotonic_ns() - started,
                }
                return body, summary, stmt.fmt or out_format
            finally:
                for name in applied:
                    self._run_quietly("SET %s = DEFAULT" % name)
                if database and database != "default":
                    self._run_quietly("USE default")

    def _insert(self, stmt):
        started = time.monotonic_ns()
        inserter = None
        try:
            inserter = self.session.send_insert(stmt.sql.decode("utf-8"), stmt.fmt)
            if stmt.data:
                inserter.append(stmt.data)
            res = inserter.finish()
            inserter = None
        except Exception as exc:
            self._discard_partial_output()
            raise chdb_error(exc) from None
        finally:
            if inserter is not None:
                try:
                    inserter.cancel()
                except Exception:
                    pass
        summary = {
            "read_rows": 0, "read_bytes": 0,
            "written_rows": res.rows_written, "written_bytes": res.bytes_written,
            "total_rows_to_read": 0, "result_rows": res.rows_written, "result_bytes": 0,
            "elapsed_ns": time.monotonic_ns() - started,
        }
        return b"", summary, stmt.fmt

    def _run(self, sql):
        try:
            self.session.query(sql, "TabSeparated")
        except Exception as exc:
            self._discard_partial_output()
            raise chdb_error(exc) from None

    def _discard_partial_output(self):
        """chdb 4.4 quirk: output a failed query wrote before failing (e.g. a RowBinaryWithNamesAndTypes header)
        stays in the session's buffer and is prepended to the next result. One throw-away query takes it."""
        self._run_quietly("SELECT 1")

    def _run_quietly(self, sql):
        try:
            self.session.query(sql, "TabSeparated")
        except Exception as exc:  # noqa: BLE001 - logged, the request's own error is what the client gets
            print("chdb_http_server: %s failed: %s" % (sql, exc), file=sys.stderr, flush=True)


def quote_identifier(name):
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`"


def quote_literal(value):
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


# --------------------------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "chdb_http_server"
    sys_version = ""

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("chdb_http_server: %s\n" % (fmt % args))

    def do_GET(self):
        self._native_compress = False
        self._handle(b"")

    def do_POST(self):
        self._native_compress = False
        try:
            body = self._read_body()
        except ClickHouseError as err:
            self._send_error(err, str(uuid.uuid4()))
            return
        self._handle(body)

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                line = self.rfile.readline()
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            body = b"".join(chunks)
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        encoding = (self.headers.get("Content-Encoding") or "").strip().lower()
        if encoding in ("", "identity"):
            return body
        decoders = {
            "gzip": gzip.decompress, "x-gzip": gzip.decompress, "deflate": zlib.decompress,
            "lz4": lz4.frame.decompress,  # the LZ4 frame format: ClickHouse's HTTP lz4 (client-v2's codec)
        }
        if encoding in decoders:
            try:
                return decoders[encoding](body)
            except Exception as exc:  # noqa: BLE001 - zlib.error, OSError, RuntimeError: all mean bad input
                raise ClickHouseError(CANNOT_DECOMPRESS, error_text(
                    CANNOT_DECOMPRESS, "Cannot decode the %s request body: %s" % (encoding, exc))) from None
        raise ClickHouseError(NOT_IMPLEMENTED, error_text(
            NOT_IMPLEMENTED, "chdb_http_server decodes request bodies in gzip, deflate or lz4 only, not '%s'"
            % encoding))

    def _handle(self, body):
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        query_id = params.get("query_id") or self.headers.get("X-ClickHouse-Query-Id") or str(uuid.uuid4())
        if url.path in ("/ping", "/replicas_status") or (url.path == "/" and self.command == "GET"
                                                          and "query" not in params):
            self._send(200, b"Ok.\n", {"Content-Type": "text/plain; charset=UTF-8"})
            return
        if url.path != "/":
            self._send_error(ClickHouseError(NOT_IMPLEMENTED, error_text(
                NOT_IMPLEMENTED, "chdb_http_server serves /, /ping and /replicas_status, not %s" % url.path)),
                query_id, 404)
            return
        try:
            self._authenticate(params)
            self._check_http_compression(params)
            # ClickHouse's native compression: from here on errors go through the (compressed) output, as in
            # ClickHouse, where only failures before the query starts (authentication) are sent uncompressed.
            self._native_compress = is_true(params.get("compress"))
            if is_true(params.get("decompress")) and body:
                body = self._native_decompress(body, params)
            text = params.get("query", "").encode("utf-8")
            if text and body:
                text += b"\n"  # ClickHouse: the query parameter, a newline, then the body
            text += body
            if not text.strip():
                raise ClickHouseError(SYNTAX_ERROR, error_text(SYNTAX_ERROR, "Empty query"))
            stmt = parse_statement(text)
            out_format = self.headers.get("X-ClickHouse-Format") or params.get("default_format") or "TabSeparated"
            database = params.get("database") or self.headers.get("X-ClickHouse-Database") or "default"
            settings = {}
            query_params = {}
            for name, value in params.items():
                if name.startswith("param_"):
                    query_params[name[len("param_"):]] = value
                elif name in PROTOCOL_PARAMS:
                    continue
                elif name in REJECTED_SETTINGS or not SETTING_NAME.match(name):
                    raise ClickHouseError(NOT_IMPLEMENTED, error_text(
                        NOT_IMPLEMENTED, "chdb_http_server does not support the setting '%s'" % name))
                else:
                    settings[name] = value
            if stmt.is_insert and stmt.data is not None and not FORMAT_NAME.match(stmt.fmt.encode()):
                raise ClickHouseError(UNKNOWN_FORMAT, error_text(UNKNOWN_FORMAT, "Unknown format " + stmt.fmt))
            result, summary, used_format = self.server.engine.execute(stmt, out_format, database, settings,
                                                                      query_params)
        except ClickHouseError as err:
            self._send_error(err, query_id)
            return
        except Exception as exc:  # a bug here must still reach the client as a ClickHouse error
            self._send_error(ClickHouseError(UNKNOWN_EXCEPTION, error_text(UNKNOWN_EXCEPTION, repr(exc))), query_id)
            return
        headers = {
            "Content-Type": content_type(used_format),
            "X-ClickHouse-Query-Id": query_id,
            "X-ClickHouse-Format": used_format,
            "X-ClickHouse-Timezone": self.server.engine.timezone,
            "X-ClickHouse-Server-Display-Name": self.server.display_name,
            "X-ClickHouse-Summary": json.dumps({k: str(v) for k, v in summary.items()}, separators=(",", ":")),
        }
        self._send(200, result, headers, encode=True)

    def _authenticate(self, params):
        user = params.get("user")
        password = params.get("password")
        auth = self.headers.get("Authorization")
        if auth and auth.lower().startswith("basic "):
            try:
                user, _, password = base64.b64decode(auth[6:].strip()).decode("utf-8").partition(":")
            except Exception:
                raise ClickHouseError(AUTHENTICATION_FAILED, error_text(AUTHENTICATION_FAILED, "bad Basic auth"))
        if self.headers.get("X-ClickHouse-User") is not None:
            user = self.headers.get("X-ClickHouse-User")
        if self.headers.get("X-ClickHouse-Key") is not None:
            password = self.headers.get("X-ClickHouse-Key")
        user = user or "default"
        password = password or ""
        if user != self.server.user or password != self.server.password:
            raise ClickHouseError(AUTHENTICATION_FAILED, error_text(
                AUTHENTICATION_FAILED,
                "%s: Authentication failed: password is incorrect, or there is no user with such name" % user))

    def _check_http_compression(self, params):
        if is_true(params.get("enable_http_compression")):
            accepted = (self.headers.get("Accept-Encoding") or "").lower()
            if accepted and not any(a in accepted for a in HTTP_ENCODINGS + ("identity",)):
                raise ClickHouseError(NOT_IMPLEMENTED, error_text(
                    NOT_IMPLEMENTED, "chdb_http_server compresses HTTP responses with %s only, not '%s'"
                    % (", ".join(HTTP_ENCODINGS), accepted)))

    def _native_decompress(self, body, params):
        verify = not is_true(params.get("http_native_compression_disable_checksumming_on_decompress"))
        try:
            return native_compression.decompress(body, verify_checksums=verify)
        except native_compression.CompressionError as err:
            raise ClickHouseError(err.code, error_text(err.code, err.message)) from None

    def _encode_body(self, body, headers):
        """The response body as the request asked: native compression (compress=1), then HTTP compression
        (enable_http_compression=1 and Accept-Encoding), as ClickHouse layers them."""
        if self._native_compress:
            body = native_compression.compress(body)
        params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
        if not is_true(params.get("enable_http_compression")):
            return body
        accepted = [a.split(";")[0].strip() for a in (self.headers.get("Accept-Encoding") or "").lower().split(",")]
        for encoding in HTTP_ENCODINGS:
            if encoding in accepted:
                headers["Content-Encoding"] = encoding
                if encoding == "lz4":
                    return lz4.frame.compress(body)
                return gzip.compress(body) if encoding == "gzip" else zlib.compress(body)
        return body

    def _send_error(self, err, query_id, status=None):
        body = err.message.encode("utf-8")
        if not body.endswith(b"\n"):
            body += b"\n"
        self._send(status or HTTP_STATUS.get(err.code, 500), body, {
            "Content-Type": "text/plain; charset=UTF-8",
            "X-ClickHouse-Exception-Code": str(err.code),
            "X-ClickHouse-Query-Id": query_id,
            "X-ClickHouse-Server-Display-Name": self.server.display_name,
        }, encode=self._native_compress)

    def _send(self, status, body, headers, encode=False):
        if encode:
            body = self._encode_body(body, headers)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def is_true(value):
    return value is not None and value.strip().lower() in ("1", "true")


# HTTP compression (enable_http_compression=1), in the order of preference when a client accepts several.
HTTP_ENCODINGS = ("lz4", "gzip", "deflate")


def content_type(fmt):
    f = (fmt or "").lower()
    if f.startswith("json"):
        return "application/json; charset=UTF-8"
    if f.startswith(("tabseparated", "tsv", "csv", "pretty", "vertical", "values", "markdown", "tskv")):
        return "text/plain; charset=UTF-8"
    return "application/octet-stream"


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return  # a client closed a keep-alive connection: normal
        super().handle_error(request, client_address)


def watch_parent(parent_pid, server):
    while os.getppid() == parent_pid:
        time.sleep(1)
    print("chdb_http_server: parent %d is gone; stopping" % parent_pid, file=sys.stderr, flush=True)
    server.shutdown()


def main(argv=None):
    parser = argparse.ArgumentParser(description="ClickHouse HTTP interface on chdb, for tests")
    parser.add_argument("--data-dir", required=True, help="chdb data directory (kept across restarts)")
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--user", default="default")
    parser.add_argument("--password", default="")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    parser.add_argument("--parent-pid", type=int, default=0,
                        help="exit when this process (the test JVM) is gone, so a killed test run leaves no server")
    args = parser.parse_args(argv)

    engine = Engine(args.data_dir)
    server = Server(("127.0.0.1", args.port), Handler)
    server.engine = engine
    server.user = args.user
    server.password = args.password
    server.verbose = args.verbose
    server.display_name = "chdb-" + engine.version

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.parent_pid:
        threading.Thread(target=watch_parent, args=(args.parent_pid, server), daemon=True).start()
    host, port = server.server_address[:2]
    print("LISTENING %s:%d" % (host, port), flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

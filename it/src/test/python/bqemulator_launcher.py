"""Starts bqemulator for the BigQuery ITs (test set-up only; docs/bigquery-sink.md, "Testing against bqemulator").

Usage: bqemulator_launcher.py <bqemulator start arguments...>

Two test-only workarounds, neither of which changes what the sink sends:
- Offline start: the emulator runs `INSTALL spatial` at start-up, which downloads the extension unless it is
  installed already. The spatial and avro extensions are installed here from the files of the pinned
  duckdb-extension-* wheels into the DuckDB home of this process (HOME, set by the fixture to a private dir).
- B1: bqemulator 1.4.0 accepts only the first AppendRows request of a gRPC connection: it rebinds the connection
  whenever a request's write_stream differs from the bound one, and the Java client (as the API allows) names the
  stream only in the first request. The patch keeps the bound stream when a request names none.
- N1: SQL DDL (CREATE TABLE, ALTER TABLE ADD COLUMN) turns BigQuery's NUMERIC into DuckDB's bare DECIMAL, which is
  DECIMAL(18,3): a NUMERIC column created by SQL keeps only 3 fraction digits and 15 integer digits. The patch
  makes a bare DECIMAL in translated DDL DECIMAL(38,9), NUMERIC's real precision and scale.
- B12: BIGNUMERIC is unsupported: the emulator maps it to DuckDB DECIMAL(76,38), which DuckDB rejects (tables.insert
  fails with internalError), and SQL DDL turns it into DECIMAL(38,5). DuckDB decimals stop at 38 digits, so no
  faithful BIGNUMERIC exists here; the patch stores BIGNUMERIC as DECIMAL(38,0), which holds the integers of
  numeric(30..38, 0) columns exactly (the only BIGNUMERIC columns the ITs create). A BIGNUMERIC with a fraction stays
  untested: its fraction would be cut, which a value-by-value comparison reports.
- N5: table ids are limited to [A-Za-z0-9_-], narrower than BigQuery (which also allows Unicode letters, marks,
  numbers and spaces in table names). The patch accepts BigQuery's characters (none of which can end a
  double-quoted DuckDB identifier).
"""
import os
import sys

import duckdb
import duckdb_extension_avro
import duckdb_extension_spatial


def install_extensions():
    con = duckdb.connect()
    for module, name in ((duckdb_extension_spatial, "spatial"), (duckdb_extension_avro, "avro")):
        path = os.path.join(os.path.dirname(module.__file__), "extensions", "v" + duckdb.__version__,
                            name + ".duckdb_extension")
        con.execute("INSTALL '" + path.replace("'", "''") + "'")
    con.close()


def patch_b1():
    from bqemulator.grpc_api import write_servicer

    handler = write_servicer.BigQueryWriteHandler
    original = handler._ensure_stream_bound

    def ensure_stream_bound(self, stream_name, bound_ctx, context):
        if not stream_name and bound_ctx is not None:
            return bound_ctx
        return original(self, stream_name, bound_ctx, context)

    handler._ensure_stream_bound = ensure_stream_bound


def patch_n5():
    import re

    from bqemulator.storage import sql_identifiers

    sql_identifiers._SQL_SAFE_ID_RE = re.compile(r"^[\w\- ]{1,1024}$")


def patch_n1():
    import re

    from bqemulator.domain.result import Ok
    from bqemulator.sql import translator

    original = translator.SQLTranslator.translate
    bare_decimal = re.compile(r"\bDECIMAL\b(?!\s*\()", re.IGNORECASE)
    ddl = re.compile(r"^\s*(CREATE\s+(OR\s+REPLACE\s+)?TABLE|ALTER\s+TABLE)\b", re.IGNORECASE)

    bignumeric = re.compile(r"\bBIGNUMERIC\b", re.IGNORECASE)

    def translate(self, bq_sql, **kwargs):
        if ddl.match(bq_sql):
            bq_sql = bignumeric.sub("DECIMAL(38, 0)", bq_sql)
        result = original(self, bq_sql, **kwargs)
        if ddl.match(bq_sql) and isinstance(result, Ok):
            return Ok(bare_decimal.sub("DECIMAL(38, 9)", result.value))
        return result

    translator.SQLTranslator.translate = translate

    from bqemulator.storage import type_map

    type_map._BQ_TO_DUCKDB["BIGNUMERIC"] = "DECIMAL(38, 0)"

    import pyarrow as pa
    from bqemulator.api.routes import tabledata

    to_arrow = tabledata._bq_type_to_arrow

    def bq_type_to_arrow(bq_type):
        # the Storage Write path's Arrow schema: decimal256(76, 38) is not implemented by DuckDB
        return pa.decimal128(38, 0) if bq_type.upper() == "BIGNUMERIC" else to_arrow(bq_type)

    tabledata._bq_type_to_arrow = bq_type_to_arrow


def exit_with_parent():
    """Stops the emulator when the JVM that started it is gone (a killed test run leaves nothing behind)."""
    import threading
    import time

    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


if __name__ == "__main__":
    exit_with_parent()
    install_extensions()
    patch_b1()
    patch_n1()
    patch_n5()
    from bqemulator.cli import main

    sys.argv = ["bqemulator", "start"] + sys.argv[1:]
    main()

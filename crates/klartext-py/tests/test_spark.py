"""The Spark job, in local mode, on a small WARC file the test writes."""

import gzip
import io
import pathlib
import shutil
import sys
import uuid

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark warcio)")
pytest.importorskip("warcio", reason="warcio is not installed (pip install pyspark warcio)")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from klartext import spark as job  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[3]


def warc_record(rec_type, uri, payload, extra=b""):
    """One WARC/1.1 record, gzip-compressed as its own member."""
    head = (f"WARC/1.1\r\nWARC-Type: {rec_type}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-04T10:00:00Z\r\n").encode() + extra
    head += f"Content-Length: {len(payload)}\r\n\r\n".encode()
    return gzip.compress(head + payload + b"\r\n\r\n")


def http_response(body, ctype="text/html; charset=utf-8"):
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode() + body


def test_job_writes_parquet_with_the_schema(tmp_path, monkeypatch):
    from pyspark.sql import SparkSession
    # The workers must run the interpreter that has klartext installed.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    page = (REPO / "examples" / "article.html").read_bytes()
    dump = (REPO / "examples" / "dump.txt").read_bytes()
    warc = tmp_path / "small.warc.gz"
    warc.write_bytes(
        warc_record("response", "https://example.org/a", http_response(page),
                    b"Content-Type: application/http; msgtype=response\r\n")
        + warc_record("response", "https://example.org/logo.png",
                      http_response(b"\x89PNG....", "image/png"),
                      b"Content-Type: application/http; msgtype=response\r\n")
        + warc_record("conversion", "https://example.org/b", dump,
                      b"Content-Type: text/plain\r\n"))
    spark = (SparkSession.builder.master("local[2]").appName("klartext-test")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        out = str(tmp_path / "out.parquet")
        job.run(spark, [str(warc)], out)
        rows = {r["url"]: r for r in spark.read.parquet(out).collect()}
        assert list(spark.read.parquet(out).columns) == job.SCHEMA_FIELDS
    finally:
        spark.stop()
    assert set(rows) == {"https://example.org/a", "https://example.org/b"}
    a = rows["https://example.org/a"]
    assert a["title"] == "Berlin libraries to lend garden tools and seeds from April"
    assert a["http_status"] == 200 and a["charset"] == "utf-8" and a["error"] is None
    assert a["text"].startswith("Spades, rakes")
    b = rows["https://example.org/b"]
    assert b["title"] == "Stadtrat vertagt Entscheidung über Neubau"

"""Spark job: WARC files in, Parquet out, extraction with klartext.

Reads WARC files from any file system Spark (Hadoop) knows — local paths,
hdfs://, s3a://, gs:// — extracts every HTML response (and every WET
conversion record, as text) in `mapPartitions` with `klartext.extract_batch`,
and writes Parquet with one row per record in the schema of the CLI's
`klartext warc` output (`SCHEMA_FIELDS`).

    spark-submit --py-files klartext.zip -m klartext.spark \\
        s3a://bucket/crawl/*.warc.gz --output s3a://bucket/out/articles.parquet

or from Python: `run(spark, paths, output)`. Needs pyspark and warcio
(`pip install pyspark warcio`); `import klartext` does not.
"""

import argparse
import io
import json

# Columns of one output row, in order: those of the CLI's `klartext warc`
# output (JSON Lines and Parquet), with the same types.
SCHEMA_FIELDS = [
    "warc_file", "warc_offset", "warc_record_id", "warc_type", "url", "warc_date",
    "http_status", "content_type", "charset", "lang", "site_name", "kicker", "title", "teaser",
    "authors", "published", "modified", "dateline", "agency", "description", "image",
    "canonical_url", "tags", "categories", "page_type", "blocks", "text", "comments",
    "comment_count", "encoding", "extracted_by", "partial", "warnings", "error",
]
RECORD_FIELDS = ["warc_file", "warc_offset", "warc_record_id", "warc_type", "url", "warc_date",
                 "http_status", "content_type", "charset"]
DOCUMENT_FIELDS = [f for f in SCHEMA_FIELDS if f not in RECORD_FIELDS and f != "error"]
# How many records go to the engine at once inside a partition.
BATCH = 64


def _schema():
    from pyspark.sql.types import (ArrayType, BooleanType, IntegerType, LongType, StringType,
                                   StructField, StructType)
    strings = ArrayType(StringType())
    special = {
        "warc_offset": LongType(),
        "http_status": IntegerType(),
        "comment_count": IntegerType(),
        "authors": strings, "tags": strings, "categories": strings, "warnings": strings,
        "partial": BooleanType(),
        "blocks": ArrayType(StructType([StructField("kind", StringType()),
                                        StructField("text", StringType()),
                                        StructField("level", IntegerType())])),
        "comments": ArrayType(StructType([StructField("author", StringType()),
                                          StructField("date", StringType()),
                                          StructField("text", StringType())])),
    }
    return StructType([StructField(f, special.get(f, StringType())) for f in SCHEMA_FIELDS])


def _records(path, data):
    """(record facts, payload bytes, as_text) for each HTML response or WET
    conversion record of one WARC file; other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    records = ArchiveIterator(io.BytesIO(data))
    for rec in records:
        facts = {"warc_file": path, "warc_type": rec.rec_type,
                 "warc_record_id": rec.rec_headers.get_header("WARC-Record-ID"),
                 "url": rec.rec_headers.get_header("WARC-Target-URI"),
                 "warc_date": rec.rec_headers.get_header("WARC-Date"),
                 "http_status": None, "content_type": None, "charset": None}
        as_text = None
        if rec.rec_type == "response" and rec.http_headers is not None:
            ctype = rec.http_headers.get_header("Content-Type") or ""
            if "html" in ctype.lower():
                facts["http_status"] = int(rec.http_headers.get_statuscode() or 0)
                facts["content_type"] = ctype.split(";")[0].strip()
                if "charset=" in ctype.lower():
                    facts["charset"] = ctype.lower().split("charset=")[1].split(";")[0].strip()
                as_text = False
        elif rec.rec_type == "conversion":
            facts["content_type"] = "text/plain"
            as_text = True
        if as_text is None:
            continue
        payload = rec.content_stream().read()
        # The offset is known once the record has been read.
        facts["warc_offset"] = records.get_record_offset()
        yield facts, payload, as_text


def _row(facts, doc, error):
    row = dict(facts)
    if doc is not None:
        d = json.loads(doc.to_json())
        for f in DOCUMENT_FIELDS:
            row[f] = d.get(f)
        row["blocks"] = [(b.get("kind"), b.get("text"), b.get("level")) for b in d.get("blocks") or []]
        row["comments"] = [(c.get("author"), c.get("date"), c.get("text"))
                           for c in d.get("comments") or []]
        # The Document's JSON leaves these out when unset; the columns do not.
        row["partial"] = bool(d.get("partial", False))
        row["warnings"] = d.get("warnings") or []
    row["error"] = error
    return tuple(row.get(f) for f in SCHEMA_FIELDS)


def extract_partition(files):
    """mapPartitions body: (path, bytes) pairs in, output rows out."""
    import klartext
    pending = []

    def flush():
        for as_text in (False, True):
            group = [(f, p) for f, p, t in pending if t == as_text]
            if not group:
                continue
            try:
                docs = klartext.extract_batch([p for _, p in group], threads=1, as_text=as_text)
                for (f, _), doc in zip(group, docs):
                    yield _row(f, doc, None)
            except klartext.Error:
                # One bad record must not lose the others: retry one by one.
                for f, p in group:
                    try:
                        yield _row(f, klartext.extract_document(p, as_text=as_text), None)
                    except klartext.Error as e:
                        yield _row(f, None, str(e))
        pending.clear()

    for path, data in files:
        try:
            for facts, payload, as_text in _records(path, data):
                pending.append((facts, payload, as_text))
                if len(pending) >= BATCH:
                    yield from flush()
        except Exception as e:  # a damaged file: one error row, the job goes on
            yield from flush()
            yield tuple({"warc_file": path, "error": f"cannot read the WARC file: {e}"}.get(f)
                        for f in SCHEMA_FIELDS)
    yield from flush()


def run(spark, paths, output, mode="overwrite"):
    """Extract every HTML record of the WARC files at `paths` into Parquet at `output`."""
    sc = spark.sparkContext
    files = sc.binaryFiles(",".join(paths))
    rows = files.mapPartitions(extract_partition)
    df = spark.createDataFrame(rows, _schema())
    df.write.mode(mode).parquet(output)
    return output


def main(argv=None):
    ap = argparse.ArgumentParser(description="WARC files in, klartext Parquet out (Spark).")
    ap.add_argument("paths", nargs="+", help="WARC files or globs, on any Hadoop file system")
    ap.add_argument("--output", required=True, help="where the Parquet dataset goes")
    args = ap.parse_args(argv)
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.appName("klartext").getOrCreate()
    run(spark, args.paths, args.output)
    spark.stop()


if __name__ == "__main__":
    main()

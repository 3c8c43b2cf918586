"""Tests of the Python package: the API, its errors, threads, and that it
gives what the CLI gives for the same input and options."""

import json
import os
import pathlib
import subprocess
import threading

import pytest

import klartext

REPO = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = (REPO / "examples" / "article.html").read_bytes()
DUMP = (REPO / "examples" / "dump.txt").read_text(encoding="utf-8")


def cli():
    """The klartext binary of this checkout ($KLARTEXT_BIN, else the one cargo
    built into $CARGO_TARGET_DIR or target/), never an older one on PATH."""
    if os.environ.get("KLARTEXT_BIN"):
        return os.environ["KLARTEXT_BIN"]
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
    if not target.is_absolute():
        target = REPO / target
    for profile in ("debug", "release"):
        p = target / profile / "klartext"
        if p.exists():
            return str(p)
    return None


def test_extract_gives_the_article_text():
    text = klartext.extract(EXAMPLE)
    assert text.startswith("Spades, rakes and packets of bean seeds")
    assert "We use cookies" not in text
    assert "Berlin's public libraries will start lending" in text


def test_str_and_bytes_give_the_same_result():
    assert klartext.extract(EXAMPLE.decode("utf-8")) == klartext.extract(EXAMPLE)


@pytest.mark.parametrize("fmt", ["txt", "markdown", "json", "html", "xml"])
def test_every_format_renders(fmt):
    out = klartext.extract(EXAMPLE, output_format=fmt)
    assert out
    if fmt == "json":
        assert json.loads(out)["title"].startswith("Berlin libraries")
    if fmt == "xml":
        assert out.startswith("<?xml") and "<TEI" in out
    if fmt == "html":
        assert out.startswith("<article>")


def test_document_is_typed():
    doc = klartext.extract_document(EXAMPLE)
    assert isinstance(doc, klartext.Document)
    assert doc.title == "Berlin libraries to lend garden tools and seeds from April"
    assert doc.kicker == "Urban gardening"
    assert doc.dateline == "BERLIN" and doc.agency == "dpa"
    assert doc.authors == ["Hanna Vogt"]
    assert doc.lang == "en"
    assert any(b.kind == "heading" and b.level == 2 for b in doc.blocks)
    assert json.loads(doc.to_json())["text"] == doc.text


def test_comments_only_when_asked():
    assert klartext.extract_document(EXAMPLE).comments == []


def test_text_mode():
    doc = klartext.extract_document(DUMP, as_text=True, include_comments=True)
    assert doc.title == "Stadtrat vertagt Entscheidung über Neubau"
    assert doc.dateline == "Köln"
    assert len(doc.comments) == 2
    assert klartext.extract(DUMP, as_text=True).startswith("Der Stadtrat hat")


def test_none_when_there_is_no_article_or_another_language():
    assert klartext.extract(b"<html><body><nav><a href='/'>Home</a></nav></body></html>") is None
    assert klartext.extract(EXAMPLE, target_language="de") is None
    assert klartext.extract(EXAMPLE, target_language="en") is not None


def test_tables_can_be_left_out():
    page = (REPO / "crates" / "klartext" / "tests" / "fixtures" / "data_table.html").read_bytes()
    with_tables = klartext.extract(page)
    without = klartext.extract(page, include_tables=False)
    assert without is not None and len(without) < len(with_tables)


def test_with_metadata_adds_a_header():
    out = klartext.extract(EXAMPLE, with_metadata=True)
    assert out.startswith("---\ntitle: Berlin libraries")


def test_errors_are_klartext_errors():
    with pytest.raises(klartext.InputError) as e:
        klartext.extract(42)
    assert "str or bytes" in str(e.value)
    assert isinstance(e.value, klartext.Error)
    with pytest.raises(klartext.OptionError):
        klartext.extract(EXAMPLE, output_format="pdf")
    with pytest.raises(klartext.InputError):
        klartext.extract_batch([EXAMPLE, None])
    with pytest.raises(klartext.OptionError):
        klartext.extract_batch([EXAMPLE], threads=0)


def test_hostile_input_never_crashes():
    for page in [b"", b"\x00" * 1000, b"\xff\xfe\x00<", "<" * 100000, b"<div>" * 20000,
                 "\ud800".encode("utf-8", "surrogatepass")]:
        klartext.extract_document(page)
        klartext.extract_document(page, as_text=True)


def test_batch_keeps_order_and_matches_single_calls():
    pages = [EXAMPLE, DUMP.encode("utf-8"), b"<p>short</p>"] * 4
    docs = klartext.extract_batch(pages, threads=2)
    assert [d.text for d in docs] == [klartext.extract_document(p).text for p in pages]


def test_other_threads_run_during_extraction():
    # The GIL is released while the engine works: a Python thread counting
    # alongside a long batch makes progress.
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(1)

    t = threading.Thread(target=count)
    t.start()
    klartext.extract_batch([EXAMPLE] * 200, threads=1)
    stop.set()
    t.join()
    assert len(ticks) > 100


@pytest.mark.skipif(cli() is None, reason="the klartext binary is not built")
@pytest.mark.parametrize("fmt,cli_fmt", [("txt", "text"), ("markdown", "markdown"),
                                         ("json", "json"), ("html", "html"), ("xml", "xml")])
def test_same_output_as_the_cli(fmt, cli_fmt):
    # The CLI ends what it prints with one newline; otherwise the same bytes.
    path = REPO / "examples" / "article.html"
    out = subprocess.run([cli(), "--format", cli_fmt, str(path)], capture_output=True,
                         text=True, check=True).stdout
    assert out.rstrip("\n") == klartext.extract(EXAMPLE, output_format=fmt).rstrip("\n")
    out = subprocess.run([cli(), "--as", "text", "--comments", "--format", cli_fmt,
                          str(REPO / "examples" / "dump.txt")],
                         capture_output=True, text=True, check=True).stdout
    py = klartext.extract(DUMP.encode("utf-8"), as_text=True, include_comments=True,
                          output_format=fmt)
    assert out.rstrip("\n") == py.rstrip("\n")

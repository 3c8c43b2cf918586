"""The datatrove step: takes the place of datatrove's Trafilatura step."""

import pathlib

import pytest

datatrove = pytest.importorskip("datatrove", reason="datatrove is not installed (pip install datatrove)")
from datatrove.data import Document  # noqa: E402

from klartext.datatrove import Klartext  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[3]


def test_step_extracts_and_drops_empty_documents():
    html = (REPO / "examples" / "article.html").read_text(encoding="utf-8")
    docs = [Document(text=html, id="a"),
            Document(text="<html><body><nav><a href='/'>Home</a></nav></body></html>", id="b")]
    out = list(Klartext(timeout=5).run(iter(docs)))
    assert [d.id for d in out] == ["a"]
    assert out[0].text.startswith("Spades, rakes and packets of bean seeds")
    assert "We use cookies" not in out[0].text

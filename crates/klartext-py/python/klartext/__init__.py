"""klartext: turn web pages and text dumps into clean, structured articles.

`extract` takes the argument names of `trafilatura.extract` where they mean
the same thing, so switching is a one-line change::

    import klartext
    text = klartext.extract(html_bytes, output_format="markdown")

`extract_document` returns the typed `Document` (title, kicker, teaser,
authors, dates, dateline, agency, blocks, text, comments, ...);
`extract_batch` extracts many pages on every core with the GIL released.
Every error klartext raises is a subclass of `klartext.Error`.
"""

from ._klartext import (
    Block,
    Comment,
    Document,
    Error,
    ExtractionError,
    InputError,
    OptionError,
    __version__,
    extract,
    extract_batch,
    extract_document,
)

__all__ = [
    "Block",
    "Comment",
    "Document",
    "Error",
    "ExtractionError",
    "InputError",
    "OptionError",
    "__version__",
    "extract",
    "extract_batch",
    "extract_document",
]

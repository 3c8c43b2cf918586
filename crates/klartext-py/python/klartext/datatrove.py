"""A datatrove extractor step backed by klartext.

Takes the place of datatrove's `Trafilatura` step in a pipeline::

    from datatrove.pipeline.readers import WarcReader
    from klartext.datatrove import Klartext

    pipeline = [WarcReader("s3://commoncrawl/...", glob_pattern="*.warc.gz"),
                Klartext(), ...]

Only this module needs datatrove; `import klartext` does not.
"""

from datatrove.pipeline.extractors.base import BaseExtractor

import klartext


class Klartext(BaseExtractor):
    """Extract each document's main text with klartext.

    Args:
        favour_precision: prefer less text but correct extraction (the
            spelling of datatrove's Trafilatura step).
        include_comments: keep reader comments (appended after the body).
        timeout: the timeout for extraction, per document, in seconds.
        **kwargs: any other option of `klartext.extract`.
    """

    name = "⛏ klartext"
    _requires_dependencies = ["klartext"]

    def __init__(self, favour_precision: bool = False, include_comments: bool = False,
                 timeout: float = 1, **kwargs):
        super().__init__(timeout)
        self.favour_precision = favour_precision
        self.include_comments = include_comments
        self.kwargs = kwargs

    def extract(self, text: str) -> str:
        """Return the article text of one HTML document ('' when none)."""
        return klartext.extract(text, favor_precision=self.favour_precision,
                                include_comments=self.include_comments, **self.kwargs) or ""

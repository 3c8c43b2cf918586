"""Type stubs of klartext's Python API."""

from typing import Iterable, List, Optional, Union

__version__: str

class Error(Exception):
    """Base class of every error klartext raises."""

class InputError(Error):
    """The input is neither str nor bytes (or a batch item is not)."""

class OptionError(Error):
    """An option has a value klartext does not know."""

class ExtractionError(Error):
    """The engine failed on this input (a bug in klartext; please report it)."""

class Block:
    """One block of the article body, in page order."""

    kind: str
    """paragraph, heading, list_item, quote, table, code or image_caption."""
    text: str
    level: Optional[int]
    """Heading level (1-6) or list depth; None for other kinds."""

class Comment:
    """A reader comment."""

    author: Optional[str]
    date: Optional[str]
    text: str

class Document:
    """The extracted article with its parts named."""

    url: Optional[str]
    lang: Optional[str]
    """ISO 639-1 code, detected from the text."""
    site_name: Optional[str]
    kicker: Optional[str]
    """The overline above the headline (Dachzeile, eyebrow)."""
    title: Optional[str]
    """The headline as the page shows it."""
    teaser: Optional[str]
    """The standfirst under the headline."""
    authors: List[str]
    published: Optional[str]
    """ISO 8601."""
    modified: Optional[str]
    dateline: Optional[str]
    """The place the story was filed from (BERLIN, Tokio)."""
    agency: Optional[str]
    """The news agency credited (dpa, Reuters, AFP, ...)."""
    description: Optional[str]
    image: Optional[str]
    canonical_url: Optional[str]
    tags: List[str]
    categories: List[str]
    page_type: Optional[str]
    """article, listing, forum, product, docs or other."""
    blocks: List[Block]
    text: str
    """The body as plain text, blocks separated by one blank line."""
    comments: List[Comment]
    """Reader comments; filled only with include_comments=True."""
    comment_count: Optional[int]
    """The comments the page states or holds (filled without include_comments too)."""
    encoding: Optional[str]
    extracted_by: Optional[str]
    """Which stage of the cascade produced the body."""
    def to_json(self) -> str:
        """The whole Document as JSON (the CLI's --format json)."""

def extract(
    html: Union[str, bytes],
    url: Optional[str] = None,
    output_format: str = "txt",
    include_comments: bool = False,
    include_tables: bool = True,
    include_links: bool = False,
    include_formatting: bool = False,
    favor_precision: bool = False,
    favor_recall: bool = False,
    target_language: Optional[str] = None,
    with_metadata: bool = False,
    as_text: bool = False,
    reference_date: Optional[str] = None,
) -> Optional[str]:
    """Extract the article and render it as txt, markdown, json, html or xml (TEI).

    Returns None when no article text is found, or when target_language is
    given and the article is in another language. bytes are decoded by
    klartext; as_text=True reads the input as a page rendered to text.
    include_links and include_formatting are accepted for compatibility and
    do not change the output yet.
    """

def extract_document(
    html_or_text: Union[str, bytes],
    url: Optional[str] = None,
    include_comments: bool = False,
    favor_precision: bool = False,
    favor_recall: bool = False,
    as_text: bool = False,
    reference_date: Optional[str] = None,
) -> Document:
    """Extract the typed Document from a page (HTML, or text with as_text=True)."""

def extract_batch(
    items: Iterable[Union[str, bytes]],
    threads: Optional[int] = None,
    include_comments: bool = False,
    favor_precision: bool = False,
    favor_recall: bool = False,
    as_text: bool = False,
) -> List[Document]:
    """Extract many pages on every core (or `threads`) with the GIL released, in input order."""

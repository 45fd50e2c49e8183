"""Documents from the web, for ``kg build URL`` and ``kg build --feed URL``: an article's text from
its page (trafilatura), a feed's entries (feedparser) each read from the page it links to.

Only the URLs given and the pages a given feed links to are fetched; nothing else (no model, no
list of domains) is downloaded. Every page is fetched before anything is built, so a bad URL, an
unreachable host or an answer that is not a page stops the build with one line and writes nothing.
A document's id is its URL without the scheme (``news.example.org/2024/01/strike``) and its
``dcterms:source`` the URL.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urldefrag, urlsplit

from kg.errors import E, KgError
from kg.ingest import parse_date
from kg.model import Document

TIMEOUT = 30.0  # seconds for one request
MAX_BYTES = 10_000_000  # a news page or feed is far smaller; more is not what the user meant
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Page:
    """What a URL answered: the address after redirects, the media type and the body."""

    url: str
    media_type: str
    body: bytes


def is_url(text: str) -> bool:
    """Whether a build argument names a web address rather than a file.

    Example:
        >>> is_url("https://example.org/news/1"), is_url("corpus/001.txt"), is_url("ftp://example.org/x")
        (True, False, True)
    """
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", text) is not None


def document_id(url: str) -> str:
    """The id of the document read from ``url``: host and path (and query), no scheme or fragment.

    Example:
        >>> document_id("https://News.example.org/2024/01/strike/?page=2#top")
        'news.example.org/2024/01/strike?page=2'
    """
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    return parts.netloc.lower() + path + (f"?{parts.query}" if parts.query else "")


def read(
    urls: Sequence[str], *, feeds: Sequence[str] = (), default_date: date | None = None, timeout: float = TIMEOUT
) -> list[Document]:
    """The articles at ``urls`` and those that ``feeds`` link to, every page fetched now."""
    documents = [article(url, default_date=default_date, timeout=timeout) for url in urls]
    for url in feeds:
        documents += feed(url, default_date=default_date, timeout=timeout)
    return documents


def fetch(url: str, *, timeout: float = TIMEOUT) -> Page:
    """GET ``url`` (http or https only); every failure is a ``KgError`` that names the URL."""
    url = urldefrag(url).url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KgError(E.E150, url=url)
    from kg import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"newskg/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read(MAX_BYTES + 1)
            media_type = answer.headers.get_content_type()
            final = answer.geturl()
    except urllib.error.HTTPError as err:
        raise KgError(E.E152, url=url, status=err.code, reason=err.reason) from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", None) or err
        raise KgError(E.E151, url=url, reason=reason) from None
    if len(body) > MAX_BYTES:
        raise KgError(E.E156, url=url, limit=MAX_BYTES)
    return Page(final, media_type, body)


def article(url: str, *, default_date: date | None = None, timeout: float = TIMEOUT) -> Document:
    """The article at ``url``: its main text, title and date as trafilatura reads the page
    (``default_date`` when the page shows none)."""
    page = fetch(url, timeout=timeout)
    if page.media_type not in HTML_TYPES:
        raise KgError(E.E153, url=url, media_type=page.media_type)
    return _document(url, page, default_date)


def feed(url: str, *, default_date: date | None = None, timeout: float = TIMEOUT) -> list[Document]:
    """The articles an RSS or Atom feed links to, each read from its page; the entry's date (when
    the feed gives one) stands in for a page that shows none."""
    import feedparser

    page = fetch(url, timeout=timeout)
    parsed = feedparser.parse(page.body, response_headers={"content-type": page.media_type})
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "") or "no entries"
        raise KgError(E.E154, url=url, reason=reason.splitlines()[0])
    documents = []
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        if not link:
            raise KgError(E.E154, url=url, reason=f"entry {n} has no link")
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        when = date(*published[:3]) if published else None  # feedparser gives UTC
        documents.append(article(link, default_date=when or default_date, timeout=timeout))
    return documents


def _document(url: str, page: Page, default_date: date | None) -> Document:
    """Main text by trafilatura (no comments, no tables of links); a page without one is an error."""
    import trafilatura

    html = page.body.decode("utf-8", errors="replace")
    extracted = trafilatura.extract(
        html, url=page.url, output_format="json", with_metadata=True, include_comments=False, include_tables=False
    )
    data = json.loads(extracted) if extracted else {}
    text = str(data.get("text") or "").strip()
    if not text:
        raise KgError(E.E155, url=url)
    url = urldefrag(url).url
    when = parse_date(str(data["date"])) if data.get("date") else default_date
    return Document(document_id(url), text, url, when, data.get("title") or None, url, "text/html")

"""Ingest: files, folders, JSONL and CSV rows in; ``Document``s out, one at a time.

Text is decoded from UTF-8 (a BOM dropped, newlines untranslated): that string is what every
offset indexes. HTML is reduced to its article text first, and that text is the document.
Bad input (missing, empty, binary, mis-encoded, oversized) raises a ``KgError`` naming the file.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import E, KgError
from kg.model import Document

SUFFIXES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".jsonl": "application/jsonl",
    ".csv": "text/csv",
}
# A document's cost grows with its length (measured: 100,000 characters 10 s and 1.1 GB, 200,000
# characters 19 s and 1.4 GB, 990,000 characters 355 s and 3.1 GB), so longer ones are refused
# with a clear line unless --max-chars raises the bound, up to spaCy's own limit of a million.
DEFAULT_MAX_CHARS = 200_000
MAX_CHARS_LIMIT = 1_000_000


@dataclass(frozen=True)
class Source:
    """A file to read, the id prefix its documents get and the name stored as their source: its
    path relative to the argument it came from, so that neither depends on where the corpus lies
    (a local absolute path is never published)."""

    path: Path
    stem: str
    name: str


def sources(paths: list[Path]) -> list[Source]:
    """Expand files and folders into the files to read, in a stable order; check they exist."""
    found: list[Source] = []
    for path in paths:
        if not path.exists():
            raise KgError(E.E001, path=path)
        if not path.is_dir() and not path.is_file():  # a pipe or a device: reading it could wait forever
            raise KgError(E.E011, path=path)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                raise KgError(E.E008, path=path)
            for file in files:
                relative = file.relative_to(path)
                found.append(Source(file, relative.with_suffix("").as_posix(), relative.as_posix()))
        elif path.suffix.lower() not in SUFFIXES:
            raise KgError(E.E006, path=path, suffix=path.suffix or "(none)")
        else:
            found.append(Source(path, path.stem, path.name))
    return found


def check(source: Source, *, encoding: str = "utf-8", max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Fail now, before anything is built, if a file is empty, binary, mis-encoded or too large."""
    limit = max_chars if source.path.suffix.lower() not in (".jsonl", ".csv") else 1 << 40
    decode(source.path.read_bytes(), source.path, encoding=encoding, max_chars=limit)


def check_document(document: Document, *, max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Fail now, before anything is built, for a document given as text that is empty or too large."""
    where = document.source or document.id
    if not document.text.strip():
        raise KgError(E.E002, path=where)
    if len(document.text) > max_chars:
        raise KgError(E.E005, path=where, size=len(document.text), limit=max_chars)


def count(source: Source, *, encoding: str = "utf-8") -> int:
    r"""How many documents a file holds (its JSONL lines or CSV rows), without parsing them: the M
    of a progress bar's N/M. A malformed file is counted as well as it can be; reading it fails later.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "rows.csv"
        >>> _ = path.write_text('id,text\n1,"two\nlines"\n2,one\n', encoding="utf-8")
        >>> count(Source(path, "rows", "rows.csv"))
        2
    """
    suffix = source.path.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        return 1
    text = source.path.read_bytes().decode("utf-8-sig" if suffix == ".csv" else encoding, errors="replace")
    if suffix == ".jsonl":
        return sum(1 for line in text.splitlines() if line.strip())
    return max(sum(1 for row in csv.reader(io.StringIO(text, newline="")) if row) - 1, 0)  # less the header


def check_encoding(encoding: str) -> str:
    """The codec's canonical name, or ``KgError`` for a name Python does not know as a text encoding."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise KgError(E.E013, encoding=encoding)
    return info.name


def _utf16(data: bytes) -> bool:
    """UTF-16 or UTF-32 by its byte order mark, or by a NUL in every other byte of ASCII-heavy text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    head = data[:8192]
    return len(head) >= 8 and any(head[i::2].count(0) > 0.9 * len(head[i::2]) for i in (0, 1))


def decode(data: bytes, path: Path, *, encoding: str = "utf-8", max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Bytes to text as read: BOM dropped, newlines kept; errors name the file and the fix."""
    if not data.strip():
        raise KgError(E.E002, path=path)
    codec = check_encoding(encoding)
    wide = codec.startswith(("utf-16", "utf-32"))  # NUL bytes are part of such text
    if codec == "utf-8" and _utf16(data):
        raise KgError(E.E012, path=path)
    if not wide and b"\x00" in data[:8192]:
        raise KgError(E.E003, path=path)
    try:
        text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as err:
        raise KgError(E.E004, path=path, position=err.start) from err
    if len(text) > max_chars:
        raise KgError(E.E005, path=path, size=len(text), limit=max_chars)
    return text


def content_hash(text: str) -> str:
    """The hash that tells an unchanged document from a changed one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_date(value: str | None, *, where: str = "") -> date | None:
    """A YYYY-MM-DD date, with a time of day after it allowed (ISO 8601) and dropped; nothing else
    may follow, so that a typo ("2022-01-08garbage") is an error, not a date."""
    if not value:
        return None
    m = re.fullmatch(
        r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*", str(value)
    )
    if not m:
        raise KgError(E.E010, value=f"{value}{where}")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as err:
        raise KgError(E.E010, value=f"{value}{where}") from err


def read(
    source: Source, *, default_date: date | None = None, encoding: str = "utf-8", max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Document]:
    """The documents in one file (one for text, Markdown and HTML; one per row for JSONL and CSV)."""
    path = source.path
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl(source, default_date, encoding, max_chars)
        return
    if suffix == ".csv":
        yield from _csv(source, default_date, max_chars)
        return
    text = decode(path.read_bytes(), path, encoding=encoding, max_chars=max_chars)
    if suffix in (".html", ".htm"):
        article = extract_html(text)
        if not article.text.strip():
            raise KgError(E.E002, path=path)
        yield Document(
            source.stem,
            article.text,
            source.name,
            article.date or default_date,
            article.title,
            article.url,
            "text/html",
        )
        return
    yield Document(source.stem, text, source.name, default_date, media_type=SUFFIXES.get(suffix, "text/plain"))


def _row(
    record: dict[str, object], source: Source, where: str, default_date: date | None, max_chars: int, media_type: str
) -> Document:
    path = source.path
    doc_id = str(record.get("id") or "").strip()
    text = record.get("text")
    if not doc_id:
        raise KgError(E.E007, path=path, line=where, reason="no 'id'")
    if not isinstance(text, str) or not text.strip():
        raise KgError(E.E007, path=path, line=where, reason=f"document '{doc_id}' has no 'text'")
    if len(text) > max_chars:
        raise KgError(E.E005, path=f"{path} ({doc_id})", size=len(text), limit=max_chars)
    when = parse_date(str(record["date"]), where=f" ({path}, {where})") if record.get("date") else default_date
    title = str(record["title"]) if record.get("title") else None
    url = str(record["url"]) if record.get("url") else None
    return Document(doc_id, text, source.name, when, title, url, media_type)


def _jsonl(source: Source, default_date: date | None, encoding: str, max_chars: int) -> Iterator[Document]:
    path = source.path
    text = decode(path.read_bytes(), path, encoding=encoding, max_chars=max(max_chars, 1 << 40))
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise KgError(E.E007, path=path, line=n, reason=f"not JSON ({err.msg})") from err
        if not isinstance(record, dict):
            raise KgError(E.E007, path=path, line=n, reason="not a JSON object")
        yield _row(record, source, str(n), default_date, max_chars, "text/plain")


def _csv(source: Source, default_date: date | None, max_chars: int) -> Iterator[Document]:
    import pandas as pd

    path = source.path
    decode(path.read_bytes()[:65536], path, max_chars=1 << 40)  # empty, binary or mis-encoded: fail clearly
    try:
        chunks = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=500, encoding="utf-8-sig")
        for chunk in chunks:
            missing = {"id", "text"} - set(chunk.columns)
            if missing:
                raise KgError(E.E007, path=path, line=1, reason=f"no column {', '.join(sorted(missing))}")
            for offset, record in enumerate(chunk.to_dict("records")):
                yield _row(record, source, str(int(chunk.index[offset]) + 2), default_date, max_chars, "text/plain")
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise KgError(E.E007, path=path, line="?", reason=str(err).splitlines()[0]) from err


# ------------------------------------------------------------------------------------------ HTML
@dataclass(frozen=True)
class Article:
    text: str
    title: str | None = None
    date: date | None = None
    url: str | None = None


_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "svg",
        "button",
        "iframe",
        "figure",
        "select",
        "template",
        "menu",
        "dialog",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "blockquote",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "pre",
        "table",
        "dd",
        "dt",
    }
)
_VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "source", "wbr"})


class _ArticleParser(HTMLParser):
    """Collects visible text, separately for <article>/<main> and the whole page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.depth = {"article": 0, "main": 0}
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.title: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = a.get("property") or a.get("name") or ""
            self.meta.setdefault(key.lower(), a.get("content", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.meta.setdefault("canonical", a.get("href", ""))
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in _VOID:
            if tag == "br":
                self._text("\n")
            return
        if tag in _SKIP:
            self.skip += 1
        if tag in self.depth:
            self.depth[tag] += 1
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self._text("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if self.depth.get(tag):
            self.depth[tag] -= 1
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self._text("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self._text(data)

    def _text(self, data: str) -> None:
        self.parts["body"].append(data)
        for part in ("article", "main"):
            if self.depth[part]:
                self.parts[part].append(data)


def extract_html(html: str) -> Article:
    """The article's text without markup or page furniture, with its title, date and URL."""
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    chosen = next((parser.parts[k] for k in ("article", "main", "body") if "".join(parser.parts[k]).strip()), [])
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "".join(chosen))]
    text = "\n\n".join(p for p in paragraphs if p)
    meta = parser.meta
    when = meta.get("article:published_time") or meta.get("date") or meta.get("time") or ""
    try:
        published = parse_date(when) if when else None
    except KgError:
        published = None
    title = meta.get("og:title") or " ".join("".join(parser.title).split()) or None
    return Article(text, title, published, meta.get("og:url") or meta.get("canonical") or None)

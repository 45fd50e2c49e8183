"""kg build URL and kg build --feed URL against pages and a feed served on loopback by the test."""

from __future__ import annotations

import doctest
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import QuerySolutions

from kg import store, web
from tests.servers import free_port
from tests.test_cli import assert_one_line_error, kg

PARAGRAPHS = {
    "strike": (
        "Coal miners in the north went on strike on Monday after the company cut wages by ten percent, the "
        "union said. Police arrested twelve protesters outside the mine in Leeds.",
        "The strike halted production at three pits, and the price of coal rose by five percent on Tuesday.",
    ),
    "prices": (
        "The central bank raised interest rates on Thursday because inflation rose to six percent in March.",
        "Shares in London fell after the decision, and the pound rose against the dollar.",
    ),
}


def page(title: str, paragraphs: tuple[str, ...]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    menu = "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    html = f"<html><head><title>{title}</title></head><body>{menu}<article><h1>{title}</h1>{body}</article></body>"
    return (html + "<footer>Copyright the Example News</footer></html>").encode()


def rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>{name}</title><link>{base}/news/{name}.html</link>"
        f"<pubDate>{day} Mar 2024 09:00:00 GMT</pubDate></item>"
        for name, day in (("strike", "Mon, 04"), ("prices", "Thu, 07"))
    )
    channel = f"<channel><title>Example News</title><link>{base}/</link>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """Two article pages, their RSS feed, a JSON answer and a 404, on a free loopback port."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    answers = {
        f"/news/{name}.html": ("text/html; charset=utf-8", page(name.title(), p)) for name, p in PARAGRAPHS.items()
    }
    answers["/rss.xml"] = ("application/rss+xml", rss(base))
    answers["/data.json"] = ("application/json", b'{"news": []}')

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            media_type, body = answers.get(self.path, ("text/plain", b""))
            self.send_response(200 if self.path in answers else 404)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:  # no request lines in the test output
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()
    thread.join()


def test_ids_and_url_detection_as_documented() -> None:
    assert doctest.testmod(web).failed == 0


def test_a_page_reads_as_its_article_text(site: str) -> None:
    document = web.article(f"{site}/news/strike.html#comments")
    assert document.id == f"127.0.0.1:{site.rsplit(':', 1)[1]}/news/strike.html"
    assert document.source == document.url == f"{site}/news/strike.html"
    assert all(p in document.text for p in PARAGRAPHS["strike"])
    assert "Copyright" not in document.text and "Home" not in document.text  # boilerplate left out
    assert document.title == "Strike" and document.date is None


def test_a_feed_reads_the_articles_it_links_with_their_dates(site: str) -> None:
    documents = web.feed(f"{site}/rss.xml")
    assert [d.source for d in documents] == [f"{site}/news/strike.html", f"{site}/news/prices.html"]
    assert [d.date.isoformat() if d.date else None for d in documents] == ["2024-03-04", "2024-03-07"]
    assert all(p in documents[1].text for p in PARAGRAPHS["prices"])


@pytest.mark.parametrize(
    "args, code",
    [
        (["ftp://127.0.0.1/news"], "E150"),
        (["http:///news"], "E150"),
        (["{site}/data.json"], "E153"),
        (["{site}/missing.html"], "E152"),
        (["--feed", "{site}/news/strike.html"], "E154"),
        (["http://127.0.0.1:{closed}/news"], "E151"),
        # a good page with a bad one: nothing is built
        (["{site}/news/strike.html", "{site}/missing.html"], "E152"),
    ],
)
def test_a_bad_url_is_one_line_and_writes_nothing(site: str, tmp_path: Path, args: list[str], code: str) -> None:
    filled = [a.format(site=site, closed=free_port()) for a in args]
    out = tmp_path / "out"
    assert_one_line_error(kg("build", *filled, "--out", str(out)), code)
    assert not out.exists()


def sources(out: Path) -> dict[str, tuple[str, str]]:
    result = store.open_read(out).query(
        "SELECT ?id ?source ?date WHERE { ?d dcterms:identifier ?id ; dcterms:source ?source "
        "OPTIONAL { ?d dcterms:date ?date } }",
        prefixes={"dcterms": "http://purl.org/dc/terms/"},
        use_default_graph_as_union=True,
    )
    assert isinstance(result, QuerySolutions)
    return {row["id"].value: (row["source"].value, row["date"].value if row["date"] else "") for row in result}


@pytest.mark.model
def test_kg_build_url_and_feed(site: str, tmp_path: Path) -> None:
    host = site.removeprefix("http://")
    out = tmp_path / "out"
    (tmp_path / "local.txt").write_text("Nurses in Wales went on strike on Friday over pay.", encoding="utf-8")
    one = kg(
        "build", f"{site}/news/strike.html", str(tmp_path / "local.txt"), "--out", str(out), "--date", "2024-03-05"
    )
    assert one.returncode == 0, one.stderr
    assert sources(out) == {
        f"{host}/news/strike.html": (f"{site}/news/strike.html", "2024-03-05"),
        "local": ("local.txt", "2024-03-05"),
    }
    assert "Leeds" in (out / "entities.csv").read_text(encoding="utf-8")
    # the feed's entries keep their ids: the strike page is replaced (newly dated), not duplicated
    both = kg("build", "--feed", f"{site}/rss.xml", "--out", str(out))
    assert both.returncode == 0, both.stderr
    assert "built 2 document(s)" in both.stdout
    assert sources(out) == {
        "local": ("local.txt", "2024-03-05"),
        f"{host}/news/strike.html": (f"{site}/news/strike.html", "2024-03-04"),
        f"{host}/news/prices.html": (f"{site}/news/prices.html", "2024-03-07"),
    }

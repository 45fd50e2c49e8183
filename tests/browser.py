"""Headless Chromium from Debian (``/usr/bin/chromium``; ``make test`` installs it with apt),
driven by Playwright, for the HTML graph's tests and its benchmark. Never ``playwright install``:
that downloads a browser build of its own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, Route, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class PageLog:
    """What a page did that it should not: console errors, uncaught exceptions, network requests."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_graph(browser: Browser, path: Path, *, width: int = 1400, height: int = 900) -> tuple[Page, PageLog]:
    """The page at ``path``, opened with every non-file request aborted and recorded, once the
    graph is drawn (``window.kgReady``)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    log = PageLog()
    page.on("console", lambda message: log.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(str(error)))
    page.route("**/*", lambda route: _files_only(route, log))
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kgReady === true", timeout=60_000)
    return page, log


def _files_only(route: Route, log: PageLog) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        log.requests.append(route.request.url)
        route.abort()


def node_point(page: Page, index: int) -> tuple[float, float]:
    """Where node ``index`` is on the screen, after scrolling the graph to it."""
    page.evaluate("i => kgNetwork.focus(i, {scale: 1.2, animation: false})", index)
    box = page.locator("#graph canvas").bounding_box()
    assert box is not None
    point = page.evaluate("i => kgNetwork.canvasToDOM(kgNetwork.getPosition(i))", index)
    return box["x"] + point["x"], box["y"] + point["y"]


def click_node(page: Page, index: int) -> None:
    page.mouse.click(*node_point(page, index))

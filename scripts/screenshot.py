"""Render an HTML file (e.g. a kgraph page) to PNG with headless Chromium.

Example:
    python scripts/screenshot.py graphs/kgraph.html -o docs/graph.png
    python scripts/screenshot.py graphs/kgraph.html --at "q=staff engineer" -o focus.png
    python scripts/screenshot.py graphs/kgraph.html --at "from=staff engineer&to=design doc"
    python scripts/screenshot.py graphs/kgraph.html --at "view=books" -o reading-list.png

The page is opened from disk with the network off (scripts/headless.py, DevTools pipe).
A kgraph page is captured once it says it has drawn and its view has stopped moving;
any other page once loaded, after ``--settle`` seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from headless import Browser, find_chromium  # scripts/headless.py

READY = (
    "document.readyState === 'complete' &&"
    " (!document.getElementById('kgraph-status') || window.kgraphReady === true)"
)


def screenshot(
    html: Path,
    png: Path,
    width: int = 1400,
    height: int = 900,
    at: str = "",
    settle: float = 1.5,
    timeout: float = 180.0,
) -> Path:
    """Write a PNG of ``html`` as Chromium renders it; raise RuntimeError on failure.

    ``at``: the page's fragment (a kgraph page focuses ``q=NAME``, shows the paths of
    ``from=A&to=B`` and the reading list or advice of ``view=books|advice``)."""
    binary = find_chromium()
    if binary is None:
        raise RuntimeError("no Chromium found (install the 'chromium' package)")
    url = html.resolve().as_uri() + (f"#{quote(at, safe='=&')}" if at else "")
    with (
        tempfile.TemporaryDirectory(prefix="kgraph-chromium-") as profile,
        Browser(binary, Path(profile), timeout=timeout) as browser,
    ):
        browser.open(url, size=(width, height))
        try:
            browser.wait_for(READY)
        except TimeoutError as error:
            raise RuntimeError(f"{html}: {error}") from None
        time.sleep(settle)  # the view's animation, the labels sized after it
        data = browser.screenshot()
    png = png.resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    png.write_bytes(data)
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path, help="HTML file to render")
    parser.add_argument("-o", "--output", type=Path, help="PNG to write (default: beside it)")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--settle", type=float, default=1.5, help="seconds after it is drawn")
    parser.add_argument(
        "--at", default="", help="the page's fragment: q=NAME, from=A&to=B, view=books"
    )
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"Error: {args.html}: no such file", file=sys.stderr)
        return 2
    output = args.output or args.html.with_suffix(".png")
    try:
        path = screenshot(args.html, output, args.width, args.height, args.at, args.settle)
    except (RuntimeError, OSError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

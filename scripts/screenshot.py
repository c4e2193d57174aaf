"""Render an HTML file (e.g. a kgraph page) to PNG with headless Chromium.

Example:
    python scripts/screenshot.py graphs/kgraph.html -o docs/graph.png
    python scripts/screenshot.py graphs/kgraph.html --at "q=staff engineer" -o focus.png
    python scripts/screenshot.py graphs/kgraph.html --at "from=staff engineer&to=design doc"

The page is opened from disk with networking disabled as far as Chromium's flags allow;
``--budget`` is the virtual time (ms) the page gets to lay out before the capture.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from headless import find_chromium, offline_flags  # scripts/headless.py


def screenshot(
    html: Path,
    png: Path,
    width: int = 1400,
    height: int = 900,
    budget_ms: int = 20000,
    at: str = "",
) -> Path:
    """Write a PNG of ``html`` as Chromium renders it; raise RuntimeError on failure.

    ``at``: the page's fragment (a kgraph page focuses ``q=NAME`` and shows the paths of
    ``from=A&to=B``)."""
    browser = find_chromium()
    if browser is None:
        raise RuntimeError("no Chromium found (install the 'chromium' package)")
    png = png.resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kgraph-chromium-") as profile:
        command = [
            browser,
            *offline_flags(profile),
            "--hide-scrollbars",
            f"--window-size={width},{height}",
            f"--virtual-time-budget={budget_ms}",
            f"--screenshot={png}",
            html.resolve().as_uri() + (f"#{quote(at, safe='=&')}" if at else ""),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or not png.exists():
        raise RuntimeError(f"chromium failed ({result.returncode}): {result.stderr[-500:]}")
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path, help="HTML file to render")
    parser.add_argument("-o", "--output", type=Path, help="PNG to write (default: beside it)")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--budget", type=int, default=20000, help="virtual time budget, ms")
    parser.add_argument("--at", default="", help="the page's fragment: q=NAME or from=A&to=B")
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"Error: {args.html}: no such file", file=sys.stderr)
        return 2
    output = args.output or args.html.with_suffix(".png")
    try:
        path = screenshot(args.html, output, args.width, args.height, args.budget, args.at)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Headless Chromium for the tests and scripts: finding the binary, its flags, and a
minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (no deps).

Chromium reads commands from file descriptor 3 and writes replies and events to fd 4,
each message a JSON object ending with a NUL byte. Enough here to open a page, evaluate
JavaScript in it, type and press keys, and record every network request it makes and
every error it logs.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """A Chromium-like binary: $KGRAPH_CHROMIUM, one on PATH, or /usr/bin/chromium."""
    for name in (os.environ.get("KGRAPH_CHROMIUM"), *BROWSERS, "/usr/bin/chromium"):
        if not name:
            continue
        found = shutil.which(name)
        if found:
            return found
        if os.path.isabs(name) and os.access(name, os.X_OK):
            return name
    return None


def browser_flags(profile: Path | str) -> list[str]:
    """Headless flags for a quiet run with a throwaway profile and no background traffic."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        f"--user-data-dir={profile}",
    ]


def offline_flags(profile: Path | str) -> list[str]:
    """:func:`browser_flags` with the network off: no name resolves, every request hits a
    closed proxy port."""
    return [
        *browser_flags(profile),
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=http://127.0.0.1:9",
        "--window-size=1280,800",
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
    ]


class Browser:
    """Headless Chromium driven through the DevTools pipe; use as a context manager."""

    def __init__(self, binary: str, profile: Path, timeout: float = 60.0):
        self.timeout = timeout
        self._next_id = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_fds() -> None:  # runs in the child: commands on fd 3, replies on fd 4
            # move both out of the way first: a pipe end may itself be fd 3 or 4
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)  # os.dup2 makes the copies inheritable by exec
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [binary, *offline_flags(profile), "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds,
            close_fds=False,  # closing happens after preexec_fn and would take fds 3 and 4
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.session: str | None = None

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the browser may already be gone
            self.send("Browser.close", session=False)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no reply from Chromium")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, session: bool = True) -> dict:
        """Send one command and wait for its result (events seen meanwhile are recorded)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def open(self, url: str, size: tuple[int, int] | None = None) -> None:
        """Open ``url`` in a new tab, recording its network requests from the start;
        ``size``: the viewport's width and height in CSS pixels, set before it loads."""
        # the tab Chromium opened with about:blank (a new tab would be a background one,
        # whose timers and animation frames Chromium throttles)
        targets = self.send("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        attached = self.send(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}, False
        )
        self.session = attached["sessionId"]
        self.send("Network.enable")
        self.send("Page.enable")
        self.send("Runtime.enable")  # console messages and uncaught exceptions
        self.send("Log.enable")  # the browser's own errors (a blocked request, a CSP breach)
        if size:
            metrics = {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False}
            self.send("Emulation.setDeviceMetricsOverride", metrics)
        self.send("Page.navigate", {"url": url})

    def screenshot(self) -> bytes:
        """The viewport as PNG."""
        import base64

        return base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page (promises awaited)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"JavaScript error: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float | None = None) -> Any:
        """Poll ``expression`` until it is truthy; its value."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise TimeoutError(f"page never satisfied: {expression}")

    def console_errors(self) -> list[str]:
        """Every error the page logged or threw, and the browser's errors about it."""
        errors = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append(str(details.get("exception", {}).get("description") or details))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(
                    " ".join(
                        str(a.get("value", a.get("description"))) for a in params.get("args", [])
                    )
                )
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                errors.append(str(params["entry"].get("text")))
        return errors

    def key(self, key: str, code: int) -> None:
        """Press and release a key (``"Enter"``, 13; ``"ArrowDown"``, 40; ...)."""
        for kind in ("rawKeyDown", "keyUp"):
            self.send(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code},
            )

    def type_text(self, selector: str, text: str) -> None:
        """Focus the element and type ``text`` into it as a user would (input events)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.evaluate(f"document.querySelector({json.dumps(selector)}).select()")
        self.send("Input.insertText", {"text": text})

    def requested_urls(self) -> list[str]:
        """Every URL the page asked the network stack for, in order."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]

"""A minimal Chrome DevTools Protocol client over --remote-debugging-pipe.

Standard library only.  Chromium started with --remote-debugging-pipe reads
commands from its file descriptor 3 and writes replies and events to its
descriptor 4, each message one JSON text ended by a NUL byte.  That needs
no port, no websocket and no network: the pipe is private to this process
and its child.  (Why the protocol and not --dump-dom or --screenshot: only
the protocol can emulate print media at a paper's width, emulate a phone's
viewport, capture a whole page rather than one window, and print a PDF in
A4 and Letter from one browser start.)
"""
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--mute-audio",
         "--remote-debugging-pipe"]


def find_chromium():
    """The browser to use: $CHROMIUM, else the first of the usual names."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env if os.path.exists(env) or shutil.which(env) else None
    for name in ("chromium", "chromium-browser", "google-chrome",
                 "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class CDPError(Exception):
    pass


class Browser:
    def __init__(self, binary, timeout=60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="airs-chromium-")
        to_child_r, self._w = os.pipe()
        self._r, from_child_w = os.pipe()
        # The shell puts the pipe ends on descriptors 3 and 4, where
        # Chromium looks for them, and then becomes the browser.
        script = 'exec "$@" 3<&%d 4>&%d' % (to_child_r, from_child_w)
        self.proc = subprocess.Popen(
            ["sh", "-c", script, "sh", binary, *FLAGS,
             "--user-data-dir=" + self.profile, "about:blank"],
            pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close")
        except (CDPError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._r, self._w):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError("timed out waiting for the browser")
            ready, _, _ = select.select([self._r], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                err = self.proc.stderr.read().decode("utf-8", "replace")
                raise CDPError("the browser closed the pipe: " + err[-2000:])
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=None):
        """Send a command and return its result (events seen meanwhile are
        kept in self.events)."""
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            n = os.write(self._w, data)
            data = data[n:]
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self._id:
                if "error" in m:
                    raise CDPError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session=None, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method and (
                        session is None or m.get("sessionId") == session):
                    del self.events[i]
                    return m.get("params", {})
            self.events.append(self._read_message(deadline))


class Page:
    """One tab, attached in flat mode."""

    def __init__(self, browser):
        self.b = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})
        self.session = browser.send("Target.attachToTarget", {
            "targetId": target["targetId"], "flatten": True})["sessionId"]
        self.send("Page.enable")

    def send(self, method, params=None, timeout=None):
        return self.b.send(method, params, self.session, timeout)

    def viewport(self, width, height, mobile=False, media=""):
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1,
            "mobile": mobile})
        self.send("Emulation.setEmulatedMedia", {"media": media})

    def load(self, url, timeout=None):
        self.b.events = [e for e in self.b.events
                         if e.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", {"url": url})
        self.b.wait_event("Page.loadEventFired", self.session, timeout)

    def evaluate(self, expression):
        r = self.send("Runtime.evaluate", {"expression": expression,
                                           "returnByValue": True})
        if "exceptionDetails" in r:
            raise CDPError("script failed: %s" % r["exceptionDetails"])
        return r["result"].get("value")

    def screenshot(self, path, slice_height=16000):
        """The whole page as PNG: path, or for a page taller than one
        image may be, path-1.png, path-2.png, ... of slice_height CSS
        pixels each.  Returns the files written."""
        import base64
        m = self.send("Page.getLayoutMetrics")
        size = m.get("cssContentSize") or m["contentSize"]
        width = m["cssLayoutViewport"]["clientWidth"]
        height = int(size["height"]) + 1
        files = []
        for y in range(0, height, slice_height):
            name = path if height <= slice_height else "%s-%d.png" % (
                path[:-4], y // slice_height + 1)
            r = self.send("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": y, "width": width,
                         "height": min(slice_height, height - y), "scale": 1}},
                timeout=120)
            with open(name, "wb") as f:
                f.write(base64.b64decode(r["data"]))
            files.append(name)
        return files

    def pdf(self, path, paper_width_in, paper_height_in):
        """Print as a user would, with the browser's default of no
        background graphics; margins come from the page's @page rule."""
        import base64
        r = self.send("Page.printToPDF", {
            "paperWidth": paper_width_in, "paperHeight": paper_height_in,
            "printBackground": False, "preferCSSPageSize": False,
            "marginTop": 0.47, "marginBottom": 0.47, "marginLeft": 0.47,
            "marginRight": 0.47}, timeout=180)
        data = base64.b64decode(r["data"])
        with open(path, "wb") as f:
            f.write(data)
        return data

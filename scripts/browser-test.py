#!/usr/bin/env python3
"""`roadmap serve` in a real browser: headless Chromium opens a roadmap's
page, this script edits the file, and the same page (no navigation, no
reload by anyone but the page itself) shows the change; then a broken save
shows the findings above the last good schedule. Screenshots go to
ARTIFACTS/serve-live-clean.png and ARTIFACTS/serve-live-broken.png.

With --marks, `roadmap serve --allow-marks` instead: the script fills the
form of activity 1.1 on the page and sends it; the page shows the activity
done and the status file holds the line; then a wrong date is shown on the
page with its field, and the status file is unchanged. Screenshot:
ARTIFACTS/serve-marks.png.

    python3 scripts/browser-test.py --bin target/debug/roadmap --artifacts target/test-artifacts [--marks]

Drives Chromium through the DevTools protocol with websocket-client
(`python3 -m pip install websocket-client`). tests/watch.rs runs it.
Exit 0 when every check holds; else 1, saying which did not.
"""

import argparse
import base64
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

DEADLINE = 20.0  # seconds, for any one thing to happen
ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "watch"


class Failed(Exception):
    pass


def wait(what, check, deadline=DEADLINE):
    """Polls `check` until it returns something true; returns that."""
    start = time.monotonic()
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() - start > deadline:
            raise Failed(f"no {what} after {deadline:.0f} s")
        time.sleep(0.05)


class DevTools:
    """The least of a DevTools-protocol client: commands and their answers."""

    def __init__(self, url):
        # Chromium refuses a WebSocket with a foreign Origin; send none.
        self.ws = websocket.create_connection(url, timeout=DEADLINE, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise Failed(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise Failed(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.write_bytes(base64.b64decode(data["data"]))

    def close(self):
        self.ws.close()


def start_serve(binary, src, *more):
    serve = subprocess.Popen(
        [binary, "serve", str(src), "--port", "0", "--lang", "en", "--debounce", "50", *more],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    line = serve.stdout.readline().strip()
    if not line.startswith("http://"):
        serve.kill()
        raise Failed(f"roadmap serve printed no URL: {line!r} {serve.stderr.read()}")
    return serve, line


def start_chromium(name, profile):
    browser = subprocess.Popen(
        [
            name,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--remote-debugging-address=127.0.0.1",
            "--window-size=1400,1000",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    active = pathlib.Path(profile) / "DevToolsActivePort"
    port = wait("DevToolsActivePort", lambda: active.exists() and active.read_text().split("\n")[0])
    targets = wait(
        "a page target",
        lambda: [
            t
            for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5))
            if t.get("type") == "page"
        ],
    )
    return browser, targets[0]["webSocketDebuggerUrl"]


def body_has(tools, text):
    return tools.evaluate(f"document.body !== null && document.body.innerText.includes({json.dumps(text)})")


def soft(tools, expression):
    """`expression`'s value, or None while the page is being replaced."""
    try:
        return tools.evaluate(expression)
    except Failed:
        return None


def fill_and_send(tools, activity, state, date, document):
    """Fills the form of `activity` on the page as a person would, and sends it."""
    row = json.dumps(f"mark-{activity}")
    fields = json.dumps({"state": state, "date": date, "document": document})
    sent = tools.evaluate(
        f"(function () {{ var row = document.getElementById({row}); if (!row) return false;"
        f" var form = row.querySelector('form'); var fields = {fields};"
        " for (var name in fields) { var field = form.elements[name];"
        " field.value = fields[name]; field.dispatchEvent(new Event('input', {bubbles: true})); }"
        " form.requestSubmit(); return true; })()"
    )
    if not sent:
        raise Failed(f"no form for activity {activity} on the page")


def run_marks(args):
    work = pathlib.Path(tempfile.mkdtemp(prefix="roadmap-browser-"))
    src = work / "src"
    src.mkdir()
    for name in ("plan.roadmap", "участники.roadmap"):
        (src / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    status = src / "plan.status"
    serve = browser = tools = None
    try:
        serve, url = start_serve(args.bin, src, "--allow-marks")
        print(f"serving {url}")
        browser, ws_url = start_chromium(args.chromium, work / "profile")
        tools = DevTools(ws_url)
        tools.call("Page.enable")
        tools.call("Runtime.enable")
        tools.call("Page.navigate", url=url.rstrip("/") + "/r/plan.roadmap")
        wait("the marks form", lambda: soft(tools, "document.getElementById('mark-1.1') !== null"))

        fill_and_send(tools, "1.1", "выполнено", "03.02.2022", "протокол № 3")
        marked = "(function () { var cell = document.querySelector('[id=\"mark-1.1\"] .marked');" \
                 " return cell === null ? '' : cell.innerText; })()"
        shown = wait("activity 1.1 shown done", lambda: "done 03.02.2022" in (soft(tools, marked) or "") and soft(tools, marked))
        print(f"the page shows: {shown}")
        text = status.read_text(encoding="utf-8")
        if "\n  выполнено: 03.02.2022 — протокол № 3\n" not in text:
            raise Failed(f"the status file lacks the mark:\n{text}")
        print("status line: выполнено: 03.02.2022 — протокол № 3")
        tools.screenshot(args.artifacts / "serve-marks.png")

        fill_and_send(tools, "1.2", "выполнено", "31.02.2022", "")
        error = wait(
            "the wrong date on the page",
            lambda: soft(
                tools,
                "(function () { var e = document.querySelector('#mark-error [data-field=\"date\"]');"
                " return e === null ? '' : e.innerText; })()",
            ),
        )
        print(f"wrong date refused: {error}")
        if status.read_text(encoding="utf-8") != text:
            raise Failed("the wrong date changed the status file")

        serve.send_signal(signal.SIGINT)
        code = serve.wait(timeout=DEADLINE)
        if code != 0:
            raise Failed(f"roadmap serve exited {code} on Ctrl-C")
        print("ok")
    finally:
        if tools is not None:
            tools.close()
        for process in (browser, serve):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)


def run(args):
    plan_text = (FIXTURES / "plan.roadmap").read_text(encoding="utf-8")
    parties = (FIXTURES / "участники.roadmap").read_text(encoding="utf-8")
    work = pathlib.Path(tempfile.mkdtemp(prefix="roadmap-browser-"))
    src = work / "src"
    src.mkdir()
    plan = src / "plan.roadmap"
    plan.write_text(plan_text, encoding="utf-8")
    (src / "участники.roadmap").write_text(parties, encoding="utf-8")

    def save(text):
        temp = src / "plan.roadmap.saving"
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, plan)

    serve = browser = tools = None
    try:
        serve, url = start_serve(args.bin, src)
        print(f"serving {url}")
        browser, ws_url = start_chromium(args.chromium, work / "profile")
        tools = DevTools(ws_url)
        tools.call("Page.enable")
        tools.call("Runtime.enable")
        page = url.rstrip("/") + "/r/plan.roadmap"
        tools.call("Page.navigate", url=page)
        wait("the page", lambda: tools.evaluate("document.readyState") == "complete" and body_has(tools, "версия 1"))
        wait("the Gantt chart", lambda: tools.evaluate("document.querySelector('svg.gantt') !== null"))
        # Set on this document only: a navigation or reload would lose it.
        tools.evaluate("window.sameDocument = 'yes'")
        tools.screenshot(args.artifacts / "serve-live-clean.png")

        save(plan_text.replace("версия 1", "версия 2"))
        wait("version 2 on the open page", lambda: body_has(tools, "версия 2"))
        if tools.evaluate("window.sameDocument") != "yes":
            raise Failed("the page was reloaded or navigated, not updated in place")
        updates = tools.evaluate("window.roadmapUpdates || 0")
        if updates < 1:
            raise Failed("the live script did not update the page")
        print(f"updated in place ({updates} update)")

        broken = plan_text.replace("версия 1", "версия 3").replace("ответственный: ОО\n", "ответственный: Никто\n", 1)
        save(broken)
        wait(
            "the findings on the page",
            lambda: tools.evaluate(
                "(function () { var bar = document.querySelector('#roadmap-live.errors pre');"
                " return bar !== null && bar.innerText.includes('E0203'); })()"
            ),
        )
        if not body_has(tools, "версия 2"):
            raise Failed("the last good schedule (version 2) is not on the page")
        if not tools.evaluate("document.querySelector('svg.gantt') !== null"):
            raise Failed("the last good Gantt chart is not on the page")
        if tools.evaluate("window.sameDocument") != "yes":
            raise Failed("the page was reloaded or navigated after the broken save")
        tools.screenshot(args.artifacts / "serve-live-broken.png")
        print("findings shown above the last good schedule")

        save(plan_text.replace("версия 1", "версия 4"))
        wait("version 4 with no findings", lambda: body_has(tools, "версия 4")
             and tools.evaluate("document.querySelector('#roadmap-live.errors') === null"))
        print("mended: findings gone")

        serve.send_signal(signal.SIGINT)
        code = serve.wait(timeout=DEADLINE)
        if code != 0:
            raise Failed(f"roadmap serve exited {code} on Ctrl-C")
        print("ok")
    finally:
        if tools is not None:
            tools.close()
        for process in (browser, serve):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=str(ROOT / "target" / "debug" / "roadmap"))
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--artifacts", type=pathlib.Path, default=ROOT / "target" / "test-artifacts")
    parser.add_argument("--marks", action="store_true", help="test `serve --allow-marks` instead")
    args = parser.parse_args()
    args.artifacts.mkdir(parents=True, exist_ok=True)
    try:
        (run_marks if args.marks else run)(args)
    except Failed as failure:
        print(f"browser test failed: {failure}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A schedule page as a person sees it and prints it: headless Chromium
opens the HTML file, and this script reports what is on screen and on paper
as JSON, for tests/schedule.rs to judge:

- `overdue`: for every activity drawn overdue on screen, its number, the
  fill of the bar past its due date and the overdue colour of the page;
- `labels`: the printed chart's text sizes in points on an A4 landscape page
  (print media, the page's width), the smallest and how many;
- `pdf`: the page as Chromium prints it (its own @page size): the number of
  pages and the first page's size in points.

    python3 scripts/print-test.py PAGE.html --chromium chromium --artifacts target/test-artifacts

Drives Chromium through the DevTools protocol with websocket-client, as
scripts/browser-test.py does (whose client it uses). Leaves PAGE.png (the
screen) and PAGE.pdf (the print) in ARTIFACTS.
"""

import argparse
import base64
import importlib.util
import json
import pathlib
import re
import shutil
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("browser_test", ROOT / "scripts" / "browser-test.py")
browser_test = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(browser_test)
DevTools, Failed, start_chromium, wait = (
    browser_test.DevTools,
    browser_test.Failed,
    browser_test.start_chromium,
    browser_test.wait,
)

# A4 landscape less the page's 10 mm margins, in CSS pixels (96 to the inch).
PAPER_WIDTH = round(277 / 25.4 * 96)
PAPER_HEIGHT = round(190 / 25.4 * 96)

OVERDUE = """(() => {
  const overdue = getComputedStyle(document.documentElement).getPropertyValue('--overdue').trim();
  const probe = document.createElement('span');
  probe.style.color = overdue;
  document.body.appendChild(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return {
    colour,
    rows: [...document.querySelectorAll('.gantt-screen .row.state-overdue')].map(row => {
      const overrun = row.querySelector('.bar.overrun');
      return {
        title: row.querySelector('title').textContent.split('\\n')[0],
        fill: overrun ? getComputedStyle(overrun).fill : null,
      };
    }),
  };
})()"""

LABELS = """(() => {
  const sizes = [];
  for (const svg of document.querySelectorAll('.gantt-pages svg.gantt')) {
    if (svg.getBoundingClientRect().width === 0) continue;
    const scale = svg.getScreenCTM().a;
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      sizes.push(parseFloat(getComputedStyle(text).fontSize) * scale * 0.75);
    }
  }
  const screen = document.querySelector('.gantt-screen');
  return {
    charts: document.querySelectorAll('.gantt-pages svg.gantt').length,
    texts: sizes.length,
    smallest_pt: sizes.length ? Math.min(...sizes) : null,
    screen_chart_shown: screen !== null && screen.getBoundingClientRect().height > 0,
  };
})()"""


def pdf_facts(data):
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    width, height = (float(box.group(3)), float(box.group(4))) if box else (0.0, 0.0)
    return {"pages": pages, "width_pt": width, "height_pt": height}


def run(args):
    page = args.page.resolve()
    profile = tempfile.mkdtemp(prefix="roadmap-print-")
    browser = None
    try:
        browser, url = start_chromium(args.chromium, profile)
        tools = DevTools(url)
        tools.call("Page.enable")
        tools.call("Page.navigate", url=page.as_uri())
        wait("the page", lambda: tools.evaluate("document.readyState === 'complete' && document.querySelector('svg.gantt') !== null"))
        overdue = tools.evaluate(OVERDUE)
        tools.screenshot(args.artifacts / (page.stem + ".png"))
        tools.call("Emulation.setEmulatedMedia", media="print")
        tools.call(
            "Emulation.setDeviceMetricsOverride",
            width=PAPER_WIDTH,
            height=PAPER_HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )
        labels = tools.evaluate(LABELS)
        tools.call("Emulation.clearDeviceMetricsOverride")
        tools.call("Emulation.setEmulatedMedia", media="")
        printed = tools.call("Page.printToPDF", preferCSSPageSize=True, printBackground=True)
        pdf = base64.b64decode(printed["data"])
        (args.artifacts / (page.stem + ".pdf")).write_bytes(pdf)
        tools.close()
        print(json.dumps({"overdue": overdue, "labels": labels, "pdf": pdf_facts(pdf)}, ensure_ascii=False))
    finally:
        if browser is not None and browser.poll() is None:
            browser.kill()
            browser.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=pathlib.Path)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--artifacts", type=pathlib.Path, default=ROOT / "target" / "test-artifacts")
    args = parser.parse_args()
    args.artifacts.mkdir(parents=True, exist_ok=True)
    try:
        run(args)
    except Failed as failure:
        print(f"print test failed: {failure}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Draws the growth curves of scripts/bench.sh: time and peak memory against
the size of the input, log-log, for roadmap and TaskJuggler, as SVG.

    scripts/plot-bench.py target/bench-results/scaling.csv docs/bench

reads the CSV bench.sh writes (series,n,seconds,peak_kb) and writes
flat.svg (one roadmap of N activities) and plans.svg (N school plans).
"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

# series → (legend, colour, line style); the order is the legend's.
FLAT = {
    "flat-check": ("roadmap check", "#1f77b4", "-"),
    "flat-json": ("roadmap schedule --format json", "#2ca02c", "-"),
    "flat-html": ("roadmap schedule --format html", "#9467bd", "-"),
    "flat-tj3": ("TaskJuggler tj3 --no-reports", "#d62728", "--"),
}
PLANS = {
    "plans-check-t1": ("check, plans + template, 1 thread", "#1f77b4", "-"),
    "plans-check-t2": ("check, plans + template, 2 threads", "#17becf", "-"),
    "standalone-check-t2": ("check, standalone plans, 2 threads", "#ff7f0e", "-"),
    "rollup-json": ("status DIR --format json (roll-up)", "#2ca02c", "-"),
    "rollup-html": ("status DIR --format html (roll-up)", "#9467bd", "-"),
}


def read(path):
    points = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            points[row["series"]].append(
                (int(row["n"]), float(row["seconds"]), int(row["peak_kb"]) / 1024)
            )
    return {k: sorted(v) for k, v in points.items()}


def figure(points, series, unit, title, out):
    fig, (time_ax, mem_ax) = plt.subplots(1, 2, figsize=(11, 4.4))
    drawn = False
    for key, (label, colour, style) in series.items():
        if key not in points:
            continue
        n = [p[0] for p in points[key]]
        time_ax.plot(n, [p[1] for p in points[key]], style, marker="o", color=colour, label=label)
        mem_ax.plot(n, [p[2] for p in points[key]], style, marker="o", color=colour, label=label)
        drawn = True
    if not drawn:
        plt.close(fig)
        return False
    for ax, what in ((time_ax, "wall time, s (median)"), (mem_ax, "peak memory, MB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(unit)
        ax.set_ylabel(what)
        ax.grid(True, which="both", linewidth=0.3)
    time_ax.legend(fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(out, metadata={"Date": None})
    plt.close(fig)
    return True


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    plt.rcParams["svg.hashsalt"] = "roadmap-bench"
    plt.rcParams["svg.fonttype"] = "none"
    points = read(sys.argv[1])
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for name, series, unit, title in (
        ("flat.svg", FLAT, "activities in one roadmap", "One roadmap of N activities"),
        ("plans.svg", PLANS, "school plans", "N school plans of a region"),
    ):
        if figure(points, series, unit, title, out / name):
            print(out / name)


if __name__ == "__main__":
    main()

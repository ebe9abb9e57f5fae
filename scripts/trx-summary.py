#!/usr/bin/env python3
"""Where a test run's time went, per test class, from trx files (the tests of one assembly run one after another).

usage: python3 scripts/trx-summary.py RESULTS.trx|DIR [...] [--top N]

Per class: tests, the sum of the test durations, the wall span from its first start to its last end, and the
gap before its first test (time no test ran: the class fixture starting its app, the browser launching). One
table per trx file, slowest span first, then the file's wall time.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET
from datetime import datetime

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def when(text):
    # 2026-12-03T11:38:49.1968790+00:00: Python takes at most 6 fraction digits.
    head, frac_tz = text.split(".", 1) if "." in text else (text[:19], "0" + text[19:])
    frac, tz = frac_tz[:7], frac_tz[7:] if "." in text else frac_tz[1:]
    return datetime.fromisoformat(f"{head}.{frac[:6]:0<6}{tz}")


def seconds(duration):
    h, m, s = duration.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def summarize(path, top):
    root = ET.parse(path).getroot()
    classes = {}
    for d in root.iterfind("t:TestDefinitions/t:UnitTest", NS):
        classes[d.get("id")] = d.find("t:TestMethod", NS).get("className")
    rows = []
    for r in root.iterfind("t:Results/t:UnitTestResult", NS):
        if r.get("startTime") is None:
            continue
        rows.append((when(r.get("startTime")), when(r.get("endTime")), seconds(r.get("duration", "0:0:0")),
                     classes.get(r.get("testId"), "?"), r.get("outcome")))
    if not rows:
        print(f"{path}: no results")
        return
    rows.sort()
    times = root.find("t:Times", NS)
    run_start = when(times.get("start")) if times is not None else rows[0][0]
    run_end = when(times.get("finish")) if times is not None else max(r[1] for r in rows)
    stats = {}
    previous_end = run_start
    for start, end, dur, cls, outcome in rows:
        s = stats.setdefault(cls, {"n": 0, "sum": 0.0, "first": start, "last": end, "gap": None, "failed": 0})
        if s["gap"] is None:
            s["gap"] = max(0.0, (start - previous_end).total_seconds())
        s["n"] += 1
        s["sum"] += dur
        s["last"] = max(s["last"], end)
        s["failed"] += outcome not in ("Passed", "NotExecuted")
        previous_end = max(previous_end, end)
    print(f"## {os.path.basename(path)}: {len(rows)} tests, {len(stats)} classes, wall {(run_end - run_start).total_seconds():.0f} s")
    print()
    print("| class | tests | sum of tests s | span s | gap before s | span+gap s |")
    print("|---|---:|---:|---:|---:|---:|")
    ordered = sorted(stats.items(), key=lambda kv: -((kv[1]["last"] - kv[1]["first"]).total_seconds() + kv[1]["gap"]))
    total_gap = sum(s["gap"] for s in stats.values())
    for cls, s in ordered[:top]:
        span = (s["last"] - s["first"]).total_seconds()
        name = cls.split(".", 2)[-1] if cls.count(".") >= 2 else cls
        print(f"| {name} | {s['n']} | {s['sum']:.1f} | {span:.1f} | {s['gap']:.1f} | {span + s['gap']:.1f} |")
    if len(ordered) > top:
        rest = ordered[top:]
        span = sum((s["last"] - s["first"]).total_seconds() + s["gap"] for _, s in rest)
        print(f"| ({len(rest)} more classes) | {sum(s['n'] for _, s in rest)} | {sum(s['sum'] for _, s in rest):.1f} | | | {span:.1f} |")
    print(f"\ntests ran {sum(r[2] for r in rows):.0f} s; gaps before classes (fixtures) {total_gap:.0f} s\n")


def main(argv):
    top = 40
    if "--top" in argv:
        i = argv.index("--top")
        top = int(argv[i + 1])
        del argv[i:i + 2]
    files = []
    for arg in argv or ["TestResults"]:
        files += sorted(glob.glob(os.path.join(arg, "**", "*.trx"), recursive=True)) if os.path.isdir(arg) else [arg]
    for f in files:
        summarize(f, top)


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Prints scripts/bench.sh's figures as one Markdown table, with PASS/FAIL against the budgets of
issue 18. Usage: report.py DIR, where DIR holds what bench.sh measured:

  machine.txt       key<TAB>value lines (date, cpu, cores, load)
  native.tsv        build/bench/settle_bench lines: name visits samples median_us p99_us bytes
  wasm.tsv          bench/wasm-bench.mjs lines, the same columns
  batch-steps.txt   /usr/bin/time -v of `settle --jsonl` over the batch (+ `cases N`, `errors N`)
  batch-nosteps.txt the same with --no-steps
  site.tsv          file<TAB>bytes<TAB>gzip bytes, every file of build/site/
  page.tsv          bench/page-bench.mjs lines
  skipped.txt       a line per part that could not run, and why

A missing part is reported as skipped, never as a pass.
"""
import os
import re
import statistics
import sys

# Issue 18. Sizes in KB gzip; page figures as ratios to the static page's first paint in the
# same run (a machine whose speed drifts by a quarter between runs), medians over the loads.
BUDGET_FIRST_LOAD_KB = 120
BUDGET_SITE_KB = 190
BUDGET_WASM_KB = 75
BUDGET_NATIVE_5_US = 50
BUDGET_BATCH_PER_S = 50_000
BUDGET_RECOMPUTE_MS = 5
BUDGET_EXPLAINED_MS = 30
# (kind, visit, throttle) -> ratio budget
BUDGET_RATIO = {
    ("plain", "fresh", "1"): 1.1, ("plain", "fresh", "4"): 1.1,
    ("link", "fresh", "1"): 1.3, ("link", "fresh", "4"): 1.5,
    ("plain", "repeat", "1"): 1.1, ("plain", "repeat", "4"): 1.1,
    ("link", "repeat", "1"): 1.1, ("link", "repeat", "4"): 1.1,
}

DIR = sys.argv[1]
rows = []      # (measure, figure, budget, verdict)
notes = []


def path(name):
    return os.path.join(DIR, name)


def read_lines(name):
    if not os.path.exists(path(name)):
        return None
    with open(path(name), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def verdict(ok):
    return "PASS" if ok else "FAIL"


def latency_rows(name, label, budget_us=None):
    lines = read_lines(name)
    if not lines:
        rows.append((f"{label} settle per case", "skipped", f"5 visits <= {budget_us} µs" if budget_us else "", "—"))
        return
    five = []
    for line in lines:
        case, visits, samples, median, p99, size = line.split("\t")
        figure = f"median {float(median):.1f} µs, p99 {float(p99):.1f} µs ({samples} calls, {int(size) // 1024} KB out)"
        if int(visits) == 5 and budget_us:
            five.append(float(median))
            rows.append((f"{label}: {case}", figure, f"median <= {budget_us} µs", verdict(float(median) <= budget_us)))
        else:
            rows.append((f"{label}: {case}", figure, "", ""))


def batch_row(name, label):
    lines = read_lines(name)
    if not lines:
        rows.append((f"batch {label}", "skipped", f">= {BUDGET_BATCH_PER_S:,} cases/s", "—"))
        return None
    text = "\n".join(lines)

    def field(pattern):
        match = re.search(pattern, text, re.M)
        return match.group(1) if match else None

    cases = int(field(r"^cases (\d+)") or 0)
    errors = int(field(r"^errors (\d+)") or 0)
    user = float(field(r"User time \(seconds\): ([\d.]+)"))
    system = float(field(r"System time \(seconds\): ([\d.]+)"))
    wall_text = field(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)")
    wall = 0.0
    for part in wall_text.split(":"):
        wall = wall * 60 + float(part)
    peak_kb = int(field(r"Maximum resident set size \(kbytes\): (\d+)"))
    cpu = user + system
    per_cpu_s = cases / cpu if cpu > 0 else 0
    per_wall_s = cases / wall if wall > 0 else 0
    figure = (f"{per_cpu_s:,.0f} cases/s of CPU ({cpu:.2f} s for {cases:,}; wall {wall:.2f} s = "
              f"{per_wall_s:,.0f}/s), peak RSS {peak_kb / 1024:.1f} MB")
    if errors:
        figure += f", {errors} error lines"
    return figure, per_cpu_s


def main():
    machine = dict(line.split("\t", 1) for line in (read_lines("machine.txt") or []))

    latency_rows("native.tsv", "native", BUDGET_NATIVE_5_US)
    latency_rows("wasm.tsv", "WASM in Node")

    with_steps = batch_row("batch-steps.txt", "with steps")
    without = batch_row("batch-nosteps.txt", "--no-steps")
    if with_steps:
        rows.append(("batch `settle --jsonl` (steps)", with_steps[0], "", ""))
    if without:
        rows.append(("batch `settle --jsonl --no-steps`", without[0], f">= {BUDGET_BATCH_PER_S:,} cases/s",
                     verdict(without[1] >= BUDGET_BATCH_PER_S)))

    site = read_lines("site.tsv")
    page_lines = [line.split("\t") for line in (read_lines("page.tsv") or [])]
    page = {fields[0]: fields[1:] for fields in page_lines}
    if site:
        sizes = {name: (int(raw), int(gz)) for name, raw, gz in (line.split("\t") for line in site)}
        total = sum(gz for _, gz in sizes.values())
        listing = ", ".join(f"{name} {gz / 1024:.1f}" for name, (_, gz) in sorted(sizes.items(), key=lambda i: -i[1][1]))
        rows.append(("page files (KB gzip -6)", listing, "", ""))
        wasm = sizes.get("settle.wasm", (0, 0))[1]
        rows.append(("settle.wasm", f"{wasm / 1024:.1f} KB gzip", f"<= {BUDGET_WASM_KB} KB", verdict(wasm <= BUDGET_WASM_KB * 1024)))
        first = page.get("first_load_files")
        if first:
            names = sorted({("index.html" if f == "/" else f.lstrip("/")) for f in first} | {"sw.js"})
            loaded = sum(sizes[n][1] for n in names if n in sizes)
            rows.append(("first load", f"{loaded / 1024:.1f} KB gzip ({len(names)} files: what a #case= link fetches "
                         "before its result, and the service worker)", f"<= {BUDGET_FIRST_LOAD_KB} KB",
                         verdict(loaded <= BUDGET_FIRST_LOAD_KB * 1024)))
        rows.append(("whole site (icons included)", f"{total / 1024:.1f} KB gzip, {len(sizes)} files",
                     f"<= {BUDGET_SITE_KB} KB", verdict(total <= BUDGET_SITE_KB * 1024)))
    else:
        rows.append(("page weight", "skipped", f"<= {BUDGET_FIRST_LOAD_KB} KB", "—"))

    # Page figures: a row per (kind, visit, throttle), the ratio to the static page of the same
    # visit and throttle (fresh to fresh, repeat to repeat) in the same run.
    times = {}
    marks = {}
    for fields in page_lines:
        if fields[0] == "page":
            times[tuple(fields[1:4])] = [float(v) for v in fields[4:]]
        elif fields[0] == "marks":
            marks[tuple(fields[1:4])] = fields[4:]
    engine = {fields[1]: dict(m.split("=", 1) for m in fields[2:]) for fields in page_lines if fields[0] == "engine"}
    label = {"plain": "plain visit, complete first screen painted", "link": "#case= link, form and result painted"}
    if not times:
        rows.append(("page in Chromium", "skipped", "", "—"))
    for throttle in ("1", "4"):
        for visit in ("fresh", "repeat"):
            floor = times.get(("static", visit, throttle))
            if not floor:
                continue
            base = statistics.median(floor)
            rows.append((f"static page (cities.html) first paint, {visit}, {throttle}x CPU",
                         f"{base:.0f} ms (min {min(floor):.0f}, max {max(floor):.0f})", "1.00×", ""))
            for kind in ("plain", "link"):
                values = times.get((kind, visit, throttle))
                if not values:
                    continue
                median = statistics.median(values)
                ratio = median / base if base else float("inf")
                budget = BUDGET_RATIO[(kind, visit, throttle)]
                way = marks.get((kind, visit, throttle))
                on_the_way = f"; marks (median ms): {', '.join(m.replace('=', ' ') for m in way)}" if way else ""
                rows.append((f"{label[kind]}, {visit}, {throttle}x CPU",
                             f"**{ratio:.2f}×** ({median:.0f} ms, min {min(values):.0f}, max {max(values):.0f}){on_the_way}",
                             f"<= {budget}×", verdict(ratio <= budget)))
        cold = engine.get(throttle)
        if cold:
            rows.append((f"the engine alone, cold, {throttle}x CPU", f"load {cold['load']} ms, first settle {cold['first_settle']} ms "
                         f"(again {cold['second_settle']}), then cities() {cold['cities']} ms", "", ""))

    recompute = [float(v) for v in page.get("recompute", [])]
    if recompute:
        ordered = sorted(recompute)
        p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
        median = statistics.median(recompute)
        rows.append(("keystroke on a 50-visit case: amounts rewritten",
                     f"median {median:.1f} ms, p90 {p90:.1f} ms over {len(recompute)} keystrokes",
                     f"<= {BUDGET_RECOMPUTE_MS} ms", verdict(median <= BUDGET_RECOMPUTE_MS)))
    else:
        rows.append(("keystroke on a 50-visit case", "skipped", f"<= {BUDGET_RECOMPUTE_MS} ms", "—"))
    explained = [float(v) for v in page.get("recompute_explained", [])]
    if explained:
        median = statistics.median(explained)
        rows.append(("… and its steps back on screen (a later task)",
                     f"median {median:.1f} ms over {len(explained)} keystrokes", f"<= {BUDGET_EXPLAINED_MS} ms",
                     verdict(median <= BUDGET_EXPLAINED_MS)))
    notes.append("Ratios: the page's median over the static page's median, the same visit (fresh: a new browser "
                 "context; repeat: one that has visited once, with the service worker's cache) and the same CPU "
                 "throttling, in this run.")

    print(f"Benchmark {machine.get('date', '?')} on {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores "
          f"(load average {machine.get('load', '?')} at the start); command: bash scripts/bench.sh {machine.get('args', '')}".rstrip())
    print()
    print("| measure | figure | budget | |")
    print("| --- | --- | --- | --- |")
    for measure, figure, budget, mark in rows:
        print(f"| {measure} | {figure} | {budget} | {mark} |")
    for line in read_lines("skipped.txt") or []:
        notes.append(f"skipped: {line}")
    if notes:
        print()
        for note in notes:
            print(f"- {note}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Prints scripts/bench.sh's figures as one Markdown table, with PASS/FAIL against the budgets of
issue 7. Usage: report.py DIR, where DIR holds what bench.sh measured:

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

BUDGET_PAGE_KB = 150
BUDGET_NATIVE_5_US = 50
BUDGET_WASM_5_US = 150
BUDGET_BATCH_PER_S = 50_000
BUDGET_FIRST_MS = 300
BUDGET_FIRST_4X_MS = 1000
BUDGET_RECOMPUTE_MS = 5

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


def latency_rows(name, label, budget_us):
    lines = read_lines(name)
    if not lines:
        rows.append((f"{label} settle per case", "skipped", f"5 visits <= {budget_us} µs", "—"))
        return
    five = []
    for line in lines:
        case, visits, samples, median, p99, size = line.split("\t")
        figure = f"median {float(median):.1f} µs, p99 {float(p99):.1f} µs ({samples} calls, {int(size) // 1024} KB out)"
        if int(visits) == 5:
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
    latency_rows("wasm.tsv", "WASM in Node", BUDGET_WASM_5_US)

    with_steps = batch_row("batch-steps.txt", "with steps")
    without = batch_row("batch-nosteps.txt", "--no-steps")
    if with_steps:
        rows.append(("batch `settle --jsonl` (steps)", with_steps[0], "", ""))
    if without:
        rows.append(("batch `settle --jsonl --no-steps`", without[0], f">= {BUDGET_BATCH_PER_S:,} cases/s",
                     verdict(without[1] >= BUDGET_BATCH_PER_S)))

    site = read_lines("site.tsv")
    page = {line.split("\t", 1)[0]: line.split("\t")[1:] for line in (read_lines("page.tsv") or [])}
    if site:
        sizes = {name: (int(raw), int(gz)) for name, raw, gz in (line.split("\t") for line in site)}
        total = sum(gz for _, gz in sizes.values())
        listing = ", ".join(f"{name} {gz / 1024:.1f}" for name, (_, gz) in sorted(sizes.items(), key=lambda i: -i[1][1]))
        rows.append(("page files (KB gzip -6)", listing, "", ""))
        first = page.get("first_load_files")
        if first:
            names = sorted({("index.html" if f == "/" else f.lstrip("/")) for f in first})
            loaded = sum(sizes[n][1] for n in names if n in sizes)
            rows.append(("page weight, first load", f"{loaded / 1024:.1f} KB gzip ({len(names)} files the page fetches "
                         f"before its first result); all {len(sizes)} files {total / 1024:.1f} KB",
                         f"<= {BUDGET_PAGE_KB} KB", verdict(loaded <= BUDGET_PAGE_KB * 1024)))
            notes.append("First load = what the page itself fetched before its first result (Resource Timing); the "
                         "service worker then caches every file of build/site/ in the background, which is the "
                         "'all files' figure.")
        else:
            rows.append(("page weight, all files", f"{total / 1024:.1f} KB gzip", f"<= {BUDGET_PAGE_KB} KB",
                         verdict(total <= BUDGET_PAGE_KB * 1024)))
    else:
        rows.append(("page weight", "skipped", f"<= {BUDGET_PAGE_KB} KB", "—"))

    def ms_row(key, label, budget):
        values = [float(v) for v in page.get(key, [])]
        if not values:
            rows.append((label, "skipped", f"<= {budget} ms" if budget else "", "—"))
            return
        median = statistics.median(values)
        spread = f"min {min(values):.0f}, max {max(values):.0f}"
        marks = page.get(f"{key}_marks")
        on_the_way = f"; on the way (median ms): {', '.join(m.replace('=', ' ') for m in marks)}" if marks else ""
        floor = [float(v) for v in page.get(f"{key}_static_page", [])]
        if floor:
            on_the_way += f"; a static page of the site (cities.html) paints at {statistics.median(floor):.0f} ms"
        engine = dict(m.split("=", 1) for m in page.get(f"{key}_engine", []))
        if engine:
            on_the_way += (f"; the engine alone, cold (median ms): load {engine['load']}, first settle "
                           f"{engine['first_settle']} (again: {engine['second_settle']}), then cities() {engine['cities']}")
        rows.append((label, f"median {median:.0f} ms over {len(values)} loads ({spread}){on_the_way}", f"<= {budget} ms",
                     verdict(median <= budget)))

    ms_row("first_result", "first result in Chromium (#case= link, 1 visit)", BUDGET_FIRST_MS)
    ms_row("first_result_4x", "first result, 4x CPU throttling", BUDGET_FIRST_4X_MS)
    recompute = [float(v) for v in page.get("recompute", [])]
    if recompute:
        ordered = sorted(recompute)
        p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
        median = statistics.median(recompute)
        rows.append(("recompute 50 visits on a keystroke",
                     f"median {median:.1f} ms, p90 {p90:.1f} ms over {len(recompute)} keystrokes",
                     f"< {BUDGET_RECOMPUTE_MS} ms", verdict(median < BUDGET_RECOMPUTE_MS)))
    else:
        rows.append(("recompute 50 visits on a keystroke", "skipped", f"< {BUDGET_RECOMPUTE_MS} ms", "—"))
    explained = [float(v) for v in page.get("recompute_explained", [])]
    if explained:
        rows.append(("… and its 50 visits' steps back on screen (a later task)",
                     f"median {statistics.median(explained):.1f} ms over {len(explained)} keystrokes", "", ""))

    print(f"Benchmark {machine.get('date', '?')} on {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores "
          f"(load average {machine.get('load', '?')} at the start); command: bash scripts/bench.sh")
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

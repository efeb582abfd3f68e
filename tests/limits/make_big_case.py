#!/usr/bin/env python3
"""The largest case the contract allows, and a check that the CLI settles it exactly.

  make_big_case.py [--visits N] [--years Y] [--bytes B] > big.json
      N Yantai inpatient visits (default 1000, the most allowed) of 100,000,000 yuan each (the most
      a visit may carry), spread over Y calendar years from 2023 (default 4), under every Yantai
      category, padded with spaces to B bytes (default 1 MiB, the most allowed).

  make_big_case.py --check SETTLE
      Settles that case with the CLI at SETTLE, checks every total to the fen against the figures
      worked out below, prints the CLI's peak memory, and checks that one byte more and one visit
      more are refused (exit 2, paths "" and "visits").

The figures (烟政办发〔2022〕25号, 低保 resident; basic insurance paid nothing) for a year whose
大病保险 base is B yuan: 大病保险 = 93,000×65% + 100,000×70% + 100,000×75% + (B − 300,000)×80%
(7,000 deductible, no cap); 医疗救助 80% of the rest, capped at 30,000; 再救助 70% of the rest above
5,000, capped at 20,000. 低保, 特困 and 返贫致贫 tie; 低保 is listed first, so it is chosen.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

MAX_BYTES = 1 << 20
MAX_VISITS = 1000
MAX_YUAN = 100_000_000
# Peak memory allowed for one case, sanitizer builds included (ASan roughly doubles it).
MEMORY_LIMIT_MIB = 256
IDENTITIES = ["minimum_living", "extreme_poverty", "returned_to_poverty", "low_income_edge", "monitored",
              "illness_poverty"]


def make_case(visits=MAX_VISITS, years=4, size=MAX_BYTES):
    per_year = -(-visits // years)
    items = []
    for i in range(visits):
        year, nth = 2023 + i // per_year, i % per_year
        date = f"{year}-{1 + nth % 12:02d}-{1 + nth // 12 % 28:02d}"
        items.append('{"date":"%s","kind":"inpatient","hospital_level":3,"designated":true,"emergency":false,'
                     '"total":"%d.00","in_policy":%d,"basic_paid":0}' % (date, MAX_YUAN, MAX_YUAN))
    text = '{"city":"yantai","scheme":"resident","identities":%s,"visits":[%s]}' % (
        json.dumps(IDENTITIES, separators=(",", ":")), ",".join(items))
    if len(text) > size:
        sys.exit(f"make_big_case: the case takes {len(text)} bytes, more than {size}")
    return text + " " * (size - len(text))


def expected_totals(visits=MAX_VISITS, years=4):
    per_year = -(-visits // years)
    totals = dict(total=0, in_policy=0, basic=0, critical=0, assistance=0, reassistance=0)
    remaining = visits
    while remaining > 0:
        count = min(per_year, remaining)
        remaining -= count
        base = count * MAX_YUAN * 100  # fen
        critical = 0
        lower = 7_000 * 100
        for upper, percent in ((100_000, 65), (200_000, 70), (300_000, 75), (None, 80)):
            top = base if upper is None else min(base, upper * 100)
            if top > lower:
                critical += (top - lower) * percent  # in 1/100 fen
            lower = max(lower, top)
        critical = (critical + 50) // 100  # half-up to the fen
        assistance = min(((base - critical) * 80 + 50) // 100, 30_000 * 100)
        reassistance = min((max(0, base - critical - assistance - 5_000 * 100) * 70 + 50) // 100, 20_000 * 100)
        for key, value in (("total", base), ("in_policy", base), ("critical", critical),
                           ("assistance", assistance), ("reassistance", reassistance)):
            totals[key] += value
    totals["out_of_pocket"] = totals["total"] - totals["critical"] - totals["assistance"] - totals["reassistance"]
    return totals


def settle(cli, text):
    """Exit code, parsed output and peak resident memory in MiB (None without GNU time)."""
    with tempfile.TemporaryDirectory() as folder:
        measure = os.path.join(folder, "peak")
        command = [cli]
        if os.access("/usr/bin/time", os.X_OK):
            command = ["/usr/bin/time", "-o", measure, "-f", "%M"] + command
        run = subprocess.run(command, input=text.encode(), capture_output=True, check=False)
        peak = None
        if os.path.exists(measure):
            peak = int(open(measure).read().split()[-1]) / 1024
    return run.returncode, json.loads(run.stdout), peak


def check(cli):
    failures = []

    def expect(condition, what):
        print(("ok - " if condition else "FAIL - ") + what)
        if not condition:
            failures.append(what)

    text = make_case()
    code, result, peak = settle(cli, text)
    expect(code == 0, f"{len(text)} bytes, {MAX_VISITS} visits of {MAX_YUAN:,} yuan settle (exit {code})")
    if code == 0:
        wanted = expected_totals()
        for key, fen in wanted.items():
            expect(result["totals"][key] == fen, f"totals.{key} = {fen} fen (got {result['totals'][key]})")
        sums = {key: sum(visit[key] for visit in result["visits"]) for key in wanted}
        expect(all(sums[key] == result["totals"][key] for key in wanted), "the visits add up to the totals")
        expect(all(visit[key] >= 0 for visit in result["visits"] for key in wanted), "every amount is >= 0")
        expect(result["identity"] == "minimum_living", "低保 chosen (ties go to the first listed)")
        expect(len(result["steps"]) == 4 * MAX_VISITS, "one step per tier and visit")
    if peak is not None:
        expect(peak < MEMORY_LIMIT_MIB, f"peak memory on the largest case: {peak:.1f} MiB")

    code, result, _ = settle(cli, text + " ")
    expect(code == 2 and result["error"]["path"] == "", "one byte over 1 MiB is refused with path \"\"")
    code, result, _ = settle(cli, make_case(visits=MAX_VISITS + 1))
    expect(code == 2 and result["error"]["path"] == "visits", "1001 visits are refused with path \"visits\"")
    # The most JSON values 1 MiB can hold: a visits list of empty objects. It is read whole before
    # the count is checked, so this is the memory bound for any input.
    head = '{"city":"yantai","visits":['
    crowd = head + ",".join(["{}"] * ((MAX_BYTES - len(head) - 2) // 3)) + "]}"
    code, result, peak = settle(cli, crowd)
    expect(code == 2 and result["error"]["path"] == "visits", f"{len(crowd)} bytes of empty visits are refused")
    if peak is not None:
        expect(peak < MEMORY_LIMIT_MIB, f"peak memory on 1 MiB of empty visits: {peak:.1f} MiB")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visits", type=int, default=MAX_VISITS)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--bytes", type=int, default=MAX_BYTES)
    parser.add_argument("--check", metavar="SETTLE", help="settle the case with this CLI and check the totals")
    args = parser.parse_args()
    if args.check:
        return check(args.check)
    sys.stdout.write(make_case(args.visits, args.years, args.bytes))
    return 0


if __name__ == "__main__":
    sys.exit(main())

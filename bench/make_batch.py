#!/usr/bin/env python3
"""Writes N valid cases, one JSON object per line, for the batch benchmark (scripts/bench.sh).

Deterministic: the same N and seed give the same bytes. Usage: make_batch.py [N] [SEED] > cases.jsonl

The mix: Yantai (60%, resident and employee), Zaozhuang and Jining (20% each); 0 to 3 categories
(1.2 on average); 1 visit for about a third of the cases, 2-5 for half, a tail up to 50 (4.7 on
average);
every visit kind, some non-designated and emergency visits, money as numbers and as strings.
Every case settles (bench.sh counts the errors and says so if one does not):
- the slip's basic_paid is given except for some Yantai resident admissions, which the rules
  estimate from the hospital level;
- critical_paid is given wherever the rules on file cannot compute 大病保险: always in
  Zaozhuang and Jining, for Yantai employees, and for Yantai's special-drug visits (the
  general categories' special-drug ratio is not on file). Yantai resident admissions and
  chronic-outpatient visits compute it for every category.
"""
import json
import random
import sys

CITIES = {
    "yantai": ["extreme_poverty", "minimum_living", "returned_to_poverty", "low_income_edge", "monitored",
               "illness_poverty"],
    "zaozhuang": ["extreme_poverty", "minimum_living", "returned_to_poverty", "low_income_edge", "monitored",
                  "illness_poverty"],
    "jining": ["extreme_poverty", "minimum_living", "returned_to_poverty", "low_income_edge", "monitored",
               "illness_poverty"],
}
CITY_WEIGHTS = [("yantai", 6), ("zaozhuang", 2), ("jining", 2)]
KINDS = [("inpatient", 5), ("chronic_outpatient", 3), ("special_drug", 1), ("outpatient", 1)]


def pick(rng, weighted):
    total = sum(weight for _, weight in weighted)
    roll = rng.randrange(total)
    for item, weight in weighted:
        if roll < weight:
            return item
        roll -= weight
    raise AssertionError


def visit_count(rng):
    roll = rng.random()
    if roll < 0.35:
        return 1
    if roll < 0.85:
        return rng.randint(2, 5)
    if roll < 0.97:
        return rng.randint(6, 20)
    return rng.randint(21, 50)


def money(rng, fen):
    """Yuan as a JSON number or a decimal string, as cases give them."""
    text = f"{fen // 100}.{fen % 100:02d}" if fen % 100 else str(fen // 100)
    return text if rng.random() < 0.5 else (float(text) if "." in text else int(text))


def make_visit(rng, city, scheme):
    kind = pick(rng, KINDS)
    year = rng.choice([2023, 2024, 2025])
    visit = {"date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "kind": kind}
    total = rng.randint(100_00, 200_000_00) if kind != "outpatient" else rng.randint(10_00, 3_000_00)
    if rng.random() < 0.7:
        total -= total % 100  # most slips are whole yuan
    in_policy = total * rng.randint(70, 100) // 100
    visit["total"] = money(rng, total)
    if in_policy != total:
        visit["in_policy"] = money(rng, in_policy)
    visit["hospital_level"] = rng.randint(1, 3)
    roll = rng.random()
    if roll < 0.03:
        visit["designated"] = False  # nothing from any fund; no slip amounts
        return visit
    if roll < 0.05:
        visit["designated"] = False
        visit["emergency"] = True
    estimated = city == "yantai" and scheme == "resident" and kind == "inpatient" and rng.random() < 0.5
    basic = 0
    if not estimated:
        basic = in_policy * rng.randint(30, 75) // 100
        visit["basic_paid"] = money(rng, basic)
    needs_critical = city != "yantai" or scheme == "employee" or kind == "special_drug"
    if needs_critical:
        if estimated:
            raise AssertionError("an estimate only where critical is computed")
        visit["critical_paid"] = money(rng, (in_policy - basic) * rng.randint(0, 50) // 100)
    return visit


def make_case(rng):
    city = pick(rng, CITY_WEIGHTS)
    scheme = "resident" if rng.random() < 0.8 else "employee"
    categories = CITIES[city]
    identities = rng.sample(categories, pick(rng, [(0, 2), (1, 5), (2, 2), (3, 1)]))
    case = {"city": city, "scheme": scheme, "identities": identities,
            "visits": [make_visit(rng, city, scheme) for _ in range(visit_count(rng))]}
    if "illness_poverty" in identities and city == "yantai" and rng.random() < 0.5:
        case["applied"] = f"{rng.choice([2023, 2024])}-{rng.randint(1, 12):02d}"
    return case


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261123
    rng = random.Random(seed)
    out = sys.stdout
    for _ in range(count):
        out.write(json.dumps(make_case(rng), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()

// A deterministic, fixed-seed generator of valid cases over every city on file: its periods (so
// every date is in force), both schemes, 0–3 of its categories, every visit kind, designated or not,
// amounts from 0 to the 100,000,000 yuan maximum, 1 to 50 visits across calendar years. Shared by
// the invariant tests and the native/WASM parity run (tests/parity/generate_cases.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "settle/date.h"
#include "settle/money.h"
#include "settle/rules.h"

namespace settle::testing {

struct GeneratedVisit {
  Date date;
  VisitKind kind = VisitKind::inpatient;
  bool kind_written = true;  // false: left out (the default, inpatient)
  std::optional<int> hospital_level;
  std::optional<bool> designated;  // none: left out (default true)
  std::optional<bool> emergency;   // none: left out (default false)
  Fen total;
  Fen in_policy;
  bool in_policy_written = true;  // false: left out, so in_policy = total
  std::optional<Fen> basic_paid;
  std::optional<Fen> critical_paid;
  bool money_as_text = false;  // amounts written as "12345.67" strings instead of JSON numbers

  bool covered() const { return designated.value_or(true) || emergency.value_or(false); }
};

struct GeneratedCase {
  std::string city;
  Scheme scheme = Scheme::resident;
  bool scheme_written = true;
  std::vector<std::string> identities;
  bool identities_written = true;
  // "parameters": id -> the JSON text of its value ("\"80%\"", "7000", "\"none\"").
  std::vector<std::pair<std::string, std::string>> parameters;
  std::optional<std::string> applied;  // "YYYY-MM"
  std::vector<GeneratedVisit> visits;
  // The case leaves out a critical_paid or a parameter that the rules on file cannot supply, so it
  // may be refused (path "visits[i].critical_paid" or "parameters.<id>"). Every other case settles.
  bool may_be_refused = false;

  std::string to_json() const;
};

class CaseGenerator {
 public:
  explicit CaseGenerator(uint64_t seed) : state_(seed) {}

  GeneratedCase next();

  // The generator's own random numbers (splitmix64), the same on every platform and library.
  uint64_t next_u64();
  uint64_t below(uint64_t bound);              // uniform in [0, bound), bound > 0
  int64_t between(int64_t low, int64_t high);  // uniform in [low, high]

  // An amount in fen: 0, the maximum, or small to huge, with or without fen.
  Fen amount();
  // A part of `whole`: 0, all of it, or a random share.
  Fen part_of(Fen whole);

 private:
  uint64_t state_;
};

// The calendar date `days` after 1970-01-01 (the inverse of Date::days_since_epoch).
Date date_from_days(long days);

}  // namespace settle::testing

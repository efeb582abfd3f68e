// What must hold for every case, checked on generated ones (tests/core/case_generator.h): amounts
// add up, no yearly cap is passed, assistance stays in policy, more spending never means less
// help, 就高 picks the best category, and the order of the visits does not matter.
//
// The settlement is read both as the JSON the CLI prints (amounts, totals) and as the engine's
// steps (caps); the cases derived from it (raised, single category, shuffled) are settled through
// the engine directly, which keeps the ASan + UBSan debug run short.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <sstream>
#include <tuple>

#include "case_generator.h"
#include "case_input.h"
#include "engine.h"
#include "output.h"
#include "settle/settle.h"

using nlohmann::json;
using settle::Fen;
using settle::Pool;
using settle::Settlement;
using settle::Tier;
using settle::testing::CaseGenerator;
using settle::testing::GeneratedCase;

namespace {

// Generated cases checked: at least 2000, which reaches every city, scheme, category and kind many
// times over and stays well under 20 s in the ASan + UBSan debug build; more where it is cheap.
#ifdef NDEBUG
constexpr int kGeneratedCases = 10000;
#else
constexpr int kGeneratedCases = 2000;
#endif
constexpr uint64_t kSeed = 20240601;

const char* const kParts[] = {"basic", "critical", "assistance", "reassistance", "out_of_pocket"};

// A case read and settled by the engine; `settlement` points into `read`.
struct Outcome {
  settle::Result<settle::detail::Case> read = settle::Error{};
  settle::Result<Settlement> settled = settle::Error{};

  bool ok() const { return settled.ok(); }
  const settle::Error& error() const { return read.ok() ? settled.error() : read.error(); }
};

std::unique_ptr<Outcome> settle_case(const GeneratedCase& generated) {
  auto outcome = std::make_unique<Outcome>();
  outcome->read = settle::detail::read_case(generated.to_json());
  if (outcome->read.ok())
    outcome->settled = settle::detail::settle_case(std::make_shared<const settle::detail::Case>(outcome->read.value()));
  return outcome;
}

std::string describe(const settle::Error& error) {
  return "refused at \"" + error.path + "\": " + error.message;
}

int64_t fen(const json& value, const char* key) {
  return value.at(key).get<int64_t>();
}

Fen out_of_pocket(const GeneratedCase& generated, const Settlement& settlement) {
  Fen sum;
  for (size_t i = 0; i < generated.visits.size(); ++i) {
    const auto& amounts = settlement.visits[i];
    sum += generated.visits[i].total - amounts.basic - amounts.critical - amounts.assistance - amounts.reassistance;
  }
  return sum;
}

// Each check returns the first violation it finds, or "" when the settlement keeps the invariant.

// On the settlement JSON: every amount >= 0, the five parts add up to the total per visit and in
// the totals, the visits add up to the totals, no fund touches out-of-policy money.
std::string check_amounts(const GeneratedCase& generated, const json& result) {
  const json& visits = result.at("visits");
  if (visits.size() != generated.visits.size()) return "visits: " + std::to_string(visits.size());
  std::map<std::string, int64_t> sums;
  for (size_t i = 0; i < visits.size(); ++i) {
    const json& visit = visits[i];
    const std::string where = "visits[" + std::to_string(i) + "]";
    if (fen(visit, "total") != generated.visits[i].total.fen()) return where + ".total differs from the case";
    if (fen(visit, "in_policy") != generated.visits[i].in_policy.fen()) return where + ".in_policy differs";
    int64_t parts = 0;
    for (const char* part : kParts) {
      if (fen(visit, part) < 0) return where + "." + part + " < 0";
      parts += fen(visit, part);
      sums[part] += fen(visit, part);
    }
    if (parts != fen(visit, "total")) return where + ": the five parts do not add up to total";
    if (parts - fen(visit, "out_of_pocket") > fen(visit, "in_policy"))
      return where + ": basic + critical + assistance + reassistance > in_policy";
    if (!generated.visits[i].covered() && parts != fen(visit, "out_of_pocket"))
      return where + ": a visit not covered got money from a fund";
    if (generated.visits[i].basic_paid && fen(visit, "basic") != generated.visits[i].basic_paid->fen())
      return where + ".basic differs from the basic_paid given";
    if (generated.visits[i].critical_paid && generated.visits[i].covered() &&
        fen(visit, "critical") != generated.visits[i].critical_paid->fen())
      return where + ".critical differs from the critical_paid given";
    sums["total"] += fen(visit, "total");
    sums["in_policy"] += fen(visit, "in_policy");
  }
  const json& totals = result.at("totals");
  int64_t parts = 0;
  for (const char* part : kParts) {
    if (fen(totals, part) < 0) return std::string("totals.") + part + " < 0";
    parts += fen(totals, part);
  }
  if (parts != fen(totals, "total")) return "totals: the five parts do not add up to total";
  for (const auto& [key, sum] : sums) {
    if (fen(totals, key.c_str()) != sum) return "totals." + key + " is not the sum of the visits";
  }
  return "";
}

// For each calendar year, tier and pool, what the tier paid is within its yearly cap. A figure from
// a settlement slip (provenance given) is the user's, so with one in the group only the computed
// payments are held to the cap.
std::string check_caps(const GeneratedCase& generated, const Settlement& settlement, int& caps_reached) {
  struct Group {
    Fen paid;
    Fen computed;
    bool any_given = false;
    std::optional<Fen> cap;
  };
  // Basic-insurance estimates of different kinds have caps of their own (or none): grouped by cap.
  std::map<std::tuple<int, Tier, Pool, int64_t>, Group> groups;
  for (const settle::Step& step : settlement.steps) {
    const int64_t basic_cap = step.tier == Tier::basic && step.has_cap ? step.cap.fen() : -1;
    Group& group = groups[{generated.visits.at(step.visit).date.year, step.tier, step.pool, basic_cap}];
    if (step.paid < Fen()) return "a step paid < 0";
    group.paid += step.paid;
    if (step.provenance == settle::Provenance::given) {
      group.any_given = true;
    } else {
      group.computed += step.paid;
    }
    if (step.has_cap) {
      group.cap = group.cap ? min(*group.cap, step.cap) : step.cap;
      if (step.cap_left < Fen()) return "cap_left < 0 at visit " + std::to_string(step.visit);
    }
  }
  for (const auto& [key, group] : groups) {
    if (!group.cap) continue;
    const auto& [year, tier, pool, basic_cap] = key;
    const std::string where = std::to_string(year) + " " + settle::tier_id(tier) + "/" + settle::pool_id(pool);
    if (group.computed > *group.cap) return where + ": paid " + std::to_string(group.computed.fen()) + " > cap";
    if (!group.any_given && group.paid > *group.cap)
      return where + ": paid " + std::to_string(group.paid.fen()) + " > cap";
    if (group.paid == *group.cap && group.cap > Fen()) ++caps_reached;
  }
  return "";
}

// Raising one visit's in-policy amount (and its total with it) never lowers the benefit
// (critical + assistance + reassistance), and the funds never pay more than the extra amount, so
// out_of_pocket moves by between 0 and the raise.
// Some 大病保险 pool holds both a kind that the city's assistance covers and one it does not.
bool mixed_coverage(const Settlement& settlement) {
  std::map<int, std::set<bool>> assisted_by_pool;
  for (const settle::detail::Visit& visit : settlement.settled_case->visits) {
    auto pool = settle::critical_pool(visit.kind);
    if (!pool) continue;
    const auto& kinds = visit.period->assistance_kinds;
    assisted_by_pool[static_cast<int>(*pool)].insert(std::find(kinds.begin(), kinds.end(), visit.kind) != kinds.end());
  }
  for (const auto& [pool, assisted] : assisted_by_pool) {
    if (assisted.size() > 1) return true;
  }
  return false;
}

std::string check_raise(const GeneratedCase& generated, const Settlement& before, CaseGenerator& random,
                        int& benefit_rose) {
  GeneratedCase raised = generated;
  const size_t index = random.below(raised.visits.size());
  auto& visit = raised.visits[index];
  const int64_t room = settle::kMaxAmount.fen() - visit.total.fen();
  if (room <= 0) return "";
  const Fen raise(random.between(1, std::min<int64_t>(room, random.below(2) == 0 ? 10'000'000 : room)));
  visit.total += raise;
  visit.in_policy += raise;
  const auto after = settle_case(raised);
  const std::string where = "visits[" + std::to_string(index) + "] raised by " + std::to_string(raise.fen());
  if (!after->ok()) return generated.may_be_refused ? "" : where + ": " + describe(after->error());
  const Settlement& settled = after->settled.value();
  if (settled.benefit() < before.benefit()) return where + ": the benefit went down";
  if (settled.benefit() > before.benefit()) ++benefit_rose;
  const Fen old_pocket = out_of_pocket(generated, before);
  const Fen new_pocket = out_of_pocket(raised, settled);
  if (new_pocket > old_pocket + raise) return where + ": out_of_pocket rose by more than the raise";
  if (new_pocket < old_pocket - raise) return where + ": out_of_pocket fell by more than the raise";
  // Where one 大病保险 pool spans assisted and unassisted kinds, a raise can move that pool's
  // deductible onto an unassisted visit and let assistance pay more on an assisted one.
  if (new_pocket < old_pocket && !mixed_coverage(before)) return where + ": the funds paid more than the extra amount";
  return "";
}

bool same_amounts(const settle::VisitAmounts& a, const settle::VisitAmounts& b) {
  return a.basic == b.basic && a.critical == b.critical && a.assistance == b.assistance &&
         a.reassistance == b.reassistance;
}

// 就高不重复: the category chosen gives at least what each category alone gives, and exactly what
// it gives alone.
std::string check_identity(const GeneratedCase& generated, const Settlement& settlement) {
  if (generated.identities.size() < 2) return "";
  for (const std::string& identity : generated.identities) {
    GeneratedCase single = generated;
    single.identities = {identity};
    const auto alone = settle_case(single);
    if (!alone->ok()) {
      // A category whose rules lack a number is left out of 就高 (its warning says so).
      if (std::string(alone->error().code) == "parameters_missing") continue;
      return identity + " alone is " + describe(alone->error());
    }
    const Settlement& settled = alone->settled.value();
    if (settled.benefit() > settlement.benefit()) return identity + " alone gives more than the category chosen";
    if (identity != settlement.identity) continue;
    for (size_t i = 0; i < generated.visits.size(); ++i) {
      if (!same_amounts(settled.visits[i], settlement.visits[i]))
        return identity + " alone settles visits[" + std::to_string(i) + "] differently";
    }
  }
  return "";
}

// Another order of the same visits: the same amounts for each visit (by its original index), the
// same totals and category. Visits on the same date are taken in input order, so among them only
// their sum stays the same.
std::string check_order(const GeneratedCase& generated, const Settlement& settlement, CaseGenerator& random) {
  std::vector<size_t> order(generated.visits.size());
  std::iota(order.begin(), order.end(), size_t{0});
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
  GeneratedCase shuffled = generated;
  for (size_t i = 0; i < order.size(); ++i) shuffled.visits[i] = generated.visits[order[i]];
  const auto other = settle_case(shuffled);
  if (!other->ok()) return "the shuffled case is " + describe(other->error());
  const Settlement& settled = other->settled.value();
  if (settled.identity != settlement.identity) return "the category chosen differs";
  std::map<long, int> per_day;
  std::map<long, std::array<Fen, 8>> day_sums;
  for (size_t i = 0; i < order.size(); ++i) {
    const long day = generated.visits[order[i]].date.days_since_epoch();
    ++per_day[day];
    const auto& moved = settled.visits[i];
    const auto& original = settlement.visits[order[i]];
    auto& sums = day_sums[day];
    sums[0] += original.basic, sums[1] += original.critical, sums[2] += original.assistance;
    sums[3] += original.reassistance, sums[4] += moved.basic, sums[5] += moved.critical;
    sums[6] += moved.assistance, sums[7] += moved.reassistance;
  }
  // Same-day visits whose kinds go to different accumulators (one assisted, one not, sharing one
  // 大病保险 pool, as in 济宁 where only 住院 is assisted) may share a day's rounding differently
  // between the pools, and every later total of that year follows: such cases keep only the
  // category chosen.
  const bool mixed = mixed_coverage(settlement);
  for (const auto& [day, sums] : day_sums) {
    if (mixed) break;
    for (size_t part = 0; part < 4; ++part) {
      if (sums[part] != sums[part + 4])
        return settle::testing::date_from_days(day).to_string() + " " + kParts[part] + ": " +
               std::to_string(sums[part].fen()) + " in input order, " + std::to_string(sums[part + 4].fen()) +
               " shuffled";
    }
  }
  for (size_t i = 0; i < order.size() && !mixed; ++i) {
    if (per_day[generated.visits[order[i]].date.days_since_epoch()] > 1) continue;
    if (!same_amounts(settled.visits[i], settlement.visits[order[i]]))
      return "visits[" + std::to_string(order[i]) + "] settles differently at position " + std::to_string(i);
  }
  return "";
}

bool refusal_expected(const settle::Error& error) {
  const std::string suffix = ".critical_paid";
  return error.path.rfind("parameters.", 0) == 0 ||
         (error.path.size() > suffix.size() &&
          error.path.compare(error.path.size() - suffix.size(), suffix.size(), suffix) == 0);
}

}  // namespace

TEST_CASE("generated cases keep the invariants") {
  CaseGenerator generator(kSeed);
  CaseGenerator random(kSeed + 1);
  int settled = 0;
  int refused = 0;
  int caps_reached = 0;
  int benefit_rose = 0;
  std::map<std::string, int> seen;
  settle::SettleOptions without_steps;
  without_steps.include_steps = false;
  for (int n = 0; n < kGeneratedCases; ++n) {
    const GeneratedCase generated = generator.next();
    INFO("generated case " << n << ": " << generated.to_json());
    const auto outcome = settle_case(generated);
    if (!outcome->ok()) {
      INFO(describe(outcome->error()));
      REQUIRE(generated.may_be_refused);
      REQUIRE(refusal_expected(outcome->error()));
      ++refused;
      continue;
    }
    ++settled;
    const Settlement& settlement = outcome->settled.value();
    seen["city " + generated.city]++;
    seen[std::string("scheme ") + settle::scheme_id(generated.scheme)]++;
    seen["chosen " + settlement.identity]++;
    for (const std::string& identity : generated.identities) seen["identity " + identity]++;
    for (const auto& visit : generated.visits) seen[std::string("kind ") + settle::kind_id(visit.kind)]++;
    seen["visits " + std::to_string(generated.visits.size())]++;

    const json result = json::parse(settle::detail::settlement_to_json(settlement, without_steps));
    CHECK(check_amounts(generated, result) == "");
    CHECK(check_caps(generated, settlement, caps_reached) == "");
    CHECK(check_raise(generated, settlement, random, benefit_rose) == "");
    CHECK(check_identity(generated, settlement) == "");
    CHECK(check_order(generated, settlement, random) == "");
  }
  std::ostringstream coverage;
  for (const auto& [what, count] : seen) coverage << what << ": " << count << "\n";
  INFO(coverage.str());
  CHECK(settled + refused == kGeneratedCases);
  CHECK(settled >= kGeneratedCases * 9 / 10);
  // Every city, both schemes, every kind and category, 1 and 50 visits; caps reached and raises
  // that changed the benefit, so the checks above had something to bite on.
  for (const settle::City& city : settle::cities().value()) {
    CHECK(seen["city " + city.id] > 0);
    for (const settle::Category& category : city.categories) CHECK(seen["identity " + category.id] > 0);
  }
  CHECK(seen["scheme employee"] > 0);
  CHECK(seen["scheme resident"] > 0);
  for (const char* kind : {"inpatient", "chronic_outpatient", "special_drug", "outpatient"})
    CHECK(seen[std::string("kind ") + kind] > 0);
  CHECK(seen["visits 1"] > 0);
  CHECK(seen["visits 50"] > 0);
  CHECK(caps_reached > 0);
  CHECK(benefit_rose > 0);
  WARN(settled << " generated cases settled and checked (" << caps_reached << " yearly caps reached, " << benefit_rose
               << " raises that raised the benefit), " << refused << " refused as allowed");
}

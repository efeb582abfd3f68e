#include "case_generator.h"

#include <algorithm>
#include <map>
#include <set>

#include "rules_internal.h"

namespace settle::testing {
namespace {

constexpr const char* kGeneral = "general";

std::vector<const Parameter*> parameters_of(const TierRule& rule) {
  std::vector<const Parameter*> parameters = {&rule.deductible};
  for (const Band& band : rule.bands) {
    parameters.push_back(&band.to);
    parameters.push_back(&band.ratio);
  }
  parameters.push_back(&rule.cap);
  if (rule.look_back) parameters.push_back(&*rule.look_back);
  return parameters;
}

bool missing(const Parameter& parameter, const std::set<std::string>& given) {
  return parameter.state == Parameter::State::missing && given.count(parameter.id) == 0;
}

// The rules on file can estimate basic insurance for this scheme and kind (柳州's special drugs
// cannot: its ratio is not on file).
bool basic_estimable(const Period& period, Scheme scheme, VisitKind kind) {
  for (const BasicEstimate& estimate : period.basic_estimates) {
    if (std::find(estimate.schemes.begin(), estimate.schemes.end(), scheme) == estimate.schemes.end()) continue;
    if (std::find(estimate.kinds.begin(), estimate.kinds.end(), kind) == estimate.kinds.end()) continue;
    for (const BasicLevel& level : estimate.levels) {
      if (level.deductible.state == Parameter::State::missing || level.ratio.state == Parameter::State::missing)
        return false;
    }
    const bool cap_ok = estimate.cap.state != Parameter::State::missing || estimate.cap.not_reached_if_missing;
    const bool share_ok =
        !estimate.repeat_deductible_share || estimate.repeat_deductible_share->state != Parameter::State::missing;
    return cap_ok && share_ok;
  }
  return false;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string money_json(Fen amount, bool as_text) {
  return as_text ? quoted(plain_yuan(amount)) : plain_yuan(amount);
}

}  // namespace

Date date_from_days(long days) {
  // Howard Hinnant's civil_from_days.
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long day_of_era = days - era * 146097;
  long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  long month_index = (5 * day_of_year + 2) / 153;
  long day = day_of_year - (153 * month_index + 2) / 5 + 1;
  long month = month_index < 10 ? month_index + 3 : month_index - 9;
  long year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return Date{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

uint64_t CaseGenerator::next_u64() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t CaseGenerator::below(uint64_t bound) {
  return next_u64() % bound;
}

int64_t CaseGenerator::between(int64_t low, int64_t high) {
  return low + static_cast<int64_t>(below(static_cast<uint64_t>(high - low) + 1));
}

Fen CaseGenerator::amount() {
  Fen fen;
  switch (below(16)) {
    case 0: return Fen();
    case 1: return kMaxAmount;
    case 2:
    case 3:
    case 4:
    case 5: fen = Fen(between(0, 500'000)); break;  // up to 5,000 yuan
    case 6:
    case 7:
    case 8:
    case 9:
    case 10: fen = Fen(between(0, 20'000'000)); break;  // up to 200,000 yuan
    case 11:
    case 12:
    case 13: fen = Fen(between(0, 500'000'000)); break;  // up to 5,000,000 yuan
    default: fen = Fen(between(0, kMaxAmount.fen())); break;
  }
  if (below(2) == 0) fen = Fen(fen.fen() / 100 * 100);  // whole yuan
  return fen;
}

Fen CaseGenerator::part_of(Fen whole) {
  switch (below(8)) {
    case 0: return Fen();
    case 1: return whole;
    default: return Fen(whole.fen() * between(0, 10'000) / 10'000);
  }
}

GeneratedCase CaseGenerator::next() {
  const std::vector<City>& cities = settle::cities().value();
  const City& city = cities[below(cities.size())];
  const Period& period = city.periods[below(city.periods.size())];

  GeneratedCase generated;
  generated.city = city.id;
  generated.scheme = below(2) == 0 ? Scheme::employee : Scheme::resident;
  generated.scheme_written = generated.scheme == Scheme::employee || below(4) != 0;
  for (uint64_t count = below(4); count > 0; --count)
    generated.identities.push_back(city.categories[below(city.categories.size())].id);
  generated.identities_written = !generated.identities.empty() || below(2) == 0;
  std::vector<std::string> categories = generated.identities;
  if (categories.empty()) categories.push_back(kGeneral);

  // Parameters the rules on file do not hold (null): the case gives them, or for 大病保险 it may
  // give critical_paid instead; now and then it gives neither and may be refused.
  generated.may_be_refused = below(16) == 0;
  const bool fill_critical = below(2) == 0;
  std::set<std::string> given;
  for (const TierRule& rule : period.rules) {
    if (generated.may_be_refused || (rule.tier == Tier::critical && !fill_critical)) continue;
    if (std::find(rule.schemes.begin(), rule.schemes.end(), generated.scheme) == rule.schemes.end()) continue;
    bool applies = std::any_of(categories.begin(), categories.end(), [&](const std::string& category) {
      return std::find(rule.categories.begin(), rule.categories.end(), category) != rule.categories.end();
    });
    if (!applies) continue;
    int band_index = 0;
    for (const Parameter* parameter : parameters_of(rule)) {
      if (!missing(*parameter, given)) continue;
      std::string value;
      const bool is_band_end =
          parameter->id.find(".bands[") != std::string::npos && parameter->id.find("].to") != std::string::npos;
      if (parameter->unit == Unit::percent) {
        value = quoted(std::to_string(between(10, 20) * 5) + (below(4) == 0 ? ".5%" : "%"));
        if (value == "\"100.5%\"") value = "\"100%\"";
      } else if (parameter->unit == Unit::months) {
        value = std::to_string(between(1, 24));
      } else if (is_band_end) {
        value = std::to_string(100'000 * ++band_index);
      } else if (parameter->id.size() > 4 && parameter->id.compare(parameter->id.size() - 4, 4, ".cap") == 0) {
        static const char* const kCaps[] = {"10000", "20000", "30000", "50000", "400000"};
        value = parameter->may_be_unlimited && below(4) == 0 ? "none" : kCaps[below(5)];
        value = value == "none" || below(2) == 0 ? quoted(value) : value;
      } else {
        static const char* const kDeductibles[] = {"0", "3000", "7500", "12000", "20000"};
        value = below(2) == 0 ? quoted(kDeductibles[below(5)]) : kDeductibles[below(5)];
      }
      generated.parameters.emplace_back(parameter->id, value);
      given.insert(parameter->id);
    }
  }

  // Can the rules (with the parameters given) compute 大病保险 for every category tried?
  std::map<Pool, bool> computable;
  for (Pool pool : {Pool::critical, Pool::special_drug}) {
    computable[pool] = std::all_of(categories.begin(), categories.end(), [&](const std::string& category) {
      const TierRule* rule = find_rule(period, Tier::critical, pool, generated.scheme, category);
      if (rule == nullptr) return false;
      const auto parameters = parameters_of(*rule);
      return std::none_of(parameters.begin(), parameters.end(),
                          [&](const Parameter* parameter) { return missing(*parameter, given); });
    });
  }

  // Dates: one to three calendar years within the period.
  const long first_day = period.from.days_since_epoch();
  const long last_day = period.to ? period.to->days_since_epoch() : first_day + 4 * 366;
  const int start_year = static_cast<int>(between(period.from.year, period.from.year + 2));
  const int years = static_cast<int>(1 + below(3));
  const long from = std::max(first_day, Date{start_year, 1, 1}.days_since_epoch());
  const long to = std::min(last_day, Date{start_year + years - 1, 12, 31}.days_since_epoch());

  // Mostly a few visits, one case in five up to the 50 a busy year may have.
  const size_t count = 1 + below(below(5) == 0 ? 50 : 8);
  for (size_t i = 0; i < count; ++i) {
    GeneratedVisit visit;
    visit.date = i > 0 && below(8) == 0 ? generated.visits[below(i)].date
                                        : date_from_days(between(std::min(from, to), std::max(from, to)));
    visit.kind = static_cast<VisitKind>(below(4));
    visit.kind_written = visit.kind != VisitKind::inpatient || below(2) == 0;
    if (below(3) != 0) visit.hospital_level = static_cast<int>(1 + below(3));
    if (below(10) == 0) {
      visit.designated = false;
      if (below(2) == 0)
        visit.emergency = true;
      else if (below(2) == 0)
        visit.emergency = false;
    } else if (below(4) == 0) {
      visit.designated = true;
      if (below(2) == 0) visit.emergency = below(2) == 0;
    }
    visit.total = amount();
    visit.in_policy_written = below(6) != 0;
    visit.in_policy = visit.in_policy_written ? (below(4) == 0 ? visit.total : part_of(visit.total)) : visit.total;
    visit.money_as_text = below(4) == 0;
    if (visit.covered()) {
      // Basic insurance from the slip, or (one visit in three, where the rules can) estimated: every
      // combination of a given or estimated basic with a given or computed 大病保险 occurs.
      const bool estimate_basic = below(3) == 0 && basic_estimable(period, generated.scheme, visit.kind);
      if (estimate_basic) {
        visit.hospital_level = static_cast<int>(1 + below(3));
      } else {
        visit.basic_paid = part_of(visit.in_policy);
      }
      const Fen after_basic = visit.in_policy - visit.basic_paid.value_or(Fen());
      std::optional<Pool> pool = critical_pool(visit.kind);
      bool needs_critical = pool && !computable[*pool];
      if ((needs_critical && !generated.may_be_refused) || (!pool && below(8) == 0))
        visit.critical_paid = part_of(after_basic);
    } else {
      if (below(2) == 0) visit.basic_paid = Fen();
      if (below(4) == 0) visit.critical_paid = Fen();
    }
    generated.visits.push_back(visit);
  }

  // Now and then a settlement slip's 大病保险 figure where the rules could compute it, on a visit
  // alone on its date (same-date visits are taken in input order, so a slip among them would make
  // the order matter).
  std::map<long, int> per_day;
  for (const GeneratedVisit& visit : generated.visits) ++per_day[visit.date.days_since_epoch()];
  for (GeneratedVisit& visit : generated.visits) {
    // The same for an estimated basic: which of two same-day admissions is the year's first (full
    // deductible) follows the input order.
    if (visit.covered() && !visit.basic_paid && per_day[visit.date.days_since_epoch()] > 1)
      visit.basic_paid = part_of(visit.in_policy - visit.critical_paid.value_or(Fen()));
    // A slip's 大病保险 beside an estimated basic is as likely as one beside a slip's basic.
    if (visit.covered() && !visit.critical_paid && critical_pool(visit.kind) &&
        per_day[visit.date.days_since_epoch()] == 1 && below(visit.basic_paid ? 12 : 3) == 0)
      visit.critical_paid = part_of(visit.in_policy - visit.basic_paid.value_or(Fen()));
  }

  if (std::find(categories.begin(), categories.end(), "illness_poverty") != categories.end() && below(2) == 0) {
    const Date& date = generated.visits[below(generated.visits.size())].date;
    generated.applied = date.to_string().substr(0, 7);
  }
  return generated;
}

std::string GeneratedCase::to_json() const {
  std::string json = "{\"city\":" + quoted(city);
  if (scheme_written) json += ",\"scheme\":" + quoted(scheme_id(scheme));
  if (identities_written) {
    json += ",\"identities\":[";
    for (size_t i = 0; i < identities.size(); ++i) json += (i > 0 ? "," : "") + quoted(identities[i]);
    json += "]";
  }
  if (!parameters.empty()) {
    json += ",\"parameters\":{";
    for (size_t i = 0; i < parameters.size(); ++i)
      json += (i > 0 ? "," : "") + quoted(parameters[i].first) + ":" + parameters[i].second;
    json += "}";
  }
  if (applied) json += ",\"applied\":" + quoted(*applied);
  json += ",\"visits\":[";
  for (size_t i = 0; i < visits.size(); ++i) {
    const GeneratedVisit& visit = visits[i];
    json += (i > 0 ? ",{" : "{") + std::string("\"date\":") + quoted(visit.date.to_string());
    if (visit.kind_written) json += ",\"kind\":" + quoted(kind_id(visit.kind));
    if (visit.hospital_level) json += ",\"hospital_level\":" + std::to_string(*visit.hospital_level);
    if (visit.designated) json += std::string(",\"designated\":") + (*visit.designated ? "true" : "false");
    if (visit.emergency) json += std::string(",\"emergency\":") + (*visit.emergency ? "true" : "false");
    json += ",\"total\":" + money_json(visit.total, visit.money_as_text);
    if (visit.in_policy_written) json += ",\"in_policy\":" + money_json(visit.in_policy, visit.money_as_text);
    if (visit.basic_paid) json += ",\"basic_paid\":" + money_json(*visit.basic_paid, visit.money_as_text);
    if (visit.critical_paid) json += ",\"critical_paid\":" + money_json(*visit.critical_paid, visit.money_as_text);
    json += "}";
  }
  return json + "]}";
}

}  // namespace settle::testing

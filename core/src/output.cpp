#include "output.h"

#include <nlohmann/json.hpp>

#include "explain.h"

namespace settle::detail {
namespace {

using Ordered = nlohmann::ordered_json;

std::string dump(const Ordered& json) {
  return json.dump(-1, ' ', false, Ordered::error_handler_t::replace);
}

Ordered optional_fen(bool present, Fen amount) {
  return present ? Ordered(amount.fen()) : Ordered(nullptr);
}

Ordered optional_percent(const std::optional<Ratio>& ratio) {
  return ratio ? Ordered(format_percent(*ratio)) : Ordered(nullptr);
}

Ordered step_json(const Step& step) {
  Ordered json;
  json["tier"] = tier_id(step.tier);
  json["pool"] = pool_id(step.pool);
  json["tier_name"] = tier_name(step.tier, step.pool);
  json["visit"] = step.visit;
  json["base"] = step.base.fen();
  json["year_base"] = step.year_base.fen();
  json["deductible"] = optional_fen(step.deductible.has_value(), step.deductible.value_or(Fen()));
  if (step.segments.size() == 1) {
    json["ratio"] = optional_percent(step.segments.front().ratio);
  } else if (!step.segments.empty()) {
    Ordered segments = Ordered::array();
    for (const Segment& segment : step.segments) {
      segments.push_back({{"from", segment.from.fen()},
                          {"to", optional_fen(segment.to.has_value(), segment.to.value_or(Fen()))},
                          {"ratio", optional_percent(segment.ratio)}});
    }
    json["segments"] = segments;
  } else {
    json["ratio"] = nullptr;
  }
  json["cap"] = optional_fen(step.has_cap, step.cap);
  json["cap_left"] = optional_fen(step.has_cap, step.cap_left);
  json["paid_before"] = step.paid_before.fen();
  json["paid"] = step.paid.fen();
  json["text"] = step.text;
  json["source"] = {{"document", step.source.document}, {"clause", step.source.clause}};
  json["provenance"] = provenance_id(step.provenance);
  return json;
}

void put_tiers(Ordered& json, const VisitAmounts& amounts, Fen total) {
  json["basic"] = amounts.basic.fen();
  json["critical"] = amounts.critical.fen();
  json["assistance"] = amounts.assistance.fen();
  json["reassistance"] = amounts.reassistance.fen();
  json["out_of_pocket"] = (total - amounts.basic - amounts.critical - amounts.assistance - amounts.reassistance).fen();
}

Ordered parameter_json(const Parameter& parameter) {
  Ordered json;
  json["id"] = parameter.id;
  json["unit"] = parameter.unit == Unit::yuan ? "yuan" : parameter.unit == Unit::percent ? "percent" : "months";
  if (parameter.state == Parameter::State::missing) {
    json["value"] = nullptr;
  } else if (parameter.state == Parameter::State::unlimited) {
    json["value"] = "none";
  } else {
    json["value"] = parameter.unit == Unit::yuan      ? plain_yuan(parameter.amount())
                    : parameter.unit == Unit::percent ? format_percent(parameter.ratio())
                                                      : std::to_string(parameter.value);
  }
  json["source"] = {{"document", parameter.source.document}, {"clause", parameter.source.clause}};
  json["provenance"] = parameter.state == Parameter::State::missing ? "missing" : provenance_id(parameter.provenance);
  if (!parameter.note.empty()) json["note"] = parameter.note;
  return json;
}

// A rule as the explainer pages show it: who, which tier, the schedule, the clause and its words.
Ordered rule_json(const TierRule& rule) {
  Ordered json;
  json["id"] = rule.id;
  json["tier"] = tier_id(rule.tier);
  json["pool"] = pool_id(rule.pool);
  json["tier_name"] = tier_name(rule.tier, rule.pool);
  json["schemes"] = Ordered::array();
  for (Scheme scheme : rule.schemes) json["schemes"].push_back(scheme_id(scheme));
  json["categories"] = rule.categories;
  json["source"] = {{"document", rule.source.document}, {"clause", rule.source.clause}};
  if (!rule.quote.empty()) json["quote"] = rule.quote;
  json["deductible"] = parameter_json(rule.deductible);
  json["bands"] = Ordered::array();
  for (const Band& band : rule.bands)
    json["bands"].push_back({{"to", parameter_json(band.to)}, {"ratio", parameter_json(band.ratio)}});
  json["cap"] = parameter_json(rule.cap);
  if (rule.look_back) json["look_back"] = parameter_json(*rule.look_back);
  return json;
}

}  // namespace

std::string settlement_to_json(const Settlement& settlement, const SettleOptions& options) {
  const Case& settled = *settlement.settled_case;
  Ordered json;
  json["city"] = settled.city->id;
  json["city_name"] = settled.city->name;
  json["scheme"] = scheme_id(settled.scheme);
  json["identity"] = settlement.identity;
  json["identity_name"] = settlement.identity_name;

  VisitAmounts sum;
  Fen total;
  Fen in_policy;
  Ordered visits = Ordered::array();
  for (size_t i = 0; i < settlement.visits.size(); ++i) {
    const Visit& visit = settled.visits[i];
    const VisitAmounts& amounts = settlement.visits[i];
    Ordered item;
    item["date"] = visit.date.to_string();
    item["kind"] = kind_id(visit.kind);
    item["total"] = visit.total.fen();
    item["in_policy"] = visit.in_policy.fen();
    put_tiers(item, amounts, visit.total);
    item["estimated"] = amounts.estimated;
    visits.push_back(item);
    total += visit.total;
    in_policy += visit.in_policy;
    sum.basic += amounts.basic;
    sum.critical += amounts.critical;
    sum.assistance += amounts.assistance;
    sum.reassistance += amounts.reassistance;
  }
  Ordered totals;
  totals["total"] = total.fen();
  totals["in_policy"] = in_policy.fen();
  put_tiers(totals, sum, total);
  json["totals"] = totals;
  json["visits"] = visits;

  if (options.include_steps) {
    Ordered steps = Ordered::array();
    for (const Step& step : settlement.steps) steps.push_back(step_json(step));
    json["steps"] = steps;
  }
  Ordered warnings = Ordered::array();
  for (const Warning& warning : settlement.warnings) {
    Ordered item{{"code", warning.code}, {"message", warning.message}};
    if (warning.visit) item["visit"] = *warning.visit;
    warnings.push_back(item);
  }
  json["warnings"] = warnings;
  Ordered comparison = Ordered::array();
  for (const CategoryBenefit& item : settlement.comparison) {
    comparison.push_back({{"identity", item.identity}, {"name", item.name}, {"benefit", item.benefit.fen()}});
  }
  json["comparison"] = comparison;
  return dump(json);
}

std::string error_to_json(const Error& error) {
  Ordered json;
  json["error"] = {{"path", error.path}, {"message", error.message}};
  return dump(json);
}

std::string cities_to_json(const Result<std::vector<City>>& cities, const std::string& version) {
  Ordered json;
  json["version"] = version;
  if (!cities.ok()) {
    json["error"] = {{"path", cities.error().path}, {"message", cities.error().message}};
    return dump(json);
  }
  Ordered list = Ordered::array();
  for (const City& city : cities.value()) {
    Ordered item;
    item["id"] = city.id;
    item["name"] = city.name;
    item["schemes"] = Ordered::array();
    for (Scheme scheme : {Scheme::resident, Scheme::employee})
      item["schemes"].push_back({{"id", scheme_id(scheme)}, {"name", scheme_name(scheme)}});
    item["categories"] = Ordered::array();
    for (const Category& category : city.categories)
      item["categories"].push_back({{"id", category.id}, {"name", category.name}});
    item["kinds"] = Ordered::array();
    for (VisitKind kind :
         {VisitKind::inpatient, VisitKind::chronic_outpatient, VisitKind::special_drug, VisitKind::outpatient})
      item["kinds"].push_back({{"id", kind_id(kind)}, {"name", kind_name(kind)}});
    item["periods"] = Ordered::array();
    for (const Period& period : city.periods) {
      Ordered entry;
      entry["from"] = period.from.to_string();
      entry["to"] = period.to ? Ordered(period.to->to_string()) : Ordered(nullptr);
      entry["document"] = period.document.document;
      entry["title"] = period.title;
      entry["assistance_kinds"] = Ordered::array();
      for (VisitKind kind : period.assistance_kinds) entry["assistance_kinds"].push_back(kind_id(kind));
      entry["parameters"] = Ordered::array();
      for (const Parameter* parameter : parameters_of(period))
        entry["parameters"].push_back(parameter_json(*parameter));
      if (!period.preliminary.empty()) entry["preliminary"] = period.preliminary;
      entry["assistance_kinds_source"] = {{"document", period.assistance_kinds_source.document},
                                          {"clause", period.assistance_kinds_source.clause}};
      entry["rules"] = Ordered::array();
      for (const TierRule& rule : period.rules) entry["rules"].push_back(rule_json(rule));
      item["periods"].push_back(entry);
    }
    list.push_back(item);
  }
  json["cities"] = list;
  return dump(json);
}

}  // namespace settle::detail

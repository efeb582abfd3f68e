#include "output.h"

#include <nlohmann/json.hpp>

#include "explain.h"
#include "json_writer.h"

namespace settle::detail {
namespace {

using Ordered = nlohmann::ordered_json;

std::string dump(const Ordered& json) {
  return json.dump(-1, ' ', false, Ordered::error_handler_t::replace);
}

void optional_fen(JsonWriter& out, std::string_view name, bool present, Fen amount) {
  if (present) {
    out.field(name, amount.fen());
  } else {
    out.null_field(name);
  }
}

void optional_percent(JsonWriter& out, std::string_view name, const std::optional<Ratio>& ratio) {
  if (ratio) {
    out.field(name, format_percent(*ratio));
  } else {
    out.null_field(name);
  }
}

void source_json(JsonWriter& out, const Source& source) {
  out.key("source").begin_object().field("document", source.document).field("clause", source.clause).end_object();
}

void step_json(JsonWriter& out, const Step& step) {
  out.begin_object();
  out.field("tier", tier_id(step.tier))
      .field("pool", pool_id(step.pool))
      .field("tier_name", tier_name(step.tier, step.pool));
  out.field("visit", static_cast<int64_t>(step.visit))
      .field("base", step.base.fen())
      .field("year_base", step.year_base.fen());
  optional_fen(out, "deductible", step.deductible.has_value(), step.deductible.value_or(Fen()));
  if (step.segments.size() == 1) {
    optional_percent(out, "ratio", step.segments.front().ratio);
  } else if (!step.segments.empty()) {
    out.key("segments").begin_array();
    for (const Segment& segment : step.segments) {
      out.begin_object().field("from", segment.from.fen());
      optional_fen(out, "to", segment.to.has_value(), segment.to.value_or(Fen()));
      optional_percent(out, "ratio", segment.ratio);
      out.end_object();
    }
    out.end_array();
  } else {
    out.null_field("ratio");
  }
  optional_fen(out, "cap", step.has_cap, step.cap);
  optional_fen(out, "cap_left", step.has_cap, step.cap_left);
  out.field("paid_before", step.paid_before.fen()).field("paid", step.paid.fen()).field("text", step.text);
  source_json(out, step.source);
  out.field("provenance", provenance_id(step.provenance));
  out.end_object();
}

void put_tiers(JsonWriter& out, const VisitAmounts& amounts, Fen total) {
  out.field("basic", amounts.basic.fen())
      .field("critical", amounts.critical.fen())
      .field("assistance", amounts.assistance.fen())
      .field("reassistance", amounts.reassistance.fen())
      .field("out_of_pocket",
             (total - amounts.basic - amounts.critical - amounts.assistance - amounts.reassistance).fen());
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
  JsonWriter out;
  out.reserve(options.include_steps ? 1024 + 2048 * settlement.steps.size() : 1024 + 256 * settlement.visits.size());
  out.begin_object();
  out.field("city", settled.city->id).field("city_name", settled.city->name).field("scheme", scheme_id(settled.scheme));
  out.field("identity", settlement.identity).field("identity_name", settlement.identity_name);

  VisitAmounts sum;
  Fen total;
  Fen in_policy;
  for (size_t i = 0; i < settlement.visits.size(); ++i) {
    const VisitAmounts& amounts = settlement.visits[i];
    total += settled.visits[i].total;
    in_policy += settled.visits[i].in_policy;
    sum.basic += amounts.basic;
    sum.critical += amounts.critical;
    sum.assistance += amounts.assistance;
    sum.reassistance += amounts.reassistance;
  }
  out.key("totals").begin_object().field("total", total.fen()).field("in_policy", in_policy.fen());
  put_tiers(out, sum, total);
  out.end_object();

  out.key("visits").begin_array();
  for (size_t i = 0; i < settlement.visits.size(); ++i) {
    const Visit& visit = settled.visits[i];
    out.begin_object().field("date", visit.date.to_string()).field("kind", kind_id(visit.kind));
    out.field("total", visit.total.fen()).field("in_policy", visit.in_policy.fen());
    put_tiers(out, settlement.visits[i], visit.total);
    out.field("estimated", settlement.visits[i].estimated).end_object();
  }
  out.end_array();

  if (options.include_steps) {
    out.key("steps").begin_array();
    for (const Step& step : settlement.steps) step_json(out, step);
    out.end_array();
  }
  out.key("warnings").begin_array();
  for (const Warning& warning : settlement.warnings) {
    out.begin_object().field("code", warning.code).field("message", warning.message);
    if (warning.visit) out.field("visit", static_cast<int64_t>(*warning.visit));
    out.end_object();
  }
  out.end_array();
  out.key("comparison").begin_array();
  for (const CategoryBenefit& item : settlement.comparison) {
    out.begin_object().field("identity", item.identity).field("name", item.name).field("benefit", item.benefit.fen());
    out.end_object();
  }
  out.end_array();
  out.end_object();
  return out.take();
}

std::string error_to_json(const Error& error) {
  JsonWriter out;
  out.begin_object().key("error").begin_object().field("path", error.path).field("message", error.message);
  out.end_object().end_object();
  return out.take();
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

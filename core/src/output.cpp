#include "output.h"

#include "explain.h"
#include "json_writer.h"
#include "messages.h"

namespace settle::detail {
namespace {

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

const char* shown_id(Shown shown) {
  switch (shown) {
    case Shown::value: return "value";
    case Shown::none: return "none";
    case Shown::missing: return "missing";
    case Shown::not_used: return "not_used";
  }
  return "";
}

void source_json(JsonWriter& out, const Source& source) {
  out.key("source").begin_object().field("document", source.document).field("clause", source.clause).end_object();
}

void step_json(JsonWriter& out, const Step& step) {
  out.begin_object();
  out.field("tier", tier_id(step.tier)).field("pool", pool_id(step.pool)).field("tier_name", step.name);
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
  out.field("deductible_status", shown_id(step.deductible_shown)).field("cap_status", shown_id(step.cap_shown));
  out.field("cap_unknown", step.cap_unknown);
  out.field("paid_before", step.paid_before.fen()).field("prior_paid", step.prior_paid.fen());
  out.field("year_figure", step.year_figure.fen());
  out.field("paid", step.paid.fen()).field("text", step.text);
  if (step.window) {
    out.key("window").begin_object().field("from", step.window->first.to_string());
    out.field("to", step.window->second.to_string()).end_object();
  }
  source_json(out, step.source);
  out.key("parameter_sources").begin_array();
  for (const CitedSource& cited : step.parameter_sources) {
    out.begin_object().field("parameters", cited.parameters).field("document", cited.source.document);
    out.field("clause", cited.source.clause).field("provenance", provenance_id(cited.provenance)).end_object();
  }
  out.end_array();
  out.field("provenance", provenance_id(step.provenance));
  out.key("provenances").begin_array();
  for (Provenance provenance : step.provenances) out.value(provenance_id(provenance));
  out.end_array();
  out.end_object();
}

// out_of_pocket = 个人负担（含自费） = in_policy_burden (政策范围内个人负担) + self_paid (自费).
void put_tiers(JsonWriter& out, const VisitAmounts& amounts, Fen total, Fen in_policy) {
  const Fen funds = amounts.basic + amounts.critical + amounts.assistance + amounts.reassistance;
  out.field("basic", amounts.basic.fen())
      .field("critical", amounts.critical.fen())
      .field("assistance", amounts.assistance.fen())
      .field("reassistance", amounts.reassistance.fen())
      .field("out_of_pocket", (total - funds).fen())
      .field("in_policy_burden", (in_policy - funds).fen())
      .field("self_paid", (total - in_policy).fen());
}

void source_object(JsonWriter& out, const Source& source) {
  out.begin_object().field("document", source.document).field("clause", source.clause).end_object();
}

void missing_json(JsonWriter& out, const std::vector<MissingValue>& missing) {
  out.key("missing").begin_array();
  for (const MissingValue& item : missing)
    out.begin_object().field("id", item.id).field("label", item.label).field("unit", item.unit).end_object();
  out.end_array();
}

void parameter_json(JsonWriter& out, const Parameter& parameter) {
  out.begin_object().field("id", parameter.id).field("label", parameter.label);
  out.field("unit", parameter.unit == Unit::yuan ? "yuan" : parameter.unit == Unit::percent ? "percent" : "months");
  if (parameter.state == Parameter::State::missing) {
    out.null_field("value");
  } else if (parameter.state == Parameter::State::unlimited) {
    out.field("value", "none");
  } else {
    out.field("value", parameter.unit == Unit::yuan      ? plain_yuan(parameter.amount())
                       : parameter.unit == Unit::percent ? format_percent(parameter.ratio())
                                                         : std::to_string(parameter.value));
  }
  source_object(out.key("source"), parameter.source);
  out.field("provenance",
            parameter.state == Parameter::State::missing ? "missing" : provenance_id(parameter.provenance));
  if (!parameter.note.empty()) out.field("note", parameter.note);
  if (parameter.not_reached_if_missing) out.field("if_missing", "not_reached");
  out.end_object();
}

void clause_json(JsonWriter& out, const char* name, const std::optional<Clause>& clause) {
  if (!clause) return;
  out.key(name).begin_object().field("document", clause->source.document).field("clause", clause->source.clause);
  out.field("quote", clause->quote).end_object();
}

// A rule as the explainer pages show it: who, which tier, the schedule, the clause and its words.
void rule_json(JsonWriter& out, const TierRule& rule) {
  out.begin_object().field("id", rule.id).field("tier", tier_id(rule.tier)).field("pool", pool_id(rule.pool));
  out.field("tier_name", rule.name.empty() ? std::string(messages::tier_name(rule.tier, rule.pool)) : rule.name);
  out.key("schemes").begin_array();
  for (Scheme scheme : rule.schemes) out.value(scheme_id(scheme));
  out.end_array();
  out.key("categories").begin_array();
  for (const std::string& category : rule.categories) out.value(category);
  out.end_array();
  source_object(out.key("source"), rule.source);
  if (!rule.quote.empty()) out.field("quote", rule.quote);
  parameter_json(out.key("deductible"), rule.deductible);
  out.key("bands").begin_array();
  for (const Band& band : rule.bands) {
    out.begin_object();
    parameter_json(out.key("to"), band.to);
    parameter_json(out.key("ratio"), band.ratio);
    out.end_object();
  }
  out.end_array();
  parameter_json(out.key("cap"), rule.cap);
  if (rule.look_back) parameter_json(out.key("look_back"), *rule.look_back);
  if (!rule.name.empty()) out.field("name", rule.name);
  if (rule.lump_sum) out.field("lump_sum", true);
  out.end_object();
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
  put_tiers(out, sum, total, in_policy);
  out.end_object();

  out.key("visits").begin_array();
  for (size_t i = 0; i < settlement.visits.size(); ++i) {
    const Visit& visit = settled.visits[i];
    out.begin_object().field("date", visit.date.to_string()).field("kind", kind_id(visit.kind));
    out.field("total", visit.total.fen()).field("in_policy", visit.in_policy.fen());
    put_tiers(out, settlement.visits[i], visit.total, visit.in_policy);
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
    if (!warning.missing.empty()) missing_json(out, warning.missing);
    out.end_object();
  }
  out.end_array();
  out.key("year_left").begin_object().field("year", static_cast<int64_t>(settlement.year_left_year));
  out.key("tiers").begin_array();
  for (const YearLeft& left : settlement.year_left) {
    out.begin_object().field("tier", tier_id(left.tier)).field("pool", pool_id(left.pool));
    out.field("tier_name", messages::tier_name(left.tier, left.pool)).field("base", left.base.fen());
    out.field("paid", left.paid.fen());
    optional_fen(out, "deductible", left.deductible.has_value(), left.deductible.value_or(Fen()));
    out.field("cap_state", left.cap_state == Parameter::State::value       ? "value"
                           : left.cap_state == Parameter::State::unlimited ? "unlimited"
                                                                           : "missing");
    optional_fen(out, "cap", left.cap_state == Parameter::State::value, left.cap);
    optional_fen(out, "left", left.cap_state == Parameter::State::value, left.left);
    optional_fen(out, "to_threshold", left.to_threshold.has_value(), left.to_threshold.value_or(Fen()));
    if (left.window) {
      out.key("window").begin_object().field("from", left.window->first.to_string());
      out.field("to", left.window->second.to_string()).end_object();
    }
    out.field("text", left.text).end_object();
  }
  out.end_array().end_object();
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
  out.field("code", error.code[0] == '\0' ? "invalid_input" : error.code);
  if (!error.missing.empty()) missing_json(out, error.missing);
  out.end_object().end_object();
  return out.take();
}

// Written with the same writer as the settlement: building an ordered_json document and dumping
// it took most of the page's first cities() call (callgrind: 38 M instructions of 45).
std::string cities_to_json(const Result<std::vector<City>>& cities, const std::string& version) {
  JsonWriter out;
  out.reserve(128 * 1024);
  out.begin_object().field("version", version);
  if (!cities.ok()) {
    out.key("error").begin_object().field("path", cities.error().path).field("message", cities.error().message);
    out.end_object().end_object();
    return out.take();
  }
  out.key("cities").begin_array();
  for (const City& city : cities.value()) {
    out.begin_object().field("id", city.id).field("name", city.name);
    out.key("schemes").begin_array();
    for (Scheme scheme : {Scheme::resident, Scheme::employee})
      out.begin_object().field("id", scheme_id(scheme)).field("name", scheme_name(scheme)).end_object();
    out.end_array();
    out.key("categories").begin_array();
    for (const Category& category : city.categories) {
      out.begin_object().field("id", category.id).field("name", category.name);
      if (!category.assumed.empty()) out.field("assumed", category.assumed);
      out.end_object();
    }
    out.end_array();
    out.key("kinds").begin_array();
    for (VisitKind kind : kVisitKinds)
      out.begin_object().field("id", kind_id(kind)).field("name", kind_name(kind)).end_object();
    out.end_array();
    out.key("periods").begin_array();
    for (const Period& period : city.periods) {
      out.begin_object().field("from", period.from.to_string());
      if (period.to) {
        out.field("to", period.to->to_string());
      } else {
        out.null_field("to");
      }
      out.field("document", period.document.document).field("title", period.title);
      if (period.issued) {
        out.field("issued", period.issued->to_string());
      } else {
        out.null_field("issued");
      }
      out.field("from_provenance", provenance_id(period.from_provenance));
      out.key("assistance_kinds").begin_array();
      for (VisitKind kind : period.assistance_kinds) out.value(kind_id(kind));
      out.end_array();
      out.key("assistance_kinds_missing").begin_array();
      for (VisitKind kind : period.assistance_kinds_missing) out.value(kind_id(kind));
      out.end_array();
      if (!period.assistance_kinds_missing_note.empty())
        out.field("assistance_kinds_missing_note", period.assistance_kinds_missing_note);
      clause_json(out, "highest_only", period.highest_only);
      clause_json(out, "non_designated", period.non_designated);
      out.key("gaps").begin_array();
      for (const TierGap& gap : period.gaps) {
        out.begin_object().key("tiers").begin_array();
        for (Tier tier : gap.tiers) out.value(tier_id(tier));
        out.end_array().key("categories").begin_array();
        for (const std::string& category : gap.categories) out.value(category);
        out.end_array();
        out.field("reading", gap.reading == TierGap::Reading::none ? "none" : "earlier_policy");
        source_object(out.key("source"), gap.source);
        out.field("quote", gap.quote).field("note", gap.note).end_object();
      }
      out.end_array();
      out.key("parameters").begin_array();
      for (const Parameter* parameter : parameters_of(period)) parameter_json(out, *parameter);
      out.end_array();
      if (!period.preliminary.empty()) out.field("preliminary", period.preliminary);
      source_object(out.key("assistance_kinds_source"), period.assistance_kinds_source);
      out.key("rules").begin_array();
      for (const TierRule& rule : period.rules) rule_json(out, rule);
      out.end_array();
      out.end_object();
    }
    out.end_array();
    out.end_object();
  }
  out.end_array().end_object();
  return out.take();
}

}  // namespace settle::detail

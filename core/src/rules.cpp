#include "settle/rules.h"

#include <algorithm>
#include <memory>

#include "digits.h"
#include "embedded_rules.h"
#include "json_fields.h"
#include "rules_internal.h"

namespace settle {

using detail::check_object;
using detail::error_at;
using detail::field_path;
using detail::index_path;
using detail::Json;
using detail::optional_string;
using detail::read_date;
using detail::read_string;
using detail::required_array;
using detail::required_date;
using detail::required_string;
namespace messages = detail::messages;

const char* scheme_id(Scheme scheme) {
  return scheme == Scheme::employee ? "employee" : "resident";
}
const char* scheme_name(Scheme scheme) {
  return scheme == Scheme::employee ? "职工医保" : "居民医保";
}

const char* kind_id(VisitKind kind) {
  switch (kind) {
    case VisitKind::inpatient: return "inpatient";
    case VisitKind::chronic_outpatient: return "chronic_outpatient";
    case VisitKind::special_drug: return "special_drug";
    case VisitKind::outpatient: return "outpatient";
  }
  return "";
}

std::optional<Pool> critical_pool(VisitKind kind) {
  switch (kind) {
    case VisitKind::inpatient:
    case VisitKind::chronic_outpatient: return Pool::critical;
    case VisitKind::special_drug: return Pool::special_drug;
    case VisitKind::outpatient: return std::nullopt;
  }
  return std::nullopt;
}

const TierRule* find_rule(const Period& period, Tier tier, Pool pool, Scheme scheme, const std::string& category) {
  for (const TierRule& rule : period.rules) {
    if (rule.tier != tier || rule.pool != pool) continue;
    if (std::find(rule.schemes.begin(), rule.schemes.end(), scheme) == rule.schemes.end()) continue;
    if (std::find(rule.categories.begin(), rule.categories.end(), category) != rule.categories.end()) return &rule;
  }
  return nullptr;
}

const char* kind_name(VisitKind kind) {
  switch (kind) {
    case VisitKind::inpatient: return "住院";
    case VisitKind::chronic_outpatient: return "门诊慢特病";
    case VisitKind::special_drug: return "大病保险特殊药品";
    case VisitKind::outpatient: return "普通门诊";
  }
  return "";
}

const char* tier_id(Tier tier) {
  switch (tier) {
    case Tier::basic: return "basic";
    case Tier::critical: return "critical";
    case Tier::assistance: return "assistance";
    case Tier::reassistance: return "reassistance";
  }
  return "";
}

const char* pool_id(Pool pool) {
  switch (pool) {
    case Pool::basic: return "basic";
    case Pool::critical: return "critical";
    case Pool::special_drug: return "special_drug";
    case Pool::assistance: return "assistance";
  }
  return "";
}

const char* provenance_id(Provenance provenance) {
  switch (provenance) {
    case Provenance::stated: return "stated";
    case Provenance::derived: return "derived";
    case Provenance::assumed: return "assumed";
    case Provenance::given: return "given";
    case Provenance::convention: return "convention";
    case Provenance::missing: return "missing";
  }
  return "";
}

int weakness(Provenance provenance) {
  switch (provenance) {
    case Provenance::stated: return 0;
    case Provenance::derived: return 1;
    case Provenance::convention: return 2;
    case Provenance::given: return 3;
    case Provenance::assumed: return 4;
    case Provenance::missing: return 5;
  }
  return 5;
}

const Period* City::period_on(const Date& date) const {
  for (const Period& period : periods) {
    if (period.from <= date && (!period.to || date <= *period.to)) return &period;
  }
  return nullptr;
}

const Category* City::category(const std::string& category_id) const {
  for (const Category& candidate : categories) {
    if (candidate.id == category_id) return &candidate;
  }
  return nullptr;
}

namespace {

template <typename T>
Result<T> parse_enum(const Json& value, const std::string& path,
                     std::initializer_list<std::pair<const char*, T>> choices) {
  if (value.is_string()) {
    for (const auto& [name, choice] : choices) {
      if (value.text() == name) return choice;
    }
  }
  std::vector<std::string> names;
  for (const auto& choice : choices) names.emplace_back(choice.first);
  return error_at(path, messages::one_of(names));
}

Result<Provenance> parse_provenance(const Json& value, const std::string& path) {
  return parse_enum<Provenance>(
      value, path,
      {{"stated", Provenance::stated}, {"derived", Provenance::derived}, {"assumed", Provenance::assumed}});
}

Result<VisitKind> parse_kind(const Json& value, const std::string& path) {
  if (value.is_string()) {
    for (VisitKind kind : kVisitKinds) {
      if (value.text() == kind_id(kind)) return kind;
    }
  }
  std::vector<std::string> names;
  for (VisitKind kind : kVisitKinds) names.emplace_back(kind_id(kind));
  return error_at(path, messages::one_of(names));
}

// What a parameter inherits from its block: the source, and the provenance and note a rule or
// estimate block may state once for its parameters (each may still say its own; the note goes
// only to the values that need one: not stated, or not on file).
struct SourceDefaults {
  std::string document;
  std::string clause;
  std::optional<Provenance> provenance;
  std::string note;
};

Status read_block_defaults(const Json& json, const std::string& path, SourceDefaults& defaults) {
  if (const Json* provenance = json.find("provenance")) {
    Result<Provenance> parsed = parse_provenance(*provenance, field_path(path, "provenance"));
    if (!parsed.ok()) return parsed.error();
    defaults.provenance = parsed.value();
  }
  return optional_string(json, "note", path, defaults.note);
}

enum class Allow { value_only, unlimited_too };

}  // namespace

Status set_parameter_value(Parameter& parameter, const std::string& text) {
  // "none" in rules files; "不设" as a person types it (the page sends "none" for both).
  if (text == "none" || text == "不设") {
    if (!parameter.may_be_unlimited) return error_at("", messages::rules_unlimited_not_allowed());
    parameter.state = Parameter::State::unlimited;
    return {};
  }
  switch (parameter.unit) {
    case Unit::yuan: {
      Result<Fen> amount = parse_yuan(text);
      if (!amount.ok()) return amount.error();
      parameter.value = amount.value().fen();
      break;
    }
    case Unit::percent: {
      Result<Ratio> ratio = parse_percent(text);
      if (!ratio.ok()) return ratio.error();
      parameter.value = ratio.value().basis_points;
      break;
    }
    case Unit::months: {
      int months = text.size() <= 3 ? detail::digits_value(text) : -1;
      if (months < 0 || months > 120) return error_at("", messages::bad_months());
      parameter.value = months;
      break;
    }
  }
  parameter.state = Parameter::State::value;
  return {};
}

namespace {

Result<Parameter> parse_parameter(const Json& json, const std::string& path, std::string id, Unit unit, Allow allow,
                                  const SourceDefaults& defaults) {
  // maintainer_note: for the people who edit the rules files, never output.
  if (Status status = check_object(
          json, path, {"value", "provenance", "document", "clause", "note", "label", "maintainer_note", "if_missing"});
      !status.ok())
    return status.error();
  Parameter parameter;
  parameter.id = std::move(id);
  parameter.unit = unit;
  parameter.may_be_unlimited = allow == Allow::unlimited_too;
  if (const Json* if_missing = json.find("if_missing")) {
    // Only a cap may be taken as not reached, and only while it is not on file.
    const std::string if_missing_path = field_path(path, "if_missing");
    if (!if_missing->is_string() || if_missing->text() != "not_reached")
      return error_at(if_missing_path, messages::one_of({"not_reached"}));
    if (allow != Allow::unlimited_too) return error_at(if_missing_path, messages::rules_not_reached_only_caps());
    parameter.not_reached_if_missing = true;
  }
  parameter.source = {defaults.document, defaults.clause};
  if (Status status = optional_string(json, "document", path, parameter.source.document); !status.ok())
    return status.error();
  if (Status status = optional_string(json, "clause", path, parameter.source.clause); !status.ok())
    return status.error();
  if (Status status = optional_string(json, "note", path, parameter.note); !status.ok()) return status.error();
  if (Status status = optional_string(json, "label", path, parameter.label); !status.ok()) return status.error();
  const Json* value = json.find("value");
  if (value == nullptr) return error_at(field_path(path, "value"), messages::missing_field("value"));
  const std::string value_path = field_path(path, "value");
  // The block's note is the reading its values need: a stated value does not take it.
  const bool own_note = json.find("note") != nullptr;
  if (value->is_null()) {
    parameter.state = Parameter::State::missing;
    if (!own_note) parameter.note = defaults.note;
    if (parameter.note.empty()) return error_at(field_path(path, "note"), messages::rules_missing_needs_note());
    return parameter;
  }
  auto text = read_string(*value, value_path);
  if (!text.ok()) return text.error();
  if (Status status = set_parameter_value(parameter, text.value()); !status.ok())
    return error_at(value_path, status.error());
  if (const Json* provenance = json.find("provenance")) {
    auto parsed = parse_provenance(*provenance, field_path(path, "provenance"));
    if (!parsed.ok()) return parsed.error();
    parameter.provenance = parsed.value();
  } else if (defaults.provenance) {
    parameter.provenance = *defaults.provenance;
  } else {
    return error_at(field_path(path, "provenance"), messages::missing_field("provenance"));
  }
  if (!own_note && parameter.provenance != Provenance::stated) parameter.note = defaults.note;
  if (parameter.provenance != Provenance::stated && parameter.note.empty())
    return error_at(field_path(path, "note"), messages::rules_reading_needs_note());
  if (parameter.source.clause.empty()) return error_at(field_path(path, "clause"), messages::missing_field("clause"));
  return parameter;
}

Result<std::vector<std::string>> parse_rule_categories(const Json& rule, const std::string& path, const City& city) {
  auto list = required_array(rule, "categories", path);
  if (!list.ok()) return list.error();
  std::vector<std::string> categories;
  for (size_t i = 0; i < list.value()->size(); ++i) {
    const std::string item_path = index_path(field_path(path, "categories"), i);
    auto id = read_string((*list.value())[i], item_path);
    if (!id.ok()) return id.error();
    if (id.value() != "general" && city.category(id.value()) == nullptr)
      return error_at(item_path, messages::rules_unknown_category(id.value()));
    categories.push_back(id.value());
  }
  if (categories.empty()) return error_at(field_path(path, "categories"), messages::rules_empty_list());
  return categories;
}

Result<std::vector<Scheme>> parse_schemes(const Json& json, const std::string& path) {
  auto list = required_array(json, "schemes", path);
  if (!list.ok()) return list.error();
  std::vector<Scheme> schemes;
  for (size_t i = 0; i < list.value()->size(); ++i) {
    auto scheme = parse_enum<Scheme>((*list.value())[i], index_path(field_path(path, "schemes"), i),
                                     {{"employee", Scheme::employee}, {"resident", Scheme::resident}});
    if (!scheme.ok()) return scheme.error();
    schemes.push_back(scheme.value());
  }
  if (schemes.empty()) return error_at(field_path(path, "schemes"), messages::rules_empty_list());
  return schemes;
}

Result<TierRule> parse_rule(const Json& json, const std::string& path, const City& city, const Period& period) {
  if (Status status =
          check_object(json, path,
                       {"id", "tier", "pool", "schemes", "categories", "clause", "document", "provenance", "note",
                        "deductible", "deductible_by_year", "bands", "cap", "look_back", "quote", "name", "lump_sum"});
      !status.ok())
    return status.error();
  TierRule rule;
  auto id = required_string(json, "id", path);
  if (!id.ok()) return id.error();
  rule.id = id.value();
  const Json* tier = json.find("tier");
  if (tier == nullptr) return error_at(field_path(path, "tier"), messages::missing_field("tier"));
  auto parsed_tier = parse_enum<Tier>(
      *tier, field_path(path, "tier"),
      {{"critical", Tier::critical}, {"assistance", Tier::assistance}, {"reassistance", Tier::reassistance}});
  if (!parsed_tier.ok()) return parsed_tier.error();
  rule.tier = parsed_tier.value();
  rule.pool = Pool::assistance;
  if (rule.tier == Tier::critical) {
    const Json* pool = json.find("pool");
    if (pool == nullptr) return error_at(field_path(path, "pool"), messages::missing_field("pool"));
    auto parsed_pool = parse_enum<Pool>(*pool, field_path(path, "pool"),
                                        {{"critical", Pool::critical}, {"special_drug", Pool::special_drug}});
    if (!parsed_pool.ok()) return parsed_pool.error();
    rule.pool = parsed_pool.value();
  } else if (json.find("pool") != nullptr) {
    return error_at(field_path(path, "pool"), messages::rules_pool_only_for_critical());
  }
  auto schemes = parse_schemes(json, path);
  if (!schemes.ok()) return schemes.error();
  rule.schemes = schemes.value();
  auto categories = parse_rule_categories(json, path, city);
  if (!categories.ok()) return categories.error();
  rule.categories = categories.value();

  rule.source = period.document;
  if (Status status = optional_string(json, "document", path, rule.source.document); !status.ok())
    return status.error();
  auto clause = required_string(json, "clause", path);
  if (!clause.ok()) return clause.error();
  rule.source.clause = clause.value();
  SourceDefaults defaults{rule.source.document, rule.source.clause, std::nullopt, ""};
  if (Status status = read_block_defaults(json, path, defaults); !status.ok()) return status.error();

  const Json* deductible = json.find("deductible");
  if (deductible == nullptr) return error_at(field_path(path, "deductible"), messages::missing_field("deductible"));
  auto parsed_deductible = parse_parameter(*deductible, field_path(path, "deductible"), id.value() + ".deductible",
                                           Unit::yuan, Allow::value_only, defaults);
  if (!parsed_deductible.ok()) return parsed_deductible.error();
  rule.deductible = parsed_deductible.value();
  if (const Json* by_year = json.find("deductible_by_year")) {
    const std::string by_year_path = field_path(path, "deductible_by_year");
    if (!by_year->is_object()) return error_at(by_year_path, messages::expected_object());
    for (const auto& [year_text, entry] : by_year->members()) {
      Result<Date> year = parse_date(year_text + "-01-01");
      if (!year.ok()) return error_at(field_path(by_year_path, year_text), year.error());
      auto parameter =
          parse_parameter(entry, field_path(by_year_path, year_text), id.value() + ".deductible." + year_text,
                          Unit::yuan, Allow::value_only, defaults);
      if (!parameter.ok()) return parameter.error();
      rule.deductible_by_year[year.value().year] = parameter.value();
    }
  }

  auto bands = required_array(json, "bands", path);
  if (!bands.ok()) return bands.error();
  if (bands.value()->empty()) return error_at(field_path(path, "bands"), messages::rules_empty_list());
  for (size_t i = 0; i < bands.value()->size(); ++i) {
    const std::string band_path = index_path(field_path(path, "bands"), i);
    const Json& band_json = (*bands.value())[i];
    if (Status status = check_object(band_json, band_path, {"to", "ratio"}); !status.ok()) return status.error();
    // A one-band schedule's ratio is simply "<rule>.ratio"; bands.value() are numbered otherwise.
    const std::string band_id =
        bands.value()->size() == 1 ? id.value() : id.value() + ".bands[" + std::to_string(i) + "]";
    const Json* to = band_json.find("to");
    const Json* ratio = band_json.find("ratio");
    if (to == nullptr) return error_at(field_path(band_path, "to"), messages::missing_field("to"));
    if (ratio == nullptr) return error_at(field_path(band_path, "ratio"), messages::missing_field("ratio"));
    auto parsed_to =
        parse_parameter(*to, field_path(band_path, "to"), band_id + ".to", Unit::yuan, Allow::unlimited_too, defaults);
    if (!parsed_to.ok()) return parsed_to.error();
    auto parsed_ratio = parse_parameter(*ratio, field_path(band_path, "ratio"), band_id + ".ratio", Unit::percent,
                                        Allow::value_only, defaults);
    if (!parsed_ratio.ok()) return parsed_ratio.error();
    if (parsed_ratio.value().state == Parameter::State::value && parsed_ratio.value().value > Ratio::kScale)
      return error_at(field_path(band_path, "ratio.value"), messages::rules_ratio_above_100());
    bool last = i + 1 == bands.value()->size();
    if (last != (parsed_to.value().state == Parameter::State::unlimited))
      return error_at(field_path(band_path, "to.value"), messages::rules_band_order());
    if (!rule.bands.empty() && parsed_to.value().state == Parameter::State::value &&
        rule.bands.back().to.state == Parameter::State::value && parsed_to.value().value <= rule.bands.back().to.value)
      return error_at(field_path(band_path, "to.value"), messages::rules_band_order());
    rule.bands.push_back({parsed_to.value(), parsed_ratio.value()});
  }

  const Json* cap = json.find("cap");
  if (cap == nullptr) return error_at(field_path(path, "cap"), messages::missing_field("cap"));
  auto parsed_cap =
      parse_parameter(*cap, field_path(path, "cap"), id.value() + ".cap", Unit::yuan, Allow::unlimited_too, defaults);
  if (!parsed_cap.ok()) return parsed_cap.error();
  rule.cap = parsed_cap.value();
  if (Status status = optional_string(json, "quote", path, rule.quote); !status.ok()) return status.error();
  if (Status status = optional_string(json, "name", path, rule.name); !status.ok()) return status.error();
  if (const Json* look_back = json.find("look_back")) {
    auto parsed_look_back = parse_parameter(*look_back, field_path(path, "look_back"), id.value() + ".look_back",
                                            Unit::months, Allow::value_only, defaults);
    if (!parsed_look_back.ok()) return parsed_look_back.error();
    rule.look_back = parsed_look_back.value();
  }
  if (const Json* lump_sum = json.find("lump_sum")) {
    if (!lump_sum->is_boolean()) return error_at(field_path(path, "lump_sum"), messages::expected_boolean());
    rule.lump_sum = lump_sum->boolean_value();
  }
  return rule;
}

bool overlaps(const TierRule& a, const TierRule& b) {
  if (a.tier != b.tier || a.pool != b.pool) return false;
  for (Scheme scheme : a.schemes) {
    if (std::find(b.schemes.begin(), b.schemes.end(), scheme) == b.schemes.end()) continue;
    for (const std::string& category : a.categories) {
      if (std::find(b.categories.begin(), b.categories.end(), category) != b.categories.end()) return true;
    }
  }
  return false;
}

Result<EarlyWarning> parse_early_warning(const Json& json, const std::string& path, const City& city,
                                         const Period& period) {
  if (Status status = check_object(json, path, {"clause", "income_by_year", "thresholds"}); !status.ok())
    return status.error();
  EarlyWarning warning;
  auto clause = required_string(json, "clause", path);
  if (!clause.ok()) return clause.error();
  warning.source = {period.document.document, clause.value()};
  const SourceDefaults defaults{period.document.document, clause.value(), std::nullopt, ""};
  const Json* income = json.find("income_by_year");
  const std::string income_path = field_path(path, "income_by_year");
  if (income == nullptr) return error_at(income_path, messages::missing_field("income_by_year"));
  if (!income->is_object()) return error_at(income_path, messages::expected_object());
  for (const auto& [year_text, entry] : income->members()) {
    Result<Date> year = parse_date(year_text + "-01-01");
    if (!year.ok()) return error_at(field_path(income_path, year_text), year.error());
    auto parameter = parse_parameter(entry, field_path(income_path, year_text), "early_warning.income." + year_text,
                                     Unit::yuan, Allow::value_only, defaults);
    if (!parameter.ok()) return parameter.error();
    warning.income_by_year[year.value().year] = parameter.value();
  }
  auto thresholds = required_array(json, "thresholds", path);
  if (!thresholds.ok()) return thresholds.error();
  for (size_t i = 0; i < thresholds.value()->size(); ++i) {
    const std::string item_path = index_path(field_path(path, "thresholds"), i);
    const Json& item = (*thresholds.value())[i];
    if (Status status = check_object(item, item_path, {"categories", "share"}); !status.ok()) return status.error();
    auto categories = parse_rule_categories(item, item_path, city);
    if (!categories.ok()) return categories.error();
    const Json* share = item.find("share");
    if (share == nullptr) return error_at(field_path(item_path, "share"), messages::missing_field("share"));
    auto parameter =
        parse_parameter(*share, field_path(item_path, "share"), "early_warning.share." + categories.value().front(),
                        Unit::percent, Allow::value_only, defaults);
    if (!parameter.ok()) return parameter.error();
    warning.thresholds.push_back({categories.value(), parameter.value()});
  }
  return warning;
}

Result<Parameter> required_parameter(const Json& json, const char* name, const std::string& path, std::string id,
                                     Unit unit, Allow allow, const SourceDefaults& defaults) {
  const Json* value = json.find(name);
  if (value == nullptr) return error_at(field_path(path, name), messages::missing_field(name));
  return parse_parameter(*value, field_path(path, name), std::move(id), unit, allow, defaults);
}

Result<BasicEstimate> parse_basic_estimate(const Json& json, const std::string& path, const Period& period) {
  if (Status status = check_object(json, path,
                                   {"id", "schemes", "kinds", "document", "clause", "provenance", "note", "levels",
                                    "repeat_deductible_share", "cap"});
      !status.ok())
    return status.error();
  BasicEstimate estimate;
  auto id = required_string(json, "id", path);
  if (!id.ok()) return id.error();
  estimate.id = id.value();
  auto schemes = parse_schemes(json, path);
  if (!schemes.ok()) return schemes.error();
  estimate.schemes = schemes.value();
  estimate.kinds = {VisitKind::inpatient};
  if (const Json* kinds = json.find("kinds")) {
    const std::string kinds_path = field_path(path, "kinds");
    if (!kinds->is_array()) return error_at(kinds_path, messages::expected_array());
    if (kinds->empty()) return error_at(kinds_path, messages::rules_empty_list());
    estimate.kinds.clear();
    for (size_t i = 0; i < kinds->size(); ++i) {
      auto kind = parse_kind((*kinds)[i], index_path(kinds_path, i));
      if (!kind.ok()) return kind.error();
      estimate.kinds.push_back(kind.value());
    }
  }
  estimate.source = period.document;
  if (Status status = optional_string(json, "document", path, estimate.source.document); !status.ok())
    return status.error();
  auto clause = required_string(json, "clause", path);
  if (!clause.ok()) return clause.error();
  estimate.source.clause = clause.value();
  SourceDefaults defaults{estimate.source.document, clause.value(), std::nullopt, ""};
  if (Status status = read_block_defaults(json, path, defaults); !status.ok()) return status.error();
  auto levels = required_array(json, "levels", path);
  if (!levels.ok()) return levels.error();
  if (levels.value()->size() != 1 && levels.value()->size() != 3)
    return error_at(field_path(path, "levels"), messages::rules_three_levels());
  for (size_t i = 0; i < levels.value()->size(); ++i) {
    const std::string level_path = index_path(field_path(path, "levels"), i);
    const std::string level_id =
        levels.value()->size() == 1 ? id.value() : id.value() + ".level" + std::to_string(i + 1);
    if (Status status = check_object((*levels.value())[i], level_path, {"deductible", "ratio"}); !status.ok())
      return status.error();
    auto deductible = required_parameter((*levels.value())[i], "deductible", level_path, level_id + ".deductible",
                                         Unit::yuan, Allow::value_only, defaults);
    if (!deductible.ok()) return deductible.error();
    auto ratio = required_parameter((*levels.value())[i], "ratio", level_path, level_id + ".ratio", Unit::percent,
                                    Allow::value_only, defaults);
    if (!ratio.ok()) return ratio.error();
    if (ratio.value().state == Parameter::State::value && ratio.value().value > Ratio::kScale)
      return error_at(field_path(level_path, "ratio.value"), messages::rules_ratio_above_100());
    estimate.levels.push_back({deductible.value(), ratio.value()});
  }
  if (json.find("repeat_deductible_share") != nullptr) {
    auto share = required_parameter(json, "repeat_deductible_share", path, id.value() + ".repeat_deductible_share",
                                    Unit::percent, Allow::value_only, defaults);
    if (!share.ok()) return share.error();
    estimate.repeat_deductible_share = share.value();
  }
  auto cap = required_parameter(json, "cap", path, id.value() + ".cap", Unit::yuan, Allow::unlimited_too, defaults);
  if (!cap.ok()) return cap.error();
  estimate.cap = cap.value();
  return estimate;
}

// "document" (default: the period's), "clause" and "quote" of an object that cites a clause.
Result<Clause> read_clause_fields(const Json& json, const std::string& path, const std::string& document) {
  Clause clause;
  clause.source.document = document;
  if (Status status = optional_string(json, "document", path, clause.source.document); !status.ok())
    return status.error();
  auto text = required_string(json, "clause", path);
  if (!text.ok()) return text.error();
  clause.source.clause = text.value();
  auto quote = required_string(json, "quote", path);
  if (!quote.ok()) return quote.error();
  clause.quote = quote.value();
  return clause;
}

// {"clause": "二（一）", "quote": "…"}: a clause of the period's document (or of "document").
Result<Clause> parse_clause(const Json& json, const std::string& path, const std::string& document) {
  if (Status status = check_object(json, path, {"document", "clause", "quote"}); !status.ok()) return status.error();
  return read_clause_fields(json, path, document);
}

Result<TierGap> parse_gap(const Json& json, const std::string& path, const City& city, const std::string& document) {
  if (Status status =
          check_object(json, path, {"tiers", "categories", "reading", "document", "clause", "quote", "note"});
      !status.ok())
    return status.error();
  TierGap gap;
  auto tiers = required_array(json, "tiers", path);
  if (!tiers.ok()) return tiers.error();
  for (size_t i = 0; i < tiers.value()->size(); ++i) {
    auto tier = parse_enum<Tier>((*tiers.value())[i], index_path(field_path(path, "tiers"), i),
                                 {{"assistance", Tier::assistance}, {"reassistance", Tier::reassistance}});
    if (!tier.ok()) return tier.error();
    gap.tiers.push_back(tier.value());
  }
  if (gap.tiers.empty()) return error_at(field_path(path, "tiers"), messages::rules_empty_list());
  auto categories = parse_rule_categories(json, path, city);
  if (!categories.ok()) return categories.error();
  gap.categories = categories.value();
  const Json* reading = json.find("reading");
  if (reading == nullptr) return error_at(field_path(path, "reading"), messages::missing_field("reading"));
  auto parsed_reading = parse_enum<TierGap::Reading>(
      *reading, field_path(path, "reading"),
      {{"none", TierGap::Reading::none}, {"earlier_policy", TierGap::Reading::earlier_policy}});
  if (!parsed_reading.ok()) return parsed_reading.error();
  gap.reading = parsed_reading.value();
  auto clause = read_clause_fields(json, path, document);
  if (!clause.ok()) return clause.error();
  gap.source = clause.value().source;
  gap.quote = clause.value().quote;
  auto note = required_string(json, "note", path);
  if (!note.ok()) return note.error();
  gap.note = note.value();
  return gap;
}

Result<Period> parse_period(const Json& json, const std::string& path, const City& city) {
  if (Status status = check_object(json, path,
                                   {"from", "from_provenance", "from_note", "to", "document", "title", "clause",
                                    "assistance_kinds", "rules", "basic_estimates", "early_warning", "preliminary",
                                    "issued", "highest_only", "non_designated", "designated_only", "gaps"});
      !status.ok())
    return status.error();
  Period period;
  auto from = required_date(json, "from", path);
  if (!from.ok()) return from.error();
  period.from = from.value();
  if (const Json* to = json.find("to"); to != nullptr && !to->is_null()) {
    auto to_date = read_date(*to, field_path(path, "to"));
    if (!to_date.ok()) return to_date.error();
    if (to_date.value() < period.from) return error_at(field_path(path, "to"), messages::rules_period_order());
    period.to = to_date.value();
  }
  if (const Json* provenance = json.find("from_provenance")) {
    auto parsed = parse_provenance(*provenance, field_path(path, "from_provenance"));
    if (!parsed.ok()) return parsed.error();
    period.from_provenance = parsed.value();
  }
  if (period.from_provenance != Provenance::stated && json.find("from_note") == nullptr)
    return error_at(field_path(path, "from_note"), messages::rules_reading_needs_note());
  auto document = required_string(json, "document", path);
  if (!document.ok()) return document.error();
  auto title = required_string(json, "title", path);
  if (!title.ok()) return title.error();
  auto clause = required_string(json, "clause", path);
  if (!clause.ok()) return clause.error();
  period.document = {document.value(), clause.value()};
  period.title = title.value();
  if (const Json* issued = json.find("issued"); issued != nullptr && !issued->is_null()) {
    auto issued_date = read_date(*issued, field_path(path, "issued"));
    if (!issued_date.ok()) return issued_date.error();
    period.issued = issued_date.value();
  }
  if (const Json* highest = json.find("highest_only")) {
    auto parsed = parse_clause(*highest, field_path(path, "highest_only"), document.value());
    if (!parsed.ok()) return parsed.error();
    period.highest_only = parsed.value();
  }
  if (const Json* designated = json.find("non_designated")) {
    auto parsed = parse_clause(*designated, field_path(path, "non_designated"), document.value());
    if (!parsed.ok()) return parsed.error();
    period.non_designated = parsed.value();
  }
  if (const Json* designated = json.find("designated_only")) {
    auto parsed = parse_clause(*designated, field_path(path, "designated_only"), document.value());
    if (!parsed.ok()) return parsed.error();
    period.designated_only = parsed.value();
  }
  if (const Json* gaps = json.find("gaps")) {
    const std::string gaps_path = field_path(path, "gaps");
    if (!gaps->is_array()) return error_at(gaps_path, messages::expected_array());
    for (size_t i = 0; i < gaps->size(); ++i) {
      auto gap = parse_gap((*gaps)[i], index_path(gaps_path, i), city, document.value());
      if (!gap.ok()) return gap.error();
      period.gaps.push_back(std::move(gap.value()));
    }
  }

  const std::string kinds_path = field_path(path, "assistance_kinds");
  const Json* kinds = json.find("assistance_kinds");
  if (kinds == nullptr) return error_at(kinds_path, messages::missing_field("assistance_kinds"));
  if (Status status = check_object(*kinds, kinds_path,
                                   {"value", "provenance", "clause", "note", "assumed", "missing", "missing_note"});
      !status.ok())
    return status.error();
  auto kind_list = required_array(*kinds, "value", kinds_path);
  if (!kind_list.ok()) return kind_list.error();
  for (size_t i = 0; i < kind_list.value()->size(); ++i) {
    auto kind = parse_kind((*kind_list.value())[i], index_path(field_path(kinds_path, "value"), i));
    if (!kind.ok()) return kind.error();
    period.assistance_kinds.push_back(kind.value());
  }
  if (const Json* assumed = kinds->find("assumed")) {
    const std::string assumed_path = field_path(kinds_path, "assumed");
    if (!assumed->is_array()) return error_at(assumed_path, messages::expected_array());
    for (size_t i = 0; i < assumed->size(); ++i) {
      auto kind = parse_kind((*assumed)[i], index_path(assumed_path, i));
      if (!kind.ok()) return kind.error();
      period.assistance_kinds_assumed.push_back(kind.value());
    }
  }
  if (const Json* missing = kinds->find("missing")) {
    const std::string missing_path = field_path(kinds_path, "missing");
    if (!missing->is_array()) return error_at(missing_path, messages::expected_array());
    for (size_t i = 0; i < missing->size(); ++i) {
      auto kind = parse_kind((*missing)[i], index_path(missing_path, i));
      if (!kind.ok()) return kind.error();
      period.assistance_kinds_missing.push_back(kind.value());
    }
    auto missing_note = required_string(*kinds, "missing_note", kinds_path);
    if (!missing_note.ok()) return missing_note.error();
    period.assistance_kinds_missing_note = missing_note.value();
  }
  auto kinds_clause = required_string(*kinds, "clause", kinds_path);
  if (!kinds_clause.ok()) return kinds_clause.error();
  period.assistance_kinds_source = {document.value(), kinds_clause.value()};
  const Json* kinds_provenance = kinds->find("provenance");
  if (kinds_provenance == nullptr)
    return error_at(field_path(kinds_path, "provenance"), messages::missing_field("provenance"));
  auto parsed_kinds_provenance = parse_provenance(*kinds_provenance, field_path(kinds_path, "provenance"));
  if (!parsed_kinds_provenance.ok()) return parsed_kinds_provenance.error();
  period.assistance_kinds_provenance = parsed_kinds_provenance.value();
  if (Status status = optional_string(*kinds, "note", kinds_path, period.assistance_kinds_note); !status.ok())
    return status.error();
  bool reading = period.assistance_kinds_provenance != Provenance::stated || !period.assistance_kinds_assumed.empty();
  if (reading && period.assistance_kinds_note.empty())
    return error_at(field_path(kinds_path, "note"), messages::rules_reading_needs_note());

  auto rules = required_array(json, "rules", path);
  if (!rules.ok()) return rules.error();
  for (size_t i = 0; i < rules.value()->size(); ++i) {
    const std::string rule_path = index_path(field_path(path, "rules"), i);
    auto rule = parse_rule((*rules.value())[i], rule_path, city, period);
    if (!rule.ok()) return rule.error();
    for (const TierRule& earlier : period.rules) {
      if (earlier.id == rule.value().id)
        return error_at(field_path(rule_path, "id"), messages::rules_duplicate_id(rule.value().id));
      if (overlaps(earlier, rule.value()))
        return error_at(field_path(rule_path, "categories"), messages::rules_overlap(earlier.id, rule.value().id));
    }
    period.rules.push_back(std::move(rule.value()));
  }
  if (const Json* estimates = json.find("basic_estimates")) {
    const std::string estimates_path = field_path(path, "basic_estimates");
    if (!estimates->is_array()) return error_at(estimates_path, messages::expected_array());
    for (size_t i = 0; i < estimates->size(); ++i) {
      auto estimate = parse_basic_estimate((*estimates)[i], index_path(estimates_path, i), period);
      if (!estimate.ok()) return estimate.error();
      period.basic_estimates.push_back(std::move(estimate.value()));
    }
  }
  if (Status status = optional_string(json, "preliminary", path, period.preliminary); !status.ok())
    return status.error();
  if (const Json* warning = json.find("early_warning")) {
    auto parsed = parse_early_warning(*warning, field_path(path, "early_warning"), city, period);
    if (!parsed.ok()) return parsed.error();
    period.early_warning = std::move(parsed.value());
  }
  return period;
}

// Plain Chinese names for every parameter, for the 参数 panel, the missing list and the messages.
std::string short_category_name(const City& city, const std::string& id) {
  if (id == "general") return messages::general_category_name();
  const Category* category = city.category(id);
  std::string name = category != nullptr ? category->name : id;
  size_t bracket = name.find("（");
  return bracket == std::string::npos ? name : name.substr(0, bracket);
}

std::string who_of(const City& city, const std::vector<Scheme>& schemes, const std::vector<std::string>& categories) {
  std::vector<std::string> parts;
  if (schemes.size() == 1) parts.push_back(scheme_name(schemes.front()));
  std::vector<std::string> names;
  for (const std::string& id : categories) names.push_back(short_category_name(city, id));
  if (!names.empty()) parts.push_back(messages::list_of(names));
  return messages::list_of(parts, "；");
}

// A label the rules file gives itself wins.
void set_label(Parameter& parameter, std::string label) {
  if (parameter.label.empty()) parameter.label = std::move(label);
}

void label_rule(const City& city, TierRule& rule) {
  const std::string tier = !rule.name.empty() ? rule.name : messages::tier_name(rule.tier, rule.pool);
  const std::string who = who_of(city, rule.schemes, rule.categories);
  set_label(rule.deductible, messages::parameter_label(tier, messages::role_deductible(std::nullopt), who));
  for (auto& [year, parameter] : rule.deductible_by_year)
    set_label(parameter, messages::parameter_label(tier, messages::role_deductible(year), who));
  for (size_t i = 0; i < rule.bands.size(); ++i) {
    std::optional<size_t> band = rule.bands.size() == 1 ? std::nullopt : std::optional<size_t>(i + 1);
    set_label(rule.bands[i].to, messages::parameter_label(tier, messages::role_band_upper(i + 1), who));
    set_label(rule.bands[i].ratio, messages::parameter_label(tier, messages::role_ratio(band), who));
  }
  set_label(rule.cap, messages::parameter_label(tier, messages::role_cap(), who));
  if (rule.look_back) set_label(*rule.look_back, messages::parameter_label(tier, messages::role_look_back(), who));
}

void label_basic_estimate(const City& city, BasicEstimate& estimate) {
  std::vector<std::string> kinds;
  for (VisitKind kind : estimate.kinds) kinds.emplace_back(kind_name(kind));
  const std::string tier = messages::basic_label_name(messages::list_of(kinds));
  const std::string who = who_of(city, estimate.schemes, {});
  for (size_t i = 0; i < estimate.levels.size(); ++i) {
    std::optional<int> level = estimate.levels.size() == 1 ? std::nullopt : std::optional<int>(static_cast<int>(i + 1));
    set_label(estimate.levels[i].deductible, messages::parameter_label(tier, messages::role_deductible(std::nullopt),
                                                                       messages::level_and(level, who)));
    set_label(estimate.levels[i].ratio,
              messages::parameter_label(tier, messages::role_ratio(std::nullopt), messages::level_and(level, who)));
  }
  if (estimate.repeat_deductible_share)
    set_label(*estimate.repeat_deductible_share, messages::parameter_label(tier, messages::role_repeat_share(), who));
  set_label(estimate.cap, messages::parameter_label(tier, messages::role_cap(), who));
}

void label_parameters(City& city) {
  for (Period& period : city.periods) {
    for (TierRule& rule : period.rules) label_rule(city, rule);
    for (BasicEstimate& estimate : period.basic_estimates) label_basic_estimate(city, estimate);
    if (period.early_warning) {
      for (auto& [year, income] : period.early_warning->income_by_year) set_label(income, messages::income_label(year));
      for (EarlyWarningThreshold& threshold : period.early_warning->thresholds)
        set_label(threshold.share, messages::parameter_label(messages::early_warning_name(), messages::role_share(),
                                                             who_of(city, {}, threshold.categories)));
    }
  }
}

Result<City> parse_city(const std::string& file, const Json& json) {
  if (Status status = check_object(json, "", {"city", "name", "categories", "periods", "note"}); !status.ok())
    return status.error();
  City city;
  city.file = file;
  auto id = required_string(json, "city", "");
  if (!id.ok()) return id.error();
  const std::string expected_file = "rules/" + id.value() + ".json";
  if (file != expected_file) return error_at("city", messages::rules_city_file(id.value(), file));
  city.id = id.value();
  auto name = required_string(json, "name", "");
  if (!name.ok()) return name.error();
  city.name = name.value();
  auto categories = required_array(json, "categories", "");
  if (!categories.ok()) return categories.error();
  for (size_t i = 0; i < categories.value()->size(); ++i) {
    const std::string path = index_path("categories", i);
    if (Status status = check_object((*categories.value())[i], path, {"id", "name", "assumed"}); !status.ok())
      return status.error();
    auto category_id = required_string((*categories.value())[i], "id", path);
    if (!category_id.ok()) return category_id.error();
    auto category_name = required_string((*categories.value())[i], "name", path);
    if (!category_name.ok()) return category_name.error();
    if (category_id.value() == "general" || city.category(category_id.value()) != nullptr)
      return error_at(field_path(path, "id"), messages::rules_duplicate_id(category_id.value()));
    Category category{category_id.value(), category_name.value(), ""};
    if (Status status = optional_string((*categories.value())[i], "assumed", path, category.assumed); !status.ok())
      return status.error();
    city.categories.push_back(std::move(category));
  }
  auto periods = required_array(json, "periods", "");
  if (!periods.ok()) return periods.error();
  if (periods.value()->empty()) return error_at("periods", messages::rules_empty_list());
  for (size_t i = 0; i < periods.value()->size(); ++i) {
    const std::string path = index_path("periods", i);
    auto period = parse_period((*periods.value())[i], path, city);
    if (!period.ok()) return period.error();
    if (!city.periods.empty()) {
      const Period& previous = city.periods.back();
      if (!previous.to || !(*previous.to < period.value().from))
        return error_at(field_path(path, "from"), messages::rules_period_order());
    }
    city.periods.push_back(std::move(period.value()));
  }
  label_parameters(city);
  return city;
}

template <typename PeriodT, typename ParameterT>
std::vector<ParameterT*> collect_parameters(PeriodT& period) {
  std::vector<ParameterT*> parameters;
  for (auto& estimate : period.basic_estimates) {
    for (auto& level : estimate.levels) {
      parameters.push_back(&level.deductible);
      parameters.push_back(&level.ratio);
    }
    if (estimate.repeat_deductible_share) parameters.push_back(&*estimate.repeat_deductible_share);
    parameters.push_back(&estimate.cap);
  }
  for (auto& rule : period.rules) {
    parameters.push_back(&rule.deductible);
    for (auto& by_year : rule.deductible_by_year) parameters.push_back(&by_year.second);
    for (auto& band : rule.bands) {
      // The last band's open end is the shape of the schedule, not a number to set.
      if (band.to.state != Parameter::State::unlimited) parameters.push_back(&band.to);
      parameters.push_back(&band.ratio);
    }
    parameters.push_back(&rule.cap);
    if (rule.look_back) parameters.push_back(&*rule.look_back);
  }
  if (period.early_warning) {
    for (auto& income : period.early_warning->income_by_year) parameters.push_back(&income.second);
    for (auto& threshold : period.early_warning->thresholds) parameters.push_back(&threshold.share);
  }
  return parameters;
}

}  // namespace

std::vector<const Parameter*> parameters_of(const Period& period) {
  return collect_parameters<const Period, const Parameter>(period);
}
std::vector<Parameter*> parameters_of(Period& period) {
  return collect_parameters<Period, Parameter>(period);
}

Result<City> load_city(const std::string& file, const std::string& json_text) {
  detail::InputLimits limits;
  limits.max_depth = 16;
  Result<Json> json = detail::read_json(json_text, limits);
  Result<City> city = json.ok() ? parse_city(file, json.value()) : Result<City>(json.error());
  if (!city.ok()) return error_at(file + ": " + city.error().path, city.error());
  return city;
}

namespace {

// Each embedded city, loaded the first time a case or cities() asks for it: a case reads only its
// own city's file (the page's first settlement was mostly the four files' loading).
const Result<City>& embedded_city(size_t index) {
  static std::vector<std::unique_ptr<const Result<City>>> loaded(detail::embedded_rules().size());
  std::unique_ptr<const Result<City>>& slot = loaded[index];
  if (!slot) {
    const detail::EmbeddedFile& file = detail::embedded_rules()[index];
    slot = std::make_unique<const Result<City>>(detail::read_embedded(file));
  }
  return *slot;
}

}  // namespace

const Result<std::vector<City>>& cities() {
  static const Result<std::vector<City>> loaded = [] {
    std::vector<City> all;
    for (size_t i = 0; i < detail::embedded_rules().size(); ++i) {
      const Result<City>& city = embedded_city(i);
      if (!city.ok()) return Result<std::vector<City>>(city.error());
      all.push_back(city.value());
    }
    return Result<std::vector<City>>(std::move(all));
  }();
  return loaded;
}

Result<const City*> find_city(const std::string& id) {
  const std::vector<detail::EmbeddedFile>& files = detail::embedded_rules();
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].name != "rules/" + id + ".json") continue;
    const Result<City>& city = embedded_city(i);
    if (city.ok() && city.value().id == id) return &city.value();
  }
  // Not a file of its own name: looked for among all, which an unknown city's message lists.
  const Result<std::vector<City>>& all = cities();
  if (!all.ok()) return all.error();
  for (const City& city : all.value()) {
    if (city.id == id) return &city;
  }
  return error_at("city", messages::unknown_city(id, all.value()));
}

}  // namespace settle

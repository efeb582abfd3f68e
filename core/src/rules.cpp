#include "settle/rules.h"

#include <algorithm>

#include "embedded_rules.h"
#include "json_fields.h"
#include "rules_internal.h"

namespace settle {

using detail::check_object;
using detail::field_path;
using detail::find_field;
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
      if (value.get_ref<const std::string&>() == name) return choice;
    }
  }
  std::vector<std::string> names;
  for (const auto& choice : choices) names.emplace_back(choice.first);
  return Error{path, messages::one_of(names), "one_of"};
}

Result<Provenance> parse_provenance(const Json& value, const std::string& path) {
  return parse_enum<Provenance>(
      value, path,
      {{"stated", Provenance::stated}, {"derived", Provenance::derived}, {"assumed", Provenance::assumed}});
}

Result<VisitKind> parse_kind(const Json& value, const std::string& path) {
  if (value.is_string()) {
    for (VisitKind kind : kVisitKinds) {
      if (value.get_ref<const std::string&>() == kind_id(kind)) return kind;
    }
  }
  std::vector<std::string> names;
  for (VisitKind kind : kVisitKinds) names.emplace_back(kind_id(kind));
  return Error{path, messages::one_of(names), "one_of"};
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

std::optional<Error> read_block_defaults(const Json& json, const std::string& path, SourceDefaults& defaults) {
  if (const Json* provenance = find_field(json, "provenance")) {
    Result<Provenance> parsed = parse_provenance(*provenance, field_path(path, "provenance"));
    if (!parsed.ok()) return parsed.error();
    defaults.provenance = parsed.value();
  }
  return optional_string(json, "note", path, defaults.note);
}

enum class Allow { value_only, unlimited_too };

}  // namespace

std::optional<Error> set_parameter_value(Parameter& parameter, const std::string& text) {
  // "none" in rules files; "不设" as a person types it (the page sends "none" for both).
  if (text == "none" || text == "不设") {
    if (!parameter.may_be_unlimited)
      return Error{"", messages::rules_unlimited_not_allowed(), "rules_unlimited_not_allowed"};
    parameter.state = Parameter::State::unlimited;
    return std::nullopt;
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
      bool digits = !text.empty() && text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoi(text) > 120) return Error{"", messages::bad_months(), "bad_months"};
      parameter.value = std::stoi(text);
      break;
    }
  }
  parameter.state = Parameter::State::value;
  return std::nullopt;
}

namespace {

Result<Parameter> parse_parameter(const Json& json, const std::string& path, std::string id, Unit unit, Allow allow,
                                  const SourceDefaults& defaults) {
  // maintainer_note: for the people who edit the rules files, never output.
  if (auto error = check_object(
          json, path, {"value", "provenance", "document", "clause", "note", "label", "maintainer_note", "if_missing"}))
    return *error;
  Parameter parameter;
  parameter.id = std::move(id);
  parameter.unit = unit;
  parameter.may_be_unlimited = allow == Allow::unlimited_too;
  if (const Json* if_missing = find_field(json, "if_missing")) {
    // Only a cap may be taken as not reached, and only while it is not on file.
    const std::string if_missing_path = field_path(path, "if_missing");
    if (!if_missing->is_string() || if_missing->get_ref<const std::string&>() != "not_reached")
      return Error{if_missing_path, messages::one_of({"not_reached"}), "one_of"};
    if (allow != Allow::unlimited_too)
      return Error{if_missing_path, messages::rules_not_reached_only_caps(), "rules_not_reached_only_caps"};
    parameter.not_reached_if_missing = true;
  }
  parameter.source = {defaults.document, defaults.clause};
  if (auto error = optional_string(json, "document", path, parameter.source.document)) return *error;
  if (auto error = optional_string(json, "clause", path, parameter.source.clause)) return *error;
  if (auto error = optional_string(json, "note", path, parameter.note)) return *error;
  if (auto error = optional_string(json, "label", path, parameter.label)) return *error;
  const Json* value = find_field(json, "value");
  if (value == nullptr) return Error{field_path(path, "value"), messages::missing_field("value"), "missing_field"};
  const std::string value_path = field_path(path, "value");
  // The block's note is the reading its values need: a stated value does not take it.
  const bool own_note = find_field(json, "note") != nullptr;
  if (value->is_null()) {
    parameter.state = Parameter::State::missing;
    if (!own_note) parameter.note = defaults.note;
    if (parameter.note.empty())
      return Error{field_path(path, "note"), messages::rules_missing_needs_note(), "rules_missing_needs_note"};
    return parameter;
  }
  SETTLE_TRY(text, read_string(*value, value_path));
  if (auto error = set_parameter_value(parameter, text)) return Error{value_path, error->message, error->code};
  if (const Json* provenance = find_field(json, "provenance")) {
    SETTLE_TRY(parsed, parse_provenance(*provenance, field_path(path, "provenance")));
    parameter.provenance = parsed;
  } else if (defaults.provenance) {
    parameter.provenance = *defaults.provenance;
  } else {
    return Error{field_path(path, "provenance"), messages::missing_field("provenance"), "missing_field"};
  }
  if (!own_note && parameter.provenance != Provenance::stated) parameter.note = defaults.note;
  if (parameter.provenance != Provenance::stated && parameter.note.empty())
    return Error{field_path(path, "note"), messages::rules_reading_needs_note(), "rules_reading_needs_note"};
  if (parameter.source.clause.empty())
    return Error{field_path(path, "clause"), messages::missing_field("clause"), "missing_field"};
  return parameter;
}

Result<std::vector<std::string>> parse_rule_categories(const Json& rule, const std::string& path, const City& city) {
  SETTLE_TRY(list, required_array(rule, "categories", path));
  std::vector<std::string> categories;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string item_path = index_path(field_path(path, "categories"), i);
    SETTLE_TRY(id, read_string((*list)[i], item_path));
    if (id != "general" && city.category(id) == nullptr)
      return Error{item_path, messages::rules_unknown_category(id), "rules_unknown_category"};
    categories.push_back(id);
  }
  if (categories.empty())
    return Error{field_path(path, "categories"), messages::rules_empty_list(), "rules_empty_list"};
  return categories;
}

Result<std::vector<Scheme>> parse_schemes(const Json& json, const std::string& path) {
  SETTLE_TRY(list, required_array(json, "schemes", path));
  std::vector<Scheme> schemes;
  for (size_t i = 0; i < list->size(); ++i) {
    SETTLE_TRY(scheme, parse_enum<Scheme>((*list)[i], index_path(field_path(path, "schemes"), i),
                                          {{"employee", Scheme::employee}, {"resident", Scheme::resident}}));
    schemes.push_back(scheme);
  }
  if (schemes.empty()) return Error{field_path(path, "schemes"), messages::rules_empty_list(), "rules_empty_list"};
  return schemes;
}

Result<TierRule> parse_rule(const Json& json, const std::string& path, const City& city, const Period& period) {
  if (auto error =
          check_object(json, path,
                       {"id", "tier", "pool", "schemes", "categories", "clause", "document", "provenance", "note",
                        "deductible", "deductible_by_year", "bands", "cap", "look_back", "quote", "name", "lump_sum"}))
    return *error;
  TierRule rule;
  SETTLE_TRY(id, required_string(json, "id", path));
  rule.id = id;
  const Json* tier = find_field(json, "tier");
  if (tier == nullptr) return Error{field_path(path, "tier"), messages::missing_field("tier"), "missing_field"};
  SETTLE_TRY(parsed_tier, parse_enum<Tier>(*tier, field_path(path, "tier"),
                                           {{"critical", Tier::critical},
                                            {"assistance", Tier::assistance},
                                            {"reassistance", Tier::reassistance}}));
  rule.tier = parsed_tier;
  rule.pool = Pool::assistance;
  if (rule.tier == Tier::critical) {
    const Json* pool = find_field(json, "pool");
    if (pool == nullptr) return Error{field_path(path, "pool"), messages::missing_field("pool"), "missing_field"};
    SETTLE_TRY(parsed_pool, parse_enum<Pool>(*pool, field_path(path, "pool"),
                                             {{"critical", Pool::critical}, {"special_drug", Pool::special_drug}}));
    rule.pool = parsed_pool;
  } else if (find_field(json, "pool") != nullptr) {
    return Error{field_path(path, "pool"), messages::rules_pool_only_for_critical(), "rules_pool_only_for_critical"};
  }
  SETTLE_TRY(schemes, parse_schemes(json, path));
  rule.schemes = schemes;
  SETTLE_TRY(categories, parse_rule_categories(json, path, city));
  rule.categories = categories;

  rule.source = period.document;
  if (auto error = optional_string(json, "document", path, rule.source.document)) return *error;
  SETTLE_TRY(clause, required_string(json, "clause", path));
  rule.source.clause = clause;
  SourceDefaults defaults{rule.source.document, rule.source.clause, std::nullopt, ""};
  if (auto error = read_block_defaults(json, path, defaults)) return *error;

  const Json* deductible = find_field(json, "deductible");
  if (deductible == nullptr)
    return Error{field_path(path, "deductible"), messages::missing_field("deductible"), "missing_field"};
  SETTLE_TRY(parsed_deductible, parse_parameter(*deductible, field_path(path, "deductible"), id + ".deductible",
                                                Unit::yuan, Allow::value_only, defaults));
  rule.deductible = parsed_deductible;
  if (const Json* by_year = find_field(json, "deductible_by_year")) {
    const std::string by_year_path = field_path(path, "deductible_by_year");
    if (!by_year->is_object()) return Error{by_year_path, messages::expected_object(), "expected_object"};
    for (const auto& item : by_year->items()) {
      Result<Date> year = parse_date(item.key() + "-01-01");
      if (!year.ok()) return Error{field_path(by_year_path, item.key()), year.error().message, year.error().code};
      SETTLE_TRY(parameter, parse_parameter(item.value(), field_path(by_year_path, item.key()),
                                            id + ".deductible." + item.key(), Unit::yuan, Allow::value_only, defaults));
      rule.deductible_by_year[year.value().year] = parameter;
    }
  }

  SETTLE_TRY(bands, required_array(json, "bands", path));
  if (bands->empty()) return Error{field_path(path, "bands"), messages::rules_empty_list(), "rules_empty_list"};
  for (size_t i = 0; i < bands->size(); ++i) {
    const std::string band_path = index_path(field_path(path, "bands"), i);
    const Json& band_json = (*bands)[i];
    if (auto error = check_object(band_json, band_path, {"to", "ratio"})) return *error;
    // A one-band schedule's ratio is simply "<rule>.ratio"; bands are numbered otherwise.
    const std::string band_id = bands->size() == 1 ? id : id + ".bands[" + std::to_string(i) + "]";
    const Json* to = find_field(band_json, "to");
    const Json* ratio = find_field(band_json, "ratio");
    if (to == nullptr) return Error{field_path(band_path, "to"), messages::missing_field("to"), "missing_field"};
    if (ratio == nullptr)
      return Error{field_path(band_path, "ratio"), messages::missing_field("ratio"), "missing_field"};
    SETTLE_TRY(parsed_to, parse_parameter(*to, field_path(band_path, "to"), band_id + ".to", Unit::yuan,
                                          Allow::unlimited_too, defaults));
    SETTLE_TRY(parsed_ratio, parse_parameter(*ratio, field_path(band_path, "ratio"), band_id + ".ratio", Unit::percent,
                                             Allow::value_only, defaults));
    if (parsed_ratio.state == Parameter::State::value && parsed_ratio.value > Ratio::kScale)
      return Error{field_path(band_path, "ratio.value"), messages::rules_ratio_above_100(), "rules_ratio_above_100"};
    bool last = i + 1 == bands->size();
    if (last != (parsed_to.state == Parameter::State::unlimited))
      return Error{field_path(band_path, "to.value"), messages::rules_band_order(), "rules_band_order"};
    if (!rule.bands.empty() && parsed_to.state == Parameter::State::value &&
        rule.bands.back().to.state == Parameter::State::value && parsed_to.value <= rule.bands.back().to.value)
      return Error{field_path(band_path, "to.value"), messages::rules_band_order(), "rules_band_order"};
    rule.bands.push_back({parsed_to, parsed_ratio});
  }

  const Json* cap = find_field(json, "cap");
  if (cap == nullptr) return Error{field_path(path, "cap"), messages::missing_field("cap"), "missing_field"};
  SETTLE_TRY(parsed_cap,
             parse_parameter(*cap, field_path(path, "cap"), id + ".cap", Unit::yuan, Allow::unlimited_too, defaults));
  rule.cap = parsed_cap;
  if (auto error = optional_string(json, "quote", path, rule.quote)) return *error;
  if (auto error = optional_string(json, "name", path, rule.name)) return *error;
  if (const Json* look_back = find_field(json, "look_back")) {
    SETTLE_TRY(parsed_look_back, parse_parameter(*look_back, field_path(path, "look_back"), id + ".look_back",
                                                 Unit::months, Allow::value_only, defaults));
    rule.look_back = parsed_look_back;
  }
  if (const Json* lump_sum = find_field(json, "lump_sum")) {
    if (!lump_sum->is_boolean())
      return Error{field_path(path, "lump_sum"), messages::expected_boolean(), "expected_boolean"};
    rule.lump_sum = lump_sum->get<bool>();
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
  if (auto error = check_object(json, path, {"clause", "income_by_year", "thresholds"})) return *error;
  EarlyWarning warning;
  SETTLE_TRY(clause, required_string(json, "clause", path));
  warning.source = {period.document.document, clause};
  const SourceDefaults defaults{period.document.document, clause, std::nullopt, ""};
  const Json* income = find_field(json, "income_by_year");
  const std::string income_path = field_path(path, "income_by_year");
  if (income == nullptr) return Error{income_path, messages::missing_field("income_by_year"), "missing_field"};
  if (!income->is_object()) return Error{income_path, messages::expected_object(), "expected_object"};
  for (const auto& item : income->items()) {
    Result<Date> year = parse_date(item.key() + "-01-01");
    if (!year.ok()) return Error{field_path(income_path, item.key()), year.error().message, year.error().code};
    SETTLE_TRY(parameter,
               parse_parameter(item.value(), field_path(income_path, item.key()), "early_warning.income." + item.key(),
                               Unit::yuan, Allow::value_only, defaults));
    warning.income_by_year[year.value().year] = parameter;
  }
  SETTLE_TRY(thresholds, required_array(json, "thresholds", path));
  for (size_t i = 0; i < thresholds->size(); ++i) {
    const std::string item_path = index_path(field_path(path, "thresholds"), i);
    const Json& item = (*thresholds)[i];
    if (auto error = check_object(item, item_path, {"categories", "share"})) return *error;
    SETTLE_TRY(categories, parse_rule_categories(item, item_path, city));
    const Json* share = find_field(item, "share");
    if (share == nullptr)
      return Error{field_path(item_path, "share"), messages::missing_field("share"), "missing_field"};
    SETTLE_TRY(parameter,
               parse_parameter(*share, field_path(item_path, "share"), "early_warning.share." + categories.front(),
                               Unit::percent, Allow::value_only, defaults));
    warning.thresholds.push_back({categories, parameter});
  }
  return warning;
}

Result<Parameter> required_parameter(const Json& json, const char* name, const std::string& path, std::string id,
                                     Unit unit, Allow allow, const SourceDefaults& defaults) {
  const Json* value = find_field(json, name);
  if (value == nullptr) return Error{field_path(path, name), messages::missing_field(name), "missing_field"};
  return parse_parameter(*value, field_path(path, name), std::move(id), unit, allow, defaults);
}

Result<BasicEstimate> parse_basic_estimate(const Json& json, const std::string& path, const Period& period) {
  if (auto error = check_object(json, path,
                                {"id", "schemes", "kinds", "document", "clause", "provenance", "note", "levels",
                                 "repeat_deductible_share", "cap"}))
    return *error;
  BasicEstimate estimate;
  SETTLE_TRY(id, required_string(json, "id", path));
  estimate.id = id;
  SETTLE_TRY(schemes, parse_schemes(json, path));
  estimate.schemes = schemes;
  estimate.kinds = {VisitKind::inpatient};
  if (const Json* kinds = find_field(json, "kinds")) {
    const std::string kinds_path = field_path(path, "kinds");
    if (!kinds->is_array()) return Error{kinds_path, messages::expected_array(), "expected_array"};
    if (kinds->empty()) return Error{kinds_path, messages::rules_empty_list(), "rules_empty_list"};
    estimate.kinds.clear();
    for (size_t i = 0; i < kinds->size(); ++i) {
      SETTLE_TRY(kind, parse_kind((*kinds)[i], index_path(kinds_path, i)));
      estimate.kinds.push_back(kind);
    }
  }
  estimate.source = period.document;
  if (auto error = optional_string(json, "document", path, estimate.source.document)) return *error;
  SETTLE_TRY(clause, required_string(json, "clause", path));
  estimate.source.clause = clause;
  SourceDefaults defaults{estimate.source.document, clause, std::nullopt, ""};
  if (auto error = read_block_defaults(json, path, defaults)) return *error;
  SETTLE_TRY(levels, required_array(json, "levels", path));
  if (levels->size() != 1 && levels->size() != 3)
    return Error{field_path(path, "levels"), messages::rules_three_levels(), "rules_three_levels"};
  for (size_t i = 0; i < levels->size(); ++i) {
    const std::string level_path = index_path(field_path(path, "levels"), i);
    const std::string level_id = levels->size() == 1 ? id : id + ".level" + std::to_string(i + 1);
    if (auto error = check_object((*levels)[i], level_path, {"deductible", "ratio"})) return *error;
    SETTLE_TRY(deductible, required_parameter((*levels)[i], "deductible", level_path, level_id + ".deductible",
                                              Unit::yuan, Allow::value_only, defaults));
    SETTLE_TRY(ratio, required_parameter((*levels)[i], "ratio", level_path, level_id + ".ratio", Unit::percent,
                                         Allow::value_only, defaults));
    if (ratio.state == Parameter::State::value && ratio.value > Ratio::kScale)
      return Error{field_path(level_path, "ratio.value"), messages::rules_ratio_above_100(), "rules_ratio_above_100"};
    estimate.levels.push_back({deductible, ratio});
  }
  if (find_field(json, "repeat_deductible_share") != nullptr) {
    SETTLE_TRY(share, required_parameter(json, "repeat_deductible_share", path, id + ".repeat_deductible_share",
                                         Unit::percent, Allow::value_only, defaults));
    estimate.repeat_deductible_share = share;
  }
  SETTLE_TRY(cap, required_parameter(json, "cap", path, id + ".cap", Unit::yuan, Allow::unlimited_too, defaults));
  estimate.cap = cap;
  return estimate;
}

// "document" (default: the period's), "clause" and "quote" of an object that cites a clause.
Result<Clause> read_clause_fields(const Json& json, const std::string& path, const std::string& document) {
  Clause clause;
  clause.source.document = document;
  if (auto error = optional_string(json, "document", path, clause.source.document)) return *error;
  SETTLE_TRY(text, required_string(json, "clause", path));
  clause.source.clause = text;
  SETTLE_TRY(quote, required_string(json, "quote", path));
  clause.quote = quote;
  return clause;
}

// {"clause": "二（一）", "quote": "…"}: a clause of the period's document (or of "document").
Result<Clause> parse_clause(const Json& json, const std::string& path, const std::string& document) {
  if (auto error = check_object(json, path, {"document", "clause", "quote"})) return *error;
  return read_clause_fields(json, path, document);
}

Result<TierGap> parse_gap(const Json& json, const std::string& path, const City& city, const std::string& document) {
  if (auto error = check_object(json, path, {"tiers", "categories", "reading", "document", "clause", "quote", "note"}))
    return *error;
  TierGap gap;
  SETTLE_TRY(tiers, required_array(json, "tiers", path));
  for (size_t i = 0; i < tiers->size(); ++i) {
    SETTLE_TRY(tier, parse_enum<Tier>((*tiers)[i], index_path(field_path(path, "tiers"), i),
                                      {{"assistance", Tier::assistance}, {"reassistance", Tier::reassistance}}));
    gap.tiers.push_back(tier);
  }
  if (gap.tiers.empty()) return Error{field_path(path, "tiers"), messages::rules_empty_list(), "rules_empty_list"};
  SETTLE_TRY(categories, parse_rule_categories(json, path, city));
  gap.categories = categories;
  const Json* reading = find_field(json, "reading");
  if (reading == nullptr)
    return Error{field_path(path, "reading"), messages::missing_field("reading"), "missing_field"};
  SETTLE_TRY(parsed_reading, parse_enum<TierGap::Reading>(*reading, field_path(path, "reading"),
                                                          {{"none", TierGap::Reading::none},
                                                           {"earlier_policy", TierGap::Reading::earlier_policy}}));
  gap.reading = parsed_reading;
  SETTLE_TRY(clause, read_clause_fields(json, path, document));
  gap.source = clause.source;
  gap.quote = clause.quote;
  SETTLE_TRY(note, required_string(json, "note", path));
  gap.note = note;
  return gap;
}

Result<Period> parse_period(const Json& json, const std::string& path, const City& city) {
  if (auto error = check_object(json, path,
                                {"from", "from_provenance", "from_note", "to", "document", "title", "clause",
                                 "assistance_kinds", "rules", "basic_estimates", "early_warning", "preliminary",
                                 "issued", "highest_only", "non_designated", "designated_only", "gaps"}))
    return *error;
  Period period;
  SETTLE_TRY(from, required_date(json, "from", path));
  period.from = from;
  if (const Json* to = find_field(json, "to"); to != nullptr && !to->is_null()) {
    SETTLE_TRY(to_date, read_date(*to, field_path(path, "to")));
    if (to_date < period.from)
      return Error{field_path(path, "to"), messages::rules_period_order(), "rules_period_order"};
    period.to = to_date;
  }
  if (const Json* provenance = find_field(json, "from_provenance")) {
    SETTLE_TRY(parsed, parse_provenance(*provenance, field_path(path, "from_provenance")));
    period.from_provenance = parsed;
  }
  if (period.from_provenance != Provenance::stated && find_field(json, "from_note") == nullptr)
    return Error{field_path(path, "from_note"), messages::rules_reading_needs_note(), "rules_reading_needs_note"};
  SETTLE_TRY(document, required_string(json, "document", path));
  SETTLE_TRY(title, required_string(json, "title", path));
  SETTLE_TRY(clause, required_string(json, "clause", path));
  period.document = {document, clause};
  period.title = title;
  if (const Json* issued = find_field(json, "issued"); issued != nullptr && !issued->is_null()) {
    SETTLE_TRY(issued_date, read_date(*issued, field_path(path, "issued")));
    period.issued = issued_date;
  }
  if (const Json* highest = find_field(json, "highest_only")) {
    SETTLE_TRY(parsed, parse_clause(*highest, field_path(path, "highest_only"), document));
    period.highest_only = parsed;
  }
  if (const Json* designated = find_field(json, "non_designated")) {
    SETTLE_TRY(parsed, parse_clause(*designated, field_path(path, "non_designated"), document));
    period.non_designated = parsed;
  }
  if (const Json* designated = find_field(json, "designated_only")) {
    SETTLE_TRY(parsed, parse_clause(*designated, field_path(path, "designated_only"), document));
    period.designated_only = parsed;
  }
  if (const Json* gaps = find_field(json, "gaps")) {
    const std::string gaps_path = field_path(path, "gaps");
    if (!gaps->is_array()) return Error{gaps_path, messages::expected_array(), "expected_array"};
    for (size_t i = 0; i < gaps->size(); ++i) {
      SETTLE_TRY(gap, parse_gap((*gaps)[i], index_path(gaps_path, i), city, document));
      period.gaps.push_back(std::move(gap));
    }
  }

  const std::string kinds_path = field_path(path, "assistance_kinds");
  const Json* kinds = find_field(json, "assistance_kinds");
  if (kinds == nullptr) return Error{kinds_path, messages::missing_field("assistance_kinds"), "missing_field"};
  if (auto error = check_object(*kinds, kinds_path,
                                {"value", "provenance", "clause", "note", "assumed", "missing", "missing_note"}))
    return *error;
  SETTLE_TRY(kind_list, required_array(*kinds, "value", kinds_path));
  for (size_t i = 0; i < kind_list->size(); ++i) {
    SETTLE_TRY(kind, parse_kind((*kind_list)[i], index_path(field_path(kinds_path, "value"), i)));
    period.assistance_kinds.push_back(kind);
  }
  if (const Json* assumed = find_field(*kinds, "assumed")) {
    const std::string assumed_path = field_path(kinds_path, "assumed");
    if (!assumed->is_array()) return Error{assumed_path, messages::expected_array(), "expected_array"};
    for (size_t i = 0; i < assumed->size(); ++i) {
      SETTLE_TRY(kind, parse_kind((*assumed)[i], index_path(assumed_path, i)));
      period.assistance_kinds_assumed.push_back(kind);
    }
  }
  if (const Json* missing = find_field(*kinds, "missing")) {
    const std::string missing_path = field_path(kinds_path, "missing");
    if (!missing->is_array()) return Error{missing_path, messages::expected_array(), "expected_array"};
    for (size_t i = 0; i < missing->size(); ++i) {
      SETTLE_TRY(kind, parse_kind((*missing)[i], index_path(missing_path, i)));
      period.assistance_kinds_missing.push_back(kind);
    }
    SETTLE_TRY(missing_note, required_string(*kinds, "missing_note", kinds_path));
    period.assistance_kinds_missing_note = missing_note;
  }
  SETTLE_TRY(kinds_clause, required_string(*kinds, "clause", kinds_path));
  period.assistance_kinds_source = {document, kinds_clause};
  const Json* kinds_provenance = find_field(*kinds, "provenance");
  if (kinds_provenance == nullptr)
    return Error{field_path(kinds_path, "provenance"), messages::missing_field("provenance"), "missing_field"};
  SETTLE_TRY(parsed_kinds_provenance, parse_provenance(*kinds_provenance, field_path(kinds_path, "provenance")));
  period.assistance_kinds_provenance = parsed_kinds_provenance;
  if (auto error = optional_string(*kinds, "note", kinds_path, period.assistance_kinds_note)) return *error;
  bool reading = period.assistance_kinds_provenance != Provenance::stated || !period.assistance_kinds_assumed.empty();
  if (reading && period.assistance_kinds_note.empty())
    return Error{field_path(kinds_path, "note"), messages::rules_reading_needs_note(), "rules_reading_needs_note"};

  SETTLE_TRY(rules, required_array(json, "rules", path));
  for (size_t i = 0; i < rules->size(); ++i) {
    const std::string rule_path = index_path(field_path(path, "rules"), i);
    SETTLE_TRY(rule, parse_rule((*rules)[i], rule_path, city, period));
    for (const TierRule& earlier : period.rules) {
      if (earlier.id == rule.id)
        return Error{field_path(rule_path, "id"), messages::rules_duplicate_id(rule.id), "rules_duplicate_id"};
      if (overlaps(earlier, rule))
        return Error{field_path(rule_path, "categories"), messages::rules_overlap(earlier.id, rule.id),
                     "rules_overlap"};
    }
    period.rules.push_back(std::move(rule));
  }
  if (const Json* estimates = find_field(json, "basic_estimates")) {
    const std::string estimates_path = field_path(path, "basic_estimates");
    if (!estimates->is_array()) return Error{estimates_path, messages::expected_array(), "expected_array"};
    for (size_t i = 0; i < estimates->size(); ++i) {
      SETTLE_TRY(estimate, parse_basic_estimate((*estimates)[i], index_path(estimates_path, i), period));
      period.basic_estimates.push_back(std::move(estimate));
    }
  }
  if (auto error = optional_string(json, "preliminary", path, period.preliminary)) return *error;
  if (const Json* warning = find_field(json, "early_warning")) {
    SETTLE_TRY(parsed, parse_early_warning(*warning, field_path(path, "early_warning"), city, period));
    period.early_warning = std::move(parsed);
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
  if (auto error = check_object(json, "", {"city", "name", "categories", "periods", "note"})) return *error;
  City city;
  city.file = file;
  SETTLE_TRY(id, required_string(json, "city", ""));
  const std::string expected_file = "rules/" + id + ".json";
  if (file != expected_file) return Error{"city", messages::rules_city_file(id, file), "rules_city_file"};
  city.id = id;
  SETTLE_TRY(name, required_string(json, "name", ""));
  city.name = name;
  SETTLE_TRY(categories, required_array(json, "categories", ""));
  for (size_t i = 0; i < categories->size(); ++i) {
    const std::string path = index_path("categories", i);
    if (auto error = check_object((*categories)[i], path, {"id", "name", "assumed"})) return *error;
    SETTLE_TRY(category_id, required_string((*categories)[i], "id", path));
    SETTLE_TRY(category_name, required_string((*categories)[i], "name", path));
    if (category_id == "general" || city.category(category_id) != nullptr)
      return Error{field_path(path, "id"), messages::rules_duplicate_id(category_id), "rules_duplicate_id"};
    Category category{category_id, category_name, ""};
    if (auto error = optional_string((*categories)[i], "assumed", path, category.assumed)) return *error;
    city.categories.push_back(std::move(category));
  }
  SETTLE_TRY(periods, required_array(json, "periods", ""));
  if (periods->empty()) return Error{"periods", messages::rules_empty_list(), "rules_empty_list"};
  for (size_t i = 0; i < periods->size(); ++i) {
    const std::string path = index_path("periods", i);
    SETTLE_TRY(period, parse_period((*periods)[i], path, city));
    if (!city.periods.empty()) {
      const Period& previous = city.periods.back();
      if (!previous.to || !(*previous.to < period.from))
        return Error{field_path(path, "from"), messages::rules_period_order(), "rules_period_order"};
    }
    city.periods.push_back(std::move(period));
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
  if (!city.ok()) return Error{file + ": " + city.error().path, city.error().message, city.error().code};
  return city;
}

const Result<std::vector<City>>& cities() {
  static const Result<std::vector<City>> loaded = [] {
    std::vector<City> all;
    for (const detail::EmbeddedFile& file : detail::embedded_rules()) {
      Result<City> city = load_city(file.name, file.text);
      if (!city.ok()) return Result<std::vector<City>>(city.error());
      all.push_back(std::move(city.value()));
    }
    return Result<std::vector<City>>(std::move(all));
  }();
  return loaded;
}

}  // namespace settle

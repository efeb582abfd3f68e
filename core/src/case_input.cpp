#include "case_input.h"

#include <algorithm>

#include "json_fields.h"

namespace settle::detail {
namespace {

Result<const City*> read_city(const Json& root) {
  auto id = required_string(root, "city", "");
  if (!id.ok()) return id.error();
  return find_city(id.value());
}

Result<Scheme> read_scheme(const Json& root) {
  const Json* scheme = root.find("scheme");
  if (scheme == nullptr) return Scheme::resident;
  if (scheme->is_string() && scheme->text() == "employee") return Scheme::employee;
  if (scheme->is_string() && scheme->text() == "resident") return Scheme::resident;
  return error_at("scheme", messages::unknown_scheme());
}

Result<std::vector<std::string>> read_identities(const Json& root, const City& city) {
  std::vector<std::string> identities;
  const Json* list = root.find("identities");
  if (list == nullptr) return identities;
  if (!list->is_array()) return error_at("identities", messages::expected_array());
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string path = index_path("identities", i);
    auto id = read_string((*list)[i], path);
    if (!id.ok()) return id.error();
    if (city.category(id.value()) == nullptr) return error_at(path, messages::unknown_category(id.value(), city));
    if (std::find(identities.begin(), identities.end(), id.value()) == identities.end())
      identities.push_back(id.value());
  }
  return identities;
}

Result<bool> read_flag(const Json& visit, const char* name, bool fallback, const std::string& path) {
  const Json* value = visit.find(name);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) return error_at(field_path(path, name), messages::expected_boolean());
  return value->boolean_value();
}

// The amount of field `name` of the object at `path`. The field's path is built only for an
// error: most paths are too long for the short-string buffer, and a batch run reads several
// amounts per visit.
Result<Fen> read_money_field(const Json& value, const char* name, const std::string& path) {
  Result<Fen> amount = read_money(value, std::string());
  if (!amount.ok()) return error_at(field_path(path, name), amount.error());
  return amount;
}

Result<std::optional<Fen>> read_optional_money(const Json& visit, const char* name, const std::string& path) {
  const Json* value = visit.find(name);
  if (value == nullptr || value->is_null()) return std::optional<Fen>();
  auto amount = read_money_field(*value, name, path);
  if (!amount.ok()) return amount.error();
  return std::optional<Fen>(amount.value());
}

Result<Visit> read_visit(const Json& json, const std::string& path, const City& city) {
  if (Status status = check_object(json, path,
                                   {"date", "kind", "hospital_level", "designated", "emergency", "total", "in_policy",
                                    "basic_paid", "critical_paid"});
      !status.ok())
    return status.error();
  Visit visit;
  auto date = required_date(json, "date", path);
  if (!date.ok()) return date.error();
  visit.date = date.value();
  visit.period = city.period_on(visit.date);
  if (visit.period == nullptr)
    return error_at(field_path(path, "date"), messages::no_policy_on(city, date.value().to_string()));

  if (const Json* kind = json.find("kind")) {
    const std::string kind_path = field_path(path, "kind");
    if (!kind->is_string()) return error_at(kind_path, messages::unknown_kind());
    const std::string& id = kind->text();
    bool found = false;
    for (VisitKind candidate : kVisitKinds) {
      if (id == kind_id(candidate)) {
        visit.kind = candidate;
        found = true;
      }
    }
    if (!found) return error_at(kind_path, messages::unknown_kind());
  }
  if (const Json* level = json.find("hospital_level"); level != nullptr && !level->is_null()) {
    if (!level->is_unsigned() || level->unsigned_value() < 1 || level->unsigned_value() > 3)
      return error_at(field_path(path, "hospital_level"), messages::bad_hospital_level());
    visit.hospital_level = static_cast<int>(level->unsigned_value());
  }
  auto designated = read_flag(json, "designated", true, path);
  if (!designated.ok()) return designated.error();
  auto emergency = read_flag(json, "emergency", false, path);
  if (!emergency.ok()) return emergency.error();
  visit.designated = designated.value();
  visit.emergency = emergency.value();

  const Json* total = json.find("total");
  if (total == nullptr) return error_at(field_path(path, "total"), messages::missing_field("total"));
  auto total_amount = read_money_field(*total, "total", path);
  if (!total_amount.ok()) return total_amount.error();
  visit.total = total_amount.value();
  auto in_policy = read_optional_money(json, "in_policy", path);
  if (!in_policy.ok()) return in_policy.error();
  visit.in_policy = in_policy.value().value_or(visit.total);
  if (visit.in_policy > visit.total)
    return error_at(field_path(path, "in_policy"), messages::in_policy_above_total(visit.in_policy, visit.total));
  auto basic_paid = read_optional_money(json, "basic_paid", path);
  if (!basic_paid.ok()) return basic_paid.error();
  auto critical_paid = read_optional_money(json, "critical_paid", path);
  if (!critical_paid.ok()) return critical_paid.error();
  visit.basic_paid = basic_paid.value();
  visit.critical_paid = critical_paid.value();
  if (visit.basic_paid && *visit.basic_paid > visit.in_policy)
    return error_at(field_path(path, "basic_paid"),
                    messages::basic_above_in_policy(*visit.basic_paid, visit.in_policy));
  if (visit.critical_paid && visit.basic_paid.value_or(Fen()) + *visit.critical_paid > visit.in_policy)
    return error_at(
        field_path(path, "critical_paid"),
        messages::paid_above_in_policy(visit.basic_paid.value_or(Fen()), *visit.critical_paid, visit.in_policy));
  if (!visit.covered()) {
    if (visit.basic_paid && *visit.basic_paid > Fen())
      return error_at(field_path(path, "basic_paid"), messages::paid_while_not_covered());
    if (visit.critical_paid && *visit.critical_paid > Fen())
      return error_at(field_path(path, "critical_paid"), messages::paid_while_not_covered());
  }
  return visit;
}

// "parameters": {"<id>": value} or {"<id>": {"value": value, "source": "文号"}}: a rules parameter
// set for this case (provenance given), with the source the person typed.
Status apply_parameter(City& city, const std::string& id, const Json& entry, const std::string& path,
                       std::string& label) {
  const Json* value_json = &entry;
  std::string typed_source;
  if (entry.is_object()) {
    if (Status status = check_object(entry, path, {"value", "source"}); !status.ok()) return status.error();
    value_json = entry.find("value");
    if (value_json == nullptr) return error_at(field_path(path, "value"), messages::missing_field("value"));
    if (Status status = optional_string(entry, "source", path, typed_source); !status.ok()) return status.error();
    if (typed_source.size() > 200) return error_at(field_path(path, "source"), messages::source_too_long());
  }
  const Json& value = *value_json;
  bool found = false;
  for (Period& period : city.periods) {
    for (Parameter* parameter : parameters_of(period)) {
      if (parameter->id != id) continue;
      found = true;
      Status status;
      if (value.is_string()) {
        status = set_parameter_value(*parameter, value.text());
      } else if (parameter->unit == Unit::yuan && (value.is_integer() || value.is_decimal())) {
        Result<Fen> amount = read_money(value, path);
        if (!amount.ok()) return amount.error();
        parameter->state = Parameter::State::value;
        parameter->value = amount.value().fen();
      } else if (parameter->unit == Unit::months && value.is_unsigned()) {
        status = set_parameter_value(*parameter, std::to_string(value.unsigned_value()));
      } else {
        return error_at(path, messages::parameter_wrong_unit(*parameter));
      }
      if (!status.ok()) return error_at(path, messages::parameter_refused(status.error(), *parameter));
      // A fund pays at most what it covers: a band's ratio stays within 100% (as in rules files).
      bool band_ratio =
          parameter->unit == Unit::percent && id.size() > 6 && id.compare(id.size() - 6, 6, ".ratio") == 0;
      if (band_ratio && parameter->value > Ratio::kScale)
        return error_at(path, messages::parameter_refused(messages::rules_ratio_above_100(), *parameter));
      parameter->provenance = Provenance::given;
      parameter->source = {typed_source.empty() ? messages::user_parameter() : typed_source,
                           messages::user_parameter_clause(parameter->label)};
      label = parameter->label;
    }
  }
  if (!found) return error_at(path, messages::unknown_parameter(id, city.name));
  return {};
}

Result<std::shared_ptr<const City>> read_parameters(const Json& root, const City& city,
                                                    std::vector<std::string>& overridden) {
  const Json* parameters = root.find("parameters");
  if (parameters == nullptr) return std::shared_ptr<const City>();
  if (!parameters->is_object()) return error_at("parameters", messages::expected_object());
  auto copy = std::make_shared<City>(city);
  for (const auto& [id, entry] : parameters->members()) {
    std::string label;
    if (Status status = apply_parameter(*copy, id, entry, field_path("parameters", id), label); !status.ok())
      return status.error();
    overridden.push_back(label);
  }
  return std::shared_ptr<const City>(copy);
}

Result<std::optional<Date>> read_applied(const Json& root) {
  const Json* applied = root.find("applied");
  if (applied == nullptr) return std::optional<Date>();
  Result<Date> month = applied->is_string() && applied->text().size() == 7 ? parse_date(applied->text() + "-01")
                                                                           : Result<Date>(Error{"", ""});
  if (!month.ok()) return error_at("applied", messages::bad_applied_month());
  return std::optional<Date>(month.value());
}

Result<std::optional<PriorTier>> read_prior_tier(const Json& prior, const char* name) {
  const Json* tier = prior.find(name);
  if (tier == nullptr) return std::optional<PriorTier>();
  const std::string path = field_path("prior", name);
  if (Status status = check_object(*tier, path, {"base", "paid"}); !status.ok()) return status.error();
  PriorTier amounts;
  for (auto [field, target] : {std::pair{"base", &amounts.base}, std::pair{"paid", &amounts.paid}}) {
    const Json* value = tier->find(field);
    if (value == nullptr) return error_at(field_path(path, field), messages::missing_field(field));
    auto amount = read_money_field(*value, field, path);
    if (!amount.ok()) return amount.error();
    *target = amount.value();
  }
  // A fund pays only on its base: never more than it, never without one.
  if (amounts.paid > amounts.base)
    return error_at(field_path(path, "paid"), messages::prior_paid_above_base(amounts.paid, amounts.base));
  return std::optional<PriorTier>(amounts);
}

Result<std::optional<Prior>> read_prior(const Json& root, const std::vector<Visit>& visits) {
  const Json* json = root.find("prior");
  if (json == nullptr) return std::optional<Prior>();
  if (Status status = check_object(*json, "prior",
                                   {"year", "basic_paid", "critical", "special_drug", "assistance", "reassistance"});
      !status.ok())
    return status.error();
  Prior prior;
  const Json* year = json->find("year");
  if (year == nullptr) return error_at("prior.year", messages::missing_field("year"));
  bool visit_that_year = false;
  if (year->is_unsigned() && year->unsigned_value() >= 1900 && year->unsigned_value() <= 2199) {
    prior.year = static_cast<int>(year->unsigned_value());
    visit_that_year =
        std::any_of(visits.begin(), visits.end(), [&](const Visit& v) { return v.date.year == prior.year; });
  } else {
    return error_at("prior.year", messages::prior_bad_year());
  }
  if (!visit_that_year) return error_at("prior.year", messages::prior_year_without_visit(prior.year));
  auto basic_paid = read_optional_money(*json, "basic_paid", "prior");
  if (!basic_paid.ok()) return basic_paid.error();
  prior.basic_paid = basic_paid.value();
  for (auto [name, target] :
       {std::pair{"critical", &Prior::critical}, std::pair{"special_drug", &Prior::special_drug},
        std::pair{"assistance", &Prior::assistance}, std::pair{"reassistance", &Prior::reassistance}}) {
    auto tier = read_prior_tier(*json, name);
    if (!tier.ok()) return tier.error();
    prior.*target = tier.value();
  }
  return std::optional<Prior>(prior);
}

}  // namespace

Result<Case> read_case(std::string_view json_text) {
  auto root = read_json(json_text);
  if (!root.ok()) return root.error();
  if (Status status =
          check_object(root.value(), "", {"city", "scheme", "identities", "visits", "parameters", "applied", "prior"});
      !status.ok())
    return status.error();
  Case settlement_case;
  auto city = read_city(root.value());
  if (!city.ok()) return city.error();
  settlement_case.city = city.value();
  auto scheme = read_scheme(root.value());
  if (!scheme.ok()) return scheme.error();
  settlement_case.scheme = scheme.value();
  auto identities = read_identities(root.value(), *city.value());
  if (!identities.ok()) return identities.error();
  settlement_case.identities = identities.value();
  auto overridden_city = read_parameters(root.value(), *city.value(), settlement_case.overridden);
  if (!overridden_city.ok()) return overridden_city.error();
  if (overridden_city.value()) {
    settlement_case.overridden_city = overridden_city.value();
    settlement_case.city = overridden_city.value().get();
  }
  auto applied = read_applied(root.value());
  if (!applied.ok()) return applied.error();
  settlement_case.applied = applied.value();

  auto visits = required_array(root.value(), "visits", "");
  if (!visits.ok()) return visits.error();
  if (visits.value()->empty()) return error_at("visits", messages::no_visits());
  if (visits.value()->size() > kMaxVisits) return error_at("visits", messages::too_many_visits(kMaxVisits));
  for (size_t i = 0; i < visits.value()->size(); ++i) {
    auto visit = read_visit((*visits.value())[i], index_path("visits", i), *settlement_case.city);
    if (!visit.ok()) return visit.error();
    settlement_case.visits.push_back(visit.value());
  }
  auto prior = read_prior(root.value(), settlement_case.visits);
  if (!prior.ok()) return prior.error();
  settlement_case.prior = prior.value();
  return settlement_case;
}

}  // namespace settle::detail

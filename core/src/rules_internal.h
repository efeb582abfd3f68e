// What only the core and its tests use of the rules model: lookups, the parameter walk, and the
// ASCII ids the JSON output writes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "settle/result.h"
#include "settle/rules.h"

namespace settle {

// Every parameter of a period, each once, in file order: what cities() lists and what a case's
// "parameters" may override.
std::vector<const Parameter*> parameters_of(const Period& period);
std::vector<Parameter*> parameters_of(Period& period);

// Sets a parameter from its text form ("7000", "80%", "12", "none"), checking the unit.
Status set_parameter_value(Parameter& parameter, const std::string& text);

// The 大病保险 accumulator a visit kind goes to: inpatient and chronic outpatient share one,
// special drugs have their own, ordinary outpatient visits get none (CONTRACT.md).
std::optional<Pool> critical_pool(VisitKind kind);

// The rule of `period` for this tier and pool that covers the scheme and the category, if any.
const TierRule* find_rule(const Period& period, Tier tier, Pool pool, Scheme scheme, const std::string& category);

// The contract's ids ("employee", "inpatient", "critical", "special_drug", "stated").
const char* scheme_id(Scheme scheme);
const char* kind_id(VisitKind kind);
const char* tier_id(Tier tier);
const char* pool_id(Pool pool);
const char* provenance_id(Provenance provenance);

}  // namespace settle

// The Chinese sentence of each step: what the base was, which rule applied, what was paid, why.
#pragma once

#include <optional>
#include <string>

#include "engine.h"

namespace settle::detail {

std::string explain_tier(const Step& step, VisitKind kind, const std::string& category_name);
std::string explain_basic_estimate(const Step& step, VisitKind kind, std::optional<int> hospital_level,
                                   bool repeat_admission, bool yielded_to_slip);
std::string explain_missing(Tier tier, Pool pool);
std::string explain_look_back_outside(Tier tier, const std::string& from, const std::string& to);
std::string explain_given(const Step& step);
std::string explain_not_covered(const Step& step, const Clause* rule);
// Assistance where the city names 定点 institutions only: the clause, read as excluding the rest.
std::string explain_not_assisted_outside_designated(const Step& step, const Clause& designated_only);
std::string explain_kind_without_critical(VisitKind kind);
std::string explain_kind_not_assisted(Tier tier, VisitKind kind);
std::string explain_kind_assistance_missing(Tier tier, VisitKind kind, const std::string& note);
std::string explain_no_rule(const Step& step, const std::string& category_name, const TierGap* gap, bool general);

}  // namespace settle::detail

// Every user-facing sentence about input errors and warnings, in one place, in plain Chinese.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "settle/money.h"
#include "settle/result.h"
#include "settle/rules.h"

namespace settle::detail {

// An error message comes with its stable code (set beside it in messages.cpp) and no path:
// the caller knows where it is, error_at(path, messages::missing_field("date")).
// Out of line: a hundred call sites would each inline Error's moves (WebAssembly size).
Error error_at(std::string path, Error error);

}  // namespace settle::detail

namespace settle::detail::messages {

// "18,550.00 元": an amount in a sentence.
std::string yuan(Fen amount);

// Reading JSON
Error not_json(size_t byte_position);
Error too_large(size_t max_bytes);
Error too_deep(int max_depth);
Error duplicate_key(const std::string& key);
Error expected_object();
Error expected_array();
Error expected_string();
Error expected_boolean();
Error missing_field(const std::string& name);
Error unknown_field(const std::string& name, std::initializer_list<std::string_view> known);
Error one_of(const std::vector<std::string>& names);
Error nul_byte(size_t byte_number);
Error empty_input();
Error input_is_directory();
Error input_is_device();

// Dates and amounts as text (parse_date, parse_yuan, parse_percent)
Error date_format();
Error date_year();
Error date_month();
Error date_day(std::string_view text);
Error amount_decimals();
Error amount_not_a_number();
Error ratio_format();
Error ratio_range();

// Money
Error amount_too_large();
Error amount_negative();
Error amount_wrong_type();
Error number_out_of_range();

// The case
Error unknown_city(const std::string& id, const std::vector<City>& cities);
Error unknown_scheme();
Error unknown_category(const std::string& id, const City& city);
Error unknown_kind();
Error bad_hospital_level();
Error no_policy_on(const City& city, const std::string& date);
Error in_policy_above_total(Fen in_policy, Fen total);
Error basic_above_in_policy(Fen basic, Fen in_policy);
Error paid_above_in_policy(Fen basic, Fen critical, Fen in_policy);
Error paid_while_not_covered();
Error no_visits();
Error too_many_visits(size_t max_visits);

Error unknown_parameter(const std::string& id, const std::string& city);
Error parameter_wrong_unit(const Parameter& parameter);
// A typed value refused for `reason`, with what the parameter takes.
Error parameter_refused(const Error& reason, const Parameter& parameter);
std::string calendar_year(int year);  // "2024 年"
std::string user_parameter();
std::string user_parameter_clause(const std::string& label);
Error source_too_long();
Error bad_applied_month();
Error prior_paid_above_base(Fen paid, Fen base);
Error prior_bad_year();
Error prior_year_without_visit(int year);
Error prior_above_cap(const std::string& tier, Fen paid, Fen cap);
// The prior 再救助 not typed: its base follows from the prior assistance, paid as its rule gives.
std::string prior_reassistance_assumed(Fen base, Fen paid);
std::string prior_included(Fen paid);
// tier_kind: 1 大病保险, 2 医疗救助, 3 再救助 (the Tier enum's order)
// "认定期间（2023-09-01 至 2024-12-31）": a 因病致贫 recognition's window in a sentence.
std::string window_name(const std::string& from, const std::string& to);
// The last visit is after the recognition's window: nothing is left of it.
std::string window_ended(const std::string& tier, const std::string& from, const std::string& to);
std::string year_left(const std::string& tier, const std::string& period, Fen paid, Parameter::State cap_state,
                      bool cap_assumed, Fen cap, Fen left, const std::optional<Fen>& to_threshold, int tier_kind);

// Tiers that the rules on file cannot compute
std::string basic_needed(const std::string& city, const std::string& scheme, const std::string& kind,
                         bool has_inpatient_estimate);
Error hospital_level_needed();
std::string basic_parameter_missing(const Parameter& parameter);
std::string critical_rule_missing(const std::string& city, const std::string& scheme, const std::string& category,
                                  bool special_drug);
std::string critical_parameter_missing(const Parameter& parameter);
std::string parameter_missing(const Parameter& parameter);
Error parameters_missing(const std::vector<std::string>& labels);
std::string slip_label(size_t visit_number, const std::string& tier);
std::string cap_taken_as_unreached(const Parameter& cap);
std::string category_incomplete(const std::string& category, const std::vector<std::string>& labels);

// Warnings
std::string basic_estimated(size_t visit_number);
std::string preliminary(const std::string& note);
std::string parameters_overridden(const std::vector<std::string>& labels);
std::string applied_missing(const std::string& category, int64_t months);
// The 因病致贫 window is a reading of the clause: said once per settlement that uses it.
std::string recognition_window(const std::string& from, const std::string& to, int64_t months, const Source& source);
// A one-time assistance (一次性救助) computed as a running yearly figure.
std::string lump_sum_as_running(const std::string& tier, const Source& source);
std::string outside_recognition(size_t visit_number, const std::string& from, const std::string& to);
std::string visit_not_covered(size_t visit_number, const std::string& date);
std::string employee_supplement_name();
std::string employee_supplement();
std::string kind_not_assisted(size_t visit_number, const std::string& kind, const std::string& city, bool assumed,
                              const Source& source);
std::string general_not_assisted(const TierGap* gap);
std::string no_assistance_rule(const std::string& city, const std::string& category, Tier tier);
std::string no_tier_for_category(const std::string& category, Tier tier, const TierGap& gap);
std::string earlier_policy_not_on_file(const std::string& city, const std::string& category, const TierGap& gap);
std::string no_standard_clause();
std::string kind_assistance_missing(size_t visit_number, const std::string& kind, const std::string& city,
                                    const std::string& note);
std::string assumed_category(const std::string& name, const std::string& note);
// A step of such a visit where no clause states the emergency exception.
std::string emergency_as_designated();
std::string emergency_non_designated(size_t visit_number, const std::optional<Clause>& rule,
                                     const std::optional<Clause>& designated_only);
std::string documents(const Period& period);
std::string rules_may_be_outdated(const std::string& city, const std::string& newest, bool date_assumed,
                                  const std::string& date);
std::string assumed_parameter(const Parameter& parameter);
std::string assumed_kinds(const Source& source, const std::string& note);
std::string assumed_period_start(const std::string& document, const std::string& date);
std::string early_warning_no_income(int year);
std::string early_warning(const std::string& category, const std::string& date, Fen burden, Fen threshold, Ratio share,
                          Fen income, int income_year, const Source& source, bool supplement_not_deducted);
std::string identity_chosen(const std::vector<std::pair<std::string, Fen>>& benefits, const std::string& chosen,
                            const std::optional<Clause>& rule);

// Names and sources
std::string general_category_name();
std::string settlement_slip();
std::string basic_slip_clause();
std::string critical_slip_clause();
std::string contract();
std::string contract_critical_kinds();
std::string contract_not_covered();

// Parameter labels (plain Chinese names of the rules' numbers)
std::string list_of(const std::vector<std::string>& items, const char* separator = "、");
const char* tier_name(Tier tier, Pool pool);  // 基本医保, 大病保险, 大病保险特殊药品, 医疗救助, 再救助
std::string basic_label_name(const std::string& kinds);
std::string early_warning_name();
std::string parameter_label(const std::string& tier, const std::string& role, const std::string& who);
// The badge's words for a provenance (as on the page): 原文规定, 依规推算, 假设参数, ...
const char* provenance_name(Provenance provenance);
std::string role_deductible(std::optional<int> year);
std::string role_band_upper(size_t band);
std::string role_bands_upper();
std::string role_bands_ratio();
std::string role_ratio(std::optional<size_t> band);
std::string role_cap();
std::string role_look_back();
std::string role_repeat_share();
std::string role_share();
std::string level_and(std::optional<int> level, const std::string& who);
std::string income_label(int year);

// Rules files
Error rules_missing_needs_note();
Error rules_reading_needs_note();
Error rules_unlimited_not_allowed();
Error rules_unknown_category(const std::string& id);
Error rules_empty_list();
// The rules built into the module cannot be read back (a build fault, never a case's).
Error rules_unreadable();
Error rules_pool_only_for_critical();
Error rules_ratio_above_100();
Error rules_band_order();
Error rules_duplicate_id(const std::string& id);
Error rules_overlap(const std::string& first, const std::string& second);
Error rules_period_order();
Error rules_three_levels();
Error rules_not_reached_only_caps();
Error bad_months();
Error rules_city_file(const std::string& id, const std::string& file);

}  // namespace settle::detail::messages

// The case (CONTRACT.md "Case (input)") read from JSON and checked field by field.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules_internal.h"

namespace settle::detail {

struct Visit {
  Date date;
  const Period* period = nullptr;  // the rules in force on `date`
  VisitKind kind = VisitKind::inpatient;
  std::optional<int> hospital_level;
  bool designated = true;
  bool emergency = false;
  Fen total;
  Fen in_policy;
  std::optional<Fen> basic_paid;
  std::optional<Fen> critical_paid;

  // 定点, or 急诊抢救 elsewhere: only then may any fund pay.
  bool covered() const { return designated || emergency; }
};

// What the funds paid earlier in a year, before the first visit the case gives (staff read it
// from their own system): each yearly accumulator starts from it.
struct PriorTier {
  Fen base;  // the tier's accumulated base so far this year
  Fen paid;  // what the tier has paid so far this year
};
struct Prior {
  int year = 0;
  std::optional<Fen> basic_paid;          // 基本医保统筹基金 so far (counts toward an estimate's yearly cap)
  std::optional<PriorTier> critical;      // 大病保险 (住院 + 门诊慢特病)
  std::optional<PriorTier> special_drug;  // 大病保险特殊药品
  std::optional<PriorTier> assistance;
  std::optional<PriorTier> reassistance;
};

struct Case {
  const City* city = nullptr;
  // The city's rules with the case's "parameters" applied (provenance given), when it has any.
  std::shared_ptr<const City> overridden_city;
  std::vector<std::string> overridden;  // labels of the parameters the case set
  // 因病致贫 申请月份 (first day of that month), for the look-back of 烟政办发〔2022〕25号 三（七）.
  std::optional<Date> applied;
  Scheme scheme = Scheme::resident;
  std::vector<std::string> identities;  // empty = 普通参保人员
  std::vector<Visit> visits;
  std::optional<Prior> prior;  // "prior": the year so far
};

constexpr size_t kMaxVisits = 1000;

Result<Case> read_case(std::string_view json_text);

}  // namespace settle::detail

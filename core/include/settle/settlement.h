// What a settlement is: per visit the amount of each tier, every step with what it used and
// why, the warnings, what is left of the year, and the 就高不重复 comparison.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "settle/date.h"
#include "settle/money.h"
#include "settle/result.h"
#include "settle/rules.h"

namespace settle {

namespace detail {
struct Case;  // the case as read (core/src/case_input.h)
}

struct Segment {
  Fen from;
  std::optional<Fen> to;       // none = no upper bound
  std::optional<Ratio> ratio;  // none = not on file (only shown when the base never reached it)
};

// How a step's deductible or cap is shown: a number, none by the rule (不设), not on file (未收录),
// or not used (a slip's amount, a visit no fund pays).
enum class Shown { value, none, missing, not_used };

// One tier for one visit, with everything needed to redo it by hand.
// Values of a step's schedule cited from elsewhere than the rule's own clause (a national floor
// under a city's clause, a value the user typed), grouped by source: "起付标准、支付比例".
struct CitedSource {
  std::string parameters;
  Source source;
  Provenance provenance = Provenance::stated;
};

struct Step {
  Tier tier = Tier::basic;
  Pool pool = Pool::assistance;
  std::string name;  // the tier's name in this city (柳州 employees: 职工大额医疗费用补助)
  size_t visit = 0;
  Fen base;       // this visit's base for the tier
  Fen year_base;  // the year's accumulated base, this visit included
  std::optional<Fen> deductible;
  std::vector<Segment> segments;
  bool has_cap = false;
  bool cap_unknown = false;  // the cap is not on file; the figure takes it as not reached (粗估)
  bool cap_assumed = false;  // the cap (or that there is none) is an assumed value
  Fen cap;
  Fen cap_left;
  Fen paid_before;  // paid by this tier earlier in the year
  Fen prior_paid;   // of which typed by the user as the year so far ("prior")
  Fen paid;
  Fen year_figure;  // f(year base): what the year (or window) comes to, this visit included
  Shown deductible_shown = Shown::not_used;
  Shown cap_shown = Shown::not_used;
  std::optional<std::pair<Date, Date>> window;  // 因病致贫: the recognition's window instead of the year
  std::string text;
  Source source;
  std::vector<CitedSource> parameter_sources;  // values not from `source`, each group once
  Provenance provenance = Provenance::stated;  // the weakest of `provenances`
  std::vector<Provenance> provenances;         // everything the step used, each once
};

struct VisitAmounts {
  Fen basic;
  Fen critical;
  Fen assistance;
  Fen reassistance;
  bool estimated = false;
};

// A number the case needs and the rules on file lack, with the JSON path an error would name.
struct Missing {
  MissingValue value;
  std::string path;
};

struct Warning {
  std::string code;
  std::string message;
  std::optional<size_t> visit;
  std::vector<MissingValue> missing;  // "category_incomplete": what that category still lacks
};

// What is left this year, per tier, after the last visit's year (自然年度): cap, used, left, and
// how far the base is from the tier's deductible.
struct YearLeft {
  Tier tier = Tier::critical;
  Pool pool = Pool::critical;
  Fen base;  // the year's accumulated base
  Fen paid;  // the year's payments of this tier (the prior included)
  std::optional<Fen> deductible;
  Parameter::State cap_state = Parameter::State::missing;
  Fen cap;
  Fen left;                                     // cap − paid, never below 0 (cap_state value only)
  std::optional<Fen> to_threshold;              // the base's distance to the deductible, when below it
  std::optional<std::pair<Date, Date>> window;  // 因病致贫: the recognition's window, not the year
  std::string text;
};

struct CategoryBenefit {
  std::string identity;
  std::string name;
  Fen benefit;
};

struct Settlement {
  // The case as read (its city, scheme and visits): what the serializer prints beside the amounts.
  std::shared_ptr<const detail::Case> settled_case;
  std::string identity;  // "general" when the case gives none
  std::string identity_name;
  std::vector<VisitAmounts> visits;  // input order
  std::vector<Step> steps;           // date order, tiers in order within a visit
  std::vector<Warning> warnings;
  std::vector<CategoryBenefit> comparison;  // 就高不重复: every category compared
  std::vector<Missing> missing;             // not empty: this category could not be settled
  int year_left_year = 0;
  std::vector<YearLeft> year_left;

  // critical + assistance + reassistance over the whole case: what 就高 ranks.
  Fen benefit() const;
};

}  // namespace settle

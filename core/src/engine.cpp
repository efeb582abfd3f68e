#include "engine.h"

#include <algorithm>
#include <map>
#include <set>

#include "explain.h"
#include "messages.h"

namespace settle::detail {

Fen Settlement::benefit() const {
  Fen sum;
  for (const VisitAmounts& visit : visits) sum += visit.critical + visit.assistance + visit.reassistance;
  return sum;
}

namespace {

constexpr const char* kGeneral = "general";

// A tier's yearly accumulator: the base so far and what the tier has paid so far.
struct Accumulator {
  Fen base;
  Fen paid;
};

struct YearState {
  Accumulator basic;
  int inpatient_admissions = 0;  // covered inpatient visits so far (for the repeat deductible)
  std::map<Pool, Accumulator> critical;
  Accumulator assistance;
  Accumulator reassistance;
  Fen personal_burden;  // after basic and critical, for the early warning
  bool early_warning_raised = false;
};

struct YearlyFigure {
  Fen amount;  // f(year base), rounded half-up, capped
  const Parameter* missing = nullptr;
};

bool has(const Parameter& parameter) {
  return parameter.state != Parameter::State::missing;
}

// f(base): deductible, then each band's part at its ratio, rounded once, then the yearly cap.
YearlyFigure yearly_figure(const TierRule& rule, Fen year_base) {
  if (!has(rule.deductible)) return {Fen(), &rule.deductible};
  Fen lower = rule.deductible.amount();
  if (year_base <= lower) return {Fen()};
  ExactSum sum;
  for (const Band& band : rule.bands) {
    if (!has(band.to)) return {Fen(), &band.to};
    bool unlimited = band.to.state == Parameter::State::unlimited;
    Fen upper = unlimited ? year_base : band.to.amount();
    if (upper <= lower) continue;
    Fen portion = min(year_base, upper) - lower;
    if (portion <= Fen()) break;
    if (!has(band.ratio)) return {Fen(), &band.ratio};
    sum.add(portion, band.ratio.ratio());
    lower = upper;
  }
  Fen amount = sum.round_half_up();
  if (rule.cap.state == Parameter::State::unlimited || amount == Fen()) return {amount};
  if (!has(rule.cap)) return {Fen(), &rule.cap};
  return {min(amount, rule.cap.amount())};
}

Provenance weakest(Provenance a, Provenance b) {
  return weakness(a) > weakness(b) ? a : b;
}

void add_provenance(std::vector<Provenance>& provenances, Provenance provenance) {
  if (std::find(provenances.begin(), provenances.end(), provenance) == provenances.end())
    provenances.push_back(provenance);
}

// What a rule's step used: every value on file of the schedule (a value not on file was not used:
// the step could not have been computed otherwise).
std::vector<Provenance> rule_provenances(const TierRule& rule) {
  std::vector<Provenance> provenances;
  auto add = [&](const Parameter& parameter) {
    if (parameter.state != Parameter::State::missing) add_provenance(provenances, parameter.provenance);
  };
  add(rule.deductible);
  for (const Band& band : rule.bands) {
    add(band.to);
    add(band.ratio);
  }
  add(rule.cap);
  if (rule.look_back) add(*rule.look_back);
  return provenances;
}

Shown shown(const Parameter& parameter) {
  switch (parameter.state) {
    case Parameter::State::value: return Shown::value;
    case Parameter::State::unlimited: return Shown::none;
    case Parameter::State::missing: return Shown::missing;
  }
  return Shown::missing;
}

// The gap clause of a period for a tier and category, if any.
const TierGap* gap_for(const Period& period, Tier tier, const std::string& category) {
  for (const TierGap& gap : period.gaps) {
    if (std::find(gap.tiers.begin(), gap.tiers.end(), tier) != gap.tiers.end() &&
        std::find(gap.categories.begin(), gap.categories.end(), category) != gap.categories.end())
      return &gap;
  }
  return nullptr;
}

std::vector<Segment> segments_of(const TierRule& rule) {
  std::vector<Segment> segments;
  Fen lower = has(rule.deductible) ? rule.deductible.amount() : Fen();
  for (const Band& band : rule.bands) {
    std::optional<Fen> upper;
    if (band.to.state == Parameter::State::value) upper = band.to.amount();
    if (upper && *upper <= lower) continue;
    std::optional<Ratio> ratio;
    if (has(band.ratio)) ratio = band.ratio.ratio();
    segments.push_back({lower, upper, ratio});
    if (upper) lower = *upper;
  }
  return segments;
}

// 烟政办发〔2022〕25号 三（七）: the burden may reach back `months` before the month of application,
// and one recognition covers one natural year: the window runs to the end of the application's year.
std::pair<Date, Date> recognition_window(const Date& applied_month, int64_t months) {
  int64_t month_index = applied_month.year * 12L + (applied_month.month - 1) - months;
  Date from{static_cast<int>(month_index / 12), static_cast<int>(month_index % 12) + 1, 1};
  return {from, Date{applied_month.year, 12, 31}};
}

// Settles every visit under one category.
class CategorySettler {
 public:
  // `explained` = with every step, its sources and its Chinese sentence; `warned` = with the
  // warnings. The 就高 comparison runs need neither when the winner is settled again.
  CategorySettler(const Case& settlement_case, std::string category, bool explained, bool warned)
      : case_(settlement_case), category_(std::move(category)), explained_(explained), warnings_wanted_(warned) {
    const Category* known = case_.city->category(category_);
    category_name_ = known != nullptr ? known->name : messages::general_category_name();
  }

  Result<Settlement> run() {
    settlement_.settled_case = &case_;
    settlement_.identity = category_;
    settlement_.identity_name = category_name_;
    settlement_.visits.resize(case_.visits.size());
    if (explained_) settlement_.steps.reserve(4 * case_.visits.size());
    if (!case_.overridden.empty())
      warn(
          "parameter_override", [&] { return messages::parameters_overridden(overridden_labels()); }, std::nullopt);
    if (const Category* known = case_.city->category(category_); known != nullptr && !known->assumed.empty())
      warn(
          "assumed_category", [&] { return messages::assumed_category(known->name, known->assumed); }, std::nullopt);
    std::vector<size_t> order(case_.visits.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return case_.visits[a].date.days_since_epoch() < case_.visits[b].date.days_since_epoch();
    });
    for (size_t index : order) {
      if (auto error = settle_visit(index)) return *error;
    }
    return std::move(settlement_);
  }

 private:
  std::optional<Error> settle_visit(size_t index) {
    const Visit& visit = case_.visits[index];
    YearState& year = years_[visit.date.year];
    VisitAmounts& amounts = settlement_.visits[index];
    warn_about_period(*visit.period);
    warn_if_outdated(index);
    if (!visit.covered()) {
      settle_uncovered(index);
    } else {
      if (auto error = settle_basic(index, year)) return error;
      if (auto error = settle_critical(index, year)) return error;
      if (auto error = settle_assistance(index, year)) return error;
      if (!visit.designated) warn_emergency(index);
    }
    year.personal_burden += visit.total - amounts.basic - amounts.critical;
    check_early_warning(index, year);
    return std::nullopt;
  }

  void settle_uncovered(size_t index) {
    const Visit& visit = case_.visits[index];
    const std::optional<Clause>& rule = visit.period->non_designated;
    for (Tier tier : {Tier::basic, Tier::critical, Tier::assistance, Tier::reassistance}) {
      Step step = blank_step(index, tier);
      step.base = tier == Tier::basic ? visit.in_policy : Fen();
      cite(step, [&] { return rule ? rule->source : Source{messages::contract(), messages::contract_not_covered()}; });
      step.provenance = rule ? Provenance::stated : Provenance::convention;
      explain(step, [&] { return explain_not_covered(step, rule ? &*rule : nullptr); });
      keep(std::move(step));
    }
    warn(
        "not_covered", [&] { return messages::visit_not_covered(index + 1, visit.date.to_string()); }, index);
  }

  std::optional<Error> settle_basic(size_t index, YearState& year) {
    const Visit& visit = case_.visits[index];
    Step step = blank_step(index, Tier::basic);
    step.base = visit.in_policy;
    step.paid_before = year.basic.paid;
    year.basic.base += visit.in_policy;
    step.year_base = year.basic.base;
    bool repeat_admission = visit.kind == VisitKind::inpatient && year.inpatient_admissions > 0;
    if (visit.kind == VisitKind::inpatient) ++year.inpatient_admissions;
    if (visit.basic_paid) {
      step.paid = *visit.basic_paid;
      step.provenance = Provenance::given;
      cite(step, [] { return Source{messages::settlement_slip(), messages::basic_slip_clause()}; });
      explain(step, [&] { return explain_given(step); });
    } else {
      if (auto error = estimate_basic(index, repeat_admission, year.basic, step)) return error;
      settlement_.visits[index].estimated = true;
      warn(
          "basic_estimated", [&] { return messages::basic_estimated(index + 1); }, index);
    }
    year.basic.paid += step.paid;
    settlement_.visits[index].basic = step.paid;
    keep(std::move(step));
    return std::nullopt;
  }

  // 基本医保 estimated from the leads on file (provenance assumed): per admission, by hospital level.
  std::optional<Error> estimate_basic(size_t index, bool repeat_admission, const Accumulator& year_basic, Step& step) {
    const Visit& visit = case_.visits[index];
    const std::string path = "visits[" + std::to_string(index) + "].basic_paid";
    const BasicEstimate* estimate = nullptr;
    for (const BasicEstimate& candidate : visit.period->basic_estimates) {
      if (std::find(candidate.schemes.begin(), candidate.schemes.end(), case_.scheme) != candidate.schemes.end())
        estimate = &candidate;
    }
    if (estimate == nullptr || visit.kind != VisitKind::inpatient)
      return Error{path, messages::basic_needed(case_.city->name, scheme_name(case_.scheme), kind_name(visit.kind),
                                                estimate != nullptr)};
    if (!visit.hospital_level)
      return Error{"visits[" + std::to_string(index) + "].hospital_level", messages::hospital_level_needed()};
    const BasicLevel& level = estimate->levels[*visit.hospital_level - 1];
    std::vector<const Parameter*> needed = {&level.deductible, &level.ratio, &estimate->cap};
    if (repeat_admission) needed.push_back(&estimate->repeat_deductible_share);
    for (const Parameter* parameter : needed) {
      if (!has(*parameter)) return Error{path, messages::basic_parameter_missing(*parameter)};
      note_assumed(*parameter);
    }
    Fen deductible = level.deductible.amount();
    if (repeat_admission) {
      ExactSum share;
      share.add(deductible, estimate->repeat_deductible_share.ratio());
      deductible = share.round_half_up();
    }
    ExactSum paid;
    paid.add(max(Fen(), visit.in_policy - deductible), level.ratio.ratio());
    step.paid = paid.round_half_up();
    step.deductible = deductible;
    step.segments = {{deductible, std::nullopt, level.ratio.ratio()}};
    step.has_cap = estimate->cap.state == Parameter::State::value;
    if (step.has_cap) {
      step.cap = estimate->cap.amount();
      step.paid = clamp(step.paid, Fen(), max(Fen(), step.cap - year_basic.paid));
      step.cap_left = step.cap - year_basic.paid - step.paid;
    }
    cite(step, [&] { return estimate->source; });
    step.provenance = weakest(weakest(level.deductible.provenance, level.ratio.provenance),
                              weakest(estimate->repeat_deductible_share.provenance, estimate->cap.provenance));
    explain(step, [&] { return explain_basic_estimate(step, *visit.hospital_level, repeat_admission); });
    return std::nullopt;
  }

  std::optional<Error> settle_critical(size_t index, YearState& year) {
    const Visit& visit = case_.visits[index];
    VisitAmounts& amounts = settlement_.visits[index];
    const Fen own_base = visit.in_policy - amounts.basic;
    std::optional<Pool> pool = critical_pool(visit.kind);
    Step step = blank_step(index, Tier::critical);
    step.base = own_base;
    if (!pool) {
      step.paid = visit.critical_paid.value_or(Fen());
      step.provenance = visit.critical_paid ? Provenance::given : Provenance::convention;
      cite(step, [] { return Source{messages::contract(), messages::contract_critical_kinds()}; });
      explain(step,
              [&] { return visit.critical_paid ? explain_given(step) : explain_kind_without_critical(visit.kind); });
      amounts.critical = step.paid;
      keep(std::move(step));
      return std::nullopt;
    }
    step.pool = *pool;
    Accumulator& accumulator = year.critical[*pool];
    if (visit.critical_paid) {
      // A slip's figure counts as paid in the year's running totals.
      accumulator.base += own_base;
      step.year_base = accumulator.base;
      step.paid_before = accumulator.paid;
      step.paid = *visit.critical_paid;
      accumulator.paid += step.paid;
      step.provenance = Provenance::given;
      cite(step, [] { return Source{messages::settlement_slip(), messages::critical_slip_clause()}; });
      explain(step, [&] { return explain_given(step); });
    } else {
      const TierRule* rule = rule_for(*visit.period, Tier::critical, *pool);
      if (rule == nullptr)
        return Error{"visits[" + std::to_string(index) + "].critical_paid",
                     messages::critical_rule_missing(case_.city->name, scheme_name(case_.scheme), category_name_,
                                                     *pool == Pool::special_drug)};
      if (auto error = pay_tier(step, *rule, accumulator, own_base, visit.kind)) return error;
      if (case_.scheme == Scheme::employee)
        warn(
            "employee_supplement", [] { return messages::employee_supplement(); }, std::nullopt);
    }
    amounts.critical = step.paid;
    keep(std::move(step));
    return std::nullopt;
  }

  std::optional<Error> settle_assistance(size_t index, YearState& year) {
    const Visit& visit = case_.visits[index];
    const Period& period = *visit.period;
    VisitAmounts& amounts = settlement_.visits[index];
    const Fen own_base = visit.in_policy - amounts.basic - amounts.critical;
    const TierRule* rule = rule_for(period, Tier::assistance, Pool::assistance);
    const TierRule* re_rule = rule_for(period, Tier::reassistance, Pool::assistance);
    bool kind_assisted = std::find(period.assistance_kinds.begin(), period.assistance_kinds.end(), visit.kind) !=
                         period.assistance_kinds.end();
    if (!kind_assisted) {
      bool not_on_file = std::find(period.assistance_kinds_missing.begin(), period.assistance_kinds_missing.end(),
                                   visit.kind) != period.assistance_kinds_missing.end();
      if (not_on_file) {
        warn(
            "kind_assistance_missing",
            [&] {
              return messages::kind_assistance_missing(index + 1, kind_name(visit.kind), case_.city->name,
                                                       period.assistance_kinds_missing_note);
            },
            index);
        push_unpaid_assistance(index, own_base, period.assistance_kinds_source, Provenance::missing, [&](Tier tier) {
          return explain_kind_assistance_missing(tier, visit.kind, period.assistance_kinds_missing_note);
        });
        return std::nullopt;
      }
      warn(
          "kind_not_assisted",
          [&] {
            return messages::kind_not_assisted(index + 1, kind_name(visit.kind), case_.city->name,
                                               period.assistance_kinds_provenance == Provenance::assumed);
          },
          index);
      push_unpaid_assistance(index, own_base, period.assistance_kinds_source, period.assistance_kinds_provenance,
                             [&](Tier tier) { return explain_kind_not_assisted(tier, visit.kind); });
      return std::nullopt;
    }
    if (rule == nullptr) {
      settle_without_rule(index, Tier::assistance, own_base);
      return std::nullopt;
    }
    bool kind_assumed = std::find(period.assistance_kinds_assumed.begin(), period.assistance_kinds_assumed.end(),
                                  visit.kind) != period.assistance_kinds_assumed.end();
    if (kind_assumed || period.assistance_kinds_provenance == Provenance::assumed) warn_assumed_kinds(period);

    // The yearly accumulators: the calendar year, or a 因病致贫 recognition's window.
    Accumulator* assistance_so_far = &year.assistance;
    Accumulator* reassistance_so_far = &year.reassistance;
    std::optional<std::pair<Date, Date>> window;
    if (rule->look_back && has(*rule->look_back)) {
      if (!case_.applied) {
        warn(
            "applied_missing", [&] { return messages::applied_missing(category_name_); }, std::nullopt);
      } else {
        auto [from, to] = recognition_window(*case_.applied, rule->look_back->value);
        note_assumed(*rule->look_back);
        if (visit.date < from || to < visit.date) {
          warn(
              "outside_recognition",
              [&, from = from, to = to] {
                return messages::outside_recognition(index + 1, from.to_string(), to.to_string());
              },
              index);
          push_unpaid_assistance(index, own_base, rule->source, rule->look_back->provenance,
                                 [&, from = from, to = to](Tier tier) {
                                   return explain_look_back_outside(tier, from.to_string(), to.to_string());
                                 });
          return std::nullopt;
        }
        window = std::make_pair(from, to);
        assistance_so_far = &recognition_.assistance;
        reassistance_so_far = &recognition_.reassistance;
      }
    }

    Step assistance = blank_step(index, Tier::assistance);
    assistance.window = window;
    if (auto error = pay_tier(assistance, *rule, *assistance_so_far, own_base, visit.kind)) return error;
    amounts.assistance = assistance.paid;
    const Fen assistance_paid = assistance.paid;
    keep(std::move(assistance));

    const Fen re_base = own_base - assistance_paid;
    if (re_rule == nullptr) {
      settle_without_rule(index, Tier::reassistance, re_base);
      return std::nullopt;
    }
    Step reassistance = blank_step(index, Tier::reassistance);
    reassistance.window = window;
    if (auto error = pay_tier(reassistance, *re_rule, *reassistance_so_far, re_base, visit.kind)) return error;
    amounts.reassistance = reassistance.paid;
    keep(std::move(reassistance));
    return std::nullopt;
  }

  // A tier with no schedule for this category: the document gives the group none (stated), the
  // group is not a 救助对象 (stated where the city's document lists them, else the calculator's
  // rule), or its standards are not on file (未收录: the result may overstate the burden).
  void settle_without_rule(size_t index, Tier tier, Fen base) {
    const Period& period = *case_.visits[index].period;
    const TierGap* gap = gap_for(period, tier, category_);
    const bool earlier = gap != nullptr && gap->reading == TierGap::Reading::earlier_policy;
    if (gap != nullptr && earlier) {
      warn(
          "earlier_policy_not_on_file",
          [&] { return messages::earlier_policy_not_on_file(case_.city->name, category_name_, *gap); }, std::nullopt);
    } else if (category_ == kGeneral) {
      warn(
          "not_assistance_target", [&] { return messages::general_not_assisted(gap); }, std::nullopt);
    } else if (gap != nullptr) {
      warn(
          "no_tier_for_category", [&] { return messages::no_tier_for_category(category_name_, tier, *gap); },
          std::nullopt, tier_id(tier));
    } else {
      warn(
          "no_assistance_rule", [&] { return messages::no_assistance_rule(case_.city->name, category_name_, tier); },
          std::nullopt, tier_id(tier));
    }
    const std::vector<Tier> tiers =
        tier == Tier::assistance ? std::vector<Tier>{Tier::assistance, Tier::reassistance} : std::vector<Tier>{tier};
    for (Tier each : tiers) {
      Step step = blank_step(index, each);
      step.base = each == tier ? base : Fen();
      const TierGap* each_gap = gap_for(period, each, category_);
      const bool stated = each_gap != nullptr && each_gap->reading == TierGap::Reading::none;
      if (each_gap != nullptr) {
        cite(step, [&] { return each_gap->source; });
      } else {
        cite(step, [&] { return Source{period.document.document, messages::no_standard_clause()}; });
      }
      step.provenance = stated                  ? Provenance::stated
                        : category_ == kGeneral ? Provenance::convention
                                                : Provenance::missing;
      explain(step, [&] { return explain_no_rule(step, category_name_, each_gap, category_ == kGeneral); });
      keep(std::move(step));
    }
  }

  // One tier of one visit on a running yearly total: f(year base) − paid so far, kept between 0 and
  // this visit's own base (CONTRACT.md "Arithmetic and interpretation").
  std::optional<Error> pay_tier(Step& step, const TierRule& rule, Accumulator& so_far, Fen own_base, VisitKind kind) {
    step.base = own_base;
    so_far.base += own_base;
    step.year_base = so_far.base;
    step.paid_before = so_far.paid;
    YearlyFigure figure = yearly_figure(rule, so_far.base);
    if (figure.missing != nullptr) {
      if (step.tier == Tier::critical)
        return Error{"visits[" + std::to_string(step.visit) + "].critical_paid",
                     messages::critical_parameter_missing(*figure.missing)};
      return Error{"parameters." + figure.missing->id, messages::parameter_missing(*figure.missing)};
    }
    step.paid = clamp(figure.amount - so_far.paid, Fen(), own_base);
    step.year_figure = figure.amount;
    so_far.paid += step.paid;
    describe_rule(step, rule, figure.amount);
    explain(step, [&] { return explain_tier(step, kind, category_name_); });
    return std::nullopt;
  }

  template <typename Sentence>
  void push_unpaid_assistance(size_t index, Fen base, const Source& source, Provenance provenance, Sentence sentence) {
    for (Tier tier : {Tier::assistance, Tier::reassistance}) {
      Step step = blank_step(index, tier);
      step.base = tier == Tier::assistance ? base : Fen();
      step.provenance = provenance;
      cite(step, [&] { return source; });
      explain(step, [&] { return sentence(tier); });
      keep(std::move(step));
    }
  }

  void check_early_warning(size_t index, YearState& year) {
    const Visit& visit = case_.visits[index];
    const std::optional<EarlyWarning>& rule = visit.period->early_warning;
    if (!rule || year.early_warning_raised) return;
    const EarlyWarningThreshold* threshold = nullptr;
    for (const EarlyWarningThreshold& candidate : rule->thresholds) {
      if (std::find(candidate.categories.begin(), candidate.categories.end(), category_) != candidate.categories.end())
        threshold = &candidate;
    }
    if (threshold == nullptr) return;
    auto income = rule->income_by_year.find(visit.date.year - 1);
    if (income == rule->income_by_year.end()) {
      year.early_warning_raised = true;
      warn(
          "early_warning_unavailable", [&] { return messages::early_warning_no_income(visit.date.year - 1); },
          std::nullopt);
      return;
    }
    ExactSum limit;
    limit.add(income->second.amount(), threshold->share.ratio());
    Fen threshold_amount = limit.round_half_up();
    if (year.personal_burden <= threshold_amount) return;
    year.early_warning_raised = true;
    note_assumed(income->second);
    note_assumed(threshold->share);
    warn(
        "early_warning",
        [&] {
          return messages::early_warning(category_name_, visit.date.to_string(), year.personal_burden, threshold_amount,
                                         threshold->share.ratio(), income->second.amount(), visit.date.year - 1,
                                         rule->source);
        },
        index);
  }

  Error missing_parameter(const Parameter& parameter) {
    return Error{"parameters." + parameter.id, messages::parameter_missing(parameter)};
  }

  Step blank_step(size_t index, Tier tier) {
    Step step;
    step.visit = index;
    step.tier = tier;
    step.pool = tier == Tier::basic      ? Pool::basic
                : tier == Tier::critical ? critical_pool(case_.visits[index].kind).value_or(Pool::critical)
                                         : Pool::assistance;
    step.name = tier_label(tier, step.pool);
    if (tier == Tier::critical) {
      const TierRule* rule = rule_for(*case_.visits[index].period, tier, step.pool);
      if (rule != nullptr && !rule->name.empty()) step.name = rule->name;
    }
    return step;
  }

  void describe_rule(Step& step, const TierRule& rule, Fen year_figure) {
    note_assumed(rule.deductible);
    for (const Band& band : rule.bands) {
      note_assumed(band.to);
      note_assumed(band.ratio);
    }
    note_assumed(rule.cap);
    if (!explained_) return;
    if (has(rule.deductible)) step.deductible = rule.deductible.amount();
    step.deductible_shown = shown(rule.deductible);
    step.segments = segments_of(rule);
    step.has_cap = rule.cap.state == Parameter::State::value;
    step.cap_shown = shown(rule.cap);
    if (step.has_cap) {
      step.cap = rule.cap.amount();
      step.cap_left = step.cap - min(step.cap, year_figure);
    }
    step.source = rule.source;
    step.provenances = rule_provenances(rule);
    // Visits share the year's schedule in date order: what this one gets depends on the ones before.
    if (step.paid_before > Fen() || step.year_base != step.base)
      add_provenance(step.provenances, Provenance::convention);
  }

  // The rule of a tier for this settler's scheme and category, looked up once per period: the
  // search compares category names across the period's rules, every visit, every run.
  const TierRule* rule_for(const Period& period, Tier tier, Pool pool) {
    for (const FoundRule& found : rules_found_) {
      if (found.period == &period && found.tier == tier && found.pool == pool) return found.rule;
    }
    const TierRule* rule = find_rule(period, tier, pool, case_.scheme, category_);
    rules_found_.push_back({&period, tier, pool, rule});
    return rule;
  }

  void note_assumed(const Parameter& parameter) {
    if (!warnings_wanted_) return;
    if (parameter.provenance != Provenance::assumed || parameter.state == Parameter::State::missing) return;
    if (assumed_noted_.insert(&parameter).second)
      warn(
          "assumed_parameter", [&] { return messages::assumed_parameter(parameter); }, std::nullopt, parameter.id);
  }

  void warn_assumed_kinds(const Period& period) {
    warn(
        "assumed_parameter",
        [&] { return messages::assumed_kinds(period.assistance_kinds_source, period.assistance_kinds_note); },
        std::nullopt, "assistance_kinds");
  }

  std::vector<std::string> overridden_labels() const {
    std::vector<std::string> labels;
    for (const std::string& id : case_.overridden) {
      std::string label;
      for (const Period& period : case_.city->periods) {
        for (const Parameter* parameter : parameters_of(period)) {
          if (parameter->id == id && label.empty()) label = parameter->label;
        }
      }
      labels.push_back(label.empty() ? messages::user_parameter() : label);
    }
    return labels;
  }

  // An emergency at a non-designated institution was paid: say which reading let the funds pay.
  void warn_emergency(size_t index) {
    const Visit& visit = case_.visits[index];
    const VisitAmounts& amounts = settlement_.visits[index];
    if (amounts.assistance + amounts.reassistance == Fen()) return;
    warn(
        "emergency_non_designated",
        [&] {
          return messages::emergency_non_designated(index + 1, visit.period->non_designated,
                                                    visit.period->designated_only);
        },
        index);
  }

  void warn_about_period(const Period& period) {
    warn(
        "documents", [&] { return messages::documents(period); }, std::nullopt, period.from.to_string());
    if (!period.preliminary.empty())
      warn(
          "preliminary_rules", [&] { return messages::preliminary(period.preliminary); }, std::nullopt,
          period.from.to_string());
    if (period.from_provenance == Provenance::assumed)
      warn(
          "assumed_parameter",
          [&] { return messages::assumed_period_start(period.document.document, period.from.to_string()); },
          std::nullopt, "period.from");
  }

  // A visit more than two years after the newest document on file for its city.
  void warn_if_outdated(size_t index) {
    const Visit& visit = case_.visits[index];
    std::optional<Date> newest;
    for (const Period& period : case_.city->periods) {
      Date dated = period.issued.value_or(period.from);
      if (!newest || *newest < dated) newest = dated;
    }
    if (!newest) return;
    Date limit{newest->year + 2, newest->month, newest->day};
    if (newest->month == 2 && newest->day == 29) limit.day = 28;
    if (!(limit < visit.date)) return;
    warn(
        "rules_may_be_outdated",
        [&] { return messages::rules_may_be_outdated(case_.city->name, newest->to_string(), visit.date.to_string()); },
        std::nullopt);
  }

  // Adds a warning once per (code, key); visit-specific warnings are keyed by their visit. The
  // message is built only for a warning that is kept (and none in the runs whose warnings nobody
  // reads: building them was a tenth of a settlement, callgrind).
  template <typename Message>
  void warn(std::string_view code, Message message, std::optional<size_t> visit, std::string_view key = {}) {
    if (!warnings_wanted_) return;
    for (const WarningKey& seen : warned_) {
      if (seen.code == code && seen.visit == visit && seen.key == key) return;
    }
    warned_.push_back({code, std::string(key), visit});
    settlement_.warnings.push_back({std::string(code), message(), visit});
  }

  template <typename Sentence>
  void explain(Step& step, Sentence sentence) {
    if (explained_) step.text = sentence();
  }
  template <typename Cite>
  void cite(Step& step, Cite source) {
    if (explained_) step.source = source();
  }
  // Only a run that shows its steps keeps them (see settle_case).
  void keep(Step&& step) {
    if (!explained_) return;
    // Steps that set their numbers directly (the basic estimate) show what they set.
    if (step.deductible_shown == Shown::not_used && step.deductible) step.deductible_shown = Shown::value;
    if (step.cap_shown == Shown::not_used && step.has_cap) step.cap_shown = Shown::value;
    if (step.provenances.empty()) step.provenances.push_back(step.provenance);
    step.provenance = step.provenances.front();
    for (Provenance provenance : step.provenances) step.provenance = weakest(step.provenance, provenance);
    settlement_.steps.push_back(std::move(step));
  }

  const Case& case_;
  std::string category_;
  bool explained_;
  bool warnings_wanted_;
  std::string category_name_;
  Settlement settlement_;
  std::map<int, YearState> years_;
  struct {
    Accumulator assistance;
    Accumulator reassistance;
  } recognition_;  // 因病致贫: one recognition's window instead of the calendar year
  struct WarningKey {
    std::string_view code;  // a literal
    std::string key;
    std::optional<size_t> visit;
  };
  std::vector<WarningKey> warned_;
  std::set<const Parameter*> assumed_noted_;  // each assumed parameter's warning is built once
  struct FoundRule {
    const Period* period;
    Tier tier;
    Pool pool;
    const TierRule* rule;
  };
  std::vector<FoundRule> rules_found_;  // rule_for's lookups, per period, tier and pool
};

}  // namespace

Result<Settlement> settle_case(const Case& settlement_case, bool explained) {
  std::vector<std::string> categories = settlement_case.identities;
  if (categories.empty()) categories.push_back(kGeneral);
  // With one category its settlement is the answer; with several, each is settled without the
  // steps, and the winner once more with them (and its warnings only: the others' are never read).
  const bool single = categories.size() == 1;
  const bool settle_winner_again = !single && explained;
  std::optional<Settlement> best;
  std::vector<CategoryBenefit> comparison;
  for (const std::string& category : categories) {
    Result<Settlement> outcome =
        CategorySettler(settlement_case, category, single && explained, !settle_winner_again).run();
    if (!outcome.ok()) return outcome.error();
    comparison.push_back({category, outcome.value().identity_name, outcome.value().benefit()});
    if (!best || outcome.value().benefit() > best->benefit()) best = std::move(outcome.value());
  }
  if (settle_winner_again) {
    Result<Settlement> winner = CategorySettler(settlement_case, best->identity, true, true).run();
    if (!winner.ok()) return winner.error();
    best = std::move(winner.value());
  }
  best->comparison = comparison;
  if (comparison.size() > 1) {
    std::vector<std::pair<std::string, Fen>> benefits;
    for (const CategoryBenefit& item : comparison) benefits.emplace_back(item.name, item.benefit);
    best->warnings.insert(
        best->warnings.begin(),
        {"identity_chosen",
         messages::identity_chosen(benefits, best->identity_name, settlement_case.visits.front().period->highest_only),
         std::nullopt});
  }
  return std::move(*best);
}

}  // namespace settle::detail

#include "engine.h"

#include <algorithm>
#include <map>

#include "explain.h"
#include "json_path.h"
#include "messages.h"
#include "recorder.h"
#include "schedule.h"

namespace settle {

Fen Settlement::benefit() const {
  Fen sum;
  for (const VisitAmounts& visit : visits) sum += visit.critical + visit.assistance + visit.reassistance;
  return sum;
}

}  // namespace settle

namespace settle::detail {

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

// What a rule's step used: every value on file of the schedule (a value not on file was not used:
// the step could not have been computed otherwise).
std::vector<Provenance> rule_provenances(const TierRule& rule, int year) {
  std::vector<Provenance> provenances;
  auto add = [&](const Parameter& parameter) {
    if (parameter.state != Parameter::State::missing) add_provenance(provenances, parameter.provenance);
  };
  add(rule.deductible_in(year));
  for (const Band& band : rule.bands) {
    add(band.to);
    add(band.ratio);
  }
  add(rule.cap);
  if (rule.look_back) add(*rule.look_back);
  return provenances;
}

std::vector<CitedSource> rule_parameter_sources(const TierRule& rule, int year) {
  std::vector<UsedParameter> used{{&rule.deductible_in(year), messages::role_deductible(std::nullopt)}};
  // Bands are named together (分段上限, 分段比例): a list of every band's two values reads badly.
  const bool banded = rule.bands.size() > 1;
  for (const Band& band : rule.bands) {
    if (banded) used.push_back({&band.to, messages::role_bands_upper()});
    used.push_back({&band.ratio, banded ? messages::role_bands_ratio() : messages::role_ratio(std::nullopt)});
  }
  used.push_back({&rule.cap, messages::role_cap()});
  return cited_sources(rule.source, used);
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

// Settles every visit under one category.
class CategorySettler {
 public:
  // `explained` = with every step, its sources and its Chinese sentence; `warned` = with the
  // warnings. The 就高 comparison runs need neither when the winner is settled again.
  CategorySettler(const std::shared_ptr<const Case>& settlement_case, std::string category, bool explained, bool warned)
      : shared_case_(settlement_case),
        case_(*settlement_case),
        category_(std::move(category)),
        record_(explained, warned, settlement_.steps, settlement_.warnings) {
    const Category* known = case_.city->category(category_);
    category_name_ = known != nullptr ? known->name : messages::general_category_name();
  }

  Result<Settlement> run() {
    settlement_.settled_case = shared_case_;
    settlement_.identity = category_;
    settlement_.identity_name = category_name_;
    settlement_.visits.resize(case_.visits.size());
    if (record_.explained()) settlement_.steps.reserve(4 * case_.visits.size());
    if (!case_.overridden.empty())
      record_.warn(
          "parameter_override", [&] { return messages::parameters_overridden(case_.overridden); }, std::nullopt);
    if (const Category* known = case_.city->category(category_); known != nullptr && !known->assumed.empty())
      record_.warn(
          "assumed_category", [&] { return messages::assumed_category(known->name, known->assumed); }, std::nullopt);
    std::vector<size_t> order(case_.visits.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return case_.visits[a].date.days_since_epoch() < case_.visits[b].date.days_since_epoch();
    });
    if (case_.prior) {
      if (Status status = start_from_prior(*case_.prior, order); !status.ok()) return status.error();
    }
    for (size_t index : order) {
      if (Status status = settle_visit(index); !status.ok()) return status.error();
    }
    settlement_.missing = std::move(missing_);
    if (settlement_.missing.empty()) describe_year_left(case_.visits[order.back()]);
    return std::move(settlement_);
  }

 private:
  Status settle_visit(size_t index) {
    const Visit& visit = case_.visits[index];
    YearState& year = years_[visit.date.year];
    VisitAmounts& amounts = settlement_.visits[index];
    warn_about_period(*visit.period);
    warn_if_outdated(index);
    if (!visit.covered()) {
      settle_uncovered(index);
    } else {
      const size_t first_step = record_.steps_kept();
      if (Status status = settle_basic(index, year); !status.ok()) return status.error();
      settle_critical(index, year);
      settle_assistance(index, year);
      if (!visit.designated) {
        if (!visit.period->non_designated) record_.emergency_as_designated(first_step, visit);
        warn_emergency(index);
      }
    }
    year.personal_burden += visit.total - amounts.basic - amounts.critical;
    check_early_warning(index, year);
    return {};
  }

  void settle_uncovered(size_t index) {
    const Visit& visit = case_.visits[index];
    const std::optional<Clause>& rule = visit.period->non_designated;
    const std::optional<Clause>& designated_only = visit.period->designated_only;
    for (Tier tier : {Tier::basic, Tier::critical, Tier::assistance, Tier::reassistance}) {
      Step step = blank_step(index, tier);
      step.base = tier == Tier::basic ? visit.in_policy : Fen();
      // Assistance named for 定点 institutions only (烟台 三（五）) is a reading of that clause.
      const bool assisted_where_designated = !rule && designated_only && tier >= Tier::assistance;
      record_.cite(step, [&] {
        if (rule) return rule->source;
        if (assisted_where_designated) return designated_only->source;
        return Source{messages::contract(), messages::contract_not_covered()};
      });
      step.provenance = rule                        ? Provenance::stated
                        : assisted_where_designated ? Provenance::derived
                                                    : Provenance::convention;
      record_.explain(step, [&] {
        if (assisted_where_designated) return explain_not_assisted_outside_designated(step, *designated_only);
        return explain_not_covered(step, rule ? &*rule : nullptr);
      });
      keep(std::move(step));
    }
    record_.warn(
        "not_covered", [&] { return messages::visit_not_covered(index + 1, visit.date.to_string()); }, index);
  }

  Status settle_basic(size_t index, YearState& year) {
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
      record_.cite(step, [] { return Source{messages::settlement_slip(), messages::basic_slip_clause()}; });
      record_.explain(step, [&] { return explain_given(step); });
    } else {
      if (Status status = estimate_basic(index, repeat_admission, year.basic, step); !status.ok())
        return status.error();
      settlement_.visits[index].estimated = true;
      record_.warn(
          "basic_estimated", [&] { return messages::basic_estimated(index + 1); }, index);
    }
    year.basic.paid += step.paid;
    settlement_.visits[index].basic = step.paid;
    keep(std::move(step));
    return {};
  }

  // The estimate block of the visit's period for this scheme and visit kind, if any.
  const BasicEstimate* basic_estimate_for(const Visit& visit) const {
    for (const BasicEstimate& candidate : visit.period->basic_estimates) {
      if (std::find(candidate.schemes.begin(), candidate.schemes.end(), case_.scheme) != candidate.schemes.end() &&
          std::find(candidate.kinds.begin(), candidate.kinds.end(), visit.kind) != candidate.kinds.end())
        return &candidate;
    }
    return nullptr;
  }

  // 基本医保 estimated (粗估, provenance assumed) from the city's leads or the national references
  // on file: per visit, by hospital level where the lead has levels. A given critical_paid is a
  // real slip amount: the estimate yields to it, so basic + critical never pass in_policy.
  Status estimate_basic(size_t index, bool repeat_admission, const Accumulator& year_basic, Step& step) {
    const Visit& visit = case_.visits[index];
    const BasicEstimate* estimate = basic_estimate_for(visit);
    if (estimate == nullptr) {
      need_slip(index, Tier::basic, visit.kind);
      record_.explain(step, [&] { return explain_missing(Tier::basic, Pool::basic); });
      return {};
    }
    std::optional<int> level;
    if (estimate->levels.size() == 3) {
      if (!visit.hospital_level)
        return error_at(visit_path(index, "hospital_level"), messages::hospital_level_needed());
      level = *visit.hospital_level;
    }
    const BasicLevel& rates = estimate->levels[level ? *level - 1 : 0];
    const Parameter* repeat_share =
        repeat_admission && estimate->repeat_deductible_share ? &*estimate->repeat_deductible_share : nullptr;
    bool complete = true;
    for (const Parameter* parameter : {&rates.deductible, &rates.ratio, repeat_share}) {
      if (parameter == nullptr) continue;
      if (!on_file(*parameter)) {
        need(*parameter, visit_path(index, "basic_paid"));
        complete = false;
      }
      record_.note_assumed(*parameter);
    }
    const bool cap_unknown = !on_file(estimate->cap);
    if (cap_unknown && !estimate->cap.not_reached_if_missing) {
      need(estimate->cap, visit_path(index, "basic_paid"));
      complete = false;
    }
    if (!complete) {
      record_.explain(step, [&] { return explain_missing(Tier::basic, Pool::basic); });
      return {};
    }
    Fen deductible = rates.deductible.amount();
    if (repeat_share != nullptr) {
      ExactSum share;
      share.add(deductible, repeat_share->ratio());
      deductible = share.round_half_up();
    }
    ExactSum paid;
    paid.add(max(Fen(), visit.in_policy - deductible), rates.ratio.ratio());
    step.paid = paid.round_half_up();
    step.deductible = deductible;
    step.segments = {{deductible, std::nullopt, rates.ratio.ratio()}};
    step.has_cap = estimate->cap.state == Parameter::State::value;
    if (step.has_cap) {
      step.cap = estimate->cap.amount();
      step.paid = clamp(step.paid, Fen(), max(Fen(), step.cap - year_basic.paid));
      record_.note_assumed(estimate->cap);
    } else if (cap_unknown && rates.ratio.value > 0) {
      step.cap_unknown = true;
      record_.warn(
          "cap_taken_as_unreached", [&] { return messages::cap_taken_as_unreached(estimate->cap); }, std::nullopt,
          estimate->cap.id);
    }
    const bool yielded = visit.critical_paid && step.paid > visit.in_policy - *visit.critical_paid;
    if (yielded) step.paid = visit.in_policy - *visit.critical_paid;
    if (step.has_cap) step.cap_left = max(Fen(), step.cap - year_basic.paid - step.paid);
    record_.cite(step, [&] { return estimate->source; });
    step.provenances = {};
    for (const Parameter* parameter :
         {&rates.deductible, &rates.ratio, repeat_share, cap_unknown ? nullptr : &estimate->cap})
      if (parameter != nullptr) add_provenance(step.provenances, parameter->provenance);
    if (record_.explained()) {
      std::vector<UsedParameter> used{{&rates.deductible, messages::role_deductible(std::nullopt)},
                                      {&rates.ratio, messages::role_ratio(std::nullopt)}};
      if (repeat_share != nullptr) used.push_back({repeat_share, messages::role_repeat_share()});
      used.push_back({&estimate->cap, messages::role_cap()});
      step.parameter_sources = cited_sources(estimate->source, used);
    }
    record_.explain(step,
                    [&] { return explain_basic_estimate(step, visit.kind, level, repeat_share != nullptr, yielded); });
    return {};
  }

  void settle_critical(size_t index, YearState& year) {
    const Visit& visit = case_.visits[index];
    VisitAmounts& amounts = settlement_.visits[index];
    const Fen own_base = visit.in_policy - amounts.basic;
    std::optional<Pool> pool = critical_pool(visit.kind);
    Step step = blank_step(index, Tier::critical);
    step.base = own_base;
    if (!pool) {
      step.paid = visit.critical_paid.value_or(Fen());
      step.provenance = visit.critical_paid ? Provenance::given : Provenance::convention;
      record_.cite(step, [] { return Source{messages::contract(), messages::contract_critical_kinds()}; });
      record_.explain(
          step, [&] { return visit.critical_paid ? explain_given(step) : explain_kind_without_critical(visit.kind); });
      amounts.critical = step.paid;
      keep(std::move(step));
      return;
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
      record_.cite(step, [] { return Source{messages::settlement_slip(), messages::critical_slip_clause()}; });
      record_.explain(step, [&] { return explain_given(step); });
    } else {
      const TierRule* rule = rule_for(*visit.period, Tier::critical, *pool);
      if (rule == nullptr) {
        need_slip(index, Tier::critical, visit.kind);
        record_.explain(step, [&] { return explain_missing(Tier::critical, *pool); });
        keep(std::move(step));
        return;
      }
      pay_tier(step, *rule, accumulator, own_base, visit.kind);
      if (case_.scheme == Scheme::employee && !supplement_on_file(*visit.period))
        record_.warn(
            "employee_supplement", [] { return messages::employee_supplement(); }, std::nullopt);
    }
    amounts.critical = step.paid;
    keep(std::move(step));
    return;
  }

  void settle_assistance(size_t index, YearState& year) {
    const Visit& visit = case_.visits[index];
    const Period& period = *visit.period;
    VisitAmounts& amounts = settlement_.visits[index];
    const Fen own_base = visit.in_policy - amounts.basic - amounts.critical;
    const TierRule* rule = rule_for(period, Tier::assistance, Pool::assistance);
    bool kind_assisted = std::find(period.assistance_kinds.begin(), period.assistance_kinds.end(), visit.kind) !=
                         period.assistance_kinds.end();
    if (!kind_assisted) {
      bool not_on_file = std::find(period.assistance_kinds_missing.begin(), period.assistance_kinds_missing.end(),
                                   visit.kind) != period.assistance_kinds_missing.end();
      if (not_on_file) {
        record_.warn(
            "kind_assistance_missing",
            [&] {
              return messages::kind_assistance_missing(index + 1, kind_name(visit.kind), case_.city->name,
                                                       period.assistance_kinds_missing_note);
            },
            index);
        push_unpaid_assistance(index, own_base, period.assistance_kinds_source, Provenance::missing, [&](Tier tier) {
          return explain_kind_assistance_missing(tier, visit.kind, period.assistance_kinds_missing_note);
        });
        return;
      }
      record_.warn(
          "kind_not_assisted",
          [&] {
            return messages::kind_not_assisted(index + 1, kind_name(visit.kind), case_.city->name,
                                               period.assistance_kinds_provenance == Provenance::assumed,
                                               period.assistance_kinds_source);
          },
          index);
      // A kind left out of the listed scope is excluded by reading the list as complete.
      push_unpaid_assistance(index, own_base, period.assistance_kinds_source,
                             weakest(period.assistance_kinds_provenance, Provenance::derived),
                             [&](Tier tier) { return explain_kind_not_assisted(tier, visit.kind); });
      return;
    }
    if (rule == nullptr) {
      settle_without_rule(index, Tier::assistance, own_base);
      return;
    }
    bool kind_assumed = std::find(period.assistance_kinds_assumed.begin(), period.assistance_kinds_assumed.end(),
                                  visit.kind) != period.assistance_kinds_assumed.end();
    if (kind_assumed || period.assistance_kinds_provenance == Provenance::assumed) warn_assumed_kinds(period);

    // The yearly accumulators: the calendar year, or a 因病致贫 recognition's window.
    Accumulator* assistance_so_far = &year.assistance;
    Accumulator* reassistance_so_far = &year.reassistance;
    std::optional<std::pair<Date, Date>> window;
    if (rule->look_back && on_file(*rule->look_back)) {
      if (!case_.applied) {
        record_.warn(
            "applied_missing", [&] { return messages::applied_missing(category_name_, rule->look_back->value); },
            std::nullopt);
      } else {
        auto [from, to] = window_of(*rule->look_back);
        record_.note_assumed(*rule->look_back);
        if (visit.date < from || to < visit.date) {
          record_.warn(
              "outside_recognition",
              [&, from = from, to = to] {
                return messages::outside_recognition(index + 1, from.to_string(), to.to_string());
              },
              index);
          push_unpaid_assistance(index, own_base, rule->source,
                                 weakest(rule->look_back->provenance, Provenance::derived),
                                 [&, from = from, to = to](Tier tier) {
                                   return explain_look_back_outside(tier, from.to_string(), to.to_string());
                                 });
          return;
        }
        window = std::make_pair(from, to);
        record_.warn(
            "recognition_window",
            [&, from = from, to = to] {
              return messages::recognition_window(from.to_string(), to.to_string(), rule->look_back->value,
                                                  rule->source);
            },
            std::nullopt);
        assistance_so_far = &recognition_.assistance;
        reassistance_so_far = &recognition_.reassistance;
      }
    }

    // Whether this kind is assisted at all is as sure as the scope's reading of it.
    const Provenance scope = kind_assumed ? Provenance::assumed : period.assistance_kinds_provenance;
    Step assistance = blank_step(index, Tier::assistance);
    assistance.window = window;
    pay_tier(assistance, *rule, *assistance_so_far, own_base, visit.kind);
    add_provenance(assistance.provenances, scope);
    if (window) add_provenance(assistance.provenances, Provenance::derived);
    amounts.assistance = assistance.paid;
    const Fen assistance_paid = assistance.paid;
    keep(std::move(assistance));

    settle_reassistance(index, own_base - assistance_paid, *reassistance_so_far, window, scope);
  }

  // 再救助 on what assistance left (CONTRACT), on the same year or recognition window, as sure as
  // assistance's scope.
  void settle_reassistance(size_t index, Fen base, Accumulator& so_far,
                           const std::optional<std::pair<Date, Date>>& window, Provenance scope) {
    const Visit& visit = case_.visits[index];
    const TierRule* rule = rule_for(*visit.period, Tier::reassistance, Pool::assistance);
    if (rule == nullptr) {
      settle_without_rule(index, Tier::reassistance, base);
      return;
    }
    Step reassistance = blank_step(index, Tier::reassistance);
    reassistance.window = window;
    pay_tier(reassistance, *rule, so_far, base, visit.kind);
    add_provenance(reassistance.provenances, scope);
    if (window) add_provenance(reassistance.provenances, Provenance::derived);
    settlement_.visits[index].reassistance = reassistance.paid;
    keep(std::move(reassistance));
  }

  // A tier with no schedule for this category: the document gives the group none (stated), the
  // group is not a 救助对象 (stated where the city's document lists them, else the calculator's
  // rule), or its standards are not on file (未收录: the result may overstate the burden).
  void settle_without_rule(size_t index, Tier tier, Fen base) {
    const Period& period = *case_.visits[index].period;
    const TierGap* gap = gap_for(period, tier, category_);
    const bool earlier = gap != nullptr && gap->reading == TierGap::Reading::earlier_policy;
    if (gap != nullptr && earlier) {
      record_.warn(
          "earlier_policy_not_on_file",
          [&] { return messages::earlier_policy_not_on_file(case_.city->name, category_name_, *gap); }, std::nullopt);
    } else if (category_ == kGeneral) {
      record_.warn(
          "not_assistance_target", [&] { return messages::general_not_assisted(gap); }, std::nullopt);
    } else if (gap != nullptr) {
      record_.warn(
          "no_tier_for_category", [&] { return messages::no_tier_for_category(category_name_, tier, *gap); },
          std::nullopt, tier_id(tier));
    } else {
      record_.warn(
          "no_assistance_rule", [&] { return messages::no_assistance_rule(case_.city->name, category_name_, tier); },
          std::nullopt, tier_id(tier));
    }
    const std::vector<Tier> tiers =
        tier == Tier::assistance ? std::vector<Tier>{Tier::assistance, Tier::reassistance} : std::vector<Tier>{tier};
    for (Tier each : tiers) {
      Step step = blank_step(index, each);
      step.base = each == tier ? base : Fen();
      const TierGap* each_gap = gap_for(period, each, category_);
      // "No such tier" reads a document's list as complete: derived, not its stated word.
      const bool read_as_none = each_gap != nullptr && each_gap->reading == TierGap::Reading::none;
      if (each_gap != nullptr) {
        record_.cite(step, [&] { return each_gap->source; });
      } else {
        record_.cite(step, [&] { return Source{period.document.document, messages::no_standard_clause()}; });
      }
      step.provenance = read_as_none            ? Provenance::derived
                        : category_ == kGeneral ? Provenance::convention
                                                : Provenance::missing;
      record_.explain(step, [&] { return explain_no_rule(step, category_name_, each_gap, category_ == kGeneral); });
      keep(std::move(step));
    }
  }

  // One tier of one visit on a running yearly total: f(year base) − paid so far, kept between 0 and
  // this visit's own base (CONTRACT.md "Arithmetic and interpretation"). A number not on file is
  // noted as missing (the case cannot settle under this category) and the tier pays nothing.
  void pay_tier(Step& step, const TierRule& rule, Accumulator& so_far, Fen own_base, VisitKind kind) {
    const int year = case_.visits[step.visit].date.year;
    step.base = own_base;
    so_far.base += own_base;
    step.year_base = so_far.base;
    step.paid_before = so_far.paid;
    YearlyFigure figure = yearly_figure(rule, year, so_far.base);
    if (figure.missing != nullptr) {
      need_rule(rule, year, step);
      record_.explain(step, [&] { return explain_missing(step.tier, step.pool); });
      return;
    }
    step.paid = clamp(figure.amount - so_far.paid, Fen(), own_base);
    step.year_figure = figure.amount;
    so_far.paid += step.paid;
    describe_rule(step, rule, year, figure.amount);
    if (figure.cap_taken_as_unreached) {
      step.cap_unknown = true;
      add_provenance(step.provenances, Provenance::assumed);
      record_.warn(
          "cap_taken_as_unreached", [&] { return messages::cap_taken_as_unreached(rule.cap); }, std::nullopt,
          rule.cap.id);
    }
    if (rule.lump_sum) {
      add_provenance(step.provenances, Provenance::convention);
      record_.warn(
          "lump_sum_as_running", [&] { return messages::lump_sum_as_running(step.name, rule.source); }, std::nullopt,
          rule.id);
    }
    record_.explain(step, [&] { return explain_tier(step, kind, category_name_); });
  }

  // The year before the first visit given, and what is left of it after the last.

  // "prior": the year's accumulators start from what was paid before the first visit given; a
  // figure already above this category's yearly cap is refused at its path.
  Status start_from_prior(const Prior& prior, const std::vector<size_t>& order) {
    const Visit* first = nullptr;
    for (size_t index : order) {
      if (case_.visits[index].date.year == prior.year) {
        first = &case_.visits[index];
        break;
      }
    }
    YearState& year = years_[prior.year];
    year.basic.paid = prior.basic_paid.value_or(Fen());
    struct Start {
      const std::optional<PriorTier>& amounts;
      Tier tier;
      Pool pool;
      Accumulator& accumulator;
      const char* field;
    };
    const bool window_year = case_.applied && case_.applied->year == prior.year;
    Start starts[] = {
        {prior.critical, Tier::critical, Pool::critical, year.critical[Pool::critical], "critical"},
        {prior.special_drug, Tier::critical, Pool::special_drug, year.critical[Pool::special_drug], "special_drug"},
        {prior.assistance, Tier::assistance, Pool::assistance, year.assistance, "assistance"},
        {prior.reassistance, Tier::reassistance, Pool::assistance, year.reassistance, "reassistance"}};
    for (Start& start : starts) {
      if (!start.amounts) continue;
      start.accumulator = {start.amounts->base, start.amounts->paid};
      if (window_year && start.tier == Tier::assistance) recognition_.assistance = start.accumulator;
      if (window_year && start.tier == Tier::reassistance) recognition_.reassistance = start.accumulator;
      const TierRule* rule = rule_for(*first->period, start.tier, start.pool);
      if (rule != nullptr && on_file(rule->cap) && start.amounts->paid > rule->cap.amount())
        return error_at(field_path(field_path("prior", start.field), "paid"),
                        messages::prior_above_cap(messages::tier_name(start.tier, start.pool), start.amounts->paid,
                                                  rule->cap.amount()));
    }
    // 再救助's base is what assistance left (CONTRACT): without a typed prior 再救助, the year so far
    // still left that much, and 再救助 is taken to have paid what its rule gives on it (said).
    const TierRule* re_rule = rule_for(*first->period, Tier::reassistance, Pool::assistance);
    if (prior.assistance && !prior.reassistance && re_rule != nullptr) {
      const Fen left_by_assistance = max(Fen(), prior.assistance->base - prior.assistance->paid);
      YearlyFigure figure = yearly_figure(*re_rule, prior.year, left_by_assistance);
      const Fen paid = figure.missing == nullptr ? figure.amount : Fen();
      year.reassistance = {left_by_assistance, paid};
      if (window_year) recognition_.reassistance = year.reassistance;
      record_.warn(
          "prior_reassistance_assumed", [&] { return messages::prior_reassistance_assumed(left_by_assistance, paid); },
          std::nullopt);
    }
    prior_year_ = prior.year;
    prior_ = &prior;
    return {};
  }

  // What the case says was paid by this tier earlier in the visit's year (user-typed), if any.
  Fen prior_paid(const Step& step) const {
    if (prior_ == nullptr || case_.visits[step.visit].date.year != prior_year_) return Fen();
    const std::optional<PriorTier>* amounts = nullptr;
    switch (step.tier) {
      case Tier::basic: return prior_->basic_paid.value_or(Fen());
      case Tier::critical: amounts = step.pool == Pool::special_drug ? &prior_->special_drug : &prior_->critical; break;
      case Tier::assistance: amounts = &prior_->assistance; break;
      case Tier::reassistance: amounts = &prior_->reassistance; break;
    }
    return *amounts ? (*amounts)->paid : Fen();
  }

  // Cap, used and left per tier for the year of the last visit, and the distance to each deductible.
  void describe_year_left(const Visit& last) {
    const int year_number = last.date.year;
    YearState& year = years_[year_number];
    settlement_.year_left_year = year_number;
    bool special_drugs = std::any_of(case_.visits.begin(), case_.visits.end(), [&](const Visit& visit) {
      return visit.date.year == year_number && visit.kind == VisitKind::special_drug;
    });
    struct Entry {
      Tier tier;
      Pool pool;
      const Accumulator* accumulator;
    };
    const Entry entries[] = {{Tier::critical, Pool::critical, &year.critical[Pool::critical]},
                             {Tier::critical, Pool::special_drug, &year.critical[Pool::special_drug]},
                             {Tier::assistance, Pool::assistance, &year.assistance},
                             {Tier::reassistance, Pool::assistance, &year.reassistance}};
    for (const Entry& entry : entries) {
      if (entry.pool == Pool::special_drug && !special_drugs) continue;
      const TierRule* rule = rule_for(*last.period, entry.tier, entry.pool);
      if (rule == nullptr) continue;
      YearLeft left;
      left.tier = entry.tier;
      left.pool = entry.pool;
      const Accumulator* so_far = entry.accumulator;
      std::string period = messages::calendar_year(year_number);
      // 因病致贫 with an application month: the recognition's window holds the totals and the cap.
      if (rule->look_back && on_file(*rule->look_back) && case_.applied) {
        auto [from, to] = window_of(*rule->look_back);
        left.window = std::make_pair(from, to);
        if (to < last.date) {
          left.text =
              messages::window_ended(messages::tier_name(entry.tier, entry.pool), from.to_string(), to.to_string());
          settlement_.year_left.push_back(std::move(left));
          continue;
        }
        so_far = entry.tier == Tier::assistance ? &recognition_.assistance : &recognition_.reassistance;
        period = messages::window_name(from.to_string(), to.to_string());
      }
      left.base = so_far->base;
      left.paid = so_far->paid;
      const Parameter& deductible = rule->deductible_in(year_number);
      if (on_file(deductible)) {
        left.deductible = deductible.amount();
        if (left.base < deductible.amount()) left.to_threshold = deductible.amount() - left.base;
      }
      left.cap_state = rule->cap.state;
      if (left.cap_state == Parameter::State::value) {
        left.cap = rule->cap.amount();
        left.left = max(Fen(), left.cap - left.paid);
      }
      left.text = messages::year_left(messages::tier_name(entry.tier, entry.pool), period, left.paid, left.cap_state,
                                      rule->cap.provenance == Provenance::assumed, left.cap, left.left,
                                      left.to_threshold, static_cast<int>(entry.tier));
      settlement_.year_left.push_back(std::move(left));
    }
  }

  // Every number of `rule` not on file that this year's figure may use.
  void need_rule(const TierRule& rule, int year, const Step& step) {
    const std::string path = step.tier == Tier::critical ? visit_path(step.visit, "critical_paid") : std::string();
    auto need_if_missing = [&](const Parameter& parameter) {
      if (!on_file(parameter)) need(parameter, path.empty() ? field_path("parameters", parameter.id) : path);
    };
    need_if_missing(rule.deductible_in(year));
    for (const Band& band : rule.bands) {
      need_if_missing(band.to);
      need_if_missing(band.ratio);
    }
    if (!rule.cap.not_reached_if_missing) need_if_missing(rule.cap);
  }

  // A number the case needs and the rules lack: the first one's path is the error's path.
  void need(const Parameter& parameter, const std::string& path) {
    for (const Missing& seen : missing_) {
      if (seen.value.id == parameter.id) return;
    }
    const char* unit = parameter.unit == Unit::yuan ? "yuan" : parameter.unit == Unit::percent ? "percent" : "months";
    missing_.push_back({{parameter.id, parameter.label, unit}, path});
  }

  // A tier the rules on file cannot compute at all: the slip amount is what is missing.
  void need_slip(size_t index, Tier tier, VisitKind kind) {
    const std::string path = visit_path(index, tier == Tier::basic ? "basic_paid" : "critical_paid");
    for (const Missing& seen : missing_) {
      if (seen.value.id == path) return;
    }
    missing_.push_back(
        {{path, messages::slip_label(index + 1, messages::tier_name(tier, pool_of(tier, kind))), "yuan"}, path});
  }

  static Pool pool_of(Tier tier, VisitKind kind) {
    if (tier == Tier::basic) return Pool::basic;
    if (tier == Tier::critical) return critical_pool(kind).value_or(Pool::critical);
    return Pool::assistance;
  }

  template <typename Sentence>
  void push_unpaid_assistance(size_t index, Fen base, const Source& source, Provenance provenance, Sentence sentence) {
    for (Tier tier : {Tier::assistance, Tier::reassistance}) {
      Step step = blank_step(index, tier);
      step.base = tier == Tier::assistance ? base : Fen();
      step.provenance = provenance;
      record_.cite(step, [&] { return source; });
      record_.explain(step, [&] { return sentence(tier); });
      keep(std::move(step));
    }
  }

  // Whether employees' second tier here is 职工大额医疗费用补助 itself (柳州), not 职工大病保险
  // with the supplement left out.
  bool supplement_on_file(const Period& period) {
    const TierRule* rule = rule_for(period, Tier::critical, Pool::critical);
    return rule != nullptr && rule->name == messages::employee_supplement_name();
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
      record_.warn(
          "early_warning_unavailable", [&] { return messages::early_warning_no_income(visit.date.year - 1); },
          std::nullopt);
      return;
    }
    ExactSum limit;
    limit.add(income->second.amount(), threshold->share.ratio());
    Fen threshold_amount = limit.round_half_up();
    if (year.personal_burden <= threshold_amount) return;
    year.early_warning_raised = true;
    record_.note_assumed(income->second);
    record_.note_assumed(threshold->share);
    // The clause deducts 职工大额医疗费用补助 too, which only 柳州 has on file.
    const bool supplement_not_deducted = case_.scheme == Scheme::employee && !supplement_on_file(*visit.period);
    record_.warn(
        "early_warning",
        [&] {
          return messages::early_warning(category_name_, visit.date.to_string(), year.personal_burden, threshold_amount,
                                         threshold->share.ratio(), income->second.amount(), visit.date.year - 1,
                                         rule->source, supplement_not_deducted);
        },
        index);
  }

  Step blank_step(size_t index, Tier tier) {
    Step step;
    step.visit = index;
    step.tier = tier;
    step.pool = tier == Tier::basic      ? Pool::basic
                : tier == Tier::critical ? critical_pool(case_.visits[index].kind).value_or(Pool::critical)
                                         : Pool::assistance;
    step.name = messages::tier_name(tier, step.pool);
    if (tier == Tier::critical) {
      const TierRule* rule = rule_for(*case_.visits[index].period, tier, step.pool);
      if (rule != nullptr && !rule->name.empty()) step.name = rule->name;
    }
    return step;
  }

  void describe_rule(Step& step, const TierRule& rule, int year, Fen year_figure) {
    record_.note_assumed(rule.deductible_in(year));
    for (const Band& band : rule.bands) {
      record_.note_assumed(band.to);
      record_.note_assumed(band.ratio);
    }
    record_.note_assumed(rule.cap);
    if (!record_.explained()) return;
    const Parameter& deductible = rule.deductible_in(year);
    if (on_file(deductible)) step.deductible = deductible.amount();
    step.deductible_shown = shown(deductible);
    step.segments = segments_of(rule, year);
    step.has_cap = rule.cap.state == Parameter::State::value;
    step.cap_shown = shown(rule.cap);
    step.cap_assumed = rule.cap.provenance == Provenance::assumed;
    if (step.has_cap) {
      step.cap = rule.cap.amount();
      step.cap_left = step.cap - min(step.cap, year_figure);
    }
    step.source = rule.source;
    step.provenances = rule_provenances(rule, year);
    step.parameter_sources = rule_parameter_sources(rule, year);
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

  void warn_assumed_kinds(const Period& period) {
    record_.warn(
        "assumed_parameter",
        [&] { return messages::assumed_kinds(period.assistance_kinds_source, period.assistance_kinds_note); },
        std::nullopt, "assistance_kinds");
  }

  // An emergency at a non-designated institution was paid: say which reading let the funds pay.
  void warn_emergency(size_t index) {
    const Visit& visit = case_.visits[index];
    const VisitAmounts& amounts = settlement_.visits[index];
    if (amounts.basic + amounts.critical + amounts.assistance + amounts.reassistance == Fen()) return;
    record_.warn(
        "emergency_non_designated",
        [&] {
          return messages::emergency_non_designated(index + 1, visit.period->non_designated,
                                                    visit.period->designated_only);
        },
        index);
  }

  void warn_about_period(const Period& period) {
    record_.warn(
        "documents", [&] { return messages::documents(period); }, std::nullopt, period.from.to_string());
    if (!period.preliminary.empty())
      record_.warn(
          "preliminary_rules", [&] { return messages::preliminary(period.preliminary); }, std::nullopt,
          period.from.to_string());
    if (period.from_provenance == Provenance::assumed)
      record_.warn(
          "assumed_parameter",
          [&] { return messages::assumed_period_start(period.document.document, period.from.to_string()); },
          std::nullopt, "period.from");
  }

  // A visit more than two years after the newest document on file for its city.
  void warn_if_outdated(size_t index) {
    const Visit& visit = case_.visits[index];
    std::optional<Date> newest;
    bool newest_assumed = false;  // no issue date on file, and the start date is assumed
    for (const Period& period : case_.city->periods) {
      Date dated = period.issued.value_or(period.from);
      if (!newest || *newest < dated) {
        newest = dated;
        newest_assumed = !period.issued && period.from_provenance == Provenance::assumed;
      }
    }
    if (!newest) return;
    Date limit{newest->year + 2, newest->month, newest->day};
    if (newest->month == 2 && newest->day == 29) limit.day = 28;
    if (!(limit < visit.date)) return;
    record_.warn(
        "rules_may_be_outdated",
        [&] {
          return messages::rules_may_be_outdated(case_.city->name, newest->to_string(), newest_assumed,
                                                 visit.date.to_string());
        },
        std::nullopt);
  }

  // 因病致贫 with an application month: the recognition's window, computed once per settlement
  // (a city's periods share one look-back).
  std::pair<Date, Date> window_of(const Parameter& look_back) {
    if (!window_ || window_->months != look_back.value)
      window_ = {look_back.value, recognition_window(*case_.applied, look_back.value)};
    return window_->dates;
  }

  // Only a run that shows its steps keeps them (see settle_case).
  void keep(Step&& step) {
    if (!record_.explained()) return;
    step.prior_paid = prior_paid(step);
    record_.keep(std::move(step));
  }

  std::shared_ptr<const Case> shared_case_;
  const Case& case_;
  std::string category_;
  std::string category_name_;
  Settlement settlement_;
  Recorder record_;  // warnings, sentences, sources: into settlement_
  std::map<int, YearState> years_;
  struct {
    Accumulator assistance;
    Accumulator reassistance;
  } recognition_;  // 因病致贫: one recognition's window instead of the calendar year
  struct Window {
    int64_t months;
    std::pair<Date, Date> dates;
  };
  std::optional<Window> window_;  // window_of's, once computed
  std::vector<Missing> missing_;
  const Prior* prior_ = nullptr;  // the case's "prior", once checked
  int prior_year_ = 0;            // numbers not on file that the case needs, first seen first
  struct FoundRule {
    const Period* period;
    Tier tier;
    Pool pool;
    const TierRule* rule;
  };
  std::vector<FoundRule> rules_found_;  // rule_for's lookups, per period, tier and pool
};

}  // namespace

namespace {

Error missing_error(const std::vector<Missing>& missing) {
  std::vector<std::string> labels;
  for (const Missing& item : missing) labels.push_back(item.value.label);
  Error error = error_at(missing.front().path, messages::parameters_missing(labels));
  for (const Missing& item : missing) error.missing.push_back(item.value);
  return error;
}

}  // namespace

Result<Settlement> settle_case(std::shared_ptr<const Case> settlement_case, bool explained) {
  std::vector<std::string> categories = settlement_case->identities;
  if (categories.empty()) categories.push_back(kGeneral);
  // With one category its settlement is the answer; with several, each is settled without the
  // steps, and the winner once more with them (and its warnings only: the others' are never read).
  // A category whose rules lack a number does not block the others: it is left out of 就高 and
  // the settlement says what it lacks. When none can be settled, the error lists every gap.
  const bool single = categories.size() == 1;
  const bool settle_winner_again = !single && explained;
  std::optional<Settlement> best;
  std::vector<CategoryBenefit> comparison;
  std::vector<Settlement> incomplete;
  for (const std::string& category : categories) {
    Result<Settlement> outcome =
        CategorySettler(settlement_case, category, single && explained, !settle_winner_again).run();
    if (!outcome.ok()) return outcome.error();
    if (!outcome.value().missing.empty()) {
      incomplete.push_back(std::move(outcome.value()));
      continue;
    }
    comparison.push_back({category, outcome.value().identity_name, outcome.value().benefit()});
    if (!best || outcome.value().benefit() > best->benefit()) best = std::move(outcome.value());
  }
  if (!best) {
    std::vector<Missing> all;
    for (const Settlement& settlement : incomplete) {
      for (const Missing& item : settlement.missing) {
        bool seen = std::any_of(all.begin(), all.end(), [&](const Missing& m) { return m.value.id == item.value.id; });
        if (!seen) all.push_back(item);
      }
    }
    return missing_error(all);
  }
  if (settle_winner_again) {
    Result<Settlement> winner = CategorySettler(settlement_case, best->identity, true, true).run();
    if (!winner.ok()) return winner.error();
    best = std::move(winner.value());
  }
  best->comparison = comparison;
  size_t insert_at = 0;
  if (comparison.size() > 1) {
    std::vector<std::pair<std::string, Fen>> benefits;
    for (const CategoryBenefit& item : comparison) benefits.emplace_back(item.name, item.benefit);
    best->warnings.insert(
        best->warnings.begin(),
        {"identity_chosen",
         messages::identity_chosen(benefits, best->identity_name, settlement_case->visits.front().period->highest_only),
         std::nullopt,
         {}});
    ++insert_at;
  }
  for (const Settlement& settlement : incomplete) {
    Warning warning{"category_incomplete", {}, std::nullopt, {}};
    std::vector<std::string> labels;
    for (const Missing& item : settlement.missing) {
      warning.missing.push_back(item.value);
      labels.push_back(item.value.label);
    }
    warning.message = messages::category_incomplete(settlement.identity_name, labels);
    best->warnings.insert(best->warnings.begin() + static_cast<std::ptrdiff_t>(insert_at++), std::move(warning));
  }
  return std::move(*best);
}

}  // namespace settle::detail

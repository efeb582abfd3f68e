#include "schedule.h"

namespace settle::detail {

YearlyFigure yearly_figure(const TierRule& rule, int year, Fen year_base) {
  const Parameter& deductible = rule.deductible_in(year);
  if (!on_file(deductible)) return {Fen(), &deductible};
  Fen lower = deductible.amount();
  if (year_base <= lower) return {Fen()};
  ExactSum sum;
  for (const Band& band : rule.bands) {
    if (!on_file(band.to)) return {Fen(), &band.to};
    bool unlimited = band.to.state == Parameter::State::unlimited;
    Fen upper = unlimited ? year_base : band.to.amount();
    if (upper <= lower) continue;
    Fen portion = min(year_base, upper) - lower;
    if (portion <= Fen()) break;
    if (!on_file(band.ratio)) return {Fen(), &band.ratio};
    sum.add(portion, band.ratio.ratio());
    lower = upper;
  }
  Fen amount = sum.round_half_up();
  if (rule.cap.state == Parameter::State::unlimited || amount == Fen()) return {amount};
  if (!on_file(rule.cap)) {
    if (rule.cap.not_reached_if_missing) return {amount, nullptr, true};
    return {Fen(), &rule.cap};
  }
  return {min(amount, rule.cap.amount())};
}

Provenance weakest(Provenance a, Provenance b) {
  return weakness(a) > weakness(b) ? a : b;
}

std::vector<Segment> segments_of(const TierRule& rule, int year) {
  std::vector<Segment> segments;
  const Parameter& deductible = rule.deductible_in(year);
  Fen lower = on_file(deductible) ? deductible.amount() : Fen();
  for (const Band& band : rule.bands) {
    std::optional<Fen> upper;
    if (band.to.state == Parameter::State::value) upper = band.to.amount();
    if (upper && *upper <= lower) continue;
    std::optional<Ratio> ratio;
    if (on_file(band.ratio)) ratio = band.ratio.ratio();
    segments.push_back({lower, upper, ratio});
    if (upper) lower = *upper;
  }
  return segments;
}

std::pair<Date, Date> recognition_window(const Date& applied_month, int64_t months) {
  int64_t month_index = applied_month.year * 12L + (applied_month.month - 1) - months;
  Date from{static_cast<int>(month_index / 12), static_cast<int>(month_index % 12) + 1, 1};
  return {from, Date{applied_month.year, 12, 31}};
}

}  // namespace settle::detail

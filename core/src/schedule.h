// The pure arithmetic of a tier's schedule (no case, no settlement): the yearly figure f(base),
// the bands as a step shows them, and the 因病致贫 recognition window.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "settle/date.h"
#include "settle/rules.h"
#include "settle/settlement.h"

namespace settle::detail {

// A value the rules have on file (a number, or 不设 by the rule); not 未收录.
inline bool on_file(const Parameter& parameter) {
  return parameter.state != Parameter::State::missing;
}

struct YearlyFigure {
  Fen amount;                           // f(year base), rounded half-up, capped
  const Parameter* missing = nullptr;   // the first value not on file that the figure needs
  bool cap_taken_as_unreached = false;  // the cap is not on file; an estimate takes it as not reached
};

// f(base): deductible, then each band's part at its ratio, rounded once, then the yearly cap.
YearlyFigure yearly_figure(const TierRule& rule, int year, Fen year_base);

// The bands from the deductible up, as a step shows them; bands below the deductible are left out.
std::vector<Segment> segments_of(const TierRule& rule, int year);

// 烟政办发〔2022〕25号 三（七）: the burden may reach back `months` before the month of application,
// and one recognition covers one natural year: the window runs to the end of the application's year.
std::pair<Date, Date> recognition_window(const Date& applied_month, int64_t months);

// The further of two provenances from a stated number (weakness()).
Provenance weakest(Provenance a, Provenance b);

}  // namespace settle::detail

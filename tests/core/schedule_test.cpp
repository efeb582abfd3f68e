#include "schedule.h"

#include <catch2/catch.hpp>

namespace {

using settle::Band;
using settle::Date;
using settle::Fen;
using settle::Parameter;
using settle::Provenance;
using settle::TierRule;
using settle::Unit;
using settle::detail::recognition_window;
using settle::detail::segments_of;
using settle::detail::weakest;
using settle::detail::yearly_figure;

Parameter valued(Unit unit, int64_t value) {
  Parameter parameter;
  parameter.unit = unit;
  parameter.state = Parameter::State::value;
  parameter.value = value;
  return parameter;
}

Parameter yuan(int64_t amount) {
  return valued(Unit::yuan, amount * 100);
}

Parameter percent(int64_t percent) {
  return valued(Unit::percent, percent * 100);
}

Parameter unlimited() {
  Parameter parameter;
  parameter.state = Parameter::State::unlimited;
  return parameter;
}

Parameter missing() {
  return Parameter{};
}

// 起付 10,000 元; 60% to 100,000 元, 70% above; cap 400,000 元.
TierRule banded_rule() {
  TierRule rule;
  rule.deductible = yuan(10'000);
  rule.bands = {Band{yuan(100'000), percent(60)}, Band{unlimited(), percent(70)}};
  rule.cap = yuan(400'000);
  return rule;
}

}  // namespace

TEST_CASE("yearly_figure: nothing up to the deductible, then each band at its ratio") {
  const TierRule rule = banded_rule();
  CHECK(yearly_figure(rule, 2024, Fen::yuan(10'000)).amount == Fen());
  CHECK(yearly_figure(rule, 2024, Fen::yuan(20'000)).amount == Fen::yuan(6'000));
  // 90,000 × 60% + 50,000 × 70%
  CHECK(yearly_figure(rule, 2024, Fen::yuan(150'000)).amount == Fen::yuan(89'000));
  CHECK(yearly_figure(rule, 2024, Fen::yuan(150'000)).missing == nullptr);
}

TEST_CASE("yearly_figure: the cap, rounded once half-up to the fen") {
  TierRule rule = banded_rule();
  CHECK(yearly_figure(rule, 2024, Fen::yuan(1'000'000)).amount == Fen::yuan(400'000));
  rule.bands = {Band{unlimited(), Parameter{}}};
  rule.bands.front().ratio.state = Parameter::State::value;
  rule.bands.front().ratio.value = 3333;  // 33.33%
  // 1.01 元 × 33.33% = 0.336633 元: one rounding, to 34 fen
  CHECK(yearly_figure(rule, 2024, Fen::yuan(10'000) + Fen(101)).amount == Fen(34));
}

TEST_CASE("yearly_figure: a value not on file is named; an unreached cap may be taken as not reached") {
  TierRule rule = banded_rule();
  rule.deductible = missing();
  CHECK(yearly_figure(rule, 2024, Fen::yuan(50'000)).missing == &rule.deductible);

  rule = banded_rule();
  rule.bands.back().ratio = missing();
  // Below the second band its ratio is not used.
  CHECK(yearly_figure(rule, 2024, Fen::yuan(50'000)).missing == nullptr);
  CHECK(yearly_figure(rule, 2024, Fen::yuan(150'000)).missing == &rule.bands.back().ratio);

  rule = banded_rule();
  rule.cap = missing();
  CHECK(yearly_figure(rule, 2024, Fen::yuan(50'000)).missing == &rule.cap);
  rule.cap.not_reached_if_missing = true;
  const auto figure = yearly_figure(rule, 2024, Fen::yuan(50'000));
  CHECK(figure.missing == nullptr);
  CHECK(figure.cap_taken_as_unreached);
  CHECK(figure.amount == Fen::yuan(24'000));
}

TEST_CASE("yearly_figure: the visit year's deductible replaces the default") {
  TierRule rule = banded_rule();
  rule.deductible_by_year[2024] = yuan(20'000);
  CHECK(yearly_figure(rule, 2024, Fen::yuan(30'000)).amount == Fen::yuan(6'000));
  CHECK(yearly_figure(rule, 2023, Fen::yuan(30'000)).amount == Fen::yuan(12'000));
}

TEST_CASE("segments_of: the bands from the deductible up") {
  TierRule rule = banded_rule();
  auto segments = segments_of(rule, 2024);
  REQUIRE(segments.size() == 2);
  CHECK(segments[0].from == Fen::yuan(10'000));
  CHECK(segments[0].to == Fen::yuan(100'000));
  CHECK(segments[0].ratio->basis_points == 6000);
  CHECK(segments[1].from == Fen::yuan(100'000));
  CHECK(!segments[1].to);

  // A band wholly below the deductible is not shown; a ratio not on file shows as none.
  rule.deductible = yuan(120'000);
  rule.bands.back().ratio = missing();
  segments = segments_of(rule, 2024);
  REQUIRE(segments.size() == 1);
  CHECK(segments[0].from == Fen::yuan(120'000));
  CHECK(!segments[0].ratio);
}

TEST_CASE("recognition_window: months back from the application's month, to the end of its year") {
  auto [from, to] = recognition_window(Date{2024, 3, 1}, 6);
  CHECK(from == (Date{2023, 9, 1}));
  CHECK(to == (Date{2024, 12, 31}));
  std::tie(from, to) = recognition_window(Date{2024, 12, 1}, 0);
  CHECK(from == (Date{2024, 12, 1}));
  std::tie(from, to) = recognition_window(Date{2024, 1, 1}, 12);
  CHECK(from == (Date{2023, 1, 1}));
  CHECK(to == (Date{2024, 12, 31}));
}

TEST_CASE("weakest: the provenance further from a stated number") {
  CHECK(weakest(Provenance::stated, Provenance::derived) == Provenance::derived);
  CHECK(weakest(Provenance::assumed, Provenance::given) == Provenance::assumed);
  CHECK(weakest(Provenance::convention, Provenance::convention) == Provenance::convention);
  CHECK(weakest(Provenance::missing, Provenance::stated) == Provenance::missing);
}

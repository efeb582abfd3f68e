// Input limits (more than 1 MiB, more than 1000 visits, nesting deeper than a case) are refused
// before any work, and the largest amounts allowed add up without overflow.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "settle/date.h"
#include "settle/settle.h"

using nlohmann::json;

namespace {

constexpr size_t kMaxBytes = size_t{1} << 20;

struct Outcome {
  bool ok = false;
  json result;
};

Outcome settle_text(const std::string& text, bool with_steps = false) {
  settle::SettleOptions options;
  options.include_steps = with_steps;
  Outcome outcome;
  settle::SettleOutput output = settle::settle_json(text, options);
  outcome.ok = output.ok;
  outcome.result = json::parse(output.json);
  return outcome;
}

std::string error_path(const Outcome& outcome) {
  REQUIRE_FALSE(outcome.ok);
  CHECK_FALSE(outcome.result["error"]["message"].get<std::string>().empty());
  return outcome.result["error"]["path"];
}

const char* const kGood =
    R"({"city":"jining","identities":["minimum_living"],"visits":[{"date":"2021-05-06","total":88000,)"
    R"("in_policy":80000,"basic_paid":40000,"critical_paid":12000}]})";

// `visits` Yantai inpatient visits of 100,000,000 yuan each (the most a visit may carry), none
// paid by basic insurance, spread evenly over `years` calendar years from 2023, under every
// category with 低保 listed first.
std::string largest_case(int visits, int years) {
  std::string text = R"({"city":"yantai","scheme":"resident","identities":["minimum_living","extreme_poverty",)"
                     R"("returned_to_poverty","low_income_edge","monitored","illness_poverty"],"visits":[)";
  for (int i = 0; i < visits; ++i) {
    const int year = 2023 + i * years / visits;
    const int day_of_year = i % (visits / years);
    const std::string date = settle::Date{year, 1 + day_of_year % 12, 1 + day_of_year / 12 % 28}.to_string();
    text += std::string(i > 0 ? "," : "") + R"({"date":")" + date +
            R"(","kind":"inpatient","hospital_level":3,"designated":true,"emergency":false,)"
            R"("total":"100000000.00","in_policy":100000000,"basic_paid":0,"critical_paid":null})";
  }
  return text + "]}";
}

}  // namespace

TEST_CASE("input over 1 MiB is refused before it is read") {
  // Exactly 1 MiB (a good case padded with spaces) is read; one byte more is not, whatever it holds.
  std::string padded = kGood;
  padded.resize(kMaxBytes, ' ');
  CHECK(settle_text(padded).ok);

  std::string over = padded + " ";
  const Outcome refused = settle_text(over);
  CHECK(error_path(refused) == "");
  CHECK_THAT(refused.result["error"]["message"].get<std::string>(), Catch::Contains("1024 KiB"));

  // Past the limit nothing is parsed: text that is not JSON, or eight million brackets deep, gets the
  // same size error, not a parse or depth error.
  std::string not_json(kMaxBytes + 1, 'x');
  CHECK(settle_text(not_json).result == refused.result);
  std::string deep(8 * kMaxBytes, '[');
  CHECK(settle_text(deep).result == refused.result);
}

TEST_CASE("more than 1000 visits are refused before any visit is read") {
  // 1001 visits that are each wrong in their own way: the count is what is reported.
  std::string text = R"({"city":"yantai","visits":[)";
  for (int i = 0; i <= 1000; ++i) text += std::string(i > 0 ? "," : "") + R"({"date":"1999-01-01","total":-1})";
  text += "]}";
  const Outcome refused = settle_text(text);
  CHECK(error_path(refused) == "visits");
  CHECK_THAT(refused.result["error"]["message"].get<std::string>(), Catch::Contains("1000"));

  // 1000 is allowed: the first bad visit is reported instead.
  std::string allowed = R"({"city":"yantai","visits":[)";
  for (int i = 0; i < 1000; ++i) allowed += std::string(i > 0 ? "," : "") + R"({"date":"1999-01-01","total":-1})";
  allowed += "]}";
  CHECK(error_path(settle_text(allowed)) == "visits[0].date");
}

TEST_CASE("nesting deeper than a case is refused while reading") {
  // A case is at most three containers deep (case, visits, visit); the reader allows six.
  const std::string six = R"({"city":"jining","visits":[{"date":"2021-05-06","total":[[[1]]]}]})";
  CHECK(error_path(settle_text(six)) == "visits[0].total");
  const std::string seven = R"({"city":"jining","visits":[{"date":"2021-05-06","total":[[[[1]]]]}]})";
  const Outcome refused = settle_text(seven);
  CHECK(error_path(refused) == "");
  CHECK_THAT(refused.result["error"]["message"].get<std::string>(), Catch::Contains("嵌套"));
  // Deep nesting anywhere, even in a field that would be refused anyway, stops the reading first;
  // half a million levels do not exhaust the stack.
  CHECK(settle_text(R"({"city":"weihai","x":[[[[[[[[]]]]]]]]})").result == refused.result);
  const std::string deepest = std::string(500'000, '[') + std::string(500'000, ']');
  REQUIRE(deepest.size() <= kMaxBytes);
  CHECK(settle_text(deepest).result == refused.result);
  std::string objects;
  for (int i = 0; i < 100'000; ++i) objects += R"({"a":)";
  CHECK(settle_text(objects + "1" + std::string(100'000, '}')).result == refused.result);
}

TEST_CASE("1000 visits at the largest amounts settle without overflow") {
  // Yantai 低保 resident, 烟政办发〔2022〕25号, worked by hand for a year whose 大病保险 base is B yuan:
  //   大病保险 (7,000 deductible; 65% to 100,000, 70% to 200,000, 75% to 300,000, 80% above; no cap)
  //     = 93,000×65% + 100,000×70% + 100,000×75% + (B − 300,000)×80% = 205,450 + (B − 300,000)×80%
  //   医疗救助 80% of what is left, capped at 30,000; 再救助 70% above 5,000 of what is left after
  //   that, capped at 20,000: both reach their caps. Each year's visits add up to these figures.
  struct Layout {
    int years;
    int64_t critical_yuan_per_year;
  };
  for (const Layout& layout : {Layout{1, 79'999'965'450}, Layout{4, 19'999'965'450}, Layout{5, 15'999'965'450}}) {
    DYNAMIC_SECTION(layout.years << " calendar years") {
      const int64_t base_per_year = int64_t{100'000'000} * 1000 / layout.years;
      CHECK(205'450 + (base_per_year - 300'000) * 8 / 10 == layout.critical_yuan_per_year);
      const std::string text = largest_case(1000, layout.years);
      REQUIRE(text.size() <= kMaxBytes);
      const Outcome outcome = settle_text(text, /*with_steps=*/true);
      INFO(outcome.result.dump().substr(0, 400));
      REQUIRE(outcome.ok);
      CHECK(outcome.result["identity"] == "minimum_living");
      const json& totals = outcome.result["totals"];
      const int64_t fen_per_yuan = 100;
      CHECK(totals["total"] == int64_t{100'000'000} * 1000 * fen_per_yuan);
      CHECK(totals["in_policy"] == int64_t{100'000'000} * 1000 * fen_per_yuan);
      CHECK(totals["basic"] == 0);
      CHECK(totals["critical"] == layout.critical_yuan_per_year * layout.years * fen_per_yuan);
      CHECK(totals["assistance"] == int64_t{30'000} * layout.years * fen_per_yuan);
      CHECK(totals["reassistance"] == int64_t{20'000} * layout.years * fen_per_yuan);
      CHECK(totals["out_of_pocket"] ==
            (int64_t{100'000'000} * 1000 - (layout.critical_yuan_per_year + 50'000) * layout.years) * fen_per_yuan);
      json sum = {{"basic", 0}, {"critical", 0}, {"assistance", 0}, {"reassistance", 0}, {"out_of_pocket", 0}};
      for (const json& visit : outcome.result["visits"]) {
        for (auto& item : sum.items()) {
          CHECK(visit[item.key()].get<int64_t>() >= 0);
          item.value() = item.value().get<int64_t>() + visit[item.key()].get<int64_t>();
        }
      }
      for (const auto& item : sum.items()) CHECK(item.value() == totals[item.key()]);
      CHECK(outcome.result["steps"].size() == 4000);
    }
  }
}

#include "settle/rules.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "internal_text.h"
#include "rules_internal.h"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream input(path);
  std::stringstream text;
  text << input.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("every embedded rules file loads and validates") {
  const auto& cities = settle::cities();
  INFO((cities.ok() ? std::string() : cities.error().path + ": " + cities.error().message));
  REQUIRE(cities.ok());
  CHECK(cities.value().size() >= 3);
  for (const settle::City& city : cities.value()) {
    INFO(city.id);
    CHECK_FALSE(city.periods.empty());
    for (const settle::Period& period : city.periods) CHECK_FALSE(period.rules.empty());
  }
}

TEST_CASE("find_city gives each embedded city by its id, the same one each time, and refuses an unknown id") {
  for (const settle::City& listed : settle::cities().value()) {
    INFO(listed.id);
    auto found = settle::find_city(listed.id);
    REQUIRE(found.ok());
    CHECK(found.value()->id == listed.id);
    CHECK(found.value()->name == listed.name);
    CHECK(found.value()->periods.size() == listed.periods.size());
    CHECK(settle::find_city(listed.id).value() == found.value());  // loaded once
  }
  auto unknown = settle::find_city("atlantis");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().path == "city");
  CHECK(std::string(unknown.error().code) == "unknown_city");
  for (const settle::City& listed : settle::cities().value())
    CHECK(unknown.error().message.find(listed.name) != std::string::npos);
  CHECK_FALSE(settle::find_city("").ok());
  CHECK_FALSE(settle::find_city("../yantai").ok());
}

TEST_CASE("the embedded rules are the files in rules/") {
  for (const settle::City& city : settle::cities().value()) {
    auto from_disk = settle::load_city(city.file, read_file(std::string(SETTLE_RULES_DIR) + "/" + city.id + ".json"));
    REQUIRE(from_disk.ok());
    CHECK(from_disk.value().periods.front().rules.size() == city.periods.front().rules.size());
  }
}

TEST_CASE("a malformed rules file is refused with the file and field named") {
  const nlohmann::json yantai = nlohmann::json::parse(read_file(std::string(SETTLE_RULES_DIR) + "/yantai.json"));
  struct Row {
    const char* pointer;  // the field to change
    nlohmann::json value;
    const char* path;  // the path the error must name
  };
  const std::vector<Row> rows = {
      {"/periods/0/rules/0/bands/0/ratio/value", "165%", "periods[0].rules[0].bands[0].ratio.value"},
      {"/periods/0/rules/0/bands/0/ratio/value", "sixty", "periods[0].rules[0].bands[0].ratio.value"},
      {"/periods/0/rules/0/bands/0/ratio/provenance", "guessed", "periods[0].rules[0].bands[0].ratio.provenance"},
      {"/periods/0/rules/0/deductible/value", "-7000", "periods[0].rules[0].deductible.value"},
      {"/periods/0/rules/0/deductible/value", "none", "periods[0].rules[0].deductible.value"},
      {"/periods/0/rules/0/bands/1/to/value", "50000", "periods[0].rules[0].bands[1].to.value"},
      {"/periods/0/rules/0/bands/3/to/value", "900000", "periods[0].rules[0].bands[3].to.value"},
      {"/periods/0/rules/0/categories/0", "orphans", "periods[0].rules[0].categories[0]"},
      {"/periods/0/rules/0/tier", "bonus", "periods[0].rules[0].tier"},
      {"/periods/0/rules/0/cpa", 1, "periods[0].rules[0].cpa"},
      {"/periods/0/rules/1/id", "critical.resident.tilted", "periods[0].rules[1].id"},
      {"/periods/0/rules/1/categories", {"minimum_living"}, "periods[0].rules[1].categories"},
      {"/periods/0/rules/7/deductible/note", nullptr, "periods[0].rules[7].deductible.note"},
      // The block's note is what its derived ratios say: without it the first of them has none.
      {"/periods/0/rules/1/note", nullptr, "periods[0].rules[1].bands[0].ratio.note"},
      {"/periods/0/rules/1/provenance", "guessed", "periods[0].rules[1].provenance"},
      {"/periods/0/basic_estimates/0/note", 7, "periods[0].basic_estimates[0].note"},
      {"/periods/0/from", "2023-02-30", "periods[0].from"},
      {"/periods/0/assistance_kinds/value/0", "dental", "periods[0].assistance_kinds.value[0]"},
      {"/city", "weihai", "city"},
  };
  for (const Row& row : rows) {
    nlohmann::json broken = yantai;
    if (row.value.is_null()) {
      const nlohmann::json::json_pointer pointer(row.pointer);
      broken[pointer.parent_pointer()].erase(pointer.back());
    } else {
      broken[nlohmann::json::json_pointer(row.pointer)] = row.value;
    }
    INFO(row.pointer);
    auto city = settle::load_city("rules/yantai.json", broken.dump());
    REQUIRE_FALSE(city.ok());
    CHECK(city.error().path == std::string("rules/yantai.json: ") + row.path);
    CHECK_FALSE(city.error().message.empty());
  }
}

// A rule or estimate block states a provenance and note once for its parameters (issue 17): a
// parameter's own note wins, and a stated value never takes the block's note.
TEST_CASE("a block's provenance and note reach its parameters") {
  const nlohmann::json yantai = nlohmann::json::parse(read_file(std::string(SETTLE_RULES_DIR) + "/yantai.json"));
  const nlohmann::json& block = yantai["periods"][0]["rules"][1];
  REQUIRE(block["id"] == "critical.resident.general");
  const std::string block_note = block["note"].get<std::string>();
  auto city = settle::load_city("rules/yantai.json", yantai.dump());
  REQUIRE(city.ok());
  const settle::TierRule& rule = city.value().periods[0].rules[1];
  CHECK(rule.bands[0].ratio.provenance == settle::Provenance::derived);
  CHECK(rule.bands[0].ratio.note == block_note);
  CHECK(rule.deductible.provenance == settle::Provenance::derived);
  CHECK(rule.deductible.note == block["deductible"]["note"].get<std::string>());
  CHECK(rule.deductible.note != block_note);
  CHECK(rule.bands.back().to.provenance == settle::Provenance::stated);
  CHECK(rule.bands.back().to.note.empty());
  CHECK(rule.cap.provenance == settle::Provenance::assumed);

  // Said on every parameter instead, the same file loads to the same values.
  nlohmann::json spelled_out = yantai;
  nlohmann::json& rule_json = spelled_out["periods"][0]["rules"][1];
  for (nlohmann::json& band : rule_json["bands"]) {
    for (const char* end : {"to", "ratio"}) {
      nlohmann::json& parameter = band[end];
      if (!parameter.contains("provenance")) parameter["provenance"] = rule_json["provenance"];
      if (parameter["provenance"] != "stated" && !parameter.contains("note")) parameter["note"] = block_note;
    }
  }
  rule_json["deductible"]["provenance"] = rule_json["provenance"];
  rule_json.erase("provenance");
  rule_json.erase("note");
  auto spelled = settle::load_city("rules/yantai.json", spelled_out.dump());
  REQUIRE(spelled.ok());
  const settle::TierRule& same = spelled.value().periods[0].rules[1];
  for (size_t i = 0; i < rule.bands.size(); ++i) {
    CHECK(same.bands[i].to.note == rule.bands[i].to.note);
    CHECK(same.bands[i].ratio.note == rule.bands[i].ratio.note);
    CHECK(same.bands[i].ratio.provenance == rule.bands[i].ratio.provenance);
  }
}

TEST_CASE("every assumed or derived parameter says why, every parameter names its clause") {
  for (const settle::City& city : settle::cities().value()) {
    for (const settle::Period& period : city.periods) {
      for (const settle::TierRule& rule : period.rules) {
        std::vector<const settle::Parameter*> parameters = {&rule.deductible, &rule.cap};
        for (const settle::Band& band : rule.bands) {
          parameters.push_back(&band.to);
          parameters.push_back(&band.ratio);
        }
        for (const settle::Parameter* parameter : parameters) {
          INFO(city.id << " " << parameter->id);
          CHECK_FALSE(parameter->source.document.empty());
          CHECK_FALSE(parameter->source.clause.empty());
          if (parameter->provenance != settle::Provenance::stated ||
              parameter->state == settle::Parameter::State::missing)
            CHECK_FALSE(parameter->note.empty());
        }
      }
    }
  }
}

TEST_CASE("every quoted clause stands word for word in a policy document on file") {
  // Every document in the policy folder (SETTLE_SHARED_DIR/policy/*.txt), so a new city's comes in
  // with its file.
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(SETTLE_POLICY_DIR))
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= settle::cities().value().size());
  std::string documents;
  for (const auto& file : files) documents += read_file(file.string());
  auto squeeze = [](std::string text) {
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; }),
               text.end());
    return text;
  };
  const std::string haystack = squeeze(documents);
  for (const settle::City& city : settle::cities().value()) {
    for (const settle::TierRule& rule : city.periods.front().rules) {
      if (rule.quote.empty()) continue;
      INFO(city.id << " " << rule.id);
      CHECK(haystack.find(squeeze(rule.quote)) != std::string::npos);
    }
    // The clauses quoted in warnings and steps: 就高不重复, the non-designated rule, the gaps.
    for (const settle::Period& period : city.periods) {
      std::vector<std::string> quotes;
      for (const auto* clause : {&period.highest_only, &period.non_designated, &period.designated_only})
        if (*clause) quotes.push_back((*clause)->quote);
      for (const settle::TierGap& gap : period.gaps) quotes.push_back(gap.quote);
      for (const std::string& quote : quotes) {
        INFO(city.id << " " << quote);
        CHECK(haystack.find(squeeze(quote)) != std::string::npos);
      }
    }
  }
}

// 烟政办发〔2022〕25号 三（四）1 gives the 10万/20万/30万 bands for the tilted groups only: for the
// other residents the same edges are a reading of "分段报销比例提高5个百分点" (derived).
TEST_CASE("Yantai's general resident band edges are derived, not stated") {
  for (const settle::City& city : settle::cities().value()) {
    if (city.id != "yantai") continue;
    const settle::TierRule* rule = settle::find_rule(city.periods.front(), settle::Tier::critical,
                                                     settle::Pool::critical, settle::Scheme::resident, "general");
    REQUIRE(rule != nullptr);
    REQUIRE(rule->bands.size() == 4);
    for (size_t i = 0; i + 1 < rule->bands.size(); ++i) {
      CHECK(rule->bands[i].to.provenance == settle::Provenance::derived);
      CHECK_FALSE(rule->bands[i].to.note.empty());
    }
  }
}

// Every parameter has a plain Chinese name for messages and pages (never its id).
TEST_CASE("every parameter has a label without internal text") {
  for (const settle::City& city : settle::cities().value()) {
    for (const settle::Period& period : city.periods) {
      for (const settle::Parameter* parameter : settle::parameters_of(period)) {
        INFO(city.id << " " << parameter->id);
        CHECK_FALSE(parameter->label.empty());
        CHECK(settle::testing::internal_text(parameter->label) == "");
        CHECK(settle::testing::internal_text(parameter->note) == "");
      }
    }
  }
}

TEST_CASE("a count of months is 0 to 120 in digits, anything else is refused") {
  struct Example {
    const char* text;
    int64_t months;  // -1: refused
  };
  const Example examples[] = {{"0", 0},
                              {"12", 12},
                              {"120", 120},
                              {"007", 7},
                              {"121", -1},
                              {"999", -1},
                              {"1000", -1},
                              {"", -1},
                              {"-1", -1},
                              {"1a", -1},
                              {" 12", -1},
                              {"1.5", -1},
                              {"99999999999999999999", -1}};
  for (const Example& example : examples) {
    CAPTURE(example.text);
    settle::Parameter parameter;
    parameter.unit = settle::Unit::months;
    settle::Status status = settle::set_parameter_value(parameter, example.text);
    if (example.months < 0) {
      REQUIRE_FALSE(status.ok());
      CHECK(std::string(status.error().code) == "bad_months");
    } else {
      REQUIRE(status.ok());
      CHECK(parameter.value == example.months);
    }
  }
}

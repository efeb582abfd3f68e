// Every case file (../shared/cases and tests/cases) settled and checked against its "expect".
// A case file: {"case": {...}} or {"case_text": "raw input"}, and "expect" with any of
// identity, totals, visits (per visit, a subset of fields), warnings (codes that must appear),
// no_warnings (codes that must not), warning_text ({code: words the message must contain}), steps
// (subset matches on visit + tier; text_contains, text_lacks), error {path}.
// Every text a person can read (steps, warnings, errors) is checked for internal text.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "internal_text.h"
#include "settle/settle.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<fs::path> case_files() {
  std::vector<fs::path> files;
  for (const char* root : {SETTLE_SHARED_CASES, SETTLE_OWN_CASES}) {
    // A missing folder is a broken setup (SETTLE_SHARED_DIR), never fewer cases passing.
    INFO(root);
    REQUIRE(fs::is_directory(root));
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void check_subset(const json& expected, const json& actual, const std::string& where) {
  for (const auto& item : expected.items()) {
    INFO(where << "." << item.key());
    REQUIRE(actual.contains(item.key()));
    CHECK(actual[item.key()] == item.value());
  }
}

std::vector<std::string> warning_codes(const json& settlement) {
  std::vector<std::string> codes;
  for (const json& warning : settlement["warnings"]) codes.push_back(warning["code"]);
  return codes;
}

json missing_ids(const json& holder) {
  json ids = json::array();
  for (const json& item : holder.value("missing", json::array())) {
    CHECK_FALSE(item["label"].get<std::string>().empty());
    ids.push_back(item["id"]);
  }
  return ids;
}

// What holds for every settlement, whatever the case.
void check_invariants(const json& settlement) {
  const char* tiers[] = {"basic", "critical", "assistance", "reassistance", "out_of_pocket"};
  json sum = {{"total", 0},         {"in_policy", 0},        {"basic", 0},
              {"critical", 0},      {"assistance", 0},       {"reassistance", 0},
              {"out_of_pocket", 0}, {"in_policy_burden", 0}, {"self_paid", 0}};
  for (const json& visit : settlement["visits"]) {
    int64_t parts = 0;
    for (const char* tier : tiers) {
      CHECK(visit[tier].get<int64_t>() >= 0);
      parts += visit[tier].get<int64_t>();
    }
    CHECK(parts == visit["total"].get<int64_t>());
    CHECK(visit["in_policy_burden"].get<int64_t>() + visit["self_paid"].get<int64_t>() ==
          visit["out_of_pocket"].get<int64_t>());
    CHECK(visit["self_paid"].get<int64_t>() == visit["total"].get<int64_t>() - visit["in_policy"].get<int64_t>());
    CHECK(visit["assistance"].get<int64_t>() + visit["reassistance"].get<int64_t>() + visit["critical"].get<int64_t>() +
              visit["basic"].get<int64_t>() <=
          visit["in_policy"].get<int64_t>());
    for (auto& item : sum.items()) item.value() = item.value().get<int64_t>() + visit[item.key()].get<int64_t>();
  }
  CHECK(sum == settlement["totals"]);
  CHECK(settlement["steps"].size() == 4 * settlement["visits"].size());
  for (const json& step : settlement["steps"]) {
    INFO(step.dump());
    CHECK_FALSE(step["text"].get<std::string>().empty());
    CHECK_FALSE(step["source"]["document"].get<std::string>().empty());
    CHECK_FALSE(step["source"]["clause"].get<std::string>().empty());
    const std::string provenance = step["provenance"];
    CHECK((provenance == "stated" || provenance == "derived" || provenance == "assumed" || provenance == "given" ||
           provenance == "convention" || provenance == "missing"));
    CHECK(std::find(step["provenances"].begin(), step["provenances"].end(), provenance) != step["provenances"].end());
    CHECK(step["paid"].get<int64_t>() >= 0);
    CHECK(settle::testing::internal_text(step["text"]) == "");
    CHECK(settle::testing::internal_text(step["tier_name"]) == "");
    CHECK(settle::testing::internal_text(step["source"]["document"].get<std::string>() + " " +
                                         step["source"]["clause"].get<std::string>()) == "");
  }
  for (const json& warning : settlement["warnings"]) {
    INFO(warning.dump());
    CHECK(settle::testing::internal_text(warning["message"]) == "");
  }
  CHECK(settle::testing::internal_text(settlement["identity_name"]) == "");
}

void check_case_file(const fs::path& file) {
  std::ifstream input(file);
  json data = json::parse(input);
  const std::string text = data.contains("case_text") ? data["case_text"].get<std::string>() : data["case"].dump();
  const auto [output, ok] = settle::settle_json(text);
  const json result = json::parse(output);
  const json& expect = data["expect"];

  if (expect.contains("error")) {
    INFO(result.dump());
    REQUIRE_FALSE(ok);
    REQUIRE(result.contains("error"));
    CHECK(result["error"]["path"] == expect["error"]["path"]);
    CHECK_FALSE(result["error"]["message"].get<std::string>().empty());
    CHECK_FALSE(result["error"]["code"].get<std::string>().empty());
    CHECK(result["error"]["code"] != "invalid_input");  // every error site sets its own code
    if (expect["error"].contains("code")) CHECK(result["error"]["code"] == expect["error"]["code"]);
    if (expect["error"].contains("missing")) CHECK(missing_ids(result["error"]) == expect["error"]["missing"]);
    CHECK(settle::testing::internal_text(result["error"]["message"], true) == "");
    if (expect["error"].contains("message_contains"))
      CHECK_THAT(result["error"]["message"].get<std::string>(),
                 Catch::Contains(expect["error"]["message_contains"].get<std::string>()));
    return;
  }
  INFO(result.dump().substr(0, 600));
  REQUIRE(ok);
  check_invariants(result);
  if (expect.contains("identity")) CHECK(result["identity"] == expect["identity"]);
  if (expect.contains("totals")) check_subset(expect["totals"], result["totals"], "totals");
  if (expect.contains("visits")) {
    REQUIRE(expect["visits"].size() == result["visits"].size());
    for (size_t i = 0; i < expect["visits"].size(); ++i)
      check_subset(expect["visits"][i], result["visits"][i], "visits[" + std::to_string(i) + "]");
  }
  if (expect.contains("year_left")) {
    CHECK(result["year_left"]["year"] == expect["year_left"]["year"]);
    const json tiers = expect["year_left"].value("tiers", json::array());
    REQUIRE(tiers.size() <= result["year_left"]["tiers"].size());
    for (size_t i = 0; i < tiers.size(); ++i)
      check_subset(tiers[i], result["year_left"]["tiers"][i], "year_left.tiers[" + std::to_string(i) + "]");
  }
  const auto codes = warning_codes(result);
  for (const json& code : expect.value("warnings", json::array())) {
    INFO("warning " << code);
    CHECK(std::find(codes.begin(), codes.end(), code.get<std::string>()) != codes.end());
  }
  for (const json& code : expect.value("no_warnings", json::array())) {
    INFO("no warning " << code);
    CHECK(std::find(codes.begin(), codes.end(), code.get<std::string>()) == codes.end());
  }
  // "warning_missing": {"<code>": [ids]}: the missing list a warning carries (category_incomplete).
  const json warning_missing = expect.value("warning_missing", json::object());
  for (const auto& item : warning_missing.items()) {
    auto match = std::find_if(result["warnings"].begin(), result["warnings"].end(),
                              [&](const json& warning) { return warning["code"] == item.key(); });
    INFO("warning " << item.key());
    REQUIRE(match != result["warnings"].end());
    CHECK(missing_ids(*match) == item.value());
  }
  const json warning_text = expect.value("warning_text", json::object());
  for (const auto& item : warning_text.items()) {
    const std::string code = item.key();
    const std::string words = item.value().get<std::string>();
    INFO("warning " << code << " says " << words);
    auto match = std::find_if(result["warnings"].begin(), result["warnings"].end(), [&](const json& warning) {
      return warning["code"] == code && warning["message"].get<std::string>().find(words) != std::string::npos;
    });
    CHECK(match != result["warnings"].end());
  }
  for (const json& wanted : expect.value("steps", json::array())) {
    auto match = std::find_if(result["steps"].begin(), result["steps"].end(), [&](const json& step) {
      return step["visit"] == wanted["visit"] && step["tier"] == wanted["tier"];
    });
    INFO("step " << wanted.dump());
    REQUIRE(match != result["steps"].end());
    for (const auto& item : wanted.items()) {
      if (item.key() == "clause") {
        CHECK((*match)["source"]["clause"] == item.value());
      } else if (item.key() == "text_contains") {
        CHECK_THAT((*match)["text"].get<std::string>(), Catch::Contains(item.value().get<std::string>()));
      } else if (item.key() == "text_lacks") {
        CHECK_THAT((*match)["text"].get<std::string>(), !Catch::Contains(item.value().get<std::string>()));
      } else {
        CHECK((*match)[item.key()] == item.value());
      }
    }
  }
}

}  // namespace

TEST_CASE("case files settle as expected") {
  const auto files = case_files();
  REQUIRE(files.size() >= 6);
  for (const fs::path& file : files) {
    // Named by folder and file: two situations of the same name in two cities both run.
    DYNAMIC_SECTION(file.parent_path().filename().string() + "/" + file.filename().string()) {
      check_case_file(file);
    }
  }
}

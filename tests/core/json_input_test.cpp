#include "json_input.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

using settle::detail::Json;
using settle::detail::read_json;
using settle::detail::read_money;

TEST_CASE("numbers with a fraction keep their source text, never a double") {
  auto json = read_json(R"({"a": 0.1, "b": 12345.67, "c": 7})");
  REQUIRE(json.ok());
  CHECK(json.value()["a"].is_decimal());
  CHECK(json.value()["a"].text() == "0.1");
  CHECK(read_money(json.value()["a"], "a").value().fen() == 10);
  CHECK(read_money(json.value()["b"], "b").value().fen() == 1234567);
  CHECK(read_money(json.value()["c"], "c").value().fen() == 700);
}

TEST_CASE("money comes as a number or a decimal string; the error carries the path") {
  auto json = read_json(R"({"s": "88.80", "neg": -5, "negf": -0.5, "many": 1.005, "big": 100000001, "bool": true,
                            "tiny": 1e-3, "huge": 2e8})");
  REQUIRE(json.ok());
  CHECK(read_money(json.value()["s"], "s").value().fen() == 8880);
  for (const char* field : {"neg", "negf", "many", "big", "bool", "tiny", "huge"}) {
    INFO(field);
    auto money = read_money(json.value()[field], std::string("visits[0].") + field);
    REQUIRE_FALSE(money.ok());
    CHECK(money.error().path == std::string("visits[0].") + field);
  }
}

TEST_CASE("a number in exponent form is an amount like any other") {
  auto json = read_json(R"({"a": 1E5, "b": 1.0e-2, "c": 1.5e+3, "d": 12345.67e0, "e": 0.5e1, "f": 0e5})");
  REQUIRE(json.ok());
  const std::pair<const char*, int64_t> rows[] = {{"a", 10'000'000}, {"b", 1},   {"c", 150'000},
                                                  {"d", 1'234'567},  {"e", 500}, {"f", 0}};
  for (const auto& [field, fen] : rows) {
    INFO(field);
    CHECK(read_money(json.value()[field], field).value().fen() == fen);
  }
}

TEST_CASE("a repeated key is an error at that field") {
  // The last two hold an escape or an exponent (once read by a slower path than the rest).
  const std::pair<const char*, const char*> cases[] = {
      {R"({"visits": [{"total": 1}, {"total": 1, "total": 2}]})", "visits[1].total"},
      {R"({"city": "a", "scheme": "b", "city": "c"})", "city"},
      {R"({"parameters": {"assistance": {"low": {"ratio": "1%", "ratio": "2%"}}}})", "parameters.assistance.low.ratio"},
      {R"({"a": [[{}], [{"b": {}}, {"c": [1, {"d": 1, "d": 1}]}]]})", "a[1][1].c[1].d"},
      {R"({"visits": [{"date": "\u0032"}, {"kind": 1, "kind": 2}]})", "visits[1].kind"},
      {R"({"visits": [{"total": 1e2, "total": 2}]})", "visits[0].total"},
  };
  for (const auto& [text, path] : cases) {
    INFO(text);
    auto json = read_json(text);
    REQUIRE_FALSE(json.ok());
    CHECK(json.error().path == path);
  }
}

// An object's members are one sorted vector: a repeat among many keys is looked for in a set
// (json_document_builder.h kManyKeys), a member among many found by a binary search.
TEST_CASE("an object with many keys: each found, kept in key order, a late repeat an error at it") {
  std::string text = "{";
  for (int i = 40; i > 0; --i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + (i > 1 ? ", " : "}");
  auto json = read_json(text);
  REQUIRE(json.ok());
  REQUIRE(json.value().size() == 40);
  for (int i = 1; i <= 40; ++i) {
    const Json* member = json.value().find("k" + std::to_string(i));
    REQUIRE(member != nullptr);
    CHECK(member->unsigned_value() == static_cast<uint64_t>(i));
  }
  CHECK(json.value().find("k41") == nullptr);
  CHECK(json.value().find("k") == nullptr);
  const auto& members = json.value().members();
  CHECK(std::is_sorted(members.begin(), members.end(),
                       [](const Json::Member& a, const Json::Member& b) { return a.first < b.first; }));

  for (const int repeated : {3, 17, 40}) {
    std::string again = "{\"list\": [0, {";
    for (int i = 1; i <= 40; ++i) again += "\"k" + std::to_string(i) + "\": 1, ";
    again += "\"k" + std::to_string(repeated) + "\": 2, \"z\": }]}";  // the syntax error comes after
    INFO(repeated);
    auto refused = read_json(again);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().path == "list[1].k" + std::to_string(repeated));
  }
}

TEST_CASE("bad JSON, duplicate keys, deep nesting and oversize input are errors with path \"\"") {
  for (const char* text : {"", "{", "{\"a\":}", "[1,]", "[[[[[[[[1]]]]]]]]", "nul", "\"\xff\""}) {
    INFO(text);
    auto json = read_json(text);
    REQUIRE_FALSE(json.ok());
    CHECK(json.error().path.empty());
    CHECK_FALSE(json.error().message.empty());
  }
  std::string large(settle::detail::InputLimits{}.max_bytes + 1, ' ');
  CHECK_FALSE(read_json(large).ok());
}

TEST_CASE("input is all of the input: a NUL byte, and anything after it, is an error") {
  using namespace std::string_literals;
  for (const std::string& text :
       {"{\"a\": 1}\0{\"b\": 2}"s, "{\"a\": 1}\0"s, "{\"a\": 1e2}\0 "s, "\0"s, "{\"a\": \"x\0\"}"s}) {
    INFO(text);
    auto json = read_json(text);
    REQUIRE_FALSE(json.ok());
    CHECK(json.error().path.empty());
    CHECK_THAT(json.error().message, Catch::Contains("NUL"));
  }
  auto blank = read_json(" \r\n\t");
  REQUIRE_FALSE(blank.ok());
  CHECK_THAT(blank.error().message, Catch::Contains("空的"));
}

TEST_CASE("numbers read one way: minus zero, zero decimals, exponent digits, huge values") {
  auto json = read_json(R"({"a": -0, "b": -0.0, "c": "-0.00", "d": 100.000, "e": "123.450", "f": 1.000e2, "g": 1e08,
                            "h": 1e008, "i": 1E+0008, "j": 12.3450e1, "k": -0e5, "l": 0.00000e-99999999999,
                            "m": 1e-0001})");
  REQUIRE(json.ok());
  const std::pair<const char*, int64_t> rows[] = {{"a", 0},
                                                  {"b", 0},
                                                  {"c", 0},
                                                  {"d", 10'000},
                                                  {"e", 12'345},
                                                  {"f", 10'000},
                                                  {"g", 10'000'000'000},
                                                  {"h", 10'000'000'000},
                                                  {"i", 10'000'000'000},
                                                  {"j", 12'345},
                                                  {"k", 0},
                                                  {"l", 0},
                                                  {"m", 10}};
  for (const auto& [field, fen] : rows) {
    INFO(field);
    auto money = read_money(json.value()[field], field);
    REQUIRE(money.ok());
    CHECK(money.value().fen() == fen);
  }
  // Too large, whatever way it is written; a nonzero digit beyond the fen is too many decimals.
  auto bad = read_json(R"({"a": 1e308, "b": 1e0009, "c": 123456789012345678901234567890e5, "d": "100000000.000001",
                           "e": 1.5e-400, "f": 100.0001, "g": -1e308})");
  REQUIRE(bad.ok());
  const std::pair<const char*, const char*> reasons[] = {
      {"a", "100,000,000"}, {"b", "100,000,000"}, {"c", "100,000,000"}, {"d", "两位小数"},
      {"e", "两位小数"},    {"f", "两位小数"},    {"g", "负数"}};
  for (const auto& [field, reason] : reasons) {
    INFO(field);
    auto money = read_money(bad.value()[field], field);
    REQUIRE_FALSE(money.ok());
    CHECK_THAT(money.error().message, Catch::Contains(reason));
  }
  // Beyond binary floating point the reader itself refuses it, at its field, as too large.
  auto beyond = read_json(R"({"visits": [{"total": 1e400}]})");
  REQUIRE_FALSE(beyond.ok());
  CHECK(beyond.error().path == "visits[0].total");
  CHECK_THAT(beyond.error().message, Catch::Contains("100,000,000"));
}

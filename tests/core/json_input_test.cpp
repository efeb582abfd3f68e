#include "json_input.h"

#include <catch2/catch.hpp>

using settle::detail::read_json;
using settle::detail::read_money;

TEST_CASE("numbers with a fraction keep their source text, never a double") {
  auto json = read_json(R"({"a": 0.1, "b": 12345.67, "c": 7})");
  REQUIRE(json.ok());
  CHECK(settle::detail::decimal_text(json.value()["a"]) == "0.1");
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
  // The last two hold an escape or an exponent, which the fast reader leaves to nlohmann's parser.
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

TEST_CASE("bad JSON, duplicate keys, deep nesting and oversize input are errors with path \"\"") {
  for (const char* text : {"", "{", "{\"a\":}", "[1,]", "[[[[[[[[1]]]]]]]]", "nul", "{\"a\":1e400}", "\"\xff\""}) {
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

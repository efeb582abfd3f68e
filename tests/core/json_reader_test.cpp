// read_json's own reader against nlohmann's parser driving the same DocumentBuilder: for every
// text, the same document, or the same first error (its message, with the byte position, and its
// path). The texts are the case and rules files, edge cases written out below, and those texts
// cut short, with a byte changed, dropped or added (a fixed seed).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "json_input.h"
#include "nlohmann_reader.h"

namespace {

using settle::detail::InputLimits;
using settle::testing::reader_difference;

std::string file_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<std::string> files_under(const std::string& directory) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const auto& path : paths) texts.push_back(file_text(path));
  return texts;
}

// Texts at the edges of the grammar: escapes, surrogates, UTF-8, numbers, a byte order mark,
// what may follow a value.
const std::vector<std::string> kEdges = {
    R"({"a": "\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u4E2D \uD83D\uDE00"})",
    R"(["\u0000", "\uDBFF\uDFFF", "\uD800\uDC00"])",
    R"(["\uD800"])",
    R"(["\uD800\u0041"])",
    R"(["\uD800\n"])",
    R"(["\uD800x"])",
    R"(["\uDC00"])",
    R"(["\u12G4"])",
    R"(["\u12"])",
    R"(["\x"])",
    "[\"\\",
    "[\"\\u",
    "[\"a\tb\"]",
    "[\"\x7f\"]",
    "[\"\xc2\xa0\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"]",
    "[\"\xc1\xbf\"]",
    "[\"\xe0\x9f\x80\"]",
    "[\"\xed\xa0\x80\"]",
    "[\"\xf0\x8f\xbf\xbf\"]",
    "[\"\xf4\x90\x80\x80\"]",
    "[\"\xf5\x80\x80\x80\"]",
    "[\"\xe4\xb8\"]",
    "[\"\xe4\xb8",
    "\xef\xbb\xbf{\"a\": 1}",
    "\xef\xbb\xbf",
    "\xef\xbb{}",
    "\xef{}",
    " \xef\xbb\xbf{}",
    "[0, -0, 1, -1, 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809]",
    "[99999999999999999999999999999999, -99999999999999999999999]",
    "[0.0, -0.0, 1.5, 1e5, 1E+5, 1e-5, 0e0, -0E-0, 1.25e2, 12345.678e-1]",
    "[1e308, 1e309, 1.7976931348623157e308, 1.7976931348623158e308, 1.7976931348623159e308]",
    "[179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330"
    "286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069"
    "855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791]",
    "[179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330"
    "286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069"
    "855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792]",
    "[17976931348623158079e289, 1797693134862315807e290, 0.0000179769313486231581e313, 17976931348623157e292]",
    "[1e99999999999999999999, 1e-99999999999999999999, 0e99999999999999999999, -1e400, 1e-400]",
    "[-, -a, 01, 1., 1.e5, 1e, 1e+, 1E-x, .5, +1, 1.5.5, 0x10, --1]",
    "[-]",
    "[1.]",
    "[1e+]",
    "[01]",
    "[1 2]",
    "{\"a\" 1}",
    "{\"a\": 1 \"b\": 2}",
    "{\"a\": 1,}",
    "{,}",
    "{1: 2}",
    "[1,]",
    "[,1]",
    "[] []",
    "{} x",
    "{} 123",
    "tru",
    "truex",
    "nul",
    "falsy",
    "[true, false, null]",
    "\"just a string\"",
    "42",
    "@",
    "[[[[[[1]]]]]]",
    "[[[[[[[1]]]]]]]",
    "{\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": 1}}}}}}",
    "{\"a\": 1, \"a\": 2}",
    "{\"a\": [1, {\"b\": 1e400}]}",
    "{\"a\": 1e400, \"a\": 1}",
    "{\"a\": 1, \"a\": 1e400}",
    " \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ \t\r\n1 \t\r\n, \t\r\n2 \t\r\n] \t\r\n} \t\r\n",
    "{\"a\": 1}\x0b",
};

// The text with one change at a random place: cut there, a byte replaced, dropped or added.
std::string mutated(const std::string& text, std::mt19937& random) {
  static const std::string kBytes = "\"\\{}[],:0159-.eE+tfnu \t\n\x01\x1f\x7f\x80\xbf\xc3\xe4\xed\xef\xf4\xffx";
  std::uniform_int_distribution<size_t> place(0, text.size());
  std::uniform_int_distribution<size_t> byte(0, kBytes.size() - 1);
  const size_t at = place(random);
  std::string changed = text;
  switch (random() % 4) {
    case 0: changed.resize(at); break;
    case 1:
      if (at < changed.size()) changed[at] = kBytes[byte(random)];
      break;
    case 2:
      if (at < changed.size()) changed.erase(at, 1);
      break;
    default: changed.insert(at, 1, kBytes[byte(random)]); break;
  }
  return changed;
}

void check_agrees(const std::string& text) {
  if (!settle::testing::readable(text)) return;
  const std::string differs = reader_difference(text);
  if (!differs.empty()) {
    INFO(text);
    FAIL(differs);
  }
}

}  // namespace

TEST_CASE("read_json's reader and nlohmann's give the same document or the same first error") {
  SECTION("edge cases") {
    for (const std::string& text : kEdges) {
      INFO(text);
      CHECK(reader_difference(text) == "");
    }
  }
  std::vector<std::string> seeds = files_under(SETTLE_SHARED_CASES);
  for (const char* directory : {SETTLE_OWN_CASES, SETTLE_RULES_DIR}) {
    for (std::string& text : files_under(directory)) seeds.push_back(std::move(text));
  }
  REQUIRE(seeds.size() > 100);
  SECTION("every case and rules file as written") {
    for (const std::string& text : seeds) check_agrees(text);
  }
  SECTION("each cut short at every byte (the edge cases) or at 40 places (the files)") {
    for (const std::string& text : kEdges) {
      for (size_t length = 1; length < text.size(); ++length) check_agrees(text.substr(0, length));
    }
    for (const std::string& text : seeds) {
      for (size_t part = 1; part < 40; ++part) check_agrees(text.substr(0, text.size() * part / 40));
    }
  }
  SECTION("with a byte changed, dropped or added, 60 times each (fixed seed)") {
    std::mt19937 random(20261203);
    for (const std::string& text : kEdges) {
      for (int i = 0; i < 60; ++i) check_agrees(mutated(text, random));
    }
    for (const std::string& text : seeds) {
      for (int i = 0; i < 60; ++i) check_agrees(mutated(text, random));
    }
  }
}

#include "settle/money.h"

#include <catch2/catch.hpp>

using settle::ExactSum;
using settle::Fen;
using settle::Ratio;

TEST_CASE("parse_yuan reads whole yuan and up to two decimals into fen") {
  struct Row {
    const char* text;
    int64_t fen;
  };
  for (Row row :
       {Row{"0", 0}, Row{"1", 100}, Row{"12345.6", 1234560}, Row{"12345.67", 1234567}, Row{"0.01", 1}, Row{"007", 700},
        Row{"100000000", 10'000'000'000}, Row{"100000000.00", 10'000'000'000}, Row{"100.000", 10'000},
        Row{"123.450", 12'345}, Row{"0.0100000", 1}, Row{"-0", 0}, Row{"-0.000", 0}}) {
    INFO(row.text);
    auto parsed = settle::parse_yuan(row.text);
    REQUIRE(parsed.ok());
    CHECK(parsed.value().fen() == row.fen);
  }
}

TEST_CASE("parse_yuan rejects what is not a plain amount, with a reason") {
  struct Row {
    const char* text;
    const char* reason;
  };
  for (Row row : {Row{"-1", "负数"}, Row{"1.234", "两位小数"}, Row{"100000000.01", "100,000,000"},
                  Row{"999999999999999999999", "100,000,000"}, Row{"", "数字"}, Row{"1e5", "数字"}, Row{"1.", "数字"},
                  Row{".5", "数字"}, Row{"12 345", "数字"}, Row{"１２", "数字"}, Row{"+1", "数字"}}) {
    INFO(row.text);
    auto parsed = settle::parse_yuan(row.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.error().message, Catch::Contains(row.reason));
  }
}

TEST_CASE("format_yuan groups thousands and keeps two decimals") {
  CHECK(settle::format_yuan(Fen(0)) == "0.00");
  CHECK(settle::format_yuan(Fen(5)) == "0.05");
  CHECK(settle::format_yuan(Fen(1855000)) == "18,550.00");
  CHECK(settle::format_yuan(Fen(123456789)) == "1,234,567.89");
  CHECK(settle::format_yuan(Fen(-150)) == "-1.50");
}

TEST_CASE("plain_yuan is the shortest text that reads back to the same amount") {
  for (int64_t fen : {0L, 1L, 10L, 50L, 700000L, 1855050L, 10'000'000'000L}) {
    INFO(fen);
    auto text = settle::plain_yuan(Fen(fen));
    CHECK(text.find(',') == std::string::npos);
    CHECK(settle::parse_yuan(text).value().fen() == fen);
  }
  CHECK(settle::plain_yuan(Fen(700000)) == "7000");
  CHECK(settle::plain_yuan(Fen(1855050)) == "18550.5");
}

TEST_CASE("percentages are exact basis points") {
  CHECK(settle::parse_percent("80%").value().basis_points == 8000);
  CHECK(settle::parse_percent("12.5%").value().basis_points == 1250);
  CHECK(settle::parse_percent("150%").value().basis_points == 15000);
  CHECK_FALSE(settle::parse_percent("80").ok());
  CHECK_FALSE(settle::parse_percent("0.001%").ok());
  CHECK(settle::format_percent(Ratio{8000}) == "80%");
  CHECK(settle::format_percent(Ratio{1250}) == "12.5%");
  CHECK(settle::format_percent(Ratio{1205}) == "12.05%");
}

TEST_CASE("ExactSum rounds once, half-up, to the fen") {
  ExactSum half;
  half.add(Fen(1), Ratio{5000});  // 0.5 fen
  CHECK(half.round_half_up() == Fen(1));
  ExactSum below;
  below.add(Fen(1), Ratio{4999});
  CHECK(below.round_half_up() == Fen(0));
  // Two bands that each end in half a fen add up before rounding: 0.5 + 0.5 = 1, not 1 + 1 = 2.
  ExactSum bands;
  bands.add(Fen(1), Ratio{5000});
  bands.add(Fen(1), Ratio{5000});
  CHECK(bands.round_half_up() == Fen(1));
  // The largest yearly base (1000 visits at the maximum) times 100% stays exact.
  ExactSum largest;
  largest.add(Fen(1000 * settle::kMaxAmount.fen()), Ratio{10000});
  CHECK(largest.round_half_up() == Fen(1000 * settle::kMaxAmount.fen()));
}

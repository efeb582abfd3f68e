#include "settle/date.h"

#include <catch2/catch.hpp>

TEST_CASE("dates follow the real calendar") {
  CHECK(settle::parse_date("2024-02-29").ok());
  CHECK(settle::parse_date("2000-02-29").ok());
  CHECK_FALSE(settle::parse_date("2023-02-29").ok());
  CHECK_FALSE(settle::parse_date("1900-02-29").ok());
  CHECK_FALSE(settle::parse_date("2023-04-31").ok());
  CHECK(settle::parse_date("2023-12-31").ok());
  for (const char* bad : {"2023-13-01", "2023-00-10", "2023-01-00", "2023-1-01", "23-01-01", "2023/01/01",
                          "2023-01-01T00", "", "abcd-ef-gh", "1899-12-31", "2200-01-01"}) {
    INFO(bad);
    CHECK_FALSE(settle::parse_date(bad).ok());
  }
}

TEST_CASE("days since epoch order dates and count days") {
  auto day = [](const char* text) { return settle::parse_date(text).value().days_since_epoch(); };
  CHECK(day("1970-01-01") == 0);
  CHECK(day("2023-01-01") - day("2022-12-31") == 1);
  CHECK(day("2024-03-01") - day("2024-02-28") == 2);
  CHECK(day("2023-03-01") - day("2023-02-28") == 1);
  CHECK(day("2024-01-01") - day("2023-01-01") == 365);
  CHECK(day("2025-01-01") - day("2024-01-01") == 366);
  CHECK(settle::parse_date("2023-04-02").value().to_string() == "2023-04-02");
}

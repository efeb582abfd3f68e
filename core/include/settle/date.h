// Calendar dates (proleptic Gregorian), as written in cases and rules: YYYY-MM-DD.
#pragma once

#include <string>
#include <string_view>

#include "settle/result.h"

namespace settle {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // Days since 1970-01-01; orders dates and counts intervals.
  long days_since_epoch() const;
  std::string to_string() const;  // "2023-04-02"

  bool operator<(const Date& other) const { return days_since_epoch() < other.days_since_epoch(); }
  bool operator<=(const Date& other) const { return !(other < *this); }
  bool operator==(const Date& other) const { return year == other.year && month == other.month && day == other.day; }
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Strict: four-digit year 1900–2199, two-digit month and day, a real day of that month.
Result<Date> parse_date(std::string_view text);

}  // namespace settle

#include "settle/date.h"

#include "digits.h"
#include "messages.h"

namespace settle {

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

long Date::days_since_epoch() const {
  // Howard Hinnant's days_from_civil.
  int y = month <= 2 ? year - 1 : year;
  long era = (y >= 0 ? y : y - 399) / 400;
  long year_of_era = y - era * 400;
  long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::string Date::to_string() const {
  char text[11];
  text[0] = static_cast<char>('0' + year / 1000 % 10);
  text[1] = static_cast<char>('0' + year / 100 % 10);
  text[2] = static_cast<char>('0' + year / 10 % 10);
  text[3] = static_cast<char>('0' + year % 10);
  text[4] = '-';
  text[5] = static_cast<char>('0' + month / 10);
  text[6] = static_cast<char>('0' + month % 10);
  text[7] = '-';
  text[8] = static_cast<char>('0' + day / 10);
  text[9] = static_cast<char>('0' + day % 10);
  text[10] = '\0';
  return text;
}

Result<Date> parse_date(std::string_view text) {
  auto digits = [&](size_t from, size_t count) { return detail::digits_value(text.substr(from, count)); };
  const Error shape = detail::messages::date_format();
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return shape;
  Date date{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (date.year < 0 || date.month < 0 || date.day < 0) return shape;
  if (date.year < 1900 || date.year > 2199) return detail::messages::date_year();
  if (date.month < 1 || date.month > 12) return detail::messages::date_month();
  if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return detail::messages::date_day(text);
  return date;
}

}  // namespace settle

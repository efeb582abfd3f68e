// A short run of decimal digits read as a number: a date's fields, a count of months.
#pragma once

#include <string_view>

namespace settle::detail {

// The value of `text` when it is 1 to 9 digits and nothing else, -1 otherwise.
inline int digits_value(std::string_view text) {
  if (text.empty() || text.size() > 9) return -1;
  int value = 0;
  for (char digit : text) {
    if (digit < '0' || digit > '9') return -1;
    value = value * 10 + (digit - '0');
  }
  return value;
}

}  // namespace settle::detail

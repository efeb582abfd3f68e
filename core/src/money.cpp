#include "settle/money.h"

#include <algorithm>

#include "messages.h"

namespace settle {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Digits with an optional '.' and up to `max_decimals` decimals, scaled by 10^max_decimals;
// decimals beyond those may only be zeros ("123.450" is 123.45, as 1.000e2 is 100).
// Returns -1 when the text is not of that shape or exceeds `limit`.
int64_t parse_fixed_point(std::string_view text, int max_decimals, int64_t limit) {
  if (text.empty()) return -1;
  int64_t value = 0;
  size_t i = 0;
  size_t integer_digits = 0;
  for (; i < text.size() && is_digit(text[i]); ++i, ++integer_digits) {
    value = value * 10 + (text[i] - '0');
    if (value > limit) return -1;
  }
  if (integer_digits == 0) return -1;
  int decimals = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const size_t first_decimal = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (decimals == max_decimals) {
        if (text[i] != '0') return -1;
        continue;
      }
      ++decimals;
      value = value * 10 + (text[i] - '0');
    }
    if (i == first_decimal) return -1;
  }
  if (i != text.size()) return -1;
  for (; decimals < max_decimals; ++decimals) value *= 10;
  return value <= limit ? value : -1;
}

}  // namespace

Result<Fen> parse_yuan(std::string_view text) {
  int64_t fen = parse_fixed_point(text, 2, kMaxAmount.fen());
  if (fen >= 0) return Fen(fen);
  // A second look to say which rule was broken. Minus zero is zero.
  if (!text.empty() && text[0] == '-') {
    if (parse_fixed_point(text.substr(1), 2, kMaxAmount.fen()) == 0) return Fen(0);
    return detail::messages::amount_negative();
  }
  size_t dot = text.find('.');
  if (dot != std::string_view::npos && text.size() - dot - 1 > 2 &&
      parse_fixed_point(text.substr(0, dot), 0, INT64_MAX / 1000) >= 0)
    return detail::messages::amount_decimals();
  if (parse_fixed_point(text, 2, INT64_MAX / 1000) >= 0 || text.size() > 15)
    return detail::messages::amount_too_large();
  return detail::messages::amount_not_a_number();
}

std::string format_yuan(Fen amount) {
  // Written backwards into a buffer: every amount in every sentence comes through here.
  int64_t fen = amount.fen();
  bool negative = fen < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  char buffer[40];
  char* const end = buffer + sizeof buffer;
  char* at = end;
  uint64_t cents = magnitude % 100;
  *--at = static_cast<char>('0' + cents % 10);
  *--at = static_cast<char>('0' + cents / 10);
  *--at = '.';
  uint64_t yuan = magnitude / 100;
  int in_group = 0;
  do {
    if (in_group == 3) {
      *--at = ',';
      in_group = 0;
    }
    *--at = static_cast<char>('0' + yuan % 10);
    yuan /= 10;
    ++in_group;
  } while (yuan != 0);
  if (negative) *--at = '-';
  return std::string(at, end);
}

std::string plain_yuan(Fen amount) {
  std::string text = format_yuan(amount);
  text.erase(std::remove(text.begin(), text.end(), ','), text.end());
  while (text.back() == '0' && text.find('.') != std::string::npos) text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

Result<Ratio> parse_percent(std::string_view text) {
  if (text.empty() || text.back() != '%') return detail::messages::ratio_format();
  int64_t basis_points = parse_fixed_point(text.substr(0, text.size() - 1), 2, 10 * Ratio::kScale);
  if (basis_points < 0) return detail::messages::ratio_range();
  return Ratio{basis_points};
}

std::string format_percent(Ratio ratio) {
  int64_t whole = ratio.basis_points / 100;
  int64_t hundredths = ratio.basis_points % 100;
  std::string text = std::to_string(whole);
  if (hundredths != 0) {
    text += '.';
    text += static_cast<char>('0' + hundredths / 10);
    if (hundredths % 10 != 0) text += static_cast<char>('0' + hundredths % 10);
  }
  return text + "%";
}

Fen ExactSum::round_half_up() const {
  // Amounts here are never negative (bases are clamped at zero), so half-up is plain.
  return Fen((scaled_ + Ratio::kScale / 2) / Ratio::kScale);
}

}  // namespace settle

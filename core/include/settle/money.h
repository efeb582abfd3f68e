// Money is an integer number of fen (分); ratios are exact basis points (1/10000).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "settle/result.h"

namespace settle {

class Fen {
 public:
  constexpr Fen() = default;
  constexpr explicit Fen(int64_t fen) : fen_(fen) {}
  static constexpr Fen yuan(int64_t yuan) { return Fen(yuan * 100); }

  constexpr int64_t fen() const { return fen_; }

  constexpr Fen operator+(Fen other) const { return Fen(fen_ + other.fen_); }
  constexpr Fen operator-(Fen other) const { return Fen(fen_ - other.fen_); }
  Fen& operator+=(Fen other) {
    fen_ += other.fen_;
    return *this;
  }
  Fen& operator-=(Fen other) {
    fen_ -= other.fen_;
    return *this;
  }
  constexpr bool operator==(Fen other) const { return fen_ == other.fen_; }
  constexpr bool operator!=(Fen other) const { return fen_ != other.fen_; }
  constexpr bool operator<(Fen other) const { return fen_ < other.fen_; }
  constexpr bool operator<=(Fen other) const { return fen_ <= other.fen_; }
  constexpr bool operator>(Fen other) const { return fen_ > other.fen_; }
  constexpr bool operator>=(Fen other) const { return fen_ >= other.fen_; }

 private:
  int64_t fen_ = 0;
};

constexpr Fen min(Fen a, Fen b) {
  return a < b ? a : b;
}
constexpr Fen max(Fen a, Fen b) {
  return a < b ? b : a;
}
constexpr Fen clamp(Fen value, Fen low, Fen high) {
  return max(low, min(value, high));
}

// The largest amount a case may carry: 100,000,000 yuan (CONTRACT.md).
constexpr Fen kMaxAmount = Fen::yuan(100'000'000);

// Parses "12345", "12345.6", "12345.67" (yuan) into fen; no sign, no exponent, at most two
// decimals, at most kMaxAmount. The error has an empty path: callers know the field.
Result<Fen> parse_yuan(std::string_view text);

// "18,550.00": yuan with thousands separators and two decimals, as on a settlement slip.
std::string format_yuan(Fen amount);
// "18550", "18550.5": the shortest text parse_yuan reads back to the same amount.
std::string plain_yuan(Fen amount);

// A ratio in basis points: 8000 = 80%.
struct Ratio {
  int64_t basis_points = 0;
  static constexpr int64_t kScale = 10'000;
};

// Parses "80%", "12.5%", "150%" (up to two decimals of a percent, at most 1000%; rates paid by a
// fund are checked to be at most 100% where the rules are loaded).
Result<Ratio> parse_percent(std::string_view text);
std::string format_percent(Ratio ratio);  // "80%", "12.5%"

// Exact product accumulated in 1/10000 fen, rounded once, half-up, when turned into money.
class ExactSum {
 public:
  void add(Fen amount, Ratio ratio) { scaled_ += amount.fen() * ratio.basis_points; }
  Fen round_half_up() const;

 private:
  int64_t scaled_ = 0;  // fen × basis points; amounts are capped so this cannot overflow
};

}  // namespace settle

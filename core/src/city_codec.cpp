#include "city_codec.h"

#include <type_traits>

#include "messages.h"

namespace settle::detail {
namespace {

// The fields of each rules struct, in one order for writing and reading (Reader is handed them
// as const and reads into them: every struct it reads is its own).
template <class F>
void rules_fields(F& f, const Source& s) {
  f(s.document, s.clause);
}
template <class F>
void rules_fields(F& f, const Parameter& s) {
  f(s.id, s.unit, s.state, s.value, s.may_be_unlimited, s.source, s.provenance, s.note, s.label,
    s.not_reached_if_missing);
}
template <class F>
void rules_fields(F& f, const Band& s) {
  f(s.to, s.ratio);
}
template <class F>
void rules_fields(F& f, const TierRule& s) {
  f(s.id, s.tier, s.pool, s.schemes, s.categories, s.deductible, s.bands, s.cap, s.source, s.quote, s.name, s.look_back,
    s.lump_sum, s.deductible_by_year);
}
template <class F>
void rules_fields(F& f, const BasicLevel& s) {
  f(s.deductible, s.ratio);
}
template <class F>
void rules_fields(F& f, const BasicEstimate& s) {
  f(s.id, s.schemes, s.kinds, s.levels, s.repeat_deductible_share, s.cap, s.source);
}
template <class F>
void rules_fields(F& f, const EarlyWarningThreshold& s) {
  f(s.categories, s.share);
}
template <class F>
void rules_fields(F& f, const EarlyWarning& s) {
  f(s.source, s.income_by_year, s.thresholds);
}
template <class F>
void rules_fields(F& f, const TierGap& s) {
  f(s.tiers, s.categories, s.reading, s.source, s.quote, s.note);
}
template <class F>
void rules_fields(F& f, const Clause& s) {
  f(s.source, s.quote);
}
template <class F>
void rules_fields(F& f, const Date& s) {
  f(s.year, s.month, s.day);
}
template <class F>
void rules_fields(F& f, const Period& s) {
  f(s.from, s.to, s.document, s.title, s.from_provenance, s.assistance_kinds, s.assistance_kinds_source,
    s.assistance_kinds_provenance, s.assistance_kinds_note, s.assistance_kinds_assumed, s.assistance_kinds_missing,
    s.assistance_kinds_missing_note, s.issued, s.highest_only, s.non_designated, s.designated_only, s.gaps, s.rules,
    s.basic_estimates, s.early_warning, s.preliminary);
}
template <class F>
void rules_fields(F& f, const Category& s) {
  f(s.id, s.name, s.assumed);
}
template <class F>
void rules_fields(F& f, const City& s) {
  f(s.id, s.name, s.file, s.categories, s.periods);
}

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_int_map : std::false_type {};
template <class T>
struct is_int_map<std::map<int, T>> : std::true_type {};

// Integers as base-128 varints (signed ones zigzagged), strings and lists by their length, all in
// the order of the fields. Tried and dropped: a table of distinct strings written once, the
// strings apart from the numbers, and one stream of strings per field (settle.wasm 0.6, 0.6 and
// 1.6 KB gzip bigger: gzip finds the repeats best as they come).
class Writer {
 public:
  template <class... T>
  void operator()(const T&... values) {
    (write(values), ...);
  }
  std::string take() { return std::move(bytes_); }

 private:
  void unsigned_number(uint64_t value) {
    for (; value >= 0x80; value >>= 7) bytes_ += static_cast<char>((value & 0x7F) | 0x80);
    bytes_ += static_cast<char>(value);
  }
  template <class T>
  void write(const T& value) {
    if constexpr (std::is_same_v<T, std::string>) {
      unsigned_number(value.size());
      bytes_ += value;
    } else if constexpr (std::is_same_v<T, bool>) {
      unsigned_number(value ? 1 : 0);
    } else if constexpr (std::is_enum_v<T>) {
      unsigned_number(static_cast<uint64_t>(value));
    } else if constexpr (std::is_integral_v<T>) {
      const auto wide = static_cast<int64_t>(value);
      unsigned_number((static_cast<uint64_t>(wide) << 1) ^ static_cast<uint64_t>(wide >> 63));
    } else if constexpr (is_optional<T>::value) {
      unsigned_number(value.has_value() ? 1 : 0);
      if (value) write(*value);
    } else if constexpr (is_vector<T>::value) {
      unsigned_number(value.size());
      for (const auto& item : value) write(item);
    } else if constexpr (is_int_map<T>::value) {
      unsigned_number(value.size());
      for (const auto& [key, item] : value) write(key), write(item);
    } else {
      rules_fields(*this, value);
    }
  }

  std::string bytes_;
};

// Reads what Writer wrote; any byte out of place (never from the build's own bytes) makes the
// whole city an error rather than a half-read one.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : at_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  template <class... T>
  void operator()(const T&... values) {
    (read(const_cast<T&>(values)), ...);
  }
  bool complete() const { return !broken_ && at_ == end_; }

 private:
  uint64_t unsigned_number() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ == end_) break;
      const auto byte = static_cast<unsigned char>(*at_++);
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    broken_ = true;
    return 0;
  }
  // A count of items or bytes, none beyond what is left to read.
  size_t count() {
    const uint64_t n = unsigned_number();
    if (n > static_cast<uint64_t>(end_ - at_)) broken_ = true;
    return broken_ ? 0 : static_cast<size_t>(n);
  }
  template <class T>
  void read(T& value) {
    if constexpr (std::is_same_v<T, std::string>) {
      const size_t n = count();
      value.assign(at_, n);
      at_ += n;
    } else if constexpr (std::is_same_v<T, bool>) {
      value = unsigned_number() != 0;
    } else if constexpr (std::is_enum_v<T>) {
      value = static_cast<T>(unsigned_number());
    } else if constexpr (std::is_integral_v<T>) {
      const uint64_t zigzag = unsigned_number();
      value = static_cast<T>(static_cast<int64_t>(zigzag >> 1) ^ -static_cast<int64_t>(zigzag & 1));
    } else if constexpr (is_optional<T>::value) {
      if (unsigned_number() != 0) read(value.emplace());
    } else if constexpr (is_vector<T>::value) {
      value.resize(count());
      for (auto& item : value) read(item);
    } else if constexpr (is_int_map<T>::value) {
      for (size_t n = count(); n > 0 && !broken_; --n) {
        int key = 0;
        read(key);
        read(value[key]);
      }
    } else {
      rules_fields(*this, value);
    }
  }

  const char* at_;
  const char* const end_;
  bool broken_ = false;
};

}  // namespace

std::string encode_city(const City& city) {
  Writer writer;
  writer(city);
  return writer.take();
}

Result<City> decode_city(std::string_view bytes) {
  City city;
  Reader reader(bytes);
  reader(city);
  if (!reader.complete()) return error_at("city", messages::rules_unreadable());
  return city;
}

}  // namespace settle::detail

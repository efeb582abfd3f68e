// Expected failures are values: a Result carries either a value or {path, message, code};
// Status (Result<void>) is the same for a step that yields nothing.
#pragma once

#include <cassert>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace settle {

// A number the case needs that the rules on file lack (a parameter, or a slip amount): what the
// page asks for. `id` is a parameter id, or the JSON path of a slip amount ("visits[0].critical_paid").
struct MissingValue {
  std::string id;
  std::string label;  // plain Chinese, e.g. "医疗救助年度最高支付限额（低保对象）"
  std::string unit;   // "yuan", "percent" or "months"
};

struct Error {
  std::string path;                   // JSON path of the offending field, e.g. "visits[0].in_policy"; "" = whole input
  std::string message;                // plain Chinese: what is wrong and what is allowed
  const char* code = "";              // stable, for programs ("parameters_missing"); a literal, never shown
  std::vector<MissingValue> missing;  // code "parameters_missing": every value the case still needs

  Error() = default;
  Error(std::string error_path, std::string error_message, const char* error_code = "")
      : path(std::move(error_path)), message(std::move(error_message)), code(error_code) {}
};

// Holds one or the other, never both: a success builds and frees no Error (a batch run reads
// dozens of fields per case, each through a Result).
template <typename T>
class Result {
 public:
  Result(T value) : ok_(true) { new (&value_) T(std::move(value)); }           // NOLINT: implicit by design
  Result(Error error) : ok_(false) { new (&error_) Error(std::move(error)); }  // NOLINT
  Result(Result&& other) noexcept : ok_(other.ok_) {
    if (ok_) {
      new (&value_) T(std::move(other.value_));
    } else {
      new (&error_) Error(std::move(other.error_));
    }
  }
  Result(const Result& other) : ok_(other.ok_) {
    if (ok_) {
      new (&value_) T(other.value_);
    } else {
      new (&error_) Error(other.error_);
    }
  }
  Result& operator=(Result other) noexcept {
    this->~Result();
    new (this) Result(std::move(other));
    return *this;
  }
  ~Result() {
    if (ok_) {
      value_.~T();
    } else {
      error_.~Error();
    }
  }

  bool ok() const { return ok_; }
  const T& value() const {
    assert(ok());
    return value_;
  }
  T& value() {
    assert(ok());
    return value_;
  }
  const Error& error() const {
    assert(!ok());
    return error_;
  }

 private:
  union {
    T value_;
    Error error_;
  };
  bool ok_;
};

// A step that yields no value: ok, or the error. `return {};` is success.
template <>
class Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};
using Status = Result<void>;

}  // namespace settle

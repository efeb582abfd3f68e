// Expected failures are values: a Result carries either a value or {path, message}.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace settle {

struct Error {
  std::string path;     // JSON path of the offending field, e.g. "visits[0].in_policy"; "" = whole input
  std::string message;  // plain Chinese: what is wrong and what is allowed
};

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  const T& value() const {
    assert(ok());
    return *value_;
  }
  T& value() {
    assert(ok());
    return *value_;
  }
  const Error& error() const {
    assert(!ok());
    return error_;
  }

 private:
  std::optional<T> value_;
  Error error_;
};

}  // namespace settle

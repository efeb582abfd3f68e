// A JSON document as read_json gives it: null, true or false, an integer that fits 64 bits, a
// decimal kept as its source text (never binary floating point), a string, an array, or an object
// whose members are kept in key order (the order check_object and every loop over members see).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace settle::detail {

class Json {
 public:
  using Array = std::vector<Json>;
  using Object = std::map<std::string, Json, std::less<>>;
  enum class Kind : uint8_t {
    null,
    boolean,
    unsigned_integer,  // written without a minus sign
    signed_integer,    // written with one (-0 among them)
    decimal,           // with a fraction or an exponent, or beyond 64 bits
    string,
    array,
    object,
  };

  Json() = default;
  static Json boolean(bool value) { return Json(Kind::boolean, value ? 1 : 0); }
  static Json unsigned_integer(uint64_t value) { return Json(Kind::unsigned_integer, value); }
  static Json signed_integer(int64_t value) { return Json(Kind::signed_integer, static_cast<uint64_t>(value)); }
  static Json decimal(std::string text) { return Json(Kind::decimal, std::move(text)); }
  static Json string(std::string text) { return Json(Kind::string, std::move(text)); }
  static Json array() { return Json(Kind::array, 0); }
  static Json object() {
    Json value(Kind::object, 0);
    value.members_ = std::make_unique<Object>();
    return value;
  }

  // A document is moved, never copied.
  Json(Json&&) noexcept = default;
  Json& operator=(Json&&) noexcept = default;

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_boolean() const { return kind_ == Kind::boolean; }
  bool is_unsigned() const { return kind_ == Kind::unsigned_integer; }
  bool is_signed() const { return kind_ == Kind::signed_integer; }
  bool is_integer() const { return is_unsigned() || is_signed(); }
  bool is_decimal() const { return kind_ == Kind::decimal; }
  bool is_string() const { return kind_ == Kind::string; }
  bool is_array() const { return kind_ == Kind::array; }
  bool is_object() const { return kind_ == Kind::object; }

  bool boolean_value() const { return number_ != 0; }
  uint64_t unsigned_value() const { return number_; }
  int64_t signed_value() const { return static_cast<int64_t>(number_); }
  // A string's text, or a decimal's source text ("12.50", "1e5").
  const std::string& text() const { return text_; }
  const Array& elements() const { return elements_; }
  Array& elements() { return elements_; }
  const Object& members() const { return *members_; }
  Object& members() { return *members_; }

  // An array's length, an object's count of members; 0 for anything else.
  size_t size() const { return is_object() ? members_->size() : elements_.size(); }
  bool empty() const { return size() == 0; }
  const Json& operator[](size_t index) const { return elements_[index]; }
  // The member `name`, or null when there is none (or this is not an object).
  const Json* find(std::string_view name) const {
    if (!is_object()) return nullptr;
    auto it = members_->find(name);
    return it == members_->end() ? nullptr : &it->second;
  }
  const Json& operator[](std::string_view name) const {
    static const Json kNull;
    const Json* member = find(name);
    return member ? *member : kNull;
  }

  friend bool operator==(const Json& a, const Json& b) {
    if (a.kind_ != b.kind_ || a.number_ != b.number_ || a.text_ != b.text_ || a.elements_ != b.elements_) return false;
    return !a.is_object() || *a.members_ == *b.members_;
  }
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }

 private:
  Json(Kind kind, uint64_t number) : kind_(kind), number_(number) {}
  Json(Kind kind, std::string text) : kind_(kind), text_(std::move(text)) {}

  Kind kind_ = Kind::null;
  uint64_t number_ = 0;  // a boolean (0 or 1) or an integer's bits
  std::string text_;
  Array elements_;
  std::unique_ptr<Object> members_;  // an object's only
};

}  // namespace settle::detail

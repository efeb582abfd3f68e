// A JSON document as read_json gives it: null, true or false, an integer that fits 64 bits, a
// decimal kept as its source text (never binary floating point), a string, an array, or an object
// whose members are kept in key order (the order check_object and every loop over members see):
// one vector of key and value, sorted once the object is read (json_document_builder.h), so a
// member costs no allocation of its own. A value holds only what its kind needs (48 bytes).
#pragma once

#include <algorithm>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace settle::detail {

class Json {
 public:
  using Array = std::vector<Json>;
  using Member = std::pair<std::string, Json>;
  using Object = std::vector<Member>;  // sorted by key, each key once
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

  Json() {}  // null
  static Json boolean(bool value) { return Json(Kind::boolean, value ? 1 : 0); }
  static Json unsigned_integer(uint64_t value) { return Json(Kind::unsigned_integer, value); }
  static Json signed_integer(int64_t value) { return Json(Kind::signed_integer, static_cast<uint64_t>(value)); }
  static Json decimal(std::string text) { return Json(Kind::decimal, std::move(text)); }
  static Json string(std::string text) { return Json(Kind::string, std::move(text)); }
  static Json array() { return Json(Kind::array, Array()); }
  static Json object() { return Json(Kind::object, Object()); }

  // A document is moved, never copied.
  Json(Json&& other) noexcept : kind_(other.kind_), number_(other.number_) { take(std::move(other)); }
  Json& operator=(Json&& other) noexcept {
    if (this != &other) {
      destroy();
      kind_ = other.kind_;
      number_ = other.number_;
      take(std::move(other));
    }
    return *this;
  }
  ~Json() { destroy(); }

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
  const std::string& text() const { return body() == Body::text ? text_ : empty<std::string>(); }
  const Array& elements() const { return body() == Body::elements ? elements_ : empty<Array>(); }
  Array& elements() { return elements_; }  // an array's only
  const Object& members() const { return body() == Body::members ? members_ : empty<Object>(); }
  Object& members() { return members_; }  // an object's only

  // An array's length, an object's count of members; 0 for anything else.
  size_t size() const { return is_object() ? members().size() : elements().size(); }
  bool empty() const { return size() == 0; }
  const Json& operator[](size_t index) const { return elements()[index]; }
  // The member `name`, or null when there is none (or this is not an object).
  const Json* find(std::string_view name) const {
    if (!is_object()) return nullptr;
    const Object& members = members_;
    if (members.size() <= kFewMembers) {  // a case's objects: a look at each is quicker than a search
      for (const Member& member : members) {
        if (member.first == name) return &member.second;
      }
      return nullptr;
    }
    auto it = std::lower_bound(members.begin(), members.end(), name,
                               [](const Member& member, std::string_view key) { return member.first < key; });
    return it == members.end() || it->first != name ? nullptr : &it->second;
  }
  const Json& operator[](std::string_view name) const {
    static const Json kNull;
    const Json* member = find(name);
    return member ? *member : kNull;
  }

  friend bool operator==(const Json& a, const Json& b) {
    if (a.kind_ != b.kind_ || a.number_ != b.number_) return false;
    switch (a.body()) {
      case Body::text: return a.text_ == b.text_;
      case Body::elements: return a.elements_ == b.elements_;
      case Body::members: return a.members_ == b.members_;
      case Body::none: break;
    }
    return true;
  }
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }

 private:
  static constexpr size_t kFewMembers = 12;
  Json(Kind kind, uint64_t number) : kind_(kind), number_(number) {}
  Json(Kind kind, std::string text) : kind_(kind) { new (&text_) std::string(std::move(text)); }
  Json(Kind kind, Array elements) : kind_(kind) { new (&elements_) Array(std::move(elements)); }
  Json(Kind kind, Object members) : kind_(kind) { new (&members_) Object(std::move(members)); }

  // Which member of the union a kind holds.
  enum class Body : uint8_t { none, text, elements, members };
  Body body() const {
    switch (kind_) {
      case Kind::string:
      case Kind::decimal: return Body::text;
      case Kind::array: return Body::elements;
      case Kind::object: return Body::members;
      default: return Body::none;
    }
  }
  template <typename Held>
  static const Held& empty() {
    static const Held kEmpty;
    return kEmpty;
  }
  // The body of `other` (whose kind this value has taken), moved into this one.
  void take(Json&& other) {
    switch (body()) {
      case Body::text: new (&text_) std::string(std::move(other.text_)); break;
      case Body::elements: new (&elements_) Array(std::move(other.elements_)); break;
      case Body::members: new (&members_) Object(std::move(other.members_)); break;
      case Body::none: break;
    }
  }
  void destroy() {
    switch (body()) {
      case Body::text: text_.~basic_string(); break;
      case Body::elements: elements_.~Array(); break;
      case Body::members: members_.~Object(); break;
      case Body::none: break;
    }
  }

  Kind kind_ = Kind::null;
  uint64_t number_ = 0;  // a boolean (0 or 1) or an integer's bits
  union {                // a string's or a decimal's text, or the children: as the kind says (body())
    std::string text_;
    Array elements_;
    Object members_;
  };
};

}  // namespace settle::detail

// Reading typed fields out of a JSON object, with the JSON path of each field for errors.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "json_input.h"
#include "json_path.h"
#include "messages.h"
#include "settle/date.h"

namespace settle::detail {

// An object whose fields are all among `known`; otherwise the error names the first stray one.
inline Status check_object(const Json& value, const std::string& path, std::initializer_list<std::string_view> known) {
  if (!value.is_object()) return error_at(path, messages::expected_object());
  for (const auto& [name, field] : value.members()) {
    bool found = false;
    for (std::string_view known_name : known) found = found || name == known_name;
    if (!found) return error_at(field_path(path, name), messages::unknown_field(name, known));
  }
  return {};
}

inline Result<std::string> read_string(const Json& value, const std::string& path) {
  if (!value.is_string()) return error_at(path, messages::expected_string());
  return value.text();
}

inline Result<std::string> required_string(const Json& object, const char* name, const std::string& path) {
  const Json* value = object.find(name);
  if (value == nullptr) return error_at(field_path(path, name), messages::missing_field(name));
  return read_string(*value, field_path(path, name));
}

// An optional string field: left as it is when absent.
inline Status optional_string(const Json& object, const char* name, const std::string& path, std::string& target) {
  const Json* value = object.find(name);
  if (value == nullptr) return {};
  Result<std::string> text = read_string(*value, field_path(path, name));
  if (!text.ok()) return text.error();
  target = text.value();
  return {};
}

inline Result<Date> read_date(const Json& value, const std::string& path) {
  auto text = read_string(value, path);
  if (!text.ok()) return text.error();
  Result<Date> date = parse_date(text.value());
  if (!date.ok()) return error_at(path, date.error());
  return date;
}

// The field's path is built only for an error (a batch run reads a date per visit).
inline Result<Date> required_date(const Json& object, const char* name, const std::string& path) {
  const Json* value = object.find(name);
  if (value == nullptr) return error_at(field_path(path, name), messages::missing_field(name));
  Result<Date> date = read_date(*value, std::string());
  if (!date.ok()) return error_at(field_path(path, name), date.error());
  return date;
}

inline Result<const Json*> required_array(const Json& object, const char* name, const std::string& path) {
  const Json* value = object.find(name);
  if (value == nullptr) return error_at(field_path(path, name), messages::missing_field(name));
  if (!value->is_array()) return error_at(field_path(path, name), messages::expected_array());
  return value;
}

}  // namespace settle::detail

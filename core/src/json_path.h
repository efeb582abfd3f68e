// JSON paths as errors name them: "visits[0].in_policy", "prior.assistance.paid",
// "parameters.assistance.minimum_living.cap". Every path the core writes is built here.
#pragma once

#include <cstddef>
#include <string>

namespace settle::detail {

inline std::string field_path(const std::string& parent, const std::string& field) {
  return parent.empty() ? field : parent + "." + field;
}
inline std::string index_path(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}
// A field of the case's visit `index`: "visits[2].basic_paid".
inline std::string visit_path(size_t index, const std::string& field) {
  return field_path(index_path("visits", index), field);
}

}  // namespace settle::detail

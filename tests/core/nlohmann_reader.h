// The reader read_json had before its own: nlohmann's parser driving the same DocumentBuilder.
// json_reader_test.cpp and the fuzzer compare the two.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "json_document_builder.h"
#include "json_input.h"

namespace settle::testing {

using detail::DocumentBuilder;
using detail::InputLimits;
using detail::Json;
using Nlohmann = nlohmann::json;

// nlohmann's SAX events, handed to a DocumentBuilder as read_json's reader hands them.
struct NlohmannEvents {
  DocumentBuilder& builder;

  bool null() { return builder.null(); }
  bool boolean(bool value) { return builder.boolean(value); }
  bool number_integer(Nlohmann::number_integer_t value) { return builder.number_integer(value); }
  bool number_unsigned(Nlohmann::number_unsigned_t value) { return builder.number_unsigned(value); }
  bool number_float(Nlohmann::number_float_t, const std::string& source) { return builder.decimal(source); }
  bool string(std::string& value) { return builder.string(value); }
  bool binary(Nlohmann::binary_t&) { return false; }  // never from JSON text
  bool start_object(std::size_t) { return builder.start_object(); }
  bool key(std::string& name) { return builder.key(name); }
  bool end_object() { return builder.end_object(); }
  bool start_array(std::size_t) { return builder.start_array(); }
  bool end_array() { return builder.end_array(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) {
    if (!builder.problem().ok()) return false;
    if (error.id == 406) return builder.number_too_large();  // a number beyond binary floating point
    builder.not_json(position);
    return false;
  }
};

// What read_json gave when nlohmann's parser read the text (for a text without a NUL byte that
// is not blank: read_json refuses those before reading).
inline Result<Json> read_with_nlohmann(const std::string& text) {
  DocumentBuilder builder(InputLimits{}.max_depth);
  NlohmannEvents events{builder};
  if (!Nlohmann::sax_parse(text.begin(), text.end(), &events, nlohmann::detail::input_format_t::json, /*strict=*/true,
                           /*ignore_comments=*/false)) {
    return settle::detail::error_at(builder.error_path(), builder.problem().error());
  }
  return std::move(builder.document());
}

inline bool readable(const std::string& text) {
  return text.size() <= InputLimits{}.max_bytes && text.find('\0') == std::string::npos &&
         text.find_first_not_of(" \t\n\r") != std::string::npos;
}

// Returns "" when both readers agree, else what differs.
inline std::string reader_difference(const std::string& text) {
  Result<Json> ours = settle::detail::read_json(text);
  Result<Json> theirs = read_with_nlohmann(text);
  if (ours.ok() != theirs.ok()) {
    return ours.ok() ? "accepted; nlohmann: " + theirs.error().message : "refused: " + ours.error().message;
  }
  if (ours.ok()) return ours.value() == theirs.value() ? "" : "another document";
  if (ours.error().path != theirs.error().path) return "path " + ours.error().path + " / " + theirs.error().path;
  if (ours.error().message != theirs.error().message) return ours.error().message + " / " + theirs.error().message;
  return "";
}

}  // namespace settle::testing

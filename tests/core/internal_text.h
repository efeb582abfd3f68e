// Text a person reads must be plain Chinese: no parameter id, file path, English or developer note.
// internal_text() returns the first offending fragment, or "" when the text is clean.
#pragma once

#include <regex>
#include <string>

namespace settle::testing {

// `error`: an input error may name the case's own fields and allowed ids (the JSON path points at
// them), so only ids with dots, paths, English phrases and notes are refused there; elsewhere any
// Latin word is.
inline std::string internal_text(std::string text, bool error = false) {
  static const std::regex dotted_id(R"([A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_\[\]]*)");
  static const std::regex path(R"([A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)");
  static const std::regex english_phrase(R"([A-Za-z]{2,}[ \t]+[A-Za-z]{2,})");
  static const std::regex latin_word(R"([A-Za-z]{2,})");
  static const std::regex developer_note(R"(凭记忆|未核对|TODO|FIXME|XXX|PARAMETERS|CONTRACT|\blead\b)");
  std::smatch match;
  for (const std::regex* pattern : {&dotted_id, &path, &english_phrase, &developer_note}) {
    if (std::regex_search(text, match, *pattern)) return match.str();
  }
  if (!error && std::regex_search(text, match, latin_word)) return match.str();
  return "";
}

}  // namespace settle::testing

// Reads JSON text into a document without ever turning a number into binary floating point:
// a number with a fraction or exponent is kept as its source text (stored as a JSON "binary"
// value, which JSON text itself can never produce). Limits are checked while reading.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "settle/money.h"
#include "settle/result.h"
#include "settle/settle.h"

namespace settle::detail {

using Json = nlohmann::json;

struct InputLimits {
  size_t max_bytes = kMaxInputBytes;  // 1 MiB
  int max_depth = 6;                  // the contract's shape is at most 4 deep; a little slack
};

Result<Json> read_json(std::string_view text, const InputLimits& limits = {});

// The source text of a number kept by read_json ("12.50"), if `value` is one.
bool is_decimal_text(const Json& value);
std::string decimal_text(const Json& value);

// A money field: a JSON integer or decimal number (yuan), or a decimal string. The error's path
// is `path`.
Result<Fen> read_money(const Json& value, const std::string& path);

}  // namespace settle::detail

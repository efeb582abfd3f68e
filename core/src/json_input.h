// Reads JSON text into a document (json_value.h) without ever turning a number into binary
// floating point: a number with a fraction or exponent is kept as its source text. Limits are
// checked while reading.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "json_value.h"
#include "settle/money.h"
#include "settle/result.h"
#include "settle/settle.h"

namespace settle::detail {

struct InputLimits {
  size_t max_bytes = kMaxInputBytes;  // 1 MiB
  int max_depth = 6;                  // the contract's shape is at most 4 deep; a little slack
};

Result<Json> read_json(std::string_view text, const InputLimits& limits = {});

// A money field: a JSON integer or decimal number (yuan), or a decimal string. The error's path
// is `path`.
Result<Fen> read_money(const Json& value, const std::string& path);

}  // namespace settle::detail

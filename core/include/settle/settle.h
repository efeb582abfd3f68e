// The whole public job of the core: one case in, one settlement (or error) out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "settle/result.h"
#include "settle/settlement.h"

namespace settle {

struct SettleOptions {
  // Batch runs may leave the explanation out of the output (bench, --no-steps).
  bool include_steps = true;
};

// Settles one case given as JSON text (../shared/CONTRACT.md): the settlement, or the error
// {path, message, code} of the first thing wrong with the case. Never throws.
Result<Settlement> settle(std::string_view case_json, const SettleOptions& options = {});

// The same as the contract's JSON: the settlement, or the error object
// {"error": {"path", "message", "code"}}; `ok` tells which one it is. The CLI and the
// WebAssembly module print this, so they give the same bytes.
struct SettleOutput {
  std::string json;
  bool ok = false;
};
SettleOutput settle_json(std::string_view case_json, const SettleOptions& options = {});

// The largest case text (1 MiB); anything longer is refused unread, so a reader need never hold
// more than one byte past it.
inline constexpr std::size_t kMaxInputBytes = 1 << 20;

// Input the command cannot take as a case, whatever it holds.
enum class InputProblem { directory, device };
// The error object for it, as settle_json gives one for bad input (path "").
std::string input_error_json(InputProblem problem);

// Every city on file: names, schemes, categories, visit kinds, the periods its rules cover and
// every parameter with its value, unit, source and provenance. JSON text.
std::string cities_json();

// The engine version: the project version of CMakeLists.txt, e.g. "0.1.0".
std::string version();

}  // namespace settle

// libFuzzer target on the JSON entry point: any bytes in, a settlement or an error object out,
// never a crash; a settlement's amounts always add up; the case reader gives what nlohmann's
// parser gives (the same document or the same first error).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "nlohmann_reader.h"
#include "settle/settle.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

void check_adds_up(const nlohmann::json& amounts) {
  int64_t parts = 0;
  for (const char* tier : {"basic", "critical", "assistance", "reassistance", "out_of_pocket"}) {
    require(amounts[tier].get<int64_t>() >= 0);
    parts += amounts[tier].get<int64_t>();
  }
  require(parts == amounts["total"].get<int64_t>());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (settle::testing::readable(text)) require(settle::testing::reader_difference(text).empty());
  const auto [output, ok] = settle::settle_json(text);
  const nlohmann::json result = nlohmann::json::parse(output);  // output is always JSON
  if (!ok) {
    require(result.contains("error") && result["error"]["path"].is_string());
    return 0;
  }
  check_adds_up(result["totals"]);
  for (const auto& visit : result["visits"]) check_adds_up(visit);
  return 0;
}

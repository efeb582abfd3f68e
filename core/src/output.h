// The one serializer shared by the CLI and the WebAssembly module: same case, same bytes.
#pragma once

#include <string>

#include "engine.h"
#include "settle/settle.h"

namespace settle::detail {

std::string settlement_to_json(const Settlement& settlement, const SettleOptions& options);
std::string error_to_json(const Error& error);
std::string cities_to_json(const Result<std::vector<City>>& cities, const std::string& version);

}  // namespace settle::detail

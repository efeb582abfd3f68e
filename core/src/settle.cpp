#include "settle/settle.h"

#include <memory>
#include <utility>

#include "case_input.h"
#include "engine.h"
#include "messages.h"
#include "output.h"

namespace settle {

Result<Settlement> settle(std::string_view case_json, const SettleOptions& options) {
  Result<detail::Case> settlement_case = detail::read_case(case_json);
  if (!settlement_case.ok()) return settlement_case.error();
  return detail::settle_case(std::make_shared<const detail::Case>(std::move(settlement_case.value())),
                             options.include_steps);
}

SettleOutput settle_json(std::string_view case_json, const SettleOptions& options) {
  Result<Settlement> settlement = settle(case_json, options);
  if (!settlement.ok()) return {detail::error_to_json(settlement.error()), false};
  return {detail::settlement_to_json(settlement.value(), options), true};
}

std::string input_error_json(InputProblem problem) {
  const bool directory = problem == InputProblem::directory;
  return detail::error_to_json(directory ? detail::messages::input_is_directory()
                                         : detail::messages::input_is_device());
}

std::string cities_json() {
  return detail::cities_to_json(cities(), version());
}

std::string version() {
  return SETTLE_VERSION;
}

}  // namespace settle

#include "settle/settle.h"

#include "case_input.h"
#include "engine.h"
#include "messages.h"
#include "output.h"

namespace settle {

std::string settle_json(const std::string& case_json, bool* ok, const SettleOptions& options) {
  Result<detail::Case> settlement_case = detail::read_case(case_json);
  Result<detail::Settlement> settlement = settlement_case.ok()
                                              ? detail::settle_case(settlement_case.value(), options.include_steps)
                                              : settlement_case.error();
  if (ok != nullptr) *ok = settlement.ok();
  return settlement.ok() ? detail::settlement_to_json(settlement.value(), options)
                         : detail::error_to_json(settlement.error());
}

std::string input_error_json(InputProblem problem) {
  const bool directory = problem == InputProblem::directory;
  return detail::error_to_json(
      Error{"", directory ? detail::messages::input_is_directory() : detail::messages::input_is_device(),
            directory ? "input_is_directory" : "input_is_device"});
}

std::string cities_json() {
  return detail::cities_to_json(cities(), version());
}

std::string version() {
  return SETTLE_VERSION;
}

}  // namespace settle

// The bookkeeping of a settlement beside its arithmetic: warnings said once, each step's sentence
// and source (only in a run that shows its steps), the provenances a step used, and the values it
// cites from elsewhere than its own clause.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "case_input.h"
#include "settle/settlement.h"

namespace settle::detail {

// Adds a provenance to a step's list, each once, in the order first used.
void add_provenance(std::vector<Provenance>& provenances, Provenance provenance);

// A value a step used and the role it plays there ("起付标准", "支付比例").
struct UsedParameter {
  const Parameter* parameter;
  std::string role;
};

// The values among `used` whose source is not the step's own citation `own` (a national floor
// under a city's clause, a value the user typed), or that are assumed under it, grouped by source
// and provenance in the order used. A value not on file is not cited (it was not used).
std::vector<CitedSource> cited_sources(const Source& own, const std::vector<UsedParameter>& used);

class Recorder {
 public:
  // `explained` = with every step, its sources and its sentence; `warned` = with the warnings.
  Recorder(bool explained, bool warned, std::vector<Step>& steps, std::vector<Warning>& warnings)
      : explained_(explained), warned_(warned), steps_(steps), warnings_(warnings) {}

  bool explained() const { return explained_; }

  // Adds a warning once per (code, key); visit-specific warnings are keyed by their visit. The
  // message is built only for a warning that is kept (and none in the runs whose warnings nobody
  // reads: building them was a tenth of a settlement, callgrind).
  template <typename Message>
  void warn(std::string_view code, Message message, std::optional<size_t> visit, std::string_view key = {}) {
    if (!warned_) return;
    for (const WarningKey& seen : said_) {
      if (seen.code == code && seen.visit == visit && seen.key == key) return;
    }
    said_.push_back({code, std::string(key), visit});
    warnings_.push_back({std::string(code), message(), visit, {}});
  }

  // An assumed parameter that a step used: said once per settlement.
  void note_assumed(const Parameter& parameter);

  template <typename Sentence>
  void explain(Step& step, Sentence sentence) {
    if (explained_) step.text = sentence();
  }
  template <typename Cite>
  void cite(Step& step, Cite source) {
    if (explained_) step.source = source();
  }

  // Only a run that shows its steps keeps them (see settle_case). The step's provenance becomes
  // the weakest it used.
  void keep(Step&& step);

  size_t steps_kept() const { return steps_.size(); }

  // The steps of a non-designated emergency from `first_step` on, settled as if designated: only
  // a clause that says so (枣庄 附件第9项) makes that the document's word, so each is the
  // calculator's convention, said in its sentence; a slip's amount stays the slip's.
  void emergency_as_designated(size_t first_step, const Visit& visit);

 private:
  struct WarningKey {
    std::string_view code;  // a literal
    std::string key;
    std::optional<size_t> visit;
  };

  bool explained_;
  bool warned_;
  std::vector<Step>& steps_;
  std::vector<Warning>& warnings_;
  std::vector<WarningKey> said_;
  std::vector<const Parameter*> assumed_noted_;  // each assumed parameter's warning is built once (a few)
};

}  // namespace settle::detail

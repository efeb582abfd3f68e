#include "recorder.h"

#include <algorithm>

#include "messages.h"
#include "schedule.h"

namespace settle::detail {

void add_provenance(std::vector<Provenance>& provenances, Provenance provenance) {
  if (std::find(provenances.begin(), provenances.end(), provenance) == provenances.end())
    provenances.push_back(provenance);
}

std::vector<CitedSource> cited_sources(const Source& own, const std::vector<UsedParameter>& used) {
  std::vector<CitedSource> cited;
  for (const UsedParameter& item : used) {
    const Parameter& parameter = *item.parameter;
    if (parameter.state == Parameter::State::missing) continue;
    // A value under the step's own clause is cited apart only when assumed (the clause does not say it).
    if (parameter.source == own && parameter.provenance != Provenance::assumed) continue;
    auto group = std::find_if(cited.begin(), cited.end(), [&](const CitedSource& candidate) {
      return candidate.source == parameter.source && candidate.provenance == parameter.provenance;
    });
    if (group == cited.end()) {
      cited.push_back({item.role, parameter.source, parameter.provenance});
    } else if (group->parameters.find(item.role) == std::string::npos) {
      group->parameters += "、" + item.role;
    }
  }
  return cited;
}

void Recorder::note_assumed(const Parameter& parameter) {
  if (!warned_) return;
  if (parameter.provenance != Provenance::assumed || parameter.state == Parameter::State::missing) return;
  if (std::find(assumed_noted_.begin(), assumed_noted_.end(), &parameter) != assumed_noted_.end()) return;
  assumed_noted_.push_back(&parameter);
  warn(
      "assumed_parameter", [&] { return messages::assumed_parameter(parameter); }, std::nullopt, parameter.id);
}

void Recorder::keep(Step&& step) {
  if (!explained_) return;
  if (step.prior_paid > Fen()) step.text += messages::prior_included(step.prior_paid);
  // Steps that set their numbers directly (the basic estimate) show what they set.
  if (step.deductible_shown == Shown::not_used && step.deductible) step.deductible_shown = Shown::value;
  if (step.cap_shown == Shown::not_used && step.has_cap) step.cap_shown = Shown::value;
  if (step.provenances.empty()) step.provenances.push_back(step.provenance);
  step.provenance = step.provenances.front();
  for (Provenance provenance : step.provenances) step.provenance = weakest(step.provenance, provenance);
  steps_.push_back(std::move(step));
}

void Recorder::emergency_as_designated(size_t first_step, const Visit& visit) {
  for (size_t i = first_step; i < steps_.size(); ++i) {
    Step& step = steps_[i];
    const bool slip =
        (step.tier == Tier::basic && visit.basic_paid) || (step.tier == Tier::critical && visit.critical_paid);
    if (slip) continue;
    add_provenance(step.provenances, Provenance::convention);
    step.text += messages::emergency_as_designated();
    step.provenance = weakest(step.provenance, Provenance::convention);
  }
}

}  // namespace settle::detail

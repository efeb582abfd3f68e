// The three tiers, visit by visit on running yearly totals, for one case.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "case_input.h"
#include "settle/settlement.h"

namespace settle::detail {

// Settles the case under each of its categories and keeps the one that gives the most
// (ties: the first listed).
// `explained`: with every step and its sentence; without (batch runs leave the steps out), `steps` is empty.
Result<Settlement> settle_case(std::shared_ptr<const Case> settlement_case, bool explained = true);

}  // namespace settle::detail

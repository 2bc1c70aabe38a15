// ABK over the live database: every active position in a scope (an office and
// its descendants), its task rows for a year, and its holders (active employees).
// Keys in the result are ids: unit = office id, position = position id.
#pragma once
#include <string>
#include <vector>

#include "abk/abk.h"
#include "store/db.h"

namespace seimbang::store {

struct AbkReport {
    abk::Result result;                   // per position and per owning office
    std::vector<abk::UnitResult> rollup;  // every office in the scope, totals over its subtree
};

AbkReport analyse_scope(Db& db, const std::string& scope_office_id, int year, const Settings& settings);

// Per-position inputs (tasks + holders) for a scope, reused by the planner.
std::vector<abk::PositionInput> abk_inputs(Db& db, const std::string& scope_office_id, int year);

}  // namespace seimbang::store

// The rule settings as one document: what the Pengaturan screen shows and BKPSDM
// edits, what the server hands down to every device (GET /api/v1/settings), so
// every office computes with the same values (docs/SETTINGS.md). Each group is
// one JSON value under its key in the `settings` table, read by its own module:
//   rules     model/settings.h (WKE, annualisation, rounding, PJ bands, status
//             bands, tenure) + evaluation_period (shared/eval)
//   workflow  workflow/settings.h (document size limit, SK numbering, ...)
//   survey    survey/survey_db.h (k, late answers)
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/result.h"
#include "store/db.h"
#include "sync/run.h"

namespace seimbang::settings {

const std::vector<std::string>& groups();  // {"rules", "workflow", "survey"}

// Every group as in force on `db`, defaults filled in: {"rules": {...}, ...}.
nlohmann::json current(store::Db& db);

// `value` checked as the new value of `group`: the group's own rules (settings.*
// codes with the field). On success `out` is its canonical form (every field,
// defaults for what `value` leaves out).
Check check_group(std::string_view group, const nlohmann::json& value, nlohmann::json& out);

// Writes a group checked by check_group (in the caller's transaction).
void write_group(store::Db& db, std::string_view group, const nlohmann::json& canonical);

// [device side] The settings the server handed down (its GET answer) written over
// the local copy, with their version and who changed them last; true when
// anything changed. An answer that is not well formed, or whose groups do not
// check, changes nothing.
bool apply_handed_down(store::Db& db, const nlohmann::json& answer);
// The request for them: "/api/v1/settings?version=N" with the version held.
std::string handed_down_path(store::Db& db);
// The step of a sync run that fetches them after the pull (sync/run.h): the
// browser and the CLI both take it; not having them never fails the run.
sync::FollowUp handed_down_follow_up();

}  // namespace seimbang::settings

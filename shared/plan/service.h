// One call per front end, so POST /api/v1/plans stays a thin wrapper:
//
//   body → plan::parse_plan_request(body, today) → DbQuery   (400 on Issue)
//   server checks the caller's role (camat / BKPSDM / central) and that
//   query.scope_office_id lies inside the caller's scope (store::office_within)
//   plan::plan_scope(db, query, lang) → JSON plan            (400 on Issue)
//
// Body: {"scope": OFFICE_ID, "year": 2026, "today": "YYYY-MM-DD" (optional),
//        "move_cost", "request_bonus", "fit_bonus", "max_moves" (optional),
//        "pinned": [EMPLOYEE_ID, ...] (optional), "allow_managerial_moves": bool (default false)}.
#pragma once
#include <variant>

#include <nlohmann/json.hpp>

#include "i18n/strings.h"
#include "plan/from_db.h"

namespace seimbang::plan {

std::variant<DbQuery, Issue> parse_plan_request(const nlohmann::json& body, const Date& today);

// instance_from_db + solve + to_json. Database errors propagate as store::DbError.
std::variant<nlohmann::json, Issue> plan_scope(store::Db& db, const DbQuery& query, i18n::Lang lang);

}  // namespace seimbang::plan

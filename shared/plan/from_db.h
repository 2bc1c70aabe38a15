// Planner instance from the live database: the positions of an office subtree,
// their workload from ABK task rows of a year, their active holders, and the
// rules that keep people in place (heads of office, tenure below the minimum,
// people pinned by the user). Used by `seimbang plan --db` and by the server's
// POST /api/v1/plans.
#pragma once
#include <string>
#include <variant>
#include <vector>

#include "model/date.h"
#include "model/result.h"
#include "plan/instance.h"
#include "store/db.h"

namespace seimbang::plan {

struct DbQuery {
    std::string scope_office_id;       // plan inside this office and its descendants
    int year = 0;                      // ABK year (callers set it; default: today's year)
    Date today;                        // for tenure (months since tmt_position)
    Weights weights;                   // wke_minutes is replaced by the stored setting
    std::vector<std::string> pinned;   // employee ids the user keeps in place
};

// Tenure rule: an employee with fewer than `min_tenure_months` (settings) in
// the current post, or whose tmt_position is missing or invalid, is not
// movable: the 2-year rule (PP 11/2017) cannot be shown to hold.
//
// Transfer requests: the workflow tables are not in the schema yet, so no
// requests are read; JSON input (`--input`) carries them.
//
// Errors (a stored golongan that does not parse, ...) come back as an Issue
// naming the record; database errors are thrown as store::DbError.
std::variant<Instance, Issue> instance_from_db(store::Db& db, const DbQuery& query);

}  // namespace seimbang::plan

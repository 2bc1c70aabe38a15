// Plan as JSON: the output of `seimbang plan` and of POST /api/v1/plans.
#pragma once
#include <nlohmann/json.hpp>

#include "i18n/strings.h"
#include "plan/planner.h"

namespace seimbang::plan {

nlohmann::json metrics_json(const Metrics& m);

// {"objective","optimal","gap","lower_bound","moves":[{"employee","from","to","reason",...}],
//  "before":{metrics},"after":{metrics},"stats":{...}}. Deterministic: no timings.
nlohmann::json to_json(const Instance& inst, const Plan& plan, i18n::Lang lang = i18n::current());

}  // namespace seimbang::plan

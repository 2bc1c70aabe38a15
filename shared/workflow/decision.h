// Decision support beside a request's action buttons (issue 10 §4): what the
// move does to the workload of both offices (EJ of the two positions and EU of
// the two offices, before → after, by the ABK engine over the local data),
// the applicant's fit for each wished position (the planner's eligibility),
// their tenure in post, and other open requests touching the same offices.
// Figures the local copy cannot compute (a device without the other office's
// tasks) stay empty.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/date.h"
#include "store/db.h"
#include "workflow/request.h"

namespace seimbang::workflow {

struct WorkloadChange {
    std::string office_id, position_id;
    std::optional<double> ej_before, ej_after;  // the position (empty: no holders)
    std::optional<double> eu_before, eu_after;  // the office itself
};

struct WishFit {
    std::string position_id, name;
    bool known = false;     // the position is in the local copy
    bool eligible = false;  // golongan and competences (plan::eligible_record)
};

struct DecisionSupport {
    WorkloadChange origin, destination;
    std::vector<WishFit> wishes;
    std::optional<int> tenure_months;
    std::vector<std::string> other_open;  // numbers of other open requests from or to either office
};

DecisionSupport decision_support(store::Db& db, const Request& r, int year, const Date& today);

}  // namespace seimbang::workflow

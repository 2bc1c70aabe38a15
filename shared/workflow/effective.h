// The TMT step: on (or after) the effective date of a decided transfer the
// move takes effect through the normal write path — the employee's office,
// position and tmt_position change (save_employee, so it syncs to every office
// concerned, with an exit for the old one, and ABK follows), a placement
// history row is kept, and the request moves to Selesai with an event. Run by
// the server at start-up, daily while serving, and by
// `seimbang-server apply-effective`.
#pragma once
#include <string>
#include <vector>

#include "model/date.h"
#include "store/db.h"

namespace seimbang::workflow {

struct EffectReport {
    int applied = 0;
    // (request number, issue code) of moves that could not take effect (left Ditetapkan).
    std::vector<std::pair<std::string, std::string>> failed;
};

// Each request in its own transaction: one failing move does not stop the others.
EffectReport apply_effective(store::Db& db, const Date& today, int64_t now_ms);

}  // namespace seimbang::workflow

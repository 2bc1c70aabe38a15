// The planner's eligibility judgement (eligibility.h) on the stored records,
// for a transfer request's destination (shared/workflow): golongan inside the
// position's bounds on the same scale and every required competence at its
// minimum level. A golongan that does not parse is not eligible. (Its own
// header: the record types share names with the planner's.)
#pragma once
#include "model/types.h"

namespace seimbang::plan {

bool eligible_record(const seimbang::Employee& e, const seimbang::Position& p);

}  // namespace seimbang::plan

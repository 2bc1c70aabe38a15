// [between instansi] The TMT's records of a move between instansi: the sending
// side's exit, the receiving side's entry and Selesai (effective_between.cpp).
// Called by apply_effective.
#pragma once
#include "model/date.h"
#include "store/db.h"
#include "workflow/effective.h"

namespace seimbang::workflow {

void apply_effective_between(store::Db& db, const Date& today, int64_t now_ms, EffectReport& rep);

}  // namespace seimbang::workflow

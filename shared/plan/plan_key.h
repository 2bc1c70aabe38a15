// The plan key: what "the same plan" means when its moves are adopted as
// transfer requests (client/app/rekomendasi.cpp adoption_request_id). SHA-256
// (hex) of the settings (scope, year, weights, move limit, managerial moves,
// pinned people, sorted) and the moves as (employee, origin, destination) ids
// in the order given. The browser's planner worker computes it for a run from
// the database (plan/wire.h), so the UI thread does not when the answer
// arrives; the app computes it itself after "optimalkan sisanya" (manual moves
// are part of it). One definition for both: the same settings and moves give
// the same key, so adopting again finds the requests already made.
#pragma once
#include <string>
#include <vector>

#include "plan/from_db.h"
#include "plan/instance.h"
#include "plan/planner.h"

namespace seimbang::plan {

// `moves` index `inst` (employee, from, to); the other Move fields are not part of the key.
std::string plan_key(const DbQuery& query, const Instance& inst, const std::vector<Move>& moves);

}  // namespace seimbang::plan

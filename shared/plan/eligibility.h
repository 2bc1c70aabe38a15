// Who may hold which position. An employee may always stay where they are; a
// move needs every required competence at its minimum level and the golongan
// inside the position's range.
#pragma once
#include <optional>

#include "plan/instance.h"

namespace seimbang::plan {

// Bounds are optional. A bound applies only to employees on the same scale:
// PNS golongan (I/a..IV/e) and PPPK golongan (I..XVII) are never compared
// (compare() returns nullopt across scales), so a PNS bound does not restrict a
// PPPK employee and vice versa. docs/PLANNER.md records this reading.
bool golongan_in_range(Golongan g, const std::optional<Golongan>& min, const std::optional<Golongan>& max);

// Every (tag, level) in `required` is met by `have` (both sorted by tag).
bool meets(const Levels& have, const Levels& required);

// Levels above the requirements, summed over the required tags: Σ (have − min),
// a missing tag counting as level 0. For an eligible pair every term is ≥ 0; at
// the origin an under-qualified holder gets a negative term, so moving them to a
// position they fit counts as a fit gain.
int surplus(const Levels& have, const Levels& required);

bool eligible(const Employee& e, const Position& p);

// A rebalancing transfer from `from` to `to` keeps the kind of post (see
// PostKind): same kind and family, and managerial only when the weights allow it.
bool same_kind_transfer(const Weights& w, const Position& from, const Position& to);

// The planner's whole rule for moving employee e to position `to` (not their own):
// same kind of post and eligible.
bool may_move(const Instance& inst, const Employee& e, int to);

}  // namespace seimbang::plan

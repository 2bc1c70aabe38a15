// One min-cost-flow solve (LEMON CostScaling) of a pooled network for a given
// per-move penalty λ, decoded into a destination per employee.
#pragma once
#include <cstdint>
#include <vector>

#include "plan/pool.h"

namespace seimbang::plan::detail {

struct FlowResult {
    bool ok = false;
    std::vector<int> destination;  // per employee: final position (== origin when staying)
    int moves = 0;
    int nodes = 0, arcs = 0;
    int rounds = 0;                // solves needed because a position's holder cap was reached
};

// `lambda` (scaled) is added to the cost of every move arc. `needed2` is
// llround(2·n_p·scale) per position. `caps` holds, per position, how many
// movable holders the network lets it take; it grows (and is kept) when a
// solution saturates it, then the solve is repeated: see docs/PLANNER.md for
// why a non-saturated cap cannot cut off the optimum.
FlowResult solve_flow(const Instance& inst, const Pool& pool, const std::vector<std::int64_t>& needed2,
                      std::int64_t lambda, std::vector<int>& caps);

// The initial caps: enough for everyone to stay, plus a little room above need.
std::vector<int> initial_caps(const Instance& inst, const Pool& pool);

}  // namespace seimbang::plan::detail

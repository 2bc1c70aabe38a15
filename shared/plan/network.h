// One min-cost-flow solve (LEMON CostScaling) of a pooled network for a given
// per-move penalty λ, decoded into a destination per employee.
#pragma once
#include <cstdint>
#include <vector>

#include "plan/planner.h"
#include "plan/pool.h"

namespace seimbang::plan::detail {

struct FlowResult {
    bool ok = false;
    std::vector<int> destination;  // per employee: final position (== origin when staying)
    int moves = 0;
    int nodes = 0, arcs = 0;
    int rounds = 0;                // solves needed because a position's holder cap was reached
};

// Which part of each position's convex cost curve the network models, counted
// in movable holders: the first `floor` holders share one arc (priced at the
// floor-th holder's marginal cost), holders floor+1 .. cap get one unit arc
// each, and no more than `cap` can arrive. Both are guesses; solve_flow()
// widens the window and solves again until the floor arc is saturated and the
// cap arc unused, which proves the network's optimum is the true optimum
// (docs/PLANNER.md, "Holder window"). `compress` = false keeps floor at 0.
struct Window {
    std::vector<int> floor, cap;
    // true: holders above cap go to one overflow arc (priced at the cheapest of
    // them) instead of being impossible, so cap may sit below the current staff.
    bool overflow = false;
};

// `lambda` (scaled) is added to the cost of every move arc. `needed2` is
// llround(2·n_p·scale) per position. The window is updated in place and can be
// reused for the next solve (e.g. the next Lagrangian step).
FlowResult solve_flow(const Instance& inst, const Pool& pool, const std::vector<std::int64_t>& needed2,
                      std::int64_t lambda, Window& window, Algorithm algorithm);

// First guess. compress: floor one below min(current, need), unit arcs up to
// one above need, overflow beyond. Otherwise: unit arcs from the first holder
// to two above max(current, need) (the naive network's form).
Window initial_window(const Instance& inst, const Pool& pool, bool compress);

}  // namespace seimbang::plan::detail

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

// How each position's convex cost curve is modelled, counted in movable
// holders j (the k-th holder overall is k = fixed + j, marginal cost 2k−1−2n):
//   j ≤ floor:   blocks of 2, 4, 8 … holders going down from floor, each on one
//                arc priced at its dearest holder (overestimate);
//   floor < j ≤ cap: one unit arc per holder (exact);
//   j > cap:     blocks of 2, 4, 8 … going up to `reach`, each priced at its
//                cheapest holder (underestimate) — only when `blocks` is set.
// A network optimum that saturates every block below and uses no block above
// is a true optimum (docs/PLANNER.md, "Holder window"); otherwise solve_flow()
// turns the offending blocks into unit arcs and solves again.
// Without blocks (the naive network's form) floor is 0 and cap must hold
// everyone who can stay; it doubles when its last unit arc is used.
struct Window {
    std::vector<int> floor, cap;
    bool blocks = false;
};

// `lambda` (scaled) is added to the cost of every move arc. `needed2` is
// llround(2·n_p·scale) per position. The window is updated in place and can be
// reused for the next solve (e.g. the next Lagrangian step).
FlowResult solve_flow(const Instance& inst, const Pool& pool, const std::vector<std::int64_t>& needed2,
                      std::int64_t lambda, Window& window, Algorithm algorithm);

// First guess. compress: unit arcs from one below min(current, need) to one
// above need, blocks beyond. Otherwise: unit arcs from the first holder to two
// above max(current, need) (the naive network's form).
Window initial_window(const Instance& inst, const Pool& pool, bool compress);

}  // namespace seimbang::plan::detail

// The pooled description of the flow network (independent of LEMON).
//
// Employees who start in the same position and have the same arc costs to every
// destination are interchangeable in the objective, so they become one supply
// node ("group") whose supply is their number. Positions with the same
// requirements (competences and golongan range) form a class; a move to any
// position of a class costs the same (fit gain depends only on the
// requirements), so flow goes through one hub node per class, which
// distributes it to the class's positions at cost 0. The cost of a move splits
// into an origin part (move_cost + fit_bonus·surplus at the origin) and a
// destination part (−fit_bonus·surplus at the class), so groups from different
// origins that are eligible for the same classes with the same surpluses share
// one "type" node: group → type carries the origin part, type → hub the
// destination part. Requests are the only per-position difference: they get
// direct arcs. docs/PLANNER.md argues why this network has the same optimum as
// one node per employee.
#pragma once
#include <cstdint>
#include <vector>

#include "plan/instance.h"

namespace seimbang::plan::detail {

struct Group {
    int origin = -1;
    std::vector<int> members;                           // employee indices, input order
    int type = -1;                                      // -1: no class to move to
    std::int64_t type_cost = 0;                         // scaled origin part of the move cost
    std::vector<std::pair<int, std::int64_t>> direct;   // (position, scaled move cost)
};

struct Type {
    std::vector<std::pair<int, std::int64_t>> hubs;     // (class, scaled destination part)
    std::vector<int> groups;                            // groups using this type, ascending
};

struct Pool {
    std::int64_t scale = 1'000'000;
    std::vector<int> class_of;                    // per position
    std::vector<std::vector<int>> class_members;  // positions per class, ascending
    std::vector<int> fixed;                       // non-movable holders per position
    std::vector<int> movable;                     // movable holders per position
    std::vector<int> reach;                       // upper bound on movable holders each position can get
    std::vector<Group> groups;
    std::vector<Type> types;
    int total_movable = 0;
};

// pooling = false builds the naive network: one group per movable employee and
// a direct arc to every eligible position (the benchmark's baseline).
Pool build_pool(const Instance& inst, std::int64_t scale, bool pooling);

}  // namespace seimbang::plan::detail

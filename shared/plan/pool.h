// The pooled description of the flow network (independent of LEMON).
//
// Employees who start in the same position and have the same arc costs to every
// destination are interchangeable in the objective, so they become one supply
// node ("group") whose supply is their number. Positions with the same
// requirements (competences and golongan range) form a class; a move from a
// group to any position of a class costs the same (fit gain depends only on the
// requirements), so the group sends flow to one hub node per class, which
// distributes it to the class's positions at cost 0. Requests are the only
// per-position difference: they get direct, cheaper arcs. docs/PLANNER.md
// argues why this network has the same optimum as one node per employee.
#pragma once
#include <cstdint>
#include <vector>

#include "plan/instance.h"

namespace seimbang::plan::detail {

struct Group {
    int origin = -1;
    std::vector<int> members;                           // employee indices, input order
    std::vector<std::pair<int, std::int64_t>> hubs;     // (class, scaled move cost)
    std::vector<std::pair<int, std::int64_t>> direct;   // (position, scaled move cost)
};

struct Pool {
    std::int64_t scale = 1'000'000;
    std::vector<int> class_of;                    // per position
    std::vector<std::vector<int>> class_members;  // positions per class, ascending
    std::vector<int> fixed;                       // non-movable holders per position
    std::vector<int> movable;                     // movable holders per position
    std::vector<int> reach;                       // upper bound on movable holders each position can get
    std::vector<Group> groups;
    int total_movable = 0;
};

// pooling = false builds the naive network: one group per movable employee and
// a direct arc to every eligible position (the benchmark's baseline).
Pool build_pool(const Instance& inst, std::int64_t scale, bool pooling);

}  // namespace seimbang::plan::detail

// The rebalancing planner: proposes transfers that even out workload (ABK)
// across positions, honouring competences, golongan ranges, requests and a low
// number of moves. Entry points for the CLI, the server (POST /api/v1/plans)
// and the browser client:
//
//     auto parsed = plan::parse_instance(text);          // plan/parse.h
//     plan::Plan p = plan::solve(instance);              // this file
//     nlohmann::json out = plan::to_json(instance, p);   // plan/plan_json.h
//
// The model and the proof of optimality are in docs/PLANNER.md.
#pragma once
#include <cstdint>
#include <vector>

#include "plan/instance.h"
#include "plan/metrics.h"

namespace seimbang::plan {

// LEMON min-cost-flow algorithm. automatic: network simplex for networks of at
// most kSimplexMaxArcs arcs, cost scaling above (10,000 generated staff: 22,000
// arcs, simplex faster; Kota Medan synthetic 20,000 staff: 42,000 arcs, cost
// scaling 2.5x faster; docs/PLANNER.md "Which LEMON algorithm").
enum class Algorithm { automatic, cost_scaling, network_simplex };
constexpr int kSimplexMaxArcs = 30'000;

struct Options {
    // false: one supply node per employee with an arc to every eligible
    // position (the naive network; same optimum, used as the benchmark baseline).
    bool pooling = true;
    // true: model only a window of each position's holder counts (one arc for
    // the first holders, unit arcs near the need), widened until provably exact.
    // false: one unit arc per possible holder (the naive network's form).
    bool compress_holders = true;
    // Costs are scaled by this factor and rounded to integers for LEMON.
    std::int64_t scale = 1'000'000;
    Algorithm algorithm = Algorithm::automatic;
    // Bisection steps on the per-move penalty when max_moves binds.
    int max_lagrange_steps = 40;
};

struct Move {
    int employee = -1, from = -1, to = -1;
    bool requested = false;  // `to` is one of the employee's requests
    int fit_gain = 0;        // surplus at `to` − surplus at `from` (see eligibility.h)
};

// Why a position with workload has no holder after the plan (docs/PLANNER.md).
enum class UnfilledCause {
    managerial_off,   // a managerial post and managerial moves are off: filled by promotion
    no_same_kind,     // nobody movable holds another post of the same kind (and level / jabatan fungsional)
    none_eligible,    // people of the same kind exist, none meets competences / golongan
    balance,          // someone could move, but it would not lower the objective
};

struct Unfilled {
    int position = -1;
    UnfilledCause cause = UnfilledCause::balance;
};

struct Stats {
    int groups = 0;          // supply nodes after pooling
    int nodes = 0, arcs = 0; // of the last network solved
    int solves = 0;          // min-cost-flow runs (cap growth and Lagrangian steps)
    double seconds = 0;      // wall time of solve()
    double cpu_seconds = 0;  // process CPU time of solve() (steadier on a busy machine)
};

struct Plan {
    bool ok = false;            // false only if the flow solver failed (never expected)
    double objective = 0;       // Σ(h−n)² + move_cost·moves − request_bonus·requested − fit_bonus·Σgain
    bool optimal = false;       // proven optimal (up to cost rounding, see docs)
    double gap = 0;             // objective − lower_bound (0 when optimal)
    double lower_bound = 0;
    std::vector<Move> moves;    // ordered by employee index
    std::vector<int> destination;  // per employee
    std::vector<int> holders_before, holders_after;
    Metrics before, after;
    std::vector<Unfilled> unfilled;  // positions with workload and no holder after the plan, ascending
    Stats stats;
};

Plan solve(const Instance& inst, const Options& options = {});

// Objective of any assignment (destination per employee); used by solve() and tests.
double objective(const Instance& inst, const std::vector<int>& destination);

// Positions with workload left without a holder, and why (Plan::unfilled).
std::vector<Unfilled> unfilled_positions(const Instance& inst, const std::vector<int>& holders_after);

// Holders per position for an assignment.
std::vector<int> holders(const Instance& inst, const std::vector<int>& destination);

}  // namespace seimbang::plan

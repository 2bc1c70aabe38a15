#include "plan/network.h"

#include <algorithm>
#include <cmath>

#include "plan/lemon_compat.h"

namespace seimbang::plan::detail {

namespace {

using Graph = lemon::SmartDigraph;
using Solver = lemon::CostScaling<Graph, int, std::int64_t>;

struct Built {
    Graph g;
    Graph::ArcMap<int> cap{g};
    Graph::ArcMap<std::int64_t> cost{g};
    Graph::NodeMap<int> supply{g};
    // Arc ids by role, to read the flow back.
    std::vector<std::vector<int>> group_hub_arcs, group_direct_arcs;
    std::vector<int> stay_arcs;
    std::vector<std::vector<int>> hub_position_arcs;  // per class, aligned with class_members
    std::vector<int> floor_arc, last_sink_arc, overflow_arc;  // per position; -1 when absent
};

void build(Built& b, const Instance& inst, const Pool& pool, const std::vector<std::int64_t>& needed2,
           std::int64_t lambda, const Window& window) {
    const size_t ng = pool.groups.size(), nc = pool.class_members.size(), np = inst.positions.size();
    b.g.reserveNode(static_cast<int>(ng + nc + np + 1));
    std::vector<Graph::Node> group(ng), hub(nc), pos(np);
    for (auto& n : group) n = b.g.addNode();
    for (auto& n : hub) n = b.g.addNode();
    for (auto& n : pos) n = b.g.addNode();
    const Graph::Node sink = b.g.addNode();

    auto arc = [&](Graph::Node u, Graph::Node v, int cap, std::int64_t cost) {
        Graph::Arc a = b.g.addArc(u, v);
        b.cap.set(a, cap);
        b.cost.set(a, cost);
        return Graph::id(a);
    };

    b.group_hub_arcs.resize(ng);
    b.group_direct_arcs.resize(ng);
    b.stay_arcs.resize(ng);
    for (size_t i = 0; i < ng; ++i) {
        const Group& gr = pool.groups[i];
        const int size = static_cast<int>(gr.members.size());
        b.supply.set(group[i], size);
        b.stay_arcs[i] = arc(group[i], pos[static_cast<size_t>(gr.origin)], size, 0);
        for (const auto& [c, cost] : gr.hubs)
            b.group_hub_arcs[i].push_back(arc(group[i], hub[static_cast<size_t>(c)], size, cost + lambda));
        for (const auto& [p, cost] : gr.direct)
            b.group_direct_arcs[i].push_back(arc(group[i], pos[static_cast<size_t>(p)], size, cost + lambda));
    }
    b.hub_position_arcs.resize(nc);
    for (size_t c = 0; c < nc; ++c)
        for (int p : pool.class_members[c])
            b.hub_position_arcs[c].push_back(arc(hub[c], pos[static_cast<size_t>(p)], pool.total_movable, 0));
    // Convex cost of holders: the k-th holder of p adds (k−n)² − (k−1−n)² = 2k−1−2n.
    // Non-movable holders occupy k = 1..fixed; the arcs start after them.
    b.floor_arc.assign(np, -1);
    b.last_sink_arc.assign(np, -1);
    b.overflow_arc.assign(np, -1);
    const std::int64_t s = pool.scale;
    auto marginal = [&](size_t p, int j) {
        const std::int64_t k = pool.fixed[p] + j;
        return (2 * k - 1) * s - needed2[p];
    };
    for (size_t p = 0; p < np; ++p) {
        const int lo = window.floor[p];
        if (lo > 0) b.floor_arc[p] = arc(pos[p], sink, lo, marginal(p, lo));
        for (int j = lo + 1; j <= window.cap[p]; ++j) b.last_sink_arc[p] = arc(pos[p], sink, 1, marginal(p, j));
        // Holders above the window: one arc priced at the cheapest of them, an
        // underestimate, so an optimum that leaves it unused is exact.
        if (window.overflow && window.cap[p] < pool.reach[p])
            b.overflow_arc[p] = arc(pos[p], sink, pool.reach[p] - window.cap[p], marginal(p, window.cap[p] + 1));
    }
    b.supply.set(sink, -pool.total_movable);
}

// Splits each hub's flow into (group → position) pairs. Any split has the same
// cost; this one is deterministic (groups and positions in index order) and
// avoids sending a group back to its own origin when another position is left.
void decode_hubs(const Built& b, const Solver& solver, const Pool& pool,
                 std::vector<std::vector<std::pair<int, int>>>& moves_of_group) {
    const size_t nc = pool.class_members.size();
    std::vector<std::vector<std::pair<int, int>>> inflow(nc);  // (group, amount)
    for (size_t i = 0; i < pool.groups.size(); ++i) {
        const auto& hubs = pool.groups[i].hubs;
        for (size_t j = 0; j < hubs.size(); ++j) {
            const int f = solver.flow(Graph::arcFromId(b.group_hub_arcs[i][j]));
            if (f > 0) inflow[static_cast<size_t>(hubs[j].first)].emplace_back(static_cast<int>(i), f);
        }
    }
    for (size_t c = 0; c < nc; ++c) {
        if (inflow[c].empty()) continue;
        const auto& members = pool.class_members[c];
        std::vector<int> out(members.size());
        for (size_t k = 0; k < members.size(); ++k) out[k] = solver.flow(Graph::arcFromId(b.hub_position_arcs[c][k]));
        for (auto& [gi, amount] : inflow[c]) {
            const int origin = pool.groups[static_cast<size_t>(gi)].origin;
            for (int pass = 0; pass < 2 && amount > 0; ++pass) {
                for (size_t k = 0; k < members.size() && amount > 0; ++k) {
                    if (out[k] == 0 || (pass == 0 && members[k] == origin)) continue;
                    const int take = std::min(out[k], amount);
                    out[k] -= take;
                    amount -= take;
                    moves_of_group[static_cast<size_t>(gi)].emplace_back(members[k], take);
                }
            }
        }
    }
}

}  // namespace

Window initial_window(const Instance& inst, const Pool& pool, bool compress) {
    const size_t np = inst.positions.size();
    Window w{std::vector<int>(np, 0), std::vector<int>(np, 0), compress};
    for (size_t p = 0; p < np; ++p) {
        const double n = inst.needed(static_cast<int>(p));
        const int above = static_cast<int>(std::ceil(n)) - pool.fixed[p];
        const int below = static_cast<int>(std::floor(n)) - pool.fixed[p];
        if (compress) {
            w.floor[p] = std::max(0, std::min(pool.movable[p], below) - 1);
            w.cap[p] = std::min(pool.reach[p], std::max(w.floor[p], above + 1));
        } else {
            w.cap[p] = std::min(pool.reach[p], std::max(pool.movable[p], above) + 2);
        }
    }
    return w;
}

FlowResult solve_flow(const Instance& inst, const Pool& pool, const std::vector<std::int64_t>& needed2,
                      std::int64_t lambda, Window& window) {
    FlowResult r;
    for (;;) {
        ++r.rounds;
        Built b;
        build(b, inst, pool, needed2, lambda, window);
        Solver solver(b.g);
        solver.upperMap(b.cap).costMap(b.cost).supplyMap(b.supply);
        if (solver.run() != Solver::OPTIMAL) return r;
        r.nodes = lemon::countNodes(b.g);
        r.arcs = lemon::countArcs(b.g);

        // Widen the window where the solution touches its edge, then solve again.
        bool widened = false;
        for (size_t p = 0; p < window.cap.size(); ++p) {
            if (b.overflow_arc[p] >= 0) {
                const int f = solver.flow(Graph::arcFromId(b.overflow_arc[p]));
                if (f > 0) {
                    window.cap[p] = std::min(pool.reach[p], window.cap[p] + 2 * f + 2);
                    widened = true;
                }
            } else if (b.last_sink_arc[p] >= 0 && window.cap[p] < pool.reach[p] &&
                       solver.flow(Graph::arcFromId(b.last_sink_arc[p])) > 0) {
                window.cap[p] = std::min(pool.reach[p], 2 * window.cap[p] + 2);
                widened = true;
            }
            if (b.floor_arc[p] >= 0) {
                const int f = solver.flow(Graph::arcFromId(b.floor_arc[p]));
                if (f < window.floor[p]) {
                    window.floor[p] = std::min(f, window.floor[p] / 2);
                    widened = true;
                }
            }
        }
        if (widened) continue;

        std::vector<std::vector<std::pair<int, int>>> moves_of_group(pool.groups.size());
        decode_hubs(b, solver, pool, moves_of_group);
        r.destination.assign(inst.employees.size(), -1);
        for (size_t i = 0; i < inst.employees.size(); ++i) r.destination[i] = inst.employees[i].position;
        for (size_t i = 0; i < pool.groups.size(); ++i) {
            const Group& gr = pool.groups[i];
            auto& mv = moves_of_group[i];
            for (size_t j = 0; j < gr.direct.size(); ++j) {
                const int f = solver.flow(Graph::arcFromId(b.group_direct_arcs[i][j]));
                if (f > 0) mv.emplace_back(gr.direct[j].first, f);
            }
            // Members are interchangeable; the first ones in input order move.
            std::sort(mv.begin(), mv.end());
            size_t next = 0;
            for (const auto& [dest, count] : mv)
                for (int k = 0; k < count; ++k) r.destination[static_cast<size_t>(gr.members[next++])] = dest;
        }
        for (size_t i = 0; i < inst.employees.size(); ++i)
            if (r.destination[i] != inst.employees[i].position) ++r.moves;
        r.ok = true;
        return r;
    }
}

}  // namespace seimbang::plan::detail

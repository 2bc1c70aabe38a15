#include "plan/network.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "plan/lemon_compat.h"  // LEMON only through this header

namespace seimbang::plan::detail {

namespace {

using Graph = lemon::SmartDigraph;
using CostScaling = lemon::CostScaling<Graph, int, std::int64_t>;
using NetworkSimplex = lemon::NetworkSimplex<Graph, int, std::int64_t>;

// Flow per arc id, read once from whichever solver ran.
struct Flows {
    std::vector<int> f;
    int operator()(int arc_id) const { return f[static_cast<size_t>(arc_id)]; }
};

struct Built {
    Graph g;
    Graph::ArcMap<int> cap{g};
    Graph::ArcMap<std::int64_t> cost{g};
    Graph::NodeMap<int> supply{g};
    // Arc ids by role, to read the flow back.
    std::vector<std::vector<int>> group_direct_arcs, type_hub_arcs;
    std::vector<int> stay_arcs, group_type_arcs;
    std::vector<std::vector<int>> hub_position_arcs;  // per class, aligned with class_members
    std::vector<int> last_sink_arc;  // per position; -1 when absent (unblocked window only)
    // Blocks of several holders on one arc, outside the window: (arc, first, last holder).
    struct Block {
        int arc, first, last;
    };
    std::vector<std::vector<Block>> below, above;  // per position
};

void build(Built& b, const Instance& inst, const Pool& pool, const std::vector<std::int64_t>& needed2,
           std::int64_t lambda, const Window& window) {
    const size_t ng = pool.groups.size(), nt = pool.types.size(), nc = pool.class_members.size(),
                 np = inst.positions.size();
    b.g.reserveNode(static_cast<int>(ng + nt + nc + np + 1));
    std::vector<Graph::Node> group(ng), type(nt), hub(nc), pos(np);
    for (auto& n : group) n = b.g.addNode();
    for (auto& n : type) n = b.g.addNode();
    for (auto& n : hub) n = b.g.addNode();
    for (auto& n : pos) n = b.g.addNode();
    const Graph::Node sink = b.g.addNode();

    auto arc = [&](Graph::Node u, Graph::Node v, int cap, std::int64_t cost) {
        Graph::Arc a = b.g.addArc(u, v);
        b.cap.set(a, cap);
        b.cost.set(a, cost);
        return Graph::id(a);
    };

    b.group_direct_arcs.resize(ng);
    b.stay_arcs.resize(ng);
    b.group_type_arcs.assign(ng, -1);
    for (size_t i = 0; i < ng; ++i) {
        const Group& gr = pool.groups[i];
        const int size = static_cast<int>(gr.members.size());
        b.supply.set(group[i], size);
        b.stay_arcs[i] = arc(group[i], pos[static_cast<size_t>(gr.origin)], size, 0);
        if (gr.type >= 0)
            b.group_type_arcs[i] = arc(group[i], type[static_cast<size_t>(gr.type)], size, gr.type_cost + lambda);
        for (const auto& [p, cost] : gr.direct)
            b.group_direct_arcs[i].push_back(arc(group[i], pos[static_cast<size_t>(p)], size, cost + lambda));
    }
    b.type_hub_arcs.resize(nt);
    for (size_t t = 0; t < nt; ++t)
        for (const auto& [c, cost] : pool.types[t].hubs)
            b.type_hub_arcs[t].push_back(arc(type[t], hub[static_cast<size_t>(c)], pool.total_movable, cost));
    b.hub_position_arcs.resize(nc);
    for (size_t c = 0; c < nc; ++c)
        for (int p : pool.class_members[c])
            b.hub_position_arcs[c].push_back(arc(hub[c], pos[static_cast<size_t>(p)], pool.total_movable, 0));
    // Convex cost of holders: the k-th holder of p adds (k−n)² − (k−1−n)² = 2k−1−2n.
    // Non-movable holders occupy k = 1..fixed; the arcs start after them.
    b.last_sink_arc.assign(np, -1);
    b.below.assign(np, {});
    b.above.assign(np, {});
    const std::int64_t s = pool.scale;
    auto marginal = [&](size_t p, int j) {
        const std::int64_t k = pool.fixed[p] + j;
        return (2 * k - 1) * s - needed2[p];
    };
    for (size_t p = 0; p < np; ++p) {
        // Below the window: blocks of 2, 4 and 8 holders going down, then the
        // rest in one, each priced at its dearest holder (an overestimate that
        // is exact when the block is saturated).
        for (int last = window.floor[p], size = 2, n = 0; last > 0; ++n, size *= 2) {
            const int first = n == 3 ? 1 : std::max(1, last - size + 1);
            b.below[p].push_back({arc(pos[p], sink, last - first + 1, marginal(p, last)), first, last});
            last = first - 1;
        }
        for (int j = window.floor[p] + 1; j <= window.cap[p]; ++j)
            b.last_sink_arc[p] = arc(pos[p], sink, 1, marginal(p, j));
        // Above the window: the same going up to `reach`, each priced at its
        // cheapest holder (an underestimate that is exact when unused).
        if (window.blocks)
            for (int first = window.cap[p] + 1, size = 2, n = 0; first <= pool.reach[p]; ++n, size *= 2) {
                const int last = n == 3 ? pool.reach[p] : std::min(pool.reach[p], first + size - 1);
                b.above[p].push_back({arc(pos[p], sink, last - first + 1, marginal(p, first)), first, last});
                first = last + 1;
            }
    }
    b.supply.set(sink, -pool.total_movable);
}

// Splits flow into (group → position) pairs in two steps: each type's inflow
// from groups is matched to its outflow to hubs, then each hub's inflow to its
// positions. Any split has the same cost (costs are additive along the path);
// this one is deterministic (index order) and avoids sending a group back to
// its own origin while another position is left; if it cannot, that unit is a
// stay, which costs less, so it never happens in an optimum with a positive
// move cost.
using Amounts = std::vector<std::pair<int, int>>;  // (index, amount)

void match(Amounts& in, Amounts& out, const std::function<bool(int, int)>& avoid,
           const std::function<void(int, int, int)>& emit) {
    for (auto& [from, amount] : in) {
        for (int pass = 0; pass < 2 && amount > 0; ++pass) {
            for (auto& [to, left] : out) {
                if (amount == 0) break;
                if (left == 0 || (pass == 0 && avoid(from, to))) continue;
                const int take = std::min(left, amount);
                left -= take;
                amount -= take;
                emit(from, to, take);
            }
        }
    }
}

void decode_types_and_hubs(const Built& b, const Flows& flow, const Pool& pool,
                           std::vector<Amounts>& moves_of_group) {
    const size_t nc = pool.class_members.size();
    std::vector<Amounts> hub_in(nc);  // (group, amount)
    for (size_t t = 0; t < pool.types.size(); ++t) {
        const Type& type = pool.types[t];
        Amounts in, out;
        for (int gi : type.groups) {
            const int f = flow(b.group_type_arcs[static_cast<size_t>(gi)]);
            if (f > 0) in.emplace_back(gi, f);
        }
        if (in.empty()) continue;
        for (size_t k = 0; k < type.hubs.size(); ++k) {
            const int f = flow(b.type_hub_arcs[t][k]);
            if (f > 0) out.emplace_back(type.hubs[k].first, f);
        }
        match(in, out, [](int, int) { return false; },
              [&](int gi, int c, int n) { hub_in[static_cast<size_t>(c)].emplace_back(gi, n); });
    }
    for (size_t c = 0; c < nc; ++c) {
        if (hub_in[c].empty()) continue;
        const auto& members = pool.class_members[c];
        Amounts out;
        for (size_t k = 0; k < members.size(); ++k)
            out.emplace_back(members[k], flow(b.hub_position_arcs[c][k]));
        match(hub_in[c], out,
              [&](int gi, int p) { return pool.groups[static_cast<size_t>(gi)].origin == p; },
              [&](int gi, int p, int n) { moves_of_group[static_cast<size_t>(gi)].emplace_back(p, n); });
    }
}

template <typename Solver>
bool run_with(const Built& b, Flows& out) {
    Solver solver(b.g);
    solver.upperMap(b.cap).costMap(b.cost).supplyMap(b.supply);
    if (solver.run() != Solver::OPTIMAL) return false;
    out.f.resize(static_cast<size_t>(b.g.maxArcId() + 1));
    for (Graph::ArcIt a(b.g); a != lemon::INVALID; ++a) out.f[static_cast<size_t>(Graph::id(a))] = solver.flow(a);
    return true;
}

// Both are exact. Network simplex wins on small networks, cost scaling on large
// ones (measured on the generated instances and the Kota Medan synthetic set,
// docs/PLANNER.md "Which LEMON algorithm").
bool run_solver(const Built& b, Algorithm algorithm, Flows& out) {
    if (algorithm == Algorithm::automatic)
        algorithm = lemon::countArcs(b.g) <= kSimplexMaxArcs ? Algorithm::network_simplex : Algorithm::cost_scaling;
    return algorithm == Algorithm::network_simplex ? run_with<NetworkSimplex>(b, out) : run_with<CostScaling>(b, out);
}

}  // namespace

namespace {
constexpr int kWindowSlack = 8;
}  // namespace

Window initial_window(const Instance& inst, const Pool& pool, bool compress) {
    const size_t np = inst.positions.size();
    Window w{std::vector<int>(np, 0), std::vector<int>(np, 0), compress};
    for (size_t p = 0; p < np; ++p) {
        const double n = inst.needed(static_cast<int>(p));
        const int above = static_cast<int>(std::ceil(n)) - pool.fixed[p];
        const int below = static_cast<int>(std::floor(n)) - pool.fixed[p];
        if (compress) {
            // kWindowSlack unit arcs either side: wide enough that one solve
            // proves exact on the generated instances and on the Kota Medan
            // synthetic set (with 4 the Kota set took 3 solves, 5 took 11;
            // measured in docs/PLANNER.md "Holder window").
            w.floor[p] = std::max(0, std::min(pool.movable[p], below) - kWindowSlack);
            w.cap[p] = std::min(pool.reach[p], std::max(w.floor[p], above + kWindowSlack));
        } else {
            w.cap[p] = std::min(pool.reach[p], std::max(pool.movable[p], above) + 2);
        }
    }
    return w;
}

FlowResult solve_flow(const Instance& inst, const Pool& pool, const std::vector<std::int64_t>& needed2,
                      std::int64_t lambda, Window& window, Algorithm algorithm) {
    FlowResult r;
    for (;;) {
        ++r.rounds;
        Built b;
        build(b, inst, pool, needed2, lambda, window);
        Flows flow;
        if (!run_solver(b, algorithm, flow)) return r;
        r.nodes = lemon::countNodes(b.g);
        r.arcs = lemon::countArcs(b.g);

        // Widen the window where the solution touches its edge, then solve again.
        bool widened = false;
        for (size_t p = 0; p < window.cap.size(); ++p) {
            // A used block above: its holders become unit arcs.
            for (const auto& blk : b.above[p])
                if (flow(blk.arc) > 0) window.cap[p] = std::max(window.cap[p], blk.last), widened = true;
            // An unsaturated block below: so do its holders (and those above it).
            for (const auto& blk : b.below[p])
                if (flow(blk.arc) < blk.last - blk.first + 1)
                    window.floor[p] = std::min(window.floor[p], blk.first - 1), widened = true;
            // Without blocks above (the naive form), the cap itself may bind.
            if (!window.blocks && b.last_sink_arc[p] >= 0 && window.cap[p] < pool.reach[p] &&
                flow(b.last_sink_arc[p]) > 0) {
                window.cap[p] = std::min(pool.reach[p], 2 * window.cap[p] + 2);
                widened = true;
            }
        }
        if (widened) continue;

        std::vector<Amounts> moves_of_group(pool.groups.size());
        decode_types_and_hubs(b, flow, pool, moves_of_group);
        r.destination.assign(inst.employees.size(), -1);
        for (size_t i = 0; i < inst.employees.size(); ++i) r.destination[i] = inst.employees[i].position;
        for (size_t i = 0; i < pool.groups.size(); ++i) {
            const Group& gr = pool.groups[i];
            auto& mv = moves_of_group[i];
            for (size_t j = 0; j < gr.direct.size(); ++j) {
                const int f = flow(b.group_direct_arcs[i][j]);
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

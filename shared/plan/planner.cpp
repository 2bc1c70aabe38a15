#include "plan/planner.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <limits>

#include "plan/eligibility.h"
#include "plan/network.h"
#include "plan/pool.h"

namespace seimbang::plan {

std::vector<int> holders(const Instance& inst, const std::vector<int>& destination) {
    std::vector<int> h(inst.positions.size(), 0);
    for (int d : destination) ++h[static_cast<size_t>(d)];
    return h;
}

namespace {

// Objective terms of one move (move cost, request bonus, fit bonus).
double move_term(const Instance& inst, size_t i, int to) {
    const Weights& w = inst.weights;
    const Employee& e = inst.employees[i];
    const bool requested = std::binary_search(e.requests.begin(), e.requests.end(), to);
    const int gain = surplus(e.competences, inst.positions[static_cast<size_t>(to)].required) -
                     surplus(e.competences, inst.positions[static_cast<size_t>(e.position)].required);
    return w.move_cost - (requested ? w.request_bonus : 0.0) - w.fit_bonus * gain;
}

// Repair for max_moves: from a plan with too many moves, undo the move whose
// reversal costs least, one at a time, until `limit` remain. Used when the
// Lagrangian search ends without a plan of exactly `limit` moves.
std::vector<int> revert_moves(const Instance& inst, std::vector<int> dest, int limit) {
    auto h = holders(inst, dest);
    auto sq = [&](int p, int holders_p) {
        const double d = holders_p - inst.needed(p);
        return d * d;
    };
    std::vector<size_t> moved;
    for (size_t i = 0; i < dest.size(); ++i)
        if (dest[i] != inst.employees[i].position) moved.push_back(i);
    while (static_cast<int>(moved.size()) > limit) {
        size_t best_k = 0;
        double best_delta = std::numeric_limits<double>::infinity();
        for (size_t k = 0; k < moved.size(); ++k) {
            const size_t i = moved[k];
            const int d = dest[i], o = inst.employees[i].position;
            const auto hd = h[static_cast<size_t>(d)], ho = h[static_cast<size_t>(o)];
            const double delta = sq(d, hd - 1) - sq(d, hd) + sq(o, ho + 1) - sq(o, ho) - move_term(inst, i, d);
            if (delta < best_delta) best_delta = delta, best_k = k;
        }
        const size_t i = moved[best_k];
        --h[static_cast<size_t>(dest[i])];
        ++h[static_cast<size_t>(inst.employees[i].position)];
        dest[i] = inst.employees[i].position;
        moved.erase(moved.begin() + static_cast<long>(best_k));
    }
    return dest;
}

}  // namespace

double objective(const Instance& inst, const std::vector<int>& destination) {
    const auto h = holders(inst, destination);
    double total = 0;
    for (size_t p = 0; p < h.size(); ++p) {
        const double d = h[p] - inst.needed(static_cast<int>(p));
        total += d * d;
    }
    for (size_t i = 0; i < destination.size(); ++i)
        if (destination[i] != inst.employees[i].position) total += move_term(inst, i, destination[i]);
    return total;
}

namespace {

// Tolerance for calling a Lagrangian gap closed: well above the rounding error
// of scaled costs (≤ 0.5/scale per arc used).
double gap_tolerance(const Instance& inst, std::int64_t scale) {
    return 1e-9 + 4.0 * static_cast<double>(inst.employees.size() + inst.positions.size()) / static_cast<double>(scale);
}

}  // namespace

std::vector<Unfilled> unfilled_positions(const Instance& inst, const std::vector<int>& holders_after) {
    std::vector<Unfilled> out;
    for (size_t p = 0; p < inst.positions.size(); ++p) {
        if (holders_after[p] > 0 || inst.needed(static_cast<int>(p)) <= 0) continue;
        const Position& dest = inst.positions[p];
        Unfilled u{static_cast<int>(p), UnfilledCause::no_same_kind};
        if (dest.kind == PostKind::managerial && !inst.weights.allow_managerial_moves) {
            u.cause = UnfilledCause::managerial_off;
        } else {
            for (const Employee& e : inst.employees) {
                if (!e.movable || e.position == static_cast<int>(p) ||
                    !same_kind_transfer(inst.weights, inst.positions[static_cast<size_t>(e.position)], dest))
                    continue;
                if (eligible(e, dest)) {
                    u.cause = UnfilledCause::balance;
                    break;
                }
                u.cause = UnfilledCause::none_eligible;
            }
        }
        out.push_back(u);
    }
    return out;
}

Plan solve(const Instance& inst, const Options& options) {
    const auto started = std::chrono::steady_clock::now();
    const std::clock_t cpu_started = std::clock();
    Plan plan;
    const detail::Pool pool = detail::build_pool(inst, options.scale, options.pooling);
    plan.stats.groups = static_cast<int>(pool.groups.size());
    std::vector<std::int64_t> needed2(inst.positions.size());
    for (size_t p = 0; p < needed2.size(); ++p)
        needed2[p] = std::llround(2.0 * inst.needed(static_cast<int>(p)) * static_cast<double>(options.scale));
    detail::Window window = detail::initial_window(inst, pool, options.compress_holders);

    auto run = [&](std::int64_t lambda) {
        detail::FlowResult r = detail::solve_flow(inst, pool, needed2, lambda, window, options.algorithm);
        plan.stats.solves += r.rounds;
        plan.stats.nodes = r.nodes;
        plan.stats.arcs = r.arcs;
        return r;
    };

    detail::FlowResult best = run(0);
    if (!best.ok) return plan;
    double best_value = objective(inst, best.destination);
    const std::optional<int> limit = inst.weights.max_moves;

    if (!limit || best.moves <= *limit) {
        plan.optimal = true;
        plan.lower_bound = best_value;
    } else if (*limit == 0) {
        // Staying put is the only feasible plan, hence optimal.
        for (size_t i = 0; i < inst.employees.size(); ++i) best.destination[i] = inst.employees[i].position;
        best.moves = 0;
        best_value = objective(inst, best.destination);
        plan.optimal = true;
        plan.lower_bound = best_value;
    } else {
        // Lagrangian relaxation of "moves ≤ M": for λ ≥ 0,
        //   L(λ) = min_x f(x) + λ·(moves(x) − M) ≤ f(x*) for the constrained optimum x*.
        // moves(x_λ) falls as λ grows; bisection finds the smallest penalty whose
        // plan is feasible. Every feasible x_λ is a candidate plan, every λ a bound.
        const double s = static_cast<double>(options.scale);
        const int M = *limit;
        double lower = -std::numeric_limits<double>::infinity();
        auto bound = [&](const detail::FlowResult& r, std::int64_t lambda) {
            return objective(inst, r.destination) + static_cast<double>(lambda) / s * (r.moves - M);
        };
        lower = std::max(lower, bound(best, 0));
        // With a move penalty many people stay: let every position's window hold
        // its current staff up front instead of widening it round after round.
        for (size_t p = 0; p < window.cap.size(); ++p)
            window.cap[p] = std::max(window.cap[p], std::min(pool.reach[p], pool.movable[p] + 1));
        // Staying put is always feasible: the fallback if no penalty tried gets under M.
        detail::FlowResult over = best;  // the last plan with too many moves
        detail::FlowResult feasible;
        feasible.ok = true;
        for (const Employee& e : inst.employees) feasible.destination.push_back(e.position);
        std::int64_t lo = 0, hi = options.scale;
        int moves_lo = best.moves, moves_hi = 0;
        // 2^20 per move is far above what one move can gain at our scales, and
        // keeps LEMON's internal cost × nodes × 16 inside 64 bits.
        const std::int64_t hi_limit = options.scale << 20;
        for (;; hi *= 2) {
            if (hi > hi_limit) {
                hi = hi_limit;
                break;
            }
            detail::FlowResult r = run(hi);
            if (!r.ok) return plan;
            lower = std::max(lower, bound(r, hi));
            if (r.moves <= M) {
                moves_hi = r.moves;
                feasible = std::move(r);
                break;
            }
            lo = hi;
            moves_lo = r.moves;
            over = std::move(r);
        }
        double feasible_value = objective(inst, feasible.destination);
        const double tol = gap_tolerance(inst, options.scale);
        // moves(λ) is a decreasing step function, roughly linear between the
        // bracket ends: interpolate for the λ with M moves, and bisect when the
        // same end was kept twice in a row (the Illinois safeguard), so the
        // bracket always shrinks at least geometrically.
        int kept_lo = 0, kept_hi = 0;
        for (int step = 0; step < options.max_lagrange_steps && hi - lo > 1; ++step) {
            if (feasible_value - lower <= tol) break;
            std::int64_t mid = lo + (hi - lo) / 2;
            if (kept_lo < 2 && kept_hi < 2 && moves_lo > moves_hi) {
                const double frac = static_cast<double>(moves_lo - M) / static_cast<double>(moves_lo - moves_hi);
                mid = lo + static_cast<std::int64_t>(frac * static_cast<double>(hi - lo));
                mid = std::clamp(mid, lo + 1, hi - 1);
            }
            detail::FlowResult r = run(mid);
            if (!r.ok) return plan;
            lower = std::max(lower, bound(r, mid));
            if (r.moves <= M) {
                hi = mid;
                moves_hi = r.moves;
                ++kept_lo, kept_hi = 0;
                const double v = objective(inst, r.destination);
                if (v < feasible_value) {
                    feasible_value = v;
                    feasible = std::move(r);
                }
            } else {
                lo = mid;
                moves_lo = r.moves;
                over = std::move(r);
                ++kept_hi, kept_lo = 0;
            }
        }
        if (feasible_value - lower > tol) {
            // Gap still open: also try trimming the closest over-limit plan.
            std::vector<int> trimmed = revert_moves(inst, over.destination, M);
            const double v = objective(inst, trimmed);
            if (v < feasible_value) {
                feasible_value = v;
                feasible.destination = std::move(trimmed);
            }
        }
        best = std::move(feasible);
        best_value = feasible_value;
        plan.lower_bound = std::min(lower, best_value);
        plan.gap = best_value - plan.lower_bound;
        plan.optimal = plan.gap <= tol;
        if (plan.optimal) plan.gap = 0;
    }

    plan.ok = true;
    plan.objective = best_value;
    plan.destination = std::move(best.destination);
    std::vector<int> origin(inst.employees.size());
    for (size_t i = 0; i < origin.size(); ++i) origin[i] = inst.employees[i].position;
    plan.holders_before = holders(inst, origin);
    plan.holders_after = holders(inst, plan.destination);
    plan.before = compute_metrics(inst, plan.holders_before);
    plan.after = compute_metrics(inst, plan.holders_after);
    for (size_t i = 0; i < origin.size(); ++i) {
        const int to = plan.destination[i];
        if (to == origin[i]) continue;
        const Employee& e = inst.employees[i];
        Move m;
        m.employee = static_cast<int>(i);
        m.from = origin[i];
        m.to = to;
        m.requested = std::binary_search(e.requests.begin(), e.requests.end(), to);
        m.fit_gain = surplus(e.competences, inst.positions[static_cast<size_t>(to)].required) -
                     surplus(e.competences, inst.positions[static_cast<size_t>(m.from)].required);
        plan.moves.push_back(m);
    }
    plan.unfilled = unfilled_positions(inst, plan.holders_after);
    plan.stats.cpu_seconds = static_cast<double>(std::clock() - cpu_started) / CLOCKS_PER_SEC;
    plan.stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return plan;
}

}  // namespace seimbang::plan

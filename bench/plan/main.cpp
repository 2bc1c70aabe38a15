// Planner benchmark. Usage: plan_bench [--quick] [--naive-up-to N] [--seed S]
//   --quick          only the 10,000-employee instance
//   --naive-up-to N  run the naive baseline only for instances of at most N
//                    employees (the 100k naive network needs ~2.5 GB and a minute)
// For each size: generate the instance, solve it with the pooled network, then
// with the naive network (one node per employee, an arc per eligible position),
// check both reach the same objective, print the times. The last line is one
// JSON object with all figures.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plan/generate.h"
#include "plan/planner.h"

using namespace seimbang::plan;

namespace {

struct Size {
    const char* name;
    int employees, positions;
    double target_seconds;
};

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    long long naive_up_to = 1'000'000;
    std::uint64_t seed = 20240501;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--naive-up-to") && i + 1 < argc) naive_up_to = std::atoll(argv[++i]);
        else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
        else {
            std::fprintf(stderr, "usage: plan_bench [--quick] [--naive-up-to N] [--seed S]\n");
            return 2;
        }
    }
#ifndef NDEBUG
    std::printf("warning: assertions on (not a Release build): times are not representative\n");
#endif
#ifdef __EMSCRIPTEN__
    const char* platform = "wasm";
#else
    const char* platform = "native";
#endif

    // Targets: 0.2 s and 2 s natively, twice that as WebAssembly.
#ifdef __EMSCRIPTEN__
    const double target_factor = 2.0;
#else
    const double target_factor = 1.0;
#endif
    std::vector<Size> sizes = {{"10k", 10'000, 500, 0.2 * target_factor}, {"100k", 100'000, 5'000, 2.0 * target_factor}};
    if (quick) sizes.resize(1);
    nlohmann::json figures = {{"benchmark", "plan"}, {"platform", platform}, {"seed", seed}};
    bool all_ok = true;
    for (const Size& s : sizes) {
        GenerateParams gp;
        gp.employees = s.employees;
        gp.positions = s.positions;
        gp.seed = seed;
        const Instance inst = generate(gp);

        // Best of several runs (the machine is shared; the minimum is the least
        // disturbed measurement). The naive 100k network runs once: it is slow.
        auto best_of = [&](int runs, const Options& o) {
            Plan best = solve(inst, o);
            for (int r = 1; r < runs; ++r) {
                Plan p = solve(inst, o);
                best.stats.seconds = std::min(best.stats.seconds, p.stats.seconds);
                best.stats.cpu_seconds = std::min(best.stats.cpu_seconds, p.stats.cpu_seconds);
            }
            return best;
        };
        const Plan pooled = best_of(s.employees <= 10'000 ? 10 : 5, Options{});
        std::printf("%s: pooled  %.3f s (cpu %.3f)  objective %.6f  moves %zu  groups %d  nodes %d  arcs %d  solves %d\n",
                    s.name, pooled.stats.seconds, pooled.stats.cpu_seconds, pooled.objective, pooled.moves.size(), pooled.stats.groups,
                    pooled.stats.nodes, pooled.stats.arcs, pooled.stats.solves);
        nlohmann::json f = {{"employees", s.employees},
                            {"positions", s.positions},
                            {"planner_seconds", pooled.stats.seconds},
                            {"planner_cpu_seconds", pooled.stats.cpu_seconds},
                            {"target_seconds", s.target_seconds},
                            {"objective", pooled.objective},
                            {"optimal", pooled.optimal},
                            {"moves", pooled.moves.size()},
                            {"sum_sq_before", pooled.before.sum_sq},
                            {"sum_sq_after", pooled.after.sum_sq},
                            {"groups", pooled.stats.groups},
                            {"arcs", pooled.stats.arcs}};
        all_ok = all_ok && pooled.optimal && pooled.stats.seconds <= s.target_seconds;

        // The naive network: one supply node per movable employee, an arc to every
        // eligible position, one unit arc per possible holder.
        if (s.employees > naive_up_to) {
            std::printf("%s: naive   skipped (--naive-up-to %lld)\n", s.name, naive_up_to);
            f["naive_skipped"] = true;
            figures[s.name] = f;
            continue;
        }
        Options naive_opt;
        naive_opt.pooling = false;
        naive_opt.compress_holders = false;
        const Plan naive = best_of(s.employees <= 10'000 ? 5 : 1, naive_opt);
        const long long naive_arcs = naive.stats.arcs;
        const double speedup = naive.stats.seconds / pooled.stats.seconds;
        const bool same = std::fabs(naive.objective - pooled.objective) <= 1e-6 * (1 + std::fabs(naive.objective));
        std::printf("%s: naive   %.3f s (cpu %.3f)  objective %.6f  nodes %d  arcs %lld  -> speedup %.1fx  %s\n", s.name,
                    naive.stats.seconds, naive.stats.cpu_seconds, naive.objective, naive.stats.nodes, naive_arcs, speedup,
                    same ? "same objective" : "OBJECTIVES DIFFER");
        f["naive_seconds"] = naive.stats.seconds;
        f["naive_cpu_seconds"] = naive.stats.cpu_seconds;
        f["speedup_cpu"] = naive.stats.cpu_seconds / pooled.stats.cpu_seconds;
        f["naive_arcs"] = naive_arcs;
        f["naive_objective"] = naive.objective;
        f["speedup"] = speedup;
        f["same_objective"] = same;
        all_ok = all_ok && same && speedup >= 5;
        figures[s.name] = f;
    }
    figures["targets_met"] = all_ok;
    std::printf("%s\n", figures.dump().c_str());
    return 0;
}

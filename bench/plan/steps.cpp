// Planner steps on one real instance, as the browser's planner worker runs them
// (issue 15 item 7: where does the Kota-scale solve go?). Usage:
//   plan_steps --db FILE --scope OFFICE [--year Y] [--write FILE]   (native: build the
//              instance with plan::instance_from_db, time it, optionally write its wire bytes)
//   plan_steps --wire FILE                                        (native or WebAssembly)
// Times (best of 5, wall and CPU): decode the wire bytes, solve with each LEMON
// algorithm (automatic = what the worker runs), encode the plan. Last line: one JSON object.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "plan/planner.h"
#include "plan/wire.h"
#ifndef __EMSCRIPTEN__
#include "plan/from_db.h"
#include "store/db.h"
#endif

using namespace seimbang::plan;

namespace {

struct Timed {
    double wall = 1e9, cpu = 1e9;
};

template <class F>
Timed best_of(int runs, F&& f) {
    Timed t;
    for (int r = 0; r < runs; ++r) {
        const auto w0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        f();
        t.wall = std::min(t.wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count());
        t.cpu = std::min(t.cpu, static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    }
    return t;
}

nlohmann::json ms(const Timed& t) { return {{"wall_ms", t.wall * 1000}, {"cpu_ms", t.cpu * 1000}}; }

}  // namespace

int main(int argc, char** argv) {
    std::string db_path, scope, write_path, wire_path;
    int year = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--db")) db_path = argv[i + 1];
        else if (!std::strcmp(argv[i], "--scope")) scope = argv[i + 1];
        else if (!std::strcmp(argv[i], "--year")) year = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--write")) write_path = argv[i + 1];
        else if (!std::strcmp(argv[i], "--wire")) wire_path = argv[i + 1];
    }
    nlohmann::json out = {{"benchmark", "plan_steps"}};
#ifdef __EMSCRIPTEN__
    out["platform"] = "wasm";
#else
    out["platform"] = "native";
#endif
    std::string bytes;
    if (!wire_path.empty()) {
        std::ifstream in(wire_path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
#ifndef __EMSCRIPTEN__
    else if (!db_path.empty() && !scope.empty()) {
        seimbang::store::Db db(db_path);
        DbQuery q;
        q.scope_office_id = scope;
        q.year = year ? year : 2026;
        q.today = {2026, 12, 7};
        Instance inst;
        out["build"] = ms(best_of(3, [&] { inst = std::get<Instance>(instance_from_db(db, q)); }));
        out["encode_instance"] = ms(best_of(5, [&] { bytes = encode_instance(inst); }));
        if (!write_path.empty()) std::ofstream(write_path, std::ios::binary) << bytes;
    }
#endif
    else {
        std::fprintf(stderr, "usage: plan_steps --wire FILE | --db FILE --scope OFFICE [--year Y] [--write FILE]\n");
        return 2;
    }
    out["instance_bytes"] = bytes.size();
    Instance inst;
    out["decode_instance"] = ms(best_of(5, [&] { inst = *decode_instance(bytes); }));
    out["employees"] = inst.employees.size();
    out["positions"] = inst.positions.size();
    for (auto [name, alg] : {std::pair{"automatic", Algorithm::automatic}, std::pair{"network_simplex", Algorithm::network_simplex},
                             std::pair{"cost_scaling", Algorithm::cost_scaling}}) {
        Options o;
        o.algorithm = alg;
        Plan p;
        const Timed t = best_of(5, [&] { p = solve(inst, o); });
        nlohmann::json f = ms(t);
        f["objective"] = p.objective;
        f["moves"] = p.moves.size();
        f["solves"] = p.stats.solves;
        f["nodes"] = p.stats.nodes;
        f["arcs"] = p.stats.arcs;
        f["groups"] = p.stats.groups;
        out[name] = f;
        std::printf("%s: %.1f ms (cpu %.1f) objective %.6f moves %zu solves %d arcs %d\n", name, t.wall * 1000, t.cpu * 1000,
                    p.objective, p.moves.size(), p.stats.solves, p.stats.arcs);
        if (alg == Algorithm::automatic) {
            std::string answer;
            out["encode_plan"] = ms(best_of(5, [&] { answer = encode_plan(p); }));
        }
    }
    std::printf("%s\n", out.dump().c_str());
    return 0;
}

// plan_glpk_check: random medium instances solved by the planner and by glpsol
// on an independent MIP model. Exit 0 when every instance agrees.
//   plan_glpk_check [--glpsol PATH] [--instances N] [--keep DIR]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "plan/eligibility.h"
#include "plan/generate.h"
#include "plan/planner.h"

using namespace seimbang;
using namespace seimbang::plan;

namespace {

std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

// Writes the MIP in CPLEX LP format. Independent of the planner's network:
// x_e_p ∈ {0,1} for every movable e and p ∈ {origin} ∪ eligible; h_p = fixed_p + Σ_e x_e_p;
// z_p ≥ every secant of (h−n)² between consecutive integers, which equals
// (h_p − n_p)² exactly at integer h_p; Σ moves ≤ max_moves when set.
void write_lp(const Instance& inst, std::ostream& os) {
    const Weights& w = inst.weights;
    const size_t np = inst.positions.size();
    std::vector<int> fixed(np, 0), top(np, 0);
    struct X {
        int e, p;
        double cost;
    };
    std::vector<X> xs;
    for (size_t i = 0; i < inst.employees.size(); ++i) {
        const Employee& e = inst.employees[i];
        if (!e.movable) {
            ++fixed[static_cast<size_t>(e.position)];
            continue;
        }
        const auto& req_from = inst.positions[static_cast<size_t>(e.position)].required;
        for (size_t p = 0; p < np; ++p) {
            const bool stay = static_cast<int>(p) == e.position;
            if (!stay && !may_move(inst, e, static_cast<int>(p))) continue;
            double cost = 0;
            if (!stay) {
                const bool requested = std::find(e.requests.begin(), e.requests.end(), static_cast<int>(p)) != e.requests.end();
                const int gain = surplus(e.competences, inst.positions[p].required) - surplus(e.competences, req_from);
                cost = w.move_cost - (requested ? w.request_bonus : 0.0) - w.fit_bonus * gain;
            }
            xs.push_back({static_cast<int>(i), static_cast<int>(p), cost});
            ++top[p];
        }
    }
    auto xname = [](const X& x) { return "x_" + std::to_string(x.e) + "_" + std::to_string(x.p); };

    os << "Minimize\n obj:";
    for (size_t p = 0; p < np; ++p) os << " + z_" << p;
    for (const X& x : xs)
        if (x.cost != 0) os << (x.cost >= 0 ? " + " : " - ") << num(std::fabs(x.cost)) << " " << xname(x);
    os << "\nSubject To\n";
    int last_e = -1;
    std::string row;
    for (const X& x : xs) {
        if (x.e != last_e) {
            if (!row.empty()) os << row << " = 1\n";
            row = " one_" + std::to_string(x.e) + ":";
            last_e = x.e;
        }
        row += " + " + xname(x);
    }
    if (!row.empty()) os << row << " = 1\n";
    for (size_t p = 0; p < np; ++p) {
        os << " hold_" << p << ": h_" << p;
        for (const X& x : xs)
            if (x.p == static_cast<int>(p)) os << " - " << xname(x);
        os << " = " << fixed[p] << "\n";
        const double n = inst.needed(static_cast<int>(p));
        const int hmax = fixed[p] + top[p];
        for (int k = fixed[p]; k < hmax; ++k) {
            // z ≥ (k−n)² + slope·(h − k), slope = (k+1−n)² − (k−n)² = 2k + 1 − 2n.
            const double slope = 2.0 * k + 1 - 2 * n;
            const double rhs = (k - n) * (k - n) - slope * k;
            os << " sec_" << p << "_" << k << ": z_" << p << (slope >= 0 ? " - " : " + ") << num(std::fabs(slope))
               << " h_" << p << " >= " << num(rhs) << "\n";
        }
        if (hmax == fixed[p]) {
            const double d = fixed[p] - n;
            os << " sec_" << p << "_only: z_" << p << " >= " << num(d * d) << "\n";
        }
    }
    if (w.max_moves) {
        os << " moves:";
        bool any = false;
        for (const X& x : xs)
            if (x.p != inst.employees[static_cast<size_t>(x.e)].position) os << " + " << xname(x), any = true;
        if (!any) os << " 0 x_dummy";
        os << " <= " << *w.max_moves << "\n";
    }
    os << "Bounds\n";
    for (size_t p = 0; p < np; ++p) {
        os << " z_" << p << " free\n";
        os << " " << fixed[p] << " <= h_" << p << " <= " << fixed[p] + top[p] << "\n";
    }
    os << "Generals\n";
    for (size_t p = 0; p < np; ++p) os << " h_" << p << "\n";
    os << "Binaries\n";
    for (const X& x : xs) os << " " << xname(x) << "\n";
    os << "End\n";
}

// Reads "Objective:  obj = 12.34 (MINimum)" and the status from glpsol's report.
bool read_glpk(const std::string& path, double& value, std::string& status) {
    std::ifstream in(path);
    std::string line;
    bool found = false;
    while (std::getline(in, line)) {
        if (line.rfind("Status:", 0) == 0) status = line.substr(7);
        auto at = line.find("obj = ");
        if (line.rfind("Objective:", 0) == 0 && at != std::string::npos) {
            value = std::strtod(line.c_str() + at + 6, nullptr);
            found = true;
        }
    }
    return found;
}

Instance medium(std::uint64_t seed) {
    Rng rng(seed * 7919);
    GenerateParams gp;
    gp.employees = 60 + rng.below(140);
    gp.positions = 8 + rng.below(12);
    gp.classes = 3 + rng.below(5);
    gp.tags = 6;
    gp.request_share = 0.1;
    gp.imbalance = 0.8;
    gp.seed = seed;
    gp.weights.move_cost = rng.chance(0.2) ? 0.0 : 0.01 + 0.3 * rng.unit();
    gp.weights.request_bonus = rng.unit();
    gp.weights.fit_bonus = rng.chance(0.5) ? 0.0 : 0.2 * rng.unit();
    return generate(gp);
}

}  // namespace

int main(int argc, char** argv) {
    std::string glpsol = "glpsol", keep;
    int instances = 24;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--glpsol") && i + 1 < argc) glpsol = argv[++i];
        else if (!std::strcmp(argv[i], "--instances") && i + 1 < argc) instances = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--keep") && i + 1 < argc) keep = argv[++i];
        else return std::fprintf(stderr, "usage: plan_glpk_check [--glpsol PATH] [--instances N] [--keep DIR]\n"), 2;
    }
    const auto dir = keep.empty() ? std::filesystem::temp_directory_path() / ("plan_glpk_" + std::to_string(::getpid()))
                                  : std::filesystem::path(keep);
    std::filesystem::create_directories(dir);
    int failures = 0, constrained = 0, proven = 0;
    for (int k = 1; k <= instances; ++k) {
        Instance inst = medium(static_cast<std::uint64_t>(k));
        // Every third instance caps the moves at half of what the free optimum uses.
        if (k % 3 == 0) {
            const Plan free = solve(inst);
            inst.weights.max_moves = static_cast<int>(free.moves.size() / 2);
        }
        const Plan plan = solve(inst);
        const std::string lp = (dir / ("m" + std::to_string(k) + ".lp")).string();
        const std::string out = (dir / ("m" + std::to_string(k) + ".out")).string();
        {
            std::ofstream f(lp);
            write_lp(inst, f);
        }
        const std::string cmd = glpsol + " --lp " + lp + " --tmlim 120 -o " + out + " > /dev/null 2>&1";
        double exact = 0;
        std::string status;
        if (std::system(cmd.c_str()) != 0 || !read_glpk(out, exact, status)) {
            std::printf("instance %d: glpsol failed (%s)\n", k, cmd.c_str());
            ++failures;
            continue;
        }
        const double tol = 1e-5 * (1 + std::fabs(exact));
        bool ok = status.find("OPTIMAL") != std::string::npos;
        if (!inst.weights.max_moves) {
            ok = ok && plan.optimal && std::fabs(plan.objective - exact) <= tol;
        } else {
            ++constrained;
            ok = ok && plan.objective >= exact - tol && plan.lower_bound <= exact + tol &&
                 static_cast<int>(plan.moves.size()) <= *inst.weights.max_moves;
            if (plan.optimal) ++proven, ok = ok && std::fabs(plan.objective - exact) <= tol;
        }
        std::printf("instance %2d: %3zu employees %2zu positions%s  planner %.6f (%s, gap %.3g)  glpsol %.6f [%s]  %s\n", k,
                    inst.employees.size(), inst.positions.size(),
                    inst.weights.max_moves ? (" max_moves " + std::to_string(*inst.weights.max_moves)).c_str() : "",
                    plan.objective, plan.optimal ? "optimal" : "bound", plan.gap, exact, status.c_str(),
                    ok ? "ok" : "MISMATCH");
        if (!ok) ++failures;
    }
    if (keep.empty()) std::filesystem::remove_all(dir);
    std::printf("%d instances, %d with max_moves (%d proven optimal), %d failures\n", instances, constrained, proven,
                failures);
    return failures == 0 ? 0 : 1;
}

// Random planner instances for tests and benchmarks. Deterministic on every
// platform (own PRNG, no <random> distributions, whose output differs between
// libstdc++ and libc++), so native and WASM runs see the same instances.
#pragma once
#include <cstdint>

#include "plan/instance.h"

namespace seimbang::plan {

struct GenerateParams {
    int employees = 10'000;
    int positions = 500;
    int classes = 60;             // distinct requirement profiles (jabatan kinds)
    int tags = 40;                // technical competence tags of the instansi
    // Competences beyond the current position's requirements come from career
    // history: up to `history_jobs` earlier positions, drawn from the
    // `related_classes` classes on the current class's career path (levels at
    // or just above those requirements), plus one random tag from training
    // with probability `training_share`.
    int history_jobs = 2;
    int related_classes = 3;
    double training_share = 0.2;
    double unfit_share = 0.05;    // employees not meeting their own position's requirements
    double fixed_share = 0.15;    // non-movable employees
    double request_share = 0.05;  // employees with a request (1–2 random positions)
    double imbalance = 0.5;       // holders and needs vary independently by ± this share
    std::uint64_t seed = 1;
    Weights weights{};
};

Instance generate(const GenerateParams& params);

// splitmix64: small, fast, identical everywhere.
struct Rng {
    std::uint64_t state;
    explicit Rng(std::uint64_t seed) : state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }  // [0, n)
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }                  // [0, 1)
    bool chance(double p) { return unit() < p; }
};

}  // namespace seimbang::plan

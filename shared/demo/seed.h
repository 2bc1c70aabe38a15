// Demo and synthetic data.
//  - seed_marelan: Kecamatan Medan Marelan (Kota Medan) with its five kelurahan,
//    realistic sections and positions, ~120 employees with valid NIPs, and ABK
//    task data that leaves some offices clearly overloaded and others under-used.
//  - seed_synthetic: the same shape at Kota Medan scale (21 kecamatan,
//    151 kelurahan, 20,000 employees) for benchmarks.
// Both are deterministic (own PRNG, same output natively and in WebAssembly) and
// write through the validated repositories, so demo data obeys every rule.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.h"

namespace seimbang::demo {

struct SeedStats {
    int offices = 0, positions = 0, employees = 0, tasks = 0;
    std::string root_office_id;  // the kota
};

// Ids of well-known demo offices, stable across runs.
struct DemoIds {
    std::string kota, kecamatan;
    std::vector<std::string> kelurahan;  // Labuhan Deli, Paya Pasir, Rengas Pulau, Tanah Enam Ratus, Terjun
};

constexpr int kDemoYear = 2026;

SeedStats seed_marelan(store::Db& db, DemoIds* ids = nullptr);

struct SyntheticParams {
    int kecamatan = 21;
    int kelurahan = 151;
    int employees = 20000;
    uint64_t seed = 42;
};
SeedStats seed_synthetic(store::Db& db, const SyntheticParams& p);

// Demo login accounts (created by the server's `init --demo`): one per role.
struct DemoUser {
    std::string username, display_name, role, office_name;
};
const std::vector<DemoUser>& demo_users();
constexpr const char* kDemoPassword = "marelan2026";

}  // namespace seimbang::demo

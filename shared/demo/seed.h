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

class NipRegistry;  // demo/nips.h

struct SyntheticParams {
    int kecamatan = 21;
    int kelurahan = 151;
    int employees = 20000;
    uint64_t seed = 42;
    std::string root_name = "Kota Medan (sintetis)";
    // Shared by the instansi of one national data set so their NIPs never
    // collide (null: unique within this call).
    NipRegistry* nips = nullptr;
};
SeedStats seed_synthetic(store::Db& db, const SyntheticParams& p);

// Demo login accounts (created by the server's `init --demo`): one per role.
// A personal (pegawai) account is one person of its office: its display name is
// that person's name, never the office's (resolve_demo_user).
struct DemoUser {
    std::string username, display_name, role, office_name;
};
const std::vector<DemoUser>& demo_users();
// The account as stored: its office id, and for a pegawai the employee it is
// (the first active one of the office by name) and that person's name.
// Empty office_id when the office is not in the database.
struct ResolvedDemoUser {
    std::string office_id, employee_id, display_name;
};
ResolvedDemoUser resolve_demo_user(store::Db& db, const DemoUser& u);
constexpr const char* kDemoPassword = "marelan2026";

}  // namespace seimbang::demo

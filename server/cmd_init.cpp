// `seimbang-server init --db FILE [--demo] [--synthetic N] [--fast-hashes]`:
// creates or migrates the database. --demo on an empty database seeds
// Kecamatan Medan Marelan and one login per role (password demo::kDemoPassword);
// --synthetic N seeds Kota Medan scale with N employees (benchmarks);
// --office-operators N adds one operator login per office with staff (up to N).
// --fast-hashes stores minimum-cost Argon2id hashes: for test fixtures only.
#include <algorithm>
#include <iostream>

#include "access/access.h"
#include "auth.h"
#include "commands.h"
#include "demo/seed.h"
#include "server_schema.h"
#include "store/repo.h"
#include "store/schema.h"
#include "sync/server_sync.h"

namespace seimbang::server {

namespace {
void add_demo_users(store::Db& db, HashProfile profile) {
    for (const auto& u : demo::demo_users()) {
        if (find_user(db, u.username)) continue;
        const auto r = demo::resolve_demo_user(db, u);  // a pegawai account: the person's name
        if (r.office_id.empty() || r.display_name.empty()) continue;
        add_user(db, u.username, r.display_name, u.role, r.office_id, r.employee_id, demo::kDemoPassword, profile);
    }
}
// One operator per office that has staff (benchmarks and load tests: every
// simulated office syncs its own scope): `operator.office<N>`, N from 1 in
// office-code order, password demo::kDemoPassword.
int add_office_operators(store::Db& db, int max, HashProfile profile) {
    int n = 0;
    auto offices = store::list_offices(db);
    std::sort(offices.begin(), offices.end(), [](const Office& a, const Office& b) { return a.code < b.code; });
    for (const auto& o : offices) {
        if (n >= max) break;
        if (o.parent_id.empty()) continue;  // the city itself: that is BKPSDM's scope, not an office's
        auto staff = db.prepare("SELECT 1 FROM employees WHERE office_id = ?1 AND archived = 0 LIMIT 1");
        staff.bind(1, o.id);
        if (!staff.step()) continue;
        const std::string name = "operator.office" + std::to_string(n + 1);
        if (!find_user(db, name)) add_user(db, name, "Operator " + o.name, std::string(access::to_string(access::Role::operator_)), o.id, "",
                     demo::kDemoPassword, profile);
        ++n;
    }
    return n;
}
}  // namespace

int cmd_init(const Args& args) {
    const std::string path = option(args, "--db");
    if (path.empty()) {
        std::cerr << "seimbang-server init: --db FILE is required\n";
        return 2;
    }
    store::Db db(path);
    db.exec("PRAGMA journal_mode=WAL");
    migrate_server(db);
    sync::ServerSync sync(db);  // every seeded row enters the change log
    const HashProfile profile = flag(args, "--fast-hashes") ? HashProfile::fast : HashProfile::interactive;
    const std::string synthetic = option(args, "--synthetic");
    if (flag(args, "--demo") || !synthetic.empty()) {
        if (!store::list_offices(db, true).empty()) {
            std::cout << "database already has data: not seeded again\n";
        } else if (!synthetic.empty()) {
            demo::SyntheticParams p;
            p.employees = std::stoi(synthetic);
            auto stats = demo::seed_synthetic(db, p);
            std::cout << "seeded synthetic Kota Medan: " << stats.offices << " offices, " << stats.positions
                      << " positions, " << stats.employees << " employees, " << stats.tasks << " ABK tasks\n";
        } else {
            auto stats = demo::seed_marelan(db);
            std::cout << "seeded Medan Marelan demo: " << stats.offices << " offices, " << stats.positions
                      << " positions, " << stats.employees << " employees, " << stats.tasks << " ABK tasks\n";
        }
        if (flag(args, "--demo")) {
            db.transaction([&] { add_demo_users(db, profile); });
            std::cout << "demo users created (password " << demo::kDemoPassword << ")\n";
        }
    }
    if (const std::string ops = option(args, "--office-operators"); !ops.empty()) {
        int n = 0;
        db.transaction([&] { n = add_office_operators(db, std::stoi(ops), profile); });
        std::cout << n << " office operators created (password " << demo::kDemoPassword << ")\n";
    }
    std::cout << "database " << path << " at schema " << store::schema_version(db) << "\n";
    return 0;
}

}  // namespace seimbang::server

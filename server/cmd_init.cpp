// `seimbang-server init --db FILE [--demo]`: creates or migrates the database.
// With --demo on an empty database, seeds Kecamatan Medan Marelan.
#include <iostream>

#include "commands.h"
#include "demo/seed.h"
#include "store/repo.h"
#include "store/schema.h"

namespace seimbang::server {

int cmd_init(const Args& args) {
    const std::string path = option(args, "--db");
    if (path.empty()) {
        std::cerr << "seimbang-server init: --db FILE is required\n";
        return 2;
    }
    store::Db db(path);
    db.exec("PRAGMA journal_mode=WAL");
    store::migrate(db);
    if (flag(args, "--demo")) {
        if (!store::list_offices(db, true).empty()) {
            std::cout << "database already has data: demo not seeded again\n";
        } else {
            auto stats = demo::seed_marelan(db);
            std::cout << "seeded Medan Marelan demo: " << stats.offices << " offices, " << stats.positions
                      << " positions, " << stats.employees << " employees, " << stats.tasks << " ABK tasks\n";
        }
    }
    std::cout << "database " << path << " at schema " << store::schema_version(db) << "\n";
    return 0;
}

}  // namespace seimbang::server

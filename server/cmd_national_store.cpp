// `seimbang-server national-store register --store URL --instansi ID --name NAME
// [--province P]`: the instansi registry of the national store (docs/SCALE.md),
// the name and province its roll-ups show. The instansi is its root office id.
// `seimbang-server national-store seed --store URL --count N [--employees 20000]
// [--provinces 34] [--seed 5000]`: N synthetic instansi straight into the store
// (COPY), NIPs unique across the run (demo::NipRegistry).
#include <iostream>

#include "commands.h"
#include "demo/nips.h"
#include "national/seed.h"
#include "national/store.h"
#include "util/uuid.h"

namespace seimbang::server {

namespace {
int seed(const Args& args) {
    const std::string url = option(args, "--store");
    const int count = std::stoi(option(args, "--count", "0")), employees = std::stoi(option(args, "--employees", "20000")),
              provinces = std::stoi(option(args, "--provinces", "34"));
    const uint64_t seed0 = std::stoull(option(args, "--seed", "5000"));
    if (url.empty() || count < 1 || employees < 1 || provinces < 1) {
        std::cerr << "seimbang-server national-store seed: --store and --count N (>= 1) are required\n";
        return 2;
    }
    national::NationalStore store(url);
    demo::NipRegistry nips;
    int64_t total = 0;
    for (const auto& s : national::seed_instansi(store, count, employees, provinces, seed0, nips)) total += s.employees;
    std::cout << "seeded " << count << " instansi, " << total << " employees\n";
    return 0;
}
}  // namespace

int cmd_national_store(const Args& args) {
    if (!args.empty() && args[0] == "seed") return seed(args);
    if (args.empty() || args[0] != "register") {
        std::cerr << "usage: seimbang-server national-store register --store URL --instansi ID --name NAME [--province P]\n"
                     "       seimbang-server national-store seed --store URL --count N [--employees 20000] [--provinces 34] [--seed 5000]\n";
        return 2;
    }
    const std::string url = option(args, "--store"), instansi = option(args, "--instansi"),
                      name = option(args, "--name"), province = option(args, "--province");
    if (url.empty() || instansi.empty() || name.empty()) {
        std::cerr << "seimbang-server national-store register: --store, --instansi and --name are required\n";
        return 2;
    }
    if (!is_uuid(instansi)) {
        std::cerr << "seimbang-server national-store register: --instansi must be the root office id (a UUID)\n";
        return 2;
    }
    national::NationalStore store(url);
    store.register_instansi(instansi, name, province);
    std::cout << "registered " << instansi << " (" << name << (province.empty() ? "" : ", " + province) << ")\n";
    return 0;
}

}  // namespace seimbang::server

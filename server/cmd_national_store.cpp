// `seimbang-server national-store register --store URL --instansi ID --name NAME
// [--province P]`: the instansi registry of the national store (docs/SCALE.md),
// the name and province its roll-ups show. The instansi is its root office id.
#include <iostream>

#include "commands.h"
#include "national/store.h"
#include "util/uuid.h"

namespace seimbang::server {

int cmd_national_store(const Args& args) {
    if (args.empty() || args[0] != "register") {
        std::cerr << "usage: seimbang-server national-store register --store URL --instansi ID --name NAME [--province P]\n";
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

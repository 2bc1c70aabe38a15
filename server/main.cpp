// seimbang-server: the sync server and its administration commands.
//   seimbang-server init  --db FILE [--demo]
//   seimbang-server serve --db FILE [--web DIR] [--host H] [--port N]
#include <csignal>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "commands.h"

namespace {

void usage(std::ostream& os) {
    os << "usage: seimbang-server COMMAND [OPTIONS]\n\n"
          "  init  --db FILE [--demo]            create or migrate the database; --demo seeds Medan Marelan\n"
          "  serve --db FILE [--web DIR] [--host H] [--port N]\n"
          "                                      serve the API and the web client (default 127.0.0.1:8080)\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace seimbang::server;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "help") {
        usage(args.empty() ? std::cerr : std::cout);
        return args.empty() ? 2 : 0;
    }
    const std::string cmd = args[0];
    Args rest(args.begin() + 1, args.end());
    try {
        if (cmd == "init") return cmd_init(rest);
        if (cmd == "serve") return cmd_serve(rest);
    } catch (const std::exception& e) {
        std::cerr << "seimbang-server " << cmd << ": " << e.what() << "\n";
        return 1;
    }
    std::cerr << "seimbang-server: unknown command '" << cmd << "'\n";
    usage(std::cerr);
    return 2;
}

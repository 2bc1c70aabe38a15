// seimbang-server: the sync server and its administration commands.
//   seimbang-server init  --db FILE [--demo] [--synthetic N] [--fast-hashes]
//   seimbang-server serve --db FILE [--web DIR] [--host H] [--port N]
//   seimbang-server user add|disable, device list|revoke, backup, restore, purge
#include <sys/stat.h>

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
          "  serve --db FILE [--web DIR] [--host H] [--port N] [--max-db-mb N]\n"
          "                                      serve the API and the web client (default 127.0.0.1:8080)\n"
          "  user add --db FILE --username U --role R --office OFFICE [--display-name D] [--employee ID]\n"
          "           [--password-stdin]            add a login (roles: pegawai operator kepala_unit camat bkpsdm pusat)\n"
          "  user disable --db FILE --username U   disable a login and revoke its devices\n"
          "  device list --db FILE                 list devices and token states\n"
          "  device revoke --db FILE (--device ID | --user U)\n"
          "  backup --db FILE --to FILE            online backup (SQLite backup API)\n"
          "  restore --db FILE --from BACKUP       replace the database with a backup (server stopped);\n"
          "                                      devices then send again what the backup lacks\n"
          "  purge --db FILE --retention-days N    drop exit records older than N days\n"
          "  apply-effective --db FILE [--today YYYY-MM-DD]\n"
          "                                      transfers whose TMT has come take effect (also daily while serving)\n"
          "  snapshot --db FILE [--period 2026-S2] [--today YYYY-MM-DD]\n"
          "                                      balance snapshot of a period (default: close the last ended one)\n"
          "  serve ... --store postgresql://URL   the national tier: synced rows in PostgreSQL (docs/SCALE.md)\n"
          "  national-store register --store URL --instansi ROOT_OFFICE_ID --name NAME [--province P]\n"
          "                                      name an instansi (and its province) for the national roll-ups\n"
          "  national-store seed --store URL --count N [--employees 20000] [--provinces 34] [--seed 5000]\n"
          "                                      N synthetic instansi straight into the national store (COPY)\n"
          "  upstream login --db FILE --url URL --instansi ROOT --user U [--password-file F]\n"
          "                                      sign this instansi server in at the national server\n"
          "  upstream status --db FILE           what is still to send upward, last success, last error\n"
          "  upstream sync --db FILE             forward the change log once (serve --upstream URL: every 30 s)\n"
          "  national add-instansi --db FILE --instansi ROOT --name NAME --user U [--password-file F]\n"
          "                                      register an instansi and its upstream account (national server)\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace seimbang::server;
    // Every file this program creates (the database with its -wal/-shm files,
    // backups) holds password and token hashes: readable by its owner only.
    ::umask(077);
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
        if (cmd == "user") return cmd_user(rest);
        if (cmd == "device") return cmd_device(rest);
        if (cmd == "backup") return cmd_backup(rest);
        if (cmd == "restore") return cmd_restore(rest);
        if (cmd == "purge") return cmd_purge(rest);
        if (cmd == "apply-effective") return cmd_apply_effective(rest);
        if (cmd == "snapshot") return cmd_snapshot(rest);
        if (cmd == "national-store") return cmd_national_store(rest);
        if (cmd == "upstream") return cmd_upstream(rest);
        if (cmd == "national") return cmd_national(rest);
    } catch (const std::exception& e) {
        std::cerr << "seimbang-server " << cmd << ": " << e.what() << "\n";
        return 1;
    }
    std::cerr << "seimbang-server: unknown command '" << cmd << "'\n";
    usage(std::cerr);
    return 2;
}

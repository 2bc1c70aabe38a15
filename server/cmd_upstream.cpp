// [upstream] The national tier's commands (docs/SCALE.md "Upstream"):
//   seimbang-server upstream login  --db FILE --url URL --instansi ROOT --user U [--password-file F | --password-stdin]
//   seimbang-server upstream status --db FILE
//   seimbang-server upstream sync   --db FILE        (one forward now; `serve --upstream URL` repeats it)
//   seimbang-server national add-instansi --db N.db --instansi ROOT --name NAME --user U
//                                         [--kind kota] [--password-file F | --password-stdin]
#include <fstream>
#include <iostream>

#include "auth.h"
#include "cli/http_transport.h"
#include "commands.h"
#include "server_schema.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/login.h"
#include "sync/server_sync.h"
#include "upstream.h"

namespace seimbang::server {

namespace {
// The first line of --password-file, else one line of stdin.
std::string read_password(const Args& args) {
    std::string pw;
    if (const std::string file = option(args, "--password-file"); !file.empty()) {
        std::ifstream in(file);
        if (!in) throw std::runtime_error("cannot read --password-file " + file);
        std::getline(in, pw);
    } else {
        if (!flag(args, "--password-stdin")) std::cerr << "Kata sandi: " << std::flush;
        std::getline(std::cin, pw);
    }
    return pw;
}

int upstream_login(const Args& args, store::Db& instansi, store::Db& replica) {
    const std::string url = option(args, "--url"), root = option(args, "--instansi"), user = option(args, "--user");
    if (url.empty() || root.empty() || user.empty()) {
        std::cerr << "usage: seimbang-server upstream login --db FILE --url URL --instansi ROOT_OFFICE --user U "
                     "[--password-file F | --password-stdin]\n";
        return 2;
    }
    // The account's scope at the centre is this subtree: it must be this instansi's.
    if (store::sole_root_office(instansi) != root) {
        std::cerr << "seimbang-server upstream login: upstream.wrong_instansi (--instansi must be the root office of "
                     "this database, the office without parent)\n";
        return 2;
    }
    if (const std::string owner = sync::outbox_blocked_by(replica, user); !owner.empty()) {
        std::cerr << "seimbang-server upstream login: sync.outbox_other_user (" << owner << ")\n";
        return 2;
    }
    const std::string password = read_password(args);
    cli::HttpTransport t(url, "", "", 30);
    const auto body = sync::login_body(replica, user, password, "seimbang-server " + root);
    const sync::LoginAnswer a = sync::read_login_answer(t.post_json("/api/v1/auth/login", body.dump()), user);
    if (!a.ok) {
        std::cerr << "seimbang-server upstream login: " << a.error << "\n";
        return a.error == "network" ? 1 : 2;
    }
    if (a.user.value("role", "") != "instansi" || a.user.value("office_id", "") != root) {
        std::cerr << "seimbang-server upstream login: upstream.not_instansi_account (the account must have role "
                     "instansi and office "
                  << root << ")\n";
        return 2;
    }
    replica.transaction([&] {
        sync::record_login(replica, url, a);
        store::set_local_meta(replica, "upstream.instansi", root);
    });
    std::cout << "upstream login ok: " << url << " as " << a.username << " (device " << sync::device_id(replica)
              << ")\n";
    return 0;
}

int upstream_sync(store::Db& instansi, store::Db& replica) {
    const std::string url = store::get_local_meta(replica, "sync.server");
    const std::string token = store::get_local_meta(replica, "sync.token");
    if (url.empty() || token.empty()) {
        std::cerr << "seimbang-server upstream sync: upstream.not_logged_in (run upstream login first)\n";
        return 2;
    }
    cli::HttpTransport t(url, token, sync::device_id(replica), 30);
    const auto f = upstream::forward(instansi, replica, t);
    nlohmann::json j = {{"ok", f.report.ok},
                        {"error", f.report.error},
                        {"staged_rows", f.staged.rows},
                        {"staged_mutations", f.staged.mutations},
                        {"applied", f.report.push.applied},
                        {"duplicate", f.report.push.duplicate},
                        {"conflict", f.report.push.conflict},
                        {"rejected", f.report.push.rejected},
                        {"pulled", f.report.pulled},
                        {"restored", f.report.restored},
                        {"settings_applied", f.settings_applied},
                        {"checksum_ok", f.report.checksum_checked ? nlohmann::json(f.report.checksum_ok) : nlohmann::json()}};
    std::cout << j.dump() << "\n";
    return f.report.ok ? 0 : 1;
}
}  // namespace

int cmd_upstream(const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    const std::string path = option(args, "--db");
    if (path.empty() || (sub != "login" && sub != "status" && sub != "sync")) {
        std::cerr << "usage: seimbang-server upstream login|status|sync --db FILE ...\n";
        return 2;
    }
    store::Db instansi(path);
    migrate_server(instansi);
    auto replica = upstream::open_replica(path);
    if (sub == "login") return upstream_login(args, instansi, *replica);
    if (sub == "sync") return upstream_sync(instansi, *replica);
    std::cout << upstream::status(instansi, *replica).dump(2) << "\n";
    return 0;
}

int cmd_national(const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    const std::string path = option(args, "--db"), root = option(args, "--instansi"), name = option(args, "--name"),
                      user = option(args, "--user"), kind = option(args, "--kind", "kota");
    if (sub != "add-instansi" || path.empty() || root.empty() || name.empty() || user.empty()) {
        std::cerr << "usage: seimbang-server national add-instansi --db FILE --instansi ROOT_OFFICE --name NAME "
                     "--user U [--kind kota] [--password-file F | --password-stdin]\n";
        return 2;
    }
    store::Db db(path);
    db.exec("PRAGMA journal_mode=WAL");
    migrate_server(db);
    sync::ServerSync log(db);  // the root office enters the change log like every row
    if (auto o = store::get_office(db, root); o && !o->parent_id.empty()) {
        std::cerr << "seimbang-server national add-instansi: office.not_root (" << root << " has a parent here)\n";
        return 2;
    }
    const std::string password = read_password(args);
    const HashProfile profile = flag(args, "--fast-hashes") ? HashProfile::fast : HashProfile::interactive;
    try {
        db.transaction([&] {
            // The root's row as the instansi server will send it; until then, what is known.
            if (!store::get_office(db, root))
                store::write_row(db, *store::find_table("offices"), root,
                                 {{"parent_id", nullptr}, {"kind", kind}, {"code", ""}, {"name", name}});
            add_user(db, user, name, "instansi", root, "", password, profile);
        });
    } catch (const std::runtime_error& e) {
        std::cerr << "seimbang-server national add-instansi: " << e.what() << "\n";
        return 2;
    }
    std::cout << "instansi " << name << " (" << root << ") added; account " << user << "\n";
    return 0;
}

}  // namespace seimbang::server

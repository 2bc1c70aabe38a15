// Administration of a server database (safe while `serve` runs: SQLite WAL and
// a busy timeout serialise the writers).
//   user add     --db F --username U --role R --office OFFICE_ID_OR_NAME [--display-name D]
//                [--employee ID] [--password-stdin]
//   user disable --db F --username U         (also revokes all the user's devices)
//   device revoke --db F (--device ID | --user U)
//   device list  --db F
//   backup       --db F --to FILE            (online, SQLite backup API)
//   restore      --db F --from BACKUP        (server stopped; new database generation)
//   purge        --db F --retention-days N   (drop exit records older than N days)
#include <sqlite3.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "auth.h"
#include "commands.h"
#include "server_schema.h"
#include "store/repo.h"
#include "store/schema.h"
#include "sync/hlc.h"
#include "sync/server_sync.h"

namespace seimbang::server {

namespace {
bool need(const std::string& v, const char* what) {
    if (v.empty()) std::cerr << "seimbang-server: " << what << " is required\n";
    return !v.empty();
}

// A password typed at a terminal is not echoed (the terminal's echo is off while
// it is read, and back on after, also when reading fails).
std::string read_password_from_terminal() {
    termios old{};
    const bool tty = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string password;
    std::getline(std::cin, password);
    if (tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    return password;
}

std::string resolve_office(store::Db& db, const std::string& key) {
    if (store::get_office(db, key)) return key;
    for (const auto& o : store::list_offices(db))
        if (o.name == key) return o.id;
    return {};
}
}  // namespace

int cmd_user(const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    const std::string path = option(args, "--db"), username = option(args, "--username");
    if (!need(path, "--db FILE") || !need(username, "--username U")) return 2;
    store::Db db(path);
    migrate_server(db);
    if (sub == "add") {
        const std::string role = option(args, "--role"), office_key = option(args, "--office");
        if (!need(role, "--role R") || !need(office_key, "--office OFFICE")) return 2;
        const std::string office = resolve_office(db, office_key);
        std::string password;
        if (flag(args, "--password-stdin")) {
            std::getline(std::cin, password);
        } else {
            std::cerr << "Kata sandi: " << std::flush;
            password = read_password_from_terminal();
        }
        try {
            add_user(db, username, option(args, "--display-name"), role, office, option(args, "--employee"),
                     password, HashProfile::interactive);
        } catch (const std::runtime_error& e) {
            std::cerr << "seimbang-server user add: " << e.what() << "\n";
            return 2;
        }
        std::cout << "user " << username << " added\n";
        return 0;
    }
    if (sub == "disable") {
        if (!find_user(db, username)) {
            std::cerr << "seimbang-server user disable: user.not_found\n";
            return 2;
        }
        db.transaction([&] {
            auto s = db.prepare("UPDATE users SET disabled = 1 WHERE username = ?1");
            s.bind(1, username);
            s.run();
            auto d = db.prepare("UPDATE devices SET revoked = 1 WHERE user_id = (SELECT id FROM users WHERE username = ?1)");
            d.bind(1, username);
            d.run();
        });
        std::cout << "user " << username << " disabled\n";
        return 0;
    }
    std::cerr << "usage: seimbang-server user add|disable --db FILE --username U ...\n";
    return 2;
}

int cmd_device(const Args& args) {
    const std::string sub = args.empty() ? "" : args[0];
    const std::string path = option(args, "--db");
    if (!need(path, "--db FILE")) return 2;
    store::Db db(path);
    migrate_server(db);
    if (sub == "list") {
        auto s = db.prepare("SELECT d.device_id, u.username, d.name, d.revoked, d.expires_ms FROM devices d "
                            "JOIN users u ON u.id = d.user_id ORDER BY u.username, d.created_ms");
        while (s.step())
            std::cout << s.text(0) << "\t" << s.text(1) << "\t" << s.text(2) << "\t"
                      << (s.int64(3) ? "revoked" : (s.int64(4) < sync::now_ms() ? "expired" : "active")) << "\n";
        return 0;
    }
    if (sub == "revoke") {
        const std::string device = option(args, "--device"), user = option(args, "--user");
        if (device.empty() && user.empty()) {
            std::cerr << "seimbang-server device revoke: --device ID or --user U is required\n";
            return 2;
        }
        auto s = device.empty()
                     ? db.prepare("UPDATE devices SET revoked = 1 WHERE user_id = (SELECT id FROM users WHERE username = ?1)")
                     : db.prepare("UPDATE devices SET revoked = 1 WHERE device_id = ?1");
        s.bind(1, device.empty() ? user : device);
        s.run();
        std::cout << db.changes() << " device(s) revoked\n";
        return db.changes() > 0 ? 0 : 1;
    }
    std::cerr << "usage: seimbang-server device list|revoke --db FILE ...\n";
    return 2;
}

namespace {
// Copies database `from` into `to` page by page (SQLite backup API). Restarts
// when a writer changes the source meanwhile, so the copy is one consistent
// state of a live server. Returns "" or the SQLite error.
std::string copy_database(store::Db& from, store::Db& to) {
    sqlite3_backup* b = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!b) return sqlite3_errmsg(to.handle());
    int rc;
    do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? std::string() : std::string(sqlite3_errstr(rc));
}
}  // namespace

int cmd_backup(const Args& args) {
    const std::string path = option(args, "--db"), to = option(args, "--to");
    if (!need(path, "--db FILE") || !need(to, "--to FILE")) return 2;
    store::Db src(path), dst(to);
    if (const std::string err = copy_database(src, dst); !err.empty()) {
        std::cerr << "seimbang-server backup: " << err << "\n";
        return 1;
    }
    ::chmod(to.c_str(), 0600);  // (a file that existed before keeps no wider mode)
    std::cout << "backup written to " << to << "\n";
    return 0;
}

// Replaces the database with a backup and starts a new generation, so that every
// device re-sends what it holds beyond the backup (docs/SYNC.md §8.1). Run with
// the server stopped.
int cmd_restore(const Args& args) {
    const std::string path = option(args, "--db"), from = option(args, "--from");
    if (!need(path, "--db FILE") || !need(from, "--from BACKUP")) return 2;
    if (::access(from.c_str(), R_OK) != 0) {
        std::cerr << "seimbang-server restore: cannot read " << from << "\n";
        return 1;
    }
    {
        // Only a Seimbang server database is accepted as the backup.
        store::Db src(from);
        auto q = src.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('server_schema', 'local_meta', 'users')");
        if (!q.step() || q.int64(0) != 3) {
            std::cerr << "seimbang-server restore: " << from << " is not a Seimbang server database\n";
            return 1;
        }
        store::Db dst(path);
        if (const std::string err = copy_database(src, dst); !err.empty()) {
            std::cerr << "seimbang-server restore: " << err << "\n";
            return 1;
        }
    }
    store::Db db(path);
    migrate_server(db);
    const int64_t seq = sync::LogClock::stored_max(db);
    sync::start_generation(db, seq);
    for (const char* suffix : {"", "-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);
    std::cout << "restored " << path << " from " << from << " (generation " << store::get_local_meta(db, "sync.generation")
              << ", seq " << seq << "); devices send again what they hold beyond it at their next sync\n";
    return 0;
}

int cmd_purge(const Args& args) {
    const std::string path = option(args, "--db"), days = option(args, "--retention-days");
    if (!need(path, "--db FILE") || !need(days, "--retention-days N")) return 2;
    store::Db db(path);
    migrate_server(db);
    sync::ServerSync sync(db);
    const int n = sync.purge_exits(sync::now_ms() - std::stoll(days) * 24 * 3600 * 1000);
    std::cout << n << " exit record(s) purged; devices with a cursor below " << sync.min_cursor()
              << " must re-snapshot\n";
    return 0;
}

}  // namespace seimbang::server

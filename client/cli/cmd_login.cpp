// `seimbang --db FILE login --server URL --user U [--password-stdin] [--device-name NAME]`
// Exchanges the password for a token bound to this database's device id. The
// password is read from a prompt without echo, or one line of stdin for scripts.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/sync_session.h"
#include "i18n/strings.h"
#include "store/repo.h"
#include "sync/client.h"
#include "sync/login.h"

namespace seimbang::cli {

namespace {
std::string read_password(Context& ctx, bool from_stdin) {
    std::string pw;
    if (!from_stdin && &ctx.in == &std::cin && isatty(STDIN_FILENO)) {
        ctx.err << i18n::tr("sync.cli.password_prompt") << ": " << std::flush;
        termios old{};
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::getline(ctx.in, pw);
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        ctx.err << "\n";
    } else {
        std::getline(ctx.in, pw);
    }
    if (!pw.empty() && pw.back() == '\r') pw.pop_back();
    return pw;
}
}  // namespace

int cmd_login(Context& ctx, const Args& args) {
    auto server = find_option(args, "--server");
    auto user = find_option(args, "--user");
    if (!server || !user) {
        ctx.err << "usage: seimbang --db FILE login --server URL --user U [--password-stdin]\n";
        return kExitBadInput;
    }
    // "https://host:8080/" as copied from the browser's address bar is the same server.
    while (server->size() > 1 && server->back() == '/') server->pop_back();
    auto db = open_synced_db(ctx);
    if (!db) return kExitFailure;
    // Demo rows were written without outbox entries: syncing that file would mix
    // local-only records with the server's. Demo databases stay local.
    if (store::get_local_meta(*db, "demo.local") == "1") {
        ctx.err << "seimbang login: " << i18n::tr("cli.db_is_demo") << "\n";
        return kExitBadInput;
    }
    // Queued edits go only under the account that made them: another account
    // signs in once they reached the server.
    if (const std::string owner = sync::outbox_blocked_by(*db, *user); !owner.empty()) {
        ctx.err << "seimbang login: " << i18n::tr("ui.login.other_user_pending") << " (" << owner << ")\n";
        return kExitBadInput;
    }
    const std::string password = read_password(ctx, has_flag(args, "--password-stdin"));
    auto name = find_option(args, "--device-name");
    const nlohmann::json body =
        sync::login_body(*db, *user, password, name ? *name : std::string("seimbang-cli"));
    httplib::Client cli(*server);
    cli.set_connection_timeout(15, 0);
    cli.set_read_timeout(30, 0);
    auto res = cli.Post("/api/v1/auth/login", body.dump(), "application/json");
    if (!res) {
        ctx.err << "seimbang login: " << i18n::tr("sync.cli.offline") << ": " << *server << "\n";
        return kExitFailure;
    }
    const sync::LoginAnswer a = sync::read_login_answer({res->status, res->body}, *user);
    if (!a.ok) {
        const bool coded = a.error.rfind("http.", 0) != 0 && a.error != "server.error";
        ctx.err << "seimbang login: " << i18n::tr(coded ? a.error : "sync.cli.failed") << " (" << res->status
                << (coded ? ", " + a.error : "") << ")\n";
        return res->status == 401 || res->status == 429 ? kExitBadInput : kExitFailure;
    }
    sync::record_login(*db, *server, a);
    const auto& u = a.user;
    ctx.out << i18n::tr("sync.cli.logged_in") << ": " << u.value("display_name", "") << " (" << u.value("role", "")
            << ")\n";
    return kExitOk;
}

int cmd_sync(Context& ctx, const Args& args) {
    auto db = open_synced_db(ctx);
    if (!db) return kExitFailure;
    int attempts = 3;
    if (auto a = find_option(args, "--attempts")) attempts = std::max(1, std::atoi(a->c_str()));
    return sync_now(ctx, *db, attempts);
}

}  // namespace seimbang::cli

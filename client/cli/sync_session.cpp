#include "cli/sync_session.h"

#include <chrono>
#include <ostream>
#include <random>
#include <thread>

#include "cli/http_transport.h"
#include "cli/open_db.h"
#include "i18n/strings.h"
#include "settings/settings_doc.h"
#include "store/repo.h"
#include "sync/client.h"
#include "sync/driver.h"

namespace seimbang::cli {

std::unique_ptr<store::Db> open_synced_db(Context& ctx) {
    auto db = open_db(ctx);
    if (db) sync::install_client(*db);
    return db;
}

std::string row_sync_state(store::Db& db, const std::string& table, const std::string& id) {
    auto has = [&](const char* sql) {
        auto s = db.prepare(sql);
        s.bind(1, table).bind(2, id);
        return s.step();
    };
    if (has("SELECT 1 FROM sync_conflicts WHERE table_name = ?1 AND row_id = ?2 AND resolved = 0")) return "conflict";
    if (has("SELECT 1 FROM sync_rejected WHERE table_name = ?1 AND row_id = ?2 AND dismissed = 0")) return "rejected";
    if (has("SELECT 1 FROM sync_outbox WHERE table_name = ?1 AND row_id = ?2")) return "pending";
    if (has("SELECT 1 FROM sync_seen WHERE table_name = ?1 AND row_id = ?2")) return "synced";
    return "local";
}

int sync_now(Context& ctx, store::Db& db, int attempts) {
    const std::string server = store::get_local_meta(db, "sync.server");
    const std::string token = store::get_local_meta(db, "sync.token");
    if (server.empty() || token.empty()) {
        ctx.err << "seimbang sync: " << i18n::tr("sync.cli.not_logged_in") << "\n";
        return kExitBadInput;
    }
    HttpTransport t(server, token, sync::device_id(db));
    // The rule settings BKPSDM set (docs/SETTINGS.md) come after the pull, so this
    // copy computes with the same values; not having them never fails the run.
    bool settings_changed = false;
    sync::SyncOptions options;
    sync::FollowUp settings = settings::handed_down_follow_up();
    options.follow_ups.push_back({settings.next, [&settings_changed, take = settings.answer](
                                                     store::Db& d, const sync::HttpResult& r, int n) {
                                      const bool changed = take(d, r, n);
                                      settings_changed = settings_changed || changed;
                                      return changed;
                                  }});
    std::mt19937_64 rng(std::random_device{}());
    sync::SyncReport rep;
    for (int i = 1; i <= attempts; ++i) {
        rep = sync::run_sync(db, t, options);
        // Only a missing answer or an overloaded server is worth retrying now;
        // auth and scope problems need a person.
        if (rep.ok || !rep.transient() || i == attempts) break;
        const int64_t wait = std::min<int64_t>(sync::retry_delay_ms(i, rng()), 8000);
        ctx.err << i18n::tr("sync.cli.retrying") << " (" << rep.error << ", " << wait << " ms)\n";
        std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    }
    ctx.out << i18n::tr("sync.cli.pushed") << ": " << rep.push.applied << " " << i18n::tr("sync.status.applied")
            << ", " << rep.push.duplicate << " " << i18n::tr("sync.status.duplicate") << ", " << rep.push.conflict
            << " " << i18n::tr("sync.status.conflict") << ", " << rep.push.rejected << " "
            << i18n::tr("sync.status.rejected") << "\n";
    ctx.out << i18n::tr("sync.cli.pulled") << ": " << rep.pulled << " (" << rep.pages << " "
            << i18n::tr("sync.cli.pages") << ")" << (rep.resnapshot ? " [re-snapshot]" : "") << "\n";
    if (!rep.ok) {
        ctx.err << "seimbang sync: " << i18n::tr("sync.cli.failed") << ": " << rep.error << "\n";
        return rep.error.rfind("auth.", 0) == 0 ? kExitBadInput : kExitFailure;
    }
    if (settings_changed) ctx.out << i18n::tr("sync.cli.settings_changed") << "\n";
    ctx.out << i18n::tr("sync.cli.done") << "\n";
    return kExitOk;
}

}  // namespace seimbang::cli

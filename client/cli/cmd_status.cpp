// `seimbang --db FILE status [--json]`: what waits in the outbox (count and age
// of the oldest), last sync, conflicts and rejected edits ("perlu perhatian").
// `seimbang --db FILE resolve ID --keep-mine|--take-theirs`: settles a conflict.
// `seimbang --db FILE dismiss COUNTER`: removes a rejected edit from the list.
#include <ctime>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/sync_session.h"
#include "cli/table.h"
#include "i18n/strings.h"
#include "sync/client.h"

namespace seimbang::cli {

namespace {
std::string when(int64_t ms) {
    if (ms == 0) return std::string(i18n::tr("sync.cli.never"));
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", std::localtime(&t));
    return buf;
}
std::string short_json(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }
}  // namespace

int cmd_status(Context& ctx, const Args& args) {
    auto db = open_synced_db(ctx);
    if (!db) return kExitFailure;
    const auto st = sync::sync_status(*db);
    const auto conflicts = sync::list_conflicts(*db);
    const auto rejected = sync::list_rejected(*db);
    if (has_flag(args, "--json")) {
        nlohmann::json j = {{"pending", st.pending},           {"oldest_pending_ms", st.oldest_pending_ms},
                            {"last_sync_ms", st.last_sync_ms}, {"last_attempt_ms", st.last_attempt_ms},
                            {"last_error", st.last_error},     {"cursor", st.cursor},
                            {"device_id", sync::device_id(*db)}};
        j["conflicts"] = nlohmann::json::array();
        for (const auto& c : conflicts)
            j["conflicts"].push_back({{"id", c.id}, {"table", c.table}, {"row_id", c.row_id}, {"field", c.field},
                                      {"base", c.base}, {"mine", c.mine}, {"theirs", c.theirs}, {"kept", c.kept},
                                      {"theirs_user", c.theirs_user}, {"recorded_ms", c.recorded_ms}});
        j["rejected"] = nlohmann::json::array();
        for (const auto& r : rejected)
            j["rejected"].push_back({{"counter", r.counter}, {"table", r.table}, {"row_id", r.row_id},
                                     {"reason", r.reason}, {"detail", r.detail}, {"body", r.body}});
        ctx.out << j.dump(2) << "\n";
        return kExitOk;
    }
    const int64_t now = sync::now_ms();
    ctx.out << i18n::tr("ui.sync.pending") << ": " << st.pending;
    if (st.pending) ctx.out << " (" << i18n::tr("sync.cli.oldest") << " " << (now - st.oldest_pending_ms) / 1000 << " s)";
    ctx.out << "\n" << i18n::tr("ui.sync.last") << ": " << when(st.last_sync_ms) << "\n";
    if (!st.last_error.empty()) ctx.out << i18n::tr("sync.cli.last_error") << ": " << st.last_error << "\n";
    ctx.out << i18n::tr("ui.sync.conflicts_title") << ": " << conflicts.size() << "\n";
    if (!conflicts.empty()) {
        Table t({"id", "table", "row", "field", "base", "mine", "theirs", "kept", "theirs_user"});
        for (const auto& c : conflicts)
            t.add({std::to_string(c.id), c.table, c.row_id, c.field, short_json(c.base), short_json(c.mine),
                   short_json(c.theirs), c.kept, c.theirs_user});
        t.print(ctx.out);
    }
    ctx.out << i18n::tr("sync.cli.attention") << ": " << rejected.size() << "\n";
    if (!rejected.empty()) {
        Table t({"counter", "table", "row", "reason", "message", "detail"});
        for (const auto& r : rejected)
            t.add({std::to_string(r.counter), r.table, r.row_id, r.reason, std::string(i18n::tr(r.reason)), r.detail});
        t.print(ctx.out);
    }
    return kExitOk;
}

int cmd_resolve(Context& ctx, const Args& args) {
    const bool mine = has_flag(args, "--keep-mine"), theirs = has_flag(args, "--take-theirs");
    if (args.empty() || mine == theirs) {
        ctx.err << "usage: seimbang --db FILE resolve ID --keep-mine|--take-theirs\n";
        return kExitBadInput;
    }
    auto db = open_synced_db(ctx);
    if (!db) return kExitFailure;
    Check c = sync::resolve_conflict(*db, std::atoll(args[0].c_str()),
                                     mine ? sync::Resolution::keep_mine : sync::Resolution::take_theirs);
    if (const Issue* i = c.first_error()) {
        ctx.err << "seimbang resolve: " << i18n::describe(*i, i18n::current()) << "\n";
        return kExitBadInput;
    }
    ctx.out << i18n::tr("sync.cli.resolved") << "\n";
    return kExitOk;
}

int cmd_dismiss(Context& ctx, const Args& args) {
    if (args.empty()) {
        ctx.err << "usage: seimbang --db FILE dismiss COUNTER\n";
        return kExitBadInput;
    }
    auto db = open_synced_db(ctx);
    if (!db) return kExitFailure;
    sync::dismiss_rejected(*db, std::atoll(args[0].c_str()));
    return kExitOk;
}

}  // namespace seimbang::cli

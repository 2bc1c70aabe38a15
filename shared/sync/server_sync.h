// The server side of the sync protocol (docs/SYNC.md): applies pushed
// mutations with the merge rules, keeps the change log clients pull from, the
// per-office checksums and the idempotency records. No sockets and no threads:
// the HTTP layer (server/api_sync.cpp) serialises calls and does the transport.
//
// Every write of a synced row on the server database, including seeding and
// admin edits, goes through the change hook installed here, so the log, the
// per-field versions and the checksums can never drift from the rows.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "model/result.h"
#include "store/db.h"
#include "store/schema.h"
#include "sync/hlc.h"
#include "sync/scope.h"
#include "sync/stmt_cache.h"

namespace seimbang::sync {

// A transport-independent answer: HTTP status + JSON body.
struct Reply {
    int status = 200;
    nlohmann::json body;
    std::string text = {};  // when not empty: the body, already serialised (body is then unused)
};
Reply error_reply(int status, const std::string& code, const std::string& detail = {});

// Workflow records are changed by commands, never by field writes. A handler
// checks permission and the expected state and performs the change through
// write_row (inside the push transaction). Handlers are registered by the
// feature that owns the state machine (the transfer-request issue).
struct CommandContext {
    store::Db& db;
    const Principal& who;
    const nlohmann::json& mutation;  // {table,row,command,expect,args,...}
};
using CommandHandler = std::function<Check(CommandContext&)>;
void register_command(const std::string& name, CommandHandler handler);

// Insert-only tables (submissions): a row is written once; an edit is a new row
// naming the version it supersedes. Registered by the feature owning the table.
void register_insert_only_table(const std::string& table);
bool is_insert_only(const std::string& table);

class ServerSync {
public:
    // Installs the change hook on db (which must be migrated).
    explicit ServerSync(store::Db& db);
    ~ServerSync();

    // POST /api/v1/sync/push. Runs its own transaction.
    Reply push(const Principal& who, const nlohmann::json& request);
    // GET /api/v1/sync/pull. `snapshot`: the device is still taking its first
    // (or a renewed) full copy, so it holds nothing an exit record could remove
    // and the retention window does not apply to it.
    // `serialised`: answer in Reply::text (what the HTTP layer sends) instead of
    // Reply::body.
    Reply pull(const Principal& who, int64_t cursor, int limit, bool snapshot = false, bool serialised = false);

    // Drops exit records older than the retention window; devices whose cursor
    // is older than the newest dropped record must re-snapshot.
    int purge_exits(int64_t older_than_ms);
    int64_t min_cursor() const { return min_cursor_; }
    int64_t last_seq() const { return next_seq_ - 1; }
    // Test hook: called after a push committed, before the reply is built.
    std::function<void()> after_commit;

private:
    struct Writer {
        std::string device = "server", user = "server";
        Hlc hlc = 0;
    };
    void on_change(const store::RowChange& c);
    nlohmann::json apply_upsert(const Principal& who, const nlohmann::json& m, Hlc hlc, const nlohmann::json& cur);
    nlohmann::json apply_command(const Principal& who, const nlohmann::json& m);
    nlohmann::json row_state(const std::string& table, const std::string& id, int64_t* seq);
    void adjust_checksum(const std::string& table, const std::string& office, uint64_t hash, int delta);
    void write_checksum(const std::string& table, const std::string& office, int64_t delta_rows, uint64_t delta_hash);
    void flush_checksums();
    std::string forbidden_reason(const Principal& who, const Scope& ws, const nlohmann::json& m,
                                 const nlohmann::json& cur);

    store::Db& db_;
    StmtCache cache_;
    int64_t next_seq_ = 1;
    int64_t min_cursor_ = 0;
    Hlc server_hlc_ = 0;
    Writer writer_;
    int64_t last_change_seq_ = 0;
    // Per-push caches: checksum deltas summed per (table, office) and flushed
    // before commit; the field meta read by the merge, reused by the hook.
    bool batching_ = false;
    std::map<std::pair<std::string, std::string>, std::pair<int64_t, uint64_t>> checksum_delta_;
    std::string meta_cache_key_;
    nlohmann::json meta_cache_;
    bool in_hook_ = false;
    const std::string& writer_quoted();
    std::pair<std::string, std::string> quoted_for_;
    std::string quoted_;
    bool keeps_form(const store::TableSpec& t, const std::string& column, const nlohmann::json& v);
    std::unordered_map<std::string, std::unordered_map<std::string, char>> affinity_;
    // The row as the push's own write stores it, handed to the hook (no re-read).
    nlohmann::json stored_buf_;
    nlohmann::json* stored_row_ = nullptr;
};

}  // namespace seimbang::sync

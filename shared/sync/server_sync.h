// The server side of the sync protocol (docs/SYNC.md): applies pushed
// mutations with the merge rules, keeps the change log clients pull from, the
// per-office checksums and the idempotency records. No sockets and no threads:
// the HTTP layer (server/api_sync.cpp) serialises calls and does the transport.
// Implemented in server_sync.cpp (the change log), server_push.cpp and
// server_pull.cpp; the parts it is composed of are in server_parts.h.
//
// Every write of a synced row on the server database, including seeding and
// admin edits, goes through the change hook installed here, so the log, the
// per-field versions and the checksums can never drift from the rows.
#pragma once
#include <any>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/result.h"
#include "model/types.h"
#include "store/db.h"
#include "store/schema.h"
#include "store/value.h"
#include "sync/hlc.h"
#include "sync/push_request.h"
#include "sync/scope.h"
#include "sync/server_parts.h"

namespace seimbang::sync {

// A transport-independent answer: HTTP status + JSON body.
struct Reply {
    int status = 200;
    nlohmann::json body;
    std::string text = {};  // when not empty: the body, already serialised (body is then unused)
};
Reply error_reply(int status, const std::string& code, const std::string& detail = {});

// The storage settings of a serving database (WAL, synchronous=FULL, checkpoint
// interval, page cache): `seimbang-server serve` and the benchmarks that compare
// against raw SQLite use this one definition, so their figures mean the same.
void configure_server_storage(store::Db& db);

// Workflow records are changed by commands, never by field writes. A handler
// checks permission and the expected state and performs the change through
// write_row (inside the push transaction). Handlers are registered by the
// feature that owns the state machine (the transfer-request issue).
struct CommandContext {
    store::Db& db;
    const Principal& who;
    const nlohmann::json& mutation;  // {table,row,command,expect,args,...}
    // What a handler derives from the principal alone (e.g. the offices the caller
    // may act on), kept for the rest of the push: a batch of 500 commands reads the
    // office tree once, not 500 times. Emptied when the push writes an office.
    std::map<std::string, std::any>& memo;
};
using CommandHandler = std::function<Check(CommandContext&)>;
void register_command(const std::string& name, CommandHandler handler);

// Insert-only tables (submissions): a row is written once; an edit is a new row
// naming the version it supersedes. Registered by the feature owning the table.
void register_insert_only_table(const std::string& table);
bool is_insert_only(const std::string& table);

// Starts a new database generation (docs/SYNC.md §8.1): a random id that
// devices compare with the one they last synced with. `generation_seq`: the
// highest seq the database holds at that moment (a restored backup's), below
// which devices need not send anything again. `seimbang-server restore` calls
// it; a database served for the first time gets one with seq 0.
void start_generation(store::Db& db, int64_t generation_seq);

// The query of GET /api/v1/sync/pull as the request carries it (nullopt: the
// parameter is absent): the values, or the 400 error code ("request.bad_cursor",
// "request.bad_limit"). Numbers are plain decimal digits (at most 18).
struct PullParams {
    int64_t cursor = 0;
    int limit = 1000;  // clamped to 1..100000 here, to 1..5000 by pull()
    bool snapshot = false;
    std::string error;
};
PullParams parse_pull_params(std::optional<std::string_view> cursor, std::optional<std::string_view> limit,
                             std::optional<std::string_view> snapshot);

class ServerSync {
public:
    // Installs the change hook on db (which must be migrated).
    explicit ServerSync(store::Db& db);
    ~ServerSync();

    // POST /api/v1/sync/push, the body parsed by parse_push_request (which the
    // HTTP layer runs before taking the database lock). Runs its own
    // transaction; the answer is in Reply::text.
    Reply push(const Principal& who, PushRequest request);
    // The same for a request held as JSON (tests, tools); the answer in Reply::body.
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
    // [between instansi] Removes a workflow event the national tier refused as
    // part of a step taken on a stale copy (docs/SCALE.md "Steps taken on a
    // stale copy"), with an exit record for each office whose devices read it,
    // so that they drop it too: the one deletion a server makes. False when
    // the row is not there or the table is not an event table. In the caller's
    // transaction.
    bool retract_event(const std::string& table, const std::string& id);
    int64_t min_cursor() const { return clock_.min_cursor(); }
    int64_t last_seq() const { return clock_.last_taken(); }
    const std::string& generation() const { return clock_.generation(); }
    int64_t generation_seq() const { return clock_.generation_seq(); }
    // Test hook: called after a push committed, before the reply is built.
    std::function<void()> after_commit;

private:
    void on_change(const store::RowChange& c);
    bool retracting_ = false;  // (retract_event's own deletion passes on_change)
    // The row's office (its scope), from the table's office column ("" when not text).
    static std::string office_of(const store::TableSpec& t, const store::Row& row);
    // The change-log entry of one row write, decided before the write so that a
    // push stores it in the row's own INSERT/UPDATE (columns `_seq`, `_meta`).
    struct LogEntry {
        int64_t seq = 0;
        int64_t exit_seq = 0;  // not 0: the row leaves old_office (an exit record)
        std::string old_office;
        std::string meta;  // the row's per-field meta after the write, as JSON text
    };
    // `before`: the stored row before (null for an insert); `new_office`: the
    // row's office after; `written`: the columns the write sets (indexes into
    // t.columns); `meta`: the row's per-field meta before (empty for a new row).
    LogEntry begin_change(const store::TableSpec& t, const store::Row* before, const std::string& new_office,
                          const std::vector<int>& written, nlohmann::json meta);
    // After the write: checksums and the exit record. `now`: the row as stored.
    void finish_change(const store::TableSpec& t, const std::string& id, const store::Row* before,
                       const store::Row& now, const LogEntry& e);
    void record_results(const std::string& device, const std::vector<std::pair<int64_t, std::string>>& results);
    nlohmann::json read_meta(const store::TableSpec& t, const std::string& id);
    int64_t read_seq(const store::TableSpec& t, const std::string& id);
    enum class PullKind { All = 0, OwnEmployee = 1, Offices = 2 };
    static const std::string& pull_sql(PullKind kind);
    // Null when the upsert was applied without conflict (its seq in `seq`),
    // else the full result. `unread`: the row was not read (cur is null
    // without meaning absent): it is inserted only if absent, else the answer
    // is the string "retry" and the caller reads the row and calls again.
    nlohmann::json apply_upsert(const Principal& who, PushMutation& m, Hlc hlc, const store::TableSpec* t,
                                const store::Row* cur, int64_t& seq, bool unread);
    nlohmann::json apply_command(const Principal& who, const PushRequest& req, const PushMutation& m);
    nlohmann::json row_state(const std::string& table, const std::string& id, int64_t* seq);
    std::string forbidden_reason(const Principal& who, const Scope& ws, const PushMutation& m,
                                 const store::TableSpec* t, const store::Row* cur);
    // The value as SQLite stores it in column c of t (affinity: 12 → 12.0 in a
    // REAL column); false when that is not certain (the row is then read back).
    bool stored_form(const store::TableSpec& t, int c, const store::Value& in, store::Value& out);

    store::Db& db_;
    LogClock clock_;             // seqs, retention floor, generation, the server's HLC
    WriterStamp writer_;         // who the entries being written name
    ChecksumLedger checksums_;   // the per-office checksums (summed per push)
    PushMemo memo_;              // what the running push remembers between mutations
};

}  // namespace seimbang::sync

// The client side of the sync protocol (docs/SYNC.md), shared by the native CLI
// and the browser app. Transport-free: the caller sends build_push()'s body to
// POST /api/v1/sync/push and pull_path() to GET, then hands the answers back.
// run_sync() in driver.h strings these together for blocking transports.
//
// Local state lives in the same SQLite file as the data: the outbox (one row per
// local edit, written by the change hook in the edit's own transaction), the
// per-row version last seen from the server, rejected mutations ("perlu
// perhatian"), conflicts, and sync facts in local_meta (keys "sync.*").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/result.h"
#include "store/db.h"
#include "sync/hlc.h"

namespace seimbang::sync {

// Installs the outbox hook on a migrated client database. Every later local
// write_row (local=true) gets an outbox entry in the same transaction.
void install_client(store::Db& db);

// This database's device id (UUIDv7, created on first use; a new one only when
// another account signs in: device_id_for_login).
std::string device_id(store::Db& db);
// The device id to sign in with as `username`. The server binds a device id to
// the first user who signed in with it, for ever (auth.device_taken for anyone
// else), so when another account than the last one signs in on this database
// (its outbox is empty by then: outbox_blocked_by) the database takes a new id.
std::string device_id_for_login(store::Db& db, const std::string& username);

// [push]
struct PushBatch {
    nlohmann::json body;  // request body for POST /api/v1/sync/push
    size_t count = 0;
};
// The oldest pending mutations (at most max), or nullopt when the outbox is empty.
std::optional<PushBatch> build_push(store::Db& db, size_t max = 500);

struct PushSummary {
    int applied = 0, duplicate = 0, conflict = 0, rejected = 0, retry = 0;
    PushSummary& operator+=(const PushSummary& o);
};
// Applies a 200 answer: applied/duplicate leave the outbox, conflicts are
// recorded, rejected ones move to the attention list and the row is set back to
// the server's state. Safe to call twice with the same answer.
PushSummary apply_push_response(store::Db& db, const nlohmann::json& response);
// Applies a 403 answer naming forbidden mutations (error.counters): they move
// to the attention list so the rest of the queue can continue.
PushSummary apply_push_forbidden(store::Db& db, const nlohmann::json& error_body);

// [restore] The server names its database generation in every pull page and
// refuses a push of another generation (409 sync.generation_changed): after it
// was restored from a backup, a device sends again what the backup lacks
// (docs/SYNC.md §8.1).
struct GenerationChange {
    std::string generation;
    int64_t seq = 0;  // the highest seq the restored backup held
};
// A pull page or a 409 push answer naming another generation than the one this
// device last synced with (none before the first sync).
std::optional<GenerationChange> generation_change(store::Db& db, const nlohmann::json& answer);
// Puts the acknowledged mutations the backup lacks back into the outbox and
// restarts pulling from zero over the local copy; after that pull, the rows the
// server lacks are queued too. Then push and pull again.
void begin_restore(store::Db& db, const GenerationChange& change);

// [pull]
std::string pull_path(store::Db& db, int limit = 2000);
struct PullResult {
    // Set when the page came from another generation: nothing was applied.
    std::optional<GenerationChange> generation;
    bool more = false;
    int applied = 0;
    bool checksum_checked = false;  // only when the page is the last and nothing is pending
    bool checksum_ok = true;
};
PullResult apply_pull_page(store::Db& db, const nlohmann::json& page);
// Forgets local copies (keeps pending edits) and restarts pulling from zero:
// after 410 sync.resnapshot or a checksum mismatch.
void begin_resnapshot(store::Db& db);

// Records the outcome of a sync run (last success time, last error).
void record_sync_attempt(store::Db& db, bool ok, const std::string& error);
// Retry delay after `failures` consecutive failed attempts: exponential with
// jitter, 1 s up to 5 min.
int64_t retry_delay_ms(int failures, uint64_t random);

// [the account of the unsent edits] The server attributes a push to the token's
// account, so queued edits may only be sent by the account that made them.
// The account whose edits the outbox holds: recorded at each sign-in
// (local_meta "sync.outbox_user"); for older files, the last online account.
std::string outbox_owner(store::Db& db);
// The other account whose unsent edits block `username` from signing in on this
// device (empty: nothing blocks it). Browser and CLI refuse such a sign-in.
std::string outbox_blocked_by(store::Db& db, const std::string& username);
// After an allowed sign-in: the outbox (empty or already this account's) now
// collects `username`'s edits.
void set_outbox_owner(store::Db& db, const std::string& username);

// [status and attention lists, for the UI and `seimbang status`]
struct SyncStatus {
    int64_t pending = 0;
    int64_t oldest_pending_ms = 0;  // creation time of the oldest pending edit (0: none)
    int64_t last_sync_ms = 0;       // last fully successful sync (0: never)
    int64_t last_attempt_ms = 0;
    std::string last_error;         // machine code of the last failure, empty when it succeeded
    int64_t rejected = 0;           // not dismissed
    int64_t conflicts = 0;          // not resolved
    int64_t cursor = 0;
};
SyncStatus sync_status(store::Db& db);

struct Rejected {
    int64_t counter = 0;
    std::string table, row_id, op, reason, detail;
    nlohmann::json body;  // what was attempted
    int64_t created_ms = 0, rejected_ms = 0;
};
std::vector<Rejected> list_rejected(store::Db& db);
void dismiss_rejected(store::Db& db, int64_t counter);

struct Conflict {
    int64_t id = 0;
    std::string table, row_id, field;
    nlohmann::json base, mine, theirs;
    std::string kept;  // "mine" | "theirs": what last-writer-wins kept
    std::string mine_user, theirs_user, theirs_device;
    int64_t mine_hlc = 0, theirs_hlc = 0, recorded_ms = 0;
    bool resolved = false;
};
std::vector<Conflict> list_conflicts(store::Db& db, bool include_resolved = false);
enum class Resolution { keep_mine, take_theirs };
// Writes the chosen value as a normal local edit when it differs from the
// current one (so it syncs like any edit) and marks the conflict resolved.
Check resolve_conflict(store::Db& db, int64_t conflict_id, Resolution r);

// Workflow: queues a command (e.g. "submit") for a record in the expected state.
void enqueue_command(store::Db& db, const std::string& table, const std::string& row_id, const std::string& command,
                     const std::string& expect, const nlohmann::json& args = nlohmann::json::object());

}  // namespace seimbang::sync

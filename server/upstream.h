// [upstream] An instansi server forwarding its whole change log to the national
// tier (docs/SCALE.md "Upstream"). The instansi server is ONE device there: its
// state is an ordinary client database beside the server's, the upstream
// replica (FILE.upstream: device id, token, national cursor and generation,
// the outbox of forwarded changes, the rows as the centre acknowledged them).
// Forwarding = staging (the instansi rows whose _seq passed the staged point are
// written into the replica, whose outbox hook turns each changed column set
// into a mutation with a never-reused counter) + one SyncRun over HTTP (push,
// pull of the own scope with its checksum, the centre's reference data), the
// same state machine every device runs. Nothing here holds the serving lock:
// the instansi database is read through a connection of its own (WAL readers
// never block the writer), so offices never wait on the national server.
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/db.h"
#include "sync/driver.h"
#include "sync/run.h"

namespace seimbang::server::upstream {

// Where the replica of an instansi database lives.
std::string replica_path(const std::string& db_path);
// Opens (creating and migrating) the replica with the outbox hook installed.
std::unique_ptr<store::Db> open_replica(const std::string& db_path);

struct Staged {
    int64_t rows = 0;         // rows read from the instansi change log
    int64_t mutations = 0;    // of them, rows that differed from the replica (new outbox entries)
    int64_t staged_seq = 0;   // the instansi seq staged up to now
    bool generation_changed = false;  // the instansi database was restored since the last staging
};
// Copies the instansi rows written after the staged point into the replica (one
// replica transaction: rows and staged point together). Parents first: offices
// by depth from the root, then the other synced tables in registry order, so the
// centre's reference rules always find what a row names.
Staged stage(store::Db& instansi, store::Db& replica);

// Mutations per upstream push. A device sends at most 500 (SYNC.md §5: a phone
// on a slow link); an instansi server forwards over a server link, and each
// push costs the centre a commit (an fsync) and ~8 round trips, so it sends
// bigger batches: 2,000 whole rows are ≈ 2.5 MB of JSON, well under the
// server's 8 MiB body limit (http_server.h max_body_bytes). `serve
// --upstream-batch N` lowers it for a slow link; it is never raised above this.
inline constexpr size_t kUpstreamBatch = 2000;

// Everything a forward needs besides the two databases; `batch`: mutations per push.
sync::SyncOptions sync_options(size_t batch = kUpstreamBatch);

// [reference data down] The settings groups the centre decides for every
// instansi: the ABK rules (WKE, annualisation, rounding, bands: national
// policy) and the survey's privacy floor. The workflow group names the
// instansi itself (SK numbering, signatory, its name) and stays its own.
const std::vector<std::string>& centre_groups();

// The centre's settings as last handed down into the replica (the sync run's
// settings step) applied to the instansi: each centre group whose value the
// centre changed since the last one applied (at first: since the built-in
// defaults, so a group the centre never set is not imposed) is written through
// the settings rules (check_group) and logged in settings_log as "pusat:<who>"
// (write_settings_logged), so the instansi's devices get it at their next sync
// and its Pengaturan screen shows it. The instansi's own later edits stand
// until the centre changes that group again. Returns the groups written.
int apply_centre_settings(store::Db& instansi, store::Db& replica);

// [between instansi] The workflow rows another instansi wrote about a move
// that concerns this one (docs/SCALE.md "Hand-down"), which the replica
// received from the centre's pull, copied into the instansi database as
// server state through store::write_row, so the instansi's devices see the
// request (the receiving side the sending side's approval, the sending side
// the proposal, both BKN's pertimbangan teknis). The next staging finds the
// replica equal and sends nothing back. A row the instansi changed after the
// last staging is left alone (its own later step goes up and wins at every
// replica). Requests before their events and documents. `instansi` must be a
// connection without a change hook of its own (a ServerSync is installed on it
// for the copy, so the rows enter the instansi's change log).
struct HandedDown {
    int64_t rows = 0;     // rows written into the instansi database
    int64_t skipped = 0;  // rows the instansi changed since the staging (left alone)
    int64_t refused = 0;  // rows the instansi database refused (left out, counted)
};
HandedDown copy_handed_down(store::Db& instansi, store::Db& replica);
// [between instansi] The events of this instansi's own steps the centre refused
// as taken on a stale copy (`workflow.state_changed`, docs/SCALE.md): removed
// from the instansi database with exit records, so its devices drop them too
// (the request row itself is put back by copy_handed_down). Each refusal once
// (`upstream.retracted_counter`). Returns the events removed. (upstream_refused.cpp)
int64_t retract_refused_events(store::Db& instansi, store::Db& replica);

struct Forwarded {
    Staged staged;
    sync::SyncReport report;
    int settings_applied = 0;  // centre settings groups written into the instansi
    HandedDown handed_down;
    int64_t retracted = 0;  // refused events removed from the instansi database
};
// Stage, then one sync run over `transport` (signed in: the replica's token),
// then the centre's settings and the handed-down workflow rows into the instansi.
Forwarded forward(store::Db& instansi, store::Db& replica, sync::Transport& transport,
                  size_t batch = kUpstreamBatch);

// `upstream status`: what is still to send (rows not staged yet, mutations not
// acknowledged, the oldest of them), last success, last error.
nlohmann::json status(store::Db& instansi, store::Db& replica);

// `serve --upstream URL [--upstream-every S]`: forward() every S seconds on a
// thread of its own, with connections of its own (never the serving lock), one
// JSON line per run on stderr. Stops (and joins) when destroyed; a run in
// flight ends at its transport timeout at the latest.
class Loop {
public:
    Loop(std::string db_path, std::string url, int every_s, size_t batch = kUpstreamBatch);
    ~Loop();
    Loop(const Loop&) = delete;
    Loop& operator=(const Loop&) = delete;

private:
    void run();
    std::string db_path_, url_;
    int every_s_;
    size_t batch_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace seimbang::server::upstream

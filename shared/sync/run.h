// One sync run as a state machine (docs/SYNC.md §10): it says which request to
// send next and decides, from each answer, the step after it. The CLI drives it
// over a blocking transport (run_sync, driver.h), the app over the browser's
// asynchronous fetch, one step per answer (client/app/sync.cpp); the logic of a
// run (push batches, 403 and 409 answers, documents, pull pages, 410 and
// checksum re-snapshots, a restored server, the fetches after the pull) lives
// only here.
//
// Steps: [push] the outbox in batches → [documents] the waiting blobs → [pull]
// pages until the cursor is current, checksum verified → [follow-ups] reference
// data, settings, campaigns (GETs that never fail the run) → done. A restored
// server (409 on a push, a pull page of another generation) starts the push and
// pull over once. Every step commits before the next request, so a run cut
// anywhere (tab closed, network lost) continues from there next time.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "sync/client.h"
#include "sync/http.h"

namespace seimbang::sync {

class BlobUploader;

struct SyncReport {
    bool ok = false;
    std::string error;  // machine code: network, auth.*, server.error, sync.*...
    int http_status = 0;
    bool auth_failed = false;  // a 401: the token is refused (the account signs in again)
    PushSummary push;
    int pushed_batches = 0;
    int pulled = 0, pages = 0;
    bool resnapshot = false;
    bool restored = false;  // the server was restored: what it lacked was sent again (SYNC.md §8.1)
    bool checksum_checked = false, checksum_ok = true;
    int blobs_uploaded = 0, blobs_refused = 0;
    bool changed = false;  // local data changed (rows pulled or put back, follow-ups taken)
    // Worth trying again soon without a person: no answer, an overloaded or failing server.
    bool transient() const { return error == "network" || http_status >= 500 || http_status == 429; }
};

// A GET after the pull that brings something beside the synced rows (reference
// positions, the rule settings, survey campaigns). It never fails the run; only
// a 401 ends it (the token is refused).
// `answered`: how many answers this follow-up got so far in this run, so one
// follow-up may fetch several things (campaigns, then each one's results).
struct FollowUp {
    // The path to GET now, or "" when there is nothing (more) to fetch.
    std::function<std::string(store::Db&, int answered)> next;
    // The answer to that GET (any status but 401); true when local data changed.
    std::function<bool(store::Db&, const HttpResult&, int answered)> answer;
};

// The instansi's positions for destination pickers (GET /api/v1/reference/positions,
// SYNC.md §6), kept in local_meta "ref.positions" when the server's version differs.
FollowUp reference_positions_follow_up();

struct SyncOptions {
    size_t batch = 500;      // mutations per push
    int page = 2000;         // rows per pull page
    int max_pages = 100000;  // guard against a server that never says "no more"
    int max_rounds = 3;      // push + pull rounds (a restore needs two)
    std::vector<FollowUp> follow_ups;
};

class SyncRun {
public:
    enum class Step { push, blob, pull, follow_up };

    explicit SyncRun(SyncOptions options = {});
    ~SyncRun();
    SyncRun(const SyncRun&) = delete;
    SyncRun& operator=(const SyncRun&) = delete;

    // The request to send now, or nullopt when the run has ended (report()).
    // Asking again without an answer gives the same request.
    std::optional<SyncRequest> next(store::Db& db);
    // What the request next() gave is for.
    Step step() const { return step_; }
    // The answer to the request next() gave: applied (its own transaction), and
    // the step after it decided. `ahead`, for a pull page that says more: called
    // with the next page's request before this page is applied, so an
    // asynchronous driver can have it fetched meanwhile (next() gives the same
    // request afterwards unless the run went elsewhere).
    void answer(store::Db& db, const HttpResult& r, const std::function<void(const SyncRequest&)>& ahead = {});
    bool done() const { return phase_ == Phase::done; }
    // The outcome so far; final once done() (then also recorded with record_sync_attempt).
    const SyncReport& report() const { return rep_; }

private:
    enum class Phase { start, push, blob, pull, follow_up, done };
    void finish(store::Db& db, bool ok);
    void fail(store::Db& db, const HttpResult& r);
    void fail(store::Db& db, int status, std::string error);
    void restore(store::Db& db, const GenerationChange& g);
    void resnapshot(store::Db& db);
    void begin_push(store::Db& db);
    void count_blobs();
    void start_pull(store::Db& db);
    void answer_push(store::Db& db, const HttpResult& r);
    void answer_blob(store::Db& db, const HttpResult& r);
    void answer_pull(store::Db& db, const HttpResult& r, const std::function<void(const SyncRequest&)>& ahead);

    SyncOptions opt_;
    SyncReport rep_;
    Phase phase_ = Phase::start;
    Step step_ = Step::push;
    std::optional<SyncRequest> current_;  // given by next(), not answered yet
    size_t batch_count_ = 0;          // mutations in the push request sent
    bool snapshot_ = false;           // the pull request sent asks for a snapshot
    std::unique_ptr<BlobUploader> blobs_;
    bool resnapshotted_ = false;      // once per run
    int round_ = 0;
    size_t follow_up_ = 0;            // index into opt_.follow_ups
    int answered_ = 0;                // answers the current follow-up got
};

}  // namespace seimbang::sync

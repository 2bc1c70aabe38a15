// Sync from the app (client/app/sync.cpp): what this device knows about its
// sync with the server, and the runs of the core's state machine
// (sync::SyncRun) it drives over the platform's asynchronous HTTP, one request
// per answer. Runs start automatically: after a save (debounced), on a timer
// with backoff, when the browser comes back online, and after sign-in. A demo
// database never syncs. The App routes what a run changes through the hooks.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/local_data.h"
#include "app/login.h"
#include "app/platform.h"
#include "app/workload.h"
#include "model/result.h"

namespace seimbang::sync {
class SyncRun;  // sync/run.h
struct FollowUp;
struct SyncReport;
struct SyncRequest;
}  // namespace seimbang::sync

namespace seimbang::app {

// What this device knows about its sync with the server (Sinkronisasi, Beranda).
struct SyncView {
    bool account = false;      // a server account (false: demo mode or signed out)
    bool running = false;      // a sync run is in flight
    bool first_pull_done = false;
    long long last_ok_unix = 0, last_attempt_unix = 0;
    std::string last_error;    // machine code of the last failed run ("" after a success)
    int failures = 0;          // consecutive failed runs
    double next_ms = 0;        // platform clock of the next automatic run (0: none)
    int pulled_last = 0;       // rows received by the last (or running) run
    int pulled_saved = 0;      // of those, rows already in durable storage (IndexedDB)
    int rejected = 0, conflicts = 0;
};

class SyncSession {
public:
    struct Hooks {
        // The app's own steps after the pull (e.g. the survey campaigns).
        std::function<std::vector<sync::FollowUp>()> follow_ups;
        std::function<void(const sync::SyncReport&)> finished;  // a run ended (not by a refused token)
        std::function<void(const std::string& notice)> committed;  // a local edit was saved (a resolved conflict)
        std::function<bool()> form_open;  // an editor is open: a refused token waits before Masuk
    };
    SyncSession(Platform& platform, LocalData& local, Login& login, const WorkloadModel& workload, Hooks hooks);
    ~SyncSession();  // out of line: sync::SyncRun is only declared here

    // Per frame: connectivity, the due run, a refused token (back to Masuk once
    // no form is open), and which pulled rows are durable now.
    void tick();
    // Starts a due run outside the frame loop (the browser's `online` event, a
    // timer while the tab is hidden and frames stop).
    void poll();
    void now();  // a run as soon as possible ("Sinkronkan sekarang")
    void schedule(double delay_ms);
    // An account signed in with its token, and no refused token pending.
    bool enabled() const;
    void stop();  // signed out: the answers of a run in flight are dropped
    // A 401 during a run or another request: the token is forgotten.
    void auth_failed(const std::string& code);
    // Reads the outbox, rejections and conflicts from the store again.
    void refresh();
    void dismiss_rejected(long long counter);
    Check resolve_conflict(long long conflict_id, bool keep_mine);
    // "Pegawai · Siti Aminah" for a synced row (reads the attempted fields when
    // the row is gone locally).
    std::string record_label(const std::string& table, const std::string& row_id,
                             const std::string& fields_json = "") const;

    SyncView view;
    OutboxStats outbox;
    std::vector<RejectedItem> rejected;
    std::vector<ConflictItem> conflicts;
    bool online = true;

private:
    void start();
    void send();  // the run's next request, or its end
    void http(const sync::SyncRequest& q);
    void answer(const HttpResponse& r);
    void finish();
    void track_durable();  // "rows saved" follows the flushes

    Platform& platform_;
    LocalData& local_;
    Login& login_;
    const WorkloadModel& workload_;
    Hooks hooks_;
    unsigned gen_ = 0;  // answers of an older generation (signed out, run gone elsewhere) are dropped
    std::unique_ptr<sync::SyncRun> run_;  // the running sync
    double due_ms_ = 0;  // 0: nothing scheduled
    // The next pull page is requested before the current one is applied; an
    // answer that arrives meanwhile (synchronous platforms) waits here.
    struct PulledAnswer {
        std::string path;
        HttpResponse response;
    };
    bool pull_applying_ = false;
    std::optional<PulledAnswer> pull_waiting_;
    // Rows pulled so far by this run, keyed by the flush that holds them
    // (Platform::persist_ticket): "rows saved" follows the flushes.
    std::vector<std::pair<long long, int>> pulled_tickets_;
    std::string auth_ended_;   // set by a 401: back to Masuk once no form is open
};

}  // namespace seimbang::app

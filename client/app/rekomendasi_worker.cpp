// The App's side of the planner's worker (docs/PLANNER.md "In the web client"):
// database requests that send the snapshot only when the worker does not hold
// this version of the local database, cancelling, and the warm-up when
// Rekomendasi opens.
#include "app/app.h"
#include "plan/wire.h"
#include "store/snapshot.h"
#include "workflow/sync_commands.h"

namespace seimbang::app {

std::string App::plan_db_request(const plan::DbQuery& q, plan::DbJob job, bool* sent) {
    store::Db& db = local->db();
    const std::string version = store::snapshot_version(db);
    const bool with_snapshot = version.empty() || version != worker_db_version_;
    std::string request = plan::encode_db_request(q, db, job, with_snapshot);
    if (with_snapshot) worker_db_version_ = version;
    if (sent) *sent = with_snapshot;
    return request;
}

void App::plan_cancel(Platform::PlanRequest& id) {
    if (id) platform.cancel_plan(id);
    id = 0;
    plan_worker_lost();
}

void App::plan_worker_lost() {
    worker_db_version_.clear();
    warmed_version_.clear();
}

void App::rekom_warm() {
    RekomView& v = rekom;
    if (!can_plan() || v.warm_posted || v.posted || v.phase == RekomPhase::preparing ||
        v.phase == RekomPhase::building)
        return;
    store::Db& db = local->db();
    const std::string version = store::snapshot_version(db);
    if (!version.empty() && version == warmed_version_) return;
    RekomSettings s = v.settings;  // the form as it stands (its defaults on a first visit)
    if (s.scope_office.empty()) s.scope_office = login.session->office_id;
    if (s.year == 0) s.year = workload.abk_year;
    std::string request;
    try {
        request = plan_db_request(rekom_query(s, workflow::today_wib()), plan::DbJob::warm);
    } catch (const std::exception&) {
        return;  // the run itself will say what is wrong
    }
    warmed_version_ = version;
    v.warm_posted = true;
    v.warm_started_ms = platform.now_ms();
    // A sign-out meanwhile cancels it (rekom_reset): this is not called then.
    warm_request_ = platform.solve_plan(std::move(request), [this](const std::string& answer) {
        RekomView& w = rekom;
        warm_request_ = 0;
        w.warm_posted = false;
        const auto a = plan::decode_db_answer(answer);
        if (!a || !a->warmed) {
            plan_worker_lost();  // no copy, or no worker: the run sends the snapshot
            return;
        }
        w.warmed = true;
        w.warm_ms = platform.now_ms() - w.warm_started_ms;
        w.warm_build_ms = a->build_seconds * 1000.0;
        w.warm_solve_ms = a->warm_solve_seconds * 1000.0;
    });
}

}  // namespace seimbang::app

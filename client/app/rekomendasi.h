// View state of the Rekomendasi screen (issue 15): the rebalancing planner
// (shared/plan) run in the browser on the local database, no network. A run is
// spread over frames (prepare, build the instance, post it) and the solve itself
// runs in the planner's Web Worker (Platform::solve_plan; natively at once), so
// the screen shows progress and stays responsive; what-if edits (drop a move, pin a
// person, add a move of one's own) recompute the figures from the holders at
// once (plan::compute_metrics over the ABK needs, no re-solve); "optimalkan
// sisanya" re-solves with those choices fixed; adopting turns the chosen moves
// into `dinas` transfer requests through the normal workflow (offline, queued
// for sync) with ids derived from the plan and the move, so adopting twice
// creates nothing new. The screen is client/ui/screen_rekomendasi.cpp; docs in
// docs/PLANNER.md "In the web client".
#pragma once
#include <string>
#include <vector>

#include "model/result.h"
#include "model/date.h"
#include "plan/from_db.h"
#include "plan/instance.h"
#include "plan/planner.h"

namespace seimbang::app {

// What the planner is asked (the form).
struct RekomSettings {
    std::string scope_office;          // office subtree planned ("" = the account's office)
    int year = 0;                      // ABK year (0 = the year shown on ABK)
    double move_cost = 0.05;           // the planner's defaults (plan::Weights)
    double request_bonus = 0.5;
    double fit_bonus = 0.0;
    bool limit_moves = false;
    int max_moves = 10;
    bool allow_managerial = false;
    std::vector<std::string> pinned;   // employee ids kept in place
};

// Where a run stands. `preparing`: the click's frame shows "membaca data…";
// the next frame reads a snapshot of the local database into the request for
// the worker (which builds the instance and solves it) and posts it (`building`
// only inside that frame); `solving` lasts until the answer has been applied:
// its event keeps the bytes, the next frame decodes them and builds the moves
// and figures. "Optimalkan sisanya" encodes the edited instance and posts it
// in one frame. RekomView::ui_max_ms: the longest of these frames' work.
enum class RekomPhase { idle, preparing, building, solving, done, failed };

struct RekomMove {
    int employee = -1, from = -1, to = -1;  // indices into RekomView::inst
    bool manual = false;                    // added by the user (what-if)
    bool dropped = false;                   // taken out of the plan (what-if)
    bool selected = true;                   // to be adopted
    bool requested = false;
    int fit_gain = 0;
};

struct RekomView {
    RekomSettings settings;
    RekomPhase phase = RekomPhase::idle;
    Issue issue;                        // why the last run failed (phase failed)
    plan::Instance inst;                // as built from the local database
    plan::Plan plan;                    // the solver's answer (proven optimal or with its gap)
    std::string plan_key;               // hex digest of the settings and the solved moves
    double solve_ms = 0;                // wall time from the run's start to the plan applied
    int run_frames = 0;                 // frames the last run took (drawn while it ran)
    double build_ms = 0, plan_ms = 0;   // the worker's instance_from_db; posting to the answer applied (wall time)
    bool build_reused = false;          // the worker reused its instance (same data, scope, year; other weights or pins)
    // The UI thread's steps of a run (wall time): the request (database snapshot
    // or edited instance) and the post, in one frame; the answer's decode and
    // the moves and figures, in another; ui_max_ms the longer of those frames' work.
    double request_ms = 0, post_ms = 0, decode_ms = 0, apply_ms = 0, ui_max_ms = 0;
    double worker_ms = 0;               // the solve as the worker timed it (Plan::stats.seconds)
    size_t instance_bytes = 0;          // size of what was posted to the worker (database snapshot or instance)
    std::string request;                // the bytes being posted (within the request's frame)
    bool posted = false;                // phase solving: the request went to the worker
    bool posted_db = false;             // ... a database request (plan/wire.h), not an instance
    std::string answer;                 // phase solving: the worker's answer, applied on the next frame
    bool answered = false;
    bool decoded = false;               // answer decoded (into inst / pending), then the moves and figures
    plan::Plan pending;                 // the decoded plan, being applied
    std::string pending_key;            // the plan key the worker computed (empty: the app computes it)
    std::string inst_digest;            // SHA-256 of inst's wire bytes (from the worker): a saved plan's data digest
    double solve_started_ms = 0;        // platform clock when the solve phase began
    double run_started_ms = 0;          // platform clock when the run (or re-optimisation) began
    bool reoptimising = false;          // the run is "optimalkan sisanya" (cancel returns to the plan)
    double refigure_ms = 0;             // the last what-if recomputation (wall time)
    bool snapshot_sent = false;         // the run's request carried the database snapshot (else the worker's copy)
    // The worker's warm-up on entering the screen (App::rekom_warm): out, done, its
    // wall time from the post to the answer and the worker's build and solve.
    bool warm_posted = false, warmed = false;
    double warm_started_ms = 0, warm_ms = 0, warm_build_ms = 0, warm_solve_ms = 0;

    // What-if state, kept consistent by App::rekom_* commands.
    std::vector<RekomMove> moves;       // the plan's moves (solve order), then manual ones
    std::vector<int> destination;       // per employee of inst
    std::vector<int> holders_before, holders_now;
    plan::Metrics before, now;          // figures of the current (possibly edited) assignment
    double objective_now = 0;           // the planner's objective of the current assignment
    plan::Plan figures;                 // holders before/after of the current assignment, for reasons
    int page = 0;                       // the page of moves shown (kMovesPerPage each)
    static constexpr int kMovesPerPage = 50;
    bool edited = false;                // a what-if edit since the last solve
    unsigned revision = 0;              // bumped by every change of the assignment shown (rekom_refigure)

    // Manual move form.
    std::string manual_employee, manual_position;
    Check manual_check;

    // Last adoption: requests created now, already there from an earlier adoption, refusals.
    int adopted_new = 0, adopted_existing = 0;
    Check adopt_check;
};

// The planner's database query for the form's settings (the run, and a saved
// plan's "has the data changed" check).
plan::DbQuery rekom_query(const RekomSettings& s, const Date& today);

// The request id of an adopted move: a UUID-shaped digest of the plan key and
// the move, so the same plan adopted again finds its own requests.
std::string adoption_request_id(const std::string& plan_key, const std::string& employee_id,
                                const std::string& from_position, const std::string& to_position);

}  // namespace seimbang::app

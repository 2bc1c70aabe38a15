// Saved plans of the Rekomendasi screen (issue 15 item 5, docs/PLANNER.md
// "Saved plans"): the current plan, with its what-if edits, kept under a name
// in the device-local table `saved_plans` (migration 10) with its parameters,
// figures and moves — names, posts and reasons as they were shown — so it reads
// the same later even when the data changed (and the screen says when it did);
// two saved plans compared side by side (figures, and the moves that differ);
// CSV exports of a plan's moves and of its figures.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "app/rekomendasi.h"
#include "i18n/strings.h"
#include "plan/metrics.h"

namespace seimbang::app {

struct SavedMove {
    std::string employee_id, employee;  // id and name as shown when saved
    std::string from_id, from, to_id, to;
    std::string reason;                 // as shown when saved (the saver's language)
    bool manual = false, requested = false;
};

struct SavedPlan {
    std::string id, name, scope_office_id, scope_name;
    int year = 0;
    long long saved_ms = 0;
    RekomSettings settings;
    bool optimal = false, edited = false;
    double gap = 0;
    double objective = 0;               // of the saved (possibly edited) assignment
    double optimum = 0;                 // of the solver's plan it came from
    plan::Metrics before, after;
    std::vector<SavedMove> moves;       // the moves kept (dropped ones are not saved)
    std::string data_digest;
};

// A row of the list (no moves read).
struct SavedPlanRow {
    std::string id, name, scope_office_id;
    int year = 0, moves = 0;
    long long saved_ms = 0;
};

// The moves that differ between two plans, by person: moved only in A, only in
// B, or in both to different posts (indices into each plan's moves).
struct SavedPlanDiff {
    std::vector<size_t> only_a, only_b;
    std::vector<std::pair<size_t, size_t>> other_post;
    int same = 0;                       // same person to the same post in both
};
SavedPlanDiff compare_saved_plans(const SavedPlan& a, const SavedPlan& b);

// One figure before and after, formatted the app's way (i18n/format.h):
// what the Rekomendasi screen, a saved plan, the comparison and the CSV show.
struct FigureRow {
    const char* name;                   // string-table keys
    const char* help;
    std::string before, after;
};
std::vector<FigureRow> figure_rows(const plan::Metrics& before, const plan::Metrics& after,
                                   i18n::Lang lang = i18n::current());

// CSV (headers from the string table, numbers formatted as on screen):
// the moves of a plan; its figures (figure, before, after, meaning).
std::string saved_moves_csv(const SavedPlan& p, i18n::Lang lang = i18n::current());
std::string saved_figures_csv(const SavedPlan& p, i18n::Lang lang = i18n::current());

// The compare choice that stands for the plan on screen, not saved (saved ids are UUIDs).
inline constexpr const char* kCurrentPlanId = "current";

struct SavedPlansView {
    std::vector<SavedPlanRow> list;     // this user's saved plans, newest first
    bool loaded = false;
    std::string save_name;              // the form
    Check save_check;
    // A save is written over frames (App::rekom_save_plan starts it, each tick
    // continues): the moves' reasons and their JSON a slice at a time (a few ms
    // each), then one INSERT. At Kota scale (3,000+ moves) that is more than a
    // frame's work. A plan that changes meanwhile (a what-if edit, another
    // language) is started again, so what is saved is the plan as it is then;
    // one that goes (a new run, sign-out) ends the save with rekom.error.no_plan.
    struct Saving {
        bool active = false;
        std::string name;
        unsigned revision = 0;          // RekomView::revision the moves so far were written from
        int lang = -1;                  // ... and the language of their reasons
        size_t next = 0;                // the next index into rekom.moves
        int kept = 0;                   // moves written (dropped ones are not saved)
        std::string moves_json;         // their JSON array elements so far
        double started_ms = 0;
    } saving;
    size_t save_slice_moves = 0;        // at most this many moves per frame (0: by time only; tests)
    double save_ms = 0;                 // the last save's work on the UI thread (sum of its frames' steps; bench/web/rekom.mjs)
    double save_step_max_ms = 0;        // ... its longest step (one frame's share)
    double save_wall_ms = 0;            // ... from the click to the row written
    int save_steps = 0;                 // ... the frames it took
    double open_ms = 0, compare_ms = 0, export_ms = 0;  // the last open, compare and export (UI thread, wall time)
    std::string open_id;                // the plan shown (empty: none)
    SavedPlan open;
    bool open_data_changed = false;     // the data differs from what the open plan was computed on
    bool open_checking = false;         // ... not known yet: the worker is rebuilding the instance
    bool check_posted = false;          // that check is with the planner's worker
    std::string compare_a, compare_b;   // ids chosen for comparison (or kCurrentPlanId)
    bool comparing = false;
    SavedPlan a, b;
    SavedPlanDiff diff;
    Check check;                        // the last open / compare / export / delete refusal
};

}  // namespace seimbang::app

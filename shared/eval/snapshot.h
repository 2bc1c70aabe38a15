// Balance snapshots per evaluation period (docs/EVALUATION.md): for every
// office, the ABK figures of its own positions and the balance metrics over its
// subtree (so a kecamatan row is the kecamatan roll-up and the root row the
// kota's), plus the period's transfer requests. Every figure comes from the ABK
// engine (abk::analyse) and the planner's balance metrics (plan::compute_metrics);
// nothing is computed a second way here.
//
// Stored one row per (period, office) in the synced table `eval_snapshots`
// (figures as JSON). A closed snapshot never changes: the schema refuses an
// update of its data on every side and a delete on the server. The server takes
// the snapshot of a period once it has ended (closed) and on demand (an ended
// period closed, the running one open and replaced by the next take).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "eval/period.h"
#include "model/result.h"
#include "model/settings.h"
#include "store/db.h"

namespace seimbang::eval {

struct PositionFigures {
    std::string id, name;
    double needed = 0;  // decimal
    int needed_rounded = 0;
    int holders = 0;
    int difference = 0;  // holders − needed_rounded
    std::optional<double> ej;
    std::string pj;  // grade letter, "" without holders
};

// Over an office's subtree.
struct Balance {
    double sum_sq = 0;          // Σ (h − n)², n decimal
    double ej_cv = 0;           // population σ / mean of EJ over positions with holders
    double ej_max = 0, ej_min = 0;
    double share_balanced = 0;  // share of positions with EJ in [0.9, 1.1]
    int overloaded = 0;         // EJ > 1.2, vacant positions with workload included
    int vacant_with_workload = 0;
    int positions = 0;          // positions with holders or workload
    int positions_short = 0, positions_surplus = 0;  // by the rounded need
    int holders = 0;
    double needed = 0;
    int needed_rounded = 0;
    std::optional<double> eu;
    std::string pu;
};

// Transfer requests of the period whose origin office lies in the subtree.
struct Moves {
    int filed = 0;                       // submitted (Diajukan) in the period
    std::map<std::string, int> by_reason;   // of those filed
    std::map<std::string, int> by_outcome;  // their status now
    int decided = 0;                     // reached Ditetapkan in the period
    std::optional<double> median_days;   // Diajukan → Ditetapkan of those decided
};

struct OfficeSnapshot {
    std::string period;  // "2026-S2"
    std::string office_id, office_name, office_kind, parent_id;
    bool closed = false;
    int64_t taken_ms = 0;
    Balance balance;
    std::vector<PositionFigures> positions;  // the office's own positions, by name
    Moves moves;
};

// Computes the snapshot of `period` for every office (ABK year = the period's
// year; holders and tasks as they are now). Pure read.
std::vector<OfficeSnapshot> compute_snapshot(store::Db& db, const PeriodId& period, const Settings& settings);

// The stored columns: `figures` (office figures, without period/office/closed)
// and `positions` (kept apart: the trends never need them, and parsing them
// was most of the Evaluasi screen's load time at kota scale).
nlohmann::json to_json(const OfficeSnapshot& s);
nlohmann::json positions_json(const OfficeSnapshot& s);
OfficeSnapshot office_snapshot_from_row(const std::string& period, const std::string& office_id, bool closed,
                                        int64_t taken_ms, const std::string& figures_json,
                                        const std::string& positions_json = "[]");

struct TakeResult {
    int written = 0;          // rows inserted or replaced
    bool already_closed = false;  // the period was closed before: nothing changed
};

// Computes and stores `period` in one transaction; closed when `close`.
// A period already closed is left as it is. Throws store::DbError on failure.
TakeResult take_snapshot(store::Db& db, const PeriodId& period, bool close, int64_t now_ms);

// The configured period length: key "evaluation_period" ("semester", the
// default, or "quarter") of the stored rules (settings table, key 'rules');
// a missing or unknown value means semester.
PeriodLength period_length_setting(store::Db& db);
// The configured length refuses a period id of the other length
// (`eval.wrong_period_length`, detail: the configured length), so snapshots
// taken by hand and by the timer form one series.
Check check_period_length(store::Db& db, const PeriodId& p);

// The server's rule: the period before today's (by the configured length) is
// taken and closed when it has no closed snapshot yet. Returns the period
// taken, or nullopt when nothing was due.
std::optional<std::string> close_due_period(store::Db& db, const Date& today, int64_t now_ms);

// Stored snapshots (what a client has after sync), ordered by period then office;
// without their positions unless asked.
std::vector<OfficeSnapshot> load_snapshots(store::Db& db, bool with_positions = false);
// One office's stored rows with their per-position figures, ordered by period
// (the Evaluasi screen's positions list).
std::vector<OfficeSnapshot> load_office_snapshots(store::Db& db, const std::string& office_id);
std::vector<std::string> closed_periods(store::Db& db);

// Per-office EJ figures of one stored period (for other screens that set a
// figure beside workload, e.g. the survey's satisfaction column).
struct OfficeLoad {
    std::string office_id, office_name;
    std::optional<double> eu;
    double ej_cv = 0;
    double share_balanced = 0;
    int overloaded = 0;
};
std::vector<OfficeLoad> office_loads(store::Db& db, const std::string& period);

}  // namespace seimbang::eval

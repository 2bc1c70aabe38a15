// The Evaluasi screen's data (client/ui/screen_evaluation.cpp), from the balance
// snapshots synced to this device (shared/eval): works offline. Built once per
// change of the local data, not per frame.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "eval/compare.h"
#include "eval/snapshot.h"
#include "store/db.h"

namespace seimbang::app {

// One office's snapshot rows, one per period (ascending).
struct OfficeTrend {
    std::string office_id, office_name, office_kind, parent_id;
    std::vector<eval::OfficeSnapshot> periods;
    const eval::OfficeSnapshot* at(const std::string& period) const;
};

using eval::Change;  // the verdict rule lives in shared/eval/compare.h

// An office below the selected one between two periods: did its balance improve?
struct Comparison {
    std::string office_id, office_name;
    const eval::OfficeSnapshot* before = nullptr;  // may be null (no row that period)
    const eval::OfficeSnapshot* after = nullptr;
    Change change = Change::unknown;
};

// A batch of decided moves (the period in which they reached Ditetapkan) with
// the office's balance at the end of the period before and at the end of it.
struct BatchEffect {
    std::string period;
    int decided = 0;
    const eval::OfficeSnapshot* before = nullptr;
    const eval::OfficeSnapshot* after = nullptr;
    Change change = Change::unknown;
};

struct EvaluationData {
    std::vector<std::string> periods;  // every period with a snapshot, ascending
    std::vector<OfficeTrend> offices;  // offices with snapshot rows (this device's scope)
    // Snapshots of the other period length (the setting changed): left out, so
    // every trend is one series of equal periods; the count is said on screen.
    int other_length_rows = 0;
    const OfficeTrend* office(const std::string& id) const;
};

// Reads every stored snapshot row (what sync brought to this device) of the
// period length in use: the setting `evaluation_period` (handed down with the
// settings), or, while no snapshot of that length exists yet, the length of the
// period that ended last.
EvaluationData load_evaluation(store::Db& db);

// One position of an office across periods (the "Per jabatan" list): its
// figures per period of `periods` (null where the period has none).
struct PositionTrend {
    std::string id, name;
    std::vector<const eval::PositionFigures*> at;  // parallel to OfficePositions::periods
};
struct OfficePositions {
    std::string office_id;
    std::vector<eval::OfficeSnapshot> periods;  // ascending, with positions
    std::vector<PositionTrend> positions;       // by the latest name
};
// Positions of `office_id` over the periods of `d` (the same length filter).
OfficePositions load_office_positions(store::Db& db, const EvaluationData& d, const std::string& office_id);

// The offices directly below `office_id` between the last two periods that
// `office_id` has (most improved first, then worse).
std::vector<Comparison> compare_children(const EvaluationData& d, const std::string& office_id);
std::vector<BatchEffect> batch_effects(const EvaluationData& d, const std::string& office_id);

class App;
// "Unduh": the evaluation report of `period` for `scope`. Signed in online: the
// server's XLSX, saved through the platform; offline, or when the server gives
// no answer: a CSV of the snapshots on this device (report::evaluation_csv).
// `done` gets a string-table key saying which (or why nothing was saved).
void download_evaluation(App& a, const std::string& scope, const std::string& period,
                         std::function<void(const std::string&)> done);
// The print-friendly view (report::evaluation_print) of this device's snapshots,
// saved as an HTML page the browser opens and prints.
void print_evaluation(App& a, const std::string& scope, const std::string& period,
                      std::function<void(const std::string&)> done);

}  // namespace seimbang::app

// Workload analysis (Analisis Beban Kerja) per Permenpan RB 1/2020.
//   task time  = annual volume × norma waktu (minutes)
//   needed     = Σ task time / WKE               (decimal; rounded copy per setting)
//   EJ         = Σ task time / (holders × WKE)  = needed / holders
// EJ > 1 means the position is overloaded (understaffed). Some public code
// inverts this; we never do. EU is the same ratio over all positions of a unit,
// and units roll up along the office tree (kelurahan → kecamatan → kota).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/settings.h"
#include "model/types.h"

namespace seimbang::abk {

struct TaskInput {
    std::string task;
    std::string output_unit;
    double volume = 0;
    Period period = Period::year;
    double norm_minutes = 0;
};

struct PositionInput {
    std::string unit;      // unit (office) key: id or name, as the caller likes
    std::string position;  // position key
    int holders = 0;       // bezetting: people in the position now
    std::vector<TaskInput> tasks;
};

struct Grade {
    std::string grade;  // "A".."E"
    std::string label;  // "Sangat Baik" ..
};

struct PositionResult {
    std::string unit, position;
    double workload_minutes = 0;
    double needed = 0;       // decimal
    int needed_rounded = 0;  // by the configured rounding rule
    int holders = 0;
    int difference = 0;      // holders − needed_rounded: > 0 surplus, < 0 shortage
    std::optional<double> ej;  // empty when there are no holders (vacant position)
    std::optional<Grade> pj;
};

struct UnitResult {
    std::string unit;
    double workload_minutes = 0;
    double needed = 0;
    int needed_rounded = 0;
    int holders = 0;
    int difference = 0;
    std::optional<double> eu;
    std::optional<Grade> pu;
    int positions_short = 0;    // positions with difference < 0
    int positions_surplus = 0;  // positions with difference > 0
};

struct Result {
    std::vector<PositionResult> positions;  // input order
    std::vector<UnitResult> units;          // order of first appearance
};

double annual_factor(Period p, const Settings& s);
double task_minutes(const TaskInput& t, const Settings& s);
int round_needed(double needed, const Settings& s);
std::optional<Grade> grade_for(std::optional<double> efficiency, const Settings& s);

// What an EJ/EU means for staffing, by the settings' status bands: the word and
// colour every screen shows next to the figure (an EJ of 1,78 is graded A by the
// regulation's table, and is overloaded).
enum class LoadStatus { none, under, balanced, over };
LoadStatus load_status(std::optional<double> efficiency, const Settings& s);

// Computes positions and their units. Positions with the same (unit, position)
// key are treated as one position.
Result analyse(const std::vector<PositionInput>& input, const Settings& s);

// Totals per unit over its whole subtree: `parent_of(unit)` returns the parent
// key or "" at the root. Returns one UnitResult for every unit and every
// ancestor, each aggregating itself and everything below it, ordered by first
// appearance. Shortages and surpluses are counted per position, so a surplus in
// one kelurahan never hides a shortage in another.
std::vector<UnitResult> roll_up(const Result& r, const Settings& s,
                                const std::function<std::string(const std::string&)>& parent_of);

}  // namespace seimbang::abk

// Planner input: positions with workload, employees with competences and rank,
// and the weights of the objective (see docs/PLANNER.md).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/golongan.h"

namespace seimbang::plan {

// (tag index into Instance::tags, level 1..5), sorted by tag index, tags unique.
using Levels = std::vector<std::pair<int, int>>;

struct Position {
    std::string id;
    std::string unit;               // office (kelurahan / kecamatan section); informational
    std::string name;               // display name (jabatan); reasons fall back to the id
    const std::string& label() const { return name.empty() ? id : name; }
    double workload_minutes = 0;    // Σ task time per year (ABK)
    Levels required;                // minimum level per competence tag
    std::optional<Golongan> golongan_min, golongan_max;
};

struct Employee {
    std::string id;
    std::string name;               // optional, for reasons/UI only
    int position = -1;              // index into Instance::positions
    Golongan golongan;
    Levels competences;
    bool movable = true;            // false: tenure too short, head of unit, pinned by user
    std::vector<int> requests;      // requested destination positions (indices), sorted, unique
};

struct Weights {
    double wke_minutes = 75000;     // waktu kerja efektif per year
    double move_cost = 0.05;        // cost per move (≥ 0)
    double request_bonus = 0.5;     // reward for moving someone where they asked to go
    double fit_bonus = 0.0;         // reward per competence level of fit gained
    std::optional<int> max_moves;   // cap on the number of moves; none = unlimited
};

struct Instance {
    Weights weights;
    std::vector<std::string> tags;  // competence tag names, index = tag id
    std::vector<Position> positions;
    std::vector<Employee> employees;

    // Staff needed for position p (decimal, never rounded here).
    double needed(int p) const { return positions[static_cast<size_t>(p)].workload_minutes / weights.wke_minutes; }
    // Tag id for a name, adding it when new (for building instances in code).
    int tag(const std::string& name);
};

// Sorts by tag and merges duplicates keeping the highest level (used by builders).
void normalise(Levels& levels);

}  // namespace seimbang::plan

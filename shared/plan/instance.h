// Planner input: positions with workload, employees with competences and rank,
// and the weights of the objective (see docs/PLANNER.md).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/golongan.h"

namespace seimbang::plan {

// (tag index into Instance::tags, level 1..5), sorted by tag index, tags unique.
using Levels = std::vector<std::pair<int, int>>;

// Which positions may exchange staff by a rebalancing transfer (docs/PLANNER.md,
// "Transfers, not promotions"): pelaksana with pelaksana, a jabatan fungsional
// only with the same jabatan fungsional, managerial (struktural) posts only at
// the same level and only when Weights::allow_managerial_moves is set. Any other
// move (a pelaksana into Kepala Seksi) is a promotion with its own procedure.
enum class PostKind { pelaksana, fungsional, managerial };

struct Position {
    std::string id;
    std::string unit;               // office (kelurahan / kecamatan section); informational
    std::string name;               // display name (jabatan); reasons fall back to the id
    const std::string& label() const { return name.empty() ? id : name; }
    double workload_minutes = 0;    // Σ task time per year (ABK)
    Levels required;                // minimum level per competence tag
    std::optional<Golongan> golongan_min, golongan_max;
    PostKind kind = PostKind::pelaksana;
    std::string family;             // fungsional: the jabatan fungsional; managerial: the level (eselon)
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
    bool allow_managerial_moves = false;  // managerial posts exchange staff (same level) only when set
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

// "pelaksana" | "fungsional" | "managerial"; the record kinds "jpt", "administrator"
// and "pengawas" read as managerial. False for anything else.
bool parse_post_kind(std::string_view text, PostKind& out);
std::string_view to_string(PostKind kind);

// Sorts by tag and merges duplicates keeping the highest level (used by builders).
void normalise(Levels& levels);

}  // namespace seimbang::plan

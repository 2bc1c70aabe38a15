// Rule parameters that differ between regulations or are uncertain (domain.md):
// all are settings with Permenpan RB 1/2020 defaults, never constants in code.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/result.h"

namespace seimbang {

enum class RoundingRule { half_up, ceil };

// PJ/PU grade: the first row whose lower bound the efficiency reaches wins.
struct GradeBand {
    double min_efficiency;  // inclusive lower bound, except the top band (see strictly_above)
    bool strictly_above;    // true: efficiency must be > min (band A "> 1.00")
    std::string grade;      // "A"
    std::string label;      // "Sangat Baik"
};

struct Settings {
    double wke_minutes = 75000;  // 1,250 h/year (Permenpan RB 1/2020)
    // Annualisation factors for volumes entered per period.
    double per_year = 1, per_month = 12, per_week = 50, per_day = 250;
    RoundingRule rounding = RoundingRule::half_up;
    std::vector<GradeBand> grades = {
        {1.00, true, "A", "Sangat Baik"}, {0.90, false, "B", "Baik"}, {0.70, false, "C", "Cukup"},
        {0.50, false, "D", "Sedang"},     {0.00, false, "E", "Kurang"}};
    // Status word and colour of an EJ/EU on every screen ("Beban kurang" below
    // balanced_min, "Seimbang" up to balanced_max, "Beban berlebih" above it). The
    // PJ letter is the regulation's grade; this is what it means for staffing.
    // Default: the 0,90–1,10 band the evaluation counts as balanced (domain.md).
    double balanced_min = 0.90, balanced_max = 1.10;
    int min_tenure_months = 24;  // 2 years in a placement before a move (PP 11/2017)
    int max_tenure_months = 60;  // 5 years: candidates for rotation
};

nlohmann::json to_json(const Settings& s);
// Reads settings; unknown keys are ignored, missing keys keep defaults; invalid
// values (WKE <= 0, unordered grade bands, ...) are reported and leave `out` unchanged.
Check settings_from_json(const nlohmann::json& j, Settings& out);

}  // namespace seimbang

// The Pengaturan screen's state: the rule settings in force on this device (as
// handed down by the server, docs/SETTINGS.md) and, for BKPSDM, the form that
// changes them. Numbers are kept as typed ("75.000", "0,90") and read with the
// UI's one number parser when saved.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/result.h"

namespace seimbang::app {

struct SettingsForm {
    bool loaded = false;
    nlohmann::json doc;            // settings::current of the local copy
    long long version = 0;         // the server's settings version this copy holds (0: defaults)
    std::string changed_by;        // who changed them last
    long long changed_unix = 0;
    // [rules] as typed
    std::string wke, per_month, per_week, per_day, balanced_min, balanced_max, min_tenure, max_tenure;
    std::vector<std::string> grade_min;  // lower bound of each PJ band, top first
    int rounding = 0;                    // 0 half_up, 1 ceil
    int period = 0;                      // 0 semester, 1 quarter
    // [workflow]
    std::string max_document_mb;
    // [survey]
    std::string min_group, late_days;
    // Saving
    std::string saving_group;      // a PUT is on its way for this group
    std::string failed_group;      // the group `check` belongs to
    Check check;                   // why the last save was refused (field codes)
    std::string error;             // string-table key of a refusal that is not a field's
};

}  // namespace seimbang::app

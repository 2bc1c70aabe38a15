// Evaluation periods: a semester ("2026-S2", July–December) or a quarter
// ("2026-Q4", October–December), the length being a setting
// (Settings::evaluation_period, default semester). Ids sort as text within one
// length. Pure functions, no I/O.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "model/date.h"

namespace seimbang::eval {

enum class PeriodLength { semester, quarter };

struct PeriodId {
    int year = 0;
    PeriodLength length = PeriodLength::semester;
    int index = 1;  // 1..2 (semester) or 1..4 (quarter)
    auto operator<=>(const PeriodId&) const = default;
};

std::optional<PeriodLength> parse_period_length(std::string_view s);  // "semester" | "quarter"
std::string_view to_string(PeriodLength l);

// "2026-S2" / "2026-Q4"; nullopt for anything else (year 2000..2200).
std::optional<PeriodId> parse_period(std::string_view s);
std::string to_string(const PeriodId& p);

PeriodId period_of(const Date& d, PeriodLength length);
PeriodId previous(const PeriodId& p);
PeriodId next(const PeriodId& p);
Date first_day(const PeriodId& p);
Date last_day(const PeriodId& p);
// Whether the period is over on `today` (its last day is before today).
bool has_ended(const PeriodId& p, const Date& today);

}  // namespace seimbang::eval

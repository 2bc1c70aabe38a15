#include "app/figures.h"

#include <cmath>

#include "i18n/format.h"

namespace seimbang::app {

namespace {
const std::string kDot = " \xC2\xB7 ";  // " · "

std::string persons(double v, bool unit = true) {
    std::string s = i18n::format_decimal(v, 1);
    if (unit) s += " " + std::string(i18n::tr("ui.fig.persons"));
    return s;
}
}  // namespace

abk::LoadStatus position_status(const abk::PositionResult& r, const Settings& s) {
    if (!r.ej && r.needed > 0) return abk::LoadStatus::over;
    return abk::load_status(r.ej, s);
}

const char* status_key(abk::LoadStatus s) {
    switch (s) {
        case abk::LoadStatus::over: return "ui.load.over";
        case abk::LoadStatus::balanced: return "ui.load.ok";
        case abk::LoadStatus::under: return "ui.load.under";
        case abk::LoadStatus::none: break;
    }
    return "ui.load.none";
}

std::string gap_text(double needed, int holders, bool unit) {
    const double gap = needed - holders;
    if (std::fabs(gap) < 0.05) return std::string(i18n::tr("ui.fig.as_needed"));
    return std::string(i18n::tr(gap > 0 ? "ui.fig.short" : "ui.fig.surplus")) + " " + persons(std::fabs(gap), unit);
}

std::string grade_text(const std::optional<abk::Grade>& grade, std::optional<double> efficiency, double needed,
                       int holders, bool unit) {
    if (needed <= 0 && holders == 0) return "-";
    std::string head = grade && efficiency
                           ? grade->grade + " (" + i18n::format_decimal(*efficiency, 2) + ")"
                           : std::string(i18n::tr("ui.units.vacant"));
    return head + kDot + gap_text(needed, holders, unit);
}

std::string pj_text(const abk::PositionResult& r, bool unit) { return grade_text(r.pj, r.ej, r.needed, r.holders, unit); }

std::string pu_text(const OfficeLoad& l, bool unit) { return grade_text(l.pu, l.eu, l.needed, l.holders, unit); }

std::string short_surplus_text(const OfficeLoad& l) {
    return std::string(i18n::tr("ui.fig.short")) + " " + persons(l.short_persons) + kDot +
           std::string(i18n::tr("ui.fig.surplus")) + " " + persons(l.surplus_persons);
}

}  // namespace seimbang::app

// How workload figures read on every screen (Beranda, ABK, Unit & Jabatan), in
// one place so they read the same everywhere: the regulation's PJ/PU letter with
// its EJ/EU and the gap in persons ("A (1,78) · kurang 1,6 orang"), and a status
// word from the settings' bands ("Beban berlebih") so an overloaded post graded
// "A — Sangat Baik" is never presented as good news. Text only; colours are the
// UI's (ui/widgets.h status_color).
#pragma once
#include <optional>
#include <string>

#include "abk/abk.h"
#include "app/app.h"

namespace seimbang::app {

// Status of a position: by its EJ, and "over" for a vacant post that has work
// (no EJ, but a whole shortage).
abk::LoadStatus position_status(const abk::PositionResult& r, const Settings& s);
// String-table key of the status word: "ui.load.over" / ".ok" / ".under" / ".none".
const char* status_key(abk::LoadStatus s);
// The gap between need and staff in persons, one decimal: "kurang 1,6 orang",
// "lebih 0,4 orang", or "sesuai kebutuhan" when it rounds to 0,0.
// `unit` false drops " orang" (a table column whose header says "(orang)").
std::string gap_text(double needed, int holders, bool unit = true);
// "A (1,78) · kurang 1,6 orang"; a vacant post: "Lowong · kurang 1,0 orang";
// no tasks recorded: "-".
std::string grade_text(const std::optional<abk::Grade>& grade, std::optional<double> efficiency, double needed,
                       int holders, bool unit = true);
std::string pj_text(const abk::PositionResult& r, bool unit = true);
std::string pu_text(const OfficeLoad& l, bool unit = true);
// "kurang 12,3 orang · lebih 19,0 orang": shortage and surplus of a total side by side.
std::string short_surplus_text(const OfficeLoad& l);

}  // namespace seimbang::app

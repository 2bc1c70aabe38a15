#include "abk/csv_export.h"

#include <sstream>

#include "util/csv.h"

namespace seimbang::abk {

namespace {
std::string quote(const std::string& s) { return csv::field(s); }
}  // namespace

std::string to_csv(const std::vector<PositionInput>& positions) {
    std::ostringstream out;
    out.precision(15);
    out << "unit,position,task,output_unit,volume,period,norm_minutes,holders\n";
    for (const auto& p : positions)
        for (const auto& t : p.tasks)
            out << quote(p.unit) << ',' << quote(p.position) << ',' << quote(t.task) << ',' << quote(t.output_unit)
                << ',' << t.volume << ',' << to_string(t.period) << ',' << t.norm_minutes << ',' << p.holders << '\n';
    return out.str();
}

}  // namespace seimbang::abk

#include "abk/csv_export.h"

#include <sstream>

#include "util/csv.h"

namespace seimbang::abk {

std::string to_csv(const std::vector<PositionInput>& positions) {
    std::ostringstream out;
    out.precision(15);
    out << "unit,position,task,output_unit,volume,period,norm_minutes,holders\n";
    for (const auto& p : positions)
        for (const auto& t : p.tasks)
            out << csv::field(p.unit) << ',' << csv::field(p.position) << ',' << csv::field(t.task) << ',' << csv::field(t.output_unit)
                << ',' << t.volume << ',' << to_string(t.period) << ',' << t.norm_minutes << ',' << p.holders << '\n';
    return out.str();
}

}  // namespace seimbang::abk

#include "plan/metrics.h"

#include <algorithm>
#include <cmath>

namespace seimbang::plan {

double ej(double needed, int holders) { return holders > 0 ? needed / holders : -1.0; }

Metrics compute_metrics(const Instance& inst, const std::vector<int>& holders) {
    Metrics m;
    std::vector<double> ejs;
    int balanced = 0;
    for (size_t p = 0; p < inst.positions.size(); ++p) {
        const double n = inst.needed(static_cast<int>(p));
        const int h = holders[p];
        m.sum_sq += (h - n) * (h - n);
        // A position with neither staff nor workload has no efficiency to speak of.
        if (h == 0 && n <= 0) continue;
        ++m.positions;
        if (h == 0) {
            ++m.vacant_with_workload;
            ++m.overloaded;
            continue;
        }
        const double e = n / h;
        ejs.push_back(e);
        if (e >= 0.9 - 1e-12 && e <= 1.1 + 1e-12) ++balanced;
        if (e > 1.2 + 1e-12) ++m.overloaded;
    }
    if (!ejs.empty()) {
        double mean = 0;
        for (double e : ejs) mean += e;
        mean /= static_cast<double>(ejs.size());
        double var = 0;
        for (double e : ejs) var += (e - mean) * (e - mean);
        var /= static_cast<double>(ejs.size());
        m.ej_cv = mean > 0 ? std::sqrt(var) / mean : 0;
        m.ej_max = *std::max_element(ejs.begin(), ejs.end());
        m.ej_min = *std::min_element(ejs.begin(), ejs.end());
    }
    m.share_balanced = m.positions > 0 ? static_cast<double>(balanced) / m.positions : 0;
    return m;
}

}  // namespace seimbang::plan

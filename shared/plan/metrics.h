// Balance metrics of a staffing (holders per position) against ABK needs.
// EJ (efisiensi jabatan) = needed / holders: > 1 overloaded, < 1 spare capacity.
#pragma once
#include <vector>

#include "plan/instance.h"

namespace seimbang::plan {

struct Metrics {
    double sum_sq = 0;          // Σ_p (h_p − n_p)²
    double ej_cv = 0;           // coefficient of variation of EJ (population σ / mean)
    double ej_max = 0, ej_min = 0;
    double share_balanced = 0;  // share of positions with EJ in [0.9, 1.1]
    int overloaded = 0;         // positions with EJ > 1.2 (vacant positions with workload included)
    int vacant_with_workload = 0;  // h = 0 and n > 0: EJ unbounded, left out of cv/max/min
    int positions = 0;          // positions counted (h > 0 or n > 0)
};

// EJ of one position; nullopt-like convention: returns -1 when h = 0.
double ej(double needed, int holders);

Metrics compute_metrics(const Instance& inst, const std::vector<int>& holders);

}  // namespace seimbang::plan

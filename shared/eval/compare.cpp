#include "eval/compare.h"

namespace seimbang::eval {

Change compare(const OfficeSnapshot& before, const OfficeSnapshot& after) {
    constexpr double kCv = 0.01, kSumSq = 0.5;
    const double dcv = after.balance.ej_cv - before.balance.ej_cv;
    const double dsq = after.balance.sum_sq - before.balance.sum_sq;
    if (dcv < -kCv) return Change::better;
    if (dcv > kCv) return Change::worse;
    if (dsq < -kSumSq) return Change::better;
    if (dsq > kSumSq) return Change::worse;
    return Change::same;
}

std::string_view change_key(Change c) {
    switch (c) {
        case Change::better: return "ui.eval.better";
        case Change::worse: return "ui.eval.worse";
        case Change::same: return "ui.eval.same";
        default: return "ui.eval.no_data";
    }
}

}  // namespace seimbang::eval

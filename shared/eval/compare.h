// Did an office's balance improve between two snapshots? One rule for every
// view (Evaluasi screen, evaluation report; docs/EVALUATION.md): better when
// the spread of EJ (CV) fell by more than 0.01, or held within 0.01 while the
// sum of squared gaps Σ(h−n)² fell by more than 0.5; worse in the mirror case;
// otherwise unchanged.
#pragma once
#include <string_view>

#include "eval/snapshot.h"

namespace seimbang::eval {

enum class Change { better, worse, same, unknown };

Change compare(const OfficeSnapshot& before, const OfficeSnapshot& after);
// String-table key of the verdict ("eval.change.better", ...).
std::string_view change_key(Change c);

}  // namespace seimbang::eval

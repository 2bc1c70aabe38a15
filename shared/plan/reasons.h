// Human reasons for proposed moves: origin EJ before → after, destination EJ
// before → after, competence fit, request honoured. Text from the string table.
#pragma once
#include <string>

#include "i18n/strings.h"
#include "plan/planner.h"

namespace seimbang::plan {

struct ReasonFigures {
    double origin_ej_before = -1, origin_ej_after = -1;            // -1: vacant (no holder)
    double destination_ej_before = -1, destination_ej_after = -1;
};

ReasonFigures reason_figures(const Instance& inst, const Plan& plan, const Move& move);

// e.g. "asal P1: EJ 1,30 → 1,05; tujuan P7: EJ 0,60 → 0,80; kompetensi +1; sesuai permohonan"
std::string reason(const Instance& inst, const Plan& plan, const Move& move, i18n::Lang lang);

// Why a vacancy stays unfilled, e.g. "jabatan struktural diisi melalui promosi, ...".
std::string unfilled_reason(const Unfilled& u, i18n::Lang lang);
std::string_view to_string(UnfilledCause cause);

}  // namespace seimbang::plan

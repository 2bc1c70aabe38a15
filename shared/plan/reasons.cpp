#include "plan/reasons.h"

#include <cstdio>

#include "i18n/format.h"
#include "plan/metrics.h"

namespace seimbang::plan {

namespace {

// Two decimals, with the decimal comma in Bahasa Indonesia.
std::string number(double v, i18n::Lang lang) {
    if (v < 0) return std::string(i18n::tr("plan.reason.vacant", lang));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    if (lang == i18n::Lang::id)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}

std::string ej_change(std::string_view key, const std::string& position, double before, double after,
                      i18n::Lang lang) {
    return i18n::fill(i18n::tr(key, lang),
                      {{"position", position}, {"before", number(before, lang)}, {"after", number(after, lang)}});
}

}  // namespace

ReasonFigures reason_figures(const Instance& inst, const Plan& plan, const Move& m) {
    const auto from = static_cast<size_t>(m.from), to = static_cast<size_t>(m.to);
    ReasonFigures f;
    f.origin_ej_before = ej(inst.needed(m.from), plan.holders_before[from]);
    f.origin_ej_after = ej(inst.needed(m.from), plan.holders_after[from]);
    f.destination_ej_before = ej(inst.needed(m.to), plan.holders_before[to]);
    f.destination_ej_after = ej(inst.needed(m.to), plan.holders_after[to]);
    return f;
}

std::string reason(const Instance& inst, const Plan& plan, const Move& m, i18n::Lang lang) {
    const ReasonFigures f = reason_figures(inst, plan, m);
    const auto& from = inst.positions[static_cast<size_t>(m.from)];
    const auto& to = inst.positions[static_cast<size_t>(m.to)];
    std::string text = ej_change("plan.reason.origin", from.label(), f.origin_ej_before, f.origin_ej_after, lang);
    text += "; " + ej_change("plan.reason.destination", to.label(), f.destination_ej_before, f.destination_ej_after, lang);
    text += "; ";
    if (m.fit_gain == 0) {
        text += i18n::tr("plan.reason.fit_same", lang);
    } else {
        const std::string gain = (m.fit_gain > 0 ? "+" : "") + std::to_string(m.fit_gain);
        text += i18n::fill(i18n::tr("plan.reason.fit_gain", lang), {{"gain", gain}});
    }
    if (m.requested) text += "; " + std::string(i18n::tr("plan.reason.requested", lang));
    return text;
}

std::string_view to_string(UnfilledCause cause) {
    switch (cause) {
        case UnfilledCause::managerial_off: return "managerial_off";
        case UnfilledCause::no_same_kind: return "no_same_kind";
        case UnfilledCause::none_eligible: return "none_eligible";
        case UnfilledCause::balance: return "balance";
    }
    return "balance";
}

std::string unfilled_reason(const Unfilled& u, i18n::Lang lang) {
    return std::string(i18n::tr("plan.unfilled." + std::string(to_string(u.cause)), lang));
}

}  // namespace seimbang::plan

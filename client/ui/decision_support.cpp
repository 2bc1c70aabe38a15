// The decision-support panel of a transfer request (workflow::decision_support):
// EJ/EU of both offices before → after, the applicant's fit for each wish,
// tenure, other open requests. Drawn by Usulan Mutasi beside the action buttons
// and by the Pelatihan case screen on the sandbox's request, so a trainee reads
// the same panel as in real work.
#include "imgui.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

namespace {
constexpr const char* kArrow = " \xE2\x86\x92 ";
constexpr const char* kDot = " \xC2\xB7 ";

std::string figure(const std::optional<double>& v) { return v ? i18n::format_decimal(*v, 2) : std::string("-"); }

void bold_words(const std::string& text) {
    ImGui::PushFont(fonts().bold);
    text_words(text);
    ImGui::PopFont();
}

void support_line(const char* key, const SupportNames& names, const workflow::WorkloadChange& w) {
    const std::string office = w.office_id.empty() ? std::string() : names.office(w.office_id);
    bold_words(std::string(T(key)) + ": " + (office.empty() ? std::string("-") : office));
    text_words(std::string("EJ ") + figure(w.ej_before) + kArrow + figure(w.ej_after) + "    EU " + figure(w.eu_before) +
               kArrow + figure(w.eu_after));
}
}  // namespace

void draw_decision_support(const char* id, const workflow::DecisionSupport& s, const SupportNames& names) {
    begin_panel(id);
    subheading(T("ui.request.support"));
    support_line("ui.request.support_origin", names, s.origin);
    support_line("ui.request.support_destination", names, s.destination);
    help_line(T("ui.request.support_help"));
    bold_words(T("ui.request.fit"));
    for (size_t i = 0; i < s.wishes.size(); ++i) {
        const auto& w = s.wishes[i];
        const char* mark = !w.known ? "?" : w.eligible ? "\xE2\x9C\x93" : "\xE2\x9C\x97";
        text_colored(!w.known ? color::muted : w.eligible ? color::ok : color::bad, mark);
        ImGui::SameLine();
        text_words(std::to_string(i + 1) + ". " + (w.name.empty() ? names.position(w.position_id) : w.name) + kDot +
                   T(!w.known ? "ui.request.fit_unknown" : w.eligible ? "ui.request.fit_ok" : "ui.request.fit_no"));
    }
    std::string tenure = std::string(T("ui.request.tenure")) + ": " +
                         (s.tenure_months ? i18n::format_int(*s.tenure_months) + " " + T("ui.request.months")
                                          : std::string("-"));
    text_words(tenure);
    std::string others = std::string(T("ui.request.other_open")) + ": ";
    if (s.other_open.empty()) others += T("ui.request.none_short");
    for (size_t i = 0; i < s.other_open.size() && i < 5; ++i) others += (i ? ", " : "") + s.other_open[i];
    if (s.other_open.size() > 5) others += " +" + std::to_string(s.other_open.size() - 5);
    text_words(others);
    end_panel();
}

}  // namespace seimbang::ui

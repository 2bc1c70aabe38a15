// The shared pieces of a transfer request's detail (request_view.h): drawn by
// Usulan Mutasi on the device's data and by the Pelatihan case screen on the
// sandbox's, so the trainee reads and decides on the same screen as in real work.
#include "ui/request_view.h"

#include <cstdio>
#include <ctime>

#include "i18n/format.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

namespace {
using workflow::Command;
using workflow::Status;

constexpr const char* kArrow = " \xE2\x86\x92 ";
constexpr const char* kDot = " \xC2\xB7 ";

std::string figure(const std::optional<double>& v) { return v ? i18n::format_decimal(*v, 2) : std::string("-"); }

ImU32 status_fg(Status s) {
    switch (s) {
        case Status::ditetapkan:
        case Status::selesai: return color::ok;
        case Status::ditolak:
        case Status::dibatalkan: return color::muted;
        case Status::dikembalikan: return color::warn;
        default: return color::accent;
    }
}
ImU32 status_bg(Status s) {
    switch (s) {
        case Status::ditetapkan:
        case Status::selesai: return color::ok_bg;
        case Status::ditolak:
        case Status::dibatalkan: return color::rgb(0xEEF2F6);
        case Status::dikembalikan: return color::warn_bg;
        default: return color::info_bg;
    }
}

std::string time_text(int64_t ms) {
    if (ms <= 0) return "-";
    const time_t t = static_cast<time_t>(ms / 1000 + 7 * 3600);  // Medan (WIB)
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::snprintf(buf, sizeof buf, " %02d:%02d", tm.tm_hour, tm.tm_min);
    return i18n::format_date(Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}) + buf;
}

void support_line(const char* key, const SupportNames& names, const workflow::WorkloadChange& w) {
    const std::string office = w.office_id.empty() ? std::string() : names.office(w.office_id);
    bold_words(std::string(T(key)) + ": " + (office.empty() ? std::string("-") : office));
    text_words(std::string("EJ ") + figure(w.ej_before) + kArrow + figure(w.ej_after) + "    EU " + figure(w.eu_before) +
               kArrow + figure(w.eu_after));
}

}  // namespace

std::string request_status_text(Status s) { return T("workflow.status." + std::string(workflow::to_string(s))); }

void draw_request_status_badge(Status s) { badge(request_status_text(s).c_str(), status_fg(s), status_bg(s)); }

void draw_request_return_note(const std::vector<workflow::Event>& timeline) {
    for (auto it = timeline.rbegin(); it != timeline.rend(); ++it) {
        if (it->command != workflow::to_string(Command::return_)) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, color::warn);
        text_words(std::string(T("ui.request.returned_because")) + ": \xE2\x80\x9C" + it->note + "\xE2\x80\x9D (" +
                   it->actor + ")");
        ImGui::PopStyleColor();
        return;
    }
}
std::string request_waiting_text(const workflow::Request& r, int64_t waited_ms) {
    if (workflow::is_final(r.status)) return "-";
    const long long days = waited_ms / (24LL * 3600 * 1000);
    if (days < 1) return T("ui.request.less_than_day");
    return i18n::format_int(days) + " " + T("ui.request.days");
}

void draw_request_summary(const RequestSummary& s) {
    const workflow::Request& r = s.r;
    heading(r.number.c_str());
    bold_words(s.applicant);
    draw_request_status_badge(r.status);
    ImGui::SameLine();
    muted_words(std::string(T("ui.request.waiting")) + ": " + s.waiting);
    if (r.status == Status::dikembalikan) draw_request_return_note(s.timeline);
    if (!r.sk_number.empty())
        text_words(std::string(T("ui.request.sk")) + ": " + r.sk_number + kDot + "TMT " + i18n::format_iso_date_text(r.tmt));
    text_words(std::string(T("workflow.kind." + std::string(workflow::to_string(r.kind)))) + kDot +
               T("workflow.reason." + std::string(workflow::to_string(r.reason))));
    text_words(s.origin + kArrow + s.destination);
    if (!r.explanation.empty()) text_words("\xE2\x80\x9C" + r.explanation + "\xE2\x80\x9D");
    bold_words(T("ui.request.wishes"));
    for (size_t i = 0; i < r.to_positions.size(); ++i) text_words(std::to_string(i + 1) + ". " + s.position(r.to_positions[i]));
    ImGui::Dummy(ImVec2(0, 6));
}

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

void draw_step_note(std::string& note) {
    bold_words(T("ui.request.note"));
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##req-note", T("ui.request.note_hint"), &note);
}

std::optional<Command> draw_step_buttons(const std::vector<Command>& steps, bool decide_busy) {
    std::optional<Command> pressed;
    const bool narrow = compact_layout();
    bool first = true;
    for (Command c : steps) {
        if (!first && !narrow) ImGui::SameLine();
        first = false;
        const std::string code(workflow::to_string(c));
        const std::string lbl = L("workflow.command." + code, "req-do-" + code);
        const ImVec2 size(narrow ? -1 : 0, 34);
        const bool forward = c == Command::submit || c == Command::approve || c == Command::verify || c == Command::decide;
        const bool busy = c == Command::decide && decide_busy;
        if (busy) ImGui::BeginDisabled();
        if (forward ? primary_button(lbl, size) : ImGui::Button(lbl.c_str(), size)) pressed = c;
        if (busy) ImGui::EndDisabled();
    }
    help_line(T("ui.request.note_help"));
    return pressed;
}

void draw_request_checklist(const std::vector<std::string>& missing, const std::vector<std::string>& missing_evidence,
                            const std::vector<workflow::Document>& documents) {
    subheading(T("ui.request.checklist"));
    if (missing.empty()) text_colored(color::ok, T("ui.request.checklist_complete"));
    for (const auto& m : missing) {
        text_colored(color::bad, "\xE2\x9C\x97");
        ImGui::SameLine();
        text_words(std::string(T("document.type." + m)) + kDot + T("ui.request.missing"));
    }
    for (const auto& m : missing_evidence) {
        text_colored(color::warn, "!");
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, color::warn);
        text_words(std::string(T("document.type." + m)) + kDot + T("ui.request.missing_evidence"));
        ImGui::PopStyleColor();
    }
    for (const auto& d : documents) {
        text_colored(color::ok, "\xE2\x9C\x93");
        ImGui::SameLine();
        const std::string type = i18n::has("document.type." + d.doc_type, i18n::current()) ? T("document.type." + d.doc_type)
                                                                                         : d.doc_type;
        text_words(type + kDot + d.file_name + " (" + i18n::format_int(d.size / 1024 + 1) + " kB)");
    }
}

void draw_request_timeline(const std::vector<workflow::Event>& timeline) {
    subheading(T("ui.request.timeline"));
    for (const auto& e : timeline) {
        const auto to = workflow::parse_status(e.to_status);
        bold_words(std::string(T("workflow.command." + e.command)) + (to ? kArrow + request_status_text(*to) : std::string()));
        const std::string role_key = "ui.role." + (e.actor_role == "kepala_unit" ? std::string("lurah") : e.actor_role);
        const std::string role = i18n::has(role_key, i18n::current()) ? T(role_key) : e.actor_role;
        muted_words(time_text(e.at_ms) + kDot + e.actor + " (" + role + ")");
        if (!e.note.empty()) text_words("\xE2\x80\x9C" + e.note + "\xE2\x80\x9D");
        ImGui::Dummy(ImVec2(0, 4));
    }
    if (timeline.empty()) muted_words(T("ui.request.no_events"));
}

}  // namespace seimbang::ui

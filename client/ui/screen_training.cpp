// Pelatihan Pimpinan (docs/TRAINING.md): lessons with the app's own widgets on
// sandbox data and questions at the end; practice cases decided on the sandbox
// with feedback per decision; for camat/BKPSDM the completion per leader with
// a CSV export. Every screen that shows sandbox data carries the "LATIHAN"
// banner. Phone layout first: one column, full-width buttons when compact.
#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/figures.h"
#include "i18n/format.h"
#include "plan/reasons.h"
#include "rekomendasi_parts.h"
#include "screens.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "workflow/decision.h"
#include "demo/seed.h"
#include "theme.h"
#include "ui/locator.h"
#include "ui/request_view.h"
#include "workflow/workflow.h"
#include "widgets.h"

namespace seimbang::ui {

namespace {

using nlohmann::json;
using app::TrainingView;

float button_w(float wide) { return compact_layout() ? -1.0f : wide; }

// The practice banner: on every screen that shows sandbox data.
void banner() {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    // Padding 14 left and right, and room for the window's scroll bar.
    const std::string text = wrap_words(T("ui.training.banner"), w - 44);
    const float h = ImGui::CalcTextSize(text.c_str()).y + 16;
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + h), color::warn_bg, 6);
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 5, p.y + h), color::warn, 2);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 14, p.y + 8));
    ImGui::PushStyleColor(ImGuiCol_Text, color::warn);
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + 6));
    locator::note_last_item("training-banner");
    ImGui::Dummy(ImVec2(0, 0));
}

std::string fraction(int a, int b) { return std::to_string(a) + "/" + std::to_string(b); }

std::string ej_text(const std::optional<double>& e) { return e ? i18n::format_decimal(*e, 2) : std::string("-"); }

// Rekomendasi's plan over the sandbox (the same worker, the same reasons and
// figures table): the moves, then the figures before and after.
void show_plan(app::App& a, const training::Show& s) {
    a.request_lesson_plan(s.office);
    const auto& lp = a.training.lesson_plan;
    begin_panel("training-show-plan");
    banner();
    ImGui::PushStyleColor(ImGuiCol_Text, color::muted);
    text_words(std::string(T("ui.training.shown_on")) + ": " + T(s.screen) + " \xC2\xB7 " + s.office);
    ImGui::PopStyleColor();
    if (lp.solving) {
        muted(T("rekom.progress.solving"));
    } else if (!lp.answer || lp.answer->issue) {
        text_colored(color::bad, T("rekom.error.worker"));
    } else {
        const plan::Instance& inst = lp.answer->instance;
        const plan::Plan& p = lp.answer->plan;
        // A lesson reads a few lines; the rest is on the real screen.
        constexpr size_t kShown = 5;
        subheading((std::string(T("rekom.status.moves")) + ": " + std::to_string(p.moves.size())).c_str());
        ImGui::BeginGroup();  // (one rectangle for the locator)
        for (size_t i = 0; i < std::min(kShown, p.moves.size()); ++i) {
            const plan::Move& m = p.moves[i];
            const auto& e = inst.employees[static_cast<size_t>(m.employee)];
            ImGui::PushFont(fonts().bold);
            text_words(e.name.empty() ? e.id : e.name);
            ImGui::PopFont();
            // (instance labels already name the office: "Pengadministrasi Umum (Kelurahan Terjun)")
            text_words(inst.positions[static_cast<size_t>(m.from)].label() + " \xE2\x86\x92 " +
                       inst.positions[static_cast<size_t>(m.to)].label());
            rekom::colored_wrapped(color::muted, plan::reason(inst, p, m, i18n::current()).c_str());
            ImGui::Dummy(ImVec2(0, 4));
        }
        if (p.moves.size() > kShown)
            muted(i18n::fill(T("ui.training.plan_more"), {{"n", std::to_string(p.moves.size() - kShown)}}).c_str());
        ImGui::EndGroup();
        locator::note_last_item("training-plan-moves");
        rekom::figures_table("##training-plan-figures", p.before, p.after);
        locator::note_last_item("training-plan-figures");
    }
    end_panel();
}

// The ABK widgets a lesson shows, over the sandbox's copy of the demo.
void show_widget(app::App& a, const training::Show& s) {
    if (s.widget == "plan") return show_plan(a, s);
    if (!a.training.sandbox) a.training.sandbox = std::make_unique<training::Sandbox>();
    training::Sandbox& sb = *a.training.sandbox;
    store::Db& db = sb.db();
    const std::string office = sb.office_id(s.office);
    std::vector<abk::PositionInput> own;
    for (auto& p : store::abk_inputs(db, office, demo::kDemoYear))
        if (p.unit == office) own.push_back(std::move(p));
    const Settings settings = store::load_settings(db);
    const abk::Result r = abk::analyse(own, settings);
    begin_panel(("training-show-" + s.widget).c_str());
    banner();
    ImGui::PushStyleColor(ImGuiCol_Text, color::muted);
    text_words(std::string(T("ui.training.shown_on")) + ": " + T(s.screen) + " \xC2\xB7 " + s.office);
    ImGui::PopStyleColor();
    auto name_of = [&](const std::string& id) {
        auto p = store::get_position(db, id);
        return p ? p->name : id;
    };
    if (s.widget == "abk_position") {
        const auto pos = sb.position(s.office, s.position);
        for (const auto& p : r.positions) {
            if (!pos || p.position != pos->id) continue;
            subheading(pos->name.c_str());
            const auto st = abk::load_status(p.ej, settings);
            ImGui::TextUnformatted((std::string(T("ui.training.col.holders")) + ": " + std::to_string(p.holders) + "   " +
                                    T("ui.training.col.needed") + ": " + i18n::format_decimal(p.needed, 2) + "   EJ " +
                                    ej_text(p.ej))
                                       .c_str());
            efficiency_bar(p.ej, status_color(st), compact_layout() ? ImGui::GetContentRegionAvail().x : 320);
            status_badge(st);
        }
    } else if (compact_layout()) {
        // A phone: one block per position (a four-column table leaves the names no room).
        for (const auto& p : r.positions) {
            const auto st = abk::load_status(p.ej, settings);
            ImGui::PushFont(fonts().bold);
            text_words(name_of(p.position));
            ImGui::PopFont();
            muted((std::string(T("ui.training.col.holders")) + " " + std::to_string(p.holders) + " \xC2\xB7 " +
                   T("ui.training.col.needed") + " " + i18n::format_decimal(p.needed, 2)).c_str());
            text_colored(status_color(st), ("EJ " + ej_text(p.ej)).c_str());
            ImGui::SameLine();
            efficiency_bar(p.ej, status_color(st), ImGui::GetContentRegionAvail().x - 8);
            ImGui::Dummy(ImVec2(0, 4));
        }
    } else if (ImGui::BeginTable("##training-abk", 4, kDataTableFlags)) {
        ImGui::TableSetupColumn(T("ui.training.col.position"), ImGuiTableColumnFlags_WidthStretch);
        fit_column(T("ui.training.col.holders"), text_width("00"));
        fit_column(T("ui.training.col.needed"), text_width("00,00"));
        fit_column("EJ", text_width("0,00") + 70);
        headers_row();
        for (const auto& p : r.positions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(name_of(p.position));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::to_string(p.holders).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(i18n::format_decimal(p.needed, 2).c_str());
            ImGui::TableNextColumn();
            const auto st = abk::load_status(p.ej, settings);
            text_colored(status_color(st), ej_text(p.ej).c_str());
            ImGui::SameLine();
            efficiency_bar(p.ej, status_color(st), 60);
        }
        ImGui::EndTable();
    }
    end_panel();
}

void draw_list(app::App& a) {
    TrainingView& t = a.training;
    muted(T("ui.training.intro"));
    ImGui::Dummy(ImVec2(0, 4));
    const char* tabs[] = {"ui.training.lessons", "ui.training.cases", "ui.training.results"};
    const char* ids[] = {"training-tab-lessons", "training-tab-cases", "training-tab-results"};
    const int n = a.can_read_training_results() ? 3 : 2;
    for (int i = 0; i < n; ++i) {
        if (i > 0) ImGui::SameLine();
        const bool on = t.tab == i;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, color::info_bg);
        if (ImGui::Button(L(tabs[i], ids[i]).c_str())) {
            t.tab = i;
            if (i == 2 && t.results.is_null()) a.fetch_training_results();
        }
        if (on) ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, 4));
    if (t.tab == 0) {
        for (const auto& l : training::content().lessons) {
            begin_panel(("training-lesson-" + l.id).c_str());
            subheading(l.title.now().c_str());
            if (const auto* p = a.training_progress(l.id)) {
                badge(T("ui.training.status.done"), color::ok, color::ok_bg);
                ImGui::SameLine();
                muted((std::string(T("ui.training.score")) + " " + fraction(p->good, p->total)).c_str());
            } else {
                badge(T("ui.training.status.new"), color::muted, color::rgb(0xEEF2F6));
            }
            if (ImGui::Button(L("ui.training.open", "training-lesson-" + l.id).c_str(), ImVec2(button_w(160), touch_height(36))))
                a.open_lesson(l.id);
            end_panel();
        }
    } else if (t.tab == 1) {
        for (const auto& k : training::content().cases) {
            begin_panel(("training-case-" + k.id).c_str());
            subheading(k.title.now().c_str());
            if (const auto* p = a.training_progress(k.id)) {
                badge(T("ui.training.status.done"), color::ok, color::ok_bg);
                ImGui::SameLine();
                muted((std::string(T("ui.training.col.met")) + " " + fraction(p->good, p->total)).c_str());
            } else {
                badge(T("ui.training.status.new"), color::muted, color::rgb(0xEEF2F6));
            }
            if (ImGui::Button(L("ui.training.open", "training-case-" + k.id).c_str(), ImVec2(button_w(160), touch_height(36))))
                a.open_case(k.id);
            end_panel();
        }
    } else {
        begin_panel("training-results");
        subheading(T("ui.training.results"));
        muted(T("ui.training.results_hint"));
        if (ImGui::Button(L("ui.training.load_results", "training-load-results").c_str(), ImVec2(button_w(200), touch_height(36))))
            a.fetch_training_results();
        if (t.results.is_object()) {
            ImGui::SameLine();
            if (ImGui::Button(L("ui.training.export_csv", "training-export").c_str(), ImVec2(button_w(200), touch_height(36))))
                a.export_training_csv();
        }
        if (!t.results_error.empty()) text_colored(color::bad, T(t.results_error));
        if (t.results.is_object() && t.results.contains("people")) {
            // Per office first: how many of its leaders completed everything (who still needs the training).
            std::vector<std::pair<std::string, std::pair<int, int>>> offices;
            for (const auto& j : t.results["people"]) {
                const auto p = training::summary_from_json(j);
                auto it = std::find_if(offices.begin(), offices.end(), [&](const auto& o) { return o.first == p.who.office_name; });
                if (it == offices.end()) it = offices.insert(offices.end(), {p.who.office_name, {0, 0}});
                it->second.first += p.complete() ? 1 : 0;
                ++it->second.second;
            }
            for (const auto& [office, n] : offices)
                text_colored(n.first == n.second ? color::ok : color::warn,
                             (office + ": " + fraction(n.first, n.second) + " " + T("ui.training.complete_leaders")).c_str());
            ImGui::Dummy(ImVec2(0, 4));
            const bool compact = compact_layout();
            if (ImGui::BeginTable("##training-people", compact ? 3 : 6, kDataTableFlags)) {
                ImGui::TableSetupColumn(T("ui.training.col.name"), ImGuiTableColumnFlags_WidthStretch, 2);
                if (!compact) ImGui::TableSetupColumn(T("ui.training.col.office"), ImGuiTableColumnFlags_WidthStretch, 2);
                fit_column(T("ui.training.col.lessons"), text_width("0/0"));
                if (!compact) fit_column(T("ui.training.col.answers"), text_width("00/00"));
                fit_column(T("ui.training.col.cases"), text_width("0/0") + 10);
                if (!compact) fit_column(T("ui.training.col.met"), text_width("00/00"));
                headers_row();
                for (const auto& j : t.results["people"]) {
                    const auto p = training::summary_from_json(j);
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    text_words(p.who.display_name.empty() ? p.who.username : p.who.display_name);
                    if (compact) muted(p.who.office_name.c_str());
                    if (!compact) {
                        ImGui::TableNextColumn();
                        text_words(p.who.office_name);
                    }
                    ImGui::TableNextColumn();
                    const ImU32 c = p.complete() ? color::ok : p.lessons_done + p.cases_done == 0 ? color::bad : color::warn;
                    text_colored(c, fraction(p.lessons_done, p.lessons_total).c_str());
                    if (!compact) {
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(fraction(p.questions_right, p.questions_total).c_str());
                    }
                    ImGui::TableNextColumn();
                    text_colored(c, fraction(p.cases_done, p.cases_total).c_str());
                    if (!compact) {
                        ImGui::TableNextColumn();
                        ImGui::TextUnformatted(fraction(p.decisions_met, p.decisions_total).c_str());
                    }
                }
                ImGui::EndTable();
            }
        }
        end_panel();
    }
}

// Names of the sandbox's offices and positions for Usulan Mutasi's pieces.
struct SandboxNames {
    explicit SandboxNames(store::Db& db)
        : post([d = &db](const std::string& id) {
              auto p = store::get_position(*d, id);
              if (!p) return std::string("-");
              auto o = store::get_office(*d, p->office_id);
              return p->name + (o ? " \xC2\xB7 " + o->name : std::string());
          }),
          support{[d = &db](const std::string& id) {
                      auto o = store::get_office(*d, id);
                      return o ? o->name : std::string();
                  },
                  [d = &db](const std::string& id) {
                      auto p = store::get_position(*d, id);
                      return p ? p->name : std::string();
                  }} {}
    std::function<std::string(const std::string&)> post;  // "Position · Office"
    SupportNames support;
};

// A lesson's `request` widget: a request filed in the sandbox, read on Usulan
// Mutasi's own pieces (summary, decision support, checklist) — no step buttons:
// a lesson shows what a head reads before deciding; the cases are where one decides.
void show_request(app::App& a, const training::Show& s, const std::string& where) {
    const auto r = a.lesson_request(where, *s.request);
    TrainingView& t = a.training;
    ImGui::BeginGroup();  // (one rectangle for the locator: a panel ends on an empty item)
    begin_panel("training-show-request");
    banner();
    ImGui::PushStyleColor(ImGuiCol_Text, color::muted);
    text_words(std::string(T("ui.training.shown_on")) + ": " + T(s.screen) + " \xC2\xB7 " + s.office);
    ImGui::PopStyleColor();
    if (!r || !t.sandbox) {
        if (const Issue* i = t.check.first_error())
            text_colored(color::bad, (std::string(T(i->code)) + " " + i->detail).c_str());
        end_panel();
        ImGui::EndGroup();
        return;
    }
    const SandboxNames n(t.sandbox->db());
    draw_request_summary({*r, t.sandbox->applicant_name(s.request->key), s.request->from.office, s.request->to.office,
                          request_waiting_text(*r, 0), n.post, t.timeline});
    end_panel();
    ImGui::EndGroup();
    locator::note_last_item("training-show-request");
    const auto checklist = [&] {
        ImGui::BeginGroup();
        begin_panel("training-show-request-docs");
        draw_request_checklist(t.missing, t.missing_evidence, t.documents);
        end_panel();
        ImGui::EndGroup();
        locator::note_last_item("training-show-request-docs");
    };
    if (!compact_layout() && ImGui::GetContentRegionAvail().x > 700 &&
        ImGui::BeginTable("##training-show-request-side", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        checklist();
        ImGui::TableNextColumn();
        draw_decision_support("##training-show-request-support", t.support, n.support);
        ImGui::EndTable();
    } else {
        draw_decision_support("##training-show-request-support", t.support, n.support);
        checklist();
    }
}

void draw_lesson(app::App& a, const training::Lesson& l) {
    TrainingView& t = a.training;
    const int pages = static_cast<int>(l.screens.size());
    subheading(l.title.now().c_str());
    if (t.screen < pages) {
        const auto& s = l.screens[static_cast<size_t>(t.screen)];
        muted((std::string(T("ui.training.page_of")) + " " + std::to_string(t.screen + 1) + "/" +
               std::to_string(pages + 1)).c_str());
        begin_panel("training-lesson-text");
        text_words(s.text.now());
        end_panel();
        if (s.show && s.show->widget == "request")
            show_request(a, *s.show, l.id + "#" + std::to_string(t.screen));
        else if (s.show)
            show_widget(a, *s.show);
    } else {
        begin_panel("training-questions");
        subheading(T("ui.training.questions"));
        for (size_t i = 0; i < l.questions.size(); ++i) {
            const auto& q = l.questions[i];
            ImGui::PushFont(fonts().bold);
            text_words(std::to_string(i + 1) + ". " + q.text.now());
            ImGui::PopFont();
            for (size_t j = 0; j < q.options.size(); ++j) {
                const std::string label = wrap_words(q.options[j].now(), ImGui::GetContentRegionAvail().x - 40) +
                                          "##training-q" + std::to_string(i) + "-" + std::to_string(j);
                if (ImGui::RadioButton(label.c_str(), t.answers[i] == static_cast<int>(j)) && !t.submitted)
                    t.answers[i] = static_cast<int>(j);
            }
            if (t.submitted) {
                const bool right = t.answers[i] == q.answer;
                text_colored(right ? color::ok : color::bad, T(right ? "ui.training.right" : "ui.training.wrong"));
                text_words(q.explain.now());
            }
            ImGui::Dummy(ImVec2(0, 6));
        }
        if (!t.submitted) {
            if (primary_button(L("ui.training.submit_answers", "training-submit"), ImVec2(button_w(220), touch_height(40))))
                a.submit_lesson_answers();
            if (const Issue* i = t.check.first_error()) text_colored(color::bad, T(i->code));
        } else if (const auto* p = a.training_progress(l.id)) {
            text_colored(color::ok, (std::string(T("ui.training.lesson_done")) + " \xC2\xB7 " + T("ui.training.score") +
                                     " " + fraction(p->good, p->total)).c_str());
        }
        end_panel();
    }
    if (t.screen > 0) {
        if (ImGui::Button(L("ui.training.prev", "training-prev").c_str(), ImVec2(button_w(160), touch_height(40)))) --t.screen;
        if (!compact_layout()) ImGui::SameLine();
    }
    if (t.screen < pages && primary_button(L("ui.training.next", "training-next"), ImVec2(button_w(160), touch_height(40)))) ++t.screen;
}

void draw_feedback(const training::Feedback& f, size_t n) {
    begin_panel(("training-feedback-" + std::to_string(n)).c_str());
    subheading(T("ui.training.feedback"));
    // "✓ rule — met" in the status colour, wrapped as a whole (phones).
    for (const auto& r : f.rules) {
        const std::string line = std::string(r.met ? "\xE2\x9C\x93 " : "\xE2\x9C\x97 ") + T("training.rule." + r.code) +
                                 " \xE2\x80\x94 " + T(r.met ? "ui.training.rule_met" : "ui.training.rule_broken");
        text_colored(r.met ? color::ok : color::bad, wrap_words(line, ImGui::GetContentRegionAvail().x - 8).c_str());
    }
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(T("ui.training.effect"));
    ImGui::PopFont();
    for (const auto* e : {&f.origin, &f.destination}) {
        const char* side = e == &f.origin ? "ui.training.origin" : "ui.training.destination";
        text_words(std::string(T(side)) + ": " + e->position + " \xC2\xB7 " + e->office + "  EJ " + ej_text(e->ej_before) +
                   " \xE2\x86\x92 " + ej_text(e->ej_after));
    }
    ImGui::Dummy(ImVec2(0, 4));
    text_colored(f.matches_recommended ? color::ok : color::warn,
                 T(f.matches_recommended ? "ui.training.matches" : "ui.training.differs"));
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted((std::string(T("ui.training.recommended")) + ": " +
                            T("ui.training.action." + std::string(training::to_string(f.recommended.action))))
                               .c_str());
    ImGui::PopFont();
    text_words(f.recommended.reason.now());
    end_panel();
}

// The request waiting for the trainee, on Usulan Mutasi's own pieces
// (ui/request_view.h) over the sandbox: the summary, the decision panel beside
// the decision support (stacked on a phone), the checklist and the timeline.
// The trainee presses the same step buttons as in real work; the step is taken
// on the sandbox and judged (training::Sandbox::decide).
void draw_waiting_request(app::App& a, training::Sandbox& sb, const std::string& key, const workflow::Request& r,
                          const training::CaseRequest& cr) {
    TrainingView& t = a.training;
    t.read_detail(r);
    const SandboxNames n(sb.db());
    begin_panel(("training-request-" + key).c_str());
    draw_request_summary({r, sb.applicant_name(key), cr.from.office, cr.to.office,
                          // (the sandbox's clock stands at its today: nothing has waited yet)
                          request_waiting_text(r, 0), n.post, t.timeline});
    end_panel();
    const auto decision = [&] {
        begin_panel(("training-decision-" + key).c_str());
        subheading(T("ui.training.your_decision"));
        ImGui::Checkbox(L("ui.training.declare_conflict", "training-declare").c_str(), &t.declare);
        draw_step_note(t.note);
        using workflow::Command;
        if (auto c = draw_step_buttons({Command::approve, Command::return_, Command::reject})) {
            t.action = static_cast<int>(*c == Command::approve   ? training::Action::approve
                                        : *c == Command::return_ ? training::Action::return_
                                                                 : training::Action::reject);
            a.decide_case();
        }
        if (const Issue* e = t.check.first_error())
            text_colored(color::bad, wrap_words("\xE2\x9C\x97 " + i18n::describe(*e, i18n::current()),
                                                ImGui::GetContentRegionAvail().x - 8).c_str());
        end_panel();
    };
    if (!compact_layout() && ImGui::GetContentRegionAvail().x > 700 &&
        ImGui::BeginTable("##training-side", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        decision();
        ImGui::TableNextColumn();
        draw_decision_support(("##training-support-" + key).c_str(), t.support, n.support);
        ImGui::EndTable();
    } else {
        decision();
        draw_decision_support(("##training-support-" + key).c_str(), t.support, n.support);
    }
    begin_panel(("##training-docs-" + key).c_str());
    draw_request_checklist(t.missing, t.missing_evidence, t.documents);
    end_panel();
    begin_panel(("##training-timeline-" + key).c_str());
    draw_request_timeline(t.timeline);
    end_panel();
}

void draw_practice(app::App& a, const training::Case& k) {
    TrainingView& t = a.training;
    banner();
    subheading(k.title.now().c_str());
    if (!t.sandbox || !t.sandbox->staged()) {
        if (const Issue* i = t.check.first_error()) text_colored(color::bad, (std::string(T(i->code)) + " " + i->detail).c_str());
        return;
    }
    training::Sandbox& sb = *t.sandbox;
    begin_panel("training-situation");
    subheading(T("ui.training.situation"));
    text_words(sb.situation(i18n::current()));
    end_panel();
    for (size_t i = 0; i < k.decide.size(); ++i) {
        const std::string& key = k.decide[i];
        const auto r = sb.request(key);
        const training::CaseRequest* cr = k.request(key);
        if (!r || !cr) continue;
        if (i == t.next && i >= t.feedback.size()) {  // waiting for the trainee: Usulan Mutasi's detail
            draw_waiting_request(a, sb, key, *r, *cr);
            continue;
        }
        begin_panel(("training-request-" + key).c_str());
        subheading((std::string(T("ui.training.request_for")) + " " + r->number).c_str());
        text_words(std::string(T("ui.training.applicant")) + ": " + sb.applicant_name(key));
        text_words(std::string(T("ui.training.from_to")) + ": " + cr->from.position + " \xC2\xB7 " + cr->from.office +
                   " \xE2\x86\x92 " + cr->to.position + " \xC2\xB7 " + cr->to.office);
        text_words(std::string(T("workflow.reason." + cr->reason)) + ": " + r->explanation);
        std::string docs;
        for (const auto& d : cr->documents) docs += (docs.empty() ? "" : ", ") + std::string(T("document.type." + d));
        text_words(std::string(T("ui.training.documents")) + ": " + (docs.empty() ? "-" : docs));
        if (i < t.feedback.size()) {
            badge(T("ui.training.decided"), color::muted, color::rgb(0xEEF2F6));
            end_panel();
            draw_feedback(t.feedback[i], i);
            continue;
        }
        end_panel();
    }
    if (t.recorded) text_colored(color::ok, T("ui.training.case_done"));
    if (ImGui::Button(L("ui.training.repeat", "training-repeat").c_str(), ImVec2(button_w(200), touch_height(40)))) a.open_case(k.id);
    if (!compact_layout()) ImGui::SameLine();
    if (ImGui::Button(L("ui.training.reset", "training-reset").c_str(), ImVec2(button_w(240), touch_height(40)))) a.reset_sandbox();
}

}  // namespace

void draw_training(app::App& a) {
    a.refresh_training();
    TrainingView& t = a.training;
    if (t.page != TrainingView::Page::list) {
        if (ImGui::Button(L("ui.training.back", "training-back").c_str())) {
            a.close_training_item();
            return;
        }
    }
    if (t.page == TrainingView::Page::lesson) {
        if (const auto* l = training::find_lesson(t.item_id)) return draw_lesson(a, *l);
    } else if (t.page == TrainingView::Page::practice) {
        if (const auto* k = training::find_case(t.item_id)) return draw_practice(a, *k);
    }
    draw_list(a);
}

}  // namespace seimbang::ui

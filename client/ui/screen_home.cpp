// Beranda: the account's own scope at a glance (its office and the offices below
// it, never figures under a parent's name), shortage and surplus side by side
// (never netted), positions short of staff and positions with staff to spare,
// each sorted by severity with "+N lainnya", and whether this device is in sync.
// A pegawai gets "Data saya" (their own record) instead.
#include <algorithm>
#include <ctime>

#include "app/figures.h"
#include "model/golongan.h"
#include "model/nip.h"
#include "ui/locator.h"
#include "ui/competences.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {
namespace {

constexpr int kListed = 5;  // lines per list before "+N lainnya"

struct Kpi {
    const char* id;
    const char* label;
    std::string value, sub;
    ImU32 value_color;
};

// The height that holds a card's wrapped label, value and sub-text (a phone's
// narrow cards wrap into more lines than a fixed height allows).
float kpi_height(const Kpi& k, float width) {
    const float wrap = width - 2 * 18;  // begin_card's horizontal padding
    const ImGuiStyle& st = ImGui::GetStyle();
    float h = 2 * 14 + ImGui::CalcTextSize(k.label, nullptr, false, wrap).y + st.ItemSpacing.y;
    ImGui::PushFont(fonts().h1);
    h += ImGui::CalcTextSize(k.value.c_str(), nullptr, false, wrap).y + st.ItemSpacing.y;
    ImGui::PopFont();
    if (!k.sub.empty()) h += ImGui::CalcTextSize(k.sub.c_str(), nullptr, false, wrap).y + st.ItemSpacing.y;
    return h;
}

void kpi(const Kpi& k, float width, float height) {
    begin_card(k.id, ImVec2(width, height));
    ImGui::PushTextWrapPos(0);
    muted(k.label);
    ImGui::PopTextWrapPos();
    ImGui::PushFont(fonts().h1);
    text_colored(k.value_color, k.value.c_str());
    ImGui::PopFont();
    if (!k.sub.empty()) {
        ImGui::PushTextWrapPos(0);
        muted(k.sub.c_str());
        ImGui::PopTextWrapPos();
    }
    end_card();
}

struct PositionGap {
    const Position* position;
    double persons;  // missing (short list) or beyond the need (surplus list)
};

// Positions of the scope whose status is over (short) or under (surplus), the
// largest gap in persons first.
std::vector<PositionGap> positions_by_gap(const app::App& a, bool shortage) {
    std::vector<PositionGap> out;
    for (const auto& p : a.workload.data.positions) {
        if (p.archived || !a.workload.in_scope(p.office_id)) continue;
        const auto* r = a.workload.abk_position(p.id);
        if (!r) continue;
        const auto st = app::position_status(*r, a.workload.data.settings);
        const double gap = r->needed - r->holders;
        if (shortage && st == abk::LoadStatus::over && gap > 0) out.push_back({&p, gap});
        if (!shortage && st == abk::LoadStatus::under && gap < 0) out.push_back({&p, -gap});
    }
    std::stable_sort(out.begin(), out.end(), [](auto& x, auto& y) { return x.persons > y.persons; });
    return out;
}

void open_position(app::App& a, const Position& p) {
    a.selected_office = p.office_id;
    a.selected_position = p.id;
    a.navigate(app::Screen::abk);
}

// The height a gap card's content takes at `width`: title, one line per listed
// position (44 px on a touch layout), "+N lainnya", or the wrapped "none" text.
float gap_list_height(const std::vector<PositionGap>& list, const char* title_key, const char* none_key, float width) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float wrap = width - 2 * 18;  // begin_card's horizontal padding
    ImGui::PushFont(fonts().h2);
    float h = 2 * 14 + ImGui::CalcTextSize(T(title_key), nullptr, false, wrap).y + st.ItemSpacing.y;
    ImGui::PopFont();
    const float row = std::max(touch_height(0), ImGui::GetTextLineHeight()) + st.ItemSpacing.y;
    const size_t n = std::min(list.size(), static_cast<size_t>(kListed)) + (list.size() > static_cast<size_t>(kListed) ? 1 : 0);
    if (list.empty()) return h + ImGui::CalcTextSize(T(none_key), nullptr, false, wrap).y + st.ItemSpacing.y;
    return h + static_cast<float>(n) * row;
}

// One card: title, the first kListed positions (click → its row in ABK), then
// "+N lainnya" (→ ABK of the account's office, where every row is listed). As
// tall as `height` (the caller's: the taller content of the two side by side;
// a fixed 236 px cut the fourth line of 44 px touch rows on a phone).
void gap_list(app::App& a, const std::vector<PositionGap>& list, const char* id, const char* title_key,
              const char* none_key, bool shortage, float width, float height) {
    begin_card(id, ImVec2(width, height));
    subheading(T(title_key));
    const ImU32 col = shortage ? color::bad : color::warn;
    for (size_t k = 0; k < list.size() && k < static_cast<size_t>(kListed); ++k) {
        const Position& p = *list[k].position;
        const Office* o = a.workload.office(p.office_id);
        // The office is named when the scope has more than one.
        const bool own = a.login.session && p.office_id == a.login.session->office_id;
        const std::string text = std::string(T(shortage ? "ui.fig.short" : "ui.fig.surplus")) + " " +
                                 i18n::format_decimal(list[k].persons, 1) + " \xC2\xB7 " + p.name +
                                 (own || !o ? std::string() : " \xE2\x80\x94 " + o->name);
        // One line per post: whole words and "…" at the card's edge, the whole line on hover/tap.
        const std::string line = one_line(text, ImGui::GetContentRegionAvail().x - 4) + "##" + id + "-" + p.id;
        ImGui::PushStyleColor(ImGuiCol_Text, col);
        if (ImGui::Selectable(line.c_str(), false, 0, ImVec2(0, touch_height(0)))) open_position(a, p);
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
    }
    if (list.size() > static_cast<size_t>(kListed)) {
        const std::string more = std::string("+") + std::to_string(list.size() - kListed) + " " + T("ui.home.more") + "##" + id + "-more";
        if (ImGui::Selectable(more.c_str(), false, 0, ImVec2(0, touch_height(0)))) {
            a.selected_office = a.login.session ? a.login.session->office_id : "";
            a.navigate(app::Screen::abk);
        }
    }
    if (list.empty()) {
        ImGui::PushTextWrapPos(0);
        muted(T(none_key));
        ImGui::PopTextWrapPos();
    }
    end_card();
}

// "Menunggu Anda": transfer requests whose next step is this user's, longest
// waiting first; each line opens the request on Usulan Mutasi. A pegawai also
// sees where their own requests stand.
void draw_waiting(app::App& a) {
    a.refresh_requests();
    const auto waiting = a.waiting_for_me();
    std::vector<const app::RequestRow*> own;
    if (a.login.session && a.login.session->role == app::Role::pegawai)
        for (const auto& r : a.requests.rows)
            if (r.r.employee_id == a.login.session->employee_id && !r.waits_for_me) own.push_back(&r);
    begin_panel("home-waiting");
    subheading(T("ui.home.waiting_title"));
    const int64_t now = a.platform.unix_seconds() * 1000;
    auto line = [&](const app::RequestRow& r, const char* prefix) {
        const long long days = app::waiting_ms(r.r, now) / (24LL * 3600 * 1000);
        const std::string wait = days < 1 ? std::string(T("ui.request.less_than_day"))
                                          : i18n::format_int(days) + " " + T("ui.request.days");
        const std::string text = std::string(prefix) + r.r.number + " \xC2\xB7 " + r.applicant + " \xC2\xB7 " +
                                 T("workflow.status." + std::string(workflow::to_string(r.r.status))) + " \xC2\xB7 " +
                                 wait + "##home-req-" + r.r.id;
        ImGui::PushStyleColor(ImGuiCol_Text, days >= 7 ? color::bad : color::accent);
        if (ImGui::Selectable(text.c_str(), false, 0, ImVec2(0, touch_height(0)))) {
            a.close_request_editor();
            a.select_request(r.r.id);
            a.navigate(app::Screen::requests);
        }
        ImGui::PopStyleColor();
    };
    for (size_t k = 0; k < waiting.size() && k < static_cast<size_t>(kListed); ++k) line(*waiting[k], "");
    if (waiting.size() > static_cast<size_t>(kListed)) {
        const std::string more = std::string("+") + std::to_string(waiting.size() - kListed) + " " + T("ui.home.more") +
                                 "##home-waiting-more";
        if (ImGui::Selectable(more.c_str(), false, 0, ImVec2(0, touch_height(0)))) {
            a.requests.mine_only = true;
            a.requests.filter_dirty = true;
            a.navigate(app::Screen::requests);
        }
    }
    if (waiting.empty()) muted(T("ui.home.waiting_none"));
    for (const auto* r : own) line(*r, "");
    end_panel();
}

// A row of the pegawai's own record.
void fact(const char* key, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, color::muted);
    text_words(T(key));
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    text_words(value.empty() ? "-" : value);
}

// Data saya: what the pegawai's account may see, their own record; no office
// figures (a pegawai's copy holds only their own row).
void draw_my_data(app::App& a) {
    const Employee* me = a.workload.own_employee();
    begin_panel("my-data");
    if (!me) {
        subheading(a.workload.account_name().c_str());
        help_line(T("ui.mydata.missing"));
        end_panel();
        return;
    }
    subheading(me->name.c_str());
    locator::note_last_item("##my-data-name");  // tests find the page by it
    muted(T("ui.mydata.hint"));
    ImGui::Dummy(ImVec2(0, 4));
    if (ImGui::BeginTable("##my-data", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("##k", ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ImGui::TableSetupColumn("##v", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        fact("ui.employee.nip", format_employee_number(me->nip, parse_asn_type(me->asn_type).value_or(AsnType::pns)));
        fact("ui.employee.asn_type", me->asn_type);
        std::string gol = me->golongan;
        if (auto g = parse_golongan(me->golongan); g && !pangkat_name(*g).empty())
            gol += " \xC2\xB7 " + std::string(pangkat_name(*g));
        fact("ui.employee.golongan", gol);
        const Position* p = a.workload.position(me->position_id);
        fact("ui.employee.position", p ? p->name : std::string(T("ui.mydata.position_unknown")));
        fact("ui.mydata.unit", a.workload.office_path(me->office_id));
        fact("ui.employee.tmt_position", i18n::format_iso_date_text(me->tmt_position));
        fact("ui.employee.birth_date", i18n::format_iso_date_text(me->birth_date));
        fact("ui.employee.education", me->education);
        std::string comp;
        for (const auto& [tag, level] : me->competences) {
            if (!comp.empty()) comp += '\n';
            comp += competence_label(tag, level);
        }
        fact("ui.mydata.competences", comp);
        ImGui::EndTable();
    }
    draw_placement_history(a, me->id);  // (their own rows come with their pull)
    ImGui::Dummy(ImVec2(0, 4));
    help_line(T("ui.mydata.correction"));
    end_panel();
}

void draw_sync_card(app::App& a);

}  // namespace

// defined in screen_sync.cpp
std::string age_text(long long seconds);
std::string sync_headline(const app::App& a, ImU32& col);
std::string sync_error_text(const std::string& code);

void draw_home(app::App& a) {
    if (a.login.session && a.login.session->role == app::Role::pegawai) {
        draw_survey_card(a);
        draw_my_data(a);
        ImGui::Dummy(ImVec2(0, 6));
        draw_waiting(a);
        ImGui::Dummy(ImVec2(0, 6));
        draw_sync_card(a);
        return;
    }
    // Scope: the account's office with everything below it.
    const std::string root = a.login.session ? a.login.session->office_id : "";
    const Office* root_office = a.workload.office(root);
    const app::OfficeLoad* total = a.workload.load_of(root);
    const Settings& st = a.workload.data.settings;
    if (root_office) {
        const std::string scope = std::string(T("ui.home.scope")) + " " + root_office->name;
        subheading(scope.c_str());
    }

    // Four cards in a row; two rows of two on a phone.
    const bool compact = compact_layout();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float w = compact ? (avail - ImGui::GetStyle().ItemSpacing.x) / 2
                            : (avail - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
    const std::string gaps = total ? std::string(total->short_persons >= 0.05 ? "\xE2\x88\x92" : "") +
                                         i18n::format_decimal(total->short_persons, 1) + "  /  +" +
                                         i18n::format_decimal(total->surplus_persons, 1)
                                   : "-";
    const std::optional<double> eu = total ? total->eu : std::nullopt;
    const auto eu_status = abk::load_status(eu, st);
    const std::string pending_sub = !a.sync.view.account   ? std::string(T("ui.home.demo_not_sent"))
                                    : a.sync.outbox.pending ? std::string(T("ui.home.oldest")) + " " +
                                                             age_text(a.platform.unix_seconds() - a.sync.outbox.oldest_unix) + " " + T("ui.ago")
                                                       : std::string(a.sync.online ? T("ui.home.all_sent") : T("ui.home.none_waiting"));
    // Shortage and surplus side by side: a surplus in one office never hides a
    // shortage in another.
    const Kpi cards[] = {
        {"##kpi-staff", T("ui.home.staff_present"), i18n::format_int(total ? total->holders : 0),
         total ? std::string(T("ui.home.needed_is")) + " " + i18n::format_decimal(total->needed, 1) : "", color::text},
        {"##kpi-gaps", T("ui.home.short_surplus"), gaps, T("ui.home.short_surplus_sub"), color::text},
        {"##kpi-eu", T("ui.home.eu"), eu ? i18n::format_decimal(*eu, 2) : "-",
         std::string(T(app::status_key(eu_status))) + (total && total->pu ? " \xC2\xB7 PU " + total->pu->grade : ""),
         status_color(eu_status)},
        {"##kpi-pending", T("ui.home.pending"), i18n::format_int(a.sync.outbox.pending), pending_sub,
         a.sync.outbox.pending ? color::accent : color::ok},
    };
    // One height for every card: the tallest content.
    float height = compact ? 150 : 112;
    for (const auto& k : cards) height = std::max(height, kpi_height(k, w));
    for (int k = 0; k < 4; ++k) {
        if (k > 0 && (k % 2 == 1 || !compact)) ImGui::SameLine();
        kpi(cards[k], w, height);
    }
    const std::string help = std::string(T("ui.help.eu_1")) + " " + i18n::format_decimal(st.balanced_min, 2) + "\xE2\x80\x93" +
                             i18n::format_decimal(st.balanced_max, 2) + T("ui.help.eu_2");
    help_line(help.c_str());

    ImGui::Dummy(ImVec2(0, 6));
    draw_survey_card(a);
    draw_waiting(a);
    ImGui::Dummy(ImVec2(0, 6));
    subheading(T("ui.home.offices_title"));
    help_line(T("ui.home.offices_hint"));
    auto loads = a.workload.loads_by_pressure();
    const ImGuiTableFlags tf = kDataTableFlags;
    // A phone: cards; a portrait tablet: the table without the load bar (the EU's colour says it).
    if (phone_layout()) {
        // A card per office: name and EU in the status colour; short / surplus
        // in persons and the status word. The card opens the office's ABK.
        for (const app::OfficeLoad* l : loads) {
            const Office* o = a.workload.office(l->office_id);
            if (!o) continue;
            const auto s = abk::load_status(l->eu, st);
            const std::string eu = std::string(T("ui.col.eu")) + " " + (l->eu ? i18n::format_decimal(*l->eu, 2) : "-");
            const char* status = s == abk::LoadStatus::none ? "-" : T(app::status_key(s));
            if (record_card("##home-" + o->id, {{o->name, true, false, 0, eu, status_color(s)},
                                                {app::short_surplus_text(*l), false, true, 0, status, status_color(s)}})) {
                a.selected_office = o->id;
                a.navigate(app::Screen::abk);
            }
            locator::note_last_item((o->name + "##home-" + o->id).c_str());
        }
    } else if (ImGui::BeginTable("##home-offices", compact ? 6 : 7, tf)) {
        ImGui::TableSetupColumn(T("ui.col.office"), ImGuiTableColumnFlags_WidthStretch, 2.4f);
        ImGui::TableSetupColumn(T("ui.col.eu"), ImGuiTableColumnFlags_WidthStretch, 0.6f);
        if (!compact) ImGui::TableSetupColumn(T("ui.col.load"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn(T("ui.col.needed"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn(T("ui.col.holders"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn(T("ui.col.short_surplus_short"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(T("ui.col.grade"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        headers_row();
        for (const app::OfficeLoad* l : loads) {
            const Office* o = a.workload.office(l->office_id);
            if (!o) continue;
            const auto s = abk::load_status(l->eu, st);
            ImGui::TableNextRow(0, touch_height(34));
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (o->kind == OfficeKind::kecamatan) ImGui::PushFont(fonts().bold);
            std::string label = o->name + "##home-" + o->id;
            if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, touch_height(0)))) {
                a.selected_office = o->id;
                a.navigate(app::Screen::abk);
            }
            if (o->kind == OfficeKind::kecamatan) ImGui::PopFont();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            text_colored(status_color(s), l->eu ? i18n::format_decimal(*l->eu, 2).c_str() : "-");
            if (!compact) {
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                efficiency_bar(l->eu, status_color(s), ImGui::GetContentRegionAvail().x - 8);
            }
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(i18n::format_decimal(l->needed, 1).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(i18n::format_int(l->holders).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            // "−6,4" short; a shortage that rounds to nothing is "0,0", not "−0,0".
            text_colored(l->short_persons >= 0.05 ? color::bad : color::muted,
                         l->short_persons >= 0.05
                             ? (std::string("\xE2\x88\x92") + i18n::format_decimal(l->short_persons, 1)).c_str()
                             : i18n::format_decimal(0, 1).c_str());
            ImGui::SameLine();
            text_colored(l->surplus_persons >= 0.05 ? color::warn : color::muted,
                         (std::string("+") + i18n::format_decimal(l->surplus_persons, 1)).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            status_badge(s);
        }
        ImGui::EndTable();
    }

    ImGui::Dummy(ImVec2(0, 6));
    const float half = compact ? ImGui::GetContentRegionAvail().x
                               : (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    const auto shortages = positions_by_gap(a, true), surpluses = positions_by_gap(a, false);
    const float short_h = gap_list_height(shortages, "ui.home.short_title", "ui.home.short_none", half);
    const float surplus_h = gap_list_height(surpluses, "ui.home.surplus_title", "ui.home.surplus_none", half);
    // Side by side: one height, the taller (and at least the desktop's 236 px);
    // stacked on a phone: each as tall as its own content.
    const float both = std::max({236.0f, short_h, surplus_h});
    gap_list(a, shortages, "home-short", "ui.home.short_title", "ui.home.short_none", true, half,
             compact ? short_h : both);
    if (!compact) ImGui::SameLine();
    gap_list(a, surpluses, "home-surplus", "ui.home.surplus_title", "ui.home.surplus_none", false, half,
             compact ? surplus_h : both);
    help_line(T("ui.home.gap_hint"));
    ImGui::Dummy(ImVec2(0, 6));
    draw_sync_card(a);
}

namespace {
// As tall as its content: the headline wraps on a phone and the button is
// finger-sized there (a fixed 170 px card cut the button off).
void draw_sync_card(app::App& a) {
    begin_panel("home-sync");
    subheading(T("ui.home.sync_title"));
    if (!a.sync.view.account) badge(T("ui.sync.demo_badge"), color::muted, color::rgb(0xEEF2F6));
    else if (a.sync.online) badge(T("ui.status.online"), color::ok, color::ok_bg);
    else badge(T("ui.status.offline"), color::warn, color::warn_bg);
    ImU32 col;
    std::string head = sync_headline(a, col);
    ImGui::PushTextWrapPos(0);
    ImGui::PushFont(fonts().bold);
    text_colored(col, head.c_str());
    ImGui::PopFont();
    if (a.sync.view.account) {
        std::string last = std::string(T("ui.sync.last")) + ": " +
                           (a.sync.view.last_ok_unix ? age_text(a.platform.unix_seconds() - a.sync.view.last_ok_unix) + " " +
                                                   T("ui.ago")
                                             : std::string(T("ui.sync.never")));
        muted(last.c_str());
        if (a.sync.view.rejected || a.sync.view.conflicts) {
            std::string att = std::string(T("ui.home.attention")) + ": " + i18n::format_int(a.sync.view.rejected) + " " +
                              T("ui.home.rejected_n") + ", " + i18n::format_int(a.sync.view.conflicts) + " " +
                              T("ui.home.conflicts_n");
            text_colored(color::bad, att.c_str());
        }
    }
    ImGui::PopTextWrapPos();
    if (ImGui::Button(L("ui.home.open_sync", "home-open-sync").c_str())) a.navigate(app::Screen::sync);
    end_panel();
}
}  // namespace

}  // namespace seimbang::ui

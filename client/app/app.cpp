#include "app/app.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <tuple>

#include <nlohmann/json.hpp>

#include "app/offline_credential.h"
#include "i18n/format.h"
#include "model/date.h"
#include "model/competence.h"
#include "model/golongan.h"
#include "model/nip.h"
#include "model/validate.h"
#include "store/placements.h"
#include "store/repo.h"
#include "sync/blobs.h"
#include "sync/client.h"
#include "sync/login.h"
#include "sync/run.h"
#include "training/progress.h"
#include "util/uuid.h"

namespace seimbang::app {

namespace {
bool has_field_error(const Check& c, const std::string& field) {
    return std::any_of(c.issues.begin(), c.issues.end(), [&](auto& i) { return !i.warning && i.field == field; });
}
}  // namespace

// [SECTION] Names

const char* screen_key(Screen s) {
    switch (s) {
        case Screen::login: return "ui.nav.login";
        case Screen::home: return "ui.nav.home";
        case Screen::employees: return "ui.nav.employees";
        case Screen::units: return "ui.nav.units";
        case Screen::abk: return "ui.nav.abk";
        case Screen::requests: return "ui.nav.requests";
        case Screen::survey: return "ui.nav.survey";
        case Screen::training: return "ui.nav.training";
        case Screen::sync: return "ui.nav.sync";
        case Screen::rekomendasi: return "ui.nav.rekomendasi";
        case Screen::evaluation: return "ui.nav.evaluation";
        case Screen::impor: return "ui.nav.impor";
        case Screen::settings: return "ui.nav.settings";
        case Screen::national: return "ui.nav.national";
    }
    return "ui.nav.home";
}

// [SECTION] Life cycle

App::App(Platform& p, std::unique_ptr<LocalData> l)
    : platform(p),
      local(std::move(l)),
      login(platform, *local, {[this] { reload(); }, [this] { signed_in(); }, [this] { signed_out(); }}),
      sync(platform, *local, login, workload,
           {[this] { return std::vector<sync::FollowUp>{survey_follow_up()}; },
            [this](const sync::SyncReport& rep) { sync_finished(rep); },
            [this](const std::string& key) {
                committed();
                show_notice(key);
            },
            [this] { return employee_editor.open || task_editor.open; }}) {
    if (auto lang = local->meta("ui.lang")) i18n::set_current(*lang == "en" ? i18n::Lang::en : i18n::Lang::id);
    reload();
    if (login.restore()) {
        screen = login.session->online_only ? Screen::national : Screen::home;
        sync.schedule(0);
    }
}

App::~App() = default;

void App::tick() {
    ++frame;
    if (reload_at_ms_ > 0 &&
        (platform.persist_idle() || platform.persist_failed() || platform.now_ms() >= reload_at_ms_)) {
        reload_at_ms_ = 0;
        reload();
    }
    if (save_state == SaveState::saving || save_state == SaveState::failed || save_state == SaveState::full) {
        if (platform.persist_failed()) {
            save_state = platform.persist_full() ? SaveState::full : SaveState::failed;
            // The save's "Tersimpan di perangkat ini" would be untrue now.
            if (notice == "ui.saved")
                show_notice(save_state == SaveState::full ? "ui.status.storage_full" : "ui.status.save_failed");
        } else if (platform.persist_idle()) {  // (also once a retry after a failure got through)
            save_state = SaveState::saved;
            saved_at_ms = platform.now_ms();
        }
    }
    if (!notice.empty() && platform.now_ms() > notice_until_ms) notice.clear();
    sync.tick();
    if (employee_table.dirty) employee_table.refresh();
    if (login.session) refresh_requests();  // cheap unless the data, the account or a filter changed
    if (login.session) refresh_surveys();   // (likewise)
    if (login.session && !requests.selected_id.empty() && requests.detail_for != requests.selected_id)
        select_request(requests.selected_id);
    if (login.session) rekom_step();
    if (login.session) import_step();
}

void App::reload() {
    workload.load(local->load());
    sync.refresh();
    employee_table.dirty = true;
    // Transfer requests: the list, the actor's scope and the detail are read again.
    actor_.reset();
    load_position_choices();
    requests.dirty = true;
    requests.detail_for.clear();
    surveys.dirty = true;
}

void App::committed() {
    save_state = SaveState::saving;
    platform.request_persist();
    // Reading the whole snapshot again is the costly part of a save at Kota scale
    // (20,000 employees), and the browser's flush needs the main thread between
    // its IndexedDB events: so the re-read waits until the change is durable (a
    // few ms), at most kReloadWaitMs. Platforms that are durable at once re-read now.
    if (platform.persist_idle()) reload();
    else reload_at_ms_ = platform.now_ms() + kReloadWaitMs;
    // Send it soon, but let a burst of edits go as one batch.
    if (sync.enabled()) sync.schedule(1500);
}

void App::sync_finished(const sync::SyncReport& rep) {
    request_decided(rep.ok);
    if (rep.changed) reload();
    else sync.refresh();
}

void App::show_notice(std::string key) {
    notice = std::move(key);
    notice_until_ms = platform.now_ms() + 4000;
}

// [SECTION] Navigation, language, login.session

void App::navigate(Screen s) {
    if (!login.session && s != Screen::login) return;
    screen = s;
}

void App::set_language(i18n::Lang lang) {
    // Numbers typed in the old language's convention are re-written in the new one.
    auto rewrite = [&](std::string& text, int decimals) {
        const auto p = i18n::parse_number(text, i18n::current());
        if (p.value) text = i18n::format_number(*p.value, decimals, lang);
    };
    if (task_editor.open) {
        rewrite(task_editor.volume_text, 3);
        rewrite(task_editor.norm_text, 2);
    }
    i18n::set_current(lang);
    local->set_meta("ui.lang", lang == i18n::Lang::en ? "en" : "id");
    platform.request_persist();
}

bool App::can_edit() const {
    if (!login.session) return false;
    return access::may(login.session->role, access::Feature::records_edit);
}

void App::signed_in() {
    actor_.reset();
    requests = {};
    request_editor = {};
    rekom_reset();
    national = {};
    // An online-only account (pusat on the national tier) has nothing on this
    // device: its screen is the national views'.
    screen = login.session->online_only ? Screen::national : Screen::home;
    if (!login.demo_mode()) sync.schedule(0);
}

void App::signed_out() {
    sync.stop();
    screen = Screen::login;
    actor_.reset();
    requests = {};
    request_editor = {};
    rekom_reset();
    training = {};  // another user's progress and results are not shown
    national = {};
}

// [SECTION] Employees

void App::new_employee() {
    employee_editor = {};
    employee_editor.open = true;
    employee_editor.is_new = true;
    employee_editor.draft.id = new_uuid_v7();
    employee_editor.adder.choices = competence_choices(competence_tags_in_use());
    employee_editor.draft.office_id = employee_table.office_filter;
    if (employee_editor.draft.office_id.empty() && login.session && workload.in_scope(login.session->office_id) &&
        workload.positions_of(login.session->office_id).size() > 0)
        employee_editor.draft.office_id = login.session->office_id;
}

void App::edit_employee(const std::string& id) {
    const Employee* e = workload.employee(id);
    if (!e) return;
    employee_editor = {};
    employee_editor.open = true;
    employee_editor.draft = *e;
    employee_editor.draft.nip = format_employee_number(e->nip, parse_asn_type(e->asn_type).value_or(AsnType::pns));
    employee_editor.birth_text = i18n::format_iso_date_text(e->birth_date, i18n::Lang::id);
    employee_editor.tmt_text = i18n::format_iso_date_text(e->tmt_position, i18n::Lang::id);
    employee_editor.adder.choices = competence_choices(competence_tags_in_use());
    employee_table.selected_id = id;
}

void App::employee_nip_changed() {
    auto& ed = employee_editor;
    NipParts parts;
    const auto type = parse_asn_type(ed.draft.asn_type).value_or(AsnType::pns);
    if (type == AsnType::pppk || !check_nip(ed.draft.nip, &parts).ok()) return;
    // Only fill what the person has not typed themselves.
    if (!ed.birth_text.empty() && !ed.birth_from_nip) return;
    ed.birth_text = i18n::format_date(parts.birth, i18n::Lang::id);
    ed.draft.gender = parts.gender == 1 ? Gender::male : Gender::female;
    ed.birth_from_nip = true;
}

Check App::save_employee_draft() {
    auto& ed = employee_editor;
    ed.attempted = true;
    Employee& e = ed.draft;
    e.nip = normalise_nip(e.nip);
    // Dates as typed (DD-MM-YYYY or ISO) become the stored ISO form.
    Check dates;
    auto date = [&](const std::string& text, std::string& out, const char* field, bool required) {
        if (text.empty() && !required) {
            out.clear();
            return;
        }
        const auto d = i18n::parse_date(text);
        if (d.value) out = format_iso_date(*d.value);
        else dates.error(d.error, field, text);
    };
    date(ed.birth_text, e.birth_date, "birth_date", true);
    date(ed.tmt_text, e.tmt_position, "tmt_position", false);
    ed.check = validate_employee(e);
    // A refused date text says why itself; the stored field's message would repeat it.
    for (const auto& i : dates.issues) {
        ed.check.issues.erase(std::remove_if(ed.check.issues.begin(), ed.check.issues.end(),
                                             [&](auto& x) { return x.field == i.field; }),
                              ed.check.issues.end());
        ed.check.issues.push_back(i);
    }
    // Office and position change only through a transfer (usulan mutasi): an
    // edit of the record never moves a person.
    if (!ed.is_new)
        if (const Employee* before = workload.employee(e.id);
            before && (before->office_id != e.office_id || before->position_id != e.position_id))
            ed.check.error("employee.move_needs_transfer", "position_id");
    if (!e.office_id.empty() && !workload.in_scope(e.office_id)) ed.check.error("scope.forbidden", "office_id");
    // A golongan outside the position's range is allowed (legacy placements) but said.
    if (const Position* p = workload.position(e.position_id)) {
        const auto g = parse_golongan(e.golongan), lo = parse_golongan(p->golongan_min),
                   hi = parse_golongan(p->golongan_max);
        const bool below = g && lo && compare(*g, *lo).value_or(0) < 0;
        const bool above = g && hi && compare(*g, *hi).value_or(0) > 0;
        if (below || above)
            ed.check.warn("employee.golongan_outside_range", "golongan",
                          p->golongan_min + " \xE2\x80\x93 " + p->golongan_max);
    }
    // Reference checks the store also makes, shown inline before saving.
    for (const auto& other : workload.data.employees)
        if (other.id != e.id && !other.archived && other.nip == e.nip && !e.nip.empty()) {
            ed.check.error("nip.duplicate", "nip", other.name);
            break;
        }
    if (const Position* p = workload.position(e.position_id); p && p->office_id != e.office_id)
        ed.check.error("ui.employee.position_other_office", "position_id");
    if (!ed.check.ok()) return ed.check;
    // A warning is seen before the record is saved (the form closes on save).
    const bool warned = std::any_of(ed.check.issues.begin(), ed.check.issues.end(), [](auto& i) { return i.warning; });
    if (const std::string key = e.golongan + "|" + e.position_id; warned && ed.warned_for != key) {
        ed.warned_for = key;
        return ed.check;
    }
    Check saved = local->save_employee(e);
    if (!saved.ok()) {
        ed.check.merge(saved);
        return ed.check;
    }
    employee_table.selected_id = e.id;
    Check result = ed.check;  // may hold warnings
    ed = {};
    committed();
    show_notice("ui.saved");
    return result;
}

// [SECTION] Recorded placement changes (correction, archive, undo)

void App::open_placement_dialog(PlacementAction action, const std::string& employee_id) {
    placement_dialog = {};
    const Employee* e = workload.employee(employee_id);
    if (!e || !can_edit() || !workload.in_scope(e->office_id)) return;
    placement_dialog.action = action;
    placement_dialog.employee_id = employee_id;
    placement_dialog.office_id = e->office_id;
    placement_dialog.position_id = e->position_id;
    placement_dialog.tmt_text = i18n::format_date(utc_date(platform.unix_seconds()), i18n::Lang::id);
}

Check App::submit_placement_dialog() {
    auto& d = placement_dialog;
    d.attempted = true;
    d.check = {};
    const Employee* e = workload.employee(d.employee_id);
    if (!e) {
        d.check.error("employee.not_found", "employee_id", d.employee_id);
        return d.check;
    }
    if (!can_edit() || !workload.in_scope(e->office_id)) d.check.error("scope.forbidden", "employee_id");
    store::PlacementNote note;
    const auto date = i18n::parse_date(d.tmt_text);
    if (d.tmt_text.empty()) d.check.error("field.required", "tmt");
    else if (!date.value) d.check.error(date.error, "tmt", d.tmt_text);
    else note.tmt = format_iso_date(*date.value);
    if (d.reason.find_first_not_of(" \t") == std::string::npos) d.check.error("field.required", "reason");
    note.reason = d.reason;
    note.reference = d.reference;
    note.recorded_by = login.session ? login.session->username : "";
    note.recorded_ms = platform.unix_seconds() * 1000;
    if (d.action == PlacementAction::correct) {
        // The right office and post are picked within the account's scope.
        if (d.office_id.empty()) d.check.error("field.required", "office_id");
        else if (!workload.in_scope(d.office_id)) d.check.error("scope.forbidden", "office_id");
        if (const Position* p = workload.position(d.position_id); p && p->office_id != d.office_id)
            d.check.error("employee.position_office_mismatch", "position_id");
        if (d.office_id == e->office_id && d.position_id == e->position_id)
            d.check.error("placement.no_change", "position_id");
    }
    if (d.action == PlacementAction::archive &&
        std::find(kExitKinds.begin(), kExitKinds.end(), d.exit_kind) == kExitKinds.end())
        d.check.error("placement.bad_exit_kind", "exit_kind");
    if (!d.check.ok()) return d.check;
    if (d.action == PlacementAction::archive && !d.confirming) {
        d.confirming = true;  // asked once more: "Ya, arsipkan"
        return d.check;
    }
    Check saved;
    switch (d.action) {
        case PlacementAction::correct:
            saved = store::correct_placement(local->db(), d.employee_id, d.office_id, d.position_id, note);
            break;
        case PlacementAction::archive:
            saved = store::archive_employee_recorded(local->db(), d.employee_id, d.exit_kind, note);
            break;
        case PlacementAction::unarchive: saved = store::unarchive_employee(local->db(), d.employee_id, note); break;
        case PlacementAction::none: return d.check;
    }
    if (!saved.ok()) {
        d.check.merge(saved);
        d.confirming = false;
        return d.check;
    }
    const std::string id = d.employee_id;
    d = {};
    employee_editor = {};
    employee_table.selected_id = id;
    committed();
    show_notice("ui.saved");
    return saved;
}

std::vector<Placement> App::placement_history(const std::string& employee_id) const {
    return store::list_placements(local->db(), employee_id);
}

// [SECTION] ABK tasks

void App::new_task(const std::string& position_id) {
    task_editor = {};
    task_editor.open = true;
    task_editor.is_new = true;
    task_editor.draft.id = new_uuid_v7();
    task_editor.draft.position_id = position_id;
    task_editor.draft.year = workload.abk_year;
}

void App::edit_task(const std::string& id) {
    for (const auto& t : workload.data.tasks)
        if (t.id == id) {
            task_editor = {};
            task_editor.open = true;
            task_editor.draft = t;
            task_editor.volume_text = i18n::format_number(t.volume, 3);
            task_editor.norm_text = i18n::format_number(t.norm_minutes, 2);
            return;
        }
}

Check App::save_task_draft() {
    auto& ed = task_editor;
    ed.attempted = true;
    ed.check = {};
    // Numbers as typed: a refused one keeps the draft unchanged and says why.
    auto number = [&](const std::string& text, double& out, const char* field) {
        const auto p = i18n::parse_number(text);
        if (p.value) out = *p.value;
        else ed.check.error(p.error, field, p.hint);
    };
    number(ed.volume_text, ed.draft.volume, "volume");
    number(ed.norm_text, ed.draft.norm_minutes, "norm_minutes");
    Check v = validate_task(ed.draft);
    for (const auto& i : v.issues)  // a refused text already says what is wrong with that field
        if (!(i.field == "volume" || i.field == "norm_minutes") || !has_field_error(ed.check, i.field))
            ed.check.issues.push_back(i);
    // Without its output unit a volume means nothing (Permenpan RB 1/2020 form A).
    if (ed.draft.output_unit.empty()) ed.check.error("field.required", "output_unit");
    if (!ed.check.ok()) return ed.check;
    // Plausibility: one output taking more than a working day, or a volume a
    // hundred times this position's usual, is asked about once before saving.
    // Only figures the person changed are questioned (a stored task saved again is not).
    const AbkTask* stored = nullptr;
    for (const auto& t : workload.data.tasks)
        if (t.id == ed.draft.id) stored = &t;
    const bool norm_changed = !stored || stored->norm_minutes != ed.draft.norm_minutes;
    const bool volume_changed = !stored || stored->volume != ed.draft.volume || stored->period != ed.draft.period;
    const Settings& st = workload.data.settings;
    const double day_minutes = st.wke_minutes / st.per_day;
    if (norm_changed && ed.draft.norm_minutes > day_minutes && ed.draft.norm_minutes <= st.wke_minutes)
        ed.check.warn("abk.norm_over_day", "norm_minutes", i18n::format_int(std::llround(day_minutes)));
    std::vector<double> usual;
    for (const AbkTask* t : workload.tasks_of(ed.draft.position_id))
        if (t->id != ed.draft.id && t->year == ed.draft.year) usual.push_back(t->volume * abk::annual_factor(t->period, st));
    if (volume_changed && !usual.empty()) {
        std::nth_element(usual.begin(), usual.begin() + static_cast<long>(usual.size() / 2), usual.end());
        const double median = usual[usual.size() / 2];
        const double yearly = ed.draft.volume * abk::annual_factor(ed.draft.period, st);
        if (median > 0 && yearly > 100 * median)
            ed.check.warn("abk.volume_unusual", "volume", i18n::format_number(median, 1));
    }
    const std::string figures = ed.volume_text + "|" + ed.norm_text + "|" + std::string(to_string(ed.draft.period));
    const bool has_warning = std::any_of(ed.check.issues.begin(), ed.check.issues.end(), [](auto& i) { return i.warning; });
    if (has_warning && ed.warned_for != figures) {
        ed.warned_for = figures;  // shown now; the same figures saved on the next press
        return ed.check;
    }
    Check saved = local->save_task(ed.draft);
    if (!saved.ok()) {
        ed.check.merge(saved);
        return ed.check;
    }
    Check result = ed.check;
    ed = {};
    committed();
    show_notice("ui.saved");
    return result;
}

}  // namespace seimbang::app

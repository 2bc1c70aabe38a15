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

namespace {
// A role as this device stored it: the permission table's name ("lurah" in
// sessions stored before the app used that table).
std::optional<Role> stored_role(const std::string& s) {
    return s == "lurah" ? std::optional<Role>(Role::kepala_unit) : access::parse_role(s);
}
}  // namespace

std::string_view role_key(Role r) {
    switch (r) {
        case Role::pegawai: return "ui.role.pegawai";
        case Role::operator_: return "ui.role.operator";
        case Role::kepala_unit: return "ui.role.lurah";
        case Role::camat: return "ui.role.camat";
        case Role::bkpsdm: return "ui.role.bkpsdm";
        case Role::pusat: return "ui.role.pusat";
        case Role::instansi: return "ui.role.instansi";
    }
    return "ui.role.operator";
}

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
    }
    return "ui.nav.home";
}

// [SECTION] Life cycle

App::App(Platform& p, std::unique_ptr<LocalData> l) : platform(p), local(std::move(l)) {
    abk_year = current_year();
    if (auto lang = local->meta("ui.lang")) i18n::set_current(*lang == "en" ? i18n::Lang::en : i18n::Lang::id);
    mode_ = local->meta("app.mode").value_or("");
    if (mode_.empty() && local->meta("demo.local").value_or("") == "1") mode_ = "demo";  // `seimbang demo` (CLI)
    // A database filled before modes were recorded without an account is demo data.
    if (mode_.empty() && local->has_data() && local->meta("sync.username").value_or("").empty()) mode_ = "demo";
    // Every local save of an account's database lands in the outbox in its own transaction.
    if (mode_ == "server") sync::install_client(local->db());
    reload();
    // A session survives reloads (the device stays signed in, like the office PC).
    if (auto s = local->meta("session")) {
        auto j = nlohmann::json::parse(*s, nullptr, false);
        if (j.is_object()) {
            Session ss;
            ss.username = j.value("username", "");
            ss.display_name = j.value("name", "");
            const auto role = stored_role(j.value("role", ""));
            ss.role = role.value_or(Role::pegawai);
            ss.office_id = j.value("office_id", "");
            ss.employee_id = j.value("employee_id", "");
            ss.offline = j.value("offline", false);
            // The token lives in local_meta "sync.token" (kept across reloads and
            // offline logins, cleared when the server refuses it).
            if (mode_ == "server" && local->meta("sync.username").value_or("") == ss.username)
                ss.token = local->meta("sync.token").value_or("");
            if (!ss.username.empty() && role) {  // a role nobody knows: signed out, never a default
                session = ss;
                screen = Screen::home;
                schedule_sync(0);
            }
        }
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
    // Every change committed so far is durable: so are the rows pulled so far.
    // Otherwise the rows of each page whose flush completed.
    const long long durable = platform.persisted_ticket();
    size_t done = 0;
    while (done < pulled_tickets_.size() && pulled_tickets_[done].first <= durable)
        sync.pulled_saved = pulled_tickets_[done++].second;
    pulled_tickets_.erase(pulled_tickets_.begin(), pulled_tickets_.begin() + static_cast<long>(done));
    if (platform.persist_idle()) {
        sync.pulled_saved = sync.pulled_last;
        pulled_tickets_.clear();
    }
    if (!notice.empty() && platform.now_ms() > notice_until_ms) notice.clear();
    sync_tick();
    if (employee_table.dirty) refresh_employee_rows();
    if (session) refresh_requests();  // cheap unless the data, the account or a filter changed
    if (session) refresh_surveys();   // (likewise)
    if (session && !requests.selected_id.empty() && requests.detail_for != requests.selected_id)
        select_request(requests.selected_id);
    if (session) rekom_step();
    if (session) import_step();
}

void App::reload() {
    data = local->load();
    office_ix_.clear();
    position_ix_.clear();
    employee_ix_.clear();
    holders_.clear();
    holder_names_ix_.clear();
    tasks_ix_.clear();
    for (size_t i = 0; i < data.offices.size(); ++i) office_ix_[data.offices[i].id] = i;
    for (size_t i = 0; i < data.positions.size(); ++i) position_ix_[data.positions[i].id] = i;
    for (size_t i = 0; i < data.employees.size(); ++i) {
        const auto& e = data.employees[i];
        employee_ix_[e.id] = i;
        if (!e.archived && !e.position_id.empty()) {
            ++holders_[e.position_id];
            holder_names_ix_[e.position_id].push_back(i);
        }
    }
    bool this_year = false;
    int latest_before = 0;
    const int today = current_year();
    for (size_t i = 0; i < data.tasks.size(); ++i)
        if (!data.tasks[i].archived) {
            tasks_ix_[data.tasks[i].position_id].push_back(i);
            const int y = data.tasks[i].year;
            if (y == today) this_year = true;
            else if (y < today) latest_before = std::max(latest_before, y);
        }
    // This year's tables by default; before anyone filled them in, the latest
    // earlier year (the picker offers every year). A picked year stays.
    if (!abk_year_picked) abk_year = this_year || !latest_before ? today : latest_before;
    refresh_sync_state();
    recompute_abk();
    employee_table.dirty = true;
    // Transfer requests: the list, the actor's scope and the detail are read again.
    actor_.reset();
    load_position_choices();
    requests.dirty = true;
    requests.detail_for.clear();
    surveys.dirty = true;
}

void App::recompute_abk() {
    std::vector<abk::PositionInput> in;
    in.reserve(data.positions.size());
    for (const auto& p : data.positions) {
        if (p.archived) continue;
        abk::PositionInput pi{p.office_id, p.id, holders_of(p.id), {}};
        for (const AbkTask* t : tasks_of(p.id)) {
            if (t->year != abk_year) continue;
            pi.tasks.push_back({t->task, t->output_unit, t->volume, t->period, t->norm_minutes});
        }
        in.push_back(std::move(pi));
    }
    abk::Result r = abk::analyse(in, data.settings);
    abk_positions_.clear();
    for (auto& pr : r.positions) abk_positions_[pr.position] = pr;

    // Office totals: roll_up returns every unit and each ancestor with everything
    // below it (the unit's own positions included).
    auto parent_of = [this](const std::string& id) {
        const Office* o = office(id);
        return o ? o->parent_id : std::string();
    };
    std::unordered_map<std::string, abk::UnitResult> sum;
    auto add = [&](const abk::UnitResult& u) {
        auto& a = sum[u.unit];
        a.unit = u.unit;
        a.workload_minutes += u.workload_minutes;
        a.holders += u.holders;
        a.positions_short += u.positions_short;
        a.positions_surplus += u.positions_surplus;
    };
    for (const auto& u : abk::roll_up(r, data.settings, parent_of)) add(u);
    // Shortage and surplus in persons, per position, added up each unit's ancestors.
    std::unordered_map<std::string, std::pair<double, double>> gaps;
    for (const auto& pr : r.positions) {
        const double gap = pr.needed - pr.holders;
        std::string id = pr.unit;
        for (int d = 0; !id.empty() && d < 64; ++d) {
            auto& g = gaps[id];
            (gap > 0 ? g.first : g.second) += std::abs(gap);
            id = parent_of(id);
        }
    }
    loads_.clear();
    const double wke = data.settings.wke_minutes;
    for (auto& [id, u] : sum) {
        OfficeLoad l;
        l.office_id = id;
        l.needed = wke > 0 ? u.workload_minutes / wke : 0;
        l.needed_rounded = abk::round_needed(l.needed, data.settings);
        l.holders = u.holders;
        if (u.holders > 0) l.eu = l.needed / u.holders;
        l.pu = abk::grade_for(l.eu, data.settings);
        l.positions_short = u.positions_short;
        l.positions_surplus = u.positions_surplus;
        if (auto g = gaps.find(id); g != gaps.end()) std::tie(l.short_persons, l.surplus_persons) = g->second;
        loads_[id] = l;
    }
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
    if (sync_enabled()) schedule_sync(1500);
}

void App::show_notice(std::string key) {
    notice = std::move(key);
    notice_until_ms = platform.now_ms() + 4000;
}

// [SECTION] Navigation, language, session

void App::navigate(Screen s) {
    if (!session && s != Screen::login) return;
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
    if (!session) return false;
    return access::may(session->role, access::Feature::records_edit);
}

void App::finish_login(Session s) {
    // From now on the outbox holds this account's edits: login() refused anyone
    // else while it held another account's, so it is empty or already theirs.
    if (mode_ == "server") {
        sync::set_outbox_owner(local->db(), s.username);
        // For the same reason the other accounts' training answers have reached
        // the server: they leave a shared device (they are private to each leader).
        training::forget_other_users(local->db(), s.username);
    }
    nlohmann::json j = {{"username", s.username}, {"name", s.display_name},
                        {"role", std::string(access::to_string(s.role))}, {"office_id", s.office_id},
                        {"employee_id", s.employee_id},
                        {"token", s.token}, {"offline", s.offline}};
    local->set_meta("session", j.dump());
    platform.request_persist();
    session = std::move(s);
    actor_.reset();
    requests = {};
    request_editor = {};
    rekom_reset();
    login_error.clear();
    login_pending = false;
    screen = Screen::home;
}

void App::login(const std::string& username, const std::string& password) {
    login_error.clear();
    if (username.empty() || password.empty()) {
        login_error = "ui.login.missing";
        return;
    }
    // Unsent edits belong to the account that made them (online or offline): another
    // account may not take over the device (and its queue) until they reached the server.
    if (const std::string owner = sync::outbox_blocked_by(local->db(), username); mode_ == "server" && !owner.empty()) {
        login_error = "ui.login.other_user_pending";
        login_username = owner;
        return;
    }
    login_pending = true;
    // The server binds tokens to a device and a device to one account for ever:
    // one UUIDv7 per browser profile, a new one when another account signs in.
    const nlohmann::json body = sync::login_body(local->db(), username, password, "Seimbang web");
    platform.request_persist();
    HttpRequest req{"POST", "/api/v1/auth/login", body.dump(), "", body["device_id"].get<std::string>()};
    platform.http(req, [this, username, password](const HttpResponse& r) {
        login_pending = false;
        const std::string cred_key = "cred." + username;
        const sync::LoginAnswer a = sync::read_login_answer({r.status, r.body}, username);
        if (r.status == 200) {
            if (!a.ok) {
                login_error = "ui.login.server_error";
                return;
            }
            const auto& u = a.user;
            Session s;
            s.username = username;
            s.display_name = u.value("display_name", u.value("name", username));
            const auto role = access::parse_role(u.value("role", ""));
            if (!role) {  // the permission table does not know it: refused, never a default
                login_error = "ui.login.role_unknown";
                return;
            }
            s.role = *role;
            s.office_id = u.value("office_id", "");
            s.employee_id = u.contains("employee_id") && u["employee_id"].is_string()
                                ? u["employee_id"].get<std::string>()
                                : "";
            s.token = a.token;
            // Demo data never meets an account's data: start from an empty database
            // (the device id stays, the token is bound to it).
            if (mode_ != "server" && local->has_data()) {
                local->reset({"sync.device_id", "cred.", "ui.lang"});
                sync::device_id(local->db());
            }
            store::Db& db = local->db();
            db.transaction([&] {
                store::set_local_meta(db, "app.mode", "server");
                sync::record_login(db, "", a);
                // Keep an Argon2id verifier so the next login works without network
                // (replaces any older SHA-256 verifier of this account).
                nlohmann::json cred = {{"argon2id", make_offline_verifier(password)},
                                       {"name", s.display_name}, {"role", std::string(access::to_string(s.role))},
                                       {"office_id", s.office_id}, {"employee_id", s.employee_id}};
                store::set_local_meta(db, cred_key, cred.dump());
            });
            if (mode_ != "server") sync::install_client(db);
            mode_ = "server";
            reload();
            finish_login(std::move(s));
            schedule_sync(0);
        } else if (r.status == 0) {
            auto c = local->meta(cred_key);
            if (!c) {
                login_error = "ui.login.first_online";
                return;
            }
            auto j = nlohmann::json::parse(*c, nullptr, false);
            const OfflineCheck check = check_offline_credential(j, password);
            if (check == OfflineCheck::mismatch) {
                login_error = "ui.login.wrong";
                return;
            }
            if (check == OfflineCheck::legacy_match) {  // upgrade the stored verifier while the password is known
                j.erase("salt");
                j.erase("verifier");
                j["argon2id"] = make_offline_verifier(password);
                store::set_local_meta(local->db(), cred_key, j.dump());
                platform.request_persist();
            }
            Session s;
            s.username = username;
            s.display_name = j.value("name", username);
            const auto role = stored_role(j.value("role", ""));
            if (!role) {
                login_error = "ui.login.role_unknown";
                return;
            }
            s.role = *role;
            s.office_id = j.value("office_id", "");
            s.employee_id = j.value("employee_id", "");
            s.offline = true;
            // The token of this account (if the server has not refused it) lets the
            // device sync later without a new online login.
            if (mode_ == "server" && local->meta("sync.username").value_or("") == username)
                s.token = local->meta("sync.token").value_or("");
            finish_login(std::move(s));
            schedule_sync(0);
        } else if (r.status == 401 || r.status == 403) {
            login_error = a.error == "auth.user_disabled" ? "auth.user_disabled" : "ui.login.wrong";
        } else if (r.status == 429) {
            login_error = "auth.rate_limited";
        } else if (r.status == 409) {
            login_error = "auth.device_taken";  // (not expected: another account takes a new device id)
        } else {
            login_error = "ui.login.server_error";
        }
    });
}

void App::start_demo() {
    if (mode_ == "server") {
        // This device holds an account's data: never mix demo rows into it, and
        // never drop edits that have not reached the server.
        if (sync::sync_status(local->db()).pending > 0) {
            login_error = "ui.sync.demo_blocked";
            return;
        }
        local->reset({"sync.device_id", "cred.", "ui.lang"});
        mode_.clear();
        reload();
    }
    if (!local->has_data()) {
        Check c = local->seed_demo();
        if (!c.ok()) {
            login_error = "ui.login.demo_failed";
            return;
        }
        reload();
    }
    local->set_meta("app.mode", "demo");
    local->set_meta("demo.local", "1");  // the CLI's marker: `seimbang login` refuses this file too
    mode_ = "demo";
    platform.request_persist();
    Session s;
    s.username = "demo";
    s.display_name = "Operator Demo";
    s.role = Role::operator_;
    for (const auto& o : data.offices)
        if (o.kind == OfficeKind::kecamatan) {
            s.office_id = o.id;
            break;
        }
    s.offline = true;
    finish_login(std::move(s));
}

void App::logout() {
    ++sync_gen_;  // answers of a run in flight are ignored
    run_.reset();
    sync.running = false;
    local->set_meta("session", "");
    platform.request_persist();
    session.reset();
    screen = Screen::login;
    actor_.reset();
    requests = {};
    request_editor = {};
    rekom_reset();
    training = {};  // another user's progress and results are not shown
}

// [SECTION] Employees

void App::new_employee() {
    employee_editor = {};
    employee_editor.open = true;
    employee_editor.is_new = true;
    employee_editor.draft.id = new_uuid_v7();
    employee_editor.adder.choices = competence_choices(competence_tags_in_use());
    employee_editor.draft.office_id = employee_table.office_filter;
    if (employee_editor.draft.office_id.empty() && session && in_scope(session->office_id) &&
        positions_of(session->office_id).size() > 0)
        employee_editor.draft.office_id = session->office_id;
}

void App::edit_employee(const std::string& id) {
    const Employee* e = employee(id);
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
        if (const Employee* before = employee(e.id);
            before && (before->office_id != e.office_id || before->position_id != e.position_id))
            ed.check.error("employee.move_needs_transfer", "position_id");
    if (!e.office_id.empty() && !in_scope(e.office_id)) ed.check.error("scope.forbidden", "office_id");
    // A golongan outside the position's range is allowed (legacy placements) but said.
    if (const Position* p = position(e.position_id)) {
        const auto g = parse_golongan(e.golongan), lo = parse_golongan(p->golongan_min),
                   hi = parse_golongan(p->golongan_max);
        const bool below = g && lo && compare(*g, *lo).value_or(0) < 0;
        const bool above = g && hi && compare(*g, *hi).value_or(0) > 0;
        if (below || above)
            ed.check.warn("employee.golongan_outside_range", "golongan",
                          p->golongan_min + " \xE2\x80\x93 " + p->golongan_max);
    }
    // Reference checks the store also makes, shown inline before saving.
    for (const auto& other : data.employees)
        if (other.id != e.id && !other.archived && other.nip == e.nip && !e.nip.empty()) {
            ed.check.error("nip.duplicate", "nip", other.name);
            break;
        }
    if (const Position* p = position(e.position_id); p && p->office_id != e.office_id)
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
    const Employee* e = employee(employee_id);
    if (!e || !can_edit() || !in_scope(e->office_id)) return;
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
    const Employee* e = employee(d.employee_id);
    if (!e) {
        d.check.error("employee.not_found", "employee_id", d.employee_id);
        return d.check;
    }
    if (!can_edit() || !in_scope(e->office_id)) d.check.error("scope.forbidden", "employee_id");
    store::PlacementNote note;
    const auto date = i18n::parse_date(d.tmt_text);
    if (d.tmt_text.empty()) d.check.error("field.required", "tmt");
    else if (!date.value) d.check.error(date.error, "tmt", d.tmt_text);
    else note.tmt = format_iso_date(*date.value);
    if (d.reason.find_first_not_of(" \t") == std::string::npos) d.check.error("field.required", "reason");
    note.reason = d.reason;
    note.reference = d.reference;
    note.recorded_by = session ? session->username : "";
    note.recorded_ms = platform.unix_seconds() * 1000;
    if (d.action == PlacementAction::correct) {
        // The right office and post are picked within the account's scope.
        if (d.office_id.empty()) d.check.error("field.required", "office_id");
        else if (!in_scope(d.office_id)) d.check.error("scope.forbidden", "office_id");
        if (const Position* p = position(d.position_id); p && p->office_id != d.office_id)
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

void App::refresh_employee_rows() {
    auto& v = employee_table;
    v.dirty = false;
    v.rows.clear();
    std::string needle;
    for (char c : v.search) needle += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto contains = [&](const std::string& hay) {
        if (needle.empty()) return true;
        auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                              [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
        return it != hay.end();
    };
    std::unordered_map<std::string, bool> in_scope;
    auto under = [&](const std::string& office_id, const std::string& root) {
        if (root.empty()) return true;
        std::string key = office_id + "|" + root;
        if (auto it = in_scope.find(key); it != in_scope.end()) return it->second;
        std::string p = office_id;
        bool ok = false;
        for (int d = 0; !p.empty() && d < 64; ++d) {
            if (p == root) {
                ok = true;
                break;
            }
            const Office* o = office(p);
            p = o ? o->parent_id : "";
        }
        in_scope[key] = ok;
        return ok;
    };
    // NIPs are written with spaces ("19660801 198803 1 001"): digits match without them.
    const std::string nip_needle = normalise_nip(needle);
    const bool digits_only = !nip_needle.empty() && std::all_of(nip_needle.begin(), nip_needle.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    const std::string root = session && !reads_all_offices() ? session->office_id : "";
    for (int i = 0; i < static_cast<int>(data.employees.size()); ++i) {
        const auto& e = data.employees[i];
        if (e.archived != v.show_archived) continue;
        if (!under(e.office_id, root) || !under(e.office_id, v.office_filter)) continue;
        if (!needle.empty()) {
            const Position* p = position(e.position_id);
            const bool nip_hit = digits_only && e.nip.find(nip_needle) != std::string::npos;
            if (!nip_hit && !contains(e.name) && !contains(e.nip) && !(p && contains(p->name))) continue;
        }
        v.rows.push_back(i);
    }
    auto key = [&](const Employee& e) -> std::string {
        switch (v.sort_column) {
            case 0: return e.nip;
            case 2: {
                auto g = parse_golongan(e.golongan);
                char buf[8];
                std::snprintf(buf, sizeof buf, "%d%02d", g ? int(g->scale) : 9, g ? g->rank : 0);
                return buf;
            }
            case 3: {
                const Position* p = position(e.position_id);
                return p ? p->name : "";
            }
            case 4: {
                const Office* o = office(e.office_id);
                return o ? o->name : "";
            }
            default: return e.name;
        }
    };
    std::vector<std::pair<std::string, int>> keyed;
    keyed.reserve(v.rows.size());
    for (int i : v.rows) keyed.emplace_back(key(data.employees[i]), i);
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
        return v.sort_ascending ? a.first < b.first : a.first > b.first;
    });
    for (size_t k = 0; k < keyed.size(); ++k) v.rows[k] = keyed[k].second;
}

// [SECTION] ABK tasks

void App::new_task(const std::string& position_id) {
    task_editor = {};
    task_editor.open = true;
    task_editor.is_new = true;
    task_editor.draft.id = new_uuid_v7();
    task_editor.draft.position_id = position_id;
    task_editor.draft.year = abk_year;
}

void App::edit_task(const std::string& id) {
    for (const auto& t : data.tasks)
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
    for (const auto& t : data.tasks)
        if (t.id == ed.draft.id) stored = &t;
    const bool norm_changed = !stored || stored->norm_minutes != ed.draft.norm_minutes;
    const bool volume_changed = !stored || stored->volume != ed.draft.volume || stored->period != ed.draft.period;
    const Settings& st = data.settings;
    const double day_minutes = st.wke_minutes / st.per_day;
    if (norm_changed && ed.draft.norm_minutes > day_minutes && ed.draft.norm_minutes <= st.wke_minutes)
        ed.check.warn("abk.norm_over_day", "norm_minutes", i18n::format_int(std::llround(day_minutes)));
    std::vector<double> usual;
    for (const AbkTask* t : tasks_of(ed.draft.position_id))
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

// [SECTION] Lookups

const Office* App::office(const std::string& id) const {
    auto it = office_ix_.find(id);
    return it == office_ix_.end() ? nullptr : &data.offices[it->second];
}
const Position* App::position(const std::string& id) const {
    auto it = position_ix_.find(id);
    return it == position_ix_.end() ? nullptr : &data.positions[it->second];
}
const Employee* App::employee(const std::string& id) const {
    auto it = employee_ix_.find(id);
    return it == employee_ix_.end() ? nullptr : &data.employees[it->second];
}
std::vector<const Office*> App::children(const std::string& office_id) const {
    std::vector<const Office*> out;
    for (const auto& o : data.offices)
        if (!o.archived && o.parent_id == office_id) out.push_back(&o);
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->name < b->name; });
    return out;
}
std::vector<const Position*> App::positions_of(const std::string& office_id) const {
    std::vector<const Position*> out;
    for (const auto& p : data.positions)
        if (!p.archived && p.office_id == office_id) out.push_back(&p);
    // Heads first, then by name: the way a peta jabatan reads.
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) {
        if (a->is_head != b->is_head) return a->is_head;
        return a->name < b->name;
    });
    return out;
}
std::vector<const Office*> App::subtree(const std::string& office_id) const {
    std::vector<const Office*> out;
    const Office* root = office(office_id);
    if (!root) return out;
    std::vector<const Office*> stack{root};
    while (!stack.empty() && out.size() < data.offices.size()) {
        const Office* o = stack.back();
        stack.pop_back();
        out.push_back(o);
        auto kids = children(o->id);
        stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
    return out;
}
OfficeLoad App::own_load(const std::string& office_id) const {
    OfficeLoad l;
    l.office_id = office_id;
    double minutes = 0;
    for (const Position* p : positions_of(office_id)) {
        l.holders += holders_of(p->id);
        if (const abk::PositionResult* r = abk_position(p->id)) {
            minutes += r->workload_minutes;
            if (r->difference < 0) ++l.positions_short;
            if (r->difference > 0) ++l.positions_surplus;
            const double gap = r->needed - r->holders;
            (gap > 0 ? l.short_persons : l.surplus_persons) += std::abs(gap);
        }
    }
    const double wke = data.settings.wke_minutes;
    l.needed = wke > 0 ? minutes / wke : 0;
    l.needed_rounded = abk::round_needed(l.needed, data.settings);
    if (l.holders > 0) l.eu = l.needed / l.holders;
    l.pu = abk::grade_for(l.eu, data.settings);
    return l;
}
std::vector<const AbkTask*> App::tasks_of(const std::string& position_id) const {
    std::vector<const AbkTask*> out;
    auto it = tasks_ix_.find(position_id);
    if (it != tasks_ix_.end())
        for (size_t i : it->second) out.push_back(&data.tasks[i]);
    return out;
}
const std::vector<size_t>& App::holder_list(const std::string& position_id) const {
    static const std::vector<size_t> none;
    auto it = holder_names_ix_.find(position_id);
    return it == holder_names_ix_.end() ? none : it->second;
}
int App::holders_of(const std::string& position_id) const {
    auto it = holders_.find(position_id);
    return it == holders_.end() ? 0 : it->second;
}
const abk::PositionResult* App::abk_position(const std::string& position_id) const {
    auto it = abk_positions_.find(position_id);
    return it == abk_positions_.end() ? nullptr : &it->second;
}
const OfficeLoad* App::load_of(const std::string& office_id) const {
    auto it = loads_.find(office_id);
    return it == loads_.end() ? nullptr : &it->second;
}
bool App::in_scope(const std::string& office_id) const {
    if (!session) return false;
    const access::Reach reach = access::read_reach(session->role);
    if (reach == access::Reach::everything) return true;
    if (reach == access::Reach::own_records) {
        const Employee* me = own_employee();
        return me && me->office_id == office_id;
    }
    std::string p = office_id;
    for (int d = 0; !p.empty() && d < 64; ++d) {
        if (p == session->office_id) return true;
        const Office* o = office(p);
        p = o ? o->parent_id : "";
    }
    return false;
}
std::vector<const Office*> App::scope_offices() const {
    if (!session) return {};
    if (reads_all_offices()) {
        std::vector<const Office*> out;
        for (const Office* root : children(""))
            for (const Office* o : subtree(root->id)) out.push_back(o);
        return out;
    }
    return subtree(session->office_id);
}
bool App::reads_all_offices() const {
    return session && access::read_reach(session->role) == access::Reach::everything;
}
const Employee* App::own_employee() const {
    return session && !session->employee_id.empty() ? employee(session->employee_id) : nullptr;
}
std::string App::account_name() const {
    if (!session) return {};
    if (const Employee* me = own_employee()) return me->name;
    return session->display_name;
}
int App::current_year() const { return utc_date(platform.unix_seconds()).year; }
std::vector<int> App::abk_years() const {
    std::vector<int> out{current_year(), abk_year};
    for (const auto& t : data.tasks)
        if (!t.archived) out.push_back(t.year);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}
void App::set_abk_year(int year) {
    abk_year = year;
    abk_year_picked = true;
    recompute_abk();
}
std::vector<const OfficeLoad*> App::loads_by_pressure() const {
    std::vector<const OfficeLoad*> out;
    for (const auto& o : data.offices) {
        if (o.archived || (o.kind != OfficeKind::kelurahan && o.kind != OfficeKind::kecamatan)) continue;
        if (!in_scope(o.id)) continue;  // another office's figures are not in this copy
        if (const OfficeLoad* l = load_of(o.id)) out.push_back(l);
    }
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) {
        double ea = a->eu.value_or(a->needed > 0 ? 1e9 : 0), eb = b->eu.value_or(b->needed > 0 ? 1e9 : 0);
        return ea > eb;
    });
    return out;
}
std::string App::office_path(const std::string& office_id) const {
    std::vector<std::string> names;
    std::string p = office_id;
    for (int d = 0; !p.empty() && d < 64; ++d) {
        const Office* o = office(p);
        if (!o) break;
        names.push_back(o->name);
        p = o->parent_id;
    }
    std::string s;
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
        if (!s.empty()) s += " \xE2\x80\xBA ";
        s += *it;
    }
    return s;
}

}  // namespace seimbang::app

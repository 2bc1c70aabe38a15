// Sync from the app (browser and desktop) over the platform's asynchronous HTTP,
// with the transport-free client of shared/sync (docs/SYNC.md). One run pushes
// the outbox batch by batch, then pulls pages until the cursor is current; every
// step commits before the next request, so a run cut anywhere (tab closed,
// network lost) continues from there next time. Runs start automatically: after
// a save (debounced), on a timer with backoff, when the browser comes back
// online, and after sign-in. A demo database never syncs.
#include <cstdio>
#include <random>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "store/db.h"
#include "store/repo.h"
#include "settings/settings_doc.h"
#include "sync/blobs.h"
#include "sync/client.h"
#include "sync/hlc.h"

namespace seimbang::app {

using nlohmann::json;

namespace {
constexpr double kPeriodicMs = 60 * 1000;  // look for others' changes while idle
constexpr size_t kPushBatch = 200;
constexpr int kPullPage = 2000;

uint64_t random64() {
    static std::mt19937_64 rng(std::random_device{}());
    return rng();
}

std::string display(const json& v) {
    if (v.is_null() || v.is_discarded()) return "-";
    if (v.is_string()) return v.get<std::string>().empty() ? "-" : v.get<std::string>();
    if (v.is_boolean()) return std::string(i18n::tr(v.get<bool>() ? "ui.yes" : "ui.no"));
    if (v.is_number()) {
        // 55 rather than 55.0; decimals with the language's separator.
        const double d = v.get<double>();
        char buf[48];
        if (d == static_cast<double>(static_cast<long long>(d))) {
            std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
        } else {
            std::snprintf(buf, sizeof buf, "%.2f", d);
            if (i18n::current() == i18n::Lang::id)
                for (char* c = buf; *c; ++c)
                    if (*c == '.') *c = ',';
        }
        return buf;
    }
    return v.dump();
}
}  // namespace

// [SECTION] State for the screens

void App::refresh_sync_state() {
    store::Db& db = local->db();
    sync::SyncStatus st;
    try {
        st = sync::sync_status(db);
    } catch (const std::exception&) {
        return;
    }
    outbox.pending = static_cast<int>(st.pending);
    outbox.oldest_unix = st.oldest_pending_ms / 1000;
    last_sync_unix = st.last_sync_ms / 1000;
    sync.account = mode_ == "server";
    sync.last_ok_unix = st.last_sync_ms / 1000;
    sync.last_attempt_unix = st.last_attempt_ms / 1000;
    sync.last_error = st.last_error;
    sync.first_pull_done = st.cursor > 0 && st.last_sync_ms > 0;
    sync.rejected = static_cast<int>(st.rejected);
    sync.conflicts = static_cast<int>(st.conflicts);

    rejected.clear();
    for (const auto& r : sync::list_rejected(db)) {
        RejectedItem it;
        it.counter = r.counter;
        it.table = r.table;
        it.row_id = r.row_id;
        it.op = r.op;
        it.reason_code = r.reason;
        it.detail = r.detail;
        if (r.body.is_object() && r.body.contains("fields")) it.fields_json = r.body["fields"].dump();
        it.at = r.rejected_ms / 1000;
        it.edited_at = r.created_ms / 1000;
        rejected.push_back(std::move(it));
    }
    conflicts.clear();
    for (const auto& c : sync::list_conflicts(db)) {
        ConflictItem it;
        it.id = c.id;
        it.table = c.table;
        it.row_id = c.row_id;
        it.field = c.field;
        it.base = display(c.base);
        it.mine = display(c.mine);
        it.theirs = display(c.theirs);
        it.kept = c.kept;
        it.mine_by = c.mine_user;
        it.theirs_by = c.theirs_user;
        it.mine_at = sync::hlc_wall(c.mine_hlc) / 1000;
        it.theirs_at = sync::hlc_wall(c.theirs_hlc) / 1000;
        it.at = c.recorded_ms / 1000;
        conflicts.push_back(std::move(it));
    }
}

std::string App::record_label(const std::string& table, const std::string& row_id,
                              const std::string& fields_json) const {
    json f = fields_json.empty() ? json() : json::parse(fields_json, nullptr, false);
    auto field = [&](const char* k) -> std::string {
        return f.is_object() && f.contains(k) && f[k].is_string() ? f[k].get<std::string>() : "";
    };
    std::string kind = i18n::has("ui.table." + table, i18n::current()) ? std::string(i18n::tr("ui.table." + table))
                                                                        : table;
    std::string name;
    if (table == "employees") {
        if (const Employee* e = employee(row_id)) name = e->name + " (" + e->nip + ")";
        else if (!field("name").empty()) name = field("name") + (field("nip").empty() ? "" : " (" + field("nip") + ")");
    } else if (table == "positions") {
        if (const Position* p = position(row_id)) name = p->name;
        else name = field("name");
    } else if (table == "offices") {
        if (const Office* o = office(row_id)) name = o->name;
        else name = field("name");
    } else if (table == "abk_tasks") {
        for (const auto& t : data.tasks)
            if (t.id == row_id) name = t.task;
        if (name.empty()) name = field("task");
    }
    if (name.empty()) name = row_id.substr(0, 8);
    return kind + " \xC2\xB7 " + name;
}

void App::dismiss_rejected(long long counter) {
    sync::dismiss_rejected(local->db(), counter);
    platform.request_persist();
    refresh_sync_state();
}

Check App::resolve_conflict(long long id, bool keep_mine) {
    Check c = sync::resolve_conflict(local->db(), id, keep_mine ? sync::Resolution::keep_mine
                                                                : sync::Resolution::take_theirs);
    if (c.ok()) {
        committed();  // an ordinary local edit when the value changes: saved, flushed, synced
        show_notice("ui.sync.resolved");
    }
    return c;
}

// [SECTION] Scheduling

bool App::sync_enabled() const {
    return session && mode_ == "server" && !session->token.empty() && auth_ended_.empty();
}

void App::schedule_sync(double delay_ms) {
    const double at = platform.now_ms() + delay_ms;
    if (sync_due_ms_ == 0 || at < sync_due_ms_ || delay_ms > 0) sync_due_ms_ = std::max(at, 1.0);
    sync.next_ms = sync_due_ms_;
}

void App::sync_now() {
    sync.failures = 0;
    schedule_sync(0);
}

void App::sync_tick() {
    const bool was_online = online;
    online = platform.online();
    if (online && !was_online && sync_enabled()) schedule_sync(0);  // the network is back
    // A refused token: back to Masuk (the local edits stay), once no form is open.
    if (!auth_ended_.empty() && !employee_editor.open && !task_editor.open) {
        login_error = auth_ended_;
        auth_ended_.clear();
        const std::string user = session ? session->username : "";
        logout();
        login_username = user;
        return;
    }
    if (!sync_enabled() || sync.running || !online) return;
    if (sync_due_ms_ > 0 && platform.now_ms() >= sync_due_ms_) sync_start();
}

// [SECTION] One run

void App::sync_start() {
    sync_due_ms_ = 0;
    sync.running = true;
    sync.pulled_last = sync.pulled_saved = 0;
    pulled_tickets_.clear();
    sync_resnapshotted_ = false;
    sync_restored_ = false;
    sync_changed_ = false;
    ++sync_gen_;
    sync_push_step();
}

std::string App::http_error(const HttpResponse& r) const {
    if (r.status == 0) return "network";
    auto j = json::parse(r.body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object())
        return j["error"].value("code", "http." + std::to_string(r.status));
    return "http." + std::to_string(r.status);
}

void App::sync_push_step() {
    store::Db& db = local->db();
    // The server attributes a push to the token's account: edits another account
    // made (e.g. in an offline session) are kept for that account, never sent here.
    if (!sync::outbox_blocked_by(db, session->username).empty()) return sync_finish(false, "sync.outbox_other_user");
    auto batch = sync::build_push(db, kPushBatch);
    if (!batch) return sync_blob_step();
    const unsigned gen = sync_gen_;
    const size_t count = batch->count;
    HttpRequest req{"POST", "/api/v1/sync/push", batch->body.dump(), session->token, sync::device_id(db)};
    platform.http(req, [this, gen, count](const HttpResponse& r) {
        if (gen != sync_gen_) return;  // signed out meanwhile
        store::Db& db = local->db();
        if (r.status == 401) return sync_auth_failed(http_error(r));
        if (r.status == 200) {
            auto j = json::parse(r.body, nullptr, false);
            if (!j.is_object()) return sync_finish(false, "server.error");
            sync::PushSummary s = sync::apply_push_response(db, j);
            platform.request_persist();
            if (s.conflict || s.rejected) sync_changed_ = true;
            refresh_sync_state();
            if (s.retry > 0 && s.retry == static_cast<int>(count)) return sync_finish(false, "sync.retry");
            return sync_push_step();
        }
        const std::string code = http_error(r);
        if (r.status == 409 && !sync_restored_) {
            // The server was restored from a backup: what it lacks goes again
            // (sync::begin_restore), then the whole scope is pulled.
            if (auto g = sync::generation_change(db, json::parse(r.body, nullptr, false))) {
                sync_restore(*g);
                return sync_push_step();
            }
        }
        if (r.status == 403 && (code.rfind("scope.", 0) == 0 || code == "role.read_only")) {
            sync::PushSummary s = sync::apply_push_forbidden(db, json::parse(r.body, nullptr, false));
            platform.request_persist();
            sync_changed_ = true;
            if (s.rejected == 0) return sync_finish(false, code);
            return sync_push_step();
        }
        sync_finish(false, code);
    });
}

// Documents after the records that name them (docs/WORKFLOW.md §9): the same
// resumable steps as the CLI's run_sync (sync::BlobUploader), over the
// platform's asynchronous HTTP, one request at a time. An interrupted upload
// continues next run from what the server says it holds.
void App::sync_blob_step() {
    store::Db& db = local->db();
    if (!blob_upload_) blob_upload_ = std::make_unique<sync::BlobUploader>();
    auto req = blob_upload_->next(db);
    if (!req) {
        blob_upload_.reset();
        return sync_after_push();
    }
    const unsigned gen = sync_gen_;
    HttpRequest h{req->method, req->path, std::move(req->body), session->token, sync::device_id(db)};
    platform.http(h, [this, gen](const HttpResponse& r) {
        if (gen != sync_gen_ || !blob_upload_) return;
        if (r.status == 401) {
            blob_upload_.reset();
            return sync_auth_failed(http_error(r));
        }
        const bool go_on = blob_upload_->answer(local->db(), r.status, r.body);
        platform.request_persist();
        if (!go_on) {
            const std::string error = blob_upload_->report().error;
            blob_upload_.reset();
            return sync_finish(false, error);
        }
        sync_blob_step();
    });
}

void App::sync_after_push() {
    store::Db& db = local->db();
    if (store::get_local_meta(db, "sync.resnapshot_pending") == "1") {
        sync::begin_resnapshot(db);
        sync_resnapshotted_ = true;
        sync_changed_ = true;
    }
    sync_pull_step();
}

void App::sync_pull_step() { sync_pull_request(sync::pull_path(local->db(), kPullPage)); }

namespace {
// The request for the page after `page` (same limit and snapshot flag as `path`,
// the format of sync::pull_path), or "" when there is none.
std::string next_pull_path(const std::string& path, const json& page) {
    if (!page.value("more", false) || !page.contains("cursor") || !page["cursor"].is_number_integer()) return "";
    return "/api/v1/sync/pull?cursor=" + std::to_string(page["cursor"].get<int64_t>()) +
           "&limit=" + std::to_string(kPullPage) + (path.find("&snapshot=1") != std::string::npos ? "&snapshot=1" : "");
}
}  // namespace

void App::sync_pull_request(const std::string& path) {
    store::Db& db = local->db();
    const unsigned gen = sync_gen_;
    HttpRequest req{"GET", path, "", session->token, sync::device_id(db)};
    platform.http(req, [this, gen, path](const HttpResponse& r) {
        if (gen != sync_gen_) return;
        // A platform that answers at once delivers the next page while this one
        // is still being applied: it waits its turn.
        if (pull_applying_) {
            pull_waiting_ = PulledAnswer{path, r};
            return;
        }
        sync_pull_answer(path, r);
    });
}

void App::sync_pull_answer(const std::string& path, const HttpResponse& r) {
    store::Db& db = local->db();
    if (r.status == 401) return sync_auth_failed(http_error(r));
    if (r.status == 410 && !sync_resnapshotted_) {  // too old for the change log: fetch the scope again
        sync::begin_resnapshot(db);
        sync_resnapshotted_ = sync_changed_ = true;
        return sync_pull_step();
    }
    if (r.status != 200) return sync_finish(false, http_error(r));
    auto j = json::parse(r.body, nullptr, false);
    if (!j.is_object()) return sync_finish(false, "server.error");
    // The next page is asked for before this one is applied: the server reads and
    // sends it while this device applies (a first pull is 15 pages at Kota scale).
    // Its answer is only applied after this page committed, and dropped (new
    // generation) when this one fails.
    pull_applying_ = true;
    const std::string next = next_pull_path(path, j);
    if (!next.empty()) sync_pull_request(next);
    sync::PullResult p;
    try {
        p = sync::apply_pull_page(db, j);
    } catch (const std::exception&) {
        pull_applying_ = false;
        pull_waiting_.reset();
        ++sync_gen_;
        return sync_finish(false, "sync.apply_failed");
    }
    pull_applying_ = false;
    if (p.generation) {  // a restored server: nothing of the page was applied
        pull_waiting_.reset();
        ++sync_gen_;  // the page asked for ahead is of no use now
        if (sync_restored_) return sync_finish(false, "sync.generation_changed");
        sync_restore(*p.generation);
        return sync_push_step();
    }
    platform.request_persist();  // each applied page goes to IndexedDB
    sync.pulled_last += p.applied;
    pulled_tickets_.emplace_back(platform.persist_ticket(), sync.pulled_last);
    if (p.applied) sync_changed_ = true;
    if (p.more) {
        if (next.empty()) return sync_pull_step();
        if (pull_waiting_) {
            PulledAnswer w = std::move(*pull_waiting_);
            pull_waiting_.reset();
            return sync_pull_answer(w.path, w.response);
        }
        return;  // the next page's answer continues the run
    }
    if (p.checksum_checked && !p.checksum_ok) {
        if (!sync_resnapshotted_) {  // drift: fetch the scope again, once
            sync::begin_resnapshot(db);
            sync_resnapshotted_ = sync_changed_ = true;
            return sync_pull_step();
        }
        return sync_finish(false, "sync.checksum_mismatch");
    }
    sync_reference_step();
}

// The instansi's positions as reference data (destination pickers of transfer
// requests; GET /api/v1/reference/positions, docs/SYNC.md §6.2): fetched when
// the server's version differs from the one kept in local_meta. Not having it
// never fails a sync: the picker then offers this device's own positions.
void App::sync_reference_step() {
    store::Db& db = local->db();
    const std::string have = store::get_local_meta(db, "ref.positions.version", "");
    const unsigned gen = sync_gen_;
    HttpRequest req{"GET", "/api/v1/reference/positions" + (have.empty() ? std::string() : "?version=" + have), "",
                    session->token, sync::device_id(db)};
    platform.http(req, [this, gen](const HttpResponse& r) {
        if (gen != sync_gen_) return;
        if (r.status == 401) return sync_auth_failed(http_error(r));
        if (r.status == 200) {
            auto j = json::parse(r.body, nullptr, false);
            if (j.is_object() && j.contains("positions") && j["positions"].is_array() && j.contains("version")) {
                store::Db& db = local->db();
                db.transaction([&] {
                    store::set_local_meta(db, "ref.positions", r.body);
                    store::set_local_meta(db, "ref.positions.version", j["version"].dump());
                });
                platform.request_persist();
                sync_changed_ = true;
            }
        }
        sync_settings_step();
    });
}

// The rule settings BKPSDM set (GET /api/v1/settings, docs/SETTINGS.md), so this
// copy computes ABK, grades and rules with the same values as every office.
// Fetched when the server's version differs; not having them never fails a sync.
void App::sync_settings_step() {
    store::Db& db = local->db();
    const unsigned gen = sync_gen_;
    HttpRequest req{"GET", settings::handed_down_path(db), "", session->token, sync::device_id(db)};
    platform.http(req, [this, gen](const HttpResponse& r) {
        if (gen != sync_gen_) return;
        if (r.status == 401) return sync_auth_failed(http_error(r));
        if (r.status == 200 && settings::apply_handed_down(local->db(), json::parse(r.body, nullptr, false))) {
            platform.request_persist();
            sync_changed_ = true;
        }
        sync_survey_step();
    });
}

void App::sync_restore(const sync::GenerationChange& g) {
    sync::begin_restore(local->db(), g);
    platform.request_persist();
    sync_restored_ = sync_changed_ = true;
}

// After the first complete pull from a restored server the rows it lost are in
// the outbox: sync_finish runs again at once for them (outbox.pending > 0).
void App::sync_finish(bool ok, const std::string& error) {
    sync::record_sync_attempt(local->db(), ok, error);
    platform.request_persist();
    sync.running = false;
    sync.failures = ok ? 0 : sync.failures + 1;
    request_decided(ok);
    if (sync_changed_) reload();
    else refresh_sync_state();
    sync_changed_ = false;
    // Edits made during the run go right away; otherwise look again later, or
    // back off after a failure (1 s doubling up to 5 min, with jitter).
    if (ok) schedule_sync(outbox.pending > 0 ? 0 : kPeriodicMs);
    else schedule_sync(static_cast<double>(sync::retry_delay_ms(sync.failures, random64())));
}

void App::sync_auth_failed(const std::string& code) {
    store::Db& db = local->db();
    sync::record_sync_attempt(db, false, code.empty() ? "auth.invalid_token" : code);
    store::set_local_meta(db, "sync.token", "");
    platform.request_persist();
    sync.running = false;
    ++sync_gen_;
    if (session) session->token.clear();
    auth_ended_ = code == "auth.device_revoked" ? "ui.sync.device_revoked" : "ui.sync.session_ended";
    refresh_sync_state();
}

}  // namespace seimbang::app

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
#include "sync/client.h"
#include "sync/hlc.h"
#include "sync/login.h"
#include "sync/run.h"

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
    sync.account = login.server_mode();
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
        if (const Employee* e = workload.employee(row_id)) name = e->name + " (" + e->nip + ")";
        else if (!field("name").empty()) name = field("name") + (field("nip").empty() ? "" : " (" + field("nip") + ")");
    } else if (table == "positions") {
        if (const Position* p = workload.position(row_id)) name = p->name;
        else name = field("name");
    } else if (table == "offices") {
        if (const Office* o = workload.office(row_id)) name = o->name;
        else name = field("name");
    } else if (table == "abk_tasks") {
        for (const auto& t : workload.data.tasks)
            if (t.id == row_id) name = t.task;
        if (name.empty()) name = field("task");
    } else if (table == "training_progress") {  // the row is the lesson or case id
        if (const auto* l = training::find_lesson(row_id)) name = l->title.now();
        else if (const auto* k = training::find_case(row_id)) name = k->title.now();
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
    return login.session && login.server_mode() && !login.session->token.empty() && auth_ended_.empty();
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
        login.error = auth_ended_;
        auth_ended_.clear();
        const std::string user = login.session ? login.session->username : "";
        login.sign_out();
        login.prefilled_username = user;
        return;
    }
    if (!sync_enabled() || sync.running || !online) return;
    if (sync_due_ms_ > 0 && platform.now_ms() >= sync_due_ms_) sync_start();
}

// [SECTION] One run
//
// The run itself is the core's state machine (sync::SyncRun, docs/SYNC.md §10):
// it names each request and decides the next step from each answer. The app
// sends the requests over the platform's asynchronous HTTP, one per answer, and
// refreshes what the screens show as the steps land.

void App::sync_start() {
    sync_due_ms_ = 0;
    sync.running = true;
    sync.pulled_last = sync.pulled_saved = 0;
    pulled_tickets_.clear();
    pull_applying_ = false;
    pull_waiting_.reset();
    ++sync_gen_;
    sync::SyncOptions o;
    o.batch = kPushBatch;
    o.page = kPullPage;
    // After the pull: the instansi's positions (destination pickers), the rule
    // settings BKPSDM set (docs/SETTINGS.md), the survey campaigns.
    o.follow_ups = {sync::reference_positions_follow_up(), settings::handed_down_follow_up(), survey_follow_up()};
    run_ = std::make_unique<sync::SyncRun>(std::move(o));
    sync_send();
}

void App::sync_send() {
    auto next = run_->next(local->db());
    if (!next) return sync_finish();
    sync_http(*next);
}

void App::sync_http(const sync::SyncRequest& q) {
    const unsigned gen = sync_gen_;
    HttpRequest req{q.method, q.path, q.body, login.session->token, sync::device_id(local->db())};
    platform.http(req, [this, gen, path = q.path](const HttpResponse& r) {
        if (gen != sync_gen_ || !run_) return;  // signed out, or the run went elsewhere meanwhile
        // A platform that answers at once delivers the page asked for ahead while
        // the current one is still being applied: it waits its turn.
        if (pull_applying_) {
            pull_waiting_ = PulledAnswer{path, r};
            return;
        }
        sync_answer(r);
    });
}

void App::sync_answer(const HttpResponse& r) {
    store::Db& db = local->db();
    const sync::SyncRun::Step step = run_->step();
    const int pages_before = run_->report().pages;
    // A pull page that says more: the next page is asked for before this one is
    // applied (the server reads and sends it meanwhile).
    std::string ahead;
    pull_applying_ = true;
    run_->answer(db, {r.status, r.body}, [&](const sync::SyncRequest& next) {
        ahead = next.path;
        sync_http(next);
    });
    pull_applying_ = false;
    platform.request_persist();  // what the step wrote goes to IndexedDB (a pulled page in one flush)
    if (step == sync::SyncRun::Step::push) refresh_sync_state();
    if (run_->report().pages != pages_before) {
        sync.pulled_last = run_->report().pulled;
        pulled_tickets_.emplace_back(platform.persist_ticket(), sync.pulled_last);
    }
    auto next = run_->next(db);
    if (!ahead.empty()) {
        if (next && next->path == ahead) {  // the page asked ahead is the next step
            if (!pull_waiting_) return;     // its answer continues the run
            PulledAnswer w = std::move(*pull_waiting_);
            pull_waiting_.reset();
            return sync_answer(w.response);
        }
        ++sync_gen_;  // the run went elsewhere (failed, re-snapshot, restore): that page is of no use
        pull_waiting_.reset();
    }
    if (!next) return sync_finish();
    sync_http(*next);
}

// After the first complete pull from a restored server the rows it lost were
// pushed in the same run (sync::SyncRun); edits made during the run go at once.
void App::sync_finish() {
    const sync::SyncReport rep = run_->report();
    if (rep.auth_failed) return sync_auth_failed(rep.error);
    run_.reset();
    platform.request_persist();
    sync.running = false;
    sync.failures = rep.ok ? 0 : sync.failures + 1;
    request_decided(rep.ok);
    if (rep.changed) reload();
    else refresh_sync_state();
    // Edits made during the run go right away; otherwise look again later, or
    // back off after a failure (1 s doubling up to 5 min, with jitter).
    if (rep.ok) schedule_sync(outbox.pending > 0 ? 0 : kPeriodicMs);
    else schedule_sync(static_cast<double>(sync::retry_delay_ms(sync.failures, random64())));
}

// A refused token (401) during a run or another request: forgotten, and back to
// Masuk once no form is open (the local edits stay).
void App::sync_auth_failed(const std::string& code) {
    store::Db& db = local->db();
    if (!run_) sync::record_sync_attempt(db, false, code);  // (a run records its own end)
    run_.reset();
    sync::forget_token(db);
    platform.request_persist();
    sync.running = false;
    ++sync_gen_;
    if (login.session) login.session->token.clear();
    auth_ended_ = code == "auth.device_revoked" ? "ui.sync.device_revoked" : "ui.sync.session_ended";
    refresh_sync_state();
}

}  // namespace seimbang::app

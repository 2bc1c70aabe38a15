// SyncSession (sync_session.h): sync from the app (browser and desktop) over the
// platform's asynchronous HTTP, with the transport-free client of shared/sync (docs/SYNC.md). One run pushes
// the outbox batch by batch, then pulls pages until the cursor is current; every
// step commits before the next request, so a run cut anywhere (tab closed,
// network lost) continues from there next time. Runs start automatically: after
// a save (debounced), on a timer with backoff, when the browser comes back
// online, and after sign-in. A demo database never syncs.
#include "app/sync_session.h"

#include <algorithm>
#include <cstdio>
#include <random>

#include <nlohmann/json.hpp>

#include "i18n/strings.h"
#include "store/db.h"
#include "store/repo.h"
#include "settings/settings_doc.h"
#include "sync/client.h"
#include "sync/hlc.h"
#include "sync/login.h"
#include "sync/run.h"
#include "training/content.h"

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

SyncSession::SyncSession(Platform& platform, LocalData& local, Login& login, const WorkloadModel& workload,
                         Hooks hooks)
    : platform_(platform), local_(local), login_(login), workload_(workload), hooks_(std::move(hooks)) {}

SyncSession::~SyncSession() = default;

// [SECTION] State for the screens

void SyncSession::refresh() {
    store::Db& db = local_.db();
    sync::SyncStatus st;
    try {
        st = sync::sync_status(db);
    } catch (const std::exception&) {
        return;
    }
    outbox.pending = static_cast<int>(st.pending);
    outbox.oldest_unix = st.oldest_pending_ms / 1000;
    view.account = login_.server_mode();
    view.last_ok_unix = st.last_sync_ms / 1000;
    view.last_attempt_unix = st.last_attempt_ms / 1000;
    view.last_error = st.last_error;
    view.first_pull_done = st.cursor > 0 && st.last_sync_ms > 0;
    view.rejected = static_cast<int>(st.rejected);
    view.conflicts = static_cast<int>(st.conflicts);

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

std::string SyncSession::record_label(const std::string& table, const std::string& row_id,
                              const std::string& fields_json) const {
    json f = fields_json.empty() ? json() : json::parse(fields_json, nullptr, false);
    auto field = [&](const char* k) -> std::string {
        return f.is_object() && f.contains(k) && f[k].is_string() ? f[k].get<std::string>() : "";
    };
    std::string kind = i18n::has("ui.table." + table, i18n::current()) ? std::string(i18n::tr("ui.table." + table))
                                                                        : table;
    std::string name;
    if (table == "employees") {
        if (const Employee* e = workload_.employee(row_id)) name = e->name + " (" + e->nip + ")";
        else if (!field("name").empty()) name = field("name") + (field("nip").empty() ? "" : " (" + field("nip") + ")");
    } else if (table == "positions") {
        if (const Position* p = workload_.position(row_id)) name = p->name;
        else name = field("name");
    } else if (table == "offices") {
        if (const Office* o = workload_.office(row_id)) name = o->name;
        else name = field("name");
    } else if (table == "abk_tasks") {
        for (const auto& t : workload_.data.tasks)
            if (t.id == row_id) name = t.task;
        if (name.empty()) name = field("task");
    } else if (table == "training_progress") {  // the row is the lesson or case id
        if (const auto* l = training::find_lesson(row_id)) name = l->title.now();
        else if (const auto* k = training::find_case(row_id)) name = k->title.now();
    }
    if (name.empty()) name = row_id.substr(0, 8);
    return kind + " \xC2\xB7 " + name;
}

void SyncSession::dismiss_rejected(long long counter) {
    sync::dismiss_rejected(local_.db(), counter);
    platform_.request_persist();
    refresh();
}

Check SyncSession::resolve_conflict(long long id, bool keep_mine) {
    Check c = sync::resolve_conflict(local_.db(), id, keep_mine ? sync::Resolution::keep_mine
                                                                : sync::Resolution::take_theirs);
    if (c.ok()) {
        hooks_.committed("ui.sync.resolved");  // an ordinary local edit when the value changes: saved, flushed, synced
    }
    return c;
}

// [SECTION] Scheduling

bool SyncSession::enabled() const {
    return login_.session && login_.server_mode() && !login_.session->token.empty() && !login_.session->online_only &&
           auth_ended_.empty();
}

void SyncSession::schedule(double delay_ms) {
    const double at = platform_.now_ms() + delay_ms;
    if (due_ms_ == 0 || at < due_ms_ || delay_ms > 0) due_ms_ = std::max(at, 1.0);
    view.next_ms = due_ms_;
}

void SyncSession::tick() {
    track_durable();
    poll();
}

// Every change committed so far is durable: so are the rows pulled so far.
// Otherwise the rows of each page whose flush completed.
void SyncSession::track_durable() {
    const long long durable = platform_.persisted_ticket();
    size_t done = 0;
    while (done < pulled_tickets_.size() && pulled_tickets_[done].first <= durable)
        view.pulled_saved = pulled_tickets_[done++].second;
    pulled_tickets_.erase(pulled_tickets_.begin(), pulled_tickets_.begin() + static_cast<long>(done));
    if (platform_.persist_idle()) {
        view.pulled_saved = view.pulled_last;
        pulled_tickets_.clear();
    }
}

void SyncSession::stop() {
    ++gen_;  // answers of a run in flight are ignored
    run_.reset();
    view.running = false;
}

void SyncSession::now() {
    view.failures = 0;
    schedule(0);
}

void SyncSession::poll() {
    const bool was_online = online;
    online = platform_.online();
    if (online && !was_online && enabled()) schedule(0);  // the network is back
    // A refused token: back to Masuk (the local edits stay), once no form is open.
    if (!auth_ended_.empty() && !hooks_.form_open()) {
        login_.error = auth_ended_;
        auth_ended_.clear();
        const std::string user = login_.session ? login_.session->username : "";
        login_.sign_out();
        login_.prefilled_username = user;
        return;
    }
    if (!enabled() || view.running || !online) return;
    if (due_ms_ > 0 && platform_.now_ms() >= due_ms_) start();
}

// [SECTION] One run
//
// The run itself is the core's state machine (sync::SyncRun, docs/SYNC.md §10):
// it names each request and decides the next step from each answer. The app
// sends the requests over the platform's asynchronous HTTP, one per answer, and
// refreshes what the screens show as the steps land.

void SyncSession::start() {
    due_ms_ = 0;
    view.running = true;
    view.pulled_last = view.pulled_saved = 0;
    pulled_tickets_.clear();
    pull_applying_ = false;
    pull_waiting_.reset();
    ++gen_;
    sync::SyncOptions o;
    o.batch = kPushBatch;
    o.page = kPullPage;
    // After the pull: the instansi's positions (destination pickers), the rule
    // settings BKPSDM set (docs/SETTINGS.md), the survey campaigns.
    o.follow_ups = {sync::reference_positions_follow_up(), settings::handed_down_follow_up()};
    for (auto& f : hooks_.follow_ups()) o.follow_ups.push_back(std::move(f));
    run_ = std::make_unique<sync::SyncRun>(std::move(o));
    send();
}

void SyncSession::send() {
    auto next = run_->next(local_.db());
    if (!next) return finish();
    http(*next);
}

void SyncSession::http(const sync::SyncRequest& q) {
    const unsigned gen = gen_;
    HttpRequest req{q.method, q.path, q.body, login_.session->token, sync::device_id(local_.db())};
    platform_.http(req, [this, gen, path = q.path](const HttpResponse& r) {
        if (gen != gen_ || !run_) return;  // signed out, or the run went elsewhere meanwhile
        // A platform that answers at once delivers the page asked for ahead while
        // the current one is still being applied: it waits its turn.
        if (pull_applying_) {
            pull_waiting_ = PulledAnswer{path, r};
            return;
        }
        answer(r);
    });
}

void SyncSession::answer(const HttpResponse& r) {
    store::Db& db = local_.db();
    const sync::SyncRun::Step step = run_->step();
    const int pages_before = run_->report().pages;
    // A pull page that says more: the next page is asked for before this one is
    // applied (the server reads and sends it meanwhile).
    std::string ahead;
    pull_applying_ = true;
    run_->answer(db, {r.status, r.body}, [&](const sync::SyncRequest& next) {
        ahead = next.path;
        http(next);
    });
    pull_applying_ = false;
    platform_.request_persist();  // what the step wrote goes to IndexedDB (a pulled page in one flush)
    if (step == sync::SyncRun::Step::push) refresh();
    if (run_->report().pages != pages_before) {
        view.pulled_last = run_->report().pulled;
        pulled_tickets_.emplace_back(platform_.persist_ticket(), view.pulled_last);
    }
    auto next = run_->next(db);
    if (!ahead.empty()) {
        if (next && next->path == ahead) {  // the page asked ahead is the next step
            if (!pull_waiting_) return;     // its answer continues the run
            PulledAnswer w = std::move(*pull_waiting_);
            pull_waiting_.reset();
            return answer(w.response);
        }
        ++gen_;  // the run went elsewhere (failed, re-snapshot, restore): that page is of no use
        pull_waiting_.reset();
    }
    if (!next) return finish();
    http(*next);
}

// After the first complete pull from a restored server the rows it lost were
// pushed in the same run (sync::SyncRun); edits made during the run go at once.
void SyncSession::finish() {
    const sync::SyncReport rep = run_->report();
    if (rep.auth_failed) return auth_failed(rep.error);
    run_.reset();
    platform_.request_persist();
    view.running = false;
    view.failures = rep.ok ? 0 : view.failures + 1;
    hooks_.finished(rep);
    // Edits made during the run go right away; otherwise look again later, or
    // back off after a failure (1 s doubling up to 5 min, with jitter).
    if (rep.ok) schedule(outbox.pending > 0 ? 0 : kPeriodicMs);
    else schedule(static_cast<double>(sync::retry_delay_ms(view.failures, random64())));
}

// A refused token (401) during a run or another request: forgotten, and back to
// Masuk once no form is open (the local edits stay).
void SyncSession::auth_failed(const std::string& code) {
    store::Db& db = local_.db();
    if (!run_) sync::record_sync_attempt(db, false, code);  // (a run records its own end)
    run_.reset();
    sync::forget_token(db);
    platform_.request_persist();
    view.running = false;
    ++gen_;
    if (login_.session) login_.session->token.clear();
    auth_ended_ = code == "auth.device_revoked" ? "ui.sync.device_revoked" : "ui.sync.session_ended";
    refresh();
}

}  // namespace seimbang::app

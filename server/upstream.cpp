#include "upstream.h"

#include <algorithm>
#include <iostream>
#include <unordered_map>

#include "cli/http_transport.h"

#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "store/table_facts.h"
#include "settings/settings_doc.h"
#include "settings_log.h"
#include "sync/client.h"
#include "sync/hlc.h"
#include "sync/server_sync.h"

namespace seimbang::server::upstream {

using nlohmann::json;

namespace {
int64_t meta_int(store::Db& db, const std::string& key) {
    const std::string v = store::get_local_meta(db, key, "0");
    try {
        return std::stoll(v);
    } catch (const std::exception&) {
        return 0;
    }
}

// The staged point in the instansi database's current generation: after a
// restore of the instansi database (a new generation, SYNC.md §8.1) the rows
// above the backup's highest seq are new writes and are staged again.
struct Point {
    int64_t seq = 0;
    bool generation_changed = false;
};
Point staged_point(store::Db& instansi, store::Db& replica) {
    Point p{meta_int(replica, "upstream.staged_seq"), false};
    const std::string was = store::get_local_meta(replica, "upstream.generation");
    if (!was.empty() && was != store::get_local_meta(instansi, "sync.generation")) {
        p.seq = std::min(p.seq, meta_int(instansi, "sync.generation_seq"));
        p.generation_changed = true;
    }
    return p;
}

// The replica's outbox counters never fall behind the clock: before each
// staging the outbox sequence is raised to at least now_ms × 2^16 (the HLC's
// scale: 65,536 mutations per millisecond before the counters outrun it).
// Why: the centre takes a counter it already holds as a re-sent mutation
// ("duplicate", not applied). A replica restored from a file-level copy (a
// copied data folder, a VM snapshot) would otherwise number its new mutations
// from the copy's sequence, reusing counters the centre recorded after the
// copy, and its new edits would be silently dropped as duplicates.
void raise_counter_floor(store::Db& replica) {
    const int64_t floor = sync::make_hlc(sync::now_ms(), 0);
    auto s = replica.prepare("UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'sync_outbox' AND seq < ?1");
    s.bind(1, floor);
    s.step();
    auto any = replica.prepare("SELECT count(*) FROM sqlite_sequence WHERE name = 'sync_outbox'");
    if (any.step() && any.int64(0) == 0) {
        auto ins = replica.prepare("INSERT INTO sqlite_sequence(name, seq) VALUES ('sync_outbox', ?1)");
        ins.bind(1, floor);
        ins.step();
    }
}

// Balance snapshots are derived: each server takes its own from its rows
// (docs/EVALUATION.md), so the centre computes the instansi's itself.
bool forwarded(const store::TableSpec& t) { return t.name != "eval_snapshots"; }

// One read snapshot of the instansi database (a deferred transaction: readers
// never block the serving writer under WAL).
template <class F>
void read_snapshot(store::Db& db, F&& f) {
    db.exec("BEGIN");
    try {
        f();
    } catch (...) {
        db.exec("ROLLBACK");
        throw;
    }
    db.exec("COMMIT");
}

// Depth of each office from its root (parents before children when sorted by it).
std::unordered_map<std::string, int> office_depths(store::Db& db) {
    std::unordered_map<std::string, std::string> parent;
    auto s = db.prepare("SELECT id, coalesce(parent_id, '') FROM offices");
    while (s.step()) parent[s.text(0)] = s.text(1);
    std::unordered_map<std::string, int> depth;
    for (const auto& [id, p] : parent) {
        int d = 0;
        std::string at = p;
        while (!at.empty() && d <= static_cast<int>(parent.size())) {  // (bounded: a cycle cannot hang us)
            ++d;
            auto it = parent.find(at);
            at = it == parent.end() ? std::string() : it->second;
        }
        depth[id] = d;
    }
    return depth;
}
}  // namespace

std::string replica_path(const std::string& db_path) { return db_path + ".upstream"; }

std::unique_ptr<store::Db> open_replica(const std::string& db_path) {
    auto db = std::make_unique<store::Db>(replica_path(db_path));
    db->exec("PRAGMA journal_mode=WAL");  // `upstream status` reads beside the serving loop
    store::migrate(*db);
    sync::install_client(*db);
    return db;
}


Staged stage(store::Db& instansi, store::Db& replica) {
    Staged out;
    const Point from = staged_point(instansi, replica);
    out.generation_changed = from.generation_changed;
    struct Pending {
        const store::TableSpec* t;
        std::string id;
        json fields;
        int64_t seq;
        int depth;
    };
    std::vector<Pending> rows;
    std::string generation;
    int64_t upto = from.seq;
    read_snapshot(instansi, [&] {
        generation = store::get_local_meta(instansi, "sync.generation");
        std::unordered_map<std::string, int> depths;
        for (const auto& t : store::synced_tables()) {
            if (!forwarded(t)) continue;
            std::string sql = "SELECT id";
            for (const auto& c : t.columns) sql += ", " + c;
            sql += ", _seq FROM " + t.name + " WHERE _seq > ?1 ORDER BY _seq";
            auto s = instansi.prepare(sql);
            s.bind(1, from.seq);
            const int n = static_cast<int>(t.columns.size());
            while (s.step()) {
                json fields = json::object();
                for (int c = 0; c < n; ++c) fields[t.columns[c]] = s.json_value(c + 1);
                const int64_t seq = s.int64(n + 1);
                upto = std::max(upto, seq);
                rows.push_back({&t, s.text(0), std::move(fields), seq, 0});
            }
            if (t.office_column == "id" && !rows.empty()) {
                depths = office_depths(instansi);
                for (auto& r : rows) r.depth = depths[r.id];
            }
        }
    });
    // Offices root first (a kelurahan names its kecamatan); they are the first
    // table of the registry, whose order puts parents before children.
    const auto offices_end = std::find_if(rows.begin(), rows.end(),
                                          [](const Pending& r) { return r.t->office_column != "id"; });
    std::stable_sort(rows.begin(), offices_end, [](const Pending& a, const Pending& b) { return a.depth < b.depth; });
    out.rows = static_cast<int64_t>(rows.size());
    // Rows may name rows of a later table or seq; the centre checks references itself.
    replica.exec("PRAGMA foreign_keys=OFF");
    try {
        replica.transaction([&] {
            raise_counter_floor(replica);
            for (auto& r : rows)
                if (store::write_row(replica, *r.t, r.id, r.fields, true)) ++out.mutations;
            store::set_local_meta(replica, "upstream.staged_seq", std::to_string(upto));
            store::set_local_meta(replica, "upstream.generation", generation);
        });
    } catch (...) {
        replica.exec("PRAGMA foreign_keys=ON");
        throw;
    }
    replica.exec("PRAGMA foreign_keys=ON");
    out.staged_seq = upto;
    return out;
}

sync::SyncOptions sync_options(size_t batch) {
    sync::SyncOptions o;
    o.batch = std::clamp<size_t>(batch, 1, kUpstreamBatch);
    o.page = 2000;
    // What the centre owns and hands down: positions nomenclature, default settings.
    o.follow_ups = {sync::reference_positions_follow_up(), settings::handed_down_follow_up()};
    return o;
}

const std::vector<std::string>& centre_groups() {
    static const std::vector<std::string> g = {"rules", "survey"};
    return g;
}

int apply_centre_settings(store::Db& instansi, store::Db& replica) {
    if (store::get_local_meta(replica, "ref.settings.version").empty()) return 0;  // (none handed down yet)
    const json centre = settings::current(replica);
    json applied = json::parse(store::get_local_meta(replica, "upstream.settings.applied"), nullptr, false);
    if (!applied.is_object()) {
        applied = json::object();
        for (const auto& g : centre_groups()) settings::check_group(g, json::object(), applied[g]);  // the defaults
    }
    const std::string who = store::get_local_meta(replica, "ref.settings.changed_by");
    int written = 0;
    for (const auto& g : centre_groups()) {
        if (!centre.contains(g) || (applied.contains(g) && applied[g] == centre[g])) continue;
        json canonical;
        if (!settings::check_group(g, centre[g], canonical).ok()) continue;  // (checked when handed down too)
        if (write_settings_logged(instansi, g, canonical, who.empty() ? "pusat" : "pusat:" + who, "pusat")) ++written;
    }
    // (After the writes: a crash between them writes the same values again, which logs nothing.)
    store::set_local_meta(replica, "upstream.settings.applied", centre.dump());
    return written;
}

HandedDown copy_handed_down(store::Db& instansi, store::Db& replica) {
    HandedDown out;
    // The replica's rows of the workflow tables the centre sent after the last
    // copy (sync_seen: the national seq each row was last received at).
    const int64_t from = meta_int(replica, "upstream.handed_down_seq");
    struct Received {
        const store::TableSpec* t;
        std::string id;
        int64_t version;
    };
    std::vector<Received> rows;
    int64_t upto = from;
    {
        auto s = replica.prepare(
            "SELECT table_name, row_id, version FROM sync_seen WHERE version > ?1 AND table_name IN "
            "('requests', 'request_events', 'request_documents') ORDER BY version");
        s.bind(1, from);
        while (s.step()) {
            rows.push_back({store::find_table(s.text(0)), s.text(1), s.int64(2)});
            upto = std::max(upto, s.int64(2));
        }
    }
    if (rows.empty()) return out;
    // Registry order (requests first: an event names its request), then as received.
    auto rank = [](const store::TableSpec* t) { return t - store::synced_tables().data(); };
    std::stable_sort(rows.begin(), rows.end(), [&](const Received& a, const Received& b) { return rank(a.t) < rank(b.t); });
    const int64_t staged = meta_int(replica, "upstream.staged_seq");
    sync::ServerSync log(instansi);  // (the copies enter the instansi's change log like any server write)
    instansi.transaction([&] {
        for (const auto& r : rows) {
            auto theirs = store::read_row(replica, *r.t, r.id);
            if (!theirs) continue;
            auto mine = store::read_row(instansi, *r.t, r.id);
            if (mine && *mine == *theirs) continue;  // (its own row come back, or copied before)
            if (mine) {
                auto q = instansi.prepare(store::facts(*r.t).log_by_id);
                q.bind(1, r.id);
                if (q.step() && !q.is_null(0) && q.int64(0) > staged) {
                    ++out.skipped;  // changed here since the staging: this side's step goes up
                    continue;
                }
            }
            json fields = *theirs;
            fields.erase("id");
            try {
                if (store::write_row(instansi, *r.t, r.id, fields, true)) ++out.rows;
            } catch (const store::DbError& e) {
                // A row this database refuses (its CHECKs, an event without its
                // request) must not hold back every later one: counted and left.
                if (e.storage_failure()) throw;
                ++out.refused;
            }
        }
    });
    // (After the copy: a crash before this line copies the same rows again, which changes nothing.)
    store::set_local_meta(replica, "upstream.handed_down_seq", std::to_string(upto));
    return out;
}

Forwarded forward(store::Db& instansi, store::Db& replica, sync::Transport& transport, size_t batch) {
    Forwarded f;
    f.staged = stage(instansi, replica);
    f.report = sync::run_sync(replica, transport, sync_options(batch));
    f.settings_applied = apply_centre_settings(instansi, replica);
    f.handed_down = copy_handed_down(instansi, replica);
    f.retracted = retract_refused_events(instansi, replica);
    return f;
}

json status(store::Db& instansi, store::Db& replica) {
    json j;
    int64_t unstaged = 0, oldest_seq = 0;
    Point from;
    read_snapshot(instansi, [&] {
        from = staged_point(instansi, replica);
        for (const auto& t : store::synced_tables()) {
            if (!forwarded(t)) continue;
            auto s = instansi.prepare("SELECT count(*), min(_seq) FROM " + t.name + " WHERE _seq > ?1");
            s.bind(1, from.seq);
            if (!s.step()) continue;
            unstaged += s.int64(0);
            if (!s.is_null(1) && (oldest_seq == 0 || s.int64(1) < oldest_seq)) oldest_seq = s.int64(1);
        }
    });
    const sync::SyncStatus st = sync::sync_status(replica);
    j["instansi"] = store::get_local_meta(replica, "upstream.instansi");
    j["server"] = store::get_local_meta(replica, "sync.server");
    j["logged_in"] = !store::get_local_meta(replica, "sync.token").empty();
    j["unstaged_rows"] = unstaged;            // instansi rows not copied into the outbox yet
    j["oldest_unstaged_seq"] = oldest_seq;    // (0: none)
    j["staged_seq"] = from.seq;
    j["instansi_restored"] = from.generation_changed;
    j["pending"] = st.pending;                // mutations the centre has not acknowledged
    j["oldest_pending_ms"] = st.oldest_pending_ms;
    j["last_ok_ms"] = st.last_sync_ms;
    j["last_attempt_ms"] = st.last_attempt_ms;
    j["last_error"] = st.last_error;
    j["rejected"] = st.rejected;              // refused by the centre (e.g. nip.duplicate)
    j["conflicts"] = st.conflicts;
    j["national_cursor"] = st.cursor;
    return j;
}

Loop::Loop(std::string db_path, std::string url, int every_s, size_t batch)
    : db_path_(std::move(db_path)), url_(std::move(url)), every_s_(std::max(1, every_s)), batch_(batch),
      thread_([this] { run(); }) {}

Loop::~Loop() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void Loop::run() {
    // (Connections of its own: the serving one belongs to the request lock.)
    std::unique_ptr<store::Db> instansi, replica;
    while (true) {
        json line = {{"upstream", url_}};
        try {
            if (!instansi) instansi = std::make_unique<store::Db>(db_path_);
            if (!replica) replica = open_replica(db_path_);
            const std::string token = store::get_local_meta(*replica, "sync.token");
            if (token.empty() || store::get_local_meta(*replica, "sync.server") != url_) {
                line["error"] = "upstream.not_logged_in";
            } else {
                cli::HttpTransport t(url_, token, sync::device_id(*replica), 20);
                const auto f = forward(*instansi, *replica, t, batch_);
                line["ok"] = f.report.ok;
                if (!f.report.ok) line["error"] = f.report.error;
                line["staged"] = f.staged.mutations;
                line["applied"] = f.report.push.applied;
                line["duplicate"] = f.report.push.duplicate;
                line["rejected"] = f.report.push.rejected;
                line["pulled"] = f.report.pulled;
                line["settings_applied"] = f.settings_applied;
                line["handed_down"] = f.handed_down.rows;
                if (f.handed_down.refused) line["handed_down_refused"] = f.handed_down.refused;
                if (f.retracted) line["retracted"] = f.retracted;
            }
        } catch (const std::exception& e) {
            line["error"] = std::string("upstream.failed: ") + e.what();
            instansi.reset();
            replica.reset();
        }
        line["ts_ms"] = sync::now_ms();
        std::clog << line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n" << std::flush;
        std::unique_lock lock(mu_);
        if (cv_.wait_for(lock, std::chrono::seconds(every_s_), [this] { return stop_; })) return;
    }
}

}  // namespace seimbang::server::upstream

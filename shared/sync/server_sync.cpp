#include "sync/server_sync.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "store/table_facts.h"
#include "sync/rowhash.h"
#include "util/uuid.h"

namespace seimbang::sync {

using nlohmann::json;

namespace {
std::unordered_set<std::string>& insert_only() {
    // The placement history is written once: an update of a row is refused
    // ("version.exists"), so a device cannot rewrite why someone was moved.
    static std::unordered_set<std::string> s{"placements"};
    return s;
}
}  // namespace

Reply error_reply(int status, const std::string& code, const std::string& detail) {
    json e = {{"code", code}};
    if (!detail.empty()) e["detail"] = detail;
    return {status, {{"error", e}}};
}

void configure_server_storage(store::Db& db) {
    db.exec("PRAGMA journal_mode=WAL");
    // FULL: the WAL is synced at every commit, so a push answered "applied" survives
    // a power cut too (NORMAL could lose the last commits, which the client would
    // then never send again). Measured: no slower here, with the checkpoint below.
    db.exec("PRAGMA synchronous=FULL");
    // Checkpoint every ~40 MB of WAL instead of 4 MB: index pages rewritten by many
    // commits are copied back once (push +20–30 % in bench/sync); the file is cut
    // back to 64 MB after a checkpoint. (A checkpoint on a thread of its own, so no
    // push waits for the copy, was measured in session 3: no gain on 2 cores.)
    db.exec("PRAGMA wal_autocheckpoint=10000");
    db.exec("PRAGMA journal_size_limit=67108864");
    // The working set of a city (rows, change log, indexes: ~90 MB at 80,000
    // employees) stays in SQLite's own cache, allocated only as pages are used
    // (256 MiB vs 64 MiB: push +10–15 % once the database outgrew 64 MiB);
    // temporary b-trees (sorting) never touch a file.
    db.exec("PRAGMA cache_size=-262144");
    db.exec("PRAGMA temp_store=MEMORY");
}

void start_generation(store::Db& db, int64_t generation_seq) {
    db.transaction([&] {
        store::set_local_meta(db, "sync.generation", new_uuid_v7());
        store::set_local_meta(db, "sync.generation_seq", std::to_string(generation_seq));
    });
}

void register_insert_only_table(const std::string& table) { insert_only().insert(table); }
bool is_insert_only(const std::string& table) { return insert_only().count(table) > 0; }

ServerSync::ServerSync(store::Db& db) : db_(db), clock_(db_), checksums_(db_) {
    db_.set_change_hook([this](store::Db&, const store::RowChange& c) { on_change(c); });
    // Rows written before the hook existed (an older database, a bulk import)
    // enter the log once, as if inserted now.
    for (const auto& t : store::synced_tables()) {
        std::vector<std::string> missing;
        auto q = db_.prepare("SELECT id FROM " + t.name + " WHERE _seq IS NULL");
        while (q.step()) missing.push_back(q.text(0));
        if (missing.empty()) continue;
        db_.transaction([&] {
            for (const auto& id : missing) on_change({t.name, id, true, false, json::object(), json::object()});
        });
    }
}

ServerSync::~ServerSync() { db_.set_change_hook(nullptr); }

// The office column's position in a row ([0] = id).
static size_t office_index(const store::TableSpec& t) {
    return t.office_column == "id" ? 0 : static_cast<size_t>(t.column_index(t.office_column)) + 1;
}
std::string ServerSync::office_of(const store::TableSpec& t, const store::Row& row) {
    const store::Value& v = row[office_index(t)];
    return v.kind == store::Value::Kind::Text ? v.s : std::string();
}

// Called inside the writing transaction for every synced-row write other than a
// push's own upserts (which write the log columns with the row): seeding, admin
// edits, command handlers. The log columns follow in a second UPDATE.
void ServerSync::on_change(const store::RowChange& c) {
    const store::TableSpec* t = store::find_table(c.table);
    if (!t) return;
    // Devices learn of removals only through exit records: the server archives, never deletes.
    if (store::is_deletion(c)) {
        if (retracting_) return;  // (retract_event writes the exit records itself)
        throw store::DbError(0, "synced rows are never deleted on the server: " + c.table);
    }
    if (t->name == "offices") memo_.command.clear();  // (the office tree it was derived from changed)
    if (!checksums_.batching()) clock_.catch_up();  // (a push caught up when it began)
    store::Row now;  // the stored form (affinity, defaults) is what checksums hash
    if (!store::read_row(db_, *t, c.id, now)) return;
    store::Row before;
    if (!c.inserted) {
        before = now;
        for (const auto& [k, v] : c.before.items())
            if (const int i = t->column_index(k); i >= 0) before[static_cast<size_t>(i) + 1] = store::from_json(v);
    }
    std::vector<int> written;
    for (const auto& [k, v] : c.after.items())
        if (const int i = t->column_index(k); i >= 0) written.push_back(i);
    const store::Row* prior = c.inserted ? nullptr : &before;
    const LogEntry e = begin_change(*t, prior, office_of(*t, now), written,
                                    c.inserted ? json::object() : read_meta(*t, c.id));
    const store::LogColumns log{e.seq, e.meta};
    store::write_columns(db_, *t, c.id, false, {}, &log);
    finish_change(*t, c.id, prior, now, e);
}

json ServerSync::read_meta(const store::TableSpec& t, const std::string& id) {
    auto q = db_.prepare(store::facts(t).log_by_id);
    q.bind_ref(1, id);
    json meta = q.step() && !q.is_null(1) ? json::parse(q.text(1), nullptr, false) : json::object();
    return meta.is_object() ? meta : json::object();
}

int64_t ServerSync::read_seq(const store::TableSpec& t, const std::string& id) {
    auto q = db_.prepare(store::facts(t).log_by_id);
    q.bind_ref(1, id);
    return q.step() && !q.is_null(0) ? q.int64(0) : 0;
}

ServerSync::LogEntry ServerSync::begin_change(const store::TableSpec& t, const store::Row* before,
                                              const std::string& new_office, const std::vector<int>& written,
                                              json meta) {
    LogEntry e;
    // Explicit exit: the old office's devices learn that the row left them.
    if (before && t.office_column != "id") {
        e.old_office = office_of(t, *before);
        if (!e.old_office.empty() && e.old_office != new_office) e.exit_seq = clock_.take();
    }
    e.seq = clock_.take();
    if (!before && meta.empty() && written.size() == t.columns.size()) {
        // Every column written by one writer: one shared entry (compact form,
        // see meta_entry) instead of one array per field.
        e.meta = "{\"*\":[" + std::to_string(e.seq) + "," + std::to_string(writer_.hlc()) + "," + writer_.quoted() + "]}";
    } else {
        // A field's own entry overrides the shared "*" one.
        const json entry = json::array({e.seq, writer_.hlc(), writer_.device(), writer_.user()});
        for (int c : written) meta[t.columns[static_cast<size_t>(c)]] = entry;
        e.meta = meta.dump();
    }
    return e;
}

void ServerSync::finish_change(const store::TableSpec& t, const std::string& id, const store::Row* before,
                               const store::Row& now, const LogEntry& e) {
    if (t.checksummed) {
        if (before) checksums_.adjust(t.name, office_of(t, *before), row_hash(t, *before), -1);
        checksums_.adjust(t.name, office_of(t, now), row_hash(t, now), +1);
    }
    if (e.exit_seq) {
        auto q = db_.prepare(
            "INSERT INTO sync_exits(seq, table_name, row_id, office_id, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
        q.bind(1, e.exit_seq).bind(2, t.name).bind(3, id).bind(4, e.old_office).bind(5, now_ms());
        q.run();
    }
    clock_.wrote(e.seq);
}

bool ServerSync::stored_form(const store::TableSpec& t, int c, const store::Value& in, store::Value& out) {
    using K = store::Value::Kind;
    const char a = store::affinity(t)[static_cast<size_t>(c)];
    switch (in.kind) {
        case K::Null: out = in; return true;
        case K::Text: out = in; return a == 'T' || a == 'B';
        case K::Int:
        case K::Bool:  // bound as an integer
            if (a == 'R') out = store::Value::real(static_cast<double>(in.i));
            else out = store::Value::integer(in.i);
            return true;
        case K::Real: out = in; return a == 'R' || a == 'B';
        default: return false;
    }
}

json ServerSync::row_state(const std::string& table, const std::string& id, int64_t* seq) {
    const store::TableSpec* t = store::find_table(table);
    if (!t) return nullptr;
    const auto stored = store::read_row(db_, *t, id);
    json row = stored ? *stored : json(nullptr);
    if (seq && !row.is_null()) *seq = read_seq(*t, id);
    return row;
}

bool ServerSync::retract_event(const std::string& table, const std::string& id) {
    const store::TableSpec* t = store::find_table(table);
    if (!t || t->name != "request_events") return false;
    store::Row row;
    if (!store::read_row(db_, *t, id, row)) return false;
    clock_.catch_up();
    std::vector<std::string> offices = {office_of(*t, row)};
    const store::Value& second = row[static_cast<size_t>(t->column_index(t->second_office_column)) + 1];
    if (second.kind == store::Value::Kind::Text && second.s != offices[0]) offices.push_back(second.s);
    retracting_ = true;
    try {
        store::delete_row(db_, *t, id, false);
    } catch (...) {
        retracting_ = false;
        throw;
    }
    retracting_ = false;
    for (const auto& office : offices) {
        if (office.empty()) continue;
        const int64_t seq = clock_.take();
        auto q = db_.prepare(
            "INSERT INTO sync_exits(seq, table_name, row_id, office_id, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
        q.bind(1, seq).bind(2, t->name).bind(3, id).bind(4, office).bind(5, now_ms());
        q.run();
        clock_.wrote(seq);
    }
    return true;
}

int ServerSync::purge_exits(int64_t older_than_ms) {
    int n = 0;
    db_.transaction([&] {
        auto s = db_.prepare("SELECT max(seq), count(*) FROM sync_exits WHERE created_ms < ?1");
        s.bind(1, older_than_ms);
        if (s.step() && !s.is_null(0)) {
            clock_.raise_min_cursor(s.int64(0));
            n = static_cast<int>(s.int64(1));
        }
        auto d = db_.prepare("DELETE FROM sync_exits WHERE created_ms < ?1");
        d.bind(1, older_than_ms);
        d.run();
    });
    return n;
}

}  // namespace seimbang::sync

#include "sync/server_sync.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "model/validate.h"
#include "store/records.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/fast_rows.h"
#include "sync/rowhash.h"
#include "util/uuid.h"

namespace seimbang::sync {

using nlohmann::json;

namespace {

std::map<std::string, CommandHandler>& commands() {
    static std::map<std::string, CommandHandler> m;
    return m;
}
std::unordered_set<std::string>& insert_only() {
    static std::unordered_set<std::string> s;
    return s;
}

// Record-level validation of the merged row (the same rules as the local
// repositories), so a server never stores what a client could not.
Check validate_row(const store::TableSpec& t, const store::Row& row) {
    if (t.name == "employees") return validate_employee(store::employee_from_row(t, row));
    if (t.name == "positions") return validate_position(store::position_from_row(t, row));
    if (t.name == "offices") return validate_office(store::office_from_row(t, row));
    if (t.name == "abk_tasks") return validate_task(store::task_from_row(t, row));
    return {};
}

json rejected(int64_t counter, const std::string& reason, const std::string& detail = {}) {
    return {{"counter", counter}, {"status", "rejected"}, {"reason", reason}, {"detail", detail}};
}

}  // namespace

Reply error_reply(int status, const std::string& code, const std::string& detail) {
    json e = {{"code", code}};
    if (!detail.empty()) e["detail"] = detail;
    return {status, {{"error", e}}};
}

void register_command(const std::string& name, CommandHandler handler) { commands()[name] = std::move(handler); }
void register_insert_only_table(const std::string& table) { insert_only().insert(table); }
bool is_insert_only(const std::string& table) { return insert_only().count(table) > 0; }

// [SECTION] bookkeeping --------------------------------------------------------

ServerSync::ServerSync(store::Db& db) : db_(db), cache_(db) {
    next_seq_ = stored_max_seq() + 1;
    min_cursor_ = std::stoll(store::get_local_meta(db_, "sync.min_cursor", "0"));
    server_hlc_ = make_hlc(now_ms(), 0);
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

// The highest seq in the database (0 when empty): one index seek per table.
int64_t ServerSync::stored_max_seq() {
    static const std::string sql = [] {
        std::string q = "SELECT max(m) FROM (SELECT max(seq) AS m FROM sync_exits";
        for (const auto& t : store::synced_tables())
            q += " UNION ALL SELECT max(_seq) FROM " + t.name + " WHERE _seq IS NOT NULL";  // the partial index
        return q + ")";
    }();
    auto q = cache_.get(sql);
    return q.step() && !q.is_null(0) ? q.int64(0) : 0;
}

// Called at the start of every writing transaction. Another process may have
// written to the same database since this one last did (`seimbang-server
// purge` or `init` beside a serving one): seqs must stay unique and grow in
// commit order, or a device's cursor could pass over a row.
void ServerSync::catch_up_seq() { next_seq_ = std::max(next_seq_, stored_max_seq() + 1); }

void ServerSync::adjust_checksum(const std::string& table, const std::string& office, uint64_t hash, int delta) {
    if (batching_) {  // a push: summed in memory, written once per office at the end
        auto& d = checksum_delta_[{table, office}];
        d.first += delta;
        d.second = delta > 0 ? d.second + hash : d.second - hash;
        return;
    }
    write_checksum(table, office, delta, delta > 0 ? hash : (0 - hash));
}

void ServerSync::flush_checksums() {
    for (const auto& [key, d] : checksum_delta_) write_checksum(key.first, key.second, d.first, d.second);
    checksum_delta_.clear();
}

void ServerSync::write_checksum(const std::string& table, const std::string& office, int64_t delta_rows,
                                uint64_t delta_hash) {
    // Wrapping unsigned arithmetic done here: SQLite turns an overflowing integer
    // sum into a REAL, which would lose bits.
    int64_t rows = 0;
    uint64_t sum = 0;
    {
        auto q = cache_.get("SELECT rows, hash FROM sync_checksums WHERE table_name = ?1 AND office_id = ?2");
        q.bind(1, table).bind(2, office);
        if (q.step()) {
            rows = q.int64(0);
            sum = static_cast<uint64_t>(q.int64(1));
        }
    }
    rows += delta_rows;
    sum += delta_hash;
    auto q = cache_.get("INSERT OR REPLACE INTO sync_checksums(table_name, office_id, rows, hash) VALUES (?1, ?2, ?3, ?4)");
    q.bind(1, table).bind(2, office).bind(3, rows).bind(4, static_cast<int64_t>(sum));
    q.run();
}

// The office column's position in a row ([0] = id).
static size_t office_index(const store::TableSpec& t) {
    return t.office_column == "id" ? 0 : static_cast<size_t>(t.column_index(t.office_column)) + 1;
}
static std::string office_of(const store::TableSpec& t, const store::Row& row) {
    const store::Value& v = row[office_index(t)];
    return v.kind == store::Value::Kind::Text ? v.s : std::string();
}

// Called inside the writing transaction for every synced-row write other than a
// push's own upserts (which write the log columns with the row): seeding, admin
// edits, command handlers. The log columns follow in a second UPDATE.
void ServerSync::on_change(const store::RowChange& c) {
    const store::TableSpec* t = store::find_table(c.table);
    if (!t) return;
    if (!batching_) catch_up_seq();  // (a push caught up when it began)
    store::Row now;  // the stored form (affinity, defaults) is what checksums hash
    if (!cached_read_row(cache_, *t, c.id, now)) return;
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
    const LogColumns log{e.seq, e.meta};
    cached_write_row(cache_, *t, c.id, false, {}, &log);
    finish_change(*t, c.id, prior, now, e);
}

json ServerSync::read_meta(const store::TableSpec& t, const std::string& id) {
    auto q = cache_.get(log_by_id(t));
    q.bind_ref(1, id);
    json meta = q.step() && !q.is_null(1) ? json::parse(q.text(1), nullptr, false) : json::object();
    return meta.is_object() ? meta : json::object();
}

int64_t ServerSync::read_seq(const store::TableSpec& t, const std::string& id) {
    auto q = cache_.get(log_by_id(t));
    q.bind_ref(1, id);
    return q.step() && !q.is_null(0) ? q.int64(0) : 0;
}

// "SELECT _seq, _meta FROM t WHERE id = ?1" (names from the fixed registry).
const std::string& ServerSync::log_by_id(const store::TableSpec& t) {
    auto it = log_sql_.find(&t);
    if (it == log_sql_.end()) it = log_sql_.emplace(&t, "SELECT _seq, _meta FROM " + t.name + " WHERE id = ?1").first;
    return it->second;
}

ServerSync::LogEntry ServerSync::begin_change(const store::TableSpec& t, const store::Row* before,
                                              const std::string& new_office, const std::vector<int>& written,
                                              json meta) {
    LogEntry e;
    // Explicit exit: the old office's devices learn that the row left them.
    if (before && t.office_column != "id") {
        e.old_office = office_of(t, *before);
        if (!e.old_office.empty() && e.old_office != new_office) e.exit_seq = next_seq_++;
    }
    e.seq = next_seq_++;
    if (!before && meta.empty() && written.size() == t.columns.size()) {
        // Every column written by one writer: one shared entry (compact form,
        // see meta_entry) instead of one array per field.
        e.meta = "{\"*\":[" + std::to_string(e.seq) + "," + std::to_string(writer_.hlc) + "," + writer_quoted() + "]}";
    } else {
        // A field's own entry overrides the shared "*" one.
        const json entry = json::array({e.seq, writer_.hlc, writer_.device, writer_.user});
        for (int c : written) meta[t.columns[static_cast<size_t>(c)]] = entry;
        e.meta = meta.dump();
    }
    return e;
}

void ServerSync::finish_change(const store::TableSpec& t, const std::string& id, const store::Row* before,
                               const store::Row& now, const LogEntry& e) {
    if (before) adjust_checksum(t.name, office_of(t, *before), row_hash(t, *before), -1);
    adjust_checksum(t.name, office_of(t, now), row_hash(t, now), +1);
    if (e.exit_seq) {
        auto q = cache_.get(
            "INSERT INTO sync_exits(seq, table_name, row_id, office_id, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
        q.bind(1, e.exit_seq).bind(2, t.name).bind(3, id).bind(4, e.old_office).bind(5, now_ms());
        q.run();
    }
    last_change_seq_ = e.seq;
}

// `"device","user"` of the current writer as JSON, escaped once per writer.
const std::string& ServerSync::writer_quoted() {
    if (quoted_for_.first != writer_.device || quoted_for_.second != writer_.user) {
        quoted_for_ = {writer_.device, writer_.user};
        quoted_ = json(writer_.device).dump() + "," + json(writer_.user).dump();
    }
    return quoted_;
}

bool ServerSync::stored_form(const store::TableSpec& t, int c, const store::Value& in, store::Value& out) {
    auto& cols = affinity_[&t];
    if (cols.empty()) {
        cols.assign(t.columns.size(), 'N');
        auto q = db_.prepare("SELECT name, upper(type) FROM pragma_table_info(?1)");
        q.bind(1, t.name);
        while (q.step()) {
            const std::string type = q.text(1);
            char a = 'N';  // SQLite's affinity rules (datatype3.html §3.1), in order
            if (type.find("INT") != std::string::npos) a = 'I';
            else if (type.find("CHAR") != std::string::npos || type.find("CLOB") != std::string::npos ||
                     type.find("TEXT") != std::string::npos) a = 'T';
            else if (type.empty() || type.find("BLOB") != std::string::npos) a = 'B';
            else if (type.find("REAL") != std::string::npos || type.find("FLOA") != std::string::npos ||
                     type.find("DOUB") != std::string::npos) a = 'R';
            if (const int i = t.column_index(q.text(0)); i >= 0) cols[static_cast<size_t>(i)] = a;
        }
    }
    using K = store::Value::Kind;
    const char a = cols[static_cast<size_t>(c)];
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
    json row = cached_read_row(cache_, *t, id);
    if (seq && !row.is_null()) *seq = read_seq(*t, id);
    return row;
}

int ServerSync::purge_exits(int64_t older_than_ms) {
    int n = 0;
    db_.transaction([&] {
        auto s = db_.prepare("SELECT max(seq), count(*) FROM sync_exits WHERE created_ms < ?1");
        s.bind(1, older_than_ms);
        if (s.step() && !s.is_null(0)) {
            min_cursor_ = std::max(min_cursor_, s.int64(0));
            n = static_cast<int>(s.int64(1));
        }
        auto d = db_.prepare("DELETE FROM sync_exits WHERE created_ms < ?1");
        d.bind(1, older_than_ms);
        d.run();
        store::set_local_meta(db_, "sync.min_cursor", std::to_string(min_cursor_));
    });
    return n;
}

// [SECTION] push ---------------------------------------------------------------

// Why this principal may not make this change (empty when allowed). A push
// with any forbidden mutation is refused (403) as a whole and its transaction
// rolled back, so nothing changes.
std::string ServerSync::forbidden_reason(const Principal& who, const Scope& ws, const PushMutation& m,
                                         const store::TableSpec* t, const store::Row* cur) {
    if (!t) return {};  // unknown tables are rejected per mutation
    if (!role_writes_table(who.role, m.table)) return "role.read_only";
    if (m.op != "upsert") return {};  // commands check their own permission
    // Offices are scoped by their parent (a new kelurahan lies within its kecamatan).
    const std::string col = t->office_column == "id" ? "parent_id" : t->office_column;
    const size_t idx = static_cast<size_t>(t->column_index(col)) + 1;
    std::string old_office;
    if (cur && (*cur)[idx].kind == store::Value::Kind::Text) old_office = (*cur)[idx].s;
    std::string new_office = old_office;
    for (const auto& f : m.fields)
        if (f.key == col && f.value.kind == store::Value::Kind::Text) new_office = f.value.s;
    if (cur && !ws.contains(old_office)) return "scope.forbidden";
    if (!cur && new_office.empty()) return {};  // incomplete insert: rejected as invalid when applied
    if (!ws.contains(new_office)) return "scope.forbidden";
    return {};
}

Reply ServerSync::push(const Principal& who, const json& request) {
    Reply r = push(who, parse_push_request(request.dump()));
    if (!r.text.empty()) {
        r.body = json::parse(r.text);
        r.text.clear();
    }
    return r;
}

Reply ServerSync::push(const Principal& who, PushRequest req) {
    using Error = PushRequest::Error;
    if (req.error == Error::MalformedJson) return error_reply(400, "request.malformed_json");
    if (req.error == Error::BadShapeMutations) return error_reply(400, "request.bad_shape", "mutations");
    if (req.device_id != who.device_id) return error_reply(403, "auth.device_mismatch");
    if (req.error == Error::BadShapeMutation) return error_reply(400, "request.bad_shape", "mutation");
    auto& ms = req.mutations;

    // The answer is written as text while applying: {"results":[…],"server_hlc":…,"server_seq":…}
    // (the key order nlohmann would dump).
    std::string text = "{\"results\":[";
    json forbidden = json::array();
    std::string forbidden_code;
    struct Refused {};  // rolls the whole batch back
    batching_ = true;
    checksum_delta_.clear();
    try {
        db_.transaction([&] {
            catch_up_seq();
            // Scope is checked inside the transaction that applies, so it cannot change in between.
            const Scope ws = write_scope(db_, who);
            // Idempotency: one range read for the batch's counters, plus the
            // counters recorded by this batch itself (a counter sent twice).
            std::unordered_map<int64_t, std::string> seen;
            if (!ms.empty()) {
                int64_t lo = INT64_MAX, hi = INT64_MIN;
                for (const auto& m : ms) {
                    lo = std::min(lo, m.counter);
                    hi = std::max(hi, m.counter);
                }
                auto q = cache_.get(
                    "SELECT counter, result FROM sync_applied WHERE device_id = ?1 AND counter BETWEEN ?2 AND ?3");
                q.bind(1, who.device_id).bind(2, lo).bind(3, hi);
                while (q.step()) seen.emplace(q.int64(0), q.text(1));
            }
            store::Row cur;
            bool first = true;
            std::vector<std::pair<int64_t, std::string>> results;  // (counter, result) for sync_applied
            results.reserve(ms.size());
            for (auto& m : ms) {
                const int64_t counter = m.counter;
                if (auto it = seen.find(counter); it != seen.end()) {
                    if (!first) text += ',';
                    first = false;
                    text += "{\"counter\":" + std::to_string(counter) + ",\"original\":" + it->second +
                            ",\"status\":\"duplicate\"}";
                    continue;
                }
                // The row as it is now (earlier mutations of this batch already applied).
                // A new row given whole (base 0, every column) is not read first: it is
                // written by an INSERT that does nothing if the row exists after all,
                // and only then read (most pushed rows are new ones).
                const store::TableSpec* t = store::find_table(m.table);
                const bool upsert = t && m.op == "upsert";
                const bool unread = upsert && m.base == 0 && m.fields.size() == t->columns.size();
                const bool exists = upsert && !unread && cached_read_row(cache_, *t, m.row, cur);
                const store::Row* current = exists ? &cur : nullptr;
                if (auto why = forbidden_reason(who, ws, m, t, current); !why.empty()) {
                    forbidden.push_back(counter);
                    forbidden_code = why;
                }
                if (!forbidden.empty()) continue;  // refusing: only collect the other forbidden ones

                // Clamp a device clock far ahead of ours (flagged, not refused).
                Hlc hlc = m.hlc;
                bool clamped = false;
                const int64_t now = now_ms();
                if (hlc_wall(hlc) > now + kMaxClockSkewMs) {
                    hlc = make_hlc(now + kMaxClockSkewMs, hlc_logical(hlc));
                    clamped = true;
                }
                server_hlc_ = hlc_receive(server_hlc_, hlc, now);

                json r;  // null: applied without conflict, at `seq`
                int64_t seq = 0;
                const int64_t latest = store::latest_schema_version();
                if (m.schema > latest || m.schema < latest - 1) {
                    r = rejected(counter, "schema.unsupported", std::to_string(m.schema));
                } else if (m.op == "upsert") {
                    // Validation happens before the single INSERT/UPDATE, which is atomic:
                    // a refused upsert leaves no trace without a savepoint.
                    r = apply_upsert(who, m, hlc, t, current, seq, unread);
                    if (unread && r.is_string()) {  // not applied as a new row: read it, check and apply as usual
                        current = cached_read_row(cache_, *t, m.row, cur) ? &cur : nullptr;
                        if (auto why = forbidden_reason(who, ws, m, t, current); !why.empty()) {
                            forbidden.push_back(counter);
                            forbidden_code = why;
                            continue;
                        }
                        r = apply_upsert(who, m, hlc, t, current, seq, false);
                    }
                } else if (m.op == "command") {
                    // Handlers may write several rows: a savepoint undoes a refused one.
                    cache_.get("SAVEPOINT mutation").run();
                    const auto delta = checksum_delta_;
                    try {
                        r = apply_command(who, req, m);
                    } catch (const store::DbError& e) {
                        r = rejected(counter, "row.invalid", e.what());
                    }
                    if (r["status"] == "rejected") {
                        cache_.get("ROLLBACK TO mutation").run();
                        checksum_delta_ = delta;
                    }
                    cache_.get("RELEASE mutation").run();
                } else {
                    r = rejected(counter, "op.unknown", m.op);
                }
                if (r.is_null() && clamped) r = {{"status", "applied"}, {"seq", seq}};
                std::string stored;
                if (r.is_null()) {  // the common answer, formatted directly (same text as a dump)
                    stored = "{\"counter\":" + std::to_string(counter) + ",\"seq\":" + std::to_string(seq) +
                             ",\"status\":\"applied\"}";
                } else {
                    if (r["status"] == "rejected" && m.op == "upsert") {
                        int64_t version = 0;
                        r["row"] = row_state(m.table, m.row, &version);
                        r["version"] = version;
                    }
                    r["counter"] = counter;
                    if (clamped) r["clock_clamped"] = true;
                    stored = r.dump();
                }
                if (!first) text += ',';
                first = false;
                text += stored;
                seen.emplace(counter, stored);
                results.emplace_back(counter, std::move(stored));
            }
            if (!forbidden.empty()) throw Refused{};
            record_results(who.device_id, results);
            flush_checksums();
        });
    } catch (const Refused&) {
        batching_ = false;
        checksum_delta_.clear();
        Reply rep = error_reply(403, forbidden_code);
        rep.body["error"]["counters"] = forbidden;
        return rep;
    } catch (...) {
        batching_ = false;
        checksum_delta_.clear();
        throw;
    }
    batching_ = false;
    if (after_commit) after_commit();
    text += "],\"server_hlc\":" + std::to_string(server_hlc_) + ",\"server_seq\":" + std::to_string(next_seq_ - 1) + "}";
    Reply rep;
    rep.text = std::move(text);
    return rep;
}

// The idempotency records of a batch, written together before its commit (a
// multi-row INSERT per 64 rows: one statement execution instead of 64).
void ServerSync::record_results(const std::string& device, const std::vector<std::pair<int64_t, std::string>>& results) {
    constexpr size_t kChunk = 64;
    static const std::string chunk_sql = [] {
        std::string sql = "INSERT INTO sync_applied(device_id, counter, result) VALUES ";
        for (size_t k = 0; k < kChunk; ++k)
            sql += (k ? ", (?1, ?" : "(?1, ?") + std::to_string(2 * k + 2) + ", ?" + std::to_string(2 * k + 3) + ")";
        return sql;
    }();
    size_t k = 0;
    for (; k + kChunk <= results.size(); k += kChunk) {
        auto q = cache_.get(chunk_sql);
        q.bind_ref(1, device);
        for (size_t j = 0; j < kChunk; ++j) {
            const auto& [counter, result] = results[k + j];
            q.bind(static_cast<int>(2 * j + 2), counter).bind_ref(static_cast<int>(2 * j + 3), result);
        }
        q.run();
    }
    for (; k < results.size(); ++k) {
        auto q = cache_.get("INSERT INTO sync_applied(device_id, counter, result) VALUES (?1, ?2, ?3)");
        q.bind_ref(1, device).bind(2, results[k].first).bind_ref(3, results[k].second);
        q.run();
    }
}

json ServerSync::apply_upsert(const Principal& who, PushMutation& m, Hlc hlc, const store::TableSpec* t,
                              const store::Row* cur, int64_t& seq, bool unread) {
    using store::Value;
    const int64_t counter = m.counter;
    const std::string& table = m.table;
    const std::string& id = m.row;
    // `unread`: cur is null because the row was not read, not because it is
    // absent. The row is then only inserted if absent; any other outcome is
    // "retry" (a JSON string) with m as it came, and the caller reads the row.
    const json retry = "retry";
    if (!t) return rejected(counter, "table.unknown", table);
    if (!is_uuid(id)) return unread ? retry : rejected(counter, "row.bad_id", id);
    // Column index of each field. A batch's mutations mostly carry the same
    // keys: the previous mutation's mapping is reused when they match.
    auto& known = last_fields_;
    bool same_keys = known.table == t && known.keys.size() == m.fields.size();
    for (size_t k = 0; same_keys && k < m.fields.size(); ++k) same_keys = known.keys[k] == m.fields[k].key;
    if (!same_keys) {
        known = {t, {}, {}};
        for (const auto& f : m.fields) {
            const int c = t->column_index(f.key);
            if (c < 0) {
                known.table = nullptr;
                return unread ? retry : rejected(counter, "field.unknown", f.key);
            }
            known.keys.push_back(f.key);
            known.cols.push_back(c);
        }
    }
    const std::vector<int>& cols = known.cols;
    for (const auto& f : m.fields)
        if (f.value.kind == Value::Kind::Nested) return unread ? retry : rejected(counter, "field.bad_value", f.key);
    if (cur && is_insert_only(table)) return rejected(counter, "version.exists", id);
    json meta = cur ? read_meta(*t, id) : json::object();

    std::vector<size_t> winners;  // the fields that are written (indexes into m.fields)
    winners.reserve(m.fields.size());
    json conflicts = json::array();
    if (!cur) {
        for (size_t k = 0; k < m.fields.size(); ++k) winners.push_back(k);
    } else {
        const auto star = meta.find("*");
        for (size_t k = 0; k < m.fields.size(); ++k) {
            const auto& f = m.fields[k];
            const Value& now = (*cur)[static_cast<size_t>(cols[k]) + 1];
            if (same_value(now, f.value)) continue;
            auto fm = meta.find(f.key);
            if (fm == meta.end()) fm = star;  // written with the whole row (compact meta)
            const bool concurrent = fm != meta.end() && fm->is_array() && fm->size() == 4 &&
                                    (*fm)[0].get<int64_t>() > m.base && (*fm)[2] != who.device_id;
            if (!concurrent) {
                winners.push_back(k);
                continue;
            }
            // Same field changed since this edit's base by another device: last
            // writer (HLC, then device id) wins, and the clash is recorded.
            const Hlc their_hlc = (*fm)[1];
            const std::string their_device = (*fm)[2];
            const bool mine = hlc > their_hlc || (hlc == their_hlc && who.device_id > their_device);
            if (mine) winners.push_back(k);
            json base = nullptr;
            for (const auto& o : m.old)
                if (o.key == f.key) base = store::to_json(o.value);
            conflicts.push_back({{"field", f.key},
                                 {"base", base},
                                 {"mine", store::to_json(f.value)},
                                 {"theirs", store::to_json(now)},
                                 {"kept", mine ? "mine" : "theirs"},
                                 {"theirs_device", their_device},
                                 {"theirs_user", (*fm)[3]},
                                 {"theirs_hlc", their_hlc},
                                 {"theirs_version", (*fm)[0]}});
        }
    }

    if (!winners.empty()) {
        store::Row merged;
        if (cur) {
            merged = *cur;
        } else {
            merged.resize(t->columns.size() + 1);
            merged[0] = Value::text(id);
        }
        // The pushed values move into the merged row (not used after), and the
        // write binds them from there.
        std::vector<ColumnValue> apply;
        apply.reserve(winners.size());
        for (size_t k : winners) {
            store::Value& slot = merged[static_cast<size_t>(cols[k]) + 1];
            slot = std::move(m.fields[k].value);
            apply.emplace_back(cols[k], &slot);
        }
        auto give_back = [&] {  // the mutation as it came, for the retry
            for (size_t k : winners) m.fields[k].value = std::move(merged[static_cast<size_t>(cols[k]) + 1]);
            return retry;
        };
        Check c = validate_row(*t, merged);
        if (const Issue* i = c.first_error()) return unread ? give_back() : rejected(counter, i->code, i->field);
        if (table == "employees") {
            const int nip = t->column_index("nip"), archived = t->column_index("archived");
            bool nip_matters = false;
            for (const auto& [col, v] : apply) nip_matters = nip_matters || col == nip || col == archived;
            const Value& a = merged[static_cast<size_t>(archived) + 1];
            const bool is_archived = (a.is_number() || a.kind == Value::Kind::Bool) && a.number() != 0;
            const Value& n = merged[static_cast<size_t>(nip) + 1];
            if (nip_matters && !is_archived) {
                auto q = cache_.get("SELECT 1 FROM employees WHERE nip = ?1 AND archived = 0 AND id <> ?2");
                q.bind_ref(1, n).bind_ref(2, id);
                if (q.step())
                    return unread ? give_back() : rejected(counter, "nip.duplicate", n.kind == Value::Kind::Text ? n.s : "");
            }
        }
        // The row as it will be stored, so the change log need not read it back —
        // when every written value's stored form is certain and, for a new row,
        // every column is given (no defaults).
        bool exact = cur || apply.size() == t->columns.size();
        for (const auto& [col, v] : apply) exact = exact && stored_form(*t, col, *v, merged[static_cast<size_t>(col) + 1]);
        std::vector<int> written;
        written.reserve(apply.size());
        for (const auto& [col, v] : apply) written.push_back(col);
        // The log entry goes into the row's own INSERT/UPDATE.
        writer_ = {who.device_id, who.username, hlc};
        const int64_t seq_before = next_seq_;
        const LogEntry e = begin_change(*t, cur, office_of(*t, merged), written, std::move(meta));
        writer_ = {};
        const LogColumns log{e.seq, e.meta};
        try {
            const bool written_now = cached_write_row(cache_, *t, id, cur == nullptr, apply, &log, unread);
            if (!written_now) {  // (only when unread) the row exists after all
                next_seq_ = seq_before;
                return give_back();
            }
        } catch (const store::DbError& err) {
            // The INSERT/UPDATE itself failed (a foreign key or CHECK the validators
            // did not catch): nothing was written, and its seq numbers are not used.
            next_seq_ = seq_before;
            return unread ? give_back() : rejected(counter, "row.invalid", err.what());
        }
        if (!exact) cached_read_row(cache_, *t, id, merged);
        // A failure after the write is an internal error and fails the whole
        // batch (the exception leaves the transaction).
        finish_change(*t, id, cur, merged, e);
        seq = e.seq;
    } else if (cur) {
        seq = read_seq(*t, id);
    }
    if (conflicts.empty()) return nullptr;

    json r = {{"status", "conflict"}, {"seq", seq}};
    const int64_t now = now_ms();
    for (const auto& c : conflicts) {
        auto q = cache_.get(
            "INSERT OR IGNORE INTO sync_conflicts(table_name, row_id, field, base, mine, theirs, kept, mine_device, "
            "mine_user, mine_hlc, mine_counter, theirs_device, theirs_user, theirs_hlc, server_seq, recorded_ms) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        q.bind(1, table).bind(2, id).bind(3, c["field"].get<std::string>()).bind(4, c["base"].dump());
        q.bind(5, c["mine"].dump()).bind(6, c["theirs"].dump()).bind(7, c["kept"].get<std::string>());
        q.bind(8, who.device_id).bind(9, who.username).bind(10, hlc).bind(11, counter);
        q.bind(12, c["theirs_device"].get<std::string>()).bind(13, c["theirs_user"].get<std::string>());
        q.bind(14, c["theirs_hlc"].get<int64_t>()).bind(15, seq).bind(16, now);
        q.run();
    }
    r["conflicts"] = conflicts;
    r["row"] = row_state(table, id, nullptr);
    r["version"] = seq;
    r["mine_user"] = who.username;
    return r;
}

json ServerSync::apply_command(const Principal& who, const PushRequest& req, const PushMutation& m) {
    const int64_t counter = m.counter;
    auto it = commands().find(m.command);
    if (it == commands().end()) return rejected(counter, "command.unknown", m.command);
    const json mutation = json::parse(req.raw(m), nullptr, false);  // already checked by parse_push_request
    if (!mutation.is_object()) return rejected(counter, "command.unknown", m.command);
    CommandContext ctx{db_, who, mutation};
    writer_ = {who.device_id, who.username, m.hlc};
    Check c = it->second(ctx);
    writer_ = {};
    if (const Issue* i = c.first_error()) return rejected(counter, i->code, i->detail);
    return {{"status", "applied"}, {"seq", last_change_seq_}};
}

// [SECTION] pull -----------------------------------------------------------------

// The change log read of a pull: (seq, table, id, office, is_exit) after ?1,
// in seq order, at most ?2; ?3 = the employee id or the scope's offices (JSON
// array). One part per synced table, each read by an index: `_seq` for all
// rows, `(office_id, _seq)` for a scope's rows, plus the scope's exits. Table
// and column names come from the fixed registry.
const std::string& ServerSync::pull_sql(PullKind kind) {
    static const std::array<std::string, 3> sqls = [] {
        auto part = [](const store::TableSpec& t, const std::string& where) {
            return "SELECT _seq, '" + t.name + "', id, " + t.office_column + ", 0 FROM " + t.name + " WHERE " + where;
        };
        std::string all, own, offices;
        for (const auto& t : store::synced_tables()) {
            const std::string sep = all.empty() ? "" : " UNION ALL ";
            all += sep + part(t, "_seq > ?1");
            if (t.office_column == "id") {  // reference data: every device gets all offices
                own += (own.empty() ? "" : " UNION ALL ") + part(t, "_seq > ?1");
                offices += (offices.empty() ? "" : " UNION ALL ") + part(t, "_seq > ?1");
            } else {
                if (t.name == "employees") own += (own.empty() ? "" : " UNION ALL ") + part(t, "id = ?3 AND _seq > ?1");
                offices += (offices.empty() ? "" : " UNION ALL ") +
                           part(t, t.office_column + " IN (SELECT value FROM json_each(?3)) AND _seq > ?1");
            }
        }
        offices += " UNION ALL SELECT seq, table_name, row_id, office_id, 1 FROM sync_exits WHERE seq > ?1 AND "
                   "office_id IN (SELECT value FROM json_each(?3))";
        const std::string tail = " ORDER BY 1 LIMIT ?2";
        return std::array<std::string, 3>{all + tail, own + tail, offices + tail};
    }();
    return sqls[static_cast<size_t>(kind)];
}

// "SELECT office FROM t WHERE id = ?1" (names from the fixed registry).
const std::string& ServerSync::office_by_id(const store::TableSpec& t) {
    auto it = office_sql_.find(&t);
    if (it == office_sql_.end())
        it = office_sql_.emplace(&t, "SELECT " + t.office_column + " FROM " + t.name + " WHERE id = ?1").first;
    return it->second;
}

Reply ServerSync::pull(const Principal& who, int64_t cursor, int limit, bool snapshot, bool serialised) {
    limit = std::clamp(limit, 1, 5000);
    if (cursor < 0) return error_reply(400, "request.bad_cursor");
    {
        // Re-read: `seimbang-server purge` may run beside the serving process.
        auto q = cache_.get("SELECT value FROM local_meta WHERE key = 'sync.min_cursor'");
        if (q.step()) min_cursor_ = std::max<int64_t>(min_cursor_, std::stoll(q.text(0)));
    }
    if (!snapshot && cursor > 0 && cursor < min_cursor_) return error_reply(410, "sync.resnapshot");
    const Scope scope = read_scope(db_, who);

    json scope_ids = json::array();
    for (const auto& o : scope.offices) scope_ids.push_back(o);
    const std::string& sql = pull_sql(scope.all ? PullKind::All : scope.own_employee_only ? PullKind::OwnEmployee
                                                                                          : PullKind::Offices);
    // The answer is written as JSON text straight from the rows (building a JSON
    // tree per row and dumping it was most of a pull's cost).
    std::string text = "{\"changes\":[";
    const size_t changes_start = text.size();
    bool first = true;
    auto begin_change = [&](int64_t seq, const std::string& table, const std::string& id) {
        if (!first) text += ',';
        first = false;
        text += "{\"seq\":";
        text += std::to_string(seq);
        text += ",\"t\":";
        store::append_json_string(text, table);
        text += ",\"id\":";
        store::append_json_string(text, id);
    };
    int64_t last = cursor, snapshot_seq = 0;
    bool more = false;
    struct Entry {
        int64_t seq;
        std::string table, id, office;
        bool exit;
    };
    std::vector<Entry> entries;
    db_.transaction([&] {  // one consistent read of log + rows
        {
            auto q = cache_.get(sql);
            q.bind(1, cursor).bind(2, int64_t{limit} + 1);
            if (scope.own_employee_only) q.bind(3, scope.employee_id);
            else if (!scope.all) q.bind(3, scope_ids.dump());
            while (q.step()) entries.push_back({q.int64(0), q.text(1), q.text(2), q.text(3), q.int64(4) != 0});
        }
        if (static_cast<int>(entries.size()) > limit) {
            more = true;
            entries.pop_back();
        }
        for (const auto& e : entries) {
            last = e.seq;
            if (e.exit) {
                // Still visible through another office of the scope: not an exit for this device.
                const store::TableSpec* t = store::find_table(e.table);
                if (t) {
                    auto q = cache_.get(office_by_id(*t));
                    q.bind(1, e.id);
                    if (q.step() && scope.contains(q.text(0))) continue;
                }
                begin_change(e.seq, e.table, e.id);
                text += ",\"exit\":true}";
                continue;
            }
            const store::TableSpec* t = store::find_table(e.table);
            if (!t) continue;
            const size_t mark = text.size();
            begin_change(e.seq, e.table, e.id);
            text += ",\"row\":";
            if (!append_row_json(cache_, *t, e.id, text)) {
                text.resize(mark);  // the row is gone: nothing to send
                if (text.size() == changes_start) first = true;
                continue;
            }
            text += '}';
        }
        // Everything up to the newest seq of this read's snapshot has been seen
        // (later commits get higher seqs: catch_up_seq).
        snapshot_seq = stored_max_seq();
        if (!more) last = std::max(last, snapshot_seq);
    });

    text += "],\"cursor\":" + std::to_string(last) + ",\"more\":" + (more ? "true" : "false") +
            ",\"server_hlc\":" + std::to_string(server_hlc_) + ",\"server_seq\":" + std::to_string(snapshot_seq) +
            ",\"server_time_ms\":" + std::to_string(now_ms());
    if (!more) {
        // Checksum of everything this principal sees, from the incremental sums.
        Checksum c;
        auto add_rows = [&](Query& q) {
            while (q.step()) {
                c.rows += q.int64(0);
                c.hash += static_cast<uint64_t>(q.int64(1));
            }
        };
        if (scope.all) {
            auto q = cache_.get("SELECT rows, hash FROM sync_checksums");
            add_rows(q);
        } else {
            auto q = cache_.get("SELECT rows, hash FROM sync_checksums WHERE table_name = 'offices'");
            add_rows(q);
            if (scope.own_employee_only) {
                json row = scope.employee_id.empty() ? json(nullptr) : row_state("employees", scope.employee_id, nullptr);
                if (!row.is_null()) c.add(row_hash("employees", row));
            } else {
                auto s = cache_.get("SELECT rows, hash FROM sync_checksums WHERE table_name <> 'offices' AND "
                                    "office_id IN (SELECT value FROM json_each(?1))");
                s.bind(1, scope_ids.dump());
                add_rows(s);
            }
        }
        text += ",\"checksum\":" + c.to_json().dump();
    }
    text += '}';
    Reply r;
    if (serialised) r.text = std::move(text);
    else r.body = json::parse(text);
    return r;
}

}  // namespace seimbang::sync

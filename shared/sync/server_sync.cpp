#include "sync/server_sync.h"

#include <algorithm>
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

std::string office_of(const store::TableSpec& t, const json& row) {
    auto it = row.find(t.office_column);
    return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool same(const json& a, const json& b) {
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
    if (a.is_boolean() && b.is_number()) return (a.get<bool>() ? 1.0 : 0.0) == b.get<double>();
    if (b.is_boolean() && a.is_number()) return (b.get<bool>() ? 1.0 : 0.0) == a.get<double>();
    return a == b;
}

// Record-level validation of the merged row (the same rules as the local
// repositories), so a server never stores what a client could not.
Check validate_row(const std::string& table, const json& row) {
    if (table == "employees") return validate_employee(store::employee_from_row(row));
    if (table == "positions") return validate_position(store::position_from_row(row));
    if (table == "offices") return validate_office(store::office_from_row(row));
    if (table == "abk_tasks") return validate_task(store::task_from_row(row));
    return {};
}

json rejected(int64_t counter, const std::string& reason, const std::string& detail = {}) {
    return {{"counter", counter}, {"status", "rejected"}, {"reason", reason}, {"detail", detail}};
}

bool valid_mutation_shape(const json& m) {
    if (!m.is_object()) return false;
    for (const char* k : {"counter", "hlc", "schema", "base"})
        if (!m.contains(k) || !m[k].is_number_integer()) return false;
    for (const char* k : {"table", "row", "op"})
        if (!m.contains(k) || !m[k].is_string()) return false;
    if (m["op"] == "upsert") return m.contains("fields") && m["fields"].is_object();
    if (m["op"] == "command") return m.contains("command") && m["command"].is_string();
    return true;  // unknown ops are rejected per mutation, not per request
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
    auto s = db_.prepare("SELECT max(m) FROM (SELECT max(seq) AS m FROM sync_rows UNION ALL SELECT max(seq) FROM sync_exits)");
    if (s.step() && !s.is_null(0)) next_seq_ = s.int64(0) + 1;
    min_cursor_ = std::stoll(store::get_local_meta(db_, "sync.min_cursor", "0"));
    server_hlc_ = make_hlc(now_ms(), 0);
    db_.set_change_hook([this](store::Db&, const store::RowChange& c) { on_change(c); });
    // Rows written before the hook existed (an older database, a bulk import)
    // enter the log once, as if inserted now.
    for (const auto& t : store::synced_tables()) {
        std::vector<std::string> missing;
        auto q = db_.prepare("SELECT id FROM " + t.name +
                             " WHERE id NOT IN (SELECT row_id FROM sync_rows WHERE table_name = ?1)");
        q.bind(1, t.name);
        while (q.step()) missing.push_back(q.text(0));
        if (missing.empty()) continue;
        db_.transaction([&] {
            for (const auto& id : missing) on_change({t.name, id, true, false, json::object(), json::object()});
        });
    }
}

ServerSync::~ServerSync() { db_.set_change_hook(nullptr); }

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

// Called inside the writing transaction for every synced-row write.
void ServerSync::on_change(const store::RowChange& c) {
    const store::TableSpec* t = store::find_table(c.table);
    if (!t) return;
    in_hook_ = true;
    // The stored form (column affinity: 12 → 12.0 in a REAL column; defaults)
    // is what checksums hash: from the write's RETURNING when the push applied
    // it, else read back.
    json now;
    if (stored_row_ && stored_row_->is_object() && stored_row_->value("id", std::string()) == c.id) {
        now = std::move(*stored_row_);
        stored_row_ = nullptr;
    } else {
        now = row_state(c.table, c.id, nullptr);
    }
    if (now.is_null()) return;
    json old;
    if (!c.inserted) {
        old = now;
        for (const auto& [k, v] : c.before.items()) old[k] = v;
    }
    const std::string new_office = office_of(*t, now);
    const std::string old_office = c.inserted ? std::string() : office_of(*t, old);
    if (!c.inserted) adjust_checksum(c.table, old_office, row_hash(c.table, old), -1);
    adjust_checksum(c.table, new_office, row_hash(c.table, now), +1);

    json meta = json::object();
    if (!meta_cache_key_.empty() && meta_cache_key_ == c.table + "/" + c.id) {
        meta = std::move(meta_cache_);
        meta_cache_key_.clear();
    } else if (!c.inserted) {
        auto q = cache_.get("SELECT meta FROM sync_rows WHERE table_name = ?1 AND row_id = ?2");
        q.bind(1, c.table).bind(2, c.id);
        if (q.step()) meta = json::parse(q.text(0), nullptr, false);
        if (!meta.is_object()) meta = json::object();
    }
    // Explicit exit: the old office's devices learn that the row left them.
    if (!c.inserted && old_office != new_office && t->office_column != "id" && !old_office.empty()) {
        auto q = cache_.get(
            "INSERT INTO sync_exits(seq, table_name, row_id, office_id, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
        q.bind(1, next_seq_++).bind(2, c.table).bind(3, c.id).bind(4, old_office).bind(5, now_ms());
        q.run();
    }
    const int64_t seq = next_seq_++;
    std::string meta_text;
    if (c.inserted && meta.empty() && c.after.size() == t->columns.size() + (c.after.contains("id") ? 1 : 0)) {
        // Every column written by one writer: one shared entry (compact form,
        // see meta_entry) instead of one array per field.
        meta_text = "{\"*\":[" + std::to_string(seq) + "," + std::to_string(writer_.hlc) + "," +
                    writer_quoted() + "]}";
    } else {
        // A field's own entry overrides the shared "*" one.
        const json entry = json::array({seq, writer_.hlc, writer_.device, writer_.user});
        for (const auto& [k, v] : c.after.items()) meta[k] = entry;
        meta_text = meta.dump();
    }
    auto q = cache_.get(
        "INSERT INTO sync_rows(table_name, row_id, seq, office_id, meta) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(table_name, row_id) DO UPDATE SET seq = excluded.seq, office_id = excluded.office_id, "
        "meta = excluded.meta");
    q.bind(1, c.table).bind(2, c.id).bind(3, seq).bind(4, new_office).bind(5, meta_text);
    q.run();
    last_change_seq_ = seq;
}

// `"device","user"` of the current writer as JSON, escaped once per writer.
const std::string& ServerSync::writer_quoted() {
    if (quoted_for_.first != writer_.device || quoted_for_.second != writer_.user) {
        quoted_for_ = {writer_.device, writer_.user};
        quoted_ = json(writer_.device).dump() + "," + json(writer_.user).dump();
    }
    return quoted_;
}

// Whether SQLite stores `v` in `column` exactly as the JSON value (its type
// matches the column's affinity, so nothing is converted).
bool ServerSync::keeps_form(const store::TableSpec& t, const std::string& column, const json& v) {
    auto& cols = affinity_[t.name];
    if (cols.empty()) {
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
            cols[q.text(0)] = a;
        }
    }
    auto it = cols.find(column);
    if (it == cols.end()) return false;
    const char a = it->second;
    if (v.is_null()) return true;
    if (v.is_string()) return a == 'T' || a == 'B';
    if (v.is_number_integer()) return a == 'I' || a == 'N' || a == 'B';
    if (v.is_number_float()) return a == 'R' || a == 'B';
    return false;  // booleans are stored as integers: read back
}

json ServerSync::row_state(const std::string& table, const std::string& id, int64_t* seq) {
    const store::TableSpec* t = store::find_table(table);
    if (!t) return nullptr;
    json row = cached_read_row(cache_, *t, id);
    if (seq && !row.is_null()) {
        auto v = cache_.get("SELECT seq FROM sync_rows WHERE table_name = ?1 AND row_id = ?2");
        v.bind(1, table).bind(2, id);
        *seq = v.step() ? v.int64(0) : 0;
    }
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
std::string ServerSync::forbidden_reason(const Principal& who, const Scope& ws, const json& m, const json& cur) {
    const std::string table = m["table"];
    const store::TableSpec* t = store::find_table(table);
    if (!t) return {};  // unknown tables are rejected per mutation
    if (!role_writes_table(who.role, table)) return "role.read_only";
    if (m["op"] != "upsert") return {};  // commands check their own permission
    // Offices are scoped by their parent (a new kelurahan lies within its kecamatan).
    const std::string col = t->office_column == "id" ? "parent_id" : t->office_column;
    const bool exists = !cur.is_null();
    std::string old_office;
    if (exists && cur.contains(col) && cur[col].is_string()) old_office = cur[col];
    const json& fields = m["fields"];
    std::string new_office = old_office;
    if (fields.contains(col) && fields[col].is_string()) new_office = fields[col];
    if (exists && !ws.contains(old_office)) return "scope.forbidden";
    if (!exists && new_office.empty()) return {};  // incomplete insert: rejected as invalid when applied
    if (!ws.contains(new_office)) return "scope.forbidden";
    return {};
}

Reply ServerSync::push(const Principal& who, const json& req) {
    if (!req.is_object() || !req.contains("mutations") || !req["mutations"].is_array())
        return error_reply(400, "request.bad_shape", "mutations");
    if (req.value("device_id", std::string()) != who.device_id)
        return error_reply(403, "auth.device_mismatch");
    const json& ms = req["mutations"];
    for (const auto& m : ms)
        if (!valid_mutation_shape(m)) return error_reply(400, "request.bad_shape", "mutation");

    json results = json::array();
    json forbidden = json::array();
    std::string forbidden_code;
    struct Refused {};  // rolls the whole batch back
    batching_ = true;
    checksum_delta_.clear();
    try {
        db_.transaction([&] {
            // Scope is checked inside the transaction that applies, so it cannot change in between.
            const Scope ws = write_scope(db_, who);
            // Idempotency: one range read for the batch's counters, plus the
            // counters recorded by this batch itself (a counter sent twice).
            std::unordered_map<int64_t, std::string> seen;
            {
                int64_t lo = INT64_MAX, hi = INT64_MIN;
                for (const auto& m : ms) {
                    const int64_t c = m["counter"];
                    lo = std::min(lo, c);
                    hi = std::max(hi, c);
                }
                if (!ms.empty()) {
                    auto q = cache_.get(
                        "SELECT counter, result FROM sync_applied WHERE device_id = ?1 AND counter BETWEEN ?2 AND ?3");
                    q.bind(1, who.device_id).bind(2, lo).bind(3, hi);
                    while (q.step()) seen.emplace(q.int64(0), q.text(1));
                }
            }
            for (const auto& m : ms) {
                const int64_t counter = m["counter"];
                if (auto it = seen.find(counter); it != seen.end()) {
                    results.push_back(
                        {{"counter", counter}, {"status", "duplicate"}, {"original", json::parse(it->second)}});
                    continue;
                }
                // The row as it is now (earlier mutations of this batch already applied).
                const store::TableSpec* t = store::find_table(m["table"].get<std::string>());
                const json cur = t && m["op"] == "upsert" ? row_state(m["table"], m["row"], nullptr) : json(nullptr);
                if (auto why = forbidden_reason(who, ws, m, cur); !why.empty()) {
                    forbidden.push_back(counter);
                    forbidden_code = why;
                }
                if (!forbidden.empty()) continue;  // refusing: only collect the other forbidden ones

                // Clamp a device clock far ahead of ours (flagged, not refused).
                Hlc hlc = m["hlc"];
                bool clamped = false;
                const int64_t now = now_ms();
                if (hlc_wall(hlc) > now + kMaxClockSkewMs) {
                    hlc = make_hlc(now + kMaxClockSkewMs, hlc_logical(hlc));
                    clamped = true;
                }
                server_hlc_ = hlc_receive(server_hlc_, hlc, now);

                json r;
                const int schema = m["schema"];
                const int latest = store::latest_schema_version();
                if (schema > latest || schema < latest - 1) {
                    r = rejected(counter, "schema.unsupported", std::to_string(schema));
                } else if (m["op"] == "upsert") {
                    // Validation happens before the single INSERT/UPDATE, which is atomic:
                    // a refused upsert leaves no trace without a savepoint.
                    r = apply_upsert(who, m, hlc, cur);
                } else if (m["op"] == "command") {
                    // Handlers may write several rows: a savepoint undoes a refused one.
                    cache_.get("SAVEPOINT mutation").run();
                    const auto delta = checksum_delta_;
                    try {
                        r = apply_command(who, m);
                    } catch (const store::DbError& e) {
                        r = rejected(counter, "row.invalid", e.what());
                    }
                    if (r["status"] == "rejected") {
                        cache_.get("ROLLBACK TO mutation").run();
                        checksum_delta_ = delta;
                    }
                    cache_.get("RELEASE mutation").run();
                } else {
                    r = rejected(counter, "op.unknown", m["op"]);
                }
                if (r["status"] == "rejected" && m["op"] == "upsert") {
                    int64_t seq = 0;
                    r["row"] = row_state(m["table"], m["row"], &seq);
                    r["version"] = seq;
                }
                r["counter"] = counter;
                if (clamped) r["clock_clamped"] = true;
                // The common answer formatted directly (same text as r.dump()).
                std::string stored = r.size() == 3 && r["status"] == "applied" && r["seq"].is_number_integer()
                                         ? "{\"counter\":" + std::to_string(counter) + ",\"seq\":" +
                                               std::to_string(r["seq"].get<int64_t>()) + ",\"status\":\"applied\"}"
                                         : r.dump();
                auto ins = cache_.get("INSERT INTO sync_applied(device_id, counter, result) VALUES (?1, ?2, ?3)");
                ins.bind(1, who.device_id).bind(2, counter).bind(3, stored);
                ins.run();
                seen.emplace(counter, std::move(stored));
                results.push_back(std::move(r));
            }
            if (!forbidden.empty()) throw Refused{};
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
    return {200, {{"results", std::move(results)}, {"server_hlc", server_hlc_}, {"server_seq", next_seq_ - 1}}};
}

json ServerSync::apply_upsert(const Principal& who, const json& m, Hlc hlc, const json& cur) {
    const int64_t counter = m["counter"];
    const std::string table = m["table"], id = m["row"];
    const store::TableSpec* t = store::find_table(table);
    if (!t) return rejected(counter, "table.unknown", table);
    if (!is_uuid(id)) return rejected(counter, "row.bad_id", id);
    const json& fields = m["fields"];
    for (const auto& [k, v] : fields.items()) {
        if (!t->has(k)) return rejected(counter, "field.unknown", k);
        if (v.is_object() || v.is_array()) return rejected(counter, "field.bad_value", k);
    }
    static const json kEmpty = json::object();
    const auto old_it = m.find("old");
    const json& old = old_it != m.end() && old_it->is_object() ? *old_it : kEmpty;
    const int64_t base = m["base"];

    int64_t seq = 0;
    if (!cur.is_null() && is_insert_only(table)) return rejected(counter, "version.exists", id);
    json meta = json::object();
    if (!cur.is_null()) {
        auto q = cache_.get("SELECT meta FROM sync_rows WHERE table_name = ?1 AND row_id = ?2");
        q.bind(1, table).bind(2, id);
        if (q.step()) meta = json::parse(q.text(0), nullptr, false);
        if (!meta.is_object()) meta = json::object();
        meta_cache_key_ = table + "/" + id;  // the change hook reuses it
        meta_cache_ = meta;
    }

    json changed = json::object();  // for an existing row: the fields that win
    json conflicts = json::array();
    if (!cur.is_null()) {
        const auto star = meta.find("*");
        for (const auto& [f, v] : fields.items()) {
            if (same(cur[f], v)) continue;
            auto fm = meta.find(f);
            if (fm == meta.end()) fm = star;  // written with the whole row (compact meta)
            const bool concurrent = fm != meta.end() && fm->is_array() && fm->size() == 4 &&
                                    (*fm)[0].get<int64_t>() > base && (*fm)[2] != who.device_id;
            if (!concurrent) {
                changed[f] = v;
                continue;
            }
            // Same field changed since this edit's base by another device: last
            // writer (HLC, then device id) wins, and the clash is recorded.
            const Hlc their_hlc = (*fm)[1];
            const std::string their_device = (*fm)[2];
            const bool mine = hlc > their_hlc || (hlc == their_hlc && who.device_id > their_device);
            if (mine) changed[f] = v;
            conflicts.push_back({{"field", f},
                                 {"base", old.contains(f) ? old[f] : json(nullptr)},
                                 {"mine", v},
                                 {"theirs", cur[f]},
                                 {"kept", mine ? "mine" : "theirs"},
                                 {"theirs_device", their_device},
                                 {"theirs_user", (*fm)[3]},
                                 {"theirs_hlc", their_hlc},
                                 {"theirs_version", (*fm)[0]}});
        }
    }

    // A new row applies the fields as sent (no copy).
    const json& apply = cur.is_null() ? fields : changed;
    json merged = cur.is_null() ? fields : cur;
    if (cur.is_null()) merged["id"] = id;
    else
        for (const auto& [k, v] : apply.items()) merged[k] = v;
    if (!apply.empty()) {
        Check c = validate_row(table, merged);
        if (const Issue* i = c.first_error()) return rejected(counter, i->code, i->field);
        const bool nip_matters = apply.contains("nip") || apply.contains("archived");
        if (table == "employees" && nip_matters && merged.value("archived", int64_t{0}) == 0) {
            auto q = cache_.get("SELECT 1 FROM employees WHERE nip = ?1 AND archived = 0 AND id <> ?2");
            q.bind(1, merged.value("nip", std::string())).bind(2, id);
            if (q.step()) return rejected(counter, "nip.duplicate", merged.value("nip", std::string()));
        }
        writer_ = {who.device_id, who.username, hlc};
        in_hook_ = false;
        try {
            // The row as it will be stored, handed to the change hook so it need not
            // read it back — only when the stored form is certain: every value already
            // has its column's type (no affinity conversion) and, for a new row, every
            // column is given (no defaults). Otherwise the hook reads it back.
            stored_row_ = nullptr;
            bool exact = cur.is_null() ? apply.size() == t->columns.size() : true;
            for (auto it = apply.begin(); exact && it != apply.end(); ++it) exact = keeps_form(*t, it.key(), *it);
            if (exact) {
                stored_buf_ = std::move(merged);  // validated above, not used after
                if (!cur.is_null())
                    for (const auto& [k, v] : apply.items())
                        if (same(cur[k], v)) stored_buf_[k] = cur[k];  // unchanged: keeps its stored form
                stored_row_ = &stored_buf_;
            }
            cached_write_row(db_, cache_, *t, id, apply, cur, false);
            stored_row_ = nullptr;
        } catch (const store::DbError& e) {
            stored_row_ = nullptr;
            writer_ = {};
            meta_cache_key_.clear();
            // The INSERT/UPDATE itself failed (a foreign key or CHECK the validators
            // did not catch): nothing was written. A failure inside the change log
            // after the write is an internal error and fails the whole batch.
            if (in_hook_) throw;
            return rejected(counter, "row.invalid", e.what());
        }
        writer_ = {};
        seq = last_change_seq_;
    } else if (!cur.is_null()) {
        auto v = cache_.get("SELECT seq FROM sync_rows WHERE table_name = ?1 AND row_id = ?2");
        v.bind(1, table).bind(2, id);
        if (v.step()) seq = v.int64(0);
    }
    meta_cache_key_.clear();

    json r = {{"status", conflicts.empty() ? "applied" : "conflict"}, {"seq", seq}};
    if (!conflicts.empty()) {
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
    }
    return r;
}

json ServerSync::apply_command(const Principal& who, const json& m) {
    const int64_t counter = m["counter"];
    auto it = commands().find(m["command"].get<std::string>());
    if (it == commands().end()) return rejected(counter, "command.unknown", m["command"]);
    CommandContext ctx{db_, who, m};
    writer_ = {who.device_id, who.username, m["hlc"].get<Hlc>()};
    Check c = it->second(ctx);
    writer_ = {};
    if (const Issue* i = c.first_error()) return rejected(counter, i->code, i->detail);
    return {{"status", "applied"}, {"seq", last_change_seq_}};
}

// [SECTION] pull -----------------------------------------------------------------

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
    std::string sql;
    if (scope.all) {
        sql = "SELECT seq, table_name, row_id, office_id, 0 FROM sync_rows WHERE seq > ?1 ORDER BY seq LIMIT ?2";
    } else if (scope.own_employee_only) {
        sql = "SELECT seq, table_name, row_id, office_id, 0 FROM sync_rows WHERE seq > ?1 AND "
              "(table_name = 'offices' OR (table_name = 'employees' AND row_id = ?3)) ORDER BY seq LIMIT ?2";
    } else {
        // Three disjoint parts, each read by an index: offices (reference data, by
        // the primary key prefix), the scope's rows (by (office_id, seq) where the
        // server schema has that index), the scope's exits (by seq).
        sql = "SELECT seq, table_name, row_id, office_id, 0 FROM sync_rows WHERE table_name = 'offices' AND seq > ?1 "
              "UNION ALL SELECT seq, table_name, row_id, office_id, 0 FROM sync_rows WHERE "
              "office_id IN (SELECT value FROM json_each(?3)) AND seq > ?1 AND table_name <> 'offices' "
              "UNION ALL SELECT seq, table_name, row_id, office_id, 1 FROM sync_exits WHERE seq > ?1 AND "
              "office_id IN (SELECT value FROM json_each(?3)) ORDER BY 1 LIMIT ?2";
    }
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
        append_json_string(text, table);
        text += ",\"id\":";
        append_json_string(text, id);
    };
    int64_t last = cursor;
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
                auto q = cache_.get("SELECT office_id FROM sync_rows WHERE table_name = ?1 AND row_id = ?2");
                q.bind(1, e.table).bind(2, e.id);
                if (q.step() && scope.contains(q.text(0))) continue;
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
        if (!more) last = std::max(last, next_seq_ - 1);
    });

    text += "],\"cursor\":" + std::to_string(last) + ",\"more\":" + (more ? "true" : "false") +
            ",\"server_hlc\":" + std::to_string(server_hlc_) + ",\"server_seq\":" + std::to_string(next_seq_ - 1) +
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

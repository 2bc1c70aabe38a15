// The push side of ServerSync (docs/SYNC.md §5): scope checks, the merge rules
// of an upsert, workflow commands, idempotency records.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "access/access.h"
#include "model/validate.h"
#include "store/record_rules.h"
#include "store/records.h"
#include "store/schema.h"
#include "store/rows.h"
#include "sync/server_sync.h"
#include "sync/step_chain.h"
#include "util/utf8.h"
#include "util/uuid.h"

namespace seimbang::sync {

using nlohmann::json;

namespace {

std::map<std::string, CommandHandler>& commands() {
    static std::map<std::string, CommandHandler> m;
    return m;
}

// The reference rules' reads, through the push's statement cache and its
// per-push memo (PushMemo, server_parts.h).
class CachedRefReader : public store::RefReader {
public:
    CachedRefReader(store::Db& cache, std::unordered_map<std::string, std::optional<Office>>& offices,
                    std::unordered_map<std::string, std::optional<Position>>& positions)
        : db_(cache), offices_(offices), positions_(positions) {}
    std::optional<Office> office(const std::string& id) override {
        if (auto it = offices_.find(id); it != offices_.end()) return it->second;
        const auto& t = *store::find_table("offices");
        std::optional<Office> o;
        if (store::read_row(db_, t, id, row_)) o = store::office_from_row(t, row_);
        return offices_.emplace(id, std::move(o)).first->second;
    }
    std::optional<Position> position(const std::string& id) override {
        if (auto it = positions_.find(id); it != positions_.end()) return it->second;
        const auto& t = *store::find_table("positions");
        std::optional<Position> p;
        if (store::read_row(db_, t, id, row_)) p = store::position_from_row(t, row_);
        return positions_.emplace(id, std::move(p)).first->second;
    }
    bool employee_exists(const std::string& id) override {
        auto q = db_.prepare("SELECT 1 FROM employees WHERE id = ?1");
        q.bind(1, id);
        return q.step();
    }
    std::vector<Office> children(const std::string& id) override {
        std::vector<std::string> ids;
        {
            auto q = db_.prepare("SELECT id FROM offices WHERE parent_id = ?1");
            q.bind(1, id);
            while (q.step()) ids.push_back(q.text(0));
        }
        std::vector<Office> out;
        for (const auto& c : ids)
            if (auto o = office(c)) out.push_back(std::move(*o));
        return out;
    }

private:
    store::Db& db_;
    std::unordered_map<std::string, std::optional<Office>>& offices_;
    std::unordered_map<std::string, std::optional<Position>>& positions_;
    store::Row row_;
};

// The record rules of the merged row, the same as the local repositories': the
// field rules (model/validate.h) and, when the row is new or a written column
// is one a reference rule looks at, the reference rules (store/record_rules.h).
// Each record is converted from the row once.
Check check_row(store::RefReader& refs, const store::TableSpec& t, const store::Row& row, const store::Row* cur,
                const std::vector<store::ColumnValue>& written) {
    static const std::array<std::string_view, 5> kRefColumns = {"position_id", "office_id", "parent_id", "kind",
                                                                "archived"};
    bool touched = cur == nullptr;
    for (const auto& [col, v] : written)
        for (auto name : kRefColumns) touched = touched || t.columns[static_cast<size_t>(col)] == name;
    if (t.name == "employees") {
        const Employee e = store::employee_from_row(t, row);
        Check c = validate_employee(e);
        if (c.ok() && touched) c = store::check_employee_refs(refs, e);
        return c;
    }
    if (t.name == "positions") {
        const Position p = store::position_from_row(t, row);
        Check c = validate_position(p);
        if (c.ok() && touched) c = store::check_position_refs(refs, p);
        return c;
    }
    if (t.name == "abk_tasks") {
        const AbkTask task = store::task_from_row(t, row);
        Check c = validate_task(task);
        const store::Value& office = row[static_cast<size_t>(t.column_index("office_id")) + 1];
        if (c.ok() && touched)
            c = store::check_task_refs(refs, task, office.kind == store::Value::Kind::Text ? office.s : std::string());
        return c;
    }
    if (t.name == "placements") {  // (new rows only: an update is refused before, see insert_only)
        const Placement p = store::placement_from_row(t, row);
        Check c = validate_placement(p);
        if (c.ok()) c = store::check_placement_refs(refs, p);
        return c;
    }
    if (t.name == "offices") {
        const Office o = store::office_from_row(t, row);
        Check c = validate_office(o);
        std::optional<OfficeKind> stored;
        if (cur) stored = store::office_from_row(t, *cur).kind;
        if (c.ok() && touched) c = store::check_office_refs(refs, o, stored);
        return c;
    }
    return {};
}

// What a rejection stores and answers of the client's own text (a table or
// field name, a value): at most 64 bytes, cut at a UTF-8 boundary, so a
// rejected mutation never stores more than a few hundred bytes.
std::string clip(const std::string& s) { return utf8_clip(s, 64); }

// The longest text value a pushed field may hold (the longest field rule is
// 500 characters; competences JSON of 64 tags is ~4 KiB).
constexpr size_t kMaxTextValue = 16 * 1024;

json rejected(int64_t counter, const std::string& reason, const std::string& detail = {}) {
    return {{"counter", counter}, {"status", "rejected"}, {"reason", reason}, {"detail", clip(detail)}};
}

}  // namespace

void register_command(const std::string& name, CommandHandler handler) { commands()[name] = std::move(handler); }

// Why this principal may not make this change (empty when allowed). A push
// with any forbidden mutation is refused (403) as a whole and its transaction
// rolled back, so nothing changes.
std::string ServerSync::forbidden_reason(const Principal& who, const Scope& ws, const PushMutation& m,
                                         const store::TableSpec* t, const store::Row* cur) {
    // Commands check their own permission (role and scope per step, shared/access),
    // each refused one alone: a pegawai files and cancels their own request.
    if (m.op == "command") return {};
    // Read-only roles store nothing, not even the rejection of an unknown table.
    if (!role_writes_table(who.role, m.table)) return "role.read_only";
    if (!t) return {};                              // unknown tables are rejected per mutation
    // Workflow rows change by commands only; an instansi server forwarding its
    // change log to the national tier writes them as they are (docs/SCALE.md).
    const bool forwarding = access::may(who.role, access::Feature::upstream_forward);
    if (t->commands_only && !forwarding) return "role.read_only";
    if (m.op != "upsert") return {};
    // [between instansi] A forwarded workflow row is the forwarding instansi's to
    // write when its origin OR its destination office lies in its subtree, before
    // and after: the receiving instansi forwards its proposal about another
    // instansi's employee (docs/SCALE.md "Between-instansi transfers").
    if (forwarding && t->commands_only && !t->second_office_column.empty()) {
        auto office_of = [&](const std::string& column, bool after) {
            const size_t at = static_cast<size_t>(t->column_index(column)) + 1;
            std::string v;
            if (cur && (*cur)[at].kind == store::Value::Kind::Text) v = (*cur)[at].s;
            if (after)
                for (const auto& f : m.fields)
                    if (f.key == column) v = f.value.kind == store::Value::Kind::Text ? f.value.s : std::string();
            return v;
        };
        const std::string& origin = t->office_column;
        const std::string& destination = t->second_office_column;
        // (An incomplete new row naming no office is rejected as invalid when applied.)
        if (!cur && office_of(origin, true).empty() && office_of(destination, true).empty()) return {};
        const bool before = !cur || ws.contains(office_of(origin, false)) || ws.contains(office_of(destination, false));
        const bool after = ws.contains(office_of(origin, true)) || ws.contains(office_of(destination, true));
        return before && after ? std::string() : "scope.forbidden";
    }
    // Offices are scoped by their parent (a new kelurahan lies within its kecamatan).
    const std::string col = t->office_column == "id" ? "parent_id" : t->office_column;
    const size_t idx = static_cast<size_t>(t->column_index(col)) + 1;
    std::string old_office;
    if (cur && (*cur)[idx].kind == store::Value::Kind::Text) old_office = (*cur)[idx].s;
    std::string new_office = old_office;
    for (const auto& f : m.fields)
        if (f.key == col && f.value.kind == store::Value::Kind::Text) new_office = f.value.s;
    // [upstream] An instansi's root office (no parent) is its own account's to
    // write, and only as a root: it cannot be hung below another office.
    // (cur may be null here without the row being absent: a whole new row is checked before it is read.)
    if (forwarding && t->office_column == "id" && m.row == who.office_id && old_office.empty())
        return new_office.empty() ? std::string() : "scope.forbidden";
    if (cur && !ws.contains(old_office)) return "scope.forbidden";
    // An incomplete insert is rejected as invalid when applied; but an office
    // without a parent would be a new root, outside every write scope.
    if (!cur && new_office.empty() && t->office_column != "id") return {};
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
    clock_.refresh();
    if (!req.generation.empty() && req.generation != clock_.generation()) {
        // The database was restored from a backup since this device last synced:
        // its numbering (base versions) means nothing here. Nothing is applied;
        // the device re-sends what the backup lacks first (docs/SYNC.md §8.1).
        Reply r = error_reply(409, "sync.generation_changed");
        r.body["error"]["generation"] = clock_.generation();
        r.body["error"]["generation_seq"] = clock_.generation_seq();
        return r;
    }
    auto& ms = req.mutations;

    // The answer is written as text while applying: {"results":[…],"server_hlc":…,"server_seq":…}
    // (the key order nlohmann would dump).
    std::string text = "{\"results\":[";
    json forbidden = json::array();
    std::string forbidden_code;
    struct Refused {};  // rolls the whole batch back
    checksums_.begin_batch();
    memo_.clear();  // (other writers may have changed what it read since the last push)
    try {
        db_.transaction([&] {
            clock_.catch_up();
            // Scope is checked inside the transaction that applies, so it cannot change in between.
            Scope ws = write_scope(db_, who);  // (grows by the offices this push creates, below)
            std::optional<Scope> rs;  // read scope, when a rejection needs it
            // Idempotency: one range read for the batch's counters, plus the
            // counters recorded by this batch itself (a counter sent twice).
            std::unordered_map<int64_t, std::string> seen;
            if (!ms.empty()) {
                const auto [lo, hi] = req.counter_range();
                auto q = db_.prepare(
                    "SELECT counter, result FROM sync_applied WHERE device_id = ?1 AND counter BETWEEN ?2 AND ?3");
                q.bind(1, who.device_id).bind(2, lo).bind(3, hi);
                while (q.step()) seen.emplace(q.int64(0), q.text(1));
            }
            // [between instansi] Forwarded steps taken on a stale copy, refused with their events (sync/step_chain.h).
            const auto stale = access::may(who.role, access::Feature::upstream_forward)
                                   ? stale_steps(ms, read_stored_steps(db_, step_requests(ms)))
                                   : std::map<size_t, std::string>{};
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
                const int64_t latest = store::latest_schema_version();
                const bool schema_ok = m.schema <= latest && m.schema >= latest - 1;
                // (An unsupported schema is rejected without applying: the row is read
                // so that the scope check below sees the row as it is.)
                const bool unread = upsert && schema_ok && m.base == 0 && m.fields.size() == t->columns.size();
                const bool exists = upsert && !unread && store::read_row(db_, *t, m.row, cur);
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
                clock_.receive(hlc, now);

                json r;  // null: applied without conflict, at `seq`
                int64_t seq = 0;
                if (!schema_ok) {
                    r = rejected(counter, "schema.unsupported", std::to_string(m.schema));
                } else if (auto st = stale.find(static_cast<size_t>(&m - ms.data())); st != stale.end()) {
                    r = rejected(counter, "workflow.state_changed", st->second);
                } else if (m.op == "upsert") {
                    // Validation happens before the single INSERT/UPDATE, which is atomic:
                    // a refused upsert leaves no trace without a savepoint.
                    r = apply_upsert(who, m, hlc, t, current, seq, unread);
                    if (unread && r.is_string()) {  // not applied as a new row: read it, check and apply as usual
                        current = store::read_row(db_, *t, m.row, cur) ? &cur : nullptr;
                        if (auto why = forbidden_reason(who, ws, m, t, current); !why.empty()) {
                            forbidden.push_back(counter);
                            forbidden_code = why;
                            continue;
                        }
                        r = apply_upsert(who, m, hlc, t, current, seq, false);
                    }
                } else if (m.op == "command") {
                    // Handlers may write several rows: a savepoint undoes a refused one.
                    db_.prepare("SAVEPOINT mutation").run();
                    const ChecksumLedger::Mark mark = checksums_.mark();
                    try {
                        r = apply_command(who, req, m);
                    } catch (const store::DbError& e) {
                        if (e.storage_failure()) throw;  // the whole push fails (nothing kept)
                        r = rejected(counter, "row.invalid", e.what());
                    }
                    if (r["status"] == "rejected") {
                        db_.prepare("ROLLBACK TO mutation").run();
                        checksums_.rewind(mark);
                    }
                    db_.prepare("RELEASE mutation").run();
                } else {
                    r = rejected(counter, "op.unknown", m.op);
                }
                if (r.is_null() && clamped) r = {{"status", "applied"}, {"seq", seq}};
                // A new office lies in its parent's subtree, so in the write scope (its parent
                // passed the check): the rows this batch puts into it are in scope too (an
                // instansi forwarding a kecamatan with its kelurahan, docs/SCALE.md).
                if (t && t->office_column == "id" && m.op == "upsert" && (r.is_null() || r["status"] != "rejected"))
                    ws.offices.insert(m.row);
                std::string stored;
                if (r.is_null()) {  // the common answer, formatted directly (same text as a dump)
                    stored = "{\"counter\":" + std::to_string(counter) + ",\"seq\":" + std::to_string(seq) +
                             ",\"status\":\"applied\"}";
                } else {
                    if (r["status"] == "rejected" && (m.op == "upsert" || (m.op == "command" && t))) {
                        // The row as the server has it, so the client can show it (a refused
                        // command: the client puts its optimistic copy back), but never a
                        // row outside the caller's read scope.
                        int64_t version = 0;
                        json row = row_state(m.table, m.row, &version);
                        if (!rs) rs = read_scope(db_, who);
                        if (row.is_object() && !rs->sees(*t, row)) {
                            row = nullptr;
                            version = 0;
                        }
                        r["row"] = std::move(row);
                        r["version"] = version;
                    }
                    r["counter"] = counter;
                    if (clamped) r["clock_clamped"] = true;
                    // (Invalid UTF-8 in a client's text is replaced, never thrown on.)
                    stored = r.dump(-1, ' ', false, json::error_handler_t::replace);
                }
                if (!first) text += ',';
                first = false;
                text += stored;
                seen.emplace(counter, stored);
                results.emplace_back(counter, std::move(stored));
            }
            if (!forbidden.empty()) throw Refused{};
            record_results(who.device_id, results);
            checksums_.flush();
        });
    } catch (const Refused&) {
        checksums_.end_batch();
        Reply rep = error_reply(403, forbidden_code);
        rep.body["error"]["counters"] = forbidden;
        return rep;
    } catch (...) {
        checksums_.end_batch();
        throw;
    }
    checksums_.end_batch();
    if (after_commit) after_commit();
    text += "],\"server_hlc\":" + std::to_string(clock_.hlc()) + ",\"server_seq\":" + std::to_string(clock_.last_taken()) + "}";
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
        auto q = db_.prepare(chunk_sql);
        q.bind_ref(1, device);
        for (size_t j = 0; j < kChunk; ++j) {
            const auto& [counter, result] = results[k + j];
            q.bind(static_cast<int>(2 * j + 2), counter).bind_ref(static_cast<int>(2 * j + 3), result);
        }
        q.run();
    }
    for (; k < results.size(); ++k) {
        auto q = db_.prepare("INSERT INTO sync_applied(device_id, counter, result) VALUES (?1, ?2, ?3)");
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
    static const json retry = "retry";  // (built once: this runs for every mutation)
    if (!t) return rejected(counter, "table.unknown", table);
    if (!is_uuid(id)) return unread ? retry : rejected(counter, "row.bad_id", id);
    // Column index of each field. A batch's mutations mostly carry the same
    // keys: the previous mutation's mapping is reused when they match.
    auto& known = memo_.last_fields;
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
    for (const auto& f : m.fields) {
        if (f.value.kind == Value::Kind::Nested) return unread ? retry : rejected(counter, "field.bad_value", f.key);
        if (f.value.kind == Value::Kind::Text && f.value.s.size() > kMaxTextValue)
            return unread ? retry : rejected(counter, "field.too_long", f.key);
    }
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
        std::vector<store::ColumnValue> apply;
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
        CachedRefReader refs(db_, memo_.offices, memo_.positions);
        Check c = check_row(refs, *t, merged, cur, apply);
        if (const Issue* i = c.first_error()) return unread ? give_back() : rejected(counter, i->code, i->field);
        // NIP uniqueness among the active records, except for a forwarding instansi
        // server at the national tier (docs/SCALE.md "What the national tier does
        // not re-check"): a NIP active in two instansi is a move between instansi
        // in flight (the receiving side may enter its record at the TMT before the
        // sending side archives its own), shown by the claims view, never refused.
        if (table == "employees" && !access::may(who.role, access::Feature::upstream_forward)) {
            const int nip = t->column_index("nip"), archived = t->column_index("archived");
            bool nip_matters = false;
            for (const auto& [col, v] : apply) nip_matters = nip_matters || col == nip || col == archived;
            const Value& a = merged[static_cast<size_t>(archived) + 1];
            const bool is_archived = (a.is_number() || a.kind == Value::Kind::Bool) && a.number() != 0;
            const Value& n = merged[static_cast<size_t>(nip) + 1];
            if (nip_matters && !is_archived) {
                auto q = db_.prepare("SELECT 1 FROM employees WHERE nip = ?1 AND archived = 0 AND id <> ?2");
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
        writer_.set(who.device_id, who.username, hlc);
        const int64_t seq_before = clock_.mark();
        const LogEntry e = begin_change(*t, cur, office_of(*t, merged), written, std::move(meta));
        writer_.reset();
        const store::LogColumns log{e.seq, e.meta};
        try {
            const bool written_now = store::write_columns(db_, *t, id, cur == nullptr, apply, &log, unread);
            if (!written_now) {  // (only when unread) the row exists after all
                clock_.give_back(seq_before);
                return give_back();
            }
        } catch (const store::DbError& err) {
            // A full disk or an I/O error fails the whole push (the client keeps
            // its edits and sends them again); nothing of it is committed.
            if (err.storage_failure()) throw;
            // The INSERT/UPDATE itself failed (a foreign key or CHECK the validators
            // did not catch): nothing was written, and its seq numbers are not used.
            clock_.give_back(seq_before);
            return unread ? give_back() : rejected(counter, "row.invalid", err.what());
        }
        if (!exact) store::read_row(db_, *t, id, merged);
        if (table == "offices" || table == "positions") {  // (what the reference rules remembered may have changed)
            memo_.forget_references();
        }
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
        auto q = db_.prepare(
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
    // The other writer's device id stays on the server (sync_conflicts): a
    // device id is what a login binds a token to, not something to hand out.
    for (auto& c : conflicts) c.erase("theirs_device");
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
    CommandContext ctx{db_, who, mutation, memo_.command};
    memo_.forget_references();  // (a command may write anything)
    writer_.set(who.device_id, who.username, m.hlc);
    Check c = it->second(ctx);
    writer_.reset();
    if (const Issue* i = c.first_error()) return rejected(counter, i->code, i->detail);
    return {{"status", "applied"}, {"seq", clock_.last_written()}};
}

}  // namespace seimbang::sync

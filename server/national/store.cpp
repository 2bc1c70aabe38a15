#include "national/store.h"
#include "national/summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "model/validate.h"
#include "store/records.h"
#include "store/rows.h"
#include "store/schema.h"
#include "store/table_facts.h"
#include "sync/hlc.h"
#include "sync/rowhash.h"
#include "util/utf8.h"
#include "util/uuid.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

namespace seimbang::national {

using nlohmann::json;
using store::Value;

const std::vector<std::string>& pg_types(const store::TableSpec& t) {
    static const std::map<std::string, std::vector<std::string>> all = [] {
        std::map<std::string, std::vector<std::string>> m;
        for (const auto& s : store::synced_tables()) {
            std::vector<std::string> types;
            for (char a : store::affinity(s))
                types.push_back(a == 'I' ? "bigint" : a == 'R' ? "double precision" : "text");
            m.emplace(s.name, std::move(types));
        }
        return m;
    }();
    return all.at(t.name);
}

std::string national_schema_sql() {
    // Every table: (instansi, id) first and as the key; `_seq` is the national
    // change-log sequence of the row's latest write (pull order).
    std::string sql;
    for (const auto& t : store::synced_tables()) {
        sql += "CREATE TABLE IF NOT EXISTS " + t.name + " (instansi text NOT NULL, id text NOT NULL";
        const auto& types = pg_types(t);
        for (size_t k = 0; k < t.columns.size(); ++k) sql += ", " + t.columns[k] + " " + types[k];
        sql += ", _seq bigint NOT NULL, PRIMARY KEY (instansi, id));\n";
        // A store created by an older build gains the columns later shared
        // migrations added (shared migration 11: the request's snapshot of its
        // applicant); every column is nullable here, so adding one is cheap.
        for (size_t k = 0; k < t.columns.size(); ++k)
            sql += "ALTER TABLE " + t.name + " ADD COLUMN IF NOT EXISTS " + t.columns[k] + " " + types[k] + ";\n";
        sql += "CREATE INDEX IF NOT EXISTS " + t.name + "_seq ON " + t.name + " (instansi, _seq);\n";
        // [between instansi] The hand-down rule of the pull reads workflow rows of
        // every instansi after the cursor (few: the requests, not the staff).
        if (t.commands_only && !t.employee_column.empty() && !t.second_office_column.empty())
            sql += "CREATE INDEX IF NOT EXISTS " + t.name + "_gseq ON " + t.name + " (_seq);\n";
    }
    // [views] The claims view finds the requests about a person by the
    // applicant's id, whoever wrote the row.
    sql += "CREATE INDEX IF NOT EXISTS requests_applicant ON requests (employee_id);\n";
    // [views] The lookup by NIP (person.cpp) and the claims view (views.cpp)
    // read the active employees by NIP (docs/SCALE.md "Lookup by NIP": the
    // measured lookup and intake costs).
    sql += "CREATE INDEX IF NOT EXISTS employees_nip ON employees (nip, instansi) WHERE archived = 0;\n";
    // [between instansi] A step on this tier reads a request's timeline, whoever wrote its events.
    sql += "CREATE INDEX IF NOT EXISTS request_events_request ON request_events (request_id);\n";
    // The roll-up reads holders and task minutes per position from the
    // summaries the triggers keep (national/summary.h); the partial indexes an
    // older build kept for it only slowed every intake.
    sql += "DROP INDEX IF EXISTS employees_holders;\nDROP INDEX IF EXISTS abk_tasks_volumes;\n";
    sql += summary_schema_sql();
    sql += R"sql(
-- The idempotency records: one row per push, its recorded counters in batch
-- order, the seq of each plain "applied" result (its answer is rebuilt from
-- counter and seq) and the stored text of every other result (NULL for the
-- plain ones). lo / hi: the smallest and largest recorded counter (a counter
-- is recorded once, so hi is unique per device).
CREATE TABLE IF NOT EXISTS nat_applied_batches (
  instansi  text NOT NULL,
  device_id text NOT NULL,
  hi        bigint NOT NULL,
  lo        bigint NOT NULL,
  counters  bigint[] NOT NULL,
  seqs      bigint[] NOT NULL,
  results   text[] NOT NULL,
  PRIMARY KEY (instansi, device_id, hi)
);
CREATE TABLE IF NOT EXISTS nat_instansi (
  instansi      text PRIMARY KEY,
  name          text NOT NULL DEFAULT '',
  province      text NOT NULL DEFAULT '',
  registered_ms bigint NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS nat_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS nat_counter (one int PRIMARY KEY CHECK (one = 1), seq bigint NOT NULL);
INSERT INTO nat_counter VALUES (1, 0) ON CONFLICT DO NOTHING;
)sql";
    return sql;
}

std::string copy_sql(const store::TableSpec& t, const std::string& into) {
    std::string sql = "COPY " + into + " (instansi, id";
    for (const auto& c : t.columns) sql += ", " + c;
    return sql + ", _seq) FROM STDIN";
}

std::string merge_sql(const store::TableSpec& t) {
    std::string cols = "instansi, id";
    for (const auto& c : t.columns) cols += ", " + c;
    cols += ", _seq";
    // $1 the instansi; $2 the ids, $3… one array per column, then the seqs.
    std::string arrays = "$2::text[]";
    const auto& types = pg_types(t);
    for (size_t k = 0; k < t.columns.size(); ++k) arrays += ", $" + std::to_string(k + 3) + "::" + types[k] + "[]";
    arrays += ", $" + std::to_string(t.columns.size() + 3) + "::bigint[]";
    std::string sql = "INSERT INTO " + t.name + " (" + cols + ") SELECT $1::text, u.* FROM unnest(" + arrays +
                      ") AS u ON CONFLICT (instansi, id) DO UPDATE SET ";
    for (const auto& c : t.columns) sql += c + " = EXCLUDED." + c + ", ";
    return sql + "_seq = EXCLUDED._seq";
}

namespace {

// Appends a value as one element of a PostgreSQL array literal, then a comma:
// NULL, or the text in double quotes with `"` and `\` escaped.
void append_array_element(std::string& out, const Value& v) {
    char buf[40];
    switch (v.kind) {
        case Value::Kind::Null:
        case Value::Kind::Nested: out += "NULL"; break;  // (Nested is refused before)
        case Value::Kind::Int:
        case Value::Kind::Bool: out += std::to_string(v.i); break;
        case Value::Kind::Real:
            std::snprintf(buf, sizeof buf, "%.17g", v.d);
            out += buf;
            break;
        case Value::Kind::Text:
            out += '"';
            for (char ch : v.s) {
                if (ch == '"' || ch == '\\') out += '\\';
                out += ch;
            }
            out += '"';
            break;
    }
    out += ',';
}

// A value as COPY text: the column's type decides (checked before).
void append_value(std::string& out, const Value& v) {
    char buf[40];
    switch (v.kind) {
        case Value::Kind::Null: copy_field(out, std::nullopt); break;
        case Value::Kind::Int:
        case Value::Kind::Bool: out += std::to_string(v.i); break;
        case Value::Kind::Real: {
            std::snprintf(buf, sizeof buf, "%.17g", v.d);
            out += buf;
            break;
        }
        case Value::Kind::Text: copy_field(out, std::string_view(v.s)); break;
        case Value::Kind::Nested: copy_field(out, std::nullopt); break;  // (refused before)
    }
}

// The value in the form its national column stores, or false when it does not
// fit the column (the national tier keeps types strict: no text in a number).
bool to_column(char affinity, Value& v) {
    if (v.kind == Value::Kind::Null) return true;
    if (affinity == 'I') {
        if (v.kind == Value::Kind::Int) return true;
        if (v.kind == Value::Kind::Bool) {
            v = Value::integer(v.i);
            return true;
        }
        if (v.kind == Value::Kind::Real && std::isfinite(v.d) && v.d == std::floor(v.d) && std::fabs(v.d) < 9e15) {
            v = Value::integer(static_cast<int64_t>(v.d));
            return true;
        }
        return false;
    }
    if (affinity == 'R') {
        if (v.kind == Value::Kind::Real) return std::isfinite(v.d);
        if (v.kind == Value::Kind::Int || v.kind == Value::Kind::Bool) {
            v = Value::real(static_cast<double>(v.i));
            return true;
        }
        return false;
    }
    // (PostgreSQL text cannot hold NUL: refused here rather than failing the whole COPY.)
    return v.kind == Value::Kind::Text && v.s.find('\0') == std::string::npos;
}

// The field rules of the local repositories (model/validate.h) on a whole row;
// the reference rules are not re-checked here (docs/SCALE.md "What the national
// tier does not re-check").
Check validate_row(const store::TableSpec& t, const store::Row& row) {
    if (t.name == "employees") return validate_employee(store::employee_from_row(t, row));
    if (t.name == "positions") return validate_position(store::position_from_row(t, row));
    if (t.name == "abk_tasks") return validate_task(store::task_from_row(t, row));
    if (t.name == "placements") return validate_placement(store::placement_from_row(t, row));
    if (t.name == "offices") return validate_office(store::office_from_row(t, row));
    return {};
}

std::string clip(const std::string& s) { return utf8_clip(s, 64); }

std::string rejected(int64_t counter, const std::string& reason, const std::string& detail = {}) {
    json r = {{"counter", counter}, {"detail", clip(detail)}, {"reason", reason}, {"row", nullptr},
              {"status", "rejected"}, {"version", 0}};
    return r.dump(-1, ' ', false, json::error_handler_t::replace);
}

constexpr size_t kMaxTextValue = 16 * 1024;

// The answer of an applied mutation; the idempotency record keeps only its seq.
std::string applied_result(int64_t counter, int64_t seq) {
    return "{\"counter\":" + std::to_string(counter) + ",\"seq\":" + std::to_string(seq) + ",\"status\":\"applied\"}";
}

// A PostgreSQL array literal of ids (checked UUIDs: no quoting needed), bound as one parameter.
std::string id_array(const std::vector<std::string>& ids) {
    std::string a = "{";
    for (size_t k = 0; k < ids.size(); ++k) a += (k ? "," : "") + ids[k];
    return a + "}";
}

// Reads a row of t from a query answer whose columns are id, t.columns… from `col0`.
store::Row read_row(const store::TableSpec& t, const PgResult& r, int row, int col0) {
    const auto& aff = store::affinity(t);
    store::Row out(t.columns.size() + 1);
    out[0] = Value::text(std::string(r.text(row, col0)));
    for (size_t k = 0; k < t.columns.size(); ++k) {
        const int c = col0 + 1 + static_cast<int>(k);
        if (r.null(row, c)) continue;
        if (aff[k] == 'I') out[k + 1] = Value::integer(r.int64(row, c));
        else if (aff[k] == 'R') out[k + 1] = Value::real(r.real(row, c));
        else out[k + 1] = Value::text(std::string(r.text(row, c)));
    }
    return out;
}

// The row's columns in registry order, each prefixed (a table alias: "w.").
std::string select_columns(const store::TableSpec& t, const std::string& prefix = {}) {
    std::string s = prefix + "id";
    for (const auto& c : t.columns) s += ", " + prefix + c;
    return s;
}


// A refused upsert answers the row as the centre holds it, with its version
// (`row: null` only when the centre holds none), so the sender's replica puts
// it back as the SQLite tier's answer makes it do (SYNC.md §5). A bare
// `row: null` for a stored row made an instansi's upstream replica delete its
// copy of that row. One read per table, only when a batch has such refusals.
// `Items` is NationalStore::push's per-mutation state (result, duplicate).
template <class Items>
void answer_stored_rows(Pg& pg, const std::string& inst, const std::vector<sync::PushMutation>& ms, Items& items,
                        const std::map<size_t, std::string>& stale) {
    std::map<const store::TableSpec*, std::vector<size_t>> refused;
    for (size_t k = 0; k < ms.size(); ++k) {
        if (items[k].duplicate || items[k].result.empty() || stale.count(k) || ms[k].op != "upsert" || !is_uuid(ms[k].row))
            continue;
        if (const store::TableSpec* t = store::find_table(ms[k].table)) refused[t].push_back(k);
    }
    if (refused.empty()) return;
    std::vector<Pg::Statement> reads;
    for (const auto& [t, ks] : refused) {
        std::vector<std::string> ids;
        for (size_t k : ks) ids.push_back(ms[k].row);
        reads.push_back({"SELECT " + select_columns(*t) + ", _seq FROM " + t->name +
                             " WHERE instansi = $1 AND id = ANY($2::text[])",
                         {inst, id_array(ids)}});
    }
    const std::vector<PgResult> read = pg.pipeline(reads);
    size_t at = 0;
    for (const auto& [t, ks] : refused) {
        const PgResult& r = read[at++];
        std::unordered_map<std::string, std::pair<json, int64_t>> held;
        for (int i = 0; i < r.rows(); ++i) {
            store::Row row = read_row(*t, r, i, 0);
            held[row[0].s] = {store::row_to_json(*t, row), r.int64(i, static_cast<int>(t->columns.size()) + 1)};
        }
        for (size_t k : ks) {
            const auto h = held.find(ms[k].row);
            if (h == held.end()) continue;  // (the centre holds none: `row: null` stands)
            json answer = json::parse(items[k].result, nullptr, false);
            if (!answer.is_object()) continue;
            answer["row"] = h->second.first;
            answer["version"] = h->second.second;
            items[k].result = answer.dump(-1, ' ', false, json::error_handler_t::replace);
        }
    }
}
}  // namespace

void append_copy_row(std::string& out, const std::string& instansi, const store::Row& row,
                     int64_t seq) {
    copy_field(out, std::string_view(instansi));
    out += '\t';
    copy_field(out, std::string_view(row[0].s));
    for (size_t k = 1; k < row.size(); ++k) {
        out += '\t';
        append_value(out, row[k]);
    }
    out += '\t';
    out += std::to_string(seq);
    out += '\n';
}

NationalStore::NationalStore(const std::string& url) : pg_(url) {
    migrate();
    server_hlc_ = sync::make_hlc(sync::now_ms(), 0);
}

void NationalStore::migrate() {
    pg_.transaction([&] {
        // One migrator at a time (two servers starting on one database).
        pg_.exec("SELECT pg_advisory_xact_lock(725001)");
        pg_.exec(national_schema_sql());
        pg_.query("INSERT INTO nat_meta VALUES ('generation', $1) ON CONFLICT DO NOTHING", {new_uuid_v7()});
        // A store older than the summaries: computed once from its rows (the
        // triggers, created above in this transaction, keep them from now on).
        if (pg_.query("SELECT 1 FROM nat_meta WHERE key = 'summaries'").rows() == 0) {
            pg_.exec(summary_rebuild_sql());
            pg_.exec("INSERT INTO nat_meta VALUES ('summaries', '1')");
        }
        // A store older than the per-push idempotency records: each of its
        // per-mutation records becomes a record of one counter (the same
        // answers on a re-send), then the old table goes.
        if (pg_.query("SELECT to_regclass('nat_applied') IS NOT NULL").text(0, 0) == "t")
            pg_.exec("INSERT INTO nat_applied_batches (instansi, device_id, hi, lo, counters, seqs, results) "
                     "SELECT instansi, device_id, counter, counter, ARRAY[counter], ARRAY[NULL::bigint], ARRAY[result] "
                     "FROM nat_applied;\nDROP TABLE nat_applied;");
    });
    generation_ = std::string(pg_.query("SELECT value FROM nat_meta WHERE key = 'generation'").text(0, 0));
}

void NationalStore::register_instansi(const std::string& instansi, const std::string& name,
                                      const std::string& province) {
    std::lock_guard lock(mu_);
    pg_.query("INSERT INTO nat_instansi (instansi, name, province, registered_ms) VALUES ($1, $2, $3, $4) "
              "ON CONFLICT (instansi) DO UPDATE SET name = EXCLUDED.name, province = EXCLUDED.province",
              {instansi, name, province, std::to_string(sync::now_ms())});
}

sync::Reply NationalStore::push(const sync::Principal& who, sync::PushRequest req) {
    using Error = sync::PushRequest::Error;
    if (req.error == Error::MalformedJson) return sync::error_reply(400, "request.malformed_json");
    if (req.error == Error::BadShapeMutations) return sync::error_reply(400, "request.bad_shape", "mutations");
    if (req.device_id != who.device_id) return sync::error_reply(403, "auth.device_mismatch");
    if (req.error == Error::BadShapeMutation) return sync::error_reply(400, "request.bad_shape", "mutation");
    if (!req.generation.empty() && req.generation != generation_) {
        sync::Reply r = sync::error_reply(409, "sync.generation_changed");
        r.body["error"]["generation"] = generation_;
        r.body["error"]["generation_seq"] = 0;
        return r;
    }
    // The instansi is the account's office (its root office): every row this
    // push writes is keyed by it, so no other instansi's row can be reached.
    const std::string& inst = who.office_id;
    auto& ms = req.mutations;
    // Scope (before anything is applied; a forbidden mutation refuses the whole
    // push, as on the instansi server): the table must be one the role writes,
    // and an office without a parent only the instansi's own root office.
    // Workflow rows (commands-only tables) are taken as rows here: the national
    // tier runs no workflow step, it keeps what the instansi server forwards
    // (docs/SCALE.md "Upstream").
    std::vector<int64_t> forbidden;
    std::string forbidden_code;
    for (const auto& m : ms) {
        if (m.op == "command") continue;
        std::string why;
        const store::TableSpec* t = store::find_table(m.table);
        if (inst.empty() || !sync::role_writes_table(who.role, m.table)) why = "role.read_only";
        else if (t && t->name == "offices" && m.row != inst) {
            for (const auto& f : m.fields)
                if (f.key == "parent_id" && (f.value.is_null() || (f.value.kind == Value::Kind::Text && f.value.s.empty())))
                    why = "scope.forbidden";
        } else if (t && t->name == "offices" && m.row == inst) {
            for (const auto& f : m.fields)
                if (f.key == "parent_id" && !f.value.is_null()) why = "scope.forbidden";
        }
        if (!why.empty()) {
            forbidden.push_back(m.counter);
            forbidden_code = why;
        }
    }
    if (!forbidden.empty()) {
        sync::Reply rep = sync::error_reply(403, forbidden_code);
        rep.body["error"]["counters"] = forbidden;
        return rep;
    }

    std::lock_guard lock(mu_);
    const int64_t latest = store::latest_schema_version();
    sync::Reply reply = pg_.transaction([&] {
        // One round trip: the instansi's lock (one push of an instansi at a
        // time: the rows read below stay what they are), the counter row
        // (locked to the commit: seq order and commit order stay the same)
        // and the batch's counters already answered. A batch with a workflow
        // command takes its seqs after the steps instead (a step locks the
        // request owner's instansi first, then the counter, as every push does).
        const bool commands = std::any_of(ms.begin(), ms.end(), [](const auto& m) { return m.op == "command"; });
        std::vector<Pg::Statement> opening = {{"SELECT pg_advisory_xact_lock(hashtext($1))", {inst}}};
        if (!commands) opening.push_back({"SELECT seq FROM nat_counter FOR UPDATE", {}});
        if (!ms.empty()) {
            // Only the records whose counter range meets the batch's are
            // opened (none for a batch newer than everything sent before, the
            // last few for a re-send), and of them only the batch's own
            // counters are read. (After a restore an upstream's batch may hold
            // old counters and clock-based new ones, server/upstream.cpp: its
            // range is wide and opens more records; still exact.)
            std::string counters = "{";
            int64_t lo = ms.front().counter, hi = ms.front().counter;
            for (const auto& m : ms) {
                counters += std::to_string(m.counter) + ",";
                lo = std::min(lo, m.counter);
                hi = std::max(hi, m.counter);
            }
            counters.back() = '}';
            opening.push_back({"SELECT u.c, u.s, u.r FROM nat_applied_batches b, unnest(b.counters, b.seqs, b.results) "
                               "AS u(c, s, r) WHERE b.instansi = $1 AND b.device_id = $2 AND b.hi >= $3 AND b.lo <= $4 "
                               "AND u.c = ANY($5::bigint[])",
                               {inst, who.device_id, std::to_string(lo), std::to_string(hi), counters}});
        }
        const std::vector<PgResult> opened = pg_.pipeline(opening);
        std::optional<int64_t> counter_at;  // the counter's value, when locked here
        if (!commands) counter_at = opened[1].int64(0, 0);
        std::unordered_map<int64_t, std::string> seen;
        if (!ms.empty()) {
            const PgResult& r = opened.back();
            for (int k = 0; k < r.rows(); ++k)
                seen.emplace(r.int64(k, 0), r.null(k, 2) ? applied_result(r.int64(k, 0), r.int64(k, 1))
                                                         : std::string(r.text(k, 2)));
        }
        // Pass 1: the checks of each mutation alone; which stored rows must be read.
        struct Item {
            const store::TableSpec* t = nullptr;
            std::vector<int> cols;
            bool whole = false;  // every column given
            std::string result;  // a refusal (empty: to apply)
            bool duplicate = false;
        };
        std::vector<Item> items(ms.size());
        const auto stale = stale_steps(ms);  // [between instansi] refusals of steps on a stale copy (stale_steps.cpp)
        std::map<const store::TableSpec*, std::vector<std::string>> to_read;
        std::unordered_set<int64_t> counters;
        for (size_t k = 0; k < ms.size(); ++k) {
            auto& m = ms[k];
            Item& it = items[k];
            if (auto s = seen.find(m.counter); s != seen.end()) {
                it.duplicate = true;
                it.result = "{\"counter\":" + std::to_string(m.counter) + ",\"original\":" + s->second +
                            ",\"status\":\"duplicate\"}";
                continue;
            }
            if (!counters.insert(m.counter).second) {  // a counter twice in one batch: the first one's answer
                it.duplicate = true;
                continue;
            }
            server_hlc_ = sync::hlc_receive(server_hlc_, m.hlc, sync::now_ms());
            const store::TableSpec* t = store::find_table(m.table);
            if (m.schema > latest || m.schema < latest - 1) {
                it.result = rejected(m.counter, "schema.unsupported", std::to_string(m.schema));
                continue;
            }
            if (auto st = stale.find(k); st != stale.end()) it.result = st->second;
            if (!it.result.empty()) continue;
            if (m.op == "command") {  // (BKN's own workflow steps; nothing else runs here)
                it.result = national_step(who, req, m);
                continue;
            }
            if (m.op != "upsert") {
                it.result = rejected(m.counter, "op.unknown", m.op);
                continue;
            }
            if (!t) {
                it.result = rejected(m.counter, "table.unknown", m.table);
                continue;
            }
            if (!is_uuid(m.row)) {
                it.result = rejected(m.counter, "row.bad_id", m.row);
                continue;
            }
            const auto& aff = store::affinity(*t);
            for (auto& f : m.fields) {
                const int c = t->column_index(f.key);
                if (c < 0) {
                    it.result = rejected(m.counter, "field.unknown", f.key);
                    break;
                }
                if (f.value.kind == Value::Kind::Text && f.value.s.size() > kMaxTextValue) {
                    it.result = rejected(m.counter, "field.too_long", f.key);
                    break;
                }
                if (f.value.kind == Value::Kind::Nested || !to_column(aff[static_cast<size_t>(c)], f.value)) {
                    it.result = rejected(m.counter, "field.bad_value", f.key);
                    break;
                }
                it.cols.push_back(c);
            }
            if (!it.result.empty()) continue;
            it.t = t;
            it.whole = it.cols.size() == t->columns.size();
            if (!it.whole || sync::is_insert_only(t->name)) to_read[t].push_back(m.row);
        }
        // The stored rows the batch changes in part (one read per table, all in one round trip).
        std::map<const store::TableSpec*, std::unordered_map<std::string, store::Row>> rows;
        {
            std::vector<Pg::Statement> reads;
            for (auto& [t, ids] : to_read)
                reads.push_back({"SELECT " + select_columns(*t) + " FROM " + t->name +
                                     " WHERE instansi = $1 AND id = ANY($2::text[])",
                                 {inst, id_array(ids)}});
            const std::vector<PgResult> read = reads.empty() ? std::vector<PgResult>{} : pg_.pipeline(reads);
            size_t at = 0;
            for (auto& [t, ids] : to_read) {
                const PgResult& r = read[at++];
                for (int k = 0; k < r.rows(); ++k) {
                    store::Row row = read_row(*t, r, k, 0);
                    rows[t].emplace(row[0].s, std::move(row));
                }
            }
        }
        // Pass 2, in order: merge into the batch's rows, validate, keep or refuse.
        std::vector<size_t> applied;  // indexes of applied mutations, in order
        std::map<const store::TableSpec*, std::unordered_map<std::string, size_t>> last;  // row → its last mutation
        for (size_t k = 0; k < ms.size(); ++k) {
            auto& m = ms[k];
            Item& it = items[k];
            if (it.duplicate || !it.result.empty()) continue;
            const store::TableSpec& t = *it.t;
            auto& table_rows = rows[it.t];
            auto found = table_rows.find(m.row);
            if (found != table_rows.end() && sync::is_insert_only(t.name)) {  // (stored, or earlier in this batch)
                it.result = rejected(m.counter, "version.exists", m.row);
                continue;
            }
            if (found == table_rows.end() && !it.whole) {
                // A new row must come whole (the instansi server sends rows as they are).
                it.result = rejected(m.counter, "row.invalid", "missing columns");
                continue;
            }
            store::Row merged;
            if (found != table_rows.end()) merged = found->second;
            else {
                merged.resize(t.columns.size() + 1);
                merged[0] = Value::text(m.row);
            }
            for (size_t f = 0; f < m.fields.size(); ++f) merged[static_cast<size_t>(it.cols[f]) + 1] = m.fields[f].value;
            const Check c = validate_row(t, merged);
            if (const Issue* i = c.first_error()) {
                it.result = rejected(m.counter, i->code, i->field);
                continue;
            }
            table_rows[m.row] = std::move(merged);
            last[it.t][m.row] = applied.size();
            applied.push_back(k);
        }
        answer_stored_rows(pg_, inst, ms, items, stale);
        // The national seqs of this batch: the next block of the counter.
        // The writes then go in one round trip: the counter moved past the
        // block, one INSERT … ON CONFLICT per table (its rows bound as one
        // array per column) and the idempotency records.
        std::vector<Pg::Statement> writes;
        int64_t base = 0;
        if (counter_at) {
            base = *counter_at;
            writes.push_back({"UPDATE nat_counter SET seq = seq + $1", {std::to_string(applied.size())}});
        } else {
            PgResult r = pg_.query("UPDATE nat_counter SET seq = seq + $1 RETURNING seq",
                                   {std::to_string(applied.size())});
            base = r.int64(0, 0) - static_cast<int64_t>(applied.size());
        }
        for (auto& [t, ids] : last) {
            if (ids.empty()) continue;
            std::vector<std::string> arrays(t->columns.size() + 2, "{");
            for (const auto& [id, pos] : ids) {
                const store::Row& row = rows[t].at(id);
                for (size_t k = 0; k < row.size(); ++k) append_array_element(arrays[k], row[k]);
                append_array_element(arrays.back(), Value::integer(base + 1 + static_cast<int64_t>(pos)));
            }
            std::vector<PgParam> params = {inst};
            for (auto& a : arrays) {
                a.back() = '}';  // (replaces the last element's comma)
                params.emplace_back(std::move(a));
            }
            writes.push_back({merge_sql(*t), std::move(params)});
        }
        // The answers, and the idempotency record of the push (one row).
        std::string text = "{\"results\":[";
        std::string recorded = "{", seqs = "{", results = "{";  // (the record's three arrays)
        int64_t rec_lo = 0, rec_hi = 0;
        std::unordered_map<int64_t, std::string> answered;
        size_t next_applied = 0;
        bool first = true;
        for (size_t k = 0; k < ms.size(); ++k) {
            const auto& m = ms[k];
            Item& it = items[k];
            std::string r;
            if (it.duplicate && it.result.empty()) {
                // (a counter repeated inside the batch: the answer its first occurrence got)
                r = "{\"counter\":" + std::to_string(m.counter) + ",\"original\":" + answered[m.counter] +
                    ",\"status\":\"duplicate\"}";
            } else if (it.duplicate) {
                r = it.result;
            } else {
                if (recorded.size() == 1) rec_lo = rec_hi = m.counter;
                rec_lo = std::min(rec_lo, m.counter);
                rec_hi = std::max(rec_hi, m.counter);
                recorded += std::to_string(m.counter) + ',';
                if (it.result.empty()) {  // (plain applied: the record keeps the seq, the text is rebuilt)
                    const int64_t seq = base + 1 + static_cast<int64_t>(next_applied++);
                    it.result = applied_result(m.counter, seq);
                    seqs += std::to_string(seq) + ',';
                    results += "NULL,";
                } else {
                    seqs += "NULL,";
                    append_array_element(results, Value::text(it.result));
                }
                r = it.result;
                answered[m.counter] = r;
            }
            if (!first) text += ',';
            first = false;
            text += r;
        }
        if (recorded.size() > 1) {
            recorded.back() = seqs.back() = results.back() = '}';
            writes.push_back({"INSERT INTO nat_applied_batches (instansi, device_id, hi, lo, counters, seqs, results) "
                              "VALUES ($1, $2, $3, $4, $5::bigint[], $6::bigint[], $7::text[])",
                              {inst, who.device_id, std::to_string(rec_hi), std::to_string(rec_lo), recorded, seqs,
                               results}});
        }
        if (!writes.empty()) pg_.pipeline(writes);
        // (The counter's row is locked by this transaction since the block was taken: nothing moved it.)
        const int64_t server_seq = base + static_cast<int64_t>(applied.size());
        text += "],\"server_hlc\":" + std::to_string(server_hlc_) + ",\"server_seq\":" + std::to_string(server_seq) + "}";
        sync::Reply rep;
        rep.text = std::move(text);
        return rep;
    });
    if (after_commit && reply.status == 200) after_commit();
    return reply;
}

// [between instansi] A workflow step taken on the national tier: BKN's
// pertimbangan teknis (`advise`, pusat) and pusat's return/reject of the step
// it waits for (docs/SCALE.md "Between-instansi transfers"). The one workflow
// code runs on a scratch SQLite copy of the request and its timeline (each
// row as written last, by any instansi); the request and the new event go
// back keyed by the instansi that wrote the request's current state, so that
// side pulls them as its own rows and the other side by the hand-down rule
// (never under the centre's key, which every instansi pulls). Runs inside
// the push transaction; answers as the instansi server does.
std::string NationalStore::national_step(const sync::Principal& who, const sync::PushRequest& req,
                                         const sync::PushMutation& m) {
    const auto cmd = workflow::parse_command(m.command);
    if (who.role != "pusat" || !cmd || *cmd == workflow::Command::complete || *cmd == workflow::Command::create)
        return rejected(m.counter, "command.unknown", m.command);
    if (m.table != "requests") return rejected(m.counter, "command.bad_table", m.table);
    const json mutation = json::parse(req.raw(m), nullptr, false);
    if (!mutation.is_object() || !is_uuid(m.row)) return rejected(m.counter, "workflow.not_found", m.row);
    const store::TableSpec& rt = *store::find_table("requests");
    const store::TableSpec& et = *store::find_table("request_events");
    PgResult cur = pg_.query("SELECT instansi, " + select_columns(rt) + " FROM requests WHERE id = $1 "
                             "ORDER BY _seq DESC LIMIT 1", {m.row});
    if (cur.rows() == 0) return rejected(m.counter, "workflow.not_found", m.row);
    const std::string owner(cur.text(0, 0));
    // (The owner's rows stay what they are until this transaction ends.)
    pg_.query("SELECT pg_advisory_xact_lock(hashtext($1))", {owner});
    // (Then the counter and the request, the order an instansi's push takes them: stale_steps.cpp.)
    pg_.query("SELECT seq FROM nat_counter FOR UPDATE");
    pg_.query("SELECT pg_advisory_xact_lock(17, hashtext($1))", {m.row});
    store::Db scratch(":memory:");
    store::migrate(scratch);
    auto put = [&](const store::TableSpec& t, const store::Row& row) {
        std::vector<store::ColumnValue> cols;
        for (size_t k = 0; k < t.columns.size(); ++k)
            if (!row[k + 1].is_null()) cols.emplace_back(static_cast<int>(k), &row[k + 1]);
        store::write_columns(scratch, t, row[0].s, true, cols);
    };
    const store::Row request = read_row(rt, cur, 0, 1);
    put(rt, request);
    PgResult events = pg_.query("SELECT DISTINCT ON (id) " + select_columns(et) +
                                " FROM request_events WHERE request_id = $1 ORDER BY id, _seq DESC", {m.row});
    for (int k = 0; k < events.rows(); ++k) put(et, read_row(et, events, k, 0));
    // BKN's scope on a move: both sides' offices.
    const workflow::Request r = workflow::request_from_row(*store::read_row(scratch, rt, m.row));
    access::Actor actor{who.username, who.role, "", {}};
    for (const auto& o : {r.office_id, r.to_office_id})
        if (!o.empty()) actor.offices.insert(o);
    workflow::StepInput in;
    in.command = *cmd;
    in.request_id = m.row;
    in.expect = mutation.contains("expect") && mutation["expect"].is_string() ? mutation["expect"].get<std::string>() : "";
    in.args = mutation.contains("args") && mutation["args"].is_object() ? mutation["args"] : json::object();
    in.args.erase("_creates");  // (the device's own bookkeeping)
    workflow::StepContext ctx{scratch, actor, workflow::Authority::server, workflow::today_wib(), sync::now_ms()};
    const workflow::StepResult done = workflow::take_step(ctx, in);
    if (const Issue* i = done.check.first_error()) return rejected(m.counter, i->code, i->detail);
    // The request's new state and its event, under the owner, with two national seqs.
    const int64_t base = pg_.query("UPDATE nat_counter SET seq = seq + 2 RETURNING seq").int64(0, 0) - 2;
    auto merge = [&](const store::TableSpec& t, const std::string& id, int64_t seq) {
        store::Row row;
        if (!store::read_row(scratch, t, id, row)) throw store::DbError(0, "national step: " + t.name + " " + id);
        std::vector<std::string> arrays(t.columns.size() + 2, "{");
        for (size_t k = 0; k < row.size(); ++k) append_array_element(arrays[k], row[k]);
        append_array_element(arrays.back(), Value::integer(seq));
        std::vector<PgParam> params = {owner};
        for (auto& a : arrays) {
            a.back() = '}';
            params.emplace_back(std::move(a));
        }
        pg_.query(merge_sql(t), params);
    };
    merge(rt, m.row, base + 1);
    merge(et, done.event_id, base + 2);
    return "{\"counter\":" + std::to_string(m.counter) + ",\"seq\":" + std::to_string(base + 1) +
           ",\"status\":\"applied\"}";
}

sync::Reply NationalStore::pull(const sync::Principal& who, int64_t cursor, int limit) {
    if (who.office_id.empty()) return sync::error_reply(403, "scope.forbidden");
    limit = std::clamp(limit, 1, 5000);
    std::lock_guard lock(mu_);
    struct Change {
        int64_t seq;
        const store::TableSpec* t;
        store::Row row;
    };
    std::vector<Change> all;
    bool more = false;
    // The instansi's rows and the centre's (reference data), in seq order: one
    // index read per table ((instansi, _seq)), merged here.
    const std::string owners = "{\"" + who.office_id + "\",\"\"}";
    for (const auto& t : store::synced_tables()) {
        PgResult r = pg_.query("SELECT _seq, " + select_columns(t) + " FROM " + t.name +
                                   " WHERE instansi = ANY($1::text[]) AND _seq > $2 ORDER BY _seq LIMIT $3",
                               {owners, std::to_string(cursor), std::to_string(limit)});
        if (r.rows() == limit) more = true;
        for (int k = 0; k < r.rows(); ++k) all.push_back({r.int64(k, 0), &t, read_row(t, r, k, 1)});
        // [between instansi] The hand-down rule (docs/SCALE.md "Between-instansi
        // transfers"): workflow rows another instansi wrote that concern this
        // one — the applicant is one of its employees (it is the sending side)
        // or the destination office is one of its offices (the receiving side).
        if (!t.commands_only || t.employee_column.empty() || t.second_office_column.empty()) continue;
        r = pg_.query("SELECT w._seq, " + select_columns(t, "w.") + " FROM " + t.name +
                          " w WHERE w._seq > $2 AND w.instansi <> ALL($1::text[]) AND ("
                          "EXISTS (SELECT 1 FROM employees e WHERE e.instansi = $4 AND e.id = w." + t.employee_column + ") OR "
                          "EXISTS (SELECT 1 FROM offices o WHERE o.instansi = $4 AND o.id = w." + t.second_office_column + ")) "
                          "ORDER BY w._seq LIMIT $3",
                      {owners, std::to_string(cursor), std::to_string(limit), who.office_id});
        if (r.rows() == limit) more = true;
        for (int k = 0; k < r.rows(); ++k) all.push_back({r.int64(k, 0), &t, read_row(t, r, k, 1)});
    }
    std::sort(all.begin(), all.end(), [](const Change& a, const Change& b) { return a.seq < b.seq; });
    if (all.size() > static_cast<size_t>(limit)) {
        all.resize(static_cast<size_t>(limit));
        more = true;
    }
    int64_t next = cursor;
    std::string text = "{\"changes\":[";
    for (size_t k = 0; k < all.size(); ++k) {
        const auto& c = all[k];
        const auto& order = store::facts(*c.t).canonical_order;
        if (k) text += ',';
        text += "{\"id\":";
        store::append_json_string(text, c.row[0].s);
        text += ",\"row\":{";
        for (size_t j = 0; j < order.size(); ++j) {
            const size_t pos = order[j];
            if (j) text += ',';
            store::append_json_string(text, pos == 0 ? std::string("id") : c.t->columns[pos - 1]);
            text += ':';
            store::append_json(text, c.row[pos]);
        }
        text += "},\"seq\":" + std::to_string(c.seq) + ",\"t\":\"" + c.t->name + "\"}";
        next = c.seq;
    }
    // A page cut short by the limit ends where it ends; an empty last page keeps the cursor.
    if (!more) next = std::max(next, cursor);
    const int64_t server_seq = pg_.query("SELECT seq FROM nat_counter").int64(0, 0);
    text += "]";
    if (!more) {
        // The last page: the checksum of everything this instansi reads (SYNC.md
        // §6, the same row hash), which its replica compares when nothing waits to be sent.
        sync::Checksum sum;
        for (const auto& t : store::synced_tables()) {
            if (!t.checksummed) continue;
            PgResult r = pg_.query("SELECT " + select_columns(t) + " FROM " + t.name + " WHERE instansi = ANY($1::text[])",
                                   {owners});
            for (int k = 0; k < r.rows(); ++k) sum.add(sync::row_hash(t, read_row(t, r, k, 0)));
        }
        text += ",\"checksum\":" + sum.to_json().dump();
    }
    text += ",\"cursor\":" + std::to_string(next) + ",\"generation\":\"" + generation_ +
            "\",\"generation_seq\":0,\"more\":" + (more ? "true" : "false") +
            ",\"server_hlc\":" + std::to_string(server_hlc_) + ",\"server_seq\":" + std::to_string(server_seq) +
            ",\"server_time_ms\":" + std::to_string(sync::now_ms()) + "}";
    sync::Reply rep;
    rep.text = std::move(text);
    return rep;
}

}  // namespace seimbang::national

// The pull side of ServerSync (docs/SYNC.md §6): the change log read in seq
// order for a principal's scope, written as JSON text, with the scope's checksum.
#include <algorithm>
#include <array>
#include <cstdint>

#include "store/schema.h"
#include "store/table_facts.h"
#include "store/rows.h"
#include "sync/rowhash.h"
#include "sync/server_sync.h"

namespace seimbang::sync {

using nlohmann::json;

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
                else if (t.name == "positions")
                    // A pegawai's own post (Data saya shows its name). It is sent again
                    // whenever their employee row changed (a move names another post),
                    // at the later of the two seqs so the cursor still moves forward.
                    own += std::string(own.empty() ? "" : " UNION ALL ") +
                           "SELECT max(p._seq, e._seq), 'positions', p.id, p.office_id, 0 FROM positions p "
                           "JOIN employees e ON e.id = ?3 AND p.id = e.position_id WHERE p._seq > ?1 OR e._seq > ?1";
                else if (!t.employee_column.empty())  // a pegawai's own rows (their transfer requests)
                    own += (own.empty() ? "" : " UNION ALL ") + part(t, t.employee_column + " = ?3 AND _seq > ?1");
                const std::string in_scope = " IN (SELECT value FROM json_each(?3))";
                const std::string where = t.second_office_column.empty()
                                              ? t.office_column + in_scope
                                              : "(" + t.office_column + in_scope + " OR " + t.second_office_column + in_scope + ")";
                offices += (offices.empty() ? "" : " UNION ALL ") + part(t, where + " AND _seq > ?1");
            }
        }
        offices += " UNION ALL SELECT seq, table_name, row_id, office_id, 1 FROM sync_exits WHERE seq > ?1 AND "
                   "office_id IN (SELECT value FROM json_each(?3))";
        // [between instansi] A whole-instansi scope sees every row, so only a removed row
        // (ServerSync::retract_event) is an exit for it (the pull skips the others: still visible).
        all += " UNION ALL SELECT seq, table_name, row_id, office_id, 1 FROM sync_exits WHERE seq > ?1 AND "
               "table_name = 'request_events'";
        const std::string tail = " ORDER BY 1 LIMIT ?2";
        return std::array<std::string, 3>{all + tail, own + tail, offices + tail};
    }();
    return sqls[static_cast<size_t>(kind)];
}

namespace {
bool parse_digits(std::string_view s, int64_t& out) {
    if (s.empty() || s.size() > 18) return false;
    int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}
}  // namespace

PullParams parse_pull_params(std::optional<std::string_view> cursor, std::optional<std::string_view> limit,
                             std::optional<std::string_view> snapshot) {
    PullParams p;
    int64_t l = p.limit;
    if (cursor && !parse_digits(*cursor, p.cursor)) p.error = "request.bad_cursor";
    else if (limit && !parse_digits(*limit, l)) p.error = "request.bad_limit";
    p.limit = static_cast<int>(std::clamp<int64_t>(l, 1, 100000));
    p.snapshot = snapshot && *snapshot == "1";
    return p;
}

Reply ServerSync::pull(const Principal& who, int64_t cursor, int limit, bool snapshot, bool serialised) {
    limit = std::clamp(limit, 1, 5000);
    if (cursor < 0) return error_reply(400, "request.bad_cursor");
    clock_.refresh();  // (`seimbang-server purge` or `restore` may run beside the serving process)
    if (!snapshot && cursor > 0 && cursor < clock_.min_cursor()) return error_reply(410, "sync.resnapshot");
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
            auto q = db_.prepare(sql);
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
                    auto q = db_.prepare(store::facts(*t).office_by_id);
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
            if (!store::append_row_json(db_, *t, e.id, text)) {
                text.resize(mark);  // the row is gone: nothing to send
                if (text.size() == changes_start) first = true;
                continue;
            }
            text += '}';
        }
        // Everything up to the newest seq of this read's snapshot has been seen
        // (later commits get higher seqs: LogClock::catch_up).
        snapshot_seq = clock_.stored_max();
        if (!more) last = std::max(last, snapshot_seq);
    });

    text += "],\"cursor\":" + std::to_string(last) + ",\"more\":" + (more ? "true" : "false") +
            ",\"server_hlc\":" + std::to_string(clock_.hlc()) + ",\"server_seq\":" + std::to_string(snapshot_seq) +
            ",\"server_time_ms\":" + std::to_string(now_ms()) + ",\"generation\":";
    store::append_json_string(text, clock_.generation());
    text += ",\"generation_seq\":" + std::to_string(clock_.generation_seq());
    if (!more) {
        // Checksum of everything this principal sees, from the incremental sums.
        Checksum c;
        auto add_rows = [&](store::Stmt& q) {
            while (q.step()) {
                c.rows += q.int64(0);
                c.hash += static_cast<uint64_t>(q.int64(1));
            }
        };
        if (scope.all) {
            auto q = db_.prepare("SELECT rows, hash FROM sync_checksums");
            add_rows(q);
        } else {
            auto q = db_.prepare("SELECT rows, hash FROM sync_checksums WHERE table_name = 'offices'");
            add_rows(q);
            if (scope.own_employee_only) {
                json row = scope.employee_id.empty() ? json(nullptr) : row_state("employees", scope.employee_id, nullptr);
                if (!row.is_null()) {
                    c.add(row_hash("employees", row));
                    // (their post too: the own pull sends it)
                    if (row.contains("position_id") && row["position_id"].is_string()) {
                        json post = row_state("positions", row["position_id"].get<std::string>(), nullptr);
                        if (!post.is_null()) c.add(row_hash("positions", post));
                    }
                }
            } else {
                auto s = db_.prepare("SELECT rows, hash FROM sync_checksums WHERE table_name <> 'offices' AND "
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

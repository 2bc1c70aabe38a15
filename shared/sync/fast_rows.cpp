#include "sync/fast_rows.h"

#include "store/table_facts.h"

#include <unordered_map>
#include <vector>

namespace seimbang::sync {

using nlohmann::json;

namespace {

json row_from(Query& q) {
    json row = json::object();
    for (int i = 0; i < q.columns(); ++i) row[q.column_name(i)] = q.json_value(i);
    return row;
}
}  // namespace

bool append_row_json(StmtCache& cache, const store::TableSpec& t, const std::string& id, std::string& out) {
    auto q = cache.get(store::facts(t).select_by_id);
    q.bind_ref(1, id);
    if (!q.step()) return false;
    out += '{';
    for (int i = 0; i < q.columns(); ++i) {
        if (i) out += ',';
        store::append_json_string(out, q.column_name(i));
        out += ':';
        q.append_json_value(i, out);
    }
    out += '}';
    return true;
}

json cached_read_row(StmtCache& cache, const store::TableSpec& t, const std::string& id) {
    auto q = cache.get(store::facts(t).select_by_id);
    q.bind_ref(1, id);
    if (!q.step()) return nullptr;
    return row_from(q);
}

bool cached_read_row(StmtCache& cache, const store::TableSpec& t, const std::string& id, store::Row& out) {
    auto q = cache.get(store::facts(t).select_by_id);
    q.bind_ref(1, id);
    if (!q.step()) return false;
    out.resize(t.columns.size() + 1);
    for (size_t k = 0; k < out.size(); ++k) out[k] = q.value(static_cast<int>(k));
    return true;
}

bool cached_write_row(StmtCache& cache, const store::TableSpec& t, const std::string& id, bool insert,
                      const std::vector<ColumnValue>& columns, const LogColumns* log, bool if_absent) {
    // The statement text of the last column set used per table and kind, reused
    // while the same columns come (a batch of new rows from one client).
    struct Last {
        std::vector<int> cols;
        std::string sql;
        bool built = false;
    };
    if_absent = if_absent && insert;
    static thread_local std::unordered_map<const store::TableSpec*, Last> last[2][2][2];
    auto& l = last[insert ? 1 : 0][log ? 1 : 0][if_absent ? 1 : 0][&t];
    bool same_cols = l.built && l.cols.size() == columns.size();
    for (size_t k = 0; same_cols && k < columns.size(); ++k) same_cols = l.cols[k] == columns[k].first;
    if (!same_cols) {
        l.cols.clear();
        std::vector<std::string> names;
        for (const auto& [c, v] : columns) {
            l.cols.push_back(c);
            names.push_back(t.columns.at(static_cast<size_t>(c)));
        }
        if (log) {
            names.emplace_back("_seq");
            names.emplace_back("_meta");
        }
        std::string list, params;
        for (size_t k = 0; k < names.size(); ++k) {
            std::string p = "?";  // (not "?" + to_string: GCC 12 warns a false -Wrestrict)
            p += std::to_string(k + 2);
            if (insert) {
                list += ", " + names[k];
                params += ", " + p;
            } else {
                list += (k ? ", " : "") + names[k] + " = " + p;
            }
        }
        l.sql = insert ? "INSERT INTO " + t.name + " (id" + list + ") VALUES (?1" + params + ")" +
                             (if_absent ? " ON CONFLICT(id) DO NOTHING" : "")
                       : "UPDATE " + t.name + " SET " + list + " WHERE id = ?1";
        l.built = true;
    }
    auto q = cache.get(l.sql);
    q.bind_ref(1, id);
    int n = 1;
    for (const auto& [c, v] : columns) q.bind_ref(++n, *v);
    if (log) {
        q.bind(++n, log->seq);
        q.bind_ref(++n, log->meta);
    }
    q.run();
    return q.changes() > 0;
}

}  // namespace seimbang::sync

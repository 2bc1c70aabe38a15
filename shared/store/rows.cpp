#include "store/rows.h"

#include "store/table_facts.h"
#include "store/value.h"

#include <unordered_map>
#include <vector>

namespace seimbang::store {

namespace {
const nlohmann::json& nullptr_json() {
    static const nlohmann::json null_value;
    return null_value;
}
}  // namespace

std::optional<nlohmann::json> read_row(Db& db, const TableSpec& t, const std::string& id) {
    // Table and column names come from the fixed TableSpec registry, never from input.
    auto s = db.prepare(facts(t).select_by_id);
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    nlohmann::json row = nlohmann::json::object();
    for (int i = 0; i < s.columns(); ++i) row[s.column_name(i)] = s.json_value(i);
    return row;
}

bool write_row(Db& db, const TableSpec& t, const std::string& id, const nlohmann::json& fields, bool local) {
    bool changed = false;
    db.transaction([&] {
        const auto existing = read_row(db, t, id);
        changed = write_row(db, t, id, fields, existing ? *existing : nlohmann::json(nullptr), local);
    });
    return changed;
}

bool write_row(Db& db, const TableSpec& t, const std::string& id, const nlohmann::json& fields,
               const nlohmann::json& current, bool local) {
    for (const auto& [col, v] : fields.items())
        if (!t.has(col)) throw DbError(0, "unknown column " + t.name + "." + col);
    RowChange change{t.name, id, current.is_null(), local, nlohmann::json::object(), nlohmann::json::object()};
    // The values to write, bound from here by the one statement builder (write_columns).
    std::vector<Value> values;
    std::vector<ColumnValue> columns;
    values.reserve(fields.size());
    columns.reserve(fields.size());
    auto add = [&](const std::string& col, const nlohmann::json& v) {
        // An object or array is stored as its JSON text (a column holds scalars).
        values.push_back(v.is_object() || v.is_array() ? Value::text(v.dump()) : from_json(v));
        columns.emplace_back(t.column_index(col), nullptr);
    };
    if (current.is_null()) {
        for (const auto& [col, v] : fields.items()) add(col, v);
        change.after = fields;
    } else {
        nlohmann::json diff = nlohmann::json::object();
        for (const auto& [col, v] : fields.items()) {
            const auto it = current.find(col);
            const nlohmann::json& was = it != current.end() ? *it : nullptr_json();
            if (same_value(was, v)) continue;
            diff[col] = v;
            change.before[col] = was;
            add(col, v);
        }
        if (diff.empty()) return false;
        change.after = std::move(diff);
    }
    for (size_t k = 0; k < values.size(); ++k) columns[k].second = &values[k];  // values no longer grows
    db.transaction([&] {
        write_columns(db, t, id, current.is_null(), columns);
        db.notify(change);
    });
    return true;
}

bool read_row(Db& db, const TableSpec& t, const std::string& id, Row& out) {
    auto q = db.prepare(facts(t).select_by_id);
    q.bind_ref(1, id);
    if (!q.step()) return false;
    out.resize(t.columns.size() + 1);
    for (size_t k = 0; k < out.size(); ++k) out[k] = q.value(static_cast<int>(k));
    return true;
}

bool append_row_json(Db& db, const TableSpec& t, const std::string& id, std::string& out) {
    auto q = db.prepare(facts(t).select_by_id);
    q.bind_ref(1, id);
    if (!q.step()) return false;
    out += '{';
    for (int i = 0; i < q.columns(); ++i) {
        if (i) out += ',';
        append_json_string(out, q.column_name(i));
        out += ':';
        q.append_json_value(i, out);
    }
    out += '}';
    return true;
}

bool write_columns(Db& db, const TableSpec& t, const std::string& id, bool insert,
                      const std::vector<ColumnValue>& columns, const LogColumns* log, bool if_absent) {
    // The statement text of the last column set used per table and kind, reused
    // while the same columns come (a batch of new rows from one client).
    struct Last {
        std::vector<int> cols;
        std::string sql;
        bool built = false;
    };
    if_absent = if_absent && insert;
    static thread_local std::unordered_map<const TableSpec*, Last> last[2][2][2];
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
    auto q = db.prepare(l.sql);
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

bool delete_row(Db& db, const TableSpec& t, const std::string& id, bool local) {
    bool removed = false;
    db.transaction([&] {
        auto s = db.prepare(facts(t).delete_by_id);
        s.bind(1, id);
        s.run();
        if (db.changes() == 0) return;
        removed = true;
        db.notify({t.name, id, false, local, nlohmann::json::object(), nullptr});
    });
    return removed;
}

void delete_all_rows(Db& db, const TableSpec& t, bool local) {
    db.transaction([&] {
        db.exec("DELETE FROM " + t.name);  // the name from the fixed registry
        db.notify({t.name, "", false, local, nlohmann::json::object(), nullptr});
    });
}

}  // namespace seimbang::store

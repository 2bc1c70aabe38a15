#include "sync/fast_rows.h"

namespace seimbang::sync {

using nlohmann::json;

namespace {
bool same(const json& a, const json& b) {
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
    return a == b;
}
}  // namespace

json cached_read_row(StmtCache& cache, const store::TableSpec& t, const std::string& id) {
    std::string sql = "SELECT id";
    for (const auto& c : t.columns) sql += ", " + c;
    auto q = cache.get(sql + " FROM " + t.name + " WHERE id = ?1");  // names from the fixed registry
    q.bind(1, id);
    if (!q.step()) return nullptr;
    json row = json::object();
    for (int i = 0; i < q.columns(); ++i) row[q.column_name(i)] = q.json_value(i);
    return row;
}

bool cached_write_row(store::Db& db, StmtCache& cache, const store::TableSpec& t, const std::string& id,
                      const json& fields, const json& current, bool local) {
    for (const auto& [col, v] : fields.items())
        if (!t.has(col)) throw store::DbError(0, "unknown column " + t.name + "." + col);
    store::RowChange change{t.name, id, current.is_null(), local, json::object(), json::object()};
    if (current.is_null()) {
        std::string cols = "id", params = "?1";
        int n = 1;
        for (const auto& [col, v] : fields.items()) {
            cols += ", " + col;
            params += ", ?" + std::to_string(++n);
        }
        auto q = cache.get("INSERT INTO " + t.name + " (" + cols + ") VALUES (" + params + ")");
        q.bind(1, id);
        n = 1;
        for (const auto& [col, v] : fields.items()) q.bind_json(++n, v);
        q.run();
        change.after = fields;
    } else {
        std::string sets;
        json diff = json::object();
        int n = 1;
        for (const auto& [col, v] : fields.items()) {
            auto it = current.find(col);
            if (it != current.end() && same(*it, v)) continue;
            diff[col] = v;
            change.before[col] = it != current.end() ? *it : json(nullptr);
            sets += (sets.empty() ? "" : ", ") + col + " = ?" + std::to_string(++n);
        }
        if (diff.empty()) return false;
        auto q = cache.get("UPDATE " + t.name + " SET " + sets + " WHERE id = ?1");
        q.bind(1, id);
        n = 1;
        for (const auto& [col, v] : diff.items()) q.bind_json(++n, v);
        q.run();
        change.after = std::move(diff);
    }
    db.notify(change);
    return true;
}

}  // namespace seimbang::sync

#include "store/rows.h"

namespace seimbang::store {

namespace {
std::string select_sql(const TableSpec& t) {
    std::string sql = "SELECT id";
    for (const auto& c : t.columns) sql += ", " + c;
    return sql + " FROM " + t.name + " WHERE id = ?1";
}

// Values compare by content: 1 and 1.0 are the same volume, "1" is not.
bool same(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
    return a == b;
}
}  // namespace

std::optional<nlohmann::json> read_row(Db& db, const TableSpec& t, const std::string& id) {
    // Table and column names come from the fixed TableSpec registry, never from input.
    auto s = db.prepare(select_sql(t));
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    nlohmann::json row = nlohmann::json::object();
    for (int i = 0; i < s.columns(); ++i) row[s.column_name(i)] = s.json_value(i);
    return row;
}

bool write_row(Db& db, const TableSpec& t, const std::string& id, const nlohmann::json& fields, bool local) {
    for (const auto& [col, v] : fields.items())
        if (!t.has(col)) throw DbError(0, "unknown column " + t.name + "." + col);
    bool changed = false;
    db.transaction([&] {
        auto existing = read_row(db, t, id);
        RowChange change{t.name, id, !existing, local, nlohmann::json::object(), nlohmann::json::object()};
        if (!existing) {
            std::string cols = "id", params = "?1";
            int n = 1;
            for (const auto& [col, v] : fields.items()) {
                cols += ", " + col;
                params += ", ?" + std::to_string(++n);
            }
            auto s = db.prepare("INSERT INTO " + t.name + " (" + cols + ") VALUES (" + params + ")");
            s.bind(1, id);
            n = 1;
            for (const auto& [col, v] : fields.items()) s.bind_json(++n, v);
            s.run();
            change.after = fields;
        } else {
            std::string sets;
            int n = 1;
            nlohmann::json diff = nlohmann::json::object();
            for (const auto& [col, v] : fields.items()) {
                if (same((*existing)[col], v)) continue;
                diff[col] = v;
                change.before[col] = (*existing)[col];
                sets += (sets.empty() ? "" : ", ") + col + " = ?" + std::to_string(++n);
            }
            if (diff.empty()) return;
            auto s = db.prepare("UPDATE " + t.name + " SET " + sets + " WHERE id = ?1");
            s.bind(1, id);
            n = 1;
            for (const auto& [col, v] : diff.items()) s.bind_json(++n, v);
            s.run();
            change.after = diff;
        }
        changed = true;
        db.notify(change);
    });
    return changed;
}

}  // namespace seimbang::store

#include "store/rows.h"

#include "store/table_facts.h"
#include "store/value.h"

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
    const nlohmann::json* existing = current.is_null() ? nullptr : &current;
    bool changed = false;
    db.transaction([&] {
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
                const auto it = existing->find(col);
                const nlohmann::json& was = it != existing->end() ? *it : nullptr_json();
                if (same_value(was, v)) continue;
                diff[col] = v;
                change.before[col] = was;
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

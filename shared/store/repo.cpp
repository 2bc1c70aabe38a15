#include "store/repo.h"

#include <functional>

#include <nlohmann/json.hpp>

#include "model/validate.h"
#include "store/record_rules.h"
#include "store/records.h"
#include "store/rows.h"
#include "util/uuid.h"

namespace seimbang::store {

namespace {

const TableSpec& table(const char* name) { return *find_table(name); }

std::string columns_of(const TableSpec& t, const std::string& alias = {}) {
    std::string cols = alias + "id";
    for (const auto& c : t.columns) cols += ", " + alias + c;
    return cols;
}

// Runs a query and converts each row (as JSON object) with `conv`.
template <typename T>
std::vector<T> query(Db& db, const std::string& sql, const std::function<void(Stmt&)>& bind,
                     T (*conv)(const nlohmann::json&)) {
    auto s = db.prepare(sql);
    if (bind) bind(s);
    std::vector<T> out;
    while (s.step()) {
        nlohmann::json row = nlohmann::json::object();
        for (int i = 0; i < s.columns(); ++i) row[s.column_name(i)] = s.json_value(i);
        out.push_back(conv(row));
    }
    return out;
}

// Recursive CTE over the office tree; the scope root itself is included.
// UNION (not UNION ALL): an office already in the scope is not visited again,
// so the walk ends even if a cycle ever got into the table (writes refuse
// them: record_rules.h), instead of looping under the database lock.
const char* kSubtreeCte =
    "WITH RECURSIVE scope(id) AS (SELECT id FROM offices WHERE id = ?1 "
    "UNION SELECT o.id FROM offices o JOIN scope s ON o.parent_id = s.id) ";

// Turns storage exceptions into an issue: a failed save reports, never throws.
Check guarded(const std::function<void(Check&)>& fn) {
    Check c;
    try {
        fn(c);
    } catch (const DbError& e) {
        c.error("store.error", "", e.what());
    }
    return c;
}

}  // namespace

// [offices] ------------------------------------------------------------------

std::string sole_root_office(Db& db) {
    auto s = db.prepare("SELECT id FROM offices WHERE parent_id IS NULL LIMIT 2");
    std::string root;
    int n = 0;
    while (s.step()) {
        root = s.text(0);
        ++n;
    }
    return n == 1 ? root : std::string();
}

std::vector<Office> list_offices(Db& db, bool include_archived) {
    return query<Office>(db,
                         "SELECT " + columns_of(table("offices")) + " FROM offices" +
                             (include_archived ? "" : " WHERE archived = 0") + " ORDER BY name, id",
                         nullptr, office_from_row);
}

std::optional<Office> get_office(Db& db, const std::string& id) {
    auto r = read_row(db, table("offices"), id);
    if (!r) return std::nullopt;
    return office_from_row(*r);
}

std::vector<std::string> office_subtree(Db& db, const std::string& office_id) {
    auto s = db.prepare(std::string(kSubtreeCte) + "SELECT id FROM scope");
    s.bind(1, office_id);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

bool office_within(Db& db, const std::string& office_id, const std::string& ancestor_id) {
    auto s = db.prepare(std::string(kSubtreeCte) + "SELECT 1 FROM scope WHERE id = ?2");
    s.bind(1, ancestor_id).bind(2, office_id);
    return s.step();
}

Check save_office(Db& db, Office& o) {
    Check c = validate_office(o);
    if (!c.ok()) return c;
    return guarded([&](Check& c) {
        DbRefReader refs(db);
        std::optional<OfficeKind> stored_kind;
        if (!o.id.empty())
            if (auto stored = get_office(db, o.id)) stored_kind = stored->kind;
        c.merge(check_office_refs(refs, o, stored_kind));
        if (!c.ok()) return;
        if (o.id.empty()) o.id = new_uuid_v7();
        write_row(db, table("offices"), o.id, to_fields(o));
    });
}

// [positions] ----------------------------------------------------------------

std::vector<Position> list_positions(Db& db, const std::string& scope, bool include_archived) {
    const std::string where = include_archived ? "" : " AND p.archived = 0";
    if (scope.empty())
        return query<Position>(db,
                               "SELECT " + columns_of(table("positions"), "p.") + " FROM positions p WHERE 1=1" + where +
                                   " ORDER BY p.office_id, p.is_head DESC, p.name",
                               nullptr, position_from_row);
    return query<Position>(db,
                           std::string(kSubtreeCte) + "SELECT " + columns_of(table("positions"), "p.") +
                               " FROM positions p JOIN scope s ON p.office_id = s.id WHERE 1=1" + where +
                               " ORDER BY p.office_id, p.is_head DESC, p.name",
                           [&](Stmt& s) { s.bind(1, scope); }, position_from_row);
}

std::optional<Position> get_position(Db& db, const std::string& id) {
    auto r = read_row(db, table("positions"), id);
    if (!r) return std::nullopt;
    return position_from_row(*r);
}

Check save_position(Db& db, Position& p) {
    Check c = validate_position(p);
    if (!c.ok()) return c;
    return guarded([&](Check& c) {
        DbRefReader refs(db);
        c.merge(check_position_refs(refs, p));
        if (!c.ok()) return;
        if (p.id.empty()) p.id = new_uuid_v7();
        write_row(db, table("positions"), p.id, to_fields(p));
    });
}

// [employees] ----------------------------------------------------------------

std::vector<Employee> list_employees(Db& db, const EmployeeFilter& f) {
    const std::string where = f.include_archived ? "" : " AND e.archived = 0";
    const std::string cols = columns_of(table("employees"), "e.");
    if (f.scope_office_id.empty())
        return query<Employee>(db, "SELECT " + cols + " FROM employees e WHERE 1=1" + where + " ORDER BY e.name, e.id",
                               nullptr, employee_from_row);
    return query<Employee>(db,
                           std::string(kSubtreeCte) + "SELECT " + cols +
                               " FROM employees e JOIN scope s ON e.office_id = s.id WHERE 1=1" + where +
                               " ORDER BY e.name, e.id",
                           [&](Stmt& s) { s.bind(1, f.scope_office_id); }, employee_from_row);
}

std::optional<Employee> get_employee(Db& db, const std::string& id) {
    auto r = read_row(db, table("employees"), id);
    if (!r) return std::nullopt;
    return employee_from_row(*r);
}

Check save_employee(Db& db, Employee& e) {
    return guarded([&](Check& c) {
        // A new record may leave the office to its position.
        if (e.office_id.empty() && !e.position_id.empty())
            if (auto p = get_position(db, e.position_id)) e.office_id = p->office_id;
        c.merge(validate_employee(e));
        DbRefReader refs(db);
        c.merge(check_employee_refs(refs, e));
        if (!e.nip.empty() && !e.archived) {
            auto s = db.prepare("SELECT 1 FROM employees WHERE nip = ?1 AND archived = 0 AND id <> ?2");
            s.bind(1, e.nip).bind(2, e.id);
            if (s.step()) c.error("nip.duplicate", "nip", e.nip);
        }
        if (!c.ok()) return;
        if (e.id.empty()) e.id = new_uuid_v7();
        write_row(db, table("employees"), e.id, to_fields(e));
    });
}

Check archive_employee(Db& db, const std::string& id) {
    return guarded([&](Check& c) {
        if (!get_employee(db, id)) {
            c.error("employee.not_found", "id", id);
            return;
        }
        write_row(db, table("employees"), id, {{"archived", 1}});
    });
}

// [abk tasks] ----------------------------------------------------------------

std::vector<AbkTask> list_tasks(Db& db, const std::string& position_id, int year) {
    return query<AbkTask>(db,
                          "SELECT " + columns_of(table("abk_tasks")) +
                              " FROM abk_tasks WHERE position_id = ?1 AND year = ?2 AND archived = 0 ORDER BY id",
                          [&](Stmt& s) { s.bind(1, position_id).bind(2, year); }, task_from_row);
}

std::vector<AbkTask> list_tasks_in_scope(Db& db, const std::string& scope, int year) {
    return query<AbkTask>(db,
                          std::string(kSubtreeCte) + "SELECT " + columns_of(table("abk_tasks"), "t.") +
                              " FROM abk_tasks t JOIN scope s ON t.office_id = s.id"
                              " WHERE t.year = ?2 AND t.archived = 0 ORDER BY t.position_id, t.id",
                          [&](Stmt& s) { s.bind(1, scope).bind(2, year); }, task_from_row);
}

Check save_task(Db& db, AbkTask& t) {
    Check c = validate_task(t);
    if (!c.ok()) return c;
    return guarded([&](Check& c) {
        auto p = get_position(db, t.position_id);
        DbRefReader refs(db);
        c.merge(check_task_refs(refs, t, p ? p->office_id : std::string()));
        if (!c.ok()) return;
        if (t.id.empty()) t.id = new_uuid_v7();
        auto fields = to_fields(t);
        fields["office_id"] = p->office_id;
        write_row(db, table("abk_tasks"), t.id, fields);
    });
}

Check archive_task(Db& db, const std::string& id) {
    return guarded([&](Check& c) {
        if (!read_row(db, table("abk_tasks"), id)) {
            c.error("abk.task_not_found", "id", id);
            return;
        }
        write_row(db, table("abk_tasks"), id, {{"archived", 1}});
    });
}

// [settings] -----------------------------------------------------------------

Settings load_settings(Db& db) {
    Settings s;
    auto st = db.prepare("SELECT value FROM settings WHERE key = 'rules'");
    if (st.step()) {
        auto j = nlohmann::json::parse(st.text(0), nullptr, false);
        if (j.is_object()) settings_from_json(j, s);  // a bad stored value keeps defaults
    }
    return s;
}

Check save_settings(Db& db, const Settings& s) {
    Settings copy;
    Check c = settings_from_json(to_json(s), copy);
    if (!c.ok()) return c;
    return guarded([&](Check&) {
        // Keys the struct does not hold (evaluation_period, read by shared/eval) are kept.
        nlohmann::json rules = nlohmann::json::object();
        if (auto q = db.prepare("SELECT value FROM settings WHERE key = 'rules'"); q.step()) {
            rules = nlohmann::json::parse(q.text(0), nullptr, false);
            if (!rules.is_object()) rules = nlohmann::json::object();
        }
        rules.update(to_json(s));
        auto st = db.prepare("INSERT INTO settings(key, value) VALUES('rules', ?1) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        st.bind(1, rules.dump());
        st.run();
    });
}

// [local meta] ---------------------------------------------------------------

std::string get_local_meta(Db& db, const std::string& key, const std::string& fallback) {
    auto s = db.prepare("SELECT value FROM local_meta WHERE key = ?1");
    s.bind(1, key);
    return s.step() ? s.text(0) : fallback;
}

void set_local_meta(Db& db, const std::string& key, const std::string& value) {
    auto s = db.prepare("INSERT INTO local_meta(key, value) VALUES(?1, ?2) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value);
    s.run();
}

}  // namespace seimbang::store

#include "national/summary.h"

namespace seimbang::national {

namespace {

// Which rows count, and what each contributes (the roll-up's rules: a holder
// is an active employee with a position; a task counts when active, with a
// position and a year; its minutes are volume × norm, exact in numeric so
// that adding and subtracting never drifts).
constexpr const char* kHolderRows = "archived = 0 AND position_id IS NOT NULL";
constexpr const char* kTaskRows = "archived = 0 AND position_id IS NOT NULL AND year IS NOT NULL";
constexpr const char* kTaskMinutes = "coalesce(volume::numeric * norm_minutes::numeric, 0)";

// One branch of a trigger function: the statement's deltas (`source`: the
// rows of nat_new with sign "", of nat_old with sign "-"), grouped, added to
// the summary. INSERT reads only nat_new, DELETE only nat_old, UPDATE both;
// PL/pgSQL plans a branch when it first runs, so a transition table a
// trigger lacks is never named.
std::string holders_delta(const std::string& source) {
    return "INSERT INTO nat_holders AS h (instansi, position_id, holders) "
           "SELECT instansi, position_id, sum(d) FROM (" + source + ") c GROUP BY 1, 2 HAVING sum(d) <> 0 "
           "ON CONFLICT (instansi, position_id) DO UPDATE SET holders = h.holders + EXCLUDED.holders;";
}
std::string holder_rows(const char* table, const char* sign) {
    return std::string("SELECT instansi, position_id, ") + sign + "1 AS d FROM " + table + " WHERE " + kHolderRows;
}

// The task summary has one row per (instansi, position, year) and one sum
// per period (the annual factors are applied when read; a period outside the
// four counts for nothing, as in the engine).
constexpr const char* kPeriods[] = {"year", "month", "week", "day"};

std::string tasks_delta(const std::string& source) {
    std::string cols, sums, having = "sum(n) <> 0", set = "tasks = s.tasks + EXCLUDED.tasks";
    for (const char* p : kPeriods) {
        cols += std::string(", per_") + p;
        sums += std::string(", sum(m_") + p + ")";
        having += std::string(" OR sum(m_") + p + ") <> 0";
        set += std::string(", per_") + p + " = s.per_" + p + " + EXCLUDED.per_" + p;
    }
    return "INSERT INTO nat_task_minutes AS s (instansi, position_id, year, tasks" + cols + ") "
           "SELECT instansi, position_id, year, sum(n)" + sums + " FROM (" + source + ") c "
           "GROUP BY 1, 2, 3 HAVING " + having + " ON CONFLICT (instansi, position_id, year) DO UPDATE SET " + set + ";";
}
std::string task_rows(const char* table, const char* sign) {
    std::string sql = std::string("SELECT instansi, position_id, year, ") + sign + "1 AS n";
    for (const char* p : kPeriods)
        sql += std::string(", CASE WHEN period = '") + p + "' THEN " + sign + "(" + kTaskMinutes + ") ELSE 0 END AS m_" + p;
    return sql + " FROM " + table + " WHERE " + kTaskRows;
}

std::string function(const std::string& name, const std::string& ins, const std::string& upd, const std::string& del) {
    return "CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n"
           "  IF TG_OP = 'INSERT' THEN " + ins + "\n"
           "  ELSIF TG_OP = 'UPDATE' THEN " + upd + "\n"
           "  ELSE " + del + "\n  END IF;\n  RETURN NULL;\nEND\n$body$;\n";
}

std::string triggers(const std::string& prefix, const std::string& table, const std::string& fn) {
    return "CREATE OR REPLACE TRIGGER " + prefix + "_ins AFTER INSERT ON " + table +
           " REFERENCING NEW TABLE AS nat_new FOR EACH STATEMENT EXECUTE FUNCTION " + fn + "();\n"
           "CREATE OR REPLACE TRIGGER " + prefix + "_upd AFTER UPDATE ON " + table +
           " REFERENCING OLD TABLE AS nat_old NEW TABLE AS nat_new FOR EACH STATEMENT EXECUTE FUNCTION " + fn + "();\n"
           "CREATE OR REPLACE TRIGGER " + prefix + "_del AFTER DELETE ON " + table +
           " REFERENCING OLD TABLE AS nat_old FOR EACH STATEMENT EXECUTE FUNCTION " + fn + "();\n";
}

}  // namespace

std::string summary_schema_sql() {
    std::string sql = R"sql(
CREATE TABLE IF NOT EXISTS nat_holders (
  instansi    text NOT NULL,
  position_id text NOT NULL,
  holders     bigint NOT NULL,
  PRIMARY KEY (instansi, position_id)
);
CREATE TABLE IF NOT EXISTS nat_task_minutes (
  instansi    text NOT NULL,
  position_id text NOT NULL,
  year        bigint NOT NULL,
  tasks       bigint NOT NULL,
  per_year    numeric NOT NULL,
  per_month   numeric NOT NULL,
  per_week    numeric NOT NULL,
  per_day     numeric NOT NULL,
  PRIMARY KEY (instansi, position_id, year)
);
)sql";
    sql += function("nat_holders_apply", holders_delta(holder_rows("nat_new", "")),
                    holders_delta(holder_rows("nat_new", "") + " UNION ALL " + holder_rows("nat_old", "-")),
                    holders_delta(holder_rows("nat_old", "-")));
    sql += function("nat_task_minutes_apply", tasks_delta(task_rows("nat_new", "")),
                    tasks_delta(task_rows("nat_new", "") + " UNION ALL " + task_rows("nat_old", "-")),
                    tasks_delta(task_rows("nat_old", "-")));
    sql += triggers("nat_holders", "employees", "nat_holders_apply");
    sql += triggers("nat_task_minutes", "abk_tasks", "nat_task_minutes_apply");
    return sql;
}

std::string summary_rebuild_sql() {
    return "DELETE FROM nat_holders;\nDELETE FROM nat_task_minutes;\n" + holders_delta(holder_rows("employees", "")) +
           "\n" + tasks_delta(task_rows("abk_tasks", "")) + "\n";
}

std::string summary_listing_sql(bool from_rows) {
    const std::string holders =
        from_rows ? std::string("SELECT instansi, position_id, count(*) AS n FROM employees WHERE ") + kHolderRows +
                        " GROUP BY 1, 2"
                  : "SELECT instansi, position_id, holders AS n FROM nat_holders WHERE holders <> 0";
    // (Minutes as float8: equal numeric sums may differ in their scale, "40.0" and "40".)
    std::string minutes, stored, nonzero;
    for (const char* p : kPeriods) {
        minutes += std::string(", sum(CASE WHEN period = '") + p + "' THEN " + kTaskMinutes + " ELSE 0 END)::float8";
        stored += std::string(", per_") + p + "::float8";
        nonzero += std::string(" OR per_") + p + " <> 0";
    }
    const std::string tasks =
        from_rows ? std::string("SELECT instansi, position_id, year, count(*)") + minutes + " FROM abk_tasks WHERE " +
                        kTaskRows + " GROUP BY 1, 2, 3"
                  : "SELECT instansi, position_id, year, tasks" + stored + " FROM nat_task_minutes WHERE tasks <> 0" +
                        nonzero;
    return "SELECT 'holders', instansi, position_id, 0::bigint, n, 0::float8, 0::float8, 0::float8, 0::float8 FROM (" +
           holders + ") h UNION ALL SELECT 'tasks', * FROM (" + tasks + ") t ORDER BY 1, 2, 3, 4";
}

}  // namespace seimbang::national

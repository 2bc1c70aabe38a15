// The facts of each synced table on the registry (store/table_facts.h), the one
// "same value" rule of both row forms (store/value.h) and removing rows through
// the write path (store/rows.h).
#include <doctest/doctest.h>

#include <algorithm>

#include "store/rows.h"
#include "store/schema.h"
#include "store/table_facts.h"
#include "store/value.h"

using namespace seimbang;
using nlohmann::json;

TEST_CASE("table facts: statements, canonical order and affinities agree with the registry and the schema") {
    for (const auto& t : store::synced_tables()) {
        const store::TableFacts& f = store::facts(t);
        CHECK(f.select_by_id.rfind("SELECT id, " + t.columns.front() + ", ", 0) == 0);
        CHECK(f.select_by_id == f.select_all + " WHERE id = ?1");
        CHECK(f.office_by_id == "SELECT " + t.office_column + " FROM " + t.name + " WHERE id = ?1");
        // The canonical order is the key order of a dumped JSON row.
        json row = {{"id", "x"}};
        for (const auto& c : t.columns) row[c] = 0;
        std::vector<std::string> dumped;
        for (const auto& [k, v] : row.items()) dumped.push_back(k);
        std::vector<std::string> ordered;
        for (size_t k : f.canonical_order) ordered.push_back(k == 0 ? "id" : t.columns[k - 1]);
        CHECK(ordered == dumped);
        CHECK(store::affinity(t).size() == t.columns.size());
    }
    const auto& tasks = *store::find_table("abk_tasks");
    CHECK(store::affinity(tasks)[static_cast<size_t>(tasks.column_index("volume"))] == 'R');
    CHECK(store::affinity(tasks)[static_cast<size_t>(tasks.column_index("year"))] == 'I');
    CHECK(store::affinity(tasks)[static_cast<size_t>(tasks.column_index("task"))] == 'T');
}

TEST_CASE("same value: one rule for JSON and typed values (regression: the JSON writers saw true and 1 as different)") {
    using store::Value;
    const std::vector<std::pair<json, Value>> same = {
        {json(12), Value::real(12.0)}, {json(12.0), Value::integer(12)}, {json(true), Value::integer(1)},
        {json(false), Value::integer(0)}, {json("a"), Value::text("a")}, {json(nullptr), Value{}}};
    for (const auto& [j, v] : same) {
        CHECK(store::same_value(store::from_json(j), v));  // typed
        CHECK(store::same_value(j, store::to_json(v)));    // JSON: the same answer
    }
    CHECK_FALSE(store::same_value(json("1"), json(1)));
    CHECK_FALSE(store::same_value(json(nullptr), json(0)));
    CHECK_FALSE(store::same_value(json(1.5), json(1)));
    CHECK_FALSE(store::same_value(Value::text("a"), Value::text("b")));
}

TEST_CASE("delete_row and delete_all_rows go through the change hook") {
    store::Db db(":memory:");
    store::migrate(db);
    std::vector<std::string> seen;
    db.set_change_hook([&](store::Db&, const store::RowChange& c) {
        seen.push_back((store::is_deletion(c) ? "-" : "+") + c.table + ":" + c.id);
    });
    const auto& offices = *store::find_table("offices");
    store::write_row(db, offices, "o1", {{"parent_id", nullptr}, {"kind", "kota"}, {"code", "1"}, {"name", "Kota"}},
                     false);
    CHECK(store::delete_row(db, offices, "o1"));
    CHECK_FALSE(store::delete_row(db, offices, "o1"));  // gone: nothing to tell
    store::delete_all_rows(db, offices);
    CHECK(seen == std::vector<std::string>{"+offices:o1", "-offices:o1", "-offices:"});
}

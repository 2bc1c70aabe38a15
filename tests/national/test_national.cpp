// The national tier on a real PostgreSQL (tests/national/with_postgres.sh
// starts one; SEIMBANG_PG_URL names it): intake of push batches, idempotency,
// partial updates, refusals, the pull of an instansi, the roll-up against the
// ABK engine, and the whole path through `seimbang-server serve --store`.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <map>
#include <set>

#include <httplib.h>

#include "app/national.h"
#include "demo/nips.h"
#include "demo/seed.h"
#include "harness.h"
#include "upstream_fixture.h"
#include "national/person.h"
#include "national/seed.h"
#include "national/store.h"
#include "national/summary.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "store/schema.h"
#include "store/table_facts.h"
#include "sync/hlc.h"
#include "sync/rowhash.h"
#include "store/rows.h"
#include "util/uuid.h"
#include "workflow/effective.h"
#include "workflow/imut.h"
#include "workflow/request.h"

using namespace seimbang;
using nlohmann::json;

namespace {

std::string pg_url() {
    const char* url = std::getenv("SEIMBANG_PG_URL");
    // A failure, never a skip: the test command provides the server.
    REQUIRE_MESSAGE(url != nullptr, "SEIMBANG_PG_URL is not set: run through tests/national/with_postgres.sh");
    return url;
}

// A fresh database of its own per test case (the server is shared by the run).
std::string fresh_database(const std::string& name) {
    national::Pg admin(pg_url());
    admin.exec("DROP DATABASE IF EXISTS " + name);
    admin.exec("CREATE DATABASE " + name);
    std::string url = pg_url();
    return url.substr(0, url.rfind('/') + 1) + name;
}

// Every synced row of a SQLite database as push mutations (whole rows, base 0),
// as an instansi server forwards them: counters from `counter0`.
json mutations_of(store::Db& db, int64_t counter0) {
    json ms = json::array();
    int64_t counter = counter0;
    for (const auto& t : store::synced_tables()) {
        if (t.commands_only) continue;
        auto q = db.prepare(store::facts(t).select_all);
        while (q.step()) {
            json fields = json::object();
            for (size_t k = 0; k < t.columns.size(); ++k) fields[t.columns[k]] = q.json_value(static_cast<int>(k + 1));
            ms.push_back({{"counter", counter++},
                          {"hlc", sync::make_hlc(sync::now_ms(), 0)},
                          {"schema", store::latest_schema_version()},
                          {"table", t.name},
                          {"row", q.text(0)},
                          {"op", "upsert"},
                          {"base", 0},
                          {"fields", fields}});
        }
    }
    return ms;
}

json push(national::NationalStore& st, const sync::Principal& who, const json& mutations) {
    sync::Reply r = st.push(who, sync::parse_push_request(json{{"device_id", who.device_id}, {"mutations", mutations}}.dump()));
    if (!r.text.empty()) r.body = json::parse(r.text);
    r.body["_status"] = r.status;
    return r.body;
}

// All pages of an instansi's pull: rows by (table, id).
std::map<std::pair<std::string, std::string>, json> pull_all(national::NationalStore& st, const sync::Principal& who,
                                                             int limit, json* checksum = nullptr) {
    std::map<std::pair<std::string, std::string>, json> rows;
    int64_t cursor = 0;
    for (int pages = 0; pages < 10000; ++pages) {
        const json page = json::parse(st.pull(who, cursor, limit).text);
        for (const auto& c : page["changes"]) rows[{c["t"], c["id"]}] = c["row"];
        REQUIRE(page["cursor"].get<int64_t>() >= cursor);
        cursor = page["cursor"];
        if (!page["more"].get<bool>()) {
            if (checksum) *checksum = page["checksum"];
            break;
        }
        CHECK_FALSE(page.contains("checksum"));  // (the last page only)
    }
    return rows;
}

int64_t count_rows(national::NationalStore& st, const std::string& sql, const std::vector<national::PgParam>& params) {
    std::lock_guard lock(st.mu());
    return st.pg().query(sql, params).int64(0, 0);
}

sync::Principal instansi_account(const std::string& root, const std::string& device) {
    return {"u-" + device, "bkpsdm." + device, "BKPSDM", "bkpsdm", root, "", device};
}

}  // namespace

TEST_CASE("national intake: a whole instansi stored once, a re-sent batch answers duplicate, the pull gives it back") {
    national::NationalStore st(fresh_database("nat_intake"));
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    const auto who = instansi_account(ids.kota, "dev-medan");
    const json ms = mutations_of(db, 1);

    const json first = push(st, who, ms);
    REQUIRE(first["_status"] == 200);
    REQUIRE(first["results"].size() == ms.size());
    std::set<int64_t> seqs;
    for (const auto& r : first["results"]) {
        CHECK(r["status"] == "applied");
        seqs.insert(r["seq"].get<int64_t>());
    }
    CHECK(seqs.size() == ms.size());  // one national seq per mutation
    for (const auto& t : store::synced_tables()) {
        auto q = db.prepare("SELECT count(*) FROM " + t.name);
        q.step();
        CHECK_MESSAGE(count_rows(st, "SELECT count(*) FROM " + t.name + " WHERE instansi = $1", {ids.kota}) == q.int64(0),
                      t.name);
    }

    // The answer was lost: the instansi sends the same batch again.
    const json again = push(st, who, ms);
    REQUIRE(again["_status"] == 200);
    for (size_t k = 0; k < ms.size(); ++k) {
        CHECK(again["results"][k]["status"] == "duplicate");
        CHECK(again["results"][k]["original"] == first["results"][k]);
    }
    CHECK(count_rows(st, "SELECT count(*) FROM employees", {}) ==
          [&] { auto q = db.prepare("SELECT count(*) FROM employees"); q.step(); return q.int64(0); }());

    // The pull (small pages) gives back every row exactly as the instansi holds it.
    json checksum;
    const auto pulled = pull_all(st, who, 37, &checksum);
    // The checksum of the last page is the instansi's own (SYNC.md §6): its replica would agree.
    CHECK(checksum == sync::local_checksum(db).to_json());
    size_t expected = 0;
    for (const auto& t : store::synced_tables()) {
        auto q = db.prepare(store::facts(t).select_all);
        while (q.step()) {
            ++expected;
            store::Row row(t.columns.size() + 1);
            for (size_t k = 0; k < row.size(); ++k) row[k] = store::from_json(q.json_value(static_cast<int>(k)));
            auto it = pulled.find({t.name, q.text(0)});
            REQUIRE_MESSAGE(it != pulled.end(), (t.name + " " + q.text(0)));
            CHECK(it->second == store::row_to_json(t, row));
        }
    }
    CHECK(pulled.size() == expected);

    // Another instansi's account pulls nothing of it.
    CHECK(pull_all(st, instansi_account(new_uuid_v7(), "dev-other"), 1000).empty());
}

TEST_CASE("national intake: one idempotency record per push; re-sent, overlapping and out-of-order batches answer exactly as first") {
    const std::string url = fresh_database("nat_idem");
    national::NationalStore st(url);
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    const auto who = instansi_account(ids.kota, "dev-medan");
    json all = mutations_of(db, 1);
    std::vector<size_t> emp;  // the employees' mutations
    for (size_t k = 0; k < all.size(); ++k)
        if (all[k]["table"] == "employees") emp.push_back(k);
    REQUIRE(emp.size() >= 12);
    // Three pushes [0, c1) [c1, c2) [c2, end); a row of the second and of the third is
    // refused (a NIP impossible by its birth date): its stored text must come back.
    const size_t r1 = emp[emp.size() / 3], r2 = emp.back(), c1 = r1, c2 = r1 + (r2 - r1) / 2 + 1;
    REQUIRE((c1 > 20 && c2 <= r2 && r2 + 1 < all.size()));
    for (size_t k : {r1, r2}) all[k]["fields"]["nip"] = "196602301988031001";
    auto slice = [&](size_t from, size_t to) {
        json b = json::array();
        for (size_t k = from; k < to && k < all.size(); ++k) b.push_back(all[k]);
        return b;
    };
    std::map<int64_t, json> answer;  // counter → its first answer
    auto keep = [&](const json& reply) {
        REQUIRE(reply["_status"] == 200);
        for (const auto& r : reply["results"])
            if (r["status"] != "duplicate") CHECK(answer.emplace(r["counter"].get<int64_t>(), r).second);
    };
    keep(push(st, who, slice(0, c1)));
    keep(push(st, who, slice(c1, c2)));
    keep(push(st, who, slice(c2, all.size())));
    CHECK(answer[all[r1]["counter"].get<int64_t>()]["status"] == "rejected");
    CHECK(answer[all[r2]["counter"].get<int64_t>()]["status"] == "rejected");
    // One record per push, every counter in it once.
    CHECK(count_rows(st, "SELECT count(*) FROM nat_applied_batches WHERE device_id = $1", {"dev-medan"}) == 3);
    CHECK(count_rows(st, "SELECT count(DISTINCT u.c) FROM nat_applied_batches b, unnest(b.counters) u(c)", {}) ==
          static_cast<int64_t>(all.size()));

    // A lost answer: a batch overlapping the first two pushes' ranges, in reverse order, with a counter twice.
    json mixed = slice(c1 - 20, c2);
    std::reverse(mixed.begin(), mixed.end());
    mixed.push_back(all[c1 - 10]);
    const json again = push(st, who, mixed);
    REQUIRE(again["_status"] == 200);
    for (size_t k = 0; k < mixed.size(); ++k) {
        CHECK(again["results"][k]["status"] == "duplicate");
        CHECK(again["results"][k]["original"] == answer[mixed[k]["counter"].get<int64_t>()]);
    }
    // Old counters and new, clock-based ones in one batch (an upstream after a restore, server/upstream.cpp):
    // the old ones are duplicates, the new ones applied once.
    const int64_t big = int64_t{1} << 40;
    json restored = json::array({all[5], all[r2]});
    json fresh = all[emp[1]];
    fresh["counter"] = big;
    fresh["fields"]["name"] = "Nama Sesudah Pemulihan";
    restored.push_back(fresh);
    const json after = push(st, who, restored);
    REQUIRE(after["_status"] == 200);
    CHECK(after["results"][0]["original"] == answer[all[5]["counter"].get<int64_t>()]);
    CHECK(after["results"][1]["original"] == answer[all[r2]["counter"].get<int64_t>()]);
    CHECK(after["results"][1]["original"]["status"] == "rejected");
    CHECK(after["results"][2]["status"] == "applied");
    const json twice = push(st, who, restored);
    CHECK(twice["results"][2]["status"] == "duplicate");
    CHECK(twice["results"][2]["original"] == after["results"][2]);
    // Nothing doubled: one row per id, every row as the instansi holds it (but the renamed one).
    auto q = db.prepare("SELECT count(*) FROM employees");
    q.step();
    CHECK(count_rows(st, "SELECT count(*) FROM employees WHERE instansi = $1", {ids.kota}) == q.int64(0) - 2);

    // A store from before the per-push records: its per-mutation records are
    // taken over at the next start and answer the same.
    {
        national::Pg pg(url);
        pg.exec("CREATE TABLE nat_applied (instansi text NOT NULL, device_id text NOT NULL, counter bigint NOT NULL, "
                "result text NOT NULL, PRIMARY KEY (instansi, device_id, counter))");
        pg.query("INSERT INTO nat_applied SELECT b.instansi, b.device_id, u.c, "
                 "coalesce(u.r, '{\"counter\":' || u.c || ',\"seq\":' || u.s || ',\"status\":\"applied\"}') "
                 "FROM nat_applied_batches b, unnest(b.counters, b.seqs, b.results) u(c, s, r)");
        pg.exec("DELETE FROM nat_applied_batches");
    }
    national::NationalStore reopened(url);
    CHECK(count_rows(reopened, "SELECT count(*) FROM nat_applied_batches", {}) == static_cast<int64_t>(all.size()) + 1);
    CHECK(count_rows(reopened, "SELECT count(*) FROM pg_tables WHERE tablename = 'nat_applied'", {}) == 0);
    const json old = push(reopened, who, mixed);
    for (size_t k = 0; k < mixed.size(); ++k) CHECK(old["results"][k]["original"] == answer[mixed[k]["counter"].get<int64_t>()]);
}

TEST_CASE("national intake: a partial update changes only its fields; invalid rows are refused and leave nothing") {
    national::NationalStore st(fresh_database("nat_rules"));
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    const auto who = instansi_account(ids.kota, "dev-medan");
    REQUIRE(push(st, who, mutations_of(db, 1))["_status"] == 200);
    const auto staff = store::list_employees(db, {ids.kelurahan[0], false});
    REQUIRE(staff.size() >= 2);
    const Employee& e = staff[0];
    const int64_t h = sync::make_hlc(sync::now_ms(), 0), schema = store::latest_schema_version();
    const json ms = json::array({
        // a new name only
        {{"counter", 5000}, {"hlc", h}, {"schema", schema}, {"table", "employees"}, {"row", e.id}, {"op", "upsert"},
         {"base", 1}, {"fields", {{"name", "Nama Baru"}}}},
        // a NIP whose birth date is impossible: refused by the shared validator
        {{"counter", 5001}, {"hlc", h}, {"schema", schema}, {"table", "employees"}, {"row", staff[1].id}, {"op", "upsert"},
         {"base", 1}, {"fields", {{"nip", "196602301988031001"}}}},
        // a new row with only some columns
        {{"counter", 5002}, {"hlc", h}, {"schema", schema}, {"table", "employees"}, {"row", new_uuid_v7()},
         {"op", "upsert"}, {"base", 0}, {"fields", {{"name", "Tanpa NIP"}}}},
        // text in a number column
        {{"counter", 5003}, {"hlc", h}, {"schema", schema}, {"table", "employees"}, {"row", staff[1].id}, {"op", "upsert"},
         {"base", 1}, {"fields", {{"archived", "ya"}}}},
        // a workflow step: the national tier runs none
        {{"counter", 5004}, {"hlc", h}, {"schema", schema}, {"table", "requests"}, {"row", new_uuid_v7()},
         {"op", "command"}, {"base", 0}, {"command", "submit"}, {"args", json::object()}},
    });
    // ... but it keeps a workflow row the instansi server forwards as a row (docs/SCALE.md "Upstream").
    const store::TableSpec& requests = *store::find_table("requests");
    json request_fields = json::object();
    for (const auto& c : requests.columns) request_fields[c] = nullptr;
    request_fields["employee_id"] = e.id;
    request_fields["office_id"] = e.office_id;
    request_fields["status"] = "diajukan";
    const std::string request_id = new_uuid_v7();
    const json forwarded = push(st, who, json::array({{{"counter", 6000}, {"hlc", h}, {"schema", schema},
                                                       {"table", "requests"}, {"row", request_id}, {"op", "upsert"},
                                                       {"base", 0}, {"fields", request_fields}}}));
    REQUIRE(forwarded["_status"] == 200);
    CHECK(forwarded["results"][0]["status"] == "applied");
    CHECK(count_rows(st, "SELECT count(*) FROM requests WHERE instansi = $1 AND id = $2", {ids.kota, request_id}) == 1);
    const json r = push(st, who, ms);
    REQUIRE(r["_status"] == 200);
    CHECK(r["results"][0]["status"] == "applied");
    CHECK(r["results"][1]["status"] == "rejected");
    CHECK(r["results"][1]["reason"].get<std::string>().rfind("nip.", 0) == 0);
    CHECK(r["results"][2]["reason"] == "row.invalid");
    CHECK(r["results"][3]["reason"] == "field.bad_value");
    CHECK(r["results"][4]["reason"] == "command.unknown");
    // A refused edit of a stored row answers the row as the centre holds it (the sender's replica puts it
    // back, as the SQLite tier's answer does); a refused new row answers null (the replica drops its copy).
    for (int k : {1, 3}) {
        const json& row = r["results"][k]["row"];
        REQUIRE(row.is_object());
        CHECK(row["id"] == staff[1].id);
        CHECK(row["nip"] == staff[1].nip);
        CHECK(row["archived"] == 0);
        CHECK(r["results"][k]["version"].get<int64_t>() > 0);
    }
    CHECK(r["results"][2]["row"].is_null());
    std::lock_guard lock(st.mu());
    auto row = st.pg().query("SELECT name, nip, office_id FROM employees WHERE instansi = $1 AND id = $2", {ids.kota, e.id});
    CHECK(row.text(0, 0) == "Nama Baru");
    CHECK(row.text(0, 1) == e.nip);  // untouched
    CHECK(row.text(0, 2) == e.office_id);
    auto other = st.pg().query("SELECT nip, archived FROM employees WHERE instansi = $1 AND id = $2", {ids.kota, staff[1].id});
    CHECK(other.text(0, 0) == staff[1].nip);
    CHECK(other.text(0, 1) == "0");
    CHECK(st.pg().query("SELECT count(*) FROM employees WHERE name = 'Tanpa NIP'").int64(0, 0) == 0);
}

TEST_CASE("national intake: a second root office or a read-only role refuses the whole push (403), nothing applied") {
    national::NationalStore st(fresh_database("nat_scope"));
    const std::string root = new_uuid_v7();
    const auto who = instansi_account(root, "dev-a");
    const int64_t h = sync::make_hlc(sync::now_ms(), 0), schema = store::latest_schema_version();
    auto office = [&](int64_t counter, const std::string& id, const json& parent) {
        return json{{"counter", counter}, {"hlc", h}, {"schema", schema}, {"table", "offices"}, {"row", id},
                    {"op", "upsert"}, {"base", 0},
                    {"fields", {{"parent_id", parent}, {"kind", "kota"}, {"code", ""}, {"name", "Kota"}, {"archived", 0}}}};
    };
    // Its own root: fine. Another root in the same push: the whole push is refused.
    const json r = push(st, who, json::array({office(1, root, nullptr), office(2, new_uuid_v7(), nullptr)}));
    CHECK(r["_status"] == 403);
    CHECK(r["error"]["code"] == "scope.forbidden");
    CHECK(r["error"]["counters"] == json::array({2}));
    CHECK(count_rows(st, "SELECT count(*) FROM offices", {}) == 0);
    // A pusat account writes nothing.
    auto reader = who;
    reader.role = "pusat";
    CHECK(push(st, reader, json::array({office(1, root, nullptr)}))["_status"] == 403);
    CHECK(push(st, who, json::array({office(1, root, nullptr)}))["results"][0]["status"] == "applied");
    CHECK(count_rows(st, "SELECT count(*) FROM offices WHERE instansi = $1", {root}) == 1);
}

TEST_CASE("national roll-up equals the ABK engine over two synthetic instansi") {
    national::NationalStore st(fresh_database("nat_rollup"));
    demo::NipRegistry nips;
    const Settings settings;
    std::vector<std::unique_ptr<store::Db>> dbs;
    std::vector<std::string> roots;
    std::map<std::string, std::array<int64_t, 5>> jabatan;  // name → positions, holders, needed, shortage, surplus
    for (int k = 0; k < 2; ++k) {
        auto db = std::make_unique<store::Db>(":memory:");
        store::migrate(*db);
        demo::SyntheticParams p;
        p.kecamatan = 2;
        p.kelurahan = 9;
        p.employees = 900 + 400 * k;
        p.seed = 7 + static_cast<uint64_t>(k);
        p.nips = &nips;
        p.root_name = "Instansi Uji " + std::to_string(k + 1);
        const auto stats = demo::seed_synthetic(*db, p);
        national::copy_instansi(st, *db, stats.root_office_id, p.root_name, k == 0 ? "Sumatera Utara" : "Aceh");
        roots.push_back(stats.root_office_id);
        // The engine's figures of the same data.
        const auto report = store::analyse_scope(*db, stats.root_office_id, demo::kDemoYear, settings);
        std::map<std::string, std::string> names;
        for (const auto& pos : store::list_positions(*db, stats.root_office_id)) names[pos.id] = pos.name;
        for (const auto& pr : report.result.positions) {
            auto& j = jabatan[names.at(pr.position)];
            j[0] += 1;
            j[1] += pr.holders;
            j[2] += pr.needed_rounded;
            j[3] += std::max(0, -pr.difference);
            j[4] += std::max(0, pr.difference);
        }
        const abk::UnitResult* root = nullptr;
        for (const auto& u : report.rollup)
            if (u.unit == stats.root_office_id) root = &u;
        REQUIRE(root);
        const json nat = st.rollup(demo::kDemoYear, settings);
        const json* mine = nullptr;
        for (const auto& i : nat["instansi"])
            if (i["instansi"] == stats.root_office_id) mine = &i;
        REQUIRE(mine);
        CHECK((*mine)["name"] == p.root_name);
        CHECK((*mine)["holders"] == root->holders);
        CHECK((*mine)["needed_rounded"] == root->needed_rounded);
        CHECK((*mine)["difference"] == root->difference);
        CHECK((*mine)["positions_short"] == root->positions_short);
        CHECK((*mine)["positions_surplus"] == root->positions_surplus);
        CHECK((*mine)["workload_minutes"].get<double>() == doctest::Approx(root->workload_minutes).epsilon(1e-12));
        CHECK((*mine)["eu"].get<double>() == doctest::Approx(*root->eu).epsilon(1e-12));
        dbs.push_back(std::move(db));
    }
    const json nat = st.rollup(demo::kDemoYear, settings);
    CHECK(nat["instansi"].size() == 2);
    CHECK(nat["provinces"].size() == 2);
    REQUIRE(nat["jabatan"].size() == jabatan.size());
    for (const auto& j : nat["jabatan"]) {
        const auto& e = jabatan.at(j["name"].get<std::string>());
        CHECK_MESSAGE(j["positions"] == e[0], j["name"]);
        CHECK(j["holders"] == e[1]);
        CHECK(j["needed_rounded"] == e[2]);
        CHECK(j["shortage"] == e[3]);
        CHECK(j["surplus"] == e[4]);
    }
}

namespace {

// The roll-up's summaries as maintained (from_rows false) or as the rows give
// them now (true), one line per group.
std::vector<std::string> summary_lines(national::NationalStore& st, bool from_rows) {
    std::lock_guard lock(st.mu());
    const national::PgResult r = st.pg().query(national::summary_listing_sql(from_rows));
    std::vector<std::string> out;
    for (int k = 0; k < r.rows(); ++k) {
        std::string line;
        for (int c = 0; c < 9; ++c) line += std::string(r.text(k, c)) + "|";
        out.push_back(std::move(line));
    }
    return out;
}

json change(int64_t counter, const std::string& table, const std::string& id, const json& fields) {
    return {{"counter", counter}, {"hlc", sync::make_hlc(sync::now_ms(), 0)}, {"schema", store::latest_schema_version()},
            {"table", table}, {"row", id}, {"op", "upsert"}, {"base", 1}, {"fields", fields}};
}

}  // namespace

TEST_CASE("roll-up summaries equal the rows after inserts, moves, deactivation, task changes, deletions and a re-sent batch") {
    const std::string url = fresh_database("nat_summary");
    national::NationalStore st(url);
    // Instansi 1 through the push (batches of 100: several merges per table),
    // instansi 2 by the seed's COPY.
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    const auto who = instansi_account(ids.kota, "dev-medan");
    const json all = mutations_of(db, 1);
    for (size_t at = 0; at < all.size(); at += 100) {
        json part = json::array();
        for (size_t k = at; k < std::min(all.size(), at + 100); ++k) part.push_back(all[k]);
        REQUIRE(push(st, who, part)["_status"] == 200);
    }
    {
        store::Db other(":memory:");
        store::migrate(other);
        demo::NipRegistry nips;
        demo::SyntheticParams p;
        p.kecamatan = 2;
        p.kelurahan = 5;
        p.employees = 400;
        p.nips = &nips;
        const auto stats = demo::seed_synthetic(other, p);
        national::copy_instansi(st, other, stats.root_office_id, p.root_name, "Aceh");
    }
    const auto seeded = summary_lines(st, true);
    REQUIRE(seeded.size() > 100);
    CHECK(summary_lines(st, false) == seeded);
    CHECK(count_rows(st, "SELECT sum(holders) FROM nat_holders", {}) ==
          count_rows(st, "SELECT count(*) FROM employees WHERE archived = 0 AND position_id IS NOT NULL", {}));

    // Moves between positions, deactivation, a row changed twice in one batch,
    // task volume, period, position and deactivation: one push.
    std::vector<std::array<std::string, 3>> staff;  // id, position, office
    {
        auto q = db.prepare("SELECT id, position_id, office_id FROM employees e WHERE archived = 0 AND position_id IS NOT NULL "
                            "AND (SELECT count(*) FROM positions p WHERE p.office_id = e.office_id AND p.archived = 0) > 1 "
                            "ORDER BY id LIMIT 6");
        while (q.step()) staff.push_back({q.text(0), q.text(1), q.text(2)});
    }
    REQUIRE(staff.size() == 6);
    auto another_position = [&](const std::array<std::string, 3>& e) {
        auto q = db.prepare("SELECT id FROM positions WHERE office_id = ?1 AND id <> ?2 AND archived = 0 ORDER BY id LIMIT 1");
        q.bind(1, e[2]);
        q.bind(2, e[1]);
        REQUIRE(q.step());
        return q.text(0);
    };
    std::vector<std::array<std::string, 2>> tasks;  // id, position
    {
        auto q = db.prepare("SELECT id, position_id FROM abk_tasks WHERE archived = 0 AND period <> 'week' ORDER BY id LIMIT 4");
        while (q.step()) tasks.push_back({q.text(0), q.text(1)});
    }
    REQUIRE(tasks.size() == 4);
    json changes = json::array({
        change(10000, "employees", staff[0][0], {{"position_id", another_position(staff[0])}}),
        change(10001, "employees", staff[1][0], {{"position_id", another_position(staff[1])}}),
        change(10002, "employees", staff[2][0], {{"name", "Nama Saja"}}),  // counts unchanged
        change(10003, "employees", staff[3][0], {{"archived", 1}}),
        change(10004, "employees", staff[4][0], {{"archived", 1}, {"position_id", another_position(staff[4])}}),
        change(10005, "employees", staff[5][0], {{"position_id", another_position(staff[5])}}),
        change(10006, "employees", staff[5][0], {{"position_id", staff[5][1]}}),  // and back, in the same batch
        change(10007, "abk_tasks", tasks[0][0], {{"volume", 12345.5}}),
        change(10008, "abk_tasks", tasks[1][0], {{"archived", 1}}),
        change(10009, "abk_tasks", tasks[2][0], {{"period", "week"}}),
        change(10010, "abk_tasks", tasks[3][0], {{"year", demo::kDemoYear + 1}}),
    });
    const json r = push(st, who, changes);
    REQUIRE(r["_status"] == 200);
    for (const auto& x : r["results"]) CHECK_MESSAGE(x["status"] == "applied", x.dump());
    const auto moved = summary_lines(st, true);
    CHECK(moved != seeded);
    CHECK(summary_lines(st, false) == moved);

    // The same batch again (its answer was lost): duplicates, nothing counted twice.
    const json again = push(st, who, changes);
    REQUIRE(again["_status"] == 200);
    for (const auto& x : again["results"]) CHECK(x["status"] == "duplicate");
    CHECK(summary_lines(st, false) == moved);

    // Deletions (no push deletes a row; an operator's repair in SQL does).
    {
        std::lock_guard lock(st.mu());
        st.pg().query("DELETE FROM employees WHERE id IN (SELECT id FROM employees WHERE instansi = $1 ORDER BY id DESC LIMIT 7)",
                      {ids.kota});
        st.pg().exec("DELETE FROM abk_tasks WHERE id IN (SELECT id FROM abk_tasks ORDER BY id DESC LIMIT 9)");
    }
    const auto deleted = summary_lines(st, true);
    CHECK(deleted != moved);
    CHECK(summary_lines(st, false) == deleted);

    // A rebuild from the rows (a store older than the summaries) gives the same.
    {
        std::lock_guard lock(st.mu());
        st.pg().exec(national::summary_rebuild_sql());
    }
    CHECK(summary_lines(st, false) == deleted);

    // A store from before the summaries (no tables, no triggers, no mark): the
    // next start computes them from the rows, and the triggers keep them again.
    {
        std::lock_guard lock(st.mu());
        st.pg().exec("DROP FUNCTION nat_holders_apply() CASCADE; DROP FUNCTION nat_task_minutes_apply() CASCADE; "
                     "DROP TABLE nat_holders, nat_task_minutes; DELETE FROM nat_meta WHERE key = 'summaries'");
    }
    national::NationalStore reopened(url);
    CHECK(summary_lines(reopened, false) == deleted);
    {
        std::lock_guard lock(reopened.mu());
        reopened.pg().query("UPDATE employees SET archived = 1 WHERE instansi = $1", {ids.kota});
    }
    const auto archived = summary_lines(reopened, true);
    CHECK(archived != deleted);
    CHECK(summary_lines(reopened, false) == archived);
}

// `count` synthetic instansi ("Instansi A", "B", …; `employees` each, seeds
// seed0, seed0 + 1, …) with NIPs unique among them, each copied into the store
// as its server would have forwarded it. Their databases stay open for the test.
struct Federation {
    std::vector<std::unique_ptr<store::Db>> dbs;
    std::vector<std::string> roots;
};
Federation seed_federation(national::NationalStore& st, int count, int employees, uint64_t seed0) {
    Federation f;
    demo::NipRegistry nips;
    for (int k = 0; k < count; ++k) {
        auto db = std::make_unique<store::Db>(":memory:");
        store::migrate(*db);
        demo::SyntheticParams p;
        p.kecamatan = 1;
        p.kelurahan = 2;
        p.employees = employees;
        p.seed = seed0 + static_cast<uint64_t>(k);
        p.nips = &nips;
        p.root_name = "Instansi " + std::string(1, static_cast<char>('A' + k));
        const auto stats = demo::seed_synthetic(*db, p);
        national::copy_instansi(st, *db, stats.root_office_id, p.root_name, "Sumatera Utara");
        f.roots.push_back(stats.root_office_id);
        f.dbs.push_back(std::move(db));
    }
    return f;
}

// A between-instansi request of `fed`'s instansi B for A's first active employee
// into B's first non-head post, as B's server forwards it (Diajukan), and its
// events as either side writes them.
struct BetweenMove {
    std::array<std::string, 3> emp, post;  // (id, office_id, position_id) / (id, office_id, name)
    std::string id = new_uuid_v7();
    json request;
    json event(int64_t ordinal, const std::string& cmd, const std::string& from, const std::string& to,
               const std::string& actor = "x") const {
        return json{{"request_id", id}, {"ordinal", ordinal}, {"office_id", emp[1]}, {"to_office_id", post[1]},
                    {"employee_id", emp[0]}, {"command", cmd}, {"from_status", from}, {"to_status", to},
                    {"actor", actor}, {"actor_role", "bkpsdm"}, {"at_ms", ordinal}, {"note", ""}};
    }
};
BetweenMove between_move(Federation& fed) {
    auto first = [](store::Db& db, const std::string& sql) {
        auto q = db.prepare(sql);
        REQUIRE(q.step());
        return std::array<std::string, 3>{q.text(0), q.text(1), q.text(2)};
    };
    BetweenMove m;
    m.emp = first(*fed.dbs[0], "SELECT id, office_id, position_id FROM employees WHERE archived = 0 ORDER BY id LIMIT 1");
    m.post = first(*fed.dbs[1], "SELECT id, office_id, name FROM positions WHERE is_head = 0 ORDER BY id LIMIT 1");
    m.request = {{"number", workflow::request_number(m.id)}, {"employee_id", m.emp[0]}, {"office_id", m.emp[1]},
                 {"from_position_id", m.emp[2]}, {"to_office_id", m.post[1]}, {"to_positions", json::array({m.post[0]}).dump()},
                 {"to_instansi", "Instansi B"}, {"kind", "antar_instansi"}, {"reason", "mengikuti_suami_istri"},
                 {"explanation", "uji"}, {"status", "diajukan"}, {"status_ms", 1}, {"created_by", "bkpsdm.b"},
                 {"created_ms", 1}, {"from_instansi", fed.roots[0]}, {"employee_nip", "198503152010011001"},
                 {"employee_name", "Budi"}};
    return m;
}

// A workflow row (requests or request_events) as an instansi server forwards it: a whole upsert.
json workflow_upsert(int64_t counter, const std::string& table, const std::string& id, const json& values) {
    const store::TableSpec& t = *store::find_table(table);
    json fields = json::object();
    for (const auto& c : t.columns) fields[c] = values.contains(c) ? values[c] : json("");
    return {{"counter", counter}, {"hlc", sync::make_hlc(sync::now_ms(), 0)}, {"schema", store::latest_schema_version()},
            {"table", table}, {"row", id}, {"op", "upsert"}, {"base", 0}, {"fields", fields}};
}

TEST_CASE("between instansi: each side's pull carries the other's workflow rows of the move; a third instansi sees none") {
    national::NationalStore st(fresh_database("nat_between"));
    Federation fed = seed_federation(st, 3, 60, 90);
    auto& dbs = fed.dbs;
    auto& roots = fed.roots;
    auto account = [&](int k) {
        return sync::Principal{"u-" + std::to_string(k), "instansi." + std::to_string(k), "Instansi", "instansi", roots[k], "",
                               "dev-" + std::to_string(k)};
    };
    const auto a = account(0), b = account(1), c = account(2);
    auto first = [](store::Db& db, const std::string& sql) {
        auto q = db.prepare(sql);
        REQUIRE(q.step());
        return std::array<std::string, 3>{q.text(0), q.text(1), q.text(2)};
    };
    // A's employee, B's wished post.
    const auto emp = first(*dbs[0], "SELECT id, office_id, position_id FROM employees WHERE archived = 0 ORDER BY id LIMIT 1");
    const auto post = first(*dbs[1], "SELECT id, office_id, name FROM positions WHERE is_head = 0 ORDER BY id LIMIT 1");
    const std::string request_id = new_uuid_v7(), proposed = new_uuid_v7(), approved = new_uuid_v7();
    json request = {{"number", workflow::request_number(request_id)}, {"employee_id", emp[0]}, {"office_id", emp[1]},
                    {"from_position_id", emp[2]}, {"to_office_id", post[1]}, {"to_positions", json::array({post[0]}).dump()},
                    {"to_instansi", "Instansi B"}, {"kind", "antar_instansi"}, {"reason", "mengikuti_suami_istri"},
                    {"explanation", "uji"}, {"status", "diajukan"}, {"status_ms", 1}, {"created_by", "bkpsdm.b"},
                    {"created_ms", 1}};
    auto event = [&](int64_t ordinal, const std::string& cmd, const std::string& from, const std::string& to,
                     const std::string& actor) {
        return json{{"request_id", request_id}, {"ordinal", ordinal}, {"office_id", emp[1]}, {"to_office_id", post[1]},
                    {"employee_id", emp[0]}, {"command", cmd}, {"from_status", from}, {"to_status", to},
                    {"actor", actor}, {"actor_role", "bkpsdm"}, {"at_ms", ordinal}, {"note", ""}};
    };
    // The receiving instansi (B) forwards its proposal.
    REQUIRE(push(st, b, json::array({workflow_upsert(1, "requests", request_id, request),
                                     workflow_upsert(2, "request_events", proposed,
                                                     event(1, "submit", "draf", "diajukan", "bkpsdm.b"))}))["_status"] == 200);
    // The sending instansi (A) finds it in its pull (its employee), with the timeline; its checksum is still its own.
    json checksum;
    const auto pulled_a = pull_all(st, a, 500, &checksum);
    REQUIRE(pulled_a.count({"requests", request_id}) == 1);
    CHECK(pulled_a.at({"requests", request_id})["status"] == "diajukan");
    CHECK(pulled_a.count({"request_events", proposed}) == 1);
    CHECK(checksum == sync::local_checksum(*dbs[0]).to_json());
    // A third instansi sees nothing of it.
    const auto pulled_c = pull_all(st, c, 500);
    CHECK(pulled_c.count({"requests", request_id}) == 0);
    CHECK(pulled_c.count({"request_events", proposed}) == 0);

    // A approves (its server took the step) and forwards the row and its event:
    // B's pull after its cursor carries A's state of the request.
    int64_t cursor_b = json::parse(st.pull(b, 0, 5000).text)["cursor"];
    request["status"] = "disetujui_unit_asal";
    REQUIRE(push(st, a, json::array({workflow_upsert(1, "requests", request_id, request),
                                     workflow_upsert(2, "request_events", approved,
                                                     event(2, "approve", "diajukan", "disetujui_unit_asal", "bkpsdm.a"))}))
                ["_status"] == 200);
    const json page = json::parse(st.pull(b, cursor_b, 5000).text);
    std::map<std::string, json> latest;  // applied in seq order, as a replica does
    for (const auto& ch : page["changes"]) latest[ch["t"].get<std::string>() + "/" + ch["id"].get<std::string>()] = ch["row"];
    REQUIRE(latest.count("requests/" + request_id) == 1);
    CHECK(latest.at("requests/" + request_id)["status"] == "disetujui_unit_asal");
    CHECK(latest.count("request_events/" + approved) == 1);
    // Both sides now hold the same timeline.
    auto timeline = [&](const sync::Principal& who) {
        std::set<std::string> ids;
        for (const auto& [key, row] : pull_all(st, who, 500))
            if (key.first == "request_events" && row["request_id"] == request_id) ids.insert(key.second);
        return ids;
    };
    CHECK(timeline(a) == std::set<std::string>{proposed, approved});
    CHECK(timeline(b) == timeline(a));
    CHECK(timeline(c).empty());

    // Two instansi claiming the same person: B's record of the incoming employee
    // (same NIP) arrives before A archived its own. The claims view shows it,
    // with the move in flight; once A's record is archived (the move took
    // effect) the claim is gone.
    CHECK(st.claims({})["total"] == 0);
    // B's copy of the person: A's record in B's office and post.
    const store::TableSpec& et = *store::find_table("employees");
    json person = json::object();
    {
        std::string sql = "SELECT id";
        for (const auto& col : et.columns) sql += ", " + col;
        auto q = dbs[0]->prepare(sql + " FROM employees WHERE id = ?1");
        q.bind(1, emp[0]);
        REQUIRE(q.step());
        for (size_t k = 0; k < et.columns.size(); ++k) person[et.columns[k]] = q.json_value(static_cast<int>(k + 1));
    }
    const std::string nip = person["nip"];
    person["office_id"] = post[1];
    person["position_id"] = post[0];
    const std::string incoming = new_uuid_v7();
    const json pushed = push(st, b, json::array({workflow_upsert(3, "employees", incoming, person)}));
    REQUIRE(pushed["_status"] == 200);
    REQUIRE_MESSAGE(pushed["results"][0]["status"] == "applied", pushed.dump());
    const json cl = st.claims({});
    REQUIRE(cl["total"] == 1);
    REQUIRE(cl["claims"].size() == 1);
    CHECK(cl["claims"][0]["nip"] == nip);
    CHECK(cl["claims"][0]["in_flight"] == true);
    REQUIRE(cl["claims"][0]["holders"].size() == 2);
    {  // the Nasional screen's reading of the same answer
        const auto screen = app::parse_national_claims(cl.dump());
        REQUIRE(screen);
        REQUIRE(screen->claims.size() == 1);
        CHECK(screen->claims[0].nip == nip);
        CHECK(screen->claims[0].in_flight);
        REQUIRE(screen->claims[0].holders.size() == 2);
        int with_request = 0;
        for (const auto& h : screen->claims[0].holders) with_request += h.request_status == "disetujui_unit_asal";
        CHECK(with_request == 1);
    }
    for (const auto& h : cl["claims"][0]["holders"]) {
        if (h["instansi"] == roots[0]) {
            CHECK(h["employee_id"] == emp[0]);
            REQUIRE(h["request"].is_object());
            CHECK(h["request"]["status"] == "disetujui_unit_asal");
            CHECK(h["request"]["written_by"] == roots[0]);
        } else {
            CHECK(h["instansi"] == roots[1]);
            CHECK(h["employee_id"] == incoming);
        }
    }
    REQUIRE(push(st, a, json::array({{{"counter", 3}, {"hlc", sync::make_hlc(sync::now_ms(), 0)},
                                      {"schema", store::latest_schema_version()}, {"table", "employees"},
                                      {"row", emp[0]}, {"op", "upsert"}, {"base", 1}, {"fields", {{"archived", 1}}}}}))
                ["_status"] == 200);
    CHECK(st.claims({})["total"] == 0);
}

TEST_CASE("between instansi: the lookup by NIP answers one active employee of another instansi, never a list") {
    national::NationalStore st(fresh_database("nat_person"));
    Federation fed = seed_federation(st, 3, 40, 190);
    auto& dbs = fed.dbs;
    auto& roots = fed.roots;
    auto q = dbs[0]->prepare(
        "SELECT e.id, e.nip, e.name, e.golongan, e.office_id, o.name, e.position_id, p.name FROM employees e "
        "JOIN offices o ON o.id = e.office_id JOIN positions p ON p.id = e.position_id WHERE e.archived = 0 ORDER BY e.id LIMIT 1");
    REQUIRE(q.step());
    const std::string id = q.text(0), nip = q.text(1);
    auto hits = national::people_by_nip(st, nip, 4);
    REQUIRE(hits.size() == 1);
    const auto& h = hits[0];
    CHECK(h.instansi == roots[0]);
    CHECK(h.instansi_name == "Instansi A");
    CHECK(h.employee_id == id);
    CHECK(h.nip == nip);
    CHECK(h.name == q.text(2));
    CHECK(h.golongan == q.text(3));
    CHECK(h.office_id == q.text(4));
    CHECK(h.office_name == q.text(5));
    CHECK(h.position_id == q.text(6));
    CHECK(h.position_name == q.text(7));
    // B asks: the one person; A asks about its own employee: not a move between instansi.
    auto r = national::person_answer(hits, roots[1]);
    CHECK(r.status == 200);
    CHECK(r.body["person"]["employee_id"] == id);
    CHECK(r.body["person"]["office_name"] == q.text(5));
    r = national::person_answer(hits, roots[0]);
    CHECK(r.status == 409);
    CHECK(r.body["error"]["code"] == "national.person_own_instansi");
    // A valid NIP nobody holds.
    CHECK(national::people_by_nip(st, "196608011988031999", 4).empty());
    r = national::person_answer(national::people_by_nip(st, "196608011988031999", 4), roots[1]);
    CHECK(r.status == 404);
    CHECK(r.body["error"]["code"] == "national.person_not_found");
    // The same NIP active in C too (an error or a move in flight): B gets no list and no guess.
    auto c_emp = dbs[2]->prepare("SELECT id FROM employees WHERE archived = 0 ORDER BY id LIMIT 1");
    REQUIRE(c_emp.step());
    const std::string c_id = c_emp.text(0);
    {
        std::lock_guard lock(st.mu());
        st.pg().query("UPDATE employees SET nip = $1 WHERE instansi = $2 AND id = $3", {nip, roots[2], c_id});
    }
    hits = national::people_by_nip(st, nip, 4);
    REQUIRE(hits.size() == 2);
    r = national::person_answer(hits, roots[1]);
    CHECK(r.status == 409);
    CHECK(r.body["error"]["code"] == "national.person_ambiguous");
    CHECK(national::person_answer(hits, roots[0]).body["person"]["employee_id"] == c_id);  // (A: the other holder)
    // An archived record is no longer found (the sending side's exit at the TMT).
    {
        std::lock_guard lock(st.mu());
        st.pg().query("UPDATE employees SET archived = 1 WHERE instansi = $1 AND id = $2", {roots[0], id});
    }
    hits = national::people_by_nip(st, nip, 4);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].employee_id == c_id);
}

TEST_CASE("schema: a national store created before shared migration 11 gains the request's snapshot columns") {
    const std::string url = fresh_database("nat_upgrade");
    { national::NationalStore st(url); }
    {
        national::Pg pg(url);
        pg.exec("ALTER TABLE requests DROP COLUMN from_instansi, DROP COLUMN employee_nip, DROP COLUMN employee_name");
        CHECK(pg.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'requests' "
                       "AND column_name IN ('from_instansi', 'employee_nip', 'employee_name')")
                  .int64(0, 0) == 0);
    }
    national::NationalStore st(url);  // (brings the schema up to date)
    national::Pg pg(url);
    CHECK(pg.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'requests' "
                   "AND column_name IN ('from_instansi', 'employee_nip', 'employee_name') AND data_type = 'text'")
              .int64(0, 0) == 3);
}

TEST_CASE("between instansi: pusat's pertimbangan teknis is a workflow step on the PostgreSQL tier, handed down to both sides") {
    national::NationalStore st(fresh_database("nat_advise"));
    Federation fed = seed_federation(st, 2, 40, 190);
    auto& dbs = fed.dbs;
    auto& roots = fed.roots;
    const sync::Principal a{"u-a", "instansi.a", "A", "instansi", roots[0], "", "dev-a"};
    const sync::Principal b{"u-b", "instansi.b", "B", "instansi", roots[1], "", "dev-b"};
    const sync::Principal pusat{"u-p", "pusat.bkn", "BKN", "pusat", "", "", "dev-p"};
    BetweenMove move = between_move(fed);
    const auto& emp = move.emp;
    const auto& post = move.post;
    const std::string& id = move.id;
    json& request = move.request;
    auto event = [&](auto&&... a) { return move.event(a...); };
    const std::string e1 = new_uuid_v7(), e2 = new_uuid_v7(), e3 = new_uuid_v7();
    REQUIRE(push(st, b, json::array({workflow_upsert(1, "requests", id, request),
                                     workflow_upsert(2, "request_events", e1, event(1, "create", "", "draf", "bkpsdm.b")),
                                     workflow_upsert(3, "request_events", e2,
                                                     event(2, "submit", "draf", "diajukan", "bkpsdm.b"))}))["_status"] == 200);
    auto command = [&](int64_t counter, const std::string& cmd, const std::string& expect, const json& args) {
        return json{{"counter", counter}, {"hlc", sync::make_hlc(sync::now_ms(), 0)}, {"schema", store::latest_schema_version()},
                    {"table", "requests"}, {"row", id}, {"op", "command"}, {"command", cmd}, {"expect", expect},
                    {"base", 0}, {"args", args}};
    };
    // Before the sending side approved: the graph refuses BKN's step; an instansi runs no step here.
    json r = push(st, pusat, json::array({command(1, "advise", "diajukan", json::object())}));
    REQUIRE(r["_status"] == 200);
    CHECK(r["results"][0]["status"] == "rejected");
    CHECK(r["results"][0]["reason"] == "workflow.bad_transition");
    CHECK(st.awaiting_advice({})["total"] == 0);  // not yet approved by the sending side
    r = push(st, a, json::array({command(4, "approve", "diajukan", json::object())}));
    CHECK(r["results"][0]["reason"] == "command.unknown");
    // A approved (its server took the step and forwarded the rows).
    request["status"] = "disetujui_unit_asal";
    REQUIRE(push(st, a, json::array({workflow_upsert(5, "requests", id, request),
                                     workflow_upsert(6, "request_events", e3,
                                                     event(3, "approve", "diajukan", "disetujui_unit_asal", "bkpsdm.a"))}))
                ["_status"] == 200);
    int64_t cursor_a = json::parse(st.pull(a, 0, 5000).text)["cursor"];
    int64_t cursor_b = json::parse(st.pull(b, 0, 5000).text)["cursor"];
    // BKN's list of requests waiting for its advice (the Nasional screen): this one, from A to B, once
    // (A's approval and B's proposal are two copies of the row; the latest counts).
    {
        const json waiting = st.awaiting_advice({});
        REQUIRE(waiting["total"] == 1);
        REQUIRE(waiting["requests"].size() == 1);
        const json& w = waiting["requests"][0];
        CHECK(w["id"] == id);
        CHECK(w["number"] == request["number"]);
        CHECK(w["employee_nip"] == "198503152010011001");
        CHECK(w["from_instansi_name"] == "Instansi A");
        CHECK(w["to_instansi_name"] == "Instansi B");
        CHECK(w["reason"] == "mengikuti_suami_istri");
        const auto screen = app::parse_national_advice(waiting.dump());
        REQUIRE(screen);
        REQUIRE(screen->requests.size() == 1);
        CHECK(screen->requests[0].name == "Budi");
        CHECK(screen->requests[0].to_instansi == "Instansi B");
    }
    // A state BKN did not see: refused, nothing written.
    r = push(st, pusat, json::array({command(2, "advise", "diajukan", json::object())}));
    CHECK(r["results"][0]["reason"] == "workflow.state_changed");
    const std::string advice = new_uuid_v7();
    r = push(st, pusat, json::array({command(3, "advise", "disetujui_unit_asal", {{"note", "Memenuhi syarat"}, {"event_id", advice}})}));
    REQUIRE(r["_status"] == 200);
    REQUIRE_MESSAGE(r["results"][0]["status"] == "applied", r.dump());
    CHECK(st.awaiting_advice({})["total"] == 0);  // advised: off BKN's list
    // The same command again: its first answer (idempotent).
    r = push(st, pusat, json::array({command(3, "advise", "disetujui_unit_asal", {{"note", "Memenuhi syarat"}, {"event_id", advice}})}));
    CHECK(r["results"][0]["status"] == "duplicate");
    // Both sides' next pulls carry the new state and BKN's event, once.
    for (const auto& [who, cursor] : {std::pair{a, cursor_a}, std::pair{b, cursor_b}}) {
        const json page = json::parse(st.pull(who, cursor, 5000).text);
        std::map<std::string, json> latest;
        int advise_events = 0;
        for (const auto& ch : page["changes"]) {
            latest[ch["t"].get<std::string>() + "/" + ch["id"].get<std::string>()] = ch["row"];
            if (ch["t"] == "request_events" && ch["row"]["command"] == "advise") ++advise_events;
        }
        REQUIRE(latest.count("requests/" + id) == 1);
        CHECK(latest.at("requests/" + id)["status"] == "pertimbangan_teknis");
        CHECK(latest.at("requests/" + id)["employee_nip"] == "198503152010011001");
        REQUIRE(latest.count("request_events/" + advice) == 1);
        CHECK(latest.at("request_events/" + advice)["ordinal"] == 4);
        CHECK(latest.at("request_events/" + advice)["actor"] == "pusat.bkn");
        CHECK(latest.at("request_events/" + advice)["note"] == "Memenuhi syarat");
        CHECK(advise_events == 1);
    }
    // Both timelines: the same four events.
    auto timeline = [&](const sync::Principal& who) {
        std::set<std::string> ids;
        for (const auto& [key, row] : pull_all(st, who, 500))
            if (key.first == "request_events" && row["request_id"] == id) ids.insert(key.second);
        return ids;
    };
    CHECK(timeline(a) == std::set<std::string>{e1, e2, e3, advice});
    CHECK(timeline(b) == timeline(a));
}

TEST_CASE("between instansi: steps taken at once on both sides; the centre takes the first and refuses the stale one with its events (PostgreSQL)") {
    national::NationalStore st(fresh_database("nat_stale"));
    Federation fed = seed_federation(st, 2, 40, 230);
    auto& dbs = fed.dbs;
    auto& roots = fed.roots;
    const sync::Principal a{"u-a", "instansi.a", "A", "instansi", roots[0], "", "dev-a"};
    const sync::Principal b{"u-b", "instansi.b", "B", "instansi", roots[1], "", "dev-b"};
    const sync::Principal pusat{"u-p", "pusat.bkn", "BKN", "pusat", "", "", "dev-p"};
    BetweenMove move = between_move(fed);
    const auto& emp = move.emp;
    const auto& post = move.post;
    const std::string& id = move.id;
    json& request = move.request;
    auto event = [&](auto&&... a) { return move.event(a...); };
    const std::string e1 = new_uuid_v7(), e2 = new_uuid_v7(), approve = new_uuid_v7(), cancel = new_uuid_v7();
    REQUIRE(push(st, b, json::array({workflow_upsert(1, "requests", id, request),
                                     workflow_upsert(2, "request_events", e1, event(1, "create", "", "draf")),
                                     workflow_upsert(3, "request_events", e2, event(2, "submit", "draf", "diajukan"))}))
                ["_status"] == 200);
    // Every page of a side's pull after a cursor (rows by "table/id"), and the last cursor.
    auto pulled_after = [&](const sync::Principal& who, int64_t cursor, int64_t* last = nullptr) {
        std::map<std::string, json> latest;
        for (int pages = 0; pages < 1000; ++pages) {
            const json page = json::parse(st.pull(who, cursor, 5000).text);
            for (const auto& ch : page["changes"])
                latest[ch["t"].get<std::string>() + "/" + ch["id"].get<std::string>()] = ch["row"];
            cursor = page["cursor"];
            if (!page["more"].get<bool>()) break;
        }
        if (last) *last = cursor;
        return latest;
    };
    int64_t cursor_a = 0, cursor_b = 0;
    pulled_after(a, 0, &cursor_a);
    pulled_after(b, 0, &cursor_b);
    // A approves and B withdraws, each on its own copy at Diajukan; A's forward arrives first.
    json approved = request, cancelled = request;
    approved["status"] = "disetujui_unit_asal";
    cancelled["status"] = "dibatalkan";
    const json from_a = json::array({workflow_upsert(5, "requests", id, approved),
                                     workflow_upsert(6, "request_events", approve,
                                                     event(3, "approve", "diajukan", "disetujui_unit_asal"))});
    json r = push(st, a, from_a);
    REQUIRE(r["_status"] == 200);
    CHECK(r["results"][0]["status"] == "applied");
    CHECK(r["results"][1]["status"] == "applied");
    // B's forward: its row (alone in this batch, named from the state B saw) and then its event alone.
    json row_b = workflow_upsert(7, "requests", id, {{"status", "dibatalkan"}});
    row_b["fields"] = {{"status", "dibatalkan"}};
    row_b["old"] = {{"status", "diajukan"}};
    r = push(st, b, json::array({row_b}));
    REQUIRE(r["_status"] == 200);
    CHECK(r["results"][0]["status"] == "rejected");
    CHECK(r["results"][0]["reason"] == "workflow.state_changed");
    CHECK(r["results"][0]["detail"] == "disetujui_unit_asal");
    // (The row the centre holds comes back, so B's replica puts its copy back to it.)
    CHECK(r["results"][0]["row"]["status"] == "disetujui_unit_asal");
    CHECK(r["results"][0]["row"]["employee_nip"] == "198503152010011001");
    const json event_b = json::array({workflow_upsert(8, "request_events", cancel, event(3, "cancel", "diajukan", "dibatalkan"))});
    r = push(st, b, event_b);
    CHECK(r["results"][0]["reason"] == "workflow.state_changed");
    CHECK(r["results"][0]["row"].is_null());
    // The whole row and its event in one batch (the other way B's server may send them): refused too.
    r = push(st, b, json::array({workflow_upsert(9, "requests", id, cancelled),
                                 workflow_upsert(10, "request_events", cancel, event(3, "cancel", "diajukan", "dibatalkan"))}));
    CHECK(r["results"][0]["reason"] == "workflow.state_changed");
    CHECK(r["results"][1]["reason"] == "workflow.state_changed");
    // Re-sent: the first answers, nothing applied.
    r = push(st, b, event_b);
    CHECK(r["results"][0]["status"] == "duplicate");
    r = push(st, a, from_a);
    CHECK(r["results"][0]["status"] == "duplicate");
    CHECK(r["results"][1]["status"] == "duplicate");
    CHECK(count_rows(st, "SELECT count(*) FROM request_events WHERE request_id = $1", {id}) == 3);
    CHECK(count_rows(st, "SELECT count(*) FROM request_events WHERE id = $1", {cancel}) == 0);
    CHECK(count_rows(st, "SELECT count(*) FROM requests WHERE id = $1 AND status = 'dibatalkan'", {id}) == 0);
    // Both sides' pulls: A's approval, never B's withdrawal.
    for (const auto& [who, cursor] : {std::pair{a, cursor_a}, std::pair{b, cursor_b}}) {
        const std::map<std::string, json> latest = pulled_after(who, cursor);
        CHECK(latest.at("requests/" + id)["status"] == "disetujui_unit_asal");
        CHECK(latest.count("request_events/" + approve) == 1);
        CHECK(latest.count("request_events/" + cancel) == 0);
    }
    // [pusat's return/reject] BKN returns it to the sender for correction: a reason is required; the
    // step is handed down to both sides like its advice.
    auto command = [&](int64_t counter, const std::string& cmd, const std::string& expect, const json& args) {
        return json{{"counter", counter}, {"hlc", sync::make_hlc(sync::now_ms(), 0)}, {"schema", store::latest_schema_version()},
                    {"table", "requests"}, {"row", id}, {"op", "command"}, {"command", cmd}, {"expect", expect},
                    {"base", 0}, {"args", args}};
    };
    int64_t before_a = 0, before_b = 0;
    pulled_after(a, 0, &before_a);
    pulled_after(b, 0, &before_b);
    r = push(st, pusat, json::array({command(1, "return", "disetujui_unit_asal", {{"event_id", new_uuid_v7()}})}));
    CHECK(r["results"][0]["reason"] == "workflow.note_required");
    const std::string back = new_uuid_v7();
    r = push(st, pusat, json::array({command(2, "return", "disetujui_unit_asal",
                                             {{"note", "Lengkapi SKP dua tahun"}, {"event_id", back}})}));
    REQUIRE_MESSAGE(r["results"][0]["status"] == "applied", r.dump());
    for (const auto& [who, cursor] : {std::pair{a, before_a}, std::pair{b, before_b}}) {
        const std::map<std::string, json> latest = pulled_after(who, cursor);
        REQUIRE(latest.count("requests/" + id) == 1);
        CHECK(latest.at("requests/" + id)["status"] == "dikembalikan");
        REQUIRE(latest.count("request_events/" + back) == 1);
        CHECK(latest.at("request_events/" + back)["command"] == "return");
        CHECK(latest.at("request_events/" + back)["note"] == "Lengkapi SKP dua tahun");
        CHECK(latest.at("request_events/" + back)["ordinal"] == 4);
    }
    // Off BKN's list; a stale reject (BKN's screen still at Disetujui unit asal) is refused.
    CHECK(st.awaiting_advice({})["total"] == 0);
    r = push(st, pusat, json::array({command(3, "reject", "disetujui_unit_asal", {{"note", "Tidak memenuhi"}, {"event_id", new_uuid_v7()}})}));
    CHECK(r["results"][0]["reason"] == "workflow.state_changed");
}

TEST_CASE("between instansi: the PostgreSQL claims view after both TMT runs — listed while only the receiving side entered the person, gone once the sending side archived") {
    national::NationalStore st(fresh_database("nat_tmt_claims"));
    Federation fed = seed_federation(st, 2, 40, 260);
    auto& dbs = fed.dbs;
    auto& roots = fed.roots;
    const sync::Principal a{"u-a", "instansi.a", "A", "instansi", roots[0], "", "dev-a"};
    const sync::Principal b{"u-b", "instansi.b", "B", "instansi", roots[1], "", "dev-b"};
    auto first = [](store::Db& db, const std::string& sql) {
        auto q = db.prepare(sql);
        REQUIRE(q.step());
        return std::array<std::string, 4>{q.text(0), q.text(1), q.text(2), q.text(3)};
    };
    const auto emp = first(*dbs[0], "SELECT id, office_id, position_id, nip FROM employees WHERE archived = 0 AND "
                                    "golongan <> '' ORDER BY id LIMIT 1");
    const auto post = first(*dbs[1], "SELECT id, office_id, name, '' FROM positions WHERE is_head = 0 ORDER BY id LIMIT 1");
    const auto person = store::get_employee(*dbs[0], emp[0]);
    REQUIRE(person);
    // The decided move as each side holds it (Ditetapkan, TMT 1 July 2026): the rows its steps left.
    const std::string id = new_uuid_v7();
    const json request = {{"number", workflow::request_number(id)}, {"employee_id", emp[0]}, {"office_id", emp[1]},
                          {"from_position_id", emp[2]}, {"to_office_id", post[1]},
                          {"to_positions", json::array({post[0]}).dump()}, {"to_instansi", "Instansi B"},
                          {"kind", "antar_instansi"}, {"reason", "mengikuti_suami_istri"}, {"explanation", "uji"},
                          {"status", "ditetapkan"}, {"status_ms", 1}, {"created_by", "bkpsdm.b"}, {"created_ms", 1},
                          {"sk_number", "800/1/BKPSDM/2026"}, {"sk_date", "2026-06-01"}, {"tmt", "2026-07-01"},
                          {"from_instansi", roots[0]}, {"employee_nip", emp[3]}, {"employee_name", person->name},
                          {"employee_golongan", person->golongan}};
    for (auto& db : dbs) store::write_row(*db, *store::find_table("requests"), id, request);
    // What an instansi server forwards after its TMT run: the rows of these tables, whole (the centre keeps
    // the last); placements are insert-only, so only the new ones.
    std::set<std::string> placed;
    for (auto& db : dbs) {
        auto q = db->prepare("SELECT id FROM placements");
        while (q.step()) placed.insert(q.text(0));
    }
    int64_t counter = 1000;
    auto forward = [&](store::Db& db, const sync::Principal& who, const std::vector<std::string>& tables) {
        json ms = json::array();
        for (const auto& name : tables) {
            const store::TableSpec& t = *store::find_table(name);
            auto q = db.prepare(store::facts(t).select_all);
            while (q.step()) {
                if (name == "placements" && !placed.insert(q.text(0)).second) continue;
                json fields = json::object();
                for (size_t k = 0; k < t.columns.size(); ++k) fields[t.columns[k]] = q.json_value(static_cast<int>(k + 1));
                ms.push_back(workflow_upsert(counter++, name, q.text(0), fields));
            }
        }
        const json r = push(st, who, ms);
        REQUIRE(r["_status"] == 200);
        for (const auto& x : r["results"]) REQUIRE_MESSAGE(x["status"] == "applied", x.dump());
    };
    forward(*dbs[1], b, {"requests"});
    CHECK(st.claims({})["total"] == 0);
    // The receiving side runs first: its new record of the person (same NIP), the placement, Selesai.
    auto rep = workflow::apply_effective(*dbs[1], {2026, 7, 1}, 3'000'000);
    REQUIRE(rep.failed.empty());
    REQUIRE(rep.applied == 1);
    forward(*dbs[1], b, {"employees", "requests", "request_events", "placements"});
    json cl = st.claims({});
    REQUIRE(cl["total"] == 1);
    REQUIRE(cl["claims"].size() == 1);
    CHECK(cl["claims"][0]["nip"] == emp[3]);
    REQUIRE(cl["claims"][0]["holders"].size() == 2);
    std::set<std::string> holders;
    for (const auto& h : cl["claims"][0]["holders"]) holders.insert(h["instansi"].get<std::string>());
    CHECK(holders == std::set<std::string>{roots[0], roots[1]});
    // The sending side's run: its record archived as moved to another instansi; forwarded, the claim is gone.
    rep = workflow::apply_effective(*dbs[0], {2026, 7, 1}, 3'000'000);
    REQUIRE(rep.failed.empty());
    REQUIRE(rep.applied == 1);
    forward(*dbs[0], a, {"employees", "placements"});
    CHECK(st.claims({})["total"] == 0);
    CHECK(count_rows(st, "SELECT count(*) FROM employees WHERE nip = $1 AND archived = 0", {emp[3]}) == 1);
    CHECK(count_rows(st, "SELECT count(*) FROM employees WHERE nip = $1 AND archived = 0 AND instansi = $2",
                     {emp[3], roots[1]}) == 1);
    // Both runs again, forwarded again: nothing doubled, no claim.
    CHECK(workflow::apply_effective(*dbs[1], {2026, 7, 2}, 4'000'000).applied == 0);
    CHECK(workflow::apply_effective(*dbs[0], {2026, 7, 2}, 4'000'000).applied == 0);
    forward(*dbs[1], b, {"employees", "placements"});
    forward(*dbs[0], a, {"employees", "placements"});
    CHECK(st.claims({})["total"] == 0);
    CHECK(count_rows(st, "SELECT count(*) FROM employees WHERE nip = $1", {emp[3]}) == 2);  // (A's archived, B's active)
}

// A request row as the instansi server holds it after its steps (the views
// read rows; the steps themselves are the workflow's tests).
struct FixtureRequest {
    std::string status, kind, reason, sk_date;
    int64_t created_ms = 0, status_ms = 0;
};

// The month (YYYY-MM) of an instant in WIB, the instansi servers' calendar.
std::string wib_month(int64_t ms) { return format_iso_date(utc_date(ms / 1000 + 7 * 3600)).substr(0, 7); }

TEST_CASE("national views: transfers per period and the I-MUT export agree with each instansi's own rows") {
    national::NationalStore st(fresh_database("nat_views"));
    demo::NipRegistry nips;
    const std::string from = "2026-01-01", to = "2026-12-31";
    // Expected counts per (period, kind, reason) → filed, decided, rejected; per instansi the same plus open.
    std::map<std::tuple<std::string, std::string, std::string>, std::array<int64_t, 3>> expected;
    std::map<std::string, std::array<int64_t, 4>> per_instansi;
    std::vector<std::unique_ptr<store::Db>> dbs;
    std::vector<std::string> roots, names;
    const char* statuses[] = {"draf", "diajukan", "ditetapkan", "selesai", "ditolak", "dibatalkan", "disetujui_unit_asal"};
    const char* kinds[] = {"atas_permintaan_sendiri", "dinas", "antar_instansi"};
    const char* reasons[] = {"kesehatan", "mengikuti_suami_istri", "kebutuhan_organisasi", "lainnya"};
    const int64_t day = 86400000;
    const int64_t jan1_utc = 1767225600000;  // 2026-01-01T00:00:00Z
    for (int k = 0; k < 2; ++k) {
        auto db = std::make_unique<store::Db>(":memory:");
        store::migrate(*db);
        demo::SyntheticParams p;
        p.kecamatan = 2;
        p.kelurahan = 5;
        p.employees = 300 + 100 * k;
        p.seed = 41 + static_cast<uint64_t>(k);
        p.nips = &nips;
        p.root_name = "Instansi Mutasi " + std::to_string(k + 1);
        const auto stats = demo::seed_synthetic(*db, p);
        auto emp = db->prepare("SELECT id, office_id, position_id FROM employees WHERE archived = 0 ORDER BY id LIMIT 60");
        auto pos = db->prepare("SELECT id, office_id FROM positions WHERE is_head = 0 ORDER BY id DESC LIMIT 60");
        std::vector<std::array<std::string, 3>> staff;
        std::vector<std::array<std::string, 2>> posts;
        while (emp.step()) staff.push_back({emp.text(0), emp.text(1), emp.text(2)});
        while (pos.step()) posts.push_back({pos.text(0), pos.text(1)});
        REQUIRE(staff.size() == 60);
        const int n = 45 + 10 * k;
        for (int j = 0; j < n; ++j) {
            FixtureRequest f;
            f.status = statuses[j % 7];
            f.kind = kinds[j % 3];
            f.reason = reasons[(j / 3) % 4];
            // Spread over 2025-12 … 2027-01, at 20:00 UTC: already the next day in WIB
            // (the last day of a month counts for the next month).
            f.created_ms = jan1_utc - 2 * day + static_cast<int64_t>(j) * 9 * day + 20 * 3600000;
            f.status_ms = f.created_ms + 3 * day;
            const bool decided = f.status == "ditetapkan" || f.status == "selesai";
            if (decided) f.sk_date = format_iso_date(utc_date(f.status_ms / 1000 + 7 * 3600));
            const auto& e = staff[static_cast<size_t>(j)];
            const auto& d = posts[static_cast<size_t>(j)];
            const std::string id = new_uuid_v7();
            json fields = {{"number", workflow::request_number(id)}, {"employee_id", e[0]}, {"office_id", e[1]},
                           {"from_position_id", e[2]}, {"to_office_id", d[1]},
                           {"to_positions", json::array({d[0]}).dump()}, {"to_instansi", j % 5 == 0 ? "Kota Lain" : ""},
                           {"kind", f.kind}, {"reason", f.reason}, {"explanation", "uji"}, {"status", f.status},
                           {"status_ms", f.status_ms}, {"created_by", "uji"}, {"created_ms", f.created_ms},
                           {"sk_number", decided ? "800/" + std::to_string(j + 1) + "/BKPSDM/2026" : ""},
                           {"sk_date", f.sk_date}, {"tmt", decided ? f.sk_date : ""}};
            store::write_row(*db, *store::find_table("requests"), id, fields, true);
            auto& inst = per_instansi[stats.root_office_id];
            auto in_period = [&](const std::string& date) { return date >= from && date <= to; };
            const std::string created_date = format_iso_date(utc_date(f.created_ms / 1000 + 7 * 3600));
            const std::string status_date = format_iso_date(utc_date(f.status_ms / 1000 + 7 * 3600));
            if (f.status != "draf" && in_period(created_date)) {
                ++expected[{wib_month(f.created_ms), f.kind, f.reason}][0];
                ++inst[0];
            }
            if (decided && in_period(f.sk_date)) {
                ++expected[{f.sk_date.substr(0, 7), f.kind, f.reason}][1];
                ++inst[1];
            }
            if (f.status == "ditolak" && in_period(status_date)) {
                ++expected[{wib_month(f.status_ms), f.kind, f.reason}][2];
                ++inst[2];
            }
            if (f.status == "diajukan" || f.status == "disetujui_unit_asal") ++inst[3];
        }
        national::copy_instansi(st, *db, stats.root_office_id, p.root_name, k == 0 ? "Sumatera Utara" : "Aceh");
        roots.push_back(stats.root_office_id);
        names.push_back(p.root_name);
        dbs.push_back(std::move(db));
    }

    const json t = st.transfers(from, to, "", {});
    std::map<std::tuple<std::string, std::string, std::string>, std::array<int64_t, 3>> got;
    for (const auto& r : t["periods"])
        got[{r["period"], r["kind"], r["reason"]}] = {r["filed"], r["decided"], r["rejected"]};
    CHECK(got == expected);
    CHECK(t["periods"].front()["period"] == "2026-01");  // 2025-12 stays out
    REQUIRE(t["instansi"].size() == 2);
    CHECK(t["instansi_total"] == 2);
    for (const auto& i : t["instansi"]) {
        const auto& e = per_instansi.at(i["instansi"]);
        CHECK(i["filed"] == e[0]);
        CHECK(i["decided"] == e[1]);
        CHECK(i["rejected"] == e[2]);
        CHECK(i["open"] == e[3]);
    }
    // One instansi alone; a page of one.
    const json one = st.transfers(from, to, roots[1], {});
    CHECK(one["totals"]["decided"] == per_instansi.at(roots[1])[1]);
    const json page = st.transfers(from, to, "", {1, 1});
    REQUIRE(page["instansi"].size() == 1);
    CHECK(page["instansi"][0]["instansi"] == t["instansi"][1]["instansi"]);
    // Past the last page: no rows, still the total.
    const json past = st.transfers(from, to, "", {10, 5});
    CHECK(past["instansi"].empty());
    CHECK(past["instansi_total"] == 2);
    national::RollupQuery rq;
    rq.page = {1, 9};
    const json roll = st.rollup(demo::kDemoYear, Settings{}, rq);
    CHECK(roll["instansi"].empty());
    CHECK(roll["instansi_total"] == 2);
    rq.province = "Aceh";
    rq.page = {10, 0};
    const json aceh = st.rollup(demo::kDemoYear, Settings{}, rq);
    REQUIRE(aceh["instansi"].size() == 1);
    CHECK(aceh["instansi"][0]["province"] == "Aceh");
    CHECK(aceh["instansi_total"] == 1);

    // The national I-MUT export of each instansi is exactly the instansi server's own.
    workflow::WorkflowSettings ws;
    const auto f = *parse_iso_date(from), l = *parse_iso_date(to);
    size_t lines = 0;
    for (size_t k = 0; k < roots.size(); ++k) {
        ws.instansi = names[k];
        const std::string local = workflow::imut_csv(*dbs[k], ws, roots[k], f, l);
        bool more = true;
        const std::string nat = st.imut_csv(ws, from, to, roots[k], {1000, 0}, more);
        CHECK_FALSE(more);
        CHECK(nat == local);
        lines += static_cast<size_t>(std::count(local.begin(), local.end(), '\n')) - 1;
        CHECK(local.find("Kota Lain") != std::string::npos);  // (the fixture covers a named destination)
    }
    REQUIRE(lines > 10);
    // All instansi in pages of 7: every move once, `more` until the last page.
    size_t seen = 0;
    for (int offset = 0;; offset += 7) {
        bool more = false;
        const std::string part = st.imut_csv(ws, from, to, "", {7, offset}, more);
        seen += static_cast<size_t>(std::count(part.begin(), part.end(), '\n')) - 1;
        if (!more) break;
        REQUIRE(offset < 10000);
    }
    CHECK(seen == lines);
}

TEST_CASE("seimbang-server serve --store: an instansi pushes and pulls over HTTP; only pusat reads the national roll-up") {
    const std::string url = fresh_database("nat_http");
    const std::string dir = itest::temp_dir();
    itest::ServerProcess server(dir + "/control.db", true, {"--store", url});
    // The instansi's account: Kota Medan's bkpsdm (its office is the root office).
    const std::string device = new_uuid_v7(), pusat_device = new_uuid_v7();  // (device ids are UUIDs)
    const auto login = itest::login(server.url(), "bkpsdm.medan", demo::kDemoPassword, device);
    REQUIRE(login.status == 200);
    const std::string token = login.body["token"];
    store::Db control(dir + "/control.db");
    const json ms = mutations_of(control, 1);  // the demo rows, as an instansi server sends them
    httplib::Client c(server.url());
    const httplib::Headers h = {{"Authorization", "Bearer " + token}, {"X-Device-Id", device}};
    auto res = c.Post("/api/v1/sync/push", h, json{{"device_id", device}, {"mutations", ms}}.dump(),
                      "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json answer = json::parse(res->body);
    for (const auto& r : answer["results"]) CHECK(r["status"] == "applied");
    res = c.Get("/api/v1/sync/pull?cursor=0&limit=5000", h);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(json::parse(res->body)["changes"].size() == ms.size());
    // The roll-up: 403 for the instansi's account, 200 for pusat.
    res = c.Get("/api/v1/national/abk?year=2026", h);
    REQUIRE(res);
    CHECK(res->status == 403);
    const auto pusat = itest::login(server.url(), "pusat.bkn", demo::kDemoPassword, pusat_device);
    REQUIRE(pusat.status == 200);
    res = c.Get("/api/v1/national/abk?year=2026",
                {{"Authorization", "Bearer " + pusat.body["token"].get<std::string>()}, {"X-Device-Id", pusat_device}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json nat = json::parse(res->body);
    REQUIRE(nat["instansi"].size() == 1);
    // The sign-in tells the client what to replicate: pusat reads these views
    // online (the Nasional screen) and copies nothing; the instansi account syncs.
    CHECK(login.body["user"]["online_only"] == false);
    CHECK(pusat.body["user"]["online_only"] == true);
    // The client's Nasional screen reads this answer with its own parser (client/app/national_parse.cpp).
    const auto screen_abk = app::parse_national_abk(res->body);
    REQUIRE(screen_abk);
    REQUIRE(screen_abk->instansi.size() == 1);
    CHECK(screen_abk->year == 2026);
    CHECK(screen_abk->instansi[0].id == nat["instansi"][0]["instansi"]);
    CHECK(screen_abk->instansi[0].f.holders == nat["instansi"][0]["holders"].get<long long>());
    CHECK(screen_abk->instansi[0].f.needed_rounded == nat["instansi"][0]["needed_rounded"].get<long long>());
    CHECK(screen_abk->instansi[0].f.positions_short == nat["instansi"][0]["positions_short"].get<long long>());
    CHECK(screen_abk->provinces.size() == nat["provinces"].size());
    REQUIRE(screen_abk->jabatan.size() == nat["jabatan"].size());
    CHECK_FALSE(screen_abk->jabatan.empty());
    CHECK(screen_abk->jabatan[0].shortage == nat["jabatan"][0]["shortage"].get<long long>());
    CHECK(screen_abk->jabatan_total == nat["jabatan_total"].get<long long>());
    const std::string root = nat["instansi"][0]["instansi"];
    const auto report = store::analyse_scope(control, root, 2026, store::load_settings(control));
    for (const auto& u : report.rollup) {
        if (u.unit != root) continue;
        CHECK(nat["instansi"][0]["holders"] == u.holders);
        CHECK(nat["instansi"][0]["needed_rounded"] == u.needed_rounded);
        CHECK(nat["instansi"][0]["positions_short"] == u.positions_short);
    }

    // The other national views: 403 for the instansi's account, bounded periods and pages, the CSV for pusat.
    const httplib::Headers ph = {{"Authorization", "Bearer " + pusat.body["token"].get<std::string>()},
                                 {"X-Device-Id", pusat_device}};
    res = c.Get("/api/v1/national/transfers?from=2026-01-01&to=2026-12-31", h);
    REQUIRE(res);
    CHECK(res->status == 403);
    res = c.Get("/api/v1/national/imut.csv?from=2026-01-01&to=2026-12-31", h);
    REQUIRE(res);
    CHECK(res->status == 403);
    res = c.Get("/api/v1/national/transfers?from=2020-01-01&to=2026-12-31", ph);
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body)["error"]["code"] == "export.bad_period");
    res = c.Get("/api/v1/national/abk?year=2026&limit=0", ph);
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body)["error"]["code"] == "national.bad_page");
    res = c.Get("/api/v1/national/transfers?from=2026-01-01&to=2026-12-31&limit=10", ph);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(json::parse(res->body).contains("periods"));
    const auto screen_moves = app::parse_national_transfers(res->body);
    REQUIRE(screen_moves);
    CHECK(screen_moves->from == "2026-01-01");
    CHECK(screen_moves->periods.size() == json::parse(res->body)["periods"].size());
    CHECK(screen_moves->filed == json::parse(res->body)["totals"]["filed"].get<long long>());
    res = c.Get("/api/v1/national/imut.csv?from=2026-01-01&to=2026-12-31", ph);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->body.rfind("nip,nama,", 0) == 0);
    CHECK_FALSE(res->has_header("X-Next-Offset"));
    res = c.Get("/api/v1/national/claims", h);
    REQUIRE(res);
    CHECK(res->status == 403);
    res = c.Get("/api/v1/national/claims?limit=5", ph);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(json::parse(res->body)["total"] == 0);
    const auto screen_claims = app::parse_national_claims(res->body);
    REQUIRE(screen_claims);
    CHECK(screen_claims->total == 0);
    CHECK(screen_claims->claims.empty());

    // The same views from the command line: pusat reads them; an instansi account is refused (exit 2).
    const std::string cli = SEIMBANG_CLI_BIN, pusat_db = dir + "/pusat.db", medan_db = dir + "/medan.db";
    REQUIRE(itest::run({cli, "--db", pusat_db, "login", "--server", server.url(), "--user", "pusat.bkn",
                        "--password-stdin"},
                       std::string(demo::kDemoPassword) + "\n") == 0);
    std::string out;
    REQUIRE(itest::run({cli, "--db", pusat_db, "national", "transfers", "--from", "2026-01-01", "--to", "2026-12-31"}, {},
                       &out) == 0);
    CHECK(json::parse(out).contains("periods"));
    out.clear();
    REQUIRE(itest::run({cli, "--db", pusat_db, "national", "abk", "--year", "2026", "--province", "Sumatera Utara"}, {},
                       &out) == 0);
    CHECK(json::parse(out)["instansi"].empty());  // (the control database names no province here)
    out.clear();
    REQUIRE(itest::run({cli, "--db", pusat_db, "national", "imut", "--from", "2026-01-01", "--to", "2026-12-31"}, {},
                       &out) == 0);
    CHECK(out.rfind("nip,nama,", 0) == 0);
    CHECK(itest::run({cli, "--db", pusat_db, "national", "transfers", "--from", "2026-13-01", "--to", "2026-12-31"}) == 2);
    REQUIRE(itest::run({cli, "--db", medan_db, "login", "--server", server.url(), "--user", "bkpsdm.medan",
                        "--password-stdin"},
                       std::string(demo::kDemoPassword) + "\n") == 0);
    CHECK(itest::run({cli, "--db", medan_db, "national", "claims"}) == 2);
}

// ---- Faults with real processes: an instansi server (the Marelan demo)
// forwarding with `serve --upstream` to a national server on PostgreSQL.
// Nothing lost or doubled is asserted on row sets and idempotency records.
namespace {

using namespace itest::upstream;

// A national server on PostgreSQL: its control database with Medan's account.
struct PgNational {
    std::string db, password_file, store;
    std::unique_ptr<itest::ServerProcess> proc;
    PgNational(const std::string& dir, const std::string& store_url, const std::string& root,
               std::vector<std::string> extra = {})
        : store(store_url) {
        db = dir + "/control.db";
        password_file = dir + "/upstream.pw";
        std::ofstream(password_file) << kPassword << "\n";
        std::string out;
        REQUIRE(itest::run({itest::server_bin(), "init", "--db", db}, {}, &out) == 0);
        REQUIRE(itest::run({itest::server_bin(), "national", "add-instansi", "--db", db, "--instansi", root, "--name",
                            "Pemerintah Kota Medan", "--user", "medan.upstream", "--password-file", password_file,
                            "--fast-hashes"},
                           {}, &out) == 0);
        extra.insert(extra.begin(), {"--store", store_url});
        proc = std::make_unique<itest::ServerProcess>(db, false, extra);
    }
    // Back on the same port (the instansi server's upstream URL names it), without test hooks.
    void restart(int port) { proc->start({"--store", store}, port); }
};

// The instansi's rows in PostgreSQL, in the shape of row_set() (same columns, by id).
json pg_row_set(const std::string& url, const std::string& root) {
    national::Pg pg(url);
    json all = json::object();
    for (const auto& t : store::synced_tables()) {
        if (t.name == "eval_snapshots") continue;
        std::string sql = "SELECT id";
        for (const auto& c : t.columns) sql += ", " + c;
        sql += " FROM " + t.name + " WHERE instansi = $1 ORDER BY id COLLATE \"C\"";
        national::PgResult r = pg.query(sql, {root});
        const auto& types = national::pg_types(t);
        json rows = json::array();
        for (int k = 0; k < r.rows(); ++k) {
            json row = {{"id", std::string(r.text(k, 0))}};
            for (size_t c = 0; c < t.columns.size(); ++c) {
                const int col = static_cast<int>(c + 1);
                if (r.null(k, col)) row[t.columns[c]] = nullptr;
                else if (types[c] == "bigint") row[t.columns[c]] = r.int64(k, col);
                else if (types[c] == "double precision") row[t.columns[c]] = r.real(k, col);
                else row[t.columns[c]] = std::string(r.text(k, col));
            }
            rows.push_back(std::move(row));
        }
        all[t.name] = std::move(rows);
    }
    return all;
}

// Waits until PostgreSQL holds exactly the instansi's rows.
bool pg_caught_up(const Instansi& i, const std::string& url, const std::string& root, int seconds) {
    for (int k = 0; k < seconds * 2; ++k) {
        if (row_set(i.db, root) == pg_row_set(url, root)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    return false;
}

// Every mutation the centre acknowledged is recorded there once, under the counter it was sent with.
void check_acknowledged_once(const Instansi& i, const std::string& url) {
    const std::string replica = i.db + ".upstream";
    const std::string device =
        itest::server_rows(replica, "SELECT value FROM local_meta WHERE key = 'sync.device_id'")[0]["value"];
    std::set<int64_t> sent, held;
    for (const auto& r : itest::server_rows(replica, "SELECT counter FROM sync_sent")) sent.insert(r["counter"].get<int64_t>());
    national::Pg pg(url);
    national::PgResult r = pg.query("SELECT u.c FROM nat_applied_batches b, unnest(b.counters) AS u(c) WHERE b.device_id = $1", {device});
    for (int k = 0; k < r.rows(); ++k) CHECK(held.insert(r.int64(k, 0)).second);  // (the key makes a double impossible; said anyway)
    CHECK(sent == held);
}

}  // namespace

TEST_CASE("faults (PostgreSQL): the national server down for a simulated day; the instansi and its offices keep editing; back, everything arrives once") {
    const std::string url = fresh_database("nat_fault_down");
    const std::string dir = itest::temp_dir();
    const std::string root = demo_root(dir);
    PgNational national(dir, url, root);
    Instansi instansi(dir, national.proc->url(), national.password_file);
    REQUIRE(pg_caught_up(instansi, url, root, 60));
    itest::SimOffice terjun(dir, "operator.terjun", instansi.proc->url());
    itest::SimOffice payapasir(dir, "operator.payapasir", instansi.proc->url());
    itest::SimOffice camat(dir, "camat.marelan", instansi.proc->url());
    for (auto* o : {&terjun, &payapasir, &camat}) REQUIRE(o->sync().ok);

    const int port = national.proc->port();
    national.proc->kill_hard();
    // The day without the centre, compressed: every forward (one a second) fails
    // while the offices and the kecamatan edit; each edit is acknowledged by the instansi.
    for (int k = 0; k < 8; ++k) {
        office_edit(terjun, k % 2 ? "S-2" : "D-IV", k);
        office_edit(payapasir, "S-3", k);
        office_edit(camat, k % 2 ? "S-1" : "S-2");  // (the kecamatan office holds one employee)
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
    }
    json st = instansi.status();
    CHECK(st["last_error"] == "network");
    CHECK(st["pending"].get<int64_t>() + st["unstaged_rows"].get<int64_t>() > 0);
    CHECK(pg_row_set(url, root) != row_set(instansi.db, root));  // (the centre missed the day)

    national.restart(port);
    st = settled(instansi, 90);
    CHECK(st["pending"] == 0);
    CHECK(st["unstaged_rows"] == 0);
    CHECK(st["rejected"] == 0);
    CHECK(st["last_error"] == "");
    CHECK(pg_caught_up(instansi, url, root, 10));
    check_acknowledged_once(instansi, url);
}

TEST_CASE("faults (PostgreSQL): the link cut (kill -9 of the national server) between commit and answer; the batch is re-sent, nothing doubled") {
    const std::string url = fresh_database("nat_fault_cut");
    const std::string dir = itest::temp_dir();
    const std::string root = demo_root(dir);
    // Every push answer waits after its commit: the kill lands between "applied" and "answered".
    PgNational national(dir, url, root, {"--test-pause-after-commit-ms", "400"});
    Instansi instansi(dir, national.proc->url(), national.password_file, 40);  // (438 rows: 11 batches)
    const int64_t total = itest::server_count(instansi.db, "SELECT count(*) FROM employees");
    bool mid = false;
    for (int k = 0; k < 400 && !mid; ++k) {
        const json rows = pg_row_set(url, root);
        const auto n = static_cast<int64_t>(rows["employees"].size());
        mid = n > 0 && n < total;
        if (!mid) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE_MESSAGE(mid, "the forward was not caught in the middle");
    const int port = national.proc->port();
    national.proc->kill_hard();
    national.restart(port);
    const json st = settled(instansi, 90);
    CHECK(st["pending"] == 0);
    CHECK(st["rejected"] == 0);
    CHECK(pg_caught_up(instansi, url, root, 10));
    check_acknowledged_once(instansi, url);
    // The batch committed but not answered before the kill was sent again and answered "duplicate".
    const int64_t duplicates = duplicates_in_log(instansi.db + ".log");
    MESSAGE("mutations answered duplicate after the cut: " << duplicates);
    CHECK(duplicates > 0);
}

TEST_CASE("faults (PostgreSQL): the instansi server restored from a file-level backup (database and replica): nothing the centre acknowledged is lost, new edits get new counters") {
    const std::string url = fresh_database("nat_fault_restore");
    const std::string dir = itest::temp_dir();
    const std::string root = demo_root(dir);
    PgNational national(dir, url, root);
    Instansi instansi(dir, national.proc->url(), national.password_file);
    REQUIRE(pg_caught_up(instansi, url, root, 60));
    REQUIRE(settled(instansi, 30)["pending"] == 0);
    itest::SimOffice terjun(dir, "operator.terjun", instansi.proc->url());  // (signed in before the backup)
    REQUIRE(terjun.sync().ok);
    const std::string replica = instansi.db + ".upstream";
    std::string out;
    instansi.proc->stop();
    REQUIRE(itest::run({itest::server_bin(), "backup", "--db", instansi.db, "--to", dir + "/backup.db"}, {}, &out) == 0);
    std::filesystem::copy_file(replica, dir + "/backup.db.upstream");
    instansi.proc->start(instansi.upstream_args(national.proc->url()), instansi.proc->port());

    office_edit(terjun, "S-3");  // after the backup: acknowledged by the instansi and by the centre
    REQUIRE(pg_caught_up(instansi, url, root, 30));
    REQUIRE(settled(instansi, 30)["pending"] == 0);
    const json acknowledged = pg_row_set(url, root);

    instansi.proc->stop();
    REQUIRE(itest::run({itest::server_bin(), "restore", "--db", instansi.db, "--from", dir + "/backup.db"}, {}, &out) == 0);
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(replica + suffix);
    std::filesystem::copy_file(dir + "/backup.db.upstream", replica, std::filesystem::copy_options::overwrite_existing);
    instansi.proc->start(instansi.upstream_args(national.proc->url()), instansi.proc->port());
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // (forwards of the restored instansi)
    CHECK(pg_row_set(url, root) == acknowledged);  // the centre lost nothing it acknowledged

    // The office re-sends what the backup lacks and edits again: both arrive.
    const auto rep = terjun.sync();
    REQUIRE_MESSAGE(rep.ok, rep.error);
    office_edit(terjun, "D-IV");
    CHECK(pg_caught_up(instansi, url, root, 60));
    const json st = settled(instansi, 30);
    CHECK(st["pending"] == 0);
    CHECK(st["rejected"] == 0);
}

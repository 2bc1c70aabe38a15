// The national tier on a real PostgreSQL (tests/national/with_postgres.sh
// starts one; SEIMBANG_PG_URL names it): intake of push batches, idempotency,
// partial updates, refusals, the pull of an instansi, the roll-up against the
// ABK engine, and the whole path through `seimbang-server serve --store`.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <map>
#include <set>

#include <httplib.h>

#include "demo/nips.h"
#include "demo/seed.h"
#include "harness.h"
#include "upstream_fixture.h"
#include "national/seed.h"
#include "national/store.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "store/schema.h"
#include "store/table_facts.h"
#include "sync/hlc.h"
#include "sync/rowhash.h"
#include "util/uuid.h"

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
    const std::string root = nat["instansi"][0]["instansi"];
    const auto report = store::analyse_scope(control, root, 2026, store::load_settings(control));
    for (const auto& u : report.rollup) {
        if (u.unit != root) continue;
        CHECK(nat["instansi"][0]["holders"] == u.holders);
        CHECK(nat["instansi"][0]["needed_rounded"] == u.needed_rounded);
        CHECK(nat["instansi"][0]["positions_short"] == u.positions_short);
    }
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
    national::PgResult r = pg.query("SELECT counter FROM nat_applied WHERE device_id = $1", {device});
    for (int k = 0; k < r.rows(); ++k) CHECK(held.insert(r.int64(k, 0)).second);  // (the key makes a double impossible; said anyway)
    CHECK(sent == held);
}

std::string demo_root(const std::string& dir) {
    std::string out;
    REQUIRE(itest::run({itest::server_bin(), "init", "--db", dir + "/probe.db", "--demo", "--fast-hashes"}, {}, &out) == 0);
    return root_of(dir + "/probe.db");
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
    int64_t duplicates = 0;
    std::ifstream log(instansi.db + ".log");
    for (std::string line; std::getline(log, line);) {
        const json j = json::parse(line, nullptr, false);
        if (j.is_object() && j.contains("upstream")) duplicates += j.value("duplicate", int64_t{0});
    }
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

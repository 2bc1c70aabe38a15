// Regression tests of issue 13 (hardening) for data, auth and scope: each
// TEST_CASE is named after the hole it closes and was run once against the
// unfixed server (SEIMBANG_TEST_SERVER_BIN) to see it fail.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <httplib.h>

#include "harness.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "util/uuid.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;

namespace {
httplib::Headers auth(const SimOffice& o) { return {{"Authorization", "Bearer " + o.token}, {"X-Device-Id", o.device}}; }
std::string code(const httplib::Result& r) {
    auto j = json::parse(r->body, nullptr, false);
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
}
std::string office_named(const ServerProcess& s, const std::string& name) {
    return server_rows(s.db_path(), "SELECT id FROM offices WHERE name = '" + name + "'")[0]["id"];
}
// One upsert mutation as a client would send it.
json upsert(int64_t counter, const std::string& table, const std::string& row, json fields, int64_t base = 0,
            int64_t schema = store::latest_schema_version()) {
    return {{"counter", counter}, {"hlc", (sync::now_ms() << 16)}, {"schema", schema}, {"base", base},
            {"table", table},     {"row", row},                    {"op", "upsert"},   {"fields", std::move(fields)}};
}
httplib::Result push(httplib::Client& c, const SimOffice& o, json mutations) {
    return c.Post("/api/v1/sync/push", auth(o), json{{"device_id", o.device}, {"mutations", std::move(mutations)}}.dump(),
                  "application/json");
}
std::string slurp(const std::string& path) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}
}  // namespace

TEST_CASE("hole 3: a rejected upsert never carries a row outside the caller's read scope") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice terjun(dir, "operator.terjun", srv.url());
    const std::string paya = office_named(srv, "Kelurahan Paya Pasir");
    json victim = server_rows(srv.db_path(), "SELECT * FROM employees WHERE office_id = '" + paya + "' LIMIT 1")[0];
    // A whole row (base 0, every column) for the Paya Pasir employee's id, with
    // Terjun as office and an unsupported schema.
    json fields = json::object();
    for (const auto& col : store::find_table("employees")->columns) fields[col] = victim[col];
    fields["office_id"] = terjun.office_id;
    fields["name"] = "x";
    httplib::Client c(srv.url());
    auto r = push(c, terjun, json::array({upsert(1, "employees", victim["id"], fields, 0, 999)}));
    REQUIRE(r);
    CHECK(r->body.find(victim["name"].get<std::string>()) == std::string::npos);
    CHECK(r->body.find(victim["nip"].get<std::string>()) == std::string::npos);
    CHECK(r->status == 403);
    CHECK(code(r) == "scope.forbidden");
    CHECK(server_rows(srv.db_path(), "SELECT name FROM employees WHERE id = '" + victim["id"].get<std::string>() + "'")[0]
              ["name"] == victim["name"]);
}

TEST_CASE("hole 4: a device id belongs to one user for ever; device ids do not leak") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice paya(dir, "operator.payapasir", srv.url());
    SimOffice lurah(dir, "lurah.payapasir", srv.url());
    REQUIRE(paya.sync().ok);
    REQUIRE(lurah.sync().ok);
    httplib::Client c(srv.url());

    SUBCASE("another user's login with the device id is refused; the owner keeps its token") {
        auto l = login(srv.url(), "operator.terjun", "marelan2026", paya.device);
        CHECK(l.status == 409);
        CHECK(l.body["error"]["code"] == "auth.device_taken");
        auto me = c.Get("/api/v1/me", auth(paya));
        REQUIRE(me);
        CHECK(me->status == 200);
        CHECK(json::parse(me->body)["user"]["username"] == "operator.payapasir");
    }
    SUBCASE("a revoked device stays revoked, also for its own user") {
        std::string out;
        REQUIRE(run({SEIMBANG_SERVER_BIN, "device", "revoke", "--db", srv.db_path(), "--device", paya.device}, {},
                    &out) == 0);
        auto l = login(srv.url(), "operator.payapasir", "marelan2026", paya.device);
        CHECK(l.status == 401);
        CHECK(l.body["error"]["code"] == "auth.device_revoked");
        CHECK(server_count(srv.db_path(), "SELECT revoked FROM devices WHERE device_id = '" + paya.device + "'") == 1);
    }
    SUBCASE("a conflict answer does not name the other writer's device; the log names no device") {
        auto e = store::list_employees(*paya.db, {paya.office_id, false}).front();
        e.education = "S-2";
        REQUIRE(store::save_employee(*paya.db, e).ok());
        REQUIRE(paya.sync().ok);
        auto mine = *store::get_employee(*lurah.db, e.id);
        mine.education = "S-3";
        REQUIRE(store::save_employee(*lurah.db, mine).ok());
        auto batch = sync::build_push(*lurah.db);
        auto r = c.Post("/api/v1/sync/push", auth(lurah), batch->body.dump(), "application/json");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK(r->body.find("\"conflict\"") != std::string::npos);
        CHECK(r->body.find(paya.device) == std::string::npos);
        CHECK(slurp(srv.db_path() + ".log").find(paya.device) == std::string::npos);
        CHECK(slurp(srv.db_path() + ".log").find(lurah.device) == std::string::npos);
    }
}

TEST_CASE("hole 5: an office cycle is refused, and the subtree walk ends even on one") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice bkpsdm(dir, "bkpsdm.medan", srv.url());
    REQUIRE(bkpsdm.sync().ok);
    const std::string kec = office_named(srv, "Kecamatan Medan Marelan");
    const std::string kel = office_named(srv, "Kelurahan Terjun");
    const auto& offices = *store::find_table("offices");
    SUBCASE("an office below its own child") {
        REQUIRE(store::write_row(*bkpsdm.db, offices, kec, {{"parent_id", kel}}));
    }
    SUBCASE("an office that is its own parent (as a seksi, which fits under its old kind)") {
        REQUIRE(store::write_row(*bkpsdm.db, offices, kel, {{"parent_id", kel}, {"kind", "seksi"}}));
    }
    auto rep = bkpsdm.sync();
    CHECK(rep.push.rejected == 1);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM offices WHERE parent_id = '" + kel + "'") == 0);
    // Every scope query still answers.
    SimOffice camat(dir, "camat.marelan", srv.url());
    auto pulled = std::async(std::launch::async, [&] { return camat.sync(); });
    REQUIRE(pulled.wait_for(std::chrono::seconds(15)) == std::future_status::ready);
    CHECK(pulled.get().ok);
    CHECK(healthy(srv.url()));
}

TEST_CASE("hole 8: login limiter counts parallel attempts, backs off per user + address, never locks out the owner") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SUBCASE("8 parallel wrong passwords: at most 5 are checked") {
        // An unknown username: its password is checked against the dummy hash at
        // full Argon2id cost (~0.1 s), so the attempts overlap for sure.
        std::vector<std::future<int>> tries;
        for (int i = 0; i < 8; ++i)
            tries.push_back(std::async(std::launch::async, [&] {
                return login(srv.url(), "tidak.ada", "wrong-password", new_uuid_v7()).status;
            }));
        int checked = 0, limited = 0;
        for (auto& t : tries) {
            const int s = t.get();
            checked += s == 401;
            limited += s == 429;
        }
        CHECK(checked <= 5);
        CHECK(checked + limited == 8);
    }
    SUBCASE("wrong passwords from 5 other addresses do not lock the owner out") {
        for (int i = 2; i <= 6; ++i)
            for (int k = 0; k < 5; ++k)
                CHECK(login_from(srv.port(), "127.0.0." + std::to_string(i), "camat.marelan", "wrong-password",
                                 new_uuid_v7())
                          .status == 401);
        // The attacking address is slowed down…
        auto again = login_from(srv.port(), "127.0.0.2", "camat.marelan", "wrong-password", new_uuid_v7());
        CHECK(again.status == 429);
        // …the owner, from their own address, is not.
        auto owner = login(srv.url(), "camat.marelan", "marelan2026", new_uuid_v7());
        CHECK(owner.status == 200);
    }
    SUBCASE("a username longer than 64 bytes is refused before it is kept") {
        auto l = login(srv.url(), std::string(100000, 'u'), "x", new_uuid_v7());
        CHECK(l.status == 400);
        CHECK(l.body["error"]["detail"] == "username");
    }
}

TEST_CASE("hole 9: a row may not reference another office's position") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice terjun(dir, "operator.terjun", srv.url());
    const std::string paya = office_named(srv, "Kelurahan Paya Pasir");
    const std::string paya_position =
        server_rows(srv.db_path(), "SELECT id FROM positions WHERE office_id = '" + paya + "' LIMIT 1")[0]["id"];
    // (Sent as a hand-made push: the client's own database would not even hold the position.)
    std::string table;
    json row;
    SUBCASE("an employee of Terjun on a Paya Pasir position") {
        table = "employees";
        row = server_rows(srv.db_path(), "SELECT id, _seq FROM employees WHERE office_id = '" + terjun.office_id +
                                             "' AND archived = 0 LIMIT 1")[0];
    }
    SUBCASE("an ABK task of Terjun on a Paya Pasir position") {
        table = "abk_tasks";
        row = server_rows(srv.db_path(), "SELECT id, _seq FROM abk_tasks WHERE office_id = '" + terjun.office_id +
                                             "' AND archived = 0 LIMIT 1")[0];
    }
    httplib::Client c(srv.url());
    auto r = push(c, terjun,
                  json::array({upsert(1, table, row["id"], {{"position_id", paya_position}}, row["_seq"].get<int64_t>())}));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const json result = json::parse(r->body)["results"][0];
    CHECK(result["status"] == "rejected");
    CHECK((result["reason"] == "employee.position_office_mismatch" || result["reason"] == "abk.task_office_mismatch"));
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM " + table + " WHERE position_id = '" + paya_position +
                                          "' AND office_id <> '" + paya + "'") == 0);
}

TEST_CASE("hole 10: read-only roles store nothing; what a rejection stores and every field are bounded") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice pusat(dir, "pusat.bkn", srv.url());
    SimOffice terjun(dir, "operator.terjun", srv.url());
    REQUIRE(terjun.sync().ok);
    httplib::Client c(srv.url());
    const int64_t before = server_count(srv.db_path(), "SELECT count(*) FROM sync_applied");
    const std::string long_name(100000, 't');
    auto r = push(c, pusat, json::array({upsert(1, long_name, new_uuid_v7(), {{"a", 1}})}));
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(code(r) == "role.read_only");
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM sync_applied") == before);

    auto w = push(c, terjun, json::array({upsert(1, long_name, new_uuid_v7(), {{"a", 1}})}));
    REQUIRE(w);
    CHECK(w->status == 200);
    CHECK(w->body.size() < 1024);
    CHECK(server_count(srv.db_path(), "SELECT max(length(result)) FROM sync_applied WHERE device_id = '" +
                                          terjun.device + "'") < 512);

    // 4 MiB of competences on one employee.
    json comp = json::object();
    for (int i = 0; i < 200000; ++i) comp["k" + std::to_string(i)] = 3;
    const auto e = store::list_employees(*terjun.db, {terjun.office_id, false}).front();
    REQUIRE(store::write_row(*terjun.db, *store::find_table("employees"), e.id, {{"competences", comp.dump()}}));
    auto rep = terjun.sync();
    CHECK(rep.push.rejected == 1);
    CHECK(server_count(srv.db_path(), "SELECT max(length(competences)) FROM employees") < 16 * 1024);
}

TEST_CASE("hole 11: a disabled account answers like a wrong password; a bad device_name is 400") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    std::string out;
    REQUIRE(run({SEIMBANG_SERVER_BIN, "user", "disable", "--db", srv.db_path(), "--username", "lurah.terjun"}, {},
                &out) == 0);
    auto right = login(srv.url(), "lurah.terjun", "marelan2026", new_uuid_v7());
    auto wrong = login(srv.url(), "lurah.terjun", "not-the-password", new_uuid_v7());
    CHECK(right.status == 401);
    CHECK(right.status == wrong.status);
    CHECK(right.body == wrong.body);

    httplib::Client c(srv.url());
    auto r = c.Post("/api/v1/auth/login",
                    json{{"username", "lurah.payapasir"}, {"password", "marelan2026"}, {"device_id", new_uuid_v7()},
                         {"device_name", 5}}
                        .dump(),
                    "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(json::parse(r->body)["error"]["detail"] == "device_name");
}

// Auth and request validation: each failure is a specific 4xx with a machine
// code, and nothing changes on the server (idempotency records and the
// employees' checksum are compared before and after).
#include <doctest/doctest.h>

#include <httplib.h>

#include "harness.h"
#include "store/repo.h"
#include "util/uuid.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;

namespace {
struct Snapshot {
    int64_t applied, rows;
    json hashes;
    bool operator==(const Snapshot&) const = default;
};
Snapshot snap(const ServerProcess& s) {
    return {server_count(s.db_path(), "SELECT count(*) FROM sync_applied"),
            server_count(s.db_path(), "SELECT count(*) FROM employees"),
            server_rows(s.db_path(), "SELECT table_name, office_id, rows, hash FROM sync_checksums ORDER BY 1, 2")};
}
std::string code(const httplib::Result& r) {
    auto j = json::parse(r->body, nullptr, false);
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
}
httplib::Headers auth(const SimOffice& o) { return {{"Authorization", "Bearer " + o.token}, {"X-Device-Id", o.device}}; }
}  // namespace

TEST_CASE("auth and validation failures are specific 4xx and change nothing") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice terjun(dir, "operator.terjun", srv.url());
    SimOffice paya(dir, "operator.payapasir", srv.url());
    SimOffice camat(dir, "camat.marelan", srv.url());
    SimOffice pusat(dir, "pusat.bkn", srv.url());
    REQUIRE(terjun.sync().ok);
    REQUIRE(paya.sync().ok);
    REQUIRE(camat.sync().ok);
    REQUIRE(pusat.sync().ok);
    httplib::Client c(srv.url());

    SUBCASE("read scope: an operator sees only its kelurahan; the camat all five; pusat everything") {
        auto paya_staff = store::list_employees(*paya.db, {"", true});
        for (const auto& e : store::list_employees(*terjun.db, {"", true})) CHECK(e.office_id == terjun.office_id);
        for (const auto& e : paya_staff) CHECK(e.office_id == paya.office_id);
        const int64_t all = server_count(srv.db_path(), "SELECT count(*) FROM employees");
        CHECK(static_cast<int64_t>(store::list_employees(*camat.db, {"", true}).size()) == all);
        CHECK(static_cast<int64_t>(store::list_employees(*pusat.db, {"", true}).size()) == all);
    }

    const Snapshot before = snap(srv);
    // Terjun's device sends an edit of a Paya Pasir employee.
    auto e = store::list_employees(*paya.db, {paya.office_id, false}).front();
    e.education = "S-3";
    REQUIRE(store::save_employee(*paya.db, e).ok());
    auto batch = sync::build_push(*paya.db);
    batch->body["device_id"] = terjun.device;
    const std::string foreign = batch->body.dump();

    SUBCASE("wrong scope → 403 scope.forbidden") {
        auto r = c.Post("/api/v1/sync/push", auth(terjun), foreign, "application/json");
        REQUIRE(r);
        CHECK(r->status == 403);
        CHECK(code(r) == "scope.forbidden");
    }
    SUBCASE("read-only role → 403 role.read_only") {
        auto b = batch->body;
        b["device_id"] = pusat.device;
        auto r = c.Post("/api/v1/sync/push", auth(pusat), b.dump(), "application/json");
        REQUIRE(r);
        CHECK(r->status == 403);
        CHECK(code(r) == "role.read_only");
    }
    SUBCASE("forged token → 401 auth.invalid_token") {
        httplib::Headers h = {{"Authorization", "Bearer sbt_" + std::string(64, 'a')}, {"X-Device-Id", paya.device}};
        auto r = c.Post("/api/v1/sync/push", h, sync::build_push(*paya.db)->body.dump(), "application/json");
        CHECK(r->status == 401);
        CHECK(code(r) == "auth.invalid_token");
    }
    SUBCASE("missing token → 401 auth.missing_token") {
        auto r = c.Get("/api/v1/sync/pull?cursor=0");
        CHECK(r->status == 401);
        CHECK(code(r) == "auth.missing_token");
    }
    SUBCASE("token used from another device → 401 auth.device_mismatch") {
        httplib::Headers h = {{"Authorization", "Bearer " + paya.token}, {"X-Device-Id", terjun.device}};
        auto r = c.Post("/api/v1/sync/push", h, foreign, "application/json");
        CHECK(r->status == 401);
        CHECK(code(r) == "auth.device_mismatch");
    }
    SUBCASE("revoked device → 401 auth.device_revoked") {
        std::string out;
        REQUIRE(run({SEIMBANG_SERVER_BIN, "device", "revoke", "--db", srv.db_path(), "--device", paya.device}, {},
                    &out) == 0);
        auto rep = paya.sync();
        CHECK_FALSE(rep.ok);
        CHECK(rep.http_status == 401);
        CHECK(rep.error == "auth.device_revoked");
        CHECK(sync::sync_status(*paya.db).pending == 1);  // kept for after a new login
    }
    SUBCASE("expired token → 401 auth.token_expired") {
        {
            store::Db db(srv.db_path());
            auto s = db.prepare("UPDATE devices SET expires_ms = 1 WHERE device_id = ?1");
            s.bind(1, paya.device);
            s.run();
        }
        auto rep = paya.sync();
        CHECK(rep.http_status == 401);
        CHECK(rep.error == "auth.token_expired");
    }
    SUBCASE("malformed JSON → 400 request.malformed_json") {
        auto r = c.Post("/api/v1/sync/push", auth(paya), "{\"mutations\": [", "application/json");
        CHECK(r->status == 400);
        CHECK(code(r) == "request.malformed_json");
        auto r2 = c.Post("/api/v1/sync/push", auth(paya), "{\"mutations\": 5}", "application/json");
        CHECK(r2->status == 400);
        CHECK(code(r2) == "request.bad_shape");
    }
    SUBCASE("oversized body → 413") {
        std::string big = "{\"device_id\":\"" + paya.device + "\",\"mutations\":[],\"pad\":\"" +
                          std::string(9 * 1024 * 1024, 'x') + "\"}";
        auto r = c.Post("/api/v1/sync/push", auth(paya), big, "application/json");
        REQUIRE(r);
        CHECK(r->status == 413);
    }
    SUBCASE("failed logins are rate-limited → 429 auth.rate_limited") {
        const std::string dev = new_uuid_v7();
        for (int i = 0; i < 5; ++i) CHECK(login(srv.url(), "lurah.payapasir", "wrong-password", dev).status == 401);
        auto l = login(srv.url(), "lurah.payapasir", "marelan2026", dev);  // even the right one, for now
        CHECK(l.status == 429);
        CHECK(l.body["error"]["code"] == "auth.rate_limited");
    }
    CHECK(snap(srv) == before);
}

TEST_CASE("POST /api/v1/plans: camat plans inside the kecamatan; other roles and scopes refused") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice camat(dir, "camat.marelan", srv.url());
    SimOffice op(dir, "operator.terjun", srv.url());
    httplib::Client c(srv.url());
    const json kec = server_rows(srv.db_path(), "SELECT id FROM offices WHERE kind = 'kecamatan'")[0]["id"];
    const json kota = server_rows(srv.db_path(), "SELECT id FROM offices WHERE kind = 'kota'")[0]["id"];
    auto ok = c.Post("/api/v1/plans", auth(camat), json{{"scope", kec}, {"year", 2026}}.dump(), "application/json");
    REQUIRE(ok);
    CHECK(ok->status == 200);
    CHECK(json::parse(ok->body).is_object());
    auto role = c.Post("/api/v1/plans", auth(op), json{{"scope", op.office_id}}.dump(), "application/json");
    CHECK(role->status == 403);
    CHECK(code(role) == "role.forbidden");
    auto scope = c.Post("/api/v1/plans", auth(camat), json{{"scope", kota}}.dump(), "application/json");
    CHECK(scope->status == 403);
    CHECK(code(scope) == "scope.forbidden");
    auto bad = c.Post("/api/v1/plans", auth(camat), "{nope", "application/json");
    CHECK(bad->status == 400);
}

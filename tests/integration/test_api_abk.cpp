// GET /api/v1/abk against the real server: figures match the core computed on
// the same data, and role and scope are enforced.
#include <doctest/doctest.h>

#include <algorithm>

#include <httplib.h>

#include "harness.h"
#include "store/abk_query.h"
#include "store/repo.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;

namespace {
httplib::Headers auth(const SimOffice& o) { return {{"Authorization", "Bearer " + o.token}, {"X-Device-Id", o.device}}; }
std::string error_code(const httplib::Result& r) {
    auto j = json::parse(r->body, nullptr, false);
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
}

// The demo server with a camat, a Terjun operator and a pegawai signed in, and
// the ids of the kecamatan and of Paya Pasir (outside the operator's scope).
struct MarelanServer {
    std::string dir = temp_dir();
    ServerProcess srv{dir + "/server.db", true};
    SimOffice camat{dir, "camat.marelan", srv.url()};
    SimOffice terjun{dir, "operator.terjun", srv.url()};
    SimOffice pegawai{dir, "pegawai.terjun", srv.url()};
    std::string kec, paya;
    MarelanServer() {
        for (const auto& o : server_rows(srv.db_path(), "SELECT id, name FROM offices ORDER BY name")) {
            if (o["name"] == "Kecamatan Medan Marelan") kec = o["id"];
            if (o["name"] == "Kelurahan Paya Pasir") paya = o["id"];
        }
        REQUIRE(!kec.empty());
        REQUIRE(!paya.empty());
    }
};
}  // namespace

TEST_CASE("GET /api/v1/abk: camat reads the kecamatan, an operator only its kelurahan, pegawai nothing") {
    MarelanServer m;
    auto& [dir, srv, camat, terjun, pegawai, kec, paya] = m;
    httplib::Client http(srv.url());

    auto r = http.Get(("/api/v1/abk?scope=" + kec + "&year=2026").c_str(), auth(camat));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const json body = json::parse(r->body);
    // The same figures as the core computes on the server's database.
    store::Db db(srv.db_path());
    const auto expected = store::analyse_scope(db, kec, 2026, store::load_settings(db));
    REQUIRE(body["positions"].size() == expected.result.positions.size());
    for (size_t i = 0; i < expected.result.positions.size(); ++i) {
        CHECK(body["positions"][i]["needed_rounded"] == expected.result.positions[i].needed_rounded);
        CHECK(body["positions"][i]["holders"] == expected.result.positions[i].holders);
    }
    bool kec_rollup = false;
    for (const auto& u : body["rollup"])
        if (u["unit"] == kec) kec_rollup = u["holders"].get<int>() >= 110;
    CHECK(kec_rollup);
    CHECK(body["names"][kec] == "Kecamatan Medan Marelan");

    // An operator of Terjun: own kelurahan by default, not Paya Pasir, not the kecamatan.
    r = http.Get("/api/v1/abk", auth(terjun));
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(json::parse(r->body)["scope"] == terjun.office_id);
    r = http.Get(("/api/v1/abk?scope=" + paya).c_str(), auth(terjun));
    CHECK(r->status == 403);
    CHECK(error_code(r) == "scope.forbidden");
    r = http.Get(("/api/v1/abk?scope=" + kec).c_str(), auth(terjun));
    CHECK(r->status == 403);
    // Pegawai: no ABK; no token: 401; bad year and unknown office: specific codes.
    CHECK(http.Get("/api/v1/abk", auth(pegawai))->status == 403);
    CHECK(http.Get("/api/v1/abk")->status == 401);
    r = http.Get("/api/v1/abk?year=abc", auth(camat));
    CHECK(r->status == 400);
    CHECK(error_code(r) == "abk.bad_year");
    r = http.Get("/api/v1/abk?scope=no-such-office", auth(camat));
    CHECK(r->status == 404);
}

TEST_CASE("GET /api/v1/reports/abk.{xlsx,pdf,csv}: the files for the camat's scope, refused outside it and for pegawai") {
    MarelanServer m;
    auto& [dir, srv, camat, terjun, pegawai, kec, paya] = m;
    httplib::Client http(srv.url());

    auto r = http.Get(("/api/v1/reports/abk.pdf?scope=" + kec + "&year=2026").c_str(), auth(camat));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "application/pdf");
    CHECK(r->body.rfind("%PDF-", 0) == 0);
    CHECK(r->get_header_value("Content-Disposition").find("abk-kecamatan-medan-marelan-2026.pdf") != std::string::npos);

    r = http.Get(("/api/v1/reports/abk.xlsx?scope=" + kec + "&year=2026").c_str(), auth(camat));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(r->body.rfind("PK", 0) == 0);  // a ZIP container

    // CSV: one line per position of the scope, as the engine computes on the server's data.
    r = http.Get(("/api/v1/reports/abk.csv?scope=" + kec + "&year=2026&lang=en").c_str(), auth(camat));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    store::Db db(srv.db_path());
    const auto expected = store::analyse_scope(db, kec, 2026, store::load_settings(db));
    CHECK(std::count(r->body.begin(), r->body.end(), '\n') ==
          static_cast<long>(expected.result.positions.size()) + 1);
    CHECK(r->body.rfind("Office,Position,", 0) == 0);

    // An operator of Terjun: not Paya Pasir; pegawai: no reports; unknown kind; bad year; no token.
    r = http.Get(("/api/v1/reports/abk.pdf?scope=" + paya).c_str(), auth(terjun));
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(error_code(r) == "scope.forbidden");
    r = http.Get("/api/v1/reports/abk.pdf", auth(terjun));
    REQUIRE(r);
    CHECK(r->status == 200);
    r = http.Get("/api/v1/reports/abk.pdf", auth(pegawai));
    REQUIRE(r);
    CHECK(r->status == 403);
    r = http.Get("/api/v1/reports/survei.pdf", auth(camat));
    REQUIRE(r);
    CHECK(r->status == 404);
    r = http.Get("/api/v1/reports/abk.pdf?year=20x6", auth(camat));
    REQUIRE(r);
    CHECK(r->status == 400);
    r = http.Get("/api/v1/reports/abk.pdf");
    REQUIRE(r);
    CHECK(r->status == 401);
}

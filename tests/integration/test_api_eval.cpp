// Balance snapshots against the real server (docs/EVALUATION.md): at start-up
// it closes the period that ended last; bkpsdm takes one on demand, other
// roles are refused; a camat's sync brings the
// kecamatan's rows; the server refuses to drop a closed snapshot.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include <httplib.h>

#include "eval/period.h"
#include "model/date.h"

#include "harness.h"
#include "store/db.h"
#include "store/repo.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;

TEST_CASE("POST /api/v1/snapshots: bkpsdm only; the rows reach a camat by sync; a closed one is kept") {
    const std::string dir = temp_dir();
    ServerProcess srv{dir + "/server.db", true};
    SimOffice camat{dir, "camat.marelan", srv.url()};
    SimOffice bkpsdm{dir, "bkpsdm.medan", srv.url()};
    httplib::Client http(srv.url());
    auto auth = [](const SimOffice& o) {
        return httplib::Headers{{"Authorization", "Bearer " + o.token}, {"X-Device-Id", o.device}};
    };

    const int64_t offices = server_count(srv.db_path(), "SELECT count(*) FROM offices");
    // The period before today's, closed by the server at start-up (its timer thread).
    const auto len = eval::PeriodLength::semester;
    const std::string due = eval::to_string(eval::previous(eval::period_of(today_utc(), len)));
    const std::string due_sql = "SELECT count(*) FROM eval_snapshots WHERE closed = 1 AND period = '" + due + "'";
    for (int i = 0; i < 100 && server_count(srv.db_path(), due_sql) < offices; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(server_count(srv.db_path(), due_sql) == offices);

    auto r = http.Post("/api/v1/snapshots?period=2025-S2", auth(camat), "", "application/json");
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM eval_snapshots WHERE period = '2025-S2'") == 0);
    r = http.Post("/api/v1/snapshots?period=2025-S9", auth(bkpsdm), "", "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(json::parse(r->body)["error"]["code"] == "eval.bad_period");
    // A quarter while the setting says semester: refused, nothing taken (one series per length).
    r = http.Post("/api/v1/snapshots?period=2025-Q4", auth(bkpsdm), "", "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(json::parse(r->body)["error"]["code"] == "eval.wrong_period_length");
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM eval_snapshots WHERE period = '2025-Q4'") == 0);
    r = http.Post("/api/v1/snapshots?period=2025-S2", auth(bkpsdm), "", "application/json");  // ended: closed
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(json::parse(r->body)["closed"] == true);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM eval_snapshots WHERE period = '2025-S2' AND closed = 1") ==
          offices);

    camat.sync();
    const int64_t kec = server_count(
        srv.db_path(), "SELECT count(*) FROM offices WHERE id <> (SELECT id FROM offices WHERE parent_id IS NULL OR parent_id = '')");
    auto q = camat.db->prepare("SELECT count(*) FROM eval_snapshots");
    REQUIRE(q.step());
    CHECK(q.int64(0) == 2 * kec);  // two periods, every office but the kota (the demo has one kecamatan)

    // The evaluation report of the period: camat for the kecamatan; scope and role checked.
    std::string kec_id;
    for (const auto& o : server_rows(srv.db_path(), "SELECT id, name FROM offices"))
        if (o["name"] == "Kecamatan Medan Marelan") kec_id = o["id"];
    SimOffice terjun{dir, "operator.terjun", srv.url()};
    SimOffice pegawai{dir, "pegawai.terjun", srv.url()};
    const std::string csv = "/api/v1/reports/evaluation.csv?scope=" + kec_id + "&period=2025-S2";
    r = http.Get(csv.c_str(), auth(camat));
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body.find("Kelurahan Terjun") != std::string::npos);
    CHECK(r->get_header_value("Content-Disposition").find("evaluasi-kecamatan-medan-marelan-2025-S2.csv") !=
          std::string::npos);
    r = http.Get(csv.c_str(), auth(terjun));
    REQUIRE(r);
    CHECK(r->status == 403);
    r = http.Get(csv.c_str(), auth(pegawai));
    REQUIRE(r);
    CHECK(r->status == 403);
    r = http.Get(("/api/v1/reports/evaluation.pdf?scope=" + kec_id + "&period=2024-S1").c_str(), auth(camat));
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(json::parse(r->body)["error"]["code"] == "eval.no_snapshot");
    r = http.Get(("/api/v1/reports/evaluation.xlsx?scope=" + kec_id + "&period=S2").c_str(), auth(camat));
    REQUIRE(r);
    CHECK(r->status == 400);

    store::Db second(srv.db_path());
    CHECK_THROWS_AS(second.exec("DELETE FROM eval_snapshots"), store::DbError);
    CHECK_THROWS_AS(second.exec("UPDATE eval_snapshots SET figures = '{}'"), store::DbError);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM eval_snapshots") == 2 * offices);
}

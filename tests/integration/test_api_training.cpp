// Pelatihan Pimpinan against the real server (docs/TRAINING.md): a lurah's
// attempts travel through the outbox, the camat and BKPSDM see completion
// and scores per leader of their scope (never the answers), the lurah sees
// their own answers, and scope and role are checked.
#include <doctest/doctest.h>

#include <httplib.h>

#include "harness.h"
#include "store/db.h"
#include "sync/hlc.h"
#include "training/content.h"
#include "training/progress.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;

TEST_CASE("training API: progress by sync, results per leader in scope, answers only to their owner") {
    const std::string dir = temp_dir();
    ServerProcess srv{dir + "/server.db", true};
    SimOffice lurah{dir, "lurah.terjun", srv.url()};
    SimOffice camat{dir, "camat.marelan", srv.url()};
    SimOffice bkpsdm{dir, "bkpsdm.medan", srv.url()};
    SimOffice op{dir, "operator.terjun", srv.url()};
    httplib::Client http(srv.url());
    auto auth = [](const SimOffice& o) {
        return httplib::Headers{{"Authorization", "Bearer " + o.token}, {"X-Device-Id", o.device}};
    };

    const auto& l = training::content().lessons.front();
    json answers = json::array();
    for (const auto& q : l.questions) answers.push_back(q.answer);
    const std::string note = "Catatan pribadi lurah yang tidak boleh terlihat orang lain.";
    const auto& k = training::content().cases.front();
    json decisions = json::array();
    for (const auto& key : k.decide) decisions.push_back({{"key", key}, {"action", "return"}, {"met", true}, {"note", note}});
    REQUIRE(training::record_attempt(*lurah.db, "lurah.terjun", lurah.office_id, l.id, answers, sync::now_ms()).ok());
    REQUIRE(training::record_attempt(*lurah.db, "lurah.terjun", lurah.office_id, k.id, decisions, sync::now_ms()).ok());
    lurah.sync();
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM training_progress WHERE username = 'lurah.terjun'") == 2);

    auto get = [&](const std::string& path, const SimOffice& who) {
        auto r = http.Get(path.c_str(), auth(who));
        REQUIRE(r);
        return std::make_pair(r->status, r->body);
    };
    // The camat: the kecamatan's leaders, the lurah of Terjun with their scores, the lurah of Paya Pasir not started.
    auto [status, body] = get("/api/v1/training/results", camat);
    REQUIRE(status == 200);
    const json res = json::parse(body);
    CHECK(res["lessons_total"] == training::content().lessons.size());
    bool terjun = false, paya = false;
    for (const auto& p : res["people"]) {
        if (p["username"] == "lurah.terjun") {
            terjun = true;
            CHECK(p["lessons_done"] == 1);
            CHECK(p["questions_right"] == l.questions.size());
            CHECK(p["cases_done"] == 1);
        }
        if (p["username"] == "lurah.payapasir") {
            paya = true;
            CHECK(p["lessons_done"] == 0);
        }
        CHECK(p["username"] != "operator.terjun");  // not a leader
        CHECK(p["username"] != "bkpsdm.medan");     // outside the kecamatan
    }
    CHECK(terjun);
    CHECK(paya);
    CHECK(body.find(note) == std::string::npos);
    // BKPSDM: the whole kota, themselves included.
    auto [s2, b2] = get("/api/v1/training/results", bkpsdm);
    REQUIRE(s2 == 200);
    CHECK(b2.find("bkpsdm.medan") != std::string::npos);
    CHECK(b2.find(note) == std::string::npos);
    // Scope and role.
    std::string kota;
    for (const auto& o : server_rows(srv.db_path(), "SELECT id, name FROM offices"))
        if (o["name"] == "Kota Medan") kota = o["id"];
    CHECK(get("/api/v1/training/results?scope=" + kota, camat).first == 403);
    CHECK(get("/api/v1/training/results?scope=tidak-ada", camat).first == 404);
    CHECK(get("/api/v1/training/results", lurah).first == 403);
    CHECK(get("/api/v1/training/results", op).first == 403);
    // Own answers: to their owner only.
    auto [s3, b3] = get("/api/v1/training/mine", lurah);
    REQUIRE(s3 == 200);
    CHECK(b3.find(note) != std::string::npos);
    auto [s4, b4] = get("/api/v1/training/mine", camat);
    REQUIRE(s4 == 200);
    CHECK(json::parse(b4)["items"].empty());
    CHECK(get("/api/v1/training/mine", op).first == 403);
    CHECK(http.Get("/api/v1/training/results"));  // no token
    CHECK(http.Get("/api/v1/training/results")->status == 401);
}

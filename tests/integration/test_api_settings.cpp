// The rule settings across the tiers (docs/SETTINGS.md): BKPSDM changes them
// through the API, checked by each group's own rules, never over someone else's
// change unseen, logged with who and when; every device's sync (here the real
// `seimbang` binary of an operator) then computes with the same values.
#include <doctest/doctest.h>

#include <httplib.h>

#include "harness.h"

using namespace itest;
using nlohmann::json;

TEST_CASE("settings: bkpsdm changes them (checked, versioned, logged); an operator's sync applies them") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice camat{dir, "camat.marelan", srv.url()};
    SimOffice bkpsdm{dir, "bkpsdm.medan", srv.url()};
    httplib::Client http(srv.url());
    auto auth = [](const SimOffice& o) {
        return httplib::Headers{{"Authorization", "Bearer " + o.token}, {"X-Device-Id", o.device}};
    };
    auto put = [&](const SimOffice& o, const json& body) {
        auto r = http.Put("/api/v1/settings", auth(o), body.dump(), "application/json");
        REQUIRE(r);
        return std::pair{r->status, json::parse(r->body, nullptr, false)};
    };
    const std::string log_rows = "SELECT count(*) FROM settings_log";

    auto g = http.Get("/api/v1/settings", auth(camat));
    REQUIRE(g);
    REQUIRE(g->status == 200);
    json doc = json::parse(g->body);
    CHECK(doc["version"] == 0);
    CHECK(doc["settings"]["rules"]["wke_minutes"] == 75000);
    CHECK(doc["settings"]["rules"]["evaluation_period"] == "semester");
    json rules = doc["settings"]["rules"];

    // Only bkpsdm; a refused change leaves nothing behind.
    rules["wke_minutes"] = 72000;
    auto [st, body] = put(camat, {{"group", "rules"}, {"value", rules}, {"version", 0}});
    CHECK(st == 403);
    CHECK(body["error"]["code"] == "settings.forbidden");
    // Each group's own rules, with the field.
    json bad = rules;
    bad["wke_minutes"] = 0;
    std::tie(st, body) = put(bkpsdm, {{"group", "rules"}, {"value", bad}, {"version", 0}});
    CHECK(st == 400);
    CHECK(body["error"]["code"] == "settings.bad_wke");
    CHECK(body["error"]["detail"] == "wke_minutes");
    bad = rules;
    bad["evaluation_period"] = "month";
    std::tie(st, body) = put(bkpsdm, {{"group", "rules"}, {"value", bad}, {"version", 0}});
    CHECK(st == 400);
    CHECK(body["error"]["detail"] == "evaluation_period");
    std::tie(st, body) = put(bkpsdm, {{"group", "survey"}, {"value", {{"min_group", 1}}}, {"version", 0}});
    CHECK(st == 400);
    CHECK(body["error"]["detail"] == "min_group");
    std::tie(st, body) = put(bkpsdm, {{"group", "gaji"}, {"value", json::object()}, {"version", 0}});
    CHECK(st == 400);
    CHECK(body["error"]["code"] == "settings.unknown_group");
    CHECK(server_count(srv.db_path(), log_rows) == 0);

    // Accepted: version 1, in force on the server, logged.
    rules["evaluation_period"] = "quarter";
    std::tie(st, body) = put(bkpsdm, {{"group", "rules"}, {"value", rules}, {"version", 0}});
    REQUIRE(st == 200);
    CHECK(body["version"] == 1);
    CHECK(body["changed_by"] == "bkpsdm.medan");
    CHECK(body["settings"]["rules"]["wke_minutes"] == 72000);
    CHECK(server_count(srv.db_path(), log_rows) == 1);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM settings WHERE key = 'rules' AND "
                                      "json_extract(value, '$.wke_minutes') = 72000") == 1);
    // A second editor still holding version 0 is refused, not silently overwritten.
    rules["wke_minutes"] = 70000;
    std::tie(st, body) = put(bkpsdm, {{"group", "rules"}, {"value", rules}, {"version", 0}});
    CHECK(st == 409);
    CHECK(body["error"]["code"] == "settings.changed");
    CHECK(server_count(srv.db_path(), log_rows) == 1);
    g = http.Get("/api/v1/settings?version=1", auth(camat));
    REQUIRE(g);
    CHECK(json::parse(g->body)["unchanged"] == true);
    g = http.Get("/api/v1/settings/log", auth(camat));
    REQUIRE(g);
    REQUIRE(g->status == 200);
    json log = json::parse(g->body)["changes"];
    REQUIRE(log.size() == 1);
    CHECK(log[0]["group"] == "rules");
    CHECK(log[0]["username"] == "bkpsdm.medan");
    CHECK(log[0]["before"]["wke_minutes"] == 75000);
    CHECK(log[0]["after"]["wke_minutes"] == 72000);

    // An operator's device: the real CLI's sync brings them, and they are used.
    const std::string db = dir + "/cli.db";
    std::string out;
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "login", "--server", srv.url(), "--user", "operator.terjun",
                 "--password-stdin"},
                "marelan2026\n", &out) == 0);
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "sync"}, {}, &out) == 0);
    CHECK(out.find("BKPSDM") != std::string::npos);
    {
        seimbang::store::Db local(db);
        auto q = local.prepare("SELECT json_extract(value, '$.wke_minutes'), json_extract(value, '$.evaluation_period') "
                               "FROM settings WHERE key = 'rules'");
        REQUIRE(q.step());
        CHECK(q.int64(0) == 72000);
        CHECK(q.text(1) == "quarter");
    }  // (closed: the next sync writes this file)
    // A second sync with nothing new says nothing about settings.
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "sync"}, {}, &out) == 0);
    CHECK(out.find("BKPSDM") == std::string::npos);
}

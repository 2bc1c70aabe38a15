// `seimbang survey create|list` against the real server (docs/SURVEY.md): a
// camat opens a campaign without curl; bad fields are refused on the CLI side
// with every problem named and nothing sent; a role that may not create one is
// refused by the server (exit 2, its code); nothing is written on a refusal.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "harness.h"

using namespace itest;
using nlohmann::json;

namespace {
void cli_login(const std::string& db, const ServerProcess& srv, const std::string& user) {
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "login", "--server", srv.url(), "--user", user, "--password-stdin"},
                "marelan2026\n") == 0);
}
}  // namespace

TEST_CASE("seimbang survey create: a camat opens a campaign; bad fields and other roles are refused, nothing written") {
    const std::string dir = temp_dir();
    ServerProcess srv{dir + "/server.db", true};
    const std::string cli = SEIMBANG_CLI_BIN, camat = dir + "/camat.db", op = dir + "/operator.db";
    cli_login(camat, srv, "camat.marelan");
    REQUIRE(run({cli, "--db", camat, "sync"}) == 0);  // the offices, for the checks on this side
    const std::string campaigns = "SELECT count(*) FROM survey_campaigns";

    std::string out;
    CHECK(run({cli, "--db", camat, "survey", "create", "--title", "", "--period", "2026-S9", "--opens", "2026-12-31",
               "--closes", "2026-12-01"},
              "", &out) == 2);
    CHECK(server_count(srv.db_path(), campaigns) == 0);

    CHECK(run({cli, "--db", camat, "survey", "create", "--title", "Survei Kepuasan Pegawai Semester II", "--period",
               "2026-S2", "--opens", "2026-12-01", "--closes", "2026-12-31"},
              "", &out) == 0);
    CHECK(out.find("Survei dibuka") != std::string::npos);
    REQUIRE(server_count(srv.db_path(), campaigns) == 1);
    const auto rows = server_rows(srv.db_path(), "SELECT c.period, o.name AS scope, c.created_by FROM survey_campaigns c "
                                                 "JOIN offices o ON o.id = c.scope_office_id");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["period"] == "2026-S2");
    CHECK(rows[0]["scope"] == "Kecamatan Medan Marelan");  // the camat's own office by default
    CHECK(rows[0]["created_by"] == "camat.marelan");

    CHECK(run({cli, "--db", camat, "survey", "list", "--json"}, "", &out) == 0);
    const json list = json::parse(out);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["title"] == "Survei Kepuasan Pegawai Semester II");
    CHECK_FALSE(list[0].contains("instrument"));

    // A kelurahan operator may not open one: the server refuses (exit 2), nothing written.
    cli_login(op, srv, "operator.terjun");
    REQUIRE(run({cli, "--db", op, "sync"}) == 0);
    CHECK(run({cli, "--db", op, "survey", "create", "--title", "Survei", "--period", "2026-S2", "--opens",
               "2026-12-01", "--closes", "2026-12-31"}) == 2);
    CHECK(server_count(srv.db_path(), campaigns) == 1);
    // Not signed in: a usage error, not a crash.
    CHECK(run({cli, "--db", dir + "/fresh.db", "survey", "list"}) == 2);
}

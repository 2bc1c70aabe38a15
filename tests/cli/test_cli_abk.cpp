#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"

using namespace seimbang::cli;

namespace {
struct Run {
    int code;
    std::string out, err;
};

Run run(int (*cmd)(Context&, const Args&), const Args& args, const std::string& db = {},
        const std::string& stdin_text = {}) {
    std::ostringstream out, err;
    std::istringstream in(stdin_text);
    Context ctx{db, out, err, in};
    int code = cmd(ctx, args);
    return {code, out.str(), err.str()};
}

const std::string kData = std::string(SEIMBANG_SOURCE_DIR) + "/tests/cli/data/two_kelurahan.csv";
const std::string kHeader = "unit,position,task,output_unit,volume,period,norm_minutes,holders\n";

std::string temp_db(const char* name) {
    auto p = std::filesystem::temp_directory_path() / (std::string("seimbang-cli-") + name + ".db");
    std::filesystem::remove(p);
    return p.string();
}
}  // namespace

TEST_CASE("abk --input: JSON output has the documented fields and shows shortage and surplus") {
    Run r = run(cmd_abk, {"--input", kData});
    REQUIRE(r.code == kExitOk);
    CHECK(r.err.empty());
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["positions"].size() == 2);
    const auto& terjun = j["positions"][0];
    for (const char* k : {"unit", "position", "workload_minutes", "needed", "needed_rounded", "holders", "difference",
                          "ej", "pj"})
        CHECK(terjun.contains(k));
    CHECK(terjun["workload_minutes"] == 150000.0);  // 20/day × 250 × 30
    CHECK(terjun["needed"] == 2.0);
    CHECK(terjun["difference"] == -1);
    CHECK(terjun["ej"] == 2.0);
    const auto& paya = j["positions"][1];
    CHECK(paya["difference"] == 2);
    CHECK(paya["pj"] == "E");
    for (const char* k : {"unit", "workload_minutes", "needed", "holders", "eu", "pu"}) CHECK(j["units"][0].contains(k));
}

TEST_CASE("abk --wke changes the divisor; bad options are usage errors (exit 2)") {
    Run r = run(cmd_abk, {"--input", kData, "--wke", "150000"});
    REQUIRE(r.code == kExitOk);
    CHECK(nlohmann::json::parse(r.out)["positions"][0]["needed"] == 1.0);
    CHECK(run(cmd_abk, {"--input", kData, "--wke", "0"}).code == kExitBadInput);
    CHECK(run(cmd_abk, {"--input", kData, "--wke", "abc"}).code == kExitBadInput);
    CHECK(run(cmd_abk, {"--input", kData, "--format", "xml"}).code == kExitBadInput);
    CHECK(run(cmd_abk, {}).code == kExitBadInput);
    Run missing = run(cmd_abk, {"--input", "/nonexistent/file.csv"});
    CHECK(missing.code == kExitBadInput);
    CHECK(missing.out.empty());
}

TEST_CASE("abk: a malformed row names line and column, exits 2 and prints nothing on stdout") {
    Run r = run(cmd_abk, {"--input", "-"}, {},
                kHeader + "Kel A,Clerk,Letters,doc,10,day,30,1\nKel A,Clerk,Filing,doc,ten,day,30,1\n");
    CHECK(r.code == kExitBadInput);
    CHECK(r.out.empty());
    CHECK(r.err.find("-:3:") != std::string::npos);
    CHECK(r.err.find("'volume'") != std::string::npos);
    CHECK(r.err.find("abk.csv.bad_number") != std::string::npos);
}

TEST_CASE("abk --db: demo data computed from the database equals the exported CSV computed again") {
    const std::string db = temp_db("abk");
    Run seeded = run(cmd_demo, {}, db);
    REQUIRE(seeded.code == kExitOk);
    Run from_db = run(cmd_abk, {}, db);
    REQUIRE(from_db.code == kExitOk);
    Run csv = run(cmd_abk, {"--export-csv"}, db);
    REQUIRE(csv.code == kExitOk);
    Run from_csv = run(cmd_abk, {"--input", "-"}, {}, csv.out);
    REQUIRE(from_csv.code == kExitOk);
    CHECK(nlohmann::json::parse(from_db.out) == nlohmann::json::parse(from_csv.out));
    // Shortages and surpluses across kelurahan are both visible.
    auto j = nlohmann::json::parse(from_db.out);
    bool short_terjun = false, surplus_paya = false;
    for (const auto& p : j["positions"]) {
        if (p["unit"] == "Kelurahan Terjun" && p["difference"].get<int>() < 0) short_terjun = true;
        if (p["unit"] == "Kelurahan Paya Pasir" && p["difference"].get<int>() > 0) surplus_paya = true;
    }
    CHECK(short_terjun);
    CHECK(surplus_paya);
    CHECK(run(cmd_demo, {}, db).code == kExitBadInput);  // never seeds twice
    CHECK(run(cmd_abk, {"--scope", "Kelurahan Atlantis"}, db).code == kExitBadInput);
    Run scoped = run(cmd_abk, {"--scope", "Kelurahan Terjun"}, db);
    REQUIRE(scoped.code == kExitOk);
    CHECK(nlohmann::json::parse(scoped.out)["units"].size() == 1);
    std::filesystem::remove(db);
}

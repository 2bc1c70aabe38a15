// The real `seimbang` binary importing into a live synced client database that
// has an unsent edit: the import's rows join the outbox beside it, sync sends
// both, the server holds the result, and the same file again queues nothing.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "harness.h"

using namespace itest;
using nlohmann::json;

namespace {
std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}
int pending(const std::string& db) {
    std::string out;
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "status", "--json"}, {}, &out) == 0);
    return json::parse(out)["pending"].get<int>();
}
}  // namespace

TEST_CASE("import over a live synced database with a pending edit: both sync, a re-import queues nothing") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    const std::string db = dir + "/cli.db";
    std::string out;
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "login", "--server", srv.url(), "--user", "operator.terjun",
                 "--password-stdin"},
                "marelan2026\n", &out) == 0);
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "sync"}, {}, &out) == 0);
    // The operator's scope is Terjun: the device holds its staff only; take two of them.
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "employee", "list", "--json"}, {}, &out) == 0);
    auto staff = json::parse(out);
    REQUIRE(staff.size() >= 2);
    const std::string edited = staff[0]["id"], promoted_nip = staff[1]["nip"];
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "employee", "edit", edited, "--education", "S-3"}, {}, &out) == 0);
    REQUIRE(pending(db) == 1);

    // The office's list as exported, then changed the way a later SIMPEG export would be:
    // one promotion and one newcomer.
    const std::string file = dir + "/pegawai.csv";
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "export", "employees", "--file", file}, {}, &out) == 0);
    std::string csv = slurp(file);
    std::istringstream lines(csv);
    std::string line, changed;
    std::string gol_after;
    while (std::getline(lines, line)) {
        if (line.rfind(promoted_nip, 0) == 0) {
            // NIP,Nama,JK,Lahir,ASN,Gol,... : the golongan is the sixth field.
            std::vector<std::string> f;
            std::stringstream ss(line);
            for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
            REQUIRE(f.size() >= 9);
            gol_after = f[4] == "PPPK" ? (f[5] == "XVII" ? "XVI" : "XVII") : (f[5] == "IV/e" ? "IV/d" : "IV/e");
            f[5] = gol_after;
            line.clear();
            for (size_t i = 0; i < f.size(); ++i) line += (i ? "," : "") + f[i];
        }
        changed += line + "\n";
    }
    REQUIRE(!gol_after.empty());
    std::string office = staff[0]["office_id"];
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "position", "list", "--office", office, "--json"}, {}, &out) == 0);
    const std::string position = json::parse(out)[0]["name"];
    changed += "199001152015032001,Sri Wahyuni,P,15-01-1990,PNS,III/a,S-1," + position + "," + office + ",04-01-2021\n";
    std::ofstream(file, std::ios::binary | std::ios::trunc) << changed;

    // Dry run: one add, one change, nothing written.
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "import", "employees", "--file", file, "--json"}, {}, &out) == 0);
    auto plan = json::parse(out);
    CHECK(plan["added"] == 1);
    CHECK(plan["changed"] == 1);
    CHECK(plan["refused"] == 0);
    CHECK(pending(db) == 1);
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "import", "employees", "--file", file, "--apply", "--json"}, {}, &out) == 0);
    CHECK(pending(db) == 3);  // the edit made before, and the import's two
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "sync"}, {}, &out) == 0);
    CHECK(pending(db) == 0);
    CHECK(server_rows(srv.db_path(), "SELECT education FROM employees WHERE id = '" + edited + "'")[0]["education"] ==
          "S-3");
    CHECK(server_rows(srv.db_path(), "SELECT golongan FROM employees WHERE nip = '" + promoted_nip + "'")[0]["golongan"] ==
          gol_after);
    CHECK(server_rows(srv.db_path(), "SELECT count(*) AS n FROM employees WHERE nip = '199001152015032001'")[0]["n"] == 1);

    // The same file again: nothing to change, nothing queued.
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "import", "employees", "--file", file, "--apply", "--json"}, {}, &out) == 0);
    plan = json::parse(out);
    CHECK(plan["added"] == 0);
    CHECK(plan["changed"] == 0);
    CHECK(pending(db) == 0);
}

// Faults around one push: the server killed (SIGKILL) after committing and
// before answering, a request cut off mid-body, the same batch sent twice, and
// a graceful stop (SIGTERM) while a push is in flight.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <thread>

#include <httplib.h>

#include "harness.h"
#include "store/repo.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;

namespace {
// n edits that certainly change something (dates no seeded record has).
void edit_some(SimOffice& o, int n, const std::string& year) {
    auto staff = store::list_employees(*o.db, {o.office_id, false});
    REQUIRE(static_cast<int>(staff.size()) >= n);
    for (int i = 0; i < n; ++i) {
        staff[static_cast<size_t>(i)].tmt_position = year + "-01-0" + std::to_string(i + 1);
        REQUIRE(store::save_employee(*o.db, staff[static_cast<size_t>(i)]).ok());
    }
}
int64_t applied_for(const ServerProcess& s, const SimOffice& o) {
    return server_count(s.db_path(), "SELECT count(*) FROM sync_applied WHERE device_id = '" + o.device + "'");
}
}  // namespace

TEST_CASE("SIGKILL between commit and answer: the re-sent batch is a duplicate, applied once") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true, {"--test-pause-after-commit-ms", "1500"});
    SimOffice o(dir, "operator.terjun", srv.url());
    REQUIRE(o.sync().ok);
    edit_some(o, 3, "2025");
    auto pending = std::async(std::launch::async, [&] { return o.sync(); });
    // Killed once the batch is committed, while the answer is held back (a fixed
    // wait was flaky on a loaded machine: the commit came later than the kill).
    for (int i = 0; i < 500 && applied_for(srv, o) < 3; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    srv.kill_hard();
    auto rep = pending.get();
    CHECK_FALSE(rep.ok);
    CHECK(rep.error == "network");
    CHECK(sync::sync_status(*o.db).pending == 3);  // the client does not know it was applied
    CHECK(applied_for(srv, o) == 3);                // but the server committed it

    srv.start();
    o.http = std::make_unique<cli::HttpTransport>(srv.url(), o.token, o.device, 20);
    rep = o.sync();
    REQUIRE(rep.ok);
    CHECK(rep.push.duplicate == 3);
    CHECK(rep.push.applied == 0);
    CHECK(applied_for(srv, o) == 3);
    CHECK(sync::sync_status(*o.db).pending == 0);
    CHECK(rep.checksum_ok);
}

TEST_CASE("a push cut off mid-request changes nothing; the same batch twice is applied once") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice o(dir, "operator.payapasir", srv.url());
    REQUIRE(o.sync().ok);
    edit_some(o, 2, "2024");
    auto batch = sync::build_push(*o.db);
    REQUIRE(batch);
    const std::string body = batch->body.dump();

    // Raw socket: headers promise the whole body, half of it arrives, then the line drops.
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(srv.port()));
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    const std::string head = "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Authorization: Bearer " + o.token + "\r\nX-Device-Id: " + o.device +
                             "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    const std::string partial = head + body.substr(0, body.size() / 2);
    REQUIRE(write(fd, partial.data(), partial.size()) == static_cast<ssize_t>(partial.size()));
    close(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(applied_for(srv, o) == 0);

    // The whole batch, twice (a lost answer), then a normal sync.
    auto r1 = o.http->post_json("/api/v1/sync/push", body);
    auto r2 = o.http->post_json("/api/v1/sync/push", body);
    REQUIRE(r1.status == 200);
    REQUIRE(r2.status == 200);
    auto j2 = json::parse(r2.body);
    CHECK(j2["results"][0]["status"] == "duplicate");
    CHECK(j2["results"][1]["status"] == "duplicate");
    CHECK(applied_for(srv, o) == 2);
    auto rep = o.sync();
    REQUIRE(rep.ok);
    CHECK(rep.push.duplicate == 2);
    CHECK(rep.checksum_ok);
}

TEST_CASE("SIGTERM lets an in-flight push finish and answer") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true, {"--test-pause-after-commit-ms", "700"});
    SimOffice o(dir, "operator.rengaspulau", srv.url());
    REQUIRE(o.sync().ok);
    edit_some(o, 2, "2023");
    auto batch = sync::build_push(*o.db);
    auto pending = std::async(std::launch::async, [&] { return o.http->post_json("/api/v1/sync/push", batch->body.dump()); });
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    CHECK(srv.stop() == 0);
    auto r = pending.get();
    CHECK(r.status == 200);
    CHECK(applied_for(srv, o) == 2);
}

TEST_CASE("the real seimbang binary: login from stdin, offline edit, sync, status") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    const std::string db = dir + "/cli.db";
    std::string out;
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "login", "--server", srv.url(), "--user", "operator.terjun",
               "--password-stdin"},
              "marelan2026\n", &out) == 0);
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "sync"}, {}, &out) == 0);
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "employee", "list", "--json"}, {}, &out) == 0);
    auto list = json::parse(out);
    REQUIRE(!list.empty());
    const std::string id = list[0]["id"];
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "employee", "edit", id, "--education", "S-3"}, {}, &out) == 0);
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "status", "--json"}, {}, &out) == 0);
    CHECK(json::parse(out)["pending"] == 1);
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "sync"}, {}, &out) == 0);
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "sync"}, {}, &out) == 0);  // re-running is harmless
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "status", "--json"}, {}, &out) == 0);
    CHECK(json::parse(out)["pending"] == 0);
    CHECK(server_rows(srv.db_path(), "SELECT education FROM employees WHERE id = '" + id + "'")[0]["education"] == "S-3");
    // A wrong password: specific code, exit 2.
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "login", "--server", srv.url(), "--user", "operator.terjun",
               "--password-stdin"},
              "salah\n", &out) == 2);
}

TEST_CASE("the real seimbang binary: queued edits are sent only under the account that made them") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    const std::string db = dir + "/cli.db";
    std::string out;
    auto login_as = [&](const std::string& user) {
        return run({SEIMBANG_CLI_BIN, "--db", db, "login", "--server", srv.url(), "--user", user, "--password-stdin"},
                   "marelan2026\n", &out);
    };
    REQUIRE(login_as("operator.terjun") == 0);
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "sync"}, {}, &out) == 0);
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "employee", "list", "--json"}, {}, &out) == 0);
    const std::string id = json::parse(out)[0]["id"];
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "employee", "edit", id, "--education", "S-3"}, {}, &out) == 0);

    // The lurah may not take over the device while the operator's edit waits.
    CHECK(login_as("lurah.terjun") == 2);
    CHECK(run({SEIMBANG_CLI_BIN, "--db", db, "status", "--json"}, {}, &out) == 0);
    CHECK(json::parse(out)["pending"] == 1);
    CHECK(server_rows(srv.db_path(), "SELECT education FROM employees WHERE id = '" + id + "'")[0]["education"] !=
          "S-3");

    // The operator's own sync sends it, recorded as the operator's; then the lurah may sign in.
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "sync"}, {}, &out) == 0);
    CHECK(server_rows(srv.db_path(), "SELECT _meta FROM employees WHERE id = '" + id + "'")[0]["_meta"]
              .get<std::string>()
              .find("\"operator.terjun\"") != std::string::npos);
    CHECK(login_as("lurah.terjun") == 0);
}

TEST_CASE("a second serve on the same port refuses to start instead of sharing the connections") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    std::string out;
    // `timeout` turns a second server that started anyway into exit 124.
    const int rc = run({"/usr/bin/timeout", "10", SEIMBANG_SERVER_BIN, "serve", "--db", dir + "/server.db", "--port",
                        std::to_string(srv.port())},
                       {}, &out);
    CHECK(rc == 1);
    httplib::Client c("127.0.0.1", srv.port());
    auto r = c.Get("/api/v1/health");
    REQUIRE(r);
    CHECK(r->status == 200);  // the first one still serves
}

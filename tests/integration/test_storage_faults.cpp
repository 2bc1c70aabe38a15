// Storage faults on the server (docs/SECURITY.md): when the database cannot grow
// (a full disk; here SQLite's page limit through `serve --max-db-mb`), a push
// gets 507 storage.full, commits nothing of its batch, the device keeps its
// edits, and the server goes on serving. Once there is room, they arrive once.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <httplib.h>

#include "harness.h"
#include "store/repo.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;

TEST_CASE("storage full during a push: 507 storage.full, nothing partial, edits kept, server keeps serving") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice terjun(dir, "operator.terjun", srv.url());
    SimOffice camat(dir, "camat.marelan", srv.url());
    REQUIRE(terjun.sync().ok);
    REQUIRE(camat.sync().ok);
    REQUIRE(srv.stop() == 0);
    // The limit: the database as it is, rounded up to whole MiB (< 1 MiB of room).
    const int64_t bytes = server_count(srv.db_path(), "PRAGMA page_count") *
                          server_count(srv.db_path(), "PRAGMA page_size");
    const int64_t mb = (bytes + (1 << 20) - 1) / (1 << 20);
    srv.start({"--max-db-mb", std::to_string(mb)});
    terjun.http = std::make_unique<cli::HttpTransport>(srv.url(), terjun.token, terjun.device, 20);
    camat.http = std::make_unique<cli::HttpTransport>(srv.url(), camat.token, camat.device, 20);

    // ~3,000 tasks of 500 characters: several MiB with their indexes and log.
    const std::string position = store::list_positions(*terjun.db, terjun.office_id).front().id;
    const int kTasks = 3000;
    terjun.db->transaction([&] {
        for (int i = 0; i < kTasks; ++i) {
            AbkTask t;
            t.position_id = position;
            t.year = 2026;
            t.task = "storage-fault " + std::to_string(i) + " " + std::string(480, 'x');
            t.output_unit = "berkas";
            t.volume = 1;
            t.norm_minutes = 10;
            REQUIRE(store::save_task(*terjun.db, t).ok());
        }
    });
    const std::string marked = "SELECT count(*) FROM abk_tasks WHERE task LIKE 'storage-fault %'";

    auto rep = terjun.sync();
    CHECK_FALSE(rep.ok);
    CHECK(rep.http_status == 507);
    CHECK(rep.error == "storage.full");
    const int64_t pending = sync::sync_status(*terjun.db).pending;
    CHECK(pending > 0);
    CHECK(pending % 500 == 0);  // whole batches: the refused one left nothing behind
    CHECK(server_count(srv.db_path(), marked) == kTasks - pending);
    CHECK(sync::list_rejected(*terjun.db).empty());  // nothing was refused as a record

    // The server keeps serving: health, and another device's pull.
    CHECK(healthy(srv.url()));
    auto rc = camat.sync();
    CHECK(rc.ok);
    CHECK(rc.checksum_ok);
    // The same push again fails the same way, still without effect.
    rep = terjun.sync();
    CHECK(rep.error == "storage.full");
    CHECK(sync::sync_status(*terjun.db).pending == pending);
    CHECK(server_count(srv.db_path(), marked) == kTasks - pending);

    // Room again: everything arrives, once.
    REQUIRE(srv.stop() == 0);
    srv.start();
    terjun.http = std::make_unique<cli::HttpTransport>(srv.url(), terjun.token, terjun.device, 20);
    rep = terjun.sync();
    REQUIRE(rep.ok);
    CHECK(sync::sync_status(*terjun.db).pending == 0);
    CHECK(server_count(srv.db_path(), marked) == kTasks);
    CHECK(rep.checksum_ok);
}

// Two processes writing the same server database (`seimbang-server purge` or
// `init` beside a serving one), here two connections each with its own
// ServerSync: seqs must stay unique and grow in commit order, and a device's
// pull cursor must never pass over a row the other one wrote.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "demo/seed.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/server_sync.h"

using namespace seimbang;
using namespace seimbang::sync;

namespace {

std::string temp_db(const char* name) {
    const auto dir = std::filesystem::temp_directory_path() / "seimbang-unit";
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    return path.string();
}

void rename_office(store::Db& db, const std::string& id, const std::string& name) {
    db.transaction([&] { store::write_row(db, *store::find_table("offices"), id, {{"name", name}}); });
}

// Every seq of the change log (rows and exit records).
std::vector<int64_t> all_seqs(store::Db& db) {
    std::string sql = "SELECT seq FROM sync_exits";
    for (const auto& t : store::synced_tables()) sql += " UNION ALL SELECT _seq FROM " + t.name + " WHERE _seq IS NOT NULL";
    std::vector<int64_t> out;
    auto q = db.prepare(sql);
    while (q.step()) out.push_back(q.int64(0));
    return out;
}

// A pusat device pulling everything from `s` until done.
void pull_all(store::Db& client, ServerSync& s, const Principal& p) {
    for (;;) {
        const auto path = pull_path(client, 50);
        const auto cursor = std::stoll(path.substr(path.find('=') + 1));
        Reply r = s.pull(p, cursor, 50, path.find("snapshot=1") != std::string::npos);
        REQUIRE(r.status == 200);
        if (!apply_pull_page(client, r.body).more) return;
    }
}

std::string office_name(store::Db& db, const std::string& id) {
    auto q = db.prepare("SELECT name FROM offices WHERE id = ?1");
    q.bind(1, id);
    return q.step() ? q.text(0) : std::string();
}

}  // namespace

TEST_CASE("sync: two writers on one server database keep seqs unique; no pull passes over a row") {
    const std::string path = temp_db("two-writers.db");
    store::Db a(path);
    a.exec("PRAGMA journal_mode=WAL");
    store::migrate(a);
    auto serving = std::make_unique<ServerSync>(a);
    demo::DemoIds ids;
    demo::seed_marelan(a, &ids);

    store::Db device(":memory:");
    store::migrate(device);
    install_client(device);
    const Principal pusat{"u-pusat", "pusat.user", "pusat", "pusat", ids.kota, "", device_id(device)};
    pull_all(device, *serving, pusat);

    // A second process opens the database while the first keeps serving.
    store::Db b(path);
    ServerSync other(b);
    rename_office(a, ids.kelurahan[4], "Kelurahan Terjun (A)");
    rename_office(b, ids.kelurahan[1], "Kelurahan Paya Pasir (B)");
    rename_office(a, ids.kecamatan, "Kecamatan Medan Marelan (A)");

    const auto seqs = all_seqs(a);
    CHECK(std::set<int64_t>(seqs.begin(), seqs.end()).size() == seqs.size());

    pull_all(device, *serving, pusat);
    CHECK(office_name(device, ids.kelurahan[4]) == "Kelurahan Terjun (A)");
    CHECK(office_name(device, ids.kelurahan[1]) == "Kelurahan Paya Pasir (B)");
    CHECK(office_name(device, ids.kecamatan) == "Kecamatan Medan Marelan (A)");

    // The other process writes again after the device's last pull: the next
    // pull still gets it.
    rename_office(b, ids.kelurahan[1], "Kelurahan Paya Pasir (B2)");
    pull_all(device, *serving, pusat);
    CHECK(office_name(device, ids.kelurahan[1]) == "Kelurahan Paya Pasir (B2)");
}

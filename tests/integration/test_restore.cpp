// Restore without loss (docs/SYNC.md §8.1): the server is restored from a
// backup while devices hold edits the backup lacks — their own acknowledged
// edits, an edit still queued, and rows another device made and is gone with.
// After the devices sync, the server holds every one of them exactly once.
#include <doctest/doctest.h>

#include <cstdio>

#include "harness.h"
#include "store/repo.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;

namespace {
// A new employee on the first position of the device's office.
std::string add_employee(SimOffice& o, const std::string& nip, const std::string& name) {
    auto positions = store::list_positions(*o.db, o.office_id);
    REQUIRE_FALSE(positions.empty());
    Employee e;
    e.nip = nip;
    e.name = name;
    e.gender = Gender::female;
    e.birth_date = nip.substr(0, 4) + "-" + nip.substr(4, 2) + "-" + nip.substr(6, 2);
    e.asn_type = "PNS";
    e.golongan = "II/b";
    e.position_id = positions.front().id;
    REQUIRE(store::save_employee(*o.db, e).ok());
    for (const auto& s : store::list_employees(*o.db, {o.office_id, false}))
        if (s.nip == nip) return s.id;
    FAIL("employee not saved");
    return {};
}
void set_tmt(SimOffice& o, const std::string& id, const std::string& tmt) {
    auto e = store::get_employee(*o.db, id);
    REQUIRE(e);
    e->tmt_position = tmt;
    REQUIRE(store::save_employee(*o.db, *e).ok());
}
int64_t on_server(const ServerProcess& s, const std::string& where) {
    return server_count(s.db_path(), "SELECT count(*) FROM employees WHERE " + where);
}
}  // namespace

TEST_CASE("restore without loss: after a restore from an older backup, devices send again what it lacks, once") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice terjun(dir, "operator.terjun", srv.url());
    SimOffice camat(dir, "camat.marelan", srv.url());
    REQUIRE(terjun.sync().ok);
    REQUIRE(camat.sync().ok);

    auto staff = store::list_employees(*terjun.db, {terjun.office_id, false});
    REQUIRE(staff.size() >= 3);
    const std::string e0 = staff[0].id, e1 = staff[1].id, e2 = staff[2].id;
    set_tmt(terjun, e0, "2021-02-03");  // before the backup: in it
    REQUIRE(terjun.sync().ok);

    const std::string backup = dir + "/backup.db";
    REQUIRE(run({server_bin(), "backup", "--db", srv.db_path(), "--to", backup}) == 0);

    // After the backup: Terjun's acknowledged edits (a change and a new employee)…
    set_tmt(terjun, e1, "2022-03-04");
    const std::string n1 = add_employee(terjun, "199001012015032001", "Nur Restu");
    REQUIRE(terjun.sync().ok);
    // …a device of Paya Pasir that adds someone, syncs, and is then lost…
    {
        SimOffice paya(dir, "operator.payapasir", srv.url());
        REQUIRE(paya.sync().ok);
        add_employee(paya, "199102022016042002", "Sari Hilang");
        REQUIRE(paya.sync().ok);
    }
    // …the camat's device, which received all of that…
    REQUIRE(camat.sync().ok);
    CHECK(on_server(srv, "nip = '199102022016042002'") == 1);
    // …and an edit still queued on Terjun's device.
    set_tmt(terjun, e2, "2023-05-06");

    REQUIRE(srv.stop() == 0);
    std::string out;
    REQUIRE(run({server_bin(), "restore", "--db", srv.db_path(), "--from", backup}, {}, &out) == 0);
    CHECK(out.find("generation") != std::string::npos);
    CHECK(on_server(srv, "nip IN ('199001012015032001', '199102022016042002')") == 0);  // lost by the restore
    CHECK(on_server(srv, "id = '" + e1 + "' AND tmt_position = '2022-03-04'") == 0);
    srv.start();
    terjun.http = std::make_unique<cli::HttpTransport>(srv.url(), terjun.token, terjun.device, 20);
    camat.http = std::make_unique<cli::HttpTransport>(srv.url(), camat.token, camat.device, 20);

    auto rt = terjun.sync();
    REQUIRE(rt.ok);
    CHECK(rt.restored);
    auto rc = camat.sync();
    REQUIRE(rc.ok);
    CHECK(rc.restored);
    // Once more each: nothing left to send, and each replica equals the server.
    for (SimOffice* o : {&terjun, &camat}) {
        auto again = o->sync();
        REQUIRE(again.ok);
        CHECK_FALSE(again.restored);
        CHECK(again.push.applied == 0);
        CHECK(again.checksum_checked);
        CHECK(again.checksum_ok);
        CHECK(sync::sync_status(*o->db).pending == 0);
        CHECK(sync::list_rejected(*o->db).empty());
    }

    // Everything acknowledged before the restore, and the queued edit, is there once.
    CHECK(on_server(srv, "id = '" + e0 + "' AND tmt_position = '2021-02-03'") == 1);
    CHECK(on_server(srv, "id = '" + e1 + "' AND tmt_position = '2022-03-04'") == 1);
    CHECK(on_server(srv, "id = '" + e2 + "' AND tmt_position = '2023-05-06'") == 1);
    CHECK(on_server(srv, "nip = '199001012015032001'") == 1);
    CHECK(on_server(srv, "id = '" + n1 + "' AND name = 'Nur Restu'") == 1);
    CHECK(on_server(srv, "nip = '199102022016042002' AND name = 'Sari Hilang'") == 1);
    // Terjun's edits from before the backup were not sent again (their seq is in it).
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM sync_applied WHERE device_id = '" + terjun.device +
                                          "'") == 4);
    // No conflict was recorded for the rows sent back (they only fill in what was lost).
    CHECK(sync::list_conflicts(*camat.db).empty());
    CHECK(sync::list_conflicts(*terjun.db).empty());
}

TEST_CASE("restore refuses a file that is not a server backup and changes nothing") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    REQUIRE(srv.stop() == 0);
    const std::string bogus = dir + "/bogus.db";
    {
        store::Db b(bogus);
        b.exec("CREATE TABLE t (x)");
    }
    const int64_t before = server_count(srv.db_path(), "SELECT count(*) FROM employees");
    const std::string gen = server_rows(srv.db_path(), "SELECT value FROM local_meta WHERE key = 'sync.generation'")
                                .dump();
    std::string out;
    CHECK(run({server_bin(), "restore", "--db", srv.db_path(), "--from", bogus}, {}, &out) == 1);
    CHECK(run({server_bin(), "restore", "--db", srv.db_path(), "--from", dir + "/missing.db"}, {}, &out) == 1);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM employees") == before);
    CHECK(server_rows(srv.db_path(), "SELECT value FROM local_meta WHERE key = 'sync.generation'").dump() == gen);
}

// Placement history (issue 20): a recorded correction of office/position, an
// archive and its undo, each one transaction with its history row; the rows
// sync under the same record rules on the server; a pegawai's pull carries
// their own post. Client and server databases exchange bodies in one process,
// as in test_sync.cpp.
#include <doctest/doctest.h>

#include "demo/seed.h"
#include "store/placements.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/server_sync.h"
#include "util/uuid.h"

using namespace seimbang;
using namespace seimbang::sync;

namespace {

struct Server {
    store::Db db{":memory:"};
    std::unique_ptr<ServerSync> sync;
    demo::DemoIds ids;
    Server() {
        store::migrate(db);
        sync = std::make_unique<ServerSync>(db);
        demo::seed_marelan(db, &ids);
    }
};

struct Device {
    store::Db db{":memory:"};
    Principal p;
    Device(const std::string& role, const std::string& office, const std::string& employee = "") {
        store::migrate(db);
        install_client(db);
        p = {"u-" + role + office, role + ".user", role, role, office, employee, device_id(db)};
    }
    Reply push_raw(Server& s) {
        auto b = build_push(db);
        REQUIRE(b);
        return s.sync->push(p, b->body);
    }
    PushSummary push(Server& s) {
        PushSummary sum;
        while (auto b = build_push(db)) {
            Reply r = s.sync->push(p, b->body);
            REQUIRE(r.status == 200);
            sum += apply_push_response(db, r.body);
        }
        return sum;
    }
    PullResult pull(Server& s) {
        PullResult last;
        for (;;) {
            auto path = pull_path(db, 50);
            auto cur = std::stoll(path.substr(path.find('=') + 1));
            Reply r = s.sync->pull(p, cur, 50, path.find("snapshot=1") != std::string::npos);
            REQUIRE(r.status == 200);
            last = apply_pull_page(db, r.body);
            if (!last.more) return last;
        }
    }
};

store::PlacementNote note(const std::string& reason, const std::string& tmt = "2026-03-01") {
    return {tmt, reason, "", "operator.terjun", 1'780'000'000'000};
}

int count(store::Db& db, const std::string& sql) {
    auto s = db.prepare(sql);
    s.step();
    return static_cast<int>(s.int64(0));
}

bool has_code(const Check& c, const char* code) {
    for (const auto& i : c.issues)
        if (i.code == code) return true;
    return false;
}

// An employee of `office` holding a post, and another post of `office`.
std::pair<Employee, Position> employee_and_other_post(store::Db& db, const std::string& office) {
    for (const auto& e : store::list_employees(db, {office, false}))
        for (const auto& p : store::list_positions(db, office))
            if (!e.position_id.empty() && p.id != e.position_id && p.office_id == office) return {e, p};
    FAIL("no employee with another post in the office");
    return {};
}

int holders(store::Db& db, const std::string& position_id) {
    auto s = db.prepare("SELECT count(*) FROM employees WHERE position_id = ?1 AND archived = 0");
    s.bind(1, position_id);
    s.step();
    return static_cast<int>(s.int64(0));
}

}  // namespace

TEST_CASE("placement correction: one transaction with its history row; reason required; nothing changes when refused") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    const std::string terjun = ids.kelurahan[4];
    auto [e, post] = employee_and_other_post(db, terjun);
    const std::string from_post = e.position_id;

    // No reason: refused, employee and history unchanged.
    Check c = store::correct_placement(db, e.id, terjun, post.id, note(""));
    CHECK(has_code(c, "field.required"));
    CHECK(store::get_employee(db, e.id)->position_id == from_post);
    CHECK(store::list_placements(db, e.id).empty());

    // A post of another office under the wrong office: refused by the record rules, no history row.
    const auto paya_posts = store::list_positions(db, ids.kelurahan[1]);
    REQUIRE(!paya_posts.empty());
    c = store::correct_placement(db, e.id, terjun, paya_posts.front().id, note("salah input"));
    CHECK(has_code(c, "employee.position_office_mismatch"));
    CHECK(store::list_placements(db, e.id).empty());
    CHECK(store::get_employee(db, e.id)->position_id == from_post);

    // Nothing to correct.
    CHECK(has_code(store::correct_placement(db, e.id, terjun, from_post, note("x")), "placement.no_change"));

    c = store::correct_placement(db, e.id, terjun, post.id, note("salah input saat pendataan awal"));
    REQUIRE(c.ok());
    const auto after = store::get_employee(db, e.id);
    CHECK(after->position_id == post.id);
    CHECK(after->tmt_position == "2026-03-01");
    const auto h = store::list_placements(db, e.id);
    REQUIRE(h.size() == 1);
    CHECK(h[0].cause == "koreksi");
    CHECK(h[0].from_position_id == from_post);
    CHECK(h[0].position_id == post.id);
    CHECK(h[0].reason == "salah input saat pendataan awal");
    CHECK(h[0].recorded_by == "operator.terjun");
}

TEST_CASE("archive: with an exit kind and reason; the person leaves the holders; undo records its reason") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    auto [e, post] = employee_and_other_post(db, ids.kelurahan[4]);
    const int before = holders(db, e.position_id);

    CHECK(has_code(store::archive_employee_recorded(db, e.id, "", note("purna tugas")), "placement.bad_exit_kind"));
    CHECK(has_code(store::archive_employee_recorded(db, e.id, "pensiun", note("")), "field.required"));
    CHECK_FALSE(store::get_employee(db, e.id)->archived);

    REQUIRE(store::archive_employee_recorded(db, e.id, "pensiun", note("BUP 58 tahun")).ok());
    CHECK(store::get_employee(db, e.id)->archived);
    CHECK(holders(db, e.position_id) == before - 1);
    CHECK(has_code(store::archive_employee_recorded(db, e.id, "wafat", note("x")), "placement.archived"));
    CHECK(has_code(store::correct_placement(db, e.id, e.office_id, post.id, note("x")), "placement.archived"));

    CHECK(has_code(store::unarchive_employee(db, e.id, note("")), "field.required"));
    REQUIRE(store::unarchive_employee(db, e.id, note("salah pilih pegawai", "2026-03-02")).ok());
    CHECK_FALSE(store::get_employee(db, e.id)->archived);
    CHECK(holders(db, e.position_id) == before);
    const auto h = store::list_placements(db, e.id);
    REQUIRE(h.size() == 2);
    CHECK(h[0].cause == "arsip");
    CHECK(h[0].exit_kind == "pensiun");
    CHECK(h[1].cause == "batal_arsip");
    CHECK(h[1].reason == "salah pilih pegawai");
}

TEST_CASE("migration 5: a schema-4 database keeps its placement rows and takes the new causes") {
    store::Db db(":memory:");
    store::migrate(db, 4);
    // (the demo seed writes through today's repositories: rows of schema 4 by hand)
    db.exec("INSERT INTO offices(id, kind, name) VALUES ('o1', 'kelurahan', 'Terjun')");
    db.exec("INSERT INTO employees(id, nip, name, gender, birth_date, asn_type, golongan, office_id) VALUES "
            "('e1', '196608011988031001', 'Budi', 'L', '1966-08-01', 'PNS', 'III/a', 'o1')");
    db.exec("INSERT INTO placements(id, employee_id, office_id, tmt, cause, reference) VALUES "
            "('p1', 'e1', 'o1', '2025-01-01', 'mutasi', 'SK 1/2025')");
    CHECK_THROWS(db.exec("INSERT INTO placements(id, employee_id, office_id, tmt, cause) VALUES "
                         "('p2', 'e1', 'o1', '2025-01-01', 'arsip')"));
    store::migrate(db);
    CHECK(store::schema_version(db) == store::latest_schema_version());
    const auto h = store::list_placements(db, "e1");
    REQUIRE(h.size() == 1);
    CHECK(h[0].reference == "SK 1/2025");
    CHECK(h[0].reason.empty());
    db.exec("INSERT INTO placements(id, employee_id, office_id, tmt, cause, reason, exit_kind) VALUES "
            "('p2', 'e1', 'o1', '2025-01-01', 'arsip', 'pensiun', 'pensiun')");
    CHECK(count(db, "SELECT count(*) FROM placements") == 2);
}

TEST_CASE("sync: a correction reaches the server, the new office and the office the person left") {
    Server s;
    const std::string terjun = s.ids.kelurahan[4], paya = s.ids.kelurahan[1];
    Device camat("camat", s.ids.kecamatan), new_office("operator", paya), old_office("operator", terjun);
    camat.pull(s);
    new_office.pull(s);
    old_office.pull(s);
    const auto staff = store::list_employees(camat.db, {terjun, false});
    REQUIRE(!staff.empty());
    const Employee e = staff.front();
    const auto posts = store::list_positions(camat.db, paya);
    REQUIRE(!posts.empty());
    REQUIRE(store::correct_placement(camat.db, e.id, paya, posts.front().id, note("salah kantor saat input")).ok());
    CHECK(count(camat.db, "SELECT count(*) FROM sync_outbox") == 2);  // the employee and the history row
    CHECK(camat.push(s).applied == 2);

    // On the server: the employee moved and the history row is there, as sent.
    CHECK(store::get_employee(s.db, e.id)->office_id == paya);
    const auto on_server = store::list_placements(s.db, e.id);
    REQUIRE(on_server.size() == 1);
    CHECK(on_server[0].cause == "koreksi");
    CHECK(on_server[0].reason == "salah kantor saat input");

    // The new office gets the person and the history; the old one the history (the person left).
    CHECK(new_office.pull(s).checksum_ok);
    CHECK(store::get_employee(new_office.db, e.id)->position_id == posts.front().id);
    CHECK(store::list_placements(new_office.db, e.id).size() == 1);
    CHECK(old_office.pull(s).checksum_ok);
    CHECK_FALSE(store::get_employee(old_office.db, e.id));
    CHECK(count(old_office.db, "SELECT count(*) FROM placements WHERE cause = 'koreksi'") == 1);
}

TEST_CASE("sync: the server refuses a history row without a reason and any rewrite of one") {
    Server s;
    const std::string terjun = s.ids.kelurahan[4];
    Device op("operator", terjun);
    op.pull(s);
    const Employee e = store::list_employees(op.db, {terjun, false}).front();
    // A device that writes a correction row without a reason (not through the repository).
    const std::string bad = new_uuid_v7();
    store::write_row(op.db, *store::find_table("placements"), bad,
                     {{"employee_id", e.id}, {"office_id", terjun}, {"position_id", e.position_id},
                      {"from_office_id", terjun}, {"from_position_id", e.position_id}, {"tmt", "2026-03-01"},
                      {"cause", "koreksi"}, {"reference", ""}, {"reason", ""}, {"exit_kind", ""},
                      {"recorded_by", "x"}, {"recorded_ms", 1}});
    auto sum = op.push(s);
    CHECK(sum.applied == 0);
    CHECK(sum.rejected == 1);
    CHECK(count(s.db, "SELECT count(*) FROM placements") == 0);

    // A valid archive, then an attempt to rewrite its reason: refused.
    REQUIRE(store::archive_employee_recorded(op.db, e.id, "pindah_instansi", note("pindah ke Pemprov Sumut")).ok());
    CHECK(op.push(s).applied == 2);
    const std::string id = store::list_placements(op.db, e.id).back().id;
    store::write_row(op.db, *store::find_table("placements"), id, {{"reason", "lain"}});
    sum = op.push(s);
    CHECK(sum.rejected == 1);
    CHECK(store::list_placements(s.db, e.id).back().reason == "pindah ke Pemprov Sumut");
}

TEST_CASE("sync: a pegawai's pull carries their own post and history, with a matching checksum") {
    Server s;
    const std::string terjun = s.ids.kelurahan[4];
    auto [e, post] = employee_and_other_post(s.db, terjun);
    Device me("pegawai", terjun, e.id);
    auto r = me.pull(s);
    CHECK(r.checksum_ok);
    REQUIRE(store::get_position(me.db, e.position_id));
    CHECK(count(me.db, "SELECT count(*) FROM positions") == 1);  // their own post only

    // Corrected on the server (an operator's device): the next pull brings the new post and the history.
    Device op("operator", terjun);
    op.pull(s);
    REQUIRE(store::correct_placement(op.db, e.id, terjun, post.id, note("jabatan salah input")).ok());
    CHECK(op.push(s).applied == 2);
    me.pull(s);
    CHECK(store::get_employee(me.db, e.id)->position_id == post.id);
    CHECK(store::get_position(me.db, post.id));
    CHECK(store::list_placements(me.db, e.id).size() == 1);
}

TEST_CASE("demo accounts: a personal (pegawai) account carries a person's name, never the office's") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::seed_marelan(db);
    bool saw_pegawai = false;
    for (const auto& u : demo::demo_users()) {
        const auto r = demo::resolve_demo_user(db, u);
        REQUIRE_FALSE(r.office_id.empty());
        if (u.role != "pegawai") {
            CHECK(r.display_name == u.display_name);
            continue;
        }
        saw_pegawai = true;
        const auto e = store::get_employee(db, r.employee_id);
        REQUIRE(e);
        CHECK(r.display_name == e->name);
        CHECK(e->office_id == r.office_id);
        CHECK(r.display_name.find("Kelurahan") == std::string::npos);
    }
    CHECK(saw_pegawai);
}

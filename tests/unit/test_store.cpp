#include <doctest/doctest.h>

#include "demo/seed.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"

using namespace seimbang;
using namespace seimbang::store;

namespace {
int count(Db& db, const char* table) {
    auto s = db.prepare(std::string("SELECT count(*) FROM ") + table);
    s.step();
    return static_cast<int>(s.int64(0));
}

struct Fixture {
    Db db{":memory:"};
    std::string kel, pos;
    Fixture() {
        migrate(db);
        Office kota{"", "", OfficeKind::kota, "12.71", "Kota Medan", false};
        REQUIRE(save_office(db, kota).ok());
        Office kec{"", kota.id, OfficeKind::kecamatan, "12.71.12", "Medan Marelan", false};
        REQUIRE(save_office(db, kec).ok());
        Office k{"", kec.id, OfficeKind::kelurahan, "", "Terjun", false};
        REQUIRE(save_office(db, k).ok());
        kel = k.id;
        Position p;
        p.office_id = kel;
        p.name = "Pengadministrasi Umum";
        p.golongan_min = "II/a";
        p.golongan_max = "III/b";
        REQUIRE(save_position(db, p).ok());
        pos = p.id;
    }
    Employee valid() const {
        Employee e;
        e.nip = "198503122010011002";
        e.name = "Budi Siregar";
        e.gender = Gender::male;
        e.birth_date = "1985-03-12";
        e.golongan = "II/c";
        e.education = "SMA/SMK";
        e.position_id = pos;
        e.tmt_position = "2021-01-01";
        e.competences = {{"administrasi", 3}};
        return e;
    }
};
}  // namespace

TEST_CASE("migrations: from empty to latest, and a re-run changes nothing") {
    Db db(":memory:");
    CHECK(schema_version(db) == 0);
    migrate(db);
    CHECK(schema_version(db) == latest_schema_version());
    migrate(db);
    CHECK(schema_version(db) == latest_schema_version());
    for (const auto& t : synced_tables()) CHECK(count(db, t.name.c_str()) == 0);
}

TEST_CASE("migrations: 3 moves the server's change log from sync_rows into the rows") {
    Db db(":memory:");
    migrate(db, 2);
    db.exec("INSERT INTO offices(id, kind, name) VALUES ('o1', 'kota', 'Kota Medan'), ('o2', 'kota', 'Kota Binjai')");
    db.exec("INSERT INTO sync_rows(table_name, row_id, seq, office_id, meta) VALUES "
            "('offices', 'o1', 7, 'o1', '{\"*\":[7,1,\"server\",\"server\"]}')");
    migrate(db);
    CHECK(schema_version(db) == latest_schema_version());
    auto q = db.prepare("SELECT id, _seq, _meta FROM offices ORDER BY id");
    REQUIRE(q.step());
    CHECK(q.int64(1) == 7);
    CHECK(q.text(2) == "{\"*\":[7,1,\"server\",\"server\"]}");
    REQUIRE(q.step());
    CHECK(q.is_null(1));  // never logged (a client's row): stays NULL
    CHECK(count(db, "sqlite_master WHERE name = 'sync_rows'") == 0);
    // The pull reads every table by seq through a partial index.
    for (const auto& t : synced_tables())
        CHECK(count(db, ("sqlite_master WHERE type = 'index' AND name = '" + t.name + "_seq'").c_str()) == 1);
}

TEST_CASE("migrations: a database newer than the program is refused") {
    Db db(":memory:");
    db.exec("PRAGMA user_version=999");
    CHECK_THROWS_AS(migrate(db), DbError);
}

TEST_CASE("employees: a valid employee is saved with a UUIDv7 id and office from its position") {
    Fixture f;
    Employee e = f.valid();
    Check c = save_employee(f.db, e);
    CHECK(c.ok());
    CHECK(e.id.size() == 36);
    CHECK(e.id[14] == '7');
    CHECK(e.office_id == f.kel);
    auto back = get_employee(f.db, e.id);
    REQUIRE(back);
    CHECK(back->competences.at("administrasi") == 3);
    CHECK(list_employees(f.db, {f.kel}).size() == 1);
}

TEST_CASE("employees: bad input gets specific codes and changes nothing") {
    Fixture f;
    auto expect_refused = [&](Employee e, const std::string& code, const std::string& field) {
        Check c = save_employee(f.db, e);
        CHECK_FALSE(c.ok());
        bool found = false;
        for (const auto& i : c.issues) found |= i.code == code && i.field == field;
        CHECK_MESSAGE(found, code);
        CHECK(count(f.db, "employees") == 0);
    };
    Employee e = f.valid();
    e.birth_date = "1985-03-13";
    expect_refused(e, "nip.mismatch_birth_date", "birth_date");
    e = f.valid();
    e.gender = Gender::female;
    expect_refused(e, "nip.mismatch_gender", "gender");
    e = f.valid();
    e.golongan = "IX";
    expect_refused(e, "golongan.pns_expected", "golongan");
    e = f.valid();
    e.position_id = "nope";
    expect_refused(e, "employee.unknown_position", "position_id");
    e = f.valid();
    e.name = "";
    expect_refused(e, "field.required", "name");
    e = f.valid();
    e.competences = {{"administrasi", 7}};
    expect_refused(e, "competence.bad_level", "competences");
}

TEST_CASE("employees: NIP must be unique among active employees; archiving frees it") {
    Fixture f;
    Employee a = f.valid();
    REQUIRE(save_employee(f.db, a).ok());
    Employee b = f.valid();
    Check c = save_employee(f.db, b);
    CHECK_FALSE(c.ok());
    CHECK(c.first_error()->code == "nip.duplicate");
    REQUIRE(archive_employee(f.db, a.id).ok());
    CHECK(save_employee(f.db, b).ok());
    CHECK(list_employees(f.db, {}).size() == 1);
    CHECK(list_employees(f.db, {"", true}).size() == 2);
}

TEST_CASE("write_row reports only changed columns to the change hook, inside the transaction") {
    Fixture f;
    std::vector<RowChange> seen;
    f.db.set_change_hook([&](Db& db, const RowChange& c) {
        CHECK(db.in_transaction());
        seen.push_back(c);
    });
    Employee e = f.valid();
    REQUIRE(save_employee(f.db, e).ok());
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].inserted);
    e.name = "Budi S. Siregar";
    REQUIRE(save_employee(f.db, e).ok());
    REQUIRE(seen.size() == 2);
    CHECK_FALSE(seen[1].inserted);
    CHECK(seen[1].after.size() == 1);
    CHECK(seen[1].after["name"] == "Budi S. Siregar");
    CHECK(seen[1].before["name"] == "Budi Siregar");
    REQUIRE(save_employee(f.db, e).ok());  // no change: no event
    CHECK(seen.size() == 2);
}

TEST_CASE("a failing change hook rolls the edit back") {
    Fixture f;
    f.db.set_change_hook([](Db&, const RowChange&) { throw DbError(0, "outbox full"); });
    Employee e = f.valid();
    Check c = save_employee(f.db, e);
    CHECK_FALSE(c.ok());
    CHECK(c.first_error()->code == "store.error");
    CHECK(count(f.db, "employees") == 0);
}

TEST_CASE("offices: hierarchy and cycles are refused") {
    Fixture f;
    Office bad{"", f.kel, OfficeKind::kecamatan, "", "Wrong", false};
    CHECK(save_office(f.db, bad).first_error()->code == "office.bad_hierarchy");
    Office orphan{"", "missing", OfficeKind::seksi, "", "Orphan", false};
    CHECK(save_office(f.db, orphan).first_error()->code == "office.unknown_parent");
}

TEST_CASE("positions: an unknown office is reported as the position's, not an employee's (regression)") {
    Fixture f;
    Position p;
    p.office_id = "no-such-office";
    p.name = "Analis Kebijakan";
    p.golongan_min = "III/a";
    p.golongan_max = "III/d";
    const Check c = save_position(f.db, p);
    REQUIRE(c.first_error());
    CHECK(c.first_error()->code == "position.unknown_office");
    CHECK(count(f.db, "positions") == 1);
}

TEST_CASE("tasks and settings round-trip; ABK over the database counts holders") {
    Fixture f;
    Employee e = f.valid();
    REQUIRE(save_employee(f.db, e).ok());
    AbkTask t;
    t.position_id = f.pos;
    t.year = 2026;
    t.task = "Surat keterangan";
    t.output_unit = "surat";
    t.volume = 1810;
    t.norm_minutes = 30;
    REQUIRE(save_task(f.db, t).ok());
    Settings s = load_settings(f.db);
    CHECK(s.wke_minutes == 75000);
    s.wke_minutes = 72000;
    REQUIRE(save_settings(f.db, s).ok());
    CHECK(load_settings(f.db).wke_minutes == 72000);
    s.wke_minutes = -1;
    CHECK_FALSE(save_settings(f.db, s).ok());
    CHECK(load_settings(f.db).wke_minutes == 72000);

    auto report = analyse_scope(f.db, f.kel, 2026, Settings{});
    REQUIRE(report.result.positions.size() == 1);
    CHECK(report.result.positions[0].holders == 1);
    CHECK(report.result.positions[0].needed == doctest::Approx(0.724));
}

TEST_CASE("Marelan demo: valid data, five kelurahan, and a visible imbalance") {
    Db db(":memory:");
    migrate(db);
    demo::DemoIds ids;
    auto stats = demo::seed_marelan(db, &ids);
    CHECK(stats.employees >= 110);
    CHECK(stats.employees <= 130);
    CHECK(ids.kelurahan.size() == 5);
    auto report = analyse_scope(db, ids.kecamatan, demo::kDemoYear, Settings{});
    double max_eu = 0, min_eu = 10;
    int short_positions = 0, surplus_positions = 0;
    for (const auto& u : report.rollup) {
        for (const auto& k : ids.kelurahan)
            if (u.unit == k) {
                max_eu = std::max(max_eu, u.eu.value());
                min_eu = std::min(min_eu, u.eu.value());
            }
    }
    for (const auto& p : report.result.positions) {
        short_positions += p.difference < 0;
        surplus_positions += p.difference > 0;
    }
    CHECK(max_eu > 1.2);  // clearly overloaded kelurahan
    CHECK(min_eu < 0.8);  // clearly under-used kelurahan
    CHECK(short_positions > 3);
    CHECK(surplus_positions > 3);
    // Deterministic: a second seed into a fresh database yields the same ids.
    Db db2(":memory:");
    migrate(db2);
    demo::DemoIds ids2;
    demo::seed_marelan(db2, &ids2);
    CHECK(ids2.kelurahan == ids.kelurahan);
}

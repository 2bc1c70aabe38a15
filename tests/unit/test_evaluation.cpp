// Evaluation (issue 11): periods, balance snapshots equal to the ABK engine's
// and the planner's metrics on the same data, a closed snapshot that cannot
// change, and sync that carries snapshots down to the offices in scope and
// refuses them going up. Client and server databases exchange bodies in one
// process, as in test_sync.cpp.
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "demo/seed.h"
#include "eval/period.h"
#include "eval/snapshot.h"
#include "plan/from_db.h"
#include "plan/metrics.h"
#include "report/evaluation.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/hlc.h"
#include "sync/server_sync.h"

using namespace seimbang;
using namespace seimbang::eval;
using nlohmann::json;

namespace {

struct EvalServer {
    store::Db db{":memory:"};
    std::unique_ptr<sync::ServerSync> sync;
    demo::DemoIds ids;
    EvalServer() {
        store::migrate(db);
        sync = std::make_unique<sync::ServerSync>(db);
        demo::seed_marelan(db, &ids);
    }
};

struct EvalDevice {
    store::Db db{":memory:"};
    sync::Principal p;
    EvalDevice(const std::string& role, const std::string& office) {
        store::migrate(db);
        sync::install_client(db);
        p = {"u-" + role + office, role + ".user", role, role, office, "", sync::device_id(db)};
    }
    void pull(EvalServer& s) {
        for (;;) {
            auto path = sync::pull_path(db, 50);
            auto cur = std::stoll(path.substr(path.find('=') + 1));
            sync::Reply r = s.sync->pull(p, cur, 50, path.find("snapshot=1") != std::string::npos);
            REQUIRE(r.status == 200);
            if (!sync::apply_pull_page(db, r.body).more) return;
        }
    }
};

const OfficeSnapshot& of(const std::vector<OfficeSnapshot>& v, const std::string& office) {
    for (const auto& s : v)
        if (s.office_id == office) return s;
    FAIL("no snapshot row for " << office);
    return v.front();
}

int count(store::Db& db, const std::string& sql) {
    auto s = db.prepare(sql);
    s.step();
    return static_cast<int>(s.int64(0));
}

}  // namespace

TEST_CASE("eval period: ids, bounds, previous and next") {
    auto p = parse_period("2026-S2");
    REQUIRE(p);
    CHECK(first_day(*p) == Date{2026, 7, 1});
    CHECK(last_day(*p) == Date{2026, 12, 31});
    CHECK(to_string(next(*p)) == "2027-S1");
    CHECK(to_string(previous(*parse_period("2026-Q1"))) == "2025-Q4");
    CHECK(last_day(*parse_period("2024-Q1")) == Date{2024, 3, 31});
    CHECK(to_string(period_of({2026, 12, 7}, PeriodLength::quarter)) == "2026-Q4");
    CHECK(to_string(period_of({2026, 6, 30}, PeriodLength::semester)) == "2026-S1");
    CHECK(has_ended(*parse_period("2026-S1"), {2026, 7, 1}));
    CHECK_FALSE(has_ended(*parse_period("2026-S2"), {2026, 12, 31}));
    for (const char* bad : {"2026-S3", "2026-Q5", "2026-Q0", "2026S2", "26-S2", "2026-X1", "1999-S1", "2026-S12"})
        CHECK_MESSAGE(!parse_period(bad), bad);
}

TEST_CASE("eval snapshot: figures equal the ABK engine's and the planner's metrics on the same data") {
    EvalServer s;
    const auto period = *parse_period("2026-S1");
    const Settings settings = store::load_settings(s.db);
    const auto snap = compute_snapshot(s.db, period, settings);
    REQUIRE(snap.size() == store::list_offices(s.db).size());

    // Roll-ups: each office's totals over its subtree as abk::roll_up gives them.
    const auto abk = store::analyse_scope(s.db, s.ids.kota, demo::kDemoYear, settings);
    REQUIRE(!abk.rollup.empty());
    for (const auto& u : abk.rollup) {
        const auto& o = of(snap, u.unit);
        CHECK(o.balance.holders == u.holders);
        CHECK(o.balance.positions_short == u.positions_short);
        CHECK(o.balance.positions_surplus == u.positions_surplus);
        CHECK(o.balance.needed == doctest::Approx(u.needed));
        REQUIRE(o.balance.eu.has_value() == u.eu.has_value());
        if (u.eu) CHECK(*o.balance.eu == doctest::Approx(*u.eu));
    }
    // Positions: EJ, PJ grade, needed vs holders of each office's own positions.
    int compared = 0;
    for (const auto& p : abk.result.positions) {
        const auto& o = of(snap, p.unit);
        bool found = false;
        for (const auto& f : o.positions) {
            if (f.id != p.position) continue;
            found = true;
            ++compared;
            CHECK(f.holders == p.holders);
            CHECK(f.needed_rounded == p.needed_rounded);
            CHECK(f.difference == p.difference);
            CHECK(f.ej.has_value() == p.ej.has_value());
            if (p.ej) CHECK(*f.ej == doctest::Approx(*p.ej));
            CHECK(f.pj == (p.pj ? p.pj->grade : ""));
        }
        CHECK(found);
    }
    CHECK(compared > 50);

    // The kecamatan's balance metrics: the planner's on the planner's own
    // instance of the same subtree (plan::instance_from_db, current holders).
    plan::DbQuery q;
    q.scope_office_id = s.ids.kecamatan;
    q.year = demo::kDemoYear;
    q.today = {2026, 6, 30};
    auto inst = plan::instance_from_db(s.db, q);
    REQUIRE(std::holds_alternative<plan::Instance>(inst));
    const auto& in = std::get<plan::Instance>(inst);
    std::vector<int> holders(in.positions.size(), 0);
    for (const auto& e : in.employees) ++holders[static_cast<size_t>(e.position)];
    const plan::Metrics m = plan::compute_metrics(in, holders);
    const auto& kec = of(snap, s.ids.kecamatan);
    CHECK(kec.balance.positions == m.positions);
    CHECK(kec.balance.sum_sq == doctest::Approx(m.sum_sq));
    CHECK(kec.balance.ej_cv == doctest::Approx(m.ej_cv));
    CHECK(kec.balance.ej_max == doctest::Approx(m.ej_max));
    CHECK(kec.balance.ej_min == doctest::Approx(m.ej_min));
    CHECK(kec.balance.share_balanced == doctest::Approx(m.share_balanced));
    CHECK(kec.balance.overloaded == m.overloaded);
    // The demo is unbalanced on purpose: the figures are not trivially zero.
    CHECK(kec.balance.sum_sq > 1);
    CHECK(kec.balance.ej_max > kec.balance.ej_min);

    // And the stored form reads back the same.
    const auto back = office_snapshot_from_row(kec.period, kec.office_id, false, 0, to_json(kec).dump(),
                                               positions_json(kec).dump());
    CHECK(back.balance.sum_sq == doctest::Approx(kec.balance.sum_sq));
    CHECK(back.balance.overloaded == kec.balance.overloaded);
    CHECK(back.positions.size() == kec.positions.size());
    CHECK(back.office_name == kec.office_name);
}

TEST_CASE("eval snapshot: the period's requests by reason and outcome, median days to the decision") {
    EvalServer s;
    const std::string office = s.ids.kelurahan[0];
    std::vector<std::string> emps;
    for (const auto& e : store::list_employees(s.db, {office})) emps.push_back(e.id);
    REQUIRE(emps.size() >= 3);
    // Three requests submitted in 2026-S1 (WIB): decided after 10 and 30 days, one rejected.
    const int64_t day = 86'400'000, feb1 = 1769878800000;  // 2026-02-01 00:00 WIB
    struct R { const char* reason; const char* status; int64_t submitted, decided; };
    const R rs[] = {{"kesehatan", "selesai", feb1, feb1 + 10 * day},
                    {"kesehatan", "ditetapkan", feb1, feb1 + 30 * day},
                    {"pengembangan_karier", "ditolak", feb1, -1}};
    for (size_t k = 0; k < 3; ++k) {
        const std::string id = "req-" + std::to_string(k);
        auto q = s.db.prepare("INSERT INTO requests(id, number, employee_id, office_id, kind, reason, status) "
                              "VALUES (?1, ?1, ?2, ?3, 'atas_permintaan_sendiri', ?4, ?5)");
        q.bind(1, id).bind(2, emps[k]).bind(3, office).bind(4, rs[k].reason).bind(5, rs[k].status);
        q.run();
        auto ev = [&](const char* to, int64_t at, int ordinal) {
            auto e = s.db.prepare("INSERT INTO request_events(id, request_id, ordinal, office_id, employee_id, command, "
                                  "from_status, to_status, actor, actor_role, at_ms) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, 'x', '', ?6, 'a', 'r', ?7)");
            e.bind(1, id + "-" + to).bind(2, id).bind(3, ordinal).bind(4, office).bind(5, emps[k]).bind(6, to).bind(7, at);
            e.run();
        };
        ev("diajukan", rs[k].submitted, 1);
        if (rs[k].decided > 0) ev("ditetapkan", rs[k].decided, 2);
    }
    const Settings settings = store::load_settings(s.db);
    const auto snap = compute_snapshot(s.db, *parse_period("2026-S1"), settings);
    for (const std::string& o : {office, s.ids.kecamatan, s.ids.kota}) {
        const auto& mv = of(snap, o).moves;
        CHECK(mv.filed == 3);
        CHECK(mv.by_reason.at("kesehatan") == 2);
        CHECK(mv.by_reason.at("pengembangan_karier") == 1);
        CHECK(mv.by_outcome.at("ditolak") == 1);
        CHECK(mv.decided == 2);
        REQUIRE(mv.median_days);
        CHECK(*mv.median_days == doctest::Approx(20.0));
    }
    CHECK(of(snap, s.ids.kelurahan[1]).moves.filed == 0);
    CHECK_FALSE(of(snap, s.ids.kelurahan[1]).moves.median_days);
    // The next period saw none of them.
    const auto later = compute_snapshot(s.db, *parse_period("2026-S2"), settings);
    CHECK(of(later, office).moves.filed == 0);
}

TEST_CASE("eval snapshot: a closed snapshot cannot change") {
    EvalServer s;
    const auto period = *parse_period("2026-S1");
    // An open take of the running period is replaced by the next take.
    auto r1 = take_snapshot(s.db, period, false, 1000);
    CHECK(r1.written == static_cast<int>(store::list_offices(s.db).size()));
    auto r2 = take_snapshot(s.db, period, true, 2000);
    CHECK(r2.written == r1.written);
    CHECK(count(s.db, "SELECT count(*) FROM eval_snapshots") == r1.written);  // replaced, not added
    CHECK(count(s.db, "SELECT count(*) FROM eval_snapshots WHERE closed = 1 AND taken_ms = 2000") == r1.written);

    // Closed: a new take changes nothing, even after the data moved.
    const std::string before = [&] {
        auto q = s.db.prepare("SELECT figures FROM eval_snapshots WHERE office_id = ?1");
        q.bind(1, s.ids.kecamatan);
        q.step();
        return q.text(0);
    }();
    auto e = store::list_employees(s.db, {s.ids.kelurahan[0]}).front();
    REQUIRE(store::archive_employee(s.db, e.id).ok());
    auto r3 = take_snapshot(s.db, period, true, 3000);
    CHECK(r3.already_closed);
    CHECK(r3.written == 0);
    CHECK(count(s.db, "SELECT count(*) FROM eval_snapshots WHERE taken_ms = 3000") == 0);

    // The store refuses any change of its data, whatever path writes.
    const store::TableSpec& t = *store::find_table("eval_snapshots");
    std::string id;
    {
        auto q = s.db.prepare("SELECT id FROM eval_snapshots WHERE office_id = ?1");
        q.bind(1, s.ids.kecamatan);
        q.step();
        id = q.text(0);
    }
    CHECK_THROWS_AS(store::write_row(s.db, t, id, {{"figures", "{}"}}), store::DbError);
    CHECK_THROWS_AS(s.db.exec("UPDATE eval_snapshots SET closed = 0"), store::DbError);
    CHECK_THROWS_AS(s.db.exec("UPDATE eval_snapshots SET taken_ms = 1"), store::DbError);
    auto q = s.db.prepare("SELECT figures FROM eval_snapshots WHERE id = ?1");
    q.bind(1, id);
    REQUIRE(q.step());
    CHECK(q.text(0) == before);
}

TEST_CASE("eval sync: snapshots reach the offices in scope read-only; pushes of them are refused") {
    EvalServer s;
    take_snapshot(s.db, *parse_period("2026-S1"), true, 1000);
    take_snapshot(s.db, *parse_period("2026-S2"), false, 2000);
    const int per_period = static_cast<int>(store::list_offices(s.db).size());
    REQUIRE(count(s.db, "SELECT count(*) FROM eval_snapshots") == 2 * per_period);
    REQUIRE(count(s.db, "SELECT count(*) FROM eval_snapshots WHERE _seq IS NULL") == 0);  // in the change log

    EvalDevice camat("camat", s.ids.kecamatan);
    camat.pull(s);
    // The kecamatan and every office below it (sections, five kelurahan), two
    // periods; not the kota's row.
    const int kec_offices = static_cast<int>(store::office_subtree(s.db, s.ids.kecamatan).size());
    REQUIRE(kec_offices >= 6);
    CHECK(count(camat.db, "SELECT count(*) FROM eval_snapshots") == 2 * kec_offices);
    {
        auto q = camat.db.prepare("SELECT count(*) FROM eval_snapshots WHERE office_id = ?1");
        q.bind(1, s.ids.kota);
        q.step();
        CHECK(q.int64(0) == 0);
    }
    const auto loaded = load_snapshots(camat.db);
    REQUIRE(loaded.size() == static_cast<size_t>(2 * kec_offices));
    CHECK(closed_periods(camat.db) == std::vector<std::string>{"2026-S1"});
    const auto loads = office_loads(camat.db, "2026-S1");
    CHECK(loads.size() == static_cast<size_t>(kec_offices));

    EvalDevice lurah("kepala_unit", s.ids.kelurahan[2]);
    lurah.pull(s);
    CHECK(count(lurah.db, "SELECT count(*) FROM eval_snapshots") == 2);

    EvalDevice pegawai("pegawai", s.ids.kelurahan[2]);
    pegawai.pull(s);
    CHECK(count(pegawai.db, "SELECT count(*) FROM eval_snapshots") == 0);

    // The running period's open snapshot is replaced on the server and the
    // replacement reaches the device.
    take_snapshot(s.db, *parse_period("2026-S2"), false, 5000);
    camat.pull(s);
    CHECK(count(camat.db, "SELECT count(*) FROM eval_snapshots WHERE taken_ms = 5000") == kec_offices);

    // A device that writes its own snapshot row: the server refuses the push as a whole.
    EvalDevice op("operator", s.ids.kelurahan[2]);
    op.pull(s);
    const auto before = count(s.db, "SELECT count(*) FROM eval_snapshots");
    store::write_row(op.db, *store::find_table("eval_snapshots"), "0190aaaa-0000-7000-8000-000000000001",
                     {{"period", "2025-S2"}, {"office_id", s.ids.kelurahan[2]}, {"closed", 1}, {"taken_ms", 1},
                      {"figures", "{}"}});
    auto b = sync::build_push(op.db);
    REQUIRE(b);
    sync::Reply r = s.sync->push(op.p, b->body);
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "role.read_only");
    CHECK(count(s.db, "SELECT count(*) FROM eval_snapshots") == before);
}

TEST_CASE("eval period length: semester by default, quarter when the rules say so; the due period is closed once") {
    EvalServer s;
    CHECK(period_length_setting(s.db) == PeriodLength::semester);
    CHECK(close_due_period(s.db, {2026, 12, 7}, 1000) == std::optional<std::string>("2026-S1"));
    CHECK_FALSE(close_due_period(s.db, {2026, 12, 8}, 2000));  // already closed
    s.db.exec("INSERT INTO settings(key, value) VALUES ('rules', '{\"evaluation_period\": \"quarter\"}') "
              "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    CHECK(period_length_setting(s.db) == PeriodLength::quarter);
    CHECK(close_due_period(s.db, {2026, 12, 7}, 3000) == std::optional<std::string>("2026-Q3"));
    s.db.exec("UPDATE settings SET value = '{\"evaluation_period\": \"bulanan\"}' WHERE key = 'rules'");
    CHECK(period_length_setting(s.db) == PeriodLength::semester);
}

TEST_CASE("eval period length: kept when the other rules are saved; a period of the other length refused") {
    EvalServer s;
    s.db.exec("INSERT INTO settings(key, value) VALUES ('rules', '{\"evaluation_period\": \"quarter\"}')");
    CHECK(period_length_setting(s.db) == PeriodLength::quarter);
    // The rules writer keeps the key it does not hold (it used to drop it).
    Settings rules;
    rules.wke_minutes = 70000;
    REQUIRE(store::save_settings(s.db, rules).ok());
    CHECK(period_length_setting(s.db) == PeriodLength::quarter);
    CHECK(store::load_settings(s.db).wke_minutes == 70000);

    // A period of the other length is refused where snapshots are taken by hand.
    CHECK(check_period_length(s.db, *parse_period("2026-Q1")).ok());
    const Check q = check_period_length(s.db, *parse_period("2026-S1"));
    REQUIRE(q.first_error());
    CHECK(q.first_error()->code == "eval.wrong_period_length");
    CHECK(q.first_error()->detail == "quarter");
}

TEST_CASE("eval report: reasons and outcomes in words; per-position figures beside the period before") {
    EvalServer s;
    REQUIRE(take_snapshot(s.db, *parse_period("2025-S2"), true, 1).written > 0);
    // Two people leave a kelurahan between the periods: its positions' holders change.
    std::string kel;
    for (const auto& o : store::list_offices(s.db))
        if (o.name == "Kelurahan Terjun") kel = o.id;
    const auto staff = store::list_employees(s.db, {kel});
    REQUIRE(staff.size() > 2);
    REQUIRE(store::archive_employee(s.db, staff[0].id).ok());
    REQUIRE(take_snapshot(s.db, *parse_period("2026-S1"), true, 2).written > 0);

    auto r = report::build_evaluation_report(s.db, kel, "2026-S1");
    REQUIRE(r.rows.size() == 1 + static_cast<size_t>(count(s.db, "SELECT count(*) FROM offices WHERE parent_id = '" + kel + "'")));
    const auto lines = report::evaluation_position_lines(r);
    const auto analysed = store::analyse_scope(s.db, kel, 2026, store::load_settings(s.db));
    size_t own = 0;
    for (const auto& p : analysed.result.positions)
        if (p.unit == kel) ++own;
    size_t kel_lines = 0, changed = 0;
    for (const auto& l : lines) {
        if (l.office->now.office_id != kel) continue;
        ++kel_lines;
        REQUIRE(l.before);  // the same position the period before
        CHECK(l.before->id == l.now->id);
        if (l.before->holders != l.now->holders) ++changed;
    }
    CHECK(kel_lines == own);
    CHECK(changed == 1);  // the position the archived employee held
    const auto h = report::evaluation_position_headings(i18n::Lang::id);
    CHECK(h.size() == 9);
    CHECK(h.back() == "EJ periode sebelumnya");

    // Move lines: the stored codes of the workflow printed in words.
    r.rows.front().now.moves.filed = 3;
    r.rows.front().now.moves.by_reason = {{"kesehatan", 2}, {"pengembangan_karier", 1}};
    r.rows.front().now.moves.by_outcome = {{"ditetapkan", 1}, {"diajukan", 2}};
    std::map<std::string, int> id, en;
    for (const auto& [label, n] : report::evaluation_move_lines(r, i18n::Lang::id)) id[label] = n;
    for (const auto& [label, n] : report::evaluation_move_lines(r, i18n::Lang::en)) en[label] = n;
    CHECK(id["Alasan: Kesehatan"] == 2);
    CHECK(id["Alasan: Pengembangan karier"] == 1);
    CHECK(id["Status sekarang: Ditetapkan (SK)"] == 1);
    CHECK(id["Status sekarang: Diajukan"] == 2);
    CHECK(en["Reason: Health"] == 2);
    CHECK(en["Status now: Submitted"] == 2);
    for (const auto& [label, n] : id) CHECK(label.find('_') == std::string::npos);  // no raw code left
}

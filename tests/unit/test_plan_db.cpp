// The planner over the live database (Medan Marelan demo data).
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <variant>

#include "demo/seed.h"
#include "model/golongan.h"
#include "plan/eligibility.h"
#include "plan/from_db.h"
#include "plan/service.h"
#include "plan/planner.h"
#include "store/repo.h"
#include "store/schema.h"

using namespace seimbang;

namespace {

// One seeded demo database for all planner tests here: seeding is the slow
// part (notably as WASM), and the planner only reads.
struct Demo {
    store::Db db{":memory:"};
    demo::DemoIds ids;
    Demo() {
        store::migrate(db);
        demo::seed_marelan(db, &ids);
    }
};

Demo& demo_db() {
    static Demo d;
    return d;
}

}  // namespace

TEST_CASE("plan from db: demo kecamatan gives an optimal plan that respects the rules") {
    store::Db& db = demo_db().db;
    const demo::DemoIds& ids = demo_db().ids;

    plan::DbQuery q;
    q.scope_office_id = ids.kecamatan;
    q.year = demo::kDemoYear;
    q.today = Date{2026, 6, 1};
    auto built = plan::instance_from_db(db, q);
    REQUIRE(std::holds_alternative<plan::Instance>(built));
    const plan::Instance inst = std::get<plan::Instance>(built);

    const auto positions = store::list_positions(db, ids.kecamatan);
    CHECK(inst.positions.size() == positions.size());
    std::set<std::string> heads;
    for (const auto& p : positions)
        if (p.is_head) heads.insert(p.id);
    REQUIRE_FALSE(heads.empty());
    int movable = 0;
    for (const auto& e : inst.employees) {
        // Heads of office are never movable.
        if (heads.count(inst.positions[static_cast<size_t>(e.position)].id)) CHECK_FALSE(e.movable);
        movable += e.movable;
    }
    CHECK(movable > 0);
    double workload = 0;
    for (const auto& p : inst.positions) workload += p.workload_minutes;
    CHECK(workload > 0);

    const plan::Plan p = plan::solve(inst);
    REQUIRE(p.ok);
    CHECK(p.optimal);
    CHECK(p.after.sum_sq <= p.before.sum_sq);
    for (const auto& m : p.moves) {
        const auto& e = inst.employees[static_cast<size_t>(m.employee)];
        CHECK(e.movable);
        CHECK(plan::eligible(e, inst.positions[static_cast<size_t>(m.to)]));
    }

    // Pinning everyone who moved keeps them in place in the next plan.
    for (const auto& m : p.moves) q.pinned.push_back(inst.employees[static_cast<size_t>(m.employee)].id);
    const plan::Instance pinned = std::get<plan::Instance>(plan::instance_from_db(db, q));
    const plan::Plan again = plan::solve(pinned);
    std::set<std::string> first(q.pinned.begin(), q.pinned.end());
    for (const auto& m : again.moves) CHECK_FALSE(first.count(pinned.employees[static_cast<size_t>(m.employee)].id));

    // Nobody has two years in post on the first day of the placements: no moves.
    q.pinned.clear();
    q.today = Date{2000, 1, 1};
    const plan::Instance early = std::get<plan::Instance>(plan::instance_from_db(db, q));
    CHECK(plan::solve(early).moves.empty());
}

// Regression (issue 15, item 0): the demo plan moved a Pengelola Kesejahteraan
// Sosial (pelaksana) into Kepala Seksi Pemberdayaan Masyarakat, a structural
// post filled by promotion.
TEST_CASE("plan demo: no pelaksana is moved into Kepala Seksi Pemberdayaan Masyarakat") {
    store::Db& db = demo_db().db;
    plan::DbQuery q;
    q.scope_office_id = demo_db().ids.kecamatan;
    q.year = demo::kDemoYear;
    q.today = Date{2026, 6, 1};
    std::map<std::string, Position> records;
    for (const auto& p : store::list_positions(db, q.scope_office_id)) records[p.id] = p;
    for (const bool allow : {false, true}) {
        q.weights.allow_managerial_moves = allow;
        const plan::Instance inst = std::get<plan::Instance>(plan::instance_from_db(db, q));
        const plan::Plan p = plan::solve(inst);
        REQUIRE(p.ok);
        CHECK_FALSE(p.moves.empty());
        for (const auto& m : p.moves) {
            const Position& from = records.at(inst.positions[static_cast<size_t>(m.from)].id);
            const Position& to = records.at(inst.positions[static_cast<size_t>(m.to)].id);
            INFO(from.name << " -> " << to.name);
            if (!allow) CHECK(to.name != "Kepala Seksi Pemberdayaan Masyarakat");
            const bool managerial = to.kind != PositionKind::pelaksana && to.kind != PositionKind::fungsional;
            CHECK((!managerial || allow));
            CHECK(from.kind == to.kind);
            if (managerial) CHECK(from.eselon == to.eselon);
            if (to.kind == PositionKind::fungsional) CHECK(from.name == to.name);
        }
        // Vacant managerial posts with workload say why they stay vacant.
        for (const auto& u : p.unfilled) {
            const Position& rec = records.at(inst.positions[static_cast<size_t>(u.position)].id);
            if (!allow && rec.kind == PositionKind::pengawas) CHECK(u.cause == plan::UnfilledCause::managerial_off);
        }
    }
}

TEST_CASE("plan service: request body to plan JSON (the POST /api/v1/plans path)") {
    store::Db& db = demo_db().db;
    const demo::DemoIds& ids = demo_db().ids;
    const Date today{2026, 6, 1};

    auto bad = plan::parse_plan_request(nlohmann::json{{"year", 2026}}, today);
    REQUIRE(std::holds_alternative<Issue>(bad));
    CHECK(std::get<Issue>(bad).field == "scope");
    auto bad_moves = plan::parse_plan_request(nlohmann::json{{"scope", ids.kecamatan}, {"max_moves", -1}}, today);
    REQUIRE(std::holds_alternative<Issue>(bad_moves));
    CHECK(std::get<Issue>(bad_moves).field == "max_moves");

    auto q = plan::parse_plan_request(
        nlohmann::json{{"scope", ids.kecamatan}, {"year", demo::kDemoYear}, {"max_moves", 3}, {"pinned", {"x"}}}, today);
    REQUIRE(std::holds_alternative<plan::DbQuery>(q));
    CHECK(std::get<plan::DbQuery>(q).weights.max_moves == 3);
    auto out = plan::plan_scope(db, std::get<plan::DbQuery>(q), i18n::Lang::id);
    REQUIRE(std::holds_alternative<nlohmann::json>(out));
    const auto& j = std::get<nlohmann::json>(out);
    CHECK(j["moves"].size() <= 3);
    CHECK(j["after"]["sum_sq"].get<double>() < j["before"]["sum_sq"].get<double>());
    for (const auto& m : j["moves"]) CHECK(m["reason"].get<std::string>().find("asal ") == 0);
}

TEST_CASE("plan from db: the employees read for the planner are list_employees's, in its order") {
    // instance_from_db reads six columns straight from SQLite (not the store's
    // record reader, for the browser worker's build time): same people, same order,
    // same values. Edge cases: an archived person, a missing tenure date, a
    // competence list that is not JSON, someone outside the scope.
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    auto staff = store::list_employees(db, {ids.kecamatan});
    REQUIRE(staff.size() > 3);
    db.exec("UPDATE employees SET archived = 1 WHERE id = '" + staff[0].id + "'");
    db.exec("UPDATE employees SET tmt_position = '' WHERE id = '" + staff[1].id + "'");
    db.exec("UPDATE employees SET competences = 'not json' WHERE id = '" + staff[2].id + "'");
    for (const std::string& scope : {ids.kecamatan, std::string()}) {
        plan::DbQuery q;
        q.scope_office_id = scope;
        q.year = demo::kDemoYear;
        q.today = Date{2026, 6, 1};
        const auto built = plan::instance_from_db(db, q);
        REQUIRE(std::holds_alternative<plan::Instance>(built));
        const plan::Instance& inst = std::get<plan::Instance>(built);
        std::map<std::string, int> pos;
        for (size_t i = 0; i < inst.positions.size(); ++i) pos[inst.positions[i].id] = static_cast<int>(i);
        std::vector<const Employee*> expected;
        store::EmployeeFilter f;
        f.scope_office_id = scope;
        const auto listed = store::list_employees(db, f);
        for (const auto& e : listed)
            if (pos.count(e.position_id)) expected.push_back(&e);
        REQUIRE(inst.employees.size() == expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            const plan::Employee& got = inst.employees[i];
            const Employee& e = *expected[i];
            CHECK(got.id == e.id);
            CHECK(got.name == e.name);
            CHECK(got.position == pos[e.position_id]);
            CHECK(got.golongan == *parse_golongan(e.golongan));
            std::map<std::string, int> levels;
            for (const auto& [tag, level] : got.competences) levels[inst.tags[static_cast<size_t>(tag)]] = level;
            CHECK(levels == e.competences);
            if (e.id == staff[1].id) CHECK_FALSE(got.movable);  // no tenure date: cannot be shown to hold
        }
    }
}

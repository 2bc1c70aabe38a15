// A solve that starts from the database (plan/wire.h encode_db_request): the
// browser's planner worker opens a snapshot of the local SQLite file and builds
// the instance itself with instance_from_db. The instance it answers must be
// exactly the one instance_from_db builds on the live database (Marelan demo and
// a synthetic Kota-shaped set), and its plan the plan of solving that instance;
// the builder's refusals and an unreadable snapshot come back as issues.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include <sqlite3.h>
#include <unistd.h>

#include "demo/seed.h"
#include "plan/from_db.h"
#include "plan/plan_key.h"
#include "plan/planner.h"
#include "plan/wire.h"
#include "store/repo.h"
#include "store/schema.h"
#include "store/snapshot.h"
#include "util/sha256.h"

using namespace seimbang;

namespace {

plan::DbQuery query_for(const std::string& scope) {
    plan::DbQuery q;
    q.scope_office_id = scope;
    q.year = demo::kDemoYear;
    q.today = Date{2026, 6, 1};
    q.weights.fit_bonus = 0.1;
    return q;
}

// The plan key as the app computed it before the worker did (client/app/rekomendasi.cpp,
// session 10): adoption ids derive from it, so requests adopted then are found again.
std::string legacy_plan_key(const plan::DbQuery& q, const plan::Instance& inst, const plan::Plan& p) {
    using nlohmann::json;
    json key = {{"scope", q.scope_office_id}, {"year", q.year}, {"move_cost", q.weights.move_cost},
                {"request_bonus", q.weights.request_bonus}, {"fit_bonus", q.weights.fit_bonus},
                {"allow_managerial", q.weights.allow_managerial_moves},
                {"max_moves", q.weights.max_moves ? json(*q.weights.max_moves) : json(nullptr)}};
    std::vector<std::string> pinned = q.pinned;
    std::sort(pinned.begin(), pinned.end());
    key["pinned"] = pinned;
    std::vector<plan::Move> moves = p.moves;
    std::stable_sort(moves.begin(), moves.end(), [](const plan::Move& a, const plan::Move& b) { return a.employee < b.employee; });
    json list = json::array();
    for (const auto& m : moves)
        list.push_back({inst.employees[static_cast<size_t>(m.employee)].id, inst.positions[static_cast<size_t>(m.from)].id,
                        inst.positions[static_cast<size_t>(m.to)].id});
    key["moves"] = list;
    return sha256_hex(key.dump());
}

// Builds through the snapshot and compares with the live build, byte for byte
// (encode_instance writes every field), and the plan with solving the live instance.
void check_snapshot_build(store::Db& db, const plan::DbQuery& q) {
    const plan::Instance live = std::get<plan::Instance>(plan::instance_from_db(db, q));
    REQUIRE_FALSE(live.employees.empty());
    const std::string answer = plan::solve_encoded(plan::encode_db_request(q, store::snapshot(db)));
    const auto solved = plan::decode_db_answer(answer);
    REQUIRE(solved);
    REQUIRE_FALSE(solved->issue);
    CHECK(plan::encode_instance(solved->instance) == plan::encode_instance(live));
    const plan::Plan expected = plan::solve(live);
    CHECK(plan::encode_plan(solved->plan).size() == plan::encode_plan(expected).size());
    CHECK(solved->plan.objective == expected.objective);
    CHECK(solved->plan.destination == expected.destination);
    CHECK(solved->plan.optimal == expected.optimal);
    CHECK(solved->build_seconds >= 0);
    CHECK(solved->solved);
    // What the UI thread no longer computes: the instance's digest and the plan key.
    CHECK(solved->instance_digest == plan::instance_digest(live));
    CHECK(solved->plan_key == legacy_plan_key(q, live, expected));
    // The request read straight from the database answers the same.
    plan::forget_cached_db();
    const auto direct = plan::decode_db_answer(plan::solve_encoded(plan::encode_db_request(q, db)));
    REQUIRE(direct);
    CHECK(direct->instance_digest == solved->instance_digest);
    CHECK(direct->plan_key == solved->plan_key);
    // The digest-only job (a saved plan's check): no plan, the same digest.
    const auto digest = plan::decode_db_answer(plan::solve_encoded(plan::encode_db_request(q, db, plan::DbJob::digest_only)));
    REQUIRE(digest);
    CHECK_FALSE(digest->issue);
    CHECK_FALSE(digest->solved);
    CHECK(digest->instance_digest == solved->instance_digest);
    CHECK(digest->instance.employees.empty());
}

}  // namespace

TEST_CASE("plan wire db: the worker's build from a snapshot is instance_from_db's, on the Marelan demo") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    check_snapshot_build(db, query_for(ids.kecamatan));
    // Pinned people and a move limit travel with the query.
    plan::DbQuery q = query_for(ids.kecamatan);
    q.weights.max_moves = 2;
    q.weights.allow_managerial_moves = true;
    for (const auto& e : store::list_employees(db, {ids.kecamatan}))
        if (q.pinned.size() < 3) q.pinned.push_back(e.id);
    check_snapshot_build(db, q);
}

TEST_CASE("plan wire db: the worker's build from a snapshot is instance_from_db's, on a synthetic kota") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::SyntheticParams p;
    p.kecamatan = 3;
    p.kelurahan = 12;
    p.employees = 1500;
    p.seed = 11;
    const demo::SeedStats stats = demo::seed_synthetic(db, p);
    check_snapshot_build(db, query_for(stats.root_office_id));
}

TEST_CASE("plan wire db: the builder's refusal and an unreadable snapshot come back as issues") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    // A stored golongan that does not parse: instance_from_db's own issue.
    auto employees = store::list_employees(db, {ids.kecamatan});
    REQUIRE_FALSE(employees.empty());
    db.exec("UPDATE employees SET golongan = 'X/z' WHERE id = '" + employees.front().id + "'");
    const auto refused = plan::decode_db_answer(
        plan::solve_encoded(plan::encode_db_request(query_for(ids.kecamatan), store::snapshot(db))));
    REQUIRE(refused);
    REQUIRE(refused->issue);
    CHECK(refused->issue->code == "plan.error.bad_golongan");
    CHECK(refused->issue->field == "employees[" + employees.front().id + "].golongan");

    const auto garbage = plan::decode_db_answer(
        plan::solve_encoded(plan::encode_db_request(query_for(ids.kecamatan), std::string(4096, 'x'))));
    REQUIRE(garbage);
    REQUIRE(garbage->issue);
    CHECK(garbage->issue->code == "rekom.error.db");

    // A truncated request is not a request at all.
    const std::string request = plan::encode_db_request(query_for(ids.kecamatan), store::snapshot(db));
    CHECK(plan::solve_encoded(std::string_view(request).substr(0, request.size() - 1)).empty());
}

TEST_CASE("plan wire db: the worker keeps the database copy while its version holds") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    const plan::DbQuery q = query_for(ids.kecamatan);
    auto answer = [](const std::string& request) {
        auto a = plan::decode_db_answer(plan::solve_encoded(request));
        REQUIRE(a);
        return *a;
    };
    plan::forget_cached_db();
    // Nothing kept yet: the worker asks for the snapshot.
    CHECK(answer(plan::encode_db_request(q, db, plan::DbJob::solve, false)).needs_snapshot);
    // Warming up sends it: the worker builds and solves, answers only the times, and keeps the copy.
    const auto warm = answer(plan::encode_db_request(q, db, plan::DbJob::warm));
    CHECK(warm.warmed);
    CHECK_FALSE(warm.solved);
    CHECK_FALSE(warm.needs_snapshot);
    CHECK(warm.warm_solve_seconds >= 0);
    const auto full = answer(plan::encode_db_request(q, db));
    REQUIRE(full.solved);
    // Other weights, the same data: no snapshot, the same instance, the plan of those weights.
    plan::DbQuery other = q;
    other.weights.move_cost = 0.2;
    const auto kept = answer(plan::encode_db_request(other, db, plan::DbJob::solve, false));
    REQUIRE(kept.solved);
    CHECK_FALSE(kept.needs_snapshot);
    const auto fresh = answer(plan::encode_db_request(other, store::snapshot(db)));
    CHECK(kept.instance_digest == fresh.instance_digest);
    CHECK(kept.plan_key == fresh.plan_key);
    CHECK(kept.plan.objective == fresh.plan.objective);
    // A request with bytes only (the training sandbox) does not replace the kept copy.
    CHECK(answer(plan::encode_db_request(q, db, plan::DbJob::digest_only, false)).instance_digest == full.instance_digest);
    // A committed change is a new version: the kept copy is not used.
    const auto employees = store::list_employees(db, {ids.kecamatan});
    REQUIRE_FALSE(employees.empty());
    db.exec("UPDATE employees SET name = name || ' (baru)' WHERE id = '" + employees.front().id + "'");
    CHECK(answer(plan::encode_db_request(q, db, plan::DbJob::solve, false)).needs_snapshot);
    const auto changed = answer(plan::encode_db_request(q, db, plan::DbJob::digest_only));
    CHECK(changed.instance_digest != full.instance_digest);
    CHECK(changed.instance_digest == answer(plan::encode_db_request(q, store::snapshot(db), plan::DbJob::digest_only)).instance_digest);
    CHECK(answer(plan::encode_db_request(q, db, plan::DbJob::digest_only, false)).instance_digest == changed.instance_digest);
    // A terminated worker has nothing.
    plan::forget_cached_db();
    CHECK(answer(plan::encode_db_request(q, db, plan::DbJob::digest_only, false)).needs_snapshot);
}

// A re-run with other weights, another move limit or other pins over the same
// data, scope, year and day: the worker applies them to the instance it built
// for the previous request (no rows read), and answers exactly what a worker
// that builds from scratch answers (instance bytes, plan, digest, plan key).
TEST_CASE("plan wire db: the worker reuses its built instance when only weights, the move limit or pins change") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::SyntheticParams p;
    p.kecamatan = 3;
    p.kelurahan = 12;
    p.employees = 1500;
    p.seed = 7;
    const demo::SeedStats stats = demo::seed_synthetic(db, p);
    const plan::DbQuery q = query_for(stats.root_office_id);
    auto answer = [](const std::string& request) {
        auto a = plan::decode_db_answer(plan::solve_encoded(request));
        REQUIRE(a);
        REQUIRE_FALSE(a->issue);
        return *a;
    };
    // From scratch: a bytes-only request is built by instance_from_db and touches no kept copy.
    auto fresh = [&](const plan::DbQuery& query) { return answer(plan::encode_db_request(query, store::snapshot(db))); };
    auto same = [](const plan::SolvedFromDb& a, const plan::SolvedFromDb& b) {
        CHECK(plan::encode_instance(a.instance) == plan::encode_instance(b.instance));
        CHECK(a.instance_digest == b.instance_digest);
        CHECK(a.plan_key == b.plan_key);
        CHECK(a.plan.objective == b.plan.objective);
        CHECK(a.plan.destination == b.plan.destination);
        CHECK(a.plan.moves.size() == b.plan.moves.size());
        CHECK(a.plan.optimal == b.plan.optimal);
        CHECK(a.plan.after.sum_sq == b.plan.after.sum_sq);
    };
    plan::forget_cached_db();
    // The warm-up builds (rows read) and keeps the instance; the first run reuses it.
    const auto warm = answer(plan::encode_db_request(q, db, plan::DbJob::warm));
    CHECK(warm.warmed);
    const auto first = answer(plan::encode_db_request(q, db, plan::DbJob::solve, false));
    REQUIRE(first.solved);
    CHECK(first.instance_reused);
    same(first, fresh(q));
    REQUIRE_FALSE(first.plan.moves.empty());

    // Other weights and a move limit: reused, and the plan of those weights.
    plan::DbQuery other = q;
    other.weights.move_cost = 0.3;
    other.weights.request_bonus = 2.0;
    other.weights.fit_bonus = 0.0;
    other.weights.max_moves = 5;
    const auto reweighted = answer(plan::encode_db_request(other, db, plan::DbJob::solve, false));
    CHECK(reweighted.instance_reused);
    same(reweighted, fresh(other));
    CHECK(reweighted.plan.moves.size() <= 5);
    CHECK(reweighted.plan_key != first.plan_key);

    // Pins: the first run's first three movers stay; then unpinned again (the kept instance has no pins).
    plan::DbQuery pinned = q;
    for (const auto& m : first.plan.moves)
        if (pinned.pinned.size() < 3) pinned.pinned.push_back(first.instance.employees[static_cast<size_t>(m.employee)].id);
    const auto with_pins = answer(plan::encode_db_request(pinned, db, plan::DbJob::solve, false));
    CHECK(with_pins.instance_reused);
    same(with_pins, fresh(pinned));
    for (const auto& m : with_pins.plan.moves)
        for (const auto& id : pinned.pinned) CHECK(with_pins.instance.employees[static_cast<size_t>(m.employee)].id != id);
    const auto unpinned = answer(plan::encode_db_request(q, db, plan::DbJob::solve, false));
    CHECK(unpinned.instance_reused);
    same(unpinned, first);
    // The digest-only check reuses it too.
    const auto digest = answer(plan::encode_db_request(other, db, plan::DbJob::digest_only, false));
    CHECK(digest.instance_reused);
    CHECK(digest.instance_digest == reweighted.instance_digest);

    // Another year or another day reads the rows again (tenure, ABK tasks), and is then kept.
    plan::DbQuery later = q;
    later.today = Date{2027, 6, 1};
    const auto built_later = answer(plan::encode_db_request(later, db, plan::DbJob::solve, false));
    CHECK_FALSE(built_later.instance_reused);
    same(built_later, fresh(later));
    CHECK(answer(plan::encode_db_request(later, db, plan::DbJob::solve, false)).instance_reused);

    // Changed data: a new version with its snapshot is built afresh.
    const auto employees = store::list_employees(db, {stats.root_office_id});
    REQUIRE_FALSE(employees.empty());
    db.exec("UPDATE employees SET name = name || ' (baru)' WHERE id = '" + employees.front().id + "'");
    const auto changed = answer(plan::encode_db_request(later, db));
    CHECK_FALSE(changed.instance_reused);
    same(changed, fresh(later));
    CHECK(changed.instance_digest != built_later.instance_digest);
    plan::forget_cached_db();
}

TEST_CASE("store snapshot_version: changes with every commit of this or another connection, not with reads") {
    const std::string path = "/tmp/seimbang-test-version-" + std::to_string(::getpid()) + ".db";
    std::remove(path.c_str());
    {
        store::Db db(path);
        db.exec("PRAGMA journal_mode=DELETE");
        db.exec("CREATE TABLE t (x INTEGER)");
        const std::string v0 = store::snapshot_version(db);
        CHECK_FALSE(v0.empty());
        db.exec("SELECT count(*) FROM t");
        CHECK(store::snapshot_version(db) == v0);
        db.exec("INSERT INTO t VALUES (1)");
        const std::string v1 = store::snapshot_version(db);
        CHECK(v1 != v0);
        // A rolled-back transaction: the data is as it was (the version may stay or move on, never go back).
        db.exec("BEGIN");
        db.exec("INSERT INTO t VALUES (2)");
        CHECK(store::snapshot_version(db).empty());  // uncommitted changes: no version
        db.exec("ROLLBACK");
        const std::string v2 = store::snapshot_version(db);
        CHECK(v2 != v0);
        // Another connection's commit to the same file (PRAGMA data_version).
        {
            store::Db other(path);
            CHECK(store::snapshot_version(other) != v2);  // another connection, another version
            other.exec("INSERT INTO t VALUES (3)");
        }
        CHECK(store::snapshot_version(db) != v2);
    }
    std::remove(path.c_str());
}

TEST_CASE("plan wire: optimalkan sisanya answers the plan and the key of the manual and the solved moves") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    const plan::DbQuery q = query_for(ids.kecamatan);
    plan::Instance inst = std::get<plan::Instance>(plan::instance_from_db(db, q));
    const plan::Plan first = plan::solve(inst);
    REQUIRE(first.moves.size() >= 2);
    // The first planned move made by hand and fixed, as App::rekom_step does.
    const plan::Move manual = first.moves.front();
    plan::Instance fixed = inst;
    fixed.employees[static_cast<size_t>(manual.employee)].position = manual.to;
    fixed.employees[static_cast<size_t>(manual.employee)].movable = false;
    fixed.employees[static_cast<size_t>(manual.employee)].requests.clear();
    const auto answered = plan::decode_reoptimise_answer(plan::solve_encoded(plan::encode_reoptimise_request(q, fixed, {manual})));
    REQUIRE(answered);
    const plan::Plan expected = plan::solve(fixed);
    CHECK(answered->plan.objective == expected.objective);
    CHECK(answered->plan.destination == expected.destination);
    // The key as the app computed it: manual and solved moves in employee order, origins from before.
    std::vector<plan::Move> keyed{manual};
    keyed.insert(keyed.end(), expected.moves.begin(), expected.moves.end());
    std::stable_sort(keyed.begin(), keyed.end(), [](const plan::Move& a, const plan::Move& b) { return a.employee < b.employee; });
    CHECK(answered->plan_key == plan::plan_key(q, inst, keyed));
    // A manual move outside the instance is refused (no answer).
    plan::Move bad = manual;
    bad.to = static_cast<int>(inst.positions.size());
    CHECK(plan::solve_encoded(plan::encode_reoptimise_request(q, fixed, {bad})).empty());
}

TEST_CASE("store snapshot: a file database read whole is byte for byte SQLite's own copy, and opens again") {
    const std::string path = "/tmp/seimbang-test-snapshot-" + std::to_string(::getpid()) + ".db";
    std::remove(path.c_str());
    {
        store::Db db(path);
        db.exec("PRAGMA journal_mode=DELETE");  // as the browser client's database (store_data.cpp)
        store::migrate(db);
        demo::DemoIds ids;
        demo::seed_marelan(db, &ids);
        const std::string fast = store::snapshot(db);  // the file, read whole
        sqlite3_int64 size = 0;
        unsigned char* own = sqlite3_serialize(db.handle(), "main", &size, 0);
        REQUIRE(own);
        const std::string serialized(reinterpret_cast<const char*>(own), static_cast<size_t>(size));
        sqlite3_free(own);
        CHECK(fast.size() == serialized.size());
        CHECK(fast == serialized);
        // Inside a transaction the file may be half written: the copy comes from SQLite then.
        db.exec("BEGIN");
        db.exec("UPDATE employees SET name = name || ' (baru)' WHERE rowid = 1");
        const std::string during = store::snapshot(db);
        db.exec("ROLLBACK");
        store::Db copy(":memory:");
        store::load_snapshot(copy, during);
        auto s = copy.prepare("SELECT count(*) FROM employees WHERE name LIKE '% (baru)'");
        REQUIRE(s.step());
        CHECK(s.int64(0) == 1);  // this connection's view, uncommitted change included, consistent
        check_snapshot_build(db, query_for(ids.kecamatan));
    }
    std::remove(path.c_str());
}

// The planner's binary hand-over (plan/wire.h), used between the browser's UI
// thread and its planner Web Worker: an instance and a plan survive the round
// trip field for field, solving the bytes gives the plan of solving the
// instance, and malformed or truncated bytes are refused, never half-read.
#include <doctest/doctest.h>

#include <string>

#include "plan/generate.h"
#include "plan/planner.h"
#include "plan/wire.h"

using namespace seimbang;
using namespace seimbang::plan;

namespace {

Instance sample() {
    GenerateParams g;
    g.employees = 400;
    g.positions = 40;
    g.seed = 7;
    Instance inst = generate(g);
    inst.weights.max_moves = 25;
    inst.weights.fit_bonus = 0.1;
    inst.weights.allow_managerial_moves = true;
    inst.positions[3].kind = PostKind::fungsional;
    inst.positions[3].family = "Analis Kebijakan Ahli Muda";
    inst.positions[4].kind = PostKind::managerial;
    inst.positions[4].golongan_min = Golongan{GolonganScale::pns, 9};
    inst.positions[5].golongan_max = Golongan{GolonganScale::pppk, 12};
    inst.positions[0].name = "Sekretaris Kelurahan (Kelurahan Rengas Pulau)";
    inst.employees[0].name = "Siti Rahmawati, S.Sos.";
    inst.employees[1].requests = {2, 17};
    inst.employees[2].movable = false;
    return inst;
}

void check_same(const Instance& a, const Instance& b) {
    CHECK(a.weights.wke_minutes == b.weights.wke_minutes);
    CHECK(a.weights.move_cost == b.weights.move_cost);
    CHECK(a.weights.request_bonus == b.weights.request_bonus);
    CHECK(a.weights.fit_bonus == b.weights.fit_bonus);
    CHECK(a.weights.max_moves == b.weights.max_moves);
    CHECK(a.weights.allow_managerial_moves == b.weights.allow_managerial_moves);
    CHECK(a.tags == b.tags);
    REQUIRE(a.positions.size() == b.positions.size());
    for (size_t p = 0; p < a.positions.size(); ++p) {
        const auto &x = a.positions[p], &y = b.positions[p];
        CHECK(x.id == y.id);
        CHECK(x.unit == y.unit);
        CHECK(x.name == y.name);
        CHECK(x.workload_minutes == y.workload_minutes);
        CHECK(x.required == y.required);
        CHECK(x.golongan_min == y.golongan_min);
        CHECK(x.golongan_max == y.golongan_max);
        CHECK(x.kind == y.kind);
        CHECK(x.family == y.family);
    }
    REQUIRE(a.employees.size() == b.employees.size());
    for (size_t e = 0; e < a.employees.size(); ++e) {
        const auto &x = a.employees[e], &y = b.employees[e];
        CHECK(x.id == y.id);
        CHECK(x.name == y.name);
        CHECK(x.position == y.position);
        CHECK(x.golongan == y.golongan);
        CHECK(x.competences == y.competences);
        CHECK(x.movable == y.movable);
        CHECK(x.requests == y.requests);
    }
}

}  // namespace

TEST_CASE("plan wire: an instance survives the round trip field for field") {
    const Instance inst = sample();
    const std::string bytes = encode_instance(inst);
    auto back = decode_instance(bytes);
    REQUIRE(back);
    check_same(inst, *back);
    CHECK(encode_instance(*back) == bytes);
}

TEST_CASE("plan wire: solving the bytes gives the plan of solving the instance") {
    const Instance inst = sample();
    const Plan direct = solve(inst);
    REQUIRE(direct.ok);
    REQUIRE(!direct.moves.empty());
    auto via = decode_plan(solve_encoded(encode_instance(inst)));
    REQUIRE(via);
    CHECK(via->ok);
    CHECK(via->objective == direct.objective);
    CHECK(via->optimal == direct.optimal);
    CHECK(via->gap == direct.gap);
    CHECK(via->lower_bound == direct.lower_bound);
    REQUIRE(via->moves.size() == direct.moves.size());
    for (size_t i = 0; i < direct.moves.size(); ++i) {
        CHECK(via->moves[i].employee == direct.moves[i].employee);
        CHECK(via->moves[i].from == direct.moves[i].from);
        CHECK(via->moves[i].to == direct.moves[i].to);
        CHECK(via->moves[i].requested == direct.moves[i].requested);
        CHECK(via->moves[i].fit_gain == direct.moves[i].fit_gain);
    }
    CHECK(via->destination == direct.destination);
    CHECK(via->holders_before == direct.holders_before);
    CHECK(via->holders_after == direct.holders_after);
    CHECK(via->before.sum_sq == direct.before.sum_sq);
    CHECK(via->after.sum_sq == direct.after.sum_sq);
    CHECK(via->after.ej_cv == direct.after.ej_cv);
    CHECK(via->after.overloaded == direct.after.overloaded);
    REQUIRE(via->unfilled.size() == direct.unfilled.size());
    for (size_t i = 0; i < direct.unfilled.size(); ++i) {
        CHECK(via->unfilled[i].position == direct.unfilled[i].position);
        CHECK(via->unfilled[i].cause == direct.unfilled[i].cause);
    }
    CHECK(via->stats.groups == direct.stats.groups);
    CHECK(via->stats.solves == direct.stats.solves);
}

TEST_CASE("plan wire: malformed bytes are refused, not half-read") {
    const Instance inst = sample();
    const std::string bytes = encode_instance(inst);
    CHECK_FALSE(decode_instance(""));
    CHECK_FALSE(decode_instance("not an instance at all"));
    CHECK(solve_encoded("garbage").empty());
    // Every truncation and one byte too many.
    for (size_t cut : {size_t{3}, size_t{40}, bytes.size() / 2, bytes.size() - 1})
        CHECK_FALSE(decode_instance(std::string_view(bytes).substr(0, cut)));
    CHECK_FALSE(decode_instance(bytes + "x"));
    // An employee in a position that does not exist.
    Instance bad = inst;
    bad.employees[5].position = static_cast<int>(bad.positions.size());
    CHECK_FALSE(decode_instance(encode_instance(bad)));
    bad = inst;
    bad.employees[5].requests = {-1};
    CHECK_FALSE(decode_instance(encode_instance(bad)));
    // A huge count in a short buffer is refused before anything is allocated.
    std::string huge = bytes.substr(0, 4 + 8 * 4 + 1 + 4 + 1);
    huge += std::string("\xff\xff\xff\x7f", 4);
    CHECK_FALSE(decode_instance(huge));
    const std::string plan_bytes = encode_plan(solve(inst));
    CHECK(decode_plan(plan_bytes));
    CHECK_FALSE(decode_plan(plan_bytes.substr(0, plan_bytes.size() - 1)));
    CHECK_FALSE(decode_plan(bytes));  // an instance is not a plan
}

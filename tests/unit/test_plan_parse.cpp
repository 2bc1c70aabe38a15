// Planner input parsing: valid instances and precise errors (item + field).
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "plan/parse.h"

using namespace seimbang;
using namespace seimbang::plan;

namespace {

Issue error_of(const std::string& text) {
    auto r = parse_instance(text);
    REQUIRE_MESSAGE(std::holds_alternative<Issue>(r), "expected an error for " << text);
    return std::get<Issue>(r);
}

const char* kValid = R"({"wke_minutes":75000,"move_cost":0.1,"request_bonus":0.4,"fit_bonus":0.2,"max_moves":3,
  "positions":[{"id":"P1","unit":"Terjun","workload_minutes":54300,"requires":{"keuangan":2},
                "golongan_min":"II/a","golongan_max":"III/d"},
               {"id":"P2","workload_minutes":0}],
  "employees":[{"id":"E1","position":"P1","golongan":"iii / b","competences":{"keuangan":3,"arsip":1},
                "requests":["P2","P2","P1"]},
               {"id":"E2","position":"P2","golongan":"IX","movable":false}]})";

}  // namespace

TEST_CASE("plan parse: a valid instance keeps every field") {
    auto r = parse_instance(std::string(kValid));
    REQUIRE(std::holds_alternative<Instance>(r));
    const Instance& inst = std::get<Instance>(r);
    CHECK(inst.weights.move_cost == doctest::Approx(0.1));
    CHECK(inst.weights.request_bonus == doctest::Approx(0.4));
    CHECK(inst.weights.fit_bonus == doctest::Approx(0.2));
    REQUIRE(inst.weights.max_moves);
    CHECK(*inst.weights.max_moves == 3);
    REQUIRE(inst.positions.size() == 2);
    CHECK(inst.needed(0) == doctest::Approx(0.724));  // ABK worked check: 54,300 / 75,000
    CHECK(inst.positions[0].golongan_max == parse_golongan("III/d"));
    REQUIRE(inst.employees.size() == 2);
    const Employee& e1 = inst.employees[0];
    CHECK(e1.golongan == *parse_golongan("III/b"));
    CHECK(e1.competences.size() == 2);
    // Duplicates and the own position are dropped from requests.
    REQUIRE(e1.requests.size() == 1);
    CHECK(e1.requests[0] == 1);
    CHECK_FALSE(inst.employees[1].movable);
    CHECK(inst.employees[1].golongan.scale == GolonganScale::pppk);
}

TEST_CASE("plan parse: defaults when settings are absent") {
    auto r = parse_instance(std::string(R"({"positions":[],"employees":[]})"));
    REQUIRE(std::holds_alternative<Instance>(r));
    const Weights& w = std::get<Instance>(r).weights;
    CHECK(w.wke_minutes == 75000);
    CHECK_FALSE(w.max_moves.has_value());
}

TEST_CASE("plan parse: errors name the offending item and field") {
    const std::string pos = R"("positions":[{"id":"P1","workload_minutes":100}])";
    SUBCASE("unknown position") {
        Issue i = error_of("{" + pos + R"(,"employees":[{"id":"E7","position":"P9","golongan":"II/a"}]})");
        CHECK(i.code == "plan.error.unknown_position");
        CHECK(i.field == "employees[E7].position");
        CHECK(i.detail == "P9");
    }
    SUBCASE("unknown requested position") {
        Issue i = error_of("{" + pos + R"(,"employees":[{"id":"E7","position":"P1","golongan":"II/a","requests":["PX"]}]})");
        CHECK(i.code == "plan.error.unknown_position");
        CHECK(i.field == "employees[E7].requests");
        CHECK(i.detail == "PX");
    }
    SUBCASE("duplicate employee id") {
        Issue i = error_of("{" + pos + R"(,"employees":[{"id":"E1","position":"P1","golongan":"II/a"},
                                                        {"id":"E1","position":"P1","golongan":"II/b"}]})");
        CHECK(i.code == "plan.error.duplicate_id");
        CHECK(i.field == "employees[E1].id");
    }
    SUBCASE("duplicate position id") {
        Issue i = error_of(R"({"positions":[{"id":"P1","workload_minutes":1},{"id":"P1","workload_minutes":2}],"employees":[]})");
        CHECK(i.code == "plan.error.duplicate_id");
        CHECK(i.field == "positions[P1].id");
    }
    SUBCASE("negative workload") {
        Issue i = error_of(R"({"positions":[{"id":"P3","workload_minutes":-1}],"employees":[]})");
        CHECK(i.code == "plan.error.negative_workload");
        CHECK(i.field == "positions[P3].workload_minutes");
    }
    SUBCASE("malformed JSON") {
        Issue i = error_of(R"({"positions":[{"id":"P1",)");
        CHECK(i.code == "plan.error.malformed_json");
        CHECK(i.detail.find("parse error") != std::string::npos);
    }
    SUBCASE("missing id uses the index") {
        Issue i = error_of(R"({"positions":[{"workload_minutes":1}],"employees":[]})");
        CHECK(i.code == "plan.error.missing_field");
        CHECK(i.field == "positions[0].id");
    }
    SUBCASE("bad golongan, level, range, type, setting") {
        CHECK(error_of("{" + pos + R"(,"employees":[{"id":"E1","position":"P1","golongan":"V/a"}]})").code ==
              "plan.error.bad_golongan");
        Issue lvl = error_of(R"({"positions":[{"id":"P1","workload_minutes":1,"requires":{"arsip":6}}],"employees":[]})");
        CHECK(lvl.code == "plan.error.bad_level");
        CHECK(lvl.field == "positions[P1].requires.arsip");
        CHECK(error_of(R"({"positions":[{"id":"P1","workload_minutes":1,"golongan_min":"IV/a","golongan_max":"III/a"}],"employees":[]})")
                  .code == "plan.error.bad_range");
        CHECK(error_of(R"({"positions":[{"id":"P1","workload_minutes":"7"}],"employees":[]})").code ==
              "plan.error.bad_type");
        Issue s = error_of(R"({"move_cost":-1,"positions":[],"employees":[]})");
        CHECK(s.code == "plan.error.bad_setting");
        CHECK(s.field == "move_cost");
        CHECK(error_of(R"({"max_moves":1.5,"positions":[],"employees":[]})").field == "max_moves");
        CHECK(error_of(R"({"positions":{},"employees":[]})").code == "plan.error.missing_field");
    }
}

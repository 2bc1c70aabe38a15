// Who may move where: competences at minimum level, golongan ranges per scale.
#include <doctest/doctest.h>

#include "plan/eligibility.h"

using namespace seimbang;
using namespace seimbang::plan;

TEST_CASE("plan eligibility: golongan ranges compare within one scale only") {
    const auto g = [](const char* s) { return *parse_golongan(s); };
    CHECK(golongan_in_range(g("III/a"), g("II/a"), g("III/d")));
    CHECK(golongan_in_range(g("II/a"), g("II/a"), g("III/d")));    // bounds inclusive
    CHECK_FALSE(golongan_in_range(g("I/d"), g("II/a"), g("III/d")));
    CHECK_FALSE(golongan_in_range(g("IV/a"), g("II/a"), g("III/d")));
    CHECK(golongan_in_range(g("IV/e"), std::nullopt, std::nullopt));
    CHECK(golongan_in_range(g("IV/a"), g("II/a"), std::nullopt));   // open upper bound
    // PPPK golongan are compared only with PPPK bounds.
    CHECK_FALSE(golongan_in_range(g("IX"), g("X"), std::nullopt));
    CHECK(golongan_in_range(g("IX"), g("IV/a"), g("IV/b")));       // PNS bounds do not apply
    CHECK(golongan_in_range(g("III/a"), g("X"), g("XII")));        // nor PPPK bounds to PNS
}

TEST_CASE("plan eligibility: every required competence at its minimum level") {
    Levels have = {{0, 3}, {2, 1}};
    CHECK(meets(have, {{0, 3}}));
    CHECK(meets(have, {}));
    CHECK_FALSE(meets(have, {{0, 4}}));
    CHECK_FALSE(meets(have, {{0, 2}, {1, 1}}));  // tag 1 missing
    CHECK(meets(have, {{0, 2}, {2, 1}}));
    CHECK(surplus(have, {{0, 2}, {2, 1}}) == 1);
    CHECK(surplus(have, {{1, 2}}) == -2);  // missing tag counts as level 0

    Employee e;
    e.golongan = *parse_golongan("III/c");
    e.competences = have;
    Position p;
    p.required = {{0, 3}};
    p.golongan_max = parse_golongan("III/b");
    CHECK_FALSE(eligible(e, p));
    p.golongan_max = parse_golongan("III/c");
    CHECK(eligible(e, p));
}

#include "model/golongan.h"
#include <doctest/doctest.h>
using namespace seimbang;
TEST_CASE("golongan scales are separate and ordered") {
    auto a = parse_golongan("III/a"); auto b = parse_golongan(" iii / D ");
    REQUIRE(a); REQUIRE(b);
    CHECK(format_golongan(*b) == "III/d");
    CHECK(compare(*a, *b) == -1);
    auto p = parse_golongan("IX"); REQUIRE(p);
    CHECK(p->scale == GolonganScale::pppk);
    CHECK_FALSE(compare(*a, *p).has_value());
    CHECK_FALSE(parse_golongan("V/a"));
    CHECK_FALSE(parse_golongan("XVIII"));
    CHECK(pangkat_name(*parse_golongan("IV/e")) == "Pembina Utama");
}

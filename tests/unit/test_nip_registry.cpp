// Regression: the synthetic generator's NIPs collided above ~40,000 employees
// (a global serial modulo 999 repeated within a birth date + TMT + sex prefix),
// so nothing at national scale could be generated. demo::NipRegistry counts
// serials per prefix instead.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <unordered_set>

#include "demo/nips.h"
#include "model/nip.h"

using namespace seimbang;

TEST_CASE("synthetic NIPs at 100,000: every one valid for its person (shared NIP validator) and none repeated") {
    demo::NipRegistry nips;
    std::unordered_set<std::string> seen;
    uint64_t x = 17;  // splitmix-like walk: the same people on every platform
    auto next = [&x](int n) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<int>((x >> 33) % static_cast<uint64_t>(n));
    };
    int pppk = 0;
    for (int k = 0; k < 100000; ++k) {
        const Date birth{1966 + next(36), 1 + next(12), 1 + next(28)};
        const bool female = next(100) < 45;
        std::string nip;
        if (next(10) == 0) {
            nip = nips.pppk(birth);
            ++pppk;
            REQUIRE(check_employee_number(nip, AsnType::pppk).ok());
            char born[16];
            std::snprintf(born, sizeof born, "%04d%02d%02d", birth.year, birth.month, birth.day);
            CHECK(nip.substr(0, 8) == born);
        } else {
            const int tmt_year = std::min(birth.year + 22 + next(7), 2024);
            nip = nips.pns(birth, tmt_year, 1 + next(12), female);
            NipParts parts;
            REQUIRE_MESSAGE(check_nip(nip, &parts).ok(), nip);
            CHECK(parts.birth == birth);
            CHECK(parts.gender == (female ? 2 : 1));
            CHECK(parts.tmt_year == tmt_year);
        }
        REQUIRE_MESSAGE(seen.insert(nip).second, "repeated NIP " << nip);
    }
    CHECK(seen.size() == 100000);
    CHECK(pppk > 5000);
}

TEST_CASE("synthetic NIPs: a full prefix (999 people with one birth date, TMT and sex) moves to the next TMT month") {
    demo::NipRegistry nips;
    std::unordered_set<std::string> seen;
    const Date birth{1980, 5, 17};
    for (int k = 0; k < 2500; ++k) {
        const std::string nip = nips.pns(birth, 2005, 12, true);
        NipParts parts;
        REQUIRE(check_nip(nip, &parts).ok());
        REQUIRE(seen.insert(nip).second);
        CHECK(parts.tmt_year == 2005);
        CHECK(parts.tmt_month == (k < 999 ? 12 : k < 1998 ? 1 : 2));  // December, then January, February of the same year
    }
}

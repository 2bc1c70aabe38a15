#include <doctest/doctest.h>

#include "model/nip.h"

using namespace seimbang;

namespace {
bool has_code(const Check& c, const std::string& code) {
    for (const auto& i : c.issues)
        if (i.code == code) return true;
    return false;
}
}  // namespace

TEST_CASE("NIP: the domain example is valid and its parts are decoded") {
    NipParts p;
    Check c = check_nip("19660801 198803 1 001", &p);
    CHECK(c.ok());
    CHECK(c.issues.empty());
    CHECK(p.birth == Date{1966, 8, 1});
    CHECK(p.tmt_year == 1988);
    CHECK(p.tmt_month == 3);
    CHECK(p.gender == 1);
    CHECK(p.sequence == 1);
}

TEST_CASE("NIP: structural errors are refused with a specific code") {
    CHECK(has_code(check_nip(""), "nip.required"));
    CHECK(has_code(check_nip("19660801A98803100"), "nip.not_digits"));
    CHECK(has_code(check_nip("1966080119880310"), "nip.bad_length"));
    CHECK(has_code(check_nip("196608011988031001"), "nip.bad_length") == false);
    CHECK(has_code(check_nip("196602301988031001"), "nip.bad_birth_date"));  // 30 February
    CHECK(has_code(check_nip("196608011988131001"), "nip.bad_tmt"));         // month 13
    CHECK(has_code(check_nip("196608011988033001"), "nip.bad_gender"));
    CHECK(has_code(check_nip("196608011988031000"), "nip.bad_sequence"));
    CHECK(has_code(check_nip("196608011960031001"), "nip.tmt_before_birth"));
    CHECK_FALSE(check_nip("196602301988031001").ok());
}

TEST_CASE("NIP: leap days and implausible ages") {
    CHECK(check_nip("199602291920031001").ok() == false);  // TMT before birth
    CHECK(check_nip("199602292019031001").ok());           // 29 Feb 1996 exists
    CHECK_FALSE(check_nip("199702292019031001").ok());     // 29 Feb 1997 does not
    // Age 16 at TMT: implausible, a warning that does not block saving.
    Check young = check_nip("200001012016011001");
    CHECK(young.ok());
    CHECK(has_code(young, "nip.young_at_tmt"));
    CHECK(young.issues.at(0).warning);
    Check old = check_nip("196001012010011001");
    CHECK(old.ok());
    CHECK(has_code(old, "nip.old_at_tmt"));
}

TEST_CASE("NI PPPK: 18 digits only, no structure") {
    CHECK(check_employee_number("123456789012345678", AsnType::pppk).ok());
    CHECK_FALSE(check_employee_number("12345678901234567", AsnType::pppk).ok());
    CHECK_FALSE(check_employee_number("123456789012345678", AsnType::pns).ok());
}

// Numbers and dates as people in Indonesia write them (and as English users do),
// through the one formatting/parsing module. The inputs of issue 20 are here:
// "2,5" was saved as 25, "19,5" as 195, "1.000" as 1.
#include <doctest/doctest.h>

#include "i18n/format.h"
#include "model/nip.h"

using namespace seimbang;
using namespace seimbang::i18n;

namespace {
double value(std::string_view s, Lang l) {
    auto p = parse_number(s, l);
    REQUIRE_MESSAGE(p.value, (std::string(s) + " refused: " + p.error));
    return *p.value;
}
std::string error(std::string_view s, Lang l) {
    auto p = parse_number(s, l);
    CHECK_MESSAGE(!p.value, (std::string(s) + " read as " + std::to_string(p.value.value_or(0))));
    return p.error;
}
}  // namespace

TEST_CASE("Indonesian numbers: decimal comma, thousands dot (issue 20 inputs)") {
    CHECK(value("2,5", Lang::id) == 2.5);
    CHECK(value("19,5", Lang::id) == 19.5);
    CHECK(value("1.000", Lang::id) == 1000);
    CHECK(value("60.000", Lang::id) == 60000);
    CHECK(value("1.234.567", Lang::id) == 1234567);
    CHECK(value("1.000,5", Lang::id) == 1000.5);
    CHECK(value("0,125", Lang::id) == 0.125);
    CHECK(value(" 12 ", Lang::id) == 12);
    CHECK(value("1 000", Lang::id) == 1000);
    CHECK(value(",5", Lang::id) == 0.5);
    CHECK(value("-3", Lang::id) == -3);
    CHECK(value("\xE2\x88\x92" "3,5", Lang::id) == -3.5);
    CHECK(value("0", Lang::id) == 0);
    CHECK(value("1000", Lang::id) == 1000);
    CHECK(value("1000,25", Lang::id) == 1000.25);
}

TEST_CASE("Indonesian numbers: a decimal point is refused, with the comma reading offered") {
    auto p = parse_number("1.5", Lang::id);
    CHECK_FALSE(p.value);
    CHECK(p.error == "number.use_comma");
    CHECK(p.hint == "1,5");
    CHECK(error("19.50", Lang::id) == "number.use_comma");
    CHECK(error("2.5", Lang::id) == "number.use_comma");
}

TEST_CASE("Indonesian numbers: '1,000' could be one or a thousand: asked, not guessed") {
    auto p = parse_number("1,000", Lang::id);
    CHECK_FALSE(p.value);
    CHECK(p.error == "number.ambiguous");
    CHECK(p.hint == "1 / 1.000");
    CHECK(error("12,500", Lang::id) == "number.ambiguous");
}

TEST_CASE("malformed numbers are refused") {
    for (const char* s : {"abc", "1,5,3", "1.00.000", "5,", "1,5.000", "12a", "1e5", "--3", "."})
        CHECK_MESSAGE(error(s, Lang::id) != "", s);
    CHECK(error("", Lang::id) == "field.required");
    CHECK(error("   ", Lang::en) == "field.required");
    CHECK(error("1234567890123456", Lang::id) == "number.invalid");  // 16 digits: not exact in a double
    CHECK(error(std::string(60, '1'), Lang::id) == "number.invalid");
}

TEST_CASE("English numbers are the mirror image") {
    CHECK(value("2.5", Lang::en) == 2.5);
    CHECK(value("1,000", Lang::en) == 1000);
    CHECK(value("1,000.5", Lang::en) == 1000.5);
    auto p = parse_number("2,5", Lang::en);
    CHECK(p.error == "number.use_dot");
    CHECK(p.hint == "2.5");
    CHECK(error("1.000", Lang::en) == "number.ambiguous");
}

TEST_CASE("formatting in both languages") {
    CHECK(format_int(267320, Lang::id) == "267.320");
    CHECK(format_int(267320, Lang::en) == "267,320");
    CHECK(format_int(-1500, Lang::id) == "\xE2\x88\x92" "1.500");
    CHECK(format_decimal(1.78, 2, Lang::id) == "1,78");
    CHECK(format_decimal(3.5642, 2, Lang::en) == "3.56");
    CHECK(format_decimal(1234.5, 1, Lang::id) == "1.234,5");
    CHECK(format_decimal(-0.04, 1, Lang::id) == "0,0");  // no "−0,0"
    CHECK(format_number(2.5, 2, Lang::id) == "2,5");
    CHECK(format_number(1000, 2, Lang::id) == "1.000");
    CHECK(format_number(0.125, 3, Lang::id) == "0,125");
    CHECK(format_signed(1.56, 1, Lang::id) == "+1,6");
    CHECK(format_signed(-1.56, 1, Lang::id) == "\xE2\x88\x92" "1,6");
    CHECK(format_signed(0.02, 1, Lang::id) == "0,0");
}

TEST_CASE("what an editor shows parses back to the same value") {
    for (double v : {0.0, 2.5, 19.5, 1000.0, 60000.0, 0.125, 1234.75, 12.0})
        for (Lang l : {Lang::id, Lang::en}) CHECK(value(format_number(v, 3, l), l) == doctest::Approx(v));
}

TEST_CASE("dates: DD-MM-YYYY in, DD-MM-YYYY (id) or '1 Aug 1966' (en) out") {
    auto d = parse_date("01-08-1966");
    REQUIRE(d.value);
    CHECK(*d.value == Date{1966, 8, 1});
    CHECK(parse_date("1/8/1966").value == Date{1966, 8, 1});
    CHECK(parse_date("01.08.1966").value == Date{1966, 8, 1});
    CHECK(parse_date("1966-08-01").value == Date{1966, 8, 1});  // ISO: year first, unambiguous
    CHECK(parse_date("01-08-66").error == "date.two_digit_year");
    CHECK(parse_date("31-02-1990").error == "date.impossible");
    CHECK(parse_date("1 Agustus 1966").error == "date.invalid");
    CHECK(parse_date("").error == "field.required");
    CHECK(format_date({1966, 8, 1}, Lang::id) == "01-08-1966");
    CHECK(format_date({1966, 8, 1}, Lang::en) == "1 Aug 1966");
    CHECK(format_iso_date_text("1966-08-01", Lang::id) == "01-08-1966");
    CHECK(format_iso_date_text("", Lang::id) == "");
}

TEST_CASE("NIP printed in its groups") {
    CHECK(format_nip("196608011988031001") == "19660801 198803 1 001");
    CHECK(format_nip("19660801 198803 1 001") == "19660801 198803 1 001");
    CHECK(format_nip("12345") == "12345");
}

TEST_CASE("every parse error has a text in both languages") {
    for (const char* code : {"number.invalid", "number.use_comma", "number.use_dot", "number.ambiguous",
                             "date.invalid", "date.two_digit_year", "date.impossible"}) {
        CHECK_MESSAGE(has(code, Lang::id), code);
        CHECK_MESSAGE(has(code, Lang::en), code);
    }
}

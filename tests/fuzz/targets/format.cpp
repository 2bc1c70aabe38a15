// What people type: numbers in both languages' conventions, dates, ISO dates,
// NIPs. Properties: a parsed number is finite; a parsed date is a real date and
// reads back the same from its display form in both languages.
#include <cmath>
#include <string>

#include "fuzz_target.h"
#include "i18n/format.h"
#include "model/date.h"
#include "model/nip.h"

namespace {
void run(std::string_view input) {
    using namespace seimbang;
    for (auto lang : {i18n::Lang::id, i18n::Lang::en}) {
        const auto n = i18n::parse_number(input, lang);
        if (n.value) fuzz::require(std::isfinite(*n.value), "a parsed number is finite");
        (void)i18n::format_iso_date_text(input, lang);
    }
    const auto d = i18n::parse_date(input);
    if (d.value) {
        fuzz::require(is_valid_date(d.value->year, d.value->month, d.value->day), "a parsed date exists");
        const auto again = i18n::parse_date(i18n::format_date(*d.value, i18n::Lang::id));
        fuzz::require(again.value && *again.value == *d.value, "a date reads back from its Indonesian display");
        fuzz::require(parse_iso_date(format_iso_date(*d.value)) == d.value, "a date reads back from ISO");
    }
    (void)parse_iso_date(input);
    NipParts parts;
    if (check_nip(input, &parts).ok()) fuzz::require(!normalise_nip(input).empty(), "a valid NIP normalises");
    (void)format_nip(input);
}
}  // namespace

SEIMBANG_FUZZ_TARGET("format", run)

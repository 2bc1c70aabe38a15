// The one place where numbers and dates become text and text becomes numbers and
// dates, for every screen (input and output) and in both UI languages:
//   Bahasa Indonesia: decimal comma, thousands dot ("1.234,5"), dates DD-MM-YYYY;
//   English:          decimal point, thousands comma ("1,234.5"), dates "1 Aug 1966".
// Input that could mean two things is refused with a specific message instead of
// being guessed (see parse_number). Core code so that it is tested natively and
// in WebAssembly; the UI only calls it.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "i18n/strings.h"
#include "model/date.h"

namespace seimbang::i18n {

// A string-table text with its "{name}" placeholders replaced (every occurrence):
// fill("Kurang {n} level", {{"n", "2"}}) = "Kurang 2 level". A placeholder without
// a value stays visible, so a missing one is noticed rather than blank.
std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> values);

// "1.234" / "1,234"; negative numbers with a minus sign "−" (U+2212).
std::string format_int(long long v, Lang lang = current());
// Fixed decimals: format_decimal(0.724, 2) = "0,72" / "0.72".
std::string format_decimal(double v, int decimals, Lang lang = current());
// Up to `max_decimals`, trailing zeros dropped: 2.5 → "2,5", 1000 → "1.000", 0.125 → "0,125".
// What an editor shows for a stored value, so that saving it unchanged keeps it.
std::string format_number(double v, int max_decimals, Lang lang = current());
// With an explicit sign: "+1,5", "−0,3", "0,0".
std::string format_signed(double v, int decimals, Lang lang = current());

// Result of reading a number typed by a person: a value, or the string-table code
// of why it was refused ("number.invalid", "number.use_comma", ...).
struct ParsedNumber {
    std::optional<double> value;
    std::string error;
    std::string hint;  // the reading(s) to offer: "1,5" for "1.5"; "1 / 1.000" for "1,000"
};
// Reads a number written in `lang`'s conventions. Spaces are ignored.
//   id: "2,5" = 2.5; "1.000" = 1000; "1.000,5" = 1000.5; "0,125" = 0.125.
//       "1.5" / "19.50": a dot not followed by a group of three digits is a decimal
//       point written the English way: refused ("number.use_comma"), never read
//       as 15 or 1.5 silently.
//       "1,000" / "12,500": a comma before exactly three digits could be a
//       thousands separator written the English way: refused
//       ("number.ambiguous") — write "1" or "1.000". "0,125" is not ambiguous.
//   en: the mirror image ("2.5", "1,000"; "2,5" → "number.use_dot"; "1.000" → "number.ambiguous").
// Empty text → "field.required". Signs: a leading '-' or '−' is kept (callers
// decide whether negatives are allowed).
ParsedNumber parse_number(std::string_view text, Lang lang = current());

// Dates. Display: id "01-08-1966", en "1 Aug 1966".
std::string format_date(const Date& d, Lang lang = current());
// A stored ISO date ("1966-08-01") for display; empty or malformed text as is.
std::string format_iso_date_text(std::string_view iso, Lang lang = current());
// Reads a date a person typed: DD-MM-YYYY (also with '/' or '.'), or ISO
// YYYY-MM-DD (unambiguous: the year comes first). Two-digit years are refused
// (19 or 20?); so are impossible dates. The error is a string-table code.
struct ParsedDate {
    std::optional<Date> value;
    std::string error;
};
ParsedDate parse_date(std::string_view text);

}  // namespace seimbang::i18n

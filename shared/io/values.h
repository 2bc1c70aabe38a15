// Reading the values of imported cells the way Indonesian exports write them:
// decimal comma and thousands dot ("1.234,5"), dates DD-MM-YYYY (also '/' or '.',
// month names "1 Agustus 1966", ISO) or Excel serial numbers, golongan inside a
// pangkat text ("Penata Muda, III/a"), gender as L/P, education as "S1"/"D3".
// Each reader returns the value or the string-table code of why it was refused.
// Number and date text goes through the one parsing module of the UI
// (i18n/format.h); what only spreadsheets need is added here: numeric cells,
// Excel serial dates, month names, ISO dates with a time.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.h"
#include "model/types.h"

namespace seimbang::io {

template <class T>
struct Parsed {
    std::optional<T> value;
    std::string error;  // string-table code when value is empty
    std::string hint;   // the reading to offer ("1,5" for "1.5"), when there is one
};

// `numeric`: the cell is a number in the file itself (XLSX), written with a
// decimal point by the reader; text cells are read the Indonesian way.
Parsed<double> parse_number(std::string_view text, bool numeric);
// DD-MM-YYYY, D/M/YYYY, DD.MM.YYYY, YYYY-MM-DD, "1 Agustus 1966", or an Excel
// serial (numeric cell, or a whole number of 5 digits in text).
Parsed<Date> parse_date(std::string_view text, bool numeric);
// Excel's 1900 date system (serial 1 = 1900-01-01, with its phantom 29-02-1900).
std::optional<Date> excel_serial_date(double serial);

// Canonical golongan ("III/a", "IX") found in the text, or an error code.
Parsed<std::string> parse_golongan_text(std::string_view text);
Parsed<Gender> parse_gender(std::string_view text);
// One of kEducationLevels ("S1" → "S-1", "D3" → "D-III", "SLTA" → "SMA/SMK").
Parsed<std::string> parse_education(std::string_view text);
Parsed<std::string> parse_asn_type_text(std::string_view text);  // "PNS" | "CPNS" | "PPPK"
Parsed<Period> parse_period_text(std::string_view text);        // "tahun", "bulanan", "hari", ...
Parsed<PositionKind> parse_position_kind(std::string_view text); // "Pelaksana", "JFT", "Eselon IV"...
Parsed<bool> parse_yes_no(std::string_view text);                 // Ya/Tidak, Y/T, 1/0

// Lower case ASCII, punctuation to single spaces, trimmed: the form names are
// compared in. Abbreviations of office kinds are expanded ("Kel." → "kelurahan").
std::string normalise_name(std::string_view s);
// Levenshtein distance (bytes), for near-miss suggestions.
int edit_distance(std::string_view a, std::string_view b);

std::string trim(std::string_view s);

}  // namespace seimbang::io

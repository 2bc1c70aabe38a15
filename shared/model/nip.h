// NIP (Nomor Induk Pegawai) for PNS, Perka BKN 22/2007: 18 digits =
// birth date YYYYMMDD + TMT CPNS YYYYMM + gender (1 male, 2 female) + sequence 001-999.
// Structural errors are refused; implausible ages at TMT are warnings because
// legacy records contain them. PPPK numbers (NI PPPK) have another structure:
// only "18 digits" is checked.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "model/date.h"
#include "model/golongan.h"
#include "model/result.h"

namespace seimbang {

struct NipParts {
    Date birth;
    int tmt_year = 0, tmt_month = 0;
    int gender = 0;  // 1 male, 2 female
    int sequence = 0;
};

// Removes spaces (NIPs are often written "19660801 198803 1 001").
std::string normalise_nip(std::string_view raw);

// The way NIPs are printed and read aloud: "19660801 198803 1 001" (birth date,
// TMT CPNS, gender, sequence). Anything that is not 18 digits comes back as typed.
std::string format_nip(std::string_view raw);

// Validates a PNS/CPNS NIP; fills `parts` when structurally valid.
Check check_nip(std::string_view raw, NipParts* parts = nullptr);

// Validates an employee number for the given ASN type (PPPK: 18 digits only).
Check check_employee_number(std::string_view raw, AsnType type, NipParts* parts = nullptr);

}  // namespace seimbang

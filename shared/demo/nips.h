// Valid, unique NIPs for synthetic data at national scale (4.3 million ASN).
// A PNS NIP is birth date (8) + TMT CPNS YYYYMM (6) + sex (1) + a serial 001-999
// (model/nip.h). The serial is how many NIPs with the same first 15 digits were
// handed out before, so two people never get the same NIP however many are
// made; when a prefix's 999 serials are used up the next TMT month of that year
// is taken (a real NIP never has more than 999 people per prefix either). An NI
// PPPK (only "18 digits" is checked) is birth date + 2022 + a 6-digit serial
// per birth date, likewise counted. Deterministic: the same calls in the same
// order give the same numbers on every platform. One registry can be shared by
// the synthetic instansi of one national data set (demo::SyntheticParams::nips).
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>

#include "model/date.h"

namespace seimbang::demo {

class NipRegistry {
public:
    // Throws std::runtime_error when every month of tmt_year is full for this
    // birth date and sex (11,988 people: never in synthetic data).
    std::string pns(const Date& birth, int tmt_year, int tmt_month, bool female);
    std::string pppk(const Date& birth);
    size_t prefixes() const { return used_.size(); }

private:
    std::unordered_map<uint64_t, uint32_t> used_;  // 15- or 12-digit prefix → serials handed out
};

}  // namespace seimbang::demo

#include "demo/nips.h"

#include <cstdio>
#include <stdexcept>

namespace seimbang::demo {

std::string NipRegistry::pns(const Date& birth, int tmt_year, int tmt_month, bool female) {
    const uint64_t birth_key = static_cast<uint64_t>(birth.year) * 10000 + static_cast<uint64_t>(birth.month) * 100 +
                               static_cast<uint64_t>(birth.day);
    for (int k = 0; k < 12; ++k) {
        const int month = (tmt_month - 1 + k) % 12 + 1;
        // The first 15 digits as a number (never collides with a PPPK key: those end in 2022 and have 12 digits).
        const uint64_t prefix = (birth_key * 1000000 + static_cast<uint64_t>(tmt_year) * 100 + static_cast<uint64_t>(month)) * 10 +
                                (female ? 2 : 1);
        uint32_t& n = used_[prefix];
        if (n >= 999) continue;
        ++n;
        char nip[32];
        std::snprintf(nip, sizeof nip, "%04d%02d%02d%04d%02d%d%03u", birth.year, birth.month, birth.day, tmt_year,
                      month, female ? 2 : 1, n);
        return nip;
    }
    throw std::runtime_error("NipRegistry: every TMT month of the year is full for this birth date");
}

std::string NipRegistry::pppk(const Date& birth) {
    const uint64_t prefix = (static_cast<uint64_t>(birth.year) * 10000 + static_cast<uint64_t>(birth.month) * 100 +
                             static_cast<uint64_t>(birth.day)) * 10000 + 2022;
    uint32_t& n = used_[prefix];
    if (n >= 999999) throw std::runtime_error("NipRegistry: NI PPPK serials of this birth date are used up");
    ++n;
    char nip[32];
    std::snprintf(nip, sizeof nip, "%04d%02d%02d2022%06u", birth.year, birth.month, birth.day, n);
    return nip;
}

}  // namespace seimbang::demo

#include "model/nip.h"

#include <cctype>

namespace seimbang {

namespace {
int digits(std::string_view s, size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
}

// Same plausibility window BKN data-quality checks use in practice: CPNS appointment
// between 18 and 46 years of age (46 = upper age limit for some formations). Outside
// it the record is kept but flagged.
constexpr int kMinAgeAtTmt = 18;
constexpr int kMaxAgeAtTmt = 46;

Check check_digits18(std::string_view nip) {
    Check c;
    if (nip.empty()) {
        c.error("nip.required", "nip");
        return c;
    }
    for (char ch : nip)
        if (!std::isdigit(static_cast<unsigned char>(ch))) {
            c.error("nip.not_digits", "nip", std::string(nip));
            return c;
        }
    if (nip.size() != 18) c.error("nip.bad_length", "nip", std::to_string(nip.size()));
    return c;
}
}  // namespace

std::string normalise_nip(std::string_view raw) {
    std::string out;
    for (char ch : raw)
        if (!std::isspace(static_cast<unsigned char>(ch))) out.push_back(ch);
    return out;
}

std::string format_nip(std::string_view raw) {
    const std::string nip = normalise_nip(raw);
    if (nip.size() != 18 || !check_digits18(nip).ok()) return std::string(raw);
    return nip.substr(0, 8) + " " + nip.substr(8, 6) + " " + nip.substr(14, 1) + " " + nip.substr(15, 3);
}

Check check_nip(std::string_view raw, NipParts* parts) {
    const std::string nip = normalise_nip(raw);
    Check c = check_digits18(nip);
    if (!c.ok()) return c;

    NipParts p;
    p.birth = {digits(nip, 0, 4), digits(nip, 4, 2), digits(nip, 6, 2)};
    p.tmt_year = digits(nip, 8, 4);
    p.tmt_month = digits(nip, 12, 2);
    p.gender = digits(nip, 14, 1);
    p.sequence = digits(nip, 15, 3);

    if (!is_valid_date(p.birth.year, p.birth.month, p.birth.day))
        c.error("nip.bad_birth_date", "nip", nip.substr(0, 8));
    if (p.tmt_year < 1900 || p.tmt_year > 2199 || p.tmt_month < 1 || p.tmt_month > 12)
        c.error("nip.bad_tmt", "nip", nip.substr(8, 6));
    if (p.gender != 1 && p.gender != 2) c.error("nip.bad_gender", "nip", nip.substr(14, 1));
    if (p.sequence == 0) c.error("nip.bad_sequence", "nip");
    if (!c.ok()) return c;

    // TMT is a year-month: compare against the first day of that month.
    const Date tmt{p.tmt_year, p.tmt_month, 1};
    if (tmt < p.birth) {
        c.error("nip.tmt_before_birth", "nip");
        return c;
    }
    const int age = years_between(p.birth, tmt);
    if (age < kMinAgeAtTmt) c.warn("nip.young_at_tmt", "nip", std::to_string(age));
    if (age > kMaxAgeAtTmt) c.warn("nip.old_at_tmt", "nip", std::to_string(age));
    if (parts) *parts = p;
    return c;
}

Check check_employee_number(std::string_view raw, AsnType type, NipParts* parts) {
    if (type == AsnType::pppk) return check_digits18(normalise_nip(raw));
    return check_nip(raw, parts);
}

}  // namespace seimbang

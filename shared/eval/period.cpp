#include "eval/period.h"

#include <charconv>

namespace seimbang::eval {

namespace {
int months_per(PeriodLength l) { return l == PeriodLength::semester ? 6 : 3; }
int count_per_year(PeriodLength l) { return 12 / months_per(l); }
int days_in_month(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}
}  // namespace

std::optional<PeriodLength> parse_period_length(std::string_view s) {
    if (s == "semester") return PeriodLength::semester;
    if (s == "quarter") return PeriodLength::quarter;
    return std::nullopt;
}

std::string_view to_string(PeriodLength l) { return l == PeriodLength::semester ? "semester" : "quarter"; }

std::optional<PeriodId> parse_period(std::string_view s) {
    if (s.size() != 7 || s[4] != '-') return std::nullopt;
    int year = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + 4, year);
    if (ec != std::errc() || ptr != s.data() + 4 || year < 2000 || year > 2200) return std::nullopt;
    PeriodId p;
    p.year = year;
    if (s[5] == 'S') p.length = PeriodLength::semester;
    else if (s[5] == 'Q') p.length = PeriodLength::quarter;
    else return std::nullopt;
    if (s[6] < '1' || s[6] > '9') return std::nullopt;
    p.index = s[6] - '0';
    if (p.index > count_per_year(p.length)) return std::nullopt;
    return p;
}

std::string to_string(const PeriodId& p) {
    return std::to_string(p.year) + (p.length == PeriodLength::semester ? "-S" : "-Q") + std::to_string(p.index);
}

PeriodId period_of(const Date& d, PeriodLength length) {
    return {d.year, length, (d.month - 1) / months_per(length) + 1};
}

PeriodId previous(const PeriodId& p) {
    if (p.index > 1) return {p.year, p.length, p.index - 1};
    return {p.year - 1, p.length, count_per_year(p.length)};
}

PeriodId next(const PeriodId& p) {
    if (p.index < count_per_year(p.length)) return {p.year, p.length, p.index + 1};
    return {p.year + 1, p.length, 1};
}

Date first_day(const PeriodId& p) { return {p.year, (p.index - 1) * months_per(p.length) + 1, 1}; }

Date last_day(const PeriodId& p) {
    const int m = p.index * months_per(p.length);
    return {p.year, m, days_in_month(p.year, m)};
}

bool has_ended(const PeriodId& p, const Date& today) { return last_day(p) < today; }

}  // namespace seimbang::eval

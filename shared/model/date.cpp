#include "model/date.h"

#include <cstdio>
#include <ctime>

namespace seimbang {

bool is_valid_date(int y, int m, int d) {
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = days[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
    return d <= max;
}

std::optional<Date> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto num = [&](size_t pos, size_t len) {
        int v = 0;
        for (size_t i = pos; i < pos + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    Date d{num(0, 4), num(5, 2), num(8, 2)};
    if (!is_valid_date(d.year, d.month, d.day)) return std::nullopt;
    return d;
}

std::string format_iso_date(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

int years_between(const Date& a, const Date& b) {
    int y = b.year - a.year;
    if (b.month < a.month || (b.month == a.month && b.day < a.day)) --y;
    return y;
}

int months_between(const Date& a, const Date& b) {
    int m = (b.year - a.year) * 12 + (b.month - a.month);
    if (b.day < a.day) --m;
    return m;
}

Date utc_date(long long unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

Date today_utc() { return utc_date(static_cast<long long>(std::time(nullptr))); }

}  // namespace seimbang

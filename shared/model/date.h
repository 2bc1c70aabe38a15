// Calendar dates as plain year/month/day (no time zone): birth dates, TMT.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace seimbang {

struct Date {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Date&) const = default;
};

bool is_valid_date(int y, int m, int d);
// Parses "YYYY-MM-DD" strictly.
std::optional<Date> parse_iso_date(std::string_view s);
std::string format_iso_date(const Date& d);

// The UTC calendar date of a Unix time (pure); today_utc() reads the system
// clock, for the command-line tools and the server (the app asks its Platform).
Date utc_date(long long unix_seconds);
Date today_utc();
// Whole years between a and b (b >= a), counting birthdays.
int years_between(const Date& a, const Date& b);
// Whole months between a and b.
int months_between(const Date& a, const Date& b);

}  // namespace seimbang

#include "i18n/format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace seimbang::i18n {

namespace {

constexpr const char* kMinus = "\xE2\x88\x92";  // U+2212, what Indonesian and English print
constexpr size_t kMaxInput = 40;               // longer text is not a number a person types
constexpr size_t kMaxDigits = 15;              // exact in a double

char decimal_sep(Lang lang) { return lang == Lang::id ? ',' : '.'; }
char group_sep(Lang lang) { return lang == Lang::id ? '.' : ','; }

std::string group_digits(const std::string& digits, Lang lang) {
    std::string out;
    const size_t n = digits.size();
    for (size_t i = 0; i < n; ++i) {
        out += digits[i];
        if ((n - i - 1) % 3 == 0 && i != n - 1) out += group_sep(lang);
    }
    return out;
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// "1234.50" (printf form, no sign) → language form with grouping.
std::string localise(const std::string& plain, Lang lang) {
    const auto dot = plain.find('.');
    std::string out = group_digits(plain.substr(0, dot), lang);
    if (dot != std::string::npos) out += decimal_sep(lang) + plain.substr(dot + 1);
    return out;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals < 0 ? 0 : decimals, std::fabs(v));
    return buf;
}

bool is_zero_text(const std::string& plain) {
    for (char c : plain)
        if (c != '0' && c != '.') return false;
    return true;
}

ParsedNumber refuse(std::string code, std::string hint = {}) {
    ParsedNumber p;
    p.error = std::move(code);
    p.hint = std::move(hint);
    return p;
}

// Exact decimal → double: the integer of all digits divided once by a power of
// ten is correctly rounded (both are exact doubles for <= 15 digits).
double to_double(const std::string& int_digits, const std::string& frac_digits) {
    double mantissa = 0;
    for (char c : int_digits + frac_digits) mantissa = mantissa * 10 + (c - '0');
    return frac_digits.empty() ? mantissa : mantissa / std::pow(10.0, static_cast<double>(frac_digits.size()));
}

constexpr const char* kMonthsEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string text(pattern);
    for (const auto& [name, value] : values) {
        const std::string tag = "{" + std::string(name) + "}";
        for (auto at = text.find(tag); at != std::string::npos; at = text.find(tag, at + value.size()))
            text.replace(at, tag.size(), value);
    }
    return text;
}

std::string format_int(long long v, Lang lang) {
    const unsigned long long mag = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    std::string out = group_digits(std::to_string(mag), lang);
    return v < 0 ? kMinus + out : out;
}

std::string format_decimal(double v, int decimals, Lang lang) {
    if (!std::isfinite(v)) return "-";
    const std::string plain = fixed(v, decimals);
    // No "−0,0": a value that rounds to zero has no sign.
    const bool negative = v < 0 && !is_zero_text(plain);
    return (negative ? kMinus : "") + localise(plain, lang);
}

std::string format_number(double v, int max_decimals, Lang lang) {
    if (!std::isfinite(v)) return "-";
    std::string plain = fixed(v, max_decimals);
    if (plain.find('.') != std::string::npos) {
        while (!plain.empty() && plain.back() == '0') plain.pop_back();
        if (!plain.empty() && plain.back() == '.') plain.pop_back();
    }
    const bool negative = v < 0 && !is_zero_text(plain);
    return (negative ? kMinus : "") + localise(plain, lang);
}

std::string format_signed(double v, int decimals, Lang lang) {
    const std::string s = format_decimal(v, decimals, lang);
    if (v > 0 && !is_zero_text(fixed(v, decimals))) return "+" + s;
    return s;
}

ParsedNumber parse_number(std::string_view text, Lang lang) {
    // Spaces (also a non-breaking one) carry no meaning: "1 000" = "1000".
    std::string s;
    bool negative = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\t') continue;
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            ++i;
            continue;
        }
        if (text.substr(i, 3) == kMinus && s.empty() && !negative) {
            negative = true;
            i += 2;
            continue;
        }
        if ((c == '-' || c == '+') && s.empty() && !negative) {
            negative = c == '-';
            continue;
        }
        s.push_back(static_cast<char>(c));
    }
    if (s.empty()) return refuse("field.required");
    if (s.size() > kMaxInput) return refuse("number.invalid");
    for (char c : s)
        if (!((c >= '0' && c <= '9') || c == '.' || c == ',')) return refuse("number.invalid");

    const char dec = decimal_sep(lang), grp = group_sep(lang);
    const auto first_dec = s.find(dec);
    if (first_dec != std::string::npos && s.find(dec, first_dec + 1) != std::string::npos) {
        // "1.000.000" in English, "1,5,3" anywhere: several decimal separators.
        // Groups of three after each one are thousands written the other way.
        return refuse("number.invalid");
    }
    const std::string int_part = s.substr(0, first_dec);
    const std::string frac = first_dec == std::string::npos ? "" : s.substr(first_dec + 1);
    if (frac.find(grp) != std::string::npos) return refuse("number.invalid");  // "1,5.000"
    if (first_dec != std::string::npos && frac.empty()) return refuse("number.invalid");  // "5,"

    // Integer part: plain digits, or groups of three after a first group of 1–3.
    std::string int_digits;
    std::vector<std::string> groups;
    for (size_t b = 0;;) {
        const auto e = int_part.find(grp, b);
        groups.push_back(int_part.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (e == std::string::npos) break;
        b = e + 1;
    }
    const auto other = [&](const std::string& digits_a, const std::string& digits_b) {
        // The same text as the other language would write it: the hint shown.
        std::string h = digits_a;
        h += dec;
        h += digits_b;
        return h;
    };
    if (groups.size() > 1) {
        bool ok = groups.front().size() >= 1 && groups.front().size() <= 3 && all_digits(groups.front());
        for (size_t k = 1; k < groups.size(); ++k) ok = ok && groups[k].size() == 3 && all_digits(groups[k]);
        if (!ok) {
            // One separator of the group kind, not before three digits, no decimal
            // separator: a decimal written the other language's way ("1.5" in id).
            if (groups.size() == 2 && first_dec == std::string::npos && all_digits(groups[0]) &&
                all_digits(groups[1]) && !groups[1].empty() && !groups[0].empty())
                return refuse(lang == Lang::id ? "number.use_comma" : "number.use_dot", other(groups[0], groups[1]));
            return refuse("number.invalid");
        }
        for (const auto& g : groups) int_digits += g;
    } else {
        int_digits = int_part;
        if (!all_digits(int_digits)) return refuse("number.invalid");
    }
    if (int_digits.empty() && frac.empty()) return refuse("number.invalid");
    if (!all_digits(frac)) return refuse("number.invalid");

    // "1,000" in id (or "1.000" in en): three digits after the decimal separator of
    // a short non-zero whole part reads as thousands to someone used to the other
    // convention. Ask instead of guessing.
    if (groups.size() == 1 && frac.size() == 3 && !int_digits.empty() && int_digits.size() <= 3 &&
        int_digits.find_first_not_of('0') != std::string::npos) {
        std::string whole = format_number(to_double(int_digits, frac), 3, lang);
        std::string thousands = format_int(std::atoll((int_digits + frac).c_str()), lang);
        return refuse("number.ambiguous", whole + " / " + thousands);
    }
    // Leading zeros do not count towards precision.
    const auto significant = (int_digits + frac).find_first_not_of('0');
    if (significant != std::string::npos && (int_digits + frac).size() - significant > kMaxDigits)
        return refuse("number.invalid");
    ParsedNumber p;
    const double v = to_double(int_digits, frac);
    p.value = negative && v != 0 ? -v : v;
    return p;
}

std::string format_date(const Date& d, Lang lang) {
    char buf[32];
    if (lang == Lang::en && d.month >= 1 && d.month <= 12)
        std::snprintf(buf, sizeof buf, "%d %s %04d", d.day, kMonthsEn[d.month - 1], d.year);
    else
        std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d.day, d.month, d.year);
    return buf;
}

std::string format_iso_date_text(std::string_view iso, Lang lang) {
    if (auto d = parse_iso_date(iso)) return format_date(*d, lang);
    return std::string(iso);
}

ParsedDate parse_date(std::string_view text) {
    ParsedDate out;
    std::string s;
    for (char c : text)
        if (c != ' ') s.push_back(c);
    if (s.empty()) {
        out.error = "field.required";
        return out;
    }
    if (s.size() > 10) {
        out.error = "date.invalid";
        return out;
    }
    // Split on '-', '/' or '.'.
    std::vector<std::string> parts(1);
    for (char c : s) {
        if (c == '-' || c == '/' || c == '.') parts.emplace_back();
        else if (c >= '0' && c <= '9') parts.back().push_back(c);
        else {
            out.error = "date.invalid";
            return out;
        }
    }
    if (parts.size() != 3) {
        out.error = "date.invalid";
        return out;
    }
    for (const auto& p : parts)
        if (p.empty()) {
            out.error = "date.invalid";
            return out;
        }
    int y, m, d;
    if (parts[0].size() == 4) {  // ISO: YYYY-MM-DD
        y = std::atoi(parts[0].c_str());
        m = std::atoi(parts[1].c_str());
        d = std::atoi(parts[2].c_str());
        if (parts[1].size() > 2 || parts[2].size() > 2) {
            out.error = "date.invalid";
            return out;
        }
    } else {  // DD-MM-YYYY
        if (parts[0].size() > 2 || parts[1].size() > 2) {
            out.error = "date.invalid";
            return out;
        }
        if (parts[2].size() != 4) {
            out.error = parts[2].size() == 2 ? "date.two_digit_year" : "date.invalid";
            return out;
        }
        d = std::atoi(parts[0].c_str());
        m = std::atoi(parts[1].c_str());
        y = std::atoi(parts[2].c_str());
    }
    if (!is_valid_date(y, m, d)) {
        out.error = "date.impossible";
        return out;
    }
    out.value = Date{y, m, d};
    return out;
}

}  // namespace seimbang::i18n

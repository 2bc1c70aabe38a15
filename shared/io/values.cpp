#include "io/values.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "i18n/format.h"
#include "model/golongan.h"

namespace seimbang::io {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Letters and digits only, lower case: "S.1" → "s1", "Laki-laki" → "lakilaki".
std::string squeeze(std::string_view s) {
    std::string out;
    for (char c : lower(s))
        if (is_digit(c) || (c >= 'a' && c <= 'z')) out.push_back(c);
    return out;
}

// Days since 1970-01-01 of a civil date and back (H. Hinnant's algorithms).
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = yoe + era * 400;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {static_cast<int>(y + (m <= 2)), m, d};
}

// Indonesian and English month names and their usual abbreviations.
int month_from_name(std::string_view word) {
    static const std::array<std::vector<std::string_view>, 12> names = {{
        {"januari", "january", "jan"},
        {"februari", "february", "feb", "pebruari", "peb"},
        {"maret", "march", "mar"},
        {"april", "apr"},
        {"mei", "may"},
        {"juni", "june", "jun"},
        {"juli", "july", "jul"},
        {"agustus", "august", "agu", "agt", "ags", "aug"},
        {"september", "sep", "sept"},
        {"oktober", "october", "okt", "oct"},
        {"november", "nov", "nop", "nopember"},
        {"desember", "december", "des", "dec"},
    }};
    const std::string w = lower(word);
    for (size_t m = 0; m < names.size(); ++m)
        for (auto n : names[m])
            if (w == n) return static_cast<int>(m) + 1;
    return 0;
}

std::vector<std::string> split_any(std::string_view s, std::string_view seps) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (seps.find(c) != std::string_view::npos) {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

template <class T>
Parsed<T> fail(const std::string& code) {
    Parsed<T> p;
    p.error = code;
    return p;
}

}  // namespace

std::string trim(std::string_view s) {
    // ASCII whitespace and the no-break space (U+00A0) Excel likes to keep.
    auto is_space = [](std::string_view v, size_t i, bool at_end) -> size_t {
        if (i >= v.size()) return 0;
        char c = v[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
        if (!at_end && c == '\xC2' && i + 1 < v.size() && v[i + 1] == '\xA0') return 2;
        if (at_end && c == '\xA0' && i > 0 && v[i - 1] == '\xC2') return 2;
        return 0;
    };
    size_t b = 0;
    while (size_t n = is_space(s, b, false)) b += n;
    size_t e = s.size();
    while (e > b) {
        size_t n = is_space(s, e - 1, true);
        if (!n) break;
        e -= n;
    }
    return std::string(s.substr(b, e - b));
}

Parsed<double> parse_number(std::string_view raw, bool numeric) {
    if (numeric) {  // written by the spreadsheet itself: C locale
        const std::string s = trim(raw);
        if (s.empty()) return fail<double>("field.required");
        errno = 0;
        char* end = nullptr;
        double v = std::strtod(s.c_str(), &end);
        if (errno != 0 || end != s.c_str() + s.size() || !std::isfinite(v)) return fail<double>("number.invalid");
        return {v, {}, {}};
    }
    auto p = i18n::parse_number(raw, i18n::Lang::id);
    if (p.value) return {*p.value, {}, {}};
    return {std::nullopt, p.error, p.hint};
}

std::optional<Date> excel_serial_date(double serial) {
    if (!(serial >= 1) || serial > 2958465) return std::nullopt;  // 9999-12-31
    const long whole = static_cast<long>(std::floor(serial));      // the fraction is a time of day
    if (whole == 60) return std::nullopt;                          // 29-02-1900 never existed
    const long base = days_from_civil(1899, 12, whole < 60 ? 31 : 30);
    Date d = civil_from_days(base + whole);
    if (!is_valid_date(d.year, d.month, d.day)) return std::nullopt;
    return d;
}

Parsed<Date> parse_date(std::string_view raw, bool numeric) {
    std::string s = trim(raw);
    if (s.empty()) return fail<Date>("field.required");
    if (numeric || (all_digits(s) && s.size() == 5)) {
        auto n = parse_number(s, true);
        auto d = n.value ? excel_serial_date(*n.value) : std::nullopt;
        if (!d) return fail<Date>("date.invalid");
        return {*d, {}, {}};
    }
    // ISO with a time ("1966-08-01 00:00:00", "1966-08-01T00:00"), as databases export.
    if (s.size() > 10 && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T')) s.resize(10);
    // "1 Agustus 1966", "01 Agt 1966": the month by name.
    auto parts = split_any(s, "-/. ");
    if (parts.size() == 3 && all_digits(parts[0]) && !all_digits(parts[1])) {
        const int month = month_from_name(parts[1]);
        if (!month || !all_digits(parts[2]) || parts[0].size() > 2) return fail<Date>("date.invalid");
        if (parts[2].size() != 4) return fail<Date>(parts[2].size() == 2 ? "date.two_digit_year" : "date.invalid");
        Date d{std::atoi(parts[2].c_str()), month, std::atoi(parts[0].c_str())};
        if (!is_valid_date(d.year, d.month, d.day)) return fail<Date>("date.impossible");
        return {d, {}, {}};
    }
    auto p = i18n::parse_date(s);
    if (p.value) return {*p.value, {}, {}};
    return fail<Date>(p.error.c_str());
}

Parsed<std::string> parse_golongan_text(std::string_view raw) {
    const std::string s = trim(raw);
    if (s.empty()) return fail<std::string>("field.required");
    if (auto g = parse_golongan(s)) return {format_golongan(*g), {}};
    // Inside a pangkat text: "Penata Muda, III/a", "Penata Muda Tk.I (III/b)",
    // "III-a". The last roman numeral followed by '/' or '-' and a letter a-e.
    for (size_t i = s.size(); i-- > 0;) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
        if (c < 'a' || c > 'e' || i < 2) continue;
        if (i + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 1]))) continue;
        size_t j = i;
        while (j > 0 && s[j - 1] == ' ') --j;
        if (j == 0 || (s[j - 1] != '/' && s[j - 1] != '-')) continue;
        --j;
        while (j > 0 && s[j - 1] == ' ') --j;
        size_t end = j;
        while (j > 0 && (s[j - 1] == 'I' || s[j - 1] == 'V' || s[j - 1] == 'i' || s[j - 1] == 'v')) --j;
        if (j == end || (j > 0 && std::isalpha(static_cast<unsigned char>(s[j - 1])))) continue;
        std::string candidate = s.substr(j, end - j) + "/" + std::string(1, c);
        if (auto g = parse_golongan(candidate)) return {format_golongan(*g), {}};
    }
    return fail<std::string>("golongan.unknown");
}

Parsed<Gender> parse_gender(std::string_view raw) {
    const std::string s = squeeze(raw);
    if (s.empty()) return fail<Gender>("field.required");
    for (auto m : {"l", "lk", "laki", "lakilaki", "pria", "male", "m", "1"})
        if (s == m) return {Gender::male, {}};
    for (auto f : {"p", "pr", "perempuan", "wanita", "female", "f", "w", "2"})
        if (s == f) return {Gender::female, {}};
    return fail<Gender>("import.bad_gender");
}

Parsed<std::string> parse_education(std::string_view raw) {
    const std::string s = squeeze(raw);
    if (s.empty()) return fail<std::string>("field.required");
    static const std::vector<std::pair<std::vector<std::string_view>, std::string_view>> table = {
        {{"sd", "sekolahdasar"}, "SD"},
        {{"smp", "sltp", "mts", "smpsederajat"}, "SMP"},
        {{"sma", "smk", "slta", "smasmk", "ma", "stm", "smea", "smu", "smasederajat"}, "SMA/SMK"},
        {{"d1", "di", "diploma1", "diplomai"}, "D-I"},
        {{"d2", "dii", "diploma2", "diplomaii"}, "D-II"},
        {{"d3", "diii", "diploma3", "diplomaiii"}, "D-III"},
        {{"d4", "div", "diploma4", "diplomaiv"}, "D-IV"},
        {{"s1", "sarjana", "strata1"}, "S-1"},
        {{"s2", "magister", "strata2"}, "S-2"},
        {{"s3", "doktor", "strata3"}, "S-3"},
    };
    for (const auto& [forms, level] : table)
        for (auto f : forms)
            if (s == f) return {std::string(level), {}};
    return fail<std::string>("employee.bad_education");
}

Parsed<std::string> parse_asn_type_text(std::string_view raw) {
    const std::string s = squeeze(raw);
    if (s.empty()) return fail<std::string>("field.required");
    if (s == "pns") return {"PNS", {}};
    if (s == "cpns") return {"CPNS", {}};
    if (s == "pppk" || s == "p3k") return {"PPPK", {}};
    return fail<std::string>("employee.bad_asn_type");
}

Parsed<Period> parse_period_text(std::string_view raw) {
    const std::string s = squeeze(raw);
    if (s.empty()) return fail<Period>("field.required");
    for (auto y : {"year", "tahun", "tahunan", "pertahun", "thn", "th"})
        if (s == y) return {Period::year, {}};
    for (auto m : {"month", "bulan", "bulanan", "perbulan", "bln"})
        if (s == m) return {Period::month, {}};
    for (auto w : {"week", "minggu", "mingguan", "perminggu", "pekan", "mgg"})
        if (s == w) return {Period::week, {}};
    for (auto d : {"day", "hari", "harian", "perhari", "hr"})
        if (s == d) return {Period::day, {}};
    return fail<Period>("abk.csv.bad_period");
}

Parsed<PositionKind> parse_position_kind(std::string_view raw) {
    const std::string s = squeeze(raw);
    if (s.empty()) return fail<PositionKind>("field.required");
    PositionKind k;
    if (parse(s, k)) return {k, {}};
    // Eselon longest numeral first: IV before III before II before I.
    if (s.rfind("pengawas", 0) == 0 || s.rfind("eseloniv", 0) == 0) return {PositionKind::pengawas, {}};
    if (s.rfind("administrator", 0) == 0 || s.rfind("eseloniii", 0) == 0) return {PositionKind::administrator, {}};
    if (s == "jpt" || s.rfind("jabatanpimpinantinggi", 0) == 0 || s.rfind("eselonii", 0) == 0 ||
        s.rfind("eseloni", 0) == 0)
        return {PositionKind::jpt, {}};
    if (s == "jft" || s.rfind("fungsional", 0) == 0 || s.rfind("jabatanfungsional", 0) == 0)
        return {PositionKind::fungsional, {}};
    if (s == "jfu" || s.rfind("pelaksana", 0) == 0 || s == "fungsionalumum" || s == "staf" || s == "staff")
        return {PositionKind::pelaksana, {}};
    return fail<PositionKind>("import.bad_position_kind");
}

Parsed<bool> parse_yes_no(std::string_view raw) {
    const std::string s = squeeze(raw);
    if (s.empty()) return {false, {}};
    for (auto y : {"ya", "y", "yes", "1", "true", "kepala"})
        if (s == y) return {true, {}};
    for (auto n : {"tidak", "t", "no", "n", "0", "false", "bukan"})
        if (s == n) return {false, {}};
    return fail<bool>("import.bad_yes_no");
}

std::string normalise_name(std::string_view s) {
    std::string spaced;
    for (char c : lower(s)) spaced.push_back(is_digit(c) || (c >= 'a' && c <= 'z') || (c & 0x80) ? c : ' ');
    static const std::vector<std::pair<std::string_view, std::string_view>> abbreviations = {
        {"kel", "kelurahan"}, {"kec", "kecamatan"}, {"kab", "kabupaten"}, {"pemko", "pemerintah kota"},
        {"sie", "seksi"},     {"kasi", "kepala seksi"}, {"sekcam", "sekretaris camat"},
        {"seklur", "sekretaris lurah"}, {"sekel", "sekretaris lurah"}, {"tu", "tata usaha"},
    };
    std::string out;
    for (const auto& word : split_any(spaced, " ")) {
        std::string_view w = word;
        for (const auto& [abbr, full] : abbreviations)
            if (w == abbr) w = full;
        if (!out.empty()) out.push_back(' ');
        out += w;
    }
    return out;
}

int edit_distance(std::string_view a, std::string_view b) {
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = static_cast<int>(i);
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace seimbang::io

#include "abk/csv_input.h"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>

#include "util/csv.h"

namespace seimbang::abk {

namespace {
constexpr std::array<std::string_view, 8> kHeader = {"unit", "position", "task", "output_unit",
                                                     "volume", "period", "norm_minutes", "holders"};
enum Col { kUnit, kPosition, kTask, kOutputUnit, kVolume, kPeriod, kNorm, kHolders };

bool parse_number(const std::string& s, double& out) {
    if (s.empty()) return false;
    errno = 0;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return errno == 0 && end == s.c_str() + s.size() && std::isfinite(out);
}

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}
}  // namespace

CsvInput read_csv(std::string_view text) {
    CsvInput in;
    csv::ParseError perr;
    auto records = csv::parse(text, &perr);
    if (!records) {
        in.errors.push_back({perr.line, "", perr.code, ""});
        return in;
    }
    if (records->empty()) {
        in.errors.push_back({1, "", "abk.csv.empty", ""});
        return in;
    }
    const auto& head = records->front();
    bool header_ok = head.fields.size() == kHeader.size();
    for (size_t i = 0; header_ok && i < kHeader.size(); ++i) header_ok = trim(head.fields[i]) == kHeader[i];
    if (!header_ok) {
        in.errors.push_back({head.line, "", "abk.csv.bad_header", "unit,position,task,output_unit,volume,period,norm_minutes,holders"});
        return in;
    }

    std::map<std::pair<std::string, std::string>, size_t> index;
    for (size_t r = 1; r < records->size(); ++r) {
        const auto& rec = (*records)[r];
        auto fail = [&](Col c, std::string code, const std::string& value) {
            in.errors.push_back({rec.line, std::string(kHeader[c]), std::move(code), value});
        };
        if (rec.fields.size() != kHeader.size()) {
            in.errors.push_back({rec.line, "", "abk.csv.field_count", std::to_string(rec.fields.size())});
            continue;
        }
        std::array<std::string, 8> f;
        for (size_t i = 0; i < f.size(); ++i) f[i] = trim(rec.fields[i]);
        const size_t before = in.errors.size();
        if (f[kUnit].empty()) fail(kUnit, "abk.csv.required", "");
        if (f[kPosition].empty()) fail(kPosition, "abk.csv.required", "");
        if (f[kTask].empty()) fail(kTask, "abk.csv.required", "");
        TaskInput t{f[kTask], f[kOutputUnit], 0, Period::year, 0};
        if (!parse_number(f[kVolume], t.volume)) fail(kVolume, "abk.csv.bad_number", f[kVolume]);
        else if (t.volume < 0) fail(kVolume, "abk.csv.negative", f[kVolume]);
        if (!parse(f[kPeriod], t.period)) fail(kPeriod, "abk.csv.bad_period", f[kPeriod]);
        if (!parse_number(f[kNorm], t.norm_minutes)) fail(kNorm, "abk.csv.bad_number", f[kNorm]);
        else if (t.norm_minutes < 0) fail(kNorm, "abk.csv.negative", f[kNorm]);
        double holders = 0;
        if (!parse_number(f[kHolders], holders) || holders != std::floor(holders))
            fail(kHolders, "abk.csv.bad_integer", f[kHolders]);
        else if (holders < 0 || holders > 100000) fail(kHolders, "abk.csv.negative", f[kHolders]);
        if (in.errors.size() != before) continue;

        auto key = std::make_pair(f[kUnit], f[kPosition]);
        auto [it, fresh] = index.try_emplace(key, in.positions.size());
        if (fresh) in.positions.push_back({f[kUnit], f[kPosition], static_cast<int>(holders), {}});
        auto& p = in.positions[it->second];
        if (p.holders != static_cast<int>(holders)) {
            fail(kHolders, "abk.csv.holders_mismatch", f[kHolders]);
            continue;
        }
        p.tasks.push_back(std::move(t));
    }
    if (in.errors.empty() && in.positions.empty()) in.errors.push_back({1, "", "abk.csv.no_rows", ""});
    if (!in.errors.empty()) in.positions.clear();
    return in;
}

}  // namespace seimbang::abk

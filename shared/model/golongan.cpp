#include "model/golongan.h"

#include <array>
#include <cctype>

namespace seimbang {

namespace {
constexpr std::array<std::string_view, 17> kPns = {
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a",
    "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"};
constexpr std::array<std::string_view, 17> kPangkat = {
    "Juru Muda", "Juru Muda Tingkat I", "Juru", "Juru Tingkat I",
    "Pengatur Muda", "Pengatur Muda Tingkat I", "Pengatur", "Pengatur Tingkat I",
    "Penata Muda", "Penata Muda Tingkat I", "Penata", "Penata Tingkat I",
    "Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Pembina Utama Madya", "Pembina Utama"};
constexpr std::array<std::string_view, 17> kPppk = {
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"};

std::string normalise(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        out.push_back(c);
    }
    // Roman numerals upper case, ruang letter lower case.
    auto slash = out.find('/');
    for (size_t i = 0; i < out.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(out[i]);
        out[i] = static_cast<char>((slash != std::string::npos && i > slash) ? std::tolower(c) : std::toupper(c));
    }
    return out;
}
}  // namespace

std::string_view to_string(AsnType t) {
    switch (t) {
        case AsnType::pns: return "PNS";
        case AsnType::cpns: return "CPNS";
        case AsnType::pppk: return "PPPK";
    }
    return "PNS";
}

std::optional<AsnType> parse_asn_type(std::string_view s) {
    if (s == "PNS" || s == "pns") return AsnType::pns;
    if (s == "CPNS" || s == "cpns") return AsnType::cpns;
    if (s == "PPPK" || s == "pppk") return AsnType::pppk;
    return std::nullopt;
}

std::optional<Golongan> parse_golongan(std::string_view s) {
    const std::string n = normalise(s);
    if (n.empty()) return std::nullopt;
    const auto& list = n.find('/') != std::string::npos ? kPns : kPppk;
    const auto scale = n.find('/') != std::string::npos ? GolonganScale::pns : GolonganScale::pppk;
    for (size_t i = 0; i < list.size(); ++i)
        if (list[i] == n) return Golongan{scale, static_cast<int>(i) + 1};
    return std::nullopt;
}

std::string format_golongan(Golongan g) {
    if (g.rank < 1 || g.rank > kGolonganCount) return {};
    const auto& list = g.scale == GolonganScale::pns ? kPns : kPppk;
    return std::string(list[static_cast<size_t>(g.rank - 1)]);
}

std::string_view pangkat_name(Golongan g) {
    if (g.scale != GolonganScale::pns || g.rank < 1 || g.rank > kGolonganCount) return {};
    return kPangkat[static_cast<size_t>(g.rank - 1)];
}

GolonganScale scale_for(AsnType t) { return t == AsnType::pppk ? GolonganScale::pppk : GolonganScale::pns; }

std::optional<int> compare(Golongan a, Golongan b) {
    if (a.scale != b.scale) return std::nullopt;
    return a.rank < b.rank ? -1 : (a.rank > b.rank ? 1 : 0);
}

}  // namespace seimbang

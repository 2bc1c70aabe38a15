// Rank (golongan) reference lists. PNS golongan/ruang (I/a .. IV/e, 17 grades)
// and PPPK golongan (I .. XVII) are separate scales and are never converted.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace seimbang {

enum class AsnType { pns, cpns, pppk };

std::string_view to_string(AsnType t);              // "PNS", "CPNS", "PPPK"
std::optional<AsnType> parse_asn_type(std::string_view s);

enum class GolonganScale { pns, pppk };

struct Golongan {
    GolonganScale scale = GolonganScale::pns;
    int rank = 0;  // 1-based position on its own scale (I/a = 1 .. IV/e = 17; I = 1 .. XVII = 17)
    bool operator==(const Golongan&) const = default;
};

// Parses "III/b" (PNS) or "IX" (PPPK). Accepts lower/upper case and spaces around '/'.
std::optional<Golongan> parse_golongan(std::string_view s);
std::string format_golongan(Golongan g);

// The PNS pangkat name, e.g. "Penata Muda" for III/a; empty for PPPK.
std::string_view pangkat_name(Golongan g);

// Which scale an ASN type uses: PNS and CPNS use golongan/ruang, PPPK its own.
GolonganScale scale_for(AsnType t);

// Comparison only within one scale: nullopt when the scales differ.
std::optional<int> compare(Golongan a, Golongan b);

constexpr int kGolonganCount = 17;

}  // namespace seimbang

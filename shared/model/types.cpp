#include "model/types.h"

#include <array>

namespace seimbang {

namespace {
template <typename E, size_t N>
bool parse_enum(std::string_view s, const std::array<std::string_view, N>& names, E& out) {
    for (size_t i = 0; i < N; ++i)
        if (names[i] == s) {
            out = static_cast<E>(i);
            return true;
        }
    return false;
}
constexpr std::array<std::string_view, 4> kOfficeKinds = {"kota", "kecamatan", "kelurahan", "seksi"};
constexpr std::array<std::string_view, 5> kPositionKinds = {"jpt", "administrator", "pengawas", "fungsional",
                                                            "pelaksana"};
constexpr std::array<std::string_view, 4> kPeriods = {"year", "month", "week", "day"};
constexpr std::array<std::string_view, 2> kGenders = {"L", "P"};  // laki-laki, perempuan
}  // namespace

std::string_view to_string(OfficeKind k) { return kOfficeKinds[static_cast<size_t>(k)]; }
std::string_view to_string(PositionKind k) { return kPositionKinds[static_cast<size_t>(k)]; }
std::string_view to_string(Period p) { return kPeriods[static_cast<size_t>(p)]; }
std::string_view to_string(Gender g) { return kGenders[static_cast<size_t>(g)]; }
bool parse(std::string_view s, OfficeKind& out) { return parse_enum(s, kOfficeKinds, out); }
bool parse(std::string_view s, PositionKind& out) { return parse_enum(s, kPositionKinds, out); }
bool parse(std::string_view s, Period& out) { return parse_enum(s, kPeriods, out); }
bool parse(std::string_view s, Gender& out) { return parse_enum(s, kGenders, out); }

const std::vector<std::string_view> kEducationLevels = {"SD", "SMP", "SMA/SMK", "D-I", "D-II",
                                                        "D-III", "D-IV", "S-1", "S-2", "S-3"};

const std::vector<std::string_view> kExitKinds = {"pensiun", "wafat", "pindah_instansi", "diberhentikan",
                                                  "lainnya"};

const std::vector<std::string_view> kManagerialCompetences = {
    "integritas", "kerjasama", "komunikasi", "orientasi_hasil",
    "pelayanan_publik", "pengembangan_diri", "mengelola_perubahan", "pengambilan_keputusan"};

}  // namespace seimbang

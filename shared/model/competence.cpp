#include "model/competence.h"

#include <algorithm>

namespace seimbang {

const std::vector<std::string_view> kTechnicalCompetences = {
    "administrasi", "kependudukan", "keuangan",           "pemerintahan",
    "ketertiban",   "pemberdayaan", "teknologi_informasi", "kepegawaian"};

std::vector<CompetenceFit> competence_fit(const CompetenceLevels& have, const CompetenceLevels& required) {
    std::vector<CompetenceFit> out;
    out.reserve(required.size());
    for (const auto& [tag, level] : required) {
        const auto it = have.find(tag);
        out.push_back({tag, level, it == have.end() ? 0 : it->second});
    }
    return out;
}

std::vector<std::string> competence_choices(const std::vector<std::string>& in_use) {
    std::vector<std::string> out;
    auto add = [&](std::string_view t) {
        if (std::find(out.begin(), out.end(), t) == out.end()) out.emplace_back(t);
    };
    for (auto t : kManagerialCompetences) add(t);
    for (auto t : kTechnicalCompetences) add(t);
    std::vector<std::string> rest = in_use;
    std::sort(rest.begin(), rest.end());
    for (const auto& t : rest) add(t);
    return out;
}

std::optional<std::string> competence_tag_from_text(std::string_view text) {
    std::string out;
    bool pending_sep = false;
    for (char ch : text) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == ' ' || c == '-' || c == '_' || c == '\t') {
            pending_sep = !out.empty();
            continue;
        }
        char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (!((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))) return std::nullopt;
        if (pending_sep) out += '_';
        pending_sep = false;
        out += lower;
    }
    if (out.empty() || out.size() > 64) return std::nullopt;
    return out;
}

}  // namespace seimbang

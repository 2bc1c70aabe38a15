#include "plan/eligibility.h"

namespace seimbang::plan {

bool golongan_in_range(Golongan g, const std::optional<Golongan>& min, const std::optional<Golongan>& max) {
    if (min) {
        auto c = compare(g, *min);
        if (c && *c < 0) return false;
    }
    if (max) {
        auto c = compare(g, *max);
        if (c && *c > 0) return false;
    }
    return true;
}

bool meets(const Levels& have, const Levels& required) {
    auto h = have.begin();
    for (const auto& [tag, level] : required) {
        while (h != have.end() && h->first < tag) ++h;
        if (h == have.end() || h->first != tag || h->second < level) return false;
    }
    return true;
}

int surplus(const Levels& have, const Levels& required) {
    int total = 0;
    auto h = have.begin();
    for (const auto& [tag, level] : required) {
        while (h != have.end() && h->first < tag) ++h;
        const int mine = (h != have.end() && h->first == tag) ? h->second : 0;
        total += mine - level;
    }
    return total;
}

bool eligible(const Employee& e, const Position& p) {
    return golongan_in_range(e.golongan, p.golongan_min, p.golongan_max) && meets(e.competences, p.required);
}

}  // namespace seimbang::plan

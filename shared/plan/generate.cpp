#include "plan/generate.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace seimbang::plan {

namespace {

struct Profile {
    Levels required;
    std::optional<Golongan> min, max;
};

// Ranks (PNS scale) that satisfy a profile's range.
std::pair<int, int> rank_range(const Profile& pr) {
    return {pr.min ? pr.min->rank : 1, pr.max ? pr.max->rank : kGolonganCount};
}

}  // namespace

Instance generate(const GenerateParams& gp) {
    Rng rng(gp.seed);
    Instance inst;
    inst.weights = gp.weights;
    for (int t = 0; t < gp.tags; ++t) inst.tags.push_back("k" + std::to_string(t));

    // Requirement profiles: two distinct tags at level 2–3, a golongan range
    // typical of pelaksana (II/a–III/b), staff (III/a–III/d) or open.
    std::vector<Profile> profiles(static_cast<size_t>(gp.classes));
    for (auto& pr : profiles) {
        const int a = rng.below(gp.tags);
        int b = rng.below(gp.tags - 1);
        if (b >= a) ++b;
        pr.required = {{a, 2 + rng.below(2)}, {b, 2 + rng.below(2)}};
        normalise(pr.required);
        switch (rng.below(3)) {
            case 0: pr.min = Golongan{GolonganScale::pns, 5}, pr.max = Golongan{GolonganScale::pns, 10}; break;
            case 1: pr.min = Golongan{GolonganScale::pns, 9}, pr.max = Golongan{GolonganScale::pns, 12}; break;
            default: break;
        }
    }

    // Career paths: each class lists a few related classes (earlier jobs).
    std::vector<std::vector<int>> related(profiles.size());
    for (auto& r : related)
        for (int k = 0; k < gp.related_classes; ++k) r.push_back(rng.below(gp.classes));
    std::vector<int> class_of_position;

    const double mean = static_cast<double>(gp.employees) / gp.positions;
    std::vector<double> weight(static_cast<size_t>(gp.positions));
    double total_weight = 0;
    for (int p = 0; p < gp.positions; ++p) {
        Position pos;
        pos.id = "P" + std::to_string(p + 1);
        pos.unit = "U" + std::to_string(p / 10 + 1);
        const int cls = rng.below(gp.classes);
        class_of_position.push_back(cls);
        const Profile& pr = profiles[static_cast<size_t>(cls)];
        pos.required = pr.required;
        pos.golongan_min = pr.min;
        pos.golongan_max = pr.max;
        // Need: mean ± imbalance, whole minutes (as ABK produces).
        const double need = mean * (1.0 + gp.imbalance * (2 * rng.unit() - 1));
        pos.workload_minutes = std::round(need * inst.weights.wke_minutes);
        inst.positions.push_back(std::move(pos));
        weight[static_cast<size_t>(p)] = 1.0 + gp.imbalance * (2 * rng.unit() - 1);
        total_weight += weight[static_cast<size_t>(p)];
    }

    // Holders per position drawn independently of the need: that is the imbalance.
    std::vector<int> origin;
    origin.reserve(static_cast<size_t>(gp.employees));
    for (int p = 0; p < gp.positions; ++p) {
        const int count = static_cast<int>(std::lround(weight[static_cast<size_t>(p)] / total_weight * gp.employees));
        for (int k = 0; k < count && static_cast<int>(origin.size()) < gp.employees; ++k) origin.push_back(p);
    }
    while (static_cast<int>(origin.size()) < gp.employees) origin.push_back(rng.below(gp.positions));

    for (int i = 0; i < gp.employees; ++i) {
        Employee e;
        e.id = "E" + std::to_string(i + 1);
        e.position = origin[static_cast<size_t>(i)];
        const Position& pos = inst.positions[static_cast<size_t>(e.position)];
        Profile pr{pos.required, pos.golongan_min, pos.golongan_max};
        auto [lo, hi] = rank_range(pr);
        e.golongan = Golongan{GolonganScale::pns, lo + rng.below(hi - lo + 1)};
        const bool unfit = rng.chance(gp.unfit_share);
        for (const auto& [tag, level] : pos.required) {
            const int l = unfit ? 1 : std::min(5, level + rng.below(3));
            e.competences.emplace_back(tag, l);
        }
        const auto& path = related[static_cast<size_t>(class_of_position[static_cast<size_t>(e.position)])];
        const int earlier = path.empty() ? 0 : rng.below(gp.history_jobs + 1);
        for (int k = 0; k < earlier; ++k) {
            const Profile& prev = profiles[static_cast<size_t>(path[static_cast<size_t>(rng.below(static_cast<int>(path.size())))])];
            for (const auto& [tag, level] : prev.required) e.competences.emplace_back(tag, std::min(5, level + rng.below(2)));
        }
        if (rng.chance(gp.training_share)) {
            // Two statements: the order of evaluation of function arguments is
            // unspecified (GCC and Clang differ), and the instance must not be.
            const int tag = rng.below(gp.tags);
            e.competences.emplace_back(tag, 1 + rng.below(3));
        }
        normalise(e.competences);
        e.movable = !rng.chance(gp.fixed_share);
        if (rng.chance(gp.request_share)) {
            const int count = 1 + rng.below(2);
            for (int k = 0; k < count; ++k) {
                const int r = rng.below(gp.positions);
                if (r != e.position) e.requests.push_back(r);
            }
            std::sort(e.requests.begin(), e.requests.end());
            e.requests.erase(std::unique(e.requests.begin(), e.requests.end()), e.requests.end());
        }
        inst.employees.push_back(std::move(e));
    }
    return inst;
}

}  // namespace seimbang::plan

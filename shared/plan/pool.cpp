#include "plan/pool.h"

#include <cmath>
#include <cstdint>
#include <map>
#include <tuple>
#include <unordered_map>

#include "plan/eligibility.h"

namespace seimbang::plan::detail {

namespace {

struct Requirement {
    Levels required;
    int min_scale, min_rank, max_scale, max_rank;  // -1 when absent
    auto key() const { return std::tie(required, min_scale, min_rank, max_scale, max_rank); }
    bool operator<(const Requirement& o) const { return key() < o.key(); }
};

Requirement requirement_of(const Position& p) {
    Requirement r{p.required, -1, -1, -1, -1};
    if (p.golongan_min) r.min_scale = static_cast<int>(p.golongan_min->scale), r.min_rank = p.golongan_min->rank;
    if (p.golongan_max) r.max_scale = static_cast<int>(p.golongan_max->scale), r.max_rank = p.golongan_max->rank;
    return r;
}

// What an employee's competences and golongan mean for every class: eligible or
// not, and the surplus (levels above the requirements). Memoised per profile:
// many employees share a profile.
struct ClassFit {
    std::vector<char> eligible;
    std::vector<int> surplus;
};

// FNV-style mixing for the hash maps below. Hash maps are only used for lookup;
// group and class numbers follow input order, so results stay deterministic.
inline void mix(std::uint64_t& h, std::uint64_t v) { h = (h ^ v) * 0x100000001b3ULL; }

struct FitKey {
    int scale, rank;
    Levels levels;
    bool operator==(const FitKey&) const = default;
};
struct FitKeyHash {
    std::size_t operator()(const FitKey& k) const {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        mix(h, static_cast<std::uint64_t>(k.scale * 64 + k.rank));
        for (const auto& [t, l] : k.levels) mix(h, static_cast<std::uint64_t>(t) * 8 + static_cast<std::uint64_t>(l));
        return static_cast<std::size_t>(h);
    }
};

using Arcs = std::vector<std::pair<int, std::int64_t>>;
struct GroupKey {
    int origin;
    Arcs hubs, direct;
    bool operator==(const GroupKey&) const = default;
};
struct GroupKeyHash {
    std::size_t operator()(const GroupKey& k) const {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        mix(h, static_cast<std::uint64_t>(k.origin));
        for (const auto& [i, c] : k.hubs) mix(h, static_cast<std::uint64_t>(i) ^ (static_cast<std::uint64_t>(c) << 20));
        mix(h, 0xffff);
        for (const auto& [i, c] : k.direct) mix(h, static_cast<std::uint64_t>(i) ^ (static_cast<std::uint64_t>(c) << 20));
        return static_cast<std::size_t>(h);
    }
};

}  // namespace

Pool build_pool(const Instance& inst, std::int64_t scale, bool pooling) {
    Pool pool;
    pool.scale = scale;
    const size_t np = inst.positions.size();
    pool.class_of.resize(np);
    pool.fixed.assign(np, 0);
    pool.movable.assign(np, 0);
    pool.reach.assign(np, 0);

    std::map<Requirement, int> class_ids;
    std::vector<const Position*> class_rep;
    for (size_t p = 0; p < np; ++p) {
        auto [it, added] = class_ids.emplace(requirement_of(inst.positions[p]), static_cast<int>(class_rep.size()));
        if (added) {
            class_rep.push_back(&inst.positions[p]);
            pool.class_members.emplace_back();
        }
        pool.class_of[p] = it->second;
        pool.class_members[static_cast<size_t>(it->second)].push_back(static_cast<int>(p));
    }
    const size_t nc = class_rep.size();

    std::unordered_map<FitKey, ClassFit, FitKeyHash> fits;
    auto fit_of = [&](const Employee& e) -> const ClassFit& {
        FitKey key{static_cast<int>(e.golongan.scale), e.golongan.rank, e.competences};
        auto it = fits.find(key);
        if (it != fits.end()) return it->second;
        ClassFit f;
        f.eligible.resize(nc);
        f.surplus.resize(nc);
        for (size_t c = 0; c < nc; ++c) {
            const Position& rep = *class_rep[c];
            f.eligible[c] = golongan_in_range(e.golongan, rep.golongan_min, rep.golongan_max) &&
                            meets(e.competences, rep.required);
            f.surplus[c] = surplus(e.competences, rep.required);
        }
        return fits.emplace(std::move(key), std::move(f)).first->second;
    };

    const Weights& w = inst.weights;
    auto scaled = [&](double v) { return static_cast<std::int64_t>(std::llround(v * static_cast<double>(scale))); };
    auto move_cost = [&](int gain, bool requested) {
        return scaled(w.move_cost - (requested ? w.request_bonus : 0.0) - w.fit_bonus * gain);
    };

    std::unordered_map<GroupKey, int, GroupKeyHash> group_ids;
    for (size_t i = 0; i < inst.employees.size(); ++i) {
        const Employee& e = inst.employees[i];
        const auto o = static_cast<size_t>(e.position);
        if (!e.movable) {
            ++pool.fixed[o];
            continue;
        }
        ++pool.movable[o];
        ++pool.total_movable;
        const ClassFit& f = fit_of(e);
        const int origin_surplus = f.surplus[static_cast<size_t>(pool.class_of[o])];
        Group g;
        g.origin = e.position;
        if (pooling) {
            for (size_t c = 0; c < nc; ++c) {
                if (!f.eligible[c]) continue;
                // A class whose only position is the origin offers no move.
                if (pool.class_members[c].size() == 1 && pool.class_members[c][0] == e.position) continue;
                g.hubs.emplace_back(static_cast<int>(c), move_cost(f.surplus[c] - origin_surplus, false));
            }
            for (int r : e.requests) {
                const auto rc = static_cast<size_t>(pool.class_of[static_cast<size_t>(r)]);
                if (f.eligible[rc]) g.direct.emplace_back(r, move_cost(f.surplus[rc] - origin_surplus, true));
            }
        } else {
            auto req = e.requests.begin();
            for (size_t p = 0; p < np; ++p) {
                const auto c = static_cast<size_t>(pool.class_of[p]);
                while (req != e.requests.end() && *req < static_cast<int>(p)) ++req;
                const bool requested = req != e.requests.end() && *req == static_cast<int>(p);
                if (p == o || !f.eligible[c]) continue;
                g.direct.emplace_back(static_cast<int>(p), move_cost(f.surplus[c] - origin_surplus, requested));
            }
        }
        if (!pooling) {
            g.members.push_back(static_cast<int>(i));
            pool.groups.push_back(std::move(g));
            continue;
        }
        GroupKey key{g.origin, g.hubs, g.direct};
        auto [it, added] = group_ids.emplace(std::move(key), static_cast<int>(pool.groups.size()));
        if (added) pool.groups.push_back(std::move(g));
        pool.groups[static_cast<size_t>(it->second)].members.push_back(static_cast<int>(i));
    }

    // reach[p]: how many movable employees could end up in p (an upper bound).
    std::vector<int> class_reach(nc, 0);
    for (const Group& g : pool.groups) {
        const int size = static_cast<int>(g.members.size());
        for (const auto& [c, cost] : g.hubs) class_reach[static_cast<size_t>(c)] += size;
        for (const auto& [p, cost] : g.direct) pool.reach[static_cast<size_t>(p)] += size;
    }
    for (size_t p = 0; p < np; ++p)
        pool.reach[p] += pool.movable[p] + class_reach[static_cast<size_t>(pool.class_of[p])];
    return pool;
}

}  // namespace seimbang::plan::detail

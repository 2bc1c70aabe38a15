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
    PostKind kind;                                 // classes never mix kinds of post
    std::string family;
    auto key() const { return std::tie(required, min_scale, min_rank, max_scale, max_rank, kind, family); }
    bool operator<(const Requirement& o) const { return key() < o.key(); }
};

Requirement requirement_of(const Position& p) {
    Requirement r{p.required, -1, -1, -1, -1, p.kind, p.family};
    if (p.golongan_min) r.min_scale = static_cast<int>(p.golongan_min->scale), r.min_rank = p.golongan_min->rank;
    if (p.golongan_max) r.max_scale = static_cast<int>(p.golongan_max->scale), r.max_rank = p.golongan_max->rank;
    return r;
}

// FNV-style mixing for the signature hash map. The map is only used for lookup;
// group numbers follow input order, so results stay deterministic.
struct SignatureHash {
    std::size_t operator()(const std::vector<std::int64_t>& key) const {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (std::int64_t v : key) h = (h ^ static_cast<std::uint64_t>(v)) * 0x100000001b3ULL;
        return static_cast<std::size_t>(h ^ (h >> 29));
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

    // Employees' levels are spread into one dense array (tag → level) while
    // their classes are tested: two array reads per requirement.
    std::vector<int> level(inst.tags.size() + 1, 0);
    std::vector<char> eligible(nc);
    std::vector<int> class_surplus(nc);
    auto fit = [&](const Employee& e) {
        for (const auto& [t, l] : e.competences)
            if (static_cast<size_t>(t) < level.size()) level[static_cast<size_t>(t)] = l;
        const Position& origin = inst.positions[static_cast<size_t>(e.position)];
        for (size_t c = 0; c < nc; ++c) {
            const Position& rep = *class_rep[c];
            // The origin's own class is always evaluated (its surplus is the origin part of the cost).
            bool ok = same_kind_transfer(inst.weights, origin, rep) &&
                      golongan_in_range(e.golongan, rep.golongan_min, rep.golongan_max);
            int s = 0;
            for (const auto& [t, l] : rep.required) {
                const int mine = static_cast<size_t>(t) < level.size() ? level[static_cast<size_t>(t)] : 0;
                ok = ok && mine >= l;
                s += mine - l;
            }
            eligible[c] = ok;
            class_surplus[c] = s;
        }
        for (const auto& [t, l] : e.competences)
            if (static_cast<size_t>(t) < level.size()) level[static_cast<size_t>(t)] = 0;
    };

    const Weights& w = inst.weights;
    auto scaled = [&](double v) { return static_cast<std::int64_t>(std::llround(v * static_cast<double>(scale))); };
    auto move_cost = [&](int gain, bool requested) {
        return scaled(w.move_cost - (requested ? w.request_bonus : 0.0) - w.fit_bonus * gain);
    };

    std::unordered_map<std::vector<std::int64_t>, int, SignatureHash> group_ids, type_ids;
    std::vector<std::int64_t> signature;
    for (size_t i = 0; i < inst.employees.size(); ++i) {
        const Employee& e = inst.employees[i];
        const auto o = static_cast<size_t>(e.position);
        if (!e.movable) {
            ++pool.fixed[o];
            continue;
        }
        ++pool.movable[o];
        ++pool.total_movable;
        fit(e);
        const int origin_surplus = class_surplus[static_cast<size_t>(pool.class_of[o])];
        Group g;
        g.origin = e.position;
        if (pooling) {
            // The type: eligible classes with the destination part of the cost.
            signature.clear();
            bool any = false;
            for (size_t c = 0; c < nc; ++c) {
                // A class whose only position is the origin is kept: dropping it
                // would make the type depend on the origin and pool less; the
                // path back to the origin costs move_cost ≥ 0 and decodes as a stay.
                if (!eligible[c]) continue;
                signature.push_back(static_cast<std::int64_t>(c));
                signature.push_back(scaled(-w.fit_bonus * class_surplus[c]));
                any = true;
            }
            if (any) {
                auto t = type_ids.find(signature);
                if (t == type_ids.end()) {
                    t = type_ids.emplace(signature, static_cast<int>(pool.types.size())).first;
                    Type type;
                    for (size_t k = 0; k < signature.size(); k += 2)
                        type.hubs.emplace_back(static_cast<int>(signature[k]), signature[k + 1]);
                    pool.types.push_back(std::move(type));
                }
                g.type = t->second;
                g.type_cost = scaled(w.move_cost + w.fit_bonus * origin_surplus);
            }
            for (int r : e.requests) {
                const auto rc = static_cast<size_t>(pool.class_of[static_cast<size_t>(r)]);
                if (eligible[rc]) g.direct.emplace_back(r, move_cost(class_surplus[rc] - origin_surplus, true));
            }
        } else {
            auto req = e.requests.begin();
            for (size_t p = 0; p < np; ++p) {
                const auto c = static_cast<size_t>(pool.class_of[p]);
                while (req != e.requests.end() && *req < static_cast<int>(p)) ++req;
                const bool requested = req != e.requests.end() && *req == static_cast<int>(p);
                if (p == o || !eligible[c]) continue;
                g.direct.emplace_back(static_cast<int>(p), move_cost(class_surplus[c] - origin_surplus, requested));
            }
        }
        if (!pooling) {
            g.members.push_back(static_cast<int>(i));
            pool.groups.push_back(std::move(g));
            continue;
        }
        // Group signature: origin, type, origin cost part, then (position, cost) pairs.
        signature.clear();
        signature.push_back(g.origin);
        signature.push_back(g.type);
        signature.push_back(g.type_cost);
        for (const auto& [p, cost] : g.direct) signature.push_back(p), signature.push_back(cost);
        auto it = group_ids.find(signature);
        if (it == group_ids.end()) {
            it = group_ids.emplace(signature, static_cast<int>(pool.groups.size())).first;
            if (g.type >= 0) pool.types[static_cast<size_t>(g.type)].groups.push_back(it->second);
            pool.groups.push_back(std::move(g));
        }
        pool.groups[static_cast<size_t>(it->second)].members.push_back(static_cast<int>(i));
    }

    // reach[p]: how many movable employees could end up in p (an upper bound).
    std::vector<int> class_reach(nc, 0);
    for (const Group& g : pool.groups) {
        const int size = static_cast<int>(g.members.size());
        if (g.type >= 0)
            for (const auto& [c, cost] : pool.types[static_cast<size_t>(g.type)].hubs)
                class_reach[static_cast<size_t>(c)] += size;
        for (const auto& [p, cost] : g.direct) pool.reach[static_cast<size_t>(p)] += size;
    }
    for (size_t p = 0; p < np; ++p)
        pool.reach[p] += pool.movable[p] + class_reach[static_cast<size_t>(pool.class_of[p])];
    return pool;
}

}  // namespace seimbang::plan::detail

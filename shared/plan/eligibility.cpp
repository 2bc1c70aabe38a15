#include "plan/eligibility.h"
#include "plan/eligibility_records.h"

#include <map>

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

int RequirementFit::not_met() const {
    int n = golongan_met ? 0 : 1;
    for (const auto& c : competences) n += c.met() ? 0 : 1;
    return n;
}

RequirementFit requirement_fit(const seimbang::Employee& e, const seimbang::Position& p) {
    RequirementFit fit;
    fit.competences = competence_fit(e.competences, p.requirements);
    const auto g = parse_golongan(e.golongan);
    std::optional<Golongan> lo, hi;
    const bool bounds_read = (p.golongan_min.empty() || (lo = parse_golongan(p.golongan_min))) &&
                             (p.golongan_max.empty() || (hi = parse_golongan(p.golongan_max)));
    fit.golongan_met = g && bounds_read && golongan_in_range(*g, lo, hi);
    return fit;
}

bool eligible_record(const seimbang::Employee& e, const seimbang::Position& p) { return requirement_fit(e, p).met(); }

PostClass post_class(const seimbang::Position& p) {
    switch (p.kind) {
        case PositionKind::pelaksana: return {PostKind::pelaksana, ""};
        case PositionKind::fungsional: return {PostKind::fungsional, p.name};
        case PositionKind::jpt:
        case PositionKind::administrator:
        case PositionKind::pengawas: return {PostKind::managerial, p.eselon.empty() ? std::string(to_string(p.kind)) : p.eselon};
    }
    return {};
}

bool same_kind_record(const seimbang::Position& from, const seimbang::Position& to, bool allow_managerial) {
    const PostClass a = post_class(from), b = post_class(to);
    Position pa, pb;  // the planner's form, judged by the planner's one rule
    pa.kind = a.kind, pa.family = a.family, pb.kind = b.kind, pb.family = b.family;
    Weights w;
    w.allow_managerial_moves = allow_managerial;
    return same_kind_transfer(w, pa, pb);
}

bool may_request(const seimbang::Employee& e, const seimbang::Position& from, const seimbang::Position& to) {
    return same_kind_record(from, to, true) && eligible_record(e, to);
}

bool eligible(const Employee& e, const Position& p) {
    return golongan_in_range(e.golongan, p.golongan_min, p.golongan_max) && meets(e.competences, p.required);
}

bool same_kind_transfer(const Weights& w, const Position& from, const Position& to) {
    if (from.kind != to.kind || from.family != to.family) return false;
    return from.kind != PostKind::managerial || w.allow_managerial_moves;
}

bool may_move(const Instance& inst, const Employee& e, int to) {
    const Position& dest = inst.positions[static_cast<size_t>(to)];
    return same_kind_transfer(inst.weights, inst.positions[static_cast<size_t>(e.position)], dest) &&
           eligible(e, dest);
}

}  // namespace seimbang::plan

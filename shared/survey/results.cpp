#include "survey/results.h"

#include <algorithm>
#include <map>

namespace seimbang::survey {

double index_of(double mean) { return (mean - 1.0) / 4.0 * 100.0; }

char category_of(double index) {
    const double ikm = 25.0 + 0.75 * index;  // the IKM's 25–100 range
    // (A hair of tolerance: 84.41 on our scale is 88.3075 IKM, which rounds to the band.)
    if (ikm >= 88.31 - 5e-3) return 'A';
    if (ikm >= 76.61 - 5e-3) return 'B';
    if (ikm >= 65.00 - 5e-3) return 'C';
    return 'D';
}

std::string category_key(char category) { return std::string("survey.category.") + category; }

GroupFigures figures(const Instrument& in, const std::vector<const Answer*>& answers) {
    GroupFigures g;
    const int n_items = in.item_count();
    std::vector<double> sum(in.facets.size(), 0.0);
    std::vector<int> count(in.facets.size(), 0);
    for (const Answer* a : answers) {
        if (!validate_answer(in, a->scores, a->comment).ok()) continue;
        ++g.answers;
        int item = 0;
        for (size_t f = 0; f < in.facets.size(); ++f)
            for (const auto& it : in.facets[f].items) {
                const int raw = a->scores[static_cast<size_t>(item++)] - '0';
                sum[f] += it.reverse ? 6 - raw : raw;
                ++count[f];
            }
        (void)n_items;
        if (!a->comment.empty()) g.comments.push_back(a->comment);
    }
    std::sort(g.comments.begin(), g.comments.end());
    if (g.answers == 0) return g;
    double total = 0;
    for (size_t f = 0; f < in.facets.size(); ++f) {
        FacetFigure ff;
        ff.facet_id = in.facets[f].id;
        ff.mean = sum[f] / count[f];
        ff.index = index_of(ff.mean);
        ff.category = category_of(ff.index);
        total += ff.mean;
        g.facets.push_back(ff);
    }
    g.mean = total / static_cast<double>(in.facets.size());
    g.index = index_of(g.mean);
    g.category = category_of(g.index);
    return g;
}

namespace {
GroupResult shown_or_not(std::string office, GroupFigures f, int k) {
    GroupResult r;
    r.office_id = std::move(office);
    r.shown = f.answers >= k;
    r.comments_shown = r.shown && static_cast<int>(f.comments.size()) >= k;
    if (r.shown) {
        r.figures = std::move(f);
        if (!r.comments_shown) r.figures.comments.clear();
    }
    return r;
}
}  // namespace

ScopeResults scope_results(const Instrument& in, const std::vector<Answer>& answers,
                           const std::vector<std::string>& office_order, int k) {
    ScopeResults out;
    out.k = std::max(k, 1);
    std::map<std::string, std::vector<const Answer*>> by_office;
    std::vector<const Answer*> all;
    for (const auto& a : answers) {
        by_office[a.office_id].push_back(&a);
        all.push_back(&a);
    }
    out.total = shown_or_not("", figures(in, all), out.k);
    std::vector<int> counts;  // valid answers per listed office (before hiding)
    for (const auto& o : office_order) {
        auto it = by_office.find(o);
        if (it == by_office.end()) continue;
        GroupFigures f = figures(in, it->second);
        if (f.answers == 0) continue;
        counts.push_back(f.answers);
        out.offices.push_back(shown_or_not(o, std::move(f), out.k));
    }
    // Complementary hiding: what the total minus the shown offices leaves must be
    // 0 or ≥ k answers (answers of unlisted offices count as hidden).
    if (out.total.shown) {
        int shown_sum = 0;
        for (size_t i = 0; i < out.offices.size(); ++i)
            if (out.offices[i].shown) shown_sum += counts[i];
        int hidden = out.total.figures.answers - shown_sum;
        while (hidden > 0 && hidden < out.k) {
            int pick = -1;
            for (size_t i = 0; i < out.offices.size(); ++i)
                if (out.offices[i].shown && (pick < 0 || counts[i] < counts[static_cast<size_t>(pick)]))
                    pick = static_cast<int>(i);
            if (pick < 0) {  // nothing left to hide: hide the total
                out.total = GroupResult{};
                break;
            }
            auto& o = out.offices[static_cast<size_t>(pick)];
            GroupResult hidden_office;
            hidden_office.office_id = o.office_id;
            o = std::move(hidden_office);
            hidden += counts[static_cast<size_t>(pick)];
        }
    }
    for (auto& o : out.offices)
        if (!o.shown) o.figures = GroupFigures{};
    // The same for comments: the total's list minus the shown offices' lists must
    // not be a list of 1..k−1 comments (it would tell whose office they are from).
    if (out.total.comments_shown) {
        int rest = static_cast<int>(out.total.figures.comments.size());
        for (const auto& o : out.offices)
            if (o.comments_shown) rest -= static_cast<int>(o.figures.comments.size());
        if (rest > 0 && rest < out.k)
            for (auto& o : out.offices) {
                o.comments_shown = false;
                o.figures.comments.clear();
            }
    }
    return out;
}

}  // namespace seimbang::survey

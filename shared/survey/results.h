// Survey results (docs/SURVEY.md "Results"): per facet the mean of the scored
// answers (reverse-worded items scored 6 − raw), an index 0–100 and a category,
// and the k rule: a group (an office, a facet of it, its comment list) is shown
// only when it holds at least k answers, and a shown total never lets a hidden
// group be worked out by subtraction. Pure functions, no database.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "survey/instrument.h"

namespace seimbang::survey {

// One stored answer, as the result computation sees it: the office it counts
// for, the raw digits (validate_answer) and the comment.
struct Answer {
    std::string office_id;
    std::string scores;
    std::string comment;
};

// Index 0–100 of a mean on the 1–5 scale: (mean − 1) / 4 × 100.
double index_of(double mean);
// IKM-style category (Permenpan RB 14/2017, domain.md) of an index 0–100: the
// index is mapped onto the IKM's 25–100 range (25 + 0.75 × index) and graded
// with its bands: A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D. On our index that is
// A ≥ 84.41, B ≥ 68.81, C ≥ 53.33.
char category_of(double index);
// String-table key of a category's words ("survey.category.A" → "Sangat Baik").
std::string category_key(char category);

struct FacetFigure {
    std::string facet_id;
    double mean = 0, index = 0;
    char category = 'D';
};

// The figures of one group of answers, before the k rule.
struct GroupFigures {
    int answers = 0;
    std::vector<FacetFigure> facets;  // instrument order
    double mean = 0, index = 0;       // overall: the mean of the facet means
    char category = 'D';
    std::vector<std::string> comments;  // non-empty ones, sorted (never in arrival order)
};
// `answers` must be valid for `in` (validate_answer); an invalid one is skipped.
GroupFigures figures(const Instrument& in, const std::vector<const Answer*>& answers);

// A group as shown: `shown` false means no figure of it may leave the server
// (answers is then 0 too: only "fewer than k" is said); comments are shown only
// when the group is shown and has at least k comments.
struct GroupResult {
    std::string office_id;  // "" for the scope's total
    bool shown = false;
    bool comments_shown = false;
    GroupFigures figures;
};

struct ScopeResults {
    int k = 5;
    GroupResult total;                 // every answer of the scope
    std::vector<GroupResult> offices;  // one per office with answers, in the order of `office_order`
};

// Groups answers by office and applies the k rule: an office is shown when it
// has ≥ k answers; when the hidden offices together hold 1..k−1 answers and the
// total is shown, the smallest shown offices are hidden too until the hidden
// ones hold ≥ k (or, failing that, the total is hidden), so the total minus the
// shown offices never reveals a group below k. `office_order`: offices listed
// (answers of other offices count in the total only).
ScopeResults scope_results(const Instrument& in, const std::vector<Answer>& answers,
                           const std::vector<std::string>& office_order, int k);

}  // namespace seimbang::survey

// Competence profiles (Permenpan RB 38/2017): an employee's levels against a
// position's minimum levels, and the tags the editors offer. Tags are stored as
// snake_case codes ("teknologi_informasi"); readable names come from the string
// table ("competence.<tag>").
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/types.h"

namespace seimbang {

// One required competence of a position, as the employee has it.
struct CompetenceFit {
    std::string tag;
    int required = 0;
    int have = 0;  // 0: the employee does not have it at all
    bool met() const { return have >= required; }
    int gap() const { return have >= required ? 0 : required - have; }
};

// Every requirement of `required`, in tag order, with the employee's level.
std::vector<CompetenceFit> competence_fit(const CompetenceLevels& have, const CompetenceLevels& required);

// The technical competences of the instansi's reference list (the tags the
// Marelan data and the string table know), after the 8 managerial ones.
extern const std::vector<std::string_view> kTechnicalCompetences;

// The tags an editor offers: managerial, technical, then any other tag found in
// `in_use` (an instansi may have its own), without duplicates.
std::vector<std::string> competence_choices(const std::vector<std::string>& in_use);

// A tag typed by a person ("Teknologi Informasi") as its stored code
// ("teknologi_informasi"): lower case, runs of spaces/dashes as one '_'.
// nullopt when it is empty, longer than 64 or has other characters than
// a-z, 0-9 and separators.
std::optional<std::string> competence_tag_from_text(std::string_view text);

}  // namespace seimbang

// The planner's eligibility judgement (eligibility.h) on the stored records,
// for a transfer request's destination (shared/workflow): golongan inside the
// position's bounds on the same scale and every required competence at its
// minimum level. A golongan that does not parse is not eligible. (Its own
// header: the record types share names with the planner's.)
#pragma once
#include <string>
#include <vector>

#include "model/competence.h"
#include "model/types.h"
#include "plan/instance.h"

namespace seimbang::plan {

bool eligible_record(const seimbang::Employee& e, const seimbang::Position& p);

// The same judgement spelled out for a person to read (an employee's fit on
// Pegawai, the holders on Unit & Jabatan): each required competence with the
// level held, and whether the golongan is inside the range.
// eligible_record(e, p) == requirement_fit(e, p).met().
struct RequirementFit {
    std::vector<CompetenceFit> competences;
    bool golongan_met = true;
    int not_met() const;  // competences below their minimum, plus one for the golongan
    bool met() const { return not_met() == 0; }
};
RequirementFit requirement_fit(const seimbang::Employee& e, const seimbang::Position& p);

// The kind of post of a stored position (instance.h PostKind) and its family: a
// jabatan fungsional keeps to its own name (the jenjang is part of it, so Ahli
// Pertama -> Ahli Muda is a promotion, not a transfer); a managerial post to its
// eselon (the kind when none is stored).
struct PostClass {
    PostKind kind = PostKind::pelaksana;
    std::string family;
};
PostClass post_class(const seimbang::Position& p);

// A transfer from `from` to `to` keeps the kind of post (the planner's rule,
// eligibility.h same_kind_transfer), managerial posts at the same level
// included when `allow_managerial`: what a transfer request may wish for.
bool same_kind_record(const seimbang::Position& from, const seimbang::Position& to, bool allow_managerial);

// Both rules a transfer request's wish must meet (what the workflow checks at
// submit): the same kind of post as the employee's own `from` and eligible.
bool may_request(const seimbang::Employee& e, const seimbang::Position& from, const seimbang::Position& to);

}  // namespace seimbang::plan

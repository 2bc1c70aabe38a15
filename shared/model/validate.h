// Field-level validation of records, independent of storage. Reference checks
// (does the position exist, is the NIP taken) are done by the store on top.
// Every issue carries a string-table code and the field it belongs to, so the UI
// can show it inline and the API can return it as is.
#pragma once
#include "model/result.h"
#include "model/types.h"

namespace seimbang {

Check validate_employee(const Employee& e);
Check validate_position(const Position& p);
Check validate_office(const Office& o);
Check validate_task(const AbkTask& t);
// A placement history entry: known cause, valid effective date, reason required
// for a correction, an archive and its undo; an archive names its exit kind.
Check validate_placement(const Placement& p);
Check validate_competences(const CompetenceLevels& c, const std::string& field);

}  // namespace seimbang

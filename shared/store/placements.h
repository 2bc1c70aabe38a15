// An employee's placement history (table `placements`) and the recorded changes
// that write it: a correction of office/position, an archive and its undo. Each
// change is ONE transaction: the employee record through save_employee (the
// normal write path, so the outbox gets it) and its history row through
// write_row. Transfers write their own rows (workflow/effective.cpp).
// Who may make a change (role, office scope) is checked by the caller (the app
// and, for a pushed change, the server's scope rules).
#pragma once
#include <string>
#include <vector>

#include "model/result.h"
#include "model/types.h"
#include "store/db.h"

namespace seimbang::store {

// What the person recorded: the effective date (YYYY-MM-DD), the reason, an
// optional reference (SK or letter number) and who recorded it.
struct PlacementNote {
    std::string tmt;
    std::string reason;
    std::string reference;
    std::string recorded_by;
    int64_t recorded_ms = 0;
};

// The employee's history, oldest first (by effective date, then recording time).
std::vector<Placement> list_placements(Db& db, const std::string& employee_id);

// Moves the employee to `position_id` of `office_id` (an empty position: no
// post in that office) as a recorded correction: cause "koreksi", reason
// required; the employee's TMT in post becomes the note's date. Refuses an
// archived employee and a "correction" that changes nothing.
Check correct_placement(Db& db, const std::string& employee_id, const std::string& office_id,
                        const std::string& position_id, const PlacementNote& note);

// Archives the employee (they leave ABK counts and lists) with why they left
// (`exit_kind`, one of kExitKinds) and a reason; cause "arsip".
Check archive_employee_recorded(Db& db, const std::string& employee_id, const std::string& exit_kind,
                                const PlacementNote& note);

// Undoes an archive (cause "batal_arsip", reason required). The record's rules
// apply again: a NIP taken meanwhile or a post archived meanwhile refuses it.
Check unarchive_employee(Db& db, const std::string& employee_id, const PlacementNote& note);

}  // namespace seimbang::store

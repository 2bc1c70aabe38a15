// Import of employees, positions and ABK tasks from a sheet (io/sheet.h) in two
// steps. plan_import is the dry run: it matches every row against the database
// (employees by NIP, positions by office + name, tasks by position + year + task
// text; offices by name, code or id with near-miss suggestions) and says what
// would be added, changed field by field, left alone, and which rows are refused
// with line, column and reason. Nothing is written. apply_import then saves the
// plan's records in ONE transaction through the repositories (store/repo.h), so
// they get the same validation and reach the sync outbox like any edit.
// Importing the same file again plans no change (docs/IMPORT.md).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "i18n/strings.h"
#include "io/mapping.h"
#include "io/sheet.h"
#include "model/result.h"
#include "model/types.h"
#include "store/db.h"

namespace seimbang::io {

enum class RowAction { add, change, same, refused, skipped };
std::string_view to_string(RowAction a);

struct FieldChange {
    std::string field, before, after;
    // What a person reads: the office's or position's name for office_id and
    // position_id (ids mean nothing to an operator), else the value itself.
    std::string before_label, after_label;
    const std::string& shown_before() const { return before_label.empty() ? before : before_label; }
    const std::string& shown_after() const { return after_label.empty() ? after : after_label; }
};

// A refusal (or a warning) about one place in the file.
struct RowIssue {
    int line = 0;         // 0: about the whole file
    std::string column;   // "C (Gol/Ruang)"; empty: the whole row
    std::string code;     // string-table key
    std::string detail;   // the offending value or context
    std::vector<std::string> suggestions;  // near misses ("Kelurahan Terjun")
    bool warning = false;
};

struct PlanRow {
    int line = 0;
    RowAction action = RowAction::same;
    std::string key;    // NIP, position name, or task text
    std::string id;     // the matched or new record id
    std::vector<FieldChange> changes;  // for action == change
    int record = -1;    // index into the plan's records of its kind (add/change)
};

struct ImportPlan {
    ImportKind kind = ImportKind::employees;
    Layout layout;
    bool file_refused = false;  // the file itself could not be read or mapped
    std::vector<PlanRow> rows;
    std::vector<RowIssue> issues;
    std::vector<Position> new_positions;  // created first when create_positions
    std::vector<Employee> employees;
    std::vector<Position> positions;
    std::vector<AbkTask> tasks;
    int added = 0, changed = 0, same = 0, refused = 0, skipped = 0;
    // Nothing refused: applying writes every planned row.
    bool ok() const { return !file_refused && refused == 0; }
};

// `scope_office_id`: only offices in this subtree are matched or written (an
// operator's own office); empty: every office (bkpsdm for the kota).
ImportPlan plan_import(store::Db& db, const Sheet& sheet, const Mapping& mapping,
                       const std::string& scope_office_id = {});
// An office by id, code, name or "Parent / Name", as rows are matched; nullopt
// with the issue (and near-miss suggestions) filled when none or several match.
std::optional<std::string> find_office(store::Db& db, const std::string& text, RowIssue& issue);
// A plan for a file that could not be read at all.
ImportPlan refused_file(ImportKind kind, const ReadError& error);

struct ApplyResult {
    Check check;           // ok, or why nothing was written
    int written = 0;       // records saved (new positions included)
};
// Writes the plan's added and changed rows in one transaction (all or nothing).
// Refused rows are never written; callers decide whether a plan with refusals
// may be applied at all (the CLI asks for --skip-refused).
ApplyResult apply_import(store::Db& db, const ImportPlan& plan);

// The plan as CSV (line, column, action, key, what, detail) in `lang`, every
// refused row and every change; for the user to keep or send back to the source.
std::string plan_report_csv(const ImportPlan& plan, i18n::Lang lang);
// One issue as text: "baris 7, kolom C (Gol/Ruang): Golongan tidak dikenal: III/f (mungkin: ...)".
std::string describe(const RowIssue& issue, i18n::Lang lang);

}  // namespace seimbang::io

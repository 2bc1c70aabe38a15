// The roll-up's summaries (docs/SCALE.md "National roll-up"): per (instansi,
// position) the holder count, and per (instansi, position, year) the task
// count and Σ volume × norm minutes of the active rows for each period. PostgreSQL keeps
// them up to date in the transaction that writes the rows they summarise: one
// statement-level trigger per table and event (INSERT, UPDATE, DELETE) adds
// the statement's new rows and subtracts its old ones from their transition
// tables — a push's merge, a seed's COPY and a workflow step alike, one
// aggregate per statement, not per row. The roll-up then reads ≈ one summary
// row per position instead of every employee and task.
#pragma once
#include <string>

namespace seimbang::national {

// The tables, the trigger functions and the triggers (idempotent). Part of
// national_schema_sql().
std::string summary_schema_sql();
// Recomputes both summaries from the stored rows (a store created before
// the summaries existed; tests compare the maintained figures with it).
std::string summary_rebuild_sql();
// The summaries as the rows would give them now, for comparison: rows of
// (what, instansi, position_id, year, count, minutes per year, month, week,
// day) where `what` is 'holders' or 'tasks', zero groups left out, in one order. `from_rows`:
// computed from employees and abk_tasks instead of read from the summaries.
std::string summary_listing_sql(bool from_rows);

}  // namespace seimbang::national
